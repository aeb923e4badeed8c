"""Sentences: exact offsets, line breaks respected, quotes with periods kept whole."""

from __future__ import annotations


def texts(sentences):
    return [s.text for s in sentences]


def test_offsets_exact_on_all_samples(sample_articles):
    for article in sample_articles.values():
        assert article.sentences, article.id
        for i, s in enumerate(article.sentences):
            assert article.text[s.start : s.end] == s.text
            assert s.text == s.text.strip() and s.text
            assert s.index == i
        body = [s for s in article.sentences if s.kind == "body"]
        assert [s.paragraph for s in body] == sorted(s.paragraph for s in body)
        for s in body:
            para = article.paragraphs[s.paragraph]
            assert para.start <= s.start and s.end <= para.end


def test_headline_and_subheadings_are_not_split(sample_articles):
    for article in sample_articles.values():
        heads = [s for s in article.sentences if s.kind == "headline"]
        assert len(heads) == (1 if article.headline else 0)
        subs = [s for s in article.sentences if s.kind == "subheading"]
        assert len(subs) == len(article.subheadings)


def test_lines_never_continue(make_sentences):
    _, sentences = make_sentences("카카오가 서비스를 출시했다\n네이버는 모델을 공개했다")
    assert texts(sentences) == ["카카오가 서비스를 출시했다", "네이버는 모델을 공개했다"]


def test_sentences_within_a_line(make_sentences):
    _, sentences = make_sentences("카카오가 서비스를 출시했다. 네이버는 모델을 공개했다.")
    assert texts(sentences) == ["카카오가 서비스를 출시했다.", "네이버는 모델을 공개했다."]
    assert [s.paragraph for s in sentences] == [0, 0]


def test_quote_with_periods_stays_one_sentence(make_sentences):
    text = "김 대표는 “첫 자리다. 의미가 깊다”며 “핵심 자산이다. 잘 지키겠다”라고 말했다. 끝이다."
    _, sentences = make_sentences(text)
    assert texts(sentences) == [
        "김 대표는 “첫 자리다. 의미가 깊다”며 “핵심 자산이다. 잘 지키겠다”라고 말했다.",
        "끝이다.",
    ]


def test_straight_quote_followed_by_quotative(make_sentences):
    text = '그는 "결과물이 바로 데이터센터"라고 말했다.'
    _, sentences = make_sentences(text)
    assert texts(sentences) == [text]


def test_headline_kind_and_paragraph_numbers(make_sentences):
    _, sentences = make_sentences("제목 줄\n\n첫 문단이다.\n\n둘째 문단이다.", headline=True)
    assert [(s.kind, s.paragraph) for s in sentences] == [
        ("headline", -1),
        ("body", 0),
        ("body", 1),
    ]
