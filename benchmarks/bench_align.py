"""Claim alignment against gold, every set scored by the product's scorer.

Sets:
- real-news-dev (`../shared/data/real-news-dev/`, split in `benchmarks/realnews.py`): the TUNE
  events (settings and weights were chosen on them) and the HELDOUT events, scored by
  `../shared/eval/score_alignment.py` on `kosum diff --format json` documents;
- the in-repo regression sets (`benchmarks/data/*_gold.json`: samples, quake, quake excerpts,
  earnings), converted to the same gold format (their `singles` become single-article facts) and
  scored by the same script over the articles' decoded texts. The samples' `optional` facts
  (paraphrases too loose to demand) are counted both ways: as facts to find, and left out.

For each set it prints, side by side and scored the same way:
- the naive floor: every two sentences (kiwipiepy) of different articles whose rapidfuzz
  `token_set_ratio` is at least a threshold form a fact; the best threshold of 35..60 is picked
  on the answer, so the floor is an optimistic one;
- each signal alone (`similarity.ALIGN_FEATURES`) through the aligner's own linking and
  clustering, its threshold the best for the TUNE events (never chosen on the set it scores);
- kosum without and with the embedding, aligning each set as one event, and for real-news-dev
  also as `kosum diff` runs it (grouping first: an article grouped apart is not aligned);
- P / R / F1 (content-weighted precision), exclusive precision (single-article facts whose claim
  overlaps no gold fact that two or more articles state), exclusive recall (single-article gold
  facts shown as their article's own), and conflict precision / recall against the gold's
  `conflict` marks (`variants` are not conflicts).

    python benchmarks/bench_align.py [--events tune|heldout|all] [--no-inrepo]
    python benchmarks/bench_align.py --fit      # refit ALIGN_CHEAP / ALIGN_FULL (tuning sets)
    python benchmarks/bench_align.py --tune     # grid over AlignSettings (tuning sets)

Tuning sets: the TUNE events of real-news-dev, the samples and quake (`tuning_sets`); HELDOUT,
the quake excerpts and the earnings set are never fitted or tuned on.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import itertools
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
DATA = ROOT / "benchmarks" / "data"
INREPO = [
    ("samples (000-002)", DATA / "samples_gold.json"),
    ("quake (4 outlets)", DATA / "quake_gold.json"),
    ("quake excerpts", DATA / "quake_excerpts_gold.json"),
    ("earnings (5 outlets)", DATA / "earnings_gold.json"),
]
NAIVE_THRESHOLDS = range(35, 61, 5)
SIGNALS = ("lexical", "weighted_overlap", "figure_match", "embedding")


# --- the product's scorer ------------------------------------------------------------------------


def _scorer():
    import realnews

    path = realnews.EVAL / "score_alignment.py"
    spec = importlib.util.spec_from_file_location("score_alignment", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Score:
    p: float = 0.0
    r: float = 0.0
    f1: float = 0.0
    exclusive: float | None = None
    conflicts: str = "-"
    raw: str = field(default="", repr=False)


def score_document(gold_path: Path, document: dict, textdir: Path) -> Score:
    """Run ../shared/eval/score_alignment.py on a `kosum.diff/1`-like document."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.json"
        pred.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            _scorer().main(["score", str(gold_path), str(pred), str(textdir)])
    s = Score(raw=out.getvalue())
    for line in s.raw.splitlines():
        if line.startswith("precision="):
            values = dict(kv.split("=") for kv in line.split())
            s.p, s.r, s.f1 = (float(values[k]) for k in ("precision", "recall", "F1"))
        elif line.startswith("exclusives:"):
            s.exclusive = float(line.rsplit("precision ", 1)[1].rstrip(")"))
        elif line.startswith("conflicts found"):
            found = line.split()[2].rstrip(";")
            right_wrong = line.split("predicted conflicts ")[1]
            n, rest = right_wrong.split(",", 1)
            prec = rest.rsplit("precision ", 1)[1].rstrip(")")
            s.conflicts = f"{found} found, {n.strip()} predicted, P {float(prec):.2f}"
    return s


