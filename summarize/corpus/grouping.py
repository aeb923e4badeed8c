"""Stories of a whole corpus: grouping in date blocks, stitched where blocks overlap.

`group.group_signals` never scores all pairs (rare-term blocking keeps each article's best 30
partners), but it holds every article's terms and vectors at once, in Python dicts: a few kB
per article (see `benchmarks/bench_corpus.py`). A corpus up to `BlockSettings.max_articles`
is grouped in one call, exactly as `kosum diff` groups; a larger one (a month of news) is cut
first by date, which no story crosses by more than `GroupSettings.max_days`:

1. Each article gets a day: its published day; an undated article the day of the dated record
   before it in input order (archives come in time order), or after it when none is before.
2. Days are taken in order into blocks of at most `max_articles` articles (a single day larger
   than that is one block). Each block also takes, as a halo, the articles of the `halo_days`
   days before it, so a story reported across a block's first day is seen whole.
3. Each block is grouped alone (blocks go to the workers in parallel); the stories of all
   blocks are merged where they share an article (union-find), which joins a story that one
   block saw from its end and the next from its halo.

An article's TF-IDF vector (used to pick the story's headline and infer dates) comes from its
home block, the one whose days, not halo, hold it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class BlockSettings:
    max_articles: int = 50_000
    """Largest block grouped in one call (its days, without the halo). With `max_postings`
    the grouping holds about 110-130 kB per article at its peak (candidate pairs, measured at
    5,000 and 10,000 articles), so 50,000 articles about 6 GB."""
    halo_days: int = 3
    """Days before a block taken along (`GroupSettings.max_days`: the span of one story)."""
    max_postings: int = 500
    """A cap on `GroupSettings.max_postings`, whose default, a tenth of the articles, makes the
    candidate pairs grow with the square of a block (a term in 1,000 of 10,000 articles gives
    500,000 pairs). A story is a few dozen articles, so a term in more than 500 is not one
    story's. Reached at 5,000 articles, so smaller corpora group exactly as `kosum diff` does.
    Measured on `bench_corpus.py`'s 10,000 articles (with the grouping before its background
    idf): B³ F1 0.924 with or without the cap, grouping 1.2 GB and 39 s instead of 2.1 GB and
    72 s (busy machine); 5,000 -> 10,000 articles cost 1.8x the memory instead of 3.8x."""

    def postings(self, articles: int) -> int:
        """`max_postings` for one grouping call over `articles` articles."""
        return min(max(20, articles // 10), self.max_postings)


@dataclass(frozen=True)
class Block:
    members: tuple[int, ...]
    """Positions (in the corpus's article order) grouped together."""
    home: frozenset[int]
    """Those whose day lies in the block itself (not in its halo)."""


def article_days(published: Sequence[date | None]) -> list[date | None]:
    """Step 1: each article's day; None only when no article is dated."""
    days = list(published)
    last: date | None = None
    for k, d in enumerate(days):
        if d is None:
            days[k] = last
        else:
            last = d
    first = next((d for d in days if d is not None), None)
    return [first if d is None else d for d in days]


def plan_blocks(published: Sequence[date | None], settings: BlockSettings) -> list[Block]:
    """Steps 1 and 2: the blocks, each with its halo."""
    n = len(published)
    if n <= settings.max_articles:
        everyone = tuple(range(n))
        return [Block(everyone, frozenset(everyone))]
    days = article_days(published)
    by_day: dict[date, list[int]] = {}
    for k, d in enumerate(days):
        by_day.setdefault(d or date.min, []).append(k)
    ordered = sorted(by_day)
    cores: list[list[date]] = [[]]
    size = 0
    for d in ordered:
        if cores[-1] and size + len(by_day[d]) > settings.max_articles:
            cores.append([])
            size = 0
        cores[-1].append(d)
        size += len(by_day[d])
    blocks = []
    for core in cores:
        start = core[0]
        halo = [
            d
            for d in ordered
            if start > d >= _days_before(start, settings.halo_days) and d not in core
        ]
        home = [k for d in core for k in by_day[d]]
        members = sorted(home + [k for d in halo for k in by_day[d]])
        blocks.append(Block(tuple(members), frozenset(home)))
    return blocks


def stitch(n: int, clusters: Sequence[Sequence[int]]) -> list[list[int]]:
    """Step 3: stories of `n` articles from clusters that may overlap, merged where they share
    an article; each sorted, in order of their first article."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for cluster in clusters:
        root = find(cluster[0])
        for k in cluster[1:]:
            other = find(k)
            if other != root:
                parent[max(other, root)] = min(other, root)
                root = min(other, root)
    stories: dict[int, list[int]] = {}
    for k in range(n):
        stories.setdefault(find(k), []).append(k)
    return sorted(stories.values(), key=lambda members: members[0])


def _days_before(day: date, days: int) -> date:
    try:
        return day - timedelta(days=days)
    except OverflowError:
        return date.min
