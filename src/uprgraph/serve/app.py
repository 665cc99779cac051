"""The Starlette application: routes, limits on requests, and how each refusal is answered.

    GET  /                 the query page (YASGUI and the canned queries)
    GET  /queries.json     the canned queries, parameters filled with their examples (for the page)
    GET  /queries          the canned queries and their parameters, as JSON
    GET  /queries/<name>   a canned query run with ?param=value..., bound as `uprgraph query` binds them
    GET|POST /sparql       the SPARQL 1.1 Protocol (query only); GET without a query: the service description
                           (Turtle, JSON-LD, RDF/XML, N-Triples), or the query page for a browser
    GET  /id/<path>        the resource <base IRI><path>: HTML, Turtle, JSON-LD or N-Triples
    GET  /static/...       the page's own CSS and JavaScript; /static/yasgui/ the YASGUI build
    OPTIONS                on /sparql, /queries/<name>, /id/...: the methods allowed; a CORS preflight is
                           answered by Starlette's CORSMiddleware (cors.py) unless --cors-origin none
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from uprgraph.serve import cors, pages, protocol
from uprgraph.serve.engine import Engine, Failed, Stream
from uprgraph.serve.precheck import Checker
from uprgraph.serve.protocol import Refusal

HERE = Path(__file__).resolve().parent
DESCRIBE_LIMIT = 500  # links listed on a resource page, each way
DRAIN_LIMIT = 64 * 1024 * 1024  # bytes of a refused body read and dropped before answering 413


@dataclass(frozen=True)
class Settings:
    base_iri: str
    allow_service: bool = False
    max_body: int = 1_000_000  # bytes of a request body (and of a query in a URL)
    yasgui_dir: Path | None = None  # the YASGUI build (yasgui.min.js, yasgui.min.css), when installed
    cors_origins: tuple[str, ...] = (cors.ANY,)  # origins whose pages may call the endpoint; () none


def create_app(engine: Engine, settings: Settings, checker: Checker | None = None) -> Starlette:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))
    from uprgraph.query.catalog import load_catalog
    from uprgraph.serve.canned import listing, page_queries

    catalog = load_catalog()
    queries = page_queries()
    queries_json = json.dumps(queries, ensure_ascii=False).replace("</", "<\\/")
    listing_json = json.dumps(listing(catalog), ensure_ascii=False, indent=1)
    common = {"endpoint": "/sparql", "base_iri": settings.base_iri}

    def html(template: str, code: int = 200, **values: Any) -> Response:
        body = templates.get_template(template).render({**common, **values})
        return Response(body, status_code=code, media_type="text/html; charset=utf-8")

    def refusal(status: int, message: str, as_html: bool = False) -> Response:
        if as_html:
            return html("error.html", status, status=status, reason=HTTPStatus(status).phrase, message=message)
        headers = {"Retry-After": "1"} if status == 503 and "busy" in message else None
        return PlainTextResponse(message + "\n", status_code=status, headers=headers)

    async def index(request: Request) -> Response:
        return html("index.html", queries=queries, queries_json=queries_json, yasgui=settings.yasgui_dir is not None,
                    size=engine.size, timeout=f"{engine.limits.timeout:g}", max_rows=engine.limits.max_rows,
                    allow_service=settings.allow_service)

    async def canned(request: Request) -> Response:
        return Response(queries_json, media_type="application/json")

    described: dict[str, Any] = {}  # the service description's facts, asked of the workers once

    async def service_description(request: Request) -> Response:
        from uprgraph.serve import description

        media = protocol.negotiate(request.headers.get("accept"), list(description.OFFERED))
        if media is None:
            return refusal(400, "missing the 'query' parameter (without one, GET /sparql gives the service description "
                                "as text/turtle, application/ld+json, application/rdf+xml or application/n-triples)")
        if "facts" not in described:
            facts = await _facts()
            if isinstance(facts, Response):
                return facts
            described["facts"] = facts
        endpoint = str(request.url.replace(query="", fragment=""))
        body, content_type = description.serialize(description.describe_service(endpoint, described["facts"]), media)
        return Response(body, media_type=content_type, headers={"Vary": "Accept"})

    async def _facts() -> Any:
        from uprgraph.serve.description import DATASETS, NAMED_GRAPHS, Facts

        found = []
        for text in (NAMED_GRAPHS, DATASETS):
            reply = await _run({"op": "query", "query": text, "results": "JSON", "graph": None,
                                "max_rows": engine.limits.max_rows, "default_graphs": [], "named_graphs": []})
            if isinstance(reply, Response):
                return reply
            bindings = json.loads(reply[2])["results"]["bindings"]
            found.append([b[name]["value"] for b in bindings for name in b])
        graphs, datasets = found
        dataset = datasets[0] if datasets else None
        return Facts(triples=engine.size, named_graphs=tuple(graphs), dataset=dataset,
                     dataset_page=pages.path_for_iri(settings.base_iri, dataset) if dataset else None,
                     formats=tuple(protocol.MEDIA_TYPES), allow_service=settings.allow_service,
                     timeout=engine.limits.timeout, max_rows=engine.limits.max_rows)

    async def sparql(request: Request) -> Response:
        try:
            query = await _read_request(request, settings.max_body)
        except Refusal as error:
            if error.status == 400 and error.message == "missing the 'query' parameter":
                if _wants_html(request):
                    return RedirectResponse("/", status_code=303)
                if request.method == "GET" and not request.scope.get("query_string"):
                    return await service_description(request)
            return refusal(error.status, error.message)
        if not settings.allow_service and protocol.calls_service(query.query):
            return refusal(400, "SERVICE (federated query) is off on this endpoint; start it with --allow-service")
        accept = request.headers.get("accept")
        results, graph = protocol.result_format(accept), protocol.graph_format(accept)
        if query.kind in ("SELECT", "ASK") and results is None or query.kind in ("CONSTRUCT", "DESCRIBE") and graph is None:
            return refusal(406, f"no acceptable format for a {query.kind} answer in Accept: {accept}")
        if checker is not None:
            malformed = await checker.check(query, settings.allow_service)
            if malformed is not None:
                return refusal(malformed.status, malformed.message)
        job = {"op": "query", "query": query.query, "results": results, "graph": graph,
               "max_rows": engine.limits.max_rows, "default_graphs": list(query.default_graphs),
               "named_graphs": list(query.named_graphs), "stream_after": engine.limits.stream_after}
        return await _answer(job)

    async def canned_list(request: Request) -> Response:
        return Response(listing_json, media_type="application/json")

    async def canned_run(request: Request) -> Response:
        from uprgraph.errors import UprgraphError, one_line
        from uprgraph.serve.canned import bound_text

        chosen = catalog.get(request.path_params["name"])
        if chosen is None:
            return refusal(404, f"unknown query {request.path_params['name']!r}; GET /queries lists them")
        try:
            values = _canned_values(request, settings.max_body)
            text = bound_text(chosen, values)
        except Refusal as error:
            return refusal(error.status, error.message)
        except UprgraphError as error:  # the command's own one-line message for a wrong value
            return refusal(400, one_line(error))
        accept = request.headers.get("accept")
        results = protocol.result_format(accept)
        if results is None:
            return refusal(406, f"no acceptable format for a SELECT answer in Accept: {accept}")
        return await _answer({"op": "query", "query": text, "results": results, "graph": None,
                              "max_rows": engine.limits.max_rows, "default_graphs": [], "named_graphs": [],
                              "stream_after": engine.limits.stream_after})

    async def _run(job: dict[str, Any], as_html: bool = False) -> tuple[Any, ...] | Stream | Response:
        """The worker's reply to ``job`` (a Stream for a streamed answer: only jobs with "stream_after"),
        or the refusal to send when it failed or was refused."""
        try:
            reply = await engine.run(job)
        except Failed as error:
            return refusal(error.status, error.message, as_html=as_html)
        if isinstance(reply, Stream):
            return reply
        if reply[0] == "error":
            return refusal(reply[1], reply[2], as_html=as_html)
        return reply

    async def _answer(job: dict[str, Any]) -> Response:
        reply = await _run(job)
        if isinstance(reply, Response):
            return reply
        if isinstance(reply, Stream):
            from uprgraph.serve.streamed import StreamedAnswer

            return StreamedAnswer(reply, protocol.MEDIA_TYPES[reply.format], engine.limits.max_rows)
        _, fmt, body, truncated = reply
        headers = {"X-SPARQL-MaxRows": str(engine.limits.max_rows)} if truncated else None
        return Response(body, media_type=protocol.MEDIA_TYPES[fmt], headers=headers)

    async def resource(request: Request) -> Response:
        raw = request.scope.get("raw_path", b"").decode("latin-1") or request.url.path
        path = raw.split("?", 1)[0]
        iri = pages.iri_for_path(settings.base_iri, path)
        wanted = _resource_format(request)
        if wanted is None:
            return refusal(406, "this resource is available as text/html, text/turtle, application/ld+json "
                                "or application/n-triples")
        try:
            _check_iri(iri)
        except Refusal as error:
            return refusal(error.status, error.message, as_html=wanted == "HTML")
        if wanted == "HTML":
            reply = await _run({"op": "describe", "iri": iri, "limit": DESCRIBE_LIMIT}, as_html=True)
            if isinstance(reply, Response):
                return reply
            data = reply[1]
            if not data["found"]:
                return refusal(404, f"no resource {iri} in this dataset", as_html=True)
            return html("resource.html", **pages.context(data, settings.base_iri, path))
        construct = pages.DESCRIPTION.replace("{THIS}", f"<{iri}>")
        ask = {"op": "query", "query": f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}", "results": "JSON",
               "graph": None, "max_rows": 1, "default_graphs": [], "named_graphs": []}
        found = await _run(ask)
        if isinstance(found, Response):
            return found
        if not json.loads(found[2])["boolean"]:
            return refusal(404, f"no resource {iri} in this dataset")
        return await _answer({"op": "query", "query": construct, "results": None, "graph": wanted,
                              "max_rows": engine.limits.max_rows, "default_graphs": [], "named_graphs": [],
                              "prefixes": pages.PREFIXES})

    def allowed(methods: str) -> Any:
        async def options(request: Request) -> Response:  # a plain OPTIONS; a CORS preflight never gets here
            return Response(status_code=204, headers={"Allow": methods})

        return options

    routes: list[Any] = [
        Route("/", index, methods=["GET"]),
        Route("/queries.json", canned, methods=["GET"]),
        Route("/queries", canned_list, methods=["GET"]),
        Route("/queries/{name}", canned_run, methods=["GET"]),
        Route("/queries/{name}", allowed("GET, HEAD, OPTIONS"), methods=["OPTIONS"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/sparql", allowed("GET, HEAD, POST, OPTIONS"), methods=["OPTIONS"]),
        Route("/id/{rest:path}", resource, methods=["GET"]),
        Route("/id/{rest:path}", allowed("GET, HEAD, OPTIONS"), methods=["OPTIONS"]),
    ]
    if settings.yasgui_dir is not None:
        routes.append(Mount("/static/yasgui", app=StaticFiles(directory=settings.yasgui_dir), name="yasgui"))
    routes.append(Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"))
    return Starlette(routes=routes, middleware=cors.middleware(settings.cors_origins))


async def _read_request(request: Request, max_body: int) -> protocol.QueryRequest:
    raw_query = request.scope.get("query_string", b"")
    if len(raw_query) > max_body:
        raise Refusal(413, f"the request is over the size limit ({max_body} bytes)")
    url_pairs = protocol.parse_query_string(raw_query)
    if request.method == "GET":
        return protocol.from_parameters(url_pairs)
    too_big = Refusal(413, f"the request body is over the size limit ({max_body} bytes)")
    length = request.headers.get("content-length")
    if length is not None and not length.isdigit():
        raise Refusal(400, "malformed Content-Length")
    if length is not None and int(length) > max_body:
        await _drain(request, int(length))
        raise too_big
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > max_body:
            await _drain(request, len(body))
            raise too_big
    return protocol.from_body(request.headers.get("content-type", ""), bytes(body), url_pairs)


def _canned_values(request: Request, max_body: int) -> dict[str, str]:
    """A canned query's parameters from the URL: each name once (``uprgraph query`` refuses a repeat too)."""
    raw = request.scope.get("query_string", b"")
    if len(raw) > max_body:
        raise Refusal(413, f"the request is over the size limit ({max_body} bytes)")
    values: dict[str, str] = {}
    for name, value in protocol.parse_query_string(raw):
        if name in values:
            raise Refusal(400, f"parameter {name!r} is given twice")
        values[name] = value
    return values


