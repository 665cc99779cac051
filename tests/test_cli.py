"""The uprgraph command: exit statuses, one-line errors, output files and formats."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import RDF, SH, Graph, Literal, Namespace, URIRef

from uprgraph import resources
from uprgraph.cli import main
from uprgraph.query.catalog import load_catalog

EX = Namespace("http://example.org/")

TINY_GRAPH = """\
@prefix ex: <http://example.org/> .
ex:law1 ex:label "Law on Ombudsman" ; ex:underRecommendation "95.43" .
ex:law2 ex:label "Code on Marriage, 2011" ; ex:underRecommendation "95.43" .
"""

TINY_QUERY = """\
#+ title: Instruments under a recommendation
#+ param: rec | string | required | Recommendation number as printed
PREFIX ex: <http://example.org/>
SELECT ?instrument ?label WHERE { ?instrument ex:underRecommendation ?rec ; ex:label ?label }
ORDER BY ?instrument
"""


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    # Every failure must have gone through click (SystemExit), never escaped as an exception.
    assert not isinstance(result.exception, Exception), result.exception
    return result


def assert_one_line_error(result: Result, exit_code: int, *fragments: str) -> None:
    assert result.exit_code == exit_code, result.output
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


@pytest.fixture
def tiny_graph(tmp_path) -> Path:
    path = tmp_path / "tiny.ttl"
    path.write_text(TINY_GRAPH, encoding="utf-8")
    return path


@pytest.fixture
def tiny_query(tmp_path) -> Path:
    path = tmp_path / "instruments.rq"
    path.write_text(TINY_QUERY, encoding="utf-8")
    return path


def test_help_lists_commands_without_importing_rdflib():
    code = "import sys, uprgraph.cli; print(sorted(m for m in ('rdflib', 'pyshacl') if m in sys.modules))"
    imported = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")},
    )
    assert imported.stdout.strip() == "[]"
    help_text = run("--help").output
    for command in ("build", "validate", "queries", "query"):
        assert command in help_text


# ---- query ---------------------------------------------------------------------------------


def test_query_file_as_csv(tiny_graph, tiny_query):
    result = run("query", "--file", tiny_query, "--graph", tiny_graph, "--param", "rec=95.43", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["instrument", "label"],
        ["http://example.org/law1", "Law on Ombudsman"],
        ["http://example.org/law2", "Code on Marriage, 2011"],
    ]


def test_query_file_as_json(tiny_graph, tiny_query):
    result = run("query", "--file", tiny_query, "--graph", tiny_graph, "-p", "rec=95.43", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [list(record) for record in records] == [["instrument", "label"]] * 2
    assert records[0]["label"] == "Law on Ombudsman"


def test_query_table_is_the_default(tiny_graph, tiny_query):
    result = run("query", "--file", tiny_query, "--graph", tiny_graph, "-p", "rec=95.43")
    assert result.stdout.splitlines()[0].split() == ["instrument", "label"]
    assert len(result.stdout.splitlines()) == 4


def test_hostile_parameter_returns_no_rows(tiny_graph, tiny_query):
    result = run("query", "--file", tiny_query, "--graph", tiny_graph, "-p", 'rec=95.43" } ; DROP ALL #',
                 "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "instrument,label\n"
    assert tiny_query.read_text(encoding="utf-8") == TINY_QUERY


def test_query_output_file(tiny_graph, tiny_query, tmp_path):
    target = tmp_path / "rows.json"
    result = run("query", "--file", tiny_query, "--graph", tiny_graph, "-p", "rec=95.43", "--format", "json",
                 "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 2


def test_query_output_into_missing_folder_is_one_line(tiny_graph, tiny_query, tmp_path):
    target = tmp_path / "missing" / "rows.csv"
    result = run("query", "--file", tiny_query, "--graph", tiny_graph, "-p", "rec=95.43", "-o", target)
    assert_one_line_error(result, 1, str(target))


def test_unknown_parameter_exits_2(tiny_graph, tiny_query):
    result = run("query", "--file", tiny_query, "--graph", tiny_graph, "-p", "rec=95.43", "-p", "year=2014")
    assert_one_line_error(result, 2, "unknown parameter 'year' for query 'instruments' (it takes: rec)")


def test_missing_required_parameter_exits_2(tiny_graph, tiny_query):
    result = run("query", "--file", tiny_query, "--graph", tiny_graph)
    assert_one_line_error(result, 2, "needs parameter 'rec'")


def test_malformed_param_exits_2(tiny_graph, tiny_query):
    result = run("query", "--file", tiny_query, "--graph", tiny_graph, "--param", "rec")
    assert result.exit_code == 2
    assert "expected NAME=VALUE, got 'rec'" in result.stderr


@pytest.mark.parametrize("args", [[], ["some-query", "--file", "QUERY"]])
def test_query_needs_exactly_one_of_name_and_file(args, tiny_query):
    result = run("query", *[tiny_query if arg == "QUERY" else arg for arg in args])
    assert result.exit_code == 2
    assert "--file" in result.stderr


def test_unknown_query_name_exits_2():
    result = run("query", "no-such-query")
    assert_one_line_error(result, 2, "unknown query 'no-such-query'; run 'uprgraph queries' to list them")


def test_missing_graph_file_exits_2(tmp_path, tiny_query):
    result = run("query", "--file", tiny_query, "--graph", tmp_path / "absent.ttl")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_unreadable_graph_is_one_line(tmp_path, tiny_query):
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is { not turtle", encoding="utf-8")
    result = run("query", "--file", tiny_query, "--graph", broken, "-p", "rec=1")
    assert_one_line_error(result, 1, f"{broken} is not valid turtle")


def test_invalid_sparql_is_one_line(tmp_path, tiny_graph):
    query = tmp_path / "typo.rq"
    query.write_text("SELEC ?s WHERE { ?s ?p ?o }", encoding="utf-8")
    result = run("query", "--file", query, "--graph", tiny_graph)
    assert_one_line_error(result, 1, "query 'typo' is not valid SPARQL")


def test_queries_lists_every_canned_query():
    catalog = load_catalog()
    assert catalog, "the packaged queries/ folder has no .rq file"
    header, rule, *lines = run("queries").stdout.splitlines()  # off a terminal: one line per query
    assert header.split() == ["query", "parameters", "title"] and set(rule) == {"-", " "}
    assert [line.split()[0] for line in lines] == list(catalog)
    for line, query in zip(lines, catalog.values(), strict=True):
        assert line.endswith(query.title)
        for param in query.params:
            assert (param.name if param.required else f"[{param.name}]") in line.split()


# ---- build ---------------------------------------------------------------------------------


def test_build_missing_report_exits_2(tmp_path):
    result = run("build", tmp_path / "absent.txt")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_build_empty_report_is_one_line_and_writes_nothing(tmp_path, monkeypatch):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run("build", empty), 1)
    assert os.listdir(tmp_path) == ["empty.txt"]


def test_failed_build_leaves_existing_output_untouched(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"# the previous graph\n")
    result = run("build", empty, "-o", target)
    assert result.exit_code == 1
    assert target.read_bytes() == b"# the previous graph\n"
    assert sorted(os.listdir(tmp_path)) == ["empty.txt", "graph.ttl"]


def test_build_default_pair_writes_turtle_in_cwd_and_summary_to_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.exit_code == 0, result.output
    written = Graph().parse(tmp_path / "uprgraph.ttl", format="turtle")
    summary = {k: v.strip() for k, v in (line.split(":", 1) for line in result.stdout.splitlines())}
    assert int(summary["triples"]) == len(written) > 0
    assert summary["documents"] == "A/HRC/14/10, A/HRC/WG.6/20/KAZ/1"
    assert (summary["recommendations"], summary["with text"], summary["conforms"]) == ("128", "128", "true")


def test_build_one_report_names_the_output_after_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build", KAZ)
    assert result.exit_code == 0, result.output
    assert os.listdir(tmp_path) == ["A_HRC_WG.6_20_KAZ_1.ttl"]


def test_build_a_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in resources.default_reports():
        (folder / name).write_bytes(data)
    (folder / "notes.md").write_text("not a report")
    result = run("build", folder, "-o", tmp_path / "out.ttl")
    assert result.exit_code == 0, result.output
    assert "documents:       A/HRC/14/10, A/HRC/WG.6/20/KAZ/1" in result.stdout


def test_build_an_empty_folder_is_a_usage_error(tmp_path):
    result = run("build", tmp_path)
    assert result.exit_code == 2 and "no .txt or .pdf report" in result.stderr


def test_build_to_stdout_moves_summary_to_stderr(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build", "-o", "-")
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    summary = dict(line.split(":", 1) for line in result.stderr.splitlines() if ":" in line)
    assert int(summary["triples"]) == len(graph) > 0
    assert os.listdir(tmp_path) == []


# ---- validate ------------------------------------------------------------------------------


def test_validate_conforming_graph_exits_0(tmp_path):
    path = tmp_path / "state.ttl"
    path.write_text(
        "@prefix upr: <https://w3id.org/uprgraph/ns#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://example.org/state/KAZ> a upr:State ; skos:notation "KAZ" ; rdfs:label "Kazakhstan"@en .\n',
        encoding="utf-8",
    )
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout


def test_validate_an_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.ttl"
    path.write_text("", encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 1 and "holds no triples" in result.stderr


def test_validate_graph_that_breaks_a_shape_exits_1(tmp_path):
    target_class, path = _a_required_property()
    broken = Graph()
    broken.add((EX.thing, RDF.type, target_class))  # an instance without the property it must have
    file = tmp_path / "broken.ttl"
    broken.serialize(file, format="turtle")
    result = run("validate", file)
    assert result.exit_code == 1, result.output
    assert str(path).rsplit("/", 1)[-1].rsplit("#", 1)[-1] in result.stdout


def test_validate_unreadable_file_is_one_line(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text("<a> <b>", encoding="utf-8")
    assert_one_line_error(run("validate", path), 1, "is not valid turtle")


def _a_required_property() -> tuple[URIRef, URIRef]:
    """(class, property) from our shapes where every instance of the class needs the property."""
    shapes = Graph()
    for file in resources.list_files("shapes", ".ttl"):
        shapes.parse(data=file.read_text(encoding="utf-8"), format="turtle")
    for shape, target_class in shapes.subject_objects(SH.targetClass):
        for property_shape in shapes.objects(shape, SH.property):
            path = shapes.value(property_shape, SH.path)
            min_count = shapes.value(property_shape, SH.minCount)
            if isinstance(path, URIRef) and isinstance(min_count, Literal) and min_count.toPython() >= 1:
                return URIRef(target_class), path
    raise AssertionError("no shape in shapes/ requires a property of a target class")


KAZ = Path(__file__).resolve().parents[1] / "reports" / "A_HRC_WG.6_20_KAZ_1.txt"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"caf\xe9\n", "not UTF-8"),
        (b"Dear reader,\n\n1. A list.\n2. Of things.\n", "does not look like a UPR report"),
        (KAZ.read_bytes().replace("95.42\u201395.45".encode(), "95.42\u201395.x".encode()), "malformed recommendation"),
    ],
    ids=["binary", "latin-1", "not-a-report", "malformed-range"],
)
def test_bad_reports_fail_in_one_line_and_leave_the_output_alone(tmp_path, content, message):
    report = tmp_path / "report.txt"
    report.write_bytes(content)
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"# the previous graph\n")
    result = run("build", report, "-o", target)
    assert_one_line_error(result, 1)
    assert message in result.stderr
    assert target.read_bytes() == b"# the previous graph\n"
    assert sorted(os.listdir(tmp_path)) == ["graph.ttl", "report.txt"]


def test_evaluate_scores_the_synthetic_report():
    data = Path(__file__).resolve().parent / "data"
    result = run("evaluate", "--gold", data / "synthetic_XXA_national_report.gold.json",
                 "--report", data / "synthetic_XXA_national_report.txt", "--format", "json")
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)["scores"]
    for kind in ("instruments", "treaties", "institutions", "visits", "section links"):
        assert scores[kind]["precision"] >= 0.9 and scores[kind]["recall"] >= 0.9, kind


def test_evaluate_report_without_gold_is_a_usage_error(tmp_path):
    result = run("evaluate", "--report", KAZ)
    assert result.exit_code == 2


def test_analyst_commands(tmp_path):
    analysis = run("analyze", "--format", "json", "--top", "3")
    assert analysis.exit_code == 0, analysis.stderr
    assert json.loads(analysis.stdout)
    charts = run("plot", "-o", tmp_path / "charts")
    assert charts.exit_code == 0, charts.stderr
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == sorted(
        f"{name}.{ext}" for name in ("coverage-by-theme", "instrument-timeline", "responses", "follow-up-status")
        for ext in ("png", "svg"))
    network = run("export", "--format", "graphml", "--view", "theme-treaty", "-o", tmp_path / "n.graphml")
    assert network.exit_code == 0, network.stderr
    assert (tmp_path / "n.graphml").read_bytes().startswith(b"<?xml")
    page = run("viz", "-o", tmp_path / "explorer.html")
    assert page.exit_code == 0, page.stderr
    assert b"vis-network" in (tmp_path / "explorer.html").read_bytes()


def test_evaluate_scores_several_documents_with_a_row_each():
    data = Path(__file__).resolve().parent / "data"
    pairs = []
    for name in ("synthetic_XXA_national_report", "synthetic_XXB_national_report"):
        pairs += ["--gold", data / f"{name}.gold.json", "--report", data / f"{name}.txt"]
    table = run("evaluate", *pairs)
    assert table.exit_code == 0, table.stderr
    rows = table.stdout.splitlines()
    header = next(i for i, line in enumerate(rows) if line.startswith("document"))
    assert set(rows[header + 1]) == {"-", " "}  # the rule under the header
    assert [row.split()[0] for row in rows[header + 2:]] == ["synthetic_XXA_national_report.txt", "synthetic_XXB_national_report.txt"]
    assert "exact F1" in rows[header] and "== synthetic_XXB_national_report.txt" in table.stdout
    scored = json.loads(run("evaluate", *pairs, "--format", "json").stdout)
    assert [d["report"] for d in scored["documents"]] == ["synthetic_XXA_national_report.txt", "synthetic_XXB_national_report.txt"]
    assert "instruments" in scored["documents"][0]["name_exact"]
    unpaired = run("evaluate", *pairs[:6])
    assert unpaired.exit_code == 2 and "2 --gold and 1 --report" in unpaired.stderr
