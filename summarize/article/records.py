"""JSON and JSONL collections -> one `Source` (or `InputError`) per record, streaming.

- A JSONL file is read line by line from disk: in an encoding whose bytes can be split at
  ``\\n`` (UTF-8, CP949/EUC-KR, ...) each line is decoded on its own, so an undecodable line is
  one bad record; UTF-16/32 files go through an incremental decoder. Nothing but the current
  line is held, whatever the file's size.
- A JSON array is parsed one element at a time (`json.JSONDecoder.raw_decode`), so the parsed
  records are never all in memory at once; an object is one record, or holds the list under
  `articles`, `records`, `items` or `data`. JSON lines under a `.json` name are read as JSONL.
- Nesting too deep for the parser (`RecursionError`) is a bad record like any other.
- A collection reports at most `MAX_LISTED_BAD_RECORDS` bad records one by one, then one line
  with the count of the others (a file of two million numbers gives eleven lines, not two
  million).

Each record's text is `title + "\\n\\n" + body`, normalised (`decoding.normalise_text`).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from summarize.article.decoding import (
    MAX_BYTES,
    SNIFF_BYTES,
    check_text,
    detect_encoding,
    line_safe,
    normalise_text,
    printable,
    reject_binary,
    too_large,
    undecodable,
)
from summarize.types import InputError, Source

MAX_LISTED_BAD_RECORDS = 10
"""Bad records of one collection reported one by one; the rest are counted in one line."""

BODY_KEYS = ("body", "text", "content", "article")
TITLE_KEYS = ("title", "headline")
FIELD_KEYS = {
    "outlet": ("outlet", "source", "press", "publisher", "sitename"),
    "published": ("published", "date", "published_at", "datetime"),
    "url": ("url", "link"),
    "author": ("author", "reporter", "reporters", "byline"),
}

MAX_JSON_LINE_CHARS = 6 * MAX_BYTES
"""A JSON line longer than this is refused unparsed: even with every character escaped
(`\\uXXXX`, six characters for one) its record would exceed `MAX_BYTES`."""

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


# --- public --------------------------------------------------------------------------------------


def jsonl_file_sources(path: Path, stem: str) -> Iterator[Source | InputError]:
    """Every record of a JSONL file on disk, reading one line at a time."""
    name = str(path)
    with path.open("rb") as f:
        head = f.read(SNIFF_BYTES)
        encoding = detect_encoding(head, name, head=len(head) == SNIFF_BYTES)
        f.seek(0)
        lines = _byte_lines(f, encoding, name) if line_safe(encoding) else _text_lines(f, encoding)
        yield from capped(name, _jsonl_records(lines, name, stem, encoding))


def json_text_sources(
    text: str, path: str, stem: str, encoding: str, jsonl: bool
) -> Iterator[Source | InputError]:
    """Every record of a decoded JSON document, or of JSON lines when `jsonl`."""
    if jsonl:
        yield from capped(path, _jsonl_records(_str_lines(text), path, stem, encoding))
        return
    yield from capped(path, _json_document(text, path, stem, encoding))


def capped(path: str, items: Iterable[Source | InputError]) -> Iterator[Source | InputError]:
    """Pass records through, but only the first `MAX_LISTED_BAD_RECORDS` bad ones; the others
    become one closing `InputError` with their count."""
    bad = 0
    for item in items:
        if isinstance(item, InputError) and item.name != path:
            bad += 1
            if bad > MAX_LISTED_BAD_RECORDS:
                continue
        yield item
    hidden = bad - MAX_LISTED_BAD_RECORDS
    if hidden > 0:
        yield InputError(path, f"and {hidden:,} more bad records (not listed)")


def looks_like_json(text: str) -> bool:
    """Whether `text` (stripped) parses as one JSON value, or its first line as an object."""
    try:
        end = _DECODER.raw_decode(text, _WHITESPACE.match(text).end())[1]
    except RecursionError:
        return True  # JSON, too deep to read: the JSON reader says so
    except ValueError:
        end = -1
    if end >= 0 and not text[end:].strip():
        return True
    return _is_json_object(text.lstrip().split("\n", 1)[0])


# --- JSON documents ------------------------------------------------------------------------------


def _json_document(text: str, path: str, stem: str, encoding: str) -> Iterator[Source | InputError]:
    start = _WHITESPACE.match(text).end()
    if text.startswith("[", start):
        yield from _array_records(text, start, path, stem, encoding)
        return
    try:
        value, end = _DECODER.raw_decode(text, start)
    except RecursionError:
        raise InputError(path, "invalid JSON: nested too deeply") from None
    except ValueError as exc:
        raise InputError(path, _one_line(f"invalid JSON: {exc}")) from None
    rest = _WHITESPACE.match(text, end).end()
    if rest == len(text):
        yield from _document_records(value, path, stem, encoding)
    elif isinstance(value, dict) and text.startswith("{", rest):
        yield from _jsonl_records(_str_lines(text), path, stem, encoding)  # JSONL named .json
    else:
        raise InputError(path, f"invalid JSON: extra data at character {rest}")


def _document_records(
    data: Any, path: str, stem: str, encoding: str
) -> Iterator[Source | InputError]:
    """Records of one parsed JSON value: an object, or a list under `articles` & co."""
    if isinstance(data, dict):
        nested = next(
            (data[k] for k in ("articles", "records", "items", "data") if k in data), None
        )
        if not isinstance(nested, list):
            yield record_source(data, path, path, stem, encoding)
            return
        data = nested
    if not isinstance(data, list) or not data:
        raise InputError(path, "JSON holds neither an article object nor a list of them")
    for number, record in enumerate(data, 1):
        yield _guarded_record(record, path, number, stem, encoding)


def _array_records(
    text: str, start: int, path: str, stem: str, encoding: str
) -> Iterator[Source | InputError]:
    """Records of a top-level JSON array, parsed one element at a time."""
    number = 0
    for number, record in enumerate(_array_items(text, start, path), 1):
        if isinstance(record, InputError):
            yield record
            return
        yield _guarded_record(record, path, number, stem, encoding)
    if number == 0:
        raise InputError(path, "JSON holds neither an article object nor a list of them")


def _array_items(text: str, start: int, path: str) -> Iterator[Any]:
    """The elements of the array opening at `text[start]`; a syntax error ends the iteration
    with an `InputError` (the records before it are kept)."""
    pos = _WHITESPACE.match(text, start + 1).end()
    if text.startswith("]", pos):
        return
    number = 0
    while True:
        number += 1
        try:
            value, pos = _DECODER.raw_decode(text, pos)
        except RecursionError:
            yield InputError(path, f"invalid JSON: record {number} nested too deeply")
            return
        except ValueError as exc:
            yield InputError(path, _one_line(f"invalid JSON: {exc}"))
            return
        yield value
        pos = _WHITESPACE.match(text, pos).end()
        if text.startswith(",", pos):
            pos = _WHITESPACE.match(text, pos + 1).end()
            continue
        if text.startswith("]", pos) and not text[pos + 1 :].strip():
            return
        yield InputError(path, f"invalid JSON: expected ',' or ']' at character {pos}")
        return


# --- JSON lines ----------------------------------------------------------------------------------


def _jsonl_records(
    lines: Iterable[tuple[int, str | InputError]], path: str, stem: str, encoding: str
) -> Iterator[Source | InputError]:
    produced = False
    for number, line in lines:
        if isinstance(line, InputError):
            produced = True
            yield line
            continue
        if not line.strip():
            continue
        produced = True
        name = f"{path}#{number}"
        if len(line) > MAX_JSON_LINE_CHARS:
            yield InputError(name, too_large(len(line)))
            continue
        try:
            record = json.loads(line)
        except RecursionError:
            yield InputError(name, "invalid JSON line: nested too deeply")
            continue
        except ValueError as exc:
            yield InputError(name, _one_line(f"invalid JSON line: {exc}"))
            continue
        yield _guarded_record(record, path, number, stem, encoding)
    if not produced:
        raise InputError(path, "JSON lines file holds no records")


def _byte_lines(f: io.BufferedIOBase, encoding: str, path: str) -> Iterator[tuple[int, Any]]:
    """Numbered lines of a binary file, each decoded on its own (BOM dropped)."""
    codec = encoding.removesuffix("-sig")
    for number, raw in enumerate(f, 1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield number, raw.decode(codec)
        except UnicodeDecodeError as exc:
            yield number, InputError(f"{path}#{number}", undecodable(encoding, exc))


def _text_lines(f: io.BufferedIOBase, encoding: str) -> Iterator[tuple[int, str]]:
    """Numbered lines of a binary file through an incremental decoder (UTF-16/32, ISO-2022).
    A decoding error ends the file (its position is lost) and is raised to the caller."""
    codec = {"utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}.get(encoding, encoding)
    stream = io.TextIOWrapper(f, encoding=codec.removesuffix("-sig"), newline=None)
    for number, line in enumerate(stream, 1):
        yield number, line.lstrip("\ufeff") if number == 1 else line


def _str_lines(text: str) -> Iterator[tuple[int, str]]:
    """Numbered lines of a string, without building a list of them."""
    pos, number = 0, 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        number += 1
        yield number, text[pos:end]
        pos = end + 1


# --- records -------------------------------------------------------------------------------------


def _guarded_record(
    record: Any, path: str, number: int, stem: str, encoding: str
) -> Source | InputError:
    name = f"{path}#{number}"
    try:
        return record_source(record, path, name, f"{stem}#{number}", encoding)
    except InputError as exc:
        return exc


def record_source(record: Any, path: str, name: str, default_id: str, encoding: str) -> Source:
    """One JSON record as a `Source`: `title + "\\n\\n" + body`, normalised."""
    if not isinstance(record, dict):
        raise InputError(name, "JSON record is not an object")
    body = _first_str(record, BODY_KEYS)
    if not body:
        raise InputError(name, "JSON record has no `body` or `text`")
    title = _first_str(record, TITLE_KEYS)
    reject_binary(body, name)
    title, body = normalise_text(title).strip(), normalise_text(body).strip()
    text = f"{title}\n\n{body}" if title else body
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise InputError(name, too_large(size))
    check_text(text, name)
    fields = {"title": title} if title else {}
    for field_name, keys in FIELD_KEYS.items():
        value = _first_str(record, keys)
        if value:
            fields[field_name] = normalise_text(value).strip()
    record_id = record.get("id")
    source_id = printable(str(record_id)) if record_id not in (None, "") else default_id
    return Source(
        id=source_id, path=path, text=text, format="json", encoding=encoding, fields=fields
    )


def _first_str(record: dict[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return ", ".join(value)
    return ""


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _one_line(message: str) -> str:
    return " ".join(message.split())
