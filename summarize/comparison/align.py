"""Claim alignment: the claims of one event's articles, matched across articles into facts.

For every pair of articles the combined similarity
(`summarize.comparison.similarity.cascade_matrix`) of their claims gives candidate links: a pair
scoring at least `threshold` that is the best (within `margin`) of its row or of its column, and
near the best (within `loose_margin`) of the other (mutual best matches; relaxed only where a claim
carrying two facts matches two claims of the other article that state different things). Links are
then merged into facts greedily, strongest first: a claim joins a fact when its article is not in it
yet and its mean similarity to the fact's claims clears `threshold` (average linkage, so facts do
not chain). Alignment is many-to-many: when a claim's article is already in the fact with another
claim that states something else, a new fact is started, so one sentence can carry two facts another
outlet states apart. Claims linked to nothing become single-article facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summarize.types import Article, Claim, Event, Fact

if TYPE_CHECKING:
    import numpy as np

    from summarize.comparison.similarity import Embedder, Profile


@dataclass(frozen=True)
class Alignment:
    """The facts of one event and the similarity scores behind them."""

    event: Event
    facts: tuple[Fact, ...]
    scores: dict[tuple[tuple[str, int], tuple[str, int]], float] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    """Same-fact probability of cross-article claim pairs, keyed ((article, claim index), ...)."""
    threshold: float | None = None
    """The same-fact threshold the alignment used (pairs scoring below it are not the same
    fact)."""


def align_event(
    articles: Sequence[Article],
    event: Event,
    *,
    embedder: Embedder | None = None,
    threshold: float | None = None,
    margin: float = 0.05,
    loose_margin: float = 0.1,
    band: tuple[float, float] = (0.35, 0.85),
    workers: int = 1,
    matrix=None,
    evidence: float | None = 0.1,
    candidates: int = 2,
    names_share: float = 0.1,
    names_margin: float = 0.15,
) -> Alignment:
    """Align the claims of the event's articles into facts.

    `threshold` defaults to the same-fact threshold fitted on KorSTS train
    (`similarity.CHEAP.threshold`). `matrix(profiles_a, profiles_b) -> ndarray` replaces the
    combined score (the benchmarks pass single signals through it). `evidence`: a link also
    needs one shared content morpheme found in at most this share of the event's claims, so
    that two generic claims (`카카오 쇄신 노력도 강조됐다`, `카카오는 존재 의미를 재정의했다`)
    are not matched on tone alone; None switches the check off. `candidates`: only pairs among
    the top `candidates` of their row or column by the cheap score are sent to the embedder.
    """
    import math
    from collections import Counter

    import numpy as np

    from summarize.comparison.similarity import (
        CHEAP,
        FULL,
        apply_calibration,
        cascade_matrix,
        embed_profiles,
        profile_claims,
        undecided_profiles,
    )

    by_id = {a.id: a for a in articles}
    members = [by_id[i] for i in event.articles if i in by_id]
    if threshold is not None:
        tau = threshold
    else:
        tau = FULL.threshold if embedder is not None and matrix is None else CHEAP.threshold
    claims = {a.id: list(a.claims) for a in members}
    all_claims = [c for a in members for c in claims[a.id]]
    all_profiles = profile_claims(all_claims) if all_claims else []
    profiles: dict[str, list[Profile]] = {}
    k = 0
    for a in members:
        profiles[a.id] = all_profiles[k : k + len(claims[a.id])]
        k += len(claims[a.id])

    claim_df: Counter[str] = Counter()
    for p in all_profiles:
        claim_df.update(set(p.tokens))
    # document-frequency caps are counts: a fractional cut-off made one claim more or less in
    # an event flip which shared words count as evidence
    max_df = max(2, math.ceil((evidence or 1.0) * len(all_profiles)))

    # names common to much of the event (the company, the agency) say nothing about which fact
    # a claim states; the rarer ones do
    name_df: Counter[str] = Counter()
    for p in all_profiles:
        name_df.update(p.entities)
    max_name_df = max(2, math.ceil(names_share * len(all_profiles)))
    rare_names = [
        frozenset(e for e in p.entities if name_df[e] <= max_name_df) for p in all_profiles
    ]
    # names in a third or more of the claims (the event's subject) are no evidence either way
    telling = [
        frozenset(e for e in p.entities if name_df[e] < len(all_profiles) / 3) for p in all_profiles
    ]
    speakers = [_speaker_key(c) for c in all_claims]
    persons = [_person_keys(c) for c in all_claims]
    flat = {id(p): n for n, p in enumerate(all_profiles)}

    def veto(pa: Sequence[Profile], pb: Sequence[Profile], m: np.ndarray) -> np.ndarray:
        """Pairs that cannot state the same fact, whatever their wording: a quote and a claim
        attributed to someone else, and (unless the score is high) two claims that each name
        rare entities and share no name but the event's pervasive ones."""
        out = m.copy()
        ia = [flat.get(id(p)) for p in pa]
        ib = [flat.get(id(q)) for q in pb]
        for i, x in enumerate(ia):
            if x is None:
                continue
            for j, y in enumerate(ib):
                if y is None or out[i, j] < tau:
                    continue
                if _other_speaker(speakers[x], persons[y]) or _other_speaker(
                    speakers[y], persons[x]
                ):
                    out[i, j] = 0.0
                elif (
                    rare_names[x]
                    and rare_names[y]
                    and not telling[x] & telling[y]
                    and out[i, j] < tau + names_margin
                ):
                    out[i, j] = min(out[i, j], tau - 1e-3)
        return out

    def has_evidence(p: Profile, q: Profile) -> bool:
        if evidence is None:
            return True
        return any(claim_df[t] <= max_df for t in set(p.tokens) & set(q.tokens))

    def eligible_mask(pa, pb) -> np.ndarray:
        # a pair can only become a link if it shares evidence and ranks near the top of its
        # row or column already: only those are worth an embedding
        from summarize.comparison.similarity import signals

        mask = np.array([[has_evidence(p, q) for q in pb] for p in pa], dtype=bool)
        feats = signals(pa, pb, workers=workers).stack()
        feats[..., 3] = feats[..., 5] = 0.0  # number/date disagreement: see cascade_matrix
        cheap = apply_calibration(feats, CHEAP)
        cheap = np.where(mask, cheap, 0.0)
        k_r, k_c = min(candidates, cheap.shape[1]), min(candidates, cheap.shape[0])
        row_kth = np.sort(cheap, axis=1)[:, -k_r][:, None]
        col_kth = np.sort(cheap, axis=0)[-k_c, :][None, :]
        return mask & ((cheap >= row_kth) | (cheap >= col_kth))

    def score(pa, pb, eligible: np.ndarray | None = None) -> np.ndarray:
        if matrix is not None:
            return matrix(pa, pb)
        # embed only pairs that could become links: shared evidence, cheap score undecided
        m = cascade_matrix(
            pa,
            pb,
            embedder=embedder,
            band=band,
            workers=workers,
            eligible=eligible_mask(pa, pb) if eligible is None else eligible,
            ignore_conflicts=True,
        )
        return veto(pa, pb, m)

    pairs = [
        (members[x], members[y])
        for x in range(len(members))
        for y in range(x + 1, len(members))
        if profiles[members[x].id] and profiles[members[y].id]
    ]
    masks: dict[tuple[str, str], np.ndarray] = {}
    if embedder is not None and matrix is None:
        # every claim any pair will embed, in one batch: one large batch runs on all cores,
        # many small ones do not
        needed: dict[int, Profile] = {}
        for a, b in pairs:
            pa, pb = profiles[a.id], profiles[b.id]
            masks[a.id, b.id] = eligible_mask(pa, pb)
            for p in undecided_profiles(
                pa,
                pb,
                band=band,
                workers=workers,
                eligible=masks[a.id, b.id],
                ignore_conflicts=True,
            ):
                needed[id(p)] = p
        embed_profiles(list(needed.values()), embedder)

    scores: dict[tuple[tuple[str, int], tuple[str, int]], float] = {}
    links: list[tuple[float, tuple[str, int], tuple[str, int]]] = []
    split: list[tuple[float, tuple[str, int], tuple[str, int], tuple[str, int]]] = []
    for a, b in pairs:
        pa, pb = profiles[a.id], profiles[b.id]
        m = score(pa, pb, masks.get((a.id, b.id)))
        row_arg, col_arg = m.argmax(axis=1), m.argmax(axis=0)
        row_best, col_best = m.max(axis=1), m.max(axis=0)
        for i in range(m.shape[0]):
            for j in range(m.shape[1]):
                s = float(m[i, j])
                scores[((a.id, i), (b.id, j))] = s
                if s < tau or not has_evidence(pa[i], pb[j]):
                    continue
                gap_row, gap_col = row_best[i] - s, col_best[j] - s
                if max(gap_row, gap_col) <= margin:
                    links.append((s, (a.id, i), (b.id, j)))
                elif gap_col <= margin and gap_row <= loose_margin:
                    # i is j's best match but prefers another claim of b: keep both links
                    # when that claim states something else (i carries two facts)
                    split.append((s, (a.id, i), (b.id, j), (b.id, int(row_arg[i]))))
                elif gap_row <= margin and gap_col <= loose_margin:
                    split.append((s, (a.id, i), (b.id, j), (a.id, int(col_arg[j]))))

    def sim(u: tuple[str, int], v: tuple[str, int]) -> float:
        if u[0] == v[0]:
            return 1.0 if u == v else _same_article_sim(u, v)
        return scores.get((u, v), scores.get((v, u), 0.0))

    same_cache: dict[tuple[tuple[str, int], tuple[str, int]], float] = {}

    def _same_article_sim(u, v) -> float:
        key = (min(u, v), max(u, v))
        if key not in same_cache:
            pu, pv = profiles[u[0]][u[1]], profiles[v[0]][v[1]]
            same_cache[key] = float(score([pu], [pv])[0, 0])
        return same_cache[key]

    for s_, u, v, rival in split:
        mine = v if rival[0] == v[0] else u
        if sim(mine, rival) < tau:
            links.append((s_, u, v))

    facts: list[dict[str, tuple[str, int]]] = []
    of_claim: dict[tuple[str, int], list[int]] = {}
    covered: set[tuple[str, int]] = set()
    links.sort(key=lambda t: -t[0])

    def mean_sim(node, fact) -> float:
        vals = [sim(node, m) for m in fact.values()]
        return sum(vals) / len(vals)

    for _s, u, v in links:
        fu, fv = of_claim.get(u, []), of_claim.get(v, [])
        if set(fu) & set(fv):
            continue
        placed = False
        for node, other in ((u, v), (v, u)):
            for f in of_claim.get(node, []):
                fact = facts[f]
                if other[0] in fact:
                    continue
                if mean_sim(other, fact) >= tau:
                    fact[other[0]] = other
                    of_claim.setdefault(other, []).append(f)
                    covered.add(other)
                    placed = True
                    break
            if placed:
                break
        if placed:
            continue
        # a new fact, unless one end merely repeats (within its own article) a claim that
        # already stands for this fact: then it is covered, not a new fact
        duplicate = False
        for node, other in ((u, v), (v, u)):
            for f in of_claim.get(other, []):
                twin = facts[f].get(node[0])
                if twin is not None and twin != node and sim(node, twin) >= tau:
                    covered.add(node)
                    duplicate = True
        if duplicate:
            continue
        facts.append({u[0]: u, v[0]: v})
        for node in (u, v):
            of_claim.setdefault(node, []).append(len(facts) - 1)
            covered.add(node)

    # order: by the first article that reports the fact, then by claim position
    order = {a.id: n for n, a in enumerate(members)}
    built: list[tuple[tuple[int, int], tuple[Claim, ...], str]] = []
    for group in _fold_overlapping([set(f.values()) for f in facts]):
        nodes = sorted(group, key=lambda nd: (order[nd[0]], nd[1]))
        cl = tuple(claims[nd[0]][nd[1]] for nd in nodes)
        best = max(nodes, key=lambda nd: sum(sim(nd, o) for o in nodes if o != nd))
        canonical = claims[best[0]][best[1]]
        built.append(((order[nodes[0][0]], nodes[0][1]), cl, canonical.text))
    for a in members:
        for i, c in enumerate(claims[a.id]):
            if (a.id, i) not in covered:
                built.append(((order[a.id], i), (c,), c.text))
    built.sort(key=lambda t: t[0])
    out = tuple(
        Fact(id=f"{event.id}.f{n + 1}", event=event.id, claims=cl, canonical=canon)
        for n, (_key, cl, canon) in enumerate(built)
    )
    return Alignment(event=event, facts=out, scores=scores, threshold=tau)


def _fold_overlapping(facts: list[set[tuple[str, int]]]) -> list[set[tuple[str, int]]]:
    """Fold facts that share two or more claims: two outlets' claims linked to both mean one
    outlet split what another stated at once, and the split halves are one fact (which then
    holds two claims of the splitting article)."""
    parent = list(range(len(facts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(facts)):
        for j in range(i + 1, len(facts)):
            if len(facts[i] & facts[j]) >= 2:
                parent[root(j)] = root(i)
    groups: dict[int, set[tuple[str, int]]] = {}
    for i, nodes in enumerate(facts):
        groups.setdefault(root(i), set()).update(nodes)
    return list(groups.values())


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
