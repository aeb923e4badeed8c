"""kosum: Korean news summarisation and cross-outlet claim diff.

The public API is three functions::

    import summarize
    article = summarize.load("samples/000_f28d87c25e3f6bfe.txt")   # or raw text
    summary = summarize.summarize(article)
    comparison = summarize.compare([article, other, third])

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
    from collections.abc import Iterable

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
    "summarize",
]


def load(path_or_text: str | Path, *, id: str | None = None) -> Article:
    """Read one article from a file path (text, HTML or a JSON record) or from raw text.

    A string that names an existing file is read as that file; any other string is taken as the
    article's text. Raises `InputError` (one line, naming the input) when it cannot be read.
    """
    from summarize.ingest import read_path, source_from_text
    from summarize.pipeline import analyse

    if isinstance(path_or_text, Path) or _is_existing_file(path_or_text):
        sources = list(read_path(str(path_or_text)))
        if len(sources) != 1:
            raise InputError(str(path_or_text), f"holds {len(sources)} articles; use load_all")
        return analyse(sources[0])
    return analyse(source_from_text(str(path_or_text), id=id or "text"))


def load_all(paths: Iterable[str | Path]) -> tuple[list[Article], list[InputError]]:
    """Read every article under the given paths (files, directories, JSON arrays, JSONL).

    Returns the articles read and the errors met; one bad input never stops the others.
    """
    from summarize.ingest import iter_sources
    from summarize.pipeline import analyse

    articles: list[Article] = []
    errors: list[InputError] = []
    for item in iter_sources([str(p) for p in paths]):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        try:
            articles.append(analyse(item))
        except InputError as exc:
            errors.append(exc)
    return articles, errors


def summarize(article_or_text: Article | str, **options: Any) -> Summary:
    """Summarise one article (or raw article text). See `summarize.summarizer.summarize_articles`
    for the options (`model`, `method`, generation settings)."""
    from summarize.summarizer import summarize_articles

    article = article_or_text if isinstance(article_or_text, Article) else load(article_or_text)
    return summarize_articles([article], **options)[0]


def compare(articles: Iterable[Article | str | Path], **options: Any) -> Comparison:
    """Group articles by event, align their claims and diff them across outlets."""
    from summarize.diff import compare as _compare

    loaded = [a if isinstance(a, Article) else load(a) for a in articles]
    return _compare(loaded, **options)


def _is_existing_file(value: str) -> bool:
    if "\n" in value or len(value) > 4096:
        return False
    try:
        return Path(value).is_file()
    except OSError:
        return False
