"""Scoring summaries against reference summaries: ROUGE over Korean morphemes and the guard.

ROUGE is the `rouge-score` package (Google's reimplementation of ROUGE-1.5.5) with a kiwipiepy
tokenizer: its default tokenizer keeps only `[a-z0-9]` and so drops Hangul entirely. Tokens are
the morpheme forms kiwipiepy finds, punctuation and symbols (`PUNCT_TAGS`) dropped; no stemming,
no stop words. Each line is tokenised on its own, so sentences joined with newlines give the
tokens they give alone. Scores are F1: ROUGE-1 and -2 over clipped n-gram counts, ROUGE-L over
the longest common subsequence of the whole token sequences (`rougeL`, not the sentence-split
`rougeLsum`). They equal, to the last digit, the hand-written implementation that
`benchmarks/bench_summary_quality.py` used before (checked on sci-news-sum-kr-50, every system).

Faithfulness: a summary passes when the guard (`guard.unsupported`) finds no number, date or
name in it that the source article does not contain. Averages are over pairs, unweighted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from summarize.types import Article, Summary

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")
#: kiwipiepy tags of punctuation and symbols (`SF` . ? !, `SP` , / : ;, `SS*` quotes and brackets,
#: `SE` ellipsis, `SO` dashes, `SW` other symbols), left out of ROUGE tokens.
PUNCT_TAGS = frozenset({"SF", "SP", "SS", "SE", "SO", "SW", "SSO", "SSC"})


class KiwiTokenizer:
    """A `rouge_score` tokenizer: kiwipiepy morpheme forms of each line, punctuation dropped."""

    def tokenize(self, text: str) -> list[str]:
        from summarize.analysis import kiwi

        lines = [line for line in text.split("\n") if line.strip()]
        if not lines:
            return []
        return [
            token.form
            for tokens in kiwi().tokenize(lines)
            for token in tokens
            if token.tag.split("-")[0] not in PUNCT_TAGS
        ]


@lru_cache(maxsize=1)
def _scorer() -> Any:
    from rouge_score.rouge_scorer import RougeScorer

    return RougeScorer(list(ROUGE_TYPES), use_stemmer=False, tokenizer=KiwiTokenizer())


def rouge(candidate: str, reference: str) -> dict[str, float]:
    """ROUGE-1/2/L F1 of `candidate` against `reference` (keys `ROUGE_TYPES`)."""
    scores = _scorer().score(reference, candidate)
    return {name: float(scores[name].fmeasure) for name in ROUGE_TYPES}


def summary_lines(summary: Summary) -> str:
    """A summary's sentences, one per line (how `rouge` reads a candidate)."""
    return "\n".join(s.text for s in summary.sentences)


def guard_passes(summary: Summary, article: Article) -> bool:
    """Whether the guard traces every number, date and name of the summary to the article."""
    from summarize.summarizer import guard

    facts = guard.source_facts(article)
    return not guard.unsupported(summary.text, facts, article.published)


@dataclass(frozen=True)
class PairScore:
    """One summary scored against its reference."""

    rouge1: float
    rouge2: float
    rougeL: float
    guard_pass: bool
    chars: int
    reference_chars: int
    fallback: bool
    """A generated summary replaced by the extractive one (the guard found no clean beam)."""


def score_pair(article: Article, summary: Summary, reference: str) -> PairScore:
    """ROUGE against the reference, the guard's verdict and the lengths of one summary."""
    scores = rouge(summary_lines(summary), reference)
    return PairScore(
        rouge1=scores["rouge1"],
        rouge2=scores["rouge2"],
        rougeL=scores["rougeL"],
        guard_pass=guard_passes(summary, article),
        chars=len(summary.text),
        reference_chars=len(" ".join(reference.split("\n"))),
        fallback=summary.fallback is not None and summary.method == "extractive",
    )


@dataclass(frozen=True)
class EvalReport:
    """Averages over the pairs scored."""

    method: str
    n: int
    rouge1: float
    rouge2: float
    rougeL: float
    guard_pass: float
    """Share of summaries with nothing the guard cannot trace to the source."""
    avg_chars: float
    reference_avg_chars: float
    fallbacks: float
    """Share of generated summaries replaced by the extractive one."""

    def as_json(self) -> dict[str, Any]:
        return {"schema": "kosum.eval/1", **asdict(self)}


def aggregate(scores: Sequence[PairScore], method: str) -> EvalReport:
    """Unweighted means over the pairs (all zero when there are none)."""
    n = len(scores)

    def mean(values: Sequence[float]) -> float:
        return sum(values) / n if n else 0.0

    return EvalReport(
        method=method,
        n=n,
        rouge1=mean([s.rouge1 for s in scores]),
        rouge2=mean([s.rouge2 for s in scores]),
        rougeL=mean([s.rougeL for s in scores]),
        guard_pass=mean([float(s.guard_pass) for s in scores]),
        avg_chars=mean([s.chars for s in scores]),
        reference_avg_chars=mean([s.reference_chars for s in scores]),
        fallbacks=mean([float(s.fallback) for s in scores]),
    )
