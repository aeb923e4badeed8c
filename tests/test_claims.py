"""Claims: clause splits, quotes with speakers, resolved references, exact spans."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from summarize.article.claims import extract_claims

PUBLISHED = datetime(2024, 6, 12, 12, 0)


@pytest.fixture(scope="module")
def claims_of(make_sentences):
    def run(text: str, published=PUBLISHED):
        source, sentences = make_sentences(text)
        claims = extract_claims(source, sentences, published)
        for c in claims:
            assert source.text[c.start : c.end] == c.text
        return claims

    return run


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        (
            "카카오는 데이터센터를 새로 지었으며, 네이버는 언어모델을 공개했다.",
            ["카카오는 데이터센터를 새로 지었으며", "네이버는 언어모델을 공개했다."],
        ),
        (
            "삼성전자는 신형 반도체를 출시했고 엘지전자는 가전 판매를 늘렸다.",
            ["삼성전자는 신형 반도체를 출시했고", "엘지전자는 가전 판매를 늘렸다."],
        ),
        (
            "회사는 인력을 줄이면서 연구소는 새 과제를 시작했다.",
            ["회사는 인력을 줄이면서", "연구소는 새 과제를 시작했다."],
        ),
        (
            "매출은 크게 늘었지만 영업이익은 절반으로 줄었다.",
            ["매출은 크게 늘었지만", "영업이익은 절반으로 줄었다."],
        ),
    ],
)
def test_split_at_connective_endings(claims_of, sentence, parts):
    assert [c.text for c in claims_of(sentence)] == parts
    assert all(not c.quote for c in claims_of(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "카카오는 새 서비스를 준비하고 있다.",  # auxiliary ~고 있다
        "데이터베이스를 함께 구축하고 검증하는 것이 특징이다.",  # nominalised coordination
        "한결전자는 부품 공급난에 힘입어 흑자로 돌아섰다.",  # a verb used as a postposition
        "기준금리를 연 2.75%에서 2.5%로 0.25%포인트 내렸다.",  # a range, not a level
        "2.5%로 유지됐던 기준금리가 처음 내려갔다.",  # a level inside a relative clause
    ],
)
def test_no_split(claims_of, sentence):
    assert [c.text for c in claims_of(sentence)] == [sentence]


def test_clauses_sharing_a_subject_are_two_claims_and_borrow_it(claims_of):
    """Two facts with one subject: two claims; the second is matched with the subject."""
    claims = claims_of("카카오는 조직을 신설하고 경영진을 전진 배치했다.")
    assert [c.text for c in claims] == ["카카오는 조직을 신설하고", "경영진을 전진 배치했다."]
    assert claims[1].resolved == "카카오는 경영진을 전진 배치했다."


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        (  # a level and its change are two facts
            "지난해 수출액은 6800억 달러로 전년보다 8% 늘었다.",
            ["지난해 수출액은 6800억 달러로", "전년보다 8% 늘었다."],
        ),
        (  # figures of two measures listed with a comma
            "매출은 5.5%, 영업이익은 12.1% 각각 증가했다.",
            ["매출은 5.5%", "영업이익은 12.1% 각각 증가했다."],
        ),
        (  # a figure change and its rate, joined by a converb
            "가입자는 전년보다 3만 2000명이 줄어 4.1% 감소했다.",
            ["가입자는 전년보다 3만 2000명이 줄어", "4.1% 감소했다."],
        ),
        (  # an adverbial clause closed by a time noun
            "공사는 지난해 3월부터 요금을 네 차례 올린 뒤 올해 1월부터 동결해 왔다.",
            ["공사는 지난해 3월부터 요금을 네 차례 올린 뒤", "올해 1월부터 동결해 왔다."],
        ),
        (  # a long relative clause defining the subject states a fact of its own
            "가구당 한 달 평균 소비액을 뜻하는 소비지출은 280만원으로 집계됐다.",
            ["가구당 한 달 평균 소비액을 뜻하는", "소비지출은 280만원으로 집계됐다."],
        ),
    ],
)
def test_sentences_cut_into_propositions(claims_of, sentence, parts):
    assert [c.text for c in claims_of(sentence)] == parts


def test_setting_is_a_claim_of_its_own(claims_of):
    """When and at what occasion: a setting claim, not glued to the figure it introduces."""
    claims = claims_of(
        "미래은행 이사회는 14일 정례회의를 열고 배당금을 주당 700원으로 올렸다.\n"
        "미래은행은 14일 열린 정례회의에서 배당금을 주당 700원으로 올렸다.\n"
        "미래은행 이사회가 14일 배당금을 주당 700원으로 올렸다."
    )
    settings = [c.text for c in claims if c.setting]
    assert settings == [
        "미래은행 이사회는 14일 정례회의를 열고",
        "미래은행은 14일 열린 정례회의에서",
        "미래은행 이사회가 14일",
    ]
    figures = [c for c in claims if not c.setting]
    assert [c.text for c in figures] == ["배당금을 주당 700원으로 올렸다."] * 3
    assert figures[0].resolved == "미래은행 이사회는 배당금을 주당 700원으로 올렸다."
    assert all(not c.dates for c in figures)


def test_attribution_frame_is_context_unless_it_gives_the_day(claims_of):
    claims = claims_of(
        "회사는 연내 서비스를 출시하겠다고 말했다.\n"
        "한결전자는 영업이익이 2조원으로 집계됐다고 5일 공시했다.\n"
        "관계자는 물량이 충분하다고 이같이 밝혔다."
    )
    assert [(c.text, c.setting) for c in claims] == [
        ("회사는 연내 서비스를 출시하겠다고", False),
        ("한결전자는 영업이익이 2조원으로 집계됐다고", False),
        ("5일 공시했다.", True),
        ("관계자는 물량이 충분하다고", False),
    ]


def test_source_frame_with_a_day_is_the_setting(claims_of):
    claims = claims_of("통계청이 3일 발표한 고용동향에 따르면 취업자는 2800만명으로 집계됐다.")
    assert [(c.text, c.setting) for c in claims] == [
        ("통계청이 3일 발표한 고용동향에 따르면", True),
        ("취업자는 2800만명으로 집계됐다.", False),
    ]


def test_quotes_become_claims_with_speaker(claims_of):
    text = (
        "정신아 카카오 대표는 11일 경기 안산에서 열린 행사에서 발표했다.\n"
        "정 대표는 “데이터센터는 핵심 자산이다. 안정성을 높였다”며 “연내 AI 서비스를 내겠다”라고 "
        "말했다."
    )
    claims = claims_of(text)
    quotes = [c for c in claims if c.quote]
    assert [c.text for c in quotes] == [
        "데이터센터는 핵심 자산이다.",
        "안정성을 높였다",
        "연내 AI 서비스를 내겠다",
    ]
    for c in quotes:
        assert c.speaker is not None
        assert c.speaker.canonical == "정신아"
        assert c.speaker.title == "대표"
        assert c.speaker.text == "정 대표"
    assert quotes[-1].dates and quotes[-1].dates[0].text == "연내"
    assert all(c.sentence == 1 for c in quotes)


def test_pronoun_and_short_reference_resolved(claims_of):
    text = (
        "김병학 카카오브레인 각자대표가 새 조직을 이끈다.\n"
        "그는 “언어모델 개발을 서두르겠다”고 밝혔다.\n"
        "김 대표는 이미지 생성 모델 개발도 총괄한다."
    )
    claims = claims_of(text)
    quote = next(c for c in claims if c.quote)
    assert quote.speaker.canonical == "김병학"
    last = claims[-1]
    assert last.resolved.startswith("김병학 카카오브레인 각자대표는 ")
    assert last.text.startswith("김 대표는 ")


def test_spokesperson_speaker(claims_of):
    claims = claims_of("카카오 관계자는 “내년 상반기에 출시될 것 같다”고 말했다.")
    quote = next(c for c in claims if c.quote)
    assert quote.speaker.canonical == "카카오 관계자"
    assert quote.dates[0].granularity == "half"


def test_quantities_and_dates_attached(claims_of):
    claims = claims_of(
        "카카오톡 이용자는 올해 1분기 기준 4870만명이며 메시지는 하루 100억건 이상이다."
    )
    values = [(q.value, q.unit) for c in claims for q in c.quantities]
    assert (48_700_000, "명") in values and (10_000_000_000, "건") in values
    assert claims[0].dates[0].value.isoformat() == "2024-01-01"


def test_fragments_dropped_and_headline_not_a_claim(make_sentences):
    source, sentences = make_sentences(
        "카카오 AI 팀 구성\n정 대표.\n카카오는 AI 조직을 새로 만들었다.", True
    )
    claims = extract_claims(source, sentences, PUBLISHED)
    assert [c.text for c in claims] == ["카카오는 AI 조직을 새로 만들었다."]


def test_samples_spans_exact_and_indexed(sample_articles):
    for article in sample_articles.values():
        assert article.claims, article.id
        for i, c in enumerate(article.claims):
            assert c.index == i
            assert article.text[c.start : c.end] == c.text
            sentence = article.sentences[c.sentence]
            assert sentence.kind == "body"
            assert sentence.start <= c.start and c.end <= sentence.end
            for part in (*c.quantities, *c.dates, *c.entities):
                assert article.text[part.start : part.end] == part.text
                assert c.start <= part.start and part.end <= c.end
            if c.speaker is not None:
                assert article.text[c.speaker.start : c.speaker.end] == c.speaker.text


def test_samples_no_dates_invented_without_published(sample_articles):
    for article in sample_articles.values():
        if article.published is None:
            for c in article.claims:
                assert all(d.value is None for d in c.dates if d.relative), c.text


def test_sample_quotes_have_speakers(sample_articles):
    for article in sample_articles.values():
        quotes = [c for c in article.claims if c.quote]
        with_speaker = [c for c in quotes if c.speaker is not None]
        assert len(with_speaker) >= 0.9 * len(quotes), article.id


def test_speaker_named_by_name_and_title_only(claims_of):
    text = (
        "박정민 한결전자 최고재무책임자(CFO)는 이날 콘퍼런스콜에서 “실적 개선 흐름이 이어질 것”"
        "이라며 “시설투자를 늘리겠다”고 말했다.\n"
        "박정민 부사장은 “배당도 늘린다”고 덧붙였다."
    )
    quotes = [c for c in claims_of(text) if c.quote]
    assert len(quotes) == 3
    assert {c.speaker.canonical for c in quotes} == {"박정민"}
    assert quotes[0].speaker.title == "최고재무책임자(CFO)"


def test_speaker_is_the_subject_not_another_person(claims_of):
    text = "김철수 카카오 대표가 떠난 뒤 이영희 네이버 부사장은 “시장이 바뀌었다”고 말했다."
    quote = next(c for c in claims_of(text) if c.quote)
    assert quote.speaker.canonical == "이영희"


def test_reporter_is_not_a_speaker(claims_of):
    text = "카카오 관계자는 김수현 기자에게 “출시는 내년이다”라고 말했다."
    quote = next(c for c in claims_of(text) if c.quote)
    assert quote.speaker.canonical == "카카오 관계자"


def test_speaker_named_after_the_quote(claims_of):
    quote = next(c for c in claims_of("“출시는 내년이다”라고 박정민 부사장은 말했다.") if c.quote)
    assert quote.speaker.canonical == "박정민"


@pytest.mark.parametrize(
    ("lead", "speaker"),
    [
        ("업계 관계자는", "업계 관계자"),
        ("한 관계자는", "한 관계자"),
        ("한 에너지경제학과 교수는", "한 에너지경제학과 교수"),
    ],
)
def test_anonymous_speakers_and_their_continuation(claims_of, lead, speaker):
    text = (
        "박정민 한결전자 부사장이 투자 계획을 발표했다.\n"
        f"{lead} “착공해도 효과는 늦게 난다”고 지적했다.\n"
        "그는 “단기 대안이 필요하다”고 덧붙였다."
    )
    quotes = [c for c in claims_of(text) if c.quote]
    assert [c.speaker.canonical for c in quotes] == [speaker, speaker]


def test_statement_inside_a_noun_phrase_is_a_claim_of_its_own(claims_of):
    """`X인 ‘Y’`, `X ‘Y’`: the description of a name is stated, nested in its clause."""
    claims = claims_of("시청은 주민 전용 예약 서비스인 ‘마을창구’가 오전부터 멈췄다고 설명했다.")
    texts = [c.text for c in claims]
    assert "주민 전용 예약 서비스인 ‘마을창구’" in texts
    outer = next(c for c in claims if c.text.startswith("시청은"))
    nested = next(c for c in claims if c.text.startswith("주민 전용"))
    assert outer.start <= nested.start and nested.end <= outer.end
    assert [c.index for c in claims] == list(range(len(claims)))


def test_a_quoted_sentence_with_two_facts_is_two_quote_claims(claims_of):
    claims = claims_of(
        "김민수 장관은 “위성 7기는 정상 분리됐으나 1기는 확인에 시간이 더 필요하다”고 말했다."
    )
    quotes = [c for c in claims if c.quote]
    assert [c.text for c in quotes] == [
        "위성 7기는 정상 분리됐으나",
        "1기는 확인에 시간이 더 필요하다",
    ]
    assert {c.speaker.canonical for c in quotes} == {"김민수"}


def test_serial_verbs_stay_one_claim(claims_of):
    claims = claims_of("발사체는 싣고 간 위성 8기를 궤도에 올렸다.")
    assert [c.text for c in claims] == ["발사체는 싣고 간 위성 8기를 궤도에 올렸다."]


def test_quote_marks_of_many_kinds(claims_of):
    claims = claims_of("장관은 ″발사가 성공적으로 끝났다″고 밝혔다.")
    assert [c.text for c in claims if c.quote] == ["발사가 성공적으로 끝났다"]


@pytest.mark.parametrize(
    ("sentence", "nested"),
    [
        # a relative clause describing the thing it modifies is a claim of its own
        (
            "국내 기술로 독자 개발한 한빛호가 두 번째 비행을 마쳤다.",
            "국내 기술로 독자 개발한 한빛호",
        ),
        ("정부는 바다 수온을 관측하는 해양 위성을 쏘았다.", "바다 수온을 관측하는 해양 위성"),
        (
            "시민들이 이용하는 전자민원 창구 ‘한결24’가 멈췄다.",
            "시민들이 이용하는 전자민원 창구 ‘한결24’",
        ),
    ],
)
def test_relative_clauses_are_nested_claims(claims_of, sentence, nested):
    texts = [c.text for c in claims_of(sentence)]
    assert nested in texts
    assert any(len(t) > len(nested) and nested in t for t in texts)  # the proposition holds it


@pytest.mark.parametrize(
    "sentence",
    [
        "회사는 연내 새 공장에 집중할 계획을 세웠다.",  # a plan (future), no description
        "정부는 규제를 완화한다는 방침을 밝혔다.",  # reported content
        "점검을 마친 후 운행이 재개됐다.",  # an adverbial clause (`~한 후`)
        "시장에 대한 우려가 커졌다.",  # `에 대한`: a postposition
    ],
)
def test_clauses_that_describe_nothing_are_no_nested_claims(claims_of, sentence):
    claims = claims_of(sentence)
    spans = [(c.start, c.end) for c in claims]
    nested = [s for s in spans if any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    assert nested == [], [c.text for c in claims]


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("가나시 출생률도 3.5명으로 전년 대비 0.2명 하락했다.", "가나시 출생률도"),
        ("가나시 사망자 수 역시 1200명으로 전년 대비 80명 줄었다.", "가나시 사망자 수 역시"),
    ],
)
def test_a_subject_marked_also_is_lent_to_the_next_clause(claims_of, sentence, subject):
    """`X도` and `X 역시` mark the sentence's subject when no 은/는/이/가 does: the clause with the
    change borrows it (two changes of the same size then stay two facts)."""
    claims = claims_of(sentence)
    change = next(c for c in claims if "전년 대비" in c.text)
    assert change.resolved.startswith(subject + " ")
    assert subject not in change.text  # borrowed words never enter the span


_WORD_CHAR = re.compile(r"[가-힣0-9A-Za-z]")


def _starts_inside_a_word(claim) -> bool:
    text = claim.source.text
    return (
        claim.start > 0
        and bool(_WORD_CHAR.match(text[claim.start - 1]))
        and bool(_WORD_CHAR.match(text[claim.start]))
    )


def test_described_noun_phrases_open_and_close_with_whole_words(claims_of):
    claims = claims_of(
        "지난 2022년 10월15일 가나시 판교 데이터센터 화재로 인한 ‘다라 먹통 사태’ 이후 회사는 "
        "설비를 점검했다.\n"
        "주탑재 위성인 차세대 소형위성 2호는 궤도에 올랐다.\n"
        "3분기 영업이익은 시장 평균 전망치인 6조787억원을 상회하는 수준이다.\n"
        "시청에 접수된 매입 사전협의 요청 4200여건 가운데 300건이 처리됐다.\n"
        "온열질환자는 1,195명으로 지난해 같은 기간보다 늘었다."
    )
    assert not [c.text for c in claims if _starts_inside_a_word(c)]
    texts = [c.text for c in claims]
    assert not any(t.endswith("4200여") for t in texts)  # `4200여건` is one word
    assert not any(t.endswith("같은 기간") for t in texts)  # a period named, no description


def test_no_sample_claim_opens_inside_a_word(sample_articles):
    bad = [
        (a.id, c.text)
        for a in sample_articles.values()
        for c in a.claims
        if _starts_inside_a_word(c)
    ]
    assert not bad
