"""Quantities: Korean numerals with units and counters, normalised."""

from __future__ import annotations

import pytest

from summarize.article.numbers import find_quantities, normalise_unit, parse_korean_number
from summarize.types import Source


def quantities(text: str):
    source = Source(id="t", path="t", text=text)
    found = find_quantities(source, 0, len(text))
    for q in found:
        assert text[q.start : q.end] == q.text
    return [(q.text, q.value, q.unit, q.qualifier) for q in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("이용자는 4870만명이며", ("4870만명", 48_700_000, "명", "")),
        ("4만5000건의 메시지", ("4만5000건", 45_000, "건", "")),
        ("하루 100억건 이상이다", ("100억건 이상", 10_000_000_000, "건", "at least")),
        ("6엑사바이트(EB) 저장 공간", ("6엑사바이트(EB)", 6, "EB", "")),
        ("6EB(엑사바이트) 저장 공간", ("6EB(엑사바이트)", 6, "EB", "")),
        ("안산20MW 규모", ("20MW", 20, "MW", "")),
        ("30메가와트 발전소", ("30메가와트", 30, "MW", "")),
        ("트래픽은 통상 3배", ("3배", 3, "배", "")),
        ("이벤트엔 10배 이상 치솟는다", ("10배 이상", 10, "배", "at least")),
        ("300여개 프로젝트", ("300여개", 300, "개", "approx")),
        ("1,000명의 임직원", ("1,000명", 1000, "명", "")),
        ("점유율 50%를", ("50%", 50, "%", "")),
        ("매출 1조2000억원", ("1조2000억원", 1_200_000_000_000, "원", "")),
        ("매출 1조 2000억 원을", ("1조 2000억 원", 1_200_000_000_000, "원", "")),
        ("연면적 4만평 이상", ("4만평 이상", 40_000, "평", "at least")),
        ("약 3천명이 모였다", ("약 3천명", 3000, "명", "approx")),
        ("최대 20%까지", ("최대 20%", 20, "%", "at most")),
        ("5.5%p 올랐다", ("5.5%p", 5.5, "%p", "")),
    ],
)
def test_normalisation_table(text, expected):
    found = quantities(text)
    assert len(found) == 1, found
    got_text, value, unit, qualifier = found[0]
    assert (got_text, unit, qualifier) == expected[:1] + expected[2:]
    assert value == pytest.approx(expected[1])


def test_dates_and_bare_numbers_are_not_quantities():
    text = "2024년 6월 11일 1분기 WWDC 2024 카카오(035720) 코GPT 2.0 B2C 2021.11.17 11:28 2번째"
    assert quantities(text) == []


def test_several_in_one_sentence_keep_order():
    text = "라이선스 170개, 컴포넌트 7000여개가 공유되고 2500만명이 이용한다"
    assert [q[:3] for q in quantities(text)] == [
        ("170개", 170, "개"),
        ("7000여개", 7000, "개"),
        ("2500만명", 25_000_000, "명"),
    ]


def test_range_limits_respected():
    text = "앞 100명 뒤 200명"
    source = Source(id="t", path="t", text=text)
    found = find_quantities(source, 6, len(text))
    assert [q.text for q in found] == ["200명"]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("4870만", 48_700_000),
        ("4만5000", 45_000),
        ("1조2000억", 1.2e12),
        ("2.5조", 2.5e12),
        ("3천", 3000),
        ("3천500만", 35_000_000),
        ("1,000", 1000),
        ("만", None),
        ("abc", None),
        ("", None),
    ],
)
def test_parse_korean_number(numeral, value):
    assert parse_korean_number(numeral) == (pytest.approx(value) if value is not None else None)


def test_unit_aliases():
    assert normalise_unit("엑사바이트") == "EB"
    assert normalise_unit("mw") == "MW"
    assert normalise_unit("퍼센트") == "%"
    assert normalise_unit("명") == "명"


