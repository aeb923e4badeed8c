"""`kosum` command line. Each command lives in its own module and registers on `app`."""

from __future__ import annotations

import sys

from summarize.cli import diff, inspect, models, report, summarize_cmd  # noqa: F401  (register)
from summarize.cli.app import app


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
