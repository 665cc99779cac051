"""SHACL validation of a graph against the packaged shapes, with a typed, readable report."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import BNode, Graph
from rdflib.namespace import RDF, SH

from . import resources
from .graph.triples import Triple, Triples


@dataclass(frozen=True)
class ValidationResult:
    focus_node: str
    path: str
    message: str
    shape: str
    severity: str
    value: str


@dataclass
class ValidationReport:
    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)

    def text(self) -> str:
        if self.conforms:
            return "Validation: the graph conforms to the uprgraph shapes."
        lines = [f"Validation: the graph does NOT conform ({len(self.results)} results)."]
        for r in self.results:
            lines.append(
                f"- {r.severity}: {r.message}\n    focus node: {r.focus_node}\n    path: {r.path}\n"
                f"    value: {r.value}\n    shape: {r.shape}"
            )
        return "\n".join(lines)


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    shapes = Graph()
    for f in resources.list_files("shapes", ".ttl"):
        shapes.parse(data=f.read_text(encoding="utf-8"), format="turtle")
    return shapes


def _term(graph: Graph, subject, predicate) -> str:  # type: ignore[no-untyped-def]
    value = graph.value(subject, predicate)
    return "" if value is None else value.n3(graph.namespace_manager)


def _shape_name(shape) -> str:  # type: ignore[no-untyped-def]
    """The named shape a result comes from: a property shape is a blank node inside a node shape."""
    if shape is None:
        return ""
    if isinstance(shape, BNode):
        parent = shapes_graph().value(predicate=SH.property, object=shape)
        path = shapes_graph().value(shape, SH.path)
        if parent is not None:
            return f"{parent.n3(shapes_graph().namespace_manager)} (property {path.n3(shapes_graph().namespace_manager) if path else '?'})"
    return shape.n3(shapes_graph().namespace_manager)


def validate(graph: Graph | Collection[Triple]) -> ValidationReport:
    """Validate ``graph`` (an rdflib Graph, or triples such as a build's Triples) against the packaged shapes.

    pyshacl-turbo (a Rust engine with pySHACL's API) decides whether the graph conforms; when it does
    not, pySHACL, the reference, writes the report, so the results and their messages are pySHACL's
    (tests/test_validate_engines.py checks that both engines find the same results, focus node, path,
    value, shape and constraint, on a conforming graph and on one that breaks every shape). Without
    pyshacl-turbo installed, pySHACL does it all, only slower. Triples reach pyshacl-turbo in a pyoxigraph
    store (quicker to fill than an rdflib Graph, which is made only for pySHACL).
    """
    try:
        from pyshacl_turbo import validate as fast_validate
    except ImportError:  # no wheel for this platform: the reference engine alone
        pass
    else:
        data = graph if isinstance(graph, Graph) else _oxigraph_store(graph)
        if fast_validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True)[0]:
            return ValidationReport(True)
    return validate_with_pyshacl(graph if isinstance(graph, Graph) else Triples(graph).graph())


def _oxigraph_store(triples: Iterable[Triple]):  # type: ignore[no-untyped-def]
    import pyoxigraph

    from .oxigraph_terms import Converter

    store = pyoxigraph.Store()
    store.bulk_extend(list(Converter().quads(triples, pyoxigraph.DefaultGraph())))
    return store


def validate_with_pyshacl(graph: Graph) -> ValidationReport:
    """The reference: pySHACL's results, sorted."""
    from pyshacl import validate as shacl_validate

    conforms, results_graph, _ = shacl_validate(graph, shacl_graph=shapes_graph(), inference="none", advanced=True)
    results = []
    for result in results_graph.subjects(RDF.type, SH.ValidationResult):
        results.append(
            ValidationResult(
                focus_node=_term(results_graph, result, SH.focusNode), path=_term(results_graph, result, SH.resultPath),
                message=str(results_graph.value(result, SH.resultMessage) or ""),
                shape=_shape_name(results_graph.value(result, SH.sourceShape)),
                severity=_term(results_graph, result, SH.resultSeverity).split(":")[-1],
                value=_term(results_graph, result, SH.value),
            )
        )
    results.sort(key=lambda r: (r.focus_node, r.path, r.message))
    return ValidationReport(bool(conforms), results)
