"""The interactive explorer: one self-contained HTML page over a graph (``uprgraph viz``).

The page draws the entities an analyst looks at (recommendations, domestic instruments, treaties,
institutions, themes, country visits) and folds the plumbing between them (sections, paragraphs,
mentions, events, responses) into each node's details: clicking a node shows its IRI, type and
label and the paragraphs and exact quotes behind it; a recommendation shows its text, the States
that made it, the State's responses and everything mentioned in the paragraphs of the sections that
report on it.

Drawn edges: recommendation -> theme (``upr:concernsTheme``), entity -> theme (mentioned in a
section on that theme), instrument -> institution (``eli:passed_by``), instrument -> instrument
(``upr:approvedBy`` and events "amended by ..."). The 1,800-odd recommendation -> entity pairs of
the Kazakhstan pair would hide everything else, so the page draws them only for the selected node.

The graph library is vis-network, taken at run time from the installed ``pyvis`` package (a
declared dependency that ships vis-network's built files) and embedded inline, so the page works
offline. The page's own HTML, JavaScript and CSS are data files in ``explorer/`` beside this module.
Output is deterministic: every list is sorted and the data is dumped with sorted keys, so the same
graph gives a byte-identical file.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from uprgraph.errors import UprgraphError
from uprgraph.output import write_atomically

UPR = Namespace("https://w3id.org/uprgraph/ns#")
OA = Namespace("http://www.w3.org/ns/oa#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

VIS_VERSION = "9.1.2"  # the vis-network build pyvis 0.3.x ships
PYVIS_MISSING = "the viz command needs the pyvis package (it ships vis-network)"

# Drawn node types, in legend order: key, legend label, plural, colour (Okabe-Ito, colour-blind safe), shape.
TYPES: list[tuple[str, str, str, str, str]] = [
    ("theme", "Theme", "Themes", "#444444", "diamond"),
    ("recommendation", "Recommendation", "Recommendations", "#0072B2", "dot"),
    ("legal", "Legal instrument", "Legal instruments", "#D55E00", "square"),
    ("policy", "Policy instrument", "Policy instruments", "#E69F00", "square"),
    ("treaty", "Treaty", "Treaties", "#CC79A7", "triangle"),
    ("institution", "Institution", "Institutions", "#009E73", "dot"),
    ("visit", "Country visit", "Country visits", "#8C6D1F", "star"),
]
_TYPE_ORDER = {key: i for i, (key, *_rest) in enumerate(TYPES)}

# Class -> (drawn type, subtype shown in the details). The first class that matches wins.
_CLASSES: list[tuple[URIRef, str, str]] = [
    (UPR.Recommendation, "recommendation", "recommendation"),
    (UPR.LegalInstrument, "legal", "legal instrument"),
    (UPR.PolicyInstrument, "policy", "policy instrument"),
    (UPR.Treaty, "treaty", "international instrument"),
    (UPR.NationalHumanRightsInstitution, "institution", "national human rights institution"),
    (UPR.StateBody, "institution", "State body"),
    (UPR.InternationalBody, "institution", "international body"),
    (UPR.NonGovernmentalOrganization, "institution", "non-governmental organisation"),
    (UPR.Institution, "institution", "institution"),
    (UPR.CountryVisit, "visit", "country visit"),
]

_PLACEHOLDER = re.compile(r"/\*@(VIS_CSS|CSS|VIS_JS|JS)@\*/|@(DATA|TITLE)@")


def explorer_html(g: Graph, title: str = "uprgraph explorer") -> str:
    """The explorer page for ``g``: one HTML document with the library, the code and the data inline."""
    vis_js, vis_css = _vis_network()
    data = explorer_data(g)
    parts = {
        "VIS_CSS": vis_css,
        "CSS": _asset("explorer.css"),
        "VIS_JS": _script_safe(vis_js),
        "JS": _script_safe(_asset("explorer.js")),
        "DATA": _json_for_html(data),
        "TITLE": _html_escape(title),
    }
    template = _asset("template.html")
    # One pass, so nothing inserted is scanned for placeholders again.
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1) or m.group(2)], template)


def write_explorer(g: Graph, path: Path | str) -> None:
    """Write the explorer page for ``g`` to ``path`` (whole or not at all)."""
    write_atomically(Path(path), explorer_html(g).encode("utf-8"))


# --------------------------------------------------------------------------------------------
# The data the page draws


def explorer_data(g: Graph) -> dict[str, Any]:
    """Nodes, edges, paragraphs and legend as plain JSON-able data, every list sorted."""
    kinds = _drawn_entities(g)
    themes = _themes(g)
    for theme in themes:
        kinds[theme] = ("theme", "theme")

    paragraphs = _paragraphs(g)
    mentions = _mentions(g, kinds, paragraphs)  # entity -> [(paragraph, start, end, quote)]

    # Sections, the paragraphs in them, the recommendations they report on, their themes.
    section_paragraphs: dict[URIRef, set[URIRef]] = defaultdict(set)
    for p, info in paragraphs.items():
        if info["section"] is not None:
            section_paragraphs[info["section"]].add(p)
    reported_by_sections: dict[URIRef, set[URIRef]] = defaultdict(set)  # recommendation -> sections
    for section, rec in g.subject_objects(UPR.reportsOn):
        if isinstance(section, URIRef) and kinds.get(rec, ("",))[0] == "recommendation":
            reported_by_sections[rec].add(section)
    paragraph_entities: dict[URIRef, set[URIRef]] = defaultdict(set)
    for entity, places in mentions.items():
        for p, *_ in places:
            paragraph_entities[p].add(entity)

    # Entity -> themes of the sections that mention it (visits: also the paragraph that reports them).
    entity_themes: dict[URIRef, set[URIRef]] = defaultdict(set)
    for entity, places in mentions.items():
        for p, *_ in places:
            entity_themes[entity] |= paragraphs[p]["themes"]
    for visit, p in g.subject_objects(UPR.reportedIn):
        if kinds.get(visit, ("",))[0] == "visit" and p in paragraphs:
            entity_themes[visit] |= paragraphs[p]["themes"]

    # Stable integer ids: nodes sorted by type, label, IRI.
    labels = {iri: _label(g, iri, kind) for iri, (kind, _sub) in kinds.items()}
    order = sorted(kinds, key=lambda iri: (_TYPE_ORDER[kinds[iri][0]], _sort_key(labels[iri]), str(iri)))
    ids = {iri: i for i, iri in enumerate(order)}
    paragraph_order = sorted(paragraphs, key=lambda p: (paragraphs[p]["doc"], paragraphs[p]["n"], str(p)))
    pids = {p: i for i, p in enumerate(paragraph_order)}

    # Recommendation -> entities reported under it, and back.
    reported: dict[URIRef, set[URIRef]] = {}
    rec_paragraphs: dict[URIRef, set[URIRef]] = {}
    for rec, sections in reported_by_sections.items():
        ps = set().union(*(section_paragraphs[s] for s in sections))
        rec_paragraphs[rec] = ps
        reported[rec] = {e for p in ps for e in paragraph_entities[p] if kinds[e][0] != "theme"}
    reported_under: dict[URIRef, set[URIRef]] = defaultdict(set)
    for rec, entities in reported.items():
        for e in entities:
            reported_under[e].add(rec)

    edges: set[tuple[int, int, str]] = set()
    for rec, theme in g.subject_objects(UPR.concernsTheme):
        if rec in ids and theme in ids:
            edges.add((ids[rec], ids[theme], "concerns theme"))
    for entity, ts in entity_themes.items():
        for theme in ts:
            if entity in ids and theme in ids:
                edges.add((ids[entity], ids[theme], "mentioned under theme"))
    for a, b in g.subject_objects(ELI.passed_by):
        if a in ids and b in ids:
            edges.add((ids[a], ids[b], "passed by"))
    for a, b in g.subject_objects(UPR.approvedBy):
        if a in ids and b in ids:
            edges.add((ids[a], ids[b], "approved by"))
    events = _events(g, kinds, labels, ids, pids)
    rights = _Rights.read(g, ids)
    for event in g.subjects(RDF.type, UPR.InstrumentEvent):
        on, by = g.value(event, UPR.onInstrument), g.value(event, UPR.byInstrument)
        if on in ids and by in ids and on != by:
            edges.add((ids[on], ids[by], f"{_tail(g.value(event, UPR.eventType))} by"))

    nodes = []
    for iri in order:
        kind, subtype = kinds[iri]
        node: dict[str, Any] = {
            "id": ids[iri],
            "iri": str(iri),
            "type": kind,
            "subtype": subtype,
            "label": labels[iri],
            "mentions": [
                [pids[p], start, end, quote]
                for p, start, end, quote in sorted(mentions.get(iri, []), key=lambda m: (pids[m[0]], m[1], m[2]))
            ],
            "themes": sorted(ids[t] for t in entity_themes.get(iri, ()) if t in ids),
        }
        if kind == "recommendation":
            _recommendation_details(g, iri, node)
            node["rights"] = sorted(rights.of.get(iri, ()))
            node["rights_source"] = rights.source.get(iri, "")
            node["themes"] = sorted(ids[t] for t in g.objects(iri, UPR.concernsTheme) if t in ids)
            node["reported"] = sorted(ids[e] for e in reported.get(iri, ()))
            node["paragraphs"] = sorted(pids[p] for p in rec_paragraphs.get(iri, ()))
            node["sections"] = sorted(
                {_text(g.value(s, DCTERMS.title)) or _text(g.value(s, RDFS.label))
                 for s in reported_by_sections.get(iri, ())}
            )
        elif kind == "theme":
            node["recommendations"] = sorted(ids[r] for r in g.subjects(UPR.concernsTheme, iri) if r in ids)
            node["entities"] = sorted(ids[e] for e, ts in entity_themes.items() if iri in ts and e in ids)
            node["paragraphs"] = sorted(pids[p] for p, info in paragraphs.items() if iri in info["themes"])
        else:
            node["recommendations"] = sorted(ids[r] for r in reported_under.get(iri, ()))
            node["facts"] = _facts(g, iri, kind, ids, labels, pids, paragraphs)
            node["events"] = events.get(iri, [])
        nodes.append(node)

    chains, steps, documents = _follow_up(g, nodes, paragraphs, pids, paragraph_entities, ids, kinds)
    for node in nodes:
        if node["type"] == "recommendation":
            node["chain"] = chains.get(node["id"], [])

    paragraph_list = []
    for p in paragraph_order:
        info = paragraphs[p]
        marks = sorted(
            {(start, end, ids[e]) for e in paragraph_entities[p]
             for q, start, end, _quote in mentions[e] if q == p and start >= 0}
        )
        paragraph_list.append({
            "iri": str(p),
            "doc": info["doc"],
            "n": info["n"],
            "section": info["section_title"],
            "text": info["text"],
            "marks": [list(m) for m in marks],
        })

    return {
        "types": [
            {"key": key, "label": label, "plural": plural, "color": color, "shape": shape,
             "count": sum(1 for n in nodes if n["type"] == key)}
            for key, label, plural, color, shape in TYPES
        ],
        "nodes": nodes,
        "rights": rights.facets,
        "edges": [list(e) for e in sorted(edges)],
        "paragraphs": paragraph_list,
        # every source document, a Working Group report and its addendum (which have no paragraphs drawn) included
        "documents": sorted({_text(g.value(d, DCTERMS.identifier)) or str(d)
                             for cls in (UPR.NationalReport, UPR.WorkingGroupReport, UPR.Addendum)
                             for d in g.subjects(RDF.type, cls)}),
        # the follow-up timeline (issue 19): the steps in the follow-up query's order, and each document
        # a step names with its date and review
        "steps": steps,
        "documentInfo": documents,
    }


def _follow_up(g: Graph, nodes, paragraphs, pids, paragraph_entities, ids, kinds):  # type: ignore[no-untyped-def]
    """Each recommendation's chain from the canned query ``follow-up`` (run once for every recommendation):
    node id -> [step, document, section, paragraph as printed, detail, paragraph index or -1, [node ids it
    names]], in the query's order; the steps in their order; document symbol -> {date, review, title}.

    A step's paragraph is drawn from the page's paragraphs (its marks are the quotes of what it names),
    so a detail that repeats the paragraph's text is left out; the linked nodes are what the paragraph
    mentions and the themes of its section."""
    from .follow_up import records, run_all, step_order

    rows = records(run_all(g, ("follow-up",))["follow-up"])
    by_number = {(n["number"], n["review"]): n["id"] for n in nodes if n["type"] == "recommendation"}
    printed = _printed_recommendations(g, nodes)
    paragraph_at: dict[tuple[str, str], URIRef] = {}
    for p, info in paragraphs.items():
        paragraph_at.setdefault((info["doc"], str(info["n"])), p)
    chains: dict[int, list[list[Any]]] = defaultdict(list)
    for row in rows:
        node_id = by_number.get((row["recommendation"], row["review"]))
        if node_id is None:
            continue
        document, paragraph = _text(row["document"]), _text(row["paragraph"])
        p = paragraph_at.get((document, paragraph))
        detail = _text(row["detail"])
        links: list[int] = []
        if p is not None:
            if detail == paragraphs[p]["text"]:
                detail = ""
            named = sorted(paragraph_entities[p], key=lambda e: (_TYPE_ORDER[kinds[e][0]], ids[e]))
            links = [ids[e] for e in named if kinds[e][0] != "theme"]
            links += sorted(ids[t] for t in paragraphs[p]["themes"] if t in ids)
        else:
            links = named_recommendations(row, printed)
        entry = [_text(row["step"]), document, _text(row["section"]), paragraph, detail,
                 pids[p] if p is not None else -1, links]
        chain = chains[node_id]
        if chain and _same_comment(chain[-1], entry):  # "supported: X" and "not accepted: X": one comment, two labels
            head, _, rest = chain[-1][4].partition(": ")
            chain[-1][4] = f"{head}; {detail.partition(': ')[0]}: {rest}"
        else:
            chain.append(entry)
    documents = {}
    for cls in (UPR.NationalReport, UPR.WorkingGroupReport, UPR.Addendum):
        for d in g.subjects(RDF.type, cls):
            symbol = _text(g.value(d, DCTERMS.identifier))
            if symbol:
                documents[symbol] = {
                    "date": _text(g.value(d, DCTERMS.issued)) or _text(g.value(d, DCTERMS.date)),
                    "review": _text(g.value(g.value(d, UPR.forReview), RDFS.label)),
                    "title": _text(g.value(d, RDFS.label)),
                }
    return dict(chains), step_order(rows), documents


_NUMBER = re.compile(r"\b\d+(?:\.\d+)+\b")


def _printed_recommendations(g: Graph, nodes) -> dict[tuple[str, str], int]:  # type: ignore[no-untyped-def]
    """(symbol of the document that prints it, number) -> the recommendation's node id."""
    out = {}
    for node in nodes:
        if node["type"] == "recommendation":
            for source in g.objects(URIRef(node["iri"]), DCTERMS.source):
                symbol = _text(g.value(source, DCTERMS.identifier))
                if symbol:
                    out[(symbol, node["number"])] = node["id"]
    return out


