"""Inputs -> `Source`: files, directories, stdin, HTML pages, JSON and JSONL records.

What becomes `Source.text`:

- plain text: the decoded characters, BOM removed, line endings normalised to ``\\n``;
- HTML: the text trafilatura extracts, headline first (when the page has one) and a blank line,
  then the body; `fields` holds what trafilatura found (`title`, `date`, `sitename`, `author`,
  `url`);
- JSON / JSONL: one `Source` per record, `title + "\\n\\n" + body` (`body`, `text` or `content`);
  `fields` holds `title`, `outlet`, `published`, `url`, `author` when given.

Ids: the file name without extension; `stdin` for ``-``; record N (1-based) of a JSON array or
JSONL file is `name#N`, unless the record has its own `id`.

Directories are read recursively in sorted order. Only files with an article extension are
taken from them (`ARTICLE_EXTENSIONS`); hidden files and folders are skipped. A file named
explicitly is always read, whatever its extension, and its format is sniffed.

Decoding: UTF-8 (with or without BOM), UTF-16/32 (BOM or NUL-byte pattern), otherwise the
legacy encoding charset-normalizer detects (CP949/EUC-KR for Korean pages). Inputs larger than
`MAX_BYTES` (JSON/JSONL collections: `MAX_COLLECTION_BYTES`, and `MAX_BYTES` per record) are
refused without being read in full.

Every failure is an `InputError(name, reason)` with a one-line reason; `iter_sources` yields
them instead of raising, so one bad input never stops the others.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from summarize.types import InputError, Source, SourceFormat

MAX_BYTES = 5 * 1024 * 1024
"""Largest article read (5 MB): a news article is a few tens of kB; anything bigger is not one."""

MAX_COLLECTION_BYTES = 200 * 1024 * 1024
"""Largest JSON / JSONL file read (200 MB): a collection of many articles, each of which must
still be under `MAX_BYTES`."""

TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
JSON_EXTENSIONS = frozenset({".json"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
ARTICLE_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | JSON_EXTENSIONS | JSONL_EXTENSIONS
"""Extensions taken when walking a directory (files named explicitly are always read)."""

BODY_KEYS = ("body", "text", "content", "article")
TITLE_KEYS = ("title", "headline")
FIELD_KEYS = {
    "outlet": ("outlet", "source", "press", "publisher", "sitename"),
    "published": ("published", "date", "published_at", "datetime"),
    "url": ("url", "link"),
    "author": ("author", "reporter", "reporters", "byline"),
}

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HTML_SNIFF = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|meta|div|p|article)\b", re.I)
_BINARY_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx?)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
)


# --- public API -------------------------------------------------------------------------------


def iter_sources(paths: list[str]) -> Iterator[Source | InputError]:
    """Every article under `paths` (files, directories, `-` for stdin), in order.

    Bad inputs are yielded as `InputError` (one per file or per bad JSON record); nothing raises.
    Article ids are unique within one call: a file's id is its name without extension while no
    other input file has the same name, otherwise the shortest tail of its path that tells them
    apart (`bok/edaily`, `birth/edaily`); the same file given twice gets `~2`, `~3`, ...
    """
    planned: list[tuple[str, Path | None]] = []
    for path in paths:
        if path == "-":
            planned.append(("-", None))
            continue
        p = Path(path)
        if p.is_dir():
            files = list(_walk(p))
            if not files:
                planned.append((path, p))
            planned.extend((str(f), f) for f in files)
        else:
            planned.append((path, p))
    ids = unique_ids([p for _, p in planned if p is not None and not p.is_dir()])
    for name, p in planned:
        if p is None:
            yield from _guard("stdin", lambda: _records_from_bytes(_read_stdin(), "-", "stdin"))
        elif p.is_dir():
            yield InputError(name, "directory holds no article files (.txt, .html, .json)")
        else:
            stem = ids.pop(0)
            yield from _guard(name, lambda p=p, stem=stem: _records_from_file(p, stem))


def unique_ids(files: list[Path]) -> list[str]:
    """One id per file, in order: the name without extension where it is unique among `files`,
    else the shortest tail of the path (`folder/name`) that no other file shares, else the path
    with `~N` for the N-th repeat of the same file."""
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
    return out


def read_path(path: str) -> Iterator[Source]:
    """The articles in one file (several for a JSON array or JSONL file), or stdin for `-`.

    Raises `InputError` on the first input that cannot be read.
    """
    for item in iter_sources([path]):
        if isinstance(item, InputError):
            raise item
        yield item


def source_from_text(text: str, id: str = "text") -> Source:
    """A `Source` for article text given as a string (line endings normalised to `\\n`)."""
    text = _normalise_newlines(text.lstrip("\ufeff"))
    _check_text(text, id)
    return Source(id=id, path=id, text=text, format="text", encoding="utf-8")


# --- files and directories ---------------------------------------------------------------------


def _walk(root: Path) -> Iterator[Path]:
    """Article files under `root`, recursively, sorted; hidden entries skipped."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() in ARTICLE_EXTENSIONS:
                yield Path(dirpath) / name


