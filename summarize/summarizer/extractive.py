"""The default summariser, which needs no model weights: extractive-compressive over kiwipiepy.

Each body sentence (clutter is already gone) is scored from three signals over its content
morphemes (nouns, verb and adjective stems, numbers, foreign words; see `summarize.analysis`):

- centrality: LexRank (PageRank on the TF-IDF cosine graph of the article's sentences): a
  sentence that shares its content with many others states the article's core;
- position: news puts the core first (inverted pyramid), so early sentences get more;
- headline similarity: cosine to the headline and subheadings, the editor's own summary.

The best sentence is the one-line gist; up to three more, each not redundant with those already
chosen, are the key points, shown in document order. A sentence whose subject is the outlet
itself (`<outlet>는 … 선정했다`, `본지는 …`) is neither: it is about the publication, not the news.

Compression trims what a summary does not need at the start of a sentence (discourse
connectives such as `한편`, `이에 따라`, a dateline such as `(서울=뉴스1) 홍길동 기자 =`), and
then shows a selected sentence as its salient claim(s) (`summarize.summarizer.compress`): a
sentence with quotations becomes `speaker: “best quotation”` (two when both are salient and
short enough), a long sentence without quotations keeps its tail from its most salient clause.
Claims are scored by TF-IDF cosine to the article's centroid and to the headline, times
readability and checkable content. A sentence shown whole keeps the sentence as its support; a
compressed one has the exact spans of the claims it shows.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from summarize.types import Article, Claim, Sentence, Span, Summary, SummarySentence


@dataclass(frozen=True)
class ExtractiveSettings:
    """Weights and limits of the extractive summariser.

    The defaults were chosen by a small grid search on the dev half (odd-numbered files) of
    sci-news-sum-kr-50 only; benchmarks/bench_summary_quality.py reports the held-out test half.
    """

    centrality: float = 1.0
    position: float = 0.5
    headline: float = 0.5
    position_decay: float = 1.0
    """Position score is `1 / (1 + i) ** position_decay` for the i-th body sentence."""
    max_points: int = 3
    points_ratio: float = 1 / 3
    """At most this share of the remaining sentences become key points (short articles get
    fewer than `max_points`)."""
    redundancy: float = 0.5
    """A sentence whose cosine similarity to an already chosen one exceeds this is skipped."""
    full_length: int = 30
    """Sentences with fewer content morphemes than this are scaled down in proportion: short
    sentences carry less of an article's content (and fragments, captions, bullets least)."""
    damping: float = 0.85
    short_gist: bool = True
    """Choose the gist for stating the story in one line (`gist_scores`) rather than by the
    key-point score, which prefers long, information-dense sentences."""
    gist_min_length: int = 6
    """A gist candidate with fewer content morphemes than this is scaled down (fragments)."""
    graph: str = "overlap"
    """Edge weights of the centrality graph: `cosine` (TF-IDF, LexRank) or `overlap` (shared
    content morphemes over log lengths, as in TextRank)."""
    compress: bool = True
    """Show a selected sentence as its salient claim(s) when it is long or quotes someone (see
    `summarize.summarizer.compress`); off, the whole sentence is shown (leading connectives
    trimmed)."""
    point_chars: int = 120
    """A sentence without quotations longer than this is cut to its most salient clause."""
    second_quote: float = 0.6
    """A quote point takes a second quotation of the same sentence when it scores at least this
    share of the best one and both fit in `point_chars`."""


DEFAULT = ExtractiveSettings()


# --- scoring on morpheme lists (shared by articles and the benchmark's plain sentence lists) ---


