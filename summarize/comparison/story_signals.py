"""What grouping compares: each article's terms, figures, days and time window, and the evidence
two sets of articles give for and against reporting the same story.

Computed once per article, with one kiwipiepy batch for all articles (only the few words around
each lead figure are tokenised; terms come from morphemes the claims already have):

- `terms`: content morphemes of the headline and claims (weighted by TF-IDF in `group.py`).
- `figures`: the quantities of the headline and of the claims (`summarize.article.numbers`),
  and ordinals (`3차 발사`, `제5회`, `4번째`), each with its *slot*, the noun it measures: for
  a quantity the nearest content noun before it, skipping numbers, particles and reference
  words (`대비`, `전년`, `동기`: `영업이익은 전년 대비 15배` measures the profit's change,
  not 전년; `매출액` counts as 매출); for an ordinal the noun after it (`3차 발사` -> 발사).
  Figures of the headline and the first `LEAD_SENTENCES` body sentences are *lead* figures:
  the article's news.
- `days`: day-of-month numbers the article mentions as past or present (`11일`, `지난 11일`,
  `오늘(28일)`; not `오는 24일`), and the published day.
- `window`: for a dated article, the days the reported event may lie on: from the earliest day
  its lead mentions (at most a month back: `지난 11일` in a paper of the 14th) to the published
  day. Undated articles have none.

Figure evidence between two sets of articles (`figure_evidence`): figures both sides state
(rounding tolerated: `1,452%` ~ `1452.24%`, `10.4조` ~ `10조4000억`) *agree*; a lead figure the
other side never states while its own lead measures the same slot in that unit *clashes*. Each
counts by `weight` (significant digits: `1명` or `3%` say nothing, `10조4000억` much). Outlets
covering one story repeat its figures; a near-miss (the same release another year, the 4th
launch against the 3rd) measures the same things with other values. Two sides *contradict*
(`Evidence.contradicts`) when the clash is at least `MIN_CLASH`, no smaller than the agreement,
and more than one approximate figure reported two ways (outlets do disagree on a figure: that
is what the diff shows), or one clashing value lies far from every value the other side gives
for that thing (`FAR_APART`). Measured on the TUNE events of real-news-dev, the samples and
sci-news-sum-kr-50 (3,570 article pairs): none of the 112 pairs of one story contradicts; 17 of
the 27 pairs of a near-miss and a page of the story it mimics do (11 before `FAR_APART` and
`slot_noun`), and each near-miss contradicts its story's pages taken together (clash 8, 5, 23
against agreement 3, 1, 0); no other pair does. In the quake excerpts of
`benchmarks/bench_align.py` two outlets give the depth as 11 and 12 km: one quake, no contradiction.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from summarize.types import Article, Span

#: Body sentences after the headline whose figures count as the article's news (inverted
#: pyramid: what happened, with its figures, comes in the first sentences).
LEAD_SENTENCES = 3

#: How far back a day mentioned in the lead of a dated article may lie (`지난 11일` in a paper of
#: the 30th still names this month's 11th; `dates._nearest_day` resolves at most that far).
WINDOW_DAYS = 31

#: Nouns that name a comparison base or a point in time rather than the thing measured: a
#: figure after them (`전년 대비 1만9200명`, `지난해 동기보다 15배`, `현재 3.5%`) takes the slot of
#: the noun before them, or none. A table of the language, not of any article.
REFERENCE_NOUNS = frozenset(
    {
        *("대비", "전년", "전월", "전기", "전분기", "동기", "직전", "이후", "이전", "기간"),
        *("현재", "당시", "최근", "지난해", "작년", "올해", "금년", "분기", "연간", "월간"),
        *("기준", "가량", "정도", "수준", "규모", "가운데", "중", "기록"),
    }
)

_NOUN_TAGS = frozenset({"NNG", "NNP"})
#: Tags passed over when looking for a figure's slot (numbers, units, particles, symbols).
_PASS_TAGS = frozenset(
    {"SN", "NR", "NNB", "SW", "SP", "SS", "SO", "SE", "SL", "MM", "XSN", "XPN"}
    | {"JKS", "JKO", "JKB", "JKG", "JKC", "JKV", "JKQ", "JX", "JC"}
)
_SLOT_REACH = 8
"""Tokens looked back for a slot noun."""
_CONTEXT_CHARS = 24
"""Characters next to a figure tokenised to find its slot (a few words)."""

_ORDINAL = re.compile(
    r"(?<![\d.,])(?:제\s?(?P<pre>\d{1,3})\s?(?P<pre_unit>회|차|대|기)"
    r"|(?P<num>\d{1,3})\s?(?P<unit>차|번째|회차|호기))(?=\s?[가-힣])"
)
#: Units of ordinals (`3차`, `4번째`, `2호기`, `제5회` -> `제회`), kept apart from counters (`5회`).
_ORDINAL_UNITS = frozenset({"차", "번째", "회차", "호기", "제회", "제차", "제대", "제기"})
_DAY_NUMBER = re.compile(r"(?<!\d)(\d{1,2})\s?일")


def day_number(mention: str) -> int | None:
    """The day of the month a day mention names (`지난 11일` -> 11, `오늘(28일)` -> 28)."""
    m = _DAY_NUMBER.search(mention)
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class Figure:
    """A number an article states, with the noun it measures (`slot`, empty when unknown)."""

    value: float
    unit: str
    slot: str
    lead: bool
    digits: int
    """Significant digits of the value (`10조4000억` 3, `0.72` 2, `3.0` 1; an ordinal 2)."""


@dataclass(frozen=True)
class ArticleSignals:
    """What grouping knows about one article."""

    terms: Counter[str]
    headline_terms: Counter[str] = field(default_factory=Counter)
    figures: tuple[Figure, ...] = ()
    days: frozenset[int] = frozenset()
    """Days of the month mentioned as past or present, and the published day."""
    lead_days: frozenset[int] = frozenset()
    """Those of the lead (the event's day, as the article reports it), and the published day."""
    window: tuple[date, date] | None = None
    """(earliest, latest) day the reported event may lie on; None for an undated article."""


def significant_digits(value: float) -> int:
    """Significant digits of a value (`10400000000000.0` -> 3, `0.72` -> 2, `3.0` -> 1)."""
    text = f"{abs(value):.6g}"
    if "e" in text:
        text = text.split("e")[0]
    digits = text.replace(".", "").strip("0")
    return max(1, len(digits))


def same_value(a: float, b: float) -> bool:
    """Equal, or equal once the more precise one is rounded to the other's written precision
    (`1452` ~ `1452.24`, `57.3` ~ `57.34`), never across orders of magnitude."""
    if a == b:
        return True
    for x, y in ((a, b), (b, a)):
        text = f"{x:.6f}".rstrip("0")
        decimals = len(text.split(".")[1]) if "." in text else 0
        if x and round(y, decimals) == x and abs(x) >= 10.0 ** (1 - decimals):
            return True
    return False


# --- per article -------------------------------------------------------------------------------


def article_signals(articles: Sequence[Article]) -> list[ArticleSignals]:
    """The signals of every article.

    Terms come from the morphemes of the headline and the claims (`content_morphemes_many`,
    which has them cached since the claims were built), or of the paragraphs for an article
    without claims; only the few words before each lead figure are tokenised anew (one
    kiwipiepy batch for all articles) to find what it measures.
    """
    from summarize.analysis import content_morphemes_many

    texts = [_term_texts(a) for a in articles]
    morphemes = iter(content_morphemes_many([t for group in texts for t in group]))
    figures = _all_figures(articles)
    out = []
    for article, group, found in zip(articles, texts, figures, strict=True):
        per_text = [next(morphemes) for _ in group]
        headline = _terms(per_text[0]) if article.headline is not None else Counter()
        terms = _terms(m for ms in per_text for m in ms)
        out.append(_signals(article, terms, headline, found))
    return out


def _terms(morphemes: Iterable[str]) -> Counter[str]:
    return Counter(m for m in morphemes if len(m) > 1 or m.isdigit())


def _term_texts(article: Article) -> list[str]:
    texts = [article.headline.text] if article.headline is not None else []
    if article.claims:
        texts.extend(c.text for c in article.claims)
    elif article.paragraphs:
        texts.extend(p.text for p in article.paragraphs)
    elif not texts:
        texts.append(article.text)
    return texts


def _text_spans(article: Article) -> list[Span]:
    spans = [article.headline] if article.headline is not None else []
    return spans + list(article.paragraphs)


def _signals(
    article: Article,
    terms: Counter[str],
    headline_terms: Counter[str],
    figures: tuple[Figure, ...],
) -> ArticleSignals:
    days, lead_days, window = _days(article)
    return ArticleSignals(
        terms=terms,
        headline_terms=headline_terms,
        figures=figures,
        days=days,
        window=window,
        lead_days=lead_days,
    )


def lead_end(article: Article) -> int:
    """Offset where the lead (headline and first `LEAD_SENTENCES` body sentences) ends."""
    body = article.body_sentences[:LEAD_SENTENCES]
    if body:
        return body[-1].end
    return article.headline.end if article.headline else 0


@dataclass(frozen=True)
class _Raw:
    """A figure before its slot is known: the text its slot is looked for in."""

    value: float
    unit: str
    lead: bool
    digits: int
    context: str
    after: bool
    """Whether the slot follows the figure (ordinals) rather than precedes it."""


def _all_figures(articles: Sequence[Article]) -> list[tuple[Figure, ...]]:
    """Every article's figures; the slots of lead figures from one kiwipiepy batch over the few
    words next to each."""
    from summarize.analysis import tokenize_many

    raws = [list(_raw_figures(a)) for a in articles]
    contexts = [r.context for rs in raws for r in rs if r.lead]
    tokens = iter(tokenize_many(contexts) if contexts else [])
    out = []
    for rs in raws:
        figures = []
        for r in rs:
            slot = (
                _slot([(t.form, t.tag.split("-")[0]) for t in next(tokens)], r.after)
                if r.lead
                else ""
            )
            figures.append(Figure(r.value, r.unit, slot, r.lead, r.digits))
        out.append(tuple(figures))
    return out


def _raw_figures(article: Article) -> Iterable[_Raw]:
    from summarize.article.numbers import find_quantities

    text = article.text
    end_of_lead = lead_end(article)
    quantities = [q for c in article.claims for q in c.quantities]
    if article.headline is not None:
        h = article.headline
        quantities += find_quantities(article.source, h.start, h.end)
    seen: set[tuple[int, float, str]] = set()
    for q in quantities:
        if not q.unit or (q.start, q.value, q.unit) in seen:
            continue
        seen.add((q.start, q.value, q.unit))
        context = text[max(0, q.start - _CONTEXT_CHARS) : q.start]
        lead = q.start < end_of_lead
        yield _Raw(q.value, q.unit, lead, significant_digits(q.value), context, after=False)
    for span in _text_spans(article):
        for m in _ORDINAL.finditer(text, span.start, span.end):
            value = float(m.group("pre") or m.group("num"))
            unit = "제" + m.group("pre_unit") if m.group("pre") else m.group("unit")
            context = text[m.end() : m.end() + _CONTEXT_CHARS]
            # agreement on an ordinal says little (`4차 산업혁명` is a set phrase), so it weighs as
            # a two-digit figure; a clash says much (see `figure_evidence`)
            yield _Raw(value, unit, m.start() < end_of_lead, 2, context, after=True)


def slot_noun(noun: str) -> str:
    """The thing a noun measures, without the suffix 액 (amount) that some outlets add and
    others do not: `매출액` and `매출`, `수출액` and `수출` measure one thing. Nouns of two
    syllables keep it (`금액`, `잔액` are words of their own)."""
    return noun[:-1] if len(noun) >= 3 and noun.endswith("액") else noun


def _slot(tokens: list[tuple[str, str]], after: bool) -> str:
    """The slot noun in a figure's context: the nearest content noun (of two or more
    syllables, not a reference word) before it, over numbers, units and particles only; for
    an ordinal the first such noun after it."""
    if after:
        for form, tag in tokens[:3]:
            if tag in _NOUN_TAGS and len(form) >= 2:
                return slot_noun(form)
        return ""
    for form, tag in reversed(tokens[-_SLOT_REACH:]):
        if tag in _NOUN_TAGS and len(form) >= 2:
            if form not in REFERENCE_NOUNS:
                return slot_noun(form)
        elif tag not in _PASS_TAGS and tag not in _NOUN_TAGS:
            break
    return ""


def _days(
    article: Article,
) -> tuple[frozenset[int], frozenset[int], tuple[date, date] | None]:
    """Day numbers mentioned (past or present), those of the lead, and the event window."""
    published = article.published.date() if article.published else None
    end_of_lead = lead_end(article)
    days: set[int] = set()
    lead_days: set[int] = set()
    resolved: list[date] = []
    for claim in article.claims:
        for d in claim.dates:
            if d.granularity != "day" or d.text.startswith("오는"):
                continue
            number = day_number(d.text) or (d.value.day if d.value else None)
            if number is None:
                continue
            days.add(number)
            if d.start < end_of_lead:
                lead_days.add(number)
                if published and d.value:
                    resolved.append(d.value)
    if published is None:
        return frozenset(days), frozenset(lead_days), None
    days.add(published.day)
    lead_days.add(published.day)
    earliest = min(
        (d for d in resolved if published - timedelta(days=WINDOW_DAYS) <= d <= published),
        default=published,
    )
    return frozenset(days), frozenset(lead_days), (earliest, published)


# --- evidence between two sets of articles -----------------------------------------------------


def weight(digits: int) -> int:
    """Evidence a figure carries: one unit per significant digit past the first, at most three
    (a two-digit value like `0.72` may recur by chance; `10조4000억` or `2.75` hardly)."""
    return min(3, max(0, digits - 1))


@dataclass
class Pooled:
    """The figures and days of a set of articles taken together (a group being built)."""

    stated: dict[tuple[float, str], int] = field(default_factory=dict)
    """Every (value, unit) stated with two or more significant digits -> weight."""
    by_unit: dict[str, set[float]] = field(default_factory=dict)
    """Every value stated, by unit (for rounding-tolerant look-ups)."""
    lead: dict[tuple[float, str], int] = field(default_factory=dict)
    """The lead's figures with two or more significant digits -> weight."""
    lead_slots: dict[tuple[float, str], set[str]] = field(default_factory=dict)
    """The slots each lead figure measures."""
    measured: dict[tuple[str, str], int] = field(default_factory=dict)
    """(slot, unit) the lead measures -> the largest weight of a value stated for it."""
    slot_values: dict[tuple[str, str], set[float]] = field(default_factory=dict)
    """(slot, unit) the lead measures -> the values it gives for it."""
    days: set[int] = field(default_factory=set)
    lead_days: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, signals: ArticleSignals) -> Pooled:
        pooled = cls()
        for f in signals.figures:
            pooled.by_unit.setdefault(f.unit, set()).add(f.value)
            w = weight(f.digits)
            if w == 0:
                continue
            key = (f.value, f.unit)
            pooled.stated[key] = max(pooled.stated.get(key, 0), w)
            if f.lead:
                pooled.lead[key] = max(pooled.lead.get(key, 0), w)
                if f.slot:
                    pooled.lead_slots.setdefault(key, set()).add(f.slot)
                    slot = (f.slot, f.unit)
                    pooled.measured[slot] = max(pooled.measured.get(slot, 0), w)
                    pooled.slot_values.setdefault(slot, set()).add(f.value)
        pooled.days = set(signals.days)
        pooled.lead_days = set(signals.lead_days)
        return pooled

    def merge(self, other: Pooled) -> None:
        for mine, theirs in (
            (self.stated, other.stated),
            (self.lead, other.lead),
            (self.measured, other.measured),
        ):
            for key, w in theirs.items():
                mine[key] = max(mine.get(key, 0), w)
        for key, slots in other.lead_slots.items():
            self.lead_slots.setdefault(key, set()).update(slots)
        for mine_values, theirs_values in (
            (self.by_unit, other.by_unit),
            (self.slot_values, other.slot_values),
        ):
            for key, values in theirs_values.items():
                mine_values.setdefault(key, set()).update(values)
        self.days |= other.days
        self.lead_days |= other.lead_days

    def states(self, value: float, unit: str) -> bool:
        return (value, unit) in self.stated or any(
            same_value(value, v) for v in self.by_unit.get(unit, ())
        )


