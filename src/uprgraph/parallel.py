"""Map a function over items in worker processes, results in the items' order, few tasks in flight.

``executor.map`` would submit every task at once, and finished results would wait in memory for the
slow one before them; here at most ``window`` tasks are submitted or waiting, so memory follows the
largest documents in flight, not the corpus. With one job, no process is started at all.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, which a container or ``taskset`` narrows)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Workers:
    """``jobs`` worker processes, each started with ``initializer``; a context manager. One job runs in this
    process, which is set up already (``initializer`` is not called)."""

    def __init__(self, jobs: int, initializer: Callable[[], None] | None = None) -> None:
        self.jobs = jobs
        self._initializer = initializer
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        if self.jobs > 1:
            import multiprocessing

            # forkserver: the workers are forked from a fresh process, not from this one, which holds an
            # open RocksDB store and its threads (a fork copies locks held by threads it does not copy)
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            self._executor = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=self._initializer)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._executor is not None:
            # on an error or Ctrl-C, queued tasks are dropped, not run
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def map(self, fn: Callable[[T], R], items: Iterable[T], window: int | None = None) -> Iterator[R]:
        """``fn(item)`` for each item, yielded in the items' order; at most ``window`` (default: twice the
        jobs) submitted and not yet yielded."""
        if self._executor is None:
            yield from map(fn, items)
            return
        window = window or 2 * self.jobs
        pending: deque[Future[Any]] = deque()
        for item in items:
            pending.append(self._executor.submit(fn, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
