"""Terms as the SPARQL 1.1 Query Results JSON format writes them, and an error as one short line: what a
query worker writes whether it sends an answer whole (worker.py) or in pieces (streaming.py)."""

from __future__ import annotations

import json
from typing import Any


def json_term(pyoxigraph: Any, term: Any) -> dict[str, Any]:
    """A pyoxigraph term as a SPARQL JSON binding value."""
    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    # An RDF-star triple term
    return {"type": "triple", "value": {
        "subject": json_term(pyoxigraph, term.subject),
        "predicate": json_term(pyoxigraph, term.predicate),
        "object": json_term(pyoxigraph, term.object),
    }}


def document(variables: list[str], bindings: list[dict[str, Any]]) -> bytes:
    """A SELECT answer in SPARQL JSON, compact."""
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def in_format(pyoxigraph: Any, body: bytes, fmt: str) -> bytes:
    """A SPARQL JSON answer in ``fmt`` (JSON, XML, CSV, TSV): rewritten by pyoxigraph's own writers, so each
    format follows its specification to the letter."""
    if fmt == "JSON":
        return body
    parsed = pyoxigraph.parse_query_results(body, format=pyoxigraph.QueryResultsFormat.JSON)
    return parsed.serialize(format=getattr(pyoxigraph.QueryResultsFormat, fmt))


def short_error(error: Exception) -> str:
    from uprgraph.errors import one_line

    return one_line(error)[:500]  # an answer's status line, not the engine's whole report
