"""Event consensus summaries from the diff's alignment.

For an event reported by several articles: the facts most of its outlets report (the consensus:
the most widely reported, best agreed and most informative facts that read as full statements,
shown in the order the story tells them), and one line per outlet on what only it adds (its most
informative addition: the salience of its sentence, numbers, dates and names, readability; never
a greeting-length fragment or the outlet talking about itself). Quotations are shown with their
speaker (`정신아 카카오 대표: “…”`); support spans are always the facts' exact claims.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from summarize.types import Article, Claim, Comparison, Fact, SummarySentence


@dataclass(frozen=True)
class OutletLine:
    """What one outlet adds to the event that no other outlet reports."""

    article: str
    outlet: str | None
    sentence: SummarySentence | None
    """Its most salient addition (None when it adds nothing)."""
    additions: int
    """How many facts only it reports."""


@dataclass(frozen=True)
class EventSummary:
    """The consensus summary of one event reported by several articles."""

    event: str
    articles: tuple[str, ...]
    consensus: tuple[SummarySentence, ...]
    """Facts reported by at least half of the event's articles (and two or more)."""
    outlets: tuple[OutletLine, ...]


def _agreement(fact: Fact) -> float:
    """How much the fact's claims from different articles share: the mean, over pairs from
    different articles, of shared content morphemes over the smaller claim's (1.0 for a fact
    with one article)."""
    from summarize.analysis import content_morphemes_many

    claims = list(fact.claims)
    morphs = [set(m) for m in content_morphemes_many([c.resolved or c.text for c in claims])]
    values = [
        len(morphs[i] & morphs[j]) / max(1, min(len(morphs[i]), len(morphs[j])))
        for i in range(len(claims))
        for j in range(i + 1, len(claims))
        if claims[i].source.id != claims[j].source.id
    ]
    return sum(values) / len(values) if values else 1.0


def _claim_quality(claim: Claim) -> float:
    from summarize.summarizer.compress import information, readability

    return readability(claim) * information(claim)


def best_wording(fact: Fact) -> Claim:
    """The claim that best states a fact on its own: readable (a full statement or a quotation
    with its speaker), with checkable content; the canonical wording wins ties."""
    canonical = " ".join(fact.canonical.split())

    def key(c: Claim) -> tuple[float, bool, int]:
        return (_claim_quality(c), " ".join(c.text.split()) == canonical, -len(c))

    return max(fact.claims, key=key)


def consensus_facts(facts: Sequence[Fact], n_articles: int, limit: int = 4) -> list[Fact]:
    """Facts that at least half the articles (and at least two) report and that can be stated
    as a readable line (the event's setting is not a key point): the most widely reported
    first, then the best agreed and most informative; returned in story order (see
    `story_order`)."""
    need = max(2, math.ceil(n_articles / 2))
    shared = [f for f in facts if len(f.articles) >= need]
    from summarize.summarizer.compress import readability

    rated = []
    for f in shared:
        best = best_wording(f)
        if best.setting or readability(best) < 0.5:
            continue  # the event's setting, or no claim of it reads as a statement on its own
        quality = _claim_quality(best)
        rated.append((f, len(f.articles), quality * _agreement(f)))
    rated.sort(key=lambda r: (-r[1], -r[2]))
    return story_order([f for f, _, _ in rated[:limit]])


def story_order(facts: Sequence[Fact]) -> list[Fact]:
    """Facts in the order the article reporting most of them tells them (others after, by
    their mean relative position in the articles that have them)."""
    if not facts:
        return []
    counts: dict[str, int] = {}
    for f in facts:
        for aid in f.articles:
            counts[aid] = counts.get(aid, 0) + 1
    first_seen = list(dict.fromkeys(c.source.id for f in facts for c in f.claims))
    reference = max(first_seen, key=lambda a: (counts[a], -first_seen.index(a)))

    def position(f: Fact) -> tuple[int, float]:
        own = [c for c in f.claims if c.source.id == reference]
        if own:
            return (0, float(min(c.start for c in own)))
        rel = [c.start / max(1, len(c.source.text)) for c in f.claims]
        return (1, sum(rel) / len(rel))

    return sorted(facts, key=position)


def _fact_sentence(fact: Fact, articles: dict[str, Article]) -> SummarySentence:
    from summarize.summarizer.compress import render_claim

    claim = best_wording(fact)
    text = render_claim(claim, articles.get(claim.source.id))
    return SummarySentence(text=text, support=tuple(fact.claims), role="point")


def _salience_of_sentences(articles: Sequence[Article]) -> dict[str, dict[int, float]]:
    """Each article's sentence salience by sentence index, by article id (one kiwipiepy batch)."""
    from summarize.summarizer.extractive import analyse_many, salience

    return {
        a.article.id: {s.index: v for s, v in zip(a.sentences, salience(a), strict=True)}
        for a in analyse_many(articles)
    }


def best_addition(
    article: Article, added: Sequence[Fact], weights: Mapping[int, float] | None = None
) -> Claim | None:
    """The most informative claim among an outlet's additions: the salience of its sentence in
    the article, times how well it reads on its own and how much checkable content (numbers,
    dates, names) it carries, scaled down for short fragments; the outlet talking about itself
    is left out. `weights`: the article's sentence salience by index, when already known."""
    from summarize.analysis import content_morphemes_many
    from summarize.summarizer.compress import is_self_reference

    claims = [c for f in added for c in f.claims if c.source.id == article.id]
    if not claims:
        return None
    if weights is None:
        weights = _salience_of_sentences([article])[article.id]
    sentences = {s.index: s for s in article.sentences}
    outlet = article.outlet or article.source.fields.get("outlet")
    morphs = content_morphemes_many([c.text for c in claims])

    def score(k: int) -> float:
        c = claims[k]
        sentence = sentences.get(c.sentence)
        if sentence is not None and is_self_reference(sentence.text, outlet):
            return 0.0
        fragment = min(1.0, len(morphs[k]) / 8)
        return (0.2 + weights.get(c.sentence, 0.0)) * _claim_quality(c) * fragment

    best = max(range(len(claims)), key=lambda k: (score(k), -k))
    return claims[best]


def summarize_events(comparison: Comparison, max_facts: int = 4) -> list[EventSummary]:
    """Consensus summaries for every event with two or more articles."""
    from summarize.summarizer.compress import render_claim

    facts_by_id = {f.id: f for f in comparison.facts}
    views = {v.article: v for v in comparison.outlets}
    events = [e for e in comparison.events if len(e.articles) >= 2]
    adders = [
        comparison.article(aid)
        for e in events
        for aid in e.articles
        if aid in views and any(i in facts_by_id for i in views[aid].additions)
    ]
    weights = _salience_of_sentences(adders)
    out = []
    for event in events:
        articles = {aid: comparison.article(aid) for aid in event.articles}
        event_facts = [f for f in comparison.facts if f.event == event.id]
        consensus = tuple(
            _fact_sentence(f, articles)
            for f in consensus_facts(event_facts, len(event.articles), max_facts)
        )
        lines = []
        for aid in event.articles:
            article = articles[aid]
            view = views.get(aid)
            added = [facts_by_id[i] for i in (view.additions if view else ()) if i in facts_by_id]
            claim = best_addition(article, added, weights[aid]) if added else None
            best = None
            if claim is not None:
                best = SummarySentence(
                    text=render_claim(claim, article), support=(claim,), role="point"
                )
            lines.append(OutletLine(aid, article.outlet, best, len(added)))
        out.append(EventSummary(event.id, tuple(event.articles), consensus, tuple(lines)))
    return out
