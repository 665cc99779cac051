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
        _authorize(connection, request)
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


def _authorize(connection: Connection, request: urllib.request.Request) -> None:
    """Send the credentials with the request itself, not after a refusal.

    urllib answers a 401 by sending the request again; a server that refuses a large upload before
    reading it closes the connection while the body is still going out (a broken pipe). So basic
    credentials go in the first request, and for digest a bodiless probe fetches the challenge first.
    """
    if connection.user is None:
        return
    if connection.auth == "basic":
        import base64

        token = base64.b64encode(f"{connection.user}:{connection.password}".encode()).decode("ascii")
        request.add_unredirected_header("Authorization", f"Basic {token}")
        return
    probe = urllib.request.Request(request.full_url, method="OPTIONS")
    try:
        with urllib.request.build_opener().open(probe, timeout=connection.timeout) as response:
            response.read(64 * 1024)
        return  # no challenge: the opener's handler answers one if the real request gets it
    except urllib.error.HTTPError as error:
        challenge = error.headers.get("WWW-Authenticate", "") if error.code == 401 else ""
        error.close()
    scheme, _, fields = challenge.partition(" ")
    if scheme.lower() != "digest":
        return
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, connection.url, connection.user, connection.password or "")
    handler = urllib.request.HTTPDigestAuthHandler(passwords)
    parsed = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(fields)))
    header = handler.get_authorization(request, parsed)
    if header:
        request.add_unredirected_header("Authorization", f"Digest {header}")
