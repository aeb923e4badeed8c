"""Corpus scale: `kosum corpus` on 10,000 generated articles with 1 and 2 workers, a resumed
rerun, story B³ against the true events, and an estimate for a month (1M articles).

The corpus (`corpus_gen.py`) is generated under /tmp from ../shared/data (sci-news-sum-kr-50,
the real-news-dev events with their near-miss distractors) and the samples: every base story
gives variants nine days apart with other figures, each reported by 1-25 outlets with thinned,
shuffled sentences, swapped words, a changed number now and then and 5% undated; 10 broken
records are mixed in. It is never written into the repository (real-news-dev text).

Printed: articles/s end to end with 1 and 2 workers (and the analysis stage alone), the load
average around each run (the machine is shared: throughput is only comparable between runs of
one session at a similar load), peak RSS of the whole process tree (driver + workers), seconds
per stage, worker CPU seconds per article per stage, story B³ (P / R / F1, `bcubed` of
../shared/eval/score_groups.py) against the true events with a same-day baseline, the rerun's
time against the first run's, grouping time and memory at 2,500 / 5,000 / 10,000 articles, and
the month estimate from those per-stage costs.

    python benchmarks/bench_corpus.py [--articles 10000] [--repeat 1] [--embedder e5]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
SHARED = ROOT.parent / "shared"
WORK = Path("/tmp/kosum-bench-corpus")
MONTH = 1_000_000


def build_corpus(n: int) -> tuple[list[Path], dict[str, str]]:
    import corpus_gen as gen

    bases = gen.sample_bases(ROOT / "samples")
    if (SHARED / "data/sci-news-sum-kr-50").is_dir():
        bases += gen.sci_bases(SHARED / "data/sci-news-sum-kr-50")
    if (SHARED / "data/real-news-dev/events").is_dir():
        bases += gen.folder_bases(SHARED / "data/real-news-dev/events")
    else:
        print("note: ../shared/data is absent; generating from the samples only")
    corpus = gen.generate(bases, n, seed=12)
    folder = WORK / f"in-{n}"
    shutil.rmtree(folder, ignore_errors=True)
    files = gen.write_corpus(corpus, folder, parts=8, broken=10)
    print(
        f"corpus: {len(corpus.records):,} records + 10 broken, {len(set(corpus.events.values())):,}"
        f" true events from {len(bases)} base stories, in {folder} "
        f"({sum(f.stat().st_size for f in files) / 1e6:.1f} MB)"
    )
    return files, corpus.events


# --- measuring ---------------------------------------------------------------------------------


class PeakRss:
    """Peak resident memory of this process and all its descendants, sampled every 0.2 s."""

    def __init__(self) -> None:
        self.peak = 0
        self.driver = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            try:
                mine = me.memory_info().rss
                total = mine + sum(_rss(c) for c in me.children(recursive=True))
            except psutil.Error:
                continue
            self.peak = max(self.peak, total)
            self.driver = max(self.driver, mine)
            self._stop.wait(0.2)


def _rss(process) -> int:
    import psutil

    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


def run(files: list[Path], out: Path, workers: int, embedder: str, engine: str = "local"):
    from summarize.corpus import CorpusSettings, run_corpus
    from summarize.corpus.stages import StorySettings

    settings = CorpusSettings(
        inputs=tuple(str(f) for f in files),
        out=out,
        engine=engine,
        workers=workers,
        story=StorySettings(embedder=embedder),
    )
    load = os.getloadavg()[0]
    with PeakRss() as rss:
        report = run_corpus(settings)
    return report, rss, (load, os.getloadavg()[0])


def bcubed_of(out: Path, gold: dict[str, str]) -> tuple[float, float, float]:
    import json

    spec = importlib.util.spec_from_file_location("score_groups", SHARED / "eval/score_groups.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    with open(out / "articles.jsonl", encoding="utf-8") as f:
        pred = {a["id"]: a["event"] for a in map(json.loads, f)}
    return scorer.bcubed(pred, {k: v for k, v in gold.items() if k in pred})


def same_day_baseline(out: Path, gold: dict[str, str]) -> tuple[float, float, float]:
    """Stories = published days (undated articles alone): what date blocking alone gives."""
    import json

    spec = importlib.util.spec_from_file_location("score_groups", SHARED / "eval/score_groups.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    with open(out / "articles.jsonl", encoding="utf-8") as f:
        pred = {a["id"]: (a["published"] or a["id"])[:10] for a in map(json.loads, f)}
    return scorer.bcubed(pred, {k: v for k, v in gold.items() if k in pred})


def reading_seconds(files: list[Path]) -> float:
    """The driver's serial share of the analysis stage: reading, normalising and hashing."""
    from summarize.corpus.reader import iter_records

    t = time.perf_counter()
    sum(1 for _ in iter_records([str(f) for f in files]))
    return time.perf_counter() - t


