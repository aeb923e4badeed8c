"""The faithfulness guard: numbers, dates and names of a generated summary against the source."""

from __future__ import annotations

import pytest
from tiny_checkpoints import PLANTED_DIGIT

from summarize.summarizer import guard

ARTICLE = (
    "카카오, 안산 데이터센터 첫 공개\n\n"
    "정신아 카카오 대표는 2024년 6월 11일 경기 안산 데이터센터에서 기자들과 만났다. "
    "카카오톡 이용자는 4870만명에 이른다. "
    "데이터센터는 서버 12만대를 수용할 수 있다고 카카오는 밝혔다."
)


@pytest.fixture(scope="module")
def article():
    import summarize

    return summarize.load(ARTICLE, id="guard-test")


@pytest.fixture(scope="module")
def facts(article):
    return guard.source_facts(article)


def test_numbers_compare_by_value():
    ((raw, value),) = _numerals("이용자 4870만명")
    assert raw == "4870만" and value == 48_700_000
    assert _numerals("48,700,000명")[0][1] == value
    assert _numerals("1조 2000억원") == [("1조 2000억", 1.2e12)]
    assert _numerals("3.25%에서") == [("3.25", 3.25)]


def _numerals(text: str) -> list[tuple[str, float]]:
    """The numerals the guard checks (`numbers.find_numerals`), as written, with their value."""
    from summarize.article.numbers import find_numerals

    return [(text[start:end], value) for start, end, value in find_numerals(text)]


@pytest.mark.parametrize(
    "text",
    [
        "카카오톡 이용자는 48,700,000명이다.",
        "정신아 카카오 대표가 안산 데이터센터를 공개했다.",
        "데이터센터는 서버 12만대를 수용한다.",
        "카카오는 2024년 6월 11일 데이터센터를 공개했다.",
    ],
)
def test_traceable_details_pass(text, facts):
    assert guard.unsupported(text, facts) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("카카오톡 이용자는 4800만명이다.", "number 4800만"),
        ("김철수 네이버 대표가 데이터센터를 공개했다.", "name"),
        ("카카오는 2023년 3월 데이터센터를 공개했다.", "date 2023년 3월"),
        ("Google이 데이터센터를 공개했다.", "name Google"),
    ],
)
def test_untraceable_details_are_flagged(text, expected, facts):
    flags = guard.unsupported(text, facts)
    assert any(f.startswith(expected) for f in flags), flags


def test_choose_takes_the_first_clean_beam_and_says_why():
    def check(text):
        return ("number 9 not in the source",) if "9" in text else ()

    choice = guard.choose(["9명", "세 명", "다섯"], check)
    assert choice.index == 1
    assert "beam 1" in choice.reason and "number 9" in choice.reason and "beam 2" in choice.reason
    assert guard.choose(["세 명"], check).reason is None


def test_choose_gives_up_when_every_beam_is_flagged():
    choice = guard.choose(["9", "99", ""], lambda t: ("x",) if t else ())
    assert choice.index is None
    assert "all 3 beams" in choice.reason
    assert choice.flags[2] == ("empty output",)


def test_random_weight_output_falls_back_to_the_extractive_summary(
    article, tiny_bart_hallucinating
):
    from summarize.summarizer import summarize_articles

    assert PLANTED_DIGIT * 3 not in article.text
    (summary,) = summarize_articles([article], model=str(tiny_bart_hallucinating), device="cpu")
    assert summary.method == "extractive"
    assert summary.fallback.startswith(f"seq2seq:{tiny_bart_hallucinating.name}")
    assert "number" in summary.fallback and "used the extractive summary" in summary.fallback
    assert summary.sentences and summary.sentences[0].support


def test_guard_off_keeps_the_beam_with_its_flags(article, tiny_bart_hallucinating):
    from summarize.summarizer import summarize_articles

    (summary,) = summarize_articles(
        [article], model=str(tiny_bart_hallucinating), device="cpu", guard=False
    )
    assert summary.method.startswith("seq2seq:")
    assert any(f.startswith("number") for s in summary.sentences for f in s.flags)
