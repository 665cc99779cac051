"""Read an RDF file the user names, with a one-line error when it is not RDF."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.util import guess_format

from uprgraph.errors import InputError, one_line

QUAD_FORMATS = ("trig", "nquads", "trix")


def _parse(path: Path) -> tuple[Dataset | Graph, str]:
    rdf_format = guess_format(str(path)) or "turtle"
    holder: Dataset | Graph = Dataset() if rdf_format in QUAD_FORMATS else Graph()
    try:
        holder.parse(path, format=rdf_format)
    except OSError:
        raise
    except Exception as error:  # each rdflib parser raises its own exception types
        detail = one_line(error)[:200]
        raise InputError(f"{path} is not valid {rdf_format}: {detail}") from error
    if len(holder) == 0 and not (isinstance(holder, Dataset) and any(True for _ in holder.quads((None, None, None, None)))):
        raise InputError(f"{path} holds no triples")
    return holder, rdf_format


def read_graph(path: Path) -> Graph:
    """Parse ``path`` in the format its suffix suggests (Turtle when the suffix says nothing); the
    named graphs of a TriG or N-Quads file are read as one graph."""
    holder, _ = _parse(path)
    if isinstance(holder, Dataset):
        union = Graph()
        for s, p, o, _ in holder.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return holder


def read_named_graphs(path: Path) -> dict[URIRef | None, Graph]:
    """Graph name -> its triples; ``None`` names the default graph. A triple format (Turtle, N-Triples, ...)
    has no graph names: all its triples are in the default graph. Never a name made up from the file's
    path, which would put a local path into published data."""
    holder, _ = _parse(path)
    if not isinstance(holder, Dataset):
        return {None: holder}
    graphs: dict[URIRef | None, Graph] = {}
    for s, p, o, name in holder.quads((None, None, None, None)):
        iri = URIRef(str(name.identifier if hasattr(name, "identifier") else name))
        key = None if iri == DATASET_DEFAULT_GRAPH_ID else iri
        graphs.setdefault(key, Graph()).add((s, p, o))
    return graphs
