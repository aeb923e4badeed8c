"""Event grouping: which articles report the same event.

Never compares every article with every other in full. Each article is reduced to its content
morphemes (nouns, names, numbers, stems: `summarize.analysis`), weighted by TF-IDF over the
inputs. *Blocking*: two articles become a candidate pair only when they share one of each
other's top-weighted terms that is rare across the inputs (an inverted index whose long posting
lists are dropped) and, when both carry a published date, were published within `max_days` of
each other. Candidate pairs are scored by TF-IDF cosine; groups are formed by average-linkage
agglomeration over the candidate edges (a missing edge counts as 0, so one shared term cannot
chain two events together) that never puts articles published more than `max_days` apart in
one group.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from summarize.types import Article, Event


@dataclass(frozen=True)
class GroupStats:
    """What the grouping did: inputs, candidate pairs scored, and all pairs possible."""

    articles: int
    candidate_pairs: int
    possible_pairs: int


def article_terms(articles: Sequence[Article]) -> list[Counter[str]]:
    """Content-morpheme counts of each article's headline and body (one kiwipiepy batch; at
    most the analysis budget `segment.MAX_ANALYSED_CHARS` of each, so that a pathological 4 MB
    article costs what its analysis cost)."""
    from summarize.analysis import content_morphemes_many
    from summarize.article.segment import MAX_ANALYSED_CHARS

    texts = []
    for a in articles:
        parts = [a.title or ""]
        parts += [p.text for p in a.paragraphs] if a.paragraphs else [a.text]
        texts.append("\n".join(parts)[:MAX_ANALYSED_CHARS])
    return [
        Counter(t for t in toks if len(t) > 1 or t.isdigit())
        for toks in content_morphemes_many(texts)
    ]


def _tfidf(counts: list[Counter[str]]) -> tuple[list[dict[str, float]], dict[str, int]]:
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(counts)
    vecs = []
    for c in counts:
        v = {t: (1.0 + math.log(k)) * (math.log((1 + n) / (1 + df[t])) + 1.0) for t, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({t: x / norm for t, x in v.items()})
    return vecs, dict(df)


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def _days_apart(a: Article, b: Article) -> float | None:
    if a.published is None or b.published is None:
        return None
    return abs((a.published - b.published).total_seconds()) / 86400.0


def candidate_pairs(
    vecs: Sequence[dict[str, float]],
    df: dict[str, int],
    *,
    top_terms: int = 40,
    max_postings: int | None = None,
) -> set[tuple[int, int]]:
    """Pairs (i < j) that share one of their `top_terms` highest-weighted terms whose document
    frequency is at most `max_postings` (the blocking step). By default a term found in more
    than max(20, 10% of the inputs) articles is too common to block on."""
    if max_postings is None:
        max_postings = max(20, len(vecs) // 10)
    index: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(vecs):
        top = sorted(v.items(), key=lambda kv: -kv[1])[:top_terms]
        for term, _ in top:
            if df.get(term, 0) <= max_postings:
                index[term].append(i)
    pairs: set[tuple[int, int]] = set()
    for posting in index.values():
        if len(posting) < 2:
            continue
        for x in range(len(posting)):
            for y in range(x + 1, len(posting)):
                pairs.add((posting[x], posting[y]))
    return pairs


def group_events(
    articles: Sequence[Article],
    *,
    threshold: float = 0.2,
    max_days: float = 3.0,
    top_terms: int = 40,
    max_postings: int | None = None,
    stats: list[GroupStats] | None = None,
) -> tuple[Event, ...]:
    """Group articles by the event they report.

    `threshold` is the average TF-IDF cosine two groups need to merge; `max_days` the most two
    dated articles of one event may lie apart. Events are numbered `e1, e2, ...` in the order of
    their first article; article ids within an event keep input order. A singleton event is an
    article alone in its group. Pass a list as `stats` to receive a `GroupStats`.
    """
    n = len(articles)
    if n == 0:
        return ()
    vecs, df = _tfidf(article_terms(articles))
    pairs = candidate_pairs(vecs, df, top_terms=top_terms, max_postings=max_postings)
    edges: dict[tuple[int, int], float] = {}
    for i, j in pairs:
        days = _days_apart(articles[i], articles[j])
        if days is not None and days > max_days:
            continue
        s = _cosine(vecs[i], vecs[j])
        if s > 0:
            edges[(i, j)] = s
    if stats is not None:
        stats.append(GroupStats(n, len(pairs), n * (n - 1) // 2))

    # average-linkage agglomeration over the sparse edges, date-constrained
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    dated = [a.published for a in articles]
    span = {i: (dated[i], dated[i]) for i in range(n)}

    def linkage(x: int, y: int) -> float:
        total = 0.0
        for i in members[x]:
            for j in members[y]:
                total += edges.get((min(i, j), max(i, j)), 0.0)
        return total / (len(members[x]) * len(members[y]))

    def joined_span(x: int, y: int) -> tuple[datetime | None, datetime | None]:
        """Earliest and latest published date of the two groups together."""
        los = [d for d in (span[x][0], span[y][0]) if d is not None]
        his = [d for d in (span[x][1], span[y][1]) if d is not None]
        return (min(los) if los else None, max(his) if his else None)

    def compatible(x: int, y: int) -> bool:
        lo, hi = joined_span(x, y)
        if lo is None or hi is None:
            return True
        return (hi - lo).total_seconds() / 86400.0 <= max_days

    for (i, j), s in sorted(edges.items(), key=lambda kv: -kv[1]):
        if s < threshold:
            break
        x, y = owner[i], owner[j]
        if x == y or not compatible(x, y) or linkage(x, y) < threshold:
            continue
        keep, drop = (x, y) if len(members[x]) >= len(members[y]) else (y, x)
        for k in members[drop]:
            owner[k] = keep
        members[keep].extend(members.pop(drop))
        span[keep] = joined_span(keep, drop)
        del span[drop]

    groups = sorted((sorted(m) for m in members.values()), key=lambda m: m[0])
    return tuple(
        Event(id=f"e{k + 1}", articles=tuple(articles[i].id for i in m))
        for k, m in enumerate(groups)
    )
