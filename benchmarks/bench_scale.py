"""Scale: 1,000 articles (100 events x 10 outlets) grouped and aligned; target < 60 s and
< 2 GB of memory, and grouping alone <= 5 s with pair scores far below all pairs.

Events are generated from the 50 articles of ../shared/data/sci-news-sum-kr-50 and the five
samples: each base article gives two events (its first and its second half of sentences,
published on different days), and each event is rewritten by ten "outlets" by perturbation:
every outlet keeps a random 70% of the event's sentences, shuffles the middle, swaps a few
adjacent words, changes a number now and then (a conflict), and adds one sentence from an
unrelated article. Five events share each publication day, so date blocking alone cannot
separate them. Articles are built with `summarize.load` (JSON records), which is timed
separately from grouping and alignment.

    python benchmarks/bench_scale.py [--events 100] [--outlets 10] [--embedder none|e5]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCI = ROOT.parent / "shared" / "data" / "sci-news-sum-kr-50"
OUTLETS = [
    "연합뉴스",
    "한겨레",
    "조선일보",
    "중앙일보",
    "동아일보",
    "경향신문",
    "한국일보",
    "서울신문",
    "국민일보",
    "세계일보",
    "뉴스1",
    "뉴시스",
]


def bases() -> list[tuple[str, list[str]]]:
    import summarize

    out = []
    if SCI.is_dir():
        for p in sorted(SCI.glob("*.json")):
            d = json.loads(p.read_text(encoding="utf-8"))
            sents = [s.strip().rstrip(".") + "." for s in d["sentences"] if len(s.strip()) > 15]
            out.append((d["title"], sents))
    for p in sorted((ROOT / "samples").iterdir()):
        a = summarize.load(p)
        out.append((a.title or a.id, [s.text for s in a.body_sentences if len(s) > 15]))
    return out


def perturb(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    if len(words) > 4 and rng.random() < 0.3:
        k = rng.randrange(len(words) - 1)
        words[k], words[k + 1] = words[k + 1], words[k]
    text = " ".join(words)
    if rng.random() < 0.1:
        text = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), text, count=1)
    return text


def generate(n_events: int, n_outlets: int, seed: int = 0) -> tuple[list[dict], list[int]]:
    rng = random.Random(seed)
    base = bases()
    events = []
    for e in range(n_events):
        title, sents = base[e % len(base)]
        half = len(sents) // 2
        pool = sents[:half] if e < len(base) else sents[half:]
        events.append((title, pool[:12] or sents[:12]))
    records, labels = [], []
    for e, (title, pool) in enumerate(events):
        day = date(2024, 1, 1) + timedelta(days=e % (n_events // 5 or 1))
        for o in range(n_outlets):
            keep = [s for s in pool if rng.random() < 0.7] or pool[:1]
            if len(keep) > 3:
                mid = keep[1:-1]
                rng.shuffle(mid)
                keep = [keep[0], *mid, keep[-1]]
            other = events[rng.randrange(len(events))][1]
            body = [perturb(s, rng) for s in keep]
            if other:
                body.insert(rng.randrange(len(body) + 1), rng.choice(other))
            records.append(
                {
                    "title": perturb(title, rng),
                    "body": "\n\n".join(body),
                    "outlet": OUTLETS[o % len(OUTLETS)],
                    "published": f"{day.isoformat()}T{9 + o % 10:02d}:00:00+09:00",
                }
            )
            labels.append(e)
    return records, labels


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100)
    ap.add_argument("--outlets", type=int, default=10)
    ap.add_argument(
        "--embedder",
        default="e5",
        help="e5 (the product default), none, or a sentence-transformers model",
    )
    args = ap.parse_args()
    if not SCI.is_dir():
        print(f"note: {SCI} is absent; generating from the samples only")

    import tempfile

    import summarize
    from summarize.analysis import kiwi
    from summarize.comparison.diff import compare
    from summarize.comparison.group import GroupStats, group_events

    kiwi()
    records, labels = generate(args.events, args.outlets)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scale.jsonl"
        path.write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
        )
        t = time.perf_counter()
        articles, errors = summarize.load_all([path])
        t_load = time.perf_counter() - t
    assert not errors, errors[:3]
    n_claims = sum(len(a.claims) for a in articles)

    stats: list[GroupStats] = []
    t = time.perf_counter()
    events = group_events(articles, stats=stats)
    t_group = time.perf_counter() - t
    timings: dict[str, float] = {}
    t = time.perf_counter()
    comparison = compare(articles, embedder=args.embedder, timings=timings)
    t_compare = time.perf_counter() - t
    rss_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024

    # grouping quality: pairwise precision/recall of "same event"
    label = {a.id: labels[k] for k, a in enumerate(articles)}
    pred_pairs = tp = 0
    for ev in events:
        ids = ev.articles
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                pred_pairs += 1
                tp += label[ids[x]] == label[ids[y]]
    gold_pairs = args.events * args.outlets * (args.outlets - 1) // 2
    shared = sum(1 for f in comparison.facts if len(f.articles) > 1)

    print(
        f"{len(articles)} articles ({args.events} events x {args.outlets} outlets), "
        f"{n_claims} claims, embedder={args.embedder}"
    )
    print()
    print("| step | figure |")
    print("|---|---:|")
    print(f"| load + analyse (not part of the target) | {t_load:.1f} s |")
    print(f"| group alone | {t_group:.1f} s |")
    print(
        f"| pair scores computed / all pairs | {stats[0].pair_scores:,} / "
        f"{stats[0].possible_pairs:,} |"
    )
    print(f"| events found (gold {args.events}) | {len(events)} |")
    print(
        f"| grouping pair precision / recall | {tp / max(1, pred_pairs):.3f} / "
        f"{tp / max(1, gold_pairs):.3f} |"
    )
    print(
        f"| compare (group + align + diff) | {t_compare:.1f} s "
        f"(group {timings['group']:.1f}, align {timings['align']:.1f}, "
        f"conflicts {timings['conflicts']:.1f}) |"
    )
    print(
        f"| facts / shared by 2+ outlets / conflicts | {len(comparison.facts):,} / "
        f"{shared:,} / {len(comparison.conflicts):,} |"
    )
    print(f"| peak memory (RSS, whole process) | {rss_gb:.2f} GB |")
    ok = t_compare < 60 and rss_gb < 2
    print(f"\nTarget (< 60 s, < 2 GB): {'met' if ok else 'NOT met'}.")
    print(f"Grouping target (<= 5 s): {'met' if t_group <= 5 else 'NOT met'}.")


if __name__ == "__main__":
    main()
