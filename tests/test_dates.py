"""Dates: absolute ones, relative ones resolved against the published date, none invented."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from summarize.article.dates import find_dates
from summarize.types import Source

PUBLISHED = datetime(2024, 6, 12, 12, 0)


def dates(text: str, published=PUBLISHED, anchor=None):
    source = Source(id="t", path="t", text=text)
    found = find_dates(source, 0, len(text), published, anchor=anchor)
    for d in found:
        assert text[d.start : d.end] == d.text
    return [(d.text, d.value, d.granularity, d.relative) for d in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("정 대표는 11일 오전", ("11일", date(2024, 6, 11), "day", True)),
        ("24일 출시했다", ("24일", date(2024, 5, 24), "day", True)),  # not after published
        ("지난 9일 발표", ("지난 9일", date(2024, 6, 9), "day", True)),
        ("오는 24일 출시", ("오는 24일", date(2024, 6, 24), "day", True)),
        ("지난해 12월 내정됐다", ("지난해 12월", date(2023, 12, 1), "month", True)),
        ("올해 1분기 실적", ("올해 1분기", date(2024, 1, 1), "quarter", True)),
        ("올 3분기 기준", ("올 3분기", date(2024, 7, 1), "quarter", True)),
        ("지난달 17일 밝혔다", ("지난달 17일", date(2024, 5, 17), "day", True)),
        ("내년 1분기 가동", ("내년 1분기", date(2025, 1, 1), "quarter", True)),
        ("내년 하반기 출시", ("내년 하반기", date(2025, 7, 1), "half", True)),
        ("지난 8월 출시", ("지난 8월", date(2023, 8, 1), "month", True)),
        ("연내 공개", ("연내", date(2024, 1, 1), "year", True)),
        ("연말까지 확대", ("연말", date(2024, 12, 1), "month", True)),
        ("어제 발표", ("어제", date(2024, 6, 11), "day", True)),
        ("지난 2022년 10월15일 화재", ("2022년 10월15일", date(2022, 10, 15), "day", False)),
        ("기사 2024-06-11 입력", ("2024-06-11", date(2024, 6, 11), "day", False)),
        ("입력 2021.11.17 11:28", ("2021.11.17", date(2021, 11, 17), "day", False)),
        ("2023년 상반기 실적", ("2023년 상반기", date(2023, 1, 1), "half", False)),
    ],
)
def test_resolution(text, expected):
    assert dates(text) == [expected]


def test_previous_month_when_day_is_after_published():
    # The 31st before 2024-06-12: May has one.
    assert dates("31일 열린 회의", datetime(2024, 6, 12))[0][1] == date(2024, 5, 31)
    # The 31st before 2024-05-02: April has none, so March.
    assert dates("31일 열린 회의", datetime(2024, 5, 2))[0][1] == date(2024, 3, 31)


def test_no_invented_dates_without_published():
    found = dates("11일 지난해 12월 올해 1분기 지난달 17일 연내 2022년 10월15일", published=None)
    relative = [f for f in found if f[3]]
    assert len(relative) == 5
    assert all(value is None for _, value, _, _ in relative)
    assert ("2022년 10월15일", date(2022, 10, 15), "day", False) in found


def test_same_month_needs_an_anchor():
    assert dates("같은 달 20일에서야")[0][1] is None
    assert dates("같은 달 20일에서야", anchor=date(2022, 10, 15))[0][1] == date(2022, 10, 20)


@pytest.mark.parametrize(
    "text", ["최근 발표했다", "3일간 진행", "6개월 동안", "올리브를 출시", "1일평균"]
)
def test_not_dates(text):
    assert dates(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year word with a period is one date, whatever particle follows the period
        ("내년 상반기부터 매입 속도가", [("내년 상반기", date(2025, 1, 1), "half", True)]),
        ("내년 상반기까지 이어진다", [("내년 상반기", date(2025, 1, 1), "half", True)]),
        ("올해 말까지 늘린다", [("올해 말", date(2024, 12, 1), "month", True)]),
        # a bare year word takes particles
        ("신청은 지난해에만 150건", [("지난해", date(2023, 1, 1), "year", True)]),
        ("지난해보다 늘었다", [("지난해", date(2023, 1, 1), "year", True)]),
        ("내년부터 적용", [("내년", date(2025, 1, 1), "year", True)]),
    ],
)
def test_year_words_with_periods_and_particles(text, expected):
    assert dates(text) == expected


def test_year_word_inside_a_longer_word_is_not_a_date():
    assert dates("올해살이 풀") == []
