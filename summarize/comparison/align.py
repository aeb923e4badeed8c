"""Claim alignment: the claims of one event's articles, matched across articles into facts.

The algorithm, one named step each:

1. `index_event` — the event's claims, their profiles (`similarity.profile_claims`), the idf of
   their morphemes over the event and who says each quote.
2. `score_pairs` — for every two articles, the same-fact probability of every pair of their
   claims: the aligner's logistic model over `similarity.ALIGN_FEATURES` (`ALIGN_CHEAP`; with
   `AlignSettings.band` set, pairs it leaves undecided are rescored with the embedding by
   `ALIGN_FULL`). A setting is only compared with a setting, and a quote never with a claim
   attributed to someone else.
3. `candidate_links` — a pair scoring at least the threshold that is the best of its row and of
   its column within `margin` (mutual best matches: one article's claim stands for a fact once).
4. `cohesive_clusters` — links merged strongest first into facts that stay cohesive: at most one
   claim per article, every two claims of different articles scoring at least `cohesion_floor`
   directly, and their mean at least `cohesion_mean`. A claim that only resembles a third one
   cannot chain two facts together; two clusters holding claims of one article merge only when
   those claims restate each other (the model's score within the article), the other kept as
   covered. `join_further_facts` then lets a claim join further facts it matches as cohesively
   (a sentence stating two facts that other outlets state apart).
5. `build_facts` — clusters become facts; an unlinked claim that restates, in its own article, a
   claim already standing for a fact is covered by that fact; an unlinked claim that a claim of
   another article may state too (the exclusivity model, `exclusivity`) is kept apart as
   unmatched (shown as such, never as the article's own); every other claim is a fact of its
   article alone (its addition).

Where the numbers come from: the logistic models (`similarity.ALIGN_CHEAP`, `ALIGN_FULL`,
`ALIGN_EXCLUSIVE`) are fitted on gold by `benchmarks/bench_align.py --fit`: the five
real-news-dev events, the samples and the quake set. The first round chose its rules on the
TUNE events only and ran the HELDOUT ones once (README: first held-out run); since all five are
now fitted on, the figure for unseen coverage is leave-one-event-out (`bench_align.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summarize.types import Article, Claim, Event, Fact

if TYPE_CHECKING:
    import numpy as np

    from summarize.comparison.similarity import AlignModel, Calibration, Embedder, Profile

ClaimRef = tuple[str, int]
"""A claim of an event: (article id, index of the claim in `article.claims`)."""


@dataclass(frozen=True)
class AlignSettings:
    """The aligner's settings. `cohesion_floor`, `cohesion_mean` and `margin` were chosen by a
    grid on the first round's tuning sets; a leave-one-event-out grid over the five real-news-dev
    events (threshold 0.4-0.6, floor 0.05/0.2, mean 0.3/0.45, margin 0.2/0.4, each fold choosing
    on the other four) moved the mean F1 by at most 0.006, so they are kept. `band`: rescoring
    undecided pairs with the embedding (`AlignModel.full`) gave +0.001 leave-one-event-out mean
    F1 (0.636 against 0.635) for 0.3-0.4 s more per cold `kosum diff` of three articles, so it
    is off by default; `band=(0.45, 0.55)` turns it on (the embedder passed to `align_event`
    is then used)."""

    threshold: float | None = None
    """Same-fact probability a link needs; None: the calibration's own threshold."""
    cohesion_floor: float = 0.05
    """Every two claims of different articles in one fact score at least this directly."""
    cohesion_mean: float | None = 0.45
    """The mean score of a fact's cross-article pairs is at least this (None: the threshold)."""
    margin: float = 0.2
    """A link is the best match of both its claims, within this margin."""
    band: tuple[float, float] | None = None
    """Pairs whose cheap probability falls inside this band are rescored with the embedding
    (None: no rescoring, the embedder is not used)."""
    candidates: int = 1
    """Only pairs among the top `candidates` of their row or column are sent to the embedder."""
    restate: float | None = 0.6
    """The within-article score two claims of one article need for the article to be stating
    one fact twice (its lead and its body), so that clusters holding them may merge (None: the
    threshold). Stricter than a cross-article match: one article's neighbouring claims share
    its vocabulary, and at the threshold (0.5) a quote and the reported speech beside it were
    merged into one fact, the quote hidden as restated. 0.6-0.7 gave leave-one-event-out mean
    F1 0.637/0.636 against 0.632 (nuri 0.454 -> 0.476, the others within 0.003), 0.8 and 0.95
    0.634/0.626; the in-repo sets did not move. Chosen on all five events (all seen)."""
    second_facts: bool = True
    """A claim may join further facts it matches as cohesively (a sentence stating two facts
    that other outlets state apart), at most one claim per article per fact still."""
    model: AlignModel | None = None
    """The fitted models (`similarity.AlignModel`: pair scores, embedding rescoring,
    exclusivity); None: the defaults fitted on real-news-dev."""

    def models(self) -> AlignModel:
        from summarize.comparison.similarity import AlignModel

        return self.model or AlignModel()