def named_recommendations(row: dict[str, Any], printed: dict[tuple[str, str], int]) -> list[int]:
    """The recommendations of a step's own document that its section or detail names by number (a later
    recommendation that repeats this one, "recommendation 115.32" of A/HRC/28/15), as node ids."""
    document = _text(row.get("document"))
    found = []
    for text in (_text(row.get("section")), _text(row.get("detail"))):
        for number in _NUMBER.findall(text):
            node_id = printed.get((document, number))
            if node_id is not None and node_id not in found:
                found.append(node_id)
    return found


def _same_comment(before: list[Any], entry: list[Any]) -> bool:
    """Two rows of one step, document and place whose details are one comment under two labels."""
    if before[:4] != entry[:4] or ": " not in before[4] or ": " not in entry[4]:
        return False
    return before[4].partition(": ")[2] == entry[4].partition(": ")[2]


class _Rights:
    """The rights facets: UHRI themes, groups of persons and SDG goals on the drawn recommendations (the tags
    that answer for each, rights.shown: a list's published ones, else the inferred ones). ``facets`` is the
    page's list, [kind, key, label, recommendation ids] in the order themes by code, groups, goals by number;
    ``of`` maps a recommendation to the indexes of its facets in that list."""

    KINDS = (("https://w3id.org/uprgraph/vocab/uhri/theme/", "theme"),
             ("https://w3id.org/uprgraph/vocab/uhri/group/", "group"), ("https://w3id.org/uprgraph/vocab/sdg/", "sdg"))

    def __init__(self) -> None:
        self.facets: list[list[Any]] = []
        self.of: dict[URIRef, list[int]] = {}
        self.source: dict[URIRef, str] = {}

    @classmethod
    def read(cls, g: Graph, ids: dict[URIRef, int]) -> _Rights:
        from .rights.shown import shown_tags

        found: dict[URIRef, set[int]] = defaultdict(set)  # concept -> recommendation ids
        sources: dict[URIRef, set[str]] = defaultdict(set)
        for shown in shown_tags(g):
            if shown.recommendation in ids and cls._kind(shown.concept) and "." not in _tail(shown.concept):
                found[shown.concept].add(ids[shown.recommendation])  # goals only, not the SDG targets
                sources[shown.recommendation].add(shown.source)
        rows = []
        for concept, recs in found.items():
            kind = cls._kind(concept)
            code = _text(g.value(concept, SKOS.notation))
            label = _text(g.value(concept, SKOS.prefLabel))
            if kind == "sdg":
                short = _text(g.value(concept, SKOS.altLabel)) or label
                label, order = f"SDG {code} {short}".strip(), (2, int(code) if code.isdigit() else 0, "")
            else:
                label = f"{code} {label}".strip()
                order = (0 if kind == "theme" else 1, 0, label.casefold())
            rows.append((order, kind, code or label, label, sorted(recs), concept))
        rights = cls()
        by_id = {i: iri for iri, i in ids.items()}
        for index, (_order, kind, key, label, recs, _concept) in enumerate(sorted(rows)):
            rights.facets.append([kind, key, label, recs])
            for rec in recs:
                rights.of.setdefault(by_id[rec], []).append(index)
        rights.source = {rec: ", ".join(sorted(s)) for rec, s in sources.items()}
        return rights

    @classmethod
    def _kind(cls, concept: URIRef) -> str | None:
        return next((kind for prefix, kind in cls.KINDS if str(concept).startswith(prefix)), None)


