"""Summaries as text, Markdown or JSON (`"schema": "kosum.summaries/1"`).

JSON: `articles`, each with `id`, `path`, `outlet`, `title`, `published` and `summary` {`text`,
`method`, `sentences` [{`text`, `role`, `support` [{`text`, `start`, `end`}], `flags`}], `flags`,
`fallback`, `notes`}; `events` (consensus summaries of events several articles report), each with
`id`, `articles`, `consensus` (sentences as above, their support spans carrying `article`) and
`outlets` [{`article`, `outlet`, `adds` (a sentence or null), `additions`}]. Offsets are character
offsets into the article's decoded input.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from summarize.article.decoding import printable
from summarize.render.common import article_json, labelled, span_json
from summarize.render.markdown import md_escape
from summarize.types import Article, Summary, SummarySentence

SCHEMA = "kosum.summaries/1"


def _sentence_json(sentence: SummarySentence, with_article: bool = False) -> dict[str, Any]:
    return {
        "text": sentence.text,
        "role": sentence.role,
        "support": [span_json(s, with_article=with_article) for s in sentence.support],
        "flags": list(sentence.flags),
    }


def summary_flags(summary: Summary) -> list[str]:
    return list(dict.fromkeys(f for s in summary.sentences for f in s.flags))


def summaries_json(
    articles: Sequence[Article], summaries: Sequence[Summary], events: Sequence[Any] = ()
) -> dict[str, Any]:
    """The JSON document as a dict."""
    return {
        "schema": SCHEMA,
        "articles": [
            {
                **article_json(a),
                "summary": {
                    "text": s.text,
                    "method": s.method,
                    "sentences": [_sentence_json(x) for x in s.sentences],
                    "flags": summary_flags(s),
                    "fallback": s.fallback,
                    "notes": list(s.notes),
                },
            }
            for a, s in zip(articles, summaries, strict=True)
        ],
        "events": [
            {
                "id": e.event,
                "articles": list(e.articles),
                "consensus": [_sentence_json(x, True) for x in e.consensus],
                "outlets": [
                    {
                        "article": o.article,
                        "outlet": o.outlet,
                        "adds": _sentence_json(o.sentence, True) if o.sentence else None,
                        "additions": o.additions,
                    }
                    for o in e.outlets
                ],
            }
            for e in events
        ],
    }


def render_summaries_json(
    articles: Sequence[Article], summaries: Sequence[Summary], events: Sequence[Any] = ()
) -> str:
    return json.dumps(summaries_json(articles, summaries, events), ensure_ascii=False, indent=2)


def _heading(article: Article) -> str:
    bits = [article.title or article.id]
    if article.outlet:
        bits.append(article.outlet)
    return " — ".join(bits)


def _method_line(summary: Summary) -> str:
    line = f"method: {summary.method}"
    if summary.fallback:
        line += f" (fallback: {summary.fallback})"
    return line


def render_summaries_text(
    articles: Sequence[Article], summaries: Sequence[Summary], events: Sequence[Any] = ()
) -> str:
    """Plain text: per article its heading, gist, key points, method and any notes or flags."""
    lines: list[str] = []
    for a, s in zip(articles, summaries, strict=True):
        lines.append(f"{a.id}: {_heading(a)}")
        for x in s.sentences:
            mark = "  " if x.role == "gist" else "  - "
            flag = f"  [unsupported: {', '.join(x.flags)}]" if x.flags else ""
            lines.append(f"{mark}{x.text}{flag}")
        if not s.sentences:
            lines.append("  (nothing to summarise)")
        lines.append(f"  {_method_line(s)}")
        lines.extend(f"  note: {n}" for n in s.notes)
        lines.append("")
    for e in events:
        lines.append(f"event {e.event} ({', '.join(e.articles)}): reported by most outlets")
        lines.extend(f"  - {x.text}" for x in e.consensus)
        if not e.consensus:
            lines.append("  (no fact is reported by most outlets)")
        adding, silent = _split_outlets(e.outlets)
        lines += [f"  only {labelled(o.outlet, o.article)}: {_addition(o)}" for o in adding]
        if silent:
            names = ", ".join(labelled(o.outlet, o.article) for o in silent)
            lines.append(f"  nothing of their own: {names}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_summaries_markdown(
    articles: Sequence[Article], summaries: Sequence[Summary], events: Sequence[Any] = ()
) -> str:
    """Markdown: a section per article (gist in bold, points as a list), then event consensus."""
    lines = ["# kosum summaries", ""]
    for a, s in zip(articles, summaries, strict=True):
        lines += [
            f"## {md_escape(_heading(a))}",
            "",
            "`" + printable(a.path).replace("`", "'") + "`",
            "",
        ]
        for x in s.sentences:
            flag = f" ⚠ *unsupported: {md_escape(', '.join(x.flags))}*" if x.flags else ""
            text = md_escape(x.text)
            lines.append(f"**{text}**{flag}" if x.role == "gist" else f"- {text}{flag}")
            if x.role == "gist":
                lines.append("")
        lines += ["", f"*{md_escape(_method_line(s))}*", ""]
        lines += [f"> {md_escape(n)}" for n in s.notes]
        if s.notes:
            lines.append("")
    for e in events:
        lines += [
            f"## Event {e.event}: {', '.join(e.articles)}",
            "",
            "Reported by most outlets:",
            "",
        ]
        lines += [f"- {md_escape(x.text)}" for x in e.consensus] or ["- (none)"]
        adding, silent = _split_outlets(e.outlets)
        lines += ["", "Only one outlet adds:", ""]
        lines += [
            f"- **{md_escape(labelled(o.outlet, o.article))}**: {md_escape(_addition(o))}"
            for o in adding
        ]
        if not adding:
            lines.append("- (none)")
        if silent:
            names = ", ".join(labelled(o.outlet, o.article) for o in silent)
            lines += ["", f"Nothing of their own: {md_escape(names)}"]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _split_outlets(outlets: Sequence[Any]) -> tuple[list[Any], list[Any]]:
    """The event's outlets that report facts no other outlet does, and those that report none."""
    return [o for o in outlets if o.additions], [o for o in outlets if not o.additions]


def _addition(outlet: Any) -> str:
    """The outlet's most salient addition, or how many short ones it has when none reads as a
    statement on its own."""
    if outlet.sentence is not None:
        return outlet.sentence.text
    n = outlet.additions
    return f"{n} short detail{'s' if n > 1 else ''} (kosum diff lists them)"
