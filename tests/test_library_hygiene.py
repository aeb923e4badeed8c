"""kosum as a library inside someone else's program: it leaves transformers' global settings as
it found them, logs through `logging.getLogger("kosum")` (silent by default), raises errors
under one `KosumError` base that are still the builtins they were, and names its arguments."""

from __future__ import annotations

import inspect
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

import summarize
from summarize.errors import KosumError, ModelLoadError, SettingsError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = sorted((ROOT / "samples").glob("*.txt"))[0]
SMALL = {"num_beams": 2, "max_length": 6, "min_length": 2}


@pytest.fixture
def fresh_models():
    """Forget loaded checkpoints so that the test goes through loading again."""
    from summarize.summarizer import seq2seq

    seq2seq._load_model_cached.cache_clear()
    yield
    seq2seq._load_model_cached.cache_clear()


@pytest.fixture
def caller_settings():
    """A caller that wants transformers' INFO messages and progress bars; restored after."""
    from huggingface_hub.utils import are_progress_bars_disabled
    from transformers.utils import logging as hf_logging

    before = (hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled())
    hub_before = are_progress_bars_disabled()
    hf_logging.set_verbosity_info()
    hf_logging.enable_progress_bar()
    yield
    hf_logging.set_verbosity(before[0])
    (hf_logging.enable_progress_bar if before[1] else hf_logging.disable_progress_bar)()
    if hub_before:
        from huggingface_hub.utils import disable_progress_bars

        disable_progress_bars()


def test_summarising_with_a_checkpoint_leaves_transformers_settings(
    tiny_bart, sample_articles, fresh_models, caller_settings
):
    from huggingface_hub.utils import are_progress_bars_disabled
    from transformers.utils import logging as hf_logging

    summary = summarize.summarize(
        sample_articles["000_f28d87c25e3f6bfe"], model=str(tiny_bart), generation=SMALL
    )
    assert (summary.fallback or summary.method).startswith(f"seq2seq:{tiny_bart.name}")
    assert hf_logging.get_verbosity() == logging.INFO
    assert hf_logging.is_progress_bar_enabled()
    assert not are_progress_bars_disabled()


def test_quieting_is_scoped_to_kosums_own_calls(caller_settings):
    from transformers.utils import logging as hf_logging

    from summarize.summarizer.seq2seq import quiet_transformers

    with quiet_transformers():
        assert hf_logging.get_verbosity() == logging.ERROR
        assert not hf_logging.is_progress_bar_enabled()
    assert hf_logging.get_verbosity() == logging.INFO and hf_logging.is_progress_bar_enabled()
    with pytest.raises(RuntimeError), quiet_transformers():
        raise RuntimeError("restored on the way out of an error too")
    assert hf_logging.get_verbosity() == logging.INFO and hf_logging.is_progress_bar_enabled()


def test_diagnostics_go_to_the_kosum_logger(tiny_bart, sample_articles, fresh_models, caplog):
    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("kosum").handlers)
    with caplog.at_level(logging.INFO, logger="kosum"):
        summarize.summarize(
            sample_articles["001_023edcf3bf8e7b79"], model=str(tiny_bart), generation=SMALL
        )
    by_logger = {r.name: r.getMessage() for r in caplog.records}
    assert "kosum.summarizer" in by_logger and "kosum.summarizer.seq2seq" in by_logger
    loaded = [r.getMessage() for r in caplog.records if r.getMessage().startswith("loaded ")]
    assert loaded and str(tiny_bart) in loaded[0] and "on cpu" in loaded[0]


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_nothing_is_printed_by_default_and_verbose_shows_it(tiny_bart):
    api = _run(
        "import sys, summarize; summarize.summarize(sys.argv[1], model=sys.argv[2], "
        "generation={'num_beams': 2, 'max_length': 6, 'min_length': 2})",
        str(SAMPLE),
        str(tiny_bart),
    )
    assert api.returncode == 0, api.stderr
    assert "kosum" not in api.stderr and "loaded" not in api.stderr

    quiet = _run("from summarize.cli import main; main()", "summarize", str(SAMPLE), "-q")
    verbose = _run(
        "from summarize.cli import main; main()",
        "-v",
        "summarize",
        str(SAMPLE),
        "--model",
        str(tiny_bart),
        "--num-beams",
        "2",
        "--max-length",
        "6",
        "-q",
    )
    assert quiet.returncode == 0 and verbose.returncode == 0, verbose.stderr
    assert "kosum: kosum." not in quiet.stderr
    assert f"kosum: kosum.summarizer.seq2seq: loaded {tiny_bart}" in verbose.stderr


def test_one_error_base_that_keeps_the_builtins(tmp_path):
    from summarize.summarizer import seq2seq
    from summarize.summarizer.hub import HubError
    from summarize.training.trainer import TrainingError

    for error, builtin in [
        (ModelLoadError, RuntimeError),
        (HubError, RuntimeError),
        (SettingsError, ValueError),
        (summarize.MissingExtraError, RuntimeError),
        (TrainingError, RuntimeError),
        (summarize.InputError, Exception),
    ]:
        assert issubclass(error, KosumError) and issubclass(error, builtin), error
    assert seq2seq.ModelLoadError is ModelLoadError  # the old import path still works

    with pytest.raises(KosumError):
        summarize.load(str(tmp_path / "missing.txt"))
    with pytest.raises(RuntimeError):  # an old `except RuntimeError` still catches it
        seq2seq.load_model(str(tmp_path / "no-checkpoint"), device="cpu")
    with pytest.raises(ValueError, match="temperature"):
        seq2seq.settings_from({"temperature": 0.5})
    with pytest.raises(KosumError, match="needs --model"):
        summarize.summarize("카카오가 데이터센터를 열었다.", method="seq2seq", model=None)
    with pytest.raises(SettingsError, match="not a device"):
        seq2seq.load_model(str(tmp_path), device="gpu0")


def test_public_functions_name_their_arguments():
    for function in (summarize.summarize, summarize.compare):
        parameters = inspect.signature(function).parameters.values()
        assert not [p for p in parameters if p.kind is inspect.Parameter.VAR_KEYWORD], function
    assert {"method", "model", "device", "quantize", "generation", "long_input", "guard"} <= set(
        inspect.signature(summarize.summarize).parameters
    )
    assert "embedder" in inspect.signature(summarize.compare).parameters
