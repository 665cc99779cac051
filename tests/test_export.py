"""Every RDF format: parses back to the same triples, keeps named graphs, is byte-identical across builds."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, VOID

from uprgraph import __version__, resources
from uprgraph.export.rdf import FORMATS, serialize
from uprgraph.pipeline import build_many

BASE = "https://w3id.org/uprgraph/id/"


@pytest.fixture(scope="module")
def exported(pair):  # type: ignore[no-untyped-def]
    return {name: serialize(pair.named_graphs(), fmt) for name, fmt in FORMATS.items()}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_parses_back_to_the_same_triples(pair, exported, name):
    fmt = FORMATS[name]
    if fmt.quads:
        dataset = Dataset()
        dataset.parse(data=exported[name], format=fmt.rdflib)
        triples = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    else:
        graph = Graph().parse(data=exported[name], format="xml" if name == "rdfxml" else fmt.rdflib)
        triples = set(graph)
    assert triples == set(pair.graph)


def test_quad_formats_keep_a_named_graph_per_document_and_one_for_the_description(exported):
    dataset = Dataset()
    dataset.parse(data=exported["trig"], format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert {BASE + "graph/A-HRC-14-10", BASE + "graph/A-HRC-WG.6-20-KAZ-1", BASE + "graph/metadata"} <= names
    national = dataset.graph(URIRef(BASE + "graph/A-HRC-WG.6-20-KAZ-1"))
    assert (None, URIRef("https://w3id.org/uprgraph/ns#reportsOn"), None) in national
    assert (None, URIRef("https://w3id.org/uprgraph/ns#recommendedBy"), None) not in national


def test_jsonld_reads_like_plain_json(exported):
    data = json.loads(exported["jsonld"])
    context = json.loads(resources.read_text("ontology", "context.jsonld"))["@context"]
    assert data["@context"] == context
    nodes = {node["id"]: node for node in data["@graph"]}
    rec = nodes[BASE + "review/KAZ/1/recommendation/95.43"]
    assert rec["recommendationNumber"] == "95.43" and rec["text"].startswith("To continue efforts")
    assert rec["label"] == "Recommendation 95.43"
    assert [node["id"] for node in data["@graph"]] == sorted(node["id"] for node in data["@graph"])


def test_line_formats_are_sorted(exported):
    for name in ("ntriples", "nquads"):
        lines = exported[name].decode("utf-8").splitlines()
        assert lines == sorted(lines)


def test_the_same_input_gives_byte_identical_files(exported):
    again = build_many(resources.default_reports(), validate=False)
    for name, fmt in FORMATS.items():
        assert serialize(again.named_graphs(), fmt) == exported[name], name


def test_every_format_is_byte_identical_whatever_the_hash_seed(tmp_path):
    # One process cannot show it: rdflib's RDF/XML writer, for one, ordered subjects by Python's
    # per-process string hashes. Two processes with different seeds write every format.
    script = (
        "import sys; from pathlib import Path; from uprgraph import resources; "
        "from uprgraph.export.rdf import FORMATS, serialize; from uprgraph.pipeline import build_many; "
        "graphs = build_many(resources.default_reports(), validate=False).named_graphs(); "
        "[Path(sys.argv[1], n).write_bytes(serialize(graphs, f)) for n, f in FORMATS.items()]"
    )
    for seed in ("1", "2"):
        (tmp_path / seed).mkdir()
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", script, str(tmp_path / seed)], check=True, env=env)
    for name in FORMATS:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_the_dataset_describes_itself(pair):
    g = pair.metadata
    dataset = URIRef(BASE + "dataset")
    assert (dataset, RDF.type, VOID.Dataset) in g and (dataset, RDF.type, DCAT.Dataset) in g
    assert (dataset, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in g
    data = Graph()
    for source in pair.sources:
        data += source.graph
    assert int(g.value(dataset, VOID.triples)) == len(data)
    documents = set(g.objects(dataset, DCTERMS.source))
    assert documents == {URIRef(BASE + "document/A-HRC-14-10"), URIRef(BASE + "document/A-HRC-WG.6-20-KAZ-1")}
    assert (URIRef(BASE + "document/A-HRC-WG.6-20-KAZ-1"), FOAF.page, URIRef("https://undocs.org/A/HRC/WG.6/20/KAZ/1")) in g
    software = URIRef(f"https://w3id.org/uprgraph/software/{__version__}")
    assert (software, RDF.type, PROV.SoftwareAgent) in g
    assert (g.value(dataset, PROV.wasGeneratedBy), PROV.wasAssociatedWith, software) in g
    vocabularies = {str(v) for v in g.objects(dataset, VOID.vocabulary)}
    assert {"https://w3id.org/uprgraph/ns#", "http://www.w3.org/ns/oa#", "http://data.europa.eu/eli/ontology#"} <= vocabularies
    assert not list(g.objects(dataset, DCTERMS.issued))  # no clock time unless asked


def test_a_timestamp_and_an_endpoint_only_when_asked():
    result = build_many(resources.default_reports()[:1], validate=False, endpoint="http://127.0.0.1:8000/sparql",
                        timestamp="2026-11-25T12:00:00+00:00")
    dataset = URIRef(BASE + "dataset")
    assert (dataset, VOID.sparqlEndpoint, URIRef("http://127.0.0.1:8000/sparql")) in result.metadata
    assert str(result.metadata.value(dataset, DCTERMS.issued)) == "2026-11-25T12:00:00+00:00"


@pytest.mark.parametrize("name", ["trig", "nquads"])
def test_a_turtle_file_exports_to_the_default_graph_never_a_file_iri(exported, tmp_path, name):
    """A triples-only file carries no graph names: its triples are written unnamed, and no local path
    (a file: IRI) goes into the output (issue 21, item 3)."""
    from click.testing import CliRunner

    from uprgraph.cli import main

    turtle = tmp_path / "uprgraph.ttl"
    turtle.write_bytes(exported["turtle"])
    out = tmp_path / f"out.{name}"
    result = CliRunner().invoke(main, ["export", "--format", name, "--graph", str(turtle), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "file:" not in text and str(tmp_path) not in text
    dataset = Dataset()
    dataset.parse(data=text, format=FORMATS[name].rdflib)
    names = {str(context) for _, _, _, context in dataset.quads((None, None, None, None))}
    assert names == {"urn:x-rdflib:default"}  # rdflib's name for the default graph: nothing else
    assert {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))} == set(Graph().parse(turtle))


def test_a_trig_file_keeps_its_named_graphs_and_its_default_graph(exported, tmp_path):
    from click.testing import CliRunner

    from uprgraph.cli import main

    trig = tmp_path / "in.trig"
    trig.write_bytes(exported["trig"] + b"<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    out = tmp_path / "out.trig"
    result = CliRunner().invoke(main, ["export", "--format", "trig", "--graph", str(trig), "-o", str(out)])
    assert result.exit_code == 0, result.output
    again, before = Dataset(), Dataset()
    again.parse(out, format="trig")
    before.parse(trig, format="trig")
    assert set(again.quads((None, None, None, None))) == set(before.quads((None, None, None, None)))
    assert "file:" not in out.read_text(encoding="utf-8")
    # Written again, byte for byte the same; the named graphs are those the build writes.
    assert serialize_file(out, "trig") == out.read_bytes()
    assert {str(g.identifier) for g in again.graphs() if len(g)} >= {BASE + "graph/A-HRC-14-10", BASE + "graph/metadata"}


def serialize_file(path, fmt: str) -> bytes:  # type: ignore[no-untyped-def]
    from uprgraph.rdffile import read_named_graphs

    return serialize(read_named_graphs(path), FORMATS[fmt])


def test_load_refuses_triples_outside_a_named_graph_without_graph(exported, tmp_path):
    from click.testing import CliRunner

    from uprgraph.cli import main

    trig = tmp_path / "in.trig"
    trig.write_bytes(b"<urn:x:a> <urn:x:b> <urn:x:c> .\n<urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:d> . }\n")
    result = CliRunner().invoke(main, ["load", "--endpoint", "http://127.0.0.1:1/store", "--update",
                                       "http://127.0.0.1:1/update", "--file", str(trig)])
    assert result.exit_code == 2 and "outside any named graph" in result.stderr, result.output