def _drawn_entities(g: Graph) -> dict[URIRef, tuple[str, str]]:
    kinds: dict[URIRef, tuple[str, str]] = {}
    for cls, kind, subtype in _CLASSES:
        for s in g.subjects(RDF.type, cls):
            if isinstance(s, URIRef) and s not in kinds:
                kinds[s] = (kind, subtype)
    return kinds


def _themes(g: Graph) -> set[URIRef]:
    themes = {t for t in g.objects(None, UPR.theme) if isinstance(t, URIRef)}
    themes |= {t for t in g.objects(None, UPR.concernsTheme) if isinstance(t, URIRef)}
    return themes


def _paragraphs(g: Graph) -> dict[URIRef, dict[str, Any]]:
    out = {}
    for p in g.subjects(RDF.type, UPR.Paragraph):
        if not isinstance(p, URIRef):
            continue
        section = g.value(p, DCTERMS.isPartOf)
        number = g.value(p, UPR.paragraphNumber)
        out[p] = {
            "text": _text(g.value(p, UPR.text)),
            "n": int(number) if isinstance(number, Literal) and str(number).isdigit() else 0,
            "section": section,
            "section_title": _text(g.value(section, DCTERMS.title)) if section is not None else "",
            "themes": set(g.objects(section, UPR.theme)) if section is not None else set(),
            "doc": _document_symbol(g, p),
        }
    return out


