"""The graph as networks for network tools (networkx; GraphML, GEXF and Cytoscape JSON for Gephi and Cytoscape).

``full_network`` is the whole typed graph: one node per described resource (recommendation, section,
paragraph, instrument, event, treaty, institution, State, theme, response, visit...), one edge per
triple between two of them, labelled with the predicate's label. The provenance plumbing of the Web
Annotation model (a mention, its target and its selector) is folded into one edge "mentioned in"
from the entity to the paragraph, so the network stays readable; the dataset's own description
(VoID, DCAT, PROV: what built the file) is left out, it says nothing about the report.
Controlled values (an instrument's kind, an event's type, a response's status, a visit's status)
and dates are node attributes, not nodes: as nodes they would be hubs joining unrelated things.

The focused views are undirected weighted graphs over the path the canned queries walk,
recommendation <-reportsOn- section <-isPartOf- paragraph <-mention- entity:

- ``recommendation_instrument``: recommendations (bipartite 0) and domestic instruments (bipartite 1),
  linked when the instrument is mentioned in a paragraph of a section that reports on the
  recommendation; weight = number of such mentions;
- ``institution_comention``: institutions linked when mentioned in the same paragraph; weight = paragraphs;
- ``theme_treaty``: themes (bipartite 0) and treaties (bipartite 1), linked when the treaty is mentioned
  in a paragraph of a section with that theme; weight = number of such mentions.

Every network is built in sorted order (nodes by IRI, edges by their ends and key), so each writer
gives byte-identical output from one run to the next.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS

from . import resources
from .errors import UsageError
from .namespaces import NS, OA, UPR

MENTIONED_IN = "mentioned in"
# Types whose nodes are provenance plumbing: folded into "mentioned in" edges.
PLUMBING = frozenset({UPR.Mention, OA.Annotation, OA.SpecificResource, OA.TextQuoteSelector,
                      UPR.RightsTag, UPR.PublishedTag, UPR.InferredTag, UPR.ThematicListEntry})
# The shared vocabularies of rights (UHRI themes, groups, SDGs): like controlled values, node attributes of
# the recommendations ("rights", "rights_source"), not nodes: "general" or SDG 16 would be hubs joining most
# recommendations (measured: Louvain then found 17 communities, modularity 0.537 instead of 0.596).
SHARED_VOCABULARIES = "https://w3id.org/uprgraph/vocab/"
# A node is kept when one of its types is in one of these vocabularies (the report's content);
# the dataset description (void:, dcat:, prov: types only) is left out.
CONTENT_NAMESPACES = (NS, str(SKOS), str(FOAF), "http://www.w3.org/ns/org#", "http://data.europa.eu/eli/ontology#")
# Predicates whose IRI objects are controlled values, kept as the node attribute "kind".
KIND_PREDICATES = (UPR.instrumentKind, UPR.eventType, UPR.responseStatus, UPR.visitStatus)
DOMESTIC = (UPR.LegalInstrument, UPR.PolicyInstrument, UPR.DomesticInstrument)
INSTITUTIONS = (UPR.Institution, UPR.StateBody, UPR.NationalHumanRightsInstitution,
                UPR.InternationalBody, UPR.NonGovernmentalOrganization)


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``."""
    return iri.rstrip("/").replace("#", "/").rsplit("/", 1)[-1]


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(data=resources.read_text("ontology", "uprgraph.ttl"), format="turtle")


@cache
def predicate_label(predicate: str) -> str:
    """The predicate's rdfs:label in ontology/uprgraph.ttl, else its local name."""
    label = english(_ontology().objects(URIRef(predicate), RDFS.label))
    return label or local_name(predicate)


def english(literals: Iterable) -> str | None:  # type: ignore[type-arg]
    """The English (or untagged) value of a set of literals, chosen deterministically."""
    values = sorted((lit.language not in (None, "en"), str(lit)) for lit in literals if isinstance(lit, Literal))
    return values[0][1] if values else None


@lru_cache(maxsize=1)
def _superclasses() -> dict[URIRef, frozenset[URIRef]]:
    onto = _ontology()
    return {cls: frozenset(onto.transitive_objects(cls, RDFS.subClassOf)) - {cls}
            for cls in set(onto.subjects(RDFS.subClassOf, None))}


def most_specific(types: Iterable[URIRef]) -> URIRef:
    """Of a node's types, the one no other of its types is a subclass of (the first such, by IRI)."""
    types = sorted(set(types))
    supers = _superclasses()
    implied = set().union(*(supers.get(t, frozenset()) for t in types))
    candidates = [t for t in types if t not in implied]
    return (candidates or types)[0]


