"""The diff: word-level differences, conflicts, additions/omissions, `compare`."""

from __future__ import annotations

from dataclasses import replace

import pytest

import summarize
from summarize.comparison.diff import find_conflicts, outlet_views
from summarize.types import Claim, DateMention, Entity, Event, Fact, Quantity, Source
from summarize.wording import marked_segments, word_diff, wording_differs


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
    # the figures belong to two days (two moments): not compared; the day and the name are
    assert set(kinds) == {"date", "name"}
    assert "김철수 vs 김철호" in kinds["name"].detail
    same_day = replace(cb, dates=(DateMention(b, 11, 14, value=date(2025, 3, 14)),))
    kinds = {c.kind: c for c in find_conflicts(Fact("e1.f1", "e1", (ca, same_day), ca.text))}
    assert set(kinds) == {"number", "name"}
    assert kinds["number"].detail == "3명 vs 2명"
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
    assert all(v.unmatched == () for v in views.values())


def test_outlet_views_give_each_article_its_unmatched_claims():
    src = {k: Source(k, k, "가나다라") for k in "ab"}
    held = (Claim(src["a"], 0, 2), Claim(src["b"], 1, 3), Claim(src["a"], 2, 4))
    fact = Fact("f1", "e1", (Claim(src["a"], 0, 1), Claim(src["b"], 0, 1)), "가")
    views = {v.article: v for v in outlet_views(Event("e1", ("a", "b")), [fact], held)}
    assert views["a"].unmatched == (held[0], held[2])
    assert views["b"].unmatched == (held[1],)


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


def test_claims_held_back_from_exclusives_are_listed_not_lost(comparison):
    """A claim no fact takes that is not called its article's own is listed as unmatched: it
    is in no fact, belongs to its own article's view, and is not nested in another listed one."""
    in_facts = {(c.source.id, c.index) for f in comparison.facts for c in f.claims}
    listed = [(v.article, c) for v in comparison.outlets for c in v.unmatched]
    assert listed, "the samples have claims no other outlet states"
    for article, c in listed:
        assert c.source.id == article and (article, c.index) not in in_facts
        assert c.source.text[c.start : c.end] == c.text
    for v in comparison.outlets:
        for c in v.unmatched:
            assert not any(
                o is not c and o.start <= c.start and c.end <= o.end for o in v.unmatched
            )
    alone = {e.articles[0] for e in comparison.events if len(e.articles) == 1}
    assert all(not v.unmatched for v in comparison.outlets if v.article in alone)


def _num_claim(src: Source, needle: str, number: str, value: float, unit: str) -> Claim:
    return _claim(src, needle, quantities=(_q(src, number, value, unit),))


def test_number_conflict_in_otherwise_identical_claims():
    a = Source("a", "a", "카카오톡 월간 이용자 수는 4870만명이다.")
    b = Source("b", "b", "카카오톡 월간 이용자 수는 4800만명이다.")
    ca = _num_claim(a, a.text, "4870만명", 48_700_000, "명")
    cb = _num_claim(b, b.text, "4800만명", 48_000_000, "명")
    (c,) = find_conflicts(Fact("e1.f1", "e1", (ca, cb), ca.text))
    assert c.kind == "number" and c.detail == "4870만명 vs 4800만명"
    assert c.claims == (ca, cb)


def test_number_conflict_needs_one_differing_figure_a_side():
    """A claim listing two figures of the measure against one stating one: not one statement
    with another figure (the claim splitter makes such a sentence two claims)."""
    a = Source("a", "a", "매출은 12조4000억원, 순이익은 9800억원이다.")
    b = Source("b", "b", "순이익은 9600억원이었다.")
    ca = _claim(
        a,
        a.text,
        quantities=(_q(a, "12조4000억원", 1.24e13, "원"), _q(a, "9800억원", 9.8e11, "원")),
    )
    cb = _num_claim(b, b.text, "9600억원", 9.6e11, "원")
    assert find_conflicts(Fact("e1.f1", "e1", (ca, cb), ca.text)) == []
    half = _num_claim(a, "순이익은 9800억원이다.", "9800억원", 9.8e11, "원")
    (c,) = find_conflicts(Fact("e1.f2", "e1", (half, cb), half.text))
    assert c.detail == "9800억원 vs 9600억원"


