"""The dataset's description, in its own named graph: VoID and DCAT (what it is, who made it, under
which licence, from which UN documents, with which vocabularies, how big) and PROV-O (which version
of uprgraph built it from which sources). No clock time unless asked for, so rebuilds stay
byte-identical."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, RDFS, VOID, XSD

from .. import __version__
from ..graph.build import new_graph
from ..graph.iris import check_base, safe, symbol_slug
from ..namespaces import UPR

LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
SOFTWARE = URIRef(f"https://w3id.org/uprgraph/software/{__version__}")
UNDOCS = "https://undocs.org/"


def dataset_iri(base: str) -> URIRef:
    return URIRef(check_base(base) + "dataset")


def metadata_graph_iri(base: str) -> URIRef:
    return URIRef(check_base(base) + "graph/metadata")


def document_graph_iri(base: str, symbol_or_name: str) -> URIRef:
    return URIRef(check_base(base) + "graph/" + safe(symbol_slug(symbol_or_name)))


def describe(data: Graph, documents: list[tuple[URIRef, str | None]], base: str,
             endpoint: str | None = None, timestamp: str | None = None) -> Graph:
    """``data``: every document's triples; ``documents``: (document IRI, UN symbol) of each source."""
    g = new_graph()
    g.bind("void", VOID)
    g.bind("dcat", DCAT)
    dataset = dataset_iri(base)
    symbols = [s for _, s in documents if s]
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal(f"UPR knowledge graph: {', '.join(symbols) or 'UPR documents'}", lang="en")))
    g.add((dataset, DCTERMS.description, Literal(
        "Recommendations of the UN Universal Periodic Review, the State's responses, and the domestic laws, "
        "decrees, programmes, treaties, institutions and special-procedure visits its reports cite, each fact "
        "tied to the paragraph and exact quote it comes from. Built by uprgraph.", lang="en")))
    g.add((dataset, DCTERMS.license, LICENCE))
    g.add((dataset, DCTERMS.creator, SOFTWARE))
    g.add((dataset, DCTERMS.hasVersion, Literal(__version__)))
    g.add((dataset, VOID.uriSpace, Literal(check_base(base))))
    g.add((dataset, VOID.triples, Literal(len(data), datatype=XSD.integer)))
    g.add((dataset, VOID.entities, Literal(len({s for s in data.subjects() if isinstance(s, URIRef)}), datatype=XSD.integer)))
    for namespace in sorted(_vocabularies(data)):
        g.add((dataset, VOID.vocabulary, URIRef(namespace)))
    for example in _examples(data):
        g.add((dataset, VOID.exampleResource, example))
    if endpoint:
        g.add((dataset, VOID.sparqlEndpoint, URIRef(endpoint)))
    if timestamp:
        g.add((dataset, DCTERMS.issued, Literal(timestamp, datatype=XSD.dateTime)))
    activity = URIRef(str(dataset) + "/build")
    g.add((dataset, PROV.wasGeneratedBy, activity))
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, PROV.wasAssociatedWith, SOFTWARE))
    if timestamp:
        g.add((activity, PROV.endedAtTime, Literal(timestamp, datatype=XSD.dateTime)))
    g.add((SOFTWARE, RDF.type, PROV.SoftwareAgent))
    g.add((SOFTWARE, RDFS.label, Literal(f"uprgraph {__version__}")))
    g.add((SOFTWARE, FOAF.homepage, URIRef("https://w3id.org/uprgraph")))
    for document, symbol in documents:
        g.add((dataset, DCTERMS.source, document))
        g.add((dataset, PROV.wasDerivedFrom, document))
        g.add((activity, PROV.used, document))
        if symbol:
            g.add((document, DCTERMS.identifier, Literal(symbol)))
            g.add((document, FOAF.page, URIRef(UNDOCS + symbol)))
    return g


def _vocabularies(data: Graph) -> set[str]:
    used = set()
    for predicate in set(data.predicates()):
        used.add(_namespace(str(predicate)))
    for cls in set(data.objects(None, RDF.type)):
        used.add(_namespace(str(cls)))
    return {u for u in used if u}


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut > 0 else ""


def _examples(data: Graph) -> list[URIRef]:
    """One resource of each main class, the first in IRI order."""
    examples = []
    for cls in (UPR.Recommendation, UPR.LegalInstrument, UPR.Treaty, UPR.StateBody, UPR.CountryVisit):
        members = sorted(s for s in data.subjects(RDF.type, cls) if isinstance(s, URIRef))
        if members:
            examples.append(members[0])
    return examples
