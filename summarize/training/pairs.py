"""Document-summary pairs from the layouts public Korean summary corpora use.

PAIRS is a `.jsonl` file, a `.json` file or a directory of them (read recursively, sorted; other
files ignored). A `.json` file holds one record, a list of records, or a list under
`documents`, `data`, `articles`, `records` or `items`. A record is an object with:

- the document, under the first of `TEXT_KEYS` present: running text (a string), a list of
  sentences (strings, or objects with a `sentence`), or a list of paragraphs, each a list of
  sentences;
- the reference summary, under the first of `SUMMARY_KEYS` present: a string, a list of strings
  (its sentences), or a list of indices of the document's sentences (extractive gold);
- optionally `title`/`headline`, an `id`, and `outlet`/`media_name` and `published`/
  `publish_date` (used as a loaded article's would be: relative dates, self-references).

That covers, among others: plain JSONL `{"text": ..., "summary": ...}` (XL-Sum, most Hugging
Face exports); AI-Hub 문서요약 텍스트 (`{"documents": [{"title", "text": [[{"index",
"sentence"}, ...], ...], "abstractive": [...], "extractive": [...]}]}`); the Dacon/Bflysoft
news layout (`article_original` sentences, `abstractive`, `extractive`); and one-file-per-article
sentence layouts such as sci-news-sum-kr-50 (`title`, `sentences`, `summaries` as indices).
An abstractive summary is preferred to extractive indices when a record has both.

A record that cannot be used (no document, no summary, an index out of range, invalid JSON)
comes out as an `InputError` naming the file and record (`path#N`, N from 1), so callers report
it in one line and go on with the others.

`pair_article` turns a pair into the `Article` the summariser works on: when the layout gives
sentences they are the article's sentences as given (one line each, or one line per paragraph),
exactly as `benchmarks/bench_summary_quality.py` builds its documents; running text goes through
kosum's own cleaning and segmentation, as a loaded JSON record would.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarize.types import Article, InputError, Sentence, Source, Span

TEXT_KEYS = ("text", "article", "body", "document", "article_original", "content", "sentences")
SUMMARY_KEYS = ("summary", "abstractive", "abstract", "highlights", "summaries", "extractive")
TITLE_KEYS = ("title", "headline")
COLLECTION_KEYS = ("documents", "data", "articles", "records", "items")
FIELD_KEYS = {
    "outlet": ("outlet", "media_name", "press", "publisher"),
    "published": ("published", "publish_date", "date"),
}
PAIR_EXTENSIONS = frozenset({".json", ".jsonl", ".ndjson"})


@dataclass(frozen=True)
class Pair:
    """A document and its reference summary."""

    id: str
    path: str
    summary: tuple[str, ...]
    """The reference summary's sentences (or lines), in order."""
    text: str = ""
    """The document as running text (when the layout gives no sentences)."""
    paragraphs: tuple[tuple[str, ...], ...] = ()
    """The document's sentences by paragraph (when the layout gives sentences)."""
    title: str = ""
    fields: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    name: str = ""
    """Where the record is, for messages: `path#N` (N from 1) or the file's path."""

    @property
    def reference(self) -> str:
        """The reference summary, one sentence per line."""
        return "\n".join(self.summary)

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(s for p in self.paragraphs for s in p)


# --- reading -------------------------------------------------------------------------------------


def read_pairs(paths: Sequence[str | Path]) -> Iterator[Pair | InputError]:
    """Every record of every PAIRS path, as a `Pair` or as the `InputError` that rejects it."""
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PAIR_EXTENSIONS
            )
            if not files:
                yield InputError(str(path), "no .json or .jsonl files in this directory")
            for file in files:
                yield from _read_file(file)
        elif path.is_file():
            yield from _read_file(path)
        else:
            yield InputError(str(path), "no such file or directory")


def _read_file(path: Path) -> Iterator[Pair | InputError]:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            if path.suffix.lower() == ".json":
                yield from _json_records(json.load(handle), path)
            else:
                yield from _jsonl_records(handle, path)
    except (OSError, UnicodeError) as exc:
        yield InputError(str(path), f"cannot read: {exc}")
    except ValueError as exc:
        yield InputError(str(path), f"invalid JSON: {exc}")