def document(articles, facts, conflicts=()) -> dict:
    """The parts of a `kosum.diff/1` document the scorer reads."""
    from summarize.render.diff_json import claim_json

    return {
        "articles": [{"id": a.id, "path": a.path} for a in articles],
        "facts": [{"claims": [claim_json(c) for c in f.claims]} for f in facts],
        "conflicts": [{"claims": [claim_json(c) for c in x.claims]} for x in conflicts],
    }


def exclusive_recall(gold: dict, articles, facts) -> tuple[int, int]:
    """(shown, total): single-article gold facts whose anchor a single-article fact of that
    article overlaps (by the scorer's overlap rule)."""
    scorer = _scorer()
    by_id = {a.id: a for a in articles}
    singles = [f for f in gold["facts"] if len(f["anchors"]) == 1]
    own = [f.claims[0] for f in facts if len(f.articles) == 1]
    shown = 0
    for f in singles:
        ((gid, anchors),) = f["anchors"].items()
        article = by_id.get(gid)
        if article is None:
            continue
        spans = [(article.text.find(x), article.text.find(x) + len(x)) for x in anchors]
        if any(
            c.source.id == gid and any(scorer.hits((c.start, c.end), s) for s in spans) for c in own
        ):
            shown += 1
    return shown, len(singles)


# --- sets ----------------------------------------------------------------------------------------


@dataclass
class GoldSet:
    name: str
    gold_path: Path
    textdir: Path
    articles: list
    gold: dict
    role: str


def realnews_sets(events) -> list[GoldSet]:
    import realnews

    import summarize

    out = []
    for event in events:
        articles = [summarize.load(p) for p in realnews.files([event])]
        gold = json.loads(realnews.gold_path(event).read_text(encoding="utf-8"))
        role = "tune" if event in realnews.TUNE else "held-out"
        out.append(
            GoldSet(
                event, realnews.gold_path(event), realnews.event_dir(event), articles, gold, role
            )
        )
    return out


def inrepo_sets(workdir: Path) -> list[GoldSet]:
    """The in-repo gold files in the shared scorer's format: texts written out as decoded
    (`Source.text`), `singles` as single-article facts; the samples' optional facts once kept
    and once left out."""
    import summarize

    out = []
    for name, path in INREPO:
        if not path.is_file():
            continue
        raw = json.loads(path.read_text(encoding="utf-8"))
        articles = [summarize.load(ROOT / p) for p in raw["articles"].values()]
        textdir = workdir / path.stem
        textdir.mkdir(parents=True, exist_ok=True)
        for a in articles:
            (textdir / f"{a.id}.txt").write_text(a.text, encoding="utf-8")
        facts = [dict(f) for f in raw["facts"]]
        for gid, anchors in raw.get("singles", {}).items():
            for k, anchor in enumerate(anchors):
                facts.append({"id": f"single-{gid}-{k}", "anchors": {gid: [anchor]}})
        variants = [("", facts)]
        if any(f.get("optional") for f in facts):
            variants = [
                (", optional facts counted", facts),
                (", optional facts left out", [f for f in facts if not f.get("optional")]),
            ]
        for suffix, kept in variants:
            gold = {"articles": {a.id: f"{a.id}.txt" for a in articles}, "facts": kept}
            gold_path = workdir / f"{path.stem}{len(out)}.json"
            gold_path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
            out.append(GoldSet(name + suffix, gold_path, textdir, articles, gold, "regression"))
    return out


# --- matchers ------------------------------------------------------------------------------------


