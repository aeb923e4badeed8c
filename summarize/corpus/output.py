"""The three files of `--out DIR`, each written to a temporary name and renamed when complete:

- `articles.jsonl`: one line per input record that became an article, in input order:
  `{id, path, record, outlet, published, title, event}` (`path` the input file, `record` the
  record's 1-based position in it, `event` its story's id in `events.jsonl`);
- `events.jsonl`: one line per story, in order of their first article: a `kosum.diff/1`
  document of that one story (`schema`, `articles`, `events`, `facts`, `conflicts`, `outlets`;
  see `summarize.render.diff_json`);
- `errors.jsonl`: one line per record that could not be read or analysed, in input order:
  `{where, why, path, record}` (`where` names the input as error lines on stderr do).

Every input record is in `articles.jsonl` or `errors.jsonl`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO


@dataclass(frozen=True)
class ErrorRow:
    seq: int
    where: str
    why: str
    path: str
    record: int


def article_line(
    *,
    id: str,
    path: str,
    record: int,
    outlet: str | None,
    published: str | None,
    title: str | None,
    event: str | None,
) -> str:
    return _line(
        {
            "id": id,
            "path": path,
            "record": record,
            "outlet": outlet,
            "published": published,
            "title": title,
            "event": event,
        }
    )


def error_line(error: ErrorRow) -> str:
    return _line(
        {"where": error.where, "why": error.why, "path": error.path, "record": error.record}
    )


def write_lines(path: Path, lines: Iterable[str | bytes]) -> int:
    """Write `lines` (each without its newline) to `path` atomically; returns how many."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    count = 0
    with open(tmp, "wb") as f:
        for line in lines:
            _write(f, line)
            count += 1
    os.replace(tmp, path)
    return count


def _write(f: IO[bytes], line: str | bytes) -> None:
    f.write(line.encode("utf-8") if isinstance(line, str) else line)
    f.write(b"\n")


def _line(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
