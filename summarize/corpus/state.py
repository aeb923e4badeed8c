"""What a corpus run keeps under `DIR/.kosum-corpus/` so that a rerun skips finished work.

- `shards/KEY.art`: the analysed articles of one shard with their grouping signals, each a
  zlib-compressed pickle of `(Article, ArticleSignals)` (an `Article` pickles its `Source` text
  once, every span as offsets into it: about 3x the UTF-8 text, 1.05x once compressed), one
  after the other; `KEY.idx` says where each one lies and
  holds what the driver needs without unpickling an article (id, outlet, published, title, the
  analysis errors); `KEY.sig` the articles' grouping signals. `KEY` hashes the digests of the
  shard's records (`reader.digest`) and `CACHE_VERSION`, so a shard whose inputs are unchanged
  is found again; `.idx` is written last, so its presence means the shard is complete.
- `groups/KEY.plan` (stories as lists of article positions, and where each article's TF-IDF
  vector lies in `KEY.vecs`, read only for stories still to align): one grouping, keyed by the
  shard keys in order and the grouping settings.
- `stories.log`: finished stories, one line each, `KEY<TAB>FACTS<TAB>CONFLICTS<TAB>JSON` (the
  story's `kosum.diff/1` document), appended as they finish (a line cut short by a crash is
  ignored). `KEY` hashes the event id, the members' digests and the alignment settings.

Every file but the log is written to a temporary name and renamed, so a crash never leaves a
half-written file under its real name.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import zlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CACHE_VERSION = "corpus-2"
"""Changes whenever what the cache holds changes meaning (analysis or its pickled form)."""


def key_of(*parts: Any) -> str:
    """A short hex hash of `parts` (their `repr`s; used only for strings, numbers and tuples)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(CACHE_VERSION.encode())
    for part in parts:
        h.update(b"\0" + repr(part).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def pack(obj: Any) -> bytes:
    """A compressed pickle (zlib level 1: most of the size gone at a small cost)."""
    return zlib.compress(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(blob: bytes) -> Any:
    return pickle.loads(zlib.decompress(blob))


@dataclass(frozen=True)
class Finished:
    """A finished story in the log: where its JSON lies, and its counts."""

    offset: int
    length: int
    facts: int
    conflicts: int


@dataclass(frozen=True)
class Grouping:
    """The stories (lists of article positions, in order of their first article) and where each
    article's vector lies in the grouping's `.vecs` file."""

    stories: list[list[int]]
    offsets: array
    lengths: array


class VectorWriter:
    """Writes articles' vectors one by one (in any order) to a temporary file, renamed when the
    grouping is complete."""

    def __init__(self, path: Path, articles: int) -> None:
        self.path = path
        self.tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        self.offsets = array("q", [0]) * articles
        self.lengths = array("q", [0]) * articles
        self._f = open(self.tmp, "wb")  # noqa: SIM115

    def add(self, position: int, vector: Any) -> None:
        blob = pack(vector)
        self.offsets[position] = self._f.tell()
        self.lengths[position] = len(blob)
        self._f.write(blob)

    def finish(self, stories: list[list[int]]) -> Grouping:
        self._f.close()
        os.replace(self.tmp, self.path)
        return Grouping(stories, self.offsets, self.lengths)


@dataclass(frozen=True)
class Located:
    """Where one analysed article's blob lies in its shard's `.art` file."""

    shard: str
    offset: int
    length: int


class CorpusState:
    """The cache directory of one `--out` directory (see the module docstring)."""

    def __init__(self, out: Path) -> None:
        self.root = out / ".kosum-corpus"
        self.shards = self.root / "shards"
        self.groups = self.root / "groups"
        self.log_path = self.root / "stories.log"
        for d in (self.shards, self.groups):
            d.mkdir(parents=True, exist_ok=True)
        self._log = None

    # --- shards ---------------------------------------------------------------------------------

    def has_shard(self, key: str) -> bool:
        return (self.shards / f"{key}.idx").is_file()

    def save_shard(self, key: str, blobs: list[bytes], index: Any, signals: Any) -> list[Located]:
        """Store a shard's article blobs, signals and index; returns where each blob lies."""
        located, offset = [], 0
        for blob in blobs:
            located.append(Located(key, offset, len(blob)))
            offset += len(blob)
        _write_atomic(self.shards / f"{key}.art", b"".join(blobs))
        _write_atomic(self.shards / f"{key}.sig", pack(signals))
        _write_atomic(self.shards / f"{key}.idx", pack(index))
        return located

    def shard_index(self, key: str) -> Any:
        return unpack((self.shards / f"{key}.idx").read_bytes())

    def shard_signals(self, key: str) -> Any:
        return unpack((self.shards / f"{key}.sig").read_bytes())

    def read_blobs(self, where: Iterable[Located]) -> list[bytes]:
        """The blobs at these places, reading each shard file once."""
        out = []
        handles: dict[str, Any] = {}
        try:
            for loc in where:
                f = handles.get(loc.shard)
                if f is None:
                    f = handles[loc.shard] = open(self.shards / f"{loc.shard}.art", "rb")  # noqa: SIM115
                f.seek(loc.offset)
                out.append(f.read(loc.length))
        finally:
            for f in handles.values():
                f.close()
        return out

    # --- grouping -------------------------------------------------------------------------------

    def grouping(self, key: str) -> Grouping | None:
        path = self.groups / f"{key}.plan"
        return unpack(path.read_bytes()) if path.is_file() else None

    def vector_writer(self, key: str, articles: int) -> VectorWriter:
        return VectorWriter(self.groups / f"{key}.vecs", articles)

    def save_grouping(self, key: str, grouping: Grouping) -> None:
        _write_atomic(self.groups / f"{key}.plan", pack(grouping))

    def read_vectors(self, key: str, grouping: Grouping, positions: Iterable[int]) -> list[Any]:
        """The TF-IDF vectors of the articles at these positions."""
        with open(self.groups / f"{key}.vecs", "rb") as f:
            out = []
            for k in positions:
                f.seek(grouping.offsets[k])
                out.append(unpack(f.read(grouping.lengths[k])))
            return out

    # --- stories --------------------------------------------------------------------------------

    def finished_stories(self) -> dict[str, Finished]:
        """The finished stories in the log, by key."""
        done: dict[str, Finished] = {}
        if not self.log_path.is_file():
            return done
        offset = 0
        with open(self.log_path, "rb") as f:
            for line in f:
                head = line.split(b"\t", 3)
                if line.endswith(b"\n") and len(head) == 4 and head[1].isdigit():
                    start = offset + len(line) - len(head[3])
                    facts, conflicts = int(head[1]), int(head[2])
                    done[head[0].decode()] = Finished(start, len(head[3]) - 1, facts, conflicts)
                offset += len(line)
        return done

    def append_story(self, key: str, line: str, facts: int, conflicts: int) -> Finished:
        """Record a finished story (its JSON on one line) and its counts."""
        if self._log is None:
            self._log = open(self.log_path, "ab")  # noqa: SIM115
            self._trim_partial_line()
        data = line.encode("utf-8")
        head = f"{key}\t{facts}\t{conflicts}\t".encode()
        start = self._log.tell() + len(head)
        self._log.write(head + data + b"\n")
        self._log.flush()
        return Finished(start, len(data), facts, conflicts)

    def read_story(self, f: Any, where: Finished) -> bytes:
        f.seek(where.offset)
        return f.read(where.length)

    def close(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def _trim_partial_line(self) -> None:
        """A line a crash cut short would glue onto the next one: end it first."""
        assert self._log is not None
        size = self._log.seek(0, os.SEEK_END)
        if size:
            with open(self.log_path, "rb") as f:
                f.seek(size - 1)
                if f.read(1) != b"\n":
                    self._log.write(b"\n")


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
