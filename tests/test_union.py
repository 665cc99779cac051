"""All the documents we hold, built together: a node several documents describe (a State's institution,
its review, a recommendation) gets from each the same single value wherever the shapes allow one, so the
union conforms as each document does alone (issues 16/17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from components import missing
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from uprgraph.corpus import build_into_store
from uprgraph.pipeline import build_many
from uprgraph.store import open_store
from uprgraph.validate import validate

REPO = Path(__file__).resolve().parent.parent
# the compilations of UN and stakeholder information (SVN_2, SVN_3) are no input of ours
LEFT_OUT = {"A_HRC_WG.6_20_SVN_2.pdf", "A_HRC_WG.6_20_SVN_3.pdf", "SOURCES.md"}
INST = "https://w3id.org/uprgraph/id/institution/SVN/"


def _files() -> list[Path]:
    shared = REPO.parent / "shared" / "reports"
    if not shared.is_dir():
        missing(f"{shared} (the shared documents) is not there")
    files = {p.name: p for folder in (REPO / "reports", shared) for p in sorted(folder.iterdir())
             if p.is_file() and p.name not in LEFT_OUT}
    return [files[name] for name in sorted(files)]


def _inputs() -> list[tuple[str, bytes]]:
    return [(path.name, path.read_bytes()) for path in _files()]


@pytest.fixture(scope="module")
def union():  # type: ignore[no-untyped-def]
    return build_many(_inputs())


def test_all_documents_built_together_conform(union) -> None:  # type: ignore[no-untyped-def]
    assert not union.skipped
    symbols = {s.symbol for s in union.sources}
    assert {"A/HRC/WG.6/20/SVN/1", "A/HRC/WG.6/7/SVN/1", "A/HRC/WG.6/20/KAZ/1", "A/HRC/14/15", "A/HRC/28/15/Add.1"} <= symbols
    assert union.report.conforms, union.report.text()


def _values(triples, node: str, prop: URIRef) -> set[str]:  # type: ignore[no-untyped-def]
    return {str(o) for s, p, o in triples if s == URIRef(INST + node) and p == prop}


@pytest.mark.parametrize(("node", "label", "printed"), [
    # 20_SVN_1 names "the Human Rights Ombudsman of the Republic of Slovenia", 7_SVN_1 "the Human Rights Ombudsman"
    ("ombudsman", "Ombudsman of Slovenia", {"Human Rights Ombudsman of the Republic of Slovenia", "Human Rights Ombudsman"}),
    # 7_SVN_1 "the President of the Republic"; 20_SVN_1 "the President"
    ("president", "President of Slovenia", {"President of the Republic", "President"}),
])
def test_a_designation_keeps_one_label_and_the_printed_names(union, node, label, printed) -> None:  # type: ignore[no-untyped-def]
    assert _values(union.triples, node, RDFS.label) == {label}
    assert printed <= _values(union.triples, node, SKOS.altLabel)
    # each document alone writes that same label: it follows from the IRI, not from the document
    describing = [s for s in union.sources if _values(s.triples, node, RDFS.label)]
    assert len(describing) >= 2
    assert all(_values(s.triples, node, RDFS.label) == {label} for s in describing)
    assert (URIRef(INST + node), RDFS.label, Literal(label, lang="en")) in union.triples


def test_the_union_of_a_corpus_store_conforms(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A store build validates each document alone; the union of its named graphs must conform too."""
    paths = _files()  # the thematic list too
    handle = open_store(f"oxigraph:{tmp_path / 'store'}")
    try:
        result = build_into_store(paths, handle, progress=False)
        assert len(result.built) == len(paths)
        triples = {(q.subject, q.predicate, q.object) for q in handle.store}
    finally:
        handle.close()
    from rdflib import Graph

    graph = Graph()
    graph.parse(data="\n".join(f"{s} {p} {o} ." for s, p, o in triples), format="nt")
    report = validate(graph)
    assert report.conforms, report.text()
