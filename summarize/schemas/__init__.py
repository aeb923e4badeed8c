"""JSON Schemas (draft 2020-12) of the JSON documents kosum writes.

One file per format, shipped in the package and printed by `kosum schema NAME`:

| name | document | `"schema"` |
|---|---|---|
| `diff` | `kosum diff --format json` | `kosum.diff/1` |
| `summaries` | `kosum summarize --format json` | `kosum.summaries/1` |
| `inspect` | `kosum inspect --format json` | `kosum.inspect/1` |
| `eval` | `kosum eval --format json` | `kosum.eval/1` |
| `training` | `kosum train`: `kosum_training.json`, `training.jsonl` | `kosum.training/1` |

The schemas are written by hand (they are the contract; the code must meet them, not the other
way round) and each is self-contained: its `$defs` hold every object it uses, so a consumer
needs no other file. Objects shared by several formats (an article's identifying fields, spans)
are spelled out in each; `tests/test_schemas.py` checks that they stay identical, that the
enumerations match the code's `Literal` types, and that real outputs validate. `docs/json.md`
is generated from them (`summarize.schemas.reference`).

Each `$id` is a URN (`urn:kosum:schema:diff:1`): kosum has no web address of its own to
publish them under, and a URN names a schema without promising that it can be fetched.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

WRITTEN_BY = {
    "diff": "kosum diff --format json",
    "summaries": "kosum summarize --format json",
    "inspect": "kosum inspect --format json",
    "eval": "kosum eval --format json",
    "training": "kosum train (DIR/kosum_training.json; DIR/training.jsonl lines: $defs/logRecord)",
}
"""What writes the documents of each format."""
NAMES = tuple(WRITTEN_BY)
"""The formats, in the order `kosum schema` lists them."""


def schema_text(name: str) -> str:
    """The schema of format `name` as shipped (JSON text); KeyError for an unknown name."""
    from importlib.resources import files  # 1.4 ms: only when a schema is read

    if name not in NAMES:
        raise KeyError(name)
    return files(__package__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")


@cache
def _parsed(name: str) -> dict[str, Any]:
    return json.loads(schema_text(name))


def schema(name: str) -> dict[str, Any]:
    """The schema of format `name` as a dict (a fresh copy: callers may change it)."""
    return json.loads(json.dumps(_parsed(name)))


def tag(name: str) -> str:
    """The `"schema"` value of the documents of format `name` (`kosum.diff/1`)."""
    return _parsed(name)["properties"]["schema"]["const"]


def name_of(document: dict[str, Any]) -> str | None:
    """The format of a kosum JSON document, by its `"schema"` field; None when it is none of
    kosum's."""
    value = document.get("schema") if isinstance(document, dict) else None
    return next((n for n in NAMES if tag(n) == value), None)
