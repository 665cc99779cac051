"""``GET /queries/NAME?param=value`` (canned queries over HTTP) and hostile parameter values through it
(issue 10, item 3, the endpoint's entry point), against a real ``uprgraph serve`` process.

The rows are compared with what ``uprgraph query NAME --param ...`` prints (JSON and CSV), and, for the
hostile values, with the rdflib runner's rows (an independent engine, parameters as ``initBindings``).
The query text a worker evaluates is built by :func:`uprgraph.serve.canned.bound_text`; it is checked
here, for every hostile value, to be the canned text plus ``VALUES`` blocks holding exactly the value.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner, Result
from hostile import HOSTILE
from rdflib import Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from serve_server import get as get_url
from serve_server import PATIENT_LIMIT, running

from uprgraph.cli import main
from uprgraph.errors import UprgraphError
from uprgraph.pipeline import default_graph
from uprgraph.query.catalog import get_query, load_catalog
from uprgraph.query.params import bind_parameters
from uprgraph.query.runner import prepare, run_query
from uprgraph.query.values import values_block
from uprgraph.serve.canned import bound_text

MAX_REQUEST = 100_000  # the 20,000-character value fits
# With parameters: (name, {param: value}), each giving rows on the default documents.
CASES = [
    ("paragraph", {"n": "183"}),
    ("instruments-for-recommendation", {"rec": "95.43"}),
    ("instruments-for-theme", {"theme": "torture"}),
    ("instruments-for-right", {"right": "violence against women"}),
    ("recommendations-for-instrument", {"instrument": "Criminal Code"}),
    ("recommendations-by-state", {"by": "SVN"}),
    ("instrument-timeline", {"from": "2010", "to": "2014"}),
]
# Beyond the shared list: an IRI our check admits and Oxigraph refuses, Unicode, a value that looks like a term.
MORE_HOSTILE = ["http://[::1/", "http://example.org/%zz", "https://w3id.org/uprgraph/id/state/SVN", "Торture",
                '"95.43"@en', "95.43\"^^<http://www.w3.org/2001/XMLSchema#string>", "\t"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running(tmp_path_factory.mktemp("serve") / "serve.log", "--timeout", PATIENT_LIMIT, "--workers", "2",
                 "--max-request", str(MAX_REQUEST)) as started:
        yield started


@pytest.fixture(scope="module")
def graph():
    return default_graph()


def get(server, path: str, params: list[tuple[str, str]] | dict[str, str] | None = None, accept: str | None = None):
    return get_url(server.url + path, params, accept)


def cli(*args: str) -> Result:
    """What ``uprgraph ARGS`` prints, run in this process: the default dataset is built once for all the
    calls (``pipeline.default_graph``), not once in a new process each (the entry point: test_cli)."""
    return CliRunner().invoke(main, list(args))


def sparql_json_rows(body: bytes) -> tuple[list[str], list[tuple[str | None, ...]]]:
    data = json.loads(body)
    names = data["head"]["vars"]
    return names, [tuple(b[n]["value"] if n in b else None for n in names) for b in data["results"]["bindings"]]


# ------------------------------------------------------------------------------ the route


@pytest.mark.parametrize(("name", "values"), CASES)
def test_rows_are_the_commands_rows(server, name, values):
    args = [arg for key, value in values.items() for arg in ("--param", f"{key}={value}")]
    # JSON: the command prints one object per row, null where a variable is unbound.
    printed = cli("query", name, *args, "--format", "json")
    assert printed.exit_code == 0, printed.stderr
    records = json.loads(printed.stdout)
    status, headers, body = get(server, f"/queries/{name}", values)
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json", body[:300]
    columns, rows = sparql_json_rows(body)
    assert rows, f"{name} gave no rows"
    assert [dict(zip(columns, row, strict=True)) for row in rows] == records
    # CSV, byte for byte the same table once both are read as CSV.
    printed = cli("query", name, *args, "--format", "csv")
    status, headers, body = get(server, f"/queries/{name}", values, accept="text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    ours = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert ours == list(csv.reader(io.StringIO(printed.stdout)))


def test_other_formats_and_optional_parameters(server):
    status, _, body = get(server, "/queries/recommendations-by-state")
    assert status == 200
    everyone = sparql_json_rows(body)[1]
    status, _, body = get(server, "/queries/recommendations-by-state", {"by": "SVN"})
    slovenia = sparql_json_rows(body)[1]
    assert 0 < len(slovenia) < len(everyone) and set(slovenia) <= set(everyone)
    status, headers, body = get(server, "/queries/paragraph", {"n": "183"}, accept="application/sparql-results+xml")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml") and b"183" in body
    status, headers, body = get(server, "/queries/paragraph", {"n": "183"}, accept="text/tab-separated-values")
    assert status == 200 and body.decode().splitlines()[0].startswith("?paragraph\t")


@pytest.mark.parametrize(("path", "params", "status", "message"), [
    ("/queries/no-such-query", None, 404, "unknown query 'no-such-query'; GET /queries lists them"),
    ("/queries/paragraph", None, 400, None),  # the command's message, checked below
    ("/queries/paragraph", {"n": "x"}, 400, None),
    ("/queries/paragraph", {"n": "183", "m": "1"}, 400, None),
    ("/queries/instrument-timeline", {"from": "20x0"}, 400, None),
    ("/queries/paragraph", [("n", "1"), ("n", "2")], 400, "parameter 'n' is given twice"),
    ("/queries/recommendations-for-instrument", {"instrument": "http://[::1/"}, 400,
     "parameter 'instrument' of query 'recommendations-for-instrument' is not a valid IRI: Invalid character '[' in host"),
])
def test_errors_are_one_line_with_the_commands_message(server, path, params, status, message):
    got, headers, body = get(server, path, params)
    text = body.decode("utf-8")
    assert got == status and headers["Content-Type"].startswith("text/plain") and text.count("\n") == 1, text
    if message is None:  # the same words as `uprgraph query` prints after "Error: "
        name = path.rsplit("/", 1)[1]
        args = [arg for key, value in dict(params or {}).items() for arg in ("--param", f"{key}={value}")]
        printed = cli("query", name, *args)
        assert printed.exit_code == 2 and printed.stderr == f"Error: {text}"
    else:
        assert text.strip() == message
    status, _, _ = get(server, "/queries/paragraph", {"n": "183"}, accept="text/turtle")
    assert status == 406


def test_listing(server):
    status, headers, body = get(server, "/queries")
    assert status == 200 and headers["Content-Type"] == "application/json"
    listed = json.loads(body)
    assert [q["name"] for q in listed] == list(load_catalog())
    for entry in listed:  # each example URL runs
        status, _, _ = get(server, entry["example"])
        assert status == 200, entry["example"]


# ------------------------------------------------------------------------------ hostile values


def _parametrised():
    return [(q.name, p.name) for q in load_catalog().values() for p in q.params]


@pytest.mark.parametrize(("name", "param"), _parametrised())
def test_hostile_values_through_the_endpoint(server, graph, name, param):
    """Every value: 200 with the rdflib runner's rows (the value taken literally), or a 4xx in one
    line; never a 5xx. A value the command refuses is refused with the command's message."""
    answered = refused = 0
    for value in HOSTILE + MORE_HOSTILE:
        status, headers, body = get(server, f"/queries/{name}", {param: value})
        text = body.decode("utf-8", errors="replace")
        assert status < 500, (value[:50], status, text[:300])
        try:
            local = run_query(graph, name, {param: value})
        except UprgraphError as error:
            assert status == 400 and text == " ".join(str(error).split()) + "\n", (value[:50], text)
            refused += 1
            continue
        if status == 400 and "is not a valid IRI" in text:  # Oxigraph's IRI check is stricter than rdflib's
            assert value in MORE_HOSTILE and text.count("\n") == 1
            continue
        assert status == 200, (value[:50], text[:300])
        columns, rows = sparql_json_rows(body)
        assert columns == local.columns
        assert rows == local.rows, value[:50]  # every canned query orders its rows fully
        answered += 1
    declared = get_query(name).param(param)
    if declared is not None and declared.type in ("year", "integer"):  # most are refused, as the command refuses them
        assert refused >= len(HOSTILE) // 2
    else:  # text is taken literally
        assert answered >= len(HOSTILE) - 1


