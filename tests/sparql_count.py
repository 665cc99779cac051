"""A second route to a count the program reports: a SPARQL COUNT over the RDF graph (with the ontology,
for rdfs:subClassOf), so that a test compares two computations instead of holding a number copied from
the program's own output."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from uprgraph import resources

PREFIXES = """PREFIX upr: <https://w3id.org/uprgraph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@lru_cache(maxsize=1)
def ontology() -> Graph:
    return Graph().parse(data=resources.read_text("ontology", "uprgraph.ttl"), format="turtle")


def count(graph: Graph, select: str) -> int:
    """The single number a ``SELECT (COUNT(...) AS ?n) WHERE {...}`` gives over ``graph`` and the ontology."""
    rows = list((graph + ontology()).query(PREFIXES + select))
    assert len(rows) == 1, select
    return int(rows[0][0])


def of_class(graph: Graph, cls: str) -> int:
    """Resources whose most specific type is ``upr:cls`` (typed with it, and with none of its subclasses)."""
    return count(graph, f"""SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a upr:{cls} .
        FILTER NOT EXISTS {{ ?x a ?sub . ?sub rdfs:subClassOf+ upr:{cls} . FILTER(?sub != upr:{cls}) }} }}""")
