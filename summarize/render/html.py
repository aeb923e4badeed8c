"""The comparison as one self-contained HTML page (`kosum report`, `kosum diff --format html`).

The page holds everything it needs: styles and a small script are inlined, nothing is fetched
(a Content-Security-Policy forbids it and lets only the page's own script run). Every piece of
article text goes through Jinja2's autoescaping or `markupsafe.escape`; ids derived from article,
event and fact ids are reduced to `[A-Za-z0-9_-]`.

Per event (a story) the page shows its timeline (days, who reported first, what each day
added), the consensus summary, a card per outlet, the conflicts, a coverage
matrix (facts down, outlets across), the side-by-side view of every fact's wording per outlet with
the words that differ highlighted, and each outlet's additions and omissions. Below come the
articles' decoded texts with every claim marked (`<mark id="a-ARTICLE-c-N">`); everything above
links there. Rows are ordered by how many outlets report each fact, so the page reads the same
with JavaScript off; the script only adds sorting and filtering.

Renderers know nothing of matching: this module takes a finished `Comparison` and summaries.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from markupsafe import Markup, escape

from summarize.render.common import conflicts_by_fact as common_conflicts_by_fact
from summarize.render.common import outlet_name, story_timeline
from summarize.types import (
    Article,
    Claim,
    Comparison,
    Conflict,
    Event,
    Fact,
    OutletView,
    Span,
    Summary,
    SummarySentence,
)

__all__ = ["Mark", "highlight", "mark_text", "render_comparison_html"]

CONFLICT_LABELS = {
    "number": "숫자",
    "date": "날짜",
    "time": "시각",
    "name": "이름",
    "wording": "인용 문구",
}
"""Korean labels for `Conflict.kind`."""

PARAPHRASE_SHARE = 0.6
"""Above this share of differing words a wording is a paraphrase and gets no word highlights."""

CONFLICT_ORDER = tuple(CONFLICT_LABELS)
"""The order conflict kinds are listed in: the labels' order."""

_TEMPLATE = "report.html"


# --- ids ----------------------------------------------------------------------------------------


class _Ids:
    """Stable, unique, HTML- and URL-safe ids for arbitrary article, event and fact ids.

    An id made only of `[A-Za-z0-9_-]` is kept as it is; any other gets its unsafe characters
    replaced and a short hash of the original appended, so two different ids never collide.
    """

    def __init__(self) -> None:
        self._given: dict[tuple[str, str], str] = {}
        self._taken: set[tuple[str, str]] = set()

    def __call__(self, namespace: str, value: str) -> str:
        key = (namespace, value)
        if key in self._given:
            return self._given[key]
        base = re.sub(r"[^A-Za-z0-9_-]+", "-", value).strip("-")[:48] or "x"
        if base != value:
            digest = hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:6]
            base = f"{base}-{digest}"
        slug, n = base, 2
        while (namespace, slug) in self._taken:
            slug, n = f"{base}-{n}", n + 1
        self._taken.add((namespace, slug))
        self._given[key] = slug
        return slug


# --- marking spans in the original text --------------------------------------------------------


