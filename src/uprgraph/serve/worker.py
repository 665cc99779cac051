"""What runs inside a query worker: a process holding the dataset in an Oxigraph store.

The server sends jobs down a pipe and reads one reply per job. A worker that takes too long is killed
by the server (pyoxigraph cannot cancel a query), so nothing here watches the clock. The worker's
address space is capped (``RLIMIT_AS``) so that a query that grows without bound kills only its worker.

Jobs (dicts):
    {"op": "query", "query": str, "results": FORMAT, "graph": FORMAT, "max_rows": int,
     "default_graphs": [iri, ...], "named_graphs": [iri, ...], "stream_after": seconds or absent}
        with "stream_after", a SELECT in JSON, CSV or TSV not answered within that many seconds is
        streamed: ("head", ...), ("chunk", ...)..., ("end", ...) (see streaming.py)
    {"op": "stop"}                                    the client of a streamed answer went away
    {"op": "describe", "iri": str, "limit": int}       the data of a resource's HTML page
    {"op": "check", "query": str}                     is the query well formed? (a checker: see precheck.py)
Replies: ("ok", format name, body bytes, truncated: bool), ("data", dict), ("checked",) or
("error", status, message); a streamed answer's pieces, or ("stopped",); nothing to a stop that came
after the answer's end.
"""

from __future__ import annotations

import signal
from multiprocessing.connection import Connection
from typing import Any

from uprgraph.serve.sparql_json import document, in_format, json_term, short_error


