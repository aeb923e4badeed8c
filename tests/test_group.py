"""Event grouping."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from summarize.comparison.group import GroupStats, candidate_pairs, group_events
from summarize.types import Article, Source, Span

KST = timezone(timedelta(hours=9))


def _article(aid: str, text: str, published: datetime | None = None) -> Article:
    src = Source(id=aid, path=aid, text=text)
    return Article(source=src, paragraphs=(Span(src, 0, len(text)),), published=published)


QUAKE = (
    "경북 영덕 해역에서 규모 4.6 지진이 발생했다. 기상청은 여진에 주의하라고 당부했다. "
    "유감 신고 52건."
)
BUDGET = (
    "기획재정부는 내년 예산안을 677조원 규모로 편성했다. 국회 심의를 거쳐 확정된다. "
    "복지 예산이 늘었다."
)


def test_samples_group_into_the_known_events(sample_articles):
    events = group_events(list(sample_articles.values()))
    groups = sorted(sorted(a[:3] for a in e.articles) for e in events)
    assert groups == [["000", "001", "002"], ["003"], ["004"]]
    assert [e.id for e in events] == ["e1", "e2", "e3"]


def test_same_story_groups_and_other_story_stays_alone(kiwi):
    day = datetime(2025, 3, 14, 9, tzinfo=KST)
    arts = [
        _article("a", QUAKE, day),
        _article("b", BUDGET, day),
        _article("c", "영덕 해역 규모 4.6 지진… 유감 신고 52건, 여진 주의 당부", day),
    ]
    events = group_events(arts)
    assert [e.articles for e in events] == [("a", "c"), ("b",)]


def test_dates_too_far_apart_are_never_grouped(kiwi):
    day = datetime(2025, 3, 14, 9, tzinfo=KST)
    arts = [_article("a", QUAKE, day), _article("b", QUAKE, day + timedelta(days=30))]
    assert len(group_events(arts)) == 2
    assert len(group_events(arts, max_days=60)) == 1


def test_blocking_scores_far_fewer_pairs_than_all(kiwi):
    topics = [
        "영덕 지진 규모 여진 기상청",
        "예산안 국회 복지 기획재정부 편성",
        "반도체 수출 삼성전자 메모리 실적",
        "태풍 제주 강풍 호우 피해",
        "프로야구 개막전 관중 매진 구단",
    ]
    arts = [
        _article(f"{t}-{k}", f"{topic} 기사 {k}번째 보도 {topic}", None)
        for t, topic in enumerate(topics)
        for k in range(8)
    ]
    stats: list[GroupStats] = []
    events = group_events(arts, stats=stats)
    assert len(events) == len(topics)
    assert stats[0].candidate_pairs < stats[0].possible_pairs / 2


def test_candidate_pairs_drop_common_terms():
    vecs = [{"common": 1.0, f"rare{i // 2}": 0.5} for i in range(6)]
    df = {"common": 6, **{f"rare{i}": 2 for i in range(3)}}
    pairs = candidate_pairs(vecs, df, max_postings=3)
    assert pairs == {(0, 1), (2, 3), (4, 5)}


@pytest.mark.parametrize("n", [0, 1])
def test_trivial_inputs(n, kiwi):
    arts = [_article("a", QUAKE)][:n]
    assert len(group_events(arts)) == n
