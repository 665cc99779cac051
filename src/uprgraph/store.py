"""Where a graph lives while it is queried: rdflib's in-memory graph, or an Oxigraph store in memory or
on disk. One small API, used by ``uprgraph build/query --store`` and by ``uprgraph serve``::

    handle = open_store("oxigraph:corpus.oxigraph")          # or "memory", "oxigraph"
    handle = open_store("oxigraph", graph_file=Path("g.ttl"))  # load an RDF file of any of our formats
    handle.replace_graphs(result.named_graphs())            # a BuildResult's graphs, one per document
    runner_result = handle.backend()(runner.prepare("instruments", {}))   # a canned query, bound safely
    answer = handle.sparql("ASK { ?s ?p ?o }")               # any SPARQL query: SELECT/ASK/CONSTRUCT/DESCRIBE
    body, media_type = answer.serialize("json")               # SPARQL results (json/xml/csv/tsv) or RDF
    handle.close()

A *spec* is ``memory`` (an rdflib ``Graph``), ``oxigraph`` (a ``pyoxigraph.Store`` in memory) or
``oxigraph:PATH`` (a ``pyoxigraph.Store`` on disk, created when missing). Queries see the union of the
named graphs, as ``uprgraph query`` sees the triples of a TriG file: an Oxigraph store keeps one named
graph per source document *and* their set union in its default graph, which queries read. (Oxigraph's
``use_default_graph_as_union`` would count a triple that two documents share twice, where rdflib's
graph holds it once, and rows would differ.)

Parameters reach Oxigraph as ``VALUES`` blocks (:func:`uprgraph.query.values.with_values`, shared with
remote endpoints: pyoxigraph's SEP-0007 ``substitutions=`` does not fix the value inside FILTERs).
Terms are rendered like the rdflib runner renders them: a literal's
lexical form, an IRI's string, ``_:id`` for a blank node.

rdflib and pyoxigraph are imported inside functions, so importing this module is cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from uprgraph.errors import InputError, QueryError, UsageError, one_line
from uprgraph.oxigraph_terms import Converter

if TYPE_CHECKING:
    from rdflib import Graph

    from uprgraph.query.runner import Backend

KINDS = ("memory", "oxigraph")

# The named graph in which a corpus build keeps what it needs to decide, next time, which documents to
# rebuild (uprgraph.corpus_records). It describes the build, not the UPR documents: it is left out of
# the union queries read and out of the store's dumps.
BUILD_RECORDS_GRAPH = "urn:uprgraph:build-records"

# file suffix -> pyoxigraph format name (RdfFormat attribute); the same suffixes rdflib guesses
_SUFFIXES = {
    ".ttl": "TURTLE", ".turtle": "TURTLE", ".nt": "N_TRIPLES", ".ntriples": "N_TRIPLES", ".nq": "N_QUADS",
    ".nquads": "N_QUADS", ".trig": "TRIG", ".jsonld": "JSON_LD", ".json": "JSON_LD", ".rdf": "RDF_XML",
    ".xml": "RDF_XML", ".owl": "RDF_XML",
}

# answer formats: name -> (media type, pyoxigraph QueryResultsFormat / RdfFormat attribute, rdflib name)
RESULT_FORMATS = {
    "json": ("application/sparql-results+json", "JSON", "json"),
    "xml": ("application/sparql-results+xml", "XML", "xml"),
    "csv": ("text/csv", "CSV", "csv"),
    "tsv": ("text/tab-separated-values", "TSV", "tsv"),
}
GRAPH_FORMATS = {
    "turtle": ("text/turtle", "TURTLE", "turtle"),
    "ntriples": ("application/n-triples", "N_TRIPLES", "nt"),
    "rdfxml": ("application/rdf+xml", "RDF_XML", "xml"),
    "jsonld": ("application/ld+json", "JSON_LD", "json-ld"),
}


@dataclass(frozen=True)
class StoreSpec:
    kind: str  # "memory" or "oxigraph"
    path: Path | None = None  # an on-disk Oxigraph store

    def __str__(self) -> str:
        return f"{self.kind}:{self.path}" if self.path else self.kind


def parse_spec(text: str | StoreSpec) -> StoreSpec:
    """``memory``, ``oxigraph`` or ``oxigraph:PATH``; anything else is a UsageError."""
    if isinstance(text, StoreSpec):
        return text
    kind, sep, path = text.partition(":")
    if kind not in KINDS or (sep and (kind != "oxigraph" or not path)):
        raise UsageError(f"unknown store {text!r}; use memory, oxigraph or oxigraph:PATH")
    return StoreSpec(kind, Path(path) if path else None)


@dataclass
class Answer:
    """What a SPARQL query returned: ``kind`` is ``select``, ``ask`` or ``graph`` (CONSTRUCT/DESCRIBE).

    ``columns``/``rows`` hold a SELECT's variables and rendered values (None where unbound), ``boolean``
    an ASK's answer, ``triples`` a graph's triples as N-Triples-style tuples of rendered terms.
    """

    kind: str
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    _native: Any = None  # the engine's own result, kept for serialisation
    _engine: str = ""

    def serialize(self, fmt: str) -> tuple[bytes, str]:
        """(body, media type): ``json``/``xml``/``csv``/``tsv`` for SELECT and ASK, ``turtle``/``ntriples``/
        ``rdfxml``/``jsonld`` for a graph."""
        table = GRAPH_FORMATS if self.kind == "graph" else RESULT_FORMATS
        if fmt not in table:
            raise UsageError(f"a {self.kind.upper()} answer cannot be written as {fmt!r}; choose one of {', '.join(table)}")
        media, oxi_name, rdflib_name = table[fmt]
        if self._engine == "oxigraph":
            import pyoxigraph

            if self.kind == "graph":
                return pyoxigraph.serialize(self._native, format=getattr(pyoxigraph.RdfFormat, oxi_name)) or b"", media
            return self._native.serialize(format=getattr(pyoxigraph.QueryResultsFormat, oxi_name)) or b"", media
        if self.kind == "graph":
            return self._native.serialize(format=rdflib_name, encoding="utf-8"), media
        if fmt == "tsv":
            raise UsageError("the memory store cannot write TSV results; use the oxigraph store or json/xml/csv")
        data = self._native.serialize(format=rdflib_name, encoding="utf-8")
        return data, media


class StoreHandle:
    """An open store: ``graph`` (rdflib) for ``memory``, ``store`` (pyoxigraph) for ``oxigraph``."""

    def __init__(self, spec: StoreSpec, graph: Graph | None = None, store: Any = None, read_only: bool = False) -> None:
        self.spec = spec
        self.graph = graph
        self.store = store
        self.read_only = read_only  # an on-disk store opened read-only: nothing to write out
        self._union_stale = False

    @property
    def engine(self) -> str:
        return "oxigraph" if self.store is not None else "rdflib"

    # ---------------------------------------------------------------- loading

    def load_file(self, path: Path) -> None:
        """Add the triples (or quads) of an RDF file; its format follows its suffix (Turtle if unknown)."""
        if self.store is None:
            from uprgraph.rdffile import read_graph

            assert self.graph is not None
            self.graph += read_graph(path)
            return
        import pyoxigraph

        name = _SUFFIXES.get(path.suffix.lower(), "TURTLE")
        before = len(self.store)
        load = self.store.bulk_load if self.spec.path is not None else self.store.load
        try:
            load(path=str(path), format=getattr(pyoxigraph.RdfFormat, name))
        except OSError:
            raise
        except (SyntaxError, ValueError) as error:
            raise InputError(f"{path} is not valid {name.lower().replace('_', '-')}: {one_line(error)[:200]}") from error
        if before == 0 and len(self.store) == 0:
            raise InputError(f"{path} holds no triples")
        if name in ("N_QUADS", "TRIG"):
            self._rebuild_union()

    def replace_graphs(self, graphs: Mapping[Any, Graph]) -> None:
        """Named graph IRI -> rdflib graph: each named graph's old content is replaced by these triples
        (the other graphs of an on-disk store stay). The memory store keeps only the union."""
        if self.store is None:
            assert self.graph is not None
            for triples in graphs.values():
                self.graph += triples
            return
        convert = Converter()
        for name in sorted(graphs):
            self.add_triples(graphs[name], name, convert, replace=True)

    def add_triples(self, triples: Iterable[tuple], graph_name: Any, converter: Converter | None = None,  # type: ignore[type-arg]
                    replace: bool = False) -> None:
        """Add rdflib triples to the named graph ``graph_name`` (an IRI), and to the union; with
        ``replace``, what the named graph held before goes (the union is then rebuilt on flush)."""
        if self.store is None:
            assert self.graph is not None
            for triple in triples:
                self.graph.add(triple)
            return
        import pyoxigraph

        name = pyoxigraph.NamedNode(str(graph_name))
        if replace and self.store.contains_named_graph(name):
            self.store.remove_graph(name)
            self._union_stale = True
        quads = list((converter or Converter()).quads(triples, name))
        union = [pyoxigraph.Quad(q.subject, q.predicate, q.object, pyoxigraph.DefaultGraph()) for q in quads]
        add = self.store.bulk_extend if self.spec.path is not None else self.store.extend
        add(quads)
        add(union)

    def _rebuild_union(self) -> None:
        """The default graph := the set union of the named graphs."""
        assert self.store is not None
        self.store.update("CLEAR SILENT DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
                          f"FILTER(?g != <{BUILD_RECORDS_GRAPH}>) }}")
        self._union_stale = False

    def load_nquads(self, data: bytes) -> None:
        """Add N-Quads (a corpus worker's output: a document's named graph and the same triples in the
        default graph, the union) in one bulk load: RocksDB ingests one batch of files per call, so a few
        large calls cost less than one per document."""
        import pyoxigraph

        assert self.store is not None
        if data:
            load = self.store.bulk_load if self.spec.path is not None else self.store.load
            load(data, format=pyoxigraph.RdfFormat.N_QUADS)

    def compact(self) -> None:
        """Compact an on-disk store (RocksDB's full compaction, pyoxigraph's ``optimize``): every bulk load
        adds files that a query's every index lookup must consult until they are merged. On a store of 100
        synthetic reports, it took the queries' time down by a third to a half (docs/benchmarks.md, (e))."""
        if self.store is not None and self.spec.path is not None and not self.read_only:
            self.store.optimize()

    def has_graph(self, graph_name: Any) -> bool:
        import pyoxigraph

        assert self.store is not None
        return bool(self.store.contains_named_graph(pyoxigraph.NamedNode(str(graph_name))))

    def drop_graph(self, graph_name: Any) -> tuple[int, int]:
        """Remove the named graph ``graph_name`` and, from the union, each of its triples that no other graph
        holds. Proportional to the graph's size, where rebuilding the union (what ``add_triples(...,
        replace=True)`` leads to) reads every graph of the store. Returns how many triples and how many IRI
        subjects left the union."""
        import pyoxigraph

        assert self.store is not None
        name = pyoxigraph.NamedNode(str(graph_name))
        if not self.store.contains_named_graph(name):
            return 0, 0
        default, records = pyoxigraph.DefaultGraph(), pyoxigraph.NamedNode(BUILD_RECORDS_GRAPH)
        triples = [q.triple for q in self.store.quads_for_pattern(None, None, None, name)]
        self.store.remove_graph(name)
        orphans = []
        for t in triples:
            if not any(q.graph_name != default and q.graph_name != records
                       for q in self.store.quads_for_pattern(t.subject, t.predicate, t.object, None)):
                orphans.append(pyoxigraph.Quad(t.subject, t.predicate, t.object, default))
        for quad in orphans:
            self.store.remove(quad)
        subjects = {q.subject for q in orphans if isinstance(q.subject, pyoxigraph.NamedNode)}
        gone = sum(1 for s in subjects if next(self.store.quads_for_pattern(s, None, None, default), None) is None)
        return len(orphans), gone

    def union_additions(self, ntriples: bytes, pending: set[Any], pending_subjects: set[Any]) -> tuple[int, int]:
        """Of these N-Triples, about to join the union: how many triples and IRI subjects it does not hold
        yet (nor ``pending``/``pending_subjects``, what waits to be loaded; both are updated)."""
        import pyoxigraph

        assert self.store is not None
        default = pyoxigraph.DefaultGraph()
        triples = subjects = 0
        for quad in pyoxigraph.parse(ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES):
            t = quad.triple
            if t in pending or pyoxigraph.Quad(t.subject, t.predicate, t.object, default) in self.store:
                continue
            pending.add(t)
            triples += 1
            s = t.subject
            if isinstance(s, pyoxigraph.NamedNode) and s not in pending_subjects:
                pending_subjects.add(s)
                if next(self.store.quads_for_pattern(s, None, None, default), None) is None:
                    subjects += 1
        return triples, subjects

    def dump(self, fmt: str, output: Any = None) -> bytes:
        """The store as one of our RDF formats (``turtle``, ``ntriples``, ``nquads``, ``trig``, ``jsonld``,
        ``rdfxml``): quad formats hold the named graphs (not the build records), triple formats their union.
        The same quads give the same bytes, however they were added: an on-disk store is written in its
        index order (RocksDB keys, made of the terms' encodings, so an order of content alone), streamed into
        the binary file ``output`` when given, never held in memory as Python objects (a corpus's dump held
        them all: 917 MB at 100 reports); an in-memory store's quads are sorted. Returns the bytes when no
        ``output`` is given. (Oxigraph writes Turtle its own way: not byte for byte what ``uprgraph build -o``
        writes with rdflib.)"""
        import itertools

        import pyoxigraph

        names = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "nquads": "N_QUADS", "trig": "TRIG",
                 "jsonld": "JSON_LD", "rdfxml": "RDF_XML"}
        if fmt not in names:
            raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(names)}")
        if self.store is None:
            from uprgraph.export.rdf import rdf_format, serialize

            assert self.graph is not None
            data = serialize({"urn:uprgraph:memory": self.graph}, rdf_format(fmt))  # type: ignore[dict-item]
            return _written(data, output)
        self.flush()
        rdf_format = getattr(pyoxigraph.RdfFormat, names[fmt])
        if rdf_format.supports_datasets:
            graphs = sorted((g for g in self.store.named_graphs() if g.value != BUILD_RECORDS_GRAPH), key=str)
            quads: Any = itertools.chain.from_iterable(self.store.quads_for_pattern(None, None, None, g) for g in graphs)
        else:
            quads = (q.triple for q in self.store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
        if self.spec.path is None:
            quads = sorted(quads, key=str)
        prefixes = None if fmt in ("ntriples", "nquads") else _prefixes()
        if output is not None:
            pyoxigraph.serialize(quads, output, format=rdf_format, prefixes=prefixes)
            return b""
        return pyoxigraph.serialize(quads, format=rdf_format, prefixes=prefixes) or b""

    def __len__(self) -> int:
        """The number of triples queries see (the union of the graphs)."""
        if self.store is None:
            return len(self.graph or ())
        if self._union_stale:
            self._rebuild_union()
        return int(next(iter(self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)

    # ---------------------------------------------------------------- querying

    def backend(self) -> Backend:
        """A backend for :mod:`uprgraph.query.runner`: a :class:`BoundQuery` in, a runner ``Result`` out."""
        if self.store is None:
            from uprgraph.query.runner import on_graph

            assert self.graph is not None
            return on_graph(self.graph)
        return _oxigraph_backend(self.store)

    def stream(self, bound: Any) -> tuple[list[str], Iterator[tuple[str | None, ...]]]:
        """A canned query's columns and its rows as the engine hands them over, rendered as
        :meth:`backend` renders them: an Oxigraph store yields each row once found (pyoxigraph evaluates
        lazily, though an ORDER BY, GROUP BY or hash join needs the whole of its input first); rdflib's
        answer is whole before its first row."""
        if self.store is None:
            result = self.backend()(bound)
            return result.columns, iter(result.rows)
        from uprgraph.query.values import with_values

        try:
            solutions = self.store.query(with_values(bound.query.text, bound.bindings))
        except (SyntaxError, OSError, ValueError, RuntimeError) as error:
            raise QueryError(f"query {bound.query.name!r} failed: {one_line(error)}") from error

        def rows() -> Iterator[tuple[str | None, ...]]:
            batch: list[Any] = []
            size = 1  # the first row alone, the rest in batches: rows_of's loop is the fast one
            try:
                for solution in solutions:
                    batch.append(solution)
                    if len(batch) >= size:
                        yield from rows_of(batch)
                        batch, size = [], 256
            except (OSError, ValueError, RuntimeError) as error:
                raise QueryError(f"query {bound.query.name!r} failed: {one_line(error)}") from error
            yield from rows_of(batch)

        return [v.value for v in solutions.variables], rows()

    def sparql(self, text: str) -> Answer:
        """Evaluate any SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the union of the graphs.
        A syntax or evaluation error is a QueryError."""
        if self.store is None:
            return _rdflib_answer(self.graph, text)
        import pyoxigraph

        try:
            native = self.store.query(text)
            if isinstance(native, pyoxigraph.QueryBoolean):
                return Answer("ask", boolean=bool(native), _native=native, _engine="oxigraph")
            if isinstance(native, pyoxigraph.QuerySolutions):
                columns = [v.value for v in native.variables]
                rows = rows_of(native)
                # the iterator is spent: keep a re-run for serialisation
                again = self.store.query(text)
                return Answer("select", columns, rows, _native=again, _engine="oxigraph")
            return Answer("graph", _native=list(native), _engine="oxigraph")
        except (SyntaxError, OSError, ValueError, RuntimeError) as error:
            raise QueryError(f"SPARQL query failed: {one_line(error)}") from error

    def flush(self) -> None:
        """Bring the union up to date after a graph was replaced, and write an on-disk store out."""
        if self.store is not None and self._union_stale:
            self._rebuild_union()
        if self.store is not None and self.spec.path is not None and not self.read_only:
            self.store.flush()

    def close(self) -> None:
        """Flush an on-disk store; the handle must not be used afterwards."""
        self.flush()
        self.store = None
        self.graph = None

    def __enter__(self) -> StoreHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _written(data: bytes, output: Any) -> bytes:
    if output is None:
        return data
    output.write(data)
    return b""


def open_store(spec: str | StoreSpec, graph_file: Path | None = None, read_only: bool = False) -> StoreHandle:
    """Open the store ``spec`` names (see :func:`parse_spec`), loading ``graph_file`` into it when given.

    ``oxigraph:PATH`` opens (or creates) an on-disk store; with ``read_only`` the store must exist
    and may be shared with other readers.
    """
    spec = parse_spec(spec)
    if spec.kind == "memory":
        from rdflib import Graph

        handle = StoreHandle(spec, graph=Graph())
    else:
        import pyoxigraph

        if spec.path is None:
            store = pyoxigraph.Store()
        elif read_only:
            if not spec.path.is_dir():
                raise InputError(f"no Oxigraph store at {spec.path}; build one with 'uprgraph build --store oxigraph:{spec.path}'")
            try:
                store = pyoxigraph.Store.read_only(str(spec.path))
            except OSError as error:
                raise InputError(f"cannot open the Oxigraph store at {spec.path}: {one_line(error)}") from error
        else:
            if spec.path.exists() and not spec.path.is_dir():
                raise InputError(f"{spec.path} is a file, not an Oxigraph store folder")
            try:
                store = pyoxigraph.Store(str(spec.path))
            except OSError as error:
                raise InputError(f"cannot open the Oxigraph store at {spec.path}: {one_line(error)}") from error
        handle = StoreHandle(spec, store=store, read_only=read_only)
    if graph_file is not None:
        handle.load_file(graph_file)
    return handle


def memory_copy(store: Any) -> Any:
    """A pyoxigraph in-memory store holding the default graph of ``store`` (an on-disk one), that is the
    union of its named graphs, which is what queries read unless they name graphs. Joins over many rows run
    several times faster there, where each step on disk is a RocksDB seek.

    Only the default graph: Oxigraph's in-memory store keeps one list of quads per subject, per predicate
    and per object, across all graphs. With each document's named graph beside the union, a node that every
    document describes (a treaty, a mandate, a rapporteur) had its quads in every document's graph on its
    list, and a look-up walked them all: on 1,000 reports, rapporteur-visits took 6.7 s in a full copy and
    0.25 s in a copy of the union, which also takes half the memory and half the time to make.
    A query that names graphs is answered from the store on disk (``query.lexical.names_graphs``)."""
    import pyoxigraph

    copy = pyoxigraph.Store()
    copy.bulk_extend(store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
    return copy


# -------------------------------------------------------------------- terms


def rows_of(solutions: Any) -> list[tuple[str | None, ...]]:
    """A pyoxigraph SELECT's solutions as rows of rendered values, in the order of its variables:
    a term as the rdflib runner renders an rdflib term, None where unbound.

    On a corpus the answer can have 100,000s of rows, and then this loop is a good part of a query's
    time: a solution is read by iterating it (by variable, ``solution[name]``, took twice as long), and a
    term's type is tested by identity rather than with isinstance."""
    import pyoxigraph

    plain = (pyoxigraph.NamedNode, pyoxigraph.Literal)
    blank = pyoxigraph.BlankNode

    def render(term: Any) -> str | None:
        kind = type(term)
        if kind in plain:
            return str(term.value)
        if term is None:
            return None
        if kind is blank:
            return f"_:{term.value}"
        return f"<< {term} >>"  # an RDF-star quoted triple

    return [tuple(map(render, solution)) for solution in solutions]


def _oxigraph_backend(store: Any) -> Backend:
    from uprgraph.query.runner import BoundQuery, Result

    def evaluate(bound: BoundQuery) -> Result:
        from uprgraph.query.values import with_values

        text = with_values(bound.query.text, bound.bindings)
        try:
            solutions = store.query(text)
            columns = [v.value for v in solutions.variables]
            rows = rows_of(solutions)
        except (SyntaxError, OSError, ValueError, RuntimeError) as error:
            raise QueryError(f"query {bound.query.name!r} failed: {one_line(error)}") from error
        return Result(columns, rows)

    return evaluate


def _rdflib_answer(graph: Graph | None, text: str) -> Answer:
    from uprgraph.query.runner import _render

    assert graph is not None
    try:
        native = graph.query(text)
        if native.type == "ASK":
            return Answer("ask", boolean=bool(native.askAnswer), _native=native, _engine="rdflib")
        if native.type == "SELECT":
            columns = [str(v) for v in native.vars or ()]
            rows = [tuple(_render(t) for t in row) for row in native]
            return Answer("select", columns, rows, _native=native, _engine="rdflib")
        return Answer("graph", _native=native.graph, _engine="rdflib")
    except Exception as error:  # rdflib raises assorted types for parse and evaluation errors
        raise QueryError(f"SPARQL query failed: {one_line(error)}") from error


def _prefixes() -> dict[str, str]:
    from uprgraph.namespaces import new_graph

    return dict(sorted((prefix, str(namespace)) for prefix, namespace in new_graph().namespaces() if prefix))