def _document_symbol(g: Graph, node: URIRef) -> str:
    seen = set()
    while node is not None and node not in seen:
        seen.add(node)
        if (node, RDF.type, UPR.NationalReport) in g or (node, RDF.type, UPR.WorkingGroupReport) in g:
            return _text(g.value(node, DCTERMS.identifier)) or str(node)
        node = g.value(node, DCTERMS.isPartOf)
    return ""


def _mentions(g: Graph, kinds, paragraphs) -> dict[URIRef, list[tuple[URIRef, int, int, str]]]:
    """Entity -> (paragraph, start, end, quote) of each mention of it; start -1 when not found."""
    out: dict[URIRef, set[tuple[URIRef, int, int, str]]] = defaultdict(set)
    for m in g.subjects(RDF.type, UPR.Mention):
        body = g.value(m, OA.hasBody)
        if body not in kinds:
            continue
        for target in g.objects(m, OA.hasTarget):
            source = g.value(target, OA.hasSource)
            if source not in paragraphs:
                source = g.value(source, DCTERMS.isPartOf)  # a paragraph item: its paragraph
            if source not in paragraphs:
                continue
            selector = g.value(target, OA.hasSelector)
            quote = _text(g.value(selector, OA.exact))
            prefix = _text(g.value(selector, OA.prefix))
            text = paragraphs[source]["text"]
            start = text.find(prefix + quote) + len(prefix) if prefix and prefix + quote in text else text.find(quote)
            end = start + len(quote) if start >= 0 else -1
            out[body].add((source, start, end, quote))
    return {k: sorted(v, key=lambda x: (str(x[0]), x[1], x[3])) for k, v in out.items()}