def test_variants_are_no_conflict():
    """Rounding, number format and units written two ways state one value."""
    pairs = [
        (("10조4000억원", 1.04e13, "원"), ("10조4천억원", 1.04e13, "원")),
        (("1452.24%", 1452.24, "%"), ("1,452%", 1452.0, "%")),
        (("23.31%", 23.31, "%"), ("23%", 23.0, "%")),
        (("6685억원", 6.685e11, "원"), ("6700억원", 6.7e11, "원")),
    ]
    for (ta, va, ua), (tb, vb, ub) in pairs:
        a = Source("a", "a", f"영업이익은 {ta}이다.")
        b = Source("b", "b", f"영업이익은 {tb}이다.")
        ca, cb = _num_claim(a, a.text, ta, va, ua), _num_claim(b, b.text, tb, vb, ub)
        assert find_conflicts(Fact("e1.f1", "e1", (ca, cb), ca.text)) == [], (ta, tb)


def test_periods_in_years_and_months_compare_in_months():
    a = Source("a", "a", "3년 2개월 만의 전환이다.")
    b = Source("b", "b", "38개월 만의 전환이다.")
    c = Source("c", "c", "1년 9개월 동안 동결했다.")
    d = Source("d", "d", "20개월간 동결했다.")
    ca = _claim(a, a.text, quantities=(_q(a, "3년", 3, "년"), _q(a, "2개월", 2, "개월")))
    cb = _num_claim(b, b.text, "38개월", 38, "개월")
    assert find_conflicts(Fact("e1.f1", "e1", (ca, cb), ca.text)) == []
    cc = _claim(c, c.text, quantities=(_q(c, "1년", 1, "년"), _q(c, "9개월", 9, "개월")))
    cd = _num_claim(d, d.text, "20개월", 20, "개월")
    (x,) = find_conflicts(Fact("e1.f2", "e1", (cc, cd), cc.text))
    assert x.detail == "1년 9개월 vs 20개월"


def test_a_hedged_figure_does_not_contradict():
    a = Source("a", "a", "3년여 만에 금리를 내렸다.")
    b = Source("b", "b", "3년 2개월 만에 금리를 내렸다.")
    qa = Quantity(a, 0, 4, value=3, unit="년", qualifier="approx")
    ca = _claim(a, a.text, quantities=(qa,))
    cb = _claim(b, b.text, quantities=(_q(b, "3년", 3, "년"), _q(b, "2개월", 2, "개월")))
    assert find_conflicts(Fact("e1.f1", "e1", (ca, cb), ca.text)) == []


def test_date_conflict():
    from datetime import date

    a = Source("a", "a", "배당금은 11월 20일 지급된다.")
    b = Source("b", "b", "배당금은 11월 21일 지급된다.")
    ca = _claim(a, a.text, dates=(DateMention(a, 5, 12, value=date(2025, 11, 20)),))
    cb = _claim(b, b.text, dates=(DateMention(b, 5, 12, value=date(2025, 11, 21)),))
    (c,) = find_conflicts(Fact("e1.f1", "e1", (ca, cb), ca.text))
    assert c.kind == "date" and "2025-11-20" in c.detail and "2025-11-21" in c.detail


def test_topical_neighbours_sharing_an_entity_raise_no_conflict():
    """Three claims in one fact, where b and c joined through a and do not state the same thing
    as each other: names, numbers and dates of b and c are not compared."""
    from datetime import date

    a = Source("a", "a", "카카오는 AI 조직을 신설했다.")
    b = Source("b", "b", "김병학 대표가 카카오 AI 조직을 3명과 이끈다.")
    c = Source("c", "c", "김병호 대표가 카카오 AI 서비스를 5명과 맡는다.")
    ca = _claim(a, a.text, entities=(Entity(a, 0, 3, kind="organization", canonical="카카오"),))

    def person(src: Source, name: str, n: str, v: float) -> Claim:
        s = src.text.index(name)
        return _claim(
            src,
            src.text,
            quantities=(_q(src, n, v, "명"),),
            dates=(DateMention(src, 0, 0, value=date(2025, 1, int(v))),),
            entities=(
                Entity(src, s, s + 3, kind="person", canonical=name, title="대표"),
                Entity(
                    src,
                    src.text.index("카카오"),
                    src.text.index("카카오") + 3,
                    kind="organization",
                    canonical="카카오",
                ),
            ),
        )

    cb, cc = person(b, "김병학", "3명", 3), person(c, "김병호", "5명", 5)
    fact = Fact("e1.f1", "e1", (ca, cb, cc), ca.text)
    scores = {("a", "b"): 0.8, ("a", "c"): 0.7, ("b", "c"): 0.2}

    def same_fact(x: Claim, y: Claim) -> bool:
        key = tuple(sorted((x.source.id, y.source.id)))
        return scores[key] >= 0.44

    assert find_conflicts(fact, same_fact) == []
    # without the scores every pair is compared: b and c clash on the name; their figures and
    # days are not compared, since the two say different things besides them
    assert {x.kind for x in find_conflicts(fact)} == {"name"}


