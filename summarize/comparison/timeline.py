"""A story's timeline: the day of each article, the days of the story, who reported first, and
the headline that represents the story.

- *Article dates.* An article with a published date line keeps that date. An undated article of
  a story with dated articles gets a date *inferred*, in this order:
  `text`: the latest day it mentions as the event's day (`11일`, `오늘(28일)`; not `지난 11일`,
  which says the article came later, nor `오는 24일`), placed in the month that puts it nearest
  the story's dated articles (their median), and kept only when within `max_days` of it;
  `neighbours`: the date of the dated article of the story whose text is most similar.
  A story without any dated article has no dates (no date is invented from nothing).
- *Days*: articles by date, earliest first; articles of unknown day come last, as one day
  with no date. Within a day, articles published earlier come first, then input order.
- *First*: the article with the earliest published time.
- *Headline*: of the articles' headlines that look like headlines (`plausible_headline`: not a
  photo caption, credit line or a sentence ending in `다.`), the one whose terms weigh most in
  the other articles of the story (their summed TF-IDF vectors, over the square root of the
  headline's terms), so the story's common wording wins over one outlet's angle; without any,
  the first body sentence of the story's most central article.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from datetime import date

from summarize.comparison.story_signals import ArticleSignals, day_number
from summarize.types import Article, ArticleDate, Event, Span, StoryDay

#: Lines that are photo or video captions, credits or widgets rather than headlines: a leading
#: bullet or arrow, a photo credit (`(사진=…)`, `…제공)`, `/뉴스1`), a photo date stamp
#: (`2023.11.19/`), or a full sentence ending `다.` (captions describe; headlines are
#: nominal or end without a full stop).
_NOT_HEADLINE = re.compile(
    r"^\s*[▲△▶▷■□◆◇●○◀◁▼▽※☞]"
    r"|사진\s?[=:]|\bⓒ|제공\s?\)|\(\s?(?:사진|자료|그래픽|영상)"
    r"|\d{4}\.\d{1,2}\.\d{1,2}\s?/"
    r"|[가-힣]다\.\s*(?:\([^)]*\)\s*)*[|]?\s*$"
)
MIN_HEADLINE_CHARS = 8
MAX_HEADLINE_CHARS = 120
"""Headlines are a phrase: a credit line (`경제신지영`) is shorter, a body paragraph longer."""


def plausible_headline(text: str, terms: int) -> bool:
    """Whether a line can stand as a story's headline (see `_NOT_HEADLINE`); `terms` is its
    number of distinct content morphemes (at least two)."""
    stripped = text.strip()
    return (
        MIN_HEADLINE_CHARS <= len(stripped) <= MAX_HEADLINE_CHARS
        and terms >= 2
        and not _NOT_HEADLINE.search(stripped)
    )


def build_events(
    articles: Sequence[Article],
    clusters: Sequence[Sequence[int]],
    signals: Sequence[ArticleSignals],
    vecs: Sequence[dict[str, float]],
    *,
    max_days: float = 3.0,
) -> tuple[Event, ...]:
    """One `Event` per cluster of article indices, numbered `e1, e2, ...` in cluster order."""
    events = []
    for k, members in enumerate(clusters):
        centroid: dict[str, float] = {}
        for i in members:
            for term, w in vecs[i].items():
                centroid[term] = centroid.get(term, 0.0) + w
        dates = article_dates(articles, members, signals, vecs, max_days=max_days)
        events.append(
            Event(
                id=f"e{k + 1}",
                articles=tuple(articles[i].id for i in members),
                days=story_days(articles, members, dates),
                dates=tuple(dates[i] for i in members if i in dates),
                headline=story_headline(articles, members, signals, vecs, centroid),
                first=first_reported(articles, members),
            )
        )
    return tuple(events)


# --- dates -------------------------------------------------------------------------------------


def article_dates(
    articles: Sequence[Article],
    members: Sequence[int],
    signals: Sequence[ArticleSignals],
    vecs: Sequence[dict[str, float]],
    *,
    max_days: float,
) -> dict[int, ArticleDate]:
    """The date of each member whose date is known or can be inferred (see the module docstring)."""
    out: dict[int, ArticleDate] = {}
    for i in members:
        published = articles[i].published
        if published is not None:
            out[i] = ArticleDate(articles[i].id, published.date(), "published")
    dated = list(out)
    if not dated:
        return out
    anchor = date.fromordinal(int(statistics.median(out[i].value.toordinal() for i in dated)))
    for i in members:
        if i in out:
            continue
        day = day_from_text(articles[i], anchor, max_days)
        if day is not None:
            out[i] = ArticleDate(articles[i].id, day, "text")
            continue
        nearest = max(dated, key=lambda j: (_dot(vecs[i], vecs[j]), -j))
        out[i] = ArticleDate(articles[i].id, out[nearest].value, "neighbours")
    return out


def day_from_text(article: Article, anchor: date, max_days: float) -> date | None:
    """The latest day the article mentions as the event's day, placed nearest `anchor`, when it
    lies within `max_days` of it (see the module docstring)."""
    found = []
    for claim in article.claims:
        for mention in claim.dates:
            if mention.granularity != "day" or mention.text.startswith(("지난", "오는")):
                continue
            number = day_number(mention.text)
            if number is None or "달" in mention.text or "월" in mention.text:
                continue  # `지난달 17일`, `6월 11일`: another month, not the event's day
            day = nearest_date(number, anchor)
            if day is not None and abs((day - anchor).days) <= max_days:
                found.append(day)
    return max(found, default=None)


def nearest_date(day: int, anchor: date) -> date | None:
    """The `day`-th of the month before, of or after `anchor`'s month that lies nearest it."""
    candidates = []
    for offset in (-1, 0, 1):
        index = anchor.year * 12 + anchor.month - 1 + offset
        try:
            candidates.append(date(index // 12, index % 12 + 1, day))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs((d - anchor).days), default=None)


def story_days(
    articles: Sequence[Article], members: Sequence[int], dates: dict[int, ArticleDate]
) -> tuple[StoryDay, ...]:
    """The story's days, earliest first, undated articles last (see the module docstring)."""
    by_day: dict[date | None, list[int]] = {}
    for i in members:
        by_day.setdefault(dates[i].value if i in dates else None, []).append(i)

    def order(i: int) -> tuple:
        published = articles[i].published
        return (published is None, published.timestamp() if published else 0.0, i)

    days = []
    for day in sorted(by_day, key=lambda d: (d is None, d or date.min)):
        idx = sorted(by_day[day], key=order)
        days.append(
            StoryDay(
                date=day,
                articles=tuple(articles[i].id for i in idx),
                inferred=any(i in dates and dates[i].inferred for i in idx),
            )
        )
    return tuple(days)


def first_reported(articles: Sequence[Article], members: Sequence[int]) -> str | None:
    """The member published earliest (input order breaks ties); None when none is dated."""
    dated = [i for i in members if articles[i].published is not None]
    if not dated:
        return None
    return articles[min(dated, key=lambda i: (articles[i].published, i))].id


# --- headline ----------------------------------------------------------------------------------


def story_headline(
    articles: Sequence[Article],
    members: Sequence[int],
    signals: Sequence[ArticleSignals],
    vecs: Sequence[dict[str, float]],
    centroid: dict[str, float],
) -> Span | None:
    """The most representative plausible headline, else the most central article's first body
    sentence (see the module docstring). A headline is scored against the other articles of
    the story, so an article's own body does not vouch for its headline."""
    best: tuple[float, int] | None = None
    for i in members:
        headline = articles[i].headline
        terms = signals[i].headline_terms
        if headline is None or not plausible_headline(headline.text, len(terms)):
            continue
        own = vecs[i] if len(members) > 1 else {}
        weight = sum(centroid.get(t, 0.0) - own.get(t, 0.0) for t in terms)
        score = weight / (len(terms) ** 0.5 or 1.0)
        if len(members) > 1 and score <= 0:
            continue
        if best is None or score > best[0]:
            best = (score, i)
    if best is not None:
        return articles[best[1]].headline
    central = max(members, key=lambda i: (_dot_counter(centroid, signals[i].terms), -i))
    body = articles[central].body_sentences
    return body[0] if body else None


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def _dot_counter(centroid: dict[str, float], terms: dict[str, int]) -> float:
    norm = sum(k * k for k in terms.values()) ** 0.5 or 1.0
    return sum(centroid.get(t, 0.0) * k for t, k in terms.items()) / norm
