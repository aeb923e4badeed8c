"""The cross-outlet diff: events, facts, conflicts, and what each outlet adds or leaves out.

`compare(articles)` runs group -> align -> diff and returns a `Comparison`. Conflicts are found
by general rules over the aligned claims' annotations, never by strings:

- number: two claims of a fact state different values in the same unit (and neither value
  appears on the other side);
- date: they resolve to different dates of the same granularity;
- time: they give times of day more than ten minutes apart (`오후 7시 50분` vs `7시 30분`);
- name: a person/organisation/product of one claim is missing from the other, which names a
  different entity of the same kind in that place (similar spelling or the same title);
- wording: the fact is a direct quote of the same speaker in two or more outlets and the quoted
  words differ.

Only claim pairs that state the fact themselves are compared (their same-fact score clears the
aligner's threshold), not claims that joined the fact through a third one.

Word-level differences between wordings live in `summarize.wording`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

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
from summarize.wording import differing_words

if TYPE_CHECKING:
    from summarize.comparison.align import AlignSettings

# --- conflicts ---------------------------------------------------------------------------------

SameFact = Callable[[Claim, Claim], bool]
"""Whether two claims of different articles state the fact themselves (not through a third)."""


def _quantity_conflicts(x: Claim, y: Claim) -> list[str]:
    """The figure two claims of one statement give differently: of the units both state
    figures in, exactly one has no figure of one claim consistent with a figure of the other
    (`_consistent`: `10조4000억원` = `10조4천억원`, `1,452%` = `1452.24%`, `3년 2개월` =
    `38개월` are one value written two ways; `3년여` does not contradict `3년 2개월`), and each
    claim states a single figure in it."""
    import math

    from summarize.article.numbers import comparable_figures

    fx, fy = _figures(x, comparable_figures), _figures(y, comparable_figures)
    disagree = []
    for unit in sorted({u for _, u, _, _ in fx} & {u for _, u, _, _ in fy}):
        xs = [(v, t, q) for v, u, t, q in fx if u == unit]
        ys = [(v, t, q) for v, u, t, q in fy if u == unit]
        if not any(_consistent(a, b) for a in xs for b in ys):
            disagree.append((xs, ys))
    # one statement reported with another figure: exactly one measure differs, one figure a
    # side; claims whose figures differ in two measures, or that list several figures of the
    # measure, are different statements that happen to sit in one fact
    if len(disagree) != 1 or len(disagree[0][0]) != 1 or len(disagree[0][1]) != 1:
        return []
    out = []
    for xs, ys in disagree:
        pairs = sorted(
            (abs(math.log(max(abs(v), 1e-9) / max(abs(w), 1e-9))), i, j)
            for i, (v, _, _) in enumerate(xs)
            for j, (w, _, _) in enumerate(ys)
        )
        used_x: set[int] = set()
        used_y: set[int] = set()
        for _gap, i, j in pairs:
            if i in used_x or j in used_y:
                continue
            used_x.add(i)
            used_y.add(j)
            out.append(f"{xs[i][1]} vs {ys[j][1]}")
    return out


def _figures(claim: Claim, comparable) -> list[tuple[float, str, str, str]]:
    """(value, unit, written text, qualifier) of a claim's figures with a unit, in comparable
    form (`comparable_figures`: a year and a month figure fold into one). A span of time
    carries its role in its unit (`3년2개월 만에`: since, `20개월간`: during), so that the two
    are never compared."""
    out = []
    quantities = [q for q in claim.quantities if q.unit]
    k = 0
    for value, unit in comparable(quantities):
        q = last = quantities[k]
        text, qualifier = q.text, q.qualifier
        if unit == "개월" and q.unit == "년" and k + 1 < len(quantities):
            nxt = quantities[k + 1]
            if nxt.unit == "개월" and nxt.start - q.end <= 2:
                text = claim.source.text[q.start : nxt.end]
                qualifier = qualifier or nxt.qualifier
                last = nxt
                k += 1
        k += 1
        role = _span_role(claim, last)
        out.append(
            (
                value,
                f"{unit}/{role}" if role else unit,
                text,
                qualifier or _hedge_after(claim, last),
            )
        )
    return out


#: What a figure is, from the words right after it: for a span of time, time elapsed since
#: (`3년2개월 만에`) or a duration (`20개월간`, `1년 9개월 동안`); for any figure, the base of a
#: comparison (`2022년(37만2900명)보다`) or a change (`2만 200명 감소했다`, `1만명 줄어`).
_SINCE = re.compile(r"\s?만(?:에|의|이)")
_DURING = re.compile(r"(?:간|\s?동안|째)")
_BASE = re.compile(r"\)?\s?(?:보다|대비|에\s?비해|에서)")
_CHANGE = re.compile(
    r"\)?\s?(?:이|가|이나|나|을|를|씩)?\s?"
    r"(?:감소|증가|줄|늘|하락|상승|급감|급증|떨어|올랐|올라|내렸|내려|뛰|불어|낮아|높아|확대|축소)"
)


def _span_role(claim: Claim, q) -> str:
    """`since`, `during`, `base`, `change` or '' (a level), from the words after the figure."""
    text = claim.source.text
    if q.unit in ("년", "개월", "일", "주", "시간", "분"):
        if _SINCE.match(text, q.end):
            return "since"
        if _DURING.match(text, q.end):
            return "during"
    if _BASE.match(text, q.end):
        return "base"
    if _CHANGE.match(text, q.end):
        return "change"
    return ""


#: A verb after a figure that hedges it (`10조원이 넘는`, `8조원을 웃도는`, `1%에 못 미치는`).
_HEDGE_AFTER = re.compile(
    r"\s?(?:이|가|을|를|에)?\s?(?P<more>넘|웃돌|상회|돌파|초과)"
    r"|\s?(?:에|을|를)?\s?(?P<less>못 미치|밑돌|하회)"
)


def _hedge_after(claim: Claim, q) -> str:
    """`more than` / `less than` when a verb right after the figure hedges it."""
    m = _HEDGE_AFTER.match(claim.source.text, q.end, min(q.end + 12, claim.end + 12))
    if m is None:
        return ""
    return "more than" if m.group("more") else "less than"


#: How far an approximate figure (`3년여`, `2조원 가량`, `0.6명대`) may be from an exact one.
APPROX_SHARE = 0.2


def _consistent(x: tuple[float, str, str], y: tuple[float, str, str]) -> bool:
    """Two figures of one unit that can state one value: the same value (rounding and format
    aside), or a hedged figure (`이상`, `넘게`, `가량`, `여`, `대`) that the other fits."""
    from summarize.article.numbers import same_value

    (v, _, qv), (w, _, qw) = x, y
    if same_value(v, w):
        return True
    for value, other, qualifier in ((abs(v), abs(w), qv), (abs(w), abs(v), qw)):
        if qualifier in ("at least", "more than") and other >= value:
            return True
        if qualifier in ("at most", "less than") and other <= value:
            return True
        if qualifier == "approx" and abs(other - value) <= APPROX_SHARE * max(value, 1e-9):
            return True
    return False


def _date_conflicts(x: Claim, y: Claim) -> list[str]:
    """The date two claims of one statement give differently: each states one resolved date
    of a granularity and the two differ (claims listing several dates, a period from one month
    to another, are compared by their figures and wording, not date by date)."""
    out = []
    dx = [d for d in _own_dates(x) if d.value is not None]
    dy = [d for d in _own_dates(y) if d.value is not None]
    for granularity in ("day", "month", "quarter", "half", "year"):
        xs = [d for d in dx if d.granularity == granularity]
        ys = [d for d in dy if d.granularity == granularity]
        if len(xs) == 1 and len(ys) == 1 and xs[0].value != ys[0].value:
            d, e = xs[0], ys[0]
            out.append(f"{d.text} ({d.value.isoformat()}) vs {e.text} ({e.value.isoformat()})")
    return out


#: Words after a date that make it a point of reference rather than the date of the statement
#: (`2022년 3분기 이후 7개 분기 만에`, `지난해 6월부터`).
_REFERENCE_AFTER = re.compile(r"\s?(?:이후|이래|만에|부터|까지|전|앞서|보다|대비)")


def _own_dates(claim: Claim) -> list:
    """The claim's dates that date what it states (points of reference left out)."""
    text = claim.source.text
    return [d for d in claim.dates if not _REFERENCE_AFTER.match(text, d.end)]


