"""Story grouping: one event per story across outlets and days, near-misses apart.

Every article here is invented for the test."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from summarize.comparison.group import (
    GroupSettings,
    GroupStats,
    background,
    candidate_pairs,
    group_events,
)
from summarize.comparison.story_signals import (
    Pooled,
    article_signals,
    figure_evidence,
    slot_noun,
)
from summarize.types import Article, Source, Span

KST = timezone(timedelta(hours=9))


def _article(aid: str, text: str, published: datetime | None = None) -> Article:
    """A bare article: one paragraph, no claims (grouping then works from the words alone)."""
    src = Source(id=aid, path=aid, text=text)
    return Article(source=src, paragraphs=(Span(src, 0, len(text)),), published=published)


def _loaded(aid: str, text: str, published: datetime | None = None) -> Article:
    """A fully analysed article (headline, sentences, claims with figures and dates)."""
    import dataclasses

    import summarize

    article = summarize.load(text, id=aid)
    return dataclasses.replace(article, published=published) if published else article


QUAKE = (
    "경북 영덕 해역에서 규모 4.6 지진이 발생했다. 기상청은 여진에 주의하라고 당부했다. "
    "유감 신고 52건."
)
BUDGET = (
    "기획재정부는 내년 예산안을 677조원 규모로 편성했다. 국회 심의를 거쳐 확정된다. "
    "복지 예산이 늘었다."
)

# An invented central bank ("한별은행") cutting its rate: two outlets the same day, a third a
# day later, and a near miss: the same bank's cut of another year (other figures, same words).
CUT_A = (
    "한별은행, 기준금리 3.50%에서 3.25%로 인하\n\n"
    "한별은행 통화위원회는 14일 회의를 열고 기준금리를 연 3.50%에서 3.25%로 0.25%포인트 "
    "내렸다. 2년 6개월 만의 인하다. 위원회는 물가 상승률이 2.1%로 낮아진 점을 들었다. "
    "시장에서는 추가 인하 가능성도 거론된다."
)
CUT_B = (
    "한별은행 기준금리 3.25%로 0.25%p 내려\n\n"
    "한별은행이 14일 기준금리를 3.50%에서 3.25%로 0.25%포인트 인하했다. 2년 6개월 만에 "
    "통화정책 방향을 바꿨다. 물가 상승률 2.1%를 근거로 들었다. 은행 대출 금리도 내릴 전망이다."
)
CUT_C = (
    "금리 인하 이튿날, 대출 금리 줄줄이 내려\n\n"
    "한별은행이 지난 14일 기준금리를 3.25%로 0.25%포인트 내리자 시중 은행들이 대출 금리를 "
    "내리기 시작했다. 한 은행은 주택담보대출 금리를 0.2%포인트 낮췄다. 한별은행 통화위원회의 "
    "인하 결정 이후 첫 조정이다."
)
CUT_OTHER_YEAR = (
    "한별은행, 기준금리 2.75%로 인하\n\n"
    "한별은행 통화위원회는 14일 회의를 열고 기준금리를 연 3.00%에서 2.75%로 0.25%포인트 "
    "내렸다. 위원회는 물가 상승률이 1.4%로 낮아진 점을 들었다. 시장에서는 추가 인하 가능성도 "
    "거론된다."
)
# An invented rocket ("한빛호"): the 3rd launch from two outlets, and the 4th launch.
LAUNCH_3A = (
    "한빛호 3차 발사 성공\n\n"
    "한빛호가 3차 발사에 성공했다. 한빛호는 21일 오후 나로우주센터에서 발사돼 위성 7기를 궤도에 "
    "올렸다. 과학부 장관은 발사가 성공했다고 발표했다."
)
LAUNCH_3B = (
    "한빛호, 세 번째 도전도 성공…위성 7기 궤도에\n\n"
    "한빛호 3차 발사가 21일 성공했다. 나로우주센터를 떠난 한빛호는 위성 7기를 모두 궤도에 "
    "올렸다. 과학부 장관이 성공을 공식 발표했다."
)
LAUNCH_4 = (
    "한빛호 4차 발사 성공\n\n"
    "한빛호가 4차 발사에 성공했다. 지난해 3차 발사에 이은 연속 성공이다. 한빛호는 21일 오후 "
    "나로우주센터에서 발사돼 위성 7기를 궤도에 올렸다. 과학부 장관은 발사가 성공했다고 발표했다."
)

# An invented recall ("한별전자" recalls its "별빛폰 X5"), as many outlets would write it: a
# headline and a lead sentence in one of a few wordings, and two sentences of the outlet's own
# (reactions, stock price, background) that no other page shares.
RECALL_HEADLINES = (
    "한별전자, 별빛폰 X5 12만 대 리콜",
    "한별전자 별빛폰 X5 배터리 과열…12만 대 회수",
    "별빛폰 X5 배터리 결함, 한별전자 자발적 리콜 결정",
    "한별전자 리콜 발표 '별빛폰 X5 12만 대'",
)
RECALL_LEADS = (
    "한별전자는 14일 배터리 과열 문제가 확인된 별빛폰 X5 12만 대를 리콜한다고 밝혔다.",
    "한별전자가 14일 별빛폰 X5 12만 대에 대해 자발적 리콜을 결정했다. 배터리 과열 신고가 "
    "잇따랐기 때문이다.",
    "별빛폰 X5에서 배터리 과열 사례가 이어지자 한별전자는 14일 12만 대 리콜 계획을 발표했다.",
)
RECALL_OWN = (
    "증권가에서는 이번 조치가 3분기 실적에 미칠 영향이 제한적이라고 내다봤다.",
    "소비자단체는 피해 보상 기준을 구체적으로 공개하라고 요구했다.",
    "주가는 장 초반 약세를 보이다가 오후 들어 낙폭을 줄였다.",
    "업계 관계자는 부품 공급사 교체 여부가 관심사라고 전했다.",
    "온라인 커뮤니티에는 교환 절차를 묻는 글이 수백 건 올라왔다.",
    "정부는 제품 안전 관리 체계를 점검하겠다는 입장을 내놨다.",
    "해외 판매분에 대한 조치는 다음 달 확정될 예정이다.",
    "전문가들은 고속 충전 기능의 발열 관리가 과제라고 지적했다.",
    "서비스센터는 주말에도 문을 열고 교환 신청을 받기로 했다.",
    "경쟁사들은 자사 제품의 안전성을 강조하는 광고를 내보냈다.",
    "국회에서는 리콜 제도 개선 법안 논의가 다시 거론됐다.",
    "대리점 직원들은 문의 전화가 하루 종일 이어졌다고 말했다.",
)


def _recall_page(k: int) -> str:
    own = f"{RECALL_OWN[k % len(RECALL_OWN)]} {RECALL_OWN[(k + 5) % len(RECALL_OWN)]}"
    lead = RECALL_LEADS[k % len(RECALL_LEADS)]
    return f"{RECALL_HEADLINES[k % len(RECALL_HEADLINES)]}\n\n{lead} {own}"


# An invented company's preliminary quarterly results in two years: the same words, other
# figures, one page writing 매출액 where the others write 매출 (no dates on any page).
EARNINGS_OTHER_YEAR = (
    "한별전자, 2분기 영업이익 6.5조원…전년 대비 56% 감소\n\n"
    "한별전자는 올해 2분기 연결 기준 매출액 56조원, 영업이익 6.5조원을 기록했다고 잠정 "
    "공시했다. 영업이익은 전년 같은 기간보다 56% 줄었다. 메모리 반도체 가격 하락이 실적을 "
    "끌어내렸다."
)
EARNINGS_A = (
    "한별전자 2분기 영업이익 10.4조원, 시장 예상 웃돌아\n\n"
    "한별전자는 올해 2분기 연결 기준 매출 74조원, 영업이익 10.4조원을 기록했다고 잠정 "
    "공시했다. 메모리 반도체 가격 회복이 실적을 끌어올렸다. 증권가 전망치를 크게 웃돈 수치다."
)
EARNINGS_B = (
    "한별전자 2분기 잠정실적 영업익 10.4조…매출 74조\n\n"
    "한별전자가 2분기 매출 74조원, 영업이익 10.4조원의 잠정 실적을 발표했다. 메모리 반도체 "
    "업황 개선이 실적을 이끌었다. 증권가 예상치를 넘어선 결과다."
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
    assert len(group_events(arts, GroupSettings(max_days=60))) == 1


def test_a_story_over_adjacent_days_is_one_event_with_a_day_each(kiwi):
    day = datetime(2025, 3, 14, 9, tzinfo=KST)
    arts = [
        _loaded("a", CUT_A, day),
        _loaded("b", CUT_B, day.replace(hour=11)),
        _loaded("c", CUT_C, day + timedelta(days=1)),
    ]
    (event,) = group_events(arts)
    assert event.articles == ("a", "b", "c")
    assert [(d.date, d.articles) for d in event.days] == [
        (date(2025, 3, 14), ("a", "b")),
        (date(2025, 3, 15), ("c",)),
    ]
    assert event.first == "a"
    assert not any(d.inferred for d in event.days)


def test_near_miss_with_other_figures_stays_apart(kiwi):
    """The same bank's cut of another year: the same words, other rates (no dates at all)."""
    arts = [
        _loaded("a", CUT_A),
        _loaded("other", CUT_OTHER_YEAR),
        _loaded("b", CUT_B),
    ]
    groups = {e.articles for e in group_events(arts)}
    assert groups == {("a", "b"), ("other",)}


