"""Our vocabulary as a closed namespace (a misspelt term fails at import), and the ones we reuse."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

NS = "https://w3id.org/uprgraph/ns#"


class UPR(DefinedNamespace):
    _NS = Namespace(NS)
    _fail = True

    State: URIRef
    Review: URIRef
    Document: URIRef
    NationalReport: URIRef
    WorkingGroupReport: URIRef
    Addendum: URIRef
    Section: URIRef
    Chapter: URIRef
    ThematicSection: URIRef
    Paragraph: URIRef
    ParagraphItem: URIRef
    Recommendation: URIRef
    StateResponse: URIRef
    DomesticInstrument: URIRef
    LegalInstrument: URIRef
    PolicyInstrument: URIRef
    Treaty: URIRef
    InstrumentEvent: URIRef
    Institution: URIRef
    StateBody: URIRef
    NationalHumanRightsInstitution: URIRef
    InternationalBody: URIRef
    NonGovernmentalOrganization: URIRef
    SpecialProcedureMandate: URIRef
    CountryVisit: URIRef
    Mention: URIRef
    ThematicList: URIRef
    ThematicListEntry: URIRef
    RightsTag: URIRef
    PublishedTag: URIRef
    InferredTag: URIRef
    Repetition: URIRef
    SimilarityMethod: URIRef

    stateUnderReview: URIRef
    cycle: URIRef
    forReview: URIRef
    reportsOnReview: URIRef
    workingGroupSession: URIRef
    sourceFile: URIRef
    order: URIRef
    chapterNumber: URIRef
    reportsOn: URIRef
    recommendationsAsPrinted: URIRef
    theme: URIRef
    paragraphNumber: URIRef
    text: URIRef
    itemLabel: URIRef
    buildRecord: URIRef
    recommendationNumber: URIRef
    issuedIn: URIRef
    concernsTheme: URIRef
    respondsTo: URIRef
    responseStatus: URIRef
    statedIn: URIRef
    statedInDocument: URIRef
    recommendedBy: URIRef
    inParagraph: URIRef
    responseText: URIRef
    addendumTo: URIRef
    instrumentKind: URIRef
    instrumentNumber: URIRef
    jurisdiction: URIRef
    approvedBy: URIRef
    eventType: URIRef
    onInstrument: URIRef
    byInstrument: URIRef
    actingState: URIRef
    article: URIRef
    reportedIn: URIRef
    mandate: URIRef
    mandateHolder: URIRef
    visitedState: URIRef
    visitYear: URIRef
    visitStatus: URIRef
    datePrinted: URIRef
    listsRecommendationsOf: URIRef
    listedRecommendation: URIRef
    textInList: URIRef
    listedPosition: URIRef
    positionSource: URIRef
    positionStatedIn: URIRef
    positionParagraph: URIRef
    listedUnderTheme: URIRef
    tagged: URIRef
    tagConcept: URIRef
    inferenceMethod: URIRef
    repeats: URIRef
    repeatingRecommendation: URIRef
    repeatedRecommendation: URIRef
    similarity: URIRef
    sharedWords: URIRef
    similarityMethod: URIRef
    threshold: URIRef
    confidence: URIRef


KIND = Namespace("https://w3id.org/uprgraph/ns/instrument-kind/")
EVENT = Namespace("https://w3id.org/uprgraph/ns/event-type/")
RESPONSE = Namespace("https://w3id.org/uprgraph/ns/response-status/")
VISIT = Namespace("https://w3id.org/uprgraph/ns/visit-status/")
METHOD_NS = Namespace("https://w3id.org/uprgraph/ns/method/")  # the methods behind inferred links (ontology/uprgraph.ttl)
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "upr": Namespace(NS), "kind": KIND, "event": EVENT, "resp": RESPONSE, "visit": VISIT, "method": METHOD_NS, "eli": ELI,
    "org": ORG, "oa": OA, "schema": SCHEMA, "wd": WD, "dcterms": DCTERMS, "foaf": FOAF, "owl": OWL,
    "prov": PROV, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "xsd": XSD,
}


def new_graph() -> Graph:
    """An empty rdflib Graph with our prefixes bound."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g