def tfidf_matrix(docs: Sequence[Sequence[str]]) -> np.ndarray:
    """Row-normalised TF-IDF vectors (sublinear tf, smoothed idf over these sentences)."""
    vocab: dict[str, int] = {}
    for doc in docs:
        for term in doc:
            vocab.setdefault(term, len(vocab))
    matrix = np.zeros((len(docs), max(1, len(vocab))), dtype=np.float64)
    df = Counter(term for doc in docs for term in set(doc))
    n = len(docs)
    for row, doc in enumerate(docs):
        for term, count in Counter(doc).items():
            idf = math.log((1 + n) / (1 + df[term])) + 1.0
            matrix[row, vocab[term]] = (1.0 + math.log(count)) * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def overlap_matrix(docs: Sequence[Sequence[str]]) -> np.ndarray:
    """TextRank edge weights: shared distinct morphemes over the sum of log distinct counts."""
    sets = [set(d) for d in docs]
    n = len(sets)
    matrix = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a, b = sets[i], sets[j]
            if len(a) > 1 and len(b) > 1:
                matrix[i, j] = matrix[j, i] = len(a & b) / (math.log(len(a)) + math.log(len(b)))
    return matrix


def lexrank(similarity: np.ndarray, damping: float = 0.85, iterations: int = 50) -> np.ndarray:
    """PageRank over a weighted similarity graph (self-links removed), scaled to max 1."""
    n = similarity.shape[0]
    if n == 0:
        return np.zeros(0)
    weights = similarity.copy()
    np.fill_diagonal(weights, 0.0)
    out = weights.sum(axis=1, keepdims=True)
    transition = np.where(out > 0, weights / np.where(out > 0, out, 1.0), 1.0 / n)
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        new = (1 - damping) / n + damping * transition.T @ rank
        if np.abs(new - rank).sum() < 1e-9:
            rank = new
            break
        rank = new
    return rank / rank.max() if rank.max() > 0 else rank


def score_sentences(
    morphemes: Sequence[Sequence[str]],
    headline: Sequence[str] = (),
    settings: ExtractiveSettings = DEFAULT,
) -> tuple[np.ndarray, np.ndarray]:
    """Salience of each sentence and the sentence-sentence cosine matrix."""
    n = len(morphemes)
    if n == 0:
        return np.zeros(0), np.zeros((0, 0))
    vectors = tfidf_matrix([*morphemes, headline])
    sentence_vectors, headline_vector = vectors[:n], vectors[n]
    similarity = sentence_vectors @ sentence_vectors.T
    graph = overlap_matrix(morphemes) if settings.graph == "overlap" else similarity
    centrality = lexrank(graph, settings.damping)
    position = 1.0 / (1.0 + np.arange(n)) ** settings.position_decay
    to_headline = sentence_vectors @ headline_vector
    if to_headline.max() > 0:
        to_headline = to_headline / to_headline.max()
    length = np.array([min(1.0, len(m) / settings.full_length) for m in morphemes])
    score = (
        settings.centrality * centrality
        + settings.position * position
        + settings.headline * to_headline
    ) * length
    return score, similarity


def gist_scores(
    morphemes: Sequence[Sequence[str]],
    headline: Sequence[str] = (),
    quote_shares: Sequence[float] | None = None,
    settings: ExtractiveSettings = DEFAULT,
) -> np.ndarray:
    """How well each sentence states the whole story in one line: headline similarity, early
    position and centrality, without the length preference (a gist should be short) and without
    sentences that are mostly direct quotes (a quote is someone's view, not the news)."""
    n = len(morphemes)
    if n == 0:
        return np.zeros(0)
    vectors = tfidf_matrix([*morphemes, headline])
    to_headline = vectors[:n] @ vectors[n]
    if to_headline.max() > 0:
        to_headline = to_headline / to_headline.max()
    graph = (
        overlap_matrix(morphemes) if settings.graph == "overlap" else vectors[:n] @ vectors[:n].T
    )
    centrality = lexrank(graph, settings.damping)
    position = 1.0 / (1.0 + np.arange(n)) ** settings.position_decay
    fragment = np.array([min(1.0, len(m) / settings.gist_min_length) for m in morphemes])
    unquoted = 1.0 - np.asarray(quote_shares if quote_shares is not None else np.zeros(n))
    return (to_headline + position + centrality) * fragment * unquoted


