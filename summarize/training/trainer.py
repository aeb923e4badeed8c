"""Fine-tune an `AutoModelForSeq2SeqLM` checkpoint with transformers' `Seq2SeqTrainer`.

One run writes into its output directory DIR:

- the fine-tuned checkpoint itself (model weights as safetensors, config, generation config,
  tokenizer), loadable by `kosum summarize --model DIR` like any Hub checkpoint;
- `training.jsonl`, one JSON line per logged step `{"step", "epoch", "loss", "learning_rate"}`
  and, with evaluation pairs, one per epoch `{"step", "epoch", "rouge1", "rouge2", "rougeL",
  "n"}` (ROUGE of the best beam against the references, `summarizer.evaluation.rouge`);
- `checkpoints/checkpoint-N/` (weights, optimizer, scheduler and RNG states; the last two kept)
  for `--resume`, which continues from the last one: the log is cut back to that step and the
  trainer skips the batches that checkpoint had already seen;
- `kosum_training.json`: the settings, the data, the counts and the final step.

Choices and where they come from:
- AdamW, linear decay to zero, no warm-up, no weight decay, learning rate 5e-5, batch 8,
  3 epochs: transformers' `TrainingArguments` defaults, which its `run_summarization` example
  for BART and T5 uses as they are.
- Loss logged every `log_every(steps)` steps: every step for short runs, at most 50 steps apart,
  about 50 points per run, so a curve is readable without a huge log.
- Batches grouped by input length (`group_by_length`): padding is most of the cost of news
  articles of mixed lengths, and the grouping keeps batch order random otherwise.
- bf16 mixed precision on a GPU that supports it; full precision on CPU.
- Per-epoch evaluation generates with kosum's own `seq2seq.generate` (4 beams, no repeated
  trigrams, the best beam), as long as the references are: at least as many tokens as the
  shortest, at most as many as the longest (an undertrained model neither scores an empty
  summary nor runs on for hundreds of tokens per pair).

Only `kosum train` imports this module (transformers with it); torch and accelerate are imported
inside functions (accelerate comes with the `train` extra; `check_extra` says so in one line when
it is missing).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from importlib.util import find_spec
from pathlib import Path
from typing import Any

# This module is imported only when `kosum train` runs, so transformers may load at import time
# (its callback base class is needed to define `_Reporter`).
from transformers import TrainerCallback

from summarize.errors import TrainingError  # callers catch `trainer.TrainingError`
from summarize.training.examples import Example, Limits, Prepared

LOG_NAME = "training.jsonl"
INFO_NAME = "kosum_training.json"
CHECKPOINTS = "checkpoints"
#: Default label limit: a news summary of three to five sentences is 60-150 KoBART tokens.
DEFAULT_TARGET_TOKENS = 256


@dataclass(frozen=True)
class TrainSettings:
    """What `kosum train` was asked to do."""

    out: Path
    base: str | None = None
    """Hub id or directory of the checkpoint to fine-tune (default with `resume`: the last
    checkpoint of `out`)."""
    epochs: float = 3.0
    learning_rate: float = 5e-5
    batch_size: int = 8
    max_source_tokens: int | None = None
    """None: the model's input limit."""
    max_target_tokens: int | None = None
    """None: `DEFAULT_TARGET_TOKENS`, or the decoder's limit when that is lower."""
    seed: int = 0
    save_steps: int | None = None
    """Save a checkpoint every this many steps (None: at the end of every epoch)."""
    resume: bool = False
    device: str | None = None
    """`cpu` forces the CPU; None uses a GPU when there is one."""


@dataclass(frozen=True)
class Run:
    """A run ready to train: the model, its limits and where to resume from."""

    settings: TrainSettings
    loaded: Any
    """`seq2seq.LoadedModel` of the model being trained."""
    limits: Limits
    checkpoint: str | None = None


@dataclass(frozen=True)
class EpochReport:
    epoch: float
    step: int
    loss: float | None
    rouge: dict[str, float] | None = None
    n: int = 0


@dataclass(frozen=True)
class Hooks:
    """What the caller hears while training runs."""

    on_step: Callable[[int], None] | None = None
    on_epoch: Callable[[EpochReport], None] | None = None


@dataclass(frozen=True)
class TrainResult:
    out: Path
    steps: int
    first_loss: float | None
    last_loss: float | None
    info: dict[str, Any] = field(default_factory=dict)


# --- before training ---------------------------------------------------------------------------


def check_extra() -> None:
    """Raise `TrainingError` when the `train` extra (accelerate) is not installed."""
    if find_spec("accelerate") is None:
        raise TrainingError(
            "kosum train needs accelerate, which kosum's `train` extra installs "
            "(pip install accelerate)"
        )


def start(settings: TrainSettings) -> Run:
    """Check the output directory, find the checkpoint to resume, load the model, set limits."""
    from summarize.summarizer import seq2seq

    check_extra()
    checkpoint = resume_point(settings.out, settings.resume)
    base = settings.base or checkpoint
    if not base:
        raise TrainingError("--base is needed (a Hub id or a checkpoint directory)")
    loaded = seq2seq.read_checkpoint(base)
    return Run(settings, loaded, limits_for(settings, loaded), checkpoint)


