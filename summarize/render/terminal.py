"""`kosum diff` in the terminal: per event, one rich table with a column per outlet and a row per
fact. Green: only this outlet reports it; red "missing": most others report it, this one does
not; a yellow row carries a conflict (its detail below the row); words that differ from the
fact's canonical wording are bold and underlined."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarize.types import Comparison, Fact

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def _column_name(comparison: Comparison, article_id: str) -> str:
    a = comparison.article(article_id)
    return f"{a.outlet or '?'}\n[{article_id}]"


def _cell(text: str, canonical: str, style: str) -> Text:
    from rich.text import Text

    from summarize.diff import marked_segments

    out = Text(style=style)
    for piece, differs in marked_segments(text, canonical):
        out.append(piece, style="bold underline" if differs else None)
    return out


def comparison_renderables(comparison: Comparison) -> list[RenderableType]:
    """The rich renderables (tables and lists) for a comparison."""
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    conflicts_of: dict[str, list] = {}
    for c in comparison.conflicts:
        conflicts_of.setdefault(c.fact, []).append(c)
    omissions = {v.article: set(v.omissions) for v in comparison.outlets}
    out: list[RenderableType] = []
    for event in comparison.events:
        names = ", ".join(
            f"{aid} ({comparison.article(aid).outlet or '?'})" for aid in event.articles
        )
        if len(event.articles) == 1:
            out.append(Text(f"{event.id}: {names} — alone in its group", style="dim"))
            continue
        out.append(Rule(f"{event.id}: {len(event.articles)} articles"))
        facts: list[Fact] = [f for f in comparison.facts if f.event == event.id]
        table = Table(show_lines=True, expand=True, header_style="bold")
        table.add_column("#", no_wrap=True, style="dim", width=4)
        for aid in event.articles:
            table.add_column(_column_name(comparison, aid), ratio=1, overflow="fold")
        for n, fact in enumerate(facts, 1):
            fc = conflicts_of.get(fact.id, [])
            single = len(fact.articles) == 1
            by_article = {}
            for c in fact.claims:
                by_article.setdefault(c.source.id, []).append(c)
            cells: list[RenderableType] = []
            for aid in event.articles:
                claims = by_article.get(aid)
                if claims:
                    style = "green" if single else ("yellow" if fc else "")
                    cells.append(_cell(" / ".join(c.text for c in claims), fact.canonical, style))
                elif fact.id in omissions.get(aid, set()):
                    cells.append(Text("— missing", style="red"))
                else:
                    cells.append(Text("·", style="dim"))
            marker = f"{n}" + ("!" if fc else "") + ("+" if single else "")
            table.add_row(marker, *cells)
            for c in fc:
                table.add_row(
                    "",
                    Text(f"⚠ {c.kind}: {c.detail}", style="bold yellow"),
                    *[""] * (len(event.articles) - 1),
                )
        out.append(table)
        summary = Text()
        for v in comparison.outlets:
            if v.article in event.articles:
                summary.append(f"{v.article} ({comparison.article(v.article).outlet or '?'}): ")
                summary.append(f"+{len(v.additions)} only here", style="green")
                summary.append(", ")
                summary.append(f"-{len(v.omissions)} missing", style="red")
                summary.append("\n")
        nconf = sum(1 for c in comparison.conflicts if c.fact in {f.id for f in facts})
        summary.append(f"{len(facts)} facts, {nconf} conflicts", style="bold")
        out.append(summary)
    return out


def render_comparison_terminal(
    comparison: Comparison, *, width: int | None = None, color: bool = True
) -> str:
    """The comparison rendered for a terminal (ANSI colours unless `color=False`)."""
    from rich.console import Console

    console = Console(
        width=width or 160,
        record=True,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        file=_Null(),
    )
    for r in comparison_renderables(comparison):
        console.print(r)
    return console.export_text(styles=color).rstrip("\n")


class _Null:
    def write(self, _s: str) -> int:
        return 0

    def flush(self) -> None:
        pass
