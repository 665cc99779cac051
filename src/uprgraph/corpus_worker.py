"""One document of a corpus build, as a worker process does it (``uprgraph.corpus`` orchestrates).

A task names a file; what comes back is small and picklable: the document's graph as N-Quads bytes
(its named graph and the same triples in the default graph, the union), the record the store keeps of
it (``uprgraph.corpus_records``), its warnings and SHACL results. The parent only writes; the reading,
extraction, graph building, validation and serialisation happen here, in as many processes as ``--jobs``.

Two phases, because the bare recommendation numbers of a national report and of an addendum resolve
against Working Group reports among the inputs, and a Working Group report's recommendations are linked to
those they repeat in the report of the State's previous review (graph.repeats):

1. :func:`first_phase` reads a file. A document that needs nothing else (a Working Group report of a first
   review) is built at once, and its recommendations (paragraph, item, number, text) come back with it; a
   national report, an addendum, a thematic list or a later review's Working Group report comes back as
   :class:`Deferred`, saying which Working Group reports it needs (:func:`needs_of`; a list takes its State
   and review from the report it covers), with the recommendations of a Working Group report, which others
   may need;
2. :func:`second_phase` builds it, given those Working Group reports' recommendations.

A file that cannot be read comes back as a :class:`Built` with ``unreadable`` set to its one-line reason.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from .errors import InputError, one_line

# the CPU seconds a document took where it was built (a worker, or the one process with one job): with the
# writing process's own, what tells how much of a build can run in parallel, whatever else loads the machine
CPU = "CPU: documents (read, extract, build, validate, serialise)"


@dataclass(frozen=True)
class Task:
    key: str  # the file's name among the inputs: what its record is filed under
    path: Path
    sha256: str
    base_iri: str
    validate: bool
    # phase 2: the Working Group reports the document's bare numbers resolve against (see working_group_of)
    related: tuple[dict[str, Any], ...] = ()
    # phase 1: a folder where a deferred document is left as read (pickled); phase 2: that file, so a document
    # is read once (reading a PDF is most of its time), and the parent holds none of them meanwhile
    spill: str | None = None


@dataclass
class Deferred:
    """A national report, an addendum or a later review's Working Group report, to be built in phase 2 with
    the Working Group reports ``needs`` names (see :func:`needs_of`)."""

    task: Task
    needs: list[Any] | None
    timings: dict[str, float] = field(default_factory=dict)
    spilled: str | None = None  # where it is kept as read (see Task.spill)
    working_group: dict[str, Any] | None = None  # a Working Group report's recommendations (working_group_of)


@dataclass
class Built:
    task: Task
    record: dict[str, Any]  # see uprgraph.corpus_records
    nquads: bytes = b""  # the document's named graph
    union: bytes = b""  # the same triples as N-Triples, for the default graph
    warnings: list[str] = field(default_factory=list)
    results: list[Any] = field(default_factory=list)  # SHACL results (ValidationResult), when validated
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def unreadable(self) -> str | None:
        return self.record.get("unreadable")


def first_phase(task: Task) -> Built | Deferred:
    began = time.process_time()
    outcome = _first_phase(task)
    outcome.timings[CPU] = time.process_time() - began
    return outcome


def second_phase(task: Task) -> Built:
    began = time.process_time()
    built = _second_phase(task)
    built.timings[CPU] = time.process_time() - began
    return built


def _first_phase(task: Task) -> Built | Deferred:
    from .ingest.working_group import WorkingGroupReport
    from .pipeline import _parse

    timings: dict[str, float] = {}
    began = time.perf_counter()
    try:
        parsed = _parse(task.path.read_bytes(), task.path.name)
    except InputError as error:
        return _unreadable(task, error)
    timings["read/parse"] = time.perf_counter() - began
    if isinstance(parsed, WorkingGroupReport):
        needs = needs_of(parsed)
        if needs is None:  # a first review's report: built at once
            return _build(task, parsed, [], [], None, timings)
    spilled = None
    if task.spill:
        import hashlib
        import pickle

        try:
            data = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):  # then phase 2 reads the file again
            data = None
        if data is not None:
            spilled = Path(task.spill) / f"{hashlib.sha256(task.key.encode()).hexdigest()}.pickle"
            spilled.write_bytes(data)
    # a later review's Working Group report: its recommendations join the table at once (others resolve against it)
    table = working_group_of(parsed) if isinstance(parsed, WorkingGroupReport) else None
    return Deferred(task, needs_of(parsed), timings, str(spilled) if spilled else None, table)


def _second_phase(task: Task) -> Built:
    from .document import Document
    from .ingest.numbering import resolve_bare_numbers

    timings: dict[str, float] = {}
    began = time.perf_counter()
    reports = [SimpleNamespace(symbol=r["symbol"], state_code=r["state"], wg_session=r["session"],
                               recommendations=[SimpleNamespace(paragraph=p, item=i, number=n, text=t)
                                                for p, i, n, t in r["recommendations"]])
               for r in task.related]
    try:
        parsed = _read_again(task)
        notes: list[str] = []
        needs = needs_of(parsed)  # read before the numbers are resolved
        if isinstance(parsed, Document):
            parsed, notes = resolve_bare_numbers(parsed, reports)  # type: ignore[arg-type]
    except InputError as error:
        return _unreadable(task, error)
    timings["read/parse"] = time.perf_counter() - began
    return _build(task, parsed, notes, reports, needs, timings)


def _read_again(task: Task) -> Any:
    """The document as phase 1 read it (from its spill file), or read now (an unchanged document whose Working
    Group report changed was not read in phase 1)."""
    from .pipeline import _parse

    if task.spill:
        import pickle

        spilled = Path(task.spill)
        parsed = pickle.loads(spilled.read_bytes())
        spilled.unlink()
        return parsed
    return _parse(task.path.read_bytes(), task.path.name)


def needs_of(parsed: Any) -> list[Any] | None:
    """Which Working Group reports a document's build reads, or None when none:
    ``["previous-review", State code, cycle]`` for a national report citing recommendations by bare number
    (ingest.numbering.resolve_bare_numbers reads those of the State's previous cycle) and for a Working Group
    report of a review after the first (graph.repeats links its recommendations to those of the previous
    review), ``["symbol", symbol]`` for an addendum (pipeline._addendum_source reads the report it is an
    addendum to) and for a thematic list (the report its positions' sources name: rights.graph.list_triples
    takes its State and review)."""
    from .document import Document
    from .ingest.working_group import WorkingGroupReport
    from .registries import cycle_of_session

    if isinstance(parsed, WorkingGroupReport):
        cycle = cycle_of_session(parsed.wg_session) if parsed.wg_session else None
        return ["previous-review", parsed.state_code, cycle - 1] if cycle and cycle > 1 and parsed.state_code else None
    if isinstance(parsed, Document):
        if not any("." not in n for s in parsed.sections for n in s.recommendations):
            return None
        cycle = cycle_of_session(parsed.session) if parsed.session else None
        return ["previous-review", parsed.state_code, cycle - 1] if cycle else None
    parent = getattr(parsed, "parent_symbol", None)
    return ["symbol", parent] if parent else None


def working_group_of(report: Any) -> dict[str, Any]:
    """What documents that resolve against a Working Group report read of it (kept in its record)."""
    from .registries import cycle_of_session

    return {"symbol": report.symbol, "state": report.state_code, "session": report.wg_session,
            "cycle": cycle_of_session(report.wg_session) if report.wg_session else None,
            "recommendations": [[r.paragraph, r.item, r.number, r.text] for r in report.recommendations]}


def _build(task: Task, parsed: Any, notes: list[str], reports: list[Any], needs: list[Any] | None,
           timings: dict[str, float]) -> Built:
    from .document import Document
    from .export.metadata import Stats, document_graph_iri
    from .pipeline import _source
    from .validate import validate as shacl

    clock = time.perf_counter
    began = clock()
    try:
        source = _source(parsed, task.base_iri, notes, reports)
    except InputError as error:
        return _unreadable(task, error)
    now = clock()
    timings["extract + build graph"] = now - began
    results: list[Any] = []
    conforms = None
    if task.validate:
        report = shacl(source.graph)
        conforms, results = report.conforms, list(report.results)
        timings["SHACL per document"] = clock() - now
        now = clock()
    graph = str(document_graph_iri(task.base_iri, source.symbol or source.name))
    stats = Stats.of(source.triples)
    record: dict[str, Any] = {
        "file": task.key, "sha256": task.sha256, "base": task.base_iri, "validated": task.validate,
        "conforms": conforms, "kind": source.kind, "graph": graph, "document": str(source.document_iri),
        "symbol": source.symbol, "warnings": source.warnings,
        "paragraphs": len(parsed.paragraphs) if isinstance(parsed, Document) else 0,
        "sections": len(parsed.sections) if isinstance(parsed, Document) else 0,
        "vocabularies": sorted(stats.vocabularies), "examples": [[i, str(iri)] for i, iri in stats.examples],
        "needs": needs,
    }
    if source.working_group is not None:
        record["working_group"] = working_group_of(source.working_group)
    nquads, union = _nquads(source.triples, graph)
    timings["serialise"] = clock() - now
    built = Built(task, record, nquads, union, list(source.warnings), results, timings)
    del source, parsed
    # a document's graphs and the validator's structures hold reference cycles: collected now, memory stays
    # at one document's worth (left to the seldom collector of gc_tuning they piled up: 1 GB at 1,000 reports)
    gc.collect()
    return built


def _nquads(triples: Any, graph: str) -> tuple[bytes, bytes]:
    """The triples in the named graph ``graph`` (N-Quads), and for the default graph (N-Triples)."""
    import pyoxigraph

    from .oxigraph_terms import Converter

    name = pyoxigraph.NamedNode(graph)
    quads = list(Converter().quads(triples, name))
    named = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS) or b""
    union = pyoxigraph.serialize((q.triple for q in quads), format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
    return named, union


def _unreadable(task: Task, error: InputError) -> Built:
    return Built(task, {"file": task.key, "sha256": task.sha256, "base": task.base_iri, "validated": task.validate,
                        "kind": "unreadable", "unreadable": one_line(error)})


def start_worker() -> None:
    """A worker process's start: the collector settings of ``uprgraph build`` (see gc_tuning)."""
    from . import gc_tuning

    gc_tuning.for_long_lived_objects()
