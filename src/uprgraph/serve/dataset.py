"""The dataset a server answers from, laid out as :mod:`uprgraph.store` lays out every Oxigraph store:
one named graph per source document and, in the default graph, their set union (Oxigraph's own
``use_default_graph_as_union`` repeats a triple once per graph that holds it, so rows would double).

Three sources:
    the embedded default documents (built with the server's base IRI), or ``--graph FILE`` (any of
    Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML): loaded once, written as an N-Quads file that
    each query worker loads into its own in-memory store;
    ``--store oxigraph:PATH`` (an on-disk store made by ``uprgraph build --store``): each worker opens it
    read-only, nothing is copied; with ``--in-memory`` each worker copies it into an in-memory store at
    start. Joins over many rows (a row per mention in the corpus) run 3-8 times faster in memory: every
    step of a join on disk is a RocksDB seek (measured in docs/benchmarks.md, part d).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from uprgraph.errors import UsageError


@dataclass(frozen=True)
class Source:
    kind: str  # "nquads" (a file each worker loads), "store" (an on-disk store each worker opens read-only)
    #            or "store-copy" (an on-disk store each worker copies into memory)
    path: Path
    size: int  # triples the queries see


def prepare(folder: Path, graph_file: Path | None, store_spec: str | None, base_iri: str,
            in_memory: bool = False) -> Source:
    from uprgraph.store import open_store, parse_spec

    spec = parse_spec(store_spec or "oxigraph")
    if spec.kind != "oxigraph":
        raise UsageError("serve runs on Oxigraph: --store takes oxigraph or oxigraph:PATH")
    if spec.path is not None:
        if graph_file is not None:
            raise UsageError("give --graph or --store oxigraph:PATH, not both (load the file with 'uprgraph build --store')")
        with open_store(spec, read_only=True) as handle:
            return Source("store-copy" if in_memory else "store", spec.path, len(handle))
    if in_memory:
        raise UsageError("--in-memory copies an on-disk store into memory: give --store oxigraph:PATH "
                         "(without it the data is in memory already)")
    target = folder / "dataset.nq"
    with open_store(spec, graph_file=graph_file) as handle:
        if graph_file is None:
            from uprgraph import pipeline, resources

            result = pipeline.build_many(resources.default_reports(), base_iri=base_iri, validate=False)
            handle.replace_graphs(result.named_graphs())
        size = len(handle)  # brings the union in the default graph up to date
        import pyoxigraph

        handle.store.dump(str(target), format=pyoxigraph.RdfFormat.N_QUADS)
    return Source("nquads", target, size)