_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")


def quote_share(text: str) -> float:
    """Share of a sentence's characters inside double quotes (direct speech)."""
    if not text:
        return 0.0
    inside = sum(len(m.group()) for m in _QUOTED.finditer(text))
    return min(1.0, inside / len(text))


def choose(
    scores: np.ndarray,
    similarity: np.ndarray,
    settings: ExtractiveSettings = DEFAULT,
    gist_score: np.ndarray | None = None,
    excluded: Sequence[bool] | None = None,
) -> tuple[int, list[int]]:
    """The gist (best by `gist_score`, else by `scores`) and the key points (best remaining by
    `scores`, not redundant with what is chosen), points in document order. `excluded`
    sentences (the outlet talking about itself) are neither, unless nothing else is left."""
    n = len(scores)
    if n == 0:
        raise ValueError("no sentences to choose from")
    if excluded is not None and any(excluded) and not all(excluded):
        keep = 1.0 - np.asarray(excluded, dtype=float)
        scores = scores * keep
        gist_score = gist_score * keep if gist_score is not None else None
    candidates = [i for i in np.argsort(-scores, kind="stable").tolist() if scores[i] > 0]
    if not candidates:
        return 0, []
    gist = candidates[0]
    if gist_score is not None and gist_score.max() > 0:
        gist = int(np.argmax(gist_score))
        candidates = [gist, *(i for i in candidates if i != gist)]
    budget = min(settings.max_points, math.ceil((len(candidates) - 1) * settings.points_ratio))
    chosen = [gist]
    points: list[int] = []
    for i in candidates[1:]:
        if len(points) >= budget:
            break
        if max(similarity[i, j] for j in chosen) > settings.redundancy:
            continue
        chosen.append(i)
        points.append(i)
    return gist, sorted(points)


def select_from_morphemes(
    morphemes: Sequence[Sequence[str]],
    headline: Sequence[str] = (),
    settings: ExtractiveSettings = DEFAULT,
    quote_shares: Sequence[float] | None = None,
    excluded: Sequence[bool] | None = None,
) -> tuple[int, list[int]]:
    """Gist and key-point indices for sentences given as content-morpheme lists."""
    scores, similarity = score_sentences(morphemes, headline, settings)
    gist = gist_scores(morphemes, headline, quote_shares, settings) if settings.short_gist else None
    return choose(scores, similarity, settings, gist, excluded)


# --- compression -------------------------------------------------------------------------------

_CONNECTIVE = re.compile(
    r"^(?:이에\s*따라|이와\s*함께|이와\s*관련(?:해|하여)?|이\s*밖에(?:도)?|이\s*때문에|이를\s*위해|"
    r"이에\s*대해|이에|그\s*결과|이\s*가운데|아울러|한편|특히|다만|또|또한|더불어|나아가|그러나|"
    r"하지만|그런데|그리고|따라서|이어|앞서)\s*,?\s+"
)
_DATELINE = re.compile(
    r"^[(\[【][^)\]】\n]{1,40}=[^)\]】\n]{1,40}[)\]】]\s*(?:\S{2,5}\s*기자\s*=?\s*)?"
)


def trimmed_offsets(text: str, tokens: Sequence[Any] = ()) -> int:
    """How many leading characters of a sentence a summary can drop: a dateline, then discourse
    connectives (from a closed list, or a leading conjunctive adverb `MAJ` per kiwipiepy).
    Connectives never take more than a third of what follows the dateline."""
    dateline = _DATELINE.match(text)
    base = dateline.end() if dateline and dateline.end() < len(text) else 0
    cut = base
    for _ in range(3):
        match = _CONNECTIVE.match(text[cut:])
        if match is not None:
            cut += match.end()
            continue
        first = next((t for t in tokens if t.start >= cut), None)
        if first is None or first.tag != "MAJ" or first.start != cut:
            break
        after = re.match(r"\s*,?\s+", text[first.start + first.len :])
        if after is None:
            break
        cut = first.start + first.len + after.end()
    return cut if cut - base <= (len(text) - base) / 3 else base


