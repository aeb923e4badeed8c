"""Provenance of generated sentences: which source sentences support each one."""

from __future__ import annotations

from collections.abc import Sequence

from summarize.types import Sentence


def support_for(
    sentence_morphemes: Sequence[str],
    source_sentences: Sequence[Sentence],
    source_morphemes: Sequence[Sequence[str]],
    *,
    max_support: int = 2,
    min_coverage: float = 0.2,
) -> tuple[Sentence, ...]:
    """The source sentences that cover most of a generated sentence's content morphemes.

    Greedy set cover: take the source sentence covering the most still-uncovered morphemes, while
    it adds at least `min_coverage` of them; at most `max_support` sentences, in document order.
    """
    wanted = set(sentence_morphemes)
    if not wanted:
        return ()
    sets = [set(m) for m in source_morphemes]
    chosen: list[int] = []
    left = set(wanted)
    while left and len(chosen) < max_support:
        best = max(
            (i for i in range(len(sets)) if i not in chosen),
            key=lambda i: (len(sets[i] & left), -i),
            default=None,
        )
        if best is None or len(sets[best] & left) < min_coverage * len(wanted):
            break
        chosen.append(best)
        left -= sets[best]
    return tuple(source_sentences[i] for i in sorted(chosen))
