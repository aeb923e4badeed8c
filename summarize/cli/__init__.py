"""`kosum` command line. Each command lives in its own module and registers on `app`.

`main` is the console entry point. It turns the ways a run can end abnormally into one line on
stderr and a distinct exit status:

- Ctrl-C (SIGINT): `kosum: interrupted`, exit 130;
- SIGTERM: `kosum: terminated`, exit 143 (raised as an exception, so that `finally` blocks run
  and a half-written temporary output file is removed);
- a closed stdout (`kosum diff ... | head`): no message, exit 1 (typer's own handling);
- an unexpected exception outside any one input (per-input failures are reported by the
  commands): `kosum: internal error: ...`, exit 3, the traceback with `--debug`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

from summarize.cli import (  # noqa: F401  (register the commands)
    corpus,
    diff,
    eval_cmd,
    inspect,
    models,
    report,
    schema,
    summarize_cmd,
    train,
)
from summarize.cli.app import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    app,
    report_error,
)


class Terminated(BaseException):
    """Raised in the main thread when SIGTERM arrives (a `BaseException`, like
    `KeyboardInterrupt`, so that no per-input `except Exception` swallows it)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def main() -> None:
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        app()
    except SystemExit as exc:
        if exc.code == EXIT_INTERRUPTED:  # typer turns KeyboardInterrupt into Exit(130)
            _stop("interrupted", EXIT_INTERRUPTED)
        raise
    except KeyboardInterrupt:
        _stop("interrupted", EXIT_INTERRUPTED)
    except Terminated:
        _stop("terminated", EXIT_TERMINATED)
    except Exception as exc:  # a bug outside any one input: one line, not a traceback
        detail = " ".join(str(exc).split())[:300]
        report_error(
            f"internal error: {type(exc).__name__}: {detail} (kosum --debug shows the traceback)",
            exc,
        )
        sys.exit(EXIT_INTERNAL)


def _stop(what: str, status: int) -> None:
    """Say why the run stopped and leave at once. `finally` blocks have run (a temporary output
    file is gone); interpreter shutdown is skipped because a background thread may be inside
    kiwipiepy's native model loading, and finalising under it crashes (SIGSEGV, measured)."""
    report_error(what)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)
