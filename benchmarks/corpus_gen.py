"""Synthetic news corpora whose true stories are known, for `bench_corpus.py` and
`tests/test_corpus.py`.

A corpus is generated from *base stories*: one or more pages of one real or invented story
(a title and a body, clutter included). Each base gives several *variants*: the same story on
another date with other figures, `SPACING_DAYS` apart (a near-miss of it, as the same release a
week later), and each variant is one true event, reported by a random number of outlets:

- every date written in the page (`2024-06-12`, `2024. 6. 12.`, `6월 11일`, `11일`, `2024년`)
  is rewritten to the variant's date, so that the text and the `published` field agree; every
  other number is scaled by 1 + 0.07 x variant (variant 0 keeps the page's figures);
- each outlet's article is one of the base's pages, with its first lines (headline, byline,
  lead) kept in place and the rest thinned (each unit kept with probability 0.75) and
  shuffled, a few adjacent words swapped, now and then one number changed (a conflict to
  find), and sometimes a sentence of another story added;
- it is published 0-2 days after the event, by one of `OUTLETS`; `UNDATED_SHARE` carry no
  `published` field (their day must be read from the text or inferred).

`write_corpus` splits the records over JSONL files, a JSON array and (when pyarrow is there) a
Parquet file, and can add broken records (invalid JSON, a record without a body) among them.
Output goes wherever the caller says (benchmarks: under /tmp); a corpus built from
real-news-dev pages must never be written into the repository.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

OUTLETS = (
    *("연합뉴스", "뉴스1", "뉴시스", "한겨레", "경향신문", "조선일보", "중앙일보", "동아일보"),
    *("한국일보", "서울신문", "국민일보", "세계일보", "문화일보", "매일경제", "한국경제"),
    *("서울경제", "머니투데이", "아시아경제", "헤럴드경제", "파이낸셜뉴스", "이데일리"),
    *("전자신문", "디지털타임스", "아이뉴스24", "ZDNet Korea", "KBS", "MBC", "SBS", "YTN"),
    "JTBC",
)
SPACING_DAYS = 9
"""Days between two variants of one base: more than twice a story's span (3 days)."""
UNDATED_SHARE = 0.05
EVENT_SIZES = (1, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25)
"""Outlets per event, drawn uniformly (mean about 8.6); singletons are stories too."""


@dataclass(frozen=True)
class Base:
    """One story: its pages, each `(title, body)`."""

    name: str
    pages: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Corpus:
    records: list[dict]
    events: dict[str, str]
    """Record id -> its true event (`base/variant`)."""


# --- bases ---------------------------------------------------------------------------------------


def page_base(name: str, paths: Iterable[Path]) -> Base:
    """A base from article files of one story (text, HTML, JSON), read by kosum's ingest; the
    first line of each is its title, the rest its body."""
    from summarize.article.ingest import iter_sources
    from summarize.types import Source

    pages = []
    for item in iter_sources([str(p) for p in paths]):
        if isinstance(item, Source):
            title, _, body = item.text.strip().partition("\n")
            if body.strip():  # a page of one line gives no article body
                pages.append((title.strip(), body.strip()))
    return Base(name, tuple(pages))


