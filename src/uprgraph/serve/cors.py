"""Cross-origin requests (CORS): which web pages on other origins may call the endpoint from a browser.

The endpoint is read-only and asks for no credentials, so by default any origin may (``*``), as Fuseki,
Virtuoso and rdflib-endpoint allow. ``--cors-origin`` narrows it to a list of origins, or turns it off
(``none``): the browser then refuses to hand the answer to a page of another origin.

Starlette's CORSMiddleware does the protocol: it answers a preflight ``OPTIONS`` request (the one a browser
sends before a POST of ``application/sparql-query``, or a GET with an ``Accept`` header it does not deem
simple) and adds ``Access-Control-Allow-Origin`` to every answer, refusals included, so a page can read the
error message too.
"""

from __future__ import annotations

import re
from typing import Any

from uprgraph.errors import UsageError

ANY = "*"
OFF = "none"
METHODS = ("GET", "POST", "OPTIONS")
# Response headers a page may read besides the safelisted ones (Content-Type, Content-Length, ...).
EXPOSED = ("X-SPARQL-MaxRows", "X-SPARQL-Row-Limit", "Retry-After")
PREFLIGHT_CACHE = 86400  # seconds a browser may keep a preflight's answer

_ORIGIN = re.compile(r"https?://(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")


def parse_origins(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """``--cors-origin`` values (repeatable, each may list several, comma-separated) -> the allowed origins:
    ``("*",)`` for any, ``()`` for none. A malformed origin is a usage error."""
    origins: list[str] = []
    for value in values:
        origins += [part.strip() for part in value.split(",") if part.strip()]
    if not origins:
        return (ANY,)
    lowered = [o.lower() for o in origins]
    if OFF in lowered:
        if len(origins) > 1:
            raise UsageError("--cors-origin none turns CORS off: give it alone")
        return ()
    if ANY in origins:
        if len(origins) > 1:
            raise UsageError("--cors-origin '*' allows any origin: give it alone")
        return (ANY,)
    origins = [o.removesuffix("/") for o in origins]
    for origin in origins:
        if not _ORIGIN.fullmatch(origin):
            raise UsageError(f"--cors-origin {origin!r} is not an origin (scheme://host[:port], no path), '*' or 'none'")
    return tuple(dict.fromkeys(origins))


def middleware(origins: tuple[str, ...]) -> list[Any]:
    """The Starlette middleware list that answers CORS for ``origins`` (empty when CORS is off)."""
    if not origins:
        return []
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware

    # Any request header: nothing here reads credentials, so no header can widen what a page may do.
    return [Middleware(CORSMiddleware, allow_origins=list(origins), allow_methods=list(METHODS), allow_headers=["*"],
                       expose_headers=list(EXPOSED), max_age=PREFLIGHT_CACHE)]
