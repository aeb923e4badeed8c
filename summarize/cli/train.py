"""`kosum train`: fine-tune a seq2seq checkpoint on document-summary pairs.

Reads PAIRS (`summarize.training.pairs`), builds inputs as `kosum summarize` would feed them
(`summarize.training.examples`), trains with transformers' `Seq2SeqTrainer`
(`summarize.training.trainer`) and saves a checkpoint `kosum summarize --model DIR` loads.
Rejected records are reported one line each (bounded) and skipped; the exit status is 1 when
any was.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarize.cli.app import (
    EXIT_INPUT_FAILED,
    Quiet,
    app,
    examples,
    exit_status,
    progress,
    report_error,
    usage_error,
)
from summarize.cli.options import located
from summarize.cli.pairs import PairsOption, note, read_reported, report_rejected


class TrainDevice(StrEnum):
    auto = "auto"
    cpu = "cpu"
    cuda = "cuda"


@app.command(
    "train",
    epilog=examples(
        "kosum train --base gogamza/kobart-base-v2 --data train.jsonl --eval dev.jsonl --out kb",
        "kosum train --base ./kb --data more.jsonl --out ./kb-2 --epochs 1 --lr 3e-5",
        "kosum train --data train.jsonl --out kb --resume",
    ),
)
def train_command(
    data: PairsOption,
    out: Annotated[
        Path,
        typer.Option(
            "--out", metavar="DIR", help="Where the checkpoint and log go.", show_default=False
        ),
    ],
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="HUBID|DIR",
            help="The seq2seq checkpoint to fine-tune (with --resume: DIR's last checkpoint).",
        ),
    ] = None,
    eval_data: Annotated[
        list[str] | None,
        typer.Option("--eval", metavar="PAIRS", help="Pairs scored with ROUGE after every epoch."),
    ] = None,
    epochs: Annotated[
        float, typer.Option("--epochs", min=0.01, help="Passes over the data.")
    ] = 3.0,
    lr: Annotated[float, typer.Option("--lr", min=0.0, help="Peak learning rate.")] = 5e-5,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Pairs per step.")] = 8,
    max_source_tokens: Annotated[
        int | None,
        typer.Option("--max-source-tokens", min=8, help="Input limit (default: the model's own)."),
    ] = None,
    max_target_tokens: Annotated[
        int | None,
        typer.Option(
            "--max-target-tokens",
            min=4,
            help="Longest summary (default 256); longer ones are reported and skipped.",
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue from the last checkpoint in DIR.")
    ] = False,
    save_steps: Annotated[
        int | None,
        typer.Option("--save-steps", min=1, help="Checkpoint every N steps (default: per epoch)."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed for data order and dropout.")] = 0,
    device: Annotated[
        TrainDevice,
        typer.Option("--device", help="auto: a GPU when there is one.", case_sensitive=False),
    ] = TrainDevice.auto,
    quiet: Quiet = False,
) -> None:
    """Fine-tune a seq2seq checkpoint on document-summary pairs."""
    from summarize.summarizer.seq2seq import ModelLoadError
    from summarize.training import trainer

    if not data:
        raise usage_error("--data PAIRS is needed")
    if base:
        located(base, "--base")
    try:
        trainer.check_extra()
    except trainer.TrainingError as exc:
        raise usage_error(str(exc)) from exc
    settings = trainer.TrainSettings(
        out=out,
        base=base,
        epochs=epochs,
        learning_rate=lr,
        batch_size=batch_size,
        max_source_tokens=max_source_tokens,
        max_target_tokens=max_target_tokens,
        seed=seed,
        save_steps=save_steps,
        resume=resume,
        device=_device(device),
    )
    pairs, failed = read_reported(data)
    eval_pairs, eval_failed = read_reported(eval_data) if eval_data else (None, 0)
    try:
        run = trainer.start(settings)
    except trainer.TrainingError as exc:
        raise usage_error(str(exc)) from exc
    except ModelLoadError as exc:
        report_error(str(exc))
        raise typer.Exit(EXIT_INPUT_FAILED) from exc
    prepared = _prepare(run, pairs, quiet, "Preparing pairs")
    evaluation = _prepare(run, eval_pairs, quiet, "Preparing eval pairs") if eval_pairs else None
    rejected = len(prepared.errors) + (len(evaluation.errors) if evaluation else 0)
    if not prepared.examples:
        report_error(f"{', '.join(data)}: no pair left to train on")
        raise typer.Exit(EXIT_INPUT_FAILED)
    result = _fit(run, prepared, evaluation, data, eval_data, quiet)
    if not quiet:
        loss = f"loss {result.first_loss:.3f} -> {result.last_loss:.3f}" if result.last_loss else ""
        note(
            f"saved {result.out} ({result.steps} steps; {loss}); "
            f"use it with: kosum summarize --model {result.out}"
        )
    raise typer.Exit(exit_status(failed + eval_failed + rejected))


def _device(device: TrainDevice) -> str | None:
    """`cpu`, or None for transformers' choice (a GPU when there is one)."""
    if device is TrainDevice.cuda:
        import torch

        if not torch.cuda.is_available():
            raise usage_error("--device cuda: no CUDA GPU is available")
    return "cpu" if device is TrainDevice.cpu else None


def _prepare(run, pairs: list, quiet: bool, description: str):
    from summarize.training.examples import prepare

    with progress(description, len(pairs), quiet) as advance:
        prepared = prepare(pairs, run.loaded, run.limits, advance)
    report_rejected(prepared.errors, "pairs")
    fitted = prepared.fitted_note(run.limits)
    if fitted and not quiet:
        note(fitted)
    return prepared


def _fit(run, prepared, evaluation, data, eval_data, quiet: bool):
    from summarize.training import trainer

    steps = trainer.total_steps(len(prepared.examples), run.settings)
    if not quiet:
        held = f", {len(evaluation.examples)} for evaluation" if evaluation else ""
        note(
            f"training {run.settings.base or run.checkpoint} on "
            f"{len(prepared.examples)} pairs{held}: {steps} steps"
        )

    def on_epoch(report: trainer.EpochReport) -> None:
        if quiet:
            return
        line = f"epoch {report.epoch:g} (step {report.step})"
        if report.loss is not None:
            line += f": loss {report.loss:.3f}"
        if report.rouge:
            r = report.rouge
            line += (
                f"; ROUGE-1 {r['rouge1']:.3f} ROUGE-2 {r['rouge2']:.3f} "
                f"ROUGE-L {r['rougeL']:.3f} on {report.n} pairs"
            )
        note(line)

    provenance = {"data": list(data), "eval": list(eval_data or [])}
    with progress("Training", steps, quiet) as advance:
        if run.checkpoint:
            advance(trainer.resumed_step(run.checkpoint))
        hooks = trainer.Hooks(on_step=advance, on_epoch=on_epoch)
        return trainer.fit(run, prepared, evaluation, hooks, provenance)
