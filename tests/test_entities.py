"""Entities: people with titles, organisations, products, aliases and coreference."""

from __future__ import annotations

import pytest

from summarize.article.entities import entity_key, find_entities, resolve_entities
from summarize.types import Source


@pytest.fixture(scope="module")
def entities_of(kiwi):
    def run(text: str):
        source = Source(id="t", path="t", text=text)
        found = find_entities(source, 0, len(text))
        for e in found:
            assert text[e.start : e.end] == e.text
        return found

    return run


@pytest.mark.parametrize(
    ("text", "mention", "name", "title"),
    [
        ("정신아 카카오 대표가 말했다", "정신아 카카오 대표", "정신아", "대표"),
        (
            "김병학 카카오브레인 각자대표가 이끈다",
            "김병학 카카오브레인 각자대표",
            "김병학",
            "각자대표",
        ),
        (
            "정의정 카카오 최고기술책임자(CTO)가 발표했다",
            "정의정 카카오 최고기술책임자(CTO)",
            "정의정",
            "최고기술책임자(CTO)",
        ),
        (
            "이상호 전 카카오 최고AI책임자가 맡는다",
            "이상호 전 카카오 최고AI책임자",
            "이상호",
            "전 최고AI책임자",
        ),
        ("이와 함께 이상호 PO는 집중한다", "이상호 PO", "이상호", "PO"),
    ],
)
def test_people_with_titles(entities_of, text, mention, name, title):
    people = [e for e in entities_of(text) if e.kind == "person"]
    assert [(e.text, e.canonical, e.title) for e in people] == [(mention, name, title)]


def test_common_words_are_not_names(entities_of):
    assert not [e for e in entities_of("이번 카카오 대표 선임은 늦었다") if e.kind == "person"]


def test_short_references_and_pronouns_resolve_in_reading_order(kiwi):
    text = "정신아 카카오 대표가 취임했다. 정 대표는 웃었다. 그는 답했다. 황 전 대표는 없다."
    source = Source(id="t", path="t", text=text)
    sentences = [(0, 17), (18, 28), (29, 36), (37, len(text))]
    per_sentence, coref = resolve_entities(source, sentences)
    assert [(e.text, e.canonical) for e in per_sentence[1]] == [("정 대표", "정신아")]
    assert [(e.text, e.canonical) for e in per_sentence[2]] == [("그", "정신아")]
    assert per_sentence[3] == ()  # no 황 mentioned before: left unresolved, not guessed
    assert coref.full_text["정신아"] == "정신아 카카오 대표"


def test_quoted_names_typed_by_head_noun(entities_of):
    found = {
        e.text: e.kind
        for e in entities_of("AI 전담 조직 ‘카나나’와 이미지 생성 모델 ‘칼로’를 공개했다")
    }
    assert found["카나나"] == "organization"
    assert found["칼로"] == "product"


def test_alias_in_parentheses(entities_of):
    found = entities_of("초거대 AI 모델 코지피티(KoGPT) 출시가 늦어졌다")
    product = next(e for e in found if "코지피티" in e.text)
    assert product.canonical == "코지피티"


def test_entity_key_spelling_insensitive():
    assert entity_key("코GPT") == entity_key("코지피티")
    assert entity_key("코(Ko)-GPT") == entity_key("코GPT")
    assert entity_key("카카오 브레인") == entity_key("카카오브레인")


def test_samples_people(sample_articles):
    article = sample_articles.get("000_f28d87c25e3f6bfe")
    if article is None:
        pytest.skip("sample 000 missing")
    speakers = {c.speaker.canonical for c in article.claims if c.quote and c.speaker}
    assert speakers == {"정신아"}


@pytest.mark.parametrize(
    ("text", "mention", "name", "title"),
    [
        # kiwipiepy reads 박정민 as 박정/XR 민/NNG: still a name
        (
            "박정민 한결전자 최고재무책임자(CFO)는 말했다",
            "박정민 한결전자 최고재무책임자(CFO)",
            "박정민",
            "최고재무책임자(CFO)",
        ),
        ("박정민 부사장은 웃었다", "박정민 부사장", "박정민", "부사장"),
        ("한결전자 박정민 부사장은 웃었다", "박정민 부사장", "박정민", "부사장"),
        ("김광열 영덕군수는 밝혔다", "김광열 영덕군수", "김광열", "영덕군수"),
        (
            "박정훈 삼성SDI 중대형전지사업부장(부사장)은 말했다",
            "박정훈 삼성SDI 중대형전지사업부장(부사장)",
            "박정훈",
            "중대형전지사업부장(부사장)",
        ),
        ("이동진 현대차 행장은 말했다", "이동진 현대차 행장", "이동진", "행장"),
    ],
)
def test_people_whatever_kiwi_makes_of_the_name(entities_of, text, mention, name, title):
    people = [e for e in entities_of(text) if e.kind == "person"]
    assert [(e.text, e.canonical, e.title) for e in people] == [(mention, name, title)]


@pytest.mark.parametrize("text", ["한국 대표팀이 이겼다", "미국 대통령이 왔다", "정확한 대표 수치"])
def test_places_and_words_before_titles_are_not_people(entities_of, text):
    assert not [e for e in entities_of(text) if e.kind == "person"]


def test_places(entities_of):
    found = {
        e.text: e.kind for e in entities_of("판교와 안산, 미국 새너제이, 도쿄, 경북 영덕군에서")
    }
    assert found == {
        "판교": "place",
        "안산": "place",
        "미국": "place",
        "새너제이": "place",
        "도쿄": "place",
        "경북": "place",
        "영덕군": "place",
    }


def test_proper_nouns_need_organisation_evidence(entities_of):
    found = {e.text: e.kind for e in entities_of("트래픽이 늘었고 카톡과 밋업에서 말했다")}
    assert set(found.values()) <= {"other"}
    found = {e.text: e.kind for e in entities_of("한결전자(123450)와 기상청, SK가 참여했다")}
    assert found == {"한결전자": "organization", "기상청": "organization", "SK": "organization"}
    # the subject of an organisation's verb, outside quotations
    assert {e.text: e.kind for e in entities_of("넥스트칩랩은 신제품을 발표했다")} == {
        "넥스트칩랩": "organization"
    }


def test_organisation_evidence_later_in_the_article_applies_to_earlier_mentions(kiwi):
    text = "에리카가 화제다. 에리카(123450)는 상장사다."
    source = Source(id="t", path="t", text=text)
    per_sentence, _ = resolve_entities(source, [(0, 9), (10, len(text))])
    assert [e.kind for e in per_sentence[0]] == ["organization"]


def test_entity_key_latin_and_hangul_spellings_agree():
    assert entity_key("KoGPT") == entity_key("코GPT") == entity_key("코지피티")
    assert entity_key("카카오 AI") == entity_key("카카오에이아이")
    assert entity_key("Kakao") == entity_key("카카오")
    assert entity_key("KoGPT") != entity_key("코난")