# --- articles ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnalysedArticle:
    """An article's candidate sentences with their kiwipiepy tokens and content morphemes."""

    article: Article
    sentences: tuple[Sentence, ...]
    tokens: tuple[Any, ...]
    morphemes: tuple[tuple[str, ...], ...]
    headline: tuple[str, ...]


MAX_CANDIDATES = 400
"""Most sentences a summary is chosen from (the first ones). News articles have under a hundred;
the centrality graph is quadratic in pure Python (800 sentences 6 s), so without a cap a
pathological input (a 4 MB article, 12,000 sentences) would run for tens of minutes."""


def candidate_sentences(article: Article) -> tuple[Sentence, ...]:
    """Body sentences, or every sentence when the article has no body sentences; the first
    `MAX_CANDIDATES` of them."""
    return (article.body_sentences or article.sentences)[:MAX_CANDIDATES]


def analyse_many(articles: Sequence[Article]) -> list[AnalysedArticle]:
    """Tokenise every candidate sentence and headline of all articles in one kiwipiepy batch
    (kiwipiepy's worker threads share the work)."""
    from summarize.analysis import morphemes_of, tokenize_many

    texts: list[str] = []
    layout: list[tuple[tuple[Sentence, ...], int]] = []
    for article in articles:
        sentences = candidate_sentences(article)
        layout.append((sentences, len(texts)))
        texts.extend(s.text for s in sentences)
        texts.append(_headline_text(article))
    tokens = tokenize_many(texts)
    out = []
    for article, (sentences, start) in zip(articles, layout, strict=True):
        toks = tuple(tokens[start : start + len(sentences)])
        out.append(
            AnalysedArticle(
                article=article,
                sentences=sentences,
                tokens=toks,
                morphemes=tuple(morphemes_of(t) for t in toks),
                headline=morphemes_of(tokens[start + len(sentences)]),
            )
        )
    return out


def _headline_text(article: Article) -> str:
    parts = [article.headline.text] if article.headline else []
    parts.extend(s.text for s in article.subheadings)
    return "\n".join(parts)


def salience(analysed: AnalysedArticle, settings: ExtractiveSettings = DEFAULT) -> list[float]:
    """Salience of each candidate sentence (used to fit long inputs to a seq2seq model)."""
    scores, _ = score_sentences(analysed.morphemes, analysed.headline, settings)
    return scores.tolist()


def summarize_analysed(
    analysed: AnalysedArticle, settings: ExtractiveSettings = DEFAULT
) -> Summary:
    """The extractive-compressive summary of one analysed article."""
    from summarize.summarizer.compress import is_self_reference

    article = analysed.article
    if not analysed.sentences:
        return Summary(article=article.id, sentences=(), method="extractive")
    shares = [quote_share(s.text) for s in analysed.sentences]
    outlet = article.outlet or article.source.fields.get("outlet")
    excluded = [is_self_reference(s.text, outlet) for s in analysed.sentences]
    gist, points = select_from_morphemes(
        analysed.morphemes, analysed.headline, settings, shares, excluded
    )
    out = [_summary_sentence(analysed, gist, "gist", settings)]
    out.extend(_summary_sentence(analysed, i, "point", settings) for i in points)
    return Summary(article=article.id, sentences=tuple(out), method="extractive")


def _summary_sentence(
    analysed: AnalysedArticle, index: int, role: str, settings: ExtractiveSettings = DEFAULT
) -> SummarySentence:
    sentence = analysed.sentences[index]
    cut = trimmed_offsets(sentence.text, analysed.tokens[index])
    shown = Span(sentence.source, sentence.start + cut, sentence.end)
    whole = SummarySentence(text=shown.text.strip(), support=(sentence,), role=role)
    if not settings.compress:
        return whole
    compressed = _compressed(analysed, index, role, settings)
    if compressed is None or len(compressed.text) >= len(whole.text):
        return whole
    return compressed


