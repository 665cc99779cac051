"""The backend that runs a bound query on a remote SPARQL endpoint through SPARQLWrapper.

The parameters travel inside the query text as VALUES blocks (:mod:`uprgraph.query.values`); the
answer is read as SPARQL 1.1 JSON results and rendered exactly like a local answer (a literal's
lexical form, an IRI, ``_:id`` for a blank node, ``None`` when unbound), so every output format
works the same on both.
"""

from __future__ import annotations

import json
import urllib.error
import warnings
from typing import Any

from uprgraph.query.runner import Backend, BoundQuery, Result
from uprgraph.query.values import with_values
from uprgraph.remote.http import MAX_ANSWER_BYTES, Connection, RemoteError, describe_fault, http_status


def query_text(bound: BoundQuery) -> str:
    """The text sent: the query's own text with its parameters as VALUES blocks."""
    return with_values(bound.query.text, bound.bindings)


def on_endpoint(connection: Connection) -> Backend:
    """A backend that sends each query to ``connection.url``."""

    def evaluate(bound: BoundQuery) -> Result:
        text = query_text(bound)
        what = f"query {bound.query.name!r}"
        return parse_results(send(connection, text, what), connection, what)

    return evaluate


def send(connection: Connection, text: str, what: str) -> bytes:
    """POST the query (form-encoded, so a long one is no URL), and read the whole answer."""
    from SPARQLWrapper import BASIC, DIGEST, JSON, POST, SELECT, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    wrapper = SPARQLWrapper(connection.url)
    wrapper.setQuery(text)
    # Every query sent here is a SELECT. SPARQLWrapper guesses the form from the first keyword it finds,
    # substrings and every other line of a comment block included ("addendum" read as ADD), and would send
    # a query it took for an update as update=, which a read-only endpoint refuses (403).
    wrapper.queryType = SELECT
    wrapper.setMethod(POST)
    wrapper.setReturnFormat(JSON)
    wrapper.setOnlyConneg(True)  # ask by the Accept header only; no store-specific format= parameter
    wrapper.setTimeout(connection.timeout)
    if connection.user is not None:
        wrapper.setHTTPAuth(DIGEST if connection.auth == "digest" else BASIC)
        wrapper.setCredentials(connection.user, connection.password)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SPARQLWrapper warns about content types; we check them below
            answer = wrapper.query()
        response = answer.response
        content_type = response.headers.get("Content-Type", "") if response.headers else ""
        data = response.read(MAX_ANSWER_BYTES + 1)
    except SPARQLWrapperException as error:
        raise _from_sparqlwrapper(error, connection, what) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        # ValueError: http.client's, for a status line that is not HTTP
        raise describe_fault(error, connection, what) from None
    except Exception as error:  # http.client.HTTPException and relatives: a broken answer
        raise describe_fault(error, connection, what) from None
    if len(data) > MAX_ANSWER_BYTES:
        raise RemoteError(f"{what} at {connection.url}: the answer is over {MAX_ANSWER_BYTES // 2**20} MB")
    if "json" not in content_type.lower():
        shown = content_type.split(";")[0].strip() or "no content type"
        raise RemoteError(
            f"{what} at {connection.url}: the answer is {shown}, not SPARQL JSON results (is this the SPARQL endpoint?)"
        )
    return data


def parse_results(data: bytes, connection: Connection, what: str) -> Result:
    """SPARQL 1.1 Query Results JSON -> :class:`Result`; anything else is a one-line error."""
    bad = f"{what} at {connection.url}: the answer is not SPARQL JSON results"
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RemoteError(f"{bad} (it does not parse as JSON)") from None
    try:
        columns = [str(v) for v in document["head"]["vars"]]
        bindings = document["results"]["bindings"]
        if not isinstance(bindings, list) or not all(isinstance(b, dict) for b in bindings):
            raise TypeError
        rows = [tuple(_render(binding.get(column)) for column in columns) for binding in bindings]
    except (KeyError, TypeError, AttributeError):
        raise RemoteError(f"{bad} (no head.vars and results.bindings)") from None
    return Result(columns, rows)


def _render(term: Any) -> str | None:
    """Like the local runner: the lexical form of a literal, the IRI, ``_:`` and a blank node's id."""
    if term is None:
        return None
    kind, value = term["type"], term["value"]
    if not isinstance(value, str):
        raise TypeError
    if kind == "bnode":
        return f"_:{value}"
    if kind in ("uri", "literal", "typed-literal"):
        return value
    raise TypeError


def _from_sparqlwrapper(error: Exception, connection: Connection, what: str) -> RemoteError:
    from SPARQLWrapper.SPARQLExceptions import (
        EndPointInternalError,
        EndPointNotFound,
        QueryBadFormed,
        Unauthorized,
        URITooLong,
    )

    codes = {QueryBadFormed: (400, "Bad Request"), Unauthorized: (401, "Unauthorized"),
             EndPointNotFound: (404, "Not Found"), URITooLong: (414, "URI Too Long"),
             EndPointInternalError: (500, "Internal Server Error")}
    code, reason = codes.get(type(error), (0, type(error).__name__))
    # SPARQLWrapper puts the server's answer after its own sentence; keep only the server's words.
    text = str(error)
    body = text.split("Response:\n", 1)[1] if "Response:\n" in text else ""
    if body.startswith(("b'", 'b"')):
        try:
            import ast

            body = ast.literal_eval(body).decode("utf-8", "replace")
        except (ValueError, SyntaxError):
            pass
    return RemoteError(f"{what} at {connection.url}: {http_status(code, reason, body, connection)}")
