"""Write vocabularies/sdgs.ttl, the 17 Sustainable Development Goals and their 169 targets, from the
United Nations' own SDG Knowledge Organization System (a tool, run once; its output is committed).

    python tools/make_sdg_vocabulary.py SDG_KOS_TTL            # rewrite vocabularies/sdgs.ttl
    python tools/make_sdg_vocabulary.py SDG_KOS_TTL --check    # exit 1 if the file differs

SDG_KOS_TTL is ``sdg-data/sdg-kos-goals-targets-indicators.ttl`` of the public repository
UNStats/LOD4Stats (the UN Statistics Division's linked-data proof of concept, published with the
Dag Hammarskjöld Library's IRIs http://metadata.un.org/sdg/<goal> and .../<target>), commit
0ae578bacb1f4339596f5a6a19338457e4b22ba3 (28 May 2020). From it we take, for each goal and target,
its number (skos:notation without leading zeros), its official English title (skos:prefLabel), a goal's
short name (skos:altLabel) and its UN IRI, kept as skos:exactMatch: the UN's identifiers are linked
because this file is where the UN publishes them. Indicators are left out.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

UN = Namespace("http://metadata.un.org/sdg/")
UNO = Namespace("http://metadata.un.org/sdg/ontology#")
OURS = Namespace("https://w3id.org/uprgraph/vocab/sdg/")
TARGET = Path(__file__).resolve().parents[1] / "vocabularies" / "sdgs.ttl"
SOURCE = ("UN Statistics Division, SDG Knowledge Organization System, sdg-kos-goals-targets-indicators.ttl "
          "(github.com/UNStats/LOD4Stats, commit 0ae578bacb1f4339596f5a6a19338457e4b22ba3)")


def english(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    values = sorted(str(o) for o in graph.objects(subject, predicate) if getattr(o, "language", None) in (None, "en"))
    return values[0].strip() if values else None


def number(graph: Graph, subject: URIRef) -> str:
    return str(subject).removeprefix(str(UN))  # "5", "5.2", "16.a": the UN's IRIs end with the official number


def make(kos: Graph) -> Graph:
    out = Graph()
    out.bind("skos", SKOS)
    out.bind("dcterms", DCTERMS)
    out.bind("sdg", OURS)
    out.bind("unsdg", UN)
    scheme = URIRef(str(OURS).rstrip("/"))
    out.add((scheme, RDF.type, SKOS.ConceptScheme))
    out.add((scheme, SKOS.prefLabel, Literal("Sustainable Development Goals and targets", lang="en")))
    out.add((scheme, DCTERMS.source, Literal(SOURCE)))
    out.add((scheme, SKOS.exactMatch, URIRef(str(UN).rstrip("/"))))
    goals = sorted(kos.subjects(RDF.type, UNO.Goal), key=lambda s: int(number(kos, s)))
    if len(goals) != 17:
        raise SystemExit(f"expected 17 goals, found {len(goals)}")
    targets = 0
    for goal in goals:
        n = number(kos, goal)
        node = OURS[n]
        out.add((node, RDF.type, SKOS.Concept))
        out.add((node, SKOS.inScheme, scheme))
        out.add((node, SKOS.topConceptOf, scheme))
        out.add((node, SKOS.notation, Literal(n)))
        out.add((node, SKOS.prefLabel, Literal(english(kos, goal, SKOS.prefLabel), lang="en")))
        short = english(kos, goal, SKOS.altLabel)
        if short:
            out.add((node, SKOS.altLabel, Literal(short, lang="en")))
        out.add((node, SKOS.exactMatch, goal))
        for target in kos.objects(goal, UNO.hasTarget):
            t = number(kos, target)
            tnode = OURS[t]
            out.add((tnode, RDF.type, SKOS.Concept))
            out.add((tnode, SKOS.inScheme, scheme))
            out.add((tnode, SKOS.notation, Literal(t)))
            out.add((tnode, SKOS.prefLabel, Literal(english(kos, target, SKOS.prefLabel), lang="en")))
            out.add((tnode, SKOS.broader, node))
            out.add((tnode, SKOS.exactMatch, target))
            targets += 1
    if targets != 169:
        raise SystemExit(f"expected 169 targets, found {targets}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kos", type=Path)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    kos = Graph().parse(args.kos, format="turtle")
    header = (f"# The 17 Sustainable Development Goals and their 169 targets: official numbers and English titles.\n"
              f"# Written by tools/make_sdg_vocabulary.py from {SOURCE}.\n"
              f"# Each concept's skos:exactMatch is the UN's own identifier (http://metadata.un.org/sdg/...).\n")
    text = header + make(kos).serialize(format="turtle")
    if args.check:
        sys.exit(0 if TARGET.read_text(encoding="utf-8") == text else 1)
    TARGET.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
