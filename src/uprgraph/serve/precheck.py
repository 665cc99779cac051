"""The syntax check a query passes in the server before it waits for a query worker.

Behind slow queries the workers' queue can hold a request for many seconds; a malformed query need not
wait there for its 400. Each query from ``/sparql`` is first parsed by a *checker*: a process like a
query worker but over an empty store (:func:`uprgraph.serve.worker._check`), so the 400 comes from
Oxigraph's own parser, word for word the message the worker would give.

Why a process and not a thread of the server: parsing is not always cheap or safe. Oxigraph plans the
query when it parses it, and a 500-step property path (``?s <p>/<p>/.../<p> ?o``, 3.5 kB) takes about
12 s; 20,000 nested ``+`` or 3,000 nested braces overflow the parser's stack and end the process. A
checker that passes :data:`CHECK_TIMEOUT` is killed and replaced like a query worker, and a checker that
crashes is replaced too; either way the query goes on to the workers, which decide as they always did.
The check never refuses a query it could not finish reading.

An ASK is evaluated by the checker (pyoxigraph has no parse-only call and answers an ASK at once), on
no data, within the same time limit; with ``--allow-service`` a query that may be an ASK with a
``SERVICE`` call is not checked, so that no remote endpoint is called twice.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from uprgraph.serve import protocol
from uprgraph.serve.dataset import Source
from uprgraph.serve.engine import Engine, Failed, Limits
from uprgraph.serve.protocol import Refusal

CHECK_TIMEOUT = 1.0  # seconds a checker may spend on one query; past it the query goes to the workers
CHECKERS = 2  # checker processes
MEMORY_MB = 1024  # address space of a checker


class Checker:
    """A pool of checker processes; create it before the event loop starts, close it after."""

    def __init__(self, timeout: float = CHECK_TIMEOUT, processes: int = CHECKERS) -> None:
        self.timeout = timeout
        limits = Limits(timeout=timeout, max_rows=0, workers=processes, max_pending=256, memory_mb=MEMORY_MB)
        self._engine = Engine(Source("empty", Path(os.devnull), 0), limits)

    async def check(self, query: protocol.QueryRequest, allow_service: bool) -> Refusal | None:
        """The 400 a malformed query gets, or None: well formed, or not known in time (the workers decide)."""
        if allow_service and query.kind in ("ASK", "") and protocol.calls_service(query.query):
            return None
        try:
            # The wait for a free checker counts too: a busy pool lets the query through rather than hold it.
            reply = await asyncio.wait_for(self._engine.run({"op": "check", "query": query.query}), 2 * self.timeout)
        except (TimeoutError, Failed):
            return None
        if reply[0] == "error":
            return Refusal(reply[1], reply[2])
        return None

    @property
    def gave_up(self) -> int:
        """Checks stopped at the time limit or by a crash of their checker."""
        return self._engine.cancelled

    def close(self) -> None:
        self._engine.close()
