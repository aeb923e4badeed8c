"""The typer application and what every command shares: reading inputs, progress, exit codes.

Exit status: 0 when everything went well, 1 when some inputs failed (each named on stderr in one
line), 2 for usage errors (typer's own).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from summarize.types import Article, InputError

app = typer.Typer(
    name="kosum",
    help="Korean news summaries and a cross-outlet diff of facts, numbers and quotes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

stdout = Console(highlight=False, soft_wrap=False)
stderr = Console(stderr=True, highlight=False)

EXIT_OK = 0
EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2

QuietOption = typer.Option(False, "--quiet", "-q", help="No progress bar on stderr.")


def report_error(message: str) -> None:
    """One line on stderr."""
    stderr.print(f"[bold red]kosum:[/] {message}", markup=True, highlight=False, soft_wrap=True)


def usage_error(message: str) -> typer.Exit:
    report_error(message)
    return typer.Exit(EXIT_USAGE)


@contextmanager
def progress(description: str, total: int | None, quiet: bool) -> Iterator[callable]:
    """A rich progress bar on stderr; yields `advance(n=1)`. Silent with --quiet or when the job
    is too small to need one."""
    if quiet or not stderr.is_terminal or (total is not None and total < 2):
        yield lambda n=1: None
        return
    bar = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
    )
    with bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)


def load_articles(paths: Sequence[str], quiet: bool = False) -> tuple[list[Article], int]:
    """Read and analyse every input; report each failure on stderr. Returns the articles and
    the number of failed inputs."""
    from summarize.ingest import iter_sources
    from summarize.pipeline import analyse

    if not paths:
        raise usage_error("no input given (pass files, directories or - for stdin)")
    sources = list(iter_sources(list(paths)))
    articles: list[Article] = []
    failed = 0
    with progress("Reading articles", len(sources), quiet) as advance:
        for item in sources:
            if isinstance(item, InputError):
                report_error(str(item))
                failed += 1
            else:
                try:
                    articles.append(analyse(item))
                except InputError as exc:
                    report_error(str(exc))
                    failed += 1
            advance()
    return articles, failed


def write_output(text: str, output: Path | None) -> None:
    """Write to a file (UTF-8) or to stdout."""
    if output is None or str(output) == "-":
        typer.echo(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")


def exit_status(failed: int) -> int:
    return EXIT_INPUT_FAILED if failed else EXIT_OK
