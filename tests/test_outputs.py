"""Output files: atomic, never through a symbolic link, never over an input, untouched when
nothing was produced; Markdown output carries no raw HTML."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.cli import output as output_module
from summarize.cli.output import OutputError, write_atomic

KOREAN = (
    "카카오가 안산에 데이터센터를 열었다.\n정신아 대표는 “안정성을 최우선으로 했다”고 말했다.\n"
)
OLD = "이전 결과\n"


@pytest.fixture(scope="module")
def app():
    import summarize.cli  # noqa: F401  (registers the commands)
    from summarize.cli.app import app

    return app


def _run(app, *args: str):
    from typer.testing import CliRunner

    return CliRunner().invoke(app, list(args))


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(KOREAN, encoding="utf-8")
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- atomic writes -------------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text(OLD, encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_module.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "새 결과" * 1000)
    assert target.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def test_an_interrupt_while_writing_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text(OLD, encoding="utf-8")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "새 결과")
    assert target.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def test_a_file_size_limit_kills_the_writer_but_not_the_old_file(
    tmp_path: Path, article: Path
) -> None:
    """A real process under RLIMIT_FSIZE: before, `-o` truncated the old file in place."""
    target = tmp_path / "out.json"
    target.write_text(OLD, encoding="utf-8")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    kosum = [sys.executable, "-m", "summarize", "inspect", str(article), "-f", "json"]
    result = subprocess.run(
        [*kosum, "-o", str(target)], capture_output=True, text=True, preexec_fn=limit, timeout=120
    )
    assert result.returncode == 2, result.stderr
    assert "cannot write: File too large" in result.stderr
    assert target.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def test_permissions_new_file_default_existing_file_kept(tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    write_atomic(new, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert new.stat().st_mode & 0o777 == 0o666 & ~umask
    kept = tmp_path / "kept.txt"
    kept.write_text(OLD)
    kept.chmod(0o640)
    write_atomic(kept, "y")
    assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_text() == "y"


# --- what is refused -----------------------------------------------------------------------------


def test_a_symbolic_link_is_never_written_through(app, tmp_path: Path, article: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text(OLD, encoding="utf-8")
    link = tmp_path / "out.json"
    link.symlink_to(victim)
    result = _run(app, "inspect", str(article), "-f", "json", "-o", str(link))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"kosum: {link}: is a symbolic link; not writing through it"
    assert victim.read_text(encoding="utf-8") == OLD and link.is_symlink()
    with pytest.raises(OutputError, match="symbolic link"):
        write_atomic(link, "x")


@pytest.mark.parametrize("command", ["inspect", "summarize", "diff"])
def test_an_input_is_never_overwritten(app, command: str, article: Path) -> None:
    result = _run(app, command, str(article), "-o", str(article))
    assert result.exit_code == 2
    assert "is also an input" in result.stderr
    assert article.read_text(encoding="utf-8") == KOREAN


def test_an_input_found_in_a_directory_is_never_overwritten(
    app, tmp_path: Path, article: Path
) -> None:
    link = tmp_path / "elsewhere.txt"
    link.symlink_to(article)  # the same file under another name: refused as a link anyway
    result = _run(app, "inspect", str(tmp_path), "-o", str(article))
    assert result.exit_code == 2 and "is also an input" in result.stderr
    assert article.read_text(encoding="utf-8") == KOREAN


@pytest.mark.parametrize("command", ["inspect", "summarize", "diff", "report"])
def test_an_existing_output_is_untouched_when_nothing_was_read(
    app, command: str, tmp_path: Path
) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    target = tmp_path / "out.txt"
    target.write_text(OLD, encoding="utf-8")
    result = _run(app, command, str(bad), "-o", str(target))
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == OLD
    assert f"kosum: no article could be read; {target} not written" in result.stderr


def test_inspect_with_nothing_read_prints_nothing(app, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = _run(app, "inspect", str(bad), "-f", "json")
    assert result.exit_code == 1 and result.stdout == ""


# --- Markdown carries no HTML --------------------------------------------------------------------


def test_markdown_escapes_html_from_articles(app, tmp_path: Path, kiwi) -> None:
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    paths = []
    for n, place in enumerate(("안산", "판교")):
        path = tmp_path / f"{n}.txt"
        path.write_text(
            f"카카오가 {place}에 데이터센터를 열었다 {payload}.\n"
            f"정신아 대표는 “안정성을 최우선으로 했다 {payload}”고 말했다.\n",
            encoding="utf-8",
        )
        paths.append(str(path))
    result = _run(app, "diff", *paths, "-f", "markdown", "--embedder", "none")
    assert result.exit_code == 0, result.stderr
    assert "<script" not in result.stdout and "<img" not in result.stdout
    assert "&lt;script&gt;" in result.stdout
    summary = _run(app, "summarize", *paths, "-f", "markdown", "--no-events")
    assert summary.exit_code == 0 and "<script" not in summary.stdout


def test_md_escape() -> None:
    from summarize.render.markdown import md_escape

    assert md_escape("<b>a</b> & [x](y) `c`") == r"&lt;b&gt;a&lt;/b&gt; &amp; \[x\](y) \`c\`"
