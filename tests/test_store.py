"""The store layer: rdflib's in-memory graph and Oxigraph (in memory and on disk) give the same rows."""

from __future__ import annotations

import re

import pytest

from uprgraph.errors import InputError, QueryError, UsageError
from uprgraph.query import runner
from uprgraph.query.catalog import load_catalog
from uprgraph.store import StoreSpec, open_store, parse_spec

# Parameters for the canned queries that take some: each case must give rows, so equality means something.
CASES: list[tuple[str, dict[str, str]]] = [
    ("instruments-for-recommendation", {"rec": "95.43"}),
    ("follow-up", {"rec": "95.43"}),
    ("follow-up", {"rec": "97.17"}),  # its repeated steps: the score printed alike on both engines
    ("repeated-recommendations", {"state": "KAZ", "review": "cycle 2"}),
    ("follow-up", {"rec": "https://w3id.org/uprgraph/id/review/KAZ/1/recommendation/95.43"}),
    ("recommendations-for-instrument", {"instrument": "criminal code"}),
    ("recommendations-for-instrument",
     {"instrument": "https://w3id.org/uprgraph/id/instrument/KAZ/code/criminal-code"}),
    ("instrument-timeline", {"from": "2012", "to": "2013"}),
    ("instrument-timeline", {"from": "2013"}),
    ("instrument-timeline", {}),
    ("paragraph", {"n": "183"}),
    ("recommendations-by-state", {"by": "SVN"}),
    ("instruments-for-theme", {"theme": "torture"}),
    ("instruments-for-right", {"right": "F13"}),
    ("instruments-for-right", {"right": "SDG 5"}),
    ("instruments-for-right", {"right": "torture"}),
]
_GROUP_CONCAT = re.compile(r'GROUP_CONCAT\((?:[^;()]|\([^()]*\))*;\s*separator\s*=\s*"([^"]*)"\s*\)\s+AS\s+\?(\w+)', re.I)


def _cases() -> list[tuple[str, dict[str, str]]]:
    with_params = {name for name, _ in CASES}
    return [(name, {}) for name in load_catalog() if name not in with_params] + CASES


def _normalised(query_text: str, result: runner.Result) -> list[tuple]:  # type: ignore[type-arg]
    """Rows as a sorted list. GROUP_CONCAT joins its members in whatever order the engine met them,
    and rdflib and Oxigraph meet them in different orders: where the query states the separator, the
    members of that column are sorted before comparing."""
    separators = {column: sep for sep, column in _GROUP_CONCAT.findall(query_text)}
    index = {i: separators[c] for i, c in enumerate(result.columns) if c in separators}
    rows = []
    for row in result.rows:
        rows.append(tuple(sep.join(sorted(value.split(sep))) if i in index and value and (sep := index[i]) else value
                          for i, value in enumerate(row)))
    return sorted(rows, key=repr)


@pytest.fixture(scope="module")
def stores(kazakhstan_chain):  # type: ignore[no-untyped-def]
    """The embedded pair with Kazakhstan's 2nd-cycle Working Group report (tests/conftest.py): every canned
    query has rows there, the repeated recommendations' too."""
    graphs = kazakhstan_chain.named_graphs()
    memory, oxigraph = open_store("memory"), open_store("oxigraph")
    memory.replace_graphs(graphs)
    oxigraph.replace_graphs(graphs)
    return memory, oxigraph


def test_the_stores_hold_the_same_triples(stores, kazakhstan_chain) -> None:  # type: ignore[no-untyped-def]
    memory, oxigraph = stores
    assert len(memory) == len(kazakhstan_chain.graph)
    assert len(oxigraph) == len(kazakhstan_chain.graph)  # a triple two documents share counts once


@pytest.mark.parametrize(("name", "params"), _cases(), ids=lambda v: v if isinstance(v, str) else ",".join(v))
def test_every_canned_query_gives_the_same_rows_on_rdflib_and_oxigraph(stores, name, params) -> None:  # type: ignore[no-untyped-def]
    memory, oxigraph = stores
    bound = runner.prepare(name, params)
    expected, got = memory.backend()(bound), oxigraph.backend()(bound)
    assert got.columns == expected.columns
    assert expected.rows, f"{name} {params} gives no rows: the comparison would prove nothing"
    assert _normalised(bound.query.text, got) == _normalised(bound.query.text, expected)
    # and in the same order: every canned query orders its rows fully (ties broken), and the ordered
    # sub-selects feeding GROUP_CONCAT make both engines join members in one order
    assert got.rows == expected.rows


def test_a_parameter_is_a_value_not_sparql(stores) -> None:  # type: ignore[no-untyped-def]
    _, oxigraph = stores
    bound = runner.prepare("instruments-for-recommendation", {"rec": '95.43" } } ; DROP ALL #'})
    assert oxigraph.backend()(bound).rows == []


def test_parameters_reach_a_sub_select(stores) -> None:  # type: ignore[no-untyped-def]
    _, oxigraph = stores
    rows = oxigraph.backend()(runner.prepare("instruments-for-recommendation", {"rec": "95.43"})).rows
    assert rows and {row[0] for row in rows} == {"95.43"}


