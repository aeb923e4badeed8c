"""Alignment on real coverage (../shared/data/real-news-dev, read in place; skipped without it).

Scored by the product's scorer `../shared/eval/score_alignment.py` on the `kosum.diff/1`
document, as `benchmarks/bench_align.py` does. The floors asserted here are far below the figures
the benchmark reports: they catch a broken pipeline, not a small regression.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from pathlib import Path

import pytest

import summarize
from summarize.render.diff_json import claim_json, comparison_dict

ROOT = Path(__file__).resolve().parents[1]


def _score(real_news_dev: Path, event: str, document: dict, tmp_path: Path) -> str:
    scorer_path = real_news_dev.parents[1] / "eval" / "score_alignment.py"
    if not scorer_path.is_file():
        pytest.skip(f"{scorer_path} is absent")
    spec = importlib.util.spec_from_file_location("score_alignment", scorer_path)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    gold = real_news_dev / "gold" / f"{event}.json"
    with contextlib.redirect_stdout(out):
        scorer.main(["score", str(gold), str(pred), str(real_news_dev / "events" / event)])
    return out.getvalue()


@pytest.fixture(scope="module")
def bok(real_news_dev):
    paths = sorted((real_news_dev / "events" / "bok-rate-cut-2024-10").glob("*.txt"))
    return summarize.compare([summarize.load(p) for p in paths], embedder=None)


def test_rate_cut_event_aligns_far_above_chance(bok, real_news_dev, tmp_path):
    out = _score(real_news_dev, "bok-rate-cut-2024-10", comparison_dict(bok), tmp_path)
    f1 = float(out.rsplit("F1=", 1)[1].split()[0])
    assert f1 >= 0.6, out


def test_facts_are_cohesive_and_hold_one_claim_per_article(bok):
    for fact in bok.facts:
        articles = [c.source.id for c in fact.claims]
        assert len(articles) == len(set(articles)), fact.canonical
        for c in fact.claims:
            assert c.source.text[c.start : c.end] == c.text
            assert claim_json(c)["text"] == c.text


def test_statistics_release_gets_at_most_one_conflict(real_news_dev):
    """Every outlet copied one official release: figures differ in format and rounding only."""
    paths = sorted((real_news_dev / "events" / "birth-stats-2023-prelim").glob("*.txt"))
    comparison = summarize.compare([summarize.load(p) for p in paths], embedder=None)
    assert len(comparison.conflicts) <= 1, [c.detail for c in comparison.conflicts]