@dataclass(frozen=True)
class Evidence:
    """What two sets of articles' figures say (see `figure_evidence`)."""

    agree: int = 0
    clash: int = 0
    slots: frozenset[tuple[str, str]] = frozenset()
    """The (slot, unit) pairs the clashes are about."""
    ordinal: bool = False
    """Whether an ordinal differs (`3차 발사` against `4차 발사`)."""
    far: bool = False
    """Whether a clashing value lies more than `FAR_APART` from every value the other side gives
    for the thing it measures (`영업이익 6.5조` against `10.4조`, not 11 km against 12 km)."""

    @property
    def contradicts(self) -> bool:
        """Different happenings: a clash of at least `MIN_CLASH`, no smaller than the agreement,
        and not one approximate figure reported two ways: it concerns an ordinal, two things
        measured, precise values (a clash of `DECISIVE_CLASH`) or values far apart. Two outlets
        giving a quake's depth as 11 and 12 km report one quake; a rate cut to 3.25% and one to
        2.75% are two, and so are an operating profit of 6.5 and one of 10.4 trillion won."""
        if self.clash < max(MIN_CLASH, self.agree):
            return False
        return self.ordinal or self.far or len(self.slots) >= 2 or self.clash >= DECISIVE_CLASH


#: Least clash that can tell two happenings apart.
MIN_CLASH = 2
#: Clash on one measured thing that still tells them apart: two-digit values on both sides give
#: 2 (one each way), a precise value (three digits or more) against any other at least 3.
DECISIVE_CLASH = 3
#: Relative gap, |a - b| / max(|a|, |b|), past which two values of one measured thing are not one
#: figure reported two ways. On the TUNE split (pairs of real-news-dev TUNE events, their
#: distractors and the samples) the clashes within one story lie at 0.077 (a rounded 23만 against
#: 24.92만), those between a near-miss and its story at 0.154 (2.75% against 3.25%) and above;
#: the quake depths of `bench_align.py` (11 and 12 km) at 0.083. 0.12 lies between.
FAR_APART = 0.12


