"""ingest -> clean -> metadata -> segment -> claims: turn one decoded input into an `Article`."""

from __future__ import annotations

from summarize.claims import extract_claims
from summarize.clean import clean
from summarize.metadata import extract_metadata
from summarize.segment import segment
from summarize.types import Article, Source


def analyse(source: Source) -> Article:
    """Clean, describe and segment one decoded input."""
    cleaned = clean(source)
    meta = extract_metadata(source, cleaned)
    sentences = segment(source, cleaned.headline, cleaned.subheadings, cleaned.paragraphs)
    claims = extract_claims(source, sentences, published=meta.published)
    return Article(
        source=source,
        headline=cleaned.headline,
        subheadings=cleaned.subheadings,
        paragraphs=cleaned.paragraphs,
        clutter=cleaned.clutter,
        outlet=meta.outlet,
        reporters=meta.reporters,
        published=meta.published,
        sentences=sentences,
        claims=claims,
    )
