"""The typer application and what every command shares: the common options, reading inputs,
progress, output and exit codes.

Exit status: 0 when everything went well, 1 when some inputs failed (each named on stderr in one
line, `kosum: <input>: <reason>`), 2 for usage errors (typer's own, a bad option value, an
output path that cannot be written).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from summarize.cli.options import check_embedder
from summarize.types import Article

app = typer.Typer(
    name="kosum",
    help="Korean news summaries and a cross-outlet diff of facts, numbers and quotes.",
    epilog="Run `kosum COMMAND --help` for a command's options and examples.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)

stdout = Console(highlight=False, soft_wrap=False)
stderr = Console(stderr=True, highlight=False)

EXIT_OK = 0
EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2


# --- errors -----------------------------------------------------------------------------------


def report_error(message: str) -> None:
    """One line on stderr: `kosum: <message>` (the message is never read as rich markup, so
    `kosum[embeddings]` or a file name with brackets prints as it is)."""
    from rich.text import Text

    line = Text.assemble(("kosum:", "bold red"), " ", message)
    stderr.print(line, highlight=False, soft_wrap=True)


def usage_error(message: str) -> typer.Exit:
    """Report a usage error; `raise` the result to stop with exit status 2."""
    report_error(message)
    return typer.Exit(EXIT_USAGE)


def exit_status(failed: int) -> int:
    """0 when no input failed, 1 otherwise."""
    return EXIT_INPUT_FAILED if failed else EXIT_OK


def examples(*lines: str) -> str:
    """A command's `--help` epilog: one example command line per line."""
    return "**Examples**\n\n```\n" + "\n".join(lines) + "\n```"


# --- options shared by the commands -------------------------------------------------------------


def check_output(path: Path | None) -> Path | None:
    """Refuse, before any work is done, an output path that cannot be written."""
    if path is None or is_stdout(path):
        return path
    if path.is_dir():
        raise usage_error(f"{path}: is a directory (give a file name with -o)")
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise usage_error(f"{path}: cannot write: {parent} is not a directory")
    target = path if path.exists() else parent
    if not os.access(target, os.W_OK):
        raise usage_error(f"{path}: cannot write: permission denied")
    return path


_Format = TypeVar("_Format")

Files = Annotated[
    list[str],
    typer.Argument(
        metavar="FILE",
        help="Articles: text, HTML or JSON files, directories, or - for stdin.",
        show_default=False,
    ),
]
Format = Annotated[
    _Format,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
"""`Format[SomeEnum] = SomeEnum.default`: each command has its own choices."""
Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write to PATH instead of stdout.",
        callback=check_output,
        show_default=False,
    ),
]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar or notes on stderr (errors stay).")
]
Embedder = Annotated[
    str,
    typer.Option(
        "--embedder",
        metavar="NAME",
        help="Embeddings for claim pairs the cheap signals leave undecided: e5 (bundled), "
        "none, or a sentence-transformers model (the embeddings extra).",
        callback=check_embedder,
    ),
]


def _version(value: bool) -> None:
    if value:
        from summarize import __version__

        typer.echo(f"kosum {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose",
            "-v",
            count=True,
            help="Diagnostics on stderr: -v what kosum decided (checkpoint, device, settings, "
            "fallbacks), -vv more.",
            show_default=False,
        ),
    ] = 0,
) -> None:
    if verbose:
        import logging

        from summarize.logs import to_stderr

        to_stderr(logging.INFO if verbose == 1 else logging.DEBUG)


# --- progress, inputs and output ------------------------------------------------------------------


@contextmanager
def progress(description: str, total: int | None, quiet: bool) -> Iterator[Callable[..., None]]:
    """A rich progress bar on stderr; yields `advance(n=1)`. Silent with --quiet, when stderr is
    not a terminal, or when the job is too small to need one."""
    if quiet or not stderr.is_terminal or (total is not None and total < 2):
        yield lambda n=1: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

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
    """Read and analyse every input (`summarize.article.pipeline.analyse_all`), with a progress bar;
    report each failure on stderr in one line. Returns the articles and the number of failed
    inputs."""
    from summarize.analysis import warm_up
    from summarize.article.ingest import iter_sources
    from summarize.article.pipeline import analyse_all

    if not paths:
        raise usage_error("no input given (pass files, directories or - for stdin)")
    warm_up()  # Kiwi loads in the background while the inputs are read
    sources = list(iter_sources(list(paths)))
    with progress("Reading articles", len(sources), quiet) as advance:
        articles, errors = analyse_all(sources, progress=advance)
    for error in errors:
        report_error(str(error))
    return articles, len(errors)


def write_output(text: str, output: Path | None) -> None:
    """Write to a file (UTF-8) or to stdout; a file that cannot be written is a usage error."""
    if is_stdout(output):
        typer.echo(text)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise usage_error(f"{output}: cannot write: {exc.strerror or exc}") from exc


def is_stdout(output: Path | None) -> bool:
    """Whether `-o` sends the output to stdout (not given, or `-`)."""
    return output is None or str(output) == "-"
