"""Tables for people: every canned query's table fits $COLUMNS with every value complete; plain tables off a
terminal; Markdown; --limit; the same renderer under `queries`, `analyze` and `evaluate`."""

from __future__ import annotations

import csv
import io
import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from uprgraph import tables
from uprgraph.cli import main
from uprgraph.export.rdf import FORMATS, serialize
from uprgraph.query.catalog import load_catalog
from uprgraph.serve.canned import examples
from components import NO_ROWS_ON_THE_DEFAULT_PAIR

CATALOG = load_catalog()


def run(*args: str, columns: int | None = None):  # type: ignore[no-untyped-def]
    env = {"COLUMNS": str(columns)} if columns is not None else None
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    assert result.exit_code == 0, result.output
    return result


def parse(text: str, count: int | None = None) -> tuple[list[str], list[list[str]], list[int]]:
    """A rendered table of ``count`` rows read back: (header, rows, column widths). Each cell is the column's
    slice of each of its lines, the pieces joined by a space. Rows of several lines are apart by a blank line."""
    lines = text.splitlines()
    rule = next(i for i, line in enumerate(lines) if line and set(line) <= {"-", " "})
    spans = [m.span() for m in re.finditer(r"-+", lines[rule])]
    body = lines[rule + 1:]
    if count == 1:
        blocks = [body]
    elif "" not in body:
        blocks = [[line] for line in body]
    else:
        blocks = [b.split("\n") for b in "\n".join(body).split("\n\n")]

    def cells(block: list[str]) -> list[str]:
        return [" ".join(p for p in (line.ljust(spans[-1][1])[a:b].strip() for line in block) if p) for a, b in spans]

    return cells(lines[:rule]), [cells(block) for block in blocks], [b - a for a, b in spans]


def squeeze(text: str) -> str:
    return "".join(text.split())


def assert_complete(text: str, header: list[str], rows: list[list[str]]) -> None:
    """Every value is in the table whole, in order; a word that fits its column is never broken."""
    got_header, got_rows, widths = parse(text, len(rows))
    assert [squeeze(h) for h in got_header] == [squeeze(h) for h in header]
    assert len(got_rows) == len(rows)
    for got, want in zip(got_rows, rows, strict=True):
        assert [squeeze(c) for c in got] == [squeeze(c or "") for c in want]
        for cell, value, width in zip(got, want, widths, strict=True):
            words = cell.split()
            for word in (value or "").split():
                if len(word) <= width:
                    assert word in words, (word, cell)


