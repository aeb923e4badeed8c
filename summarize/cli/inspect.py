"""`kosum inspect FILE...`: show what kosum understood of each input — metadata, body
paragraphs, the clutter it removed (and why), sentences and claims with their offsets."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer

from summarize.cli.app import (
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
    stdout,
    write_output,
)
from summarize.cli.output import shown
from summarize.render.common import article_json
from summarize.render.common import span_json as _span
from summarize.types import Article, Claim, DateMention, Entity, Quantity

if TYPE_CHECKING:
    from rich.console import Console

SCHEMA = "kosum.inspect/1"


class InspectFormat(StrEnum):
    text = "text"
    json = "json"


@app.command(
    "inspect",
    epilog=examples(
        "kosum inspect samples/000_f28d87c25e3f6bfe.txt",
        "kosum inspect samples/ --format json -o inspect.json",
        "pbpaste | kosum inspect -",
    ),
)
def inspect_command(
    files: Files,
    format: Format[InspectFormat] = InspectFormat.text,
    output: Output = None,
    quiet: Quiet = False,
) -> None:
    """Show metadata, body, removed clutter, sentences and claims of each article."""
    articles, failed = load_articles(files, quiet=quiet, output=output)
    if not articles:
        raise nothing_read(output)
    if format is InspectFormat.json:
        doc = {"schema": SCHEMA, "articles": [article_to_dict(a) for a in articles]}
        write_output(json.dumps(doc, ensure_ascii=False, indent=2), output)
    elif not is_stdout(output):
        write_output(_as_plain_text(articles), output)
    else:
        for article in articles:
            print_article(article)
    raise typer.Exit(exit_status(failed))


# --- JSON -------------------------------------------------------------------------------------


def _quantity(q: Quantity) -> dict[str, Any]:
    return {**_span(q), "value": q.value, "unit": q.unit, "qualifier": q.qualifier}


def _date(d: DateMention) -> dict[str, Any]:
    return {
        **_span(d),
        "value": d.value.isoformat() if d.value else None,
        "granularity": d.granularity,
        "relative": d.relative,
    }


def _entity(e: Entity) -> dict[str, Any]:
    return {**_span(e), "kind": e.kind, "canonical": e.canonical, "title": e.title}


def _claim(c: Claim) -> dict[str, Any]:
    return {
        **_span(c),
        "index": c.index,
        "sentence": c.sentence,
        "quote": c.quote,
        "speaker": _entity(c.speaker) if c.speaker else None,
        "resolved": c.resolved,
        "setting": c.setting,
        "spans": [[start, end] for start, end in c.parts],
        "quantities": [_quantity(q) for q in c.quantities],
        "dates": [_date(d) for d in c.dates],
        "entities": [_entity(e) for e in c.entities],
    }


def article_to_dict(article: Article) -> dict[str, Any]:
    """Everything `inspect` shows, as plain JSON-ready data; offsets index the decoded input."""
    return {
        **article_json(article),
        "format": article.source.format,
        "encoding": article.source.encoding,
        "reporters": list(article.reporters),
        "headline": _span(article.headline) if article.headline else None,
        "subheadings": [_span(s) for s in article.subheadings],
        "paragraphs": [_span(p) for p in article.paragraphs],
        "clutter": [{**_span(c), "reason": c.reason} for c in article.clutter],
        "sentences": [
            {**_span(s), "index": s.index, "kind": s.kind, "paragraph": s.paragraph}
            for s in article.sentences
        ],
        "claims": [_claim(c) for c in article.claims],
    }


# --- text -------------------------------------------------------------------------------------


def _esc(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _as_plain_text(articles: list[Article]) -> str:
    """The text view without colours, for a file."""
    from summarize.render.terminal import recording_console

    console = recording_console(width=120)
    for article in articles:
        print_article(article, console)
    return console.export_text(styles=False).rstrip("\n")


def print_article(article: Article, out: Console | None = None) -> None:
    """A readable account of one article on stdout, or on the given console (rich)."""
    from rich.rule import Rule

    out = out or stdout
    out.print(Rule(f"[bold]{_esc(shown(article.id))}[/]"))
    published = article.published.isoformat() if article.published else "—"
    rows = [
        ("path", shown(article.path)),
        ("outlet", article.outlet or "—"),
        ("reporters", ", ".join(article.reporters) or "—"),
        ("published", published),
        ("headline", article.title or "—"),
    ]
    for name, value in rows:
        out.print(f"[bold cyan]{name:>10}[/] {_esc(value)}")
    for sub in article.subheadings:
        out.print(f"[bold cyan]{'sub':>10}[/] {_esc(sub.text)}")

    out.print(f"\n[bold]Body[/] ({len(article.paragraphs)} paragraphs)")
    for i, para in enumerate(article.paragraphs):
        out.print(f"[dim]¶{i} [{para.start},{para.end})[/] {_esc(para.text)}")

    out.print(f"\n[bold]Clutter removed[/] ({len(article.clutter)})")
    for c in article.clutter:
        line = c.text.replace("\n", " ⏎ ")
        out.print(f"[dim][{c.start},{c.end}) {_esc(c.reason)}:[/] [strike]{_esc(line)}[/]")

    out.print(f"\n[bold]Sentences[/] ({len(article.sentences)})")
    for s in article.sentences:
        kind = "" if s.kind == "body" else f"[magenta]{s.kind}[/] "
        out.print(f"[dim]{s.index:>3} [{s.start},{s.end})[/] {kind}{_esc(s.text)}")

    out.print(f"\n[bold]Claims[/] ({len(article.claims)})")
    for c in article.claims:
        out.print(_claim_line(c))
        for detail in _claim_details(c):
            out.print(f"        {detail}")
    out.print()


def _claim_line(c: Claim) -> str:
    head = f"[dim]{c.index:>3} s{c.sentence} [{c.start},{c.end})[/] "
    if c.setting:
        head += "[magenta]setting[/] "
    if c.quote:
        who = c.speaker.canonical if c.speaker else "?"
        return f"{head}[yellow]“{_esc(c.text)}”[/] [green]— {_esc(who)}[/]"
    return head + _esc(c.text)


def _claim_details(c: Claim) -> list[str]:
    details = []
    if len(c.parts) > 1:
        details.append("[blue]spans[/] " + " ".join(f"[{s},{e})" for s, e in c.parts))
    if c.resolved and c.resolved != c.text:
        details.append(f"[blue]resolved[/] {_esc(c.resolved)}")
    if c.quantities:
        items = [
            f"{_esc(q.text)}={q.value:,g}{_esc(q.unit)}"
            + (f" ({q.qualifier})" if q.qualifier else "")
            for q in c.quantities
        ]
        details.append("[blue]numbers[/] " + "; ".join(items))
    if c.dates:
        items = [
            f"{_esc(d.text)}={d.value.isoformat() if d.value else '?'}/{d.granularity}"
            + (" (relative)" if d.relative else "")
            for d in c.dates
        ]
        details.append("[blue]dates[/] " + "; ".join(items))
    if c.entities:
        items = []
        for e in c.entities:
            label = e.canonical + (f" {e.title}" if e.title else "")
            items.append(f"{_esc(e.text)}→{_esc(label)} ({e.kind})")
        details.append("[blue]entities[/] " + "; ".join(items))
    return details
