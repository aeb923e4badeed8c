"""The public API on the samples: `load`, `load_all`, `summarize`, `compare`."""

from __future__ import annotations

from pathlib import Path

import pytest

import summarize
from summarize import Article, InputError


def test_load_accepts_str_path_text_and_article(sample_paths: list[Path], kiwi) -> None:
    path = sample_paths[0]
    by_str = summarize.load(str(path))
    by_path = summarize.load(path)
    assert by_str.id == by_path.id == path.stem
    assert by_str.path == str(path)
    assert by_str.title and by_str.outlet == by_path.outlet
    assert [s.text for s in by_str.sentences] == [s.text for s in by_path.sentences]

    by_text = summarize.load(path.read_text(encoding="utf-8-sig"), id="pasted")
    assert by_text.id == "pasted"
    assert by_text.title == by_str.title and by_text.outlet == by_str.outlet
    assert summarize.load(by_str) is by_str


def test_load_errors_name_the_input(sample_paths: list[Path], tmp_path: Path, kiwi) -> None:
    missing = tmp_path / "없는기사.txt"
    with pytest.raises(InputError, match=r"없는기사\.txt: no such file"):
        summarize.load(str(missing))  # a path, not taken for article text
    with pytest.raises(InputError, match=f"holds {len(sample_paths)} articles; use load_all"):
        summarize.load(sample_paths[0].parent)
    with pytest.raises(InputError, match="empty"):
        summarize.load("")


def test_load_all_reads_a_directory_and_reports_bad_inputs(
    sample_paths: list[Path], tmp_path: Path, kiwi
) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    calls: list[int] = []
    articles, errors = summarize.load_all([sample_paths[0].parent, bad], progress=calls.append)
    assert [a.id for a in articles] == [p.stem for p in sample_paths]
    assert len(errors) == 1 and errors[0].name == str(bad)
    assert sum(calls) == len(sample_paths) + 1


def test_summarize_spans_reproduce_the_text(sample_articles: dict[str, Article]) -> None:
    article = next(iter(sample_articles.values()))
    summary = summarize.summarize(article, method="extractive")
    assert summary.article == article.id and summary.method == "extractive"
    assert 1 <= len(summary.sentences) <= 4 and summary.sentences[0].role == "gist"
    for sentence in summary.sentences:
        assert sentence.support
        for span in sentence.support:
            assert span.source is article.source
            assert article.source.text[span.start : span.end] == span.text
    # raw text in, the same summary out
    again = summarize.summarize(article.text, method="extractive")
    assert [s.text for s in again.sentences] == [s.text for s in summary.sentences]


def test_compare_groups_the_kakao_day_together(
    sample_paths: list[Path], sample_articles: dict[str, Article]
) -> None:
    articles = list(sample_articles.values())
    # paths and Articles may be mixed
    comparison = summarize.compare([sample_paths[0], *articles[1:]], embedder="none")
    ids = [a.id for a in articles]
    groups = {frozenset(e.articles) for e in comparison.events}
    assert frozenset(ids[:3]) in groups
    assert frozenset([ids[3]]) in groups and frozenset([ids[4]]) in groups
    shared = [f for f in comparison.facts if len(f.articles) > 1]
    assert shared
    for fact in comparison.facts:
        assert fact.event == comparison.event_of(fact.claims[0].source.id).id
        for claim in fact.claims:
            assert claim.source.text[claim.start : claim.end] == claim.text
    assert {v.article for v in comparison.outlets} >= set(ids[:3])
