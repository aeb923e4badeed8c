"""What a plain `pip install kosum` brings: the dependencies the README's features need, the
`embeddings` extra, `py.typed`, one version; and a T5 checkpoint that ships only `spiece.model`
loads and summarises through kosum's real loading code."""

from __future__ import annotations

import importlib.metadata as metadata
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from test_install import BLOCK_NON_BASE, base_closure

import summarize

ROOT = Path(__file__).resolve().parent.parent


def _requirements() -> tuple[set[str], dict[str, set[str]]]:
    """Installed kosum's base requirement names and, per extra, the extra's names."""
    base: set[str] = set()
    extras: dict[str, set[str]] = {}
    for requirement in metadata.requires("kosum") or []:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower()
        extra = re.search(r"""extra\s*==\s*["']([^"']+)["']""", requirement)
        if extra:
            extras.setdefault(extra.group(1), set()).add(name)
        else:
            base.add(name)
    return base, extras


def test_base_install_reads_sentencepiece_checkpoints():
    base, extras = _requirements()
    # transformers converts `spiece.model` with sentencepiece and its protobuf description
    assert {"sentencepiece", "protobuf"} <= base
    assert "sentence-transformers" not in base
    assert "sentence-transformers" in extras["embeddings"]


def test_one_version_source():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert metadata.version("kosum") == summarize.__version__


def test_package_is_marked_typed():
    assert (Path(summarize.__file__).parent / "py.typed").is_file()
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in data["tool"]["setuptools"]["package-data"]["summarize"]


def test_t5_with_only_spiece_model_loads_and_summarises(tiny_t5_spiece, sample_articles):
    from summarize.summarizer import seq2seq

    assert (tiny_t5_spiece / "spiece.model").is_file()
    assert not (tiny_t5_spiece / "tokenizer.json").exists()
    loaded = seq2seq.load_model(str(tiny_t5_spiece), device="cpu")
    assert loaded.model.config.model_type == "t5" and loaded.prefix == "summarize: "
    text = "카카오가 안산 데이터센터를 열었다."
    ids = loaded.tokenizer(text)["input_ids"]
    assert ids[-1] == loaded.tokenizer.eos_token_id and loaded.tokenizer.unk_token_id not in ids
    assert loaded.tokenizer.decode(ids, skip_special_tokens=True) == text

    article = sample_articles["000_f28d87c25e3f6bfe"]
    summary = summarize.summarize(
        article,
        model=str(tiny_t5_spiece),
        generation={"num_beams": 2, "max_length": 8, "min_length": 2},
    )
    produced_by = summary.method if summary.fallback is None else summary.fallback
    assert produced_by.startswith(f"seq2seq:{tiny_t5_spiece.name}")
    assert summary.sentences
    for sentence in summary.sentences:
        for span in sentence.support:  # spans point into this article's own text
            assert span.source.text == article.text and 0 <= span.start < span.end


_LOAD_WITH_BASE_ONLY = (
    BLOCK_NON_BASE
    + r"""
import importlib.util
_find_spec = importlib.util.find_spec
def find_spec(name, package=None):  # "is it installed?" probes (transformers') answer no
    return None if name.split(".")[0] in blocked else _find_spec(name, package)
importlib.util.find_spec = find_spec
from summarize.summarizer import seq2seq
loaded = seq2seq.load_model(sys.argv[2], device="cpu")
ids = loaded.tokenizer("카카오가 데이터센터를 열었다.")["input_ids"]
print(json.dumps({"tokenizer": type(loaded.tokenizer).__name__, "ids": len(ids)}))
"""
)


def test_spiece_checkpoint_loads_with_base_dependencies_only(tiny_t5_spiece):
    """What a plain install brings is enough for a `spiece.model`-only T5: every package outside
    the base requirements' closure (the dev and train extras' own) is made unimportable."""
    try:
        closure = base_closure()
    except metadata.PackageNotFoundError:
        pytest.skip("kosum is not installed")
    assert {"sentencepiece", "protobuf"} <= closure
    run = subprocess.run(
        [sys.executable, "-c", _LOAD_WITH_BASE_ONLY, json.dumps(sorted(closure)),
         str(tiny_t5_spiece)],
        capture_output=True, text=True, check=False, timeout=240,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["tokenizer"] == "T5Tokenizer" and result["ids"] > 3
