"""Build a corpus into a store document by document, so memory follows the largest document, not the corpus.

``uprgraph build DIR/ --store oxigraph:PATH`` calls :func:`build_into_store`. Two passes over the files:

1. a cheap one that parses only the Working Group reports and keeps, of each, what resolving the bare
   numbers of national reports and addenda needs (symbol, State, session, each recommendation's
   paragraph, item and text);
2. for each document in turn: read, extract, build its graph, validate it with SHACL (the shapes see
   that document's graph), and write it into its own named graph of the store (replacing what that
   graph held); then the graph is dropped.

The dataset description comes last: the vocabularies and example resources are gathered per document,
the triple and entity counts are read from the store. Validation per document keeps it linear; a
constraint spanning two documents is checked by ``uprgraph validate`` on the whole graph.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from .pipeline import DEFAULT_BASE_IRI
from .store import StoreHandle
from .validate import ValidationReport


@dataclass
class CorpusResult:
    summary: dict[str, int | bool | str]
    report: ValidationReport | None
    warnings: list[str] = field(default_factory=list)


def working_group_numbers(paths: list[Path]) -> list[Any]:
    """Pass 1: of each Working Group report among ``paths``, what resolving bare numbers needs."""
    from .errors import UprgraphError
    from .ingest.addendum import is_addendum
    from .ingest.working_group import is_working_group_report, parse_working_group
    from .pipeline import _text

    slim = []
    for path in paths:
        try:
            text = _text(path.read_bytes(), path.name)
        except UprgraphError:  # an unreadable file is reported, once, by pass 2
            continue
        if is_working_group_report(text) and not is_addendum(text):
            report = parse_working_group(text, path.name)
            slim.append(SimpleNamespace(
                symbol=report.symbol, state_code=report.state_code, wg_session=report.wg_session,
                recommendations=[SimpleNamespace(paragraph=r.paragraph, item=r.item, number=r.number, text=r.text)
                                 for r in report.recommendations]))
    return slim


def build_into_store(paths: list[Path], handle: StoreHandle, base_iri: str = DEFAULT_BASE_IRI,
                     validate: bool = True, endpoint: str | None = None, timestamp: str | None = None,
                     progress: bool | None = None,
                     on_document: Callable[[str], None] | None = None,
                     timings: dict[str, float] | None = None) -> CorpusResult:
    """Pass 2 (see the module's description). ``progress``: a tqdm bar on stderr; by default only when
    stderr is a terminal. ``timings``, when given, adds up the seconds spent per stage (for the benchmark)."""
    import gc
    import time

    clock = time.perf_counter
    timings = {} if timings is None else timings

    def spent(stage: str, since: float) -> float:
        now = clock()
        timings[stage] = timings.get(stage, 0.0) + now - since
        return now

    from tqdm import tqdm

    from .document import Document
    from .export.metadata import Stats, describe_stats, document_graph_iri, metadata_graph_iri
    from .graph.iris import check_base
    from .namespaces import UPR
    from .pipeline import _parse, _source, resolve_bare_numbers
    from .validate import validate as shacl

    check_base(base_iri)
    began = clock()
    reports = working_group_numbers(paths)
    began = spent("first pass (Working Group numbers)", began)
    stats = Stats()
    documents: list[tuple[Any, str | None]] = []
    warnings: list[str] = []
    results: list[Any] = []
    conforms = True
    paragraphs = sections = 0
    show = sys.stderr.isatty() if progress is None else progress
    for path in tqdm(paths, desc="build", unit="doc", disable=not show, file=sys.stderr):
        began = clock()
        parsed = _parse(path.read_bytes(), path.name)
        notes: list[str] = []
        if isinstance(parsed, Document):
            parsed, notes = resolve_bare_numbers(parsed, reports)  # type: ignore[arg-type]
            paragraphs += len(parsed.paragraphs)
            sections += len(parsed.sections)
        began = spent("read/parse", began)
        source = _source(parsed, base_iri, notes, reports)
        warnings += source.warnings
        began = spent("extract + build graph", began)
        if validate:
            report = shacl(source.graph)
            conforms = conforms and report.conforms
            results += report.results
            began = spent("SHACL per document", began)
        stats.add(Stats.of(source.graph))
        documents.append((source.document_iri, source.symbol))
        handle.add_triples(source.graph, document_graph_iri(base_iri, source.symbol or source.name), replace=True)
        spent("write to store", began)
        if on_document is not None:
            on_document(path.name)
        del source, parsed
        # the document's graphs and the validator's structures hold reference cycles; collected now, memory
        # stays at one document's worth. Left to the collector, which `uprgraph build` asks to run seldom
        # (gc_tuning), they piled up: peak 352 MB after 100 documents, 1,006 MB after 1,000; 170 MB with this.
        gc.collect()
    began = clock()
    handle.flush()
    stats.triples = len(handle)
    stats.entities = _count(handle, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?s)) }")
    metadata = describe_stats(stats, documents, base_iri, endpoint, timestamp)
    if validate:
        report = shacl(metadata)
        conforms = conforms and report.conforms
        results += report.results
    handle.add_triples(metadata, metadata_graph_iri(base_iri), replace=True)
    handle.flush()
    spent("describe + flush", began)

    def count(*classes: Any) -> int:
        union = " UNION ".join(f"{{ ?s a <{c}> }}" for c in classes)
        return _count(handle, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {union} }}")

    summary: dict[str, int | bool | str] = {
        "documents": ", ".join(s or "?" for _, s in documents) if len(documents) <= 10 else f"{len(documents)} documents",
        "triples": len(handle),
        "paragraphs": paragraphs,
        "sections": sections,
        "recommendations": count(UPR.Recommendation),
        "with text": _count(handle, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{UPR.Recommendation}> ; <{UPR.text}> ?t }}"),
        "instruments": count(UPR.LegalInstrument, UPR.PolicyInstrument),
        "treaties": count(UPR.Treaty),
        "institutions": count(UPR.Institution),
        "visits": count(UPR.CountryVisit),
        "store": str(handle.spec),
    }
    report = None
    if validate:
        summary["conforms"] = conforms
        results.sort(key=lambda r: (r.focus_node, r.path, r.message))
        report = ValidationReport(conforms, results)
    return CorpusResult(summary, report, warnings)


def _count(handle: StoreHandle, sparql: str) -> int:
    answer = handle.sparql(sparql)
    return int(answer.rows[0][0] or 0)
