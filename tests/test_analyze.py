"""analyze() on the default graph: centrality, components, communities, and coverage checked against SPARQL."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
import sparql_count
from snapshots import snapshot

from uprgraph.analyze import analyze, format_analysis, recommendation_coverage, theme_coverage
from uprgraph.errors import UsageError
from uprgraph.pipeline import default_graph
from uprgraph.query.runner import run_query

SNAPSHOT = snapshot("analyze")
PREFIXES = """PREFIX upr: <https://w3id.org/uprgraph/ns#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
# Written apart from analyze.py, straight from the definitions: the recommendations of a theme are
# those a section with that theme reports on; what is behind a recommendation is what is mentioned
# (for a treaty action: reported) in a paragraph of any section that reports on it.
THEME_RECS = "SELECT DISTINCT ?theme ?rec WHERE { ?section upr:theme ?theme ; upr:reportsOn ?rec }"
BEHIND = {
    "instrument": """SELECT DISTINCT ?rec WHERE {
        ?s upr:reportsOn ?rec . ?p dcterms:isPartOf ?s . ?target oa:hasSource ?p .
        ?m oa:hasTarget ?target ; oa:hasBody ?b . ?b upr:instrumentKind ?k ; upr:jurisdiction ?state }""",
    "treaty_action": """SELECT DISTINCT ?rec WHERE {
        ?s upr:reportsOn ?rec . ?p dcterms:isPartOf ?s .
        ?e upr:reportedIn ?p ; a upr:InstrumentEvent ; upr:onInstrument ?t . ?t a upr:Treaty }""",
    "institution": """SELECT DISTINCT ?rec WHERE {
        ?s upr:reportsOn ?rec . ?p dcterms:isPartOf ?s . ?target oa:hasSource ?p .
        ?m oa:hasTarget ?target ; oa:hasBody ?b . ?b a upr:Institution }""",
}


@pytest.fixture(scope="module")
def g():  # type: ignore[no-untyped-def]
    return default_graph()


@pytest.fixture(scope="module")
def analysis(g):  # type: ignore[no-untyped-def]
    return analyze(g, top=10)


@pytest.fixture(scope="module")
def sparql_coverage(g):  # type: ignore[no-untyped-def]
    theme_recs: dict[str, set[str]] = defaultdict(set)
    for theme, rec in g.query(PREFIXES + THEME_RECS):
        theme_recs[str(theme)].add(str(rec))
    behind = {family: {str(r) for (r,) in g.query(PREFIXES + q)} for family, q in BEHIND.items()}
    return theme_recs, behind


def test_coverage_per_theme_equals_sparql(analysis, sparql_coverage):
    theme_recs, behind = sparql_coverage
    assert {c.iri for c in analysis.coverage} == set(theme_recs) and theme_recs
    any_of = behind["instrument"] | behind["treaty_action"] | behind["institution"]
    for row in analysis.coverage:
        recs = theme_recs[row.iri]
        assert row.recommendations == len(recs), row.theme
        assert row.with_instrument == len(recs & behind["instrument"]), row.theme
        assert row.with_treaty_action == len(recs & behind["treaty_action"]), row.theme
        assert row.with_institution == len(recs & behind["institution"]), row.theme
        assert row.covered == len(recs & any_of), row.theme
        assert row.not_covered == len(recs - any_of), row.theme


def test_overall_coverage_equals_sparql(g, analysis, sparql_coverage):
    _, behind = sparql_coverage
    reported = {str(r) for (r,) in g.query(PREFIXES + "SELECT DISTINCT ?r WHERE { ?s upr:reportsOn ?r }")}
    assert analysis.recommendations == 102 + 26  # A/HRC/14/10 prints 95.1-95.102 and 97.1-97.26
    assert analysis.reported_on == len(reported) > 0
    assert analysis.with_instrument == len(behind["instrument"]) > 0
    assert analysis.with_treaty_action == len(behind["treaty_action"]) > 0
    assert analysis.with_institution == len(behind["institution"]) > 0
    any_of = behind["instrument"] | behind["treaty_action"] | behind["institution"]
    assert analysis.covered == len(reported & any_of)
    assert set(analysis.uncovered) == {r.rsplit("/", 1)[1] for r in reported - any_of}
    assert analysis.not_reported == ["95.53", "95.55", "95.56", "95.57", "95.58", "95.61", "95.62", "95.69",
                                     "95.76", "97.2", "97.3", "97.4"]


