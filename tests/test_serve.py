"""``uprgraph serve`` (issue 7): a real server process on 127.0.0.1, queried over HTTP.

One server for the module, with small limits so that they can be reached: a 3 s time limit, 5000
rows per answer, 20 kB per request. Every answer format is parsed by an independent reader (json,
csv, xml.etree, rdflib), and each canned query's rows are compared with ``uprgraph query``'s runner.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from serve_server import PATIENT_LIMIT, free_port, running, start

from uprgraph.pipeline import default_graph
from uprgraph.query.runner import run_query
from uprgraph.serve import protocol
from uprgraph.serve.canned import examples, page_queries
from components import NO_ROWS_ON_THE_DEFAULT_PAIR

TIMEOUT = 5  # the server's time limit: well above what any query but CARTESIAN takes
MAX_ROWS = 5000
MAX_REQUEST = 20_000
BASE = "https://w3id.org/uprgraph/id/"
REC = "review/KAZ/1/recommendation/95.43"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# Every triple with every triple with every triple: ~10^12 rows, far past any time limit.
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    # answers sent whole (none streamed: see test_serve_streaming.py), so that the row limit's header is there
    # whatever the machine's speed
    with running(log, "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS), "--max-request", str(MAX_REQUEST),
                 "--workers", "2", "--stream-after", "3600") as started:
        yield started
    assert started.process.returncode is not None


@pytest.fixture(scope="module")
def patient_server(tmp_path_factory):
    """A server whose time limit only a hang reaches: the canned queries' rows must not depend on speed."""
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with running(log, "--timeout", PATIENT_LIMIT, "--workers", "1") as started:
        yield started


def call(server, path="/sparql", *, query=None, method="GET", accept=None, body=None, content_type=None, params=None):
    """(status, headers, body bytes) of one request; 4xx and 5xx are answers too."""
    url = server.url + path
    pairs = list(params or [])
    if query is not None and method == "GET":
        pairs.append(("query", query))
    if pairs:
        url += "?" + urllib.parse.urlencode(pairs)
    if query is not None and method == "POST" and body is None:
        body = urllib.parse.urlencode({"query": query}).encode()
        content_type = content_type or "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=body, method=method)
    if accept:
        request.add_header("Accept", accept)
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def json_rows(body: bytes) -> tuple[list[str], list[tuple[str | None, ...]]]:
    data = json.loads(body)
    names = data["head"]["vars"]
    return names, [tuple(b[n]["value"] if n in b else None for n in names) for b in data["results"]["bindings"]]


# ------------------------------------------------------------------------------ the protocol


def test_get_post_and_direct_post_agree(server):
    query = f"SELECT ?p ?o WHERE {{ <{BASE}{REC}> ?p ?o }} ORDER BY ?p ?o"
    answers = [
        call(server, query=query),
        call(server, query=query, method="POST"),
        call(server, method="POST", body=query.encode(), content_type="application/sparql-query"),
    ]
    for status, headers, _ in answers:
        assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    rows = [json_rows(body) for _, _, body in answers]
    assert rows[0] == rows[1] == rows[2]
    assert ("http://www.w3.org/2000/01/rdf-schema#label", "Recommendation 95.43") in rows[0][1]


