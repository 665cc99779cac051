"""pyshacl-turbo decides whether a graph conforms; pySHACL, the reference, writes the report when it does
not. Both engines must find the same results: on the default pair's graph (none) and on a copy of it in
which every property shape that has a focus node is broken."""

from __future__ import annotations

from components import need_module
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from uprgraph import validate as validation
from uprgraph.validate import shapes_graph

need_module("pyshacl_turbo", "")


def _results(engine: str, graph: Graph) -> tuple[bool, set[tuple[str, ...]]]:
    """conforms, and each result as (focus node, path, value, shape, severity, constraint component)."""
    import importlib

    shacl = importlib.import_module(engine)
    conforms, report, _ = shacl.validate(graph, shacl_graph=shapes_graph(), inference="none", advanced=True)
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        found.add((
            validation._term(report, result, SH.focusNode), validation._term(report, result, SH.resultPath),
            validation._term(report, result, SH.value), validation._shape_name(report.value(result, SH.sourceShape)),
            validation._term(report, result, SH.resultSeverity), str(report.value(result, SH.sourceConstraintComponent)),
        ))
    return bool(conforms), found


def _break_every_property_shape(graph: Graph) -> Graph:
    """For each node shape's first focus node: a required property removed, any other given a literal and
    two IRIs (wrong datatype, wrong class, too many values, not in the list, no match for the pattern...)."""
    graph = Graph() + graph
    shapes = shapes_graph()
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape))):
        focus = min((f for c in shapes.objects(shape, SH.targetClass) for f in graph.subjects(RDF.type, c)), default=None)
        if focus is None:
            continue
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            if shapes.value(prop, SH.minCount) is not None:
                graph.remove((focus, path, None))
            elif isinstance(path, URIRef):
                graph.add((focus, path, Literal("not what the shape wants")))
                graph.add((focus, path, URIRef("urn:x-uprgraph-test:bogus")))
                graph.add((focus, path, URIRef("urn:x-uprgraph-test:bogus-2")))
    return graph


def test_both_engines_find_nothing_on_the_default_graph(pair):
    assert _results("pyshacl_turbo", pair.graph) == _results("pyshacl", pair.graph) == (True, set())


def test_both_engines_find_the_same_results_on_a_graph_that_breaks_every_property_shape(pair):
    broken = _break_every_property_shape(pair.graph)
    fast, reference = _results("pyshacl_turbo", broken), _results("pyshacl", broken)
    assert reference[0] is False and len(reference[1]) > 100
    assert fast == reference
    # every node shape is among the sources of the results
    named = {shape.split(" ")[0] for *_, shape, _, _ in reference[1]}
    assert len(named) >= 15, named


def test_a_graph_that_does_not_conform_gets_the_reference_report(pair):
    broken = _break_every_property_shape(pair.graph)
    assert validation.validate(broken) == validation.validate_with_pyshacl(broken)


def test_triples_are_validated_as_their_graph(pair):
    """A build's triples go to pyshacl-turbo in a pyoxigraph store: the same verdict and report as the Graph."""
    from uprgraph.graph.triples import Triples

    assert validation.validate(pair.triples) == validation.validate(pair.graph) == validation.ValidationReport(True)
    broken = _break_every_property_shape(pair.graph)
    assert validation.validate(Triples(broken)) == validation.validate(broken)
