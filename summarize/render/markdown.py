"""`kosum diff --format markdown`: per event (a story) its timeline, a table (a column per
outlet, a row per fact), conflicts, and each outlet's additions and omissions. Words that differ
from the fact's canonical wording are in bold; `➕` marks a fact only one outlet reports, `—` a
fact most others report and this outlet leaves out."""

from __future__ import annotations

import re
from collections.abc import Callable

from summarize.render.common import Show, event_rows, outlet_label, shown_rows, story_timeline
from summarize.types import Comparison, Event

_SPECIAL = re.compile(r"[\\|*`\[\]]|(?<!\w)_|_(?!\w)")
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def md_escape(text: str) -> str:
    """Text safe inside a Markdown paragraph or table cell: one line, no emphasis, no code span,
    no link or image, no cell break (`_` inside a word, as in file names, is left alone: it makes
    no emphasis there), and no HTML: `&`, `<`, `>` become entities, so a `<script>` or `<img>`
    copied from an article page shows as text instead of reaching the page that renders the
    Markdown."""
    escaped = _SPECIAL.sub(lambda m: "\\" + m.group(), text.translate(_HTML))
    return escaped.replace("\r", " ").replace("\n", " ")


def _marked(text: str, canonical: str) -> str:
    from summarize.wording import marked_segments

    parts = []
    for piece, differs in marked_segments(text, canonical):
        esc = md_escape(piece)
        if differs and esc.strip():
            lead = esc[: len(esc) - len(esc.lstrip())]
            trail = esc[len(esc.rstrip()) :]
            parts.append(f"{lead}**{esc.strip()}**{trail}")
        else:
            parts.append(esc)
    return "".join(parts)


def timeline_lines(comparison: Comparison, event: Event) -> list[str]:
    """The story's headline and a line per day: outlets (published time, `*` when the day was
    inferred, **bold** for the first report) and the number of facts first reported that day."""
    lines = [f"**{md_escape(event.title)}**", ""] if event.title else []
    lines += ["### Timeline", ""]
    inferred = False
    for day in story_timeline(comparison, event):
        names = []
        for entry in day.entries:
            label = md_escape(entry.article.outlet or entry.article.id)
            label += f" {entry.time}" if entry.time else ""
            if entry.date is not None and entry.date.inferred:
                label += "\\*"
                inferred = True
            names.append(f"**{label}** (first)" if entry.first else label)
        added = f" — {len(day.new_facts)} new facts" if day.new_facts else ""
        lines.append(f"- {day.label}: " + ", ".join(names) + added)
    if inferred:
        lines += ["", "\\* day inferred from the text or from similar articles"]
    return [*lines, ""]


def render_comparison_markdown(comparison: Comparison, show: Show = "all") -> str:
    """The comparison as GitHub-flavoured Markdown; `show` picks the fact rows listed."""
    lines = ["# kosum diff", ""]
    for event in comparison.events:

        def name(aid: str) -> str:
            return md_escape(outlet_label(comparison, aid))

        if len(event.articles) == 1:
            lines += [f"## {event.id}: {name(event.articles[0])}", "", "Alone in its group.", ""]
            continue
        lines += [f"## {event.id}: " + ", ".join(name(a) for a in event.articles), ""]
        lines += timeline_lines(comparison, event)
        rows = event_rows(comparison, event)
        lines.append("| # | " + " | ".join(name(a) for a in event.articles) + " |")
        lines.append("|---|" + "---|" * len(event.articles))
        for row in shown_rows(rows, show):
            cells = []
            for cell in row.cells:
                if cell.claims:
                    text = " / ".join(_marked(c.text, row.fact.canonical) for c in cell.claims)
                    cells.append(("➕ " if row.single else "") + text)
                else:
                    cells.append("— *missing*" if cell.missing else "")
            mark = f"{row.number}" + (" ⚠" if row.conflicts else "")
            lines.append(f"| {mark} | " + " | ".join(cells) + " |")
        lines.append("")
        fact_no = {row.fact.id: row.number for row in rows}
        event_conflicts = [c for c in comparison.conflicts if c.fact in fact_no]
        if event_conflicts:
            lines += ["### Conflicts", ""]
            for c in event_conflicts:
                who = ", ".join(dict.fromkeys(name(x.source.id) for x in c.claims))
                lines.append(
                    f"- fact {fact_no[c.fact]} — **{c.kind}**: {md_escape(c.detail)} ({who})"
                )
            lines.append("")
        lines += ["### By outlet", ""]
        for v in comparison.outlets:
            if v.article not in event.articles:
                continue
            adds = ", ".join(str(fact_no[f]) for f in v.additions if f in fact_no) or "none"
            omits = ", ".join(str(fact_no[f]) for f in v.omissions if f in fact_no) or "none"
            unmatched = f"; {len(v.unmatched)} unmatched" if v.unmatched else ""
            lines.append(f"- {name(v.article)}: adds {adds}; omits {omits}{unmatched}")
        lines.append("")
        lines += _unmatched_section(comparison, event, name)
    return "\n".join(lines).rstrip() + "\n"


def _unmatched_section(
    comparison: Comparison, event: Event, name: Callable[[str], str]
) -> list[str]:
    """Each outlet's claims that no other outlet was found stating but that are not called its
    own (another outlet may state them in other words), folded."""
    views = [v for v in comparison.outlets if v.article in event.articles and v.unmatched]
    if not views:
        return []
    total = sum(len(v.unmatched) for v in views)
    lines = [
        "<details><summary>Unmatched claims: "
        f"{total} (no other outlet was found stating them; not called any outlet's own)"
        "</summary>",
        "",
    ]
    for v in views:
        lines.append(f"- {name(v.article)}")
        lines += [f"  - {md_escape(c.text)}" for c in v.unmatched]
    return [*lines, "", "</details>", ""]
