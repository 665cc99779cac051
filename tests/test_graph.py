"""The graph: determinism, base IRIs, validation, links out, and every canned query's columns."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from uprgraph import resources
from uprgraph.errors import UsageError
from uprgraph.namespaces import UPR, WD
from uprgraph.pipeline import build, serialize_turtle
from uprgraph.query.catalog import load_catalog
from uprgraph.query.runner import format_csv, run_query
from uprgraph.validate import validate

BASE = "https://w3id.org/uprgraph/id/"
COLUMNS = {
    "recommendations-by-section": ["section", "recommendation"],
    "instruments": ["paragraph", "instrument", "kind", "number", "date", "issuer", "quote"],
    "treaties": ["paragraph", "treaty", "wikidata", "event", "date", "quote"],
    "institutions": ["paragraph", "institution", "quote"],
    "rapporteur-visits": ["mandate", "person", "year", "paragraph"],
    "not-accepted": ["recommendation", "section"],
    "instruments-for-recommendation": ["recommendation", "instrument", "kind", "date", "paragraph", "quote"],
    "recommendations-for-instrument": ["instrument", "recommendation", "section", "paragraph"],
    "instrument-timeline": ["date", "instrument", "kind", "event", "paragraph"],
    "recommendations-without-instruments": ["recommendation", "section"],
    "recommendations-in-several-sections": ["recommendation", "sections"],
    "paragraph": ["paragraph", "section", "recommendations", "text"],
}
PARAMS = {
    "instruments-for-recommendation": {"rec": "95.43"},
    "recommendations-for-instrument": {"instrument": "Criminal Code"},
    "paragraph": {"n": "183"},
}


def rows(graph, name, **params):
    result = run_query(graph, name, params or PARAMS.get(name, {}))
    return list(csv.DictReader(io.StringIO(format_csv(result))))


def test_summary(built):
    s = built.summary
    assert (s["paragraphs"], s["sections"], s["conforms"]) == (242, 27, True)
    assert s["recommendations"] >= 110 and s["instruments"] >= 80 and s["treaties"] >= 12
    assert s["institutions"] >= 50 and s["visits"] == 12
    assert s["triples"] == len(built.graph)


def test_two_builds_are_byte_identical(report_bytes, built):
    again = build(report_bytes, resources.DEFAULT_REPORT, validate=False)
    assert serialize_turtle(again.graph) == serialize_turtle(built.graph)


def test_base_iri_is_configurable(report_bytes):
    result = build(report_bytes, "r.txt", base_iri="https://example.org/upr", validate=False)
    graph = result.sources[0].graph  # the description also names the software, which has its own IRI
    subjects = {str(s) for s in graph.subjects() if isinstance(s, URIRef)}
    # the shared vocabularies of rights (UHRI themes, groups, SDGs) keep their fixed IRIs, like the ontology's terms
    shared = {s for s in subjects if s.startswith("https://w3id.org/uprgraph/vocab/")}
    assert subjects - shared and all(s.startswith("https://example.org/upr/") for s in subjects - shared)
    assert "https://example.org/upr/review/KAZ/1/recommendation/95.43" in subjects


def test_bad_base_iri(report_bytes):
    with pytest.raises(UsageError, match="not an absolute IRI"):
        build(report_bytes, "r.txt", base_iri="not an iri", validate=False)


def test_recommendations_are_scoped_to_the_first_review(built):
    rec = URIRef(BASE + "review/KAZ/1/recommendation/95.43")
    assert (rec, RDF.type, UPR.Recommendation) in built.graph
    assert (rec, UPR.issuedIn, URIRef(BASE + "review/KAZ/1")) in built.graph
    document = URIRef(BASE + "document/A-HRC-WG.6-20-KAZ-1")
    assert (document, UPR.forReview, URIRef(BASE + "review/KAZ/2")) in built.graph


def test_themes_are_a_skos_scheme_linked_to_recommendations(built):
    theme = URIRef(BASE + "theme/right-to-life")
    rec = URIRef(BASE + "review/KAZ/1/recommendation/97.16")
    assert (rec, UPR.concernsTheme, theme) in built.graph


def test_links_out_only_where_verified(built):
    g = built.graph
    assert (URIRef(BASE + "treaty/iccpr"), None, WD["Q392119"]) in g
    assert (URIRef(BASE + "state/KAZ"), None, WD["Q232"]) in g
    assert not list(g.objects(URIRef(BASE + "treaty/crpd"), None)) or all(
        not str(o).startswith(str(WD)) for o in g.objects(URIRef(BASE + "treaty/crpd"), None)
    )


def test_a_broken_graph_fails_validation_with_the_right_message(built):
    broken = Graph()
    for triple in built.graph:
        broken.add(triple)
    rec = URIRef(BASE + "review/KAZ/1/recommendation/95.43")
    broken.remove((rec, UPR.recommendationNumber, None))
    broken.add((rec, UPR.recommendationNumber, Literal("95.x")))
    report = validate(broken)
    assert not report.conforms
    (result,) = report.results
    assert result.focus_node.endswith("recommendation/95.43>")
    assert "upr:recommendationNumber" in result.path
    assert "95.43" in result.message and "e.g." in result.message
    assert "Recommendation" in result.shape


def test_every_canned_query_is_listed_with_a_header():
    catalog = load_catalog()
    assert set(COLUMNS) <= set(catalog)
    for query in catalog.values():
        assert query.title and query.description


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_query_columns(built, name):
    result = run_query(built.graph, name, PARAMS.get(name, {}))
    assert result.columns[: len(COLUMNS[name])] == COLUMNS[name]
    assert result.rows, f"{name} returned no rows"


def test_instruments_for_recommendation_95_43(built):
    found = rows(built.graph, "instruments-for-recommendation")
    assert {r["recommendation"] for r in found} == {"95.43"}
    by_quote = {r["quote"]: r for r in found}
    assert by_quote["Government decision No. 430, of 7 April 2012"]["date"] == "2012-04-07"
    assert {r["paragraph"] for r in found} >= {"20", "21", "26", "27", "52", "53"}


def test_not_accepted_rows(built):
    found = rows(built.graph, "not-accepted")
    assert sorted({r["recommendation"] for r in found}, key=lambda n: int(n.split(".")[1])) == [
        "97.1", "97.2", "97.3", "97.4", "97.10", "97.12"]
    assert {"recommendation": "97.1", "section": "Right to social security", "paragraph": "5",
            "document": "A/HRC/WG.6/20/KAZ/1"} in found


def test_timeline_years_filter(built):
    found = rows(built.graph, "instrument-timeline", **{"from": "2013", "to": "2013"})
    assert found and all(r["date"].startswith("2013") for r in found)
    assert any(r["instrument"] == "Presidential Decree No. 648 of 24 September 2013" for r in found)


def test_paragraph_query(built):
    (row,) = rows(built.graph, "paragraph", n="183")
    assert row["recommendations"] == "95.31" and row["section"] == "Counteracting extremism and terrorism"
    assert row["text"].endswith("Presidential Decree No. 648 of 24 September 2013.")


def test_recommendations_in_several_sections(built):
    found = {r["recommendation"]: r["sections"] for r in rows(built.graph, "recommendations-in-several-sections")}
    assert "95.43" in found and "Protection against torture" in found["95.43"]


def test_hostile_parameter_changes_nothing(built):
    assert rows(built.graph, "instruments-for-recommendation", rec='95.43" } ; DROP ALL #') == []


def test_a_theme_leads_to_its_instruments(built):
    found = rows(built.graph, "instruments-for-theme", theme="women")
    assert {r["theme_label"] for r in found} == {"Women\u2019s rights"}
    assert any(r["kind"] == "act" and r["paragraph"] == "130" for r in found)


def test_packaged_data_travel_in_the_installed_package():
    import uprgraph

    package = Path(uprgraph.__file__).resolve().parent
    if (package.parent.name == "src"):
        pytest.skip("running from a source checkout; .ci/run installs the wheel and runs this for real")
    for kind in ("ontology", "shapes", "queries", "registries", "reports"):
        folder = Path(str(resources.data_dir(kind)))
        assert folder.resolve().is_relative_to(package), kind
        assert any(folder.iterdir()), kind