# ---------------------------------------------------------------- reading the graph once


@dataclass
class _Mention:
    iri: URIRef
    body: URIRef
    paragraph: URIRef
    quote: str


@dataclass
class _Index:
    """What the networks need from the RDF graph, read once."""

    g: Graph
    types: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    mentions: list[_Mention] = field(default_factory=list)
    section_of: dict[URIRef, URIRef] = field(default_factory=dict)  # paragraph -> its section
    reports_on: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))  # section -> recs
    themes_of: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))  # section -> themes

    @classmethod
    def read(cls, g: Graph) -> _Index:
        index = cls(g)
        for s, t in g.subject_objects(RDF.type):
            if isinstance(s, URIRef) and isinstance(t, URIRef):
                index.types.setdefault(s, set()).add(t)
        for m in g.subjects(RDF.type, UPR.Mention):
            for body in g.objects(m, OA.hasBody):
                for target in g.objects(m, OA.hasTarget):
                    for paragraph in g.objects(target, OA.hasSource):
                        quote = next((str(q) for sel in g.objects(target, OA.hasSelector)
                                      for q in g.objects(sel, OA.exact)), "")
                        index.mentions.append(_Mention(m, body, paragraph, quote))  # type: ignore[arg-type]
        index.mentions.sort(key=lambda x: (str(x.iri), str(x.body), str(x.paragraph)))
        sections = {s for s, ts in index.types.items() if ts & {UPR.Section, UPR.Chapter, UPR.ThematicSection}}
        for p in g.subjects(RDF.type, UPR.Paragraph):
            for parent in g.objects(p, DCTERMS.isPartOf):
                if parent in sections:
                    index.section_of[p] = parent  # type: ignore[index]
        for s, r in g.subject_objects(UPR.reportsOn):
            index.reports_on[s].add(r)  # type: ignore[index]
        for s, t in g.subject_objects(UPR.theme):
            index.themes_of[s].add(t)  # type: ignore[index]
        return index

    def is_a(self, node: URIRef, classes: Iterable[URIRef]) -> bool:
        return bool(self.types.get(node, set()) & set(classes))

    def of_type(self, classes: Iterable[URIRef]) -> list[URIRef]:
        wanted = set(classes)
        return sorted(n for n, ts in self.types.items() if ts & wanted)

    def recommendations_of_paragraph(self, paragraph: URIRef) -> set[URIRef]:
        section = self.section_of.get(paragraph)
        return set(self.reports_on.get(section, ())) if section is not None else set()

    def themes_of_paragraph(self, paragraph: URIRef) -> set[URIRef]:
        section = self.section_of.get(paragraph)
        return set(self.themes_of.get(section, ())) if section is not None else set()

    def label(self, node: URIRef) -> str:
        g = self.g
        for predicate in (RDFS.label, SKOS.prefLabel, DCTERMS.title, FOAF.name):
            value = english(g.objects(node, predicate))
            if value:
                return value
        types = self.types.get(node, set())
        number = g.value(node, UPR.paragraphNumber)
        if UPR.Paragraph in types and number is not None:
            return f"paragraph {number}"
        if UPR.ParagraphItem in types:
            parent = g.value(node, DCTERMS.isPartOf)
            parent_number = g.value(parent, UPR.paragraphNumber) if parent is not None else None
            return f"paragraph {parent_number} ({g.value(node, UPR.itemLabel)})"
        if UPR.InstrumentEvent in types:
            what = local_name(str(g.value(node, UPR.eventType) or "event")).replace("-", " ")
            on = g.value(node, UPR.onInstrument)
            return f"{what}: {self.label(on)}" if on is not None else what
        return local_name(str(node))

    def node_attributes(self, node: URIRef) -> dict[str, str]:
        attributes = {"iri": str(node), "type": local_name(str(most_specific(self.types.get(node, {node})))),
                      "label": self.label(node)}
        kinds = sorted(local_name(str(k)) for p in KIND_PREDICATES for k in self.g.objects(node, p))
        if kinds:
            attributes["kind"] = ", ".join(kinds)
        dates = sorted(str(d) for p in (DCTERMS.date, UPR.visitYear) for d in self.g.objects(node, p))
        if dates:
            attributes["date"] = ", ".join(dates)
        wikidata = sorted(str(w) for w in self.g.objects(node, SKOS.exactMatch))
        if wikidata:
            attributes["wikidata"] = " ".join(wikidata)
        return attributes