def test_native_korean_counts_are_read() -> None:
    text = "라인을 두 배로 늘리고 고객사 세 곳에 공급했다. 세 번째 시도, 한 대표, 배추 두 포기"
    found = [
        (q.text, q.value, q.unit) for q in find_quantities(Source("t", "t", text), 0, len(text))
    ]
    assert ("두 배", 2.0, "배") in found
    assert ("세 곳", 3.0, "곳") in found
    assert all(q[0] not in ("세 번", "한 대") for q in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("해역에서 규모 4.7의 지진이", ("규모 4.7", 4.7, "규모", "")),
        ("최초 관측 당시 규모를 4.9로 추정", ("규모를 4.9", 4.9, "규모", "")),
        ("진도 5가 관측됐다", ("진도 5", 5, "진도", "")),
        ("최저기온이 30.1도를 기록", ("30.1도", 30.1, "도", "")),
        ("한낮 기온은 35도 안팎", ("35도 안팎", 35, "도", "approx")),
        ("영하 5℃까지", ("5℃", 5, "도", "")),
    ],
)
def test_scales_and_temperatures(text, expected):
    assert quantities(text) == [expected]


def test_unit_after_a_scale_word_stays_a_quantity_of_that_unit():
    assert quantities("시장 규모 1위") == [("1위", 1, "위", "")]
    assert quantities("3000억원 규모의 자사주") == [("3000억원", 3e11, "원", "")]


def test_time_of_day_is_not_a_quantity():
    assert quantities("14일 오전 8시 12분쯤 경북") == []
    assert quantities("오후 2시 5분 30초에 발생") == []
    # a duration is a quantity
    assert quantities("8시간 12분 동안") == [("8시간", 8, "시간", ""), ("12분", 12, "분", "")]


def test_values_of_a_change_share_the_scale():
    assert quantities("지진의 규모가 4.9에서 4.6으로 하향 조정됐다") == [
        ("규모가 4.9", 4.9, "규모", ""),
        ("4.6", 4.6, "규모", ""),
    ]
    # not across a sentence end
    assert quantities("규모 4.6 지진이 발생했다. 피해는 3으로 늘었다") == [
        ("규모 4.6", 4.6, "규모", "")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("자연 증가는 -12만 2800명이다", [("-12만 2800명", -122800.0, "명", "")]),
        ("전년대비 -5.4% 줄었다", [("-5.4%", -5.4, "%", "")]),
        ("인구 1000명당 출생아 수", []),  # the base of a rate is no count
        ("3년여만에 내렸다", [("3년여", 3.0, "년", "approx")]),
        ("0.6명대로 떨어졌다", [("0.6명대", 0.6, "명", "approx")]),
        ("2020-2024년 계획", []),
    ],
)
def test_signs_rates_and_hedges(text, expected):
    source = Source("t", "t", text)
    got = [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities(source, 0, len(text))]
    assert got == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (23.31, 23.3, True),
        (23.31, 23.0, True),
        (1452.24, 1452.0, True),
        (6.685e11, 6.7e11, True),  # 6685억 rounded to 6700억
        (8.3044e12, 8.3e12, True),
        (8.268e12, 8.3044e12, False),  # two sources' consensus figures
        (0.72, 0.7, False),  # a one-digit figure is another statement
        (0.65, 0.6, False),
        (48_700_000, 48_000_000, False),
        (122800, -122800, True),  # 자연 감소 12만2800 = 자연 증가 -12만2800
    ],
)
def test_same_value_is_rounding_not_closeness(a, b, same):
    from summarize.article.numbers import same_value

    assert same_value(a, b) is same


def test_comparable_figures_fold_years_and_months():
    from summarize.article.numbers import comparable_figures

    text = "3년 2개월 만에 25bp 내렸다"
    source = Source("t", "t", text)
    figures = comparable_figures(find_quantities(source, 0, len(text)))
    assert figures == [(38.0, "개월"), (0.25, "%p")]
