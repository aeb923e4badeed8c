"""Claims: the checkable statements of an article's body, one proposition each.

From each body sentence:
- every direct quotation (“...”, "...", ″...″, 「...」, and ‘...’ before a quotative ending)
  gives quote claims, one per proposition of each sentence inside it, with `speaker` set to the
  sentence's subject: the person (reporters excluded) or anonymous speaker (`카카오 관계자`,
  `한 교수`) marked 은/는 (else 이/가) nearest before the quotation, or a subject named after it;
  a continuation sentence (`그는`, `이어`, `또`) keeps the previous quote's speaker; otherwise the
  speaker of the previous quote and then the latest person mentioned; a quotation whose closing
  mark was lost in copying ends at its quotative ending (`...됐다라고`);
- the text around the quotations gives claims when it states something (`정 대표는 11일 ...
  기자들과 만나`: the setting); a clause after a quotation that ends in a quotative ending is
  the speaker's words too (reported speech), and the attribution frame (`라고 말했다`) is no
  claim;
- the rest of a sentence is cut into propositions by `summarize.article.propositions`
  (connective endings, a level and its change, lists of figures, the setting of the event,
  attribution and source frames, defining relative clauses), and descriptions inside noun
  phrases (`정부 온라인 민원서비스인 ‘정부24’`) are claims nested in theirs;
- fragments with fewer than two content morphemes or six characters are dropped.

A proposition that shares its sentence's subject carries that subject in `resolved` (which
also replaces short references, `정 대표` -> `정신아 카카오 대표`), never in its span; figures are
read over the whole sentence and given to the claims that contain them.

Headlines and subheadings are not claims: they restate the body's facts in telegraphic form and
would count every fact twice when articles are compared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from summarize.article.propositions import POSTPOSITION_VERBS, appositions, split_propositions
from summarize.article.segment import split_sentences, strip_span
from summarize.types import Claim, DateMention, Entity, Sentence, Source

MIN_CONTENT_MORPHEMES = 2
MIN_CHARS = 6

_OPEN_CLOSE = {"“": "”", '"': '"', "″": "″", "「": "」", "『": "』"}
_SINGLE_QUOTE = re.compile(r"[‘'](?P<inner>[^‘’'\n]{4,300})[’']")
_QUOTATIVE_AFTER = re.compile(r"\s?(?:이?라고|이?라며|이?라면서|고|며|면서)(?:\s|$|도)")
_UNCLOSED_END = re.compile(r"다\s?(?=(?:이?라고|이?라며|이?라면서)\s)")
#: Anonymous speakers: `카카오 관계자`, `업계 관계자`, `한 관계자`, `한 에너지경제학과 교수`.
_ANON_ROLES = (
    "관계자|측|대변인|교수|연구원|연구위원|애널리스트|전문가|변호사|당국자|소식통|임원|직원"
)
_SPOKESPERSON = re.compile(
    rf"(?:(?<![가-힣])(?P<one>한)\s)?(?P<org>[가-힣A-Za-z0-9]+?)?(?:의)?\s?(?:한\s)?"
    rf"(?<![가-힣])(?P<role>{_ANON_ROLES})(?:는|은|가|이|도)?\s"
)
_SUBJECT_AFTER = re.compile(r"(?:은|는|이|가)\s")
#: A clause ending in a quotative ending: reported speech (`…것이라고`, `…중이다라며`).
_REPORTED_END = re.compile(r"(?:다|라|이라)(?:고|며|면서)\s*[.,]?\s*$")
#: A quoting particle right after a clause (`…중이다라고 말했다`).
_QUOTING_AFTER = re.compile(r"(?:이?라고|이?라며)(?:\s|$)")
_CONTINUATION = re.compile(r"\s*(?:그는|그가|이어|또|또한|아울러|이어서|그러면서)\s")


@dataclass(frozen=True)
class _Quote:
    start: int  # inner text, absolute offsets
    end: int


def extract_claims(
    source: Source, sentences: Sequence[Sentence], published: datetime | None
) -> tuple[Claim, ...]:
    """Claims from the body sentences, in order; see the module docstring for the rules."""
    from summarize.analysis import tokenize_many
    from summarize.article.entities import resolve_entities

    all_tokens = tokenize_many([s.text for s in sentences])
    per_sentence, coref = resolve_entities(
        source, [(s.start, s.end) for s in sentences], all_tokens
    )
    pieces = _pieces_of_sentences(source, sentences, all_tokens, per_sentence, coref)
    return _claims_of_pieces(source, sentences, pieces, per_sentence, published, coref)


def _pieces_of_sentences(source, sentences, all_tokens, per_sentence, coref) -> list[_Piece]:
    """The propositions of every body sentence, quotations with their speakers, and the
    statements nested in noun phrases, in text order."""
    pieces: list[_Piece] = []
    last_speaker: Entity | None = None
    last_quote_sentence = -10
    for i, sentence in enumerate(sentences):
        if sentence.kind != "body":
            continue
        toks = all_tokens[i]
        days = _day_spans(source, sentence)
        quotes = find_quotes(source.text, sentence.start, sentence.end)
        for s, e in appositions(source.text, sentence.start, sentence.end, toks, sentence.start):
            pieces.append(_Piece(s, e, i, False, None))
        if not quotes:
            for p in split_propositions(
                source.text, sentence.start, sentence.end, toks, sentence.start, days
            ):
                pieces.append(_Piece(p.start, p.end, i, False, None, p.setting, p.subject))
            continue
        speaker = _speaker(source, sentence, quotes, per_sentence[i])
        continues = _CONTINUATION.match(source.text, sentence.start) is not None
        # `그는 “...”`, `이어 “...”`: the previous quote's speaker goes on (an anonymous
        # `한 교수` included, whom the pronoun cannot name).
        recent = last_speaker is not None and i - last_quote_sentence <= 2
        if recent and continues and (speaker is None or _is_pronoun(source, speaker)):
            speaker = last_speaker
        if speaker is None:
            speaker = last_speaker or coref.last_person(sentence.start)
        last_speaker = speaker or last_speaker
        last_quote_sentence = i
        pieces.extend(_quote_sentence_pieces(source, sentence, i, toks, quotes, speaker, days))
    pieces.sort(key=lambda p: (p.start, -p.end))
    return pieces


def _claims_of_pieces(source, sentences, pieces, per_sentence, published, coref) -> tuple:
    """Claims of the pieces long enough to state something, with their dates (relative ones
    resolved against the last date before them), figures and entities."""
    from summarize.analysis import content_morphemes_many
    from summarize.article.numbers import find_quantities

    morphs = content_morphemes_many([source.text[p.start : p.end] for p in pieces])
    claims: list[Claim] = []
    anchor: date | None = None
    # figures are read in the whole sentence (`규모를 4.9로 … 4.6으로`: the second takes the
    # first one's scale) and given to the claims that contain them
    figures: dict[int, tuple] = {}
    for p, content in zip(pieces, morphs, strict=True):
        if len(content) < MIN_CONTENT_MORPHEMES or p.end - p.start < MIN_CHARS:
            continue
        dates = _dates(source, p.start, p.end, published, anchor)
        anchor = _last_anchor(dates) or anchor
        if p.sentence not in figures:
            sentence = sentences[p.sentence]
            figures[p.sentence] = find_quantities(source, sentence.start, sentence.end)
        quantities = tuple(q for q in figures[p.sentence] if p.start <= q.start and q.end <= p.end)
        claims.append(
            _claim(source, p, len(claims), per_sentence[p.sentence], dates, quantities, coref)
        )
    return tuple(claims)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    subject: tuple[int, int] | None = None


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    sentence: int
    quote: bool
    speaker: Entity | None
    setting: bool = False
    subject: tuple[int, int] | None = None


def _quote_sentence_pieces(
    source: Source,
    sentence: Sentence,
    index: int,
    tokens: Sequence,
    quotes: Sequence[_Quote],
    speaker: Entity | None,
    days: list[tuple[int, int]],
) -> list[_Piece]:
    """A sentence with quotations: one claim per quoted sentence, and the propositions of the
    text around the quotations (the lead `정 대표는 11일 … 기자들과 만나`); the attribution
    frame after a quotation (`…라고 말했다`) is context, not a claim."""
    text = source.text
    out: list[_Piece] = []
    region_start = sentence.start

    def region(start: int, end: int, after_quote: bool) -> None:
        """The propositions around the quotations; after one, a clause the speaker is reported
        to say (`…지속될 것이라고`, an unclosed quotation's sequel) is their words too."""
        for p in split_propositions(
            text, start, end, tokens, sentence.start, days, after_quote=after_quote
        ):
            reported = after_quote and (
                _REPORTED_END.search(text, p.start, p.end) is not None
                or _QUOTING_AFTER.match(text, p.end) is not None
            )
            if not after_quote and not (p.setting or _states_something(text[p.start : p.end])):
                continue  # a lead naming the speaker only (`이와 관련해 노 연구원은`)
            who = speaker if reported else None
            out.append(
                _Piece(p.start, p.end, index, reported, who, p.setting and not reported, p.subject)
            )

    for n, q in enumerate(quotes):
        region_end = _strip_end(text, region_start, q.start - 1)
        if region_end > region_start:
            region(region_start, region_end, n > 0)
        for s, e in _quote_sentences(text, q):
            # a quoted sentence may state several facts too; its propositions stay quotes
            for p in split_propositions(text, s, e, tokens, sentence.start, days) or [_Span(s, e)]:
                out.append(_Piece(p.start, p.end, index, True, speaker, False, p.subject))
        region_start = min(sentence.end, q.end + 1)
    if region_start < sentence.end:
        region(region_start, sentence.end, True)
    return out


def _day_spans(source: Source, sentence: Sentence) -> list[tuple[int, int]]:
    """Spans of the day-level dates of a sentence (resolved or not): they make a setting."""
    from summarize.article.dates import find_dates

    return [
        (d.start, d.end)
        for d in find_dates(source, sentence.start, sentence.end, None)
        if d.granularity == "day"
    ]


def _claim(source, p: _Piece, index, sentence_entities, dates, quantities, coref) -> Claim:
    from summarize.article.entities import full_mention

    entities = tuple(x for x in sentence_entities if x.start >= p.start and x.end <= p.end)
    resolved = resolve_text(source.text, p.start, p.end, entities, lambda x: full_mention(coref, x))
    if p.subject is not None:
        borrowed = [
            x for x in sentence_entities if x.start >= p.subject[0] and x.end <= p.subject[1]
        ]
        subject = resolve_text(
            source.text, p.subject[0], p.subject[1], borrowed, lambda x: full_mention(coref, x)
        )
        resolved = f"{subject} {resolved}"
    return Claim(
        source,
        p.start,
        p.end,
        index=index,
        sentence=p.sentence,
        quote=p.quote,
        speaker=p.speaker,
        resolved=resolved,
        quantities=quantities,
        dates=dates,
        entities=entities,
        setting=p.setting,
    )


def _dates(
    source: Source, s: int, e: int, published: datetime | None, anchor: date | None
) -> tuple[DateMention, ...]:
    from summarize.article.dates import find_dates

    return find_dates(source, s, e, published, anchor=anchor)


def _last_anchor(dates: tuple[DateMention, ...]) -> date | None:
    values = [d.value for d in dates if d.value is not None and d.granularity in ("day", "month")]
    return values[-1] if values else None


def resolve_text(text: str, start: int, end: int, entities, full) -> str:
    """`text[start:end]` with each short person reference replaced by `full(entity)`."""
    out = []
    pos = start
    for entity in entities:
        if entity.kind != "person" or entity.start < pos:
            continue
        written = text[entity.start : entity.end]
        fuller = full(entity)
        if written == fuller or len(written) >= len(fuller):
            continue
        out.append(text[pos : entity.start])
        out.append(fuller)
        pos = entity.end
    out.append(text[pos:end])
    return "".join(out)


def find_quotes(text: str, start: int, end: int) -> list[_Quote]:
    """Direct quotations in `text[start:end]` as spans of their inner text (trimmed)."""
    quotes: list[_Quote] = []
    i = start
    while i < end:
        ch = text[i]
        if ch in _OPEN_CLOSE:
            close = text.find(_OPEN_CLOSE[ch], i + 1, end)
            if close < 0:
                m = _UNCLOSED_END.search(text, i + 1, end) if ch == "“" else None
                if m is None:
                    i += 1
                    continue
                close = m.start() + 1  # keep the final 다
                nxt = close
            else:
                nxt = close + 1
            s, e = strip_span(text, i + 1, close)
            if e - s >= 2:
                quotes.append(_Quote(s, e))
            i = nxt
            continue
        i += 1
    for m in _SINGLE_QUOTE.finditer(text, start, end):
        inner = m.group("inner")
        if len(inner.split()) < 3 or not _QUOTATIVE_AFTER.match(text, m.end(), end):
            continue
        if any(q.start <= m.start() < q.end for q in quotes):
            continue
        s, e = strip_span(text, m.start("inner"), m.end("inner"))
        quotes.append(_Quote(s, e))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _states_something(text: str) -> bool:
    """Whether a quotation's lead states something (`정 대표는 11일 ... 기자들과 만나`) rather
    than only naming the speaker (`이와 관련해 노 연구원은`): a verb or adjective other than a
    postposition-like one."""
    from summarize.analysis import tokenize

    toks = tokenize(text)
    return any(
        t.tag.startswith(("VV", "VA", "XSV", "XSA"))
        and t.form not in POSTPOSITION_VERBS
        and not (t.tag.startswith("XS") and k and toks[k - 1].form in POSTPOSITION_VERBS)
        for k, t in enumerate(toks)
    )


def _speaker(
    source: Source, sentence: Sentence, quotes: Sequence[_Quote], entities: Sequence[Entity]
) -> Entity | None:
    """Who says the quotations of a sentence: its subject.

    Candidates are the people (reporters excluded) and anonymous speakers (`카카오 관계자`,
    `한 교수`) named before the first quotation; a topic-marked one (`X는`) wins over a
    subject-marked one (`X가`), the one nearest the quotation over earlier ones, and a marked
    one over an unmarked person (`정 대표와 만난 자리에서 ...`). With no candidate before the
    quotations, a subject named after them (`“...”라고 X는 말했다`) is the speaker.
    """
    text = source.text
    quote_start = quotes[0].start
    candidates: list[tuple[int, Entity]] = []  # (rank, entity); higher rank wins
    for e in entities:
        if e.kind != "person" or e.end > quote_start or e.title.endswith("기자"):
            continue
        candidates.append((_marking(text, e.end), e))
    for m in _SPOKESPERSON.finditer(text, sentence.start, quote_start):
        if any(c.start <= m.start("role") < c.end for _, c in candidates):
            continue  # `정신아 교수는`: the role is a named person's title
        candidates.append((_marking(text, m.end("role")), _anonymous(source, m)))
    if candidates:
        return max(candidates, key=lambda c: (c[0], c[1].start))[1]
    after = quotes[-1].end
    for e in entities:
        named = e.kind == "person" and not e.title.endswith("기자")
        if named and e.start >= after and _marking(text, e.end):
            return e
    return None


def _marking(text: str, end: int) -> int:
    """2 for a topic particle (은/는) right after `end`, 1 for a subject particle (이/가)."""
    m = _SUBJECT_AFTER.match(text, end)
    if m is None:
        return 0
    return 2 if m.group()[0] in "은는" else 1


def _anonymous(source: Source, m: re.Match[str]) -> Entity:
    start = m.start("org") if m.group("org") else m.start("role")
    org = m.group("org") or ""
    if m.group("one"):
        start = m.start("one")
        org = f"한 {org}" if org else "한"
    canonical = f"{org} {m.group('role')}".strip()
    return Entity(
        source,
        start,
        m.end("role"),
        kind="organization",
        canonical=canonical,
        title=m.group("role"),
    )


def _is_pronoun(source: Source, entity: Entity) -> bool:
    return source.text[entity.start : entity.end] == "그"


def _quote_sentences(text: str, quote: _Quote) -> list[tuple[int, int]]:
    """A multi-sentence quotation as one claim per sentence."""
    pieces = split_sentences([text[quote.start : quote.end]])[0]
    return [(quote.start + s, quote.start + e) for s, e in pieces] or [(quote.start, quote.end)]


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
