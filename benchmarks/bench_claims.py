"""Claims benchmark: claim boundaries, quote speakers, quantities and dates against hand gold.

tests/data/claims_gold.json holds sentences from the samples and from the held-out articles
(tests/data/heldout/), each with

- `claims`: the expected claims as exact substrings of the sentence (`quote`, `speaker` for
  direct quotations, the speaker's name as the article gives it in full);
- `quantities`: numbers with their normalised value and unit (`4만평` -> 40000 평);
- `dates`: dates resolved against the article's published date (`value` null when the article
  has none), with their granularity.

It prints, for kosum and a baseline (one claim per sentence, the sentence's topic as speaker,
regular-expression digits with the next word as unit, absolute `YYYY년 M월 D일` dates, every
kiwipiepy proper noun an organisation):

- claim-boundary precision / recall / F1: a predicted claim of the sentence counts when its text,
  trimmed of surrounding spaces, punctuation and quote marks, equals a gold claim's;
- speaker accuracy over gold quote claims (the predicted claim over the same words must be a
  quote whose speaker contains, or is contained in, the gold name; spaces ignored);
- quantity value and unit accuracy over gold quantities (the predicted quantity overlapping the
  gold text);
- date accuracy (value and granularity) over gold dates;
- entity kind accuracy over gold `entities` (optional per sentence: `text` and `kind`): a
  predicted entity (of a claim, or a quote's speaker) overlapping the gold text must have the
  gold kind; for kind `other` (a common noun kiwipiepy tags as a proper noun: 트래픽, 카톡) no
  overlapping entity may be typed person, organisation, product or place.

Run: python benchmarks/bench_claims.py [-v]   (-v lists every miss)
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOLD = ROOT / "tests" / "data" / "claims_gold.json"
_EDGE = " \t\n.,;:!?\"'“”‘’·…"


@dataclass
class Tally:
    claims_pred: int = 0
    claims_gold: int = 0
    claims_hit: int = 0
    speakers: int = 0
    speakers_hit: int = 0
    quantities: int = 0
    values_hit: int = 0
    units_hit: int = 0
    dates: int = 0
    dates_hit: int = 0
    entities: int = 0
    entities_hit: int = 0
    misses: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Pred:
    """What a system says about one sentence (offsets relative to the sentence)."""

    claims: list[tuple[int, int, bool, str]]  # start, end, quote, speaker
    quantities: list[tuple[int, int, float, str]]
    dates: list[tuple[int, int, str | None, str]]
    entities: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, kind


def norm(text: str) -> str:
    return text.strip(_EDGE)


def nospace(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- systems -------------------------------------------------------------------------------------


def kosum_pred(article, start: int, end: int) -> Pred:
    claims, quantities, dates, entities = [], {}, {}, {}
    for c in article.claims:
        if c.start < start or c.end > end:
            continue
        speaker = ""
        if c.speaker is not None:
            speaker = c.speaker.canonical or c.speaker.text
            if start <= c.speaker.start and c.speaker.end <= end:
                entities[c.speaker.start, c.speaker.end] = c.speaker.kind
        for x in c.entities:
            entities[x.start, x.end] = x.kind
        claims.append((c.start - start, c.end - start, c.quote, speaker))
        for q in c.quantities:
            quantities[q.start, q.end] = (q.start - start, q.end - start, q.value, q.unit)
        for d in c.dates:
            value = d.value.isoformat() if d.value else None
            dates[d.start, d.end] = (d.start - start, d.end - start, value, d.granularity)
    ents = [(s - start, e - start, kind) for (s, e), kind in entities.items()]
    return Pred(claims, list(quantities.values()), list(dates.values()), ents)


_TOPIC = re.compile(r"^(.*?)(?:은|는)\s")
_BASE_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_BASE_UNIT = re.compile(r"\s?([가-힣A-Za-z%]{1,3})")
_BASE_DATE = re.compile(r"(\d{4})년(?:\s?(\d{1,2})월)?(?:\s?(\d{1,2})일)?")


def baseline_pred(sentence: str) -> Pred:
    topic = _TOPIC.match(sentence)
    speaker = topic.group(1).split()[-1] if topic and topic.group(1).split() else ""
    quote = bool(re.search(r"[\"“]", sentence))
    claims = [(0, len(sentence), quote, speaker)]
    quantities = []
    for m in _BASE_NUMBER.finditer(sentence):
        unit = _BASE_UNIT.match(sentence, m.end())
        value = float(m.group(0).replace(",", ""))
        quantities.append((m.start(), m.end(), value, unit.group(1) if unit else ""))
    dates = []
    for m in _BASE_DATE.finditer(sentence):
        y, mo, d = m.group(1), m.group(2), m.group(3)
        value = f"{y}-{int(mo or 1):02d}-{int(d or 1):02d}"
        granularity = "day" if d else "month" if mo else "year"
        dates.append((m.start(), m.end(), value, granularity))
    from summarize.analysis import tokenize

    entities = [
        (t.start, t.start + t.len, "organization") for t in tokenize(sentence) if t.tag == "NNP"
    ]
    return Pred(claims, quantities, dates, entities)


# --- scoring -------------------------------------------------------------------------------------


def score(entry: dict, sentence: str, pred: Pred, tally: Tally) -> None:
    where = sentence[:30]
    pred_texts = [norm(sentence[s:e]) for s, e, _, _ in pred.claims]
    gold_texts = [norm(c["text"]) for c in entry["claims"]]
    tally.claims_pred += len(pred_texts)
    tally.claims_gold += len(gold_texts)
    remaining = list(pred_texts)
    for g in gold_texts:
        if g in remaining:
            remaining.remove(g)
            tally.claims_hit += 1
        else:
            tally.misses.append(f"claim     {where}…: missing [{g}]; got {pred_texts}")
    tally.misses.extend(f"claim     {where}…: extra [{x}]" for x in remaining)
    for c in entry["claims"]:
        if not c["quote"]:
            continue
        tally.speakers += 1
        g_start = sentence.find(c["text"])
        g_end = g_start + len(c["text"])
        best = max(
            pred.claims,
            key=lambda p: min(p[1], g_end) - max(p[0], g_start),
            default=None,
        )
        gold_name = nospace(c["speaker"] or "")
        said = nospace(best[3]) if best and best[2] else ""
        if said and gold_name and (gold_name in said or said in gold_name):
            tally.speakers_hit += 1
        else:
            tally.misses.append(f"speaker   {where}…: [{c['text'][:20]}] {c['speaker']} != {said}")
    for q in entry["quantities"]:
        tally.quantities += 1
        g_start = sentence.find(q["text"])
        g_end = g_start + len(q["text"])
        found = [p for p in pred.quantities if p[0] < g_end and p[1] > g_start]
        value_ok = any(abs(p[2] - q["value"]) <= 1e-9 * max(1.0, abs(q["value"])) for p in found)
        unit_ok = any(p[3] == q["unit"] for p in found)
        tally.values_hit += value_ok
        tally.units_hit += unit_ok
        if not (value_ok and unit_ok):
            got = [(sentence[p[0] : p[1]], p[2], p[3]) for p in found]
            tally.misses.append(f"quantity  {q['text']} = {q['value']} {q['unit']}; got {got}")
    for d in entry["dates"]:
        tally.dates += 1
        g_start = sentence.find(d["text"])
        g_end = g_start + len(d["text"])
        found = [p for p in pred.dates if p[0] < g_end and p[1] > g_start]
        if any(p[2] == d["value"] and p[3] == d["granularity"] for p in found):
            tally.dates_hit += 1
        else:
            got = [(sentence[p[0] : p[1]], p[2], p[3]) for p in found]
            tally.misses.append(
                f"date      {d['text']} = {d['value']}/{d['granularity']}; got {got}"
            )

    for x in entry.get("entities", []):
        tally.entities += 1
        g_start = sentence.find(x["text"])
        g_end = g_start + len(x["text"])
        kinds = [k for s, e, k in pred.entities if s < g_end and e > g_start]
        other = x["kind"] == "other"
        ok = all(k == "other" for k in kinds) if other else x["kind"] in kinds
        tally.entities_hit += ok
        if not ok:
            tally.misses.append(f"entity    {x['text']} = {x['kind']}; got {kinds}")


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "  n/a "


def report(name: str, t: Tally) -> str:
    p = t.claims_hit / t.claims_pred if t.claims_pred else 0.0
    r = t.claims_hit / t.claims_gold if t.claims_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return (
        f"{name:10} {100 * p:6.1f}% {100 * r:6.1f}% {100 * f1:6.1f}%"
        f"  {pct(t.speakers_hit, t.speakers):>8}"
        f"  {pct(t.values_hit, t.quantities):>8} {pct(t.units_hit, t.quantities):>8}"
        f"  {pct(t.dates_hit, t.dates):>8}  {pct(t.entities_hit, t.entities):>8}"
    )


def main() -> None:
    import summarize

    verbose = "-v" in sys.argv[1:]
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    articles = {}
    kosum, base = Tally(), Tally()
    for entry in gold:
        path = entry["path"]
        if path not in articles:
            articles[path] = summarize.load(ROOT / path)
        article = articles[path]
        start = article.text.find(entry["sentence"])
        if start < 0:
            raise SystemExit(f"gold sentence not in {path}: {entry['sentence'][:40]}")
        end = start + len(entry["sentence"])
        score(entry, entry["sentence"], kosum_pred(article, start, end), kosum)
        score(entry, entry["sentence"], baseline_pred(entry["sentence"]), base)
    n_quotes = kosum.speakers
    print(
        f"{len(gold)} gold sentences from {len(articles)} articles: {kosum.claims_gold} claims"
        f" ({n_quotes} quotes), {kosum.quantities} quantities, {kosum.dates} dates,"
        f" {kosum.entities} entities"
    )
    head = f"{'system':10} {'claim P':>7} {'R':>7} {'F1':>7}  {'speaker':>8}"
    print(head + f"  {'value':>8} {'unit':>8}  {'date':>8}  {'entity':>8}")
    print(report("kosum", kosum))
    print(report("baseline", base))
    if verbose:
        print("\nkosum misses:")
        for line in kosum.misses:
            print("  " + line)


if __name__ == "__main__":
    main()
