"""Addendum -> triples: the document, and a upr:StateResponse per recommendation it answers, beside
the Working Group report's own ("to be examined"), each with the document that records it.

The recommendations are the Working Group report's nodes (review/<State>/<cycle>/recommendation/
<number>); bare numbers arrive resolved (``ingest.numbering``), and those that could not be are
left out by the pipeline, with a warning.
"""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from ..ingest.addendum import Addendum
from ..namespaces import RESPONSE, UPR
from .build import recommendation_node, review_node, state_node
from .iris import Minter, symbol_slug
from .triples import Triples


def addendum_triples(addendum: Addendum, numbers: dict[str, str], cycle: int | str, base_iri: str) -> Triples:
    """``numbers`` maps each printed number to the recommendation's full number; ``cycle`` is the review's."""
    g = Triples()
    code = addendum.state_code or "unknown"
    iri = Minter(base_iri, symbol_slug(addendum.symbol) if addendum.symbol else addendum.name, code)
    state_node(g, iri, code)
    review = review_node(g, iri, code, cycle)
    doc = iri.document()
    g.add((doc, RDF.type, UPR.Addendum))
    g.add((doc, UPR.sourceFile, Literal(addendum.name)))
    g.add((doc, UPR.forReview, review))
    if addendum.symbol:
        g.add((doc, DCTERMS.identifier, Literal(addendum.symbol)))
        g.add((doc, RDFS.label, Literal(f"Addendum to the report of the Working Group {addendum.parent_symbol}: "
                                        "views of the State under review", lang="en")))
    if addendum.parent_symbol:
        parent = Minter(base_iri, symbol_slug(addendum.parent_symbol), code).document()
        g.add((doc, UPR.addendumTo, parent))
    if addendum.date:
        g.add((doc, DCTERMS.issued, Literal(addendum.date, datatype=XSD.date)))
    for response in addendum.responses:
        number = numbers.get(response.number)
        if number is None:
            continue
        rec = recommendation_node(g, iri, cycle, number)
        node = iri.response(cycle, number, response.status)
        g.add((node, RDF.type, UPR.StateResponse))
        g.add((node, UPR.respondsTo, rec))
        g.add((node, UPR.responseStatus, RESPONSE[response.status]))
        g.add((node, UPR.statedInDocument, doc))
        g.add((node, RDFS.label, Literal(f"{response.status.replace('-', ' ')}: {number}", lang="en")))
        if response.paragraph is not None:
            g.add((node, UPR.inParagraph, Literal(response.paragraph, datatype=XSD.integer)))
        if response.comment:
            g.add((node, UPR.responseText, Literal(response.comment)))
    return g