def naive_floor(s: GoldSet) -> tuple[Score, int]:
    """Sentence pairs by rapidfuzz token_set_ratio, the best threshold picked on the answer."""
    from rapidfuzz import fuzz, process

    from summarize.analysis import kiwi

    sentences = [
        (a.id, sent.start, sent.end, sent.text)
        for a in s.articles
        for sent in kiwi().split_into_sents(a.text)
    ]
    texts = [x[3] for x in sentences]
    ratio = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, workers=-1)
    best: tuple[Score, int] | None = None
    for t in NAIVE_THRESHOLDS:
        facts = []
        for i, j in zip(*np.nonzero(np.triu(ratio >= t, 1)), strict=True):
            (ai, si, ei, _), (aj, sj, ej, _) = sentences[i], sentences[j]
            if ai != aj:
                facts.append(
                    {
                        "claims": [
                            {"article": ai, "start": si, "end": ei},
                            {"article": aj, "start": sj, "end": ej},
                        ]
                    }
                )
        doc = {"articles": [{"id": a.id, "path": a.path} for a in s.articles], "facts": facts}
        sc = score_document(s.gold_path, doc, s.textdir)
        if best is None or sc.f1 > best[0].f1:
            best = (sc, t)
    assert best is not None
    return best


def signal_matrix(name: str, index_idf: dict, embedder):
    from summarize.comparison import similarity as sim

    def m(a, b):
        if name == "embedding":
            return sim.embedding_matrix(a, b, embedder)
        feats = sim.align_features(a, b, index_idf)
        return feats[..., sim.ALIGN_FEATURES.index(name)]

    return m


def run_kosum(s: GoldSet, embedder, settings=None, matrix_name=None, threshold=None):
    """Align the set as one event (or with a single signal) and score it."""
    from summarize.comparison.align import AlignSettings, align_event, index_event
    from summarize.comparison.diff import find_conflicts
    from summarize.types import Event

    event = Event("e", tuple(a.id for a in s.articles))
    settings = settings or AlignSettings()
    matrix = None
    if matrix_name is not None:
        idf = index_event(s.articles, event).idf
        matrix = signal_matrix(matrix_name, idf, embedder)
        settings = replace(settings, threshold=threshold)
    t = time.perf_counter()
    al = align_event(
        s.articles,
        event,
        embedder=embedder if matrix is None else None,
        settings=settings,
        matrix=matrix,
    )
    conflicts = [c for f in al.facts for c in find_conflicts(f, al.states_same)]
    elapsed = time.perf_counter() - t
    sc = score_document(s.gold_path, document(s.articles, al.facts, conflicts), s.textdir)
    return sc, al.facts, elapsed


def run_diff(s: GoldSet):
    """`kosum diff` as the CLI runs it: grouping, then alignment per event, then conflicts."""
    import summarize
    from summarize.render.diff_json import comparison_dict

    comparison = summarize.compare(s.articles)
    doc = comparison_dict(comparison)
    return score_document(s.gold_path, doc, s.textdir), len(comparison.events)


# --- fitting and tuning on TUNE ------------------------------------------------------------------


#: In-repo sets used with the TUNE events to fit and tune (the rest are never tuned on).
FIT_INREPO = (
    "samples (000-002), optional facts counted",
    "quake (4 outlets), optional facts counted",
)


def tuning_sets(workdir: Path) -> list[GoldSet]:
    """The sets weights and settings are chosen on: real-news-dev TUNE, the samples, quake."""
    import realnews

    inrepo = [s for s in inrepo_sets(workdir) if s.name in FIT_INREPO]
    return realnews_sets(realnews.TUNE) + inrepo


