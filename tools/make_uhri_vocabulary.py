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

The UHRI vocabulary was renamed between cycles ("Acceptance of international norms" became "Ratification of
& accession to international instruments"). vocabularies/uhri-label-matches.tsv, judged by reading, says
which later label names a held concept: "exact" makes it an skos:altLabel of that concept (one theme, two
names), "close" keeps it a concept of its own with skos:closeMatch to the held one. A list is read in either
published form: the Word document, or its text (.txt).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
import csv

from rdflib.namespace import DCTERMS, RDF, SKOS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from uprgraph.rights.thematic_list import read_docx, read_text  # noqa: E402
from uprgraph.rights.vocabulary import GROUP, THEME, group_key, words  # noqa: E402

HERE = Path(__file__).resolve().parents[1] / "vocabularies"


def matches() -> dict[tuple[str, str], tuple[str, str]]:
    """(kind, words of a label) -> (relation, key of the held concept), from uhri-label-matches.tsv."""
    with (HERE / "uhri-label-matches.tsv").open(encoding="utf-8") as f:
        return {(r["kind"], words(r["label"])): (r["relation"], r["concept"]) for r in csv.DictReader(f, delimiter="\t")}


def read_list(path: Path):  # type: ignore[no-untyped-def]
    data = path.read_bytes()
    return read_docx(data, path.name) if data.startswith(b"PK") else read_text(data.decode("utf-8"), path.name)


def make(paths: list[Path]) -> tuple[Graph, Graph]:
    themes: dict[str, list[str]] = {}  # key -> labels in the order met
    groups: dict[str, list[str]] = {}
    close: dict[str, set[str]] = {}  # key -> keys it closely matches
    sources = []
    matched = matches()
    for path in paths:
        listed = read_list(path)
        sources.append(path.name)
        for entry in listed.entries:
            for theme in [*([entry.heading] if entry.heading else []), *entry.themes]:
                _meet(themes, close, matched, "theme", theme.code, theme.label)
            for group in entry.groups:
                _meet(groups, close, matched, "group", None, group)
    return (_scheme(THEME, "UHRI themes (Universal Human Rights Index)", themes, close, sources, coded=True),
            _scheme(GROUP, "UHRI groups of persons (Universal Human Rights Index)", groups, close, sources, coded=False))


def _meet(concepts: dict[str, list[str]], close: dict[str, set[str]], matched: dict[tuple[str, str], tuple[str, str]],
          kind: str, code: str | None, label: str) -> None:
    """File one printed label: under its code, else under a held concept with the same words, else under the
    concept the matches name (exact), else as a concept of its own (closely matching one, if the matches say)."""
    slug = group_key(label)
    key = code or next((k for k, labels in concepts.items() if words(label) in {words(x) for x in labels}), None)
    relation, target = matched.get((kind, words(label)), (None, None))
    if key is None and relation == "exact":
        key = target
    key = key or slug
    labels = concepts.setdefault(key, [])
    if label not in labels:
        labels.append(label)
    if relation == "close" and target:
        close.setdefault(key, set()).add(target)


def _scheme(ns: Namespace, title: str, concepts: dict[str, list[str]], close: dict[str, set[str]], sources: list[str],
            coded: bool) -> Graph:
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
        for other in sorted(close.get(key, ())):
            if other in concepts:
                g.add((node, SKOS.closeMatch, ns[other]))
    return g


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lists", type=Path, nargs="+")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    themes, groups = make(args.lists)
    header = ("# Written by tools/make_uhri_vocabulary.py from the published thematic list(s) named in dcterms:source\n"
              "# (shared/reports/SOURCES.md and vocabularies/training/SOURCES.md say where each comes from).\n")
    outputs = {HERE / "uhri-themes.ttl": header + themes.serialize(format="turtle"),
               HERE / "groups-of-persons.ttl": header + groups.serialize(format="turtle")}
    if args.check:
        sys.exit(0 if all(p.read_text(encoding="utf-8") == t for p, t in outputs.items()) else 1)
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
