"""Is every vocabulary term a graph uses a term that exists?

A misspelt predicate (``skos:broaderr``) or an own term nobody declared (``upr:textt``) makes a
graph that parses, validates against shapes that never mention it, and answers no query. This
check catches it by looking every term up in a term list:

- **our own** terms, ``https://w3id.org/uprgraph/ns#...`` and the SKOS concepts
  ``https://w3id.org/uprgraph/ns/<scheme>/...``, must be declared (be the subject of an
  ``rdf:type`` triple) in ``ontology/*.ttl``;
- **other vocabularies'** terms must be terms that vocabulary defines: rdflib's closed
  ``DefinedNamespace`` classes give the lists of RDF, RDFS, OWL, XSD, SKOS, Dublin Core, PROV-O,
  ORG, FOAF, schema.org, VoID, DCAT, SHACL and VANN; ``ontology/external/*.txt`` give ELI's, Web
  Annotation's, SPARQL Service Description's (the endpoint's description) and W3C's format IRIs' (one
  IRI a line, each file citing where its list was verified);
- a predicate or class from a vocabulary that has **no term list** is reported too, never passed.

What is looked at: every predicate, every class (object of ``rdf:type``) and every literal's
datatype; and, in any position, every IRI in our own namespaces or in a vocabulary with a term
list (so ``oa:motivatedBy oa:identifyng`` is caught). Other IRIs in subject or object position
are data (``wd:Q...``, the graph's own nodes) and are not looked at.

    >>> from rdflib import Graph, URIRef
    >>> from rdflib.namespace import SKOS
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://example.org/a"), SKOS.broader, URIRef("https://example.org/b")))
    >>> undeclared_terms(g)
    []
    >>> _ = g.add((URIRef("https://example.org/a"), URIRef(str(SKOS) + "broaderr"), URIRef("https://example.org/b")))
    >>> undeclared_terms(g)
    ['http://www.w3.org/2004/02/skos/core#broaderr']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import (
    DC,
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    VANN,
    VOID,
    XSD,
    DefinedNamespace,
)

from . import resources
from .namespaces import NS

CONCEPTS = NS.removesuffix("#") + "/"  # https://w3id.org/uprgraph/ns/<scheme>/<concept>
_RDF_MEMBER = re.compile(r"_[1-9][0-9]*")  # rdf:_1, rdf:_2, ...: container membership properties

# rdflib's closed term lists of the vocabularies we use or may use, by their usual prefix.
DEFINED_NAMESPACES: dict[str, type[DefinedNamespace]] = {
    "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS, "dcterms": DCTERMS, "dc": DC,
    "prov": PROV, "org": ORG, "foaf": FOAF, "schema": SDO, "void": VOID, "dcat": DCAT, "sh": SH, "vann": VANN,
}


@dataclass(frozen=True)
class Vocabulary:
    prefix: str
    namespace: str
    terms: frozenset[str]
    source: str  # where the term list comes from

    def defines(self, iri: str) -> bool:
        if iri in self.terms:
            return True
        return self.namespace == str(RDF) and bool(_RDF_MEMBER.fullmatch(iri[len(self.namespace):]))


@dataclass(frozen=True)
class Finding:
    """One term that is not in its vocabulary, with one triple that uses it (N-Triples-like, for the message)."""

    term: str
    problem: str
    example: str

    def __str__(self) -> str:
        return f"{self.term}: {self.problem} (e.g. {self.example})"


def _defined_namespace(prefix: str, ns: type[DefinedNamespace]) -> Vocabulary:
    names = {name for name in ns.__annotations__ if not name.startswith("_")} | set(ns._extras)
    namespace = str(ns._NS)
    return Vocabulary(prefix, namespace, frozenset(namespace + name for name in names), f"rdflib.namespace.{ns.__name__}")


def _term_list(name: str, text: str) -> Vocabulary:
    """An ``ontology/external/<prefix>.txt`` file: '# namespace: <IRI>' in its header, then one IRI a line."""
    namespace, terms = None, set()
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("#"):
            match = re.match(r"#\s*namespace:\s*(\S+)", line)
            namespace = match.group(1) if match else namespace
        elif line:
            terms.add(line)
    if namespace is None:
        raise ValueError(f"ontology/external/{name}: no '# namespace: <IRI>' header line")
    strays = sorted(t for t in terms if not t.startswith(namespace) or t == namespace)
    if strays:
        raise ValueError(f"ontology/external/{name}: {strays[0]} is not a term of {namespace}")
    return Vocabulary(name.removesuffix(".txt"), namespace, frozenset(terms), f"ontology/external/{name}")


@lru_cache(maxsize=1)
def vocabularies() -> tuple[Vocabulary, ...]:
    """Every vocabulary with a term list, longest namespace first (so the most specific one matches)."""
    found = [_defined_namespace(prefix, ns) for prefix, ns in DEFINED_NAMESPACES.items()]
    external = resources.data_dir("ontology") / "external"
    for file in sorted(external.iterdir(), key=lambda f: f.name):
        if file.name.endswith(".txt"):
            found.append(_term_list(file.name, file.read_text(encoding="utf-8")))
    return tuple(sorted(found, key=lambda v: (-len(v.namespace), v.prefix)))


@lru_cache(maxsize=1)
def own_terms() -> frozenset[str]:
    """The terms ``ontology/*.ttl`` declare in our namespaces: every IRI there that is given an rdf:type."""
    graph = Graph()
    for file in resources.list_files("ontology", ".ttl"):
        graph.parse(data=file.read_text(encoding="utf-8"), format="turtle")
    return frozenset(str(s) for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and _is_own(str(s)))


def _is_own(iri: str) -> bool:
    return (iri.startswith(NS) and iri != NS) or iri.startswith(CONCEPTS)


def _vocabulary_of(iri: str) -> Vocabulary | None:
    return next((v for v in vocabularies() if iri.startswith(v.namespace)), None)


def _namespace_of(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut >= 0 else iri


def _uses(graph: Graph) -> Iterator[tuple[str, bool, tuple[URIRef | Literal, ...]]]:
    """(IRI, whether it is used as a vocabulary term, the triple) for every IRI the graph uses."""
    for s, p, o in graph:
        triple = (s, p, o)
        yield str(p), True, triple
        if isinstance(s, URIRef):
            yield str(s), False, triple
        if isinstance(o, URIRef):
            yield str(o), p == RDF.type, triple
        elif isinstance(o, Literal) and o.datatype is not None:
            yield str(o.datatype), True, triple


def _problem(iri: str, as_term: bool) -> str | None:
    if _is_own(iri):
        return None if iri in own_terms() else "not declared in ontology/*.ttl"
    vocabulary = _vocabulary_of(iri)
    if vocabulary is not None:
        # the namespace itself names the vocabulary (void:vocabulary <http://www.w3.org/ns/oa#>)
        return None if iri == vocabulary.namespace or vocabulary.defines(iri) else f"not a term of {vocabulary.prefix} (term list: {vocabulary.source})"
    if as_term:
        return f"no term list for the vocabulary {_namespace_of(iri)}"
    return None  # data: the graph's own nodes, Wikidata items, ...


def _show(triple: tuple) -> str:  # type: ignore[type-arg]
    s, p, o = triple
    obj = o.n3() if not isinstance(o, Literal) or len(o) < 60 else f'"{o[:57]}..."'
    return f"{s.n3()} {p.n3()} {obj}"


def check_terms(graph: Graph) -> list[Finding]:
    """Every term the graph uses that its vocabulary does not define, one finding a term, sorted by IRI.
    The example given is the smallest triple that uses the term, so the report is the same on every run."""
    problems: dict[tuple[str, bool], str | None] = {}
    found: dict[str, tuple[str, str]] = {}
    for iri, as_term, triple in _uses(graph):
        key = (iri, as_term)
        if key not in problems:
            problems[key] = _problem(iri, as_term)
        problem = problems[key]
        if problem is None:
            continue
        example = _show(triple)
        if iri not in found or (problem, example) < found[iri]:
            found[iri] = (problem, example)
    return [Finding(iri, problem, example) for iri, (problem, example) in sorted(found.items())]


def undeclared_terms(graph: Graph) -> list[str]:
    """The IRIs of :func:`check_terms`, sorted: empty when every term the graph uses exists."""
    return [finding.term for finding in check_terms(graph)]
