"""File names are data, never markup or terminal commands.

A name with rich markup (`x[/]y.txt`, `[red]`), a newline, an ANSI escape, a bidi override or
bytes that are not UTF-8 is named faithfully, on one line, with its unsafe characters escaped;
it neither crashes the error reporter nor reaches the terminal raw, and the other inputs are
still processed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summarize.article.decoding import printable

KOREAN = (
    "카카오가 안산에 데이터센터를 열었다.\n정신아 대표는 “안정성을 최우선으로 했다”고 말했다.\n"
)

HOSTILE_NAMES = [
    "x[/]y.txt",
    "[red]빨강[/red].txt",
    "[bold]굵게.txt",
    "new\nline.txt",
    "esc\x1b[31mred\x1b[0m.txt",
    "bell\x07.txt",
    "rlo\u202etxt.exe.txt",
    "zero\u200bwidth.txt",
    ":smile: emoji.txt",
    os.fsdecode(b"latin1-\xe9t\xe9.txt"),
]
UNSAFE = ("\x1b", "\x07", "\u202e", "\u200b")


@pytest.fixture(scope="module")
def app():
    import summarize.cli  # noqa: F401  (registers the commands)
    from summarize.cli.app import app

    return app


def _run(app, *args: str):
    from typer.testing import CliRunner

    return CliRunner().invoke(app, list(args))


def _assert_safe(stream: str) -> None:
    for c in UNSAFE:
        assert c not in stream, repr(c)


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=ascii)
def test_a_bad_input_with_a_hostile_name_is_one_faithful_line(
    app, tmp_path: Path, name: str, kiwi
) -> None:
    bad = tmp_path / name
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text(KOREAN, encoding="utf-8")
    result = _run(app, "inspect", str(bad), str(good), "-f", "json")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines == [f"kosum: {printable(str(bad))}: empty file"]
    _assert_safe(result.stderr)
    assert '"id": "good"' in result.stdout


def test_a_name_too_long_for_the_file_system(app, tmp_path: Path) -> None:
    name = str(tmp_path / ("가" * 200 + ".txt"))
    result = _run(app, "inspect", name)
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"kosum: {name}: ") and "too long" in line


def test_a_name_with_a_nul_byte(app) -> None:
    result = _run(app, "inspect", "nul\x00byte.txt")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["kosum: nul\\x00byte.txt: no such file or directory"]


@pytest.mark.parametrize("name", HOSTILE_NAMES[:6], ids=ascii)
def test_a_good_article_with_a_hostile_name_is_shown_safely(
    app, tmp_path: Path, name: str, kiwi
) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(KOREAN, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(KOREAN.replace("안산", "판교"), encoding="utf-8")
    for command in (["inspect"], ["diff", "--embedder", "none"]):
        result = _run(app, *command, str(path), str(other))
        assert result.exit_code == 0, result.stderr
        _assert_safe(result.stdout)
        assert printable(Path(name).stem) in result.stdout.replace("\n", "")


def test_ids_from_file_names_are_printable(tmp_path: Path) -> None:
    from summarize.article.ingest import unique_ids

    ids = unique_ids([tmp_path / "a\x1b[2Jb.txt", tmp_path / "c\nd.txt", tmp_path / "[red].txt"])
    assert ids == ["a\\x1b[2Jb", "c\\nd", "[red]"]


def test_printable_escapes_what_a_terminal_would_obey() -> None:
    assert printable("plain 기사.txt") == "plain 기사.txt"
    assert printable("a\nb\tc\rd") == "a\\nb\\tc\\rd"
    assert printable("\x1b[31m\x7f\x9b") == "\\x1b[31m\\x7f\\x9b"
    assert printable("\u202e\u2066\u200b\u2028") == "\\u202e\\u2066\\u200b\\u2028"
    assert printable(os.fsdecode(b"\xff")) == "\\xff"
