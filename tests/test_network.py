"""Network projections of the default graph and their GraphML, GEXF and Cytoscape JSON files."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
import sparql_count
from lxml import etree

from uprgraph import network
from uprgraph.errors import UsageError
from uprgraph.pipeline import default_graph

GEXF_XSD = Path(__file__).parent / "data" / "gexf" / "gexf.xsd"
REC_9543 = "https://w3id.org/uprgraph/id/review/KAZ/1/recommendation/95.43"


@pytest.fixture(scope="module")
def g():  # type: ignore[no-untyped-def]
    return default_graph()


@pytest.fixture(scope="module")
def views(g):  # type: ignore[no-untyped-def]
    return {name: build(g) for name, build in network.VIEWS.items()}


def test_full_network_has_the_typed_content_and_no_plumbing(g, views):
    full = views["full"]
    assert isinstance(full, nx.MultiDiGraph)
    types = Counter(data["type"] for _, data in full.nodes(data=True))
    # Each class's nodes as many as a SPARQL count of the resources whose most specific type it is: a State
    # body is not reported as a plain Institution.
    for cls in ("Recommendation", "Paragraph", "Treaty", "LegalInstrument", "PolicyInstrument", "StateBody"):
        assert types[cls] == sparql_count.of_class(g, cls) > 0, cls
    assert types["Recommendation"] == 102 + 26  # A/HRC/14/10 prints 95.1-95.102 and 97.1-97.26
    for plumbing in ("Mention", "Annotation", "SpecificResource", "TextQuoteSelector", "Dataset", "SoftwareAgent"):
        assert plumbing not in types
    assert not any("/mention/" in n for n in full)
    for n, data in full.nodes(data=True):
        assert data["iri"] == n and data["label"] and data["type"]
    assert full.nodes[REC_9543]["label"] == "Recommendation 95.43"


def test_full_network_edges_carry_the_predicate_label(g, views):
    full = views["full"]
    labels = Counter(data["label"] for *_, data in full.edges(data=True))
    # rdfs:label of upr:reportsOn in the ontology; and as many edges as the graph has triples
    assert labels["reports on"] == sparql_count.count(g, "SELECT (COUNT(*) AS ?n) WHERE { ?s upr:reportsOn ?r }") > 0
    # a reused term: its local name
    assert labels["isPartOf"] == sparql_count.count(g, "SELECT (COUNT(*) AS ?n) WHERE { ?s dcterms:isPartOf ?r }") > 0
    # every mention folded into one edge per entity and paragraph, weight = mentions
    mentions = [d for *_, d in full.edges(data=True) if d["label"] == network.MENTIONED_IN]
    assert len(mentions) == sparql_count.count(g, """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?body ?p
        WHERE { ?m a upr:Mention ; oa:hasBody ?body ; oa:hasTarget/oa:hasSource ?p } }""")
    assert sum(d["weight"] for d in mentions) == sparql_count.count(
        g, "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a upr:Mention }") > len(mentions)
    code = "https://w3id.org/uprgraph/id/instrument/KAZ/code/criminal-code"
    into = [(p, d) for _, p, d in full.out_edges(code, data=True) if d["label"] == network.MENTIONED_IN]
    assert into and all(full.nodes[p]["type"] == "Paragraph" for p, _ in into)
    assert all(d["quotes"] for _, d in into)


def test_recommendation_instrument_matches_sparql(g, views):
    bip = views["recommendation-instrument"]
    assert {d["bipartite"] for _, d in bip.nodes(data=True)} == {0, 1}
    assert all(bip.nodes[n]["type"] == "Recommendation" for n, d in bip.nodes(data=True) if d["bipartite"] == 0)
    rows = g.query("""
        PREFIX upr: <https://w3id.org/uprgraph/ns#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?rec ?i (COUNT(DISTINCT ?m) AS ?n) WHERE {
          ?s upr:reportsOn ?rec . ?p dcterms:isPartOf ?s .
          ?target oa:hasSource ?p . ?m oa:hasTarget ?target ; oa:hasBody ?i .
          ?i upr:instrumentKind ?k ; upr:jurisdiction ?state .
        } GROUP BY ?rec ?i""")
    expected = {(str(r), str(i)): int(n) for r, i, n in rows}
    got = {tuple(sorted((a, b), key=lambda x: bip.nodes[x]["bipartite"])): d["weight"]
           for a, b, d in bip.edges(data=True)}
    assert got == expected
    assert bip.degree(REC_9543) > 0


def test_institution_comention_matches_sparql(g, views):
    co = views["institution-comention"]
    assert co.number_of_nodes() == sparql_count.count(g, """SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
        ?x a ?c . ?c rdfs:subClassOf* upr:Institution }""")  # every institution, co-mentioned or not
    rows = g.query("""
        PREFIX upr: <https://w3id.org/uprgraph/ns#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?a ?b (COUNT(DISTINCT ?p) AS ?n) WHERE {
          ?ma oa:hasBody ?a ; oa:hasTarget/oa:hasSource ?p . ?a a upr:Institution .
          ?mb oa:hasBody ?b ; oa:hasTarget/oa:hasSource ?p . ?b a upr:Institution .
          FILTER(STR(?a) < STR(?b))
        } GROUP BY ?a ?b""")
    expected = {(str(a), str(b)): int(n) for a, b, n in rows}
    assert {tuple(sorted((a, b))): d["weight"] for a, b, d in co.edges(data=True)} == expected
    government = "https://w3id.org/uprgraph/id/institution/KAZ/government"
    parliament = "https://w3id.org/uprgraph/id/institution/KAZ/parliament"
    assert co[government][parliament] == {"weight": 2, "paragraphs": "6, 127"}


def test_theme_treaty(g, views):
    tt = views["theme-treaty"]
    themes = sparql_count.count(g, "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?s upr:theme ?t }")
    treaties = sparql_count.count(g, "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a upr:Treaty }")
    assert Counter(d["type"] for _, d in tt.nodes(data=True)) == {"Concept": themes, "Treaty": treaties}
    assert tt.number_of_edges() == sparql_count.count(g, """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?theme ?t
        WHERE { ?m oa:hasBody ?t ; oa:hasTarget/oa:hasSource ?p . ?t a upr:Treaty . ?p dcterms:isPartOf ?s .
                ?s upr:theme ?theme } }""") > 0
    crpd = "https://w3id.org/uprgraph/id/treaty/crpd"
    special_needs = "https://w3id.org/uprgraph/id/theme/protection-of-persons-with-special-needs"
    assert tt[special_needs][crpd] == {"weight": 3, "paragraphs": "234, 238"}
    assert tt.nodes[crpd]["bipartite"] == 1 and tt.nodes[special_needs]["bipartite"] == 0


def _normalise(data: dict) -> dict:  # type: ignore[type-arg]
    # GEXF reads the weight back as a float and adds the edge id and networkx's multigraph key
    out = {k: v for k, v in data.items() if k not in ("id", "networkx_key")}
    if "weight" in out:
        out["weight"] = int(out["weight"])
    return out


@pytest.mark.parametrize("view", list(network.VIEWS))
def test_graphml_and_gexf_read_back_with_every_attribute(views, view):
    original = views[view]
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        back = reader(io.BytesIO(network.write_network(original, fmt)))
        assert set(back.nodes) == set(original.nodes), fmt
        for n, data in original.nodes(data=True):
            assert back.nodes[n] == data, (fmt, n)
        assert back.number_of_edges() == original.number_of_edges(), fmt
        if original.is_multigraph():
            keyed = {(u, v, k): _normalise(d)  # GEXF keeps the key as networkx_key, read back as the key
                     for u, v, k, d in back.edges(keys=True, data=True)}
            for u, v, k, data in original.edges(keys=True, data=True):
                assert keyed[(u, v, k)] == data, (fmt, u, v, k)
        else:
            for u, v, data in original.edges(data=True):
                assert _normalise(back[u][v]) == data, (fmt, u, v)


@pytest.mark.parametrize("view", list(network.VIEWS))
def test_gexf_validates_against_the_schema(views, view):
    schema = etree.XMLSchema(etree.parse(str(GEXF_XSD)))
    document = etree.fromstring(network.write_network(views[view], "gexf"))
    assert schema.validate(document), schema.error_log.last_error
    assert document.get("version") == "1.2"


def test_cytoscape_json_elements(views):
    data = json.loads(network.write_network(views["full"], "cytoscape-json"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert len(nodes) == views["full"].number_of_nodes() and len(edges) == views["full"].number_of_edges()
    for node in nodes:
        assert {"id", "label", "type", "iri"} <= set(node["data"])
    rec = next(n for n in nodes if n["data"]["id"] == REC_9543)
    assert rec["data"]["label"] == "Recommendation 95.43" and rec["data"]["type"] == "Recommendation"
    assert all({"source", "target", "label"} <= set(e["data"]) for e in edges)


@pytest.mark.parametrize("fmt", list(network.FORMATS))
def test_writers_are_byte_identical(g, views, fmt):
    first = network.write_network(views["recommendation-instrument"], fmt)
    again = network.write_network(network.recommendation_instrument(g), fmt)
    assert first == again


def test_full_network_is_byte_identical_from_a_fresh_build(g, views):
    assert network.write_network(views["full"], "gexf") == network.write_network(network.full_network(g), "gexf")


def test_unknown_format_and_view_are_usage_errors(g, views):
    with pytest.raises(UsageError, match="unknown network format"):
        network.write_network(views["theme-treaty"], "dot")
    with pytest.raises(UsageError, match="unknown network view"):
        network.network(g, "nope")
