"""Claim alignment into facts (many-to-many), on invented articles and on the samples."""

from __future__ import annotations

import pytest

import summarize
from summarize.comparison.align import align_event
from summarize.types import Event

A = (
    "영덕 해역 규모 4.6 지진\n\n"
    "14일 오전 8시 12분께 경북 영덕군 동북동쪽 21㎞ 해역에서 규모 4.6의 지진이 발생했다.\n\n"
    "김철수 기상청장이 현장 점검을, 이영희 행안부 차관이 주민 대피를 맡았다.\n\n"
    "한국수력원자력은 원자력발전소 운영에는 이상이 없다고 밝혔다.\n\n"
    "영덕군은 이재민 12명에게 임시 숙소를 제공했다."
)
B = (
    "영덕 앞바다 지진\n\n"
    "14일 오전 8시 12분쯤 경북 영덕군 동북동쪽 21㎞ 해역에서 규모 4.6 지진이 일어났다.\n\n"
    "김철수 기상청장은 현장 점검에 나섰다.\n\n"
    "이영희 행안부 차관은 주민 대피를 지휘했다.\n\n"
    "프로야구 개막전은 예정대로 열린다."
)


@pytest.fixture(scope="module")
def pair(kiwi):
    return [summarize.load(A, id="a"), summarize.load(B, id="b")]


def _facts_with(facts, article, needle):
    return [f for f in facts if any(c.source.id == article and needle in c.text for c in f.claims)]


def test_same_statement_is_one_fact_and_unrelated_stay_alone(pair):
    al = align_event(pair, Event("e1", ("a", "b")), embedder=None)
    quake = _facts_with(al.facts, "a", "규모 4.6")
    assert len(quake) == 1 and quake[0].articles == ("a", "b")
    (baseball,) = _facts_with(al.facts, "b", "프로야구")
    assert baseball.articles == ("b",)
    (shelter,) = _facts_with(al.facts, "a", "이재민")
    assert shelter.articles == ("a",)


def test_alignment_is_many_to_many(pair):
    """A's one sentence carries two facts that B states in two sentences."""
    al = align_event(pair, Event("e1", ("a", "b")), embedder=None)
    both = [f for f in _facts_with(al.facts, "a", "김철수") if len(f.articles) == 2]
    b_texts = {c.text for f in both for c in f.claims if c.source.id == "b"}
    assert any("김철수" in t for t in b_texts)
    assert any("이영희" in t for t in b_texts)


def test_every_claim_is_in_a_fact_and_facts_hold_one_claim_per_article_of_two(pair):
    al = align_event(pair, Event("e1", ("a", "b")), embedder=None)
    covered = {(c.source.id, c.start) for f in al.facts for c in f.claims}
    assert all((a.id, c.start) in covered for a in pair for c in a.claims)
    for f in al.facts:
        ids = [c.source.id for c in f.claims]
        assert len(ids) == len(set(ids))
        assert f.canonical in {c.text for c in f.claims}
        assert f.event == "e1" and f.id.startswith("e1.f")


def test_facts_sharing_two_claims_fold_into_one():
    """Two outlets' claims linked to both halves of a third outlet's split statement: one fact
    (holding both halves); facts sharing a single claim stay apart (many-to-many)."""
    from summarize.comparison.align import _fold_overlapping

    merged_pair = [{("a", 1), ("b", 4), ("c", 2)}, {("a", 1), ("b", 4), ("c", 3)}]
    assert _fold_overlapping(merged_pair) == [{("a", 1), ("b", 4), ("c", 2), ("c", 3)}]
    one_shared = [{("a", 1), ("b", 4)}, {("a", 1), ("b", 5)}, {("c", 9), ("b", 5)}]
    assert sorted(map(sorted, _fold_overlapping(one_shared))) == sorted(map(sorted, one_shared))


def test_samples_data_safety_quote_aligns(sample_articles):
    arts = [a for k, a in sample_articles.items() if k[:3] in ("000", "001", "002")]
    al = align_event(arts, Event("e1", tuple(a.id for a in arts)), embedder=None)
    hits = [f for f in al.facts if any("안전성을 최고 수준으로" in c.text for c in f.claims)]
    assert len(hits) == 1
    assert any("안정성을 최대로" in c.text for c in hits[0].claims)
    # and a fact only 002 reports stays its addition
    (f,) = [f for f in al.facts if any("황유지" in c.text for c in f.claims)]
    assert f.articles == (arts[2].id,)


def test_a_quote_is_not_matched_to_someone_elses_words(kiwi):
    """The same words said by two different people are two facts; the same person's words in
    another outlet are one."""
    quote = '"4분기에도 서버 수요가 견조해 실적 개선 흐름이 이어질 것"'
    a = summarize.load(f"실적\n\n김철수 한결전자 대표는 {quote}이라고 말했다.", id="a")
    b = summarize.load(f"실적\n\n이영희 한결전자 사장은 {quote}이라고 말했다.", id="b")
    c = summarize.load(f"실적\n\n김철수 대표는 콘퍼런스콜에서 {quote}이라고 밝혔다.", id="c")
    same = align_event([a, c], Event("e1", ("a", "c")), embedder=None)
    assert [f.articles for f in _facts_with(same.facts, "a", "4분기에도")] == [("a", "c")]
    other = align_event([a, b], Event("e2", ("a", "b")), embedder=None)
    assert [f.articles for f in _facts_with(other.facts, "a", "4분기에도")] == [("a",)]
