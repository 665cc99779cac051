"""Remote stores (issue 7, items 2-3; issue 10, item 3): load the default dataset into a real
Virtuoso through ``uprgraph load``, run every canned query there and on ``uprgraph serve`` through
``uprgraph query --endpoint``, and compare with the local rows; hostile parameter values through
the remote runner change no query text outside the VALUES blocks."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from test_bad_inputs import HOSTILE
from virtuoso import Server, start_serve, start_virtuoso, stop

from uprgraph.cli import main
from uprgraph.errors import UprgraphError
from uprgraph.query import runner
from uprgraph.query.catalog import load_catalog
from uprgraph.query.params import bind_parameters
from uprgraph.query.values import values_block
from uprgraph.remote.http import Connection
from uprgraph.remote.runner import on_endpoint, query_text
from uprgraph.serve.canned import examples
from components import NO_ROWS_ON_THE_DEFAULT_PAIR

# Parameter values that give rows on the default dataset (and the queries' optional ones left out).
EXAMPLES = {
    "instruments-for-recommendation": [{"rec": "95.43"}, {"rec": "97.1"}],
    "recommendations-for-instrument": [{"instrument": "criminal code"},
                                       {"instrument": "https://w3id.org/uprgraph/id/instrument/KAZ/code/criminal-code"}],
    "instrument-timeline": [{"from": "2012", "to": "2013"}, {}],
    "paragraph": [{"n": "183"}],
    "instruments-for-theme": [{"theme": "torture"}],
    "instruments-for-right": [{"right": "F13"}, {"right": "5"}],
    "recommendations-by-state": [{"by": "SVN"}, {"by": "Korea"}, {}],
}
CATALOG = load_catalog()
# A query not listed above runs with the example its own header gives for each parameter (none: no parameter).
CASES = [(name, params) for name in CATALOG if name not in NO_ROWS_ON_THE_DEFAULT_PAIR
         for params in EXAMPLES.get(name, [examples(CATALOG[name])])]


def run(*args: object):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    """The embedded default dataset as TriG: a named graph per document and one for the description."""
    from uprgraph import pipeline, resources
    from uprgraph.export.rdf import rdf_format, serialize

    path = tmp_path_factory.mktemp("dataset") / "kaz.trig"
    path.write_bytes(serialize(pipeline.build_many(resources.default_reports(), validate=False).named_graphs(),
                               rdf_format("trig")))
    return path


@pytest.fixture(scope="module")
def local_graph(dataset) -> Graph:
    from uprgraph.rdffile import read_graph

    return read_graph(dataset)


@pytest.fixture(scope="module")
def local_result(local_graph):  # type: ignore[no-untyped-def]
    """(name, params) -> the rows on the local graph (rdflib), each computed once for both endpoints."""
    results: dict[tuple[str, tuple[tuple[str, str], ...]], runner.Result] = {}

    def result(name: str, params: dict[str, str]) -> runner.Result:
        key = (name, tuple(sorted(params.items())))
        if key not in results:
            results[key] = runner.on_graph(local_graph)(runner.prepare(name, params))
        return results[key]

    return result


@pytest.fixture(scope="module")
def local_oxigraph(dataset):  # type: ignore[no-untyped-def]
    from uprgraph.store import open_store, parse_spec

    return open_store(parse_spec("oxigraph"), graph_file=dataset).backend()


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory, dataset):  # type: ignore[no-untyped-def]
    """A Virtuoso holding the dataset, loaded through the command."""
    process, server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        result = run("load", "--endpoint", server.gsp, "--file", dataset, "--user", server.user,
                     "--password", server.password, "--auth", "digest")
        assert result.exit_code == 0, result.output
        yield server
    finally:
        stop(process)


@pytest.fixture(scope="module")
def serve(tmp_path_factory, dataset):  # type: ignore[no-untyped-def]
    process, server = start_serve(tmp_path_factory.mktemp("serve"), dataset)
    try:
        yield server
    finally:
        stop(process)


@pytest.fixture(scope="module", params=["virtuoso", "serve"])
def endpoint(request) -> Server:  # type: ignore[no-untyped-def]
    return request.getfixturevalue(request.param)


def _concatenated_columns(text: str) -> dict[str, str]:
    """Column -> separator of each GROUP_CONCAT the query projects (members come in any order)."""
    pattern = r'GROUP_CONCAT\((?:DISTINCT\s+)?[^;]*;\s*separator\s*=\s*"([^"]*)"\s*\)\s*AS\s+\?(\w+)'
    columns = {column: separator for separator, column in re.findall(pattern, text, re.IGNORECASE)}
    # a projected column bound from one: BIND(IF(?goal_count > 0, ?goal_numbers, ?none) AS ?sdgs)
    for source, column in re.findall(r"BIND\(IF\([^,]*,\s*\?(\w+)\s*,[^)]*\)\s*AS\s+\?(\w+)\)", text, re.IGNORECASE):
        if source in columns:
            columns[column] = columns[source]
    return columns


def normalised(name: str, result: runner.Result) -> Counter:
    concatenated = _concatenated_columns(CATALOG[name].text)
    rows = []
    for row in result.rows:
        cells = []
        for column, value in zip(result.columns, row, strict=True):
            if value is not None and column in concatenated:
                value = concatenated[column].join(sorted(value.split(concatenated[column])))
            cells.append(value)
        rows.append(tuple(cells))
    return Counter(rows)


# ---- every canned query: the same rows remotely as locally -----------------------------------------

@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{'-'.join(p.values()) or 'all'}" for n, p in CASES])
def test_canned_query_gives_the_local_rows(endpoint, local_result, name, params):
    bound = runner.prepare(name, params)
    local = local_result(name, params)
    remote = on_endpoint(Connection(endpoint.sparql, timeout=60))(bound)
    assert remote.columns == local.columns
    assert local.rows, "choose example parameters that give rows"
    assert normalised(name, remote) == normalised(name, local)


def test_the_command_gives_the_local_output(endpoint, dataset):
    """Through `uprgraph query --endpoint`, JSON and CSV as locally (the row order is the query's)."""
    for fmt in ("json", "csv"):
        args = ["query", "instrument-timeline", "--param", "from=2012", "--param", "to=2012", "--format", fmt]
        local = run(*args, "--graph", dataset)
        remote = run(*args, "--endpoint", endpoint.sparql, "--timeout", "30")
        assert local.exit_code == remote.exit_code == 0, remote.output
        if fmt == "json":
            assert json.loads(remote.stdout) == json.loads(local.stdout)
        else:
            assert remote.stdout.splitlines()[0] == local.stdout.splitlines()[0]
            assert sorted(remote.stdout.splitlines()) == sorted(local.stdout.splitlines())


# ---- load: replaces the named graphs, into one graph with --graph ---------------------------------

def _count(server: Server, graph: str) -> int:
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    return int(on_endpoint(Connection(server.sparql))(runner.prepare(text, {})).rows[0][0])


def _graphs(server: Server) -> set[str]:
    """The graphs holding an rdf:type triple (every graph these tests load has one; a scan of every
    triple would take Virtuoso seconds, its own system graphs being large)."""
    text = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a ?type } }"
    return {row[0] for row in on_endpoint(Connection(server.sparql))(runner.prepare(text, {})).rows}


