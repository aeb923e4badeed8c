"""The Python API checks its arguments: wrong types are `TypeError`, wrong values `ValueError`,
each with a message naming what was expected; a single path string is one path."""

from __future__ import annotations

from pathlib import Path

import pytest

import summarize
from summarize import InputError

KOREAN = (
    "카카오가 안산에 데이터센터를 열었다.\n정신아 대표는 “안정성을 최우선으로 했다”고 말했다.\n"
)


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "기사.txt"
    path.write_text(KOREAN, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "kind"),
    [(None, "NoneType"), (123, "int"), (b"\xea\xb0\x80", "bytes"), (["a.txt"], "list")],
    ids=["None", "int", "bytes", "list"],
)
def test_load_refuses_other_types(value: object, kind: str) -> None:
    with pytest.raises(TypeError, match=rf"load\(\) takes a path .* not {kind}"):
        summarize.load(value)  # type: ignore[arg-type]


def test_load_bytes_says_how_to_fix_it() -> None:
    with pytest.raises(TypeError, match=r"decode bytes first"):
        summarize.load(KOREAN.encode())  # type: ignore[arg-type]


def test_load_id_must_be_a_string() -> None:
    with pytest.raises(TypeError, match="id must be a str"):
        summarize.load(KOREAN, id=5)  # type: ignore[arg-type]


@pytest.mark.parametrize("missing", ["/no/such/file", "data/없는기사", "없는기사.txt"])
def test_a_missing_path_is_named_as_missing(missing: str) -> None:
    with pytest.raises(InputError, match="no such file or directory") as info:
        summarize.load(missing)
    assert info.value.name == missing


def test_one_line_article_text_is_still_text(kiwi) -> None:
    article = summarize.load("카카오가 1/4분기 매출이 늘었다고 밝혔다.")
    assert article.id == "text" and article.sentences


def test_load_all_takes_a_single_path_as_one_path(article_file: Path, kiwi) -> None:
    for given in (str(article_file), article_file):
        articles, errors = summarize.load_all(given)
        assert [a.id for a in articles] == ["기사"] and errors == []


def test_load_all_of_a_missing_single_path_is_one_error(tmp_path: Path) -> None:
    articles, errors = summarize.load_all(str(tmp_path / "nope.txt"))
    assert articles == [] and len(errors) == 1 and "no such file" in errors[0].reason


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, r"load_all\(\) takes a path .* not NoneType"),
        (42, r"load_all\(\) takes a path .* not int"),
        (b"a.txt", r"load_all\(\) takes a path .* not bytes"),
        ([Path("a.txt"), 7], r"load_all\(\): item 1 is a int, not a path"),
        ([None], r"load_all\(\): item 0 is a NoneType"),
    ],
)
def test_load_all_refuses_other_types(value: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        summarize.load_all(value)  # type: ignore[arg-type]


def test_load_all_progress_must_be_callable(article_file: Path) -> None:
    with pytest.raises(TypeError, match="progress must be callable"):
        summarize.load_all([article_file], progress="yes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"method": "bogus"}, r"unknown method 'bogus'; choose one of: auto, extractive, seq2seq"),
        ({"method": None}, r"unknown method None"),
        ({"long_input": "all"}, r"unknown long_input 'all'; choose one of: select, chunk"),
    ],
)
def test_summarize_refuses_unknown_choices(options: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        summarize.summarize(KOREAN, **options)


def test_summarize_refuses_unknown_options_and_bad_model_types(kiwi) -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'beams'"):
        summarize.summarize(KOREAN, beams=4)
    with pytest.raises(TypeError, match="model must be a str or Path, not int"):
        summarize.summarize(KOREAN, model=3)


def test_summarize_checks_the_article_argument() -> None:
    with pytest.raises(TypeError, match="load"):
        summarize.summarize(None)  # type: ignore[arg-type]


def test_compare_takes_a_single_item_as_a_list_and_refuses_other_types(
    article_file: Path, kiwi
) -> None:
    comparison = summarize.compare(str(article_file), embedder="none")
    assert [a.id for a in comparison.articles] == ["기사"]
    with pytest.raises(TypeError, match=r"compare\(\) takes an iterable of articles"):
        summarize.compare(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"load\(\) takes .* not int"):
        summarize.compare([article_file, 42])  # type: ignore[list-item]
