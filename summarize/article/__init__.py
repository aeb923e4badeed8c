"""One article's analysis: ingest -> clean -> metadata -> segment -> claims.

`pipeline.analyse(source)` runs the stages in order and returns an `Article`; each stage is a
module of its own (`ingest`, `clean`, `metadata` with the `outlets` table, `segment`, `claims`
with `numbers`, `dates`, `entities` and `places`).
"""
