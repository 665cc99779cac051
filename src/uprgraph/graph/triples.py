"""An insertion-ordered set of rdflib triples: what the graph builders fill.

Adding a triple to an rdflib Graph (its Memory store keeps three indexes and the contexts) costs some
fifty times what adding it to a dict costs, and a build adds every triple more than once (each
document's graph, then their union). The builders collect Triples; an rdflib Graph is made from them
only where a caller asks for one (:meth:`Triples.graph`), with the triples in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rdflib import Graph

Triple = tuple[Any, Any, Any]


class Triples:
    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._triples: dict[Triple, None] = dict.fromkeys(triples)

    def add(self, triple: Triple) -> None:
        self._triples[triple] = None

    def update(self, triples: Iterable[Triple]) -> None:
        self._triples.update(dict.fromkeys(triples))

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: object) -> bool:
        return triple in self._triples

    def subjects(self, predicate: Any, obj: Any) -> list[Any]:
        """The subjects of the triples with this predicate and object, in order, once each."""
        return list(dict.fromkeys(s for s, p, o in self._triples if p == predicate and o == obj))

    def graph(self) -> Graph:
        """A new rdflib Graph with our prefixes bound and these triples, added in order."""
        from ..namespaces import new_graph

        g = new_graph()
        g += self._triples
        return g
