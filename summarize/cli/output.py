"""What leaves the process: output files, written atomically, and names shown on a terminal.

Output files (`-o PATH`):

- written to a temporary file beside the target (same directory, so the same file system),
  flushed to disk, then renamed over the target: a full disk, a file-size limit, a crash or a
  signal leaves either the old file or the new one, never a truncated mix; the temporary file is
  removed on any failure;
- a new file gets the usual permissions (0666 less the umask), an existing one keeps its own;
- a symbolic link is never written through (the target it points to could be anything);
- a path that is also one of the inputs is refused before anything is read.

`shown(text)` (`decoding.printable`) makes any string — a file name, a JSON record id, an
exception message — safe to print as one terminal line: control characters (newlines, ESC,
DEL, C1), bidirectional and zero-width format characters and undecodable file-name bytes are
written as escapes (`\\n`, `\\x1b`, `\\u202e`), so a name can neither break the line, move the
cursor, reorder the text nor hide characters. Nothing printed with it is read as rich markup.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from summarize.article.decoding import printable as shown

__all__ = ["OutputError", "check_writable", "refuse_input_as_output", "shown", "write_atomic"]


class OutputError(Exception):
    """An output path that cannot or must not be written (a usage error)."""


# --- output files --------------------------------------------------------------------------------


def check_writable(path: Path) -> None:
    """Raise `OutputError` when `path` cannot be written as an output file."""
    if path.is_symlink():
        raise OutputError(f"{path}: is a symbolic link; not writing through it")
    if path.is_dir():
        raise OutputError(f"{path}: is a directory (give a file name with -o)")
    if path.exists() and not path.is_file():
        raise OutputError(f"{path}: not a regular file")
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise OutputError(f"{path}: cannot write: {parent} is not a directory")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: cannot write: permission denied")


def refuse_input_as_output(output: Path, inputs: Iterable[Path]) -> None:
    """Raise `OutputError` when `output` is the same file as one of `inputs`."""
    try:
        target = output.stat()
    except OSError:
        return  # does not exist (yet): cannot be an input
    for path in inputs:
        try:
            st = path.stat()
        except (OSError, ValueError):
            continue
        if (st.st_dev, st.st_ino) == (target.st_dev, target.st_ino):
            raise OutputError(f"{output}: is also an input ({path}); not overwriting it")


def write_atomic(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` through a temporary file and a rename."""
    check_writable(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:200]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        if path.is_symlink():  # appeared meanwhile
            raise OutputError(f"{path}: is a symbolic link; not writing through it")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