def fit(embedder) -> None:
    """Refit the aligner's logistic models on the tuning sets' claim pairs (each set weighs the
    same: a ten-outlet event has many more pairs than three articles)."""
    from sklearn.linear_model import LogisticRegression

    from summarize.comparison.align import _veto, index_event
    from summarize.comparison.similarity import ALIGN_FEATURES, align_features
    from summarize.types import Event

    scorer = _scorer()
    xs, ys, ws = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        sets = tuning_sets(Path(tmp))
        for s in sets:
            event = Event("e", tuple(a.id for a in s.articles))
            index = index_event(s.articles, event)
            anchors = _anchor_spans(s)
            x_set, y_set = [], []
            for a, b in index.article_pairs():
                pa, pb = index.profiles[a], index.profiles[b]
                feats = align_features(pa, pb, index.idf, embedder=embedder)
                keep = _veto(index, a, b, np.ones(feats.shape[:2], dtype=np.float32)) > 0
                fa = [_facts_of(scorer, anchors, c) for c in index.claims[a]]
                fb = [_facts_of(scorer, anchors, c) for c in index.claims[b]]
                for i, j in zip(*np.nonzero(keep), strict=True):
                    if fa[i] and fb[j]:
                        x_set.append(feats[i, j])
                        y_set.append(bool(fa[i] & fb[j]))
            xs += x_set
            ys += y_set
            ws += [1.0 / len(y_set)] * len(y_set)
    x, y = np.array(xs), np.array(ys)
    w = np.array(ws) * len(ys) / len(sets)
    variant = "full" if embedder is not None else "cheap"
    cols = [k for k, f in enumerate(ALIGN_FEATURES) if variant == "full" or f != "embedding"]
    model = LogisticRegression(C=1.0, max_iter=5000).fit(x[:, cols], y, sample_weight=w)
    weights = np.zeros(len(ALIGN_FEATURES))
    weights[cols] = model.coef_[0]
    print(
        f"ALIGN_{variant.upper()}: weights=({', '.join(f'{v:.3f}' for v in weights)}), "
        f"bias={model.intercept_[0]:.3f}  ({len(y)} pairs, {int(y.sum())} same fact, "
        f"sets: {', '.join(s.name for s in sets)})"
    )


def _anchor_spans(s: GoldSet) -> dict[str, list[tuple[str, tuple[int, int]]]]:
    from pathlib import PurePath

    stem_to_gid = {PurePath(rel).stem: gid for gid, rel in s.gold["articles"].items()}
    out: dict[str, list[tuple[str, tuple[int, int]]]] = {}
    for a in s.articles:
        gid = stem_to_gid.get(a.id)
        out[a.id] = []
        for f in s.gold["facts"]:
            for x in f["anchors"].get(gid, []):
                start = a.text.find(x)
                out[a.id].append((f["id"], (start, start + len(x))))
    return out


def _facts_of(scorer, anchors, claim) -> set[str]:
    return {
        fid for fid, span in anchors[claim.source.id] if scorer.hits((claim.start, claim.end), span)
    }


def tune(embedder) -> None:
    """Grid over the linking and clustering settings on the tuning sets (mean F1 over them;
    scores computed once per set, the steps after them rerun per setting)."""
    from summarize.comparison.align import (
        AlignSettings,
        build_facts,
        candidate_links,
        cohesive_clusters,
        index_event,
        join_further_facts,
        score_pairs,
    )
    from summarize.types import Event

    with tempfile.TemporaryDirectory() as tmp:
        sets = tuning_sets(Path(tmp))
        scored = []
        for s in sets:
            event = Event("e", tuple(a.id for a in s.articles))
            index = index_event(s.articles, event)
            scored.append((s, event, index, score_pairs(index, AlignSettings(), embedder=embedder)))
        rows = []
        grid = itertools.product(
            (0.35, 0.4, 0.45, 0.5, 0.55), (0.05, 0.1, 0.2), (0.35, 0.45, 0.55), (0.05, 0.1, 0.2)
        )
        for threshold, floor, mean, margin in grid:
            settings = AlignSettings(
                threshold=threshold, cohesion_floor=floor, cohesion_mean=mean, margin=margin
            )
            f1 = []
            for s, event, index, scores in scored:
                links = candidate_links(scores, threshold, settings)
                clusters = cohesive_clusters(links, scores, threshold, settings)
                clusters = join_further_facts(clusters, scores, threshold, settings)
                facts = build_facts(index, clusters, scores, threshold, event, 1.0)
                f1.append(score_document(s.gold_path, document(s.articles, facts), s.textdir).f1)
            rows.append((sum(f1) / len(f1), threshold, floor, mean, margin, f1))
    print("sets: " + ", ".join(s.name for s in sets))
    for row in sorted(rows, key=lambda r: -r[0])[:10]:
        print(
            f"mean F1 {row[0]:.3f}: threshold {row[1]}, floor {row[2]}, mean {row[3]}, "
            f"margin {row[4]}  ({', '.join(f'{v:.3f}' for v in row[5])})"
        )


