"""Parquet files -> `Source` records, streaming: one row group batch at a time (pyarrow).

A Parquet file holds the same fields as a JSON record (`title`, `body` or `text`, `outlet`,
`published`, `url`, `id`); each row goes through the JSON record path
(`summarize.article.records.record_source`), so a row and a JSON record with the
same fields give the same `Source`. Only the columns that function reads are loaded. Values that
are not strings are written as strings first: a timestamp column as ISO 8601 (a naive timestamp
stays naive, read later as Asia/Seoul time like any `published` string), numbers and ids with
`str`. Row N (1-based) of `news.parquet` is named `news.parquet#N` in errors and gets the id
`stem#N` unless it has its own `id`.

pyarrow comes with the `ray` and `parquet` extras; without it a Parquet input is one error line
naming it, and the other inputs are still read.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from summarize.types import InputError, Source

PARQUET_EXTENSIONS = frozenset({".parquet", ".pq"})

BATCH_ROWS = 512
"""Rows decoded at a time: a few MB of article text, whatever the file's size."""


def parquet_sources(path: Path, stem: str) -> Iterator[Source | InputError]:
    """Every row of a Parquet file as a `Source` (or an `InputError` for a bad row), in order."""
    name = str(path)
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(
            name, 'reading Parquet needs pyarrow (pip install "kosum[parquet]")'
        ) from None
    try:
        reader = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise InputError(name, f"not a readable Parquet file ({_one_line(str(exc))})") from None
    columns = [c for c in reader.schema_arrow.names if c in _wanted_columns()]
    number = 0
    for batch in reader.iter_batches(batch_size=BATCH_ROWS, columns=columns):
        for row in batch.to_pylist():
            number += 1
            yield _row_source(row, name, number, stem)
    if number == 0:
        raise InputError(name, "Parquet file holds no rows")


def _row_source(row: dict[str, Any], path: str, number: int, stem: str) -> Source | InputError:
    from summarize.article.records import record_source

    record = {key: _as_text(value) for key, value in row.items() if value is not None}
    try:
        return record_source(record, path, f"{path}#{number}", f"{stem}#{number}", "utf-8")
    except InputError as exc:
        return exc


def _wanted_columns() -> frozenset[str]:
    from summarize.article import records

    keys = {"id", *records.BODY_KEYS, *records.TITLE_KEYS}
    for names in records.FIELD_KEYS.values():
        keys.update(names)
    return frozenset(keys)


def _as_text(value: Any) -> Any:
    """Strings stay; a list of strings stays (authors); timestamps become ISO 8601; other scalars
    their `str`."""
    if isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    ):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _one_line(message: str) -> str:
    return " ".join(message.split())[:200]
