"""Hostile inputs: whatever one input holds, it gives one line naming it and the others are read.

Deep nesting, error floods, legacy encodings past the detection sample, decomposed Hangul,
invisible characters, control characters, pathological line lengths, and failures nobody
planned for (an exception inside the analysis of one article).
"""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from pathlib import Path

import pytest

from summarize.article import decoding, records
from summarize.article.ingest import iter_sources, read_path, source_from_text
from summarize.types import InputError, Source

KOREAN = (
    "카카오가 안산에 데이터센터를 열었다.\n정신아 대표는 “안정성을 최우선으로 했다”고 말했다.\n"
)
DEEP = "[" * 10_000 + "]" * 10_000
DEEP_OBJECT = '{"a":' * 10_000 + "1" + "}" * 10_000


def _split(items: list) -> tuple[list[Source], list[InputError]]:
    return (
        [i for i in items if isinstance(i, Source)],
        [i for i in items if isinstance(i, InputError)],
    )


def _record(n: int, body: str = KOREAN) -> str:
    return json.dumps({"title": f"제목 {n}", "body": body}, ensure_ascii=False)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(KOREAN, encoding="utf-8")
    return path


# --- deep nesting ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [("deep.json", DEEP), ("deep.txt", DEEP), ("deep_object.json", DEEP_OBJECT)],
)
def test_deeply_nested_json_is_one_error_and_the_others_are_read(
    tmp_path: Path, good: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    sources, errors = _split(list(iter_sources([str(path), str(good)])))
    assert [s.id for s in sources] == ["good"]
    assert len(errors) == 1 and errors[0].name == str(path)
    assert "deep" in errors[0].reason and "\n" not in str(errors[0])


def test_deeply_nested_jsonl_line_is_one_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(f"{_record(1)}\n{DEEP}\n{_record(3)}\n", encoding="utf-8")
    sources, errors = _split(list(iter_sources([str(path)])))
    assert [s.id for s in sources] == ["feed#1", "feed#3"]
    assert [e.name for e in errors] == [f"{path}#2"] and "nested too deeply" in errors[0].reason


def test_deeply_nested_json_on_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DEEP.encode())))
    (error,) = list(iter_sources(["-"]))
    assert isinstance(error, InputError) and "deep" in error.reason


def test_a_deep_record_inside_an_array_keeps_the_records_before_it(tmp_path: Path) -> None:
    path = tmp_path / "mixed.json"
    path.write_text(f"[{_record(1)}, {DEEP}, {_record(3)}]", encoding="utf-8")
    sources, errors = _split(list(iter_sources([str(path)])))
    assert [s.id for s in sources] == ["mixed#1"]
    assert len(errors) == 1 and "record 2 nested too deeply" in errors[0].reason


# --- error floods ------------------------------------------------------------------------------


def test_an_array_of_numbers_reports_ten_bad_records_and_a_count(tmp_path: Path) -> None:
    path = tmp_path / "numbers.json"
    path.write_text(json.dumps(list(range(50_000))), encoding="utf-8")
    items = list(iter_sources([str(path)]))
    sources, errors = _split(items)
    assert not sources
    assert len(errors) == records.MAX_LISTED_BAD_RECORDS + 1
    assert errors[0].name == f"{path}#1" and "not an object" in errors[0].reason
    assert errors[-1].name == str(path)
    assert errors[-1].reason == "and 49,990 more bad records (not listed)"


def test_a_jsonl_of_non_korean_records_is_capped_and_good_records_survive(tmp_path: Path) -> None:
    path = tmp_path / "english.jsonl"
    lines = [json.dumps({"title": "t", "body": "English only."})] * 500
    lines[250] = _record(251)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sources, errors = _split(list(iter_sources([str(path)])))
    assert [s.id for s in sources] == ["english#251"]
    assert len(errors) == records.MAX_LISTED_BAD_RECORDS + 1
    assert errors[-1].reason == "and 489 more bad records (not listed)"


# --- encodings of large collections --------------------------------------------------------------