def signal_thresholds(embedder) -> dict[str, float]:
    """Each single signal's best threshold on the TUNE events (mean F1)."""
    import realnews

    sets = realnews_sets(realnews.TUNE)
    out = {}
    for name in SIGNALS:
        best = (-1.0, 0.5)
        for t in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            f1 = [run_kosum(s, embedder, matrix_name=name, threshold=t)[0].f1 for s in sets]
            best = max(best, (sum(f1) / len(f1), t))
        out[name] = best[1]
    return out


# --- main ----------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", choices=("tune", "heldout", "all"), default="all")
    ap.add_argument("--no-inrepo", action="store_true", help="skip the in-repo regression sets")
    ap.add_argument("--no-signals", action="store_true", help="skip the single-signal rows")
    ap.add_argument("--fit", action="store_true", help="refit the aligner's weights on TUNE")
    ap.add_argument("--tune", action="store_true", help="grid over AlignSettings on TUNE")
    args = ap.parse_args()

    import realnews

    from summarize.comparison.similarity import get_embedder

    embedder = get_embedder("e5")
    if args.fit:
        fit(None)
        fit(embedder)
        return
    if args.tune:
        tune(None)
        tune(embedder)
        return

    sets: list[GoldSet] = []
    if realnews.available():
        events = {
            "tune": realnews.TUNE,
            "heldout": realnews.HELDOUT,
            "all": realnews.TUNE + realnews.HELDOUT,
        }[args.events]
        sets += realnews_sets(events)
    else:
        print(f"note: {realnews.REAL_NEWS_DEV} is absent; real-news-dev skipped")
    with tempfile.TemporaryDirectory() as tmp:
        if not args.no_inrepo:
            sets += inrepo_sets(Path(tmp))
        thresholds = {} if args.no_signals else signal_thresholds(embedder)
        if thresholds:
            print(
                "single-signal thresholds (best mean F1 on TUNE): "
                + ", ".join(f"{k} {v}" for k, v in thresholds.items())
            )
        for s in sets:
            report(s, embedder, thresholds)


def report(s: GoldSet, embedder, thresholds: dict[str, float]) -> None:
    print(f"\n### {s.name} [{s.role}] — {len(s.articles)} articles")
    print("| matcher | P | R | F1 | exclusive P | exclusive R | conflicts |")
    print("|---|---:|---:|---:|---:|---:|---|")
    floor, t = naive_floor(s)
    _row(f"naive floor (token_set_ratio >= {t}, picked on the answer)", floor)
    for name, threshold in thresholds.items():
        sc, facts, _ = run_kosum(s, embedder, matrix_name=name, threshold=threshold)
        _row(f"signal alone: {name} >= {threshold}", sc, _excl(s, facts))
    sc, facts, _ = run_kosum(s, None)
    _row("kosum, no embedding (one event)", sc, _excl(s, facts))
    main_score, facts, secs = run_kosum(s, embedder)
    _row(f"**kosum** (one event; {secs:.1f} s)", main_score, _excl(s, facts))
    if s.role != "regression":
        main_score, n_events = run_diff(s)
        _row(f"**kosum diff** as run (grouping: {n_events} event(s))", main_score)
    gap = main_score.f1 - floor.f1
    print(f"\nkosum F1 {main_score.f1:.3f} vs naive floor {floor.f1:.3f}: {gap:+.3f}")


def _excl(s: GoldSet, facts) -> str:
    shown, total = exclusive_recall(s.gold, s.articles, facts)
    return f"{shown}/{total}"


def _row(label: str, sc: Score, excl_recall: str = "") -> None:
    ex = f"{sc.exclusive:.2f}" if sc.exclusive is not None else "-"
    cells = [f"{sc.p:.3f}", f"{sc.r:.3f}", f"{sc.f1:.3f}", ex, excl_recall or "-", sc.conflicts]
    print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