def grouping_scaling(out: Path) -> list[tuple[int, float, float]]:
    """(articles, seconds, MB allocated at peak) of one grouping call, as the corpus makes it
    (posting lists capped, `BlockSettings.max_postings`), on the first 2,500, 5,000 and all
    analysed articles' signals (from the run's cache). Memory is traced (tracemalloc) on a
    second call at the two smaller sizes only: tracing makes Python allocation slow."""
    import tracemalloc
    from dataclasses import replace

    from summarize.comparison.group import GroupSettings, group_signals
    from summarize.corpus.grouping import BlockSettings
    from summarize.corpus.state import unpack

    signals = []
    for sig in sorted((out / ".kosum-corpus/shards").glob("*.sig")):
        signals.extend(unpack(sig.read_bytes()))
    rows = []
    for n in (2_500, 5_000, len(signals)):
        part = signals[:n]
        settings = replace(GroupSettings(), max_postings=BlockSettings().postings(len(part)))
        t = time.perf_counter()
        group_signals(part, settings)
        seconds = time.perf_counter() - t
        peak = float("nan")
        if n < len(signals):
            tracemalloc.start()
            group_signals(part, settings)
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
        rows.append((len(part), seconds, peak))
    return rows


# --- the month estimate ------------------------------------------------------------------------


