"""kosum: Korean news summarisation and cross-outlet claim diff.

The public API is four functions::

    import summarize
    article = summarize.load("samples/000_f28d87c25e3f6bfe.txt")   # a path or raw text
    articles, errors = summarize.load_all(["samples/"])            # files, directories, JSONL
    summary = summarize.summarize(article)                          # gist + key points, spans
    comparison = summarize.compare(articles)                        # events, facts, conflicts

Heavy dependencies (kiwipiepy, torch, transformers, the embedding model) load on first use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarize.types import (
    Article,
    Claim,
    Clutter,
    Comparison,
    Conflict,
    DateMention,
    Entity,
    Event,
    Fact,
    InputError,
    OutletView,
    Quantity,
    Sentence,
    Source,
    Span,
    Summary,
    SummarySentence,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Claim",
    "Clutter",
    "Comparison",
    "Conflict",
    "DateMention",
    "Entity",
    "Event",
    "Fact",
    "InputError",
    "OutletView",
    "Quantity",
    "Sentence",
    "Source",
    "Span",
    "Summary",
    "SummarySentence",
    "compare",
    "load",
    "load_all",
    "summarize",
]


def load(path_or_text: str | Path | Article, *, id: str | None = None) -> Article:
    """Read and analyse one article.

    `path_or_text` is a file path (`str` or `Path`; plain text, HTML or a one-record JSON file), the
    article's raw text, or an `Article` (returned as is). A one-line string that names an existing
    path or ends in an article extension (`.txt`, `.html`, `.json`, ...) is read as a file; any
    other string is the article's text, whose id is `id` (default `"text"`; a file's id is its
    name without extension). Raises `InputError` (one line, naming the input) when it cannot be
    read, and for a path holding several articles (a directory, a JSON array; use `load_all`).
    """
    from summarize.article.ingest import read_path, source_from_text
    from summarize.article.pipeline import analyse

    if isinstance(path_or_text, Article):
        return path_or_text
    if isinstance(path_or_text, Path) or _looks_like_path(path_or_text):
        sources = list(read_path(str(path_or_text)))
        if len(sources) != 1:
            raise InputError(str(path_or_text), f"holds {len(sources)} articles; use load_all")
        return analyse(sources[0])
    return analyse(source_from_text(path_or_text, id=id or "text"))


def load_all(
    paths: Iterable[str | Path], *, progress: Callable[[int], None] | None = None
) -> tuple[list[Article], list[InputError]]:
    """Read and analyse every article under the given paths: files, directories (recursively),
    JSON arrays and JSONL files (one article per record), `-` for stdin.

    Returns the articles and the errors met, each in input order; one bad input never stops the
    others. `progress`, when given, is called with 1 after each input is done.
    """
    from summarize.article.ingest import iter_sources
    from summarize.article.pipeline import analyse_all

    return analyse_all(iter_sources([str(p) for p in paths]), progress=progress)


def summarize(article_or_text: Article | str | Path, **options: Any) -> Summary:
    """Summarise one article: a one-line gist and up to three key points, each sentence with the
    source spans that support it.

    `article_or_text` is anything `load` accepts (an `Article`, a path or raw text). The options
    are those of `summarize.summarizer.summarize_articles`: `method` (`"auto"` by default: a seq2seq
    checkpoint when `model` names one or a recommended one is in the local Hugging Face cache,
    the extractive summariser otherwise; or `"extractive"`, `"seq2seq"`), `model` (a Hub id or a
    checkpoint directory), `device`, `quantize`, `generation` (`num_beams`, `max_length`,
    `min_length`, ...), `long_input` and `guard`. `Summary.method` names what produced it.
    """
    from summarize.summarizer import summarize_articles

    return summarize_articles([load(article_or_text)], **options)[0]


def compare(articles: Iterable[Article | str | Path], **options: Any) -> Comparison:
    """Group articles by event, align their claims into facts across outlets and diff them:
    conflicts, and each outlet's additions and omissions.

    Each item is anything `load` accepts. The options are those of
    `summarize.comparison.diff.compare` (`embedder`: `"e5"` by default, `"none"`, or a
    sentence-transformers model name; thresholds).
    """
    from summarize.comparison.diff import compare as _compare

    return _compare([load(a) for a in articles], **options)


def _looks_like_path(value: str) -> bool:
    """A one-line string naming an existing path or ending in an article file extension."""
    from summarize.article.ingest import ARTICLE_EXTENSIONS

    if not value or "\n" in value or len(value) > 4096:
        return False
    try:
        path = Path(value)
        return path.exists() or path.suffix.lower() in ARTICLE_EXTENSIONS
    except (OSError, ValueError):
        return False