@dataclass(frozen=True)
class Alignment:
    """The facts of one event and the similarity scores behind them."""

    event: Event
    facts: tuple[Fact, ...]
    scores: PairScores | None = field(default=None, compare=False, hash=False, repr=False)
    """Same-fact probability of cross-article claim pairs."""
    threshold: float | None = None
    """The same-fact threshold the alignment used (pairs scoring below it are not the same
    fact)."""
    unmatched: tuple[Claim, ...] = ()
    """Claims no fact takes that the exclusivity model would not call their article's own: no
    other article was found stating them, but one may, in other words."""

    def score(self, x: Claim, y: Claim) -> float | None:
        """The same-fact probability of two claims of different articles (None if unscored)."""
        if self.scores is None:
            return None
        return self.scores.get((x.source.id, x.index), (y.source.id, y.index))

    def states_same(self, x: Claim, y: Claim) -> bool:
        """Whether two claims of different articles state the same fact directly (their own
        score clears the threshold), not only through a third claim of their fact."""
        s = self.score(x, y)
        return s is not None and self.threshold is not None and s >= self.threshold


# --- 1. index ------------------------------------------------------------------------------------


@dataclass
class EventIndex:
    """What the later steps need to know about an event's claims."""

    members: list[Article]
    claims: dict[str, tuple[Claim, ...]]
    profiles: dict[str, list[Profile]]
    idf: dict[str, float]
    speakers: dict[ClaimRef, str | None]
    persons: dict[ClaimRef, frozenset[str]]

    def claim(self, ref: ClaimRef) -> Claim:
        return self.claims[ref[0]][ref[1]]

    def article_pairs(self) -> list[tuple[str, str]]:
        ids = [a.id for a in self.members if self.claims[a.id]]
        return [(ids[x], ids[y]) for x in range(len(ids)) for y in range(x + 1, len(ids))]


def index_event(articles: Sequence[Article], event: Event) -> EventIndex:
    """Step 1: the event's articles (in event order), claims, profiles and idf."""
    from summarize.comparison.similarity import idf_table, profile_claims

    by_id = {a.id: a for a in articles}
    members = [by_id[i] for i in event.articles if i in by_id]
    claims = {a.id: a.claims for a in members}
    flat = [c for a in members for c in claims[a.id]]
    profiles_flat = profile_claims(flat) if flat else []
    profiles: dict[str, list[Profile]] = {}
    k = 0
    for a in members:
        profiles[a.id] = profiles_flat[k : k + len(claims[a.id])]
        k += len(claims[a.id])
    refs = [(a.id, i) for a in members for i in range(len(claims[a.id]))]
    return EventIndex(
        members=members,
        claims=claims,
        profiles=profiles,
        idf=idf_table(profiles_flat),
        speakers={r: _speaker_key(c) for r, c in zip(refs, flat, strict=True)},
        persons={r: _person_keys(c) for r, c in zip(refs, flat, strict=True)},
    )


# --- 2. score pairs ------------------------------------------------------------------------------


