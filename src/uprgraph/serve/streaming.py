"""Inside a query worker: a SELECT answer sent in pieces as its rows are found (issue 20).

pyoxigraph evaluates a SELECT lazily: each solution comes out of its iterator once found, so a listing
without ORDER BY (or one whose order needs no sort) has its first row long before its last. The rows are
read in a thread (pyoxigraph releases the GIL while it evaluates, and its iterator must stay on the thread
that made it), and the worker's main thread sends them down the pipe:

- an answer complete within ``stream_after`` seconds (or cut at the row limit by then) is one reply, as
  before: ("ok", format, body, truncated), sent whole with its length and the row-limit header;
- a longer one is streamed: ("head", format, bytes) with the rows found so far, then ("chunk", bytes) as
  more come (a batch at most FLUSH_AFTER seconds or FLUSH_ROWS rows old), then ("end", bytes, truncated)
  with the format's closing text; or ("error", status, message) should evaluation fail half-way, after
  which the server ends the response without its closing chunk (the answer must not look complete).

Between pieces the worker looks for {"op": "stop"} from the server (the client went away): it stops reading
the answer and replies ("stopped",) once the reading thread has let go.

JSON is written here (SPARQL 1.1 Query Results JSON, the head first, one binding per row, the closing
brackets in the last piece). CSV and TSV pieces are written by pyoxigraph's own writers, each batch as a
small answer whose header line is dropped after the first, so they follow the specifications to the letter.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Iterator
from typing import Any

from uprgraph.serve.sparql_json import document, in_format

STREAMED_FORMATS = ("JSON", "CSV", "TSV")  # XML answers are sent whole
FLUSH_AFTER = 0.1  # seconds a found row may wait for others before it is sent
FLUSH_ROWS = 1000  # rows in a piece at most
_QUEUE_ROWS = 4096  # rows read ahead of the pipe at most (memory stays bounded when the client is slow)
_DONE = object()


class _Failure:
    def __init__(self, status: int, message: str) -> None:
        self.status, self.message = status, message


class _Reader:
    """The thread that runs the query and reads its solutions, each rendered as a SPARQL JSON binding."""

    def __init__(self, store: Any, text: str, options: dict[str, Any]) -> None:
        self.rows: queue.Queue[Any] = queue.Queue(_QUEUE_ROWS)
        self.variables: list[str] | None = None
        self.ready = threading.Event()  # the variables are known (or the query failed)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(store, text, options), daemon=True,
                                       name="uprgraph-rows")
        self.thread.start()

    def _put(self, item: Any) -> bool:
        while not self.stop.is_set():
            try:
                self.rows.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self, store: Any, text: str, options: dict[str, Any]) -> None:
        import pyoxigraph

        from uprgraph.serve.sparql_json import json_term, short_error

        try:
            solutions = store.query(text, **options)
            self.variables = [v.value for v in solutions.variables]
            self.ready.set()
            names = self.variables
            for solution in solutions:
                binding = {name: json_term(pyoxigraph, term) for name, term in zip(names, solution, strict=True)
                           if term is not None}
                if not self._put(binding):
                    return
        except MemoryError:
            self._put(_Failure(503, "the query needed more memory than a worker may use"))
        except Exception as error:  # noqa: BLE001 - evaluation errors (a refused SERVICE call is an OSError):
            # reported to the client, not left in a thread
            self._put(_Failure(400, f"query failed: {short_error(error)}"))
        else:
            self._put(_DONE)
        finally:
            self.ready.set()


def answer(store: Any, text: str, options: dict[str, Any], fmt: str, max_rows: int, stream_after: float,
           stopped: Any) -> Iterator[tuple[Any, ...]]:
    """The messages of one SELECT's answer (see the module's description). ``stopped()``: has the server
    asked to stop? Called between pieces. The caller has parsed the query already (a syntax error is its
    400 at once): ``text`` is a SELECT."""
    import pyoxigraph

    reader = _Reader(store, text, options)
    reader.ready.wait()
    writer = _Writer(pyoxigraph, fmt)
    try:
        for message in _messages(reader, writer, max_rows, stream_after, stopped):
            if message[0] == "stopped":  # the worker is free only once the reading thread has let go
                reader.stop.set()
                reader.thread.join()
            yield message
    finally:
        reader.stop.set()
        reader.thread.join()


def _messages(reader: _Reader, writer: _Writer, max_rows: int, stream_after: float,
              stopped: Any) -> Iterator[tuple[Any, ...]]:
    hold_until = time.monotonic() + stream_after
    rows: list[dict[str, Any]] = []
    while True:  # the rows found within stream_after: a whole answer if that is all of them
        wait = None if not rows else max(0.0, hold_until - time.monotonic())
        try:
            item = _get(reader, wait, stopped)
        except queue.Empty:
            break
        if item is None:  # stopped before anything was sent
            yield ("stopped",)
            return
        if item is _DONE:
            yield ("ok", writer.fmt, writer.whole(reader.variables or [], rows), False)
            return
        if isinstance(item, _Failure):
            yield ("error", item.status, item.message)
            return
        if len(rows) == max_rows:
            yield ("ok", writer.fmt, writer.whole(reader.variables or [], rows), True)
            return
        rows.append(item)
        if time.monotonic() >= hold_until:
            break
    variables = reader.variables or []
    yield ("head", writer.fmt, writer.head(variables) + writer.piece(variables, rows))
    count, batch, flush_at = len(rows), [], 0.0
    while True:
        wait = None if not batch else max(0.0, flush_at - time.monotonic())
        try:
            item = _get(reader, wait, stopped)
        except queue.Empty:
            yield ("chunk", writer.piece(variables, batch))
            batch = []
            continue
        if item is None:
            yield ("stopped",)
            return
        if isinstance(item, _Failure):
            yield ("error", item.status, item.message)
            return
        truncated = item is not _DONE and count == max_rows
        if item is _DONE or truncated:
            yield ("end", writer.piece(variables, batch) + writer.tail(), truncated)
            return
        count += 1
        batch.append(item)
        if len(batch) == 1:
            flush_at = time.monotonic() + FLUSH_AFTER
        if len(batch) >= FLUSH_ROWS:
            yield ("chunk", writer.piece(variables, batch))
            batch = []


def _get(reader: _Reader, wait: float | None, stopped: Any) -> Any:
    """The next item, waiting at most ``wait`` seconds (None: until one comes), or None when the server
    asked to stop meanwhile; queue.Empty when the wait ran out."""
    deadline = None if wait is None else time.monotonic() + wait
    while True:
        if stopped():
            return None
        slice_ = 0.1 if deadline is None else min(0.1, max(0.0, deadline - time.monotonic()))
        try:
            return reader.rows.get(timeout=slice_) if slice_ > 0 else reader.rows.get_nowait()
        except queue.Empty:
            if deadline is not None and time.monotonic() >= deadline:
                raise


class _Writer:
    """The bytes of an answer in ``fmt``: whole, or head, pieces and tail."""

    def __init__(self, pyoxigraph: Any, fmt: str) -> None:
        self.ox, self.fmt = pyoxigraph, fmt
        self.written = 0  # JSON bindings written so far (a comma goes before each but the first)

    def whole(self, variables: list[str], rows: list[dict[str, Any]]) -> bytes:
        return in_format(self.ox, document(variables, rows), self.fmt)

    def head(self, variables: list[str]) -> bytes:
        if self.fmt == "JSON":
            return document(variables, [])[:-len(b"]}}")]
        return self.whole(variables, [])  # the header line

    def piece(self, variables: list[str], rows: list[dict[str, Any]]) -> bytes:
        if not rows:
            return b""
        if self.fmt == "JSON":
            text = ",".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in rows)
            comma = "," if self.written else ""
            self.written += len(rows)
            return (comma + text).encode("utf-8")
        body = self.whole(variables, rows)
        return body[body.index(b"\n") + 1:]  # without the header line (CSV ends it with \r\n, TSV with \n)

    def tail(self) -> bytes:
        return b"]}}" if self.fmt == "JSON" else b""
