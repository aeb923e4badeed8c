"""What several renderers share: spans and an article's identifying fields as JSON, outlet
labels, an event's facts laid out as rows (a cell per article) for the tabular diff views, and a
story's timeline (its days, who reported first, what each day added)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from summarize.types import (
    Article,
    ArticleDate,
    Claim,
    Comparison,
    Conflict,
    Event,
    Fact,
    Span,
    StoryDay,
)


def span_json(span: Span, *, with_article: bool = False) -> dict[str, Any]:
    """`{text, start, end}` with character offsets into the article's decoded input (`article`,
    its id, first when `with_article`)."""
    out: dict[str, Any] = {"article": span.source.id} if with_article else {}
    out.update(text=span.text, start=span.start, end=span.end)
    return out


def article_json(article: Article) -> dict[str, Any]:
    """`id`, `path`, `outlet`, `title` and `published` (ISO 8601 or null) of an article: the same
    keys in every JSON document kosum writes."""
    return {
        "id": article.id,
        "path": article.path,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
    }


def outlet_name(article: Article) -> str:
    """The article's outlet, or its id (its file's name) when the outlet is unknown: several
    unknown outlets stay apart."""
    return article.outlet or article.id


def outlet_label(comparison: Comparison, article_id: str) -> str:
    """`outlet (article id)`, or the article id alone when the outlet is unknown."""
    return labelled(comparison.article(article_id).outlet, article_id)


def labelled(outlet: str | None, article_id: str) -> str:
    """`outlet (article id)`, or the article id alone when the outlet is unknown."""
    return f"{outlet} ({article_id})" if outlet else article_id


def conflicts_by_fact(comparison: Comparison) -> dict[str, list[Conflict]]:
    """The conflicts of each fact, by fact id, in the comparison's order."""
    out: dict[str, list[Conflict]] = {}
    for c in comparison.conflicts:
        out.setdefault(c.fact, []).append(c)
    return out


@dataclass(frozen=True)
class Cell:
    """One article's part in a fact: its claims, or `missing` when the fact is one most other
    outlets report and this one leaves out (neither: it simply does not report it)."""

    claims: tuple[Claim, ...]
    missing: bool = False


@dataclass(frozen=True)
class FactRow:
    """A fact of an event, numbered from 1, with a cell per article of the event (in order)."""

    number: int
    fact: Fact
    conflicts: tuple[Conflict, ...]
    cells: tuple[Cell, ...]

    @property
    def single(self) -> bool:
        """Only one outlet reports the fact."""
        return len(self.fact.articles) == 1


def event_rows(comparison: Comparison, event: Event) -> list[FactRow]:
    """The event's facts as rows, in the comparison's order."""
    conflicts = conflicts_by_fact(comparison)
    omissions = {v.article: set(v.omissions) for v in comparison.outlets}
    rows = []
    facts = [f for f in comparison.facts if f.event == event.id]
    for number, fact in enumerate(facts, 1):
        cells = tuple(
            Cell(
                tuple(c for c in fact.claims if c.source.id == aid),
                fact.id in omissions.get(aid, set()),
            )
            for aid in event.articles
        )
        rows.append(FactRow(number, fact, tuple(conflicts.get(fact.id, ())), cells))
    return rows


Show = Literal["all", "shared", "conflicts"]
"""Which fact rows a table lists: every fact, those two or more outlets report, or those
reported differently."""


def shown_rows(rows: list[FactRow], show: Show = "all") -> list[FactRow]:
    """The rows a table lists for `show` (row numbers stay those of the full table)."""
    if show == "shared":
        return [r for r in rows if not r.single]
    if show == "conflicts":
        return [r for r in rows if r.conflicts]
    return rows


# --- a story's timeline ------------------------------------------------------------------------

DATE_SOURCE_LABELS = {
    "published": "date line",
    "text": "inferred from the text",
    "neighbours": "inferred from similar articles",
}


@dataclass(frozen=True)
class TimelineEntry:
    """One article on a story's timeline."""

    article: Article
    date: ArticleDate | None
    first: bool
    """The story's earliest published article."""

    @property
    def time(self) -> str:
        """`HH:MM` of a published article with a time of day, else empty."""
        p = self.article.published
        if p is None or (p.hour, p.minute, p.second) == (0, 0, 0):
            return ""
        return p.strftime("%H:%M")


@dataclass(frozen=True)
class TimelineDay:
    """A day of a story with its articles and the facts first reported that day (facts of
    articles of unknown day are never counted as new)."""

    day: StoryDay
    entries: tuple[TimelineEntry, ...]
    new_facts: tuple[Fact, ...]

    @property
    def label(self) -> str:
        return self.day.date.isoformat() if self.day.date else "date unknown"


def story_timeline(comparison: Comparison, event: Event) -> list[TimelineDay]:
    """The event's days in order, each with its articles and the facts it added."""
    facts = [f for f in comparison.facts if f.event == event.id]
    seen: set[str] = set()
    out = []
    for day in event.days:
        here = set(day.articles)
        new: list[Fact] = []
        if day.date is not None:
            new = [f for f in facts if f.id not in seen and here & set(f.articles)]
            seen.update(f.id for f in new)
        entries = tuple(
            TimelineEntry(comparison.article(a), event.date_of(a), a == event.first)
            for a in day.articles
        )
        out.append(TimelineDay(day, entries, tuple(new)))
    return out


def day_json(day: StoryDay, new_facts: tuple[Fact, ...]) -> dict[str, Any]:
    """A story day as `{date, inferred, articles, new_facts}` (fact ids first reported then)."""
    return {
        "date": day.date.isoformat() if day.date else None,
        "inferred": day.inferred,
        "articles": list(day.articles),
        "new_facts": [f.id for f in new_facts],
    }


def article_date_json(value: ArticleDate | None) -> dict[str, Any] | None:
    """An article's story date as `{value, source, inferred}` (null when unknown)."""
    if value is None:
        return None
    return {"value": value.value.isoformat(), "source": value.source, "inferred": value.inferred}


def event_json(comparison: Comparison, event: Event) -> dict[str, Any]:
    """An event (a story) as JSON: its articles, representative headline, first report and days."""
    headline = event.headline
    return {
        "id": event.id,
        "articles": list(event.articles),
        "singleton": len(event.articles) == 1,
        "title": headline.text if headline is not None else None,
        "headline": span_json(headline, with_article=True) if headline is not None else None,
        "first": event.first,
        "days": [day_json(d.day, d.new_facts) for d in story_timeline(comparison, event)],
    }