def figure_evidence(a: Pooled, b: Pooled) -> Evidence:
    """Agreement: the weights of the figures both sides state (a lead figure also when the
    other side states it rounded). Clash: each lead figure the other side never states while
    its lead measures the same slot in that unit, counting the smaller of the two sides'
    weights there (two precise values clash hard, a precise one against a round `2만 명`
    hardly); an ordinal that differs (`3차 발사` against `4차 발사`) counts `MIN_CLASH`."""
    small, large = (a, b) if len(a.stated) <= len(b.stated) else (b, a)
    agree = sum(w for key, w in small.stated.items() if key in large.stated)
    clash = 0
    slots: set[tuple[str, str]] = set()
    ordinal = far = False
    for x, y in ((a, b), (b, a)):
        for (value, unit), w in x.lead.items():
            if (value, unit) in y.stated:
                continue
            if y.states(value, unit):
                agree += w
                continue
            measured = [
                (y.measured[(slot, unit)], slot)
                for slot in x.lead_slots.get((value, unit), ())
                if (slot, unit) in y.measured
            ]
            if not measured:
                continue
            other, slot = max(measured)
            slots.add((slot, unit))
            far = far or _relative_gap(value, y.slot_values.get((slot, unit), ())) > FAR_APART
            if unit in _ORDINAL_UNITS:
                clash += MIN_CLASH  # the 3rd launch is not the 4th, however small the digits
                ordinal = True
            else:
                clash += min(w, other)
    return Evidence(agree, clash, frozenset(slots), ordinal, far)


def _relative_gap(value: float, others: Iterable[float]) -> float:
    """The smallest |value - other| / max(|value|, |other|) (0 when there is no other)."""
    gaps = [abs(value - o) / max(abs(value), abs(o)) for o in others if value or o]
    return min(gaps, default=0.0)


def day_relation(a: Pooled, b: Pooled, max_days: float) -> int:
    """+1 when both leads name a common day of the month (the event's day), -1 when every day
    one side mentions lies more than `max_days` from every day the other mentions (month ends
    wrap), 0 otherwise or when either mentions none."""
    if a.lead_days & b.lead_days:
        return 1
    if not a.days or not b.days:
        return 0
    for x in a.days:
        for y in b.days:
            gap = abs(x - y)
            if min(gap, 31 - gap) <= max_days:
                return 0
    return -1