class PairScores:
    """Same-fact probabilities of the claims of every two articles of an event."""

    def __init__(self) -> None:
        self.matrices: dict[tuple[str, str], np.ndarray] = {}
        self.within: dict[str, np.ndarray] = {}
        """The same model within one article (tells a restatement from another fact)."""

    def same_article(self, u: ClaimRef, v: ClaimRef) -> float:
        m = self.within.get(u[0])
        return 0.0 if m is None else float(m[u[1], v[1]])

    def get(self, u: ClaimRef, v: ClaimRef) -> float | None:
        if (u[0], v[0]) in self.matrices:
            return float(self.matrices[u[0], v[0]][u[1], v[1]])
        if (v[0], u[0]) in self.matrices:
            return float(self.matrices[v[0], u[0]][v[1], u[1]])
        return None

    def __call__(self, u: ClaimRef, v: ClaimRef) -> float:
        s = self.get(u, v)
        return 0.0 if s is None else s

    def refs(self) -> list[ClaimRef]:
        """Every claim of the scored article pairs."""
        out: set[ClaimRef] = set()
        for (a, b), m in self.matrices.items():
            out.update((a, i) for i in range(m.shape[0]))
            out.update((b, j) for j in range(m.shape[1]))
        return sorted(out)

    def article_maxima(self) -> dict[ClaimRef, list[float]]:
        """Each claim's best score against each other article (one value per article)."""
        out: dict[ClaimRef, list[float]] = {}
        for (a, b), m in self.matrices.items():
            if m.size == 0:
                continue
            for i, v in enumerate(m.max(axis=1)):
                out.setdefault((a, i), []).append(float(v))
            for j, v in enumerate(m.max(axis=0)):
                out.setdefault((b, j), []).append(float(v))
        return out

    def best_other(self) -> dict[ClaimRef, float]:
        """Each claim's best score against any claim of another article."""
        out: dict[ClaimRef, float] = {}
        for (a, b), m in self.matrices.items():
            if m.size == 0:
                continue
            for i, v in enumerate(m.max(axis=1)):
                out[a, i] = max(out.get((a, i), 0.0), float(v))
            for j, v in enumerate(m.max(axis=0)):
                out[b, j] = max(out.get((b, j), 0.0), float(v))
        return out


Matrix = Callable[[Sequence["Profile"], Sequence["Profile"]], "np.ndarray"]


def score_pairs(
    index: EventIndex,
    settings: AlignSettings,
    *,
    embedder: Embedder | None = None,
    matrix: Matrix | None = None,
    workers: int = 1,
) -> PairScores:
    """Step 2: the same-fact probability of every cross-article pair of claims (and, for
    telling restatements apart, of every pair within an article).

    `matrix(profiles_a, profiles_b)` replaces the model (the benchmark scores single signals
    through it); the setting and speaker vetoes apply either way.
    """
    from summarize.comparison.similarity import align_features, apply_calibration

    cheap = settings.models().cheap
    scores = PairScores()
    if matrix is not None:
        for a, b in index.article_pairs():
            pa, pb = index.profiles[a], index.profiles[b]
            scores.matrices[a, b] = _veto(index, a, b, matrix(pa, pb))
        return scores
    features = {}
    for a, b in index.article_pairs():
        features[a, b] = align_features(
            index.profiles[a], index.profiles[b], index.idf, workers=workers
        )
        scores.matrices[a, b] = apply_calibration(features[a, b], cheap)
    if embedder is not None and settings.band is not None:
        _rescore_undecided(index, scores, features, settings, embedder)
    for a in index.claims:
        pa = index.profiles[a]
        if pa:
            within = apply_calibration(align_features(pa, pa, index.idf), cheap)
            scores.within[a] = _veto(index, a, a, within)
    for a, b in list(scores.matrices):
        scores.matrices[a, b] = _veto(index, a, b, scores.matrices[a, b])
    return scores


def _rescore_undecided(
    index: EventIndex,
    scores: PairScores,
    features: dict[tuple[str, str], np.ndarray],
    settings: AlignSettings,
    embedder: Embedder,
) -> None:
    """Rescore with the embedding (`ALIGN_FULL`) the pairs the cheap model leaves undecided,
    every claim they involve embedded in one batch (the engine parallelises large batches
    only)."""
    from summarize.comparison.similarity import embed_profiles

    undecided = {key: _undecided(m, settings) for key, m in scores.matrices.items()}
    needed = {}
    for (a, b), mask in undecided.items():
        for i in mask.any(axis=1).nonzero()[0]:
            needed[id(index.profiles[a][i])] = index.profiles[a][i]
        for j in mask.any(axis=0).nonzero()[0]:
            needed[id(index.profiles[b][j])] = index.profiles[b][j]
    embed_profiles(list(needed.values()), embedder)
    for (a, b), mask in undecided.items():
        if mask.any():
            block = _Block(features[a, b], mask, settings.models().full)
            _rescore(scores.matrices[a, b], block, index, a, b, embedder)


