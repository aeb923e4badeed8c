"""What grouping compares: figures with what they measure, days, and the evidence they give.

Every text here is invented for the test."""

from __future__ import annotations

from datetime import date

import pytest

from summarize.comparison.story_signals import (
    Evidence,
    Pooled,
    article_signals,
    day_relation,
    figure_evidence,
    same_value,
    significant_digits,
)


def _signals(text: str):
    import summarize

    (signals,) = article_signals([summarize.load(text, id="t")])
    return signals


@pytest.mark.parametrize(
    ("value", "digits"),
    [(10_400_000_000_000.0, 3), (0.72, 2), (3.0, 1), (3.25, 3), (1452.24, 6), (230_000.0, 2)],
)
def test_significant_digits(value, digits):
    assert significant_digits(value) == digits


def test_same_value_tolerates_rounding_only():
    assert same_value(1452.0, 1452.24)
    assert same_value(57.34, 57.3)
    assert not same_value(3.25, 3.5)
    assert same_value(10.0, 10.4)  # `10조원 넘게`: the same figure, rounded
    assert not same_value(10.0, 11.2)
    assert not same_value(3.0, 3.25)  # one written digit is too coarse to match anything
    assert not same_value(0.7, 0.72)  # a one-digit value matches nothing it is not


def test_figures_carry_the_noun_they_measure(kiwi):
    s = _signals(
        "가나전자 2분기 실적\n\n"
        "가나전자는 2분기 매출 81조원, 영업이익 12조3000억원을 기록했다고 7일 밝혔다. "
        "영업이익은 전년 동기 대비 312% 늘었다."
    )
    slots = {(f.value, f.unit): f.slot for f in s.figures if f.lead}
    assert slots[(81e12, "원")] == "매출"
    assert slots[(12.3e12, "원")] == "이익"
    # `전년 동기 대비` names the comparison base, not the thing measured
    assert slots[(312.0, "%")] == "이익"
    assert s.lead_days == {7}


def test_ordinals_take_the_noun_after_them(kiwi):
    s = _signals("다솜호 5차 발사\n\n다솜호가 제5회 시험 끝에 5차 발사에 성공했다.")
    ordinals = {(f.value, f.unit, f.slot) for f in s.figures}
    assert (5.0, "차", "발사") in ordinals
    assert (5.0, "제회", "시험") in ordinals


def test_a_dated_articles_window_reaches_back_to_the_day_its_lead_names(kiwi):
    s = _signals(
        "한별은행 금리 인하 후폭풍\n\n입력 2025.03.17 08:00\n\n"
        "한별은행이 지난 14일 기준금리를 내린 뒤 대출 금리가 내려갔다."
    )
    assert s.window == (date(2025, 3, 14), date(2025, 3, 17))
    assert s.lead_days == {14, 17}


def test_undated_article_has_no_window_but_its_days(kiwi):
    s = _signals(
        "한별은행 금리 인하\n\n한별은행이 오늘(14일) 금리를 내렸다. 오는 28일 또 회의한다."
    )
    assert s.window is None
    assert s.days == {14}  # `오는 28일` is a plan, not the event


def _pooled(**kw) -> Pooled:
    p = Pooled()
    for name, value in kw.items():
        setattr(p, name, value)
    return p


def test_figures_of_another_happening_contradict():
    this = _pooled(
        stated={(3.25, "%"): 2, (3.5, "%"): 1},
        by_unit={"%": {3.25, 3.5}},
        lead={(3.25, "%"): 2, (3.5, "%"): 1},
        lead_slots={(3.25, "%"): {"금리"}, (3.5, "%"): {"금리"}},
        measured={("금리", "%"): 2},
    )
    other_year = _pooled(
        stated={(2.75, "%"): 2},
        by_unit={"%": {2.75, 3.0}},
        lead={(2.75, "%"): 2},
        lead_slots={(2.75, "%"): {"금리"}},
        measured={("금리", "%"): 2},
    )
    evidence = figure_evidence(this, other_year)
    assert evidence.agree == 0 and evidence.clash == 5 and evidence.contradicts
    assert not figure_evidence(this, this).contradicts
    assert figure_evidence(this, this).agree == 3  # each shared figure counted once


def test_one_approximate_figure_reported_two_ways_does_not_contradict():
    depth = frozenset({("깊이", "km")})
    assert not Evidence(agree=6, clash=2, slots=depth).contradicts  # agreement outweighs
    assert not Evidence(agree=0, clash=1, slots=depth).contradicts  # too little
    assert not Evidence(agree=2, clash=2, slots=depth).contradicts  # 11 vs 12 km: one quake
    assert Evidence(agree=1, clash=4, slots=depth).contradicts  # precise values: two events
    assert Evidence(agree=2, clash=2, slots=depth | {("규모", "규모")}).contradicts
    assert Evidence(agree=1, clash=2, slots=frozenset({("발사", "차")}), ordinal=True).contradicts


def test_day_relation():
    a = _pooled(days={11, 12}, lead_days={11})
    assert day_relation(a, _pooled(days={11}, lead_days={11}), 3) == 1
    assert day_relation(a, _pooled(days={13}, lead_days={13}), 3) == 0
    assert day_relation(a, _pooled(days={25}, lead_days={25}), 3) == -1
    assert day_relation(_pooled(days={30}), _pooled(days={1}), 3) == 0  # the month wraps
    assert day_relation(a, _pooled(), 3) == 0
