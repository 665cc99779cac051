"""The canned queries as the query page offers them: ready to run, parameters filled in.

A required parameter gets the example its description gives ("Recommendation number as printed,
e.g. 95.43" -> ``95.43``), bound as an RDF term in ``VALUES`` blocks exactly as ``uprgraph query``
binds it on Oxigraph (:func:`uprgraph.query.values.with_values`), so the page's rows are the command's rows
and the user sees the value and can change it. Optional parameters stay unbound (as in
``uprgraph query`` without them); a comment line names them.

``GET /queries/NAME?param=value`` runs a canned query with the values given: :func:`bound_text` binds
them with the command's own functions, so the same values give the same rows or the same one-line error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from uprgraph.query.catalog import Param, Query, load_catalog
from uprgraph.query.params import bind_parameters
from uprgraph.query.values import sparql_term

_EXAMPLE = re.compile(r'e\.g\.\s+(?:"([^"]+)"|([^\s,;)]+))')


def example_value(param: Param) -> str | None:
    """The first example in the parameter's description, or None."""
    match = _EXAMPLE.search(param.description)
    return (match.group(1) or match.group(2)) if match else None


def examples(query: Query) -> dict[str, str]:
    """Parameter name -> example value, for each required parameter."""
    values = {}
    for param in query.params:
        if param.required:
            value = example_value(param)
            if value is None:
                raise ValueError(f"query {query.name!r}: parameter {param.name!r} has no 'e.g.' example")
            values[param.name] = value
    return values


def page_queries() -> list[dict[str, Any]]:
    """Name, title, description, parameters and runnable text of every canned query, in name order."""
    out = []
    for query in load_catalog().values():
        values = examples(query)
        bindings = bind_parameters(query, values)
        text = bound_text(query, values)
        notes = []
        if bindings:
            shown = ", ".join(f"?{name} = {sparql_term(term)}" for name, term in sorted(bindings.items()))
            notes.append(f"# Parameters: {shown} (in the VALUES blocks below; change the value in each)")
        optional = [p for p in query.params if not p.required]
        if optional:
            shown = "; ".join(f"?{v} ({p.description})" for p in optional for v in p.variables)
            notes.append(f"# Optional parameters, unbound here (add a VALUES block to use them): {shown}")
        text = "".join(note + "\n" for note in notes) + text
        out.append({
            "name": query.name,
            "title": query.title,
            "description": query.description,
            "params": [{"name": p.name, "type": p.type, "required": p.required, "description": p.description,
                        "value": values.get(p.name)} for p in query.params],
            "query": text,
        })
    return out


def bound_text(query: Query, values: Mapping[str, str]) -> str:
    """The text a worker evaluates for the canned ``query`` with ``values``: the query's own text with
    each bound variable fixed in ``VALUES`` blocks, the text ``uprgraph query NAME --param ...``
    evaluates on Oxigraph. Values become RDF terms, written with SPARQL's escapes, never pasted as SPARQL:
    whatever a value holds, only the terms in the blocks differ. A wrong value is the command's error."""
    from uprgraph.query.values import with_values

    return with_values(query.text, bind_parameters(query, values))


def listing(catalog: Mapping[str, Query]) -> list[dict[str, Any]]:
    """What ``GET /queries`` answers: each canned query, its parameters and a URL that runs it."""
    from urllib.parse import quote, urlencode

    out = []
    for query in catalog.values():
        values = examples(query)
        url = f"/queries/{quote(query.name)}" + (f"?{urlencode(values)}" if values else "")
        out.append({
            "name": query.name,
            "title": query.title,
            "description": query.description,
            "params": [{"name": p.name, "type": p.type, "required": p.required, "description": p.description}
                       for p in query.params],
            "example": url,
        })
    return out
