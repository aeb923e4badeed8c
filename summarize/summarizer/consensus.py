"""Event consensus summaries from the diff's alignment.

For an event reported by several articles: the facts most of its outlets report (the consensus,
most widely reported first, then in the order the first article tells them), and one line per
outlet on what only it adds (its most salient addition, by the extractive summariser's salience
of the sentence the claim comes from).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from summarize.types import Article, Comparison, Fact, SummarySentence


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


def consensus_facts(facts: Sequence[Fact], n_articles: int, limit: int = 4) -> list[Fact]:
    """Facts that at least half the articles (and at least two) report; the widest first."""
    need = max(2, math.ceil(n_articles / 2))
    shared = [f for f in facts if len(f.articles) >= need]

    def order(f: Fact) -> tuple[int, str, int]:
        first = min(f.claims, key=lambda c: (c.source.id, c.start))
        return (-len(f.articles), first.source.id, first.start)

    return sorted(shared, key=order)[:limit]


def _fact_sentence(fact: Fact) -> SummarySentence:
    return SummarySentence(
        text=" ".join(fact.canonical.split()), support=tuple(fact.claims), role="point"
    )


def _salience_of_sentences(article: Article) -> dict[int, float]:
    from summarize.summarizer.extractive import analyse_many, salience

    analysed = analyse_many([article])[0]
    return {s.index: v for s, v in zip(analysed.sentences, salience(analysed), strict=True)}


def summarize_events(comparison: Comparison, max_facts: int = 4) -> list[EventSummary]:
    """Consensus summaries for every event with two or more articles."""
    facts_by_id = {f.id: f for f in comparison.facts}
    views = {v.article: v for v in comparison.outlets}
    out = []
    for event in comparison.events:
        if len(event.articles) < 2:
            continue
        event_facts = [f for f in comparison.facts if f.event == event.id]
        consensus = tuple(
            _fact_sentence(f) for f in consensus_facts(event_facts, len(event.articles), max_facts)
        )
        lines = []
        for aid in event.articles:
            article = comparison.article(aid)
            view = views.get(aid)
            added = [facts_by_id[i] for i in (view.additions if view else ()) if i in facts_by_id]
            best = None
            if added:
                weights = _salience_of_sentences(article)
                top = max(
                    added,
                    key=lambda f: max(weights.get(c.sentence, 0.0) for c in f.claims),
                )
                claim = top.claims[0]
                best = SummarySentence(
                    text=" ".join(claim.text.split()), support=(claim,), role="point"
                )
            lines.append(OutletLine(aid, article.outlet, best, len(added)))
        out.append(EventSummary(event.id, tuple(event.articles), consensus, tuple(lines)))
    return out