def _claim_tokens(analysed: AnalysedArticle, index: int, claim: Claim) -> list[Any]:
    sentence = analysed.sentences[index]
    lo, hi = claim.start - sentence.start, claim.end - sentence.start
    return [t for t in analysed.tokens[index] if t.start >= lo and t.start + t.len <= hi]


def _claim_scores(analysed: AnalysedArticle, index: int, claims: Sequence[Claim]) -> list[float]:
    """Salience of claims of one sentence: TF-IDF cosine to the article's centroid and to the
    headline, scaled for fragments, readability and checkable content."""
    from summarize.analysis import morphemes_of
    from summarize.summarizer.compress import information, readability

    tokens = [_claim_tokens(analysed, index, c) for c in claims]
    morphs = [morphemes_of(t) for t in tokens]
    n = len(analysed.morphemes)
    vectors = tfidf_matrix([*analysed.morphemes, analysed.headline, *morphs])
    centroid = vectors[:n].sum(axis=0)
    norm = np.linalg.norm(centroid)
    centroid = centroid / norm if norm > 0 else centroid
    headline = vectors[n]
    out = []
    for k, claim in enumerate(claims):
        v = vectors[n + 1 + k]
        fragment = min(1.0, len(morphs[k]) / 6)
        base = float(v @ centroid + 0.5 * (v @ headline))
        out.append(base * fragment * readability(claim, tokens[k]) * information(claim))
    return out


def _compressed(
    analysed: AnalysedArticle, index: int, role: str, settings: ExtractiveSettings
) -> SummarySentence | None:
    """The sentence as its salient quotation(s) with the speaker, or as the tail from its most
    salient clause; None when it is best shown whole."""
    from summarize.summarizer.compress import (
        as_one_claim,
        borrows_subject,
        opens_with_topic,
        quoted_sentences,
        render_quotes,
        speaker_label,
    )

    sentence = analysed.sentences[index]
    claims = [c for c in analysed.article.claims if c.sentence == sentence.index]
    if not claims:
        return None
    quotes = [c for c in claims if c.quote and c.speaker is not None]
    if quotes and (role == "point" or len(sentence) > settings.point_chars):
        units = quoted_sentences(sorted(quotes, key=lambda c: c.start))
        whole = [as_one_claim(u) for u in units]
        scores = _claim_scores(analysed, index, whole)
        order = sorted(range(len(units)), key=lambda k: -scores[k])
        best = order[0]
        picked = [best]
        speaker = whole[best].speaker
        label = speaker_label(analysed.article, speaker)
        for k in order[1:2]:
            same = whole[k].speaker.canonical == speaker.canonical
            fits = (
                len(render_quotes(label, [whole[best].text, whole[k].text])) <= settings.point_chars
            )
            if same and fits and scores[k] >= settings.second_quote * scores[best]:
                picked.append(k)
        chosen = [units[k] for k in sorted(picked)]
        text = render_quotes(label, [whole[k].text for k in sorted(picked)])
        return SummarySentence(text, tuple(c for u in chosen for c in u), role=role)
    plain = [c for c in claims if not c.quote]
    if quotes or len(plain) < 2 or len(sentence) <= settings.point_chars:
        return None
    scores = _claim_scores(analysed, index, plain)
    # a tail opens where a clause states its own topic: one that borrows its subject would read
    # subjectless (`물을 튕겨내는 표면을 개발했다고 발표했다` without who did)
    starts = [
        k
        for k in range(len(plain))
        if k == 0
        or (
            not borrows_subject(plain[k])
            and opens_with_topic(_claim_tokens(analysed, index, plain[k]))
        )
    ]
    best = max(starts, key=lambda k: (scores[k], -k))
    if best == 0:
        return None
    tail = plain[best:]
    text = sentence.source.text[tail[0].start : sentence.end]
    cut = trimmed_offsets(text)
    text = text[cut:].strip()
    return SummarySentence(text, tuple(tail), role=role)
