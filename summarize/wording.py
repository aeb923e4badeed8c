"""Word-level differences between two wordings of one statement.

Eojeol (whitespace-separated words) compared with rapidfuzz `Levenshtein.opcodes`; the
renderers use these to highlight what one outlet words differently, and the differ to tell
whether two quotes differ at all. Nothing here knows about claims or facts.
"""

from __future__ import annotations

import re
from typing import Literal

DiffOp = Literal["equal", "replace", "insert", "delete"]

_TOKEN = re.compile(r"\S+")
_PUNCT = re.compile(r"[\s\"'“”‘’「」『』.,·…!?()\[\]]+")


def tokens_with_spans(text: str) -> list[tuple[str, int, int]]:
    """Eojeol (whitespace-separated words) of `text` with their `[start, end)` offsets."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def word_diff(
    a: str,
    b: str,
    *,
    processor=None,
) -> list[tuple[DiffOp, tuple[int, int], tuple[int, int]]]:
    """Word-level differences between two wordings.

    Returns `(op, (a_start, a_end), (b_start, b_end))` character spans, covering both strings in
    order: `equal`, `replace`, `insert` (only in `b`) or `delete` (only in `a`). Words are eojeol;
    `processor` maps each word before comparison (default: strips quotes and punctuation, so
    `“최대로` equals `최대로`). Uses rapidfuzz `Levenshtein.opcodes` over the word sequences.
    """
    from rapidfuzz.distance import Levenshtein

    proc = processor or (lambda w: _PUNCT.sub("", w))
    ta, tb = tokens_with_spans(a), tokens_with_spans(b)
    ka, kb = [proc(t[0]) for t in ta], [proc(t[0]) for t in tb]
    out: list[tuple[DiffOp, tuple[int, int], tuple[int, int]]] = []
    for op in Levenshtein.opcodes(ka, kb):
        sa = (ta[op.src_start][1], ta[op.src_end - 1][2]) if op.src_end > op.src_start else None
        sb = (tb[op.dest_start][1], tb[op.dest_end - 1][2]) if op.dest_end > op.dest_start else None
        if sa is None:
            pos = ta[op.src_start][1] if op.src_start < len(ta) else len(a)
            sa = (pos, pos)
        if sb is None:
            pos = tb[op.dest_start][1] if op.dest_start < len(tb) else len(b)
            sb = (pos, pos)
        if out and op.tag != "equal" and out[-1][0] != "equal":
            # adjacent edits read as one change: `안전성을 최고 수준으로` -> `안정성을 최대로`
            _, pa, pb = out.pop()
            sa = (pa[0], sa[1] if sa[1] > sa[0] else pa[1])
            sb = (pb[0], sb[1] if sb[1] > sb[0] else pb[1])
            tag = "replace" if sa[1] > sa[0] and sb[1] > sb[0] else op.tag
            out.append((tag, sa, sb))
        else:
            out.append((op.tag, sa, sb))
    return out


def wording_differs(a: str, b: str) -> bool:
    """Whether two wordings differ in any word (punctuation and spacing aside)."""
    return any(op != "equal" for op, _, _ in word_diff(a, b))


def differing_words(a: str, b: str) -> tuple[str, str]:
    """The words of `a` and of `b` that differ, each side joined by ` … `."""
    da, db = [], []
    for op, sa, sb in word_diff(a, b):
        if op != "equal":
            if sa[1] > sa[0]:
                da.append(a[sa[0] : sa[1]])
            if sb[1] > sb[0]:
                db.append(b[sb[0] : sb[1]])
    return " … ".join(da), " … ".join(db)


def marked_segments(text: str, reference: str) -> list[tuple[str, bool]]:
    """`text` cut into consecutive pieces, each flagged True where its words differ from
    `reference` (from `word_diff`); the pieces join back to `text` exactly."""
    if not reference or text == reference:
        return [(text, False)] if text else []
    out: list[tuple[str, bool]] = []
    pos = 0
    for op, _sa, sb in word_diff(reference, text):
        if sb[0] > pos:
            out.append((text[pos : sb[0]], False))
        if sb[1] > sb[0]:
            out.append((text[sb[0] : sb[1]], op != "equal"))
        pos = max(pos, sb[1])
    if pos < len(text):
        out.append((text[pos:], False))
    return out
