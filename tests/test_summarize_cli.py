"""`kosum summarize` and `kosum models` end to end, offline, on tiny checkpoints."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from schema_check import assert_valid
from typer.testing import CliRunner

from summarize.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
runner = CliRunner()


def run_json(*args: str) -> dict:
    result = runner.invoke(app, ["summarize", *args, "--format", "json", "--quiet"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert_valid(doc, "summaries")  # extractive, seq2seq, fallback and notes alike
    return doc


def check_spans(doc: dict) -> None:
    for entry in doc["articles"]:
        text = Path(entry["path"]).read_text(encoding="utf-8-sig")
        for sentence in entry["summary"]["sentences"]:
            for span in sentence["support"]:
                assert text[span["start"] : span["end"]] == span["text"]


def test_extractive_json_with_event_consensus():
    doc = run_json(*(str(p) for p in SAMPLES[:3]), "--method", "extractive")
    assert [a["id"] for a in doc["articles"]] == [p.stem for p in SAMPLES[:3]]
    for entry in doc["articles"]:
        summary = entry["summary"]
        assert summary["method"] == "extractive" and summary["fallback"] is None
        assert summary["sentences"][0]["role"] == "gist" and len(summary["sentences"]) <= 4
        assert summary["text"] == " ".join(s["text"] for s in summary["sentences"])
    check_spans(doc)
    (event,) = doc["events"]  # the three samples report one event
    assert sorted(event["articles"]) == sorted(p.stem for p in SAMPLES[:3])
    assert event["consensus"]
    for sentence in event["consensus"]:
        assert len({s["article"] for s in sentence["support"]}) >= 2
    assert {o["article"] for o in event["outlets"]} == set(event["articles"])


def test_bart_directory_batches_and_fits_long_inputs(tiny_bart):
    doc = run_json(*(str(p) for p in SAMPLES), "--model", str(tiny_bart), "--no-events")
    assert len(doc["articles"]) == len(SAMPLES)
    for entry in doc["articles"]:
        summary = entry["summary"]
        # every sample is far over the tiny model's 64 tokens: the note must say what was done
        assert any("exceeds the model's 64-token limit" in n for n in summary["notes"])
        generated = summary["method"] == f"seq2seq:{tiny_bart.name}"
        assert generated or summary["fallback"].startswith(f"seq2seq:{tiny_bart.name}")
    check_spans(doc)


def test_t5_directory_with_chunking(tiny_t5):
    doc = run_json(
        str(SAMPLES[3]), "--model", str(tiny_t5), "--long-input", "chunk", "--num-beams", "2",
        "--max-length", "12", "--min-length", "2",
    )  # fmt: skip
    (entry,) = doc["articles"]
    assert "chunks of consecutive sentences" in " ".join(entry["summary"]["notes"])


def test_guard_fallback_reason_is_in_the_json(tiny_bart_hallucinating):
    doc = run_json(str(SAMPLES[0]), "--model", str(tiny_bart_hallucinating))
    summary = doc["articles"][0]["summary"]
    assert summary["method"] == "extractive"
    assert "untraceable" in summary["fallback"] and "number" in summary["fallback"]
    check_spans(doc)


@pytest.mark.parametrize(("fmt", "marker"), [("text", "method: extractive"), ("markdown", "# ")])
def test_text_and_markdown_name_the_method(fmt, marker, tmp_path):
    out = tmp_path / f"summary.{fmt}"
    result = runner.invoke(
        app, ["summarize", str(SAMPLES[4]), "--method", "extractive", "-f", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert marker in written and "extractive" in written


def test_unloadable_model_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "config.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(
        app, ["summarize", str(SAMPLES[0]), "--model", str(tmp_path / "broken"), "--quiet"]
    )
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"kosum: --model {tmp_path / 'broken'}: cannot load directory")


def _kosum(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "summarize", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_models_list_and_auto_method_use_the_hf_cache(tiny_bart, tmp_path):
    # A cache laid out as huggingface_hub writes it, holding a recommended repository id.
    repo = tmp_path / "hub" / "models--digit82--kobart-summarization"
    snapshot = repo / "snapshots" / "0123456789abcdef0123456789abcdef01234567"
    shutil.copytree(tiny_bart, snapshot)
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(snapshot.name)
    env = {"HF_HUB_CACHE": str(tmp_path / "hub"), "HF_HUB_OFFLINE": "1"}

    listed = _kosum(["models", "list"], env)
    assert listed.returncode == 0, listed.stderr
    assert "digit82/kobart-summarization" in listed.stdout and "(recommended)" in listed.stdout

    auto = _kosum(["summarize", str(SAMPLES[2]), "--format", "json", "--quiet"], env)
    assert auto.returncode == 0, auto.stderr
    summary = json.loads(auto.stdout)["articles"][0]["summary"]
    used = summary["method"] if summary["fallback"] is None else summary["fallback"]
    assert "seq2seq:digit82/kobart-summarization" in used

    pulled = _kosum(["models", "pull", "someone/not-downloadable"], env)
    assert pulled.returncode == 1
    assert len(pulled.stderr.strip().splitlines()) == 1
    assert "cannot download someone/not-downloadable" in pulled.stderr


def test_event_section_names_each_outlet_once_what_it_adds_or_that_it_adds_nothing():
    paths = [str(p) for p in SAMPLES[:3]]
    text = runner.invoke(app, ["summarize", *paths, "-q", "--method", "extractive"]).stdout
    event = text.split("\nevent ", 1)[1]
    doc = run_json(*paths, "--method", "extractive")
    (outlets,) = [e["outlets"] for e in doc["events"]]
    for o in outlets:
        line = f"only {o['outlet']} ({o['article']}): "
        if o["adds"]:
            assert line + o["adds"]["text"] in event
        elif o["additions"]:  # only short fragments of its own: counted, not called nothing
            assert f"{line}{o['additions']} short detail" in event
        else:
            assert line not in event
    silent = [o for o in outlets if not o["additions"]]
    lines = [x for x in event.splitlines() if x.strip().startswith("nothing of their own:")]
    assert len(lines) == bool(silent)
    assert all(o["article"] in lines[0] for o in silent)
    assert "adds nothing" not in event