@dataclass(order=True)
class Mark:
    """An element wrapped around `text[start:end]` in the original-text view.

    Marks sort by `(start, neg_end, order)`; `neg_end` is `-end`, so of two marks starting at the
    same place the longer one opens first and contains the other. Build one with `Mark.around`.
    Attribute values are escaped when rendered; tag and attribute names must be trusted.
    """

    start: int
    neg_end: int
    order: int
    tag: str = field(compare=False)
    attrs: dict[str, str] = field(compare=False)
    continued: bool = field(default=False, compare=False)

    @classmethod
    def around(cls, start: int, end: int, tag: str, attrs: dict[str, str], order: int = 0) -> Mark:
        """A `<tag attrs>` element around `text[start:end]`."""
        return cls(start, -end, order, tag, attrs)

    @property
    def end(self) -> int:
        return -self.neg_end

    def open(self) -> str:
        attrs = dict(self.attrs)
        if self.continued:
            # A piece split off by an overlapping mark: same look, no duplicate id.
            attrs.pop("id", None)
            attrs["class"] = (attrs.get("class", "") + " cont").strip()
        rendered = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items() if v)
        return f"<{self.tag}{rendered}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def mark_text(text: str, marks: Iterable[Mark]) -> Markup:
    """Escape `text` and wrap each mark's range in its element, nesting properly.

    Marks that overlap without nesting are split at the inner mark's end; the remainder is
    rendered as a continuation piece without the id. Empty or out-of-range marks are dropped.
    """
    heap = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    heapq.heapify(heap)
    out: list[str] = []
    stack: list[Mark] = []
    pos = 0
    order = len(heap) + 1
    while heap or stack:
        next_start = heap[0].start if heap else len(text) + 1
        if stack and stack[-1].end <= next_start:
            top = stack.pop()
            out.append(str(escape(text[pos : top.end])))
            pos = top.end
            out.append(top.close())
            continue
        mark = heapq.heappop(heap)
        out.append(str(escape(text[pos : mark.start])))
        pos = mark.start
        if stack and mark.end > stack[-1].end:
            rest = Mark(stack[-1].end, mark.neg_end, order, mark.tag, mark.attrs, True)
            order += 1
            heapq.heappush(heap, rest)
            mark = Mark(
                mark.start, -stack[-1].end, mark.order, mark.tag, mark.attrs, mark.continued
            )
        if mark.end <= mark.start:
            continue
        out.append(mark.open())
        stack.append(mark)
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


# --- word-level differences --------------------------------------------------------------------


