"""The dataset's description, in its own named graph: VoID and DCAT (what it is, who made it, under
which licence, from which UN documents, with which vocabularies, how big) and PROV-O (which version
of uprgraph built it from which sources). No clock time unless asked for, so rebuilds stay
byte-identical."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, RDFS, VOID, XSD

from .. import __version__
from ..graph.iris import check_base, safe, symbol_slug
from ..graph.triples import Triple
from ..namespaces import UPR, new_graph

LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
SOFTWARE = URIRef(f"https://w3id.org/uprgraph/software/{__version__}")
UNDOCS = "https://undocs.org/"


def dataset_iri(base: str) -> URIRef:
    return URIRef(check_base(base) + "dataset")


def metadata_graph_iri(base: str) -> URIRef:
    return URIRef(check_base(base) + "graph/metadata")


def document_graph_iri(base: str, symbol_or_name: str) -> URIRef:
    return URIRef(check_base(base) + "graph/" + safe(symbol_slug(symbol_or_name)))


def describe(data: Collection[Triple], documents: list[tuple[URIRef, str | None]], base: str,
             endpoint: str | None = None, timestamp: str | None = None) -> Graph:
    """``data``: every document's triples (an rdflib Graph or Triples); ``documents``: (document IRI,
    UN symbol) of each source."""
    stats = Stats(len(data), len({s for s, _, _ in data if isinstance(s, URIRef)}), _vocabularies(data),
                  _examples(data))
    return describe_stats(stats, documents, base, endpoint, timestamp)


class Stats:
    """What the description counts of the data: triples, entities (distinct IRI subjects), the vocabularies
    used, one example resource of each main class. A corpus built document by document adds up the
    vocabularies and examples of each document (:meth:`of`, :meth:`add`) and counts the rest in its store."""

    def __init__(self, triples: int = 0, entities: int = 0, vocabularies: set[str] | None = None,
                 examples: list[tuple[int, URIRef]] | None = None) -> None:
        self.triples, self.entities = triples, entities
        self.vocabularies = set(vocabularies or ())
        self.examples = list(examples or ())

    @classmethod
    def of(cls, data: Iterable[Triple]) -> Stats:
        return cls(vocabularies=_vocabularies(data), examples=_examples(data))

    def add(self, other: Stats) -> None:
        self.vocabularies |= other.vocabularies
        self.examples += other.examples

    def example_resources(self) -> list[URIRef]:
        """The first in IRI order of each class (the classes' order kept)."""
        return [sorted(group)[0] for group in _by_class(self.examples) if group]


def describe_stats(stats: Stats, documents: list[tuple[URIRef, str | None]], base: str,
                   endpoint: str | None = None, timestamp: str | None = None) -> Graph:
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
    g.add((dataset, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    g.add((dataset, VOID.entities, Literal(stats.entities, datatype=XSD.integer)))
    for namespace in sorted(stats.vocabularies):
        g.add((dataset, VOID.vocabulary, URIRef(namespace)))
    for example in stats.example_resources():
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


def _vocabularies(data: Iterable[Triple]) -> set[str]:
    predicates, classes = set(), set()
    for _, predicate, obj in data:
        predicates.add(predicate)
        if predicate == RDF.type:
            classes.add(obj)
    used = {_namespace(str(term)) for term in predicates | classes}
    return {u for u in used if u}


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut > 0 else ""


EXAMPLE_CLASSES = (UPR.Recommendation, UPR.LegalInstrument, UPR.Treaty, UPR.StateBody, UPR.CountryVisit)


def _examples(data: Iterable[Triple]) -> list[tuple[int, URIRef]]:
    """One resource of each main class, the first in IRI order, with the class's place in EXAMPLE_CLASSES."""
    place = {cls: i for i, cls in enumerate(EXAMPLE_CLASSES)}
    members: dict[int, set[URIRef]] = {}
    for s, p, o in data:
        if p == RDF.type and o in place and isinstance(s, URIRef):
            members.setdefault(place[o], set()).add(s)
    return [(i, min(members[i])) for i in sorted(members)]


def _by_class(examples: list[tuple[int, URIRef]]) -> list[list[URIRef]]:
    return [[iri for i, iri in examples if i == place] for place in range(len(EXAMPLE_CLASSES))]
