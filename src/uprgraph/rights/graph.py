"""Where rights meet the pipeline: a thematic list's graph, and the inferred tags of a Working Group report's
recommendations (from their text) and of a national report's (from the section headings that list them).
The latter two read the document's own triples, so the IRIs are the ones its builder minted."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDF, SKOS

from ..errors import UprgraphError
from ..graph.triples import Triples
from ..ingest.working_group import WorkingGroupReport
from ..namespaces import UPR
from . import triples as rights
from .thematic_list import ThematicList


def list_triples(listed: ThematicList, base_iri: str, reports: list[WorkingGroupReport]) -> tuple[Triples, list[str]]:
    """A thematic list's graph. Its State and review are those of the Working Group report it lists, when
    that report is among the inputs; else the file name's ("UPR20_Slovenia_...": session 20, Slovenia)."""
    from .. import registries
    from ..ingest.states import resolve_state

    symbol = listed.report_symbol
    report = next((r for r in reports if symbol and r.symbol == symbol), None)
    if report is not None:
        state, session = report.state_code, report.wg_session
    else:
        session, name = listed.session_and_state
        found = resolve_state(name) if name else None
        state = found.iso3 if found else None
    if not state or not session:
        raise UprgraphError(f"{listed.name}: cannot tell which State's review this thematic list is about "
                            f"(give its Working Group report {symbol or ''} too, or keep the UN's file name UPR<session>_<State>_...)")
    cycle = registries.cycle_of_session(session) or "unknown"
    return rights.published_triples(listed, base_iri, state, cycle, symbol)


def working_group_tags(document: Triples) -> Triples:
    """Inferred tags of every recommendation that has its text in this document."""
    recs = set(document.subjects(RDF.type, UPR.Recommendation))
    texts = sorted((s, str(o)) for s, p, o in document if p == UPR.text and s in recs)
    review = {s: o for s, p, o in document if p == UPR.issuedIn}
    cycle = {s: o.toPython() for s, p, o in document if p == UPR.cycle}
    return rights.inferred_triples(texts, {rec for rec, _ in texts if _later(cycle.get(review.get(rec)))})


def _later(cycle: object) -> bool:
    """Whether a review's recommendations are tagged as the lists of the 3rd cycle on tag: the lists of the 1st
    and 2nd cycles printed the coded vocabulary and tagged less (README "Rights"); an unknown cycle is taken
    as a current one."""
    return not (isinstance(cycle, int) and cycle <= 2)


def national_report_tags(document: Triples) -> Triples:
    """Each section theme mapped onto UHRI themes, and the recommendations listed under it tagged with them."""
    themes: dict[URIRef, URIRef] = {}  # section -> its theme concept
    listed: dict[URIRef, list[URIRef]] = {}
    labels: dict[URIRef, str] = {}
    for s, p, o in document:
        if p == UPR.theme:
            themes[s] = o
        elif p == UPR.reportsOn:
            listed.setdefault(s, []).append(o)
        elif p == SKOS.prefLabel:
            labels[s] = str(o)
    sections: dict[URIRef, tuple[str, list[URIRef]]] = {}
    for section, theme in themes.items():
        heading, recs = sections.setdefault(theme, (labels.get(theme, ""), []))
        recs.extend(r for r in listed.get(section, []) if r not in recs)
    return rights.heading_triples(sorted((t, h, sorted(r)) for t, (h, r) in sections.items()))

