"""Diagnostics through the standard `logging` module, under the logger named `kosum`.

Each module logs to a child named after it (`kosum.summarizer.seq2seq` for
`summarize/summarizer/seq2seq.py`). The package logger has only a `NullHandler` (installed by
`summarize/__init__.py`), so a library user sees nothing unless they configure logging, as the
`logging` HOWTO asks of libraries::

    import logging
    logging.basicConfig()
    logging.getLogger("kosum").setLevel(logging.INFO)   # which checkpoint, device, settings, ...

The command line's `kosum -v COMMAND` (INFO) and `kosum -vv COMMAND` (DEBUG) call `to_stderr`.
"""

from __future__ import annotations

import logging

ROOT = "kosum"


def get_logger(module: str) -> logging.Logger:
    """The logger for a kosum module: `get_logger(__name__)` in `summarize.summarizer.seq2seq`
    gives `kosum.summarizer.seq2seq`."""
    package, _, rest = module.partition(".")
    if package != "summarize":
        return logging.getLogger(f"{ROOT}.{module}")
    return logging.getLogger(f"{ROOT}.{rest}" if rest else ROOT)


def to_stderr(level: int = logging.INFO) -> logging.Handler:
    """Show kosum's diagnostics at `level` and above on stderr (`kosum: <logger>: <message>`);
    returns the handler so that a caller can remove it."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("kosum: %(name)s: %(message)s"))
    handler.setLevel(level)
    logger = logging.getLogger(ROOT)
    logger.addHandler(handler)
    logger.setLevel(min(level, logger.level or level))
    return handler