def _undecided(prob: np.ndarray, settings: AlignSettings) -> np.ndarray:
    """Pairs inside the band that rank among the top `candidates` of their row or column."""
    import numpy as np

    lo, hi = settings.band or (1.0, 0.0)
    band = (prob >= lo) & (prob <= hi)
    if not band.any():
        return band
    k_r, k_c = min(settings.candidates, prob.shape[1]), min(settings.candidates, prob.shape[0])
    row_kth = np.sort(prob, axis=1)[:, -k_r][:, None]
    col_kth = np.sort(prob, axis=0)[-k_c, :][None, :]
    return band & ((prob >= row_kth) | (prob >= col_kth))


@dataclass(frozen=True)
class _Block:
    """The pairs of one article pair to rescore: their cheap features, which ones, the model."""

    features: np.ndarray
    mask: np.ndarray
    model: Calibration


def _rescore(
    prob: np.ndarray, block: _Block, index: EventIndex, a: str, b: str, embedder: Embedder
) -> None:
    import numpy as np

    from summarize.comparison.similarity import ALIGN_FEATURES, apply_calibration, embedding_matrix

    feats, mask = block.features, block.mask

    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    pa, pb = index.profiles[a], index.profiles[b]
    sub = feats[np.ix_(rows, cols)].copy()
    sub[..., ALIGN_FEATURES.index("embedding")] = embedding_matrix(
        [pa[i] for i in rows], [pb[j] for j in cols], embedder
    )
    full = apply_calibration(sub, block.model)
    block = prob[np.ix_(rows, cols)]
    inner = mask[np.ix_(rows, cols)]
    block[inner] = full[inner]
    prob[np.ix_(rows, cols)] = block


def _veto(index: EventIndex, a: str, b: str, m: np.ndarray) -> np.ndarray:
    """Pairs that cannot state the same fact whatever their wording: a setting and a claim that
    is not one; two settings on different days (two occasions: an outage on the 17th, the
    announcement of its cause on the 19th); a quote and a claim attributed to someone else."""
    from summarize.comparison.similarity import other_days, settings_agree

    pa, pb = index.profiles[a], index.profiles[b]
    out = m * settings_agree(pa, pb) * ~other_days(pa, pb)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            if out[i, j] <= 0.0:
                continue
            u, v = (a, i), (b, j)
            if _other_speaker(index.speakers[u], index.persons[v]) or _other_speaker(
                index.speakers[v], index.persons[u]
            ):
                out[i, j] = 0.0
    return out


# --- 3. candidate links --------------------------------------------------------------------------

Link = tuple[float, ClaimRef, ClaimRef]


def candidate_links(scores: PairScores, threshold: float, settings: AlignSettings) -> list[Link]:
    """Step 3: pairs at or above the threshold that are the best match of both their claims
    within `margin`, strongest first."""
    links: list[Link] = []
    for (a, b), m in scores.matrices.items():
        if m.size == 0:
            continue
        row_best, col_best = m.max(axis=1), m.max(axis=0)
        for i, j in zip(*(m >= threshold).nonzero(), strict=True):
            s = float(m[i, j])
            if row_best[i] - s <= settings.margin and col_best[j] - s <= settings.margin:
                links.append((s, (a, int(i)), (b, int(j))))
    links.sort(key=lambda t: (-t[0], t[1], t[2]))
    return links


# --- 4. cohesive clusters ------------------------------------------------------------------------


@dataclass
class _Cluster:
    members: dict[str, ClaimRef]
    """Article id -> the claim standing for the fact in that article."""
    restated: set[ClaimRef] = field(default_factory=set)
    """Further claims by which a member's article states the same fact again."""


@dataclass(frozen=True)
class Cluster:
    """A fact found by `cohesive_clusters`: one claim per article (`members`), and the claims
    by which some of those articles state it again (`restated`: covered by the fact)."""

    members: dict[str, ClaimRef]
    restated: frozenset[ClaimRef] = frozenset()