def test_wording_conflict_only_for_the_same_speaker():
    a = Source("a", "a", '박정민 CFO는 "실적 개선 흐름이 이어질 것"이라고 말했다.')
    b = Source("b", "b", '윤태식 대표는 "실적 개선에 속도를 내겠다"고 말했다.')
    c = Source("c", "c", '박 CFO는 "실적 개선세가 계속될 것"이라고 말했다.')
    sa = Entity(a, 0, 3, kind="person", canonical="박정민")
    sb = Entity(b, 0, 3, kind="person", canonical="윤태식")
    sc = Entity(c, 0, 1, kind="person", canonical="박정민")
    qa = _claim(a, "실적 개선 흐름이 이어질 것", quote=True, speaker=sa)
    qb = _claim(b, "실적 개선에 속도를 내겠다", quote=True, speaker=sb)
    qc = _claim(c, "실적 개선세가 계속될 것", quote=True, speaker=sc)
    assert find_conflicts(Fact("e1.f1", "e1", (qa, qb), qa.text)) == []
    (w,) = find_conflicts(Fact("e1.f2", "e1", (qa, qb, qc), qa.text))
    assert w.kind == "wording" and set(w.claims) == {qa, qc}


def test_times_of_day_conflict_beyond_rounding():
    a = Source("a", "a", "브리핑은 오후 7시 50분쯤 열렸다.")
    b = Source("b", "b", "브리핑은 오후 7시 30분 열렸다.")
    c = Source("c", "c", "서비스는 오후 2시부터 중단됐다.")
    d = Source("d", "d", "서비스는 오후 1시 55분부터 중단됐다.")
    fact = Fact("e1.f1", "e1", (_claim(a, a.text), _claim(b, b.text)), a.text)
    (x,) = find_conflicts(fact)
    assert x.kind == "time" and x.detail == "오후 7시 50분 vs 오후 7시 30분"
    rounded = Fact("e1.f2", "e1", (_claim(c, c.text), _claim(d, d.text)), c.text)
    assert find_conflicts(rounded) == []


@pytest.mark.parametrize(
    ("x", "y", "differs"),
    [
        ("즉시 조치하겠다", "즉시 조치하겠습니다", False),  # ending, honorific
        (
            "장비 오류로 서비스를 일시 중단한다",
            "장비 오류로 서비스를 일시중단합니다",
            False,
        ),  # spacing
        ("국가정보원 장비 오류로 중단한다", "장비 오류로 중단한다", False),  # shortened
        (  # shortened differently at both ends: omissions, not another wording
            "독자 개발한 발사체가 관심 속에 발사를 마쳤음을 보고드린다",
            "관심 속에 발사체가 발사를 마쳤다",
            False,
        ),
        ("데이터 안전성을 최고 수준으로 끌어올린다", "데이터 안정성을 최대로 끌어올린다", True),
        ("주민 안전을 최우선으로 챙겨 달라", "주민 안전을 가장 먼저 챙겨야 한다", True),
    ],
)
def test_quote_wording_variants_and_conflicts(x, y, differs):
    from summarize.comparison.diff import quote_content_differs

    assert quote_content_differs(x, y) is differs


