"""The typer application and what every command shares: the common options, reading inputs,
progress, output and exit codes.

Exit status: 0 when everything went well, 1 when some inputs failed (each named on stderr in one
line, `kosum: <input>: <reason>`), 2 for usage errors (typer's own, a bad option value, an
output path that cannot be written or that is also an input), 3 for an internal error outside
any one input, 130 when interrupted (Ctrl-C), 143 when terminated (SIGTERM).

Whatever goes wrong with one input — unreadable, undecodable, too deep, or a bug met while
analysing it — is one sanitised line naming it (`output.shown`: no markup, control characters
escaped); the other inputs are processed. `kosum --debug COMMAND ...` (or `KOSUM_DEBUG=1`) adds
the traceback behind each such line.

Output files are written atomically and never through a symbolic link (`summarize.cli.output`);
when no input could be read nothing is written and an existing output file is left as it was.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from summarize.cli.options import check_embedder
from summarize.cli.output import (
    OutputError,
    check_writable,
    refuse_input_as_output,
    shown,
    write_atomic,
)
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
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class Settings:
    """Process-wide switches set by the main callback."""

    debug: bool = bool(os.environ.get("KOSUM_DEBUG"))


settings = Settings()


# --- errors -----------------------------------------------------------------------------------


def report_error(message: str, cause: BaseException | None = None) -> None:
    """One line on stderr: `kosum: <message>`, sanitised (`output.shown`: control characters
    escaped) and never read as rich markup, so `kosum[embeddings]` or a file name with brackets
    prints as it is. With `--debug`, the traceback of `cause` follows."""
    line = Text.assemble(("kosum:", "bold red"), " ", shown(message))
    stderr.print(line, highlight=False, soft_wrap=True, emoji=False)
    if settings.debug and cause is not None:
        stderr.print(
            "".join(traceback.format_exception(cause)).rstrip(),
            markup=False,
            highlight=False,
            soft_wrap=True,
            emoji=False,
        )


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
    """Refuse, before any work is done, an output path that cannot be written (a directory, a
    symbolic link, a missing or read-only folder)."""
    if path is None or is_stdout(path):
        return path
    try:
        check_writable(path)
    except OutputError as exc:
        raise usage_error(str(exc)) from exc
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
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="Print the traceback behind each error line (also KOSUM_DEBUG=1)."
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
    if debug:
        settings.debug = True
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


def load_articles(
    paths: Sequence[str], quiet: bool = False, output: Path | None = None
) -> tuple[list[Article], int]:
    """Read and analyse every input (`summarize.article.pipeline.analyse_all`), one at a time,
    with a progress bar; report each failure on stderr in one line. Returns the articles and the
    number of failed inputs. An `output` file that is also an input is a usage error, raised
    before anything is read."""
    from summarize.analysis import warm_up
    from summarize.article.ingest import iter_sources, plan_inputs
    from summarize.article.pipeline import analyse_all

    if not paths:
        raise usage_error("no input given (pass files, directories or - for stdin)")
    planned = plan_inputs(list(paths))
    if not is_stdout(output):
        try:
            refuse_input_as_output(output, [p.path for p in planned if p.path is not None])
        except OutputError as exc:
            raise usage_error(str(exc)) from exc
    warm_up()  # Kiwi loads in the background while the inputs are read
    total = None if any(p.collection for p in planned) else len(planned)
    with progress("Reading articles", total, quiet) as advance:
        articles, errors = analyse_all(iter_sources(planned), progress=advance)
    for error in errors:
        report_error(str(error), error.__cause__)
    if not quiet:
        _note_cut_short(articles)
    return articles, len(errors)


def _note_cut_short(articles: list[Article]) -> None:
    """A note for each article longer than the analysis budget (`segment.MAX_ANALYSED_CHARS`)."""
    from summarize.article.segment import MAX_ANALYSED_CHARS, unsegmented_chars

    for article in articles:
        left = unsegmented_chars(article.paragraphs, article.sentences)
        if left:
            report_error(
                f"{article.path}: note: too long to analyse whole; sentences and claims cover "
                f"its first {MAX_ANALYSED_CHARS:,} characters ({left:,} more left out)"
            )


def nothing_read(output: Path | None) -> typer.Exit:
    """Say that no input could be read and that `output` (if a file) was left as it was;
    `raise` the result (exit status 1)."""
    if not is_stdout(output):
        report_error(f"no article could be read; {output} not written")
    return typer.Exit(EXIT_INPUT_FAILED)


def write_output(text: str, output: Path | None) -> None:
    """Write to a file (UTF-8, atomically) or to stdout; a file that cannot be written is a
    usage error."""
    if is_stdout(output):
        typer.echo(text)
        return
    try:
        write_atomic(output, text)
    except OutputError as exc:
        raise usage_error(str(exc)) from exc
    except OSError as exc:
        raise usage_error(f"{output}: cannot write: {exc.strerror or exc}") from exc


def is_stdout(output: Path | None) -> bool:
    """Whether `-o` sends the output to stdout (not given, or `-`)."""
    return output is None or str(output) == "-"
