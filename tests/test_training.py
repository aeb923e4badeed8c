"""`kosum train` end to end on a tiny checkpoint, and the steps it is made of.

The pairs are invented here: documents of four sentences drawn from small tables of subjects,
objects and verbs (no numbers, dates or names, so the faithfulness guard has nothing to flag),
and the summary is the first sentence, which a model can learn. The base checkpoint is a
random-weight BART whose tokenizer is trained on these pairs and the samples
(`tests/tiny_checkpoints.py`). Everything is seeded; training takes a few seconds on CPU.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from schema_check import assert_valid
from typer.testing import CliRunner

from summarize.cli import app

SUBJECTS = [
    "마을 도서관이",
    "동네 시장이",
    "학교 식당이",
    "공원 관리소가",
    "지역 병원이",
    "시민 단체가",
]
OBJECTS = ["주말 행사를", "새 규칙을", "무료 강좌를", "안내 책자를", "점검 계획을", "야간 공연을"]
VERBS = ["열었다", "발표했다", "바꿨다", "늘렸다", "시작했다", "알렸다"]
TRAIN_PAIRS = 64
EVAL_PAIRS = 8
EPOCHS = 5
BATCH = 8


def documents(count: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    return [
        [f"{rng.choice(SUBJECTS)} {rng.choice(OBJECTS)} {rng.choice(VERBS)}." for _ in range(4)]
        for _ in range(count)
    ]


def write_pairs(path: Path, docs: list[list[str]], bad: bool = False) -> Path:
    lines = [json.dumps({"text": " ".join(d), "summary": d[0]}, ensure_ascii=False) for d in docs]
    if bad:
        lines.insert(3, json.dumps({"text": "요약이 없는 기록이다."}, ensure_ascii=False))
        lines.insert(7, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """One torch thread while these tests run: on a model this small, synchronising threads
    costs more than the arithmetic (40 steps took 54 s with 2 threads on a loaded 2-core
    machine, 9 s with one)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight BART (128 positions) with a tokenizer that knows the pairs' words."""
    from tiny_checkpoints import build_bart, build_tokenizer, sample_texts

    texts = [" ".join(d) for d in documents(TRAIN_PAIRS, 0)] + sample_texts()
    tokenizer = build_tokenizer("bart", texts, max_length=128)
    return build_bart(tmp_path_factory.mktemp("base"), tokenizer=tokenizer, max_positions=128)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pairs")
    return {
        "train": write_pairs(folder / "train.jsonl", documents(TRAIN_PAIRS, 0), bad=True),
        "eval": write_pairs(folder / "eval.jsonl", documents(EVAL_PAIRS, 1)),
    }


def train(*args: str):
    return CliRunner().invoke(app, ["train", *args, "--quiet"])


