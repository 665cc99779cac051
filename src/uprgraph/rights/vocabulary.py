"""The shared vocabularies of rights (vocabularies/*.ttl, SKOS): UHRI themes, groups of persons, SDGs.

Their IRIs are fixed, not under the user's base IRI: they name the same theme in every dataset, so
datasets built apart meet on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

VOCAB = "https://w3id.org/uprgraph/vocab/"
THEME = Namespace(VOCAB + "uhri/theme/")
GROUP = Namespace(VOCAB + "uhri/group/")
SDG = Namespace(VOCAB + "sdg/")
FILES = ("uhri-themes.ttl", "groups-of-persons.ttl", "sdgs.ttl")


def group_key(label: str) -> str:
    """"minorities/ racial, ethnic, ..." -> "minorities-racial-ethnic-..."."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def words(text: str) -> str:
    """A label compared by its words: lower case, "&" as "and", punctuation as spaces."""
    text = text.lower().replace("&amp;", "&").replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


@dataclass(frozen=True)
class Concept:
    iri: URIRef
    key: str  # "A12", "children", "5"
    label: str  # the preferred label


@dataclass
class Vocabularies:
    graph: Graph
    themes: dict[str, Concept]  # code (or key) -> concept
    groups: dict[str, Concept]
    goals: dict[int, Concept]
    theme_labels: dict[str, Concept]  # words(label) -> concept, every label of every version
    group_labels: dict[str, Concept]

    def theme(self, code: str | None, label: str) -> Concept | None:
        """A theme as a list prints it: by its code, else by any of its labels."""
        if code and code in self.themes:
            return self.themes[code]
        return self.theme_labels.get(words(label))

    def group(self, label: str) -> Concept | None:
        return self.group_labels.get(words(label))

    def describe(self, concept: URIRef) -> list[tuple]:  # type: ignore[type-arg]
        """The triples that describe a concept (type, labels, notation, scheme, matches) and its scheme's
        type and label, for a dataset that uses it."""
        out = list(self.graph.triples((concept, None, None)))
        for scheme in self.graph.objects(concept, SKOS.inScheme):
            out += [(scheme, p, o) for p, o in self.graph.predicate_objects(scheme) if p in (RDF.type, SKOS.prefLabel)]
        for broader in self.graph.objects(concept, SKOS.broader):
            out += self.describe(broader)
        return out


@lru_cache(maxsize=1)
def load() -> Vocabularies:
    from .. import resources

    graph = Graph()
    for name in FILES:
        graph.parse(data=resources.read_text("vocabularies", name), format="turtle")

    def concepts(ns: Namespace) -> dict[str, Concept]:
        found = {}
        for s in graph.subjects(RDF.type, SKOS.Concept):
            if str(s).startswith(str(ns)):
                key = str(s).removeprefix(str(ns))
                found[key] = Concept(s, key, str(graph.value(s, SKOS.prefLabel)))
        return found

    def labels(found: dict[str, Concept]) -> dict[str, Concept]:
        out = {}
        for concept in found.values():
            for p in (SKOS.prefLabel, SKOS.altLabel):
                for label in graph.objects(concept.iri, p):
                    out[words(str(label))] = concept
        return out

    themes, groups = concepts(THEME), concepts(GROUP)
    goals = {int(k): c for k, c in concepts(SDG).items() if k.isdigit()}
    return Vocabularies(graph, themes, groups, goals, labels(themes), labels(groups))