def _content_node(types: set[URIRef]) -> bool:
    return not (types & PLUMBING) and any(str(t).startswith(CONTENT_NAMESPACES) for t in types)


def _sorted_graph(graph: nx.Graph, nodes: dict, edges: list) -> nx.Graph:  # type: ignore[type-arg]
    """Fill ``graph`` with nodes and edges in sorted order (the writers keep insertion order)."""
    for node in sorted(nodes):
        graph.add_node(node, **nodes[node])
    if graph.is_multigraph():
        for u, v, key, data in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
            graph.add_edge(u, v, key=key, **data)
    else:
        for u, v, data in sorted(edges, key=lambda e: (e[0], e[1])):
            graph.add_edge(u, v, **data)
    return graph


# ---------------------------------------------------------------- the networks


def full_network(g: Graph) -> nx.MultiDiGraph:
    """Every resource the report describes as a node (attributes iri, type, label, and kind, date,
    wikidata where it has them); every triple between two of them as an edge (attributes label,
    predicate, weight 1, keyed by the predicate's IRI); each entity's mentions in a paragraph as one
    edge "mentioned in" (weight = the mentions, quotes = their exact quotes)."""
    index = _Index.read(g)
    kept = {n for n, ts in index.types.items() if _content_node(ts) and not str(n).startswith(SHARED_VOCABULARIES)}
    nodes = {str(n): index.node_attributes(n) for n in kept}
    for rec, (rights, origins) in _rights(g).items():
        if rec in nodes:
            nodes[rec].update(rights=rights, rights_source=origins)
    edges = []
    for s, p, o in g:
        if p == RDF.type or s not in kept or o not in kept:
            continue
        edges.append((str(s), str(o), str(p), {"label": predicate_label(str(p)), "predicate": str(p), "weight": 1}))
    folded: dict[tuple[str, str], list[str]] = defaultdict(list)
    for m in index.mentions:
        if m.body in kept and m.paragraph in kept:
            folded[(str(m.body), str(m.paragraph))].append(m.quote)
    for (body, paragraph), quotes in folded.items():
        edges.append((body, paragraph, str(UPR.Mention), {
            "label": MENTIONED_IN, "predicate": str(UPR.Mention), "weight": len(quotes),
            "quotes": " | ".join(sorted(set(quotes)))}))
    graph = nx.MultiDiGraph(name="uprgraph: full network")
    return _sorted_graph(graph, nodes, edges)  # type: ignore[return-value]


def _rights(g: Graph) -> dict[str, tuple[str, str]]:
    """Recommendation IRI -> (its UHRI theme codes, group labels and "SDG n", joined by "; "; where they come
    from: "published" or "inferred", rights.shown's rule)."""
    from .rights.shown import shown_tags

    found: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for shown in shown_tags(g):  # a list's tags where it covers the recommendation, else the inferred ones
        concept = shown.concept
        code = g.value(concept, SKOS.notation)
        label = str(code) if code is not None else english(g.objects(concept, SKOS.prefLabel)) or str(concept)
        name = f"SDG {label}" if "/vocab/sdg/" in str(concept) else label
        found[str(shown.recommendation)][0].add(name)
        found[str(shown.recommendation)][1].add(shown.source)
    return {rec: ("; ".join(sorted(names)), ", ".join(sorted(origins))) for rec, (names, origins) in found.items()}


def _paragraph_numbers(g: Graph, paragraphs: Iterable[URIRef]) -> str:
    numbers = sorted({int(n) for p in paragraphs for n in g.objects(p, UPR.paragraphNumber)})
    return ", ".join(map(str, numbers))


def _bipartite(index: _Index, name: str, left: list[URIRef], right: list[URIRef],
               links: dict[tuple[URIRef, URIRef], list[_Mention]]) -> nx.Graph:
    nodes = {}
    for side, members in ((0, left), (1, right)):
        for n in members:
            nodes[str(n)] = {**index.node_attributes(n), "bipartite": side}
    edges = [(str(a), str(b), {"weight": len(ms), "paragraphs": _paragraph_numbers(index.g, {m.paragraph for m in ms})})
             for (a, b), ms in links.items()]
    return _sorted_graph(nx.Graph(name=name), nodes, edges)