def test_without_the_figure_veto_the_near_miss_would_merge(kiwi):
    """What makes the previous test pass is the figures, not the words: stripped of claims
    (no figures), the same texts group together."""
    arts = [_article("a", CUT_A), _article("other", CUT_OTHER_YEAR), _article("b", CUT_B)]
    assert len(group_events(arts)) == 1


def test_another_launch_stays_apart(kiwi):
    """The 4th launch, whose article also names the 3rd: the ordinals alone tell them apart."""
    arts = [_loaded("3a", LAUNCH_3A), _loaded("4", LAUNCH_4), _loaded("3b", LAUNCH_3B)]
    groups = {e.articles for e in group_events(arts)}
    assert groups == {("3a", "3b"), ("4",)}


def test_one_outlet_reporting_a_different_figure_stays_in_its_story(kiwi):
    """Outlets do disagree on a figure (that is what the diff reports): one changed rate among
    figures that agree is no reason to split a story."""
    misprint = CUT_B.replace("물가 상승률 2.1%", "물가 상승률 2.3%")
    arts = [_loaded("a", CUT_A), _loaded("b", misprint)]
    assert len(group_events(arts)) == 1


def test_two_outlets_giving_a_figure_two_ways_report_one_story(kiwi):
    """Undated pages of one quake whose depth differs (11 and 12 km): an approximate figure
    reported two ways is a disagreement for the diff, not a second quake."""
    one = (
        "가람 앞바다 규모 4.1 지진\n\n"
        "17일 오전 가람군 동쪽 해역에서 규모 4.1 지진이 발생했다. 진원의 깊이는 11㎞다. "
        "유감 신고는 37건 접수됐다."
    )
    other = (
        "가람 해역서 규모 4.1 지진…유감 신고 37건\n\n"
        "17일 오전 가람군 동쪽 해역에서 규모 4.1의 지진이 났다. 진원의 깊이는 12㎞로 "
        "추정됐다. 소방당국에 유감 신고 37건이 들어왔다."
    )
    assert len(group_events([_loaded("a", one), _loaded("b", other)])) == 1


