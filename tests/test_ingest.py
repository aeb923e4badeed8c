"""Ingestion: decoding, formats, directories, stdin and every kind of bad input."""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path

import pytest

from summarize.article.ingest import MAX_BYTES, decode, iter_sources, read_path, source_from_text
from summarize.types import InputError, Source

ARTICLES = Path(__file__).parent / "data" / "articles"
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "004_2156938ce1796b10.txt"
KOREAN = (
    '카카오가 안산에 데이터센터를 열었다.\n정신아 대표는 "안정성을 최우선으로 했다"고 말했다.\n'
)


def _errors(items: list) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def _sources(items: list) -> list[Source]:
    return [i for i in items if isinstance(i, Source)]


def _one_error(path: Path) -> InputError:
    items = list(iter_sources([str(path)]))
    assert len(items) == 1 and isinstance(items[0], InputError), items
    message = str(items[0])
    assert "\n" not in message
    assert message.startswith(str(path)), message
    return items[0]


# --- bad inputs: one line each, naming the input ---------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty" in _one_error(path).reason


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t\n", encoding="utf-8")
    assert "empty" in _one_error(path).reason


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(256)) * 20)
    assert "binary" in _one_error(path).reason


def test_image_named_as_text(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert "PNG" in _one_error(path).reason


def test_english_only(tmp_path: Path) -> None:
    path = tmp_path / "english.txt"
    path.write_text("Kakao opened a data center in Ansan.\nThe CEO spoke to reporters.\n")
    assert "no Korean text" in _one_error(path).reason


def test_html_with_only_scripts(tmp_path: Path) -> None:
    path = tmp_path / "scripts.html"
    path.write_text(
        "<html><head><script>var x = '카카오';</script></head>"
        "<body><script>document.write('데이터센터')</script><noscript></noscript></body></html>"
    )
    assert "no article text" in _one_error(path).reason


def test_ten_megabytes_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as f:
        line = KOREAN * 20
        while f.tell() < 10 * 1024 * 1024:
            f.write(line)
    started = time.perf_counter()
    error = _one_error(path)
    assert time.perf_counter() - started < 1.0
    assert "too large" in error.reason and "limit 5 MB" in error.reason


def test_a_jsonl_collection_over_the_article_limit_is_read_record_by_record(
    tmp_path: Path,
) -> None:
    """A 6 MB JSONL file of ordinary articles loses none of them; the one oversized record
    among them is refused alone, naming its line."""
    path = tmp_path / "corpus.jsonl"
    body = KOREAN * 40
    count = 0
    with path.open("w", encoding="utf-8") as f:
        while f.tell() < MAX_BYTES + 1024 * 1024:
            f.write(json.dumps({"title": f"제목 {count}", "body": body}, ensure_ascii=False))
            f.write("\n")
            count += 1
        f.write(json.dumps({"title": "거대", "body": KOREAN * (MAX_BYTES // len(KOREAN))}))
        f.write("\n")
    items = list(iter_sources([str(path)]))
    sources, errors = _sources(items), _errors(items)
    assert len(sources) == count
    assert len(errors) == 1
    assert errors[0].name == f"{path}#{count + 1}" and "too large" in errors[0].reason


def test_largest_accepted_input_is_processed_in_bounded_time(tmp_path: Path) -> None:
    from summarize.article.clean import clean

    path = tmp_path / "long.txt"
    paragraph = "가나다라 " * 40 + "{n}번째 문단이다.\n"
    with path.open("w", encoding="utf-8") as f:
        n = 0
        while f.tell() < MAX_BYTES - 10_000:
            f.write(paragraph.format(n=n))
            n += 1
    started = time.perf_counter()
    source = next(read_path(str(path)))
    cleaned = clean(source)
    assert time.perf_counter() - started < 20
    assert len(cleaned.paragraphs) == n


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in _one_error(tmp_path / "nope.txt").reason


def test_read_path_raises_input_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        list(read_path(str(path)))


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("cp949", "cp949"),
        ("euc-kr", "cp949"),  # EUC-KR is a subset of CP949
        ("utf-16", "utf-16-le"),  # with BOM
        ("utf-16-le", "utf-16-le"),  # no BOM: sniffed
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, encoding: str, expected: str) -> None:
    # the sample minus characters CP949 lacks (no-break spaces), so that every encoding holds it
    text = "".join(c for c in SAMPLE.read_text(encoding="utf-8") if c != "\u00a0")
    path = tmp_path / f"article_{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    source = next(read_path(str(path)))
    assert source.text == text
    assert source.encoding == expected
    assert not source.text.startswith("\ufeff")


def test_short_cp949_text_is_not_mistaken_for_another_code_page() -> None:
    text, encoding = decode("카카오가 데이터센터를 연다.".encode("cp949"), "x")
    assert text == "카카오가 데이터센터를 연다."
    assert encoding == "cp949"


def test_windows_line_endings_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(KOREAN.replace("\n", "\r\n").encode("utf-8"))
    assert next(read_path(str(path))).text == KOREAN


def test_utf8_cut_inside_the_last_character(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(KOREAN.encode("utf-8") + "카".encode()[:2])
    assert next(read_path(str(path))).text == KOREAN


# --- formats ---------------------------------------------------------------------------------


def test_json_array_records() -> None:
    items = list(iter_sources([str(ARTICLES / "records.json")]))
    sources = _sources(items)
    assert [s.id for s in sources] == ["kbs-2024-0312", "records#2"]
    first = sources[0]
    title = "기준금리 연 3.5% 동결…11회 연속"
    assert first.text.startswith(title + "\n\n한국은행")
    assert first.format == "json"
    assert first.fields["outlet"] == "KBS"
    assert first.fields["published"] == "2024-04-12T10:05:00+09:00"
    assert first.fields["url"].startswith("https://news.kbs.co.kr/")
    assert sources[1].text.startswith("서울시, 따릉이")  # `text` instead of `body`


def test_json_single_object_takes_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"title": "제목이다", "body": KOREAN}, ensure_ascii=False))
    (source,) = list(read_path(str(path)))
    assert source.id == "one"
    assert source.text == "제목이다\n\n" + KOREAN.strip()


def test_jsonl_bad_line_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"title": "첫 기사", "body": KOREAN}, ensure_ascii=False)
    path.write_text(f"{good}\n{{broken\n\n{json.dumps({'title': 'x'})}\n{good}\n")
    items = list(iter_sources([str(path)]))
    assert [type(i).__name__ for i in items] == ["Source", "InputError", "InputError", "Source"]
    assert [i.id for i in _sources(items)] == ["feed#1", "feed#5"]
    broken, no_body = _errors(items)
    assert str(broken).startswith(f"{path}#2: invalid JSON")
    assert str(no_body).startswith(f"{path}#4: ") and "no `body`" in str(no_body)


