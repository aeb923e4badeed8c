"""Summary quality on sci-news-sum-kr-50: Lead-3, TextRank and kosum's extractive default.

Data: ../shared/data/sci-news-sum-kr-50 (Naver IT/science news, each file a list of sentences and
the indices of the sentences two annotators chose as the summary). Every file with a non-empty
gold list is used; N is printed.

Metrics, all averaged over articles:
- ROUGE-1/2/L F1 over kiwipiepy morphemes, `summarize.summarizer.evaluation.rouge` (rouge-score
  with a Kiwi tokenizer; the same implementation as `kosum eval`). The reference is the gold
  sentences, the candidate the chosen sentences (kosum's as shown, i.e. after its compression).
  Tokens are the morpheme forms kiwipiepy finds, punctuation and symbols dropped (the default
  rouge-score tokenizer drops Hangul). ROUGE-L is the LCS of the whole token sequences
  (`rougeL`, not the sentence-split `rougeLsum`); no stemming, no stop words.
- Selection precision / recall / F1 of chosen sentence indices against the gold indices.

Systems:
- Lead-3 (and Lead-4, the same length budget as kosum's gist + 3 points);
- TextRank (Mihalcea & Tarau 2004: weighted PageRank over sentences linked by the words they
  share, normalised by log lengths), top 3 and top 4, in document order. It shares no code with
  kosum: its own Kiwi instance and part-of-speech filter, networkx's PageRank;
- kosum's default (`summarize.summarizer.extractive`, default settings): gist + up to 3 points.

kosum's weights were set before looking at this data; `--split dev|test|all` reports a half
(dev: odd-numbered files, test: even-numbered), so any tuning can be done on dev and reported on
test. Run: `python benchmarks/bench_summary_quality.py [--split all]`.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "sci-news-sum-kr-50"


@dataclass(frozen=True)
class Doc:
    name: str
    title: str
    sentences: tuple[str, ...]
    gold: tuple[int, ...]


def load_docs(split: str = "all") -> list[Doc]:
    docs = []
    for path in sorted(DATA.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        gold = tuple(i for i in record.get("summaries") or () if i < len(record["sentences"]))
        if not gold:
            continue
        number = int(path.stem) if path.stem.isdigit() else 0
        if split == "dev" and number % 2 == 0:
            continue
        if split == "test" and number % 2 == 1:
            continue
        docs.append(Doc(path.stem, record["title"], tuple(record["sentences"]), gold))
    return docs


def f1(overlap: float, cand: float, ref: float) -> float:
    """Selection F1 of chosen sentence indices against the gold indices."""
    if cand == 0 or ref == 0 or overlap == 0:
        return 0.0
    p, r = overlap / cand, overlap / ref
    return 2 * p * r / (p + r)


# --- systems -----------------------------------------------------------------------------------


def lead(k: int) -> Callable:
    def system(doc: Doc, morphs, tokens) -> tuple[list[int], list[str]]:
        chosen = list(range(min(k, len(doc.sentences))))
        return chosen, [doc.sentences[i] for i in chosen]

    return system


#: TextRank's part-of-speech filter (Mihalcea & Tarau keep nouns and adjectives; for Korean,
#: Sejong tags): common and proper nouns, verb and adjective stems, foreign words, numbers.
TEXTRANK_TAGS = ("NNG", "NNP", "VV", "VA", "SL", "SN")
_textrank_kiwi = None


def textrank_words(sentence: str) -> list[str]:
    """The sentence's words for TextRank: kiwipiepy tokens kept by `TEXTRANK_TAGS`, as
    `form/tag`. A Kiwi instance of the benchmark's own, not kosum's analysis code."""
    global _textrank_kiwi
    if _textrank_kiwi is None:
        from kiwipiepy import Kiwi

        _textrank_kiwi = Kiwi()
    tokens = _textrank_kiwi.tokenize(sentence)
    return [f"{t.form}/{t.tag}" for t in tokens if t.tag.startswith(TEXTRANK_TAGS)]


def textrank_similarity(a: list[str], b: list[str]) -> float:
    """Mihalcea & Tarau (2004), eq. 3: words the two sentences share, over the sum of the logs
    of their lengths (0 when a sentence has fewer than two words: log 1 = 0)."""
    if len(a) < 2 or len(b) < 2:
        return 0.0
    return len(set(a) & set(b)) / (math.log(len(a)) + math.log(len(b)))


def textrank(k: int) -> Callable:
    """Sentence TextRank (Mihalcea & Tarau 2004), independent of kosum's summariser: an
    undirected graph of the sentences weighted by `textrank_similarity`, ranked with
    networkx's weighted PageRank (damping 0.85, as in the paper); the top `k`, in document
    order (ties: earlier first)."""
    import networkx as nx

    def system(doc: Doc, morphs, tokens) -> tuple[list[int], list[str]]:
        words = [textrank_words(s) for s in doc.sentences]
        graph = nx.Graph()
        graph.add_nodes_from(range(len(words)))
        for i in range(len(words)):
            for j in range(i + 1, len(words)):
                weight = textrank_similarity(words[i], words[j])
                if weight > 0:
                    graph.add_edge(i, j, weight=weight)
        rank = nx.pagerank(graph, alpha=0.85, weight="weight", max_iter=200)
        top = sorted(rank, key=lambda i: (-rank[i], i))[:k]
        chosen = sorted(top)
        return chosen, [doc.sentences[i] for i in chosen]

    return system


def doc_article(doc: Doc):
    """The document as a kosum `Article`, built as `kosum eval` builds it from this layout
    (`summarize.training.pairs.pair_article`): the title as headline, each sentence a body
    sentence on its own line, and claims from kosum's own claim extraction, so that the
    summariser runs exactly as it does on a loaded article (compression included)."""
    from summarize.training.pairs import Pair, pair_article

    gold = tuple(doc.sentences[i] for i in doc.gold)
    paragraphs = tuple((s,) for s in doc.sentences)
    return pair_article(
        Pair(id=doc.name, path=doc.name, summary=gold, paragraphs=paragraphs, title=doc.title)
    )


def kosum_default(settings=None) -> Callable:
    """kosum's summariser on the document as an Article. Selection is the set of sentences the
    summary's support spans lie in (a compressed point counts for the sentence its claims come
    from); ROUGE uses the text as shown; the key points (gist excluded) are returned for their
    lengths."""

    def system(doc: Doc, morphs, tokens) -> tuple[list[int], list[str], list[str]]:
        import bisect

        from summarize.summarizer.extractive import DEFAULT, analyse_many, summarize_analysed

        article = doc_article(doc)
        summary = summarize_analysed(analyse_many([article])[0], settings or DEFAULT)
        starts = [s.start for s in article.sentences]
        chosen = sorted(
            {
                bisect.bisect_right(starts, sp.start) - 1
                for x in summary.sentences
                for sp in x.support
            }
        )
        points = [x.text for x in summary.sentences if x.role == "point"]
        return chosen, [x.text for x in summary.sentences], points

    return system


def _no_compression():
    from summarize.summarizer.extractive import ExtractiveSettings

    return ExtractiveSettings(compress=False)


NO_COMPRESSION = _no_compression()
SYSTEMS: dict[str, Callable] = {
    "Lead-3": lead(3),
    "Lead-4": lead(4),
    "TextRank-3": textrank(3),
    "TextRank-4": textrank(4),
    "kosum, compression off": kosum_default(NO_COMPRESSION),
    "kosum default": kosum_default(),
}


def evaluate(docs: Sequence[Doc], systems: dict[str, Callable]) -> dict[str, dict[str, float]]:
    from summarize.analysis import kiwi, morphemes_of
    from summarize.summarizer.evaluation import rouge

    k = kiwi()
    results: dict[str, list[dict[str, float]]] = {name: [] for name in systems}
    for doc in docs:
        tokens = list(k.tokenize([*doc.sentences, doc.title]))
        morphs = [morphemes_of(t) for t in tokens]
        reference = "\n".join(doc.sentences[i] for i in doc.gold)
        gold = set(doc.gold)
        for name, system in systems.items():
            chosen, shown, *rest = system(doc, morphs, tokens)
            points = rest[0] if rest else shown
            scores = rouge("\n".join(shown), reference)
            hit = len(gold & set(chosen))
            results[name].append(
                {
                    "R-1": scores["rouge1"],
                    "R-2": scores["rouge2"],
                    "R-L": scores["rougeL"],
                    "P": hit / len(chosen) if chosen else 0.0,
                    "R": hit / len(gold),
                    "F1": f1(hit, len(chosen), len(gold)),
                    "len": len(chosen),
                    "chars": float(np.mean([len(p) for p in points])) if points else 0.0,
                }
            )
    return {
        name: {m: float(np.mean([r[m] for r in rows])) for m in rows[0]}
        for name, rows in results.items()
    }


def print_table(title: str, table: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    header = (
        "| system | ROUGE-1 | ROUGE-2 | ROUGE-L | sel. P | sel. R | sel. F1 | sentences "
        "| chars / point |"
    )
    print(header)
    print("|" + "---|" * 9)
    for name, m in table.items():
        print(
            f"| {name} | {m['R-1']:.3f} | {m['R-2']:.3f} | {m['R-L']:.3f} | {m['P']:.3f} | "
            f"{m['R']:.3f} | {m['F1']:.3f} | {m['len']:.2f} | {m['chars']:.0f} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["all", "dev", "test", "each"], default="each")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} not found (shared data absent)")
        return 0
    splits = ["dev", "test", "all"] if args.split == "each" else [args.split]
    for split in splits:
        docs = load_docs(split)
        print_table(
            f"sci-news-sum-kr-50, split {split}: N = {len(docs)} articles, "
            f"gold {np.mean([len(d.gold) for d in docs]):.2f} sentences on average",
            evaluate(docs, SYSTEMS),
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