def test_arbitrary_sparql_on_both_engines(stores) -> None:  # type: ignore[no-untyped-def]
    for handle in stores:
        ask = handle.sparql("ASK { ?s a <https://w3id.org/uprgraph/ns#Treaty> }")
        assert ask.kind == "ask" and ask.boolean is True
        assert b"true" in ask.serialize("json")[0]
        select = handle.sparql("SELECT ?n WHERE { ?r <https://w3id.org/uprgraph/ns#recommendationNumber> ?n "
                               "FILTER(?n = '95.43') }")
        assert select.columns == ["n"] and select.rows == [("95.43",)]
        body, media = select.serialize("csv")
        assert media == "text/csv" and body.replace(b"\r\n", b"\n").splitlines() == [b"n", b"95.43"]
        graph = handle.sparql("CONSTRUCT { ?r ?p ?n } WHERE { ?r ?p ?n FILTER(?n = '95.43') }")
        assert graph.kind == "graph"
        assert b"95.43" in graph.serialize("ntriples")[0]
        with pytest.raises(QueryError):
            handle.sparql("SELECT WHERE {")


def test_an_on_disk_store_replaces_a_documents_graph_and_reopens(tmp_path, pair) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "store"
    graphs = pair.named_graphs()
    with open_store(f"oxigraph:{path}") as handle:
        handle.replace_graphs(graphs)
        size = len(handle)
        handle.replace_graphs(graphs)  # building again replaces, it does not add
        assert len(handle) == size
    reopened = open_store(f"oxigraph:{path}", read_only=True)
    assert len(reopened) == size
    rows = reopened.backend()(runner.prepare("not-accepted", {})).rows
    assert len(rows) == 6


def test_loading_a_file(tmp_path, pair) -> None:  # type: ignore[no-untyped-def]
    from uprgraph.export.rdf import rdf_format, serialize

    trig = tmp_path / "g.trig"
    trig.write_bytes(serialize(pair.named_graphs(), rdf_format("trig")))
    handle = open_store("oxigraph", graph_file=trig)
    # named graphs seen as one: Oxigraph's rows are rdflib's over the union of the graphs (a second engine)
    from uprgraph.query.runner import run_query

    assert handle.backend()(runner.prepare("treaties", {})).rows == run_query(pair.graph, "treaties", {}).rows
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> ", encoding="utf-8")
    with pytest.raises(InputError, match="bad.ttl is not valid turtle"):
        open_store("oxigraph", graph_file=bad)
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="holds no triples"):
        open_store("oxigraph", graph_file=empty)


def test_store_specs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert parse_spec("memory") == StoreSpec("memory")
    assert parse_spec("oxigraph") == StoreSpec("oxigraph")
    assert parse_spec("oxigraph:/x/y") == StoreSpec("oxigraph", __import__("pathlib").Path("/x/y"))
    for bad in ("sqlite", "memory:x", "oxigraph:", ""):
        with pytest.raises(UsageError, match="unknown store"):
            parse_spec(bad)
    with pytest.raises(InputError, match="no Oxigraph store"):
        open_store(f"oxigraph:{tmp_path / 'missing'}", read_only=True)


def test_cli_build_into_a_store_then_query_it_without_parsing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from uprgraph.cli import main

    runner_ = CliRunner()
    store = tmp_path / "corpus.oxigraph"
    built = runner_.invoke(main, ["build", "--store", f"oxigraph:{store}"])
    assert built.exit_code == 0, built.output
    from uprgraph import resources
    from uprgraph.pipeline import build_many

    triples = f"triples:         {build_many(resources.default_reports(), validate=False).summary['triples']}\n"
    assert "conforms:        true" in built.output and triples in built.output  # as many as the build in memory
    assert not list(tmp_path.glob("*.ttl"))  # the store is the output
    again = runner_.invoke(main, ["build", "--store", f"oxigraph:{store}", "--force"])  # replaces, does not add
    assert triples in again.output and "built:           2" in again.output
    from_store = runner_.invoke(main, ["query", "not-accepted", "--store", f"oxigraph:{store}", "--format", "csv"])
    with_rdflib = runner_.invoke(main, ["query", "not-accepted", "--store", "memory", "--format", "csv"])
    assert from_store.exit_code == 0 and from_store.output == with_rdflib.output
    assert from_store.output.count("\n") == 7


def test_cli_store_errors_are_one_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from uprgraph.cli import main

    runner_ = CliRunner()
    missing = runner_.invoke(main, ["query", "treaties", "--store", f"oxigraph:{tmp_path / 'nothing'}"])
    assert missing.exit_code == 1 and "no Oxigraph store at" in missing.output and "Traceback" not in missing.output
    bad = runner_.invoke(main, ["query", "treaties", "--store", "sqlite"])
    assert bad.exit_code == 2 and "unknown store 'sqlite'" in bad.output
    in_memory = runner_.invoke(main, ["build", "--store", "oxigraph"])
    assert in_memory.exit_code == 2 and "oxigraph:PATH" in in_memory.output


