"""Build `summarize/data/term_df.tsv`: how many sentences of a background corpus of Korean
contain each content morpheme. Grouping weighs terms by this table (`group.background_idf`) so
that a term's weight does not depend on which other articles happen to be in the input.

The background is every distinct sentence of KorSTS (train, dev, test; news headlines, image
captions, forum posts, translated from STS-B and checked by people) and of the KLUE-STS and
KLUE-NLI dev sets (premises and hypotheses: Wikinews, Wikitree, policy briefings, Wikipedia,
reviews), read from ../shared/data. Both are CC BY-SA 4.0, so the table is too: only counts
are written, never text. sci-news-sum-kr-50 is left out on purpose: `bench_group.py` groups its
articles, which must not have informed the weights.

Morphemes are those grouping compares (`summarize.analysis.content_morphemes`, terms of two or
more characters or numbers, as `story_signals._terms` keeps them), counted once per sentence.

    python benchmarks/build_term_df.py      # rewrites summarize/data/term_df.tsv
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "summarize" / "data" / "term_df.tsv"

HEADER = """\
# Background document frequencies of content morphemes, for story grouping
# (summarize/comparison/group.py: background_idf). Built by benchmarks/build_term_df.py.
#
# Each line: morpheme <TAB> number of background sentences containing it.
# Derived from KorSTS (kakaobrain/kor-nlu-datasets; Ham et al. 2020) and the KLUE-STS and
# KLUE-NLI dev sets (KLUE benchmark; Park et al. 2021), both licensed CC BY-SA 4.0
# (https://creativecommons.org/licenses/by-sa/4.0/). This table is a derived work: it is
# distributed under CC BY-SA 4.0 as well, with attribution to those data sets. It holds counts
# only, no text of them.
"""


def background_sentences() -> list[str]:
    """Every distinct sentence of KorSTS and the KLUE-STS / KLUE-NLI dev sets, sorted."""
    sentences: set[str] = set()
    for name in ("sts-train.tsv", "sts-dev.tsv", "sts-test.tsv"):
        with (DATA / "korsts" / name).open(encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 7 and row[0] != "genre":
                    sentences.update(row[5:7])
    for record in json.loads((DATA / "klue" / "klue-nli-v1.1_dev.json").read_text("utf-8")):
        sentences.update((record["premise"], record["hypothesis"]))
    for record in json.loads((DATA / "klue" / "klue-sts-v1.1_dev.json").read_text("utf-8")):
        sentences.update((record["sentence1"], record["sentence2"]))
    return sorted(s for s in sentences if s.strip())


def main() -> None:
    from summarize.analysis import content_morphemes_many

    if not (DATA / "korsts").is_dir() or not (DATA / "klue").is_dir():
        print(f"KorSTS or KLUE is absent under {DATA}; nothing to do")
        return
    sentences = background_sentences()
    df: Counter[str] = Counter()
    for morphemes in content_morphemes_many(sentences):
        df.update({m for m in morphemes if len(m) > 1 or m.isdigit()})
    lines = [f"{term}\t{count}" for term, count in sorted(df.items())]
    OUT.write_text(
        HEADER + f"# sentences: {len(sentences)}\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    print(f"{len(sentences)} sentences, {len(df)} morphemes -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
