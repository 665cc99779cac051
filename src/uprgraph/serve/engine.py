"""Query execution with limits: a pool of worker processes, each with its own copy of the dataset.

pyoxigraph cannot cancel a running query, so each query runs in a worker process: when it passes the
time limit the server kills that worker, starts a fresh one and answers 503 "query cancelled after N s".
A worker whose query exhausts its memory cap dies the same way and is replaced. Requests wait for a
free worker in arrival order; past ``max_pending`` waiting requests the server answers 503 at once
(with ``Retry-After``) rather than queueing without bound.

The dataset reaches the workers as one N-Quads file written at start-up (or an on-disk store they
open read-only), so a replacement worker loads it again in a fraction of a second without the server
process holding the graph itself.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from uprgraph.errors import UprgraphError
from uprgraph.serve import worker as worker_module
from uprgraph.serve.dataset import Source

log = logging.getLogger("uprgraph.serve")

START_TIMEOUT = 120.0  # seconds a worker may take to load the dataset


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0  # seconds per query
    max_rows: int = 10_000  # solutions (or triples) per answer; more are cut off and the answer says so
    workers: int = 2
    max_pending: int = 256  # requests waiting for a worker
    memory_mb: int = 2048  # address space of a worker process (0: no cap)


class Failed(Exception):
    """A job that ended its worker: timed out, or the worker died."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _Worker:
    def __init__(self, context: Any, dataset: Source, memory_mb: int) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=worker_module.main, args=(child, dataset.kind, str(dataset.path), memory_mb), daemon=True, name="uprgraph-query-worker"
        )
        self.process.start()
        child.close()
        if not self.conn.poll(START_TIMEOUT):
            self.stop()
            raise UprgraphError(f"a query worker did not load the dataset within {START_TIMEOUT:g} s")
        try:
            status, detail = self.conn.recv()
        except EOFError:
            self.stop()
            raise UprgraphError("a query worker stopped while loading the dataset") from None
        if status != "ready":
            self.stop()
            raise UprgraphError(f"a query worker could not load the dataset: {detail}")

    def call(self, job: dict[str, Any], timeout: float) -> tuple[Any, ...]:
        conn: Connection = self.conn
        try:
            conn.send(job)
            if not conn.poll(timeout):
                raise Failed(503, f"query cancelled after {timeout:g} s (the server's time limit)")
            return conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError):
            raise Failed(503, "the query stopped its worker (it probably needed more memory than allowed)") from None

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class Engine:
    """Runs jobs on a pool of workers; create it before the event loop starts, close it after."""

    def __init__(self, dataset: Source, limits: Limits) -> None:
        self.dataset = dataset
        self.limits = limits
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._threads = ThreadPoolExecutor(max_workers=2 * limits.workers + 1, thread_name_prefix="uprgraph-engine")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._waiting = 0
        self._closed = False
        self.size = dataset.size
        self.cancelled = 0  # queries killed at the time limit or by their memory cap
        workers = []
        try:
            for _ in range(limits.workers):
                workers.append(_Worker(self._context, dataset, limits.memory_mb))
        except BaseException:
            for w in workers:
                w.stop()
            raise
        for w in workers:
            self._all.add(w)
            self._idle.put_nowait(w)

    async def run(self, job: dict[str, Any]) -> tuple[Any, ...]:
        """The worker's reply to ``job``; a job that ended its worker raises :class:`Failed`."""
        if self._waiting >= self.limits.max_pending:
            raise Failed(503, "the server is busy: too many queries are waiting; try again shortly")
        self._waiting += 1
        try:
            worker = await self._idle.get()
        finally:
            self._waiting -= 1
        # The job owns the worker until it ends, even if the client goes away meanwhile.
        task = asyncio.ensure_future(self._run_on(worker, job))
        # A caller that stops waiting (a client gone, a bounded wait) leaves the outcome unread: mark it read.
        task.add_done_callback(lambda t: t.cancelled() or t.exception())
        return await asyncio.shield(task)

    async def _run_on(self, worker: _Worker, job: dict[str, Any]) -> tuple[Any, ...]:
        loop = asyncio.get_running_loop()
        try:
            reply = await loop.run_in_executor(self._threads, worker.call, job, self.limits.timeout)
        except Failed:
            self.cancelled += 1
            loop.run_in_executor(self._threads, self._replace, worker, loop)
            raise
        self._idle.put_nowait(worker)
        return reply

    def _replace(self, worker: _Worker, loop: asyncio.AbstractEventLoop) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
        for attempt in range(3):
            if self._closed:
                return
            try:
                fresh = _Worker(self._context, self.dataset, self.limits.memory_mb)
            except UprgraphError as error:
                log.error("could not start a query worker (attempt %d): %s", attempt + 1, error)
                continue
            with self._lock:
                if self._closed:
                    fresh.stop()
                    return
                self._all.add(fresh)
            loop.call_soon_threadsafe(self._idle.put_nowait, fresh)
            return

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.stop()
        self._threads.shutdown(wait=False, cancel_futures=True)