def _guard(name: str, produce: Any) -> Iterator[Source | InputError]:
    """Run a record producer, turning any failure into an `InputError` naming the input."""
    try:
        yield from produce()
    except InputError as exc:
        yield exc
    except (OSError, ValueError, UnicodeError) as exc:
        yield InputError(name, _one_line(f"cannot read: {exc}"))


def _records_from_file(path: Path, stem: str) -> Iterator[Source | InputError]:
    name = str(path)
    if not path.exists():
        raise InputError(name, "no such file or directory")
    if not path.is_file():
        raise InputError(name, "not a regular file")
    size = path.stat().st_size
    limit = (
        MAX_COLLECTION_BYTES
        if path.suffix.lower() in JSON_EXTENSIONS | JSONL_EXTENSIONS
        else MAX_BYTES
    )
    if size > limit:
        raise InputError(name, _too_large(size, limit=limit))
    data = path.read_bytes()
    yield from _records_from_bytes(data, name, stem, path.suffix.lower())


def _read_stdin() -> bytes:
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError("stdin", _too_large(len(data), more=True))
    return data


def _records_from_bytes(
    data: bytes, path: str, stem: str, suffix: str = ""
) -> Iterator[Source | InputError]:
    text, encoding = decode(data, path)
    fmt = _sniff_format(text, suffix)
    if fmt == "html":
        yield _html_source(text, path, stem, encoding)
    elif fmt == "json":
        yield from _json_sources(text, path, stem, encoding, jsonl=suffix in JSONL_EXTENSIONS)
    else:
        text = _normalise_newlines(text)
        _check_text(text, path)
        yield Source(id=stem, path=path, text=text, format="text", encoding=encoding)


def _sniff_format(text: str, suffix: str) -> SourceFormat:
    if suffix in HTML_EXTENSIONS:
        return "html"
    if suffix in JSON_EXTENSIONS | JSONL_EXTENSIONS:
        return "json"
    head = text.lstrip()[:1024]
    if head[:1] in "[{" and head[:1] and _looks_like_json(text):
        return "json"
    if _HTML_SNIFF.search(head) and head.startswith("<"):
        return "html"
    return "text"


def _looks_like_json(text: str) -> bool:
    try:
        json.loads(text)
        return True
    except ValueError:
        return _is_json_object(text.lstrip().split("\n", 1)[0])


# --- decoding ------------------------------------------------------------------------------------


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode raw bytes to text; returns `(text, encoding)`. Raises `InputError` for empty,
    binary or undecodable input."""
    if not data.strip():
        raise InputError(name, "empty file")
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding.removesuffix("-sig")), encoding
            except UnicodeDecodeError as exc:
                raise InputError(name, f"undecodable {encoding} text ({exc.reason})") from None
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(name, f"binary file ({kind}), not text")
    utf16 = _sniff_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError(name, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # a copy cut inside the last character
            return data[: exc.start].decode("utf-8"), "utf-8"
    return _decode_legacy(data, name)


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: NUL bytes present, and one byte order decodes to readable text."""
    sample = data[:4096]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4 or sample.count(0) < len(sample) // 100 + 1:
        return None
    best, best_score = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            decoded = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _readable_share(decoded)
        if score > best_score:
            best, best_score = encoding, score
    return best if best_score >= 0.9 else None