def test_recommendations_without_instruments_agree_with_the_canned_query(g):
    canned = {row[0] for row in run_query(g, "recommendations-without-instruments", {}).rows}
    mine = {c.recommendation for c in recommendation_coverage(g).values() if not c.instruments}
    assert mine == canned == {"95.8", "95.97", "95.98", "95.99"}
    # all four are International cooperation's, which has an institution behind each
    cooperation = next(c for c in theme_coverage(g) if c.theme == "International cooperation")
    assert (cooperation.recommendations, cooperation.with_instrument, cooperation.covered) == (5, 1, 5)


def test_centrality_top_per_type(g, analysis):
    by_type = {t.type: t for t in analysis.centrality}
    for cls in ("LegalInstrument", "StateBody", "Treaty"):
        assert by_type[cls].nodes == sparql_count.of_class(g, cls) > 0, cls
    assert [r.label for r in by_type["LegalInstrument"].by_degree[:3]] == [
        "Criminal Code", "Code of Criminal Procedure", "Code of Administrative Offences"]
    assert by_type["LegalInstrument"].by_degree[0].degree == SNAPSHOT["criminal_code_degree"]
    assert by_type["LegalInstrument"].by_betweenness[0].label == "Criminal Code"
    # designations every State has are labelled from designation and State (graph/build.py)
    assert [r.label for r in by_type["StateBody"].by_degree[:2]] == ["President of Kazakhstan", "Government of Kazakhstan"]
    assert by_type["StateBody"].by_betweenness[0].label == "Government of Kazakhstan"
    assert by_type["State"].by_degree[0].label == "Kazakhstan"
    assert by_type["Treaty"].by_degree[0].label == "Convention on the Rights of Persons with Disabilities"
    assert by_type["NationalHumanRightsInstitution"].by_degree[0].label == "Human Rights Commissioner (Ombudsman)"
    for t in analysis.centrality:
        assert len(t.by_degree) == min(10, t.nodes)
        degrees = [r.degree for r in t.by_degree]
        assert degrees == sorted(degrees, reverse=True)
        between = [r.betweenness for r in t.by_betweenness]
        assert between == sorted(between, reverse=True)


def test_components_and_communities(analysis):
    # No second source computes these: kept as regression snapshots in tests/snapshots.json
    # (python tools/refresh_snapshots.py rewrites them; the diff is what a reviewer reads).
    assert (analysis.nodes, analysis.edges) == (SNAPSHOT["nodes"], SNAPSHOT["edges"])
    assert analysis.components == 1 and analysis.component_sizes == [analysis.nodes]
    assert sum(c.size for c in analysis.communities) == analysis.nodes
    assert len(analysis.communities) == SNAPSHOT["communities"]
    assert analysis.modularity == pytest.approx(SNAPSHOT["modularity"], abs=1e-4)
    sizes = [c.size for c in analysis.communities]
    assert sizes == sorted(sizes, reverse=True)
    # the criminal codes and their amendments fall in one community
    assert any({"Criminal Code", "Code of Criminal Procedure"} <= set(c.members) for c in analysis.communities)


def test_formatters(analysis):
    table = format_analysis(analysis, "table")
    assert "Coverage by theme" in table and "Criminal Code" in table
    assert "International cooperation" in table
    markdown = format_analysis(analysis, "markdown")
    assert markdown.startswith("# Analysis") and "| theme | recs |" in markdown
    data = json.loads(format_analysis(analysis, "json"))
    assert data["reported_on"] == analysis.reported_on and len(data["coverage"]) == len(analysis.coverage)
    assert data["centrality"][0]["by_degree"][0]["iri"].startswith("https://w3id.org/uprgraph/id/")
    with pytest.raises(UsageError):
        format_analysis(analysis, "xml")