def resume_point(out: Path, resume: bool) -> str | None:
    """The last checkpoint under `out` when resuming; refuse to overwrite an earlier run."""
    from transformers.trainer_utils import get_last_checkpoint

    folder = out / CHECKPOINTS
    last = get_last_checkpoint(str(folder)) if folder.is_dir() else None
    if resume:
        if last is None:
            raise TrainingError(f"{out}: no checkpoint to resume ({folder}/checkpoint-N)")
        return last
    if folder.exists() or (out / LOG_NAME).exists() or (out / "config.json").exists():
        raise TrainingError(
            f"{out}: holds an earlier run; continue it with --resume or choose another --out"
        )
    return None


def limits_for(settings: TrainSettings, loaded: Any) -> Limits:
    """Input and label limits: the model's own unless lower ones are asked for."""
    source = settings.max_source_tokens or loaded.max_input_tokens
    if source > loaded.max_input_tokens:
        raise TrainingError(
            f"--max-source-tokens {source} exceeds the model's input limit "
            f"({loaded.max_input_tokens} tokens)"
        )
    decoder = loaded.max_output_tokens
    target = settings.max_target_tokens or min(DEFAULT_TARGET_TOKENS, decoder or math.inf)
    if decoder is not None and target > decoder:
        raise TrainingError(
            f"--max-target-tokens {target} exceeds the decoder's limit ({decoder} tokens)"
        )
    return Limits(source_tokens=int(source), target_tokens=int(target))


def steps_per_epoch(examples: int, batch_size: int) -> int:
    return max(1, math.ceil(examples / batch_size))


def total_steps(examples: int, settings: TrainSettings) -> int:
    return math.ceil(steps_per_epoch(examples, settings.batch_size) * settings.epochs)


