"""`kosum diff --format json`: the comparison as a `kosum.diff/1` document.

Every claim is given as `{article, text, start, end}` with `start`/`end` character offsets into
that article's decoded, normalised input (`Source.text`: NFC, no invisible or control
characters), so `text == source.text[start:end]`; a claim whose words are discontinuous also
lists them as `spans: [[start, end], ...]` (`start`/`end` are then their hull), and a claim that
states the event's setting carries `setting: true`.

`article` (and each article's `id`) is the article id, unique within the document: the file
name without extension while it is unique among the inputs, else the shortest path tail that
tells files apart (`bok/edaily`); `stdin`; `name#N` for record N of a JSON array or JSONL file
unless the record has its own `id`; `~2`, `~3` for an id met again.

An event is one story across outlets and days: besides `id`, `articles` and `singleton` it
carries `title` and `headline` (the story's most representative headline, as a span of its
article), `first` (the article published first) and `days`, its timeline (`date`, `inferred`,
`articles`, `new_facts`: the facts first reported that day). Each article carries `date`, the day
it reports on (`value`, `source`: `published`, `text` or `neighbours`, `inferred`). Each outlet
view carries `unmatched`: the article's claims that no other article was found stating but that
are not called its own (they are in no fact). These fields were added to `kosum.diff/1` without
changing any existing one, so the version stays 1.
"""

from __future__ import annotations

import json
from typing import Any

from summarize.render.common import article_date_json, article_json, event_json, span_json
from summarize.types import Article, Claim, Comparison, Event

SCHEMA = "kosum.diff/1"


def claim_json(claim: Claim) -> dict[str, Any]:
    """A claim as `{article, text, start, end}` (plus `spans` when discontinuous, `setting` for
    the event's setting, `quote` and `speaker` when it is a quote)."""
    out = span_json(claim, with_article=True)
    if len(claim.parts) > 1:
        out["spans"] = [[s, e] for s, e in claim.parts]
    if claim.setting:
        out["setting"] = True
    if claim.quote:
        out["quote"] = True
        if claim.speaker is not None:
            out["speaker"] = claim.speaker.canonical or claim.speaker.text
    return out


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """The `kosum.diff/1` document as plain Python data."""
    event_of = {aid: e for e in comparison.events for aid in e.articles}
    fact_conflicts: dict[str, list[str]] = {}
    for c in comparison.conflicts:
        fact_conflicts.setdefault(c.fact, []).append(c.kind)
    return {
        "schema": SCHEMA,
        "articles": [_article(a, event_of.get(a.id)) for a in comparison.articles],
        "events": [event_json(comparison, e) for e in comparison.events],
        "facts": [
            {
                "id": f.id,
                "event": f.event,
                "articles": list(f.articles),
                "canonical": f.canonical,
                "shared": len(f.articles) > 1,
                "conflicts": fact_conflicts.get(f.id, []),
                "claims": [claim_json(c) for c in f.claims],
            }
            for f in comparison.facts
        ],
        "conflicts": [
            {
                "fact": c.fact,
                "kind": c.kind,
                "detail": c.detail,
                "claims": [claim_json(x) for x in c.claims],
            }
            for c in comparison.conflicts
        ],
        "outlets": [
            {
                "article": v.article,
                "outlet": _outlet(comparison, v.article),
                "additions": list(v.additions),
                "omissions": list(v.omissions),
                "unmatched": [claim_json(c) for c in v.unmatched],
            }
            for v in comparison.outlets
        ],
    }


def _article(article: Article, event: Event | None) -> dict[str, Any]:
    """An article's identifying fields, its event (story) id and the day it reports on."""
    return {
        **article_json(article),
        "event": event.id if event is not None else None,
        "date": article_date_json(event.date_of(article.id) if event is not None else None),
    }


def _outlet(comparison: Comparison, article_id: str) -> str | None:
    try:
        return comparison.article(article_id).outlet
    except KeyError:
        return None


def render_comparison_json(comparison: Comparison, *, indent: int | None = 2) -> str:
    """The comparison as a JSON string (UTF-8 text, Korean kept as is)."""
    return json.dumps(comparison_dict(comparison), ensure_ascii=False, indent=indent)
