"""Put a built dataset into a triple store, replacing its named graphs as one step.

Each graph is first uploaded (Graph Store Protocol ``PUT``) into a fresh temporary graph; only when
every upload has succeeded does one SPARQL Update request ``MOVE GRAPH <tmp> TO <target>`` for all
of them, which drops each target and puts the new triples in its place. A failed upload removes the
temporary graphs and leaves the targets untouched; a failed swap says the targets may be partly
replaced (a store that runs one update request as one transaction, as Fuseki, GraphDB and
Oxigraph do, will not have replaced any).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from rdflib import Graph, URIRef

from uprgraph.query.values import sparql_term
from uprgraph.remote import gsp
from uprgraph.remote.http import Connection, RemoteError

# Store URLs whose update endpoint sits beside the Graph Store one at a known place.
_UPDATE_BESIDE = (
    ("/sparql-graph-crud-auth", "/sparql-auth"),  # Virtuoso, authenticated
    ("/sparql-graph-crud", "/sparql"),  # Virtuoso
    ("/rdf-graphs/service", "/statements"),  # GraphDB and RDF4J
    ("/store", "/update"),  # Oxigraph server
    ("/data", "/update"),  # Apache Jena Fuseki
)


@dataclass(frozen=True)
class Loaded:
    graph: str
    triples: int


def update_url_beside(store_url: str) -> str | None:
    """The update endpoint of the stores we know, from their Graph Store endpoint's URL."""
    path = store_url.split("?", 1)[0].rstrip("/")
    for store_suffix, update_suffix in _UPDATE_BESIDE:
        if path.endswith(store_suffix):
            return path[: -len(store_suffix)] + update_suffix
    return None


def load(graphs: dict[URIRef | None, Graph], store: Connection, updates: Connection,
         into: URIRef | None = None) -> list[Loaded]:
    """Replace each named graph in the store (or put them all into ``into``; only then may ``graphs`` hold
    the default graph, keyed None)."""
    if into is not None:
        union = Graph()
        for graph in graphs.values():
            union += graph
        graphs = {into: union}
    targets = sorted(graphs)
    for target in targets:
        sparql_term(target)  # refuses an IRI the update text could not carry
        if len(graphs[target]) == 0:
            raise RemoteError(f"the graph <{target}> is empty: nothing to load")
    run = uuid.uuid4()
    temporary = {target: f"urn:uuid:{run}:{n}" for n, target in enumerate(targets)}
    uploaded: list[str] = []
    try:
        for target in targets:
            uploaded.append(temporary[target])
            gsp.put_graph(store, temporary[target], _ntriples(graphs[target]))
    except RemoteError as error:
        left = _clean(store, uploaded)
        raise RemoteError(f"{error}; nothing was replaced: the graphs in the store are as they were{left}") from None
    moves = " ;\n".join(f"MOVE GRAPH <{temporary[t]}> TO <{t}>" for t in targets)
    try:
        gsp.update(updates, moves, "replacing the graphs")
    except RemoteError as error:
        left = _clean(store, uploaded)
        names = ", ".join(f"<{t}>" for t in targets)
        raise RemoteError(
            f"{error}; the new data was uploaded but the swap failed: {names} may be partly replaced, run load again{left}"
        ) from None
    return [Loaded(str(t), len(graphs[t])) for t in targets]


def _ntriples(graph: Graph) -> bytes:
    """N-Triples (valid Turtle), sorted: the same dataset always sends the same bytes."""
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")


def _clean(store: Connection, temporary: list[str]) -> str:
    """Remove the temporary graphs; the words to add to the error when some may remain."""
    for n, graph in enumerate(temporary):
        try:
            gsp.delete_graph(store, graph)
        except RemoteError:
            # The store is down or refuses us: stop asking (each try could wait the whole timeout).
            return f" (temporary graphs may remain: {', '.join(f'<{g}>' for g in temporary[n:])})"
    return ""
