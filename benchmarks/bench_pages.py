"""Real pages benchmark: outlet, date and body of real news page openings (real-news-dev).

For the pages of one side of the fixed split (`benchmarks/realnews.py`: TUNE events and their
distractors, HELDOUT events and theirs) it prints, for kosum and two baselines run in the same
process on the same texts:

- outlet / date accuracy on the pages whose text shows them, and the wrong answers given (an
  outlet or date given that is not the label's, shown or not). These are counted by the
  product's scorer `../shared/eval/score_groups.py` itself, run as a subprocess on a
  `kosum.diff/1`-shaped file holding each article's `outlet` and `published` (its grouping line
  is ignored: this benchmark does not group);
- gold anchors kept as body: every anchor of `real-news-dev/gold/*.json` is an exact substring
  of a page and states a fact, so it must lie inside one cleaned body paragraph;
- body paragraphs that hold no gold anchor: the gold anchors every fact of every article, so a
  body paragraph with no anchor in it is mostly clutter kept as body (a proxy: a few are real
  sentences the gold did not need, such as an anchor's greeting or a question to a reporter).

Systems: kosum (clean + metadata, exactly what `kosum diff` reports for each article); "keep
all lines" (every line is body, no metadata); trafilatura (`bare_extraction` of the text wrapped
as an HTML page, one <p> per line, its `date` and `sitename`).

Run: python benchmarks/bench_pages.py [tune|heldout|all] [-v]
(-v lists each page's answers and the anchors lost.) The held-out side is run once after tuning;
its first run is the held-out figure (see README).
"""

from __future__ import annotations

import html
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import realnews  # noqa: E402

from summarize.article.clean import clean  # noqa: E402
from summarize.article.ingest import read_path  # noqa: E402
from summarize.article.metadata import extract_metadata  # noqa: E402
from summarize.types import Source  # noqa: E402

SPLITS = {
    "tune": realnews.TUNE + realnews.TUNE_DISTRACTORS,
    "heldout": realnews.HELDOUT + realnews.HELDOUT_DISTRACTORS,
}


@dataclass(frozen=True)
class Reading:
    """What a system made of one page: body paragraphs, outlet and published (ISO) or None."""

    body: list[str]
    outlet: str | None
    published: str | None


def kosum(source: Source) -> Reading:
    cleaned = clean(source)
    meta = extract_metadata(source, cleaned)
    published = meta.published.isoformat() if meta.published else None
    return Reading([p.text for p in cleaned.paragraphs], meta.outlet, published)


def keep_all(source: Source) -> Reading:
    return Reading([ln.strip() for ln in source.text.splitlines() if ln.strip()], None, None)


def trafilatura_baseline(source: Source) -> Reading:
    from trafilatura import bare_extraction

    page = "<html><body><article>" + "".join(
        f"<p>{html.escape(line)}</p>" for line in source.text.splitlines() if line.strip()
    )
    doc = bare_extraction(page + "</article></body></html>", with_metadata=True)
    found = doc.as_dict() if doc is not None else {}
    body = [ln.strip() for ln in (found.get("text") or "").splitlines() if ln.strip()]
    return Reading(body, found.get("sitename") or None, found.get("date") or None)


SYSTEMS: dict[str, Callable[[Source], Reading]] = {
    "kosum": kosum,
    "keep all lines": keep_all,
    "trafilatura": trafilatura_baseline,
}


def gold_anchors(events: tuple[str, ...]) -> dict[str, list[str]]:
    """`<event>/<file>.txt` -> the gold anchors in that page (events without gold: none)."""
    anchors: dict[str, list[str]] = {}
    for event in events:
        path = realnews.gold_path(event)
        if not path.is_file():
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        for fact in gold["facts"]:
            for gid, subs in fact["anchors"].items():
                anchors.setdefault(gold["articles"][gid], []).extend(subs)
    return anchors


def score_metadata(keys: list[str], readings: dict[str, Reading]) -> str:
    """The scorer's "where shown" line for these pages."""
    labels = realnews.labels()
    with tempfile.TemporaryDirectory() as tmp:
        label_path, pred_path = Path(tmp, "labels.json"), Path(tmp, "pred.json")
        label_path.write_text(json.dumps({k: labels[k] for k in keys}), encoding="utf-8")
        articles = [
            {"id": k, "path": k, "event": k, "outlet": r.outlet, "published": r.published}
            for k, r in readings.items()
        ]
        pred_path.write_text(json.dumps({"articles": articles, "events": []}), encoding="utf-8")
        run = subprocess.run(
            [sys.executable, str(realnews.EVAL / "score_groups.py"), str(label_path),
             str(pred_path), str(realnews.REAL_NEWS_DEV / "events")],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    shown = [ln for ln in run.stdout.splitlines() if ln.startswith("where shown")]
    return shown[0].removeprefix("where shown: ") if shown else run.stdout + run.stderr


def anchor_figures(reading: Reading, anchors: list[str]) -> tuple[int, list[str], int]:
    """(anchors kept inside one body paragraph, anchors lost, body paragraphs with no anchor)."""
    lost = [a for a in anchors if not any(a in p for p in reading.body)]
    unanchored = sum(1 for p in reading.body if not any(a in p or p in a for a in anchors))
    return len(anchors) - len(lost), lost, unanchored


def show_page(
    key: str, reading: Reading, label: dict, lost: list[str], anchors: list[str] | None
) -> None:
    """One page's answers beside the labels, the anchors lost and the unanchored body."""
    print(f"  {key:45} outlet {reading.outlet!s:12} (gold {label['outlet']})")
    print(f"  {'':45} published {reading.published!s:25} (gold {label['published']})")
    for a in lost:
        print(f"      lost anchor: {a[:60]}")
    for p in reading.body if anchors else []:
        if not any(a in p or p in a for a in anchors):
            print(f"      body with no anchor: {p[:60]}")


def run_split(name: str, verbose: bool) -> None:
    events = SPLITS[name]
    paths = realnews.files(events)
    keys = [f"{p.parent.name}/{p.name}" for p in paths]
    anchors = gold_anchors(events)
    labels = realnews.labels()
    n_anchors = sum(len(anchors.get(k, [])) for k in keys)
    print(f"== {name.upper()}: {len(paths)} pages, {n_anchors} gold anchors ({', '.join(events)})")
    for system_name, system in SYSTEMS.items():
        readings: dict[str, Reading] = {}
        kept = unanchored = 0
        for key, path in zip(keys, paths, strict=True):
            source = next(iter(read_path(str(path))))
            reading = readings[key] = system(source)
            k, lost, u = anchor_figures(reading, anchors.get(key, []))
            kept += k
            unanchored += u if key in anchors else 0
            if verbose and system_name == "kosum":
                show_page(key, reading, labels[key], lost, anchors.get(key))
        print(f"  {system_name:15} {score_metadata(keys, readings)}")
        print(f"  {'':15} anchors kept as body {kept}/{n_anchors}"
              f" ({100 * kept / max(n_anchors, 1):.1f}%); body paragraphs with no anchor"
              f" {unanchored}")  # fmt: skip
    print()


def main(argv: list[str]) -> None:
    if not realnews.available():
        print(f"real-news-dev not found at {realnews.REAL_NEWS_DEV}; nothing to measure")
        return
    verbose = "-v" in argv
    which = [a for a in argv if not a.startswith("-")] or ["tune"]
    splits = list(SPLITS) if which[0] == "all" else which
    for name in splits:
        if name not in SPLITS:
            raise SystemExit(f"unknown split {name!r}: tune, heldout or all")
        run_split(name, verbose)


if __name__ == "__main__":
    main(sys.argv[1:])