def cohesive_clusters(
    links: Sequence[Link], scores: PairScores, threshold: float, settings: AlignSettings
) -> list[Cluster]:
    """Step 4: links merged, strongest first, into clusters with at most one claim per article
    whose every cross-article pair scores at least `cohesion_floor` and whose mean pair score
    is at least `cohesion_mean` (average linkage with a floor: no chains).

    Two clusters that both hold a claim of the same article merge only when those two claims
    restate each other (their own score clears the threshold): the article states the fact
    twice, in its lead and its body; the better-matching claim stands for it, the other is kept
    as `restated`. A claim stays in one cluster here; `join_further_facts` lets it join more."""
    mean = threshold if settings.cohesion_mean is None else settings.cohesion_mean
    restate = threshold if settings.restate is None else settings.restate
    clusters: dict[int, _Cluster] = {}
    of_claim: dict[ClaimRef, set[int]] = {}
    for n, (_s, u, v) in enumerate(links):
        cus, cvs = of_claim.get(u, set()), of_claim.get(v, set())
        if cus & cvs or any(v in clusters[k].restated for k in cus):
            continue
        merged = None
        for cu in sorted(cus) or [None]:
            for cv in sorted(cvs) or [None]:
                left = clusters[cu] if cu is not None else _Cluster({u[0]: u})
                right = clusters[cv] if cv is not None else _Cluster({v[0]: v})
                merged = _merge(left, right, scores, restate, mean, settings.cohesion_floor)
                if merged is not None:
                    for key in (cu, cv):
                        if key is not None:
                            _drop(clusters, of_claim, key)
                    break
            if merged is not None:
                break
        if merged is None:
            continue
        clusters[n] = merged
        for ref in (*merged.members.values(), *merged.restated):
            of_claim.setdefault(ref, set()).add(n)
    return [Cluster(dict(c.members), frozenset(c.restated)) for c in clusters.values()]


def _drop(clusters: dict[int, _Cluster], of_claim: dict[ClaimRef, set[int]], key: int) -> None:
    for ref in (*clusters[key].members.values(), *clusters[key].restated):
        of_claim[ref].discard(key)
    del clusters[key]


def _merge(
    left: _Cluster,
    right: _Cluster,
    scores: PairScores,
    restate: float,
    mean: float,
    floor: float,
) -> _Cluster | None:
    """The union of two clusters if it is cohesive (see `cohesive_clusters`), else None."""
    members: dict[str, ClaimRef] = {}
    restated = left.restated | right.restated
    for article in sorted(left.members.keys() | right.members.keys()):
        mine = [c.members[article] for c in (left, right) if article in c.members]
        if len(mine) == 1 or mine[0] == mine[1]:
            members[article] = mine[0]
            continue
        if scores.same_article(mine[0], mine[1]) < restate:
            return None  # the article says two different things: not one fact
        others = [r for c in (left, right) for a, r in c.members.items() if a != article]
        means = [sum(scores(x, o) for o in others) / max(1, len(others)) for x in mine]
        keep = 0 if means[0] >= means[1] else 1
        members[article] = mine[keep]
        restated.add(mine[1 - keep])
    refs = list(members.values())
    pairs = [scores(x, y) for i, x in enumerate(refs) for y in refs[i + 1 :]]
    if not pairs or min(pairs) < floor or sum(pairs) / len(pairs) < mean:
        return None
    return _Cluster(members, restated)


def join_further_facts(
    clusters: Sequence[Cluster], scores: PairScores, threshold: float, settings: AlignSettings
) -> list[Cluster]:
    """Step 4b: a claim also joins each further fact whose claims it all matches at least at
    `cohesion_floor` and on average at the threshold, when its article is not in that fact yet:
    a sentence that states two facts stands for both (many-to-many). The best matches join
    first; a fact takes at most one claim per article."""
    members = [dict(c.members) for c in clusters]
    candidates = []
    refs = {r for c in clusters for r in c.members.values()}
    for ref in scores.refs():
        for k, m in enumerate(members):
            if ref[0] in m or len(m) < 2:
                continue
            vals = [scores(ref, o) for o in m.values()]
            mean = sum(vals) / len(vals)
            if min(vals) >= settings.cohesion_floor and mean >= threshold:
                candidates.append((mean, ref, k))
    candidates.sort(key=lambda t: (-t[0], t[1], t[2]))
    for _mean, ref, k in candidates:
        m = members[k]
        if ref[0] in m or (ref in refs and any(r == ref for r in m.values())):
            continue
        vals = [scores(ref, o) for o in m.values()]
        if min(vals) >= settings.cohesion_floor and sum(vals) / len(vals) >= threshold:
            m[ref[0]] = ref
    return [Cluster(m, c.restated) for m, c in zip(members, clusters, strict=True)]


