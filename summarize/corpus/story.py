"""One story of a corpus: its `Event` (days, headline, first report), its facts and conflicts,
and its `kosum.diff/1` document.

`compare_story` is the corpus's one call into alignment and the diff (what
`summarize.comparison.diff.compare` does for each event after grouping), so that a change of the
aligner's interface touches this function alone. The document is `diff_json.comparison_dict` of
a comparison holding this one event: a line of `events.jsonl` is a complete `kosum.diff/1`
document for its story, read by the same scorers as `kosum diff --format json`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from summarize.comparison.story_signals import ArticleSignals
from summarize.types import Article, Comparison, Conflict, Event, Fact, OutletView


def story_event(
    articles: Sequence[Article],
    signals: Sequence[ArticleSignals],
    vectors: Sequence[dict[str, float]],
    event_id: str,
    *,
    max_days: float,
) -> Event:
    """The event of one story's articles (in input order): its days, dates, headline and first
    report, as `group_events` builds them, numbered `event_id`."""
    from summarize.comparison.timeline import build_events

    members = list(range(len(articles)))
    event = build_events(articles, [members], signals, vectors, max_days=max_days)[0]
    return dataclasses.replace(event, id=event_id)


def compare_story(
    articles: Sequence[Article], event: Event, *, embedder: Any
) -> tuple[tuple[Fact, ...], tuple[Conflict, ...], tuple[OutletView, ...]]:
    """The story's facts, their conflicts and each article's additions and omissions; a story of
    one article has no facts (nothing to compare with)."""
    from summarize.comparison.align import align_event
    from summarize.comparison.diff import find_conflicts, outlet_views

    if len(event.articles) < 2:
        return (), (), (OutletView(article=event.articles[0]),)
    alignment = align_event(articles, event, embedder=embedder)
    facts = tuple(alignment.facts)
    conflicts = tuple(c for f in facts for c in find_conflicts(f, alignment.states_same))
    return facts, conflicts, tuple(outlet_views(event, facts, alignment.unmatched))


def story_document(
    articles: Sequence[Article],
    event: Event,
    facts: Sequence[Fact],
    conflicts: Sequence[Conflict],
    views: Sequence[OutletView],
) -> dict[str, Any]:
    """The story as a `kosum.diff/1` document (`schema`, `articles`, `events`, `facts`,
    `conflicts`, `outlets`), by the renderer `kosum diff --format json` uses."""
    from summarize.render.diff_json import comparison_dict

    comparison = Comparison(
        articles=tuple(articles),
        events=(event,),
        facts=tuple(facts),
        conflicts=tuple(conflicts),
        outlets=tuple(views),
    )
    return comparison_dict(comparison)
