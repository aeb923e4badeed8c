"""Signals and a closed stdout: one line, a distinct exit status, no traceback, no debris.

Real `kosum` processes (`python -m summarize`) are stopped while they wait on standard input,
so the signal arrives at a known point.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = sorted((ROOT / "samples").glob("*.txt"))[0]
KOSUM = [sys.executable, "-m", "summarize"]

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc to time the signal")


def _wait_until_reading_stdin(process: subprocess.Popen, timeout: float = 60.0) -> None:
    """Until the main thread is blocked in read(0, ...) (`/proc/PID/syscall` starts `0 0x0`)."""
    deadline = time.monotonic() + timeout
    syscall = Path(f"/proc/{process.pid}/syscall")
    while time.monotonic() < deadline:
        try:
            if syscall.read_text().startswith("0 0x0 "):
                time.sleep(0.2)
                return
        except OSError:
            pytest.skip("/proc/PID/syscall is not readable here")
        if process.poll() is not None:
            pytest.fail(f"kosum ended early: {process.communicate()}")
        time.sleep(0.05)
    pytest.fail("kosum never started reading its standard input")


def _stopped_by(signum: int, tmp_path: Path) -> tuple[int, str, list[str]]:
    output = tmp_path / "out.json"
    output.write_text("이전 결과\n", encoding="utf-8")
    process = subprocess.Popen(
        [*KOSUM, "inspect", "-", "-f", "json", "-o", str(output)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until_reading_stdin(process)
        process.send_signal(signum)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert output.read_text(encoding="utf-8") == "이전 결과\n"
    return process.returncode, err, sorted(p.name for p in tmp_path.iterdir())


def test_ctrl_c_says_interrupted_and_exits_130(tmp_path: Path) -> None:
    code, err, files = _stopped_by(signal.SIGINT, tmp_path)
    assert code == 130
    assert err.strip().splitlines() == ["kosum: interrupted"]
    assert files == ["out.json"]


def test_sigterm_says_terminated_and_exits_143(tmp_path: Path) -> None:
    code, err, files = _stopped_by(signal.SIGTERM, tmp_path)
    assert code == 143
    assert err.strip().splitlines() == ["kosum: terminated"]
    assert files == ["out.json"]


def test_a_closed_stdout_is_no_traceback() -> None:
    """`kosum inspect ... | head -1`: the reader goes away; no BrokenPipeError traceback."""
    process = subprocess.Popen(
        [*KOSUM, "inspect", str(SAMPLE), "-f", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read().decode()
    process.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipeError" not in err
    assert process.returncode in (0, 1)
