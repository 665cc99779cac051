"""What a corpus store remembers of each document it was built from, to rebuild only what changed.

A record per input file, kept *in the store* (the named graph ``store.BUILD_RECORDS_GRAPH``, one JSON
literal per file), so a store says by itself what it was built from and with which code; no file
beside it can drift from it. A file is rebuilt when any of these differs from its record:

- the SHA-256 of its bytes;
- the code fingerprint (:func:`code_fingerprint`): uprgraph's version, the SHA-256 of its Python
  sources and of the data files a build reads (ontology, shapes, registries), and the versions of
  the libraries that read and validate (rdflib, pySHACL, pdfminer.six). A new release, an edited
  registry or a patched extractor rebuilds everything; a query file or the web page does not;
- the base IRI, or validation asked for where the record was built without it;
- for a national report citing recommendations by bare number, an addendum, or a Working Group report of a
  review after the first (whose graph holds the links to the previous review's recommendations it repeats,
  graph.repeats): the digest of the Working Group reports it resolves against (:func:`related_digest`):
  those of the State's previous cycle, or the report the addendum belongs to, among the inputs. Adding that report, removing it or
  changing what is read of it rebuilds the document; changing its bytes alone does not;
- a document that did not conform to the shapes is always rebuilt (so its report is printed again).

A Working Group report's record keeps what is read of its recommendations (paragraph, item, number,
text), so an unchanged one need not be read again for the documents that resolve against it.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from .store import BUILD_RECORDS_GRAPH, StoreHandle

RECORD = "https://w3id.org/uprgraph/ns#buildRecord"  # namespaces.UPR.buildRecord, without importing rdflib
JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"
# the libraries whose version can change what a document's graph is
LIBRARIES = ("rdflib", "pyshacl", "pyshacl-turbo", "pdfminer.six")


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """One digest of everything besides the input that decides a document's graph (see the module's text)."""
    from importlib import metadata

    from . import __version__, resources

    digest = hashlib.sha256(f"uprgraph {__version__}\n".encode())
    for library in LIBRARIES:
        try:
            digest.update(f"{library} {metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} -\n".encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    for kind in ("ontology", "shapes", "registries"):
        folder = resources.data_dir(kind)
        for entry in sorted(_files(folder), key=lambda f: f[0]):
            digest.update(f"{kind}/{entry[0]}".encode() + b"\0" + entry[1].read_bytes() + b"\0")
    return digest.hexdigest()


def _files(folder: Any, prefix: str = "") -> list[tuple[str, Any]]:
    found = []
    for entry in folder.iterdir():
        if entry.is_dir():
            found += _files(entry, f"{prefix}{entry.name}/")
        elif not entry.name.startswith("."):
            found.append((prefix + entry.name, entry))
    return found


def related(reports: list[dict[str, Any]], needs: list[Any] | None) -> list[dict[str, Any]]:
    """Of the Working Group reports among the inputs (``corpus_worker.working_group_of``), those a document
    with these ``needs`` (``corpus_worker.needs_of``) resolves against, in a fixed order."""
    if not needs:
        return []
    if needs[0] == "previous-review":
        chosen = [r for r in reports if r["state"] == needs[1] and r["cycle"] == needs[2]]
    else:
        chosen = [r for r in reports if r["symbol"] and r["symbol"] == needs[1]]
    return sorted(chosen, key=lambda r: json.dumps(r, sort_keys=True))


def related_digest(reports: list[dict[str, Any]], needs: list[Any] | None) -> str:
    """The digest of what a document resolves against (an empty list has one too: a Working Group report
    added later changes it); "" for a document that resolves against nothing."""
    if not needs:
        return ""
    return hashlib.sha256(json.dumps(related(reports, needs), sort_keys=True).encode()).hexdigest()


def read_records(handle: StoreHandle) -> dict[str, dict[str, Any]]:
    """File key -> its record, as the store holds them (none in a store built before records were kept)."""
    import pyoxigraph

    assert handle.store is not None
    graph = pyoxigraph.NamedNode(BUILD_RECORDS_GRAPH)
    records = {}
    for quad in handle.store.quads_for_pattern(None, pyoxigraph.NamedNode(RECORD), None, graph):
        record = json.loads(quad.object.value)
        records[record["file"]] = record
    return records


def record_quads(record: dict[str, Any]) -> bytes:
    """A record as one N-Quad in the records graph, ready for ``StoreHandle.load_nquads``."""
    import pyoxigraph

    literal = pyoxigraph.Literal(json.dumps(record, sort_keys=True, ensure_ascii=False),
                                 datatype=pyoxigraph.NamedNode(JSON))
    quad = pyoxigraph.Quad(_subject(record["file"]), pyoxigraph.NamedNode(RECORD), literal,
                           pyoxigraph.NamedNode(BUILD_RECORDS_GRAPH))
    return pyoxigraph.serialize([quad], format=pyoxigraph.RdfFormat.N_QUADS) or b""


def drop_record(handle: StoreHandle, key: str) -> None:
    import pyoxigraph

    assert handle.store is not None
    graph = pyoxigraph.NamedNode(BUILD_RECORDS_GRAPH)
    for quad in list(handle.store.quads_for_pattern(_subject(key), None, None, graph)):
        handle.store.remove(quad)


def _subject(key: str) -> Any:
    from urllib.parse import quote

    import pyoxigraph

    return pyoxigraph.NamedNode(f"{BUILD_RECORDS_GRAPH}:file:{quote(key, safe='')}")