def test_undated_articles_get_an_inferred_day(kiwi):
    day = datetime(2025, 3, 14, 9, tzinfo=KST)
    arts = [
        _loaded("dated", CUT_A, day),
        _loaded("says-14", CUT_B),  # `14일`: the story's day, placed next to the dated one
        _loaded("says-last-14", CUT_C),  # `지난 14일`: later than the 14th; day from neighbours
    ]
    (event,) = group_events(arts)
    dates = {d.article: (d.value, d.source, d.inferred) for d in event.dates}
    assert dates["dated"] == (date(2025, 3, 14), "published", False)
    assert dates["says-14"] == (date(2025, 3, 14), "text", True)
    assert dates["says-last-14"][1:] == ("neighbours", True)
    assert event.days[0].inferred


def test_a_story_without_any_date_invents_none(kiwi):
    (event,) = group_events([_loaded("a", CUT_A), _loaded("b", CUT_B)])
    assert event.dates == ()
    assert [(d.date, d.articles) for d in event.days] == [(None, ("a", "b"))]
    assert event.first is None


def test_title_is_a_representative_headline_never_a_caption(kiwi):
    caption = (
        "▲ 한별은행 총재가 14일 회의에서 의사봉을 두드리고 있다. (사진=한별은행 제공)\n\n"
        + CUT_B.split("\n\n", 1)[1]
    )
    arts = [_loaded("cap", caption), _loaded("a", CUT_A), _loaded("b", CUT_B)]
    (event,) = group_events(arts)
    assert event.headline is not None
    assert event.headline.source.id in ("a", "b")
    assert event.title == event.headline.source.text[event.headline.start : event.headline.end]
    assert "사진" not in event.title


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
    events = group_events(arts, GroupSettings(neighbours=5), stats=stats)
    assert len(events) == len(topics)
    assert stats[0].candidate_pairs < stats[0].possible_pairs / 2
    assert stats[0].candidate_pairs <= len(arts) * 5