def test_jsonl_file_in_repository() -> None:
    sources = list(read_path(str(ARTICLES / "records.jsonl")))
    assert [s.id for s in sources] == ["records#1", "records#2"]
    assert sources[1].fields == {
        "title": "편의점 도시락 매출 20% 증가…고물가에 '런치플레이션'",
        "outlet": "머니투데이",
        "published": "2024-06-16 08:00",
    }


def test_invalid_json_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"title": "제목", "body": ')
    assert "invalid JSON" in _one_error(path).reason


def test_html_page_extracts_article_and_metadata() -> None:
    (source,) = list(read_path(str(ARTICLES / "mk_chip_page.html")))
    assert source.format == "html"
    assert source.text.startswith("반도체 수출 8개월 연속 증가…5월 수출 11.7%↑\n")
    for clutter in (
        "검색어를 입력하세요",
        "HBM 공급 부족",
        "많이 본 뉴스",
        "dataLayer",
        "대표전화",
    ):
        assert clutter not in source.text
    assert source.fields["sitename"] == "매일경제"
    assert source.fields["date"].startswith("2024-06-01T09:31")
    assert source.fields["url"] == "https://www.mk.co.kr/news/economy/11030000"


def test_html_sniffed_without_extension(tmp_path: Path) -> None:
    html = (ARTICLES / "mk_chip_page.html").read_text(encoding="utf-8")
    path = tmp_path / "saved_page.txt"
    path.write_text(html, encoding="utf-8")
    (source,) = list(read_path(str(path)))
    assert source.format == "html"
    assert "<p>" not in source.text


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = KOREAN.encode("cp949")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (source,) = list(iter_sources(["-"]))
    assert source.id == "stdin" and source.path == "-"
    assert source.text == KOREAN


