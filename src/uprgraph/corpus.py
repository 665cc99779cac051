"""Build a corpus into an on-disk store: every core at work, only what changed rebuilt, memory bounded.

``uprgraph build DIR/ --store oxigraph:PATH [--jobs N]`` calls :func:`build_into_store`:

1. each input file's bytes are hashed and compared with the record the store keeps of it
   (:mod:`uprgraph.corpus_records`): an unchanged file built by the same code is not read again;
2. the other files are read in ``jobs`` worker processes (:mod:`uprgraph.corpus_worker`): a Working
   Group report's recommendations join the table that national reports and addenda resolve their bare
   numbers against, and that the next review's Working Group report links its repeated recommendations to;
   a Working Group report of a first review is built at once; a national report, an addendum or a later
   review's Working Group report waits;
3. those that changed, or whose Working Group report changed, are built in the workers;
4. this process alone writes: each document's named graph replaced (and the union, the default graph
   queries read, kept in step), its record beside it, a few documents per bulk load; the documents
   that left the inputs are removed (kept with ``keep_missing``); then the dataset description.

Each document is validated with SHACL on its own (the shapes see that document's graph), which keeps
the build linear; a constraint spanning two documents is checked by ``uprgraph validate`` on the whole
graph. Results are written in the inputs' order, whatever the number of workers, so the store holds
the same quads with 1 job or 8. A document that cannot be read is left out and named in
``CorpusResult.skipped``; the others are built.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .pipeline import DEFAULT_BASE_IRI
from .store import StoreHandle
from .validate import ValidationReport

# bytes of N-Quads gathered before one bulk load into the store (a synthetic report is some 4 MB)
LOAD_BATCH_BYTES = 32 * 2**20
WRITER_CPU = "CPU: the writing process (store, description, compaction)"
WRITER_TAIL_CPU = "CPU: the writing process after the last document (last load, description, compaction)"


@dataclass
class CorpusResult:
    summary: dict[str, int | bool | str]
    report: ValidationReport | None
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line per document that could not be read, left out
    built: list[str] = field(default_factory=list)  # the files built this time (the others were unchanged)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # files gone from the inputs, whose graphs were removed
    kept: list[str] = field(default_factory=list)  # files gone from the inputs, kept (keep_missing)


def build_into_store(paths: list[Path], handle: StoreHandle, base_iri: str = DEFAULT_BASE_IRI,
                     validate: bool = True, endpoint: str | None = None, timestamp: str | None = None,
                     progress: bool | None = None,
                     on_document: Callable[[str], None] | None = None,
                     timings: dict[str, float] | None = None, jobs: int = 1, force: bool = False,
                     keep_missing: bool = False) -> CorpusResult:
    """See the module's description. ``progress``: a tqdm bar on stderr counting documents; by default only
    when stderr is a terminal. ``on_document(name)`` after each document built. ``timings``, when given,
    adds up the seconds spent per stage (the workers' stages summed over workers, for the benchmark).
    ``force`` rebuilds every document; ``keep_missing`` keeps the documents no longer among ``paths``.
    With ``jobs`` > 1 the workers are started by multiprocessing's forkserver, which imports the calling
    script again: a script calling this needs the usual ``if __name__ == "__main__":`` guard."""
    import time
    from dataclasses import replace
    from tempfile import TemporaryDirectory

    from tqdm import tqdm

    from .corpus_records import code_fingerprint, file_digest, read_records, related, related_digest
    from .corpus_worker import Built, Deferred, Task, first_phase, second_phase, start_worker
    from .corpus_worker import CPU
    from .errors import InputError, UsageError
    from .graph.iris import check_base
    from .interrupts import held
    from .parallel import Workers

    clock = time.perf_counter
    timings = {} if timings is None else timings

    def spent(stage: str, since: float) -> float:
        now = clock()
        timings[stage] = timings.get(stage, 0.0) + now - since
        return now

    check_base(base_iri)
    began = clock()
    cpu = _cpu_seconds()
    keys = [path.name for path in paths]
    if len(set(keys)) < len(keys):
        twice = sorted({k for k in keys if keys.count(k) > 1})
        raise UsageError(f"two inputs share the file name {twice[0]}; a store files documents by name, rename one")
    code = code_fingerprint()
    records = read_records(handle)
    # the union's counts as the description says, which is dropped now: should this build stop half-way, the
    # next one finds no description and counts again
    counts = _described_counts(handle, base_iri)
    from .export.metadata import metadata_graph_iri

    handle.drop_graph(metadata_graph_iri(base_iri))
    writer = _Writer(handle, records, code, timings, list(counts) if counts else None)
    tasks = [Task(key, path, file_digest(path.read_bytes()), base_iri, validate) for key, path in zip(keys, paths)]

    def current(task: Task) -> bool:
        record = records.get(task.key)
        return (not force and record is not None and record.get("sha256") == task.sha256
                and record.get("code") == code and record.get("base") == base_iri
                and (record.get("validated") or not validate) and record.get("conforms") is not False)

    unchanged = {t.key for t in tasks if current(t)}
    missing = sorted(set(records) - set(keys))
    kept = missing if keep_missing else []
    table: list[dict[str, Any]] = []  # what is read of the Working Group reports among the inputs

    def add_to_table(record: dict[str, Any]) -> None:
        if record.get("working_group"):
            table.append(record["working_group"])

    for key in sorted(unchanged) + kept:
        add_to_table(records[key])
    began = spent("compare with the store's records", began)

    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=len(tasks), desc="build", unit="doc", disable=not show, file=sys.stderr)
    deferred: list[Deferred] = []

    def written(built: Built) -> None:
        with held():  # a document is replaced whole or not at all
            writer.write(built)
        bar.update(1)
        if on_document is not None and not built.unreadable:
            on_document(built.task.key)

    try:
        with TemporaryDirectory(prefix="uprgraph-build-") as spill, Workers(jobs, initializer=start_worker) as workers:
            first = [replace(t, spill=spill) for t in tasks if t.key not in unchanged]
            for outcome in workers.map(first_phase, first):
                _add(timings, outcome.timings)
                if isinstance(outcome, Deferred):
                    deferred.append(outcome)
                    if outcome.working_group is not None:  # a later review's report: others resolve against it
                        table.append(outcome.working_group)
                    continue
                add_to_table(outcome.record)
                written(outcome)
            # the documents that resolve against Working Group reports: those read in phase 1, and the unchanged
            # ones whose Working Group report changed
            needs = {d.task.key: d.needs for d in deferred}
            spilled = {d.task.key: d.spilled for d in deferred}
            for task in tasks:
                if task.key in unchanged:
                    record = records[task.key]
                    if related_digest(table, record.get("needs")) != record.get("related", ""):
                        unchanged.discard(task.key)
                        needs[task.key] = record.get("needs")
                    else:
                        bar.update(1)
            second = [Task(t.key, t.path, t.sha256, base_iri, validate, tuple(related(table, needs[t.key])),
                           spilled.get(t.key)) for t in tasks if t.key in needs]
            for built in workers.map(second_phase, second):
                _add(timings, built.timings)
                built.record["related"] = related_digest(table, built.record.get("needs"))
                written(built)
    except BaseException:
        # Ctrl-C, SIGTERM or an error: the documents written so far go into the store whole (each one's old
        # graph was dropped already), the rest is left for the next build, which finds no record of them
        bar.close()
        with held():
            writer.load()
        raise
    bar.close()
    began = clock()
    tail = _cpu_seconds()
    removed = [key for key in missing if key not in kept]
    with held():
        writer.remove(removed)
        writer.load()
    began = spent("write to store", began)

    in_store = [k for k in keys if k in writer.records] + kept
    readable = [writer.records[k] for k in in_store if writer.records[k].get("kind") != "unreadable"]
    skipped = [writer.records[k]["unreadable"] for k in in_store if writer.records[k].get("kind") == "unreadable"]
    if not readable:
        if len(paths) == 1 and skipped:
            raise InputError(skipped[0])
        raise InputError(f"none of the {len(paths)} documents could be read: {'; '.join(skipped)}")
    recount = writer.counts is None or len(writer.built) > len(unchanged)  # when most changed, counting is cheaper
    metadata_report = _describe(handle, readable, base_iri, endpoint, timestamp, validate,
                                None if recount else (writer.counts[0], writer.counts[1]))
    handle.flush()
    began = spent("describe + flush", began)
    if len(writer.built) >= max(1, len(unchanged)):
        # a first build, or one that rewrote most of the store: merge the files its bulk loads left (queries
        # consult each); after a few documents changed, compaction (minutes at 1,000 reports) is left to RocksDB
        handle.compact()
        spent("compact", began)

    # the CPU this process spent on its own (writing, describing, compacting), the documents' left out when
    # they were built here (one job): with CPU, what bounds the speed-up that more workers can give
    now = _cpu_seconds()
    timings[WRITER_CPU] = now - cpu - (timings.get(CPU, 0.0) if jobs == 1 else 0.0)
    timings[WRITER_TAIL_CPU] = now - tail  # after the last document: no worker runs beside it
    summary = _summary(handle, readable)
    summary.update({"built": len(writer.built), "unchanged": len(unchanged), "removed": len(removed)})
    if kept:
        summary["kept"] = len(kept)  # missing from the inputs, kept in the store
    if skipped:
        summary["skipped"] = len(skipped)
    summary["store"] = str(handle.spec)
    report = None
    if validate:
        results = writer.results + (metadata_report.results if metadata_report else [])
        conforms = all(r.get("conforms") is not False for r in readable) and (metadata_report is None or metadata_report.conforms)
        summary["conforms"] = conforms
        results.sort(key=lambda r: (r.focus_node, r.path, r.message))
        report = ValidationReport(conforms, results)
    return CorpusResult(summary, report, writer.warnings, skipped, writer.built, sorted(unchanged), removed, kept)


def _cpu_seconds() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _add(timings: dict[str, float], more: dict[str, float]) -> None:
    for stage, seconds in more.items():
        timings[stage] = timings.get(stage, 0.0) + seconds


class _Writer:
    """The one writer of the store: replaces each built document's graph, files its record, removes what left.

    It also keeps the union's triple and entity counts up to date, from those of the description the store
    had (``counts``, None when there is none: then they are counted at the end). Counting the distinct
    subjects of the whole union takes 18 s at 100 reports (contended), minutes at 1,000: a rebuild of one
    document checks its own triples instead."""

    def __init__(self, handle: StoreHandle, records: dict[str, dict[str, Any]], code: str,
                 timings: dict[str, float], counts: list[int] | None) -> None:
        self.handle, self.records, self.code, self.timings = handle, dict(records), code, timings
        self.counts = counts  # [triples, entities] of the union, the dataset description left out
        self.built: list[str] = []
        self.warnings: list[str] = []
        self.results: list[Any] = []
        self._batch: list[bytes] = []
        self._size = 0
        self._pending: set[str] = set()  # graphs whose new content waits in the batch
        self._triples: set[Any] = set()  # and the union triples and subjects it adds (for the counts)
        self._subjects: set[Any] = set()

    def drop(self, graph: str) -> None:
        """Remove a named graph, first loading what waits (so what the union keeps is decided on all of it)."""
        if self.handle.has_graph(graph):
            self.load()
            triples, subjects = self.handle.drop_graph(graph)
            if self.counts is not None:
                self.counts[0] -= triples
                self.counts[1] -= subjects

    def write(self, built: Any) -> None:
        import time

        from .corpus_records import drop_record, record_quads

        began = time.perf_counter()
        record = dict(built.record, code=self.code)
        old = self.records.get(record["file"])
        graphs = {g for g in ((old or {}).get("graph"), record.get("graph")) if g}
        if graphs & self._pending:  # a graph named twice in one build: the later document replaces the earlier
            self.load()
        for graph in sorted(graphs):  # its old graph, and what the graph it now fills held (replaced)
            self.drop(graph)
        if old is not None:
            drop_record(self.handle, record["file"])
        self.records[record["file"]] = record
        if self.counts is not None and built.union:
            triples, subjects = self.handle.union_additions(built.union, self._triples, self._subjects)
            self.counts[0] += triples
            self.counts[1] += subjects
        self._append(built.nquads + built.union + record_quads(record))
        if record.get("graph"):
            self._pending.add(record["graph"])
        if not built.unreadable:
            self.built.append(record["file"])
            self.warnings += built.warnings
            self.results += built.results
        self.timings["write to store"] = self.timings.get("write to store", 0.0) + time.perf_counter() - began

    def remove(self, keys: list[str]) -> None:
        from .corpus_records import drop_record

        self.load()
        for key in keys:
            record = self.records.pop(key)
            graph = record.get("graph")
            if graph and graph not in {r.get("graph") for r in self.records.values()}:
                self.drop(graph)
            drop_record(self.handle, key)

    def _append(self, data: bytes) -> None:
        self._batch.append(data)
        self._size += len(data)
        if self._size >= LOAD_BATCH_BYTES:
            self.load()

    def load(self) -> None:
        """Write the gathered documents in one bulk load."""
        if self._batch:
            self.handle.load_nquads(b"".join(self._batch))
        self._batch, self._size, self._pending, self._triples, self._subjects = [], 0, set(), set(), set()


def _describe(handle: StoreHandle, documents: list[dict[str, Any]], base_iri: str, endpoint: str | None,
              timestamp: str | None, validate: bool, counts: tuple[int, int] | None) -> ValidationReport | None:
    """Replace the dataset description (export.metadata) with one of ``documents`` (their records), with the
    union's triple and entity ``counts`` (counted in the store when None)."""
    from rdflib import URIRef

    from .export.metadata import Stats, describe_stats, metadata_graph_iri
    from .validate import validate as shacl

    graph = metadata_graph_iri(base_iri)
    handle.drop_graph(graph)
    stats = Stats(vocabularies={v for d in documents for v in d.get("vocabularies", ())},
                  examples=[(i, URIRef(iri)) for d in documents for i, iri in d.get("examples", ())])
    if counts is None:
        counts = (len(handle), _count(handle, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?s)) }"))
    stats.triples, stats.entities = counts
    metadata = describe_stats(stats, [(URIRef(d["document"]), d.get("symbol")) for d in documents], base_iri,
                              endpoint, timestamp)
    handle.add_triples(metadata, graph)
    return shacl(metadata) if validate else None


