"""The options `kosum summarize` and `kosum eval` share: how a summary is made (`--method`), and
for a seq2seq checkpoint where it runs and how it generates (`--device`, `--num-beams`,
`--max-length`, `--long-input`), as typed aliases like `Files` and `Output` in `cli.app`; and
the two steps both take: resolving and checking the method before any input is read, and
summarising with a progress bar."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from summarize.cli.app import EXIT_INPUT_FAILED, progress, report_error, usage_error
from summarize.cli.options import check_device, checked_model

if TYPE_CHECKING:
    from summarize.summarizer import Plan
    from summarize.types import Article, Summary


class MethodChoice(StrEnum):
    auto = "auto"
    extractive = "extractive"
    seq2seq = "seq2seq"


class LongInputChoice(StrEnum):
    select = "select"
    chunk = "chunk"


Method = Annotated[
    MethodChoice,
    typer.Option(
        "--method",
        help="auto: seq2seq when --model names a checkpoint or a recommended one is "
        "cached, extractive otherwise.",
        case_sensitive=False,
    ),
]
Device = Annotated[
    str | None,
    typer.Option(
        "--device",
        metavar="DEVICE",
        help="cpu, cuda, cuda:N, mps or auto (the default).",
        callback=check_device,
    ),
]
NumBeams = Annotated[
    int | None,
    typer.Option("--num-beams", min=1, help="Beam size (default: the checkpoint's own, else 4)."),
]
MaxLength = Annotated[
    int | None,
    typer.Option("--max-length", min=1, help="Most generated tokens (the checkpoint's, else 128)."),
]
LongInput = Annotated[
    LongInputChoice,
    typer.Option(
        "--long-input",
        help="Inputs over the model's limit: select salient sentences, or chunk and merge.",
        case_sensitive=False,
    ),
]


def checked_plan(
    method: MethodChoice, model: str | None, device: str | None, *, quantize: bool = False
) -> Plan:
    """What `--method` and `--model` resolve to; a checkpoint that would be used is checked
    before any input is read (a usage error, exit 2, when it cannot load)."""
    from summarize.summarizer import plan_method

    try:
        plan = plan_method(method.value, model)
    except ValueError as exc:
        raise usage_error(str(exc)) from exc
    if plan.method == "seq2seq":
        checked_model(plan.model or "", device=device, quantize=quantize)
    return plan


def summarise_with_progress(
    articles: list[Article], plan: Plan, *, quiet: bool, **options: Any
) -> list[Summary]:
    """The summaries of `articles` as `plan` makes them (`options` go to
    `summarize_articles`), with a progress bar; a checkpoint that fails while summarising ends
    the run with one line and exit status 1."""
    from summarize.summarizer import summarize_articles
    from summarize.summarizer.seq2seq import ModelLoadError

    try:
        with progress("Summarising", len(articles), quiet) as advance:
            return summarize_articles(
                articles, method=plan.method, model=plan.model, progress=advance, **options
            )
    except ModelLoadError as exc:
        report_error(str(exc))
        raise typer.Exit(EXIT_INPUT_FAILED) from exc