def _skeleton(node, bound: dict[Variable, object], seen: list[object]):
    """The algebra as nested tuples, each VALUES row checked to hold exactly the bound terms and
    replaced by a marker; ``_vars`` (sets, in hash order) left out."""
    if isinstance(node, CompValue):
        # a VALUES block of the parameters' (a query's own VALUES data, the same in both texts, is compared as is)
        if node.name == "values" and all(v in bound for row in node["res"] for v in row):
            for row in node["res"]:
                assert row == {v: bound[v] for v in row}, (row, bound)
                seen.append(row)
            return ("values", tuple(sorted(str(v) for row in node["res"] for v in row)))
        return (node.name, tuple(sorted((k, _skeleton(v, bound, seen)) for k, v in node.items() if k != "_vars")))
    if isinstance(node, dict):
        return tuple(sorted((repr(k), _skeleton(v, bound, seen)) for k, v in node.items()))
    if isinstance(node, (list, tuple)):
        return tuple(_skeleton(item, bound, seen) for item in node)
    if isinstance(node, set):
        return tuple(sorted(repr(item) for item in node))
    return repr(node)


REFERENCE = {"string": "x", "year": "2012", "integer": "183"}


@pytest.mark.parametrize(("name", "param"), _parametrised())
def test_the_text_a_worker_evaluates_differs_only_by_the_values_terms(name, param):
    """For each value bound_text accepts: removing its VALUES blocks gives back the canned text, and
    rdflib reads the text as the same algebra as with a plain reference value, except for the VALUES
    rows, which hold exactly the value's term."""
    query = get_query(name)
    declared = query.param(param)
    assert declared is not None
    checked = 0
    expected_of: dict[str, object] = {}  # a reference value -> its algebra's skeleton, parsed once per test
    for value in HOSTILE + MORE_HOSTILE:
        try:
            text = bound_text(query, {param: value})
        except UprgraphError as error:
            # a \u escape cannot be written into SPARQL unchanged (rdflib's initBindings takes it); any
            # other refusal is the command's own
            if "\\u escape" not in str(error):
                with pytest.raises(UprgraphError):
                    prepare(query, {param: value})
            continue
        terms = bind_parameters(query, {param: value})
        (variable, term), = terms.items()
        block = values_block(terms, [variable])
        assert text.count(block) >= 1 and text.replace(block, "") == query.text
        if declared.type == "iri-or-text":
            reference = "http://example.org/x" if isinstance(term, URIRef) else "x"
        else:
            reference = REFERENCE[declared.type]
        reference_terms = bind_parameters(query, {param: reference})
        assert set(reference_terms) == {variable}
        seen: list[object] = []
        got = _skeleton(prepareQuery(text).algebra, {Variable(variable): term}, seen)
        assert len(seen) == text.count(block)
        if reference not in expected_of:
            expected_of[reference] = _skeleton(prepareQuery(bound_text(query, {param: reference})).algebra,
                                               {Variable(variable): reference_terms[variable]}, [])
        assert got == expected_of[reference], value[:50]
        assert isinstance(term, (Literal, URIRef))
        checked += 1
    if declared.type not in ("year", "integer"):  # text: every value is bound (the numbers were refused above)
        assert checked >= len(HOSTILE) - 1

