"""The service description (issue 22): ``GET /sparql`` without a query answers a SPARQL 1.1 Service
Description, in Turtle, JSON-LD, RDF/XML or N-Triples by ``Accept``; a browser gets the query page.

A real server process (with --allow-service, so that federation is declared); each answer is parsed with
rdflib and checked with SPARQL against what the server serves and what the dataset was built with.
"""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, VOID, XSD
from serve_server import PATIENT_LIMIT, get, running

from uprgraph.export.metadata import dataset_iri
from uprgraph.serve import protocol
from uprgraph.serve.description import FORMAT_IRIS, SD
from uprgraph.vocabulary_check import check_terms

BASE = "https://w3id.org/uprgraph/id/"
PREFIXES = "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> PREFIX void: <http://rdfs.org/ns/void#> "


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running(tmp_path_factory.mktemp("describe") / "serve.log", "--workers", "1", "--allow-service",
                 "--timeout", PATIENT_LIMIT, "--max-rows", "4000") as started:
        yield started


@pytest.fixture(scope="module")
def described(server) -> Graph:
    status, headers, body = get(server.url + "/sparql", accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    return Graph().parse(data=body, format="turtle")


def ask(graph: Graph, text: str, **bindings) -> bool:  # type: ignore[no-untyped-def]
    return bool(graph.query(PREFIXES + text, initBindings=bindings).askAnswer)


def test_it_is_a_service_at_this_endpoint(server, described):
    endpoint = URIRef(server.url + "/sparql")
    assert ask(described, "ASK { ?s a sd:Service ; sd:endpoint ?e ; sd:supportedLanguage sd:SPARQL11Query }", e=endpoint)
    services = list(described.query(PREFIXES + "SELECT ?s WHERE { ?s a sd:Service }"))
    assert len(services) == 1
    languages = {row[0] for row in described.query(PREFIXES + "SELECT ?l WHERE { ?s sd:supportedLanguage ?l }")}
    assert languages == {SD.SPARQL11Query}  # read-only: no SPARQL11Update


def test_every_answer_format_served_is_declared(described):
    declared = {row[0] for row in described.query(PREFIXES + "SELECT ?f WHERE { ?s sd:resultFormat ?f }")}
    assert declared == {FORMAT_IRIS[name] for name in protocol.MEDIA_TYPES}
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in declared


def test_features(described):
    features = {row[0] for row in described.query(PREFIXES + "SELECT ?f WHERE { ?s sd:feature ?f }")}
    assert features == {SD.UnionDefaultGraph, SD.BasicFederatedQuery}  # --allow-service; union of the named graphs


def test_default_dataset_has_the_default_graph_and_every_named_graph(server, described, pair):
    rows = list(described.query(PREFIXES + """SELECT ?d ?n WHERE {
        ?s sd:defaultDataset ?d . ?d a sd:Dataset ; sd:defaultGraph ?g . ?g a sd:Graph ; void:triples ?n }"""))
    assert len(rows) == 1
    dataset, triples = rows[0]
    assert dataset == dataset_iri(BASE)  # the dataset the VoID/DCAT description is about
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    _, _, body = get(server.url + "/sparql", {"query": count}, accept="application/sparql-results+json")
    assert triples == Literal(int(json.loads(body)["results"]["bindings"][0]["n"]["value"]), datatype=XSD.integer)
    names = {row[0] for row in described.query(PREFIXES + """SELECT ?name WHERE {
        ?d sd:namedGraph ?g . ?g a sd:NamedGraph ; sd:name ?name }""", initBindings={"d": dataset})}
    assert names == set(pair.named_graphs()) and len(names) == 3  # two documents and the metadata


def test_it_links_to_the_void_and_dcat_description(server, described):
    links = [row[0] for row in described.query(PREFIXES + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?page WHERE { ?s sd:defaultDataset ?d . ?d rdfs:seeAlso ?page ; void:sparqlEndpoint ?e }""")]
    assert links == [URIRef(server.url + "/id/dataset")]
    status, _, body = get(str(links[0]), accept="text/turtle")
    assert status == 200
    description = Graph().parse(data=body, format="turtle")
    dataset = dataset_iri(BASE)
    assert (dataset, None, VOID.Dataset) in description and (dataset, None, DCAT.Dataset) in description
    assert description.value(dataset, VOID.triples) is not None


def test_only_real_terms_of_the_vocabularies(described):
    assert check_terms(described) == []  # sd: against ontology/external/sd.txt, formats: against formats.txt


@pytest.mark.parametrize(("accept", "fmt"), [("application/ld+json", "json-ld"), ("application/rdf+xml", "xml"),
                                             ("application/n-triples", "nt"), ("*/*", "turtle"), (None, "turtle")])
def test_other_formats_say_the_same(server, described, accept, fmt):
    status, headers, body = get(server.url + "/sparql", accept=accept)
    assert status == 200 and "Accept" in headers["Vary"]
    assert isomorphic(Graph().parse(data=body, format=fmt), described)


def test_the_same_server_gives_the_same_bytes(server):
    assert get(server.url + "/sparql", accept="text/turtle")[2] == get(server.url + "/sparql", accept="text/turtle")[2]


def test_a_browser_gets_the_query_page(server):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    status, headers, body = get(server.url + "/sparql", accept=accept)  # urllib follows the 303
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"/sparql" in body


def test_a_client_wanting_results_is_told_what_is_missing(server):
    status, _, body = get(server.url + "/sparql", accept="application/sparql-results+json")
    assert status == 400 and b"missing the 'query' parameter" in body and b"service description" in body


def test_data_without_named_graphs_or_a_dataset_description():
    from uprgraph.serve.description import Facts, describe_service

    endpoint = "http://127.0.0.1:8000/sparql"
    graph = describe_service(endpoint, Facts(triples=12, named_graphs=(), dataset=None, dataset_page=None,
                                             formats=("JSON", "TURTLE")))
    assert ask(graph, "ASK { ?s sd:defaultDataset ?d . ?d a sd:Dataset ; sd:defaultGraph [ void:triples 12 ] }",
               d=URIRef(endpoint + "#dataset"))
    assert not ask(graph, "ASK { ?s sd:feature ?f }") and not ask(graph, "ASK { ?d sd:namedGraph ?g }")
    assert {row[0] for row in graph.query(PREFIXES + "SELECT ?f WHERE { ?s sd:resultFormat ?f }")} == {
        FORMAT_IRIS["JSON"], FORMAT_IRIS["TURTLE"]}
    assert check_terms(graph) == []


def test_a_misspelt_service_description_term_is_caught():
    graph = Graph()
    graph.add((URIRef("http://example.org/s"), SD.endpiont, URIRef("http://example.org/sparql")))
    graph.add((URIRef("http://example.org/s"), SD.resultFormat, URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSONN")))
    assert [f.term for f in check_terms(graph)] == ["http://www.w3.org/ns/formats/SPARQL_Results_JSONN", str(SD.endpiont)]
