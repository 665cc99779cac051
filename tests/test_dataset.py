"""One dataset from a Working Group report and the national report that follows it up."""

from __future__ import annotations

import csv
import io

from rdflib import URIRef
from rdflib.namespace import RDF, SKOS

from uprgraph.namespaces import UPR
from uprgraph.query.runner import format_csv, run_query

BASE = "https://w3id.org/uprgraph/id/"
REC = URIRef(BASE + "review/KAZ/1/recommendation/95.43")


def rows(graph, name, **params):
    return list(csv.DictReader(io.StringIO(format_csv(run_query(graph, name, params)))))


def test_the_pair_builds_and_conforms(pair):
    s = pair.summary
    assert s["documents"] == "A/HRC/14/10, A/HRC/WG.6/20/KAZ/1"
    assert (s["recommendations"], s["with text"], s["conforms"]) == (128, 128, True)
    assert [source.kind for source in pair.sources] == ["working-group-report", "national-report"]


def test_a_recommendation_is_one_node_across_the_documents(pair):
    g = pair.graph
    assert (REC, RDF.type, UPR.Recommendation) in g
    assert str(g.value(REC, UPR.text)).startswith("To continue efforts to eliminate torture")
    sections = set(g.subjects(UPR.reportsOn, REC))
    assert len(sections) == 2  # the national report lists 95.43 under two headings
    wg, national = pair.sources
    assert (REC, UPR.text, None) in wg.graph and (None, UPR.reportsOn, REC) in national.graph


def test_from_text_and_authors_to_the_laws_reported_under_it(pair):
    found = rows(pair.graph, "instruments-for-recommendation", rec="95.43")
    assert found and {r["text"] for r in found} == {str(pair.graph.value(REC, UPR.text))}
    assert "Government decision No. 430, of 7 April 2012" in {r["quote"] for r in found}


def test_recommendations_query(pair):
    by_number = {r["recommendation"]: r for r in rows(pair.graph, "recommendations")}
    assert len(by_number) == 128
    assert by_number["95.3"]["recommending_states"] in ("Slovenia; Republic of Korea", "Republic of Korea; Slovenia")
    assert by_number["95.7"]["response"] == "already implemented; supported"
    assert by_number["95.7"]["response_source"] == "A/HRC/14/10"
    # examined in 2010, not accepted in the national report of 2014: the latest response is the national report's
    assert set(by_number["97.1"]["all_responses"].split("; ")) == {"to be examined (A/HRC/14/10)", "not accepted (A/HRC/WG.6/20/KAZ/1)"}
    assert (by_number["97.1"]["response"], by_number["97.1"]["response_source"]) == ("not accepted", "A/HRC/WG.6/20/KAZ/1")
    assert by_number["97.1"]["review"] == "Kazakhstan, UPR cycle 1"


def test_recommending_states(pair):
    counts = {r["state"]: int(r["recommendations"]) for r in rows(pair.graph, "recommending-states")}
    assert len(counts) == 45
    assert counts["Norway"] == 7 and counts["Slovenia"] == 7
    assert sum(counts.values()) == 129  # 128 recommendations, 95.3 made by two States


def test_recommendations_by_state(pair):
    korea = rows(pair.graph, "recommendations-by-state", by="KOR")
    assert {r["state"] for r in korea} == {"Republic of Korea"}
    assert "95.3" in {r["recommendation"] for r in korea}
    assert rows(pair.graph, "recommendations-by-state", by="korea") == korea
    assert len(rows(pair.graph, "recommendations-by-state")) == 129


def test_states_are_nodes_with_iso_codes(pair):
    g = pair.graph
    korea = URIRef(BASE + "state/KOR")
    assert (korea, RDF.type, UPR.State) in g and str(g.value(korea, SKOS.notation)) == "KOR"
