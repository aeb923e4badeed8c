"""What several renderers share: spans and an article's identifying fields as JSON, outlet
labels, and an event's facts laid out as rows (a cell per article) for the tabular diff views."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from summarize.types import Article, Claim, Comparison, Conflict, Event, Fact, Span


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


def outlet_label(comparison: Comparison, article_id: str) -> str:
    """`outlet (article id)`, with `?` for an unknown outlet."""
    return f"{comparison.article(article_id).outlet or '?'} ({article_id})"


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