def test_a_level_and_a_change_are_two_statements():
    """`출생아는 23만명` and `출생아는 2만명 줄었다` share a fact's words but not the same figure:
    one is the level, the other the change (and a base of comparison is a third)."""
    a = Source("a", "a", "출생아는 23만명으로 집계됐다.")
    b = Source("b", "b", "출생아는 2만명 줄었다.")
    c = Source("c", "c", "출생아는 전년(25만명)보다 줄었다.")
    ca = _num_claim(a, a.text, "23만명", 230000, "명")
    cb = _num_claim(b, b.text, "2만명", 20000, "명")
    cc = _num_claim(c, c.text, "25만명", 250000, "명")
    assert find_conflicts(Fact("e1.f1", "e1", (ca, cb), ca.text)) == []
    assert find_conflicts(Fact("e1.f2", "e1", (cb, cc), cb.text)) == []
    # the same level given differently is a conflict
    d = Source("d", "d", "출생아는 24만명으로 집계됐다.")
    (x,) = find_conflicts(
        Fact("e1.f3", "e1", (ca, _num_claim(d, d.text, "24만명", 240000, "명")), "")
    )
    assert x.kind == "number" and x.detail == "23만명 vs 24만명"


def test_time_since_and_a_duration_are_two_statements():
    a = Source("a", "a", "한국은행이 3년2개월 만에 금리를 내렸다.")
    b = Source("b", "b", "20개월간 유지된 금리를 한국은행이 내렸다.")
    ca = _claim(a, a.text, quantities=(_q(a, "3년", 3, "년"), _q(a, "2개월", 2, "개월")))
    cb = _num_claim(b, b.text, "20개월", 20, "개월")
    assert find_conflicts(Fact("e1.f1", "e1", (ca, cb), ca.text)) == []


def test_figures_of_two_periods_are_not_compared():
    """A quarter's rate and the year's rate (`분기` on one side only), or figures dated to two
    quarters, are different statements."""
    from datetime import date

    a = Source("a", "a", "4분기 합계출산율은 0.65명이다.")
    b = Source("b", "b", "합계출산율은 0.72명이다.")
    ca = _num_claim(a, a.text, "0.65명", 0.65, "명")
    cb = _num_claim(b, b.text, "0.72명", 0.72, "명")
    assert find_conflicts(Fact("e1.f1", "e1", (ca, cb), ca.text)) == []
    c = Source("c", "c", "3분기 영업이익은 9조원이다.")
    d = Source("d", "d", "2분기 영업이익은 8조원이다.")
    cc = replace(
        _num_claim(c, c.text, "9조원", 9e12, "원"),
        dates=(DateMention(c, 0, 3, value=date(2024, 7, 1), granularity="quarter"),),
    )
    cd = replace(
        _num_claim(d, d.text, "8조원", 8e12, "원"),
        dates=(DateMention(d, 0, 3, value=date(2024, 4, 1), granularity="quarter"),),
    )
    kinds = {x.kind for x in find_conflicts(Fact("e1.f2", "e1", (cc, cd), cc.text))}
    assert kinds == {"date"}  # the quarters differ; the figures are not compared


def test_a_point_of_reference_is_not_the_statements_date():
    """`2022년 3분기 이후 처음` dates nothing the claim states: no date conflict with
    `올해 2분기`."""
    from datetime import date

    a = Source("a", "a", "2022년 3분기 이후 처음으로 영업이익이 10조원을 넘었다.")
    b = Source("b", "b", "올해 2분기 영업이익이 10조원을 넘었다.")
    ca = _claim(
        a, a.text, dates=(DateMention(a, 0, 10, value=date(2022, 7, 1), granularity="quarter"),)
    )
    cb = _claim(
        b, b.text, dates=(DateMention(b, 0, 6, value=date(2024, 4, 1), granularity="quarter"),)
    )
    assert find_conflicts(Fact("e1.f1", "e1", (ca, cb), ca.text)) == []


def test_a_figure_hedged_by_the_verb_after_it_does_not_contradict():
    a = Source("a", "a", "영업이익은 10조원이 넘었다.")
    b = Source("b", "b", "영업이익은 10조4000억원이었다.")
    ca = _num_claim(a, a.text, "10조원", 1e13, "원")
    cb = _num_claim(b, b.text, "10조4000억원", 1.04e13, "원")
    assert find_conflicts(Fact("e1.f1", "e1", (ca, cb), ca.text)) == []
