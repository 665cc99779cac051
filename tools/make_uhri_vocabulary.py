"""Write vocabularies/uhri-themes.ttl and vocabularies/groups-of-persons.ttl from published thematic lists
(a tool, run once per new list; its output is committed and then reviewed by hand).

    python tools/make_uhri_vocabulary.py LIST.docx [LIST.docx ...]           # rewrite both files
    python tools/make_uhri_vocabulary.py LIST.docx [...] --check             # exit 1 if they differ

Each theme a list prints becomes a concept of the UHRI theme scheme: coded themes ("A12 Acceptance of
international norms", the vocabulary of the lists of the 2nd cycle) get the IRI .../uhri/theme/A12, the
code as skos:notation and the label as skos:prefLabel. A label printed without a code (later lists) is
matched to a coded theme by its words; one that matches none becomes a concept of its own, keyed by its
label. Every label met is kept: the first as skos:prefLabel, others as skos:altLabel. Each group of
persons ("Affected persons: - children") becomes a concept of the groups scheme.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from uprgraph.rights.thematic_list import read_docx  # noqa: E402
from uprgraph.rights.vocabulary import GROUP, THEME, group_key  # noqa: E402

HERE = Path(__file__).resolve().parents[1] / "vocabularies"


def make(paths: list[Path]) -> tuple[Graph, Graph]:
    themes: dict[str, list[str]] = {}  # code -> labels in the order met
    groups: dict[str, list[str]] = {}
    sources = []
    for path in paths:
        listed = read_docx(path.read_bytes(), path.name)
        sources.append(path.name)
        for entry in listed.entries:
            for theme in [*([entry.heading] if entry.heading else []), *entry.themes]:
                key = theme.code or re.sub(r"[^a-z0-9]+", "-", theme.label.lower()).strip("-")
                labels = themes.setdefault(key, [])
                if theme.label not in labels:
                    labels.append(theme.label)
            for group in entry.groups:
                labels = groups.setdefault(group_key(group), [])
                if group not in labels:
                    labels.append(group)
    return (_scheme(THEME, "UHRI themes (Universal Human Rights Index)", themes, sources, coded=True),
            _scheme(GROUP, "UHRI groups of persons (Universal Human Rights Index)", groups, sources, coded=False))


def _scheme(ns: Namespace, title: str, concepts: dict[str, list[str]], sources: list[str], coded: bool) -> Graph:
    g = Graph()
    g.bind("skos", SKOS)
    g.bind("dcterms", DCTERMS)
    scheme = URIRef(str(ns).rstrip("/"))
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, SKOS.prefLabel, Literal(title, lang="en")))
    for source in sources:
        g.add((scheme, DCTERMS.source, Literal(source)))
    for key, labels in sorted(concepts.items()):
        node = ns[key]
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, scheme))
        if coded and re.fullmatch(r"[A-Z]\d{1,2}", key):
            g.add((node, SKOS.notation, Literal(key)))
        g.add((node, SKOS.prefLabel, Literal(labels[0], lang="en")))
        for label in labels[1:]:
            g.add((node, SKOS.altLabel, Literal(label, lang="en")))
    return g


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lists", type=Path, nargs="+")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    themes, groups = make(args.lists)
    header = ("# Written by tools/make_uhri_vocabulary.py from the published thematic list(s) named in dcterms:source\n"
              "# (shared/reports/SOURCES.md says where each comes from).\n")
    outputs = {HERE / "uhri-themes.ttl": header + themes.serialize(format="turtle"),
               HERE / "groups-of-persons.ttl": header + groups.serialize(format="turtle")}
    if args.check:
        sys.exit(0 if all(p.read_text(encoding="utf-8") == t for p, t in outputs.items()) else 1)
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