def month_estimate(
    report, read_s: float, grouping: list[tuple[int, float, float]], embedder: str
) -> None:
    """A month on N machines of 16 cores, from this run's per-article costs: the worker stages
    (analysis, alignment, grouping blocks) divided over the cores, the driver's reading,
    hashing and writing serial."""
    import math

    from summarize.corpus.grouping import BlockSettings

    n = report.articles
    per_article = {k: v / n for k, v in report.worker_seconds.items() if k in ("analyse", "align")}
    read_per = read_s / report.records
    write_per = report.seconds["write"] / n
    (n1, t1, _), (nm, _, mm), (n2, t2, _) = grouping
    kb = mm / nm * 1e3  # per article, at its peak
    exponent = math.log(t2 / t1) / math.log(n2 / n1) if n2 > n1 and t2 > t1 > 0 else 1.0
    settings = BlockSettings()
    per_day = MONTH / 30
    core_days = max(1, int(settings.max_articles // per_day))
    block = (core_days + settings.halo_days) * per_day
    blocks = math.ceil(30 / core_days)
    per_block = t2 * (block / n2) ** exponent
    block_gb = max(kb * block / 1e6, 1.0) if kb == kb else 1.0  # nan: not measured
    print(
        f"\nMeasured costs per article: analysis {per_article['analyse'] * 1e3:.1f} ms CPU, "
        f"alignment {per_article['align'] * 1e3:.1f} ms CPU (workers, embedder "
        f"{embedder}); driver: reading + hashing {read_per * 1e3:.2f} ms, writing "
        f"{write_per * 1e3:.2f} ms (serial). One grouping call: {t1:.1f} s at {n1:,}, {t2:.1f} s "
        f"at {n2:,} (grows as n^{exponent:.2f}), {kb:.0f} kB per article allocated at its "
        f"peak (at {nm:,})."
    )
    print(
        f"A month = {MONTH:,} articles, {per_day:,.0f} a day: {blocks} date blocks of "
        f"{core_days} day(s) + a {settings.halo_days}-day halo = {block:,.0f} articles each, "
        f"about {per_block / 60:.0f} min and {kb * block / 1e6:.1f} GB per block.\n"
    )
    print(
        "| machines x cores | analysis | grouping | alignment | driver (read + write) | total "
        "| dominated by |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    for machines in (1, 4, 16, 64):
        cores = machines * 16
        parts = {
            "analysis": MONTH * per_article["analyse"] / cores,
            # blocks at once: one per core, as many as 128 GB of memory per machine hold
            "grouping": math.ceil(blocks / max(1, min(cores, machines * int(128 / block_gb))))
            * per_block,
            "alignment": MONTH * per_article["align"] / cores,
            "driver": MONTH * (read_per + write_per),
        }
        total = sum(parts.values())
        top = max(parts, key=parts.get)
        print(
            f"| {machines} x 16 | {_hours(parts['analysis'])} | {_hours(parts['grouping'])} | "
            f"{_hours(parts['alignment'])} | {_hours(parts['driver'])} | {_hours(total)} | "
            f"{top} ({parts[top] / total:.0%}) |"
        )
    print(
        "\n(The worker stages are assumed to scale with the cores; grouping blocks run one per"
        " core as memory allows; the driver reads, hashes and writes serially, which bounds a"
        " large cluster. The stages run one after the other.)"
    )


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:.2f} h" if seconds >= 360 else f"{seconds / 60:.1f} min"


# --- main ----------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=1, help="runs of each worker count")
    ap.add_argument("--embedder", default="e5")
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    files, gold = build_corpus(args.articles)
    runs: dict[int, list] = {1: [], 2: []}
    for r in range(args.repeat):
        for workers in (1, 2) if r % 2 == 0 else (2, 1):
            out = WORK / f"out-{workers}w"
            shutil.rmtree(out, ignore_errors=True)
            runs[workers].append(run(files, out, workers, args.embedder))
            _print_run(f"{workers} worker{'s' if workers > 1 else ''}", *runs[workers][-1])
    first, _, _ = runs[2][-1]
    again, rss, load = run(files, WORK / "out-2w", 2, args.embedder)
    _print_run("2 workers, rerun on the same --out", again, rss, load)

    print(
        "\n| run | articles/s end to end | analysis stage articles/s "
        "| load average (before, after) |"
    )
    print("|---|---:|---:|---|")
    for workers, results in runs.items():
        for report, _, (before, after) in results:
            print(
                f"| {workers} worker(s) | {report.articles / report.seconds['total']:.1f} | "
                f"{report.articles / report.seconds['analyse']:.1f} | {before:.2f}, {after:.2f} |"
            )
    best = {w: max(r.articles / r.seconds["total"] for r, _, _ in rs) for w, rs in runs.items()}
    print(f"\nSpeed-up, 2 workers over 1 (best runs): {best[2] / best[1]:.2f}x (target >= 1.7x)")
    peak = max(rss.peak for rs in runs.values() for _, rss, _ in rs) / 1e9
    print(f"Peak RSS, whole process tree: {peak:.2f} GB (target < 4 GB)")
    ratio = again.seconds["total"] / first.seconds["total"]
    print(
        f"Rerun: {again.seconds['total']:.1f} s against {first.seconds['total']:.1f} s, "
        f"{ratio:.1%} of the first run (target < 10%)"
    )
    p, r, f = bcubed_of(WORK / "out-2w", gold)
    bp, br, bf = same_day_baseline(WORK / "out-2w", gold)
    print(f"Story B³ against the true events: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"Baseline, one story per published day: P {bp:.3f} R {br:.3f} F1 {bf:.3f}")
    read_s = reading_seconds(files)
    grouping = grouping_scaling(WORK / "out-2w")
    for n, seconds, mb in grouping:
        print(
            f"Grouping {n:,} articles in one call: {seconds:.1f} s, {mb:.0f} MB allocated at peak"
        )
    month_estimate(first, read_s, grouping, args.embedder)


def _print_run(label: str, report, rss: PeakRss, load: tuple[float, float]) -> None:
    s, w = report.seconds, report.worker_seconds
    print(
        f"\n{label}: {report.records:,} records -> {report.articles:,} articles, "
        f"{report.errors} errors, {report.stories:,} stories, {report.facts:,} facts, "
        f"{report.conflicts:,} conflicts; cached: {report.shards_cached}/{report.shards} shards, "
        f"grouping {report.grouping_cached}, {report.stories_cached:,} stories"
    )
    print(
        f"  wall: total {s['total']:.1f} s = analyse {s['analyse']:.1f} + group {s['group']:.1f}"
        f" + align {s['align']:.1f} + write {s['write']:.1f}; worker CPU: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in w.items())
    )
    print(
        f"  peak RSS {rss.peak / 1e9:.2f} GB (driver {rss.driver / 1e9:.2f} GB); load average "
        f"{load[0]:.2f} -> {load[1]:.2f}"
    )


if __name__ == "__main__":
    main()