def _recommendation_details(g: Graph, rec: URIRef, node: dict[str, Any]) -> None:
    node["number"] = _text(g.value(rec, UPR.recommendationNumber))
    node["name"] = _text(g.value(rec, RDFS.label)) or f"Recommendation {node['number']}"
    node["text"] = _text(g.value(rec, UPR.text))
    node["review"] = _text(g.value(g.value(rec, UPR.issuedIn), RDFS.label))
    node["states"] = sorted(_text(g.value(s, RDFS.label)) or _tail(s) for s in g.objects(rec, UPR.recommendedBy))
    responses = set()
    for r in g.subjects(UPR.respondsTo, rec):
        status = g.value(r, UPR.responseStatus)
        status_label = _text(g.value(status, SKOS.prefLabel)) or _tail(status).replace("-", " ")
        doc = _text(g.value(g.value(r, UPR.statedInDocument), DCTERMS.identifier))
        where = doc
        paragraph = g.value(r, UPR.inParagraph)
        if paragraph is not None:
            where = f"{doc}, para. {paragraph}" if doc else f"para. {paragraph}"
        stated_in = g.value(r, UPR.statedIn)
        if stated_in is not None and g.value(stated_in, UPR.paragraphNumber) is not None:
            where = f"{where}, para. {g.value(stated_in, UPR.paragraphNumber)}"
        responses.add((status_label, where))
    node["responses"] = [list(r) for r in sorted(responses)]


