"""Compression: a selected sentence shown as its salient claim(s), and claims shown as short,
readable statements (shared by the extractive summary and the event consensus).

A news sentence often glues two or three quotations together (`“…다. …다”며 “…”라고 말했다`)
or chains clauses that each state a fact. `summarize.article.claims` has already cut such a sentence
into claims (quotations with their speaker, clauses with their own subject); here:

- a quote point shows the best one or two quoted sentences with their speaker,
  `정신아 카카오 대표: “…”`, each whole even where the claims cut it into propositions
  (`quoted_sentences`); its support is the quoted claims' exact spans;
- a long sentence without quotations keeps its tail from its most salient clause onwards, a
  clause that opens with its own topic (`opens_with_topic`), so the tail is a full sentence;
- a claim is *readable on its own* when it opens with neither a particle, an ending, a
  dependent noun nor a list bullet and, unless quoted, closes with a final ending; claims that
  open with a demonstrative (`그 결과물이`, `이를 위해`) lean on context and count for less.

All rules are about grammar (kiwipiepy tags), punctuation and lengths, never particular wordings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from summarize.types import Article, Claim, Entity

TARGET_CHARS = 120
"""A key point longer than this is compressed when its sentence has claims to choose from."""

_BULLETS = "△▲▶▷►■□●○◆◇•·※*-→☞"
_LEADING_BAD_TAGS = ("J", "E", "NNB", "XS", "VCP", "SF", "SP", "SE")
_DEMONSTRATIVE_NP = frozenset({"이", "그", "이것", "그것", "이곳", "그곳", "이들", "그들", "이때"})
_SELF_REFERENCE = ("본지", "본보", "본사", "당사")


def tokens_of(text: str) -> list[Any]:
    from summarize.analysis import tokenize

    return list(tokenize(text))


def _tag(token: Any) -> str:
    return token.tag.split("-")[0]


def opens_well(tokens: Sequence[Any], text: str) -> bool:
    """Whether a span can start a statement: not a particle, ending, dependent noun or bullet."""
    stripped = text.lstrip()
    if not stripped or stripped[0] in _BULLETS:
        return False
    first = next((t for t in tokens if _tag(t) not in ("SS", "SSO", "SSC", "SW")), None)
    return first is not None and not _tag(first).startswith(_LEADING_BAD_TAGS)


def closes_well(tokens: Sequence[Any]) -> bool:
    """Whether a span ends with a final ending (`…했다.`), punctuation and quotes aside."""
    last = next(
        (t for t in reversed(tokens) if _tag(t) not in ("SF", "SP", "SS", "SSO", "SSC", "SW")),
        None,
    )
    return last is not None and _tag(last) == "EF"


def leans_on_context(tokens: Sequence[Any]) -> bool:
    """Opens with a demonstrative (`그 결과물이`, `이를 위해`, `이때`)."""
    first = next((t for t in tokens if _tag(t) not in ("SS", "SSO", "SSC", "SW", "SP")), None)
    if first is None:
        return False
    return _tag(first) == "MM" or (_tag(first) == "NP" and first.form in _DEMONSTRATIVE_NP)


def readability(claim: Claim, tokens: Sequence[Any] | None = None) -> float:
    """How well a claim reads on its own, in (0, 1]: 1 for a full statement or a quotation with
    a speaker; less for a clause cut before its final predicate, a list fragment, a quotation
    nobody is named for, or an opening that points back into the article."""
    toks = list(tokens) if tokens is not None else tokens_of(claim.text)
    factor = 1.0
    if not opens_well(toks, claim.text):
        factor *= 0.3
    if claim.quote:
        if claim.speaker is None:
            factor *= 0.6
    elif not closes_well(toks):
        factor *= 0.4
    if leans_on_context(toks):
        factor *= 0.6
    return factor


def information(claim: Claim) -> float:
    """A multiplier for checkable content: numbers, dates and named entities (capped)."""
    names = {e.canonical or e.text for e in claim.entities}
    return 1.0 + 0.15 * min(4, len(claim.quantities) + len(claim.dates) + len(names))


def speaker_label(article: Article | None, speaker: Entity) -> str:
    """The fullest way the article names a speaker (`정신아 카카오 대표`), else its canonical
    name with its title."""
    best = ""
    if article is not None:
        for claim in article.claims:
            for e in (*claim.entities, *((claim.speaker,) if claim.speaker else ())):
                if e.canonical == speaker.canonical and e.kind == speaker.kind:
                    text = " ".join(e.text.split())
                    if text.startswith(speaker.canonical) and len(text) > len(best):
                        best = text
    if not best:
        best = speaker.canonical or " ".join(speaker.text.split())
        if speaker.title and not best.endswith(speaker.title):
            best = f"{best} {speaker.title}"
    return best


def render_quotes(label: str, quoted: Sequence[str]) -> str:
    """`label: “first … second”`: the quoted words as written, a final full stop dropped."""
    parts = [" ".join(q.split()).rstrip(".") for q in quoted]
    return f"{label}: “{' … '.join(parts)}”"


def render_claim(claim: Claim, article: Article | None = None) -> str:
    """One claim as a line: a quotation with its speaker (the whole quoted sentence it is a
    proposition of, when the article is given), otherwise its own words."""
    if claim.quote and claim.speaker is not None:
        label = speaker_label(article, claim.speaker)
        return render_quotes(label, [quoted_sentence_of(claim, article).text])
    return " ".join(claim.text.split())


def quoted_sentence_of(claim: Claim, article: Article | None) -> Claim:
    """The quoted sentence a quote claim is a proposition of, as one claim (the claim itself
    without its article)."""
    if article is None:
        return claim
    siblings = sorted(
        (c for c in article.claims if c.quote and c.sentence == claim.sentence),
        key=lambda c: c.start,
    )
    for group in quoted_sentences(siblings):
        if claim in group:
            return as_one_claim(group)
    return claim


_QUOTE_MARKS = frozenset("“”\"'‘’「」『』")


def quoted_sentences(quotes: Sequence[Claim]) -> list[tuple[Claim, ...]]:
    """Quote claims (in text order) grouped by the quoted sentence they come from: the claims
    cut a quoted sentence into propositions for matching, but a summary quotes the sentence
    whole (a proposition alone may stop mid-thought: `“… 보다 다양하고”`). Two neighbours belong
    to one sentence when the first does not end one and no quotation mark stands between them."""
    groups: list[list[Claim]] = []
    for claim in quotes:
        if groups:
            prev = groups[-1][-1]
            between = claim.source.text[prev.end : claim.start]
            same = (
                prev.source.id == claim.source.id
                and prev.speaker == claim.speaker
                and prev.end <= claim.start
                and not _QUOTE_MARKS.intersection(between)
                and not prev.text.rstrip().endswith((".", "?", "!"))
            )
            if same:
                groups[-1].append(claim)
                continue
        groups.append([claim])
    return [tuple(g) for g in groups]


def as_one_claim(group: Sequence[Claim]) -> Claim:
    """A quoted sentence's propositions as one claim: from the first to the last, with all
    their figures, dates and names."""
    first = group[0]
    return replace(
        first,
        end=group[-1].end,
        spans=(),
        resolved="",
        quantities=tuple(q for c in group for q in c.quantities),
        dates=tuple(d for c in group for d in c.dates),
        entities=tuple(e for c in group for e in c.entities),
    )


def opens_with_topic(tokens: Sequence[Any]) -> bool:
    """The clause opens with its topic (`공동연구진은 …`): its first particle is 은/는 and no
    predicate comes before it. A subject marked 이/가 may belong to a clause embedded in the
    sentence (`흡연이 폐에 영향을 미치는지 연구할 수 있다`), whose tail would drop who acts."""
    for t in tokens:
        tag = _tag(t)
        if tag.startswith(("V", "E", "XS")):
            return False
        if tag.startswith("J"):
            return tag == "JX" and t.form in ("은", "는")
    return False


def borrows_subject(claim: Claim) -> bool:
    """The claim states no subject of its own: it is matched with its sentence's subject put in
    front (`resolved`), so shown alone it would lack one."""
    text, resolved = claim.text.strip(), claim.resolved.strip()
    return len(resolved) > len(text) and resolved.endswith(text)


def is_self_reference(text: str, outlet: str | None) -> bool:
    """A sentence whose subject is the outlet itself (`<outlet>는 … 선정했다`, `본지는 …`): it
    tells about the publication, not the news."""
    names = [re.escape(n) for n in (*_SELF_REFERENCE, outlet or "") if n]
    dateline = r"(?:[(\[【][^)\]】]{0,40}[)\]】]\s*)?"
    pattern = rf"^\s*{dateline}(?:{'|'.join(names)})\s?(?:는|은|가|이|도|에서는)\s"
    return re.match(pattern, text) is not None
