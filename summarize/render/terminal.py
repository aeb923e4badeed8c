"""`kosum diff` in the terminal: per event (a story), its timeline (days, who reported first,
what each day added), then its facts. Green: only this outlet reports it; red "missing": most
others report it, this one does not; yellow: a conflict (its detail below); words that differ
from the fact's canonical wording are bold and underlined.

Facts are laid out side by side (a rich table, a column per outlet and a row per fact) when the
terminal gives each outlet `MIN_COLUMN` characters, otherwise stacked (a block per fact, a line
per outlet that states it): ten outlets in 80 columns would leave each two syllables a line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from summarize.render.common import (
    FactRow,
    Show,
    event_rows,
    outlet_label,
    outlet_name,
    shown_rows,
    story_timeline,
)
from summarize.types import Comparison, Event

if TYPE_CHECKING:
    from rich.console import Console, Group, RenderableType
    from rich.table import Table
    from rich.text import Text

Layout = Literal["auto", "table", "stacked"]
"""How facts are laid out: side by side when the width allows (`auto`), always side by side, or
always stacked."""

#: Least characters an outlet's column needs for the side-by-side table (`auto` layout).
MIN_COLUMN = 18
#: Characters the table's number column and borders take.
TABLE_FRAME = 8


def _cell(text: str, canonical: str, style: str) -> Text:
    from rich.text import Text

    from summarize.wording import marked_segments

    out = Text(style=style)
    for piece, differs in marked_segments(text, canonical):
        out.append(piece, style="bold underline" if differs else None)
    return out


def comparison_renderables(
    comparison: Comparison, show: Show = "all", *, width: int = 160, layout: Layout = "auto"
) -> list[RenderableType]:
    """The rich renderables for a comparison printed `width` characters wide; `show` picks the
    facts listed, `layout` how they are laid out."""
    from rich.rule import Rule
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
        if _side_by_side(layout, len(event.articles), width):
            out.append(fact_table(comparison, event, shown_rows(rows, show)))
        else:
            out.extend(fact_blocks(comparison, event, shown_rows(rows, show)))
        out.append(event_summary(comparison, event, rows, show))
    return out


def _side_by_side(layout: Layout, outlets: int, width: int) -> bool:
    if layout == "auto":
        return (width - TABLE_FRAME) // outlets >= MIN_COLUMN
    return layout == "table"


def _marker(row: FactRow) -> str:
    return f"{row.number}" + ("!" if row.conflicts else "") + ("+" if row.single else "")


def _style(row: FactRow) -> str:
    return "green" if row.single else ("yellow" if row.conflicts else "")


def _column_label(comparison: Comparison, article_id: str) -> str:
    """The outlet's name, or the article id alone when the outlet is unknown."""
    outlet = comparison.article(article_id).outlet
    return f"{outlet}\n[{article_id}]" if outlet else f"[{article_id}]"


def fact_table(comparison: Comparison, event: Event, rows: list[FactRow]) -> Table:
    """The side-by-side table: a column per outlet, a row per fact (conflicts below it)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=True, expand=True, header_style="bold")
    table.add_column("#", no_wrap=True, style="dim", width=4)
    for aid in event.articles:
        table.add_column(Text(_column_label(comparison, aid)), ratio=1, overflow="fold")
    for row in rows:
        cells: list[RenderableType] = []
        for cell in row.cells:
            if cell.claims:
                text = " / ".join(c.text for c in cell.claims)
                cells.append(_cell(text, row.fact.canonical, _style(row)))
            elif cell.missing:
                cells.append(Text("— missing", style="red"))
            else:
                cells.append(Text("·", style="dim"))
        table.add_row(_marker(row), *cells)
        for c in row.conflicts:
            table.add_row(
                "",
                Text(f"⚠ {c.kind}: {c.detail}", style="bold yellow"),
                *[""] * (len(event.articles) - 1),
            )
    return table


def fact_blocks(comparison: Comparison, event: Event, rows: list[FactRow]) -> list[Group]:
    """The stacked layout: per fact a heading (number, how many outlets state it, who leaves it
    out), a line per outlet that states it, and its conflicts."""
    from rich.cells import cell_len
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    names = {aid: outlet_name(comparison.article(aid)) for aid in event.articles}
    label_width = min(16, max(cell_len(n) for n in names.values()))
    out = []
    for row in rows:
        block = Table.grid(padding=(0, 1), expand=True)
        block.add_column(width=label_width, no_wrap=True, overflow="ellipsis", style="dim")
        block.add_column(ratio=1, overflow="fold")
        cells = list(zip(event.articles, row.cells, strict=True))
        stating = [(aid, cell) for aid, cell in cells if cell.claims]
        heading = Text(f"\n#{_marker(row)} " if out else f"#{_marker(row)} ", style="bold")
        if row.single:
            heading.append(f"only {names[stating[0][0]]}", style="green")
        else:
            heading.append(f"{len(stating)} of {len(event.articles)} outlets")
        missing = [names[aid] for aid, cell in cells if cell.missing]
        if missing:
            heading.append(" · missing: ", style="red")
            heading.append(", ".join(missing), style="red")
        for aid, cell in stating:
            text = " / ".join(c.text for c in cell.claims)
            block.add_row(names[aid], _cell(text, row.fact.canonical, _style(row)))
        for c in row.conflicts:
            block.add_row("", Text(f"⚠ {c.kind}: {c.detail}", style="bold yellow"))
        out.append(Group(heading, block))
    return out


def event_summary(comparison: Comparison, event: Event, rows: list[FactRow], show: Show) -> Text:
    """Per outlet: facts only it reports, facts it leaves out, claims unmatched; then counts."""
    from rich.text import Text

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
    return summary


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
    comparison: Comparison,
    *,
    width: int | None = None,
    color: bool = True,
    show: Show = "all",
    layout: Layout = "auto",
) -> str:
    """The comparison rendered for a terminal (ANSI colours unless `color=False`)."""
    console = recording_console(width=width, color=color)
    for r in comparison_renderables(comparison, show, width=console.width, layout=layout):
        console.print(r)
    return console.export_text(styles=color).rstrip("\n")
