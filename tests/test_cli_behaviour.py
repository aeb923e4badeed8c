"""Command-line behaviour shared by every command (inspect, summarize, diff, report).

Exit status 0 when all went well, 1 when some inputs failed (each named on stderr in one line),
2 for usage errors; a progress bar on stderr for long runs and `--quiet` to silence it.
Commands run in-process through typer's test runner, so the analysers load once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
# Two articles on different events: every command has real work to do, and nothing to align.
TWO = [SAMPLES[3], SAMPLES[4]] if len(SAMPLES) >= 5 else SAMPLES[:2]

COMMANDS = ["inspect", "summarize", "diff", "report"]


@pytest.fixture(scope="module")
def cli():
    """The typer app with every command registered, and its click group."""
    try:
        import summarize.cli  # noqa: F401  (imports and registers every command)
        from summarize.cli.app import app
    except ImportError as exc:
        pytest.skip(f"the kosum CLI does not import yet: {exc}")
    import typer.main

    return app, typer.main.get_command(app)


def _invoke(cli, command: str, args: list[str], tmp_path: Path, quiet: bool = False):
    from typer.testing import CliRunner

    app, group = cli
    if command not in group.commands:
        pytest.skip(f"`kosum {command}` is not registered yet")
    extra = ["-o", str(tmp_path / "report.html")] if command == "report" else []
    argv = [command, *args, *extra, *(["--quiet"] if quiet else [])]
    result = CliRunner().invoke(app, argv)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture
def empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "빈기사.txt"
    path.write_bytes(b"")
    return path


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make rich treat the captured stderr as a terminal, so progress bars are drawn."""
    monkeypatch.setenv("TTY_COMPATIBLE", "1")


@pytest.mark.parametrize("command", COMMANDS)
def test_exit_0_when_all_inputs_are_read(cli, command: str, tmp_path: Path) -> None:
    result = _invoke(cli, command, [str(TWO[0])], tmp_path, quiet=True)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    if command == "report":
        assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    else:
        assert result.stdout.strip(), "nothing written to stdout"


@pytest.mark.parametrize("command", COMMANDS)
def test_exit_1_and_one_line_naming_each_failed_input(
    cli, command: str, tmp_path: Path, empty_file: Path
) -> None:
    missing = tmp_path / "없는파일.txt"
    result = _invoke(
        cli, command, [str(TWO[0]), str(empty_file), str(missing)], tmp_path, quiet=True
    )
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len([line for line in lines if empty_file.name in line]) == 1, result.stderr
    assert len([line for line in lines if missing.name in line]) == 1, result.stderr
    # the good input is still processed
    if command == "report":
        assert (tmp_path / "report.html").is_file()
    else:
        assert result.stdout.strip()


@pytest.mark.parametrize("command", COMMANDS)
def test_exit_2_for_usage_errors(cli, command: str, tmp_path: Path) -> None:
    result = _invoke(cli, command, [str(TWO[0]), "--no-such-option"], tmp_path)
    assert result.exit_code == 2, result.output
    assert "--no-such-option" in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_quiet_silences_progress(cli, command: str, tmp_path: Path, terminal: None) -> None:
    paths = [str(p) for p in TWO]
    loud = _invoke(cli, command, paths, tmp_path)
    assert loud.exit_code == 0, loud.output
    assert loud.stderr.strip(), "no progress shown on a terminal without --quiet"
    quiet = _invoke(cli, command, paths, tmp_path, quiet=True)
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr == ""


def test_report_without_any_readable_input_fails(cli, tmp_path: Path, empty_file: Path) -> None:
    result = _invoke(cli, "report", [str(empty_file)], tmp_path, quiet=True)
    assert result.exit_code == 1
    assert not (tmp_path / "report.html").exists()
    assert "not written" in result.stderr


def test_report_to_stdout(cli, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    app, _ = cli
    result = CliRunner().invoke(app, ["report", str(TWO[0]), "-o", "-", "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith("<!doctype html>")
    assert result.stdout.rstrip().endswith("</html>")


def test_version_and_no_arguments(cli) -> None:
    from typer.testing import CliRunner

    import summarize

    app, _ = cli
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"kosum {summarize.__version__}"
    bare = CliRunner().invoke(app, [])
    assert bare.exit_code == 2
    assert all(c in bare.output for c in COMMANDS)


@pytest.mark.parametrize("command", ["inspect", "summarize", "diff"])
def test_bad_format_is_a_usage_error(cli, command: str, tmp_path: Path) -> None:
    result = _invoke(cli, command, [str(TWO[0]), "--format", "bogus"], tmp_path, quiet=True)
    assert result.exit_code == 2
    assert "bogus" in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_unwritable_output_is_one_line_and_exit_2(cli, command: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    app, _ = cli
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    target = blocker / "out.txt"  # a file cannot hold a directory
    result = CliRunner().invoke(app, [command, str(TWO[0]), "-o", str(target), "--quiet"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("kosum: ") and str(target) in lines[0]
    directory = CliRunner().invoke(app, [command, str(TWO[0]), "-o", str(tmp_path), "-q"])
    assert directory.exit_code == 2
    assert "is a directory" in directory.stderr


@pytest.mark.parametrize("command", ["inspect", "summarize", "diff"])
def test_stdin_and_output_file(cli, command: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    app, _ = cli
    out = tmp_path / "out.txt"
    text = TWO[0].read_text(encoding="utf-8-sig")
    result = CliRunner().invoke(app, [command, "-", "-o", str(out), "-q"], input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    written = out.read_text(encoding="utf-8")
    assert "stdin" in written and "\x1b[" not in written
