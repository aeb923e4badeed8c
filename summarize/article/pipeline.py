"""ingest -> clean -> metadata -> segment -> claims: turn decoded inputs into `Article`s."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from summarize.article.claims import extract_claims
from summarize.article.clean import clean
from summarize.article.metadata import extract_metadata
from summarize.article.segment import segment
from summarize.types import Article, InputError, Source


def analyse(source: Source) -> Article:
    """Clean, describe and segment one decoded input."""
    cleaned = clean(source)
    meta = extract_metadata(source, cleaned)
    sentences = segment(source, cleaned.headline, cleaned.subheadings, cleaned.paragraphs)
    claims = extract_claims(source, sentences, published=meta.published)
    return Article(
        source=source,
        headline=cleaned.headline,
        subheadings=cleaned.subheadings,
        paragraphs=cleaned.paragraphs,
        clutter=cleaned.clutter,
        outlet=meta.outlet,
        reporters=meta.reporters,
        published=meta.published,
        sentences=sentences,
        claims=claims,
    )


def analyse_all(
    items: Iterable[Source | InputError],
    *,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Article], list[InputError]]:
    """Analyse every source, as `summarize.article.ingest.iter_sources` yields them (inputs that
    could not be read come as `InputError`). Returns the articles and the errors, each in input
    order; one bad input never stops the others: any exception while analysing one source
    becomes its `InputError` (the exception kept as `__cause__`). `progress` is called with 1
    after each item."""
    articles: list[Article] = []
    errors: list[InputError] = []
    for item in items:
        if isinstance(item, InputError):
            errors.append(item)
        else:
            try:
                articles.append(analyse(item))
            except InputError as exc:
                errors.append(exc)
            except Exception as exc:  # one article must never stop the others
                errors.append(_analysis_failure(item, exc))
        if progress is not None:
            progress(1)
    return articles, errors


def _analysis_failure(source: Source, exc: BaseException) -> InputError:
    """The error for a source whose analysis raised: named by its path (and record id)."""
    name = source.path if source.format != "json" else f"{source.path} (record {source.id})"
    kind = "out of memory" if isinstance(exc, MemoryError) else type(exc).__name__
    detail = " ".join(str(exc).split())[:200]
    error = InputError(name, f"could not be analysed ({kind}: {detail})" if detail else kind)
    error.__cause__ = exc
    return error
