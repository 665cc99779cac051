"""Turn the user's ``name=value`` strings into RDF terms for a query's declared parameters.

Values become rdflib terms that the runner hands to the SPARQL engine as bindings, so no user text
is ever pasted into a query: ``95.43" } ; DROP ALL #`` is just a string that matches nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from uprgraph.errors import UsageError
from uprgraph.query.catalog import Param, Query

_YEAR = re.compile(r"\d{4}")
_INTEGER = re.compile(r"[+-]?\d+")
# An absolute IRI with an authority ("scheme://..."), made only of characters allowed in an IRIREF.
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"{}|\\^`]+")


def bind_parameters(query: Query, values: Mapping[str, str]) -> dict[str, Identifier]:
    """SPARQL variable name -> term, for each parameter given; optional ones left out stay unbound."""
    for name in values:
        if query.param(name) is None:
            takes = ", ".join(p.name for p in query.params) or "none"
            raise UsageError(f"unknown parameter {name!r} for query {query.name!r} (it takes: {takes})")
    bindings: dict[str, Identifier] = {}
    for param in query.params:
        if param.name in values:
            bindings.update(_bind(query, param, values[param.name]))
        elif param.required:
            raise UsageError(
                f"query {query.name!r} needs parameter {param.name!r} ({param.description}); "
                f"pass it as --param {param.name}=VALUE"
            )
    return bindings


def is_absolute_iri(value: str) -> bool:
    """An absolute IRI with an authority, made only of characters an IRI may hold."""
    return _ABSOLUTE_IRI.fullmatch(value) is not None


def _bind(query: Query, param: Param, value: str) -> dict[str, Identifier]:
    if param.type == "string":
        return {param.name: Literal(value)}
    if param.type == "year":
        if not _YEAR.fullmatch(value):
            raise UsageError(_bad_value(query, param, value, "a four-digit year"))
        return {param.name: Literal(int(value))}
    if param.type == "integer":
        if not _INTEGER.fullmatch(value):
            raise UsageError(_bad_value(query, param, value, "an integer"))
        return {param.name: Literal(int(value))}
    if param.type == "iri-or-text":
        if _ABSOLUTE_IRI.fullmatch(value):
            _check_iri(query, param, value)
            return {f"{param.name}_iri": URIRef(value)}
        return {f"{param.name}_text": Literal(value)}
    # The catalog admits only the types above; reaching here means the two modules disagree.
    raise AssertionError(f"unhandled parameter type {param.type!r}")


def _check_iri(query: Query, param: Param, value: str) -> None:
    """Refuse what looks like an IRI but is not one (``http://[::1/``): every engine then gets the same
    one-line error here, rather than each its own failure later (pyoxigraph's parser is the judge)."""
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(value)
    except ValueError as error:
        raise UsageError(f"parameter {param.name!r} of query {query.name!r} is not a valid IRI: "
                         f"{' '.join(str(error).split())}") from None


def _bad_value(query: Query, param: Param, value: str, expected: str) -> str:
    return f"parameter {param.name!r} of query {query.name!r} must be {expected}, got {value!r}"