def test_source_from_text() -> None:
    source = source_from_text("\ufeff" + KOREAN.replace("\n", "\r\n"), id="pasted")
    assert source.id == "pasted"
    assert source.text == KOREAN
    with pytest.raises(InputError, match="pasted: no Korean text"):
        source_from_text("only English here", id="pasted")


# --- directories -----------------------------------------------------------------------------


def test_directory_with_broken_file_still_yields_valid_ones(tmp_path: Path) -> None:
    (tmp_path / "b_good.txt").write_text(KOREAN, encoding="utf-8")
    (tmp_path / "a_empty.txt").write_bytes(b"")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c_good.txt").write_bytes(KOREAN.encode("cp949"))
    (sub / "d_bad.html").write_text("<html><script>x()</script></html>")
    (tmp_path / ".hidden.txt").write_text(KOREAN, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(100))
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    items = list(iter_sources([str(tmp_path)]))
    assert [s.id for s in _sources(items)] == ["b_good", "c_good"]
    assert sorted(Path(e.name).name for e in _errors(items)) == ["a_empty.txt", "d_bad.html"]


def test_empty_directory(tmp_path: Path) -> None:
    (error,) = list(iter_sources([str(tmp_path)]))
    assert isinstance(error, InputError) and "no article files" in error.reason


def test_articles_directory_reads_every_test_article() -> None:
    items = list(iter_sources([str(ARTICLES)]))
    assert not _errors(items)
    assert {s.encoding for s in _sources(items)} >= {"utf-8", "cp949", "utf-16-le"}
    assert len(_sources(items)) == 10


def test_article_ids_are_unique_across_folders(tmp_path):
    from summarize.article.ingest import iter_sources

    body = "카카오가 11일 새 인공지능 서비스를 공개했다. 연내 출시가 목표다."
    for folder in ("bok", "birth"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "edaily.txt").write_text(body, encoding="utf-8")
    (tmp_path / "bok" / "solo.txt").write_text(body, encoding="utf-8")
    solo = str(tmp_path / "bok" / "solo.txt")
    ids = [s.id for s in iter_sources([str(tmp_path), solo])]
    assert ids == ["birth/edaily", "bok/edaily", "solo", "solo~2"]


def test_transcript_with_line_break_markup_is_text_with_the_files_offsets(tmp_path: Path) -> None:
    raw = (
        "<p></p><br /><br />[앵커]<br>예산안 656조원이 국회를 통과했습니다.<br> <br>"
        "정부는 내년 1월부터 집행에 들어갑니다.<br><br>[기자]<br>"
        "본회의에서 찬성 180표가 나왔습니다."
    )
    path = tmp_path / "broadcast.txt"
    path.write_text(raw, encoding="utf-8")
    (source,) = list(read_path(str(path)))
    assert source.format == "text"
    assert source.text == raw  # offsets into what the file holds
    page = tmp_path / "page.txt"
    page.write_text("<p>예산안 통과</p><div class='ad'>광고</div><p>본문입니다.</p>", "utf-8")
    (fragment,) = list(read_path(str(page)))
    assert fragment.format == "html"  # any other tag: a page for trafilatura