def log_every(steps: int) -> int:
    """Log the loss about 50 times per run: every step for short runs, at most every 50."""
    return max(1, min(50, steps // 50))


# --- training ----------------------------------------------------------------------------------


def fit(
    run: Run,
    train: Prepared,
    evaluation: Prepared | None = None,
    hooks: Hooks | None = None,
    provenance: dict[str, Any] | None = None,
) -> TrainResult:
    """Train on `train.examples`, evaluating on `evaluation.examples` after every epoch; save
    the checkpoint (with its generation config), the log and `kosum_training.json` into the
    output directory. transformers' own messages and progress bars are quiet meanwhile
    (`seq2seq.quiet_transformers`; progress goes to `hooks`)."""
    from summarize.summarizer.seq2seq import quiet_transformers

    hooks = hooks or Hooks()
    settings = run.settings
    settings.out.mkdir(parents=True, exist_ok=True)
    log = TrainingLog(settings.out / LOG_NAME, resume_step=resumed_step(run.checkpoint))
    with quiet_transformers():
        trainer = _trainer(run, train.examples, log, evaluation, hooks)
        trainer.train(resume_from_checkpoint=run.checkpoint)
        trainer.save_model(str(settings.out))
    info = _info(run, train, evaluation, trainer.state.global_step, provenance or {})
    (settings.out / INFO_NAME).write_text(
        json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    losses = [r["loss"] for r in log.records() if "loss" in r]
    return TrainResult(
        out=settings.out,
        steps=trainer.state.global_step,
        first_loss=losses[0] if losses else None,
        last_loss=losses[-1] if losses else None,
        info=info,
    )


def _trainer(
    run: Run,
    examples: Sequence[Example],
    log: TrainingLog,
    evaluation: Prepared | None,
    hooks: Hooks,
) -> Any:
    from transformers import DataCollatorForSeq2Seq, Seq2SeqTrainer
    from transformers.trainer_callback import PrinterCallback, ProgressCallback

    tokenizer, model = run.loaded.tokenizer, run.loaded.model
    callbacks = [_Reporter(run, log, hooks, evaluation.examples if evaluation else ())]
    trainer = Seq2SeqTrainer(
        model=model,
        args=_arguments(run, len(examples)),
        data_collator=DataCollatorForSeq2Seq(tokenizer, model=model, label_pad_token_id=-100),
        train_dataset=ExampleDataset(examples),
        processing_class=tokenizer,
        callbacks=callbacks,
    )
    trainer.remove_callback(PrinterCallback)  # kosum reports through its hooks instead
    trainer.remove_callback(ProgressCallback)
    return trainer


def _arguments(run: Run, examples: int) -> Any:
    import torch
    from transformers import Seq2SeqTrainingArguments

    settings = run.settings
    use_cpu = settings.device == "cpu" or not torch.cuda.is_available()
    return Seq2SeqTrainingArguments(
        output_dir=str(settings.out / CHECKPOINTS),
        per_device_train_batch_size=settings.batch_size,
        num_train_epochs=settings.epochs,
        learning_rate=settings.learning_rate,
        lr_scheduler_type="linear",
        logging_strategy="steps",
        logging_steps=log_every(total_steps(examples, settings)),
        logging_first_step=True,
        save_strategy="steps" if settings.save_steps else "epoch",
        save_steps=settings.save_steps or 500,
        save_total_limit=2,
        eval_strategy="no",
        report_to="none",
        disable_tqdm=True,
        seed=settings.seed,
        data_seed=settings.seed,
        use_cpu=use_cpu,
        bf16=not use_cpu and torch.cuda.is_bf16_supported(),
        train_sampling_strategy="group_by_length",
        dataloader_num_workers=0,
    )


class ExampleDataset:
    """`Example`s as the dicts the data collator pads (`input_ids`, `labels`)."""

    def __init__(self, examples: Sequence[Example]):
        self.examples = list(examples)

    def __len__(self) -> int:
        return len(self.examples)

    def __getitem__(self, index: int) -> dict[str, list[int]]:
        example = self.examples[index]
        return {"input_ids": list(example.input_ids), "labels": list(example.labels)}


class TrainingLog:
    """`training.jsonl`: appended line by line; on resume, cut back to the resumed step."""

    def __init__(self, path: Path, resume_step: int | None = None):
        self.path = path
        kept = [r for r in self.records() if r.get("step", 0) <= resume_step] if resume_step else []
        path.write_text("".join(_line(r) for r in kept), encoding="utf-8")

    def records(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        lines = self.path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def append(self, record: dict[str, Any]) -> None:
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(_line(record))


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def resumed_step(checkpoint: str | None) -> int | None:
    """The step a `checkpoint-N` directory was saved at."""
    return int(Path(checkpoint).name.rsplit("-", 1)[1]) if checkpoint else None


class _Reporter(TrainerCallback):
    """Writes each logged loss (and, after every epoch, the evaluation's ROUGE) to the training
    log, and tells the caller about steps and epochs."""

    def __init__(self, run: Run, log: TrainingLog, hooks: Hooks, evaluation: Sequence[Example]):
        self.run, self.log, self.hooks, self.evaluation = run, log, hooks, list(evaluation)
        self.last_loss: float | None = None

    def on_step_end(self, args, state, control, **kwargs):
        if self.hooks.on_step:
            self.hooks.on_step(1)

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not logs or "loss" not in logs:
            return
        self.last_loss = float(logs["loss"])
        record = {"step": state.global_step, "epoch": _epoch(state), "loss": self.last_loss}
        if "learning_rate" in logs:
            record["learning_rate"] = float(logs["learning_rate"])
        self.log.append(record)

    def on_epoch_end(self, args, state, control, model=None, **kwargs):
        report = EpochReport(_epoch(state), state.global_step, self.last_loss)
        if self.evaluation:
            scores = evaluate_model(self.run, model, self.evaluation)
            n = len(self.evaluation)
            self.log.append({"step": state.global_step, "epoch": report.epoch, **scores, "n": n})
            report = replace(report, rouge=scores, n=n)
        if self.hooks.on_epoch:
            self.hooks.on_epoch(report)


def _epoch(state: Any) -> float:
    return round(float(state.epoch or 0), 4)


def evaluate_model(run: Run, model: Any, examples: Sequence[Example]) -> dict[str, float]:
    """Mean ROUGE-1/2/L F1 of the best beam for each example against its reference."""
    from summarize.summarizer import seq2seq
    from summarize.summarizer.evaluation import ROUGE_TYPES, rouge

    device = model.device.type  # "cuda", not "cuda:0": kosum's batch sizing keys on the type
    loaded = seq2seq.loaded_from(run.loaded.name, run.loaded.tokenizer, model, device)
    lengths = [len(e.labels) for e in examples]
    settings = seq2seq.GenerationSettings(
        num_return_sequences=1, max_length=max(lengths), min_length=min(lengths)
    )
    was_training = model.training
    model.eval()
    try:
        outputs = seq2seq.generate(loaded, [e.source for e in examples], settings)
    finally:
        model.train(was_training)
    totals = dict.fromkeys(ROUGE_TYPES, 0.0)
    for example, beams in zip(examples, outputs, strict=True):
        for name, value in rouge(beams[0] if beams else "", example.reference).items():
            totals[name] += value
    return {name: round(total / len(examples), 6) for name, total in totals.items()}


def _info(
    run: Run,
    train: Prepared,
    evaluation: Prepared | None,
    steps: int,
    provenance: dict[str, Any],
) -> dict[str, Any]:
    settings = asdict(run.settings)
    settings["out"] = str(run.settings.out)
    return {
        "schema": "kosum.training/1",
        "base": run.settings.base or run.checkpoint,
        **provenance,
        "examples": len(train.examples),
        "fitted": train.fitted,
        "rejected": len(train.errors),
        "eval_examples": len(evaluation.examples) if evaluation else 0,
        "limits": asdict(run.limits),
        "settings": settings,
        "steps": steps,
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
    }
