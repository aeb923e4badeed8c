"""Sentences: the headline, each subheading, and the body paragraphs split with kiwipiepy.

Rules (all offsets into `Source.text`):
- the headline and each subheading are one sentence each (`kind` "headline"/"subheading",
  `paragraph` -1): they have no final punctuation and are never split;
- a body paragraph is split into lines first: a sentence never continues onto the next line
  (bullet lists and copied pages put one item per line without final punctuation);
- a line longer than `MAX_CHUNK_CHARS` is first cut into chunks of at most that many characters,
  each ending at the last sentence end (`.`, `?`, `!`, `。` before a space) in the second half
  of the window, else at the last space there, else at the limit. kiwipiepy's sentence splitting
  and tokenising take time quadratic in the length of one call's text (measured: 256 KB 5 s,
  512 KB 12 s, 1 MB 38 s), so an article pasted as one 4 MB line would take hours; bounded
  chunks make the whole analysis linear in the input's length. No sentence is ever longer than
  `MAX_CHUNK_CHARS`;
- a sentence longer than `MAX_SENTENCE_CHARS` is cut the same way (no real sentence is that
  long; text without sentence ends is);
- each chunk is split with kiwipiepy's `split_into_sents`; a split that falls inside an open
  quotation (`“...다. ...다”며`) is undone, and a piece with no letters or digits (a stray
  closing quote) is joined to the sentence before it;
- every sentence is trimmed of surrounding whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarize.types import Sentence, Source, Span

_WORDLIKE = re.compile(r"[\w]")
_CLOSING_QUOTES = frozenset("”’\"'")

MAX_CHUNK_CHARS = 2000
"""Longest text given to kiwipiepy in one piece. News sentences are under 300 characters and
paragraphs rarely over 1,500, so ordinary lines are never cut; at 2,000 characters one
kiwipiepy call stays in the milliseconds even for a line without spaces."""

MAX_SENTENCE_CHARS = 300
"""Longest sentence kept whole: a longer one (text without sentence ends, which kiwipiepy returns
as one piece) is cut like a long line. The longest sentence among the samples, the test
articles and real-news-dev (905 sentences) has 179 characters. Claim extraction takes time
superlinear in a sentence's length: the analysis budget's worth of text without punctuation
(100,000 characters) took 45 s as 2,000-character sentences, 16 s at 500, 9 s at 300."""

MAX_ANALYSED_CHARS = 100_000
"""Most body characters split into sentences (and so into claims) per article; body text past
it is kept in the paragraphs but gets no sentences (`unsegmented_chars` says how much).
100,000 characters are several times the longest feature article (news articles run to a few
thousand); the budget exists for pathological inputs: kiwipiepy takes up to ~130 µs per
character of unbroken Hangul (measured: ~60 µs to split and ~60 µs to tokenise, whatever the
chunk length), and the whole analysis of a 4 MB line of it took 73 s with a 300,000-character
budget on the loaded 2-core machine. Deterministic (a count of characters, not a clock), so
runs stay repeatable."""

_SENTENCE_END = re.compile(r"[.?!。][\"'”’)\]]*\s")
_SPACE = re.compile(r"\s")


def segment(
    source: Source,
    headline: Span | None,
    subheadings: tuple[Span, ...],
    paragraphs: tuple[Span, ...],
) -> tuple[Sentence, ...]:
    """Split an article into sentences: headline, subheadings, then body sentences in order.

    `index` is the position in the returned tuple; `paragraph` is the body paragraph index
    (-1 for the headline and subheadings).
    """
    out: list[Sentence] = []
    if headline is not None:
        start, end = strip_span(source.text, headline.start, headline.end)
        if start < end:
            out.append(_sentence(source, start, end, len(out), "headline", -1))
    for sub in subheadings:
        start, end = strip_span(source.text, sub.start, sub.end)
        if start < end:
            out.append(_sentence(source, start, end, len(out), "subheading", -1))

    lines: list[tuple[int, int, int]] = []  # (paragraph index, start, end)
    budget = MAX_ANALYSED_CHARS
    for p_index, para in enumerate(paragraphs):
        for start, end in split_lines(source.text, para.start, para.end):
            budget -= end - start
            if budget < 0:
                break
            lines.append((p_index, start, end))
        if budget < 0:
            break
    for (p_index, line_start, _), pieces in zip(
        lines, split_sentences([source.text[s:e] for _, s, e in lines]), strict=True
    ):
        for piece_start, piece_end in pieces:
            for start, end in bounded_chunks(
                source.text, line_start + piece_start, line_start + piece_end, MAX_SENTENCE_CHARS
            ):
                out.append(_sentence(source, start, end, len(out), "body", p_index))
    return tuple(out)


def unsegmented_chars(paragraphs: tuple[Span, ...], sentences: tuple[Sentence, ...]) -> int:
    """Non-blank body characters after the last body sentence: more than 0 only when
    `MAX_ANALYSED_CHARS` cut the article short (every other line is covered by sentences)."""
    if not paragraphs:
        return 0
    body = [s for s in sentences if s.kind == "body"]
    last = body[-1].end if body else paragraphs[0].start
    text = paragraphs[0].source.text
    return sum(
        len("".join(text[max(p.start, last) : p.end].split())) for p in paragraphs if p.end > last
    )


def _sentence(source: Source, start: int, end: int, index: int, kind: str, paragraph: int):
    return Sentence(source, start, end, index=index, kind=kind, paragraph=paragraph)  # type: ignore[arg-type]


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink `[start, end)` so that it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank lines of `text[start:end]`, trimmed, as absolute `(start, end)` pairs; a line
    over `MAX_CHUNK_CHARS` comes as several `bounded_chunks`."""
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        s, e = strip_span(text, pos, line_end)
        if s < e:
            out.extend(bounded_chunks(text, s, e))
        pos = line_end + 1
    return out


