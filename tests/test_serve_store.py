"""``uprgraph serve --store oxigraph:PATH`` with and without ``--in-memory``: a real server on an on-disk store
that ``uprgraph build --store`` wrote, every canned query answered with the rows the store itself gives."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest
from serve_server import free_port, running

from uprgraph.query.catalog import load_catalog
from uprgraph.query.runner import prepare
from uprgraph.serve.canned import examples
from uprgraph.store import open_store
from components import NO_ROWS_ON_THE_DEFAULT_PAIR


def cli(*args: str) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    return subprocess.run([sys.executable, "-c", "from uprgraph.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "kaz.oxigraph"
    built = cli("build", "--store", f"oxigraph:{path}")
    assert built.returncode == 0, built.stderr
    return path


@pytest.fixture(scope="module", params=["on disk", "in memory"])
def server(request, store, tmp_path_factory):
    extra = ["--in-memory"] if request.param == "in memory" else []
    with running(tmp_path_factory.mktemp("serve") / "serve.log", "--store", f"oxigraph:{store}", "--workers", "1", *extra) as started:
        yield started


def test_every_canned_query_gives_the_stores_rows(server, store):
    empty = []
    with open_store(f"oxigraph:{store}", read_only=True) as handle:
        backend = handle.backend()
        for name in sorted(load_catalog()):
            params = examples(load_catalog()[name])  # the example each required parameter's description gives
            expected = backend(prepare(name, params))
            url = f"{server.url}/queries/{name}" + ("?" + urllib.parse.urlencode(params) if params else "")
            with urllib.request.urlopen(url, timeout=60) as response:
                data = json.loads(response.read())
            columns = data["head"]["vars"]
            rows = [tuple(b[c]["value"] if c in b else None for c in columns) for b in data["results"]["bindings"]]
            assert columns == expected.columns, name
            assert rows == expected.rows, name  # the same rows in the same order
            if not rows and name not in NO_ROWS_ON_THE_DEFAULT_PAIR:
                empty.append(name)
    assert empty == [], f"no rows from {empty}: the comparison proves nothing for them"


def test_in_memory_needs_an_on_disk_store():
    result = cli("serve", "--in-memory", "--port", str(free_port()))
    assert result.returncode == 2
    assert result.stderr.startswith("Error: --in-memory copies an on-disk store into memory") and result.stderr.count("\n") == 1


def _count(server, query: str, **params: str) -> int:
    url = f"{server.url}/sparql?" + urllib.parse.urlencode({"query": query, **params})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])


def test_named_graphs_are_answered_as_on_disk(server, store):
    """The in-memory copy holds the default graph only (store.memory_copy); a query that names graphs, or a
    request that chooses them, is answered from the store on disk, so both servers give the same counts."""
    with open_store(f"oxigraph:{store}", read_only=True) as handle:
        graphs = list(handle.store.named_graphs())
        first = graphs[0]
        in_first = sum(1 for _ in handle.store.quads_for_pattern(None, None, None, first))
        triples = len(handle)
    assert len(graphs) >= 2  # the report and the Working Group report
    assert _count(server, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == len(graphs)
    assert _count(server, "select (count(*) as ?n) from named <" + first.value + "> where { graph ?g { ?s ?p ?o } }") == in_first
    assert _count(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == triples
    assert _count(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **{"default-graph-uri": first.value}) == in_first


def test_names_graphs_reads_past_strings_comments_and_iris():
    from uprgraph.query.lexical import names_graphs

    assert names_graphs("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert names_graphs("select * from <urn:x> where { ?s ?p ?o }")
    assert names_graphs("SELECT * FROM NAMED <urn:x> WHERE { ?s ?p ?o }")
    assert not names_graphs('SELECT * WHERE { ?s ?p "GRAPH" } # FROM here')
    assert not names_graphs("SELECT * WHERE { ?s <urn:graph> ?o . ?graph ?p ?from }")