def _readable_share(text: str) -> float:
    """Share of characters that plausibly occur in Korean news text."""
    readable = sum(
        1
        for c in text
        if c.isprintable() or c in "\n\r\t"
        if "\uac00" <= c <= "\ud7a3" or c < "\u0250" or "\u2000" <= c <= "\u33ff"
    )
    return readable / max(len(text), 1)


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:MAX_BYTES])
    best = matches.best()
    if best is None:
        raise InputError(name, "undecodable: not UTF-8 and no known encoding fits (binary?)")
    # charset-normalizer may rank a Chinese or Japanese code page above CP949 for short Korean
    # text; among its candidates prefer one that yields Hangul.
    for match in matches:
        if match.encoding in ("cp949", "euc_kr", "johab", "iso2022_kr"):
            best = match
            break
    text = str(best)
    if _binary_ratio(text) > 0.05:
        raise InputError(name, "binary file (control characters), not text")
    return text, best.encoding


def _binary_ratio(text: str) -> float:
    sample = text[:4096]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    return bad / len(sample)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_text(text: str, name: str) -> None:
    if not text.strip():
        raise InputError(name, "empty: no text")
    if _binary_ratio(text) > 0.05:
        raise InputError(name, "binary file (control characters), not text")
    if not _HANGUL.search(text):
        raise InputError(name, "no Korean text found (kosum reads Korean news articles)")


def _too_large(size: int, more: bool = False, limit: int = MAX_BYTES) -> str:
    mb = size / (1024 * 1024)
    shown = f"over {mb:.0f}" if more else f"{mb:.1f}"
    return f"too large ({shown} MB, limit {limit // (1024 * 1024)} MB)"


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
    body = doc.get("text") or ""
    if not body.strip():
        raise InputError(path, "HTML page with no article text (only scripts or markup?)")
    title = (doc.get("title") or "").strip()
    body = _normalise_newlines(body).strip()
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    fields = {"title": title} if title else {}
    for key, field_name in (("date", "date"), ("sitename", "sitename"), ("author", "author")):
        value = doc.get(key)
        if value:
            fields[field_name] = str(value)
    if doc.get("url"):
        fields["url"] = str(doc["url"])
    published = _meta_published(html)
    if published and re.search(r"T\d{2}:\d{2}", published):
        # The page's own time beats htmldate's guess, which may keep only the day (from the URL).
        fields["date"] = published
    _check_text(text, path)
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


# --- JSON ----------------------------------------------------------------------------------------


def _json_sources(
    text: str, path: str, stem: str, encoding: str, jsonl: bool
) -> Iterator[Source | InputError]:
    if not jsonl:
        try:
            data = json.loads(text)
        except ValueError as exc:
            first = text.lstrip().split("\n", 1)[0]
            if not _is_json_object(first):
                raise InputError(path, _one_line(f"invalid JSON: {exc}")) from None
            jsonl = True  # JSON lines under a .json name
        else:
            yield from _json_records(data, path, stem, encoding)
            return
    produced = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        produced = True
        name = f"{path}#{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield InputError(name, _one_line(f"invalid JSON line: {exc}"))
            continue
        try:
            yield _record_source(record, path, name, f"{stem}#{number}", encoding)
        except InputError as exc:
            yield exc
    if not produced:
        raise InputError(path, "JSON lines file holds no records")


def _json_records(data: Any, path: str, stem: str, encoding: str) -> Iterator[Source | InputError]:
    """Records of a parsed JSON document: one object, a list, or a list under `articles`."""
    if isinstance(data, dict):
        nested = next(
            (data[k] for k in ("articles", "records", "items", "data") if k in data), None
        )
        if isinstance(nested, list):
            data = nested
        else:
            yield _record_source(data, path, path, stem, encoding)
            return
    if not isinstance(data, list) or not data:
        raise InputError(path, "JSON holds neither an article object nor a list of them")
    for number, record in enumerate(data, 1):
        name = f"{path}#{number}"
        try:
            yield _record_source(record, path, name, f"{stem}#{number}", encoding)
        except InputError as exc:
            yield exc


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _record_source(record: Any, path: str, name: str, default_id: str, encoding: str) -> Source:
    if not isinstance(record, dict):
        raise InputError(name, "JSON record is not an object")
    body = _first_str(record, BODY_KEYS)
    if not body:
        raise InputError(name, "JSON record has no `body` or `text`")
    title = _first_str(record, TITLE_KEYS).strip()
    body = _normalise_newlines(body).strip()
    text = f"{title}\n\n{body}" if title else body
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise InputError(name, _too_large(size))
    _check_text(text, name)
    fields = {"title": title} if title else {}
    for field_name, keys in FIELD_KEYS.items():
        value = _first_str(record, keys)
        if value:
            fields[field_name] = value.strip()
    record_id = record.get("id")
    source_id = str(record_id) if record_id not in (None, "") else default_id
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
