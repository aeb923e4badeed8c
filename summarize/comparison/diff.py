"""The cross-outlet diff: events, facts, conflicts, and what each outlet adds or leaves out.

`compare(articles)` runs group -> align -> diff and returns a `Comparison`. Conflicts are found
by general rules over the aligned claims' annotations, never by strings:

- number: two claims of a fact state different values in the same unit (and neither value
  appears on the other side);
- date: they resolve to different dates of the same granularity;
- name: a person/organisation/product of one claim is missing from the other, which names a
  different entity of the same kind in that place (similar spelling or the same title);
- wording: the fact is a direct quote of the same speaker in two or more outlets and the quoted
  words differ.

Only claim pairs that state the fact themselves are compared (their same-fact score clears the
aligner's threshold), not claims that joined the fact through a third one.

Word-level differences between wordings live in `summarize.wording`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from summarize.types import (
    Article,
    Claim,
    Comparison,
    Conflict,
    Entity,
    Event,
    Fact,
    OutletView,
)
from summarize.wording import differing_words, wording_differs

# --- conflicts ---------------------------------------------------------------------------------


def _quantity_conflicts(x: Claim, y: Claim) -> list[str]:
    """Values of one unit that neither side shares, paired one-to-one, nearest value first: a
    claim that states two figures (`매출 12조4000억원, 순이익 9800억원`) against one stating one
    (`순이익 9600억원`) gives `9800억원 vs 9600억원`, not a conflict for every figure."""
    import math

    xs = [
        q
        for q in x.quantities
        if q.unit and not any(_close(q.value, r.value) for r in y.quantities)
    ]
    ys = [
        r
        for r in y.quantities
        if r.unit and not any(_close(r.value, q.value) for q in x.quantities)
    ]
    pairs = []
    for q in xs:
        for r in ys:
            if r.unit == q.unit:
                gap = abs(math.log(max(abs(q.value), 1e-9) / max(abs(r.value), 1e-9)))
                pairs.append((gap, q.start, r.start, q, r))
    out, used_x, used_y = [], set(), set()
    for _gap, _s, _t, q, r in sorted(pairs, key=lambda t: t[:3]):
        if id(q) in used_x or id(r) in used_y:
            continue
        used_x.add(id(q))
        used_y.add(id(r))
        out.append(f"{q.text} vs {r.text}")
    return out


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _date_conflicts(x: Claim, y: Claim) -> list[str]:
    out = []
    xv = {d.value for d in x.dates if d.value}
    yv = {d.value for d in y.dates if d.value}
    for d in x.dates:
        if d.value is None or d.value in yv:
            continue
        for e in y.dates:
            if e.value is not None and e.granularity == d.granularity and e.value not in xv:
                out.append(f"{d.text} ({d.value.isoformat()}) vs {e.text} ({e.value.isoformat()})")
    return out


def _name_key(name: str) -> str:
    return "".join(name.split()).lower()


def _name_conflicts(x: Claim, y: Claim) -> list[str]:
    """Names of one claim with no variant (equal or contained: `경기` ~ `경기도`) in the other,
    facing a different name of the same kind there: a person with the same title or a
    near-identical spelling (one syllable off), or another kind spelled almost alike."""
    from rapidfuzz import fuzz

    def names(c: Claim) -> dict[str, Entity]:
        return {_name_key(e.canonical or e.text): e for e in c.entities if e.kind != "other"}

    def has_variant(key: str, others: dict[str, Entity]) -> bool:
        return any(key == o or key in o or o in key for o in others)

    nx, ny = names(x), names(y)
    only_x = {k: e for k, e in nx.items() if not has_variant(k, ny)}
    only_y = {k: e for k, e in ny.items() if not has_variant(k, nx)}
    out = []
    for kx, ex in only_x.items():
        for ky, ey in only_y.items():
            if ex.kind != ey.kind:
                continue
            ratio = fuzz.ratio(kx, ky)
            if ex.kind == "person":
                clash = (bool(ex.title) and ex.title == ey.title) or ratio >= 60
            else:
                clash = ratio >= 75
            if clash:
                out.append(f"{ex.canonical or ex.text} vs {ey.canonical or ey.text}")
    return out


def _same_speaker(x: Claim, y: Claim) -> bool:
    """Whether two quotes can be the same person's words: both speakers known and the same (one
    name containing the other: `정신아` ~ `정신아 카카오 대표`), or neither known."""
    if x.speaker is None and y.speaker is None:
        return True
    if x.speaker is None or y.speaker is None:
        return False
    kx = _name_key(x.speaker.canonical or x.speaker.text)
    ky = _name_key(y.speaker.canonical or y.speaker.text)
    return bool(kx and ky) and (kx in ky or ky in kx)


def find_conflicts(
    fact: Fact,
    scores: Mapping[tuple[tuple[str, int], tuple[str, int]], float] | None = None,
    threshold: float | None = None,
) -> list[Conflict]:
    """The conflicts within one fact (empty for a single-article fact).

    Only pairs of claims that state the fact are compared: with `scores` (the alignment's
    same-fact probabilities, keyed `((article, claim index), (article, claim index))`) and
    `threshold`, a pair of claims from different articles scoring below it (a claim that joined
    the fact through a third one) is not compared, so topical neighbours raise no number, date or
    name conflict. Quote wording is compared only between quotes of the same speaker.
    """
    if len(fact.articles) < 2:
        return []

    def states_same(x: Claim, y: Claim) -> bool:
        if x.source.id == y.source.id:
            return False
        if scores is None or threshold is None:
            return True
        u, v = (x.source.id, x.index), (y.source.id, y.index)
        s = scores.get((u, v), scores.get((v, u)))
        return s is None or s >= threshold

    out: list[Conflict] = []
    claims = fact.claims
    for kind, finder in (
        ("number", _quantity_conflicts),
        ("date", _date_conflicts),
        ("name", _name_conflicts),
    ):
        details: list[str] = []
        involved: dict[int, Claim] = {}
        for i in range(len(claims)):
            for j in range(i + 1, len(claims)):
                if not states_same(claims[i], claims[j]):
                    continue
                found = finder(claims[i], claims[j])
                if found:
                    details.extend(d for d in found if d not in details)
                    involved[i], involved[j] = claims[i], claims[j]
        if details:
            out.append(
                Conflict(
                    fact=fact.id,
                    kind=kind,
                    claims=tuple(involved[k] for k in sorted(involved)),
                    detail="; ".join(details),
                )
            )
    quotes = [c for c in claims if c.quote]
    if len(quotes) >= 2:
        pairs = []
        for i in range(len(quotes)):
            for j in range(i + 1, len(quotes)):
                x, y = quotes[i], quotes[j]
                if states_same(x, y) and _same_speaker(x, y) and wording_differs(x.text, y.text):
                    pairs.append((x, y))
        if pairs:
            involved_q = list(dict.fromkeys(c for p in pairs for c in p))
            wa, wb = differing_words(pairs[0][0].text, pairs[0][1].text)
            out.append(
                Conflict(
                    fact=fact.id,
                    kind="wording",
                    claims=tuple(involved_q),
                    detail=f"{wa or '∅'} vs {wb or '∅'}",
                )
            )
    return out


def outlet_views(event: Event, facts: Sequence[Fact]) -> list[OutletView]:
    """Additions (facts only this article reports) and omissions (facts at least two and more
    than half of the other articles report) of each article of a multi-article event."""
    n = len(event.articles)
    views = []
    for aid in event.articles:
        adds, omits = [], []
        for f in facts:
            arts = f.articles
            if arts == (aid,):
                adds.append(f.id)
            elif aid not in arts and len(arts) >= 2 and len(arts) > (n - 1) / 2:
                omits.append(f.id)
        views.append(OutletView(article=aid, additions=tuple(adds), omissions=tuple(omits)))
    return views


def compare(
    articles: Sequence[Article],
    *,
    embedder: Any = "e5",
    group_threshold: float | None = None,
    max_days: float | None = None,
    align_threshold: float | None = None,
    workers: int = 1,
    timings: dict[str, float] | None = None,
) -> Comparison:
    """Group articles by story, align their claims into facts and diff them.

    `group_threshold` and `max_days` override `GroupSettings` (the linkage two groups of
    articles need to merge; the most days apart one story's articles may report). `embedder`:
    `"e5"` (the bundled multilingual-e5-small, used on the pairs the cheap signals leave
    undecided), `None`/`"none"` for no embeddings, a sentence-transformers model name, or an
    `Embedder`. Events with one article get no facts (nothing to compare with). Pass a dict as
    `timings` to receive seconds spent per stage (`group`, `align`, `conflicts`).
    """
    import time

    from summarize.comparison.align import align_event
    from summarize.comparison.group import GroupSettings, group_events
    from summarize.comparison.similarity import get_embedder

    emb = get_embedder(embedder) if isinstance(embedder, str) or embedder is None else embedder
    articles = list(articles)
    clock = {"group": 0.0, "align": 0.0, "conflicts": 0.0}
    t = time.perf_counter()
    events = group_events(articles, GroupSettings.with_overrides(group_threshold, max_days))
    clock["group"] = time.perf_counter() - t
    facts: list[Fact] = []
    conflicts: list[Conflict] = []
    views: list[OutletView] = []
    for event in events:
        if len(event.articles) < 2:
            views.append(OutletView(article=event.articles[0]))
            continue
        t = time.perf_counter()
        alignment = align_event(
            articles, event, embedder=emb, threshold=align_threshold, workers=workers
        )
        clock["align"] += time.perf_counter() - t
        t = time.perf_counter()
        facts.extend(alignment.facts)
        for f in alignment.facts:
            conflicts.extend(find_conflicts(f, alignment.scores, alignment.threshold))
        views.extend(outlet_views(event, alignment.facts))
        clock["conflicts"] += time.perf_counter() - t
    if timings is not None:
        timings.update(clock)
    order = {a.id: k for k, a in enumerate(articles)}
    views.sort(key=lambda v: order.get(v.article, 0))
    return Comparison(
        articles=tuple(articles),
        events=events,
        facts=tuple(facts),
        conflicts=tuple(conflicts),
        outlets=tuple(views),
    )
