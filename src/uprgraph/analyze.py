"""Network metrics and coverage of a built graph: what an analyst looks at first.

- **Centrality** on the full network (``network.full_network``, taken as an undirected simple graph):
  degree (distinct neighbours, and networkx's normalised degree centrality) and betweenness
  (normalised, unweighted), the top k of each node type.
- **Connected components** of that graph: how many, and their sizes.
- **Communities**: networkx's Louvain method (``louvain_communities``, edge weight = mentions, fixed
  seed), each with its size, its node types and its best-connected members.
- **Coverage** per theme: of the recommendations the sections with that theme report on, how many have
  a domestic instrument, a treaty action (an ``upr:InstrumentEvent`` on a ``upr:Treaty``: ratified,
  signed, intends to ratify...) or an institution behind them, that is mentioned (for a treaty action:
  reported) in a paragraph of a section that reports on the recommendation (any such section, as in the
  canned query ``recommendations-without-instruments``), and which have none of the three.
- **Follow-up** per State and review (issue 19): of its accepted and of its noted recommendations (their
  latest response, grouped by registries/response_groups.csv), how many something was reported under by
  the next review (a "reported ..." status of the canned query ``follow-up-summary``), and the share; no
  share where the next review's national report is not in the graph.

``analyze(g)`` returns an ``Analysis``; ``format_analysis(analysis, "table"|"markdown"|"json")`` writes it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from .errors import UsageError
from .follow_up import Share
from .namespaces import OA, UPR
from .network import DOMESTIC, INSTITUTIONS, english, full_network

SEED = 42  # Louvain's random node order: fixed, so the communities are the same on every run
# Node types left out when a community is described by its best-connected members: they are many,
# and say less about what a community is about than the instruments, institutions and themes in it.
STRUCTURAL = frozenset({"Paragraph", "ParagraphItem", "StateResponse", "InstrumentEvent"})


@dataclass
class Ranked:
    label: str
    iri: str
    degree: int  # distinct neighbours
    degree_centrality: float
    betweenness: float


@dataclass
class TypeCentrality:
    type: str
    nodes: int
    by_degree: list[Ranked]
    by_betweenness: list[Ranked]


@dataclass
class Community:
    size: int
    types: dict[str, int]  # node type -> how many, most first
    members: list[str]  # labels of the best-connected members (structural types left out)


@dataclass
class RecommendationCoverage:
    recommendation: str  # its number, "95.43"
    iri: str
    instruments: int  # distinct domestic instruments mentioned
    treaty_actions: int  # distinct events on treaties reported
    institutions: int  # distinct institutions mentioned

    @property
    def covered(self) -> bool:
        return bool(self.instruments or self.treaty_actions or self.institutions)


@dataclass
class ThemeCoverage:
    theme: str
    iri: str
    recommendations: int
    with_instrument: int
    with_treaty_action: int
    with_institution: int
    covered: int
    not_covered: int
    uncovered: list[str]  # the numbers of the recommendations with none of the three


@dataclass
class RightCoverage:
    right: str  # "F13 Violence against women", "SDG 5 Gender equality"
    iri: str
    recommendations: int  # tagged with it (published or inferred)
    published: int  # of those, by a published thematic list
    reported_on: int  # some section reports on them
    covered: int  # of those, with an instrument, treaty action or institution behind them


@dataclass
class Analysis:
    nodes: int
    edges: int  # of the full network (a multigraph: one edge per triple, and per entity-paragraph mention)
    top: int
    centrality: list[TypeCentrality]
    components: int
    component_sizes: list[int]
    communities: list[Community]
    modularity: float
    coverage: list[ThemeCoverage]
    # over all recommendations, whatever their theme
    recommendations: int
    reported_on: int  # recommendations some section reports on
    covered: int  # of those, with an instrument, treaty action or institution behind them
    with_instrument: int  # of those, with a domestic instrument behind them
    with_treaty_action: int
    with_institution: int
    not_reported: list[str] = field(default_factory=list)  # numbers of those no section reports on
    uncovered: list[str] = field(default_factory=list)  # reported on, but nothing behind them
    rights: list[RightCoverage] = field(default_factory=list)  # per UHRI theme and SDG goal (issue 18)
    follow_up: list[Share] = field(default_factory=list)  # per review: accepted / noted ones reported by the next review

    def to_dict(self) -> dict:  # type: ignore[type-arg]
        return asdict(self)


def rec_key(number: str) -> tuple[int, ...]:
    """Sort key of a recommendation number: "95.9" before "95.43"."""
    return tuple(int(part) if part.isdigit() else 0 for part in number.split("."))


# ---------------------------------------------------------------- coverage


def recommendation_coverage(g: Graph) -> dict[URIRef, RecommendationCoverage]:
    """Every recommendation some section reports on, with what is behind it."""
    types: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, t in g.subject_objects(RDF.type):
        types[s].add(t)  # type: ignore[index]
    paragraphs_of: dict[URIRef, set[URIRef]] = defaultdict(set)  # section -> its paragraphs
    for p in g.subjects(RDF.type, UPR.Paragraph):
        for section in g.objects(p, DCTERMS.isPartOf):
            paragraphs_of[section].add(p)  # type: ignore[index]
    in_paragraph: dict[URIRef, dict[str, set[URIRef]]] = defaultdict(lambda: defaultdict(set))
    for m in g.subjects(RDF.type, UPR.Mention):
        for body in g.objects(m, OA.hasBody):
            for paragraph in g.objects(m, OA.hasTarget / OA.hasSource):  # type: ignore[operator]
                if types[body] & set(DOMESTIC):  # type: ignore[index]
                    in_paragraph[paragraph]["instruments"].add(body)  # type: ignore[index, arg-type]
                if types[body] & set(INSTITUTIONS):  # type: ignore[index]
                    in_paragraph[paragraph]["institutions"].add(body)  # type: ignore[index, arg-type]
    for event in g.subjects(RDF.type, UPR.InstrumentEvent):
        if any(UPR.Treaty in types[t] for t in g.objects(event, UPR.onInstrument)):  # type: ignore[index]
            for paragraph in g.objects(event, UPR.reportedIn):
                in_paragraph[paragraph]["treaty_actions"].add(event)  # type: ignore[index, arg-type]
    behind: dict[URIRef, dict[str, set[URIRef]]] = defaultdict(lambda: defaultdict(set))
    for section, rec in g.subject_objects(UPR.reportsOn):
        behind[rec]  # type: ignore[index]  # reported on, even with nothing behind it
        for p in paragraphs_of.get(section, ()):  # type: ignore[call-overload]
            for family, things in in_paragraph.get(p, {}).items():
                behind[rec][family] |= things  # type: ignore[index]
    return {rec: RecommendationCoverage(
        str(g.value(rec, UPR.recommendationNumber) or rec), str(rec),
        len(found["instruments"]), len(found["treaty_actions"]), len(found["institutions"]))
        for rec, found in behind.items()}


def theme_coverage(g: Graph, recs: dict[URIRef, RecommendationCoverage] | None = None) -> list[ThemeCoverage]:
    """Per theme (in the order of the report's sections), its recommendations' coverage."""
    recs = recommendation_coverage(g) if recs is None else recs
    of_theme: dict[URIRef, set[URIRef]] = defaultdict(set)
    first: dict[URIRef, int] = {}
    for section, theme in g.subject_objects(UPR.theme):
        of_theme[theme].update(g.objects(section, UPR.reportsOn))  # type: ignore[index, arg-type]
        order = g.value(section, UPR.order)
        first[theme] = min(first.get(theme, 10**9), int(order) if order is not None else 10**9)  # type: ignore[index]
    rows = []
    for theme in sorted(of_theme, key=lambda t: (first[t], str(t))):
        members = [recs[r] for r in of_theme[theme] if r in recs]
        label = english(g.objects(theme, SKOS.prefLabel)) or english(g.objects(theme, RDFS.label)) or str(theme)
        covered = [r for r in members if r.covered]
        rows.append(ThemeCoverage(
            label, str(theme), len(members),
            sum(1 for r in members if r.instruments), sum(1 for r in members if r.treaty_actions),
            sum(1 for r in members if r.institutions), len(covered), len(members) - len(covered),
            sorted((r.recommendation for r in members if not r.covered), key=rec_key)))
    return rows


def rights_coverage(g: Graph, recs: dict[URIRef, RecommendationCoverage] | None = None) -> list[RightCoverage]:
    """Per UHRI theme and SDG goal a recommendation is tagged with (rights/), its recommendations' coverage:
    themes by code, then goals by number."""
    from .rights.shown import PUBLISHED, shown_tags
    from .rights.vocabulary import SDG, THEME

    recs = recommendation_coverage(g) if recs is None else recs
    tagged: dict[URIRef, set[URIRef]] = defaultdict(set)
    published: dict[URIRef, set[URIRef]] = defaultdict(set)
    for shown in shown_tags(g):  # a list's tags where it covers the recommendation, else the inferred ones
        if str(shown.concept).startswith((str(THEME), str(SDG))):
            tagged[shown.concept].add(shown.recommendation)
            if shown.source == PUBLISHED:
                published[shown.concept].add(shown.recommendation)

    def key(concept: URIRef) -> tuple[int, str, int]:
        code = str(g.value(concept, SKOS.notation) or "")
        return (1, "", int(code)) if str(concept).startswith(str(SDG)) and code.isdigit() else (0, code, 0)

    rows = []
    for concept in sorted(tagged, key=key):
        code = str(g.value(concept, SKOS.notation) or "")
        if str(concept).startswith(str(SDG)):
            short = english(g.objects(concept, SKOS.altLabel)) or english(g.objects(concept, SKOS.prefLabel)) or ""
            label = f"SDG {code} {short}".strip()
        else:
            label = f"{code} {english(g.objects(concept, SKOS.prefLabel)) or ''}".strip()
        members = tagged[concept]
        reported = [recs[r] for r in members if r in recs]
        rows.append(RightCoverage(label, str(concept), len(members), len(published.get(concept, ())),
                                  len(reported), sum(1 for r in reported if r.covered)))
    return rows


# ---------------------------------------------------------------- the whole analysis


def _ranked(u: nx.Graph, nodes: list[str], score: dict[str, float], degree_c: dict[str, float],
            between: dict[str, float], top: int) -> list[Ranked]:
    best = sorted(nodes, key=lambda n: (-round(score[n], 12), u.nodes[n]["label"], n))[:top]
    return [Ranked(u.nodes[n]["label"], n, u.degree(n), round(degree_c[n], 6), round(between[n], 6)) for n in best]


def analyze(g: Graph, top: int = 10) -> Analysis:
    full = full_network(g)
    u = nx.Graph()
    u.add_nodes_from(full.nodes(data=True))
    for a, b, data in full.edges(data=True):  # parallel and reverse edges collapse; weights add up
        if u.has_edge(a, b):
            u[a][b]["weight"] += data.get("weight", 1)
        else:
            u.add_edge(a, b, weight=data.get("weight", 1))
    degree_c = nx.degree_centrality(u)
    between = nx.betweenness_centrality(u, normalized=True)
    by_type: dict[str, list[str]] = defaultdict(list)
    for n, data in u.nodes(data=True):
        by_type[data["type"]].append(n)
    centrality = [
        TypeCentrality(t, len(ns),
                       _ranked(u, ns, {n: u.degree(n) for n in ns}, degree_c, between, top),
                       _ranked(u, ns, between, degree_c, between, top))
        for t, ns in sorted(by_type.items(), key=lambda item: (-len(item[1]), item[0]))
    ]
    components = sorted((len(c) for c in nx.connected_components(u)), reverse=True)
    parts = nx.community.louvain_communities(u, weight="weight", seed=SEED)
    parts = sorted(parts, key=lambda c: (-len(c), min(c)))
    communities = []
    for part in parts:
        kinds = Counter(u.nodes[n]["type"] for n in part)
        ranked = sorted((n for n in part if u.nodes[n]["type"] not in STRUCTURAL),
                        key=lambda n: (-u.degree(n), u.nodes[n]["label"], n))
        labels = list(dict.fromkeys(u.nodes[n]["label"] for n in ranked))[:5]  # a theme and its section share a label
        communities.append(Community(len(part), dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))), labels))
    # modularity is undefined without edges (networkx divides by the degree sum): a graph of no network gives 0
    modularity = nx.community.modularity(u, parts, weight="weight") if u.number_of_edges() else 0.0
    recs = recommendation_coverage(g)
    numbers = {rec: str(g.value(rec, UPR.recommendationNumber) or rec) for rec in g.subjects(RDF.type, UPR.Recommendation)}
    return Analysis(
        nodes=full.number_of_nodes(), edges=full.number_of_edges(), top=top, centrality=centrality,
        components=len(components), component_sizes=components, communities=communities,
        modularity=round(modularity, 4), coverage=theme_coverage(g, recs),
        recommendations=len(numbers), reported_on=len(recs), covered=sum(1 for r in recs.values() if r.covered),
        with_instrument=sum(1 for r in recs.values() if r.instruments),
        with_treaty_action=sum(1 for r in recs.values() if r.treaty_actions),
        with_institution=sum(1 for r in recs.values() if r.institutions),
        not_reported=sorted((n for rec, n in numbers.items() if rec not in recs), key=rec_key),
        uncovered=sorted((r.recommendation for r in recs.values() if not r.covered), key=rec_key),
        rights=rights_coverage(g, recs),
        follow_up=follow_up_shares(g),
    )


def follow_up_shares(g: Graph) -> list[Share]:
    """Per review, the share of its accepted and of its noted recommendations that something was reported
    under by the next review (from the canned query follow-up-summary)."""
    from .follow_up import next_reports, records, run_all, shares

    return shares(records(run_all(g, ("follow-up-summary",))["follow-up-summary"]), next_reports(g))


# ---------------------------------------------------------------- formatters

FORMATS = ("table", "markdown", "json")


def format_analysis(analysis: Analysis, fmt: str = "table", width: int | None = None) -> str:
    """``width``: what the table format fits (long cells wrap; None: one line per row)."""
    if fmt == "json":
        return json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _markdown(analysis)
    if fmt == "table":
        return _table(analysis, width)
    raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _coverage_rows(a: Analysis) -> tuple[list[str], list[list[str]]]:
    header = ["theme", "recs", "instrument", "treaty action", "institution", "covered", "none", "with none"]
    rows = [[c.theme, str(c.recommendations), str(c.with_instrument), str(c.with_treaty_action),
             str(c.with_institution), str(c.covered), str(c.not_covered), ", ".join(c.uncovered) or "-"]
            for c in a.coverage]
    return header, rows


def _rights_rows(a: Analysis) -> tuple[list[str], list[list[str]]]:
    header = ["right (UHRI theme or SDG)", "recs", "published", "reported on", "covered"]
    return header, [[r.right, str(r.recommendations), str(r.published), str(r.reported_on), str(r.covered)] for r in a.rights]


FOLLOW_UP_TITLE = "Follow-up: accepted and noted recommendations something was reported under by the next review"


def _follow_up_rows(a: Analysis) -> tuple[list[str], list[list[str]]]:
    header = ["review", "response", "reported", "of", "share", "next review's national report"]
    return header, [[s.review, s.response, str(s.reported), str(s.recommendations),
                     "-" if s.share is None else f"{s.share:.1%}", s.next_report or "not in the dataset"]
                    for s in a.follow_up]


def _centrality_rows(t: TypeCentrality) -> tuple[list[str], list[list[str]]]:
    header = ["rank", "by degree", "degree", "by betweenness", "betweenness"]
    rows = []
    for i in range(max(len(t.by_degree), len(t.by_betweenness))):
        d = t.by_degree[i] if i < len(t.by_degree) else None
        b = t.by_betweenness[i] if i < len(t.by_betweenness) else None
        rows.append([str(i + 1), d.label if d else "", str(d.degree) if d else "",
                     b.label if b else "", f"{b.betweenness:.4f}" if b else ""])
    return header, rows


def _summary_lines(a: Analysis) -> list[str]:
    return [
        f"Full network: {a.nodes} nodes, {a.edges} edges; {a.components} connected components "
        f"(sizes {', '.join(map(str, a.component_sizes))}).",
        f"Communities (Louvain, seed {SEED}): {len(a.communities)}, modularity {a.modularity}.",
        f"Recommendations: {a.recommendations}; {a.reported_on} reported on by a section, {a.covered} of them "
        f"with an instrument, treaty action or institution behind them, {a.reported_on - a.covered} with none "
        f"(a domestic instrument: {a.with_instrument}; a treaty action: {a.with_treaty_action}; "
        f"an institution: {a.with_institution}).",
        f"Reported on by no section: {', '.join(a.not_reported) or '-'}.",
        f"Reported on, nothing behind them: {', '.join(a.uncovered) or '-'}.",
    ]


def _table(a: Analysis, width: int | None) -> str:
    from uprgraph import tables

    out = [*(tables.fill(line, width) for line in _summary_lines(a)), "", "Coverage by theme", ""]
    header, rows = _coverage_rows(a)
    out.append(tables.render(header, rows, width, right=range(1, 7)))
    out += ["Coverage by right (tags published in a thematic list or inferred)", ""]
    out.append(tables.render(*_rights_rows(a), width, right=range(1, 5)))
    out += [tables.fill(FOLLOW_UP_TITLE, width), ""]
    out.append(tables.render(*_follow_up_rows(a), width, right=(2, 3, 4)))
    out += ["Communities", ""]
    out.append(tables.render(["#", "size", "types", "best connected"],
                             [[str(i + 1), str(c.size), ", ".join(f"{k} {v}" for k, v in list(c.types.items())[:4]),
                               "; ".join(c.members[:3])] for i, c in enumerate(a.communities)], width, right=(0, 1)))
    for t in a.centrality:
        out += [f"{t.type} ({t.nodes}): top {a.top} by degree and by betweenness", ""]
        out.append(tables.render(*_centrality_rows(t), width, right=(0, 2, 4)))
    return "\n".join(out)


def _md_table(header: list[str], rows: list[list[str]], right: range | tuple[int, ...] = ()) -> list[str]:
    from uprgraph import tables

    return tables.markdown(header, rows, right).splitlines()


def _markdown(a: Analysis) -> str:
    out = ["# Analysis", "", *(f"- {line}" for line in _summary_lines(a)), "", "## Coverage by theme", ""]
    out += _md_table(*_coverage_rows(a), right=range(1, 7))
    out += ["", "## Coverage by right", ""]
    out += _md_table(*_rights_rows(a), right=range(1, 5))
    out += ["", f"## {FOLLOW_UP_TITLE}", ""]
    out += _md_table(*_follow_up_rows(a), right=(2, 3, 4))
    out += ["", "## Communities", ""]
    out += _md_table(["#", "size", "types", "best connected"],
                     [[str(i + 1), str(c.size), ", ".join(f"{k} {v}" for k, v in c.types.items()),
                       "; ".join(c.members)] for i, c in enumerate(a.communities)])
    out += ["", "## Centrality by node type", ""]
    for t in a.centrality:
        out += [f"### {t.type} ({t.nodes})", ""]
        out += _md_table(*_centrality_rows(t), right=(0, 2, 4))
        out += [""]
    return "\n".join(out).rstrip() + "\n"