@pytest.fixture(scope="module")
def dataset(pair, tmp_path_factory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("tables") / "pair.trig"
    path.write_bytes(serialize(pair.named_graphs(), FORMATS["trig"]))
    return path


@pytest.mark.parametrize("name", sorted(set(CATALOG) - NO_ROWS_ON_THE_DEFAULT_PAIR))
def test_every_canned_query_fits_100_columns_with_every_value_complete(dataset, name):
    params = [a for key, value in examples(CATALOG[name]).items() for a in ("--param", f"{key}={value}")]
    table = run("query", name, *params, "--graph", dataset, columns=100).stdout
    rows = list(csv.reader(io.StringIO(run("query", name, *params, "--graph", dataset, "--format", "csv").stdout)))
    assert rows[1:], f"{name} gives no rows on the default dataset: nothing would be checked"
    assert max(len(line) for line in table.splitlines()) <= 100
    assert_complete(table, rows[0], rows[1:])


def test_short_values_stay_whole_and_long_words_break_after_a_hyphen(dataset):
    args = ("query", "instruments-for-recommendation", "--param", "rec=95.43", "--graph", dataset)
    _, rows, _ = parse(run(*args, columns=140).stdout)
    assert "government-decision" in [row[2] for row in rows] and "2012-04-07" in [row[3] for row in rows]
    # Nine columns in 100: the kind column is narrower than "government-decision", which goes on at the hyphen.
    _, rows, widths = parse(run(*args, columns=100).stdout)
    assert widths[2] < len("government-decision")
    assert "government- decision" in [row[2] for row in rows]


def test_off_a_terminal_without_columns_each_row_is_one_line(dataset, tmp_path):
    args = ("query", "instruments-for-recommendation", "--param", "rec=95.43", "--graph", dataset)
    printed = run(*args).stdout
    rows = list(csv.reader(io.StringIO(run(*args, "--format", "csv").stdout)))
    lines = printed.splitlines()
    assert len(lines) == len(rows) + 1  # the rule under the header
    assert max(len(line) for line in lines) > 300  # nothing wrapped
    assert_complete(printed, rows[0], rows[1:])
    target = tmp_path / "table.txt"
    run(*args, "-o", target)
    assert target.read_text(encoding="utf-8") == printed


def test_limit_keeps_the_first_rows_and_says_so(dataset):
    args = ("query", "instruments-for-recommendation", "--param", "rec=95.43", "--graph", dataset, "--format", "csv")
    every = list(csv.reader(io.StringIO(run(*args).stdout)))
    limited = run(*args, "--limit", "3")
    assert list(csv.reader(io.StringIO(limited.stdout))) == every[:4]
    assert f"showing the first 3 of {len(every) - 1} rows" in limited.stderr
    assert "showing" not in run(*args, "--limit", str(len(every))).stderr


def test_markdown_escapes_bars_and_line_breaks(tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text('<http://example.org/a> <http://example.org/label> "left | right\\nsecond line" .\n', encoding="utf-8")
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?s ?label WHERE { ?s <http://example.org/label> ?label }", encoding="utf-8")
    text = run("query", "--file", query, "--graph", graph, "--format", "markdown").stdout
    assert text.splitlines() == [
        "| s | label |",
        "|---|---|",
        "| http://example.org/a | left \\| right<br>second line |",
    ]


def test_queries_table_and_markdown():
    lines = run("queries", columns=60).stdout
    assert max(len(line) for line in lines.splitlines()) <= 60
    header, rows, _ = parse(lines)
    assert header == ["query", "parameters", "title"]
    assert [squeeze(row[0]) for row in rows] == list(CATALOG)
    assert [squeeze(row[2]) for row in rows] == [squeeze(q.title) for q in CATALOG.values()]
    markdown = run("queries", "--format", "markdown").stdout.splitlines()
    assert markdown[0] == "| query | parameters | title |" and len(markdown) == len(CATALOG) + 2


def test_evaluate_fits_the_width_and_keeps_every_quote():
    text = run("evaluate", columns=72).stdout
    assert max(len(line) for line in text.splitlines()) <= 72
    data = run("evaluate", "--format", "json").stdout
    import json

    alarms = json.loads(data)["false_alarms"]
    assert alarms, "no false alarm to look for"
    block = text.split("false alarms (found, not in the annotation):")[1].split("\n\n", 1)[1]
    _, rows, _ = parse(block.split("\n\nattribute errors")[0])
    assert [squeeze(r[2]) for r in rows] == [squeeze(a["quote"]) for a in alarms]
    assert run("evaluate", "--format", "markdown").stdout.startswith("| type | gold | found |")


def test_analyze_labels_are_not_cut(pair):
    from uprgraph.analyze import analyze, format_analysis

    analysis = analyze(pair.graph, top=5)
    text = format_analysis(analysis, "table", width=90)
    assert max(len(line) for line in text.splitlines()) <= 90
    assert "…" not in text
    # the theme table ends where the next section ("Coverage by right", then "Communities") begins
    coverage = text.split("Coverage by theme\n\n")[1].split("\nCoverage by right")[0].split("\nCommunities")[0]
    _, rows, _ = parse(coverage, len(analysis.coverage))
    assert [squeeze(row[0]) for row in rows] == [squeeze(c.theme) for c in analysis.coverage]
    assert max(len(c.theme) for c in analysis.coverage) > 90  # so something had to wrap


# ------------------------------------------------------------------------------------ the renderer alone

WORD = st.text(alphabet="abcdefghij-/.:", min_size=1, max_size=30)
CELL = st.lists(WORD, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(rows=st.integers(1, 4).flatmap(lambda n: st.lists(st.lists(CELL, min_size=n, max_size=n), min_size=1, max_size=5)),
       width=st.integers(20, 120))
def test_any_table_fits_and_loses_nothing(rows, width):
    header = [f"c{i}" for i in range(len(rows[0]))]
    text = tables.render(header, rows, width)
    assert max(len(line) for line in text.splitlines()) <= width
    assert_complete(text, header, rows)


def test_width_none_is_one_line_per_row():
    text = tables.render(["a", "b"], [["x" * 200, "y z"], ["1", None]])
    assert text.splitlines() == ["a" + " " * 201 + "b", "-" * 200 + "  ---", "x" * 200 + "  y z", "1"]


def test_output_width_prefers_columns(monkeypatch):
    assert tables.output_width(None) is None
    assert tables.output_width(io.StringIO()) is None  # not a terminal
    monkeypatch.setenv("COLUMNS", "77")
    assert tables.output_width(None) == 77 and tables.output_width(io.StringIO()) == 77
