"""Entities: people with titles, organisations, products, aliases and coreference."""

from __future__ import annotations

import pytest

from summarize.entities import entity_key, find_entities, resolve_entities
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
