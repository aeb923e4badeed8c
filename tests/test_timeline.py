"""A story's timeline: inferred dates, days, first report and the representative headline.

Every text here is invented for the test."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from summarize.comparison.timeline import (
    first_reported,
    nearest_date,
    plausible_headline,
    story_days,
)
from summarize.types import Article, ArticleDate, Source

KST = timezone(timedelta(hours=9))


@pytest.mark.parametrize(
    ("day", "anchor", "expected"),
    [
        (14, date(2025, 3, 15), date(2025, 3, 14)),
        (28, date(2025, 3, 1), date(2025, 2, 28)),
        (31, date(2025, 4, 2), date(2025, 3, 31)),
        (2, date(2025, 12, 30), date(2026, 1, 2)),
    ],
)
def test_nearest_date(day, anchor, expected):
    assert nearest_date(day, anchor) == expected


@pytest.mark.parametrize(
    "line",
    [
        "▲ 한별은행 총재가 14일 회의에서 의사봉을 두드리고 있다.",
        "장관이 복구 상황을 점검하고 있다. (과학부 제공) 2025.3.14/가나뉴스",
        "시민들이 우산을 쓰고 걷고 있다.(사진=가나일보)",
        "경제신지영",
        "기자명",
    ],
)
def test_captions_and_credits_are_not_headlines(line):
    assert not plausible_headline(line, terms=3)


@pytest.mark.parametrize(
    "line",
    [
        "한별은행, 기준금리 3.25%로 인하…2년 6개월 만",
        '한빛호 3차 발사 성공 "국민 성원 덕분"',
        "아기 울음 또 줄었다…출생아 23만명",
    ],
)
def test_headlines_are_headlines(line):
    assert plausible_headline(line, terms=3)


def _article(aid: str, published: datetime | None) -> Article:
    return Article(source=Source(id=aid, path=aid, text="본문"), published=published)


def test_days_are_ordered_and_published_times_order_within_a_day():
    arts = [
        _article("late", datetime(2025, 3, 14, 18, tzinfo=KST)),
        _article("next-day", datetime(2025, 3, 15, 7, tzinfo=KST)),
        _article("undated", None),
        _article("early", datetime(2025, 3, 14, 9, tzinfo=KST)),
        _article("inferred", None),
    ]
    dates = {
        0: ArticleDate("late", date(2025, 3, 14), "published"),
        1: ArticleDate("next-day", date(2025, 3, 15), "published"),
        3: ArticleDate("early", date(2025, 3, 14), "published"),
        4: ArticleDate("inferred", date(2025, 3, 14), "text"),
    }
    days = story_days(arts, range(5), dates)
    assert [(d.date, d.articles, d.inferred) for d in days] == [
        (date(2025, 3, 14), ("early", "late", "inferred"), True),
        (date(2025, 3, 15), ("next-day",), False),
        (None, ("undated",), False),
    ]
    assert first_reported(arts, range(5)) == "early"
    assert first_reported(arts, [2, 4]) is None