def bounded_chunks(
    text: str, start: int, end: int, limit: int = MAX_CHUNK_CHARS
) -> list[tuple[int, int]]:
    """`[start, end)` cut into trimmed pieces of at most `limit` characters, each cut at the
    last sentence end in the second half of its window, else the last space, else the limit."""
    out = []
    while end - start > limit:
        window_end = start + limit
        half = start + limit // 2
        cut = _last_match(_SENTENCE_END, text, half, window_end) or _last_match(
            _SPACE, text, half, window_end
        )
        cut = cut or window_end
        s, e = strip_span(text, start, cut)
        if s < e:
            out.append((s, e))
        start = strip_span(text, cut, end)[0]
    s, e = strip_span(text, start, end)
    if s < e:
        out.append((s, e))
    return out


def _last_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> int | None:
    """Where the last match of `pattern` in `text[start:end]` ends, less its final whitespace
    character (both patterns end with one), or None."""
    last = None
    for m in pattern.finditer(text, start, end):
        last = m.end() - 1
    return last


def split_sentences(lines: Sequence[str]) -> list[list[tuple[int, int]]]:
    """Sentence `(start, end)` offsets within each line (one kiwipiepy batch for all lines)."""
    if not lines:
        return []
    from summarize.analysis import kiwi

    result = []
    for line, sents in zip(lines, kiwi().split_into_sents(list(lines)), strict=True):
        pieces = [strip_span(line, s.start, s.end) for s in sents]
        result.append(_repair(line, [p for p in pieces if p[0] < p[1]]))
    return result


def _repair(line: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo splits inside open quotes; attach letterless pieces to the previous sentence; make
    sure no text between pieces is lost (kiwipiepy may skip characters it cannot place)."""
    if not pieces:
        s, e = strip_span(line, 0, len(line))
        return [(s, e)] if s < e else []
    # Cover the whole line: gaps become part of the preceding piece.
    covered = []
    for i, (s, e) in enumerate(pieces):
        nxt = pieces[i + 1][0] if i + 1 < len(pieces) else len(line)
        if i == 0:
            s = strip_span(line, 0, s)[0] if s > 0 else s
        covered.append(strip_span(line, s, max(e, nxt)))
    merged: list[tuple[int, int]] = []
    for s, e in covered:
        if merged and (
            not _wordlike(line[s:e])
            or _closes_later(line[merged[-1][0] : merged[-1][1]], line[s:])
            or _attached_to_quote(line, merged[-1][1], s)
        ):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _wordlike(text: str) -> bool:
    return bool(_WORDLIKE.search(text))


def _attached_to_quote(line: str, prev_end: int, start: int) -> bool:
    """A piece glued to a closing quote (`..."이라고 말했다`) continues the quoting sentence."""
    return start == prev_end and line[prev_end - 1] in _CLOSING_QUOTES and line[start].isalpha()


def _closes_later(before: str, rest: str) -> bool:
    """Whether a quotation left open in `before` is closed somewhere in `rest` (same line).

    Copied pages sometimes drop a closing quote; then nothing is merged rather than the whole
    rest of the paragraph.
    """
    if before.count("“") > before.count("”") and "”" in rest:
        return True
    return before.count('"') % 2 == 1 and '"' in rest