async def _drain(request: Request, size: int) -> None:
    """Read a refused body to its end (up to DRAIN_LIMIT), so that the client, still sending, reads the
    413 instead of a reset connection; past the limit the connection is closed under it."""
    if size > DRAIN_LIMIT:
        return
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > DRAIN_LIMIT:
            return


def _wants_html(request: Request) -> bool:
    """A browser (it names text/html), not a SPARQL client that accepts anything."""
    accept = request.headers.get("accept") or ""
    return "text/html" in accept and protocol.negotiate(accept, ["text/html", "application/sparql-results+json"]) == "text/html"


_FORMAT_PARAM = {"html": "HTML", "turtle": "TURTLE", "ttl": "TURTLE", "jsonld": "JSON_LD", "json-ld": "JSON_LD",
                 "ntriples": "N_TRIPLES", "nt": "N_TRIPLES"}


def _resource_format(request: Request) -> str | None:
    asked = request.query_params.get("format")
    if asked is not None:
        return _FORMAT_PARAM.get(asked.lower())
    offered = ["text/html", "text/turtle", "application/ld+json", "application/n-triples", "application/x-turtle"]
    media = protocol.negotiate(request.headers.get("accept"), offered)
    return None if media is None else "HTML" if media == "text/html" else protocol.GRAPH_TYPES[media]


def _check_iri(iri: str) -> None:
    import re

    if not re.fullmatch(r"[^\s<>\"{}|\\^`]+", iri):
        raise Refusal(400, "the path holds characters an IRI may not")
