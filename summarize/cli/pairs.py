"""What `kosum train` and `kosum eval` share: reading PAIRS and reporting rejected records.

A rejected record gets one line on stderr (`kosum: path#N: reason`), at most `SHOWN` of them per
reading; the rest are counted in one closing line, so a corpus with thousands of bad records
does not flood the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from summarize.cli.app import EXIT_INPUT_FAILED, report_error, stderr
from summarize.types import InputError

#: Rejected records shown one per line before the rest are only counted.
SHOWN = 10

PairsOption = Annotated[
    list[str],
    typer.Option(
        "--data",
        metavar="PAIRS",
        help="Document-summary pairs: .jsonl, .json or a directory of them (repeatable).",
        show_default=False,
    ),
]


def note(message: str) -> None:
    """A progress note on stderr, one unwrapped line: `kosum: <message>`."""
    stderr.print(f"kosum: {message}", markup=False, highlight=False, soft_wrap=True)


def report_rejected(errors: Sequence[InputError], what: str = "records") -> None:
    """One line per rejected record (the first `SHOWN`), then how many more were skipped."""
    for error in errors[:SHOWN]:
        report_error(f"{error} (skipped)")
    if len(errors) > SHOWN:
        report_error(f"{len(errors) - SHOWN} more {what} skipped ({len(errors)} in all)")


def read_reported(paths: Sequence[str]) -> tuple[list, int]:
    """Read PAIRS, reporting rejected records; stop with exit 1 when no pair is usable."""
    from summarize.training.pairs import read_all

    pairs, errors = read_all(paths)
    report_rejected(errors)
    if not pairs:
        report_error(f"{', '.join(paths)}: no usable document-summary pairs")
        raise typer.Exit(EXIT_INPUT_FAILED)
    return pairs, len(errors)