def recommendation_instrument(g: Graph) -> nx.Graph:
    """Recommendations (bipartite 0) and domestic instruments (bipartite 1): an edge when the instrument
    is mentioned in a paragraph of a section that reports on the recommendation, weight = those mentions,
    paragraphs = their numbers. Every recommendation and instrument is a node, linked or not."""
    index = _Index.read(g)
    links: dict[tuple[URIRef, URIRef], list[_Mention]] = defaultdict(list)
    for m in index.mentions:
        if index.is_a(m.body, DOMESTIC):
            for rec in index.recommendations_of_paragraph(m.paragraph):
                links[(rec, m.body)].append(m)
    return _bipartite(index, "uprgraph: recommendation - instrument", index.of_type([UPR.Recommendation]),
                      index.of_type(DOMESTIC), links)


def theme_treaty(g: Graph) -> nx.Graph:
    """Themes (bipartite 0) and treaties (bipartite 1): an edge when the treaty is mentioned in a paragraph
    of a section with that theme, weight = those mentions. Every theme a section has and every treaty is a node."""
    index = _Index.read(g)
    links: dict[tuple[URIRef, URIRef], list[_Mention]] = defaultdict(list)
    for m in index.mentions:
        if index.is_a(m.body, [UPR.Treaty]):
            for theme in index.themes_of_paragraph(m.paragraph):
                links[(theme, m.body)].append(m)
    themes = sorted({t for ts in index.themes_of.values() for t in ts})
    return _bipartite(index, "uprgraph: theme - treaty", themes, index.of_type([UPR.Treaty]), links)


def institution_comention(g: Graph) -> nx.Graph:
    """Institutions, linked when mentioned in the same paragraph; weight = the paragraphs, paragraphs =
    their numbers. Every institution is a node, co-mentioned or not."""
    index = _Index.read(g)
    by_paragraph: dict[URIRef, set[URIRef]] = defaultdict(set)
    for m in index.mentions:
        if index.is_a(m.body, INSTITUTIONS):
            by_paragraph[m.paragraph].add(m.body)
    shared: dict[tuple[URIRef, URIRef], set[URIRef]] = defaultdict(set)
    for paragraph, bodies in by_paragraph.items():
        ordered = sorted(bodies)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                shared[(a, b)].add(paragraph)
    nodes = {str(n): index.node_attributes(n) for n in index.of_type(INSTITUTIONS)}
    edges = [(str(a), str(b), {"weight": len(ps), "paragraphs": _paragraph_numbers(g, ps)})
             for (a, b), ps in shared.items()]
    return _sorted_graph(nx.Graph(name="uprgraph: institution co-mention"), nodes, edges)


VIEWS: dict[str, Callable[[Graph], nx.Graph]] = {
    "full": full_network,
    "recommendation-instrument": recommendation_instrument,
    "institution-comention": institution_comention,
    "theme-treaty": theme_treaty,
}


def network(g: Graph, view: str = "full") -> nx.Graph:
    """The network ``view`` (one of VIEWS) of ``g``."""
    try:
        return VIEWS[view](g)
    except KeyError:
        raise UsageError(f"unknown network view {view!r}; choose one of {', '.join(VIEWS)}") from None


# ---------------------------------------------------------------- writers

FORMATS = {"graphml": ".graphml", "gexf": ".gexf", "cytoscape-json": ".cyjs"}


def write_network(nxg: nx.Graph, fmt: str) -> bytes:
    """``nxg`` as GraphML, GEXF 1.2draft or Cytoscape JSON (cyjs), byte-identical from run to run."""
    if fmt == "graphml":
        buffer = io.BytesIO()
        # the ElementTree writer (not the lxml one networkx prefers when lxml is installed):
        # the same bytes whatever is installed
        nx.write_graphml_xml(nxg, buffer, encoding="utf-8", prettyprint=True)
        return buffer.getvalue()
    if fmt == "gexf":
        return _gexf(nxg)
    if fmt == "cytoscape-json":
        data = nx.cytoscape_data(nxg)
        return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    raise UsageError(f"unknown network format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _gexf(nxg: nx.Graph) -> bytes:
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        # networkx stamps today's date and its own version: drop both so the file is reproducible
        meta.attrib.pop("lastmodifieddate", None)
        for creator in meta.findall("creator"):
            creator.text = "uprgraph"
    writer.add_graph(nxg)
    # GEXF 1.2draft's <graph> has no name attribute (networkx always writes one): the name goes
    # into <meta><description> instead, so the file validates against the schema
    writer.graph_element.attrib.pop("name", None)
    if meta is not None and nxg.graph.get("name"):
        from xml.etree.ElementTree import SubElement

        SubElement(meta, "description").text = str(nxg.graph["name"])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
