"""The ontology is publishable, every term a graph uses exists, and the documentation renders."""

from __future__ import annotations

import doctest
import html
import sys

import pytest
from components import need_module
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VANN

from uprgraph import resources, vocabulary_check
from uprgraph.errors import UprgraphError
from uprgraph.namespaces import NS, PREFIXES, UPR
from uprgraph.vocabulary_check import check_terms, undeclared_terms

ONTOLOGY_IRI = URIRef(NS.removesuffix("#"))
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=resources.read_text("ontology", "uprgraph.ttl"), format="turtle")


def own_terms(ontology: Graph) -> set[URIRef]:
    return {s for t in TERM_TYPES for s in ontology.subjects(RDF.type, t) if str(s).startswith(NS)}


def test_every_ontology_file_parses():
    for file in resources.list_files("ontology", ".ttl"):
        assert len(Graph().parse(data=file.read_text(encoding="utf-8"), format="turtle")) > 0, file.name


def test_the_header_says_what_a_publisher_needs(ontology):
    assert set(ontology.subjects(RDF.type, OWL.Ontology)) == {ONTOLOGY_IRI}
    for prop in (DCTERMS.title, DCTERMS.description, OWL.versionIRI, OWL.versionInfo, DCTERMS.license,
                 DCTERMS.creator, DCTERMS.created, DCTERMS.modified, RDFS.seeAlso):
        assert ontology.value(ONTOLOGY_IRI, prop) is not None, prop
    assert str(ontology.value(ONTOLOGY_IRI, OWL.versionIRI)).endswith(str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo)))
    assert ontology.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix) == Literal("upr")
    assert ontology.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri) == Literal(NS)


def test_every_own_term_is_labelled_and_commented_in_english(ontology):
    terms = own_terms(ontology)
    assert len(terms) > 60
    for term in sorted(terms):
        for prop in (RDFS.label, RDFS.comment):
            values = [v for v in ontology.objects(term, prop) if isinstance(v, Literal) and v.language == "en"]
            assert len(values) == 1 and str(values[0]).strip(), f"{term} needs one English {prop}"


def test_the_ontology_and_the_closed_namespace_in_code_declare_the_same_terms(ontology):
    in_code = {URIRef(NS + name) for name in UPR.__annotations__}
    assert own_terms(ontology) == in_code


def test_properties_have_a_domain_or_range_and_name_declared_classes(ontology):
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    for prop in sorted(own_terms(ontology) - classes):
        assert (prop, RDFS.range, None) in ontology or (prop, RDFS.domain, None) in ontology, prop
        for p in (RDFS.domain, RDFS.range):
            for target in ontology.objects(prop, p):
                members = list(ontology.items(ontology.value(target, OWL.unionOf))) if (target, OWL.unionOf, None) in ontology else [target]
                for member in members:
                    if str(member).startswith(NS):
                        assert member in classes, f"{prop} {p} {member}: not a declared class"


def test_the_default_dataset_uses_no_undeclared_or_unknown_term():
    from uprgraph import pipeline

    findings = check_terms(pipeline.default_graph())
    assert findings == [], "\n".join(str(f) for f in findings)