def test_result_formats_by_accept(server):
    query = f"SELECT ?p ?o WHERE {{ <{BASE}{REC}> ?p ?o }} ORDER BY ?p ?o"
    _, _, body = call(server, query=query)
    names, expected = json_rows(body)
    status, headers, xml = call(server, query=query, accept="application/sparql-results+xml")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    results = ET.fromstring(xml).findall("r:results/r:result", ns)
    xml_rows = [tuple(next(iter(r.find(f"r:binding[@name='{n}']", ns))).text for n in names) for r in results]
    assert xml_rows == expected
    status, headers, text = call(server, query=query, accept="text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(text.decode("utf-8"))))
    assert table[0] == names and [tuple(r) for r in table[1:]] == expected
    status, headers, text = call(server, query=query, accept="text/tab-separated-values")
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    lines = text.decode("utf-8").splitlines()
    assert lines[0].split("\t") == ["?p", "?o"] and len(lines) == len(expected) + 1
    assert f"<{expected[0][0]}>" in lines[1]  # TSV writes terms in Turtle syntax
    # q-values: CSV preferred over JSON
    _, headers, _ = call(server, query=query, accept="application/sparql-results+json;q=0.5, text/csv")
    assert headers["Content-Type"].startswith("text/csv")
    # ASK
    status, _, body = call(server, query=f"ASK {{ <{BASE}{REC}> ?p ?o }}")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_construct_as_turtle_and_json_ld(server):
    query = f"CONSTRUCT {{ <{BASE}{REC}> ?p ?o }} WHERE {{ <{BASE}{REC}> ?p ?o }}"
    status, headers, turtle = call(server, query=query)
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    status, headers, jsonld = call(server, query=query, accept="application/ld+json")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    a = Graph().parse(data=turtle, format="turtle")
    b = Graph().parse(data=jsonld, format="json-ld")
    expected = Graph()
    for triple in default_graph().triples((URIRef(BASE + REC), None, None)):
        expected.add(triple)
    assert len(a) == len(expected) > 5
    assert isomorphic(a, expected) and isomorphic(b, expected)
    status, _, body = call(server, query=f"DESCRIBE <{BASE}{REC}>", accept="application/n-triples")
    assert status == 200 and len(Graph().parse(data=body, format="nt")) >= len(expected)


def test_canned_queries_give_the_local_runners_rows(patient_server):
    server = patient_server
    graph = default_graph()
    for canned in page_queries():
        status, _, body = call(server, query=canned["query"], method="POST")
        assert status == 200, (canned["name"], body[:300])
        names, rows = json_rows(body)
        local = run_query(graph, canned["name"], examples_of(canned["name"]))
        assert names == local.columns, canned["name"]
        assert sorted(rows, key=repr) == sorted(local.rows, key=repr), canned["name"]
        assert rows or canned["name"] in {"rapporteur-visits", *NO_ROWS_ON_THE_DEFAULT_PAIR}, f"{canned['name']} gave no rows"


def examples_of(name: str) -> dict[str, str]:
    from uprgraph.query.catalog import get_query

    return examples(get_query(name))


def test_updates_are_refused(server):
    insert = f"INSERT DATA {{ <{BASE}x> <{BASE}y> <{BASE}z> }}"
    before = json_rows(call(server, query=COUNT)[2])[1]
    refused = [
        call(server, params=[("update", insert)]),
        call(server, method="POST", body=urllib.parse.urlencode({"update": insert}).encode(),
             content_type="application/x-www-form-urlencoded"),
        call(server, method="POST", body=insert.encode(), content_type="application/sparql-update"),
        call(server, query=insert),
        call(server, query="PREFIX x: <http://x/>\n# a comment\nDELETE WHERE { ?s ?p ?o }", method="POST"),
        call(server, query="DROP ALL"),
    ]
    for status, _, body in refused:
        assert status == 403 and body.decode().strip() == protocol.READ_ONLY
    assert json_rows(call(server, query=COUNT)[2])[1] == before


def test_service_is_refused_but_the_word_is_not(server):
    status, _, body = call(server, query="SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 400 and b"--allow-service" in body
    status, _, _ = call(server, query="SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 400
    # In a string, an IRI or a comment it is no call
    query = 'SELECT ?x WHERE { BIND("a SERVICE" AS ?x) FILTER(?x != <http://x/SERVICE>) } # SERVICE'
    status, _, body = call(server, query=query)
    assert status == 200 and json_rows(body)[1] == [("a SERVICE",)]


@pytest.mark.parametrize(("kwargs", "status", "message"), [
    ({"query": "SELECT * WHERE { ?s ?p "}, 400, "malformed query: error at 1:"),
    ({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT x"}, 400, "malformed query"),
    ({"query": "   "}, 400, "the query is empty"),
    # Without a query GET gives the service description (test_serve_description.py), unless Accept wants results
    ({"accept": "application/sparql-results+json"}, 400, "missing the 'query' parameter"),
    ({"params": [("default-graph-uri", "http://example.org/g")]}, 400, "missing the 'query' parameter"),
    ({"method": "POST", "body": b"", "content_type": "application/x-www-form-urlencoded"}, 400, "missing the 'query'"),
    ({"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "more than one 'query' parameter"),
    ({"query": "SELECT * WHERE { ?s ?p ?o }", "accept": "image/png"}, 406, "no acceptable format"),
    ({"query": "CONSTRUCT WHERE { ?s ?p ?o }", "accept": "text/csv"}, 406, "no acceptable format"),
    ({"method": "POST", "body": b"query=ASK{}", "content_type": "text/plain"}, 415, "unsupported Content-Type"),
    ({"method": "POST", "body": b"\xff\xfe", "content_type": "application/sparql-query"}, 400, "not UTF-8"),
    ({"method": "POST", "body": b"query=%zz%ff", "content_type": "application/x-www-form-urlencoded"}, 400, "malformed form"),
    ({"query": "SELECT * WHERE { ?s ?p ?o }", "params": [("default-graph-uri", "not an iri")]}, 400, "not an absolute IRI"),
    ({"method": "POST", "body": b"query=" + b"x" * (MAX_REQUEST + 1),
      "content_type": "application/x-www-form-urlencoded"}, 413, "over the size limit"),
    ({"method": "PUT", "body": b"x"}, 405, ""),
])
def test_bad_requests_get_a_4xx_and_one_line(server, kwargs, status, message):
    got, headers, body = call(server, **kwargs)
    assert got == status, body
    text = body.decode("utf-8")
    assert message in text and "Traceback" not in text
    if status != 405:
        assert text.count("\n") == 1 and headers["Content-Type"].startswith("text/plain")


def test_oversize_requests_are_refused(server):
    status, _, _ = call(server, query="ASK { }" + " " * (MAX_REQUEST + 1))
    assert 400 <= status < 500
    # A body far past the limit is read to its end and dropped, so the client gets the 413 (not a reset).
    big = b"query=ASK%7B%7D" + b"+" * 5_000_000
    for _ in range(3):
        status, _, body = call(server, method="POST", body=big, content_type="application/x-www-form-urlencoded")
        assert status == 413 and b"over the size limit" in body


def test_time_limit_cancels_the_query_and_the_server_goes_on(server):
    start_time = time.monotonic()
    status, _, body = call(server, query=CARTESIAN)
    elapsed = time.monotonic() - start_time
    assert status == 503 and body.decode().strip() == f"query cancelled after {TIMEOUT} s (the server's time limit)"
    assert elapsed >= TIMEOUT  # not before the limit (how soon after it: measured by benchmarks/load.py)
    # The killed worker is replaced: both workers answer again.
    for _ in range(4):
        status, _, body = call(server, query=COUNT)
        assert status == 200 and int(json_rows(body)[1][0][0]) == len(default_graph())


def test_a_slow_query_does_not_block_the_other_worker(server):
    import threading

    answers: list = []
    slow = threading.Thread(target=lambda: answers.append(call(server, query=CARTESIAN)))
    slow.start()
    time.sleep(0.3)
    status, _, _ = call(server, query=COUNT)
    # The cartesian product cannot end before the time limit: an answer to COUNT before its 503 did not wait.
    assert status == 200 and not answers
    slow.join()
    assert answers[0][0] == 503


def test_row_limit_cuts_the_answer_and_says_so(server):
    status, headers, body = call(server, query="SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and headers["X-SPARQL-MaxRows"] == str(MAX_ROWS)
    assert len(json_rows(body)[1]) == MAX_ROWS
    status, headers, body = call(server, query="SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    assert status == 200 and "X-SPARQL-MaxRows" not in headers and len(json_rows(body)[1]) == 10
    status, headers, body = call(server, query="CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples")
    assert status == 200 and headers["X-SPARQL-MaxRows"] == str(MAX_ROWS)
    assert len(Graph().parse(data=body, format="nt")) == MAX_ROWS


# ------------------------------------------------------------------------------ linked data


def test_resource_page_html(server):
    status, headers, body = call(server, "/id/instrument/KAZ/code/criminal-code", accept="text/html")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode("utf-8")
    assert '<h1 id="resource-label">Criminal Code</h1>' in page
    assert f"{BASE}instrument/KAZ/code/criminal-code" in page
    assert "upr:LegalInstrument" in page  # its type
    assert page.count("<mark>Criminal Code</mark>") >= 3  # quotes inside their paragraphs
    assert 'href="/id/document/A-HRC-WG.6-20-KAZ-1/paragraph/' in page  # links to local pages
    # The recommendation's page: its text, the State that made it, the sections reporting on it.
    page = call(server, "/id/" + REC, accept="text/html,*/*;q=0.8")[2].decode("utf-8")
    assert "To continue efforts to eliminate torture" in page and 'href="/id/state/DZA"' in page
    assert 'href="/id/document/A-HRC-WG.6-20-KAZ-1/section/protection-against-torture"' in page


def test_resource_as_data(server):
    status, headers, body = call(server, "/id/" + REC, accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=body, format="turtle")
    rec = URIRef(BASE + REC)
    assert set(g.triples((rec, None, None))) == set(default_graph().triples((rec, None, None)))
    assert set(g.triples((None, None, rec))) == set(default_graph().triples((None, None, rec)))
    status, headers, body = call(server, "/id/" + REC, accept="application/ld+json")
    assert status == 200 and isomorphic(Graph().parse(data=body, format="json-ld"), g)
    status, _, body = call(server, "/id/" + REC, params=[("format", "jsonld")])
    assert status == 200 and isomorphic(Graph().parse(data=body, format="json-ld"), g)


def test_resource_errors(server):
    status, headers, body = call(server, "/id/no/such/thing", accept="text/html")
    assert status == 404 and headers["Content-Type"].startswith("text/html") and b"no resource" in body
    status, headers, body = call(server, "/id/no/such/thing", accept="text/turtle")
    assert status == 404 and body.decode().strip() == f"no resource {BASE}no/such/thing in this dataset"
    status, _, _ = call(server, "/id/" + REC, accept="image/png")
    assert status == 406
    status, _, _ = call(server, "/id/" + REC, params=[("format", "pdf")])
    assert status == 406


def test_query_page_and_assets(server):
    status, headers, body = call(server, "/", accept="text/html")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    for canned in page_queries():
        assert f'data-name="{canned["name"]}"' in page
    assert '<script src="/static/yasgui/yasgui.min.js">' in page, "YASGUI is not installed (run npm ci in web/)"
    assert not [src for src in __import__("re").findall(r'(?:src|href)="(https?://[^"]+)"', page)]  # nothing remote
    for asset in ("/static/yasgui/yasgui.min.js", "/static/yasgui/yasgui.min.css", "/static/query.js", "/static/serve.css"):
        assert call(server, asset)[0] == 200, asset
    # A browser opening /sparql without a query is sent to the page.
    request = urllib.request.Request(server.url + "/sparql", headers={"Accept": "text/html"})
    with urllib.request.urlopen(request) as response:
        assert response.url == server.url + "/"
    status, _, body = call(server, "/queries.json")
    assert status == 200 and [q["name"] for q in json.loads(body)] == [q["name"] for q in page_queries()]


# ------------------------------------------------------------------------------ the command


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    return subprocess.run([sys.executable, "-c", "from uprgraph.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=timeout)


def test_command_errors_are_one_line(tmp_path, server):
    busy = urllib.parse.urlsplit(server.url).port
    result = run_cli("serve", "--port", str(busy))
    assert result.returncode == 1 and result.stderr.startswith("Error: cannot listen on 127.0.0.1:")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle\n", encoding="utf-8")
    result = run_cli("serve", "--graph", str(bad), "--port", str(free_port()))
    assert result.returncode == 1 and result.stderr.startswith(f"Error: {bad} is not valid turtle")
    result = run_cli("serve", "--store", "memory", "--port", str(free_port()))
    assert result.returncode == 2 and "serve runs on Oxigraph" in result.stderr
    for r in (result,):
        assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1


# ------------------------------------------------------------------------------ the protocol module alone


@pytest.mark.parametrize(("query", "kind"), [
    ("SELECT * { ?s ?p ?o }", "SELECT"),
    ("PREFIX select: <http://x/>\nBASE <http://y/>\n  construct WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("# INSERT\nASK {}", "ASK"),
    ("PREFIX : <http://x/> DESCRIBE :a", "DESCRIBE"),
    ("PREFIX : <http://x/> INSERT DATA { :a :b :c }", "UPDATE"),
    ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE"),
    ("\\u0049NSERT DATA { <a:a> <a:b> <a:c> }", "UPDATE"),
    ("LOAD <http://example.org/data.ttl>", "UPDATE"),
    ("nonsense", ""),
])
def test_query_kind(query, kind):
    assert protocol.query_kind(query) == kind


@pytest.mark.parametrize(("header", "choice"), [
    (None, "JSON"), ("*/*", "JSON"), ("text/*", "CSV"), ("application/xml", "XML"),
    ("text/csv;q=0.2, text/tab-separated-values;q=0.9", "TSV"), ("text/html", None), ("text/csv;q=0", None),
    ("text/*;q=0.1, text/tab-separated-values;q=0", "CSV"),
])
def test_negotiation(header, choice):
    assert protocol.result_format(header) == choice


def test_help_stays_fast():
    """Fast because the CLI imports none of the server's heavy modules to print its help."""
    result = run_cli("serve", "--help")
    assert result.returncode == 0 and "--allow-service" in result.stdout and "--timeout" in result.stdout
    code = ("import sys; import uprgraph.cli; "
            "print(sorted(m for m in ('starlette', 'uvicorn', 'pyoxigraph', 'jinja2', 'rdflib') if m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_a_stopped_server_leaves_no_temporary_files(tmp_path, stop_signal):
    """SIGTERM (a service manager, a CI timeout) and Ctrl-C end the server cleanly: exit 0, a one-line
    message, no traceback, and the dataset copy its workers read is removed from the temporary folder."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    server = start(tmp_path / "serve.log", "--workers", "1", env={**os.environ, "TMPDIR": str(temporary)})
    try:
        assert [p.name for p in temporary.iterdir() if p.name.startswith("uprgraph-serve-")], "no dataset copy to remove"
        server.process.send_signal(stop_signal)
        server.process.wait(60)
    finally:
        if server.process.poll() is None:
            os.killpg(server.process.pid, signal.SIGKILL)
    assert server.process.returncode == 0, server.stderr()
    assert "Traceback" not in server.stderr()
    assert server.stderr().rstrip().endswith("uprgraph: stopped (" + ("SIGTERM" if stop_signal == signal.SIGTERM else "Ctrl-C") + ")")
    assert [p.name for p in temporary.iterdir() if p.name.startswith("uprgraph-serve-")] == []
