"""Charts: PNG and SVG files exist, are valid, carry their titles, and come out byte-identical."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import sparql_count
from snapshots import snapshot

from uprgraph.pipeline import default_graph
from uprgraph.plot import NAMES, TITLES, plot, render, response_data, timeline_data

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def g():  # type: ignore[no-untyped-def]
    return default_graph()


@pytest.fixture(scope="module")
def written(g, tmp_path_factory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("plots") / "new-folder"
    return out, plot(g, out)


def test_every_chart_as_png_and_svg(written):
    out, paths = written
    assert sorted(p.name for p in paths) == sorted(f"{n}.{f}" for n in NAMES for f in ("png", "svg"))
    for path in paths:
        assert path.parent == out and path.stat().st_size > 5000


def test_png_files_are_png(written):
    _, paths = written
    for path in (p for p in paths if p.suffix == ".png"):
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert data[12:16] == b"IHDR"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width >= 800 and height >= 500


def test_svg_files_are_svg_with_their_titles_as_text(written):
    _, paths = written
    for path in (p for p in paths if p.suffix == ".svg"):
        root = ET.parse(path).getroot()
        assert root.tag == f"{SVG}svg"
        texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
        assert TITLES[path.stem] in texts, path.name
    timeline = (paths[0].parent / "instrument-timeline.svg").read_text(encoding="utf-8")
    assert "by the year of their own date" in timeline and "by the year of the event" in timeline
    assert "kind of instrument" in timeline  # the legend's title
    coverage = (paths[0].parent / "coverage-by-theme.svg").read_text(encoding="utf-8")
    assert "Freedom of expression and opinion" in coverage and "not covered: nothing behind it" in coverage
    responses = (paths[0].parent / "responses.svg").read_text(encoding="utf-8")
    assert "to be examined" in responses and "National report A/HRC/WG.6/20/KAZ/1" in responses


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_charts_are_byte_identical(g, written, fmt):
    out, _ = written
    assert render(g, "responses", fmt) == (out / f"responses.{fmt}").read_bytes()


def test_chart_data(g):
    assert response_data(g) == [
        ("Report of the Working Group A/HRC/14/10 (2010)", "supported", 102),
        ("Report of the Working Group A/HRC/14/10 (2010)", "already implemented or in the process of implementation", 68),
        ("Report of the Working Group A/HRC/14/10 (2010)", "to be examined", 26),
        ("National report A/HRC/WG.6/20/KAZ/1", "not accepted", 6),
    ]
    data = timeline_data(g)
    # second routes: SPARQL counts over the graph
    instruments = sparql_count.count(g, """SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE {
        VALUES ?c { upr:LegalInstrument upr:PolicyInstrument upr:DomesticInstrument } ?i a ?c }""")
    events = sparql_count.count(g, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a upr:InstrumentEvent }")
    assert (data["instruments"], data["events"]) == (instruments, events)
    snap = snapshot("plot")  # no second source: regression snapshots (tests/snapshots.json)
    assert (data["instruments_dated"], data["events_dated"]) == (snap["instruments_dated"], snap["events_dated"])
    assert sum(n for (year, _), n in data["by_event_date"].items() if year == 2013) == snap["events_in_2013"]
