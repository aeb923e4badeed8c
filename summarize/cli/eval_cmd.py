"""`kosum eval PAIRS`: score kosum's summaries of documents against their reference summaries.

Each pair's document is read as `summarize.training.pairs.pair_article` builds it, summarised as
`kosum summarize` would (the extractive default, or a checkpoint with the faithfulness guard),
and scored by `summarize.summarizer.evaluation`: ROUGE-1/2/L F1 over kiwipiepy morphemes, the
share of summaries whose numbers, dates and names the guard traces to the source, lengths.
`--no-guard` scores a checkpoint's best beam as generated (its untraceable details counted in
`guard_pass`) instead of the guarded summary.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarize.cli.app import (
    EXIT_INPUT_FAILED,
    Format,
    Output,
    Quiet,
    app,
    examples,
    exit_status,
    progress,
    write_output,
)
from summarize.cli.generation import (
    Device,
    LongInput,
    LongInputChoice,
    MaxLength,
    Method,
    MethodChoice,
    NumBeams,
    checked_plan,
    summarise_with_progress,
)
from summarize.cli.pairs import note, read_reported, report_rejected


class EvalFormat(StrEnum):
    text = "text"
    json = "json"


@app.command(
    "eval",
    epilog=examples(
        "kosum eval pairs.jsonl --method extractive",
        "kosum eval pairs.jsonl --model ./my-kobart --format json -o eval.json",
        "kosum eval ../shared/data/sci-news-sum-kr-50 --method extractive",
    ),
)
def eval_command(
    pairs: Annotated[
        list[str],
        typer.Argument(
            metavar="PAIRS",
            help="Document-summary pairs: .jsonl, .json or directories of them.",
            show_default=False,
        ),
    ],
    model: Annotated[
        str | None,
        typer.Option("--model", "-m", metavar="NAME|DIR", help="A seq2seq checkpoint to score."),
    ] = None,
    method: Method = MethodChoice.auto,
    format: Format[EvalFormat] = EvalFormat.text,
    output: Output = None,
    guard: Annotated[
        bool,
        typer.Option(
            "--guard/--no-guard",
            help="Score guarded summaries (as kosum summarize gives them), or the best beam.",
        ),
    ] = True,
    device: Device = None,
    num_beams: NumBeams = None,
    max_length: MaxLength = None,
    long_input: LongInput = LongInputChoice.select,
    quiet: Quiet = False,
) -> None:
    """Score summaries against reference summaries: ROUGE-1/2/L, guard pass rate, length."""
    plan = checked_plan(method, model, device)
    read, failed = read_reported(pairs)
    pairs_ok, articles, rejected = _articles(read, quiet)
    report_rejected(rejected, "documents")
    if not articles:
        raise typer.Exit(EXIT_INPUT_FAILED)
    if plan.method == "seq2seq" and not quiet:
        note(f"evaluating {plan.model} ({plan.reason})")
    generation = {"num_beams": num_beams, "max_length": max_length}
    summaries = summarise_with_progress(
        articles,
        plan,
        quiet=quiet,
        device=device,
        generation=generation,
        long_input=long_input.value,
        guard=guard,
    )
    report = _score(pairs_ok, articles, summaries, _method_label(plan), quiet)
    if format is EvalFormat.json:
        text = json.dumps(report.as_json(), ensure_ascii=False, indent=2)
    else:
        text = render_text(report)
    write_output(text, output)
    raise typer.Exit(exit_status(failed + len(rejected)))


def _articles(pairs: list, quiet: bool) -> tuple[list, list, list]:
    """Each pair's article (with claims); documents kosum cannot read are set aside."""
    from summarize.analysis import warm_up
    from summarize.training.pairs import pair_article
    from summarize.types import InputError

    warm_up()
    kept, articles, rejected = [], [], []
    with progress("Reading documents", len(pairs), quiet) as advance:
        for pair in pairs:
            try:
                articles.append(pair_article(pair))
                kept.append(pair)
            except InputError as exc:
                rejected.append(exc)
            advance()
    return kept, articles, rejected


def _score(pairs, articles, summaries, method: str, quiet: bool):
    from summarize.summarizer.evaluation import aggregate, score_pair

    scores = []
    with progress("Scoring", len(pairs), quiet) as advance:
        for pair, article, summary in zip(pairs, articles, summaries, strict=True):
            scores.append(score_pair(article, summary, pair.reference))
            advance()
    return aggregate(scores, method)


def _method_label(plan) -> str:
    if plan.method == "extractive":
        return "extractive"
    path = Path(plan.model or "")
    return f"seq2seq:{path.name if path.exists() else plan.model}"


def render_text(report) -> str:
    """The figures as a few aligned lines."""
    lines = [
        f"{report.n} pairs, {report.method}",
        f"ROUGE-1     {report.rouge1:.3f}",
        f"ROUGE-2     {report.rouge2:.3f}",
        f"ROUGE-L     {report.rougeL:.3f}",
        f"guard pass  {report.guard_pass:.1%}",
        f"length      {report.avg_chars:.0f} chars (references {report.reference_avg_chars:.0f})",
    ]
    if report.method != "extractive":
        lines.append(f"fallbacks   {report.fallbacks:.1%} (replaced by the extractive summary)")
    return "\n".join(lines)