def _date_key(d) -> tuple:
    """A date as its resolved value, or as written (spaces aside) when it cannot be resolved."""
    return (d.value if d.value is not None else "".join(d.text.split()), d.granularity)


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


def quote_content_differs(a: str, b: str) -> bool:
    """Whether two wordings of one quote differ in content words: aligning their content
    words (nouns, numbers, verb and adjective stems, adverbs, spaces dropped so that `일시 중단`
    = `일시중단`; rapidfuzz `Indel` opcodes), some words of one stand where the other has about
    as many different ones (`최고 수준으로` / `최대로`). Endings, honorifics and punctuation
    (`조치하겠다` / `조치하겠습니다`) are the same words; words only one side has (a quote
    shortened, or shortened differently; a long lead-in added) are omissions, not a different
    wording."""
    from rapidfuzz.distance import Indel

    ka, kb = _quote_key(a), _quote_key(b)
    if Indel.normalized_similarity(ka, kb) < SAME_QUOTE:
        return False  # not one quote worded two ways: two different things said
    for first, second in itertools.pairwise(Indel.opcodes(ka, kb)):
        if {first.tag, second.tag} != {"insert", "delete"}:
            continue
        gone = sum(op.src_end - op.src_start for op in (first, second))
        new = sum(op.dest_end - op.dest_start for op in (first, second))
        if abs(gone - new) <= max(2, 0.5 * max(gone, new)):
            return True  # words of one replaced by about as many others
    return False


