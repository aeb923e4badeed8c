"""kosum: Korean news summarisation and cross-outlet claim diff.

The public API is four functions::

    import summarize
    article = summarize.load("samples/000_f28d87c25e3f6bfe.txt")   # a path or raw text
    articles, errors = summarize.load_all(["samples/"])            # files, directories, JSONL
    summary = summarize.summarize(article)                          # gist + key points, spans
    comparison = summarize.compare(articles)                        # events, facts, conflicts

Heavy dependencies (kiwipiepy, torch, transformers, the embedding model) load on first use.
Errors kosum raises for its own reasons derive from `KosumError` (`summarize.errors`).
Diagnostics go to the standard `logging` logger `kosum` (silent unless configured; see
`summarize.logs`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from summarize.errors import (
    HubError,
    KosumError,
    MissingExtraError,
    ModelLoadError,
    SettingsError,
    TrainingError,
)
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

    from summarize.comparison.similarity import Embedder
    from summarize.summarizer.seq2seq import GenerationSettings

__version__ = "0.1.0"
"""The package version; pyproject.toml reads it from here (the one place it is written)."""

logging.getLogger("kosum").addHandler(logging.NullHandler())

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
    "HubError",
    "InputError",
    "KosumError",
    "MissingExtraError",
    "ModelLoadError",
    "OutletView",
    "Quantity",
    "Sentence",
    "SettingsError",
    "Source",
    "Span",
    "Summary",
    "SummarySentence",
    "TrainingError",
    "compare",
    "load",
    "load_all",
    "summarize",
]


_ARGUMENT_KINDS = "a path (str or pathlib.Path), article text (str) or an Article"
_METHODS = ("auto", "extractive", "seq2seq")
_LONG_INPUT = ("select", "chunk")


def load(path_or_text: str | Path | Article, *, id: str | None = None) -> Article:
    """Read and analyse one article.

    `path_or_text` is a file path (`str` or `Path`; plain text, HTML or a one-record JSON file), the
    article's raw text, or an `Article` (returned as is). A `str` is read as a path when it is one
    line naming an existing path, or ending in an article extension (`.txt`, `.html`, `.json`,
    ...), or holding a `/` and no whitespace (`data/missing` is a missing file, not article text);
    any other string is the article's text, whose id is `id` (default `"text"`; a file's id is
    its name without extension). `Source.text` is the normalised text (NFC, no zero-width or
    bidirectional controls; see `summarize.article.decoding`).

    Raises `TypeError` for anything else (`None`, numbers, `bytes`: decode them first) and
    `InputError` (one line, naming the input) when it cannot be read, and for a path holding
    several articles (a directory, a JSON array; use `load_all`).
    """
    from summarize.article.ingest import read_path, source_from_text
    from summarize.article.pipeline import analyse

    if isinstance(path_or_text, Article):
        return path_or_text
    _check_type("load", path_or_text, _ARGUMENT_KINDS)
    if id is not None and not isinstance(id, str):
        raise TypeError(f"load(): id must be a str, not {type(id).__name__}")
    if isinstance(path_or_text, Path) or _looks_like_path(path_or_text):
        sources = list(read_path(str(path_or_text)))
        if len(sources) != 1:
            raise InputError(str(path_or_text), f"holds {len(sources)} articles; use load_all")
        return analyse(sources[0])
    return analyse(source_from_text(path_or_text, id=id or "text"))


def load_all(
    paths: str | Path | Iterable[str | Path],
    *,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Article], list[InputError]]:
    """Read and analyse every article under the given paths: files, directories (recursively),
    JSON arrays and JSONL files (one article per record), `-` for stdin. A single `str` or `Path`
    is one path (not a sequence of characters).

    Returns the articles and the errors met, each in input order; one bad input never stops the
    others (a collection lists at most ten bad records, then one error with the count of the
    rest). `progress`, when given, is called with 1 after each input is done. Raises `TypeError`
    when `paths` is not a path or an iterable of paths.
    """
    from summarize.article.ingest import iter_sources
    from summarize.article.pipeline import analyse_all

    if isinstance(paths, (str, Path)):
        paths = [paths]
    elif isinstance(paths, (bytes, bytearray)) or not _is_iterable(paths):
        raise TypeError(
            "load_all() takes a path (str or pathlib.Path) or an iterable of them, "
            f"not {type(paths).__name__}"
        )
    paths = list(paths)
    for number, path in enumerate(paths):
        if not isinstance(path, (str, Path)):
            raise TypeError(
                f"load_all(): item {number} is a {type(path).__name__}, not a path "
                "(str or pathlib.Path)"
            )
    if progress is not None and not callable(progress):
        raise TypeError(f"load_all(): progress must be callable, not {type(progress).__name__}")
    return analyse_all(iter_sources([str(p) for p in paths]), progress=progress)


def summarize(
    article_or_text: Article | str | Path,
    *,
    method: Literal["auto", "extractive", "seq2seq"] = "auto",
    model: str | None = None,
    device: str | None = None,
    quantize: bool = False,
    generation: GenerationSettings | Mapping[str, Any] | None = None,
    long_input: Literal["select", "chunk"] = "select",
    guard: bool = True,
) -> Summary:
    """Summarise one article: a one-line gist and up to three key points, each sentence with the
    source spans that support it. `Summary.method` names what produced it.

    - `article_or_text`: anything `load` accepts (an `Article`, a path or raw text).
    - `method`: `"auto"` (a seq2seq checkpoint when `model` names one or a recommended one is in
      the local Hugging Face cache, the extractive summariser otherwise), `"extractive"` or
      `"seq2seq"`.
    - `model`: a Hub id or a checkpoint directory (implies seq2seq).
    - `device`: `"cpu"`, `"cuda"`, `"cuda:N"`, `"mps"`, or None/`"auto"` for the best present.
    - `quantize`: int8 dynamic quantisation of the linear layers (CPU only).
    - `generation`: the generation settings you choose (`num_beams`, `max_length`,
      `min_length`, `no_repeat_ngram_size`, `length_penalty`, `early_stopping`,
      `num_return_sequences`); the others come from the checkpoint's own generation config,
      then kosum's defaults.
    - `long_input`: an article over the model's input limit is reduced to its most salient
      sentences (`"select"`) or summarised in chunks that are merged (`"chunk"`); the summary's
      `notes` say which.
    - `guard`: check generated summaries against the source and fall back to another beam, then
      to the extractive summary (default on).

    Raises `InputError` for an unreadable input, `ModelLoadError` for a checkpoint that cannot
    load, `SettingsError` (a `ValueError`) for a setting kosum cannot use, an unknown `method` or
    `long_input` included (all `KosumError`); `TypeError` for a `model` that is not a str or Path
    and for an option that does not exist.
    """
    from summarize.summarizer import summarize_articles

    _check_choice("method", method, _METHODS)
    _check_choice("long_input", long_input, _LONG_INPUT)
    if model is not None and not isinstance(model, (str, Path)):
        raise TypeError(f"summarize(): model must be a str or Path, not {type(model).__name__}")

    return summarize_articles(
        [load(article_or_text)],
        method=method,
        model=str(model) if model is not None else None,
        device=device,
        quantize=quantize,
        generation=generation,
        long_input=long_input,
        guard=guard,
    )[0]


def compare(
    articles: Iterable[Article | str | Path],
    *,
    embedder: str | Embedder | None = "e5",
    group_threshold: float | None = None,
    max_days: float | None = None,
    align_threshold: float | None = None,
    workers: int = 1,
) -> Comparison:
    """Group articles by event, align their claims into facts across outlets and diff them:
    conflicts, and each outlet's additions and omissions.

    - `articles`: each anything `load` accepts (a single one is taken as a list of one;
      anything else raises `TypeError`).
    - `embedder`: `"e5"` (the bundled multilingual-e5-small, for claim pairs the cheap signals
      leave undecided), `"none"`/None for no embeddings, a sentence-transformers model name or
      directory (the `embeddings` extra), or an object with the `Embedder` protocol.
    - `group_threshold`: the linkage two groups of articles need to merge into one event
      (None: `comparison.group.GroupSettings`' default).
    - `max_days`: the most days apart one story's articles may be published (None: the
      `GroupSettings` default).
    - `align_threshold`: the same-fact probability two claims need to be linked (None: the
      aligner's own, `comparison.similarity.ALIGN_CHEAP.threshold`; the other settings are in
      `comparison.align.AlignSettings`).
    - `workers`: threads for rapidfuzz's string-similarity matrices (`process.cdist`; 1: one
      thread).
    """
    from summarize.comparison.diff import compare as _compare

    if isinstance(articles, (str, Path, Article)):
        articles = [articles]
    elif isinstance(articles, (bytes, bytearray)) or not _is_iterable(articles):
        raise TypeError(
            f"compare() takes an iterable of articles ({_ARGUMENT_KINDS} each), "
            f"not {type(articles).__name__}"
        )
    return _compare(
        [load(a) for a in articles],
        embedder=embedder,
        group_threshold=group_threshold,
        max_days=max_days,
        align_threshold=align_threshold,
        workers=workers,
    )


def _check_type(function: str, value: object, kinds: str) -> None:
    if isinstance(value, (str, Path)):
        return
    hint = "; decode bytes first, e.g. data.decode('utf-8')" if isinstance(value, bytes) else ""
    raise TypeError(f"{function}() takes {kinds}, not {type(value).__name__}{hint}")


def _check_choice(name: str, value: object, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise SettingsError(
            f"summarize(): unknown {name} {value!r}; choose one of: {', '.join(choices)}"
        )


def _is_iterable(value: object) -> bool:
    try:
        iter(value)  # type: ignore[call-overload]
    except TypeError:
        return False
    return True


def _looks_like_path(value: str) -> bool:
    """A one-line string naming an existing path, ending in an article file extension, or
    holding a path separator and no whitespace."""
    from summarize.article.ingest import ARTICLE_EXTENSIONS

    if not value or "\n" in value or len(value) > 4096:
        return False
    try:
        path = Path(value)
        if path.exists() or path.suffix.lower() in ARTICLE_EXTENSIONS:
            return True
    except (OSError, ValueError):
        return False
    return ("/" in value or os.sep in value) and not any(c.isspace() for c in value)
