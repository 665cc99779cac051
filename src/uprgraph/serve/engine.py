"""Query execution with limits: a pool of worker processes, each with its own copy of the dataset.

pyoxigraph cannot cancel a running query, so each query runs in a worker process: when it passes the
time limit the server kills that worker, starts a fresh one and answers 503 "query cancelled after N s".
A worker whose query exhausts its memory cap dies the same way and is replaced. Requests wait for a
free worker in arrival order; past ``max_pending`` waiting requests the server answers 503 at once
(with ``Retry-After``) rather than queueing without bound.

A SELECT not answered within ``stream_after`` seconds is streamed (see streaming.py): the worker stays
with its answer until the last piece, under the same time limit counted from the start; a :class:`Stream`
hands the pieces over as they come. Should the client go away, the worker is asked to stop and is free
again once it has; one that does not stop by the time limit is killed and replaced like any other.

The dataset reaches the workers as one N-Quads file written at start-up (or an on-disk store they
open read-only), so a replacement worker loads it again in a fraction of a second without the server
process holding the graph itself.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading
import time
from collections.abc import AsyncIterator
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
    stream_after: float = 0.25  # seconds after which a SELECT's rows are streamed as they come


class Failed(Exception):
    """A job that ended its worker: timed out, or the worker died."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Broken(Exception):
    """A streamed answer that could not be finished: the time limit, a dead worker, an evaluation error."""


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

    def next_message(self, deadline: float, stopping: threading.Event, limit: float) -> tuple[Any, ...] | None:
        """The next piece of a streamed answer by ``deadline`` (time.monotonic), or None when ``stopping``
        was set meanwhile; :class:`Failed` past the deadline or when the worker died."""
        conn: Connection = self.conn
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Failed(503, f"query cancelled after {limit:g} s (the server's time limit)")
                if conn.poll(min(left, 0.1)):
                    return conn.recv()
                if stopping.is_set():
                    return None
        except (EOFError, BrokenPipeError, ConnectionResetError, OSError):
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

    async def run(self, job: dict[str, Any]) -> tuple[Any, ...] | Stream:
        """The worker's reply to ``job``, or the :class:`Stream` of a streamed answer; a job that ended its
        worker raises :class:`Failed`."""
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
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            task.add_done_callback(_abandon)  # a stream nobody will read: its worker is told to stop
            raise

    async def _run_on(self, worker: _Worker, job: dict[str, Any]) -> tuple[Any, ...] | Stream:
        loop = asyncio.get_running_loop()
        started = time.monotonic()
        try:
            reply = await loop.run_in_executor(self._threads, worker.call, job, self.limits.timeout)
        except Failed:
            self.cancelled += 1
            loop.run_in_executor(self._threads, self._replace, worker, loop)
            raise
        if reply[0] == "head":  # the worker stays with its answer until the last piece
            return Stream(self, worker, reply, started + self.limits.timeout, loop)
        self._idle.put_nowait(worker)
        return reply

    def _release(self, worker: _Worker, loop: asyncio.AbstractEventLoop) -> None:
        """From a thread: the worker is free again."""
        loop.call_soon_threadsafe(self._idle.put_nowait, worker)

    def _lost(self, worker: _Worker, loop: asyncio.AbstractEventLoop) -> None:
        """From a thread: the worker was killed at the time limit or died; start another."""
        self.cancelled += 1
        self._replace(worker, loop)

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


def _abandon(task: asyncio.Future) -> None:  # type: ignore[type-arg]
    if not task.cancelled() and task.exception() is None and isinstance(task.result(), Stream):
        task.result().cancel()


class Stream:
    """A streamed SELECT answer: ``format`` and ``first`` (the head and the rows found so far), then
    :meth:`pieces`. A thread reads the worker's pipe and hands each piece to the event loop; the pieces
    end with the format's closing text, or :class:`Broken`. :meth:`cancel` (the client went away) asks
    the worker to stop; the thread then frees it, or replaces it should it not stop by the time limit."""

    def __init__(self, engine: Engine, worker: _Worker, head: tuple[Any, ...], deadline: float,
                 loop: asyncio.AbstractEventLoop) -> None:
        self.format, self.first = head[1], head[2]
        self.truncated = False
        self._engine, self._worker, self._deadline, self._loop = engine, worker, deadline, loop
        self._pieces: asyncio.Queue[Any] = asyncio.Queue()
        self._stopping = threading.Event()
        loop.run_in_executor(engine._threads, self._pump)

    def _pump(self) -> None:
        """In a thread: each message of the worker, until the answer's end (or the client's)."""
        worker, asked = self._worker, False
        put = self._put
        while True:
            try:
                message = worker.next_message(self._deadline, self._stopping, self._engine.limits.timeout)
            except Failed as error:
                log.warning("a streamed query's worker was stopped: %s", error.message)
                worker.stop()
                self._engine._lost(worker, self._loop)
                put(Broken(error.message))
                return
            if message is None:  # the client went away: ask the worker to stop, then read on to its reply
                if not asked:
                    asked = True
                    try:
                        worker.conn.send({"op": "stop"})
                    except OSError:  # it died meanwhile: the next read says so
                        pass
                continue
            kind = message[0]
            if kind == "chunk":
                if not self._stopping.is_set():  # nobody reads the pieces of a client gone
                    put(message[1])
                continue
            self._engine._release(worker, self._loop)
            if kind == "end":
                self.truncated = message[2]
                put(message[1])
                put(None)
            elif kind == "error":
                put(Broken(message[2]))
            else:  # "stopped"
                put(None)
            return

    def _put(self, item: Any) -> None:
        self._loop.call_soon_threadsafe(self._pieces.put_nowait, item)

    async def pieces(self) -> AsyncIterator[bytes]:
        """The pieces after ``first``, as they come; raises :class:`Broken` when the answer cannot be finished."""
        while True:
            item = await self._pieces.get()
            if item is None:
                return
            if isinstance(item, Broken):
                raise item
            if item:
                yield item

    def cancel(self) -> None:
        """The client went away: the worker stops reading the answer and is freed (see :meth:`_pump`)."""
        self._stopping.set()
