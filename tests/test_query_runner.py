"""The query catalog, parameter binding and result formats, on a small graph built here."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph

from uprgraph.errors import QueryError, UsageError
from uprgraph.query.catalog import Param, get_query, load_catalog, parse_query
from uprgraph.query.runner import format_csv, format_json, format_table, prepare, run_query

DATA = """
@prefix ex: <http://example.org/> .
ex:law1 ex:label "Law on Ombudsman" ; ex:underRecommendation "95.43" ; ex:year 2012 .
ex:law2 ex:label "Code on Marriage" ; ex:underRecommendation "95.43" ; ex:year 2011 .
ex:plan ex:label "Plan «Kazakhstan-2050»" ; ex:underRecommendation "96.1" .
"""

INSTRUMENTS = """\
#+ title: Instruments reported under a recommendation
#+ description: One row per instrument reported
#+   under the recommendation.
#+ param: rec | string | required | Recommendation number as printed, e.g. 95.43
#+ param: from | year | optional | First year (inclusive)
PREFIX ex: <http://example.org/>
SELECT ?instrument ?label ?year WHERE {
  ?instrument ex:underRecommendation ?rec ; ex:label ?label .
  OPTIONAL { ?instrument ex:year ?year }
  FILTER (!BOUND(?from) || (BOUND(?year) && ?year >= ?from))
}
ORDER BY ?instrument
"""

FIND = """\
#+ title: Find an instrument
#+ param: thing | iri-or-text | required | An instrument's IRI, or words of its label
PREFIX ex: <http://example.org/>
SELECT ?instrument WHERE {
  ?instrument ex:label ?label .
  FILTER (?instrument = ?thing_iri || CONTAINS(LCASE(?label), LCASE(?thing_text)))
}
"""


@pytest.fixture
def graph() -> Graph:
    return Graph().parse(data=DATA, format="turtle")


@pytest.fixture
def instruments():
    return parse_query("instruments", INSTRUMENTS)


def test_header_gives_title_description_and_params(instruments):
    assert instruments.title == "Instruments reported under a recommendation"
    assert instruments.description == "One row per instrument reported under the recommendation."
    assert instruments.params == (
        Param("rec", "string", True, "Recommendation number as printed, e.g. 95.43"),
        Param("from", "year", False, "First year (inclusive)"),
    )
    assert instruments.text == INSTRUMENTS


@pytest.mark.parametrize(
    ("header", "complaint"),
    [
        ("#+ param: rec | date | required | when", "parameter type 'date'"),
        ("#+ param: rec | string | maybe | x", "'required' or 'optional'"),
        ("#+ param: rec | string", "expected 'param: name | type"),
        ("#+ param: re-c | string | required | x", "not a SPARQL variable name"),
        ("#+ param: other | string | required | x", "binds ?other, which the query does not use"),
        ("#+ titel: Typo", "unknown header field 'titel'"),
        ("#+   orphan continuation", "continuation line before any entry"),
    ],
)
def test_malformed_header_is_a_query_error_naming_the_file(header, complaint):
    with pytest.raises(QueryError, match="query 'broken', line 1") as raised:
        parse_query("broken", f"{header}\nSELECT ?rec WHERE {{ ?s ?p ?rec }}\n")
    assert complaint in str(raised.value)


def test_catalog_reads_rq_files_by_stem(tmp_path):
    (tmp_path / "instruments.rq").write_text(INSTRUMENTS, encoding="utf-8")
    (tmp_path / "find.rq").write_text(FIND, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a query", encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert list(catalog) == ["find", "instruments"]
    assert get_query("find", catalog).params[0].type == "iri-or-text"


def test_catalog_rejects_a_query_without_title(tmp_path):
    (tmp_path / "untitled.rq").write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    with pytest.raises(QueryError, match="'untitled' has no '#\\+ title:'"):
        load_catalog(tmp_path)


def test_unknown_query_name_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="unknown query 'nope'; run 'uprgraph queries' to list them"):
        get_query("nope", load_catalog(tmp_path))


def test_string_parameter_selects_rows(graph, instruments):
    result = run_query(graph, instruments, {"rec": "95.43"})
    assert result.columns == ["instrument", "label", "year"]
    assert result.rows == [
        ("http://example.org/law1", "Law on Ombudsman", "2012"),
        ("http://example.org/law2", "Code on Marriage", "2011"),
    ]


def test_hostile_value_is_a_plain_string_that_matches_nothing(graph, instruments):
    hostile = '95.43" } ; DROP ALL #'
    bound = prepare(instruments, {"rec": hostile})
    assert run_query(graph, instruments, {"rec": hostile}).rows == []
    assert bound.query.text == INSTRUMENTS == instruments.text
    assert str(bound.bindings["rec"]) == hostile
    assert len(graph) == 8  # nothing was dropped


def test_year_parameter_is_an_integer_literal(graph, instruments):
    result = run_query(graph, instruments, {"rec": "95.43", "from": "2012"})
    assert [row[1] for row in result.rows] == ["Law on Ombudsman"]


@pytest.mark.parametrize("year", ["12", "2012.5", "twenty", "20121", " 2012"])
def test_year_must_have_four_digits(instruments, year):
    with pytest.raises(UsageError, match="must be a four-digit year"):
        prepare(instruments, {"rec": "95.43", "from": year})


def test_integer_parameter(graph):
    query = parse_query(
        "since",
        "#+ title: Since\n#+ param: n | integer | required | year\n"
        "PREFIX ex: <http://example.org/>\nSELECT ?s WHERE { ?s ex:year ?y FILTER (?y > ?n) }",
    )
    assert run_query(graph, query, {"n": "2011"}).rows == [("http://example.org/law1",)]
    with pytest.raises(UsageError, match="must be an integer"):
        prepare(query, {"n": "eleven"})


def test_iri_or_text_binds_an_iri_when_given_one(graph):
    query = parse_query("find", FIND)
    bound = prepare(query, {"thing": "http://example.org/plan"})
    assert set(bound.bindings) == {"thing_iri"}
    assert run_query(graph, query, {"thing": "http://example.org/plan"}).rows == [("http://example.org/plan",)]


def test_iri_or_text_binds_text_otherwise(graph):
    query = parse_query("find", FIND)
    assert set(prepare(query, {"thing": "ombudsman"}).bindings) == {"thing_text"}
    assert run_query(graph, query, {"thing": "ombudsman"}).rows == [("http://example.org/law1",)]
    # Looks like an IRI but cannot be one: treated as words, not pasted as <...>.
    assert set(prepare(query, {"thing": "http://x> } #"}).bindings) == {"thing_text"}


def test_unknown_parameter_names_the_ones_the_query_takes(instruments):
    with pytest.raises(UsageError) as raised:
        prepare(instruments, {"rec": "95.43", "x": "1"})
    assert str(raised.value) == "unknown parameter 'x' for query 'instruments' (it takes: rec, from)"


def test_missing_required_parameter(instruments):
    with pytest.raises(UsageError, match="query 'instruments' needs parameter 'rec'"):
        prepare(instruments, {})


def test_sparql_text_runs_without_parameters(graph):
    result = run_query(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {})
    assert result.rows == [("8",)]


def test_unbound_variable_is_none(graph):
    result = run_query(
        graph,
        "PREFIX ex: <http://example.org/> SELECT ?s ?y WHERE { ?s ex:label ?l OPTIONAL { ?s ex:year ?y } }",
        {},
    )
    assert ("http://example.org/plan", None) in result.rows


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("SELECT ?s WHERE { ?s ?p }", "is not valid SPARQL"),
        ("SELECT ?s WHERE { ?s nope:p ?o }", "is not valid SPARQL: Unknown namespace prefix : nope"),
        ("DROP ALL", "is not valid SPARQL"),
        ("ASK { ?s ?p ?o }", "is ASK; only SELECT queries can be run"),
    ],
)
def test_bad_query_is_one_line_query_error(text, complaint):
    with pytest.raises(QueryError, match="query '<text>'") as raised:
        prepare(text, {})
    assert complaint in str(raised.value)
    assert "\n" not in str(raised.value)


def test_table_aligns_columns(graph, instruments):
    table = format_table(run_query(graph, instruments, {"rec": "95.43"}))
    assert table.splitlines() == [
        "instrument               label             year",
        "-----------------------  ----------------  ----",
        "http://example.org/law1  Law on Ombudsman  2012",
        "http://example.org/law2  Code on Marriage  2011",
    ]


def test_csv_has_a_header_row_and_quotes_as_needed(graph):
    result = run_query(
        graph,
        'PREFIX ex: <http://example.org/> SELECT ?s ?year ?note WHERE { ?s ex:label ?l '
        'OPTIONAL { ?s ex:year ?year } BIND (CONCAT(?l, ", noted") AS ?note) } ORDER BY ?s',
        {},
    )
    rows = list(csv.reader(io.StringIO(format_csv(result))))
    assert rows[0] == ["s", "year", "note"]
    assert rows[3] == ["http://example.org/plan", "", "Plan «Kazakhstan-2050», noted"]


def test_json_is_a_list_of_objects_keyed_by_column(graph):
    result = run_query(
        graph, "PREFIX ex: <http://example.org/> SELECT ?l ?y WHERE { ?s ex:label ?l OPTIONAL { ?s ex:year ?y } }", {}
    )
    text = format_json(result)
    records = json.loads(text)
    assert all(list(record) == ["l", "y"] for record in records)
    assert {"l": "Plan «Kazakhstan-2050»", "y": None} in records
    assert "«" in text  # ensure_ascii=False keeps non-ASCII readable
