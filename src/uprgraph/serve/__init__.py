"""``uprgraph serve``: a read-only SPARQL 1.1 endpoint over the knowledge graph, a query page and
linked-data pages, on Starlette run by uvicorn.

    protocol.py   the request: query, graphs, answer format (content negotiation); refusals (4xx)
    engine.py     a pool of query worker processes: time limit (kill and replace), memory cap, queue bound
    worker.py     inside a worker: the dataset in an Oxigraph store; SELECT/ASK/CONSTRUCT/DESCRIBE, row limit
    streaming.py  inside a worker: a slow SELECT's rows sent in pieces as they are found (--stream-after)
    streamed.py   a streamed answer as a chunked HTTP body; one cut half-way ends without its last chunk
    sparql_json.py  terms as SPARQL results JSON writes them (for worker.py and streaming.py)
    dataset.py    the dataset the workers load: an RDF file, an on-disk store, or the embedded documents
    precheck.py   checker processes over an empty store: a malformed query gets its 400 before the queue
    cors.py       which other origins' pages may call the endpoint (--cors-origin), Starlette's CORSMiddleware
    description.py  the SPARQL 1.1 Service Description that GET /sparql without a query answers
    canned.py     the canned queries for the page (parameters filled with their examples) and /queries/<name>
    pages.py      linked-data pages: /id/<path> <-> <base IRI><path>
    app.py        the Starlette routes
    templates/, static/   the pages' HTML, CSS and JavaScript; YASGUI comes from npm (web/package.json)

Heavy imports (starlette, uvicorn, pyoxigraph, jinja2) happen inside :func:`run_serve`.
"""

from __future__ import annotations

import socket
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from uprgraph.errors import UprgraphError


@dataclass(frozen=True)
class ServeOptions:
    graph_file: Path | None
    store: str | None = None  # a --store spec: oxigraph (default) or oxigraph:PATH
    in_memory: bool = False  # with oxigraph:PATH: each worker copies the store into memory
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 30.0
    max_rows: int = 10_000
    stream_after: float = 0.25  # seconds after which a SELECT's rows are streamed as they come
    workers: int = 2
    allow_service: bool = False
    base_iri: str = "https://w3id.org/uprgraph/id/"
    max_body: int = 1_000_000
    memory_mb: int = 2048
    cors_origins: tuple[str, ...] = ("*",)  # origins whose pages may call the endpoint (serve/cors.py); () none


def yasgui_dir() -> Path | None:
    """The installed YASGUI build (from the wheel, or web/node_modules in a checkout), or None."""
    from uprgraph import resources

    try:
        folder = resources.data_dir("yasgui")
    except FileNotFoundError:
        return None
    path = Path(str(folder))
    return path if (path / "yasgui.min.js").is_file() and (path / "yasgui.min.css").is_file() else None


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or a one-line error (port in use, unknown host)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise UprgraphError(f"cannot resolve host {host!r}: {error.strerror}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as error:
        sock.close()
        raise UprgraphError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    sock.listen(2048)
    return sock


def run_serve(options: ServeOptions) -> None:
    """Load the dataset, start the workers, serve until interrupted; the workers stop with the server."""
    import uvicorn

    from uprgraph.graph.iris import check_base
    from uprgraph.interrupts import terminate_as_interrupt
    from uprgraph.serve.app import Settings, create_app
    from uprgraph.serve.dataset import prepare
    from uprgraph.serve.engine import Engine, Limits
    from uprgraph.serve.precheck import Checker

    base_iri = check_base(options.base_iri)
    sock = bind(options.host, options.port)  # before the slow part: a busy port fails at once
    # uvicorn stops on SIGTERM and then raises the signal again; by default that would end the process at
    # once, leaving the workers' dataset copy in the temporary folder. Raised as an exception instead, it
    # runs the clean-up below (here and while the dataset is still loading).
    terminate_as_interrupt()
    with tempfile.TemporaryDirectory(prefix="uprgraph-serve-") as folder:
        dataset = prepare(Path(folder), options.graph_file, options.store, base_iri, options.in_memory)
        limits = Limits(timeout=options.timeout, max_rows=options.max_rows, workers=options.workers,
                        memory_mb=options.memory_mb, stream_after=options.stream_after)
        engine = Engine(dataset, limits)
        checker = None
        try:
            checker = Checker()
            assets = yasgui_dir()
            settings = Settings(base_iri=base_iri, allow_service=options.allow_service, max_body=options.max_body,
                                yasgui_dir=assets, cors_origins=options.cors_origins)
            app = create_app(engine, settings, checker)
            host, port = sock.getsockname()[:2]
            shown = f"[{host}]" if ":" in host else host
            print(f"uprgraph: {engine.size} triples; query page http://{shown}:{port}/ ; "
                  f"SPARQL endpoint http://{shown}:{port}/sparql", file=sys.stderr, flush=True)
            if assets is None:
                print("uprgraph: warning: the YASGUI editor is not installed; the query page offers a plain form",
                      file=sys.stderr, flush=True)
            config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=5)
            uvicorn.Server(config).run(sockets=[sock])
        finally:
            if checker is not None:
                checker.close()
            engine.close()
            sock.close()
