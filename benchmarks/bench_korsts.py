"""Spearman correlation of claim-similarity signals on KorSTS main-news (and KLUE-STS dev).

Rows: a plain rapidfuzz ratio over raw sentences (the baseline), each signal alone, the cheap
combined score (no embedding) and the full combined score. Logistic weights and the same-fact
threshold are fitted on KorSTS main-news *train* only (label: score >= 3); dev and test are
only scored. `--fit` prints the fitted `Calibration` constants for summarize/similarity.py.

    python benchmarks/bench_korsts.py [--fit] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"


def read_korsts(split: str, genre: str = "main-news") -> list[tuple[str, str, float]]:
    path = DATA / "korsts" / f"sts-{split}.tsv"
    rows = []
    with path.open(encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for r in reader:
            if len(r) >= 7 and r[0] == genre:
                rows.append((r[5], r[6], float(r[4])))
    return rows


def read_klue() -> list[tuple[str, str, float]]:
    data = json.loads((DATA / "klue" / "klue-sts-v1.1_dev.json").read_text(encoding="utf-8"))
    return [(d["sentence1"], d["sentence2"], float(d["labels"]["label"])) for d in data]


def features(rows, embedder):
    import hashlib
    import os

    from summarize.article import numbers
    from summarize.comparison import similarity

    # The code that computes the features is part of the key: a change to the numeral parser or
    # the lexical profile must not reuse features computed before it.
    code = "".join(Path(m.__file__).read_text(encoding="utf-8") for m in (numbers, similarity))
    inputs = repr((similarity.FEATURES, embedder.name, rows, code))
    key = hashlib.sha1(inputs.encode()).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "kosum"
    path = cache / f"korsts-features-{key}.npy"
    if path.is_file():
        return np.load(path)
    feats = _features(rows, embedder)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, feats)
    return feats


def _features(rows, embedder):
    from summarize.comparison.similarity import paired_features, profile_texts

    a = profile_texts([r[0] for r in rows])
    b = profile_texts([r[1] for r in rows])
    return paired_features(a, b, embedder=embedder, workers=-1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fit", action="store_true", help="print fitted Calibration constants")
    ap.add_argument("--limit", type=int, default=0, help="use only N pairs per split")
    args = ap.parse_args()
    if not (DATA / "korsts").is_dir():
        sys.exit(f"skipped: {DATA / 'korsts'} is absent")

    from rapidfuzz import fuzz, process
    from scipy.stats import spearmanr
    from sklearn.linear_model import LogisticRegression

    from summarize.comparison.similarity import FEATURES, get_embedder

    embedder = get_embedder("e5")
    splits = {
        "korsts train": read_korsts("train"),
        "korsts dev": read_korsts("dev"),
        "korsts test": read_korsts("test"),
        "klue-sts dev": read_klue() if (DATA / "klue").is_dir() else [],
    }
    if args.limit:
        splits = {k: v[: args.limit] for k, v in splits.items()}
    feats, labels, ratios = {}, {}, {}
    for name, rows in splits.items():
        if not rows:
            continue
        t = time.perf_counter()
        feats[name] = features(rows, embedder)
        labels[name] = np.array([r[2] for r in rows])
        ratios[name] = process.cpdist(
            [r[0] for r in rows], [r[1] for r in rows], scorer=fuzz.ratio, workers=-1
        )
        print(
            f"{name}: {len(rows)} pairs, features in {time.perf_counter() - t:.1f}s",
            file=sys.stderr,
        )

    train_x, train_y = feats["korsts train"], labels["korsts train"] >= 3.0
    cheap_cols = [i for i, f in enumerate(FEATURES) if f != "embedding"]
    models = {}
    for variant, cols in (("cheap", cheap_cols), ("full", list(range(len(FEATURES))))):
        lr = LogisticRegression(C=100.0, max_iter=5000)
        lr.fit(train_x[:, cols], train_y)
        w = np.zeros(len(FEATURES))
        w[cols] = lr.coef_[0]
        prob = 1 / (1 + np.exp(-(train_x @ w + lr.intercept_[0])))
        # thresholds: best F1 on train for "same fact" = label >= 3 (roughly equivalent) and
        # for the stricter label >= 4 (mostly equivalent, only unimportant details differ)
        strict_y = labels["korsts train"] >= 4.0

        def best_t(target, prob=prob):
            return max(
                (
                    2 * ((prob >= t) & target).sum() / max(1, (prob >= t).sum() + target.sum()),
                    t,
                )
                for t in np.linspace(0.05, 0.95, 91)
            )[1]

        models[variant] = (w, lr.intercept_[0], best_t(train_y), best_t(strict_y))

    def score(name, kind):
        x = feats[name]
        if kind == "rapidfuzz ratio (raw text)":
            return ratios[name]
        if kind in models:
            w, b, _, _ = models[kind]
            return x @ w + b
        return x[:, FEATURES.index(kind)]

    kinds = ["rapidfuzz ratio (raw text)", *FEATURES, "cheap", "full"]
    names = [n for n in ("korsts train", "korsts dev", "korsts test", "klue-sts dev") if n in feats]
    print("| signal | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for kind in kinds:
        cells = []
        for n in names:
            rho = spearmanr(score(n, kind), labels[n]).statistic
            cells.append(f"{rho:.3f}")
        label = {"cheap": "combined, cheap (no embedding)", "full": "combined, full"}.get(
            kind, kind
        )
        print(f"| {label} | " + " | ".join(cells) + " |")

    print()
    print("Binary same-fact accuracy (label >= 3) at the threshold fitted on train:")
    for variant, (w, b, t, _ts) in models.items():
        accs = []
        for n in names:
            if n.startswith("klue"):
                continue
            p = 1 / (1 + np.exp(-(feats[n] @ w + b)))
            accs.append(f"{n} {((p >= t) == (labels[n] >= 3)).mean():.3f}")
        print(f"  {variant}: threshold {t:.2f}; " + ", ".join(accs))
    if args.fit:
        print()
        for variant, (w, b, t, ts) in models.items():
            ws = ", ".join(f"{v:.3f}" for v in w)
            print(
                f"{variant.upper()} = Calibration(weights=({ws}), bias={b:.3f}, "
                f"threshold={t:.2f}, strict_threshold={ts:.2f})"
            )


if __name__ == "__main__":
    main()