def sci_bases(folder: Path) -> list[Base]:
    """sci-news-sum-kr-50: one base per article (`title`, `sentences`)."""
    out = []
    for p in sorted(folder.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        sentences = [s.strip().rstrip(".") + "." for s in d["sentences"] if len(s.strip()) > 10]
        out.append(Base(f"sci-{p.stem}", ((d["title"], " ".join(sentences)),)))
    return out


def folder_bases(root: Path) -> list[Base]:
    """One base per sub-folder of `root` (real-news-dev's `events/`): its files are the pages."""
    return [
        page_base(d.name, sorted(f for f in d.iterdir() if f.is_file()))
        for d in sorted(p for p in root.iterdir() if p.is_dir())
    ]


def sample_bases(samples: Path) -> list[Base]:
    """The repository's samples: 000-002 report one story (see ../shared/data/README.md), 003
    and 004 one each."""
    files = sorted(samples.iterdir())
    return [
        page_base("samples-kakao", files[:3]),
        page_base("samples-003", files[3:4]),
        page_base("samples-004", files[4:5]),
    ]


# --- generation ----------------------------------------------------------------------------------


def generate(
    bases: Sequence[Base], articles: int, *, seed: int = 0, start: date = date(2024, 3, 4)
) -> Corpus:
    """About `articles` records (the last event is cut to fit), events in variant order."""
    rng = random.Random(seed)
    bases = [b for b in bases if b.pages]
    records: list[dict] = []
    events: dict[str, str] = {}
    variant = 0
    while len(records) < articles:
        for k, base in enumerate(bases):
            if len(records) >= articles:
                break
            day = start + timedelta(days=variant * SPACING_DAYS + k % SPACING_DAYS)
            size = min(rng.choice(EVENT_SIZES), articles - len(records))
            for _ in range(size):
                record = _article(base, variant, day, rng, bases)
                record["id"] = f"a{len(records):06d}"
                records.append(record)
                events[record["id"]] = f"{base.name}/{variant}"
        variant += 1
    return Corpus(records, events)


def _article(
    base: Base, variant: int, day: date, rng: random.Random, bases: Sequence[Base]
) -> dict:
    title, body = rng.choice(base.pages)
    title = variant_text(title, day, variant)
    body = variant_text(body, day, variant)
    other = rng.choice(bases)
    filler = _units(rng.choice(other.pages)[1]) if other is not base and rng.random() < 0.3 else []
    record = {
        "title": _swap_words(title, rng, 0.2),
        "body": _outlet_body(body, rng, rng.choice(filler) if filler else None),
        "outlet": rng.choice(OUTLETS),
    }
    if rng.random() >= UNDATED_SHARE:
        when = datetime.combine(
            day + timedelta(days=rng.choice((0, 0, 0, 0, 1, 1, 2))), datetime.min.time()
        )
        record["published"] = (
            when + timedelta(hours=rng.randrange(6, 23), minutes=rng.randrange(60))
        ).isoformat() + "+09:00"
    return record


def _outlet_body(body: str, rng: random.Random, foreign: str | None) -> str:
    units = _units(body)
    head = max(1, len(units) // 5)
    kept, rest = units[:head], [u for u in units[head:] if rng.random() < 0.75]
    rng.shuffle(rest)
    if foreign:
        rest.insert(rng.randrange(len(rest) + 1), foreign)
    out = kept + [_swap_words(u, rng, 0.3) for u in rest]
    if rng.random() < 0.15 and len(out) > 1:
        k = rng.randrange(1, len(out))
        out[k] = _NUMBER.sub(lambda m: _bump(m.group(0)), out[k], count=1)
    return "\n\n".join(out)


def _units(body: str) -> list[str]:
    """Lines of a page; a long paragraph is split into its sentences."""
    out = []
    for line in (x.strip() for x in body.split("\n")):
        if not line:
            continue
        out.extend(s for s in re.split(r"(?<=다\.)\s+", line) if s) if len(
            line
        ) > 200 else out.append(line)
    return out


def _swap_words(text: str, rng: random.Random, chance: float) -> str:
    words = text.split(" ")
    if len(words) > 4 and rng.random() < chance:
        k = rng.randrange(len(words) - 1)
        words[k], words[k + 1] = words[k + 1], words[k]
    return " ".join(words)


# --- variant text --------------------------------------------------------------------------------

_DATE_FORMS = (
    r"(?P<full>(?<!\d)(?:19|20)\d\d(?P<s1>\s*[.\-/년]\s*)\d{1,2}(?P<s2>\s*[.\-/월]\s*)\d{1,2}(?!\d))"
    r"|(?P<md>(?<!\d)\d{1,2}(?P<s3>\s?월\s?)\d{1,2}(?=\s?일))"
    r"|(?P<year>(?<!\d)(?:19|20)\d\d(?=\s?년))"
    r"|(?P<day>(?<![\d.])\d{1,2}(?=\s?일))"
)
_NUMBER_FORM = (
    r"(?<![\d.,:가-힣A-Za-z])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?![\d,:]|\s?(?:년|월|일|시|분|초))"
)
_TOKEN = re.compile(f"{_DATE_FORMS}|(?P<number>{_NUMBER_FORM})")
_NUMBER = re.compile(_NUMBER_FORM)


def variant_text(text: str, day: date, variant: int) -> str:
    """The page's dates set to `day`, its other figures scaled for `variant` (see the module
    docstring)."""

    def replace(m: re.Match) -> str:
        if m.group("full"):
            return f"{day.year}{m.group('s1')}{day.month:02d}{m.group('s2')}{day.day:02d}"
        if m.group("md"):
            return f"{day.month}{m.group('s3')}{day.day}"
        if m.group("year"):
            return str(day.year)
        if m.group("day"):
            return str(day.day)
        return _scaled(m.group(0), 1 + 0.07 * variant) if variant else m.group(0)

    return _TOKEN.sub(replace, text)


def _scaled(number: str, factor: float) -> str:
    digits = number.replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value = float(digits) * factor
    text = f"{value:.{decimals}f}"
    if text == digits:
        return _bump(number)
    return f"{round(value):,}" if "," in number and not decimals else text


def _bump(number: str) -> str:
    """The number with its last digit moved by one (`52` -> `53`)."""
    last = int(number[-1])
    return number[:-1] + str((last + 1) % 10 if last != 9 else 8)


# --- files ---------------------------------------------------------------------------------------

BROKEN_LINES = (
    '{"title": "끊긴 레코드", "body": "본문이',  # cut short: invalid JSON
    '{"title": "본문 없는 레코드", "outlet": "연합뉴스"}',  # no body
    '{"title": "no Korean", "body": "This record holds no Korean text at all."}',
)


def write_corpus(corpus: Corpus, folder: Path, *, parts: int = 8, broken: int = 0) -> list[Path]:
    """The records split into `parts` files under `folder` (JSONL; the second part a JSON array,
    the third Parquet when pyarrow is installed), with `broken` bad lines spread over the JSONL
    parts. Returns the files."""
    folder.mkdir(parents=True, exist_ok=True)
    chunks = [corpus.records[k::parts] for k in range(parts)]
    kinds = ["jsonl"] * parts
    if parts > 2:
        kinds[1] = "json"
        kinds[2] = "parquet" if _has_pyarrow() else "jsonl"
    lined = [k for k, kind in enumerate(kinds) if kind == "jsonl"]
    bad: dict[int, list[str]] = {k: [] for k in lined}
    for n in range(broken):
        bad[lined[n % len(lined)]].append(BROKEN_LINES[n % len(BROKEN_LINES)])
    files = []
    for k, (chunk, kind) in enumerate(zip(chunks, kinds, strict=True)):
        path = folder / f"part-{k:02d}.{kind}"
        if kind == "json":
            files.append(_write_json(path, chunk))
        elif kind == "parquet":
            files.append(_write_parquet(path, chunk))
        else:
            files.append(_write_jsonl(path, chunk, bad[k]))
    return files


def _write_jsonl(path: Path, records: list[dict], bad: list[str]) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    for n, line in enumerate(bad):
        lines.insert(min(len(lines), (n + 1) * len(lines) // (len(bad) + 1)), line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _write_json(path: Path, records: list[dict]) -> Path:
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def _write_parquet(path: Path, records: list[dict]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = ("id", "title", "body", "outlet", "published")
    table = pa.table({c: [r.get(c) for r in records] for c in columns})
    pq.write_table(table, path)
    return path


def _has_pyarrow() -> bool:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True