def _facts(g, iri, kind, ids, labels, pids, paragraphs) -> list[list[Any]]:
    """Label/value pairs for an entity's details; a value may be [node id, label] for a link."""
    facts: list[list[Any]] = []

    def add(name, value):
        if value not in (None, ""):
            facts.append([name, value])

    if kind in ("legal", "policy", "treaty"):
        add("kind", _tail(g.value(iri, UPR.instrumentKind)).replace("-", " "))
        add("number", _text(g.value(iri, UPR.instrumentNumber)))
        add("date", _text(g.value(iri, DCTERMS.date)))
        add("date as printed", _text(g.value(iri, UPR.datePrinted)))
        for issuer in sorted(g.objects(iri, ELI.passed_by)):
            add("passed by", [ids[issuer], labels[issuer]] if issuer in ids else _label(g, issuer, ""))
        for other in sorted(g.objects(iri, UPR.approvedBy)):
            add("approved by", [ids[other], labels[other]] if other in ids else _label(g, other, ""))
        add("jurisdiction", _text(g.value(g.value(iri, UPR.jurisdiction), RDFS.label)))
    elif kind == "visit":
        add("mandate", _text(g.value(g.value(iri, UPR.mandate), RDFS.label)))
        holder = g.value(iri, UPR.mandateHolder)
        add("mandate holder", _text(g.value(holder, FOAF.name)) or _text(g.value(holder, RDFS.label)))
        add("year", _text(g.value(iri, UPR.visitYear)))
        add("date as printed", _text(g.value(iri, UPR.datePrinted)))
        add("status", _tail(g.value(iri, UPR.visitStatus)))
        for p in sorted(g.objects(iri, UPR.reportedIn)):
            if p in paragraphs:
                add("reported in", ["p", pids[p], f"para. {paragraphs[p]['n']}"])
    for match in sorted(g.objects(iri, SKOS.exactMatch)):
        add("same as", str(match))
    return facts


