"""The one-call API: report bytes -> validated graph. The CLI is a thin shell over this."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph

from .document import Document
from .extract.model import Extraction
from .extract.run import extract_all
from .graph.build import build_graph as _build_graph
from .ingest import decode_report, parse_document
from .validate import ValidationReport, validate

DEFAULT_BASE_IRI = "https://w3id.org/uprgraph/id/"


@dataclass
class BuildResult:
    graph: Graph
    document: Document
    extraction: Extraction
    summary: dict[str, int | bool | str]
    report: ValidationReport | None = None
    warnings: list[str] = field(default_factory=list)


def read(data: bytes, name: str = "report") -> tuple[Document, Extraction]:
    document = parse_document(decode_report(data, name), name)
    return document, extract_all(document)


def build(data: bytes, name: str = "report", base_iri: str = DEFAULT_BASE_IRI, validate: bool = True) -> BuildResult:
    from rdflib.namespace import RDF
    from .namespaces import UPR

    document, extraction = read(data, name)
    graph = _build_graph(document, extraction, base_iri)
    report = _validate(graph) if validate else None

    def count(*classes) -> int:  # type: ignore[no-untyped-def]
        return len({s for c in classes for s in graph.subjects(RDF.type, c)})

    summary: dict[str, int | bool | str] = {
        "document": document.symbol or name,
        "triples": len(graph),
        "paragraphs": len(document.paragraphs),
        "sections": len(document.sections),
        "recommendations": count(UPR.Recommendation),
        "instruments": count(UPR.LegalInstrument, UPR.PolicyInstrument),
        "treaties": count(UPR.Treaty),
        "institutions": count(UPR.StateBody, UPR.NationalHumanRightsInstitution, UPR.InternationalBody,
                              UPR.NonGovernmentalOrganization, UPR.Institution),
        "visits": count(UPR.CountryVisit),
    }
    if report is not None:
        summary["conforms"] = report.conforms
    return BuildResult(graph, document, extraction, summary, report, [*document.warnings, *extraction.warnings])


def _validate(graph: Graph) -> ValidationReport:
    return validate(graph)


def build_graph(text: str, name: str = "report", base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """Report text -> graph, without validation."""
    return build(text.encode("utf-8"), name, base_iri, validate=False).graph


def serialize_turtle(graph: Graph) -> bytes:
    return graph.serialize(format="turtle", encoding="utf-8")


@lru_cache(maxsize=1)
def default_graph() -> Graph:
    """The graph of the embedded default report, built once per process."""
    from . import resources

    name, data = resources.default_report()
    return build(data, name, validate=False).graph
