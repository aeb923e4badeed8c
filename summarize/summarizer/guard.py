"""Faithfulness guard: every number, date and name in a generated summary must be in the source.

A generated summary is read with the same extractors the claims use (`summarize.article.numbers`,
`summarize.article.dates`, `summarize.article.entities`, plus kiwipiepy's proper nouns and foreign
words), and each detail is looked up in the source article after normalisation: numbers by value
(`4870만명` == `48,700,000명`), dates by the day or period they resolve to (relative dates against
the article's published date), names by a spelling-insensitive key (`entity_key`) or as written.
Anything not found is a flag such as `number 777 not in the source`.

`choose` walks the beams best first and takes the first one without flags; the caller falls back
to the extractive summary when none is clean, and records why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from summarize.types import Article, Source

_NAME_TAGS = ("NNP", "SL")


@dataclass(frozen=True)
class SourceFacts:
    """What a summary may mention: the source article's numbers, dates and names, normalised."""

    values: frozenset[float]
    dates: frozenset[tuple[date, str]]
    date_texts: frozenset[str]
    names: frozenset[str]
    compact_text: str
    """The article text without whitespace, lower-cased (for looking up names as written)."""


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def source_facts(article: Article) -> SourceFacts:
    """Collect the source article's numbers, dates and names (from its whole decoded text)."""
    from summarize.article.dates import find_dates
    from summarize.article.entities import entity_key, find_entities
    from summarize.article.numbers import find_numerals, find_quantities

    source = article.source
    text = source.text
    values: set[float] = set()
    for _, _, value in find_numerals(text):
        values.add(round(value, 6))
    for q in find_quantities(source, 0, len(text)):
        values.add(round(q.value, 6))
    dates_found = find_dates(source, 0, len(text), article.published)
    dates = {(d.value, d.granularity) for d in dates_found if d.value is not None}
    date_texts = {_compact(d.text) for d in dates_found}
    names = {entity_key(e.canonical or e.text) for e in find_entities(source, 0, len(text))}
    names |= {entity_key(e.text) for e in find_entities(source, 0, len(text))}
    for claim in article.claims:
        for e in claim.entities:
            names.add(entity_key(e.canonical or e.text))
            names.add(entity_key(e.text))
        if claim.speaker is not None:
            names.add(entity_key(claim.speaker.canonical or claim.speaker.text))
    return SourceFacts(
        values=frozenset(values),
        dates=frozenset(dates),
        date_texts=frozenset(date_texts),
        names=frozenset(n for n in names if n),
        compact_text=_compact(text),
    )


def unsupported(
    text: str, facts: SourceFacts, published: datetime | date | None = None
) -> tuple[str, ...]:
    """Flags for the numbers, dates and names of `text` that the source does not contain."""
    from summarize.analysis import tokenize
    from summarize.article.dates import find_dates
    from summarize.article.entities import entity_key, find_entities
    from summarize.article.numbers import find_numerals

    summary = Source(id="summary", path="", text=text)
    flags: list[str] = []
    date_spans: list[tuple[int, int]] = []
    for d in find_dates(summary, 0, len(text), published):
        date_spans.append((d.start, d.end))
        if (d.value, d.granularity) in facts.dates or _compact(d.text) in facts.date_texts:
            continue
        flags.append(f"date {d.text} not in the source")
    for start, end, value in find_numerals(text):
        if any(s <= start < e for s, e in date_spans):
            continue
        if round(value, 6) not in facts.values:
            flags.append(f"number {text[start:end]} not in the source")
    seen: set[str] = set()
    for e in find_entities(summary, 0, len(text)):
        key = entity_key(e.canonical or e.text)
        if key in seen:
            continue
        seen.add(key)
        if key not in facts.names and _compact(e.text) not in facts.compact_text:
            flags.append(f"name {e.text} not in the source")
    for token in tokenize(text):
        if token.tag not in _NAME_TAGS or len(token.form) < 2:
            continue
        key = entity_key(token.form)
        if key in seen:
            continue
        seen.add(key)
        if key not in facts.names and _compact(token.form) not in facts.compact_text:
            flags.append(f"name {token.form} not in the source")
    return tuple(dict.fromkeys(flags))


@dataclass(frozen=True)
class Choice:
    """The guard's pick among generated candidates."""

    index: int | None
    """The candidate taken (0 = best beam), or None when every candidate has flags."""
    flags: tuple[tuple[str, ...], ...]
    """Flags of each candidate, in candidate order."""
    reason: str | None
    """Why the best beam was not taken (None when it was)."""


def choose(candidates: Sequence[str], check) -> Choice:
    """The first candidate whose `check(text)` flags are empty, with the reason when it is not
    the first. `check` maps a candidate to its flags (see `unsupported`)."""
    all_flags: list[tuple[str, ...]] = []
    for i, text in enumerate(candidates):
        flags = tuple(check(text)) if text.strip() else ("empty output",)
        all_flags.append(flags)
        if not flags:
            reason = None
            if i > 0:
                reason = (
                    f"beam 1 had untraceable details ({'; '.join(all_flags[0])}); used beam {i + 1}"
                )
            return Choice(i, tuple(all_flags), reason)
    if not candidates:
        return Choice(None, (), "the model produced no output")
    first = _brief(all_flags[0])
    reason = f"all {len(candidates)} beams had untraceable details (beam 1: {first})"
    return Choice(None, tuple(all_flags), reason)


def _brief(flags: Sequence[str], most: int = 4) -> str:
    """The first few flags, and how many more there are."""
    shown = "; ".join(flags[:most])
    return shown + (f"; and {len(flags) - most} more" if len(flags) > most else "")
