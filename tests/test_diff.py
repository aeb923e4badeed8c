"""The diff: word-level differences, conflicts, additions/omissions, `compare`."""

from __future__ import annotations

import pytest

import summarize
from summarize.diff import (
    find_conflicts,
    marked_segments,
    outlet_views,
    word_diff,
    wording_differs,
)
from summarize.types import Claim, DateMention, Entity, Event, Fact, Quantity, Source


def test_word_diff_merges_adjacent_changes():
    a = "데이터 안전성을 최고 수준으로 끌어올려야 한다"
    b = "데이터 안정성을 최대로 끌어올려야 한다"
    ops = word_diff(a, b)
    changed = [(a[sa[0] : sa[1]], b[sb[0] : sb[1]]) for op, sa, sb in ops if op != "equal"]
    assert changed == [("안전성을 최고 수준으로", "안정성을 최대로")]
    assert [op for op, _, _ in ops] == ["equal", "replace", "equal"]


def test_word_diff_insert_delete_and_punctuation():
    assert not wording_differs("“승자가 아니다”", '"승자가 아니다"')
    ops = word_diff("가 나", "가 나 다")
    assert ops[-1][0] == "insert"
    ops = word_diff("가 나 다", "가 다")
    assert ops[1][0] == "delete"
    assert word_diff("", "") == []


def test_marked_segments_join_back():
    text, ref = "카카오는 연내 AI 서비스를 출시한다", "카카오는 올해 AI 서비스를 내놓는다"
    segs = marked_segments(text, ref)
    assert "".join(s for s, _ in segs) == text
    assert {s for s, d in segs if d} == {"연내", "출시한다"}


def _claim(src: Source, needle: str, **kw) -> Claim:
    start = src.text.index(needle)
    return Claim(source=src, start=start, end=start + len(needle), **kw)


def _q(src: Source, needle: str, value: float, unit: str) -> Quantity:
    s = src.text.index(needle)
    return Quantity(source=src, start=s, end=s + len(needle), value=value, unit=unit)


def test_number_date_and_name_conflicts():
    from datetime import date

    a = Source("a", "a", "주민 3명이 다쳤다고 14일 김철수 청장이 밝혔다.")
    b = Source("b", "b", "주민 2명이 다쳤다고 15일 김철호 청장이 밝혔다.")
    ca = _claim(
        a,
        a.text,
        quantities=(_q(a, "3명", 3, "명"),),
        dates=(DateMention(a, 11, 14, value=date(2025, 3, 14)),),
        entities=(Entity(a, 15, 18, kind="person", canonical="김철수", title="청장"),),
    )
    cb = _claim(
        b,
        b.text,
        quantities=(_q(b, "2명", 2, "명"),),
        dates=(DateMention(b, 11, 14, value=date(2025, 3, 15)),),
        entities=(Entity(b, 15, 18, kind="person", canonical="김철호", title="청장"),),
    )
    fact = Fact("e1.f1", "e1", (ca, cb), ca.text)
    kinds = {c.kind: c for c in find_conflicts(fact)}
    assert set(kinds) == {"number", "date", "name"}
    assert kinds["number"].detail == "3명 vs 2명"
    assert "김철수 vs 김철호" in kinds["name"].detail
    # agreeing claims: no conflict
    assert find_conflicts(Fact("e1.f2", "e1", (ca, ca), ca.text)) == []


def test_quote_wording_conflict_and_single_article_fact():
    a = Source("a", "a", '장관은 "주민 안전을 최우선으로 챙겨 달라"고 말했다.')
    b = Source("b", "b", '장관은 "주민 안전을 가장 먼저 챙겨야 한다"고 말했다.')
    qa = _claim(a, "주민 안전을 최우선으로 챙겨 달라", quote=True)
    qb = _claim(b, "주민 안전을 가장 먼저 챙겨야 한다", quote=True)
    (c,) = find_conflicts(Fact("e1.f1", "e1", (qa, qb), qa.text))
    assert c.kind == "wording" and "최우선으로" in c.detail and "가장 먼저" in c.detail
    assert find_conflicts(Fact("e1.f2", "e1", (qa,), qa.text)) == []


def test_outlet_views_additions_and_omissions():
    src = {k: Source(k, k, "x") for k in "abc"}

    def fact(fid, *arts):
        return Fact(fid, "e1", tuple(Claim(src[x], 0, 1) for x in arts), "x")

    facts = [fact("f1", "a", "b", "c"), fact("f2", "b", "c"), fact("f3", "a")]
    views = {v.article: v for v in outlet_views(Event("e1", ("a", "b", "c")), facts)}
    assert views["a"].additions == ("f3",) and views["a"].omissions == ("f2",)
    assert views["b"].additions == () and views["b"].omissions == ()


@pytest.fixture(scope="module")
def comparison(sample_articles):
    return summarize.compare(list(sample_articles.values()), embedder=None)


def test_compare_samples(comparison):
    assert len(comparison.events) == 3
    assert sum(len(e.articles) == 1 for e in comparison.events) == 2
    for f in comparison.facts:
        for c in f.claims:
            assert c.source.text[c.start : c.end] == c.text
    # the quote worded two ways is a wording conflict between 000 and 001
    wording = [
        c
        for c in comparison.conflicts
        if c.kind == "wording" and any("안전성을 최고 수준으로" in x.text for x in c.claims)
    ]
    assert len(wording) == 1
    assert {x.source.id[:3] for x in wording[0].claims} == {"000", "001"}
    views = {v.article[:3]: v for v in comparison.outlets}
    assert views["002"].additions and views["003"].additions == ()