#: How much of their content words (as characters, rapidfuzz `Indel`) two wordings share to be
#: one quote worded two ways rather than two things the speaker said.
SAME_QUOTE = 0.5

#: Tags of the words that make a quote's content: nouns, numbers, foreign words, roots, verb and
#: adjective stems and adverbs (`가장 먼저` against `최우선으로`); endings, particles and
#: auxiliary verbs (`챙겨 달라` / `챙겨야 한다`) are its form.
_QUOTE_CONTENT = frozenset({"NNG", "NNP", "NR", "SN", "SL", "SH", "XR", "VV", "VA", "MAG"})


def _quote_key(text: str) -> str:
    """The quote's content words in order, joined without spaces."""
    from summarize.analysis import tokenize

    return "".join(t.form for t in tokenize(text) if t.tag.split("-")[0] in _QUOTE_CONTENT)


#: A time of day: `오후 7시 50분쯤`, `오전 10시`, `7시50분`.
_CLOCK = re.compile(
    r"(?:(?P<half>오전|오후|새벽|아침|낮|저녁|밤)\s?)?(?<![\d.])(?P<h>\d{1,2})\s?시"
    r"(?:\s?(?P<m>\d{1,2})\s?분)?"
)
#: Minutes within which two times of day are the same time rounded (`오후 2시` / `1시 55분`).
CLOCK_TOLERANCE = 10


def _clock_times(claim: Claim) -> list[tuple[int, bool, str]]:
    """(minutes after midnight, whether the half of the day is written, text) of a claim's
    times of day."""
    out = []
    for m in _CLOCK.finditer(claim.text):
        hour, minute = int(m.group("h")), int(m.group("m") or 0)
        if hour > 24 or minute > 59:
            continue
        half = m.group("half")
        if half in ("오후", "저녁", "밤") and hour < 12:
            hour += 12
        out.append((hour * 60 + minute, half is not None, m.group().strip()))
    return out


def _time_conflicts(x: Claim, y: Claim) -> list[str]:
    """The time of day two claims of one statement give differently: one time a side, more
    than `CLOCK_TOLERANCE` minutes apart (compared within twelve hours when a side does not say
    morning or afternoon)."""
    tx, ty = _clock_times(x), _clock_times(y)
    if len(tx) != 1 or len(ty) != 1:
        return []
    (a, ha, ta), (b, hb, tb) = tx[0], ty[0]
    gap = abs(a - b) if ha and hb else min(abs(a - b) % 720, 720 - abs(a - b) % 720)
    return [f"{ta} vs {tb}"] if gap > CLOCK_TOLERANCE else []


def find_conflicts(fact: Fact, same_fact: SameFact | None = None) -> list[Conflict]:
    """The conflicts within one fact (empty for a single-article fact).

    Only pairs of claims from different articles that state the fact themselves are compared:
    `same_fact(x, y)` (from the alignment's scores: the pair clears its threshold directly), so
    a claim that joined the fact through a third one raises no number, date or name conflict.
    Quote wording is compared only between quotes of the same speaker.
    """
    if len(fact.articles) < 2:
        return []

    def states_same(x: Claim, y: Claim) -> bool:
        if x.source.id == y.source.id:
            return False
        return same_fact is None or same_fact(x, y)

    out = [c for c in _value_conflicts(fact, states_same)]
    wording = _wording_conflict(fact, states_same)
    return out + ([wording] if wording is not None else [])


