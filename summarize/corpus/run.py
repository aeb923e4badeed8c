"""`run_corpus`: read -> analyse -> group -> align -> write, resumable.

1. *Read and analyse* (streaming): records come from `reader.iter_records` one at a time; the
   readable ones are cut into shards of `shard_size` consecutive records. A shard whose key
   (`state.key_of` its records' digests) is cached is taken from `DIR/.kosum-corpus/`; the others
   go to the engine (`stages.analyse_shard`), a few at a time, and are cached as they come back.
   The driver keeps one small `Row` per article, never the articles.
2. *Group*: the articles' signals (from the shard caches) are grouped into stories
   (`summarize.corpus.grouping`: one call, or date blocks on the workers for a large corpus,
   each block's signals read when its task is made). The stories and the articles' TF-IDF
   vectors (written to a file as blocks finish) are cached under the shard keys and the
   settings.
3. *Align*: each story not yet in `stories.log` goes, with its articles' cached blobs (article
   and signals) and vectors, to the engine (`stages.align_stories`, largest stories first,
   batched to about `story_batch` articles per task); each finished story is appended to the
   log at once.

The driver holds one small `Row` per article and the stories as lists of positions: neither the
articles, nor all their signals or vectors at once.
4. *Write* `articles.jsonl`, `events.jsonl`, `errors.jsonl` (`summarize.corpus.output`).

A rerun on the same inputs and `--out` reads and hashes the inputs, finds every shard, the
grouping and every story cached, and only writes the outputs again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from summarize.comparison.group import GroupSettings
from summarize.corpus.grouping import Block, BlockSettings
from summarize.corpus.output import ErrorRow
from summarize.corpus.reader import Record
from summarize.corpus.stages import StorySettings
from summarize.corpus.state import CorpusState, Finished, Grouping, Located


@dataclass(frozen=True)
class CorpusSettings:
    inputs: tuple[str, ...]
    out: Path
    engine: str = "local"
    workers: int | None = None
    """Local worker processes (default: the cores this process may use); for Ray, the CPUs of
    a local Ray (a cluster brings its own)."""
    address: str | None = None
    """A Ray cluster's address (`ray://host:10001`, `auto`); None starts a local Ray."""
    shard_size: int = 32
    """Records per analysis task (about a second of work each)."""
    story_batch: int = 24
    """Articles per alignment task (a larger story is a task alone)."""
    group: GroupSettings = field(default_factory=GroupSettings)
    blocks: BlockSettings = field(default_factory=BlockSettings)
    story: StorySettings = field(default_factory=StorySettings)


@dataclass
class CorpusReport:
    """What a run did, for the summary line and the benchmark."""

    records: int = 0
    articles: int = 0
    errors: int = 0
    stories: int = 0
    facts: int = 0
    conflicts: int = 0
    shards: int = 0
    shards_cached: int = 0
    blocks: int = 0
    grouping_cached: bool = False
    stories_aligned: int = 0
    stories_cached: int = 0
    engine: str = ""
    workers: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall-clock seconds per stage: `analyse` (reading included), `group`, `align`, `write`,
    `total`."""
    worker_seconds: dict[str, float] = field(default_factory=dict)
    """CPU seconds the workers spent per stage (`analyse`, `group`, `align`)."""


class Progress(Protocol):
    def __call__(
        self, stage: str, total: int | None
    ) -> AbstractContextManager[Callable[[int], None]]: ...


def no_progress(stage: str, total: int | None) -> AbstractContextManager[Callable[[int], None]]:
    return nullcontext(lambda n=1: None)


@dataclass(slots=True)
class Row:
    """What the driver keeps of one article."""

    seq: int
    id: str
    path: str
    record: int
    digest: str
    outlet: str | None
    published: str | None
    title: str | None
    located: Located
    blob: int
    """Position of the article among its shard's articles (and signals)."""


class _Ref(NamedTuple):
    """Where a record sent for analysis came from (its text is not kept)."""

    seq: int
    path: str
    number: int
    digest: str


