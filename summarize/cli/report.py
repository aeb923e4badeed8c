"""`kosum report FILE... -o report.html`: the comparison as one self-contained web page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from summarize.cli.app import (
    Embedder,
    Files,
    Quiet,
    app,
    check_output,
    examples,
    exit_status,
    is_stdout,
    load_articles,
    nothing_read,
    progress,
    stderr,
    write_output,
)
from summarize.cli.output import shown
from summarize.types import Article, Comparison, Summary

DEFAULT_OUTPUT = Path("report.html")


@app.command(
    epilog=examples(
        "kosum report samples/ -o report.html",
        "kosum report a.txt b.html c.json --title '카카오 AI 보도' -o kakao.html",
        "kosum report samples/ -o - --quiet > report.html",
    ),
)
def report(
    files: Files,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Where to write the page (- for stdout).",
            callback=check_output,
        ),
    ] = DEFAULT_OUTPUT,
    title: Annotated[str, typer.Option("--title", help="The page's title.")] = "kosum 보도 비교",
    embedder: Embedder = "e5",
    quiet: Quiet = False,
) -> None:
    """Write one self-contained HTML page comparing the articles' coverage.

    Per event: the consensus summary, a card per outlet with its summary, a coverage matrix, the
    side-by-side view with differing words and conflicts highlighted, each outlet's additions
    and omissions, and every claim linked to its place in the article's text. The page needs no
    network and reads with JavaScript off.
    """
    articles, failed = load_articles(files, quiet=quiet, output=output)
    if not articles:
        raise nothing_read(output)

    with progress("Comparing articles", None, quiet):
        comparison = _compare(articles, embedder)
    with progress("Summarising", len(articles), quiet) as advance:
        summaries = _summaries(articles, advance)
    consensus = _event_summaries(comparison)

    from summarize.render.html import render_comparison_html

    page = render_comparison_html(comparison, summaries, consensus, title=title)
    write_output(page, output)
    if not quiet and not is_stdout(output):
        compared = sum(1 for e in comparison.events if len(e.articles) > 1)
        size_kb = len(page.encode("utf-8")) // 1024
        stderr.print(
            f"wrote {shown(str(output))}: {len(articles)} articles, {len(comparison.events)} "
            f"events ({compared} compared across outlets), {size_kb} KB",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    raise typer.Exit(exit_status(failed))


def _compare(articles: list[Article], embedder: str) -> Comparison:
    from summarize.comparison.diff import compare

    return compare(articles, embedder=embedder)


def _summaries(articles: list[Article], advance: Callable[[int], None]) -> list[Summary]:
    """Each article's summary with the summariser's default method."""
    from summarize.summarizer import summarize_articles

    return list(summarize_articles(articles, progress=advance))


def _event_summaries(comparison: Comparison) -> dict[str, Any]:
    """The consensus summary of each event reported by more than one article, by event id."""
    from summarize.summarizer.consensus import summarize_events

    return {e.event: e for e in summarize_events(comparison)}
