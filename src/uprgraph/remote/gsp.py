"""A small client for the two write protocols of SPARQL 1.1 that stores share: the Graph Store HTTP
Protocol (``PUT``/``DELETE`` on ``<store>?graph=<IRI>``) and SPARQL Update (``POST update=...``).

It speaks plain HTTP through a private urllib opener (basic or digest authentication), with the
connection's timeout on every exchange; every fault becomes one :class:`RemoteError` line.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

from uprgraph.remote.http import Connection, RemoteError, describe_fault, http_status

OK = (200, 201, 204)


def graph_url(store: Connection, graph: str) -> str:
    separator = "&" if urllib.parse.urlsplit(store.url).query else "?"
    return f"{store.url}{separator}{urllib.parse.urlencode({'graph': graph})}"


def put_graph(store: Connection, graph: str, turtle: bytes) -> None:
    """Replace the named graph ``graph`` with the triples in ``turtle``."""
    _exchange(store, "PUT", graph_url(store, graph), turtle, "text/turtle; charset=utf-8", f"uploading into <{graph}>")


def delete_graph(store: Connection, graph: str) -> None:
    """Remove the named graph; a graph that is not there is no error."""
    _exchange(store, "DELETE", graph_url(store, graph), None, None, f"removing <{graph}>", missing_ok=True)


def update(endpoint: Connection, operations: str, what: str) -> None:
    """Send one SPARQL Update request (form-encoded, as every store accepts)."""
    body = urllib.parse.urlencode({"update": operations}).encode("ascii")
    _exchange(endpoint, "POST", endpoint.url, body, "application/x-www-form-urlencoded", what)


def _exchange(connection: Connection, method: str, url: str, body: bytes | None, content_type: str | None,
              what: str, missing_ok: bool = False) -> None:
    request = urllib.request.Request(url, data=body, method=method)
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with connection.opener().open(request, timeout=connection.timeout) as response:
            response.read(64 * 1024)
            status = response.status
    except urllib.error.HTTPError as error:
        if missing_ok and error.code == 404:
            return
        raise RemoteError(f"{what} at {connection.url}: {http_status(error.code, error.reason, error.fp, connection)}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise describe_fault(error, connection, what) from None
    except Exception as error:  # http.client.HTTPException and relatives: a broken answer
        raise describe_fault(error, connection, what) from None
    if status not in OK:
        raise RemoteError(f"{what} at {connection.url}: unexpected HTTP {status}")
