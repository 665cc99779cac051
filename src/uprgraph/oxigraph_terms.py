"""rdflib terms -> pyoxigraph terms: how the store, the RDF writers, SHACL and the corpus workers hand
rdflib's triples to Oxigraph."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def to_oxigraph(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term."""
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


class Converter:
    """rdflib triples -> pyoxigraph quads, converting each distinct term once."""

    def __init__(self) -> None:
        self._cache: dict[Any, Any] = {}

    def term(self, term: Any) -> Any:
        found = self._cache.get(term)
        if found is None:
            found = self._cache[term] = to_oxigraph(term)
        return found

    def quads(self, triples: Iterable[tuple], graph_name: Any) -> Iterable[Any]:  # type: ignore[type-arg]
        import pyoxigraph

        term = self.term
        for s, p, o in triples:
            yield pyoxigraph.Quad(term(s), term(p), term(o), graph_name)