def run_corpus(settings: CorpusSettings, progress: Progress = no_progress) -> CorpusReport:
    """Run the four stages (see the module docstring) and return what was done."""
    from summarize.corpus.engines import make_engine

    settings.out.mkdir(parents=True, exist_ok=True)
    state = CorpusState(settings.out)
    engine = make_engine(settings.engine, settings.workers, settings.address)
    run = _Run(settings, state, engine, progress)
    start = time.perf_counter()
    try:
        run.analyse()
        run.group()
        run.align()
        run.write()
    finally:
        engine.close()
        state.close()
    run.report.seconds["total"] = time.perf_counter() - start
    run.report.engine = engine.name
    run.report.workers = engine.workers
    return run.report


class _Run:
    """One run's stages and what they hand each other."""

    def __init__(
        self, settings: CorpusSettings, state: CorpusState, engine: Any, progress: Progress
    ) -> None:
        self.settings = settings
        self.state = state
        self.engine = engine
        self.progress = progress
        self.report = CorpusReport()
        self.rows: list[Row] = []
        self.errors: list[ErrorRow] = []
        self.shard_keys: list[str] = []
        self.pending: dict[str, list[_Ref]] = {}
        """Shards out at the workers, with their records (text dropped once sent)."""
        self.grouping: Grouping | None = None
        """The stories, as positions in `rows` (sorted by seq), and where their vectors lie."""
        self.group_key = ""
        self.finished: dict[str, Finished] = {}
        self.story_keys: list[str] = []

    # --- 1. read and analyse ----------------------------------------------------------------

    def analyse(self) -> None:
        from summarize.corpus.stages import analyse_shard

        t = time.perf_counter()
        with self.progress("Analysing articles", None) as advance:
            self.advance = advance
            for result in self.engine.map(analyse_shard, self._analysis_tasks()):
                self._take_shard(result)
        self.rows.sort(key=lambda r: r.seq)
        self.errors.sort(key=lambda e: e.seq)
        self.report.articles = len(self.rows)
        self.report.seconds["analyse"] = time.perf_counter() - t

    def _analysis_tasks(self) -> Iterator[Any]:
        """Tasks for the shards not cached; cached ones are taken on the way."""
        from summarize.corpus.reader import iter_records
        from summarize.corpus.stages import AnalysisTask
        from summarize.corpus.state import key_of

        for shard in self._shards(iter_records(self.settings.inputs)):
            key = key_of("shard", tuple(r.digest for r in shard))
            self.shard_keys.append(key)
            self.report.shards += 1
            if self.state.has_shard(key):
                self.report.shards_cached += 1
                self._add_rows(key, shard, *self.state.shard_index(key))
                self.advance(len(shard))
                continue
            sources = tuple((r.seq, r.source) for r in shard)
            self.pending[key] = [_Ref(r.seq, r.path, r.number, r.digest) for r in shard]
            yield AnalysisTask(key, sources)

    def _shards(self, records: Iterator[Record]) -> Iterator[list[Record]]:
        shard: list[Record] = []
        for record in records:
            self.report.records += 1
            if record.source is None:
                self._add_error(record.seq, record.item.name, record.item.reason, record)
                self.advance(1)
                continue
            shard.append(record)
            if len(shard) == self.settings.shard_size:
                yield shard
                shard = []
        if shard:
            yield shard

    def _take_shard(self, result: Any) -> None:
        shard = self.pending.pop(result.key)
        lengths = tuple(len(b) for b in result.blobs)
        index = (result.entries, lengths)
        self.state.save_shard(result.key, list(result.blobs), index, result.signals)
        self._add_rows(result.key, shard, result.entries, lengths)
        seconds = self.report.worker_seconds
        seconds["analyse"] = seconds.get("analyse", 0.0) + result.seconds
        self.advance(len(shard))

    def _add_rows(
        self,
        key: str,
        shard: Sequence[Record | _Ref],
        entries: Sequence[Any],
        lengths: Sequence[int],
    ) -> None:
        """Rows (or errors) of a shard's records; entries and records match by position."""
        offset = 0
        first = len(self.rows)
        for record, entry in zip(shard, entries, strict=True):
            if entry.error is not None:
                self._add_error(record.seq, entry.error[0], entry.error[1], record)
                continue
            blob = len(self.rows) - first
            length = lengths[blob]
            self.rows.append(
                Row(
                    record.seq,
                    entry.id,
                    record.path,
                    record.number,
                    record.digest,
                    entry.outlet,
                    entry.published,
                    entry.title,
                    Located(key, offset, length),
                    blob,
                )
            )
            offset += length

    def _add_error(self, seq: int, where: str, why: str, record: Record | _Ref) -> None:
        self.errors.append(ErrorRow(seq, where, why, record.path, record.number))
        self.report.errors += 1

    # --- 2. group ---------------------------------------------------------------------------

    def group(self) -> None:
        from summarize.corpus.state import key_of

        t = time.perf_counter()
        settings = self.settings
        self.group_key = key_of("group", tuple(self.shard_keys), settings.group, settings.blocks)
        cached = self.state.grouping(self.group_key)
        with self.progress("Grouping into stories", None) as advance:
            if cached is not None:
                self.grouping = cached
                self.report.grouping_cached = True
            elif self.rows:
                self.grouping = self._group_blocks(advance)
                self.state.save_grouping(self.group_key, self.grouping)
        self.report.stories = len(self.grouping.stories) if self.grouping else 0
        self.report.seconds["group"] = time.perf_counter() - t

    def _group_blocks(self, advance: Callable[[int], None]) -> Grouping:
        """Group block by block (`summarize.corpus.grouping`); a block's signals are read from
        the shard caches when its task is made, so the driver holds one block at a time."""
        from summarize.corpus.grouping import plan_blocks, stitch
        from summarize.corpus.stages import BlockTask, group_block

        blocks = plan_blocks([_day(r.published) for r in self.rows], self.settings.blocks)
        tasks = (
            BlockTask(n, b.members, self._block_signals(b.members), self._block_settings(b))
            for n, b in enumerate(blocks)
        )
        # one block is grouped here (shipping every signal to a worker would only add a copy)
        results = (
            [group_block(next(tasks))]
            if len(blocks) == 1
            else self.engine.map(group_block, tasks, in_flight=self.engine.workers)
        )
        home = [0] * len(self.rows)
        for n, b in enumerate(blocks):
            for k in b.home:
                home[k] = n
        vectors = self.state.vector_writer(self.group_key, len(self.rows))
        clusters: list[list[int]] = []
        for result in results:
            clusters.extend(result.clusters)
            for k, vector in zip(result.members, result.vectors, strict=True):
                if home[k] == result.block:
                    vectors.add(k, vector)
            seconds = self.report.worker_seconds
            seconds["group"] = seconds.get("group", 0.0) + result.seconds
            advance(1)
        self.report.blocks = len(blocks)
        return vectors.finish(stitch(len(self.rows), clusters))

    def _block_settings(self, block: Block) -> GroupSettings:
        """The grouping settings, with posting lists capped (`BlockSettings.max_postings`)."""
        group = self.settings.group
        if group.max_postings is not None:
            return group
        return replace(group, max_postings=self.settings.blocks.postings(len(block.members)))

    def _block_signals(self, members: Sequence[int]) -> tuple[Any, ...]:
        """The grouping signals of these articles (positions, ascending), read from the shard
        caches; an archive in time order reads each shard about once."""
        out = []
        shard, signals = "", ()
        for k in members:
            row = self.rows[k]
            if row.located.shard != shard:
                shard = row.located.shard
                signals = self.state.shard_signals(shard)
            out.append(signals[row.blob])
        return tuple(out)

    # --- 3. align ---------------------------------------------------------------------------

    def align(self) -> None:
        from summarize.corpus.stages import align_stories
        from summarize.corpus.state import key_of

        t = time.perf_counter()
        self.finished = self.state.finished_stories()
        story = self.settings.story
        stories = self.grouping.stories if self.grouping else []
        self.story_keys = [
            key_of("story", _event_id(n), tuple(self.rows[k].digest for k in members), story)
            for n, members in enumerate(stories)
        ]
        todo = [n for n, key in enumerate(self.story_keys) if key not in self.finished]
        # largest stories first (alignment grows with the square of a story's size): the last
        # tasks are then small and the workers finish together
        todo.sort(key=lambda n: -len(stories[n]))
        self.report.stories_cached = len(stories) - len(todo)
        with self.progress("Aligning stories", len(stories)) as advance:
            advance(self.report.stories_cached)
            for results in self.engine.map(align_stories, self._story_batches(todo)):
                for result in results:
                    self._take_story(result)
                    advance(1)
        self.report.seconds["align"] = time.perf_counter() - t

    def _story_batches(self, todo: Sequence[int]) -> Iterator[Any]:
        from summarize.corpus.stages import StoryBatch

        batch: list[Any] = []
        size = 0
        for n in todo:
            batch.append(self._story_task(n))
            size += len(self.grouping.stories[n])
            if size >= self.settings.story_batch:
                yield StoryBatch(tuple(batch), self.settings.story)
                batch, size = [], 0
        if batch:
            yield StoryBatch(tuple(batch), self.settings.story)

    def _story_task(self, n: int) -> Any:
        from summarize.corpus.stages import StoryTask

        members = self.grouping.stories[n]
        return StoryTask(
            self.story_keys[n],
            _event_id(n),
            tuple(self.state.read_blobs(self.rows[k].located for k in members)),
            tuple(self.state.read_vectors(self.group_key, self.grouping, members)),
        )

    def _take_story(self, result: Any) -> None:
        self.finished[result.key] = self.state.append_story(
            result.key, result.line, result.facts, result.conflicts
        )
        self.report.stories_aligned += 1
        seconds = self.report.worker_seconds
        seconds["align"] = seconds.get("align", 0.0) + result.seconds
        if result.error is not None:
            self.errors.append(ErrorRow(-1, result.event_id, result.error, "", 0))
            self.report.errors += 1

    # --- 4. write ---------------------------------------------------------------------------

    def write(self) -> None:
        from summarize.corpus.output import article_line, error_line, write_lines

        t = time.perf_counter()
        out = self.settings.out
        stories = self.grouping.stories if self.grouping else []
        event_of = {k: _event_id(n) for n, members in enumerate(stories) for k in members}
        with self.progress("Writing", 3) as advance:
            write_lines(
                out / "articles.jsonl",
                (
                    article_line(
                        id=r.id,
                        path=r.path,
                        record=r.record,
                        outlet=r.outlet,
                        published=r.published,
                        title=r.title,
                        event=event_of.get(k),
                    )
                    for k, r in enumerate(self.rows)
                ),
            )
            advance(1)
            write_lines(out / "errors.jsonl", (error_line(e) for e in self.errors))
            advance(1)
            self._write_events(out / "events.jsonl")
            advance(1)
        self.report.seconds["write"] = time.perf_counter() - t

    def _write_events(self, path: Path) -> None:
        from summarize.corpus.output import write_lines

        done = [self.finished[key] for key in self.story_keys]
        self.report.facts = sum(d.facts for d in done)
        self.report.conflicts = sum(d.conflicts for d in done)
        if not done:
            write_lines(path, [])
            return
        with open(self.state.log_path, "rb") as log:
            write_lines(path, (self.state.read_story(log, d) for d in done))


def _event_id(n: int) -> str:
    return f"e{n + 1}"


def _day(published: str | None) -> date | None:
    return datetime.fromisoformat(published).date() if published else None
