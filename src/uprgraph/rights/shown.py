"""Which of a recommendation's tags answer "what rights is it about?": its published ones (a thematic list
among the inputs) where it has any, else its inferred ones. The graph keeps both: each document's graph is
built alone (a corpus store builds the Working Group report without knowing whether a list will come), so
the choice is made where the graph is read, by this rule here and by the same rule in the rights queries
(queries/recommendation-themes.rq, instruments-for-right.rq, rights-coverage.rq)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ..namespaces import UPR

PUBLISHED, INFERRED = "published", "inferred"


@dataclass(frozen=True)
class ShownTag:
    tag: URIRef
    recommendation: URIRef
    concept: URIRef
    source: str  # PUBLISHED or INFERRED


def shown_tags(g: Graph) -> Iterator[ShownTag]:
    """Every tag that answers for its recommendation, in no particular order."""
    found: list[tuple[URIRef, URIRef, str]] = []
    published: set[URIRef] = set()  # recommendations with a published tag
    for source, cls in ((PUBLISHED, UPR.PublishedTag), (INFERRED, UPR.InferredTag)):
        for tag in g.subjects(RDF.type, cls):
            for rec in g.objects(tag, UPR.tagged):
                found.append((tag, rec, source))  # type: ignore[arg-type]
                if source == PUBLISHED:
                    published.add(rec)  # type: ignore[arg-type]
    for tag, rec, source in found:
        if source == INFERRED and rec in published:
            continue
        for concept in g.objects(tag, UPR.tagConcept):
            yield ShownTag(tag, rec, concept, source)  # type: ignore[arg-type]
