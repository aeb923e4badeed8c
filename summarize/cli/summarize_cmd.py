"""`kosum summarize FILE...`: a short summary of every article, and a consensus per event.

`--method auto` (the default) uses a seq2seq checkpoint when `--model` names one or a recommended
one is in the local Hugging Face cache, and the extractive-compressive default otherwise; the
output names the method behind each summary.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from summarize.cli.app import (
    Files,
    Format,
    Output,
    Quiet,
    app,
    examples,
    exit_status,
    load_articles,
    nothing_read,
    stderr,
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
from summarize.cli.output import shown


class SummaryFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command(
    "summarize",
    epilog=examples(
        "kosum summarize samples/",
        "kosum summarize a.txt --model digit82/kobart-summarization -f json -o a.json",
        "kosum summarize samples/ --method extractive -f markdown --no-events",
        "pbpaste | kosum summarize -",
    ),
)
def summarize_command(
    files: Files,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            metavar="NAME|DIR",
            help="A seq2seq checkpoint: Hub id or local directory.",
        ),
    ] = None,
    method: Method = MethodChoice.auto,
    format: Format[SummaryFormat] = SummaryFormat.text,
    output: Output = None,
    device: Device = None,
    quantize: Annotated[
        bool, typer.Option("--quantize", help="int8 dynamic quantisation (CPU).")
    ] = False,
    num_beams: NumBeams = None,
    max_length: MaxLength = None,
    min_length: Annotated[
        int | None,
        typer.Option(
            "--min-length", min=0, help="Fewest generated tokens (the checkpoint's, else 16)."
        ),
    ] = None,
    long_input: LongInput = LongInputChoice.select,
    events: Annotated[
        bool,
        typer.Option("--events/--no-events", help="Consensus summaries of shared events."),
    ] = True,
    quiet: Quiet = False,
) -> None:
    """Summarise articles: a one-line gist and up to three key points each."""
    plan = checked_plan(method, model, device, quantize=quantize)
    articles, failed = load_articles(files, quiet=quiet, output=output)
    if not articles:
        raise nothing_read(output)
    if plan.method == "seq2seq" and not quiet:
        stderr.print(
            f"kosum: summarising with {shown(str(plan.model))} ({plan.reason})",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    generation = {"num_beams": num_beams, "max_length": max_length, "min_length": min_length}
    summaries = summarise_with_progress(
        articles,
        plan,
        quiet=quiet,
        device=device,
        quantize=quantize,
        generation=generation,
        long_input=long_input.value,
    )
    event_summaries = _events(articles) if events and len(articles) > 1 else []
    if format is SummaryFormat.json:
        from summarize.render.summary import render_summaries_json as render
    elif format is SummaryFormat.markdown:
        from summarize.render.summary import render_summaries_markdown as render
    else:
        from summarize.render.summary import render_summaries_text as render
    write_output(render(articles, summaries, event_summaries).rstrip("\n"), output)
    raise typer.Exit(exit_status(failed))


def _events(articles: list) -> list:
    """Consensus summaries of the events several articles share (from the diff's alignment)."""
    from summarize.comparison.diff import compare
    from summarize.summarizer.consensus import summarize_events

    return summarize_events(compare(articles))
