"""Map a pure stage over records: across processes, through the cache, with a progress bar."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar, cast

from tqdm import tqdm

from .cache import Cache, collector_paused, content_key

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS_PER_JOB = 8  # below this, starting processes costs more than it saves


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not every platform can say which CPUs a process may run on
        return max(1, os.cpu_count() or 1)


@dataclass
class Runner:
    """How stages are mapped: how many processes, which cache, whether to draw progress."""

    jobs: int = 1
    cache: Cache | None = None
    progress: bool = False

    def map(self, stage: Callable[[T], R], items: Sequence[T], label: str,
            key: Callable[[T], str | bytes] = repr, keys: Sequence[str | bytes] | None = None) -> list[R]:
        """stage(item) for every item, in order; cached results are reused and the rest computed.

        An item's cache key is made from key(item), or from keys[i] when the caller has them already.
        """
        results: list[R | None] = [None] * len(items)
        names: list[str] = []
        todo: list[int] = []
        if self.cache is None:
            todo = list(range(len(items)))
        else:
            for i, item in enumerate(items):
                names.append(stage_key(stage, keys[i] if keys is not None else key(item)))
                hit = self.cache.get(names[-1])
                if hit is None:
                    todo.append(i)
                else:
                    results[i] = cast(R, hit)
        computed = map_in_processes(stage, [items[i] for i in todo], self.jobs, label if self.progress else None)
        for i, result in zip(todo, computed, strict=True):
            results[i] = result
            if self.cache is not None:
                self.cache.put(names[i], result)
        return cast(list[R], results)


def stage_key(stage: Callable[..., object], item_key: str | bytes) -> str:
    """The cache key of one item's result of a stage (Runner.map stores results under it)."""
    return content_key(f"{stage.__module__}.{stage.__qualname__}", item_key)


def map_in_processes(stage: Callable[[T], R], items: Sequence[T], jobs: int,
                     label: str | None = None) -> Iterator[R]:
    """stage(item) for every item, in order, spread over up to `jobs` processes."""
    workers = min(jobs, len(items) // MIN_ITEMS_PER_JOB)
    bar = tqdm(total=len(items), desc=label, unit="item", file=sys.stderr, leave=False,
               disable=None if label else True)
    if workers <= 1:
        for item in items:
            yield stage(item)
            bar.update()
    else:
        # small chunks keep the processes evenly busy
        chunk = max(1, len(items) // (workers * 16))
        if "fork" in multiprocessing.get_all_start_methods():
            # forked workers inherit the stage and its items: only indexes and results are pickled
            global _FORKED
            _FORKED = (stage, items)
            # Results arrive as many small acyclic objects: the collector, left on here, would walk the
            # growing heap again and again while unpickling them (about as long as the unpickling itself).
            # The workers collect as usual.
            try:
                with _frozen(), collector_paused(), ProcessPoolExecutor(
                        workers, mp_context=multiprocessing.get_context("fork"), initializer=gc.enable) as pool:
                    for result in pool.map(_run_inherited, range(len(items)), chunksize=chunk):
                        yield result
                        bar.update()
            finally:
                _FORKED = None
        else:
            with ProcessPoolExecutor(workers) as pool:
                for result in pool.map(stage, items, chunksize=chunk):
                    yield result
                    bar.update()
    bar.close()


_FORKED: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _run_inherited(index: int) -> Any:
    """In a forked worker: the stage applied to one of the items it inherited."""
    assert _FORKED is not None, "a worker started without the items it was forked with"
    stage, items = _FORKED
    return stage(items[index])


def stream_in_processes(tasks: Sequence[Callable[[], R]], jobs: int, chunk: int = 16,
                        ahead: int = 4) -> Iterator[R]:
    """task() for every task, in order, made in up to `jobs` forked processes a few chunks ahead of the reader.

    Only `ahead` chunks per process are ever made and not yet read, so a large site's pages stream
    through memory; where processes cannot be forked (they would have to pickle the tasks), the tasks run here.
    """
    workers = min(jobs, len(tasks) // MIN_ITEMS_PER_JOB)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for task in tasks:
            yield task()
        return
    global _TASKS
    _TASKS = tasks
    try:
        with _frozen(), ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            starts = iter(range(0, len(tasks), chunk))
            pending: deque[Future[list[Any]]] = deque(
                pool.submit(_run_tasks, start, start + chunk) for start in islice(starts, workers * ahead))
            while pending:
                done = pending.popleft().result()
                for start in islice(starts, 1):
                    pending.append(pool.submit(_run_tasks, start, start + chunk))
                yield from done
    finally:
        _TASKS = None


@contextlib.contextmanager
def _frozen() -> Iterator[None]:
    """The objects that exist now left out of the collector's walks while forked processes run.

    A walk writes to every object it visits, and a forked process copies each page it writes to:
    frozen, the inherited objects stay shared.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


_TASKS: Sequence[Callable[[], Any]] | None = None


def _run_tasks(start: int, stop: int) -> list[Any]:
    """In a forked worker: a chunk of the tasks it inherited."""
    assert _TASKS is not None, "a worker started without the tasks it was forked with"
    return [task() for task in _TASKS[start:stop]]
