"""Corpus inputs -> numbered records, streaming, each with a content digest.

Inputs are files and directories. A directory is walked recursively in sorted order (hidden
entries skipped) for article files (`ingest.ARTICLE_EXTENSIONS`) and Parquet files. Each file
is read by the ingest path (`summarize.article.ingest.iter_sources`: text, HTML, JSON arrays,
JSONL) or, for Parquet, by `summarize.corpus.parquet`; `-` reads standard input. Records come one
at a time; nothing is held beyond the file being read (Parquet: one batch of rows).

Every record gets
- `seq`, its position among all records of the run (0-based), which orders every output;
- `path` and `number`, the file it came from and its 1-based position there (bad records
  counted), so that an output line points back to its input;
- a unique id: the ingest id (file name, `name#N` for record N, or the record's own `id`), with
  the file part made unique among the run's files (`ingest.unique_ids`) and `~2`, `~3`, ... for
  an id met again (two files' records sharing an `id`);
- `digest`, a hash of what the article's analysis depends on (id, path, text, fields), which keys
  the resume cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from summarize.corpus.parquet import PARQUET_EXTENSIONS, parquet_sources
from summarize.types import InputError, Source


@dataclass(frozen=True)
class Record:
    """One input record: an article's `Source`, or the `InputError` that replaced it."""

    seq: int
    path: str
    number: int
    item: Source | InputError
    digest: str

    @property
    def source(self) -> Source | None:
        return self.item if isinstance(self.item, Source) else None


def iter_records(paths: Iterable[str]) -> Iterator[Record]:
    """Every record under `paths`, in order (see the module docstring). Never raises for a bad
    input: it comes as a record holding its `InputError`."""
    from summarize.article.ingest import unique_ids

    planned = list(_plan(paths))
    files = [Path(p) for p in planned if p != "-" and not isinstance(p, InputError)]
    stems = iter(unique_ids(files))
    seen: dict[str, int] = {}
    seq = 0
    for entry in planned:
        if isinstance(entry, InputError):
            items: Iterable[Source | InputError] = [entry]
            name = entry.name
        else:
            name = entry
            items = _file_items(entry, None if entry == "-" else next(stems))
        for number, item in enumerate(items, 1):
            if isinstance(item, Source):
                item = _distinct(item, seen)
            yield Record(seq, name, number, item, digest(item))
            seq += 1


def digest(item: Source | InputError) -> str:
    """A hash of what an article's analysis depends on: its id, path, text and fields (for an
    error, its message)."""
    h = hashlib.blake2b(digest_size=16)
    if isinstance(item, InputError):
        h.update(b"error\0" + str(item).encode("utf-8", "surrogatepass"))
    else:
        parts = [item.id, item.path, item.format, item.text]
        parts += [f"{k}={v}" for k, v in sorted(item.fields.items())]
        h.update("\0".join(parts).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _plan(paths: Iterable[str]) -> Iterator[str | InputError]:
    """The files to read, directories expanded; a directory without article files is an error."""
    for path in paths:
        p = Path(path)
        if path == "-" or not p.is_dir():
            yield path
            continue
        files = list(_walk(p))
        if not files:
            yield InputError(
                path, "directory holds no article files (.txt, .html, .json, .parquet)"
            )
        yield from (str(f) for f in files)


def _walk(root: Path) -> Iterator[Path]:
    from summarize.article.ingest import ARTICLE_EXTENSIONS

    wanted = ARTICLE_EXTENSIONS | PARQUET_EXTENSIONS
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and Path(name).suffix.lower() in wanted:
                yield Path(dirpath) / name


def _file_items(path: str, stem: str | None) -> Iterator[Source | InputError]:
    """The records of one file (or stdin), ids built on `stem`, the file's unique id. Parquet
    and JSONL files are streamed whatever their size (a corpus file may hold millions of
    records; `ingest` refuses collections over `MAX_COLLECTION_BYTES`); other files go
    through `ingest.iter_sources`."""
    from summarize.article.ingest import JSONL_EXTENSIONS, iter_sources
    from summarize.article.records import jsonl_file_sources

    p = Path(path)
    suffix = p.suffix.lower()
    if stem is not None and suffix in PARQUET_EXTENSIONS | JSONL_EXTENSIONS and p.is_file():
        read = parquet_sources if suffix in PARQUET_EXTENSIONS else jsonl_file_sources
        yield from _guarded(path, read(p, stem))
        return
    for item in iter_sources([path]):
        if stem is not None and isinstance(item, Source) and stem != p.stem:
            item = _restem(item, p.stem, stem)
        yield item


def _guarded(name: str, items: Iterator[Source | InputError]) -> Iterator[Source | InputError]:
    """The items, a failure that ends the file becoming its one `InputError`."""
    try:
        yield from items
    except InputError as exc:
        yield exc
    except (OSError, ValueError, UnicodeError) as exc:
        yield InputError(name, f"cannot read: {' '.join(str(exc).split())[:200]}")


def _restem(source: Source, plain: str, stem: str) -> Source:
    """Ids that ingest built on the file name alone (`name`, `name#N`) rebuilt on `stem`."""
    if source.id == plain or source.id.startswith(plain + "#"):
        return dataclasses.replace(source, id=stem + source.id[len(plain) :])
    return source


def _distinct(source: Source, seen: dict[str, int]) -> Source:
    count = seen[source.id] = seen.get(source.id, 0) + 1
    if count == 1:
        return source
    return dataclasses.replace(source, id=f"{source.id}~{count}")
