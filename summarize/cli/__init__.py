"""`kosum` command line. Each command lives in its own module and registers on `app`."""

from __future__ import annotations

import sys

from summarize.cli import (  # noqa: F401  (register the commands)
    corpus,
    diff,
    eval_cmd,
    inspect,
    models,
    report,
    summarize_cmd,
    train,
)
from summarize.cli.app import app


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
