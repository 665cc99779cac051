"""A built dataset in every RDF format, sorted and byte-identical from one run to the next.

Triple formats (Turtle, N-Triples, JSON-LD, RDF/XML) hold the union of the documents' graphs and the
dataset description; quad formats (TriG, N-Quads) keep each source document's triples in a named
graph of its own and the description in another.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef

from .. import resources
from ..errors import UsageError
from ..graph.build import new_graph


@dataclass(frozen=True)
class RdfFormat:
    name: str
    rdflib: str  # rdflib's serializer name
    suffix: str
    quads: bool = False


FORMATS = {f.name: f for f in (
    RdfFormat("turtle", "turtle", ".ttl"),
    RdfFormat("ntriples", "nt", ".nt"),
    RdfFormat("nquads", "nquads", ".nq", quads=True),
    RdfFormat("trig", "trig", ".trig", quads=True),
    RdfFormat("jsonld", "json-ld", ".jsonld"),
    RdfFormat("rdfxml", "pretty-xml", ".rdf"),
)}


def rdf_format(name: str) -> RdfFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}") from None


def sorted_copy(graph: Graph) -> Graph:
    """The same triples inserted in sorted order: rdflib's serializers then write them in that order."""
    copy = new_graph()
    for triple in sorted(graph):
        copy.add(triple)
    return copy


def context() -> dict:  # type: ignore[type-arg]
    """The compact JSON-LD context shipped with the package (ontology/context.jsonld)."""
    return json.loads(resources.read_text("ontology", "context.jsonld"))


def serialize(graphs: dict[URIRef, Graph], fmt: RdfFormat) -> bytes:
    """``graphs``: named graph IRI -> its triples (the source documents' and the metadata's)."""
    if fmt.quads:
        dataset = Dataset()
        for prefix, namespace in new_graph().namespaces():
            dataset.bind(prefix, namespace)
        for name in sorted(graphs):
            named = dataset.graph(name)
            for triple in sorted(graphs[name]):
                named.add(triple)
        if fmt.name == "nquads":
            lines = dataset.serialize(format="nquads", encoding="utf-8").decode("utf-8").splitlines()
            return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
        return dataset.serialize(format="trig", encoding="utf-8")
    union = new_graph()
    for graph in graphs.values():
        union += graph
    union = sorted_copy(union)
    if fmt.name == "ntriples":
        lines = union.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    if fmt.name == "jsonld":
        data = json.loads(union.serialize(format="json-ld", context=context()["@context"], auto_compact=True))
        if isinstance(data.get("@graph"), list):
            data["@graph"].sort(key=lambda node: node.get("id", node.get("@id", "")))
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    return union.serialize(format=fmt.rdflib, encoding="utf-8")
