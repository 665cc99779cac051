"""Read an RDF file the user names, with a one-line error when it is not RDF."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.util import guess_format

from uprgraph.errors import InputError


def read_graph(path: Path) -> Graph:
    """Parse ``path`` in the format its suffix suggests (Turtle when the suffix says nothing)."""
    rdf_format = guess_format(str(path)) or "turtle"
    graph = Graph()
    try:
        graph.parse(path, format=rdf_format)
    except OSError:
        raise
    except Exception as error:  # each rdflib parser raises its own exception types
        detail = " ".join(str(error).split()) or type(error).__name__
        raise InputError(f"{path} is not valid {rdf_format}: {detail}") from error
    return graph
