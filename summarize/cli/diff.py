"""`kosum diff FILE...`: group the inputs by event and show, side by side, which facts each
outlet reports, adds, leaves out or reports differently."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from summarize.cli.app import (
    EXIT_INPUT_FAILED,
    Embedder,
    Files,
    Format,
    Output,
    Quiet,
    app,
    examples,
    exit_status,
    is_stdout,
    load_articles,
    nothing_read,
    report_error,
    stdout,
    write_output,
)


class ShowFacts(StrEnum):
    all = "all"
    shared = "shared"
    conflicts = "conflicts"


class FactLayout(StrEnum):
    auto = "auto"
    table = "table"
    stacked = "stacked"


class DiffFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"
    html = "html"


@app.command(
    "diff",
    epilog=examples(
        "kosum diff samples/000* samples/001* samples/002*",
        "kosum diff samples/ --format json -o diff.json",
        "kosum diff samples/ -f markdown --embedder none > diff.md",
        "kosum diff samples/ --show conflicts",
        "kosum diff many-outlets/ --layout stacked",
    ),
)
def diff_command(
    files: Files,
    format: Format[DiffFormat] = DiffFormat.terminal,
    output: Output = None,
    embedder: Embedder = "e5",
    show: Annotated[
        ShowFacts,
        typer.Option(
            "--show",
            help="Fact rows the terminal and markdown tables list: all, shared (two or more "
            "outlets) or conflicts. JSON and HTML always hold every fact.",
        ),
    ] = ShowFacts.all,
    layout: Annotated[
        FactLayout,
        typer.Option(
            "--layout",
            help="Terminal layout of the facts: table (a column per outlet), stacked (a block "
            "per fact, a line per outlet), or auto: the table when each outlet gets 18 "
            "characters of the terminal's width (160 when writing to a file).",
        ),
    ] = FactLayout.auto,
    quiet: Quiet = False,
    timings: Annotated[
        bool,
        typer.Option("--timings", hidden=True, help="Print seconds per stage to stderr as JSON."),
    ] = False,
) -> None:
    """Compare articles across outlets: facts, conflicts, additions and omissions.

    The inputs are grouped by the event they report; within each event the claims are aligned
    into facts, shown side by side with a column per outlet (stacked, a block per fact, when the
    terminal is too narrow for that many columns).
    """
    import time

    clock: dict[str, float] = {"command_start_epoch": time.time()}
    t = time.perf_counter()
    articles, failed = load_articles(files, quiet=quiet, output=output)
    clock["read_and_analyse"] = time.perf_counter() - t
    if not articles:
        raise nothing_read(output)
    from summarize.comparison.diff import compare

    stages: dict[str, float] = {}
    comparison = compare(articles, embedder=embedder, timings=stages)
    clock.update(stages)
    t = time.perf_counter()
    if format is DiffFormat.json:
        from summarize.render.diff_json import render_comparison_json

        write_output(render_comparison_json(comparison), output)
    elif format is DiffFormat.markdown:
        from summarize.render.markdown import render_comparison_markdown

        write_output(render_comparison_markdown(comparison, show.value), output)
    elif format is DiffFormat.html:
        try:
            from summarize.render.html import render_comparison_html
        except ImportError as exc:
            report_error(f"the html format is not available: {exc}")
            raise typer.Exit(EXIT_INPUT_FAILED) from exc
        write_output(render_comparison_html(comparison), output)
    elif not is_stdout(output):
        from summarize.render.terminal import render_comparison_terminal

        text = render_comparison_terminal(
            comparison, color=False, show=show.value, layout=layout.value
        )
        write_output(text, output)
    else:
        from summarize.render.terminal import comparison_renderables

        width = stdout.size.width
        for r in comparison_renderables(comparison, show.value, width=width, layout=layout.value):
            stdout.print(r)
    clock["render"] = time.perf_counter() - t
    if timings:
        _print_timings(clock, embedder)
    raise typer.Exit(exit_status(failed))


def _print_timings(clock: dict[str, float], embedder_name: str) -> None:
    import json
    import sys

    from summarize.comparison.similarity import get_embedder

    emb = get_embedder(embedder_name)
    clock["embedding_load"] = getattr(emb, "load_seconds", 0.0)
    clock["embedding_encode"] = getattr(emb, "encode_seconds", 0.0)
    clock["embedded_texts"] = float(getattr(emb, "encoded", 0))
    clock["embedding_cache_hits"] = float(getattr(emb, "cache_hits", 0))
    sys.stderr.write(json.dumps(clock) + "\n")