def test_cp949_jsonl_past_the_detection_sample_is_decoded_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The detection sample ends in the middle of a two-byte character: every record is still
    read (before: the records past the sample vanished, or the whole file was refused)."""
    monkeypatch.setattr(decoding, "SNIFF_BYTES", 1001)
    monkeypatch.setattr(records, "SNIFF_BYTES", 1001)
    path = tmp_path / "legacy.jsonl"
    data = "".join(_record(n) + "\n" for n in range(200)).encode("cp949")
    assert len(data) > 20 * 1001
    path.write_bytes(data)
    sources, errors = _split(list(iter_sources([str(path)])))
    assert not errors
    assert len(sources) == 200 and {s.encoding for s in sources} == {"cp949"}
    assert sources[-1].text.startswith("제목 199\n\n카카오가")


def test_the_detection_sample_of_a_large_file_never_splits_a_character(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """charset-normalizer finds no encoding for a sample cut inside a CP949 character (a 5 MB
    JSONL head read exactly at the limit was refused whole before)."""
    monkeypatch.setattr(decoding, "SNIFF_BYTES", 1001)
    data = "".join(_record(n) + "\n" for n in range(50)).encode("cp949")
    head = data[:1001]
    sample = decoding._sample(head, head=True)
    assert sample.endswith(b"\n") and len(sample) < 1001
    assert decoding.detect_encoding(head, "x", head=True) == "cp949"


def test_cp949_json_array_past_the_detection_sample_is_decoded_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(decoding, "SNIFF_BYTES", 999)
    path = tmp_path / "legacy.json"
    path.write_bytes(("[" + ",\n".join(_record(n) for n in range(100)) + "]").encode("cp949"))
    sources, errors = _split(list(iter_sources([str(path)])))
    assert not errors and len(sources) == 100


def test_utf16_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes("".join(_record(n) + "\r\n" for n in range(30)).encode("utf-16"))
    sources, errors = _split(list(iter_sources([str(path)])))
    assert not errors and len(sources) == 30 and sources[0].encoding == "utf-16-le"


def test_an_undecodable_line_is_one_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [_record(n).encode() for n in range(1, 6)]
    lines[1] = b'{"body": "\xff\xfe\xfd"}'
    path.write_bytes(b"\n".join(lines) + b"\n")
    sources, errors = _split(list(iter_sources([str(path)])))
    assert [s.id for s in sources] == ["mixed#1", "mixed#3", "mixed#4", "mixed#5"]
    assert [e.name for e in errors] == [f"{path}#2"] and "undecodable" in errors[0].reason


def test_json_lines_under_a_json_name_and_records_sharing_an_id(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    same = json.dumps({"id": "a", "body": KOREAN}, ensure_ascii=False)
    path.write_text(f"{same}\n{same}\n", encoding="utf-8")
    sources, errors = _split(list(iter_sources([str(path)])))
    assert not errors and [s.id for s in sources] == ["a", "a~2"]


# --- Unicode -------------------------------------------------------------------------------------


def test_decomposed_hangul_is_read_and_composed(tmp_path: Path) -> None:
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", KOREAN), encoding="utf-8")
    (source,) = list(read_path(str(path)))
    assert source.text == KOREAN


def test_invisible_characters_are_removed_so_copies_compare_equal(
    sample_paths: list[Path], tmp_path: Path, kiwi
) -> None:
    import summarize

    clean = sample_paths[0].read_text(encoding="utf-8-sig")
    noisy = "".join(
        c + ("\u200b", "\u200d", "\ufeff", "\u2060", "\u202e", "\u00ad")[i % 6] if i % 7 == 0 else c
        for i, c in enumerate(clean)
    )
    path = tmp_path / "noisy.txt"
    path.write_text(noisy, encoding="utf-8")
    a, b = summarize.load(sample_paths[0]), summarize.load(path)
    assert b.text == a.text
    assert [c.text for c in b.claims] == [c.text for c in a.claims]
    comparison = summarize.compare([a, b], embedder="none")
    assert not comparison.conflicts


def test_controls_and_lone_surrogates_never_reach_the_text() -> None:
    raw = "제목\x1b[2J이다\u2028본문\x00이다\ud800.\x0c끝" + "보통 문장이다. " * 10
    text = source_from_text(raw).text
    assert text == "제목[2J이다\n본문이다\ufffd.\n끝" + "보통 문장이다. " * 10
    text.encode("utf-8")  # writable


def test_offsets_point_into_the_normalised_text(kiwi) -> None:
    import summarize

    article = summarize.load(unicodedata.normalize("NFD", "\u200b" + KOREAN))
    assert article.text == KOREAN
    for claim in article.claims:
        assert article.text[claim.start : claim.end] == claim.text


# --- pathological lengths ------------------------------------------------------------------------


def test_a_long_line_reaches_kiwipiepy_in_bounded_chunks(
    monkeypatch: pytest.MonkeyPatch, kiwi
) -> None:
    """Sentence splitting is quadratic in the length kiwipiepy gets at once; no call may get
    more than `MAX_CHUNK_CHARS` of one line, with or without spaces and punctuation."""
    from summarize.article import segment
    from summarize.article.pipeline import analyse

    seen: list[int] = []
    real = segment.split_sentences

    def spy(lines):
        seen.extend(len(line) for line in lines)
        return real(lines)

    monkeypatch.setattr(segment, "split_sentences", spy)
    for unit in ("카카오가 데이터센터를 열었다. ", "가나다라마 ", "가"):
        text = unit * (12_000 // len(unit))
        article = analyse(source_from_text(text))
        assert max(seen) <= segment.MAX_CHUNK_CHARS
        assert max(len(s) for s in article.sentences) <= segment.MAX_SENTENCE_CHARS
        covered = "".join(s.text for s in article.sentences)
        assert covered.replace(" ", "") == text.replace(" ", "")  # nothing lost
        seen.clear()


def test_chunks_end_at_sentence_ends_when_there_are_some() -> None:
    from summarize.article.segment import bounded_chunks

    text = "가나다라마바사 일이다. " * 500
    chunks = bounded_chunks(text, 0, len(text), limit=100)
    assert all(e - s <= 100 for s, e in chunks)
    assert all(text[s:e].endswith("일이다.") for s, e in chunks)


def test_the_analysis_budget_cuts_pathological_articles_short(
    monkeypatch: pytest.MonkeyPatch, kiwi
) -> None:
    from summarize.article import segment
    from summarize.article.pipeline import analyse

    monkeypatch.setattr(segment, "MAX_ANALYSED_CHARS", 3000)
    article = analyse(source_from_text("카카오가 데이터센터를 열었다. " * 1000))
    assert sum(len(s) for s in article.sentences) <= 3000
    assert segment.unsegmented_chars(article.paragraphs, article.sentences) > 10_000
    normal = analyse(source_from_text(KOREAN))
    assert segment.unsegmented_chars(normal.paragraphs, normal.sentences) == 0


# --- failures nobody planned for ---------------------------------------------------------------


def _clean_raises_on_bomb(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    """Make cleaning raise `error` for any article containing 폭탄 (a failure nobody planned)."""
    from summarize.article import pipeline

    real = pipeline.clean

    def clean(source):
        if "폭탄" in source.text:
            raise error
        return real(source)

    monkeypatch.setattr(pipeline, "clean", clean)


def test_an_exception_in_one_articles_analysis_is_one_error(
    monkeypatch: pytest.MonkeyPatch, good: Path, tmp_path: Path, kiwi
) -> None:
    from summarize.article import pipeline

    _clean_raises_on_bomb(monkeypatch, RecursionError("maximum recursion depth exceeded"))
    bad = tmp_path / "bomb.txt"
    bad.write_text("폭탄 기사다.", encoding="utf-8")
    articles, errors = pipeline.analyse_all(iter_sources([str(bad), str(good)]))
    assert [a.id for a in articles] == ["good"]
    (error,) = errors
    assert error.name == str(bad) and "RecursionError" in error.reason
    assert isinstance(error.__cause__, RecursionError)


def test_an_exception_while_reading_is_one_error(
    monkeypatch: pytest.MonkeyPatch, good: Path, tmp_path: Path
) -> None:
    from summarize.article import ingest

    def explode(*args, **kwargs):
        raise KeyError("surprise")

    monkeypatch.setattr(ingest, "_html_source", explode)
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>기사</p></body></html>", encoding="utf-8")
    sources, errors = _split(list(iter_sources([str(page), str(good)])))
    assert [s.id for s in sources] == ["good"]
    assert errors[0].name == str(page) and "KeyError" in errors[0].reason


def test_cli_reports_one_line_and_a_traceback_only_with_debug(
    monkeypatch: pytest.MonkeyPatch, good: Path, tmp_path: Path, kiwi
) -> None:
    from typer.testing import CliRunner

    import summarize.cli  # noqa: F401
    from summarize.cli.app import app, settings

    _clean_raises_on_bomb(monkeypatch, ZeroDivisionError("division by zero"))
    monkeypatch.setattr(settings, "debug", False)
    bad = tmp_path / "bomb.txt"
    bad.write_text("폭탄 기사다.", encoding="utf-8")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["inspect", str(bad), str(good), "-f", "json", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"kosum: {bad}: could not be analysed (ZeroDivisionError: division by zero)"
    ]
    assert [a["id"] for a in json.loads(out.read_text())["articles"]] == ["good"]
    result = CliRunner().invoke(app, ["--debug", "inspect", str(bad), str(good)])
    assert result.exit_code == 1
    assert "Traceback" in result.stderr and "ZeroDivisionError" in result.stderr