def test_load_replaces_each_named_graph_and_leaves_no_temporary_graph(virtuoso, dataset, tmp_path):
    from uprgraph.rdffile import read_named_graphs

    graphs = read_named_graphs(dataset)
    before = _graphs(virtuoso)
    assert {str(g) for g in graphs} <= before
    for name, graph in graphs.items():
        assert _count(virtuoso, str(name)) == len(graph)
    # Loading again replaces, never adds: the same counts, no temporary graph left behind.
    result = run("load", "--endpoint", virtuoso.gsp, "--file", dataset, "--user", "dba", "--password", "dba",
                 "--auth", "digest")
    assert result.exit_code == 0, result.output
    assert [line.split(" triples")[0] for line in result.stdout.splitlines()] == [str(len(g)) for _, g in sorted(graphs.items())]
    assert _graphs(virtuoso) == before
    for name, graph in graphs.items():
        assert _count(virtuoso, str(name)) == len(graph)


def test_load_into_one_graph_replaces_what_was_there(virtuoso, tmp_path):
    target = "https://example.org/uprgraph-test/one"
    first = tmp_path / "first.ttl"
    first.write_text("<urn:x:a> a <urn:x:c> , <urn:x:d> .\n")
    second = tmp_path / "second.nt"
    second.write_text("<urn:x:e> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:x:f> .\n")
    for file, expected in ((first, 2), (second, 1)):
        result = run("load", "--endpoint", virtuoso.gsp, "--file", file, "--graph", target, "--user", "dba",
                     "--password", "dba", "--auth", "digest")
        assert result.exit_code == 0, result.output
        assert result.stdout == f"{expected} triples into <{target}>\n"
        assert _count(virtuoso, target) == expected


def test_a_failed_upload_leaves_the_target_as_it_was(virtuoso, tmp_path):
    """Wrong password: the upload is refused, the message says nothing was replaced, the graph is intact."""
    target = "https://example.org/uprgraph-test/kept"
    data = tmp_path / "kept.ttl"
    data.write_text("<urn:x:a> a <urn:x:c> .\n")
    assert run("load", "--endpoint", virtuoso.gsp, "--file", data, "--graph", target, "--user", "dba",
               "--password", "dba", "--auth", "digest").exit_code == 0
    graphs = _graphs(virtuoso)
    result = run("load", "--endpoint", virtuoso.gsp, "--file", data, "--graph", target, "--user", "dba",
                 "--password", "wrong", "--auth", "digest", "--timeout", "10")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "401" in result.stderr and "nothing was replaced" in result.stderr
    assert _count(virtuoso, target) == 1 and _graphs(virtuoso) == graphs


