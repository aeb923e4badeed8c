"""The one shared kiwipiepy `Kiwi` instance, warmed in the background, and morpheme helpers.

`Kiwi()` takes a second or two to load its model and its first `tokenize` call about as long
again, so the CLI calls `warm_up()` first thing and overlaps that with reading and cleaning the
inputs. Every module that needs Korean analysis calls `kiwi()`, which waits for the warm-up when
one is running and never builds a second instance.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiwipiepy import Kiwi, Token

_lock = threading.Lock()
_instance: Kiwi | None = None
_warm_thread: threading.Thread | None = None
_kiwi_threads: int = -1
"""Kiwi's `num_workers`: -1 a thread per core (the default, for one process analysing a batch),
1 one analysis thread (`single_threaded`; 0 would refuse batches)."""


def single_threaded() -> None:
    """Have the shared Kiwi analyse on one thread instead of one per core: for worker
    processes, whose parallelism is the processes (N workers on N cores would otherwise run
    N x N analysis threads). Takes effect if called before Kiwi is first loaded."""
    global _kiwi_threads
    _kiwi_threads = 1


#: Part-of-speech tags kept by `content_morphemes` (kiwipiepy / Sejong tag set). Dependent nouns
#: (NNB: 것, 수, 등) are left out: they carry no content and make unrelated clauses look alike.
CONTENT_TAGS = frozenset({"NNG", "NNP", "NR", "SN", "SL", "SH", "XR", "VV", "VA"})


def kiwi() -> Kiwi:
    """The shared `Kiwi` instance, created on first use (thread-safe).

    A warm-up started by `warm_up()` holds the lock while it loads, so callers simply wait for it
    instead of loading a second model.
    """
    global _instance
    if _instance is not None:
        return _instance
    with _lock:
        if _instance is None:
            from kiwipiepy import Kiwi

            # The typo-correction and multi-word dictionaries double the load time (measured:
            # ~1.9 s instead of ~3.7-6 s for load + first analysis on 2 busy cores) and change
            # nothing kosum relies on; typo correction would only blur offsets. The default
            # user dictionary halves what is left (load + first analysis 1.4 s -> 0.7 s on an
            # idle machine); without it benchmarks/bench_claims.py and bench_align.py give the
            # same figures and bench_summary_quality.py's selection F1 moves 0.636 -> 0.631.
            instance = Kiwi(
                num_workers=_kiwi_threads,
                load_typo_dict=False,
                load_multi_dict=False,
                load_default_dict=False,
            )
            # The first analysis builds internal tables; pay for it here, not in the caller.
            instance.tokenize("가나다라.")
            _instance = instance
    return _instance


def warm_up() -> threading.Thread:
    """Start loading the shared `Kiwi` in a daemon thread and return the thread (idempotent).

    Measured: `Kiwi()` and its first analysis hold the GIL almost throughout (pure-Python work
    in another thread runs at 1-4% of its normal speed meanwhile), so the overlap gained is I/O
    (reading files) and native work only; the thread mainly moves the wait off the critical path
    of code that does not need Kiwi.
    """
    global _warm_thread
    with _lock:
        if _warm_thread is None:
            _warm_thread = threading.Thread(target=kiwi, name="kiwi-warm-up", daemon=True)
            _warm_thread.start()
        return _warm_thread


def is_loaded() -> bool:
    """Whether the shared instance exists already (no loading is triggered)."""
    return _instance is not None


def _stem(token: Token) -> str | None:
    tag = token.tag.split("-")[0]  # kiwipiepy marks irregular conjugations as VV-I, VA-R, ...
    if tag not in CONTENT_TAGS:
        return None
    form = token.form
    if tag in ("VV", "VA"):
        return form + "다"
    if tag in ("SL", "SH"):
        return form.lower()
    return form


def morphemes_of(tokens: Iterable[Token]) -> tuple[str, ...]:
    """Content morphemes of already tokenised text (see `content_morphemes`)."""
    out = []
    for token in tokens:
        stem = _stem(token)
        if stem:
            out.append(stem)
    return tuple(out)


def content_morphemes(text: str) -> tuple[str, ...]:
    """Normalised content morphemes of `text`, in order.

    Nouns (NNG, NNP, NR), numbers (SN), foreign words (SL, lower-cased), hanja, roots (XR), and
    verb/adjective stems as dictionary forms (`끌어올렸다` -> `끌어올리다`). LRU-cached. Long
    texts are tokenised in bounded chunks (a word cut at a chunk boundary, after 2,000
    characters without a space, may come out as two morphemes).
    """
    cached = _cache.get(text)
    if cached is None:
        cached = _morphemes_in_chunks([text])[0]
        _cache.put(text, cached)
    return cached


def content_morphemes_many(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """`content_morphemes` for many texts, tokenising the uncached ones in one kiwipiepy batch."""
    result: dict[str, tuple[str, ...]] = {}
    todo: list[str] = []
    for text in dict.fromkeys(texts):
        cached = _cache.get(text)
        if cached is None:
            todo.append(text)
        else:
            result[text] = cached
    if todo:
        for text, morphemes in zip(todo, _morphemes_in_chunks(todo), strict=True):
            result[text] = morphemes
            _cache.put(text, morphemes)
    return [result[t] for t in texts]


def _morphemes_in_chunks(texts: list[str]) -> list[tuple[str, ...]]:
    """Content morphemes of each text, tokenising texts longer than
    `segment.MAX_CHUNK_CHARS` in bounded chunks (kiwipiepy's time is quadratic in the length of
    one text: a whole 4 MB article at once would take hours), all in one kiwipiepy batch."""
    from summarize.article.segment import MAX_CHUNK_CHARS, bounded_chunks

    pieces: list[str] = []
    owners: list[int] = []
    for k, text in enumerate(texts):
        if len(text) <= MAX_CHUNK_CHARS:
            pieces.append(text)
            owners.append(k)
            continue
        for start, end in bounded_chunks(text, 0, len(text)):
            pieces.append(text[start:end])
            owners.append(k)
    out: list[list[str]] = [[] for _ in texts]
    for k, tokens in zip(owners, kiwi().tokenize(pieces), strict=True):
        out[k].extend(morphemes_of(tokens))
    return [tuple(m) for m in out]


def tokenize(text: str) -> list[Any]:
    """kiwipiepy tokens of `text` (offsets relative to `text`)."""
    return kiwi().tokenize(text)


def tokenize_many(texts: Sequence[str]) -> list[list[Any]]:
    """kiwipiepy tokens for many texts in one batch call."""
    if not texts:
        return []
    return list(kiwi().tokenize(list(texts)))


class _LRU:
    """A small thread-safe LRU map (functools.lru_cache cannot be filled from a batch call)."""

    def __init__(self, maxsize: int) -> None:
        self._data: OrderedDict[str, tuple[str, ...]] = OrderedDict()
        self._maxsize = maxsize
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[str, ...] | None:
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: str, value: tuple[str, ...]) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self._maxsize:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


_cache = _LRU(65536)
