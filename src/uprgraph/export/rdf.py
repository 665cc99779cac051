"""A built dataset in every RDF format, sorted and byte-identical from one run to the next.

Triple formats (Turtle, N-Triples, JSON-LD, RDF/XML) hold the union of the documents' graphs and the
dataset description; quad formats (TriG, N-Quads) keep each source document's triples in a named
graph of its own and the description in another.

Turtle, TriG, N-Triples, N-Quads and RDF/XML are written by pyoxigraph from the triples (quads) in sorted
order: some twenty times faster than rdflib's serializers, and the same triples always give the same bytes
(rdflib's RDF/XML writer follows Python's hash seed). Turtle, TriG and RDF/XML declare, in alphabetical
order, the prefixes of ours that the data use, and group each subject's triples. JSON-LD (compacted with
our context) is written by rdflib.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from dataclasses import dataclass

from rdflib import Graph, URIRef

from .. import resources
from ..errors import UsageError
from ..namespaces import new_graph


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


def serialize(graphs: dict[URIRef | None, Graph], fmt: RdfFormat) -> bytes:
    """``graphs``: named graph IRI -> its triples (the source documents' and the metadata's); ``None``: the
    default graph (the triples of a file that had no graph names), written first and unnamed."""
    if fmt.name in _OXIGRAPH:
        return _serialize_with_oxigraph(graphs, fmt)
    union = new_graph()
    for graph in graphs.values():
        union += graph
    union = sorted_copy(union)
    if fmt.name == "jsonld":
        data = json.loads(union.serialize(format="json-ld", context=context()["@context"], auto_compact=True))
        if isinstance(data.get("@graph"), list):
            data["@graph"].sort(key=lambda node: node.get("id", node.get("@id", "")))
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    return union.serialize(format=fmt.rdflib, encoding="utf-8")


# our format name -> pyoxigraph.RdfFormat attribute
_OXIGRAPH = {"turtle": "TURTLE", "trig": "TRIG", "ntriples": "N_TRIPLES", "nquads": "N_QUADS", "rdfxml": "RDF_XML"}


def _serialize_with_oxigraph(graphs: dict[URIRef | None, Graph], fmt: RdfFormat) -> bytes:
    import pyoxigraph

    from ..oxigraph_terms import Converter

    convert = Converter().term
    if fmt.quads:
        items: list = []  # type: ignore[type-arg]
        for name in sorted(graphs, key=lambda n: (n is not None, str(n))):
            graph_name = pyoxigraph.DefaultGraph() if name is None else pyoxigraph.NamedNode(str(name))
            # one named graph after the other, each in the order of its triples' N-Triples lines
            triples = sorted((pyoxigraph.Triple(convert(s), convert(p), convert(o)) for s, p, o in graphs[name]), key=str)
            items += (pyoxigraph.Quad(t.subject, t.predicate, t.object, graph_name) for t in triples)
    else:
        union = set().union(*graphs.values()) if graphs else set()
        items = sorted((pyoxigraph.Triple(convert(s), convert(p), convert(o)) for s, p, o in union), key=str)
    rdf_format = getattr(pyoxigraph.RdfFormat, _OXIGRAPH[fmt.name])
    if fmt.name in ("ntriples", "nquads"):
        lines = (pyoxigraph.serialize(items, format=rdf_format) or b"").decode("utf-8").splitlines()
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    prefixes = _used_prefixes(items)
    if fmt.name == "rdfxml":
        return pyoxigraph.serialize(items, format=rdf_format, prefixes=prefixes) or b""
    text = (pyoxigraph.serialize(items, format=rdf_format, prefixes=prefixes) or b"").decode("utf-8")
    # the prefix lines in alphabetical order, then a blank line, whatever order pyoxigraph wrote them in
    lines = text.split("\n")
    body = next((i for i, line in enumerate(lines) if not line.startswith("@prefix ")), len(lines))
    header, statements = sorted(lines[:body]), lines[body:]
    if fmt.name == "turtle":
        # a blank line before each subject; pyoxigraph escapes line breaks in literals, so a line that does
        # not begin with a tab begins a subject
        statements = [f"\n{line}" if line and not line.startswith("\t") and i else line for i, line in enumerate(statements)]
    return ("\n".join(header) + ("\n\n" if header else "") + "\n".join(statements)).encode("utf-8")


def _used_prefixes(items: list) -> dict[str, str]:  # type: ignore[type-arg]
    """Our prefixes (those of new_graph) whose namespace begins one of the IRIs in ``items``."""
    import pyoxigraph

    iris = set()
    for item in items:
        for term in (item.subject, item.predicate, item.object):
            if isinstance(term, pyoxigraph.NamedNode):
                iris.add(term.value)
            elif isinstance(term, pyoxigraph.Literal):
                iris.add(term.datatype.value)
    namespaces = {prefix: str(namespace) for prefix, namespace in new_graph().namespaces() if prefix}
    ordered = sorted(iris)  # the IRIs that begin with a namespace follow it at once in this order

    def used(namespace: str) -> bool:
        i = bisect_left(ordered, namespace)
        return i < len(ordered) and ordered[i].startswith(namespace)

    return {prefix: ns for prefix, ns in sorted(namespaces.items()) if used(ns)}