def test_candidate_pairs_drop_common_terms():
    vecs = [{"common": 1.0, f"rare{i // 2}": 0.5} for i in range(6)]
    df = {"common": 6, **{f"rare{i}": 2 for i in range(3)}}
    pairs = candidate_pairs(vecs, df, max_postings=3)
    assert pairs == {(0, 1): 0.25, (2, 3): 0.25, (4, 5): 0.25}


def test_candidate_pairs_keep_each_articles_best_neighbours():
    vecs = [{"x": 1.0, "y": 0.1}, {"x": 0.9, "y": 0.1}, {"x": 0.1, "y": 1.0}, {"y": 0.2}]
    df = {"x": 3, "y": 4}
    pairs = candidate_pairs(vecs, df, max_postings=5, neighbours=1)
    assert (0, 1) in pairs and (2, 3) in pairs
    assert (0, 3) not in pairs


@pytest.mark.parametrize("n", [0, 1])
def test_trivial_inputs(n, kiwi):
    arts = [_article("a", QUAKE)][:n]
    assert len(group_events(arts)) == n


# --- the decision does not depend on what else is in the input ---------------------------------


@pytest.mark.parametrize("n", [2, 4, 6, 8, 12])
def test_one_story_alone_is_one_group_however_many_pages(n, kiwi):
    """With idf over the inputs alone, 4 to 8 of these pages fell apart (every story word then
    has df ~ n, every page's own words the highest idf); the background idf keeps them whole."""
    arts = [_loaded(f"p{k}", _recall_page(k)) for k in range(n)]
    assert [len(e.articles) for e in group_events(arts)] == [n]


def test_a_story_groups_the_same_alone_and_among_other_stories(kiwi):
    story = [_loaded(f"p{k}", _recall_page(k)) for k in range(6)]
    others = [
        _loaded("quake", QUAKE),
        _loaded("budget", BUDGET),
        _loaded("launch", LAUNCH_3A),
        _loaded("cut", CUT_A),
    ]
    ids = tuple(a.id for a in story)
    alone = {e.articles for e in group_events(story)}
    mixed = {e.articles for e in group_events([*others[:2], *story, *others[2:]])}
    assert alone == {ids}
    assert mixed == {ids, ("quake",), ("budget",), ("launch",), ("cut",)}


def test_a_handful_of_unrelated_articles_stay_apart(kiwi):
    texts = {"quake": QUAKE, "budget": BUDGET, "launch": LAUNCH_3A, "cut": CUT_A}
    arts = [_loaded(k, t) for k, t in texts.items()] + [_loaded("recall", _recall_page(0))]
    assert len(group_events(arts)) == 5


def test_results_of_another_year_stay_apart_in_a_small_input(kiwi):
    arts = [
        _loaded("a", EARNINGS_A),
        _loaded("other", EARNINGS_OTHER_YEAR),
        _loaded("b", EARNINGS_B),
    ]
    assert {e.articles for e in group_events(arts)} == {("a", "b"), ("other",)}


def test_sales_and_profit_of_another_year_contradict(kiwi):
    """매출액 and 매출 measure one thing, and a profit of 6.5 trillion is not one of 10.4
    reported another way: the two pages contradict (before, only the profit counted, a clash
    of 2 on one thing, which an approximate figure reported two ways also gives)."""
    other, this = article_signals([_loaded("o", EARNINGS_OTHER_YEAR), _loaded("a", EARNINGS_A)])
    evidence = figure_evidence(Pooled.of(other), Pooled.of(this))
    assert {slot for slot, _ in evidence.slots} == {"매출", "이익"}
    assert evidence.far
    assert evidence.contradicts


def test_slot_noun_drops_the_amount_suffix_of_long_nouns_only():
    assert slot_noun("매출액") == "매출"
    assert slot_noun("수출액") == "수출"
    assert slot_noun("금액") == "금액"
    assert slot_noun("이익") == "이익"


def test_background_idf_ranks_common_words_below_story_words():
    table = background()
    assert table.sentences > 10_000
    assert table.idf("있다") < table.idf("정부") < table.idf("별빛폰")
    # an unseen word is rarer than any seen one
    assert table.idf("별빛폰") > max(table.idf(t) for t in ("리콜", "배터리"))