# --- 5. facts ------------------------------------------------------------------------------------


def build_facts(
    index: EventIndex,
    clusters: Sequence[Cluster],
    scores: PairScores,
    threshold: float,
    event: Event,
    exclusive: Calibration | None = None,
) -> tuple[tuple[Fact, ...], tuple[Claim, ...]]:
    """Step 5: one fact per cluster, ordered by the first article that states it and the claim's
    position there; claims in no cluster become single-article facts unless they restate (in
    their own article) a claim that stands for a fact, or the `exclusive` model doubts that no
    other article states them (None: every one is a fact). Returns the facts and those doubted
    claims (unmatched), in article and text order."""
    order = {a.id: n for n, a in enumerate(index.members)}
    linked = {ref for c in clusters for ref in (*c.members.values(), *c.restated)}
    built: list[tuple[tuple[int, int], tuple[Claim, ...], str]] = []
    for cluster in clusters:
        refs = sorted(cluster.members.values(), key=lambda r: (order[r[0]], r[1]))
        claims = tuple(index.claim(r) for r in refs)
        central = max(refs, key=lambda r: sum(scores(r, o) for o in refs if o[0] != r[0]))
        built.append(((order[refs[0][0]], refs[0][1]), claims, index.claim(central).text))
    alone = [
        (a.id, i)
        for a in index.members
        for i in range(len(index.claims[a.id]))
        if (a.id, i) not in linked and not _restates((a.id, i), clusters, scores, threshold)
    ]
    own = exclusivity(index, scores, alone, exclusive) if exclusive is not None else {}
    unmatched: list[ClaimRef] = []
    for ref in alone:
        if exclusive is not None and own[ref] < exclusive.threshold:
            unmatched.append(ref)  # may well be stated elsewhere: not this article's own
            continue
        built.append(((order[ref[0]], ref[1]), (index.claim(ref),), index.claim(ref).text))
    built.sort(key=lambda t: t[0])
    facts = tuple(
        Fact(id=f"{event.id}.f{n + 1}", event=event.id, claims=claims, canonical=canonical)
        for n, (_key, claims, canonical) in enumerate(built)
    )
    held = [index.claim(r) for r in unmatched]  # `alone` is in article and text order
    # A description nested in another unmatched claim of its article adds no text of its own.
    return facts, tuple(
        c for c in held if not _nested(c, [h for h in held if h.source is c.source])
    )


def exclusivity(
    index: EventIndex, scores: PairScores, refs: Sequence[ClaimRef], model: Calibration
) -> dict[ClaimRef, float]:
    """The probability that no other article states the claim, for each of `refs`, from
    `exclusivity_features` through `model` (`similarity.ALIGN_EXCLUSIVE`)."""
    from summarize.comparison.similarity import apply_calibration

    if not refs:
        return {}
    feats = exclusivity_features(index, scores, refs)
    return dict(zip(refs, apply_calibration(feats, model).tolist(), strict=True))


def exclusivity_features(
    index: EventIndex, scores: PairScores, refs: Sequence[ClaimRef]
) -> np.ndarray:
    """`similarity.EXCLUSIVE_FEATURES` of each claim of `refs`, as a (len(refs), 8) array."""
    import math

    import numpy as np

    maxima = scores.article_maxima()
    words = {a: {t for p in ps for t in p.tokens} for a, ps in index.profiles.items()}
    out = np.zeros((len(refs), 8), dtype=np.float32)
    for n, ref in enumerate(refs):
        best = _top3(maxima.get(ref, []))
        tokens = set(index.profiles[ref[0]][ref[1]].tokens)
        total = sum(index.idf.get(t, 0.0) for t in tokens) or 1.0
        shares = [
            sum(index.idf.get(t, 0.0) for t in tokens & other) / total
            for a, other in words.items()
            if a != ref[0]
        ]
        spread = _top3(shares)
        claim = index.claim(ref)
        nested = _nested(claim, index.claims[ref[0]])
        out[n] = (
            best[0],
            best[1],
            sum(best) / 3,
            spread[0],
            sum(spread) / 3,
            math.log1p(len(tokens)),
            float(nested),
            float(claim.quote),
        )
    return out


