"""Recommended again, as triples: each later recommendation that repeats an earlier one (link.repeats) gets
``upr:repeats`` to it, and a qualified link node that says how surely and how it was found:

    review/KAZ/2/recommendation/126.38 upr:repeats review/KAZ/1/recommendation/97.11
    review/KAZ/2/recommendation/126.38/repeats/1/97.11
        a upr:Repetition ; upr:repeatingRecommendation <126.38> ; upr:repeatedRecommendation <97.11> ;
        upr:similarity 0.571 ; upr:sharedWords "defam libel ..." ; upr:similarityMethod method:word-containment-v1 ;
        prov:wasGeneratedBy document/A-HRC-28-10/repeat-search/A-HRC-14-10
    document/A-HRC-28-10/repeat-search/A-HRC-14-10 a prov:Activity ; prov:used <the two reports> ;
        upr:similarityMethod method:word-containment-v1

They live in the later Working Group report's graph: it is built with the earlier report among its inputs
(a corpus build records that dependence, so either report changing rebuilds it). The earlier recommendations
and their review are typed here too, as the earlier report types them, so the graph validates alone.
"""

from __future__ import annotations

from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from .. import registries
from ..link.repeats import METHOD, THRESHOLD, find_repeats, previous_reports
from ..namespaces import METHOD_NS, UPR
from .build import review_node, state_node
from .iris import Minter, safe, symbol_slug
from .literals import decimal
from .triples import Triples


def repeat_triples(report: Any, reports: list[Any], base_iri: str) -> Triples:
    """The links from ``report``'s recommendations to those of the same State's previous review among
    ``reports`` (Working Group reports, or what a corpus build keeps of them)."""
    g = Triples()
    code = report.state_code
    later_cycle = registries.cycle_of_session(report.wg_session) if report.wg_session else None
    if not code or not report.symbol or later_cycle is None:
        return g
    later_iri = Minter(base_iri, symbol_slug(report.symbol), code)
    later = [(r.number, r.text) for r in report.recommendations if r.text]
    for previous in previous_reports(report, reports):
        earlier_cycle = later_cycle - 1
        earlier_iri = Minter(base_iri, symbol_slug(previous.symbol), code)
        repeats = find_repeats([(r.number, r.text) for r in previous.recommendations if r.text], later)
        if not repeats:
            continue
        method = METHOD_NS[METHOD]
        g.add((method, RDF.type, UPR.SimilarityMethod))
        g.add((method, RDFS.label, Literal(METHOD)))
        g.add((method, UPR.threshold, decimal(THRESHOLD, 2)))
        search = URIRef(f"{later_iri.document()}/repeat-search/{safe(symbol_slug(previous.symbol))}")
        g.add((search, RDF.type, PROV.Activity))
        g.add((search, RDFS.label, Literal(f"Recommendations of {report.symbol} compared with those of {previous.symbol}", lang="en")))
        g.add((search, PROV.used, later_iri.document()))
        g.add((search, PROV.used, earlier_iri.document()))
        g.add((search, UPR.similarityMethod, method))
        state_node(g, earlier_iri, code)
        earlier_review = review_node(g, earlier_iri, code, earlier_cycle)
        for repeat in repeats:
            mine = later_iri.recommendation(later_cycle, repeat.later)
            theirs = earlier_iri.recommendation(earlier_cycle, repeat.earlier)
            g.add((theirs, RDF.type, UPR.Recommendation))
            g.add((theirs, UPR.recommendationNumber, Literal(repeat.earlier)))
            g.add((theirs, RDFS.label, Literal(f"Recommendation {repeat.earlier}", lang="en")))
            g.add((theirs, UPR.issuedIn, earlier_review))
            g.add((mine, UPR.repeats, theirs))
            link = URIRef(f"{mine}/repeats/{earlier_cycle}/{safe(repeat.earlier)}")
            g.add((link, RDF.type, UPR.Repetition))
            g.add((link, UPR.repeatingRecommendation, mine))
            g.add((link, UPR.repeatedRecommendation, theirs))
            g.add((link, UPR.similarity, decimal(repeat.score, 3)))
            g.add((link, UPR.sharedWords, Literal(" ".join(repeat.shared))))
            g.add((link, UPR.similarityMethod, method))
            g.add((link, PROV.wasGeneratedBy, search))
    return g
