"""Claim alignment into facts (many-to-many), on invented articles and on the samples."""

from __future__ import annotations

import pytest

import summarize
from summarize.comparison.align import AlignSettings, align_event
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


C = (
    "영덕 지진 대응\n\n"
    "김철수 기상청장은 오전 내내 현장 점검을 했다.\n\n"
    "이영희 행안부 차관은 오후까지 주민 대피를 지휘했다."
)


def test_alignment_is_many_to_many(pair, kiwi):
    """A's one sentence carries two facts that B and C each state in two sentences: A's claim
    belongs to both facts, and each fact still holds one claim per article."""
    arts = [*pair, summarize.load(C, id="c")]
    al = align_event(arts, Event("e1", ("a", "b", "c")), embedder=None)
    both = [f for f in _facts_with(al.facts, "a", "김철수") if len(f.articles) >= 2]
    others = {c.text for f in both for c in f.claims if c.source.id != "a"}
    assert any("김철수" in t for t in others)
    assert any("이영희" in t for t in others)
    for f in both:
        assert not any("김철수" in c.text for c in f.claims if c.source.id != "a") or not any(
            "이영희" in c.text for c in f.claims if c.source.id != "a"
        )


def test_every_claim_is_placed_and_facts_hold_one_claim_per_article(pair):
    """Every claim is in a fact, covered by a fact its article states again, or left unplaced
    because a claim of the other article resembles it (then it is not shown as an addition)."""
    al = align_event(pair, Event("e1", ("a", "b")), embedder=None)
    placed = {(c.source.id, c.index) for f in al.facts for c in f.claims}
    best = al.scores.best_other()
    settings = AlignSettings()
    for a in pair:
        for c in a.claims:
            ref = (a.id, c.index)
            assert ref in placed or best.get(ref, 0.0) >= settings.exclusive_doubt, c.text
    for f in al.facts:
        ids = [c.source.id for c in f.claims]
        assert len(ids) == len(set(ids))
        assert f.canonical in {c.text for c in f.claims}
        assert f.event == "e1" and f.id.startswith("e1.f")


def _articles_scored(matrix: dict[tuple[str, str], float]):
    """Three articles of one claim each and a scorer that gives each pair of articles the
    score in `matrix`."""
    import numpy as np

    arts = [
        summarize.load(
            f"공장 소식\n\n{name}는 올해 새 공장을 {n}곳 지었다고 밝혔다.\n\n공장 건설은 계속된다.",
            id=k,
        )
        for k, name, n in (("a", "가람전자", 3), ("b", "나래전자", 4), ("c", "다솜전자", 5))
    ]
    by_text = {(c.resolved or c.text): a.id for a in arts for c in a.claims}

    def scorer(pa, pb):
        def pair(p, q):
            return matrix.get(tuple(sorted((by_text[p.text], by_text[q.text]))), 0.0)

        return np.array([[pair(p, q) for q in pb] for p in pa], dtype=np.float32)

    return arts, scorer


def test_no_chains_every_claim_matches_the_others_directly(kiwi):
    """a~b and b~c score high, a~c low: a and c are not one fact through b."""
    arts, scorer = _articles_scored({("a", "b"): 0.9, ("b", "c"): 0.8, ("a", "c"): 0.01})
    settings = AlignSettings(threshold=0.5, cohesion_floor=0.2)
    al = align_event(arts, Event("e1", ("a", "b", "c")), matrix=scorer, settings=settings)
    shared = {f.articles for f in al.facts if len(f.articles) > 1}
    assert ("a", "b") in shared and ("a", "b", "c") not in shared
    assert not any({"a", "c"} <= set(arts_) for arts_ in shared)
    # with a~c scoring high enough, the three are one fact
    arts, scorer = _articles_scored({("a", "b"): 0.9, ("b", "c"): 0.8, ("a", "c"): 0.6})
    al = align_event(arts, Event("e1", ("a", "b", "c")), matrix=scorer, settings=settings)
    assert ("a", "b", "c") in {f.articles for f in al.facts}


def test_settings_align_with_settings_only(kiwi):
    """The setting of one outlet's sentence matches the other's setting; the figure it
    introduces matches the figure, not the setting."""
    a = summarize.load(
        "배당\n\n미래은행 이사회는 14일 정례회의를 열고 배당금을 주당 700원으로 올렸다.", id="a"
    )
    b = summarize.load(
        "배당\n\n미래은행은 14일 열린 정례회의에서 배당금을 주당 700원으로 결정했다.", id="b"
    )
    al = align_event([a, b], Event("e1", ("a", "b")), embedder=None)
    shared = [f for f in al.facts if len(f.articles) == 2]
    assert len(shared) == 2
    kinds = sorted(tuple(c.setting for c in f.claims) for f in shared)
    assert kinds == [(False, False), (True, True)]


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
