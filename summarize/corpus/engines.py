"""Where a corpus run's tasks execute: local worker processes, or Ray.

Both engines have one method that matters, `map(fn, tasks)`: run `fn` (a function of
`summarize.corpus.stages`) on every task and yield the results as they finish (in any order;
each result names its task). Tasks are submitted a few at a time (`IN_FLIGHT` per worker), so a
stream of tasks is never all in memory. Neither engine starts anything before its first `map`,
so a rerun with nothing left to do starts no worker.

- `LocalEngine(workers)`: a `concurrent.futures.ProcessPoolExecutor` of `spawn`ed processes
  (not forked: the driver may hold threads, such as Kiwi's warm-up), each single-threaded
  (`stages.prepare_worker`). A worker keeps its Kiwi and embedder loaded between tasks.
- `RayEngine(workers, address)`: Ray Data over the cluster at `address`, or a local Ray of
  `workers` CPUs when none is given. Tasks go out in windows of `WINDOW_PER_CPU` per cluster CPU,
  each window one `ray.data.from_items(...).map(...)` (one task per row, one CPU each); Ray
  reuses its worker processes across windows, so models stay loaded there too. kosum must be
  installed on every node of the cluster; inputs are read by the driver and travel with the
  tasks, so the nodes need no shared file system.
"""

from __future__ import annotations

import itertools
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from summarize.errors import KosumError, MissingExtraError

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT = 2
"""Tasks submitted per local worker ahead of the results (keeps every worker busy)."""
WINDOW_PER_CPU = 4
"""Tasks per cluster CPU in one Ray Data window."""


class EngineError(KosumError, RuntimeError):
    """An engine that cannot start (no Ray cluster at the address, an unknown engine)."""


class Engine(Protocol):
    name: str

    @property
    def workers(self) -> int: ...

    def map(
        self, fn: Callable[[T], R], tasks: Iterable[T], *, in_flight: int | None = None
    ) -> Iterator[R]: ...

    def close(self) -> None: ...


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def make_engine(name: str, workers: int | None = None, address: str | None = None) -> Engine:
    """`local` or `ray` (see the module docstring)."""
    if name == "local":
        return LocalEngine(workers or default_workers())
    if name == "ray":
        return RayEngine(workers, address)
    raise EngineError(f"unknown engine {name!r} (local or ray)")


class LocalEngine:
    """Worker processes on this machine."""

    name = "local"

    def __init__(self, workers: int) -> None:
        self._workers = max(1, workers)
        self._pool: Any = None

    @property
    def workers(self) -> int:
        return self._workers

    def map(
        self, fn: Callable[[T], R], tasks: Iterable[T], *, in_flight: int | None = None
    ) -> Iterator[R]:
        """`fn` over `tasks` on the workers, results as they finish; at most `in_flight` tasks
        (default `IN_FLIGHT` per worker) submitted ahead."""
        from concurrent.futures import FIRST_COMPLETED, wait

        todo = _started(tasks)
        if todo is None:
            return
        pool = self._start()
        pending: set[Any] = set()

        def refill() -> None:
            room = (in_flight or IN_FLIGHT * self._workers) - len(pending)
            pending.update(pool.submit(fn, t) for t in itertools.islice(todo, max(room, 0)))

        refill()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            pending.difference_update(done)
            refill()
            for future in done:
                yield future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _start(self) -> Any:
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            from summarize.corpus.stages import prepare_worker

            self._pool = ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=prepare_worker,
            )
        return self._pool


class RayEngine:
    """Ray Data over a Ray cluster, or a local Ray."""

    name = "ray"

    def __init__(self, workers: int | None, address: str | None) -> None:
        try:
            import ray  # noqa: F401
        except ImportError:
            raise MissingExtraError("the ray engine needs Ray: pip install 'kosum[ray]'") from None
        self._requested = workers
        self._address = address
        self._started = False
        self._owned = False

    @property
    def workers(self) -> int:
        import ray

        if not self._started:
            return self._requested or default_workers()
        return max(1, int(ray.cluster_resources().get("CPU", 1)))

    def map(
        self, fn: Callable[[T], R], tasks: Iterable[T], *, in_flight: int | None = None
    ) -> Iterator[R]:
        """`fn` over `tasks`, a window of tasks at a time (`in_flight`, default
        `WINDOW_PER_CPU` per cluster CPU)."""
        import ray.data

        todo = _started(tasks)
        if todo is None:
            return
        self._start()
        size = in_flight or WINDOW_PER_CPU * self.workers
        while window := list(itertools.islice(todo, size)):
            rows = [{"task": pickle.dumps(t, protocol=pickle.HIGHEST_PROTOCOL)} for t in window]
            dataset = ray.data.from_items(rows, override_num_blocks=len(rows))
            dataset = dataset.map(_run_row, fn_kwargs={"fn": fn}, num_cpus=1)
            for row in dataset.iter_rows():
                yield pickle.loads(row["result"])

    def close(self) -> None:
        if self._owned:
            import ray

            ray.shutdown()
            self._owned = False
        self._started = False

    def _start(self) -> None:
        if self._started:
            return
        import logging

        import ray

        if not ray.is_initialized():
            try:
                ray.init(
                    address=self._address,
                    num_cpus=None if self._address else self._requested or default_workers(),
                    include_dashboard=False,
                    log_to_driver=False,
                    logging_level=logging.ERROR,
                )
            except (ConnectionError, RuntimeError, ValueError) as exc:
                where = self._address or "a local Ray"
                raise EngineError(f"cannot start Ray ({where}): {exc}") from exc
            self._owned = True
        self._started = True
        _quiet_ray_data()


def _started(tasks: Iterable[T]) -> Iterator[T] | None:
    """The tasks, or None when there are none (so that no worker is started for nothing)."""
    todo = iter(tasks)
    first = next(todo, _NOTHING)
    if first is _NOTHING:
        return None
    return itertools.chain([first], todo)


_NOTHING: Any = object()


def _quiet_ray_data() -> None:
    """No Ray Data progress bars or execution notes on stderr: kosum shows its own."""
    import logging

    import ray.data

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    if hasattr(context, "enable_operator_progress_bars"):
        context.enable_operator_progress_bars = False
    for name in ("ray.data", "ray"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _run_row(row: dict[str, Any], fn: Callable[[Any], Any]) -> dict[str, Any]:
    """One Ray Data row: a pickled task in, its pickled result out."""
    result = fn(pickle.loads(row["task"]))
    return {"result": pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)}
