"""Hostile and broken inputs (issue 10, item 1): each file of tests/bad_inputs/ through build, validate,
query and evaluate. Every failure is one line on stderr with the expected exit status, no traceback,
and the output file given with -o is left exactly as it was, with nothing left beside it.

What each corpus file tests is in tests/bad_inputs/README.md.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hostile import HOSTILE
from rdflib import RDF, SH, Graph, Literal, URIRef

from uprgraph.cli import main
from uprgraph.validate import shapes_graph

CORPUS = Path(__file__).parent / "bad_inputs"
DATA = Path(__file__).parent / "data"
CLEAN = DATA / "synthetic_XXA_national_report.txt"
GOLD = DATA / "synthetic_XXA_national_report.gold.json"
SENTINEL = b"previous content, must survive a failure\n"


def run(*args: object) -> Result:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    # Every failure must have gone through click (SystemExit), never escaped as an exception.
    assert not isinstance(result.exception, Exception), repr(result.exception)
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    return result


def assert_one_line_error(result: Result, exit_code: int, *fragments: str) -> None:
    assert result.exit_code == exit_code, (result.output, result.stderr)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


def assert_untouched(target: Path) -> None:
    assert target.read_bytes() == SENTINEL
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name], "a temporary file was left behind"


@pytest.fixture
def target(tmp_path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "graph.ttl"
    path.write_bytes(SENTINEL)
    return path


# ---- reports that cannot be read: build and evaluate refuse them in one line ----------------------

UNREADABLE = {
    # file: fragments of the one-line error
    "empty.txt": ("empty.txt: the file is empty",),
    "whitespace_only.txt": ("whitespace_only.txt: the file is empty",),
    "binary.dat": ("binary.dat: this is a binary file",),
    "latin1.txt": ("latin1.txt: not UTF-8 text (invalid byte at offset", "convert it to UTF-8"),
    "duplicated_paragraph.txt": ("line 43: paragraph 7 appears twice (first at line 39)",),
    "range_descending.txt": ("line 45:", "'95.9–95.3'", "does not ascend"),
    "range_x.txt": ("line 45:", "'95.x'"),
    "range_double_dash.txt": ("line 45:", "'95.1––95.4'"),
    "french.txt": ("french.txt: this does not look like a UPR report",),
}


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_build_refuses_unreadable_report_and_keeps_the_old_output(name, target):
    result = run("build", CORPUS / name, "-o", target)
    assert_one_line_error(result, 1, *UNREADABLE[name])
    assert_untouched(target)


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_evaluate_refuses_unreadable_report(name):
    assert_one_line_error(run("evaluate", "--report", CORPUS / name, "--gold", GOLD), 1, *UNREADABLE[name])


def test_build_of_a_folder_with_one_bad_report_builds_the_others(tmp_path, target):
    """Issue 16: one document that cannot be read never fails the others. The bad one is named on a
    "skipped:" line, the graph of the others is written (the same as building them alone), exit status 1."""
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(CLEAN, folder / "a.txt")
    shutil.copy(CORPUS / "range_x.txt", folder / "b.txt")
    result = run("build", folder, "-o", target)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        "skipped: b.txt: line 45: malformed recommendation reference '95.x'",
        f"Error: 1 of 2 documents could not be read and were left out; the graph of the others was written to {target}",
    ]
    alone = tmp_path / "alone.ttl"
    assert run("build", folder / "a.txt", "-o", alone).exit_code == 0
    assert target.read_bytes() == alone.read_bytes()


def test_build_of_a_folder_where_no_report_can_be_read_writes_nothing(tmp_path, target):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(CORPUS / "range_x.txt", folder / "b.txt")
    shutil.copy(CORPUS / "range_x.txt", folder / "c.txt")
    assert_one_line_error(run("build", folder, "-o", target), 1, "none of the 2 documents could be read", "b.txt: line 45:")
    assert_untouched(target)


# ---- reports that can still be read: the same graph as the clean text ---------------------------


@pytest.fixture(scope="module")
def clean_graph(tmp_path_factory) -> tuple[bytes, str]:
    out = tmp_path_factory.mktemp("clean") / "clean.ttl"
    result = run("build", CLEAN, "-o", out)
    assert result.exit_code == 0, result.output
    return out.read_bytes(), result.output


REPAIRS = {
    "utf16_bom.txt": "warning: utf16_bom.txt: UTF-16 text (byte order mark); read as UTF-16",
    "utf8_bom.txt": "warning: utf8_bom.txt: a UTF-8 byte order mark opens the file; it was dropped",
    "crlf.txt": "warning: crlf.txt: Windows (CR LF) line endings; read as plain line ends",
}


@pytest.mark.parametrize("name", sorted(REPAIRS))
def test_encodings_and_line_endings_are_read_to_the_same_graph_with_a_warning(name, tmp_path, clean_graph):
    out = tmp_path / "graph.ttl"
    result = run("build", CORPUS / name, "-o", out)
    assert result.exit_code == 0, result.output
    clean_turtle, clean_summary = clean_graph
    # The graphs differ only by the source file's name, which the graph records.
    assert out.read_bytes().replace(name.encode(), b"X") == clean_turtle.replace(CLEAN.name.encode(), b"X")
    warnings = [line for line in result.output.splitlines() if line.startswith("warning: ")]
    assert warnings == [REPAIRS[name]]
    assert "warning: " not in clean_summary
    summary = "".join(line + "\n" for line in result.output.splitlines() if not line.startswith("warning: "))
    assert summary.replace(name, "X") == clean_summary.replace(CLEAN.name, "X")
    scored = run("evaluate", "--report", CORPUS / name, "--gold", GOLD, "--format", "json")
    assert scored.exit_code == 0 and scored.output == run(
        "evaluate", "--report", CLEAN, "--gold", GOLD, "--format", "json").output


def test_truncated_report_reads_what_is_there(tmp_path):
    out = tmp_path / "graph.ttl"
    result = run("build", CORPUS / "truncated.txt", "-o", out)
    assert result.exit_code == 0, result.output
    assert "paragraphs:      6" in result.output and "conforms:        true" in result.output
    graph = Graph().parse(out)
    texts = [str(o) for o in graph.objects(None, URIRef("https://w3id.org/uprgraph/ns#text"))]
    # the last paragraph ends where the file was cut
    assert any(t.endswith("2016−2020, was approved b") for t in texts), texts


def test_paragraphs_out_of_order_are_kept_with_a_warning(tmp_path):
    out = tmp_path / "graph.ttl"
    result = run("build", CORPUS / "out_of_order.txt", "-o", out)
    assert result.exit_code == 0, result.output
    assert "warning: out_of_order.txt: line 21: paragraph 40 is out of order (expected 4)" in result.stderr
    assert "paragraphs:      17" in result.output  # none of the 17 lost


def test_heading_without_recommendation_line_is_a_section_without_recommendations(tmp_path):
    out = tmp_path / "graph.ttl"
    result = run("build", CORPUS / "heading_no_recommendations.txt", "-o", out)
    assert result.exit_code == 0, result.output
    assert "conforms:        true" in result.output


def test_a_50_mb_text_is_refused_for_its_size_clearly(tmp_path, target):
    big = tmp_path / "big.txt"
    paragraph = "The Ministry of Justice reported on the Law on Courts of 4 June 2015. " * 720 + "\n\n"
    with big.open("w", encoding="utf-8") as file:
        file.write("A/HRC/WG.6/99/XXA/1\n  I. Methodology\n\n  Recommendations 118.1–118.4\n\n")
        for n in range(1, 1000):
            file.write(f"{n}. {paragraph}")
    assert big.stat().st_size > 50_000_000
    result = run("build", big, "-o", target)
    assert_one_line_error(result, 1, "big.txt: 50.", "MB of text", "larger than the")
    assert_untouched(target)


# ---- RDF files: validate and query ----------------------------------------------------------------

# rdflib reads an empty file as an empty graph; uprgraph.rdffile refuses a graph file with no triples.
BAD_GRAPHS = ["invalid.ttl", "empty.txt", "whitespace_only.txt", "binary.dat"]


def _as_turtle(name: str, folder: Path) -> Path:
    path = folder / (Path(name).stem + ".ttl")
    shutil.copy(CORPUS / name, path)
    return path


@pytest.mark.parametrize("name", BAD_GRAPHS)
def test_validate_refuses_what_is_not_a_graph(name, tmp_path):
    path = _as_turtle(name, tmp_path)
    assert_one_line_error(run("validate", path), 1, path.stem)


@pytest.mark.parametrize("name", BAD_GRAPHS)
def test_query_refuses_what_is_not_a_graph_and_keeps_the_old_output(name, tmp_path, target):
    path = _as_turtle(name, tmp_path)
    result = run("query", "instruments", "--graph", path, "-o", target)
    assert_one_line_error(result, 1, path.stem)
    assert_untouched(target)


def test_query_with_a_bad_parameter_keeps_the_old_output(target, clean_graph, tmp_path):
    graph = tmp_path / "clean.ttl"
    graph.write_bytes(clean_graph[0])
    result = run("query", "instruments-for-recommendation", "--param", "nope=1", "--graph", graph, "-o", target)
    assert result.exit_code == 2 and result.stderr.startswith("Error: ")
    assert_untouched(target)


def test_a_graph_that_breaks_every_shape(tmp_path, clean_graph):
    """One violation per node shape that has a focus node in the graph: validate names each one."""
    graph = Graph().parse(data=clean_graph[0], format="turtle")
    shapes = shapes_graph()
    broken: set[str] = set()
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        focus = next((f for c in shapes.objects(shape, SH.targetClass) for f in graph.subjects(RDF.type, c)), None)
        if focus is None:
            continue  # no node of that class in this report's graph
        properties = list(shapes.objects(shape, SH.property))
        required = [p for p in properties if shapes.value(p, SH.minCount) is not None]
        if required:
            path = shapes.value(required[0], SH.path)
            graph.remove((focus, path, None))  # a missing value
        else:
            path = shapes.value(properties[0], SH.path)
            # a value of the wrong kind, and one too many, for whatever the property shape demands
            graph.add((focus, path, Literal("not what the shape wants")))
            graph.add((focus, path, URIRef("urn:x-uprgraph-test:bogus")))
            graph.add((focus, path, URIRef("urn:x-uprgraph-test:bogus-2")))
        broken.add(shape.n3(shapes.namespace_manager))
    assert len(broken) >= 8, broken
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    result = run("validate", path)
    assert result.exit_code == 1
    assert "does NOT conform" in result.output
    named = {line.split("shape: ", 1)[1].split(" ")[0] for line in result.output.splitlines() if "shape: " in line}
    assert broken <= named, broken - named


# ---- hostile parameter values through the CLI (issue 10, item 3, CLI entry point only) ------------
# The values are in tests/hostile.py, shared with the endpoint's and the remote runner's tests.


def _parametrised_queries():
    from uprgraph.query.catalog import load_catalog

    return [(q.name, p.name) for q in load_catalog().values() for p in q.params]


@pytest.fixture(scope="module")
def clean_graph_file(clean_graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "clean.ttl"
    path.write_bytes(clean_graph[0])
    return path


@pytest.mark.parametrize(("query_name", "param"), _parametrised_queries())
def test_hostile_parameter_values_are_bound_never_spliced(query_name, param, clean_graph_file):
    """Every value is either answered or refused in one line; the parsed query (its algebra) is the
    same whatever the value, so no value can change what the query does."""
    from uprgraph.errors import UprgraphError
    from uprgraph.query import runner

    graph = Graph().parse(clean_graph_file)
    algebra = None
    for k, value in enumerate(HOSTILE):
        try:
            bound = runner.prepare(query_name, {param: value})
        except UprgraphError:
            result = run("query", query_name, "--param", f"{param}={value}", "--graph", clean_graph_file)
            assert result.exit_code in (1, 2) and result.stderr.startswith("Error: ")
            assert result.stderr.count("\n") == 1, result.stderr
            continue
        text = str(bound.parsed.algebra)
        assert algebra is None or text == algebra, value
        algebra = text
        assert all(name.startswith(param) for name in bound.bindings), bound.bindings
        if k % 4 == 0:  # through the command for a quarter of them; the rest straight on the runner
            result = run("query", query_name, "--param", f"{param}={value}", "--graph", clean_graph_file, "--format", "csv")
            assert result.exit_code == 0 or (result.exit_code in (1, 2) and result.stderr.count("\n") == 1), result.stderr
        else:
            try:
                runner.on_graph(graph)(bound)
            except UprgraphError as error:
                assert "\n" not in str(error).strip()
