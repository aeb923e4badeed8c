"""real-news-dev (`../shared/data/real-news-dev/`): where it is, and how it is split.

The split is fixed once for every benchmark that tunes on real coverage (pages, grouping,
alignment): settings are chosen on the TUNE events and their near-miss distractors; the HELDOUT
events and theirs are run once after tuning, and that first run is the held-out figure reported.
The split was chosen before any of those benchmarks existed, by event, so that no outlet's
page of a held-out event was read while tuning.

The texts are the outlets' own: read them from ../shared at run time, never copy them here.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL_NEWS_DEV = ROOT.parent / "shared" / "data" / "real-news-dev"
EVAL = ROOT.parent / "shared" / "eval"

TUNE = ("birth-stats-2023-prelim", "bok-rate-cut-2024-10", "samsung-q2-2024-prelim")
HELDOUT = ("gov-network-outage-2023-11", "nuri-launch-3-2023-05")
#: near-miss distractors (one article each), on the side of the split of the story they mimic
TUNE_DISTRACTORS = ("birth-stats-2019-final", "bok-rate-cut-2012-10", "samsung-q2-2019-prelim")
HELDOUT_DISTRACTORS = (
    "nirs-datacenter-fire-2025-09",
    "ms-cloud-outage-2024-07",
    "nuri-launch-4-2025-11",
)


def available() -> bool:
    return (REAL_NEWS_DEV / "labels.json").is_file()


def labels() -> dict[str, dict]:
    """labels.json: `<event>/<outlet>.txt` -> outlet, published, story, ..."""
    return json.loads((REAL_NEWS_DEV / "labels.json").read_text(encoding="utf-8"))


def files(events: tuple[str, ...] | list[str]) -> list[Path]:
    """The article files of the given event folders, sorted."""
    out: list[Path] = []
    for event in events:
        out.extend(sorted((REAL_NEWS_DEV / "events" / event).glob("*.txt")))
    return out


def gold_path(event: str) -> Path:
    return REAL_NEWS_DEV / "gold" / f"{event}.json"


def event_dir(event: str) -> Path:
    return REAL_NEWS_DEV / "events" / event