def _word_ranges(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def _differing_ranges(text: str, others: Sequence[str]) -> list[tuple[int, int]]:
    """Character ranges of the words of `text` that differ from every other outlet's wording.

    A word counts as differing only when it differs from each other wording, so a word that two
    of three outlets share is highlighted in neither. Words are aligned by the diff's pure
    `word_diff` (rapidfuzz opcodes over eojeol). A paraphrase, where most words differ, gets no
    highlights: marking nearly every word would say nothing.
    """
    from summarize.wording import word_diff

    if not others:
        return []
    words = _word_ranges(text)
    differing: set[tuple[int, int]] | None = None
    for other in others:
        changed = [sa for op, sa, _ in word_diff(text, other) if op != "equal" and sa[1] > sa[0]]
        here = {w for w in words if any(s <= w[0] and w[1] <= e for s, e in changed)}
        differing = here if differing is None else differing & here
    if not differing or len(differing) > PARAPHRASE_SHARE * len(words):
        return []
    return _merge(sorted(differing), text)


def _merge(ranges: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join ranges separated only by whitespace, so `안전성을 최고` is one highlight."""
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, ranges: Iterable[tuple[int, int]]) -> Markup:
    """Escape `text`, wrapping the given character ranges in `<ins class="wd">`."""
    marks = [Mark.around(s, e, "ins", {"class": "wd"}, i) for i, (s, e) in enumerate(ranges)]
    return mark_text(text, marks)


# --- view model --------------------------------------------------------------------------------


@dataclass
class _ClaimView:
    article: str
    anchor: str
    text: Markup
    quote: bool
    speaker: str
    conflict: bool


@dataclass
class _FactRow:
    fact: Fact
    dom_id: str
    count: int
    order: int
    single: bool
    conflicts: list[Conflict]
    cells: dict[str, list[_ClaimView]]
    """Article id -> that article's claims of this fact."""
    omitted_by: set[str]
    first_anchor: str

    @property
    def state(self) -> str:
        if self.conflicts:
            return "conflict"
        return "single" if self.single else "shared"


@dataclass
class _Card:
    article: Article
    dom_id: str
    source_id: str
    label: str
    published: str
    published_iso: str
    summary: list[dict[str, Any]]
    method: str
    fallback: str
    additions: list[_FactRow]
    omissions: list[_FactRow]
    unmatched: list[str]
    """Claims no other outlet was found stating, not called this outlet's own (their text)."""
    claim_count: int
    fact_count: int


def _format_published(value: datetime | None) -> tuple[str, str]:
    if value is None:
        return "", ""
    text = value.strftime("%Y-%m-%d %H:%M")
    if value.tzinfo is not None and value.utcoffset() is not None:
        offset = value.utcoffset()
        text += " KST" if offset and offset.total_seconds() == 9 * 3600 else value.strftime(" %z")
    return text, value.isoformat()


def _claim_anchor(ids: _Ids, claim: Claim) -> str:
    return f"a-{ids('a', claim.source.id)}-c-{claim.index}"


def _overlapping_claim(article: Article, span: Span) -> Claim | None:
    """The article's first claim overlapping `span`."""
    return next((c for c in article.claims if c.start < span.end and span.start < c.end), None)


def _summary_lines(
    summary: Summary | None, article: Article, ids: _Ids, support_marks: dict[str, list[Mark]]
) -> list[dict[str, Any]]:
    """Summary sentences with links to the source: the claim overlapping each support span, or
    a mark added for the span itself when no claim covers it."""
    if summary is None:
        return []
    lines = []
    for n, sentence in enumerate(summary.sentences):
        lines.append(
            {
                "text": sentence.text,
                "role": sentence.role,
                "flags": list(sentence.flags),
                "links": _support_links(sentence, article, ids, support_marks, n),
            }
        )
    return lines


def _support_links(
    sentence: SummarySentence,
    article: Article,
    ids: _Ids,
    support_marks: dict[str, list[Mark]],
    n: int,
) -> list[str]:
    links: list[str] = []
    aslug = ids("a", article.id)
    for k, span in enumerate(sentence.support):
        if span.source.id != article.id:
            continue
        claim = _overlapping_claim(article, span)
        if claim is not None:
            anchor = _claim_anchor(ids, claim)
        else:
            anchor = f"a-{aslug}-s-{n}-{k}"
            support_marks.setdefault(article.id, []).append(
                Mark(
                    span.start,
                    -span.end,
                    10_000 + n * 100 + k,
                    "span",
                    {"id": anchor, "class": "support"},
                )
            )
        if anchor not in links:
            links.append(anchor)
    return links


def _anchor_for_span(span: Span, by_article: Mapping[str, Article], ids: _Ids) -> str | None:
    """The anchor of the claim that is, or overlaps, `span` in its article."""
    if isinstance(span, Claim):
        return _claim_anchor(ids, span)
    article = by_article.get(span.source.id)
    if article is None:
        return None
    claim = _overlapping_claim(article, span)
    return _claim_anchor(ids, claim) if claim is not None else f"a-{ids('a', article.id)}"


def _span_links(
    spans: Iterable[Any], by_article: Mapping[str, Article], ids: _Ids
) -> list[dict[str, str]]:
    """Links to the claims behind `spans`, each labelled with its article's outlet."""
    links: dict[str, dict[str, str]] = {}
    for span in spans:
        if not isinstance(span, Span):
            continue
        anchor = _anchor_for_span(span, by_article, ids)
        article = by_article.get(span.source.id)
        if anchor and article is not None and anchor not in links:
            links[anchor] = {"anchor": anchor, "label": outlet_name(article)}
    return list(links.values())


def _consensus_lines(
    value: Any, by_article: Mapping[str, Article], ids: _Ids
) -> list[dict[str, Any]]:
    """The lines of an event consensus: an `EventSummary` from `summarize.summarizer.consensus`
    (its `consensus` sentences), a `Summary`, a sequence of strings or summary sentences, or a
    string. Each line links to its supporting claims."""
    if value is None:
        return []
    if isinstance(value, str):
        sentences: Any = [value]
    else:
        sentences = getattr(value, "consensus", None)
        if sentences is None:
            sentences = getattr(value, "sentences", None)
        if sentences is None:
            sentences = value if isinstance(value, Sequence) else ()
    lines = []
    for s in sentences:
        text = s if isinstance(s, str) else getattr(s, "text", "")
        if not text:
            continue
        lines.append(
            {
                "text": text,
                "role": getattr(s, "role", "point"),
                "links": _span_links(getattr(s, "support", ()) or (), by_article, ids),
            }
        )
    return lines


def _outlet_lines(value: Any, by_article: Mapping[str, Article], ids: _Ids) -> list[dict[str, Any]]:
    """One line per outlet on what only it adds, from an event consensus's `outlets` (items
    with `article`, `sentence` and the number of `additions`)."""
    lines = []
    for item in getattr(value, "outlets", None) or ():
        article = by_article.get(getattr(item, "article", ""))
        if article is None:
            continue
        sentence = getattr(item, "sentence", None)
        count = getattr(item, "additions", 0)
        lines.append(
            {
                "label": outlet_name(article),
                "text": getattr(sentence, "text", "") if sentence is not None else "",
                "links": _span_links(getattr(sentence, "support", ()) or (), by_article, ids),
                "more": max(0, int(count) - 1) if isinstance(count, int) else 0,
                "count": int(count) if isinstance(count, int) else 0,
            }
        )
    return lines


@dataclass
class _EventView:
    event: Event
    dom_id: str
    number: int
    title: str
    articles: list[Article]
    cards: list[_Card]
    rows: list[_FactRow]
    conflicts: list[dict[str, Any]]
    conflict_groups: list[dict[str, Any]]
    consensus: list[dict[str, Any]]
    consensus_from_summary: bool
    outlet_lines: list[dict[str, Any]]
    timeline: list[dict[str, Any]] = field(default_factory=list)

    @property
    def multi(self) -> bool:
        return len(self.articles) > 1


def _build(
    comparison: Comparison,
    summaries: Sequence[Summary] | None,
    event_summaries: Mapping[str, Any] | None,
) -> dict[str, Any]:
    ids = _Ids()
    by_summary = {s.article: s for s in summaries or ()}
    by_article = {a.id: a for a in comparison.articles}
    views = {v.article: v for v in comparison.outlets}
    conflicts_by_fact = common_conflicts_by_fact(comparison)
    conflict_claims = {(c.source.id, c.index) for cf in comparison.conflicts for c in cf.claims}
    fact_of_claim: dict[tuple[str, int], Fact] = {}
    for f in comparison.facts:
        for c in f.claims:
            fact_of_claim.setdefault((c.source.id, c.index), f)
    support_marks: dict[str, list[Mark]] = {}

    # Events in their order; articles no event lists still get a group of their own.
    events = list(comparison.events)
    grouped = {a for e in events for a in e.articles}
    for a in comparison.articles:
        if a.id not in grouped:
            events.append(Event(id=f"alone-{a.id}", articles=(a.id,)))

    event_views: list[_EventView] = []
    for number, event in enumerate(events, 1):
        arts = [by_article[a] for a in event.articles if a in by_article]
        if not arts:
            continue
        art_ids = [a.id for a in arts]
        position = {
            (c.source.id, c.index): (art_ids.index(c.source.id), c.start)
            for a in arts
            for c in a.claims
        }
        event_facts = [f for f in comparison.facts if f.event == event.id]
        omitted: dict[str, set[str]] = {}
        for aid in art_ids:
            for fid in views.get(aid, _EMPTY_VIEW).omissions:
                omitted.setdefault(fid, set()).add(aid)
        rows: list[_FactRow] = []
        for f in event_facts:
            first = min(
                (position.get((c.source.id, c.index), (len(art_ids), c.start)) for c in f.claims),
                default=(len(art_ids), 0),
            )
            cells: dict[str, list[_ClaimView]] = {}
            for c in f.claims:
                others = [o.text for o in f.claims if o.source.id != c.source.id]
                cells.setdefault(c.source.id, []).append(
                    _ClaimView(
                        article=c.source.id,
                        anchor=_claim_anchor(ids, c),
                        text=highlight(c.text, _differing_ranges(c.text, others)),
                        quote=c.quote,
                        speaker=(c.speaker.canonical or c.speaker.text) if c.speaker else "",
                        conflict=(c.source.id, c.index) in conflict_claims,
                    )
                )
            rows.append(
                _FactRow(
                    fact=f,
                    dom_id=ids("f", f.id),
                    count=len([a for a in f.articles if a in art_ids]),
                    order=0,
                    single=len(f.articles) == 1,
                    conflicts=conflicts_by_fact.get(f.id, []),
                    cells=cells,
                    omitted_by=omitted.get(f.id, set()),
                    first_anchor=_claim_anchor(ids, f.claims[0]) if f.claims else "",
                )
            )
            rows[-1].order = first[0] * 10_000_000 + first[1]
        # Document order first, then the default view: most outlets first, conflicts next.
        rows.sort(key=lambda r: r.order)
        for i, r in enumerate(rows):
            r.order = i
        rows.sort(key=lambda r: (-r.count, not r.conflicts, r.order))
        row_of = {r.fact.id: r for r in rows}

        cards = []
        for a in arts:
            view = views.get(a.id, _EMPTY_VIEW)
            published, iso = _format_published(a.published)
            summary = by_summary.get(a.id)
            cards.append(
                _Card(
                    article=a,
                    dom_id=f"o-{ids('a', a.id)}",
                    source_id=f"a-{ids('a', a.id)}",
                    label=outlet_name(a),
                    published=published,
                    published_iso=iso,
                    summary=_summary_lines(summary, a, ids, support_marks),
                    method=summary.method if summary else "",
                    fallback=(summary.fallback or "") if summary else "",
                    additions=[row_of[f] for f in view.additions if f in row_of],
                    omissions=[row_of[f] for f in view.omissions if f in row_of],
                    unmatched=[c.text for c in view.unmatched],
                    claim_count=len(a.claims),
                    fact_count=sum(1 for r in rows if a.id in r.cells),
                )
            )

        conflicts: list[dict[str, Any]] = []
        for r in rows:
            for cf in r.conflicts:
                conflicts.append(
                    {
                        "row": r,
                        "kind": CONFLICT_LABELS.get(cf.kind, cf.kind),
                        "kind_key": cf.kind,
                        "detail": cf.detail,
                        "claims": [
                            {
                                "label": outlet_name(by_article[c.source.id])
                                if c.source.id in by_article
                                else c.source.id,
                                "text": c.text,
                                "anchor": _claim_anchor(ids, c),
                            }
                            for c in cf.claims
                        ],
                    }
                )

        conflict_groups = [
            {
                "kind": kind,
                "label": CONFLICT_LABELS.get(kind, kind),
                "entries": items,
                "open": kind in ("number", "date", "time") or len(items) <= 3,
            }
            for kind in [*CONFLICT_ORDER, *sorted({c["kind_key"] for c in conflicts})]
            if (items := [c for c in conflicts if c["kind_key"] == kind])
        ]
        conflict_groups = list({g["kind"]: g for g in conflict_groups}.values())

        given = (event_summaries or {}).get(event.id)
        consensus = _consensus_lines(given, by_article, ids)
        outlet_lines = _outlet_lines(given, by_article, ids)
        title = event.title or next((a.title for a in arts if a.title), None) or arts[0].id
        event_views.append(
            _EventView(
                event=event,
                dom_id=f"e-{ids('e', event.id)}",
                number=number,
                title=title,
                articles=arts,
                cards=cards,
                rows=rows,
                conflicts=conflicts,
                conflict_groups=conflict_groups,
                consensus=consensus,
                consensus_from_summary=bool(consensus),
                outlet_lines=outlet_lines,
                timeline=_timeline(comparison, event, ids, row_of) if len(arts) > 1 else [],
            )
        )

    sources = []
    for a in comparison.articles:
        marks: list[Mark] = []
        for clutter in a.clutter:
            marks.append(
                Mark(
                    clutter.start,
                    -clutter.end,
                    len(marks),
                    "span",
                    {"class": "clutter", "title": f"제거된 부분: {clutter.reason}"},
                )
            )
        if a.headline is not None:
            marks.append(
                Mark(a.headline.start, -a.headline.end, len(marks), "span", {"class": "hl"})
            )
        seen: set[str] = set()
        for c in a.claims:
            anchor = _claim_anchor(ids, c)
            if anchor in seen:
                continue
            seen.add(anchor)
            fact = fact_of_claim.get((a.id, c.index))
            state = "free"
            title = f"주장 {c.index}"
            if fact is not None:
                n_out = len(fact.articles)
                state = "single" if n_out == 1 else "shared"
                title += " · 이 매체만 보도" if n_out == 1 else f" · {n_out}개 매체 보도"
            if (a.id, c.index) in conflict_claims:
                state = "conflict"
                title += " · 다르게 보도됨"
            marks.append(
                Mark(
                    c.start,
                    -c.end,
                    len(marks),
                    "mark",
                    {"id": anchor, "class": f"c {state}", "title": title},
                )
            )
        marks.extend(support_marks.get(a.id, []))
        published, iso = _format_published(a.published)
        sources.append(
            {
                "article": a,
                "dom_id": f"a-{ids('a', a.id)}",
                "label": outlet_name(a),
                "published": published,
                "published_iso": iso,
                "body": mark_text(a.text, marks),
            }
        )

    multi = [v for v in event_views if v.multi]
    return {
        "events": event_views,
        "sources": sources,
        "n_articles": len(comparison.articles),
        "n_events": len(event_views),
        "n_multi": len(multi),
        "n_facts": sum(len(v.rows) for v in event_views),
        "n_shared": sum(1 for v in multi for r in v.rows if r.count > 1),
        "n_conflicts": len(comparison.conflicts),
        "conflict_labels": CONFLICT_LABELS,
        "have_summaries": summaries is not None,
    }


def _timeline(
    comparison: Comparison, event: Event, ids: _Ids, row_of: Mapping[str, _FactRow]
) -> list[dict[str, Any]]:
    """The story's days for the template: outlets (linked to their cards) with published time,
    whether the day was inferred and which came first, and the facts first reported that day."""
    days = []
    for day in story_timeline(comparison, event):
        days.append(
            {
                "label": day.day.date.isoformat() if day.day.date else "날짜 미상",
                "iso": day.day.date.isoformat() if day.day.date else "",
                "entries": [
                    {
                        "label": outlet_name(e.article),
                        "card": f"o-{ids('a', e.article.id)}",
                        "time": e.time,
                        "inferred": e.date is not None and e.date.inferred,
                        "source": e.date.source if e.date is not None else "",
                        "first": e.first,
                    }
                    for e in day.entries
                ],
                "new": [row_of[f.id] for f in day.new_facts if f.id in row_of],
            }
        )
    return days


_EMPTY_VIEW = OutletView(article="")
"""The view of an article the comparison has none for: no additions, no omissions."""


# --- assets and the template -------------------------------------------------------------------


@cache
def _asset(name: str) -> str:
    return resources.files("summarize.render").joinpath(name).read_text(encoding="utf-8")


@cache
def _environment() -> Any:
    from jinja2 import Environment, FunctionLoader, StrictUndefined

    return Environment(
        loader=FunctionLoader(lambda name: _asset(name)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def render_comparison_html(
    comparison: Comparison,
    summaries: Sequence[Summary] | None = None,
    event_summaries: Mapping[str, Any] | None = None,
    *,
    title: str = "kosum 보도 비교",
    generated: datetime | None = None,
) -> str:
    """Render a finished comparison as one self-contained HTML page.

    `summaries` are the per-article summaries (matched by `Summary.article`); `event_summaries`
    maps event ids to a consensus summary (a `Summary`-like object with `sentences`, a list of
    strings, or a string). Without one, the event shows the facts most outlets report instead.
    """
    from summarize import __version__

    context = _build(comparison, summaries, event_summaries)
    script = _asset("report.js")
    page = (
        _environment()
        .get_template(_TEMPLATE)
        .render(
            title=title,
            css=Markup(_asset("report.css")),
            js=Markup(script),
            csp=_csp(script),
            version=__version__,
            generated=(generated or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M"),
            **context,
        )
    )
    return page