@pytest.fixture(scope="module")
def trained(base: Path, data: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("run") / "tiny-kosum"
    result = train(
        "--base", str(base), "--data", str(data["train"]), "--eval", str(data["eval"]),
        "--out", str(out), "--epochs", str(EPOCHS), "--batch-size", str(BATCH),
        "--lr", "1e-2", "--seed", "0",
    )  # fmt: skip
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return out, result


def log_records(out: Path) -> list[dict]:
    lines = (out / "training.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_training_loss_falls_and_the_log_has_every_step(trained):
    out, _ = trained
    losses = [r for r in log_records(out) if "loss" in r]
    steps = EPOCHS * (TRAIN_PAIRS // BATCH)
    assert [r["step"] for r in losses] == list(range(1, steps + 1))  # short run: every step
    first, last = losses[0]["loss"], sum(r["loss"] for r in losses[-3:]) / 3
    assert last <= 0.75 * first, (first, last)
    info = json.loads((out / "kosum_training.json").read_text(encoding="utf-8"))
    assert_valid(info, "training")
    assert info["steps"] == steps and info["examples"] == TRAIN_PAIRS and info["rejected"] == 0
    for record in log_records(out):  # each training.jsonl line: a step or an evaluation
        assert_valid(record, "training", "#/$defs/logRecord")


def test_bad_records_are_reported_and_skipped(trained):
    _, result = trained
    assert result.exit_code == 1  # trained, but two records were skipped
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    assert "train.jsonl#4: no summary" in lines[0] and "(skipped)" in lines[0]
    assert "train.jsonl#8: invalid JSON line" in lines[1]


def test_rouge_is_logged_after_every_epoch(trained):
    out, _ = trained
    evals = [r for r in log_records(out) if "rouge1" in r]
    assert [r["epoch"] for r in evals] == [float(e) for e in range(1, EPOCHS + 1)]
    assert all(r["n"] == EVAL_PAIRS and 0 <= r["rougeL"] <= r["rouge1"] <= 1 for r in evals)
    assert [r["step"] for r in evals] == [e * TRAIN_PAIRS // BATCH for e in range(1, EPOCHS + 1)]


def test_the_checkpoint_summarises_through_kosum_summarize(trained, tmp_path: Path):
    out, _ = trained
    assert (out / "generation_config.json").is_file()  # kosum summarize reads it (settings_for)
    article = tmp_path / "article.txt"
    article.write_text(
        "동네 소식\n\n" + "\n".join(" ".join(d) for d in documents(2, 7)), encoding="utf-8"
    )
    result = CliRunner().invoke(
        app, ["summarize", str(article), "--model", str(out), "-f", "json", "-q"]
    )
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)["articles"]
    summary = entry["summary"]
    assert summary["method"] == f"seq2seq:{out.name}" and summary["fallback"] is None
    assert any(word in summary["text"] for word in (*SUBJECTS, *OBJECTS, *VERBS))


def evaluate(model: Path, pairs: Path) -> dict:
    args = ["eval", str(pairs), "--model", str(model), "--no-guard", "-f", "json", "-q"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_kosum_eval_scores_the_checkpoint_above_its_base(trained, base, data):
    out, _ = trained
    after, before = evaluate(out, data["eval"]), evaluate(base, data["eval"])
    assert after["n"] == before["n"] == EVAL_PAIRS
    assert after["method"] == f"seq2seq:{out.name}"
    assert after["rouge1"] >= before["rouge1"] + 0.2, (before, after)
    assert after["guard_pass"] == 1.0  # nothing to invent: the pairs have no numbers or names


def test_resume_continues_from_the_last_checkpoint(base, data, tmp_path: Path):
    small = write_pairs(tmp_path / "small.jsonl", documents(16, 3))
    out = tmp_path / "run"
    common = ["--data", str(small), "--out", str(out), "--batch-size", "8", "--lr", "1e-3"]
    first = train("--base", str(base), *common, "--epochs", "1")
    assert first.exit_code == 0, first.output
    again = train("--base", str(base), *common, "--epochs", "1")
    assert again.exit_code == 2 and "--resume" in again.stderr  # never overwrites a run
    resumed = train(*common, "--epochs", "2", "--resume")
    assert resumed.exit_code == 0, resumed.output
    steps = [r["step"] for r in log_records(out) if "loss" in r]
    assert steps == [1, 2, 3, 4]  # 2 steps per epoch; the second run started at step 3
    assert (out / "checkpoints" / "checkpoint-4").is_dir()


def test_resume_without_a_checkpoint_is_a_usage_error(data, tmp_path: Path):
    result = train("--data", str(data["eval"]), "--out", str(tmp_path / "none"), "--resume")
    assert result.exit_code == 2
    assert "no checkpoint to resume" in result.stderr


def test_missing_train_extra_is_one_line(monkeypatch, data, base, tmp_path: Path):
    import summarize.training.trainer as trainer

    monkeypatch.setattr(trainer, "find_spec", lambda name: None)
    result = train("--base", str(base), "--data", str(data["eval"]), "--out", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "`train` extra" in result.stderr and "accelerate" in result.stderr


# --- examples: inputs as summarisation builds them --------------------------------------------


def loaded(directory: Path):
    from summarize.summarizer import seq2seq

    return seq2seq.read_checkpoint(str(directory))


def test_long_documents_are_fitted_and_counted_never_truncated(base):
    from summarize.training.examples import Limits, prepare
    from summarize.training.pairs import Pair

    model = loaded(base)
    short = Pair(
        "a", "p", ("마을 도서관이 주말 행사를 열었다.",), text="마을 도서관이 주말 행사를 열었다."
    )
    long_sentences = [" ".join(d) for d in documents(6, 5)]
    long = Pair("b", "p", ("동네 시장이 새 규칙을 발표했다.",), text="\n".join(long_sentences))
    limits = Limits(source_tokens=40, target_tokens=32)
    prepared = prepare([short, long], model, limits)
    assert prepared.fitted == 1 and not prepared.errors
    fitted = prepared.examples[1]
    assert len(fitted.input_ids) <= 40
    # whole sentences were kept, not a cut-off prefix
    pieces = [s for s in fitted.source.split(". ") if s]
    assert all(any(p.rstrip(".") in s for s in long_sentences) for p in pieces)
    assert "1 of 2 documents exceed 40 input tokens" in prepared.fitted_note(limits)


def test_an_over_long_summary_is_rejected_with_its_name(base):
    from summarize.training.examples import Limits, prepare
    from summarize.training.pairs import Pair

    summary = tuple(" ".join(d) for d in documents(3, 2))
    pair = Pair("c", "p", summary, text="마을 도서관이 주말 행사를 열었다.", name="p#3")
    prepared = prepare([pair], loaded(base), Limits(source_tokens=64, target_tokens=10))
    assert not prepared.examples
    (error,) = prepared.errors
    assert str(error).startswith("p#3: summary of") and "--max-target-tokens 10" in str(error)


def test_t5_inputs_carry_the_task_prefix(tiny_t5):
    from summarize.training.examples import Limits, prepare
    from summarize.training.pairs import Pair

    model = loaded(tiny_t5)
    pair = Pair("d", "p", ("기업이 투자를 늘렸다.",), text="기업이 투자를 늘렸다. 정부도 지원했다.")
    (example,) = prepare([pair], model, Limits(64, 32)).examples
    tokenizer = model.tokenizer
    assert model.prefix == "summarize: "
    assert list(example.input_ids) == tokenizer("summarize: " + pair.text)["input_ids"]
    assert list(example.input_ids) != tokenizer(pair.text)["input_ids"]


def test_labels_end_with_eos_even_when_the_tokenizer_adds_no_specials(base, tmp_path: Path):
    from tokenizers import processors

    from summarize.training.examples import Limits, prepare
    from summarize.training.pairs import Pair

    model = loaded(base)
    bare = model.tokenizer
    bare.backend_tokenizer.post_processor = processors.Sequence([])  # adds nothing
    pair = Pair(
        "e", "p", ("마을 도서관이 주말 행사를 열었다.",), text="동네 시장이 새 규칙을 발표했다."
    )
    assert bare(text_target=pair.summary[0])["input_ids"][-1] != bare.eos_token_id
    (example,) = prepare([pair], model, Limits(64, 32)).examples
    assert example.labels[-1] == bare.eos_token_id
    assert example.labels[:-1] == tuple(bare(text_target=pair.summary[0])["input_ids"])


def test_limits_beyond_the_model_are_refused(base, tmp_path: Path):
    from summarize.training.trainer import TrainingError, TrainSettings, limits_for

    model = loaded(base)
    assert limits_for(TrainSettings(out=tmp_path), model).source_tokens == 128
    with pytest.raises(TrainingError, match="exceeds the model's input limit"):
        limits_for(TrainSettings(out=tmp_path, max_source_tokens=4096), model)
    with pytest.raises(TrainingError, match="exceeds the decoder's limit"):
        limits_for(TrainSettings(out=tmp_path, max_target_tokens=500), model)
