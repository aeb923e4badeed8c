"""The extractive-compressive default: scoring pieces, compression and the summary's shape."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from summarize.summarizer import extractive as ex

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))


def test_lexrank_prefers_the_sentence_others_share_content_with():
    docs = [("a", "b", "c"), ("a", "b"), ("b", "c"), ("x", "y")]
    sim = ex.tfidf_matrix(docs) @ ex.tfidf_matrix(docs).T
    rank = ex.lexrank(sim)
    assert rank.argmax() == 0
    assert rank[3] < rank[1]


def test_tfidf_rows_are_unit_length_or_zero():
    m = ex.tfidf_matrix([("a", "a", "b"), (), ("c",)])
    norms = np.linalg.norm(m, axis=1)
    assert norms[0] == pytest.approx(1.0) and norms[1] == 0.0


def test_choose_skips_redundant_points_and_orders_them():
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3])
    sim = np.eye(7)
    sim[0, 1] = sim[1, 0] = 0.95  # sentence 1 repeats the gist
    gist, points = ex.choose(scores, sim, ex.ExtractiveSettings(max_points=3))
    assert gist == 0
    assert 1 not in points
    assert points == sorted(points) and len(points) == 2  # ceil(6/3) = 2 points


def test_points_budget_is_capped_at_three():
    n = 30
    _, points = ex.choose(np.linspace(1, 0.1, n), np.eye(n))
    assert len(points) == 3


def test_gist_prefers_a_headline_like_statement_over_a_long_quote():
    headline = ("카카오", "데이터센터", "안산")
    morphs = [
        ("카카오", "대표", "데이터센터", "안산", "택하다", "상견례"),
        (*(f"w{i}" for i in range(40)), "카카오"),
    ]
    shares = [0.0, 0.9]
    gist, _ = ex.select_from_morphemes(morphs, headline, ex.DEFAULT, shares)
    assert gist == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("한편, 카카오는 올해 새 인공지능 서비스를 내놓을 계획이다.", "카카오는"),
        ("이에 따라 정부는 관련 규제를 다시 검토하기로 했다.", "정부는"),
        ("(서울=뉴스1) 손엄지 기자 = 카카오가 새 조직을 꾸렸다고 밝혔다.", "카카오가"),
        ("카카오는 올해 새 서비스를 낸다.", "카카오는"),
    ],
)
def test_trim_drops_leading_connectives_and_datelines(text, expected):
    assert text[ex.trimmed_offsets(text) :].startswith(expected)


def test_trim_never_takes_more_than_a_third():
    assert ex.trimmed_offsets("한편 좋다.") == 0


def test_quote_share():
    assert ex.quote_share("그는 “모두 끝났다”고 말했다") > 0.3
    assert ex.quote_share("카카오가 새 조직을 꾸렸다.") == 0.0


@pytest.fixture(scope="module")
def sample_articles():
    import summarize

    return [summarize.load(p) for p in SAMPLES]


def test_sample_summaries_have_the_promised_shape_and_exact_support(sample_articles):
    from summarize.summarizer import summarize_articles

    summaries = summarize_articles(sample_articles, method="extractive")
    assert len(summaries) == len(sample_articles)
    for article, summary in zip(sample_articles, summaries, strict=True):
        assert summary.article == article.id
        assert summary.method == "extractive" and summary.fallback is None
        assert 1 <= len(summary.sentences) <= 4
        assert summary.sentences[0].role == "gist"
        assert all(s.role == "point" for s in summary.sentences[1:])
        body = [s for s in article.body_sentences]
        point_starts = [s.support[0].start for s in summary.sentences[1:]]
        assert point_starts == sorted(point_starts)
        for s in summary.sentences:
            assert s.support and not s.flags
            for span in s.support:  # exact spans of body sentences, never headline or clutter
                assert article.text[span.start : span.end] == span.text
                assert any(b.start <= span.start and span.end <= b.end for b in body)
            if len(s.support) == 1 and s.support[0] in body:
                assert s.support[0].text.endswith(s.text)  # shown whole: only the start trimmed
            else:  # compressed: the claims' own words, in order
                pos = 0
                for span in s.support:
                    found = s.text.find(" ".join(span.text.split()).rstrip("."), pos)
                    assert found >= 0, (s.text, span.text)
                    pos = found


def test_sample_key_points_are_compressed(sample_articles):
    from summarize.summarizer import summarize_articles

    points = [
        x
        for summary in summarize_articles(sample_articles, method="extractive")
        for x in summary.sentences
        if x.role == "point"
    ]
    quoted = [x for x in points if "“" in x.text and ": “" in x.text]
    assert quoted  # quotations are shown with their speaker
    for x in quoted:
        assert all(getattr(c, "quote", False) for c in x.support)
        assert x.text.count("”") == 1  # one compact quotation, not several glued together
    assert sum(len(x.text) for x in points) / len(points) <= 120


def test_compression_can_be_turned_off(sample_articles):
    from summarize.summarizer.extractive import (
        ExtractiveSettings,
        analyse_many,
        summarize_analysed,
    )

    off = ExtractiveSettings(compress=False)
    for analysed in analyse_many(sample_articles):
        for s in summarize_analysed(analysed, off).sentences:
            (support,) = s.support
            assert support.text.endswith(s.text)


def test_an_outlet_talking_about_itself_is_not_the_gist():
    import summarize

    text = (
        "새 데이터센터 문 연 카카오\n\n"
        "한빛일보는 올해 데이터센터를 연 카카오를 이달의 기업으로 뽑았다. "
        "카카오가 경기 안산에 자체 데이터센터를 열고 11일 언론에 공개했다. "
        "데이터센터는 서버 12만대를 수용할 수 있는 규모다. "
        "카카오는 이 데이터센터를 인공지능 서비스의 기반으로 삼을 계획이다."
    )
    from summarize.summarizer.compress import is_self_reference

    assert is_self_reference("한빛일보는 올해 카카오를 뽑았다.", "한빛일보")
    assert is_self_reference("본지는 올해 카카오를 뽑았다.", None)
    assert not is_self_reference("카카오는 올해 새 서비스를 낸다.", "한빛일보")
    article = dataclasses.replace(summarize.load(text), outlet="한빛일보")
    summary = summarize.summarize(article, method="extractive")
    assert not summary.sentences[0].text.startswith("한빛일보")


def test_summaries_do_not_depend_on_the_batch(sample_articles):
    from summarize.summarizer import summarize_articles

    together = summarize_articles(sample_articles, method="extractive")
    alone = [summarize_articles([a], method="extractive")[0] for a in sample_articles]
    assert [s.text for s in together] == [s.text for s in alone]


def test_public_api_summarizes_raw_text():
    import summarize

    text = (
        "카카오, 안산 데이터센터 공개\n\n"
        "카카오가 경기 안산에 자체 데이터센터를 열고 11일 언론에 공개했다. "
        "데이터센터는 서버 12만대를 수용할 수 있는 규모다. "
        "회사는 화재와 정전에 대비해 전력 설비를 이중화했다고 설명했다. "
        "카카오는 이 데이터센터를 인공지능 서비스의 기반으로 삼을 계획이다."
    )
    summary = summarize.summarize(text, method="extractive")
    assert summary.method == "extractive"
    assert summary.sentences and "데이터센터" in summary.text


def test_event_consensus_lines_read_as_statements(sample_articles):
    import summarize
    from summarize.analysis import content_morphemes
    from summarize.summarizer.compress import readability
    from summarize.summarizer.consensus import best_wording, summarize_events

    comparison = summarize.compare(sample_articles[:3])
    (event,) = summarize_events(comparison)
    assert event.consensus
    facts = {tuple(f.claims): f for f in comparison.facts}
    for line in event.consensus:
        assert len({c.source.id for c in line.support}) >= 2
        assert readability(best_wording(facts[tuple(line.support)])) >= 0.5
    for outlet in event.outlets:
        if outlet.sentence is None:
            continue
        (claim,) = outlet.sentence.support
        assert readability(claim) >= 0.5  # not a lead fragment or a dangling clause
        assert len(content_morphemes(claim.text)) >= 8  # not a greeting-length fragment


def test_a_quoted_sentence_cut_into_propositions_is_quoted_whole():
    import summarize
    from summarize.summarizer.compress import as_one_claim, quoted_sentences

    first = (
        "우리는 올해 데이터센터 두 곳을 새로 열고 "
        "내년에는 인공지능 서비스를 해외에 내놓을 계획이다."
    )
    second = "투자 규모는 아직 정하지 않았다"
    text = (
        "가나전자, 데이터센터 두 곳 연다\n\n"
        "가나전자가 데이터센터 증설 계획을 내놨다. "
        f"김민준 가나전자 대표는 12일 기자간담회에서 “{first} {second}”라고 말했다. "
        "가나전자는 지난해 첫 데이터센터를 열었다."
    )
    article = summarize.load(text)
    quotes = sorted((c for c in article.claims if c.quote), key=lambda c: c.start)
    assert len(quotes) >= 3  # the first quoted sentence is cut into two propositions
    groups = quoted_sentences(quotes)
    assert [as_one_claim(g).text for g in groups] == [first, second]
    point = next(
        x for x in summarize.summarize(article, method="extractive").sentences if "“" in x.text
    )
    assert first.rstrip(".") in point.text  # never one proposition of it alone
    assert set(point.support) <= set(quotes)
    # a consensus or addition line rendering one proposition quotes its sentence too
    from summarize.summarizer.compress import render_claim

    assert render_claim(quotes[0], article) == f"김민준 가나전자 대표: “{first.rstrip('.')}”"
    assert first.rstrip(".") not in render_claim(quotes[0])  # without the article: the claim


@pytest.mark.parametrize(
    ("clause", "opens"),
    [
        ("공동연구진은 유전자 4만여 개를 규명했다고 밝혔다.", True),
        ("흡연이 폐에 어떻게 영향을 미치는지 연구할 수 있다.", False),  # an embedded subject
        ("물을 튕겨내는 표면을 만드는 방법을 개발했다.", False),  # no subject at all
    ],
)
def test_a_compressed_tail_opens_only_at_a_clause_with_its_own_topic(kiwi, clause, opens):
    from summarize.analysis import tokenize
    from summarize.summarizer.compress import opens_with_topic

    assert opens_with_topic(tokenize(clause)) is opens
