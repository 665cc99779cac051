"""Map a function over items in worker processes, results in the items' order, memory bounded.

``executor.map`` would submit every task at once, and finished results would wait in memory for the
slow one before them. Here at most ``2 × jobs`` tasks run or wait to run, and at most ``buffer`` finished
results wait for a slower one before them to be yielded: memory follows the largest documents in
flight, not the corpus, and a long document does not leave the other workers idle (with a window of
twice the jobs, one slow PDF stopped the other worker after two documents). With one job, no process
is started at all.

On an error, Ctrl-C or SIGTERM in the calling process, the workers are ended at once (a document half
built in a worker is dropped; the caller writes only whole ones) instead of being waited for.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, which a container or ``taskset`` narrows)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def quiet_worker() -> None:
    """A worker leaves Ctrl-C to its parent, which ends it: a terminal sends SIGINT to the whole process
    group, and each worker would otherwise print its own KeyboardInterrupt traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
            self._executor = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_start,
                                                 initargs=(self._initializer,))
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        executor, self._executor = self._executor, None
        if executor is None:
            return
        if kind is None:
            executor.shutdown(wait=True)
            return
        # an error, Ctrl-C or SIGTERM here: what runs in the workers is not wanted any more
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=10)

    def map(self, fn: Callable[[T], R], items: Iterable[T], buffer: int | None = None) -> Iterator[R]:
        """``fn(item)`` for each item, yielded in the items' order. At most twice the jobs are submitted and
        not finished, and at most ``buffer`` (default: eight times the jobs) submitted and not yet yielded."""
        if self._executor is None:
            yield from map(fn, items)
            return
        running = 2 * self.jobs
        buffer = max(buffer or 8 * self.jobs, running)
        pending: deque[Future[Any]] = deque()
        source = iter(items)
        exhausted = False
        while True:
            while not exhausted and len(pending) < buffer and sum(not f.done() for f in pending) < running:
                item = next(source, _END)
                if item is _END:
                    exhausted = True
                    break
                pending.append(self._executor.submit(fn, item))
            if not pending:
                return
            if not pending[0].done():
                wait([f for f in pending if not f.done()], return_when=FIRST_COMPLETED)
                continue
            yield pending.popleft().result()


_END: Any = object()


def _start(initializer: Callable[[], None] | None) -> None:
    quiet_worker()
    if initializer is not None:
        initializer()
