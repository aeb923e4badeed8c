"""`kosum diff --format markdown`: per event a table (a column per outlet, a row per fact),
conflicts, and each outlet's additions and omissions. Words that differ from the fact's canonical
wording are in bold; `➕` marks a fact only one outlet reports, `—` a fact most others report
and this outlet leaves out."""

from __future__ import annotations

from summarize.types import Comparison


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("*", "\\*")


def _marked(text: str, canonical: str) -> str:
    from summarize.diff import marked_segments

    parts = []
    for piece, differs in marked_segments(text, canonical):
        esc = _escape(piece)
        if differs and esc.strip():
            lead = esc[: len(esc) - len(esc.lstrip())]
            trail = esc[len(esc.rstrip()) :]
            parts.append(f"{lead}**{esc.strip()}**{trail}")
        else:
            parts.append(esc)
    return "".join(parts)


def render_comparison_markdown(comparison: Comparison) -> str:
    """The comparison as GitHub-flavoured Markdown."""
    conflicts_of: dict[str, list] = {}
    for c in comparison.conflicts:
        conflicts_of.setdefault(c.fact, []).append(c)
    omissions = {v.article: set(v.omissions) for v in comparison.outlets}
    lines = ["# kosum diff", ""]
    for event in comparison.events:

        def name(aid: str) -> str:
            return f"{comparison.article(aid).outlet or '?'} ({aid})"

        if len(event.articles) == 1:
            lines += [f"## {event.id}: {name(event.articles[0])}", "", "Alone in its group.", ""]
            continue
        lines += [f"## {event.id}: " + ", ".join(name(a) for a in event.articles), ""]
        facts = [f for f in comparison.facts if f.event == event.id]
        lines.append("| # | " + " | ".join(_escape(name(a)) for a in event.articles) + " |")
        lines.append("|---|" + "---|" * len(event.articles))
        for n, fact in enumerate(facts, 1):
            single = len(fact.articles) == 1
            cells = []
            for aid in event.articles:
                claims = [c for c in fact.claims if c.source.id == aid]
                if claims:
                    text = " / ".join(_marked(c.text, fact.canonical) for c in claims)
                    cells.append(("➕ " if single else "") + text)
                elif fact.id in omissions.get(aid, set()):
                    cells.append("— *missing*")
                else:
                    cells.append("")
            mark = f"{n}" + (" ⚠" if fact.id in conflicts_of else "")
            lines.append(f"| {mark} | " + " | ".join(cells) + " |")
        lines.append("")
        fact_no = {f.id: k for k, f in enumerate(facts, 1)}
        event_conflicts = [c for c in comparison.conflicts if c.fact in fact_no]
        if event_conflicts:
            lines += ["### Conflicts", ""]
            for c in event_conflicts:
                who = ", ".join(dict.fromkeys(name(x.source.id) for x in c.claims))
                lines.append(
                    f"- fact {fact_no[c.fact]} — **{c.kind}**: {_escape(c.detail)} ({who})"
                )
            lines.append("")
        lines += ["### By outlet", ""]
        for v in comparison.outlets:
            if v.article not in event.articles:
                continue
            adds = ", ".join(str(fact_no[f]) for f in v.additions if f in fact_no) or "none"
            omits = ", ".join(str(fact_no[f]) for f in v.omissions if f in fact_no) or "none"
            lines.append(f"- {name(v.article)}: adds {adds}; omits {omits}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
