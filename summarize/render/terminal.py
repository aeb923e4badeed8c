"""`kosum diff` in the terminal: per event (a story), its timeline (days, who reported first,
what each day added), then one rich table with a column per outlet and a row per fact. Green:
only this outlet reports it; red "missing": most others report it, this one does not; a yellow
row carries a conflict (its detail below the row); words that differ from the fact's canonical
wording are bold and underlined."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarize.render.common import Show, event_rows, outlet_label, shown_rows, story_timeline
from summarize.types import Comparison, Event

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text


def _cell(text: str, canonical: str, style: str) -> Text:
    from rich.text import Text

    from summarize.wording import marked_segments

    out = Text(style=style)
    for piece, differs in marked_segments(text, canonical):
        out.append(piece, style="bold underline" if differs else None)
    return out


def comparison_renderables(comparison: Comparison, show: Show = "all") -> list[RenderableType]:
    """The rich renderables (tables and lists) for a comparison; `show` picks the fact rows
    listed."""
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    out: list[RenderableType] = []
    for event in comparison.events:
        if len(event.articles) == 1:
            name = outlet_label(comparison, event.articles[0])
            out.append(Text(f"{event.id}: {name} — alone in its group", style="dim"))
            continue
        out.append(Rule(f"{event.id}: {len(event.articles)} articles — {event.title or ''}"))
        out.append(timeline_text(comparison, event))
        rows = event_rows(comparison, event)
        table = Table(show_lines=True, expand=True, header_style="bold")
        table.add_column("#", no_wrap=True, style="dim", width=4)
        for aid in event.articles:
            outlet = comparison.article(aid).outlet or "?"
            table.add_column(Text(f"{outlet}\n[{aid}]"), ratio=1, overflow="fold")
        for row in shown_rows(rows, show):
            cells: list[RenderableType] = []
            for cell in row.cells:
                if cell.claims:
                    style = "green" if row.single else ("yellow" if row.conflicts else "")
                    text = " / ".join(c.text for c in cell.claims)
                    cells.append(_cell(text, row.fact.canonical, style))
                elif cell.missing:
                    cells.append(Text("— missing", style="red"))
                else:
                    cells.append(Text("·", style="dim"))
            marker = f"{row.number}" + ("!" if row.conflicts else "") + ("+" if row.single else "")
            table.add_row(marker, *cells)
            for c in row.conflicts:
                table.add_row(
                    "",
                    Text(f"⚠ {c.kind}: {c.detail}", style="bold yellow"),
                    *[""] * (len(event.articles) - 1),
                )
        out.append(table)
        summary = Text()
        for v in comparison.outlets:
            if v.article in event.articles:
                summary.append(f"{outlet_label(comparison, v.article)}: ")
                summary.append(f"+{len(v.additions)} only here", style="green")
                summary.append(", ")
                summary.append(f"-{len(v.omissions)} missing", style="red")
                if v.unmatched:
                    summary.append(", ")
                    summary.append(f"{len(v.unmatched)} unmatched", style="dim")
                summary.append("\n")
        nconf = sum(len(row.conflicts) for row in rows)
        listed = len(shown_rows(rows, show))
        note = f" ({listed} listed: {show})" if listed != len(rows) else ""
        summary.append(f"{len(rows)} facts, {nconf} conflicts{note}", style="bold")
        if any(v.unmatched for v in comparison.outlets if v.article in event.articles):
            summary.append(
                "\nunmatched: claims no other outlet was found stating, not called the outlet's"
                " own (another may state them in other words); listed by --format markdown|json",
                style="dim",
            )
        out.append(summary)
    return out


#: New facts of a day shown by their canonical wording (the rest are counted).
NEW_FACTS_SHOWN = 2


def timeline_text(comparison: Comparison, event: Event) -> Text:
    """The story's timeline: a line per day with its outlets (published time; `*` when the day
    was inferred) and the facts first reported that day."""
    from rich.text import Text

    out = Text()
    inferred = False
    for day in story_timeline(comparison, event):
        out.append(f"{day.label:<12}", style="bold")
        for k, entry in enumerate(day.entries):
            out.append(", " if k else " ")
            out.append(
                entry.article.outlet or entry.article.id, style="bold" if entry.first else ""
            )
            if entry.time:
                out.append(f" {entry.time}", style="dim")
            if entry.date is not None and entry.date.inferred:
                out.append("*", style="dim")
                inferred = True
            if entry.first:
                out.append(" (first)", style="cyan")
        if day.new_facts:
            out.append(f"\n{'':<13}+{len(day.new_facts)} facts", style="green")
            shown = [f.canonical for f in day.new_facts[:NEW_FACTS_SHOWN]]
            out.append(": " + " | ".join(_clip(t) for t in shown), style="dim")
        out.append("\n")
    if inferred:
        out.append("* day inferred from the text or from similar articles\n", style="dim")
    return out


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def recording_console(*, width: int | None = None, color: bool = False) -> Console:
    """A rich console that writes nowhere and records what is printed, for `export_text`."""
    import io

    from rich.console import Console

    return Console(
        width=width or 160,
        record=True,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        file=io.StringIO(),
    )


def render_comparison_terminal(
    comparison: Comparison, *, width: int | None = None, color: bool = True, show: Show = "all"
) -> str:
    """The comparison rendered for a terminal (ANSI colours unless `color=False`)."""
    console = recording_console(width=width, color=color)
    for r in comparison_renderables(comparison, show):
        console.print(r)
    return console.export_text(styles=color).rstrip("\n")