def _described_counts(handle: StoreHandle, base_iri: str) -> tuple[int, int] | None:
    from .export.metadata import dataset_iri, metadata_graph_iri

    answer = handle.sparql(
        f"SELECT ?t ?e WHERE {{ GRAPH <{metadata_graph_iri(base_iri)}> {{ <{dataset_iri(base_iri)}> "
        "<http://rdfs.org/ns/void#triples> ?t ; <http://rdfs.org/ns/void#entities> ?e } }")
    if not answer.rows:
        return None
    triples, entities = answer.rows[0]
    return int(triples or 0), int(entities or 0)


def _summary(handle: StoreHandle, documents: list[dict[str, Any]]) -> dict[str, int | bool | str]:
    from .namespaces import UPR

    def count(*classes: Any) -> int:
        union = " UNION ".join(f"{{ ?s a <{c}> }}" for c in classes)
        return _count(handle, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {union} }}")

    symbols = [d.get("symbol") or d.get("file") or "?" for d in documents]  # a thematic list is named by its file
    return {
        "documents": ", ".join(symbols) if len(symbols) <= 10 else f"{len(symbols)} documents",
        "triples": len(handle),
        "paragraphs": sum(d.get("paragraphs", 0) for d in documents),
        "sections": sum(d.get("sections", 0) for d in documents),
        "recommendations": count(UPR.Recommendation),
        "with text": _count(handle, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{UPR.Recommendation}> ; <{UPR.text}> ?t }}"),
        "instruments": count(UPR.LegalInstrument, UPR.PolicyInstrument),
        "treaties": count(UPR.Treaty),
        "institutions": count(UPR.Institution),
        "visits": count(UPR.CountryVisit),
    }


def _count(handle: StoreHandle, sparql: str) -> int:
    answer = handle.sparql(sparql)
    return int(answer.rows[0][0] or 0)