def _jsonl_records(lines: Any, path: Path) -> Iterator[Pair | InputError]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        name = f"{path}#{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield InputError(name, f"invalid JSON line: {exc}")
            continue
        yield _guarded(record, path, name, f"{path.stem}#{number}")


def _json_records(data: Any, path: Path) -> Iterator[Pair | InputError]:
    if isinstance(data, dict):
        nested = next((data[k] for k in COLLECTION_KEYS if isinstance(data.get(k), list)), None)
        if nested is None:
            yield _guarded(data, path, str(path), path.stem)
            return
        data = nested
    if not isinstance(data, list):
        yield InputError(str(path), "JSON holds neither a record nor a list of records")
        return
    for number, record in enumerate(data, 1):
        yield _guarded(record, path, f"{path}#{number}", f"{path.stem}#{number}")


def _guarded(record: Any, path: Path, name: str, default_id: str) -> Pair | InputError:
    try:
        return parse_record(record, str(path), name, default_id)
    except InputError as exc:
        return exc


def parse_record(record: Any, path: str, name: str, default_id: str) -> Pair:
    """One record as a `Pair`; `InputError(name, reason)` when it cannot be used."""
    if not isinstance(record, dict):
        raise InputError(name, "record is not a JSON object")
    text_key = _first_key(record, TEXT_KEYS)
    if text_key is None:
        raise InputError(name, f"no document (expected one of {', '.join(TEXT_KEYS)})")
    text, flat = _document(record[text_key], name, text_key)
    summary_key = _first_key(record, SUMMARY_KEYS)
    if summary_key is None:
        raise InputError(name, f"no summary (expected one of {', '.join(SUMMARY_KEYS)})")
    summary = _summary(record[summary_key], flat, name, summary_key)
    record_id = record.get("id")
    return Pair(
        id=str(record_id) if isinstance(record_id, str | int) and record_id != "" else default_id,
        path=path,
        summary=summary,
        text=text,
        paragraphs=_paragraphs(flat),
        title=_string(record, TITLE_KEYS),
        fields={k: v for k, keys in FIELD_KEYS.items() if (v := _string(record, keys))},
        name=name,
    )


