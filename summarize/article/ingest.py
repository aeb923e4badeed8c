"""Inputs -> `Source`: files, directories, stdin, HTML pages, JSON and JSONL records.

What becomes `Source.text` — always after `decoding.normalise_text` (``\\n`` line endings, no
zero-width or bidirectional control characters, no other control characters, Unicode NFC), so
that every offset refers to the normalised text, never to the bytes on disk:

- plain text: the decoded characters, BOM removed;
- HTML: the text trafilatura extracts, headline first (when the page has one) and a blank line,
  then the body; `fields` holds what trafilatura found (`title`, `date`, `sitename`, `author`,
  `url`);
- JSON / JSONL: one `Source` per record, `title + "\\n\\n" + body` (`body`, `text` or `content`);
  `fields` holds `title`, `outlet`, `published`, `url`, `author` when given (see `records`).

Ids (unique within one call, see `unique_ids`): a file's name without extension while no other
input file has the same name, otherwise the shortest tail of its path that tells them apart
(`bok/edaily`); `stdin` for ``-``; record N (1-based) of a JSON array or JSONL file is `name#N`,
unless the record has its own `id`. An id met a second time gets `~2`, `~3`, ...

Directories are read recursively in sorted order. Only files with an article extension are
taken from them (`ARTICLE_EXTENSIONS`); hidden files and folders are skipped. A file named
explicitly is always read, whatever its extension, and its format is sniffed.

Decoding: see `decoding` (BOM, UTF-16 sniffing, UTF-8, else the legacy code page
charset-normalizer detects, the whole input decoded). Inputs larger than `MAX_BYTES`
(JSON/JSONL collections: `MAX_COLLECTION_BYTES`, and `MAX_BYTES` per record) are refused without
being read in full; JSONL files are read line by line.

Every failure is an `InputError(name, reason)` with a one-line reason; `iter_sources` yields
them instead of raising, so one bad input never stops the others — whatever the failure: an
unexpected exception while reading one input also becomes its `InputError` (the exception is
kept as `__cause__`, for `--debug`).
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from summarize.article.decoding import (
    MAX_BYTES,
    check_text,
    decode,
    normalise_text,
    printable,
    reject_binary,
    too_large,
)
from summarize.article.records import json_text_sources, jsonl_file_sources, looks_like_json
from summarize.types import InputError, Source, SourceFormat

__all__ = [
    "ARTICLE_EXTENSIONS",
    "MAX_BYTES",
    "MAX_COLLECTION_BYTES",
    "decode",
    "iter_sources",
    "read_path",
    "source_from_text",
    "unique_ids",
]

MAX_COLLECTION_BYTES = 200 * 1024 * 1024
"""Largest JSON / JSONL file read (200 MB): a collection of many articles, each of which must
still be under `MAX_BYTES`."""

TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
JSON_EXTENSIONS = frozenset({".json"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
ARTICLE_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | JSON_EXTENSIONS | JSONL_EXTENSIONS
"""Extensions taken when walking a directory (files named explicitly are always read)."""

_HTML_SNIFF = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|meta|div|p|article)\b", re.I)
_ANY_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)\b[^<>]{0,200}>")
#: Tags a copied transcript keeps as line breaks (`<p></p><br />[앵커]<br>…`): such a text is
#: read as text (the cleaner splits lines at them, offsets stay those of the file), not sent to
#: trafilatura, whose extracted text no offset of the file's would match.
_LINE_BREAK_TAGS = frozenset({"br", "p"})


# --- public API -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PlannedInput:
    """One input to read: a file (`path`), stdin (`path` None, `name` "-"), or a directory
    that holds no article file (`empty_dir`)."""

    name: str
    path: Path | None
    empty_dir: bool = False

    @property
    def collection(self) -> bool:
        """Whether the input may hold many articles (JSON/JSONL, or stdin)."""
        return self.path is None or self.path.suffix.lower() in JSON_EXTENSIONS | JSONL_EXTENSIONS


def plan_inputs(paths: Iterable[str]) -> list[PlannedInput]:
    """The inputs `paths` name, directories expanded (recursively, sorted), in order."""
    planned: list[PlannedInput] = []
    for path in paths:
        if path == "-":
            planned.append(PlannedInput("-", None))
            continue
        p = Path(path)
        if not _is_dir(p):
            planned.append(PlannedInput(path, p))
            continue
        files = list(_walk(p))
        planned.extend(PlannedInput(str(f), f) for f in files)
        if not files:
            planned.append(PlannedInput(path, p, empty_dir=True))
    return planned


def iter_sources(paths: list[str] | list[PlannedInput]) -> Iterator[Source | InputError]:
    """Every article under `paths` (files, directories, `-` for stdin; or `plan_inputs`'
    result), in order, one input at a time.

    Bad inputs are yielded as `InputError` (one per file or per bad JSON record, at most
    `records.MAX_LISTED_BAD_RECORDS` per collection); nothing raises. Article ids are unique
    within one call (see the module docstring).
    """
    planned = [p if isinstance(p, PlannedInput) else None for p in paths]
    if any(p is None for p in planned):
        planned = plan_inputs([str(p) for p in paths])
    files = [p for p in planned if p.path is not None and not p.empty_dir]
    # keyed by object identity: the same file named twice is two equal entries with two ids
    ids = dict(zip(map(id, files), unique_ids([p.path for p in files]), strict=True))
    seen: dict[str, int] = {}
    for item in planned:
        if item.empty_dir:
            yield InputError(item.name, "directory holds no article files (.txt, .html, .json)")
        elif item.path is None:
            yield from _distinct(_guard("stdin", lambda: _stdin_sources()), seen)
        else:
            read = _file_reader(item.path, ids[id(item)])
            yield from _distinct(_guard(item.name, read), seen)


def unique_ids(files: list[Path]) -> list[str]:
    """One id per file, in order: the name without extension where it is unique among `files`,
    else the shortest tail of the path (`folder/name`) that no other file shares, else the path
    with `~N` for the N-th repeat of the same file. Control and format characters in names are
    escaped (`decoding.printable`), so no id can move a terminal's cursor or break a line."""
    by_stem: dict[str, set[str]] = {}
    for f in files:
        by_stem.setdefault(f.stem, set()).add(os.path.abspath(f))
    out: list[str] = []
    for f in files:
        stem = f.stem
        if len(by_stem[stem]) == 1:
            out.append(stem)
            continue
        parts = [*Path(os.path.abspath(f)).parent.parts, stem]
        rivals = [[*Path(g).parent.parts, stem] for g in by_stem[stem]]
        for k in range(2, len(parts) + 1):
            tail = parts[-k:]
            if sum(r[-k:] == tail for r in rivals) == 1:
                out.append("/".join(tail))
                break
        else:
            out.append("/".join(p for p in parts if p not in ("/", "")) or stem)
    seen: dict[str, int] = {}
    for k, name in enumerate(out):
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            out[k] = f"{name}~{seen[name]}"
    return [printable(name) for name in out]


