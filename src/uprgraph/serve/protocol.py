"""The SPARQL 1.1 Protocol, read from an HTTP request: which query, which graphs, which answer format.

Nothing here evaluates a query. A request the server will not run fails with :class:`Refusal`, an
HTTP status and a one-line message: 400 malformed, or a ``SERVICE`` call (federation is off unless
``--allow-service``), 403 an update (the endpoint is read-only), 406 no acceptable answer format,
413 a request over the size limit, 415 a body in an unknown encoding.

The update and ``SERVICE`` checks read the query's *tokens*: comments, strings and IRIs are set aside
first (and SPARQL's ``\\uXXXX`` escapes, which may stand anywhere in a query, are decoded before), so
``"a SERVICE"`` or ``<http://x/SERVICE>`` are not calls and ``\\u0053ERVICE`` is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

# Answer formats. Each: media type -> pyoxigraph format name. The first is the default.
RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
    "application/json": "JSON",
    "application/xml": "XML",
    "text/xml": "XML",
}
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/ld+json": "JSON_LD",
    "application/n-triples": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
    "application/x-turtle": "TURTLE",
}
# What a format name is served as (the canonical media type).
MEDIA_TYPES = {
    "JSON": "application/sparql-results+json",
    "XML": "application/sparql-results+xml",
    "CSV": "text/csv; charset=utf-8",
    "TSV": "text/tab-separated-values; charset=utf-8",
    "TURTLE": "text/turtle; charset=utf-8",
    "JSON_LD": "application/ld+json",
    "N_TRIPLES": "application/n-triples",
    "RDF_XML": "application/rdf+xml",
}

UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
QUERY_WORDS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"


class Refusal(Exception):
    """A request the server answers with a 4xx status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class QueryRequest:
    query: str
    kind: str  # SELECT, ASK, CONSTRUCT, DESCRIBE, or "" when the tokens say nothing (the parser will)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


# ------------------------------------------------------------------------------- the request


def from_parameters(pairs: list[tuple[str, str]]) -> QueryRequest:
    """The protocol's parameters (from a URL's query string or a form body) -> a query request."""
    queries = [value for key, value in pairs if key == "query"]
    if any(key == "update" for key, _ in pairs):
        raise Refusal(403, READ_ONLY)
    if not queries:
        raise Refusal(400, "missing the 'query' parameter")
    if len(queries) > 1:
        raise Refusal(400, "more than one 'query' parameter")
    return _request(queries[0], pairs)


def from_body(content_type: str, body: bytes, url_pairs: list[tuple[str, str]]) -> QueryRequest:
    """A POST: a form (``application/x-www-form-urlencoded``) or the query itself (``application/sparql-query``)."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media == "application/x-www-form-urlencoded":
        return from_parameters(url_pairs + parse_form(body))
    if media == "application/sparql-update":
        raise Refusal(403, READ_ONLY)
    if media == "application/sparql-query":
        if any(key == "query" for key, _ in url_pairs):
            raise Refusal(400, "a query in the body and another in the URL")
        return _request(_utf8(body), url_pairs)
    shown = media or "none"
    raise Refusal(415, f"unsupported Content-Type {shown!r}: use application/x-www-form-urlencoded or application/sparql-query")


def parse_form(body: bytes) -> list[tuple[str, str]]:
    text = _utf8(body)
    try:
        return parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text), errors="strict", max_num_fields=1000)
    except (ValueError, UnicodeDecodeError) as error:
        raise Refusal(400, f"malformed form body: {' '.join(str(error).split())}") from None


def parse_query_string(raw: bytes) -> list[tuple[str, str]]:
    return parse_form(raw) if raw else []


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal(400, "the request is not UTF-8") from None


def _request(query: str, pairs: list[tuple[str, str]]) -> QueryRequest:
    if not query.strip():
        raise Refusal(400, "the query is empty")
    kind = query_kind(query)
    if kind == "UPDATE":
        raise Refusal(403, READ_ONLY)
    defaults = tuple(v for k, v in pairs if k == "default-graph-uri")
    named = tuple(v for k, v in pairs if k == "named-graph-uri")
    for iri in defaults + named:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*", iri):
            raise Refusal(400, f"graph IRI {iri!r} is not an absolute IRI")
    return QueryRequest(query, kind, defaults, named)


# ------------------------------------------------------------------------------- the query's tokens

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Comments, strings (long ones first) and IRIs: the parts of a query whose words are not keywords.
_OPAQUE = re.compile(
    r"""'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\""""
    r"""|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*"|<[^<>"{}|^`\\\s]*>|\#[^\n\r]*""",
    re.DOTALL,
)
_PROLOGUE = re.compile(r"\s*(?:(?:BASE\s*<>|PREFIX\s*[^\s:]*:\s*<>)\s*)*", re.IGNORECASE)
_FIRST_WORD = re.compile(r"[A-Za-z]+")
_SERVICE = re.compile(r"(?<![\w:?$\-.])SERVICE(?![\w:\-])", re.IGNORECASE)


def _tokens(query: str) -> str:
    """The query with escapes decoded and comments, strings and IRIs blanked (IRIs become ``<>``)."""

    def decode(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except ValueError:  # beyond U+10FFFF: the parser will say so
            return match.group(0)

    decoded = _ESCAPE.sub(decode, query)
    return _OPAQUE.sub(lambda m: "<>" if m.group(0).startswith("<") else " ", decoded)


def query_kind(query: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, UPDATE (any update operation), or "" (not recognised)."""
    tokens = _tokens(query)
    rest = tokens[_PROLOGUE.match(tokens).end():]
    word = _FIRST_WORD.match(rest)
    keyword = word.group(0).upper() if word else ""
    if keyword in QUERY_WORDS:
        return keyword
    if keyword in UPDATE_WORDS:
        return "UPDATE"
    return ""


def calls_service(query: str) -> bool:
    """Whether the query has a ``SERVICE`` clause (a federated call to another endpoint)."""
    return _SERVICE.search(_tokens(query)) is not None


# ------------------------------------------------------------------------------- content negotiation


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``Accept`` -> (media range, q) pairs, most wanted first; no header means ``*/*``."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        # More specific ranges win ties (text/turtle before text/* before */*), then header order.
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        ranges.append((media, q, specificity, position))
    ranges.sort(key=lambda r: (-r[1], -r[2], r[3]))
    return [(media, q) for media, q, _, _ in ranges]


def negotiate(header: str | None, offered: list[str]) -> str | None:
    """The offered media type the client wants most (the first offered one on a tie), or None."""
    best: tuple[float, int] | None = None
    choice = None
    ranges = parse_accept(header)
    for index, media in enumerate(offered):
        q = _quality(media, ranges)
        if q > 0 and (best is None or (q, -index) > best):
            best, choice = (q, -index), media
    return choice


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    major = media.split("/", 1)[0]
    # The most specific matching range decides (RFC 9110, 12.5.1).
    for pattern in (media, f"{major}/*", "*/*"):
        for candidate, q in ranges:
            if candidate == pattern:
                return q
    return 0.0


def result_format(header: str | None) -> str | None:
    media = negotiate(header, list(RESULT_TYPES))
    return RESULT_TYPES[media] if media else None


def graph_format(header: str | None) -> str | None:
    media = negotiate(header, list(GRAPH_TYPES))
    return GRAPH_TYPES[media] if media else None