def _events(g, kinds, labels, ids, pids) -> dict[URIRef, list[list[Any]]]:
    """Instrument -> its events: [type, date, [by id, label] or "", articles, paragraph index or -1]."""
    out: dict[URIRef, list[list[Any]]] = defaultdict(list)
    for event in g.subjects(RDF.type, UPR.InstrumentEvent):
        on = g.value(event, UPR.onInstrument)
        if on not in ids:
            continue
        by = g.value(event, UPR.byInstrument)
        paragraph = g.value(event, UPR.reportedIn)
        out[on].append([
            _tail(g.value(event, UPR.eventType)).replace("-", " "),
            _text(g.value(event, DCTERMS.date)) or _text(g.value(event, UPR.datePrinted)),
            [ids[by], labels[by]] if by in ids else "",
            ", ".join(sorted(_text(a) for a in g.objects(event, UPR.article))),
            pids.get(paragraph, -1),
        ])
    return {k: sorted(v, key=lambda e: (e[1], e[0], e[4], json.dumps(e[2]), e[3])) for k, v in out.items()}


# --------------------------------------------------------------------------------------------
# Helpers


def _label(g: Graph, iri, kind: str) -> str:
    if kind == "recommendation":
        return _text(g.value(iri, UPR.recommendationNumber)) or _text(g.value(iri, RDFS.label)) or _tail(iri)
    for prop in (SKOS.prefLabel, RDFS.label, DCTERMS.title, FOAF.name):
        value = g.value(iri, prop)
        if value is not None:
            return _text(value)
    return _tail(iri)


def _sort_key(label: str) -> tuple:
    # "95.9" before "95.10": numbers inside labels compare as numbers.
    parts = re.findall(r"\d+|\D+", label)
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold()) for part in parts)


def _text(value) -> str:
    return "" if value is None else str(value)


def _tail(iri) -> str:
    if iri is None:
        return ""
    return re.split(r"[/#]", str(iri).rstrip("/"))[-1]


def _asset(name: str) -> str:
    return (resources.files("uprgraph") / "explorer" / name).read_text(encoding="utf-8")


def _vis_network() -> tuple[str, str]:
    """vis-network's minified JavaScript and CSS, read from the installed pyvis package.

    ``find_spec`` locates the package without importing it (pyvis's ``__init__`` imports IPython).
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise UprgraphError(PYVIS_MISSING)
    lib = Path(next(iter(spec.submodule_search_locations))) / "lib" / f"vis-{VIS_VERSION}"
    try:
        js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        css = (lib / "vis-network.css").read_text(encoding="utf-8")
    except OSError as error:
        raise UprgraphError(f"{PYVIS_MISSING}; its vis-network {VIS_VERSION} files were not found: {error}") from error
    return js, css


def _script_safe(code: str) -> str:
    # Inside <script>, "</script" ends the element and "<!--" can change how the parser reads the
    # rest; "<\/" and "<\!" mean the same to JavaScript (in strings, regular expressions, comments).
    code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--")


def _json_for_html(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