def read_path(path: str) -> Iterator[Source]:
    """The articles in one file (several for a JSON array or JSONL file), or stdin for `-`.

    Raises `InputError` on the first input that cannot be read.
    """
    for item in iter_sources([path]):
        if isinstance(item, InputError):
            raise item
        yield item


def source_from_text(text: str, id: str = "text") -> Source:
    """A `Source` for article text given as a string (normalised like a file's text)."""
    reject_binary(text, id)
    text = normalise_text(text)
    check_text(text, id)
    return Source(id=id, path=id, text=text, format="text", encoding="utf-8")


# --- files and directories ---------------------------------------------------------------------


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):  # a name too long, a NUL byte: read (and refused) as a file
        return False


def _walk(root: Path) -> Iterator[Path]:
    """Article files under `root`, recursively, sorted; hidden entries skipped."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() in ARTICLE_EXTENSIONS:
                yield Path(dirpath) / name


def _guard(
    name: str, produce: Callable[[], Iterator[Source | InputError]]
) -> Iterator[Source | InputError]:
    """Run a record producer, turning any failure into an `InputError` naming the input."""
    try:
        yield from produce()
    except InputError as exc:
        yield exc
    except RecursionError as exc:
        yield _failure(name, "nested too deeply to read", exc)
    except OSError as exc:
        yield _failure(name, f"cannot read: {exc.strerror or exc}", exc)
    except (ValueError, UnicodeError) as exc:
        yield _failure(name, f"cannot read: {exc}", exc)
    except MemoryError as exc:
        yield _failure(name, "out of memory while reading", exc)
    except Exception as exc:  # one input must never stop the others
        yield _failure(name, f"internal error while reading: {type(exc).__name__}: {exc}", exc)


def _failure(name: str, reason: str, cause: BaseException) -> InputError:
    error = InputError(name, _one_line(reason))
    error.__cause__ = cause
    return error


def _distinct(
    items: Iterator[Source | InputError], seen: dict[str, int]
) -> Iterator[Source | InputError]:
    """Sources with an id met before (the same file twice, records sharing an `id`) get `~N`."""
    for item in items:
        if isinstance(item, Source):
            count = seen[item.id] = seen.get(item.id, 0) + 1
            if count > 1:
                item = dataclasses.replace(item, id=f"{item.id}~{count}")
        yield item


def _file_reader(path: Path, stem: str) -> Callable[[], Iterator[Source | InputError]]:
    return lambda: _file_sources(path, stem)


def _file_sources(path: Path, stem: str) -> Iterator[Source | InputError]:
    name = str(path)
    if not path.exists():
        raise InputError(name, "no such file or directory")
    if not path.is_file():
        raise InputError(name, "not a regular file")
    suffix = path.suffix.lower()
    size = path.stat().st_size
    limit = MAX_COLLECTION_BYTES if suffix in JSON_EXTENSIONS | JSONL_EXTENSIONS else MAX_BYTES
    if size > limit:
        raise InputError(name, too_large(size, limit=limit))
    if suffix in JSONL_EXTENSIONS:
        yield from jsonl_file_sources(path, stem)
        return
    data = path.read_bytes()
    yield from _sources_from_bytes(data, name, stem, suffix)


def _stdin_sources() -> Iterator[Source | InputError]:
    if sys.stdin is None:
        raise InputError("stdin", "no standard input")
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError("stdin", too_large(len(data), more=True))
    yield from _sources_from_bytes(data, "-", "stdin")


def _sources_from_bytes(
    data: bytes, path: str, stem: str, suffix: str = ""
) -> Iterator[Source | InputError]:
    error_name = "stdin" if path == "-" else path
    text, encoding = decode(data, error_name)
    del data
    fmt = _sniff_format(text, suffix)
    if fmt == "html":
        yield _html_source(text, path, stem, encoding)
    elif fmt == "json":
        jsonl = suffix in JSONL_EXTENSIONS
        for item in json_text_sources(text, error_name, stem, encoding, jsonl=jsonl):
            # records from stdin: errors name `stdin`, sources keep the path `-`
            yield dataclasses.replace(item, path=path) if isinstance(item, Source) else item
    else:
        reject_binary(text, error_name)
        text = normalise_text(text)
        check_text(text, error_name)
        yield Source(id=stem, path=path, text=text, format="text", encoding=encoding)


def _sniff_format(text: str, suffix: str) -> SourceFormat:
    if suffix in HTML_EXTENSIONS:
        return "html"
    if suffix in JSON_EXTENSIONS | JSONL_EXTENSIONS:
        return "json"
    head = text.lstrip()[:1024]
    if head[:1] in "[{" and head[:1] and looks_like_json(text):
        return "json"
    if _HTML_SNIFF.search(head) and head.startswith("<") and not _only_line_breaks(text):
        return "html"
    return "text"


def _only_line_breaks(text: str) -> bool:
    """Whether every tag near the start of `text` is line-break markup (`<br>`, `<p>`)."""
    names = {m.group(1).lower() for m in _ANY_TAG.finditer(text, 0, 100_000)}
    return names <= _LINE_BREAK_TAGS


def _one_line(message: str) -> str:
    return " ".join(message.split())


# --- HTML ----------------------------------------------------------------------------------------


def _html_source(html: str, path: str, stem: str, encoding: str) -> Source:
    from trafilatura import bare_extraction

    extracted = bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        # keep the time of day, not only the date, when the page gives one
        date_extraction_params={
            "extensive_search": True,
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
        },
    )
    doc = extracted.as_dict() if extracted is not None else {}
    reject_binary(doc.get("text") or "", path)
    body = doc.get("text") or ""
    if not body.strip():
        raise InputError(path, "HTML page with no article text (only scripts or markup?)")
    title = normalise_text(doc.get("title") or "").strip()
    body = normalise_text(body).strip()
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    fields = {"title": title} if title else {}
    for key, field_name in (("date", "date"), ("sitename", "sitename"), ("author", "author")):
        value = doc.get(key)
        if value:
            fields[field_name] = normalise_text(str(value)).strip()
    if doc.get("url"):
        fields["url"] = normalise_text(str(doc["url"])).strip()
    published = _meta_published(html)
    if published and re.search(r"[T\s]\d{1,2}:\d{2}", published):
        # The page's own time (ISO 8601, or RFC 2822 as some `pubdate` metas write it) beats
        # htmldate's guess, which may keep only the day (from the URL).
        fields["date"] = published
    check_text(text, path)
    return Source(id=stem, path=path, text=text, format="html", encoding=encoding, fields=fields)


_META_PUBLISHED = re.compile(
    r"<meta\b[^>]*?(?:property|name|itemprop)\s*=\s*[\"'](?:og:)?(?:article:published_time|"
    r"published_time|datePublished|pubdate)[\"'][^>]*?>"
    r"|[\"']datePublished[\"']\s*:\s*[\"'](?P<ld>[^\"']{10,40})[\"']",
    re.I,
)
_META_CONTENT = re.compile(r"content\s*=\s*[\"']([^\"']{10,40})[\"']", re.I)


def _meta_published(html: str) -> str | None:
    """The page's own published date-time (`article:published_time` meta or JSON-LD
    `datePublished`), as written; None when the page has neither."""
    for m in _META_PUBLISHED.finditer(html[:200_000]):
        if m.group("ld"):
            return m.group("ld")
        content = _META_CONTENT.search(m.group(0))
        if content:
            return content.group(1)
    return None