def test_made_up_terms_are_reported():
    g = Graph()
    a, b = URIRef("https://example.org/a"), URIRef("https://example.org/b")
    g.add((a, URIRef(NS + "textt"), Literal("x")))                       # our namespace, not declared
    g.add((a, RDF.type, URIRef(NS + "Recommendatoin")))
    g.add((a, URIRef(str(SKOS) + "broaderr"), b))                          # a closed rdflib namespace
    g.add((a, URIRef("http://www.w3.org/ns/oa#motivatedBy"), URIRef("http://www.w3.org/ns/oa#identifyng")))
    g.add((a, UPR.instrumentKind, URIRef("https://w3id.org/uprgraph/ns/instrument-kind/statute")))
    g.add((a, URIRef("http://data.europa.eu/eli/ontology#passed_byy"), b))  # ontology/external/eli.txt
    g.add((a, URIRef("http://example.org/vocab#p"), b))                    # a vocabulary without a term list
    g.add((a, SKOS.broader, b))
    g.add((a, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#_2"), b))
    g.add((a, UPR.text, Literal("y")))
    g.add((a, UPR.instrumentKind, URIRef("https://w3id.org/uprgraph/ns/instrument-kind/act")))
    g.add((a, RDF.type, URIRef("http://www.w3.org/ns/oa#Annotation")))
    assert undeclared_terms(g) == [
        "http://data.europa.eu/eli/ontology#passed_byy",
        "http://example.org/vocab#p",
        "http://www.w3.org/2004/02/skos/core#broaderr",
        "http://www.w3.org/ns/oa#identifyng",
        NS + "Recommendatoin",
        NS + "textt",
        "https://w3id.org/uprgraph/ns/instrument-kind/statute",
    ]
    problems = {f.term: f.problem for f in check_terms(g)}
    assert problems["http://example.org/vocab#p"] == "no term list for the vocabulary http://example.org/vocab#"
    assert "skos" in problems["http://www.w3.org/2004/02/skos/core#broaderr"]


def test_every_vocabulary_the_project_binds_has_a_term_list():
    listed = {v.namespace for v in vocabulary_check.vocabularies()}
    for prefix, namespace in PREFIXES.items():
        if prefix == "wd" or str(namespace).startswith(NS.removesuffix("#")):
            continue  # Wikidata items are data, not terms; our own are checked against ontology/*.ttl
        assert str(namespace) in listed, f"{prefix}: no term list (rdflib.namespace or ontology/external/)"


def test_external_term_lists_cite_their_source_and_hold_the_terms_we_use():
    lists = {v.prefix: v for v in vocabulary_check.vocabularies()}
    assert {"eli", "oa"} <= set(lists)
    for name in ("eli.txt", "oa.txt"):
        header = [line for line in resources.read_text("ontology", f"external/{name}").splitlines() if line.startswith("#")]
        assert any(line.startswith("# source:") for line in header), name
    assert len(lists["oa"].terms) == 67 and len(lists["eli"].terms) == 123
    for term in ("Annotation", "SpecificResource", "TextQuoteSelector", "hasBody", "hasTarget", "hasSource",
                 "hasSelector", "exact", "prefix", "suffix", "motivatedBy", "identifying"):
        assert "http://www.w3.org/ns/oa#" + term in lists["oa"].terms
    for term in ("LegalResource", "passed_by"):
        assert "http://data.europa.eu/eli/ontology#" + term in lists["eli"].terms


def test_vocabulary_check_doctests():
    assert doctest.testmod(vocabulary_check).failed == 0


# ---------------------------------------------------------------------------------- documentation

def test_docs_name_every_class_and_every_canned_query(tmp_path, ontology):
    need_module("pylode", "docs")
    from uprgraph.docs import write_docs
    from uprgraph.query.catalog import load_catalog

    pages = write_docs(tmp_path / "site")
    assert [p.name for p in pages] == ["index.html", "ontology.html"]
    index, page = (p.read_text(encoding="utf-8") for p in pages)
    assert 'href="ontology.html"' in index
    for cls in ontology.subjects(RDF.type, OWL.Class):
        if isinstance(cls, URIRef):
            assert str(cls) in page, cls
            assert f"upr:{str(cls).removeprefix(NS)}" in index, cls
    for query in load_catalog().values():
        assert f'id="query-{query.name}"' in index and html.escape(query.title) in index, query.name
        for param in query.params:
            assert f"<code>{param.name}</code>" in index, (query.name, param.name)
    # a second rendering is byte-identical
    again = write_docs(tmp_path / "again")
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in pages]


def test_docs_without_the_extra_say_how_to_install_it(tmp_path, monkeypatch):
    from uprgraph.docs import write_docs

    monkeypatch.setitem(sys.modules, "pylode", None)  # makes `import pylode` raise ImportError
    with pytest.raises(UprgraphError, match=r"pip install 'uprgraph\[docs\]'"):
        write_docs(tmp_path)
