"""`kosum corpus INPUT... --out DIR`: a whole archive analysed in parallel, grouped into stories
and aligned, resumably (see `summarize.corpus`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarize.cli.app import (
    EXIT_USAGE,
    Embedder,
    Quiet,
    app,
    examples,
    exit_status,
    report_error,
    stderr,
    usage_error,
)

ERRORS_SHOWN = 10
"""Failed records named on stderr; the others are counted (all are in errors.jsonl)."""


class EngineChoice(StrEnum):
    local = "local"
    ray = "ray"


@app.command(
    "corpus",
    epilog=examples(
        "kosum corpus archive/2024-06/ --out runs/2024-06",
        "kosum corpus news.jsonl more.parquet --out runs/x --workers 8",
        "kosum corpus archive/ --out runs/x --engine ray --ray-address ray://head:10001",
    ),
)
def corpus_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="JSONL, JSON or Parquet files of records (title, body or text, outlet, "
            "published, url, id), article files, or directories of them.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            metavar="DIR",
            help="Output directory: articles.jsonl, events.jsonl, errors.jsonl, and the cache "
            "a rerun resumes from.",
            show_default=False,
        ),
    ],
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Worker processes (default: the number of cores).",
            show_default=False,
        ),
    ] = None,
    engine: Annotated[
        EngineChoice,
        typer.Option("--engine", help="local worker processes, or Ray (pip install kosum[ray])."),
    ] = EngineChoice.local,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            metavar="ADDR",
            help="Ray cluster to run on (ray://host:10001, auto); default: a local Ray.",
            show_default=False,
        ),
    ] = None,
    embedder: Embedder = "e5",
    quiet: Quiet = False,
) -> None:
    """Analyse, group into stories and align a whole corpus, in parallel and resumably.

    Writes DIR/articles.jsonl (one line per article: id, path, record, outlet, published,
    event), DIR/events.jsonl (one kosum.diff/1 document per story) and DIR/errors.jsonl (one
    line per record that failed). Run it again with the same --out to finish an interrupted
    run or to redo only what changed.
    """
    from summarize.corpus import CorpusSettings, run_corpus
    from summarize.corpus.stages import StorySettings
    from summarize.errors import KosumError

    if out.exists() and not out.is_dir():
        raise usage_error(f"{out}: is not a directory (--out takes a directory)")
    if ray_address and engine is not EngineChoice.ray:
        raise usage_error("--ray-address needs --engine ray")
    settings = CorpusSettings(
        inputs=tuple(inputs),
        out=out,
        engine=engine.value,
        workers=workers,
        address=ray_address,
        story=StorySettings(embedder=embedder),
    )
    try:
        with _stage_bars(quiet) as bars:
            report = run_corpus(settings, bars)
    except KosumError as exc:
        report_error(str(exc))
        raise typer.Exit(EXIT_USAGE) from exc
    _report_errors(out / "errors.jsonl", report.errors)
    if not quiet:
        stderr.print(_summary(report, out), highlight=False, soft_wrap=True)
    raise typer.Exit(exit_status(report.errors))


@contextmanager
def _stage_bars(quiet: bool) -> Iterator[Callable]:
    """A rich progress bar per stage on stderr (kept once done, with its time); none with
    --quiet or when stderr is not a terminal."""
    from summarize.corpus.run import no_progress

    if quiet or not stderr.is_terminal:
        yield no_progress
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    bars = Progress(
        TextColumn("{task.description:<22}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=stderr,
    )

    @contextmanager
    def stage(name: str, total: int | None) -> Iterator[Callable[[int], None]]:
        task = bars.add_task(name, total=total)
        try:
            yield lambda n=1: bars.advance(task, n)
        finally:
            done = bars.tasks[task].completed
            bars.update(task, total=max(done, 1), completed=max(done, 1))
            bars.stop_task(task)

    with bars:
        yield stage


def _report_errors(path: Path, count: int) -> None:
    """The first failed records on stderr, one line each, then how many more."""
    import json

    if not count or not path.is_file():
        return
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n == ERRORS_SHOWN:
                report_error(f"{count - ERRORS_SHOWN:,} more failed records, listed in {path}")
                break
            error = json.loads(line)
            report_error(f"{error['where']}: {error['why']}")


def _summary(report, out: Path) -> str:
    cached = []
    if report.shards_cached:
        cached.append(f"{report.shards_cached}/{report.shards} shards")
    if report.grouping_cached:
        cached.append("grouping")
    if report.stories_cached:
        cached.append(f"{report.stories_cached:,}/{report.stories:,} stories")
    reused = f"; reused {', '.join(cached)}" if cached else ""
    return (
        f"kosum corpus: {report.records:,} records -> {report.articles:,} articles in "
        f"{report.stories:,} stories ({report.facts:,} facts, {report.conflicts:,} conflicts), "
        f"{report.errors:,} errors; {report.seconds.get('total', 0.0):.1f} s on "
        f"{report.workers} {report.engine} workers{reused}; wrote {out}/"
    )