def _value_conflicts(fact: Fact, states_same: SameFact) -> list[Conflict]:
    """Number, date, time and name conflicts: one per kind, with the claims involved. Values
    are compared only between two claims that say the same thing besides them
    (`one_statement`): a level and its change, a year's figure and a quarter's, are two
    statements even when they share a fact."""
    out: list[Conflict] = []
    claims = fact.claims
    for kind, finder in (
        ("number", _quantity_conflicts),
        ("date", _date_conflicts),
        ("time", _time_conflicts),
        ("name", _name_conflicts),
    ):
        details: list[str] = []
        involved: dict[int, Claim] = {}
        for i in range(len(claims)):
            for j in range(i + 1, len(claims)):
                if not states_same(claims[i], claims[j]):
                    continue
                found = finder(claims[i], claims[j])
                if found and kind != "name" and not one_statement(claims[i], claims[j]):
                    continue
                if found and kind == "number" and not _same_period(claims[i], claims[j]):
                    continue
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
    return out


def _same_period(x: Claim, y: Claim) -> bool:
    """Figures of two claims can disagree only when they date them alike: the claims' own
    dates are the same, or neither gives one (a quarter's rate and the year's are two
    statements; so may be a rate with its period and one whose period another sentence
    gives)."""
    return {_date_key(d) for d in _own_dates(x)} == {_date_key(d) for d in _own_dates(y)}


def one_statement(x: Claim, y: Claim) -> bool:
    """Whether two claims say the same thing besides their figures, dates and times
    (`similarity.same_words` over `similarity.statement_words`): a value they give differently
    is then a conflict, not another statement."""
    from summarize.comparison.similarity import same_words

    return same_words(_statement_words(x), _statement_words(y))


def _statement_words(claim: Claim) -> set[str]:
    from summarize.analysis import content_morphemes
    from summarize.comparison.similarity import statement_words

    units = {q.unit for q in claim.quantities}
    return statement_words(content_morphemes(claim.resolved or claim.text), units)


def _wording_conflict(fact: Fact, states_same: SameFact) -> Conflict | None:
    """One quote of one speaker worded with other content words by two outlets."""
    quotes = [c for c in fact.claims if c.quote]
    pairs = [
        (x, y)
        for i, x in enumerate(quotes)
        for y in quotes[i + 1 :]
        if states_same(x, y) and _same_speaker(x, y) and quote_content_differs(x.text, y.text)
    ]
    if not pairs:
        return None
    involved = list(dict.fromkeys(c for p in pairs for c in p))
    wa, wb = differing_words(pairs[0][0].text, pairs[0][1].text)
    return Conflict(
        fact=fact.id, kind="wording", claims=tuple(involved), detail=f"{wa or '∅'} vs {wb or '∅'}"
    )


def outlet_views(
    event: Event, facts: Sequence[Fact], unmatched: Sequence[Claim] = ()
) -> list[OutletView]:
    """Additions (facts only this article reports), omissions (facts at least two and more
    than half of the other articles report) and unmatched claims (`Alignment.unmatched`) of
    each article of a multi-article event."""
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
        views.append(
            OutletView(
                article=aid,
                additions=tuple(adds),
                omissions=tuple(omits),
                unmatched=tuple(c for c in unmatched if c.source.id == aid),
            )
        )
    return views


def compare(
    articles: Sequence[Article],
    *,
    embedder: Any = "e5",
    group_threshold: float | None = None,
    max_days: float | None = None,
    align_threshold: float | None = None,
    align_settings: AlignSettings | None = None,
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
    from dataclasses import replace

    from summarize.comparison.align import AlignSettings, align_event
    from summarize.comparison.group import GroupSettings, group_events
    from summarize.comparison.similarity import get_embedder

    emb = get_embedder(embedder) if isinstance(embedder, str) or embedder is None else embedder
    settings = align_settings or AlignSettings()
    if align_threshold is not None:
        settings = replace(settings, threshold=align_threshold)
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
        alignment = align_event(articles, event, embedder=emb, settings=settings, workers=workers)
        clock["align"] += time.perf_counter() - t
        t = time.perf_counter()
        facts.extend(alignment.facts)
        for f in alignment.facts:
            conflicts.extend(find_conflicts(f, alignment.states_same))
        views.extend(outlet_views(event, alignment.facts, alignment.unmatched))
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