def _first_key(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """The first key whose value is a non-empty string or list."""
    for key in keys:
        value = record.get(key)
        if (isinstance(value, str) and value.strip()) or (isinstance(value, list) and value):
            return key
    return None


def _string(record: dict[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""


#: A sentence of a sentence layout: (paragraph number, text); text is None for an unusable entry
#: (kept so that extractive indices still point at the right sentence).
_Flat = list[tuple[int, str | None]]


def _document(value: Any, name: str, key: str) -> tuple[str, _Flat]:
    """Running text, or the sentences (with their paragraph numbers) of a sentence layout."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip(), []
    flat: _Flat = []
    if all(isinstance(v, list) for v in value):  # paragraphs of sentences
        for p, paragraph in enumerate(value):
            flat.extend((p, _sentence(s)) for s in paragraph)
    elif all(isinstance(v, dict) for v in value):  # one paragraph of sentence objects
        flat.extend((0, _sentence(s)) for s in value)
    else:  # sentences, one per line
        flat.extend((p, _sentence(s)) for p, s in enumerate(value))
    if not any(text for _, text in flat):
        raise InputError(name, f"`{key}` holds no sentence text")
    return "", flat


def _sentence(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("sentence", value.get("text"))
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _summary(value: Any, flat: _Flat, name: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        lines = tuple(" ".join(line.split()) for line in value.splitlines() if line.strip())
        return lines
    if all(isinstance(v, str) for v in value):
        lines = tuple(" ".join(v.split()) for v in value if v.strip())
        if not lines:
            raise InputError(name, f"`{key}` is empty")
        return lines
    if all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return _indexed(value, flat, name, key)
    raise InputError(name, f"`{key}` is neither text nor a list of sentence indices")


def _indexed(indices: list[int], flat: _Flat, name: str, key: str) -> tuple[str, ...]:
    """Extractive gold: the document's sentences at these indices (in the order given)."""
    if not flat:
        raise InputError(name, f"`{key}` gives sentence indices but the document is running text")
    out = []
    for i in indices:
        if not 0 <= i < len(flat) or flat[i][1] is None:
            raise InputError(name, f"`{key}` index {i} is not one of the {len(flat)} sentences")
        out.append(flat[i][1])
    return tuple(out)


def _paragraphs(flat: _Flat) -> tuple[tuple[str, ...], ...]:
    groups: dict[int, list[str]] = {}
    for p, text in flat:
        if text is not None:
            groups.setdefault(p, []).append(text)
    return tuple(tuple(g) for g in groups.values())


def read_all(paths: Sequence[str | Path]) -> tuple[list[Pair], list[InputError]]:
    """`read_pairs` split into the pairs and the rejected records."""
    pairs: list[Pair] = []
    errors: list[InputError] = []
    for item in read_pairs(paths):
        (errors if isinstance(item, InputError) else pairs).append(item)
    return pairs, errors


# --- pairs as articles ---------------------------------------------------------------------


def pair_article(pair: Pair, *, claims: bool = True) -> Article:
    """The article the summariser sees for this pair's document.

    Sentence layouts: the title as headline, then each paragraph on its own line (its sentences
    separated by spaces), the given sentences as the article's body sentences. Running text:
    `title + "\\n\\n" + text` cleaned and segmented by kosum's pipeline. `claims=False` skips
    claim extraction (all that training needs is the sentences). Raises `InputError` for a
    document kosum cannot read (no Korean text, for instance).
    """
    from summarize.article.ingest import source_from_text

    body = "\n".join(" ".join(p) for p in pair.paragraphs) if pair.paragraphs else pair.text
    source_from_text(body, pair.name or pair.id)  # a loaded text's checks: not empty, Korean
    if pair.paragraphs:
        return _sentence_article(pair, claims)
    return _text_article(pair, claims)


def _source(pair: Pair, body: str) -> Source:
    text = f"{pair.title}\n\n{body}" if pair.title else body
    return Source(id=pair.id, path=pair.path, text=text, format="json", fields=dict(pair.fields))


def _sentence_article(pair: Pair, claims: bool) -> Article:
    from summarize.article.claims import extract_claims

    source = _source(pair, "\n".join(" ".join(p) for p in pair.paragraphs))
    pos = len(pair.title) + 2 if pair.title else 0
    sentences, paragraphs = [], []
    for p, paragraph in enumerate(pair.paragraphs):
        start = pos
        for text in paragraph:
            index = len(sentences)
            sentences.append(Sentence(source, pos, pos + len(text), index, "body", p))
            pos += len(text) + 1
        paragraphs.append(Span(source, start, pos - 1))
    published = _published(pair)
    return Article(
        source=source,
        headline=Span(source, 0, len(pair.title)) if pair.title else None,
        paragraphs=tuple(paragraphs),
        outlet=_outlet(pair),
        published=published,
        sentences=tuple(sentences),
        claims=extract_claims(source, sentences, published) if claims else (),
    )


def _text_article(pair: Pair, claims: bool) -> Article:
    from summarize.article.clean import clean
    from summarize.article.pipeline import analyse
    from summarize.article.segment import segment

    source = _source(pair, pair.text)
    if claims:
        return analyse(source)
    cleaned = clean(source)
    return Article(
        source=source,
        headline=cleaned.headline,
        subheadings=cleaned.subheadings,
        paragraphs=cleaned.paragraphs,
        sentences=segment(source, cleaned.headline, cleaned.subheadings, cleaned.paragraphs),
    )


def _published(pair: Pair):
    from summarize.article.metadata import parse_datetime

    value = pair.fields.get("published")
    return parse_datetime(value) if value else None


def _outlet(pair: Pair) -> str | None:
    from summarize.article.outlets import canonical_outlet

    value = pair.fields.get("outlet")
    return canonical_outlet(value) if value else None
