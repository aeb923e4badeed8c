"""Cleaning benchmark: body kept and clutter dropped, per gold article and overall.

For every gold file under tests/data/clean_gold/ (the five samples and the articles written in
other layouts), it prints

- body kept: the share of gold body sentences (gold paragraphs split at final punctuation)
  found in the cleaned body paragraphs;
- clutter dropped: the share of gold clutter lines absent from the cleaned output (headline,
  subheadings and paragraphs); a short clutter line (< 8 characters, e.g. `0` or `공유`) counts as
  kept only when an output unit equals it, and a repeated headline or lead counts as kept when
  the output holds that text more often than the gold's headline, subheadings and body do;
- the same two figures for two baselines run on the same texts: "keep all lines" and trafilatura's
  own `extract` on the text wrapped as an HTML page (one <p> per line).

Run: python benchmarks/bench_clean.py
"""

from __future__ import annotations

import html
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarize.article.clean import clean  # noqa: E402
from summarize.article.ingest import read_path  # noqa: E402
from summarize.types import Source  # noqa: E402

GOLD_DIR = ROOT / "tests" / "data" / "clean_gold"
HELDOUT_DIR = ROOT / "tests" / "data" / "heldout" / "gold"
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])(?=\s)")


def sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_SPLIT.split(paragraph) if s.strip()]


def kosum_units(source: Source) -> tuple[list[str], list[str]]:
    """(body paragraphs, all kept units)."""
    cleaned = clean(source)
    body = [p.text for p in cleaned.paragraphs]
    extra = [s.text for s in cleaned.subheadings]
    if cleaned.headline:
        extra.append(cleaned.headline.text)
    return body, body + extra


def keep_all(source: Source) -> tuple[list[str], list[str]]:
    lines = [line.strip() for line in source.text.splitlines() if line.strip()]
    return lines, lines


def trafilatura_baseline(source: Source) -> tuple[list[str], list[str]]:
    from trafilatura import extract

    page = "<html><body><article>" + "".join(
        f"<p>{html.escape(line)}</p>" for line in source.text.splitlines() if line.strip()
    )
    out = extract(page + "</article></body></html>", include_comments=False) or ""
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    return lines, lines


def score(gold: dict, body: list[str], units: list[str]) -> tuple[int, int, int, int]:
    gold_sentences = [s for p in gold["paragraphs"] for s in sentences(p)]
    body_text = "\n".join(body)
    kept = sum(1 for s in gold_sentences if s in body_text)
    gold_units = [*gold["paragraphs"], *gold["subheadings"]]
    gold_units += [gold["headline"]] if gold["headline"] else []
    dropped = 0
    for line in gold["clutter"]:
        # A repeated headline or lead also occurs, once, where it belongs: it is dropped when the
        # output holds it no more often than the gold's kept parts do.
        dropped += occurrences(line, units) <= occurrences(line, gold_units)
    return kept, len(gold_sentences), dropped, len(gold["clutter"])


def occurrences(line: str, units: list[str]) -> int:
    if len(line) < 8:
        return sum(u == line for u in units)
    return sum(u.count(line) for u in units)


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "  n/a "


def metadata_hits(gold: dict, source: Source) -> tuple[int, int]:
    """Headline, outlet, reporters and published date-time equal to the gold's: (hits, 4)."""
    from summarize.article.metadata import extract_metadata

    cleaned = clean(source)
    meta = extract_metadata(source, cleaned)
    published = meta.published.isoformat() if meta.published else None
    headline = cleaned.headline.text if cleaned.headline else None
    hits = (
        (headline or "").strip() == (gold["headline"] or "").strip(),
        meta.outlet == gold["outlet"],
        list(meta.reporters) == list(gold["reporters"]),
        published == gold["published"],
    )
    return sum(hits), len(hits)


def run_set(title: str, gold_dir: Path) -> tuple[int, int, int, int]:
    systems: dict[str, Callable[[Source], tuple[list[str], list[str]]]] = {
        "kosum": kosum_units,
        "keep all lines": keep_all,
        "trafilatura extract": trafilatura_baseline,
    }
    totals = {name: [0, 0, 0, 0] for name in systems}
    meta_total = [0, 0]
    seconds = 0.0
    gold_paths = sorted(gold_dir.glob("*.json"))
    header = f"{'article':28} " + " ".join(f"{name:>26}" for name in systems) + "  meta"
    print(
        f"== {title}: body kept / clutter dropped"
        f" ({len(gold_paths)} articles, {gold_dir.relative_to(ROOT)})"
    )
    print(header)
    for gold_path in gold_paths:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        source = {s.id: s for s in read_path(str(ROOT / gold["path"]))}[gold["id"]]
        cells = []
        for name, system in systems.items():
            started = time.perf_counter()
            body, units = system(source)
            if name == "kosum":
                seconds += time.perf_counter() - started
            k, n, d, m = score(gold, body, units)
            for i, v in enumerate((k, n, d, m)):
                totals[name][i] += v
            cells.append(f"{pct(k, n)} / {pct(d, m)}")
        hits, of = metadata_hits(gold, source)
        meta_total[0] += hits
        meta_total[1] += of
        line = f"{gold_path.stem[:28]:28} " + " ".join(f"{c:>26}" for c in cells)
        print(f"{line}  {hits}/{of}")
    print("-" * len(header))
    cells = [f"{pct(t[0], t[1])} / {pct(t[2], t[3])}" for t in totals.values()]
    print(
        f"{'OVERALL':28} "
        + " ".join(f"{c:>26}" for c in cells)
        + f"  {meta_total[0]}/{meta_total[1]}"
    )
    k, n, d, m = totals["kosum"]
    print(f"kosum: {k}/{n} gold body sentences kept, {d}/{m} gold clutter lines dropped;")
    print(
        f"metadata (headline, outlet, reporters, published) {meta_total[0]}/{meta_total[1]} right;"
        f" clean() took {1000 * seconds:.1f} ms\n"
    )
    return k, n, d, m


def main() -> None:
    dev = run_set("DEV set (gold the rules were written against)", GOLD_DIR)
    held = run_set("HELD-OUT set (other layouts and outlets)", HELDOUT_DIR)
    print(f"summary  dev: body {pct(dev[0], dev[1])}  clutter {pct(dev[2], dev[3])}")
    print(f"    held-out: body {pct(held[0], held[1])}  clutter {pct(held[2], held[3])}")


if __name__ == "__main__":
    main()
