"""Terms as the SPARQL 1.1 Query Results JSON format writes them, and an error as one short line: what a
query worker writes whether it sends an answer whole (worker.py) or in pieces (streaming.py)."""

from __future__ import annotations

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


def short_error(error: Exception) -> str:
    from uprgraph.errors import one_line

    return one_line(error)[:500]  # an answer's status line, not the engine's whole report
