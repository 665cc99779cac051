"""The HTTP side of a streamed answer (engine.Stream): a 200 with a chunked body, each piece written as
the worker sends it.

The status and headers go first, so what happens after them can only be told by how the body ends:

- the answer's end: the format's closing text, then the chunked body's last (empty) chunk: complete;
- the time limit, a worker that died, an evaluation error half-way: the connection is closed without the
  last chunk, so every HTTP client reports an incomplete body (httpx: "incomplete chunked read", curl:
  error 18), and a JSON answer also lacks its closing brackets. The server logs the reason. The client
  never gets a truncated answer that looks whole;
- the client going away: the worker is asked to stop (Stream.cancel) and serves the next query.

A streamed answer that reaches the row limit ends there, whole, but cannot carry ``X-SPARQL-MaxRows``
(a header, sent before the rows were counted): its last row is the limit's, as ``X-SPARQL-Row-Limit``,
sent on every streamed answer, tells.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from starlette.responses import Response

from uprgraph.serve.engine import Broken, Stream

log = logging.getLogger("uprgraph.serve")


class StreamedAnswer(Response):
    def __init__(self, stream: Stream, media_type: str, row_limit: int) -> None:
        self.stream = stream
        self.status_code = 200
        self.media_type = media_type
        self.background = None
        self.body = b""
        self.raw_headers = [(b"content-type", media_type.encode("latin-1")),
                            (b"x-sparql-row-limit", str(row_limit).encode("latin-1"))]

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
        await send({"type": "http.response.body", "body": self.stream.first, "more_body": True})
        sender = asyncio.ensure_future(self._send_pieces(send))
        watcher = asyncio.ensure_future(_disconnected(receive))
        await asyncio.wait({sender, watcher}, return_when=asyncio.FIRST_COMPLETED)
        if not sender.done():  # the client went away first
            sender.cancel()
            self.stream.cancel()
            await asyncio.gather(sender, return_exceptions=True)
            return
        watcher.cancel()
        if sender.exception() is not None:  # the connection failed under it: as a client gone
            self.stream.cancel()
            log.error("a streamed answer could not be sent: %s", sender.exception())
            return
        if sender.result():
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        # else: returned without the body's end; uvicorn closes the connection, the client sees it cut

    async def _send_pieces(self, send: Any) -> bool:
        """True when the answer was sent to its end."""
        try:
            async for piece in self.stream.pieces():
                await send({"type": "http.response.body", "body": piece, "more_body": True})
        except Broken as error:
            log.error("a streamed answer was cut off, its connection closed: %s", error)
            return False
        return True


async def _disconnected(receive: Any) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