def test_a_failed_swap_says_so_and_removes_the_temporary_graphs(virtuoso, tmp_path):
    """The upload succeeds but the update endpoint refuses (no credentials on the public /sparql)."""
    target = "https://example.org/uprgraph-test/swap"
    data = tmp_path / "swap.ttl"
    data.write_text("<urn:x:a> a <urn:x:c> .\n")
    graphs = _graphs(virtuoso)
    result = run("load", "--endpoint", virtuoso.gsp, "--update", virtuoso.sparql.replace("/sparql", "/nowhere"),
                 "--file", data, "--graph", target, "--user", "dba", "--password", "dba", "--auth", "digest")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "swap failed" in result.stderr and f"<{target}> may be partly replaced" in result.stderr
    assert _graphs(virtuoso) == graphs  # the temporary graph was removed, the target never created


# ---- hostile parameter values through the remote runner (issue 10, item 3) -------------------------

def _parametrised() -> list[tuple[str, str]]:
    return [(q.name, p.name) for q in CATALOG.values() for p in q.params]


def _inline_data(algebra) -> list[dict]:  # type: ignore[no-untyped-def]
    """The rows of every VALUES block in a parsed query's algebra."""
    found = []

    def visit(node) -> None:  # type: ignore[no-untyped-def]
        if getattr(node, "name", None) == "values":
            found.extend(node["res"])
        if isinstance(node, dict):
            for value in node.values():
                visit(value)
        elif isinstance(node, list | tuple):
            for value in node:
                visit(value)

    visit(algebra)
    return found


@pytest.mark.parametrize(("query_name", "param"), _parametrised())
def test_the_text_sent_is_the_canned_text_plus_values_blocks(query_name, param):
    """For every hostile value: the text sent minus its VALUES blocks is the canned text, character for
    character, and the blocks parse back to exactly the bound terms (nothing leaked out of a literal)."""
    query = CATALOG[query_name]
    # the rows the parameters added: a query's own VALUES data (recommendations-by-state, follow-up) stays as written
    own = _inline_data(prepareQuery(query.text).algebra)  # parsed once, not once per value
    for value in HOSTILE:
        try:
            # Bound without parsing the canned query again for each value (the test parses what is sent).
            bound = runner.BoundQuery(query, None, bind_parameters(query, {param: value}))  # type: ignore[arg-type]
            sent = query_text(bound)
        except UprgraphError as error:
            assert "\n" not in str(error)
            continue
        block = values_block(bound.bindings, sorted(bound.bindings))
        assert block in sent
        assert sent.replace(block, "") == query.text, repr(value)
        rows = [row for row in _inline_data(prepareQuery(sent).algebra) if row not in own]
        assert rows, repr(value)
        expected = {str(k): v for k, v in bound.bindings.items()}
        assert all({str(k): v for k, v in row.items()} == expected for row in rows), (value, rows)


def test_a_value_with_a_unicode_escape_is_refused_not_changed():
    for value in ("\\u0022 } SELECT", "\\U0000007D"):
        with pytest.raises(UprgraphError, match="escape"):
            query_text(runner.prepare("instruments-for-recommendation", {"rec": value}))
    assert "\\\\" in query_text(runner.prepare("instruments-for-recommendation", {"rec": "a\\b"}))


@pytest.mark.parametrize(("query_name", "param"), _parametrised())
def test_hostile_values_give_the_local_rows_on_virtuoso(virtuoso, local_oxigraph, query_name, param):
    """Each value gives on Virtuoso the rows it gives locally (on Oxigraph, which gives rdflib's rows:
    tests/test_store.py), or a one-line error."""
    remote = on_endpoint(Connection(virtuoso.sparql, timeout=60))
    for value in HOSTILE:
        try:
            bound = runner.prepare(query_name, {param: value})
        except UprgraphError:
            continue  # refused before any query runs; test_bad_inputs covers the wording
        try:
            remote_rows = normalised(query_name, remote(bound))
        except UprgraphError as error:
            assert "\n" not in str(error)
            assert "Traceback" not in str(error)
            continue
        assert remote_rows == normalised(query_name, local_oxigraph(bound)), repr(value[:50])


def test_hostile_values_through_the_command(virtuoso):
    for value in ('95.43" } ; DROP ALL #', "\n} SELECT * WHERE { ?s ?p ?o }", "<http://example.org/a b>"):
        result = run("query", "instruments-for-recommendation", "--param", f"rec={value}", "--endpoint",
                     virtuoso.sparql, "--format", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == []
    assert _count(virtuoso, "https://w3id.org/uprgraph/id/graph/metadata") > 0  # nothing was dropped


def test_an_iri_parameter_is_sent_as_an_iri():
    bound = runner.prepare("recommendations-for-instrument", {"instrument": "https://example.org/x"})
    assert bound.bindings == {"instrument_iri": URIRef("https://example.org/x")}
    assert "VALUES (?instrument_iri) { (<https://example.org/x>) }" in query_text(bound)
    bound = runner.prepare("paragraph", {"n": "183"})
    assert bound.bindings == {"n": Literal(183)}
    assert '("183"^^<http://www.w3.org/2001/XMLSchema#integer>)' in query_text(bound)