def _top3(values: Sequence[float]) -> list[float]:
    """The three largest values, largest first, padded with zeros."""
    return [*sorted(values, reverse=True), 0.0, 0.0, 0.0][:3]


def _nested(claim: Claim, siblings: Sequence[Claim]) -> bool:
    """The claim lies inside another claim of its article (a description in a noun phrase)."""
    return any(
        c.start <= claim.start and claim.end <= c.end and c.end - c.start > len(claim)
        for c in siblings
    )


def _restates(
    ref: ClaimRef,
    clusters: Sequence[Cluster],
    scores: PairScores,
    threshold: float,
) -> bool:
    """Whether an unlinked claim states, again, a fact its article already stands for in a
    cluster: it matches that cluster's claims of the other articles as well as the article's
    own member does (mean score at least the threshold)."""
    for cluster in clusters:
        if ref[0] not in cluster.members:
            continue
        others = [r for a, r in cluster.members.items() if a != ref[0]]
        if others and sum(scores(ref, o) for o in others) / len(others) >= threshold:
            return True
    return False


# --- the whole ----------------------------------------------------------------------------------


def align_event(
    articles: Sequence[Article],
    event: Event,
    *,
    embedder: Embedder | None = None,
    settings: AlignSettings | None = None,
    matrix: Matrix | None = None,
    workers: int = 1,
) -> Alignment:
    """Align the claims of the event's articles into facts (steps 1-5 of the module doc).

    `embedder` rescores the pairs the cheap model leaves undecided; `matrix` replaces the model
    (then `settings.threshold` should be given: it defaults to the model's).
    """
    settings = settings or AlignSettings()
    threshold = _threshold(settings, embedder, matrix)
    index = index_event(articles, event)
    scores = score_pairs(index, settings, embedder=embedder, matrix=matrix, workers=workers)
    links = candidate_links(scores, threshold, settings)
    clusters = cohesive_clusters(links, scores, threshold, settings)
    if settings.second_facts:
        clusters = join_further_facts(clusters, scores, threshold, settings)
    facts, unmatched = build_facts(
        index, clusters, scores, threshold, event, settings.models().exclusive
    )
    return Alignment(
        event=event, facts=facts, scores=scores, threshold=threshold, unmatched=unmatched
    )


def _threshold(settings: AlignSettings, embedder: Embedder | None, matrix: Matrix | None) -> float:
    if settings.threshold is not None:
        return settings.threshold
    models = settings.models()
    rescoring = embedder is not None and matrix is None and settings.band is not None
    model: Calibration = models.full if rescoring else models.cheap
    return model.threshold


# --- speakers ------------------------------------------------------------------------------------


def _key(name: str) -> str:
    return "".join(name.split()).lower()


def _speaker_key(claim: Claim) -> str | None:
    if not claim.quote or claim.speaker is None:
        return None
    return _key(claim.speaker.canonical or claim.speaker.text) or None


def _person_keys(claim: Claim) -> frozenset[str]:
    """The people a claim names or is attributed to."""
    out = {_key(e.canonical or e.text) for e in claim.entities if e.kind == "person"}
    if claim.speaker is not None and claim.speaker.kind == "person":
        out.add(_key(claim.speaker.canonical or claim.speaker.text))
    return frozenset(k for k in out if k)


def _other_speaker(speaker: str | None, persons: frozenset[str]) -> bool:
    """A quote by `speaker` against a claim naming only other people (said or done by someone
    else); names match when one contains the other (`박정민` ~ `박정민부사장`)."""
    if speaker is None or not persons:
        return False
    return not any(speaker in p or p in speaker for p in persons)
