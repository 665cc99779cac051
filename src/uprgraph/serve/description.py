"""The endpoint's SPARQL 1.1 Service Description: what ``GET /sparql`` without a query answers (W3C
Recommendation of 21 March 2013, section 2: a service "SHOULD return a service description document at the
service endpoint when dereferenced using the HTTP GET operation without any query parameter strings").

Built as RDF with rdflib, in the W3C vocabulary (``sd:``; its terms are checked against
``ontology/external/sd.txt`` by the vocabulary check):

- the ``sd:Service``: its ``sd:endpoint``, ``sd:supportedLanguage sd:SPARQL11Query`` (queries only: the
  endpoint is read-only), an ``sd:resultFormat`` for every answer format it serves (W3C's format IRIs,
  ``ontology/external/formats.txt``), and the features that hold: ``sd:UnionDefaultGraph`` (the default graph
  is the union of the named graphs) and, with ``--allow-service``, ``sd:BasicFederatedQuery``;
- its ``sd:defaultDataset``: the default graph with its size (``void:triples``) and each named graph by its
  ``sd:name``. When the data hold a dataset description (the VoID/DCAT that ``uprgraph build`` writes,
  :mod:`uprgraph.export.metadata`), that ``void:Dataset`` is the default dataset, with ``rdfs:seeAlso`` the
  page of this server that serves its description (``/id/...``, Turtle or JSON-LD by ``Accept``).

IRIs of the description's own nodes hang off the endpoint's URL (``<endpoint>#service``), so the same
server gives the same description; nothing is a blank node.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urljoin

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, VOID, XSD

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

# The answer formats of serve/protocol.py (MEDIA_TYPES' names) in W3C's registry of format IRIs.
FORMAT_IRIS = {
    "JSON": FORMATS.SPARQL_Results_JSON,
    "XML": FORMATS.SPARQL_Results_XML,
    "CSV": FORMATS.SPARQL_Results_CSV,
    "TSV": FORMATS.SPARQL_Results_TSV,
    "TURTLE": FORMATS.Turtle,
    "JSON_LD": FORMATS["JSON-LD"],
    "N_TRIPLES": FORMATS["N-Triples"],
    "RDF_XML": FORMATS.RDF_XML,
}

# What the description itself can be had as: media type -> rdflib's serializer.
OFFERED = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
    "application/x-turtle": "turtle",
}
SERVED_AS = {"turtle": "text/turtle; charset=utf-8", "json-ld": "application/ld+json", "xml": "application/rdf+xml",
             "nt": "application/n-triples"}

# Asked of the workers once, the first time the description is wanted (the dataset never changes).
NAMED_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g"
DATASETS = "SELECT ?d WHERE { ?d a <http://rdfs.org/ns/void#Dataset> FILTER(isIRI(?d)) } ORDER BY ?d LIMIT 1"


@dataclass(frozen=True)
class Facts:
    """What the description says of the data and the server's settings."""

    triples: int  # in the default graph
    named_graphs: tuple[str, ...]
    dataset: str | None  # the void:Dataset the data describe themselves as, if any
    dataset_page: str | None  # the path of this server's page for it (/id/...), if its IRI is under the base IRI
    formats: tuple[str, ...]  # the answer formats served (serve/protocol.py's names)
    allow_service: bool = False
    timeout: float | None = None
    max_rows: int | None = None


def describe_service(endpoint: str, facts: Facts) -> Graph:
    g = Graph(bind_namespaces="none")
    for prefix, namespace in (("sd", SD), ("formats", FORMATS), ("void", VOID), ("rdfs", RDFS), ("dcterms", DCTERMS),
                              ("xsd", XSD), ("rdf", RDF)):
        g.bind(prefix, namespace)
    service = URIRef(endpoint + "#service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, DCTERMS.title, Literal("uprgraph SPARQL endpoint", lang="en")))
    g.add((service, RDFS.comment, Literal(_limits(facts), lang="en")))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in facts.formats:
        g.add((service, SD.resultFormat, FORMAT_IRIS[name]))
    if facts.named_graphs:
        g.add((service, SD.feature, SD.UnionDefaultGraph))
    if facts.allow_service:
        g.add((service, SD.feature, SD.BasicFederatedQuery))

    dataset = URIRef(facts.dataset) if facts.dataset else URIRef(endpoint + "#dataset")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    if facts.dataset:
        g.add((dataset, VOID.sparqlEndpoint, URIRef(endpoint)))
    if facts.dataset_page:
        g.add((dataset, RDFS.seeAlso, URIRef(urljoin(endpoint, facts.dataset_page))))
    default = URIRef(endpoint + "#default-graph")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, VOID.triples, Literal(facts.triples, datatype=XSD.integer)))
    for name in facts.named_graphs:
        node = URIRef(endpoint + "#named-graph=" + quote(name, safe=""))
        g.add((dataset, SD.namedGraph, node))
        g.add((node, RDF.type, SD.NamedGraph))
        g.add((node, SD.name, URIRef(name)))
    return g


def serialize(graph: Graph, media: str) -> tuple[bytes, str]:
    """The description in the format of ``media`` (one of OFFERED): (body, Content-Type)."""
    from uprgraph.export.rdf import sorted_copy

    fmt = OFFERED[media]
    data = sorted_copy(graph)
    prefixes = dict(graph.namespaces())
    for prefix, namespace in prefixes.items():
        data.bind(prefix, namespace, replace=True)
    if fmt == "json-ld":  # compacted with the prefixes, not the expanded form
        context = {prefix: str(namespace) for prefix, namespace in sorted(prefixes.items())}
        return data.serialize(format=fmt, context=context, auto_compact=True, encoding="utf-8"), SERVED_AS[fmt]
    return data.serialize(format=fmt, encoding="utf-8"), SERVED_AS[fmt]


def _limits(facts: Facts) -> str:
    parts = ["Read-only: SPARQL 1.1 queries (SELECT, ASK, CONSTRUCT, DESCRIBE); updates are refused"]
    if facts.timeout is not None:
        parts.append(f"a query is cancelled after {facts.timeout:g} s")
    if facts.max_rows is not None:
        parts.append(f"answers are cut at {facts.max_rows} rows (then marked by an X-SPARQL-MaxRows header)")
    if not facts.allow_service:
        parts.append("SERVICE (federated query) is off")
    return "; ".join(parts) + "."