def _outer_order_variables(query_text: str) -> tuple[set[str], set[str]]:
    """(projected variables, variables the outermost ORDER BY mentions) of a SELECT, read from rdflib's algebra."""
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    algebra = prepareQuery(query_text).algebra
    projected = {str(v) for v in algebra["PV"]}
    node, queue = None, [algebra["p"]]
    while queue and node is None:  # breadth first: the first OrderBy met is the outermost one
        current = queue.pop(0)
        if isinstance(current, CompValue):
            if current.name == "OrderBy":
                node = current
            else:
                queue += [v for v in current.values() if isinstance(v, CompValue)]
    mentioned: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, Variable):
            mentioned.add(str(value))
        elif isinstance(value, CompValue):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    if node is not None:
        walk(node["expr"])
    return projected, mentioned


@pytest.mark.parametrize("name", sorted(load_catalog()))
def test_every_canned_query_orders_by_every_column_it_returns(name: str) -> None:
    # rows that tie on the ORDER BY come in whatever order the engine meets them, which differs between
    # engines and between an on-disk store and its copy in memory once a corpus has several documents
    projected, ordered = _outer_order_variables(load_catalog()[name].text)
    assert ordered, f"{name} has no ORDER BY"
    assert projected <= ordered, f"{name}: ORDER BY leaves out {sorted(projected - ordered)}"


# ---- rows as the store finds them (query --unordered) ---------------------------------------------------


def test_without_order_leaves_the_sub_selects_order_and_the_comments() -> None:
    from uprgraph.query.lexical import without_order

    text = ('SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?o } ORDER BY ?a LIMIT 3 } }  # ORDER BY ?z\n'
            'ORDER BY DESC(?a) LIMIT 2')
    assert without_order(text) == ('SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?o } ORDER BY ?a LIMIT 3 } }  # ORDER BY ?z\n'
                                   'LIMIT 2')
    assert without_order("SELECT * WHERE { ?s ?p ?o }") == "SELECT * WHERE { ?s ?p ?o }"


@pytest.mark.parametrize("name", ["instruments", "paragraph", "instruments-for-theme"])
def test_streamed_rows_are_the_backends_rows(stores, name) -> None:  # type: ignore[no-untyped-def]
    import io

    params = dict(CASES).get(name, {})
    for handle in stores:
        bound = runner.prepare(name, params)
        columns, rows = handle.stream(bound)
        result = handle.backend()(bound)
        assert result.rows and columns == result.columns
        assert list(rows) == result.rows  # the same order: the ORDER BY is still there
        for fmt, formatter in (("csv", runner.format_csv), ("json", runner.format_json),
                               ("markdown", runner.format_markdown)):
            out = io.BytesIO()
            runner.write_rows(*handle.stream(bound), fmt, out)
            assert out.getvalue().decode("utf-8") == formatter(result)
    out = io.BytesIO()
    runner.write_rows(["a"], iter([]), "json", out)
    assert out.getvalue() == b"[]\n"


def test_cli_unordered_gives_the_same_rows(tmp_path, pair) -> None:  # type: ignore[no-untyped-def]
    import csv
    import json

    from click.testing import CliRunner

    from uprgraph.cli import main

    graph = tmp_path / "g.ttl"
    graph.write_text(pair.graph.serialize(format="turtle"), encoding="utf-8")
    base = ["query", "instruments", "--graph", str(graph)]

    def rows(*extra: str) -> list[list[str]]:
        done = CliRunner().invoke(main, base + list(extra))
        assert done.exit_code == 0, done.output
        return list(csv.reader(done.stdout.splitlines()))

    ordered, unordered = rows("--format", "csv"), rows("--format", "csv", "--unordered")
    assert len(ordered) > 10 and ordered[0] == unordered[0] and sorted(ordered[1:]) == sorted(unordered[1:])
    assert len(rows("--format", "csv", "--unordered", "--limit", "3")) == 4
    # written row by row, ordered or not: the same text as the whole answer formatted at once
    ordered_md = CliRunner().invoke(main, base + ["--format", "markdown"])
    unordered_md = CliRunner().invoke(main, base + ["--format", "markdown", "--unordered"])
    assert ordered_md.exit_code == unordered_md.exit_code == 0
    with open_store("oxigraph", graph_file=graph) as handle:  # the whole answer, as `query` formatted it before
        expected_md = runner.format_markdown(handle.backend()(runner.prepare("instruments", {})))
    assert ordered_md.output == expected_md
    assert sorted(unordered_md.output.splitlines()) == sorted(expected_md.splitlines())
    written = tmp_path / "out.json"
    done = CliRunner().invoke(main, base + ["--format", "json", "--unordered", "-o", str(written)])
    assert done.exit_code == 0, done.output
    assert len(json.loads(written.read_text(encoding="utf-8"))) == len(ordered) - 1
    refused = CliRunner().invoke(main, base + ["--unordered"])
    assert refused.exit_code != 0 and "csv, json or markdown" in refused.output
