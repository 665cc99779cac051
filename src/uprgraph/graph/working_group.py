"""WorkingGroupReport -> rdflib Graph: the review, each recommendation with its text, the States
that made it, and the State's response as the report gives it.

The recommendation IRIs are the ones the national reports use (review/<State>/<cycle>/
recommendation/<number>), so a national report's "95.43" and the Working Group's 95.43 are one node.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from .. import registries
from ..ingest.working_group import ALREADY_IMPLEMENTED, WorkingGroupReport
from ..namespaces import RESPONSE, UPR
from .build import recommendation_node, review_node, state_node
from .iris import Minter, symbol_slug
from .triples import Triples


def build_working_group_graph(report: WorkingGroupReport, base_iri: str) -> Graph:
    return working_group_triples(report, base_iri).graph()


def working_group_triples(report: WorkingGroupReport, base_iri: str) -> Triples:
    g = Triples()
    code = report.state_code or "unknown"
    iri = Minter(base_iri, symbol_slug(report.symbol) if report.symbol else report.name, code)
    cycle: int | str = (registries.cycle_of_session(report.wg_session) if report.wg_session else None) or "unknown"
    state_node(g, iri, code)
    review = review_node(g, iri, code, cycle)
    if report.review_date:
        g.add((review, DCTERMS.date, Literal(report.review_date, datatype=XSD.date)))
    doc = iri.document()
    g.add((doc, RDF.type, UPR.WorkingGroupReport))
    g.add((doc, UPR.sourceFile, Literal(report.name)))
    g.add((doc, UPR.forReview, review))
    if report.symbol:
        g.add((doc, DCTERMS.identifier, Literal(report.symbol)))
        g.add((doc, RDFS.label, Literal(f"Report of the Working Group {report.symbol}", lang="en")))
    if report.wg_session:
        g.add((doc, UPR.workingGroupSession, Literal(report.wg_session, datatype=XSD.integer)))
    if report.date:
        g.add((doc, DCTERMS.issued, Literal(report.date, datatype=XSD.date)))
    for rec in report.recommendations:
        node = recommendation_node(g, iri, cycle, rec.number)
        g.add((node, UPR.text, Literal(rec.text)))
        g.add((node, DCTERMS.source, doc))
        for state_code in rec.state_codes:
            if state_code:  # a name the States registry does not know is left unlinked
                g.add((node, UPR.recommendedBy, state_node(g, iri, state_code)))
        _response(g, iri, node, cycle, rec.number, rec.response, rec.paragraph, doc)
        if rec.already_implemented and rec.response != ALREADY_IMPLEMENTED:
            _response(g, iri, node, cycle, rec.number, ALREADY_IMPLEMENTED, None, doc)
    return g


def _response(g: Triples, iri: Minter, rec: URIRef, cycle: int | str, number: str, status: str,
              paragraph: int | None, doc: URIRef) -> None:
    node = iri.response(cycle, number, status)
    g.add((node, RDF.type, UPR.StateResponse))
    g.add((node, UPR.respondsTo, rec))
    g.add((node, UPR.responseStatus, RESPONSE[status]))
    g.add((node, UPR.statedInDocument, doc))
    g.add((node, RDFS.label, Literal(f"{status.replace('-', ' ')}: {number}", lang="en")))
    if paragraph is not None:
        g.add((node, UPR.inParagraph, Literal(paragraph, datatype=XSD.integer)))