def main(conn: Connection, kind: str, dataset: str, memory_limit_mb: int) -> None:
    """The worker's loop: load the dataset (an N-Quads file into memory, open an on-disk store
    read-only, or copy one into memory), say "ready", answer jobs until the pipe closes. Queries see the default graph, which
    holds the union of the named graphs (see :mod:`uprgraph.serve.dataset`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops its workers
    try:
        import pyoxigraph

        if kind == "store":
            store = pyoxigraph.Store.read_only(dataset)
        elif kind == "store-copy":
            from uprgraph.store import memory_copy

            disk = pyoxigraph.Store.read_only(dataset)
            store = _Routed(disk, memory_copy(disk))
        elif kind == "empty":  # a checker: it parses queries, it holds no data
            store = pyoxigraph.Store()
        else:
            store = pyoxigraph.Store()
            store.bulk_load(path=dataset, format=pyoxigraph.RdfFormat.N_QUADS)
        if memory_limit_mb > 0:
            _cap_memory(memory_limit_mb)
    except Exception as error:  # reported to the server, which stops with one line
        from uprgraph.errors import one_line

        _send(conn, ("failed", one_line(error)))
        return
    # A worker started to replace one that was ended can come up as the server shuts down: then its
    # pipe is closed, and it leaves quietly rather than with a traceback on the server's stderr.
    if not _send(conn, ("ready", None)):
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the server is gone
        if job.get("op") == "stop":  # it crossed the end of the answer it was meant to stop
            continue
        try:
            reply = _answer(store, job, lambda: _stop_asked(conn))
            if isinstance(reply, tuple):
                if not _send(conn, reply):
                    return
                continue
            for message in reply:  # a streamed answer, piece by piece
                if not _send(conn, message):
                    return
        except MemoryError:
            if not _send(conn, ("error", 503, "the query needed more memory than a worker may use")):
                return


def _stop_asked(conn: Any) -> bool:
    """Has the server sent {"op": "stop"} (its client went away) while an answer streams? Nothing else
    comes down the pipe meanwhile: the server sends a worker one job at a time."""
    try:
        return bool(conn.poll()) and conn.recv().get("op") == "stop"
    except (EOFError, OSError):
        return True  # the server is gone


def _send(conn: Any, message: tuple) -> bool:  # type: ignore[type-arg]
    """Send to the server; False when the server is gone (its end of the pipe closed)."""
    try:
        conn.send(message)
    except (BrokenPipeError, EOFError, OSError):
        return False
    return True


class _Routed:
    """An on-disk store and an in-memory copy of its default graph (``store.memory_copy``): a query that
    names graphs, or a request that chooses its dataset, goes to the disk; every other to memory."""

    def __init__(self, disk: Any, memory: Any) -> None:
        self.disk, self.memory = disk, memory

    def for_query(self, job: dict[str, Any]) -> Any:
        from uprgraph.query.lexical import names_graphs

        if job.get("default_graphs") or job.get("named_graphs") or names_graphs(job.get("query", "")):
            return self.disk
        return self.memory


def _cap_memory(megabytes: int) -> None:
    import resource

    limit = megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _answer(store: Any, job: dict[str, Any], stopped: Any = None) -> Any:
    """One reply (a tuple), or the messages of a streamed answer (an iterator of tuples)."""
    if isinstance(store, _Routed):
        store = store.for_query(job)
    if job["op"] == "query":
        return _query(store, job, stopped)
    if job["op"] == "describe":
        return ("data", describe(store, job["iri"], job["limit"]))
    if job["op"] == "check":
        return _check(store, job["query"])
    return ("error", 400, f"unknown job {job['op']!r}")


def _query(store: Any, job: dict[str, Any], stopped: Any = None) -> Any:
    import pyoxigraph

    from uprgraph.serve import streaming

    options: dict[str, Any] = {}
    if job["default_graphs"]:
        options["default_graph"] = [pyoxigraph.NamedNode(iri) for iri in job["default_graphs"]]
    if job["named_graphs"]:
        options["named_graphs"] = [pyoxigraph.NamedNode(iri) for iri in job["named_graphs"]]
    try:
        answer = store.query(job["query"], **options)
        if isinstance(answer, pyoxigraph.QueryBoolean):
            fmt = job["results"]
            if fmt is None:
                return ("error", 406, "no acceptable format for an ASK answer")
            return ("ok", fmt, answer.serialize(format=getattr(pyoxigraph.QueryResultsFormat, fmt)), False)
        if isinstance(answer, pyoxigraph.QuerySolutions):
            fmt = job["results"]
            if fmt is None:
                return ("error", 406, "no acceptable format for SELECT results")
            if job.get("stream_after") is not None and fmt in streaming.STREAMED_FORMATS and stopped is not None:
                del answer  # read again on the thread that reads its rows (pyoxigraph's iterator stays on one thread)
                return streaming.answer(store, job["query"], options, fmt, job["max_rows"], job["stream_after"], stopped)
            return _solutions(pyoxigraph, answer, fmt, job["max_rows"])
        fmt = job["graph"]
        if fmt is None:
            return ("error", 406, "no acceptable RDF format for a CONSTRUCT or DESCRIBE answer")
        triples, truncated = _take(answer, job["max_rows"])
        prefixes = job.get("prefixes") if fmt == "TURTLE" else None
        body = pyoxigraph.serialize(triples, format=getattr(pyoxigraph.RdfFormat, fmt), prefixes=prefixes)
        return ("ok", fmt, body, truncated)
    except SyntaxError as error:
        return ("error", 400, f"malformed query: {short_error(error)}")
    except ValueError as error:  # a bad IRI among the graphs, a bad term
        return ("error", 400, short_error(error))
    except OSError as error:  # evaluation errors (including a refused SERVICE call)
        return ("error", 400, f"query failed: {short_error(error)}")


def _check(store: Any, query: str) -> tuple[Any, ...]:
    """Parse the query on an empty store. pyoxigraph parses (and plans) a query when it is called but
    evaluates a SELECT, CONSTRUCT or DESCRIBE only as its iterator is read, which this never does; an
    ASK is evaluated at once, on no data. A syntax error gets the worker's own 400; anything else is
    for the worker that runs the query to report."""
    try:
        store.query(query)
    except SyntaxError as error:
        return ("error", 400, f"malformed query: {short_error(error)}")
    except Exception:  # noqa: BLE001 - not a syntax error: the query worker decides
        pass
    return ("checked",)


def _take(iterator: Any, limit: int) -> tuple[list[Any], bool]:
    """At most ``limit`` items, and whether there were more (read one past the limit, not all)."""
    items = []
    for item in iterator:
        if len(items) == limit:
            return items, True
        items.append(item)
    return items, False


def _solutions(pyoxigraph: Any, solutions: Any, fmt: str, max_rows: int) -> tuple[Any, ...]:
    variables = [v.value for v in solutions.variables]
    rows, truncated = _take(solutions, max_rows)
    # The rows kept are written as SPARQL JSON (small and exact), then pyoxigraph's own writers
    # turn that into the format asked for, so XML, CSV and TSV follow the specifications to the letter.
    bindings = []
    for row in rows:
        binding = {}
        for name in variables:
            term = row[name]
            if term is not None:
                binding[name] = json_term(pyoxigraph, term)
        bindings.append(binding)
    return ("ok", fmt, in_format(pyoxigraph, document(variables, bindings), fmt), truncated)


# ------------------------------------------------------------------------------- a resource's page

_LABEL = """
  OPTIONAL { {LABELLED} <http://www.w3.org/2004/02/skos/core#prefLabel> ?l1 }
  OPTIONAL { {LABELLED} <http://www.w3.org/2000/01/rdf-schema#label> ?l2 }
  OPTIONAL { {LABELLED} <http://purl.org/dc/terms/title> ?l3 }
  OPTIONAL { {LABELLED} <http://xmlns.com/foaf/0.1/name> ?l4 }
"""
_OUTGOING = "SELECT ?p ?o (SAMPLE(COALESCE(?l1, ?l2, ?l3, ?l4)) AS ?label) WHERE { {THIS} ?p ?o . " \
            + _LABEL.replace("{LABELLED}", "?o") + "} GROUP BY ?p ?o ORDER BY ?p ?o LIMIT {LIMIT}"
_INCOMING = "SELECT ?s ?p (SAMPLE(COALESCE(?l1, ?l2, ?l3, ?l4)) AS ?label) WHERE { ?s ?p {THIS} . " \
            + _LABEL.replace("{LABELLED}", "?s") + "} GROUP BY ?s ?p ORDER BY ?p ?s LIMIT {LIMIT}"
_COUNT_IN = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p {THIS} }"
# The quotes that mention the resource, in the paragraph (or paragraph item) they come from.
_QUOTES = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX upr: <https://w3id.org/uprgraph/ns#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?source ?paragraph ?number ?document ?exact ?prefix ?suffix ?text WHERE {
  ?mention oa:hasBody {THIS} ; oa:hasTarget ?target .
  ?target oa:hasSource ?source ; oa:hasSelector ?selector .
  ?selector oa:exact ?exact .
  OPTIONAL { ?selector oa:prefix ?prefix }
  OPTIONAL { ?selector oa:suffix ?suffix }
  OPTIONAL { ?source a upr:Paragraph . BIND(?source AS ?p0) }
  OPTIONAL { ?source dct:isPartOf ?p1 . ?p1 a upr:Paragraph }
  BIND(COALESCE(?p0, ?p1) AS ?paragraph)
  OPTIONAL { ?paragraph upr:paragraphNumber ?number }
  OPTIONAL { ?paragraph upr:text ?text }
  OPTIONAL { ?paragraph dct:isPartOf+ ?doc . ?doc dct:identifier ?document }
} ORDER BY ?document ?number ?exact LIMIT {LIMIT}
"""
# Where the resource itself is reported (visits, events) when it has no mention of its own.
_REPORTED_IN = """
PREFIX upr: <https://w3id.org/uprgraph/ns#>
SELECT ?paragraph ?number ?text WHERE {
  {THIS} upr:reportedIn ?paragraph .
  OPTIONAL { ?paragraph upr:paragraphNumber ?number }
  OPTIONAL { ?paragraph upr:text ?text }
} ORDER BY ?number LIMIT {LIMIT}
"""


def describe(store: Any, iri: str, limit: int) -> dict[str, Any]:
    """The data of a resource's page: its outgoing and incoming links (with the other end's label),
    the quotes that mention it and the paragraphs they come from. ``found`` is False when the IRI
    appears in no triple."""
    import pyoxigraph

    this = str(pyoxigraph.NamedNode(iri))  # validates the IRI and writes it as <...>

    def select(template: str) -> list[dict[str, Any]]:
        text = template.replace("{THIS}", this).replace("{LIMIT}", str(limit))
        solutions = store.query(text)
        names = [v.value for v in solutions.variables]
        return [{name: _plain(pyoxigraph, row[name]) for name in names} for row in solutions]

    outgoing = select(_OUTGOING)
    incoming = select(_INCOMING)
    incoming_total = int(select(_COUNT_IN)[0]["n"]["value"])
    found = bool(outgoing or incoming)
    quotes = select(_QUOTES) if found else []
    reported = select(_REPORTED_IN) if found else []
    return {"iri": iri, "found": found, "outgoing": outgoing, "incoming": incoming,
            "incoming_total": incoming_total, "quotes": quotes, "reported": reported, "limit": limit}


def _plain(pyoxigraph: Any, term: Any) -> dict[str, Any] | None:
    if term is None:
        return None
    return json_term(pyoxigraph, term)
