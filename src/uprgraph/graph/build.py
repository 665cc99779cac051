"""Document + Extraction -> rdflib Graph. Every node has a deterministic IRI (see iris.py); every
extracted fact points back to the paragraph and exact quote it came from (Web Annotation)."""

from __future__ import annotations

import re
from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from .. import registries
from ..document import Document
from ..extract.model import Event, Extraction, InstrumentMention, Span
from ..extract.text import slug
from ..namespaces import ELI, EVENT, KIND, OA, RESPONSE, UPR, VISIT, WD
from ..registries import Institution, Treaty
from .iris import Minter, symbol_slug
from .triples import Triples

POLICY_KINDS = {"state-programme", "programme", "plan", "strategy", "policy-framework", "doctrine"}
INSTITUTION_CLASS = {
    "state-body": UPR.StateBody, "nhri": UPR.NationalHumanRightsInstitution, "un-body": UPR.InternationalBody,
    "international-organization": UPR.InternationalBody, "ngo": UPR.NonGovernmentalOrganization,
    "organization": UPR.Institution,
}
CONTEXT = 32  # characters of prefix and suffix kept with a quote


def date_literal(iso: str) -> Literal:
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(iso)]
    return Literal(iso, datatype=datatype)


class _Builder:
    def __init__(self, document: Document, extraction: Extraction, base: str) -> None:
        self.doc = document
        self.x = extraction
        self.g = Triples()
        state = document.state_code or "unknown"
        doc_key = symbol_slug(document.symbol) if document.symbol else slug(re.sub(r"\.\w+$", "", document.name))
        self.iri = Minter(base, doc_key, state)
        self.state_code = state
        session = document.session
        self.cycle = registries.cycle_of_session(session) if session else None
        # A national report of cycle N follows up the recommendations of the State's review in cycle N-1.
        self.rec_cycle: int | str = self.cycle - 1 if self.cycle and self.cycle > 1 else "unknown"
        self.mention_iris: set[URIRef] = set()
        self.events_in: dict[int, int] = defaultdict(int)
        self.institution_nodes: dict[URIRef, Institution] = {}
        self.institution_keys: dict[str, URIRef] = {}
        self.instrument_iris = self._instrument_iris()

    def _instrument_iris(self) -> dict[str, URIRef]:
        """A readable IRI per instrument: its number and date where printed ("presidential-decree/648/2013-09-24"),
        else a slug of the title of its first mention ("code/criminal-code"). Keys group the mentions; two
        different instruments whose slugs meet get a numeric suffix, in order of first mention."""
        iris: dict[str, URIRef] = {}
        used: set[URIRef] = set()
        for mention in self.x.instruments:
            if mention.kind == "unnamed" or mention.key in iris:
                continue
            family = mention.key.split("/")[0]
            local = mention.key if mention.number else f"{family}/{slug(mention.title)}"
            iri, n = self.iri.instrument(local), 2
            while iri in used:
                iri, n = self.iri.instrument(f"{local}-{n}"), n + 1
            used.add(iri)
            iris[mention.key] = iri
        return iris

    def add(self, s: URIRef, p: URIRef, o) -> None:  # type: ignore[no-untyped-def]
        if o is not None:
            self.g.add((s, p, o))

    # ------------------------------------------------------------------ the review and the document
    def frame(self) -> None:
        iri = self.iri
        state_node(self.g, iri, self.state_code)
        doc = iri.document()
        self.add(doc, RDF.type, UPR.NationalReport)
        self.add(doc, UPR.sourceFile, Literal(self.doc.name))
        if self.doc.symbol:
            self.add(doc, DCTERMS.identifier, Literal(self.doc.symbol))
            self.add(doc, RDFS.label, Literal(f"National report {self.doc.symbol}", lang="en"))
        if self.doc.session:
            self.add(doc, UPR.workingGroupSession, Literal(self.doc.session, datatype=XSD.integer))
        if self.cycle:
            self._review(self.cycle)
            self.add(doc, UPR.forReview, iri.review(self.cycle))
        if self.rec_cycle != "unknown":
            self._review(self.rec_cycle)
            self.add(doc, UPR.reportsOnReview, iri.review(self.rec_cycle))
        scheme = iri.theme_scheme()
        self.add(scheme, RDF.type, SKOS.ConceptScheme)
        self.add(scheme, SKOS.prefLabel, Literal("Rights and themes of UPR reports", lang="en"))

    def _review(self, cycle: int | str) -> None:
        review_node(self.g, self.iri, self.state_code, cycle)

    def structure(self) -> None:
        iri = self.iri
        for order, section in enumerate(self.doc.sections, start=1):
            node = iri.section(section.key)
            self.add(node, RDF.type, UPR.Chapter if section.kind == "chapter" else UPR.ThematicSection)
            self.add(node, DCTERMS.title, Literal(section.heading, lang="en"))
            self.add(node, RDFS.label, Literal(section.heading, lang="en"))
            self.add(node, UPR.order, Literal(order, datatype=XSD.integer))
            if section.chapter:
                self.add(node, UPR.chapterNumber, Literal(section.chapter))
            self.add(node, DCTERMS.isPartOf, iri.section(section.parent) if section.parent else iri.document())
            theme = None
            if section.kind == "theme" or section.recommendations:
                theme = iri.theme(slug(section.heading))
                self.add(theme, RDF.type, SKOS.Concept)
                self.add(theme, SKOS.prefLabel, Literal(section.heading, lang="en"))
                self.add(theme, SKOS.inScheme, iri.theme_scheme())
                self.add(node, UPR.theme, theme)
            if section.recommendations_printed:
                self.add(node, UPR.recommendationsAsPrinted, Literal(section.recommendations_printed))
            for number in section.recommendations:
                rec = self.recommendation(number)
                self.add(node, UPR.reportsOn, rec)
                self.add(rec, UPR.concernsTheme, theme)
        for paragraph in self.doc.paragraphs:
            node = iri.paragraph(paragraph.number)
            self.add(node, RDF.type, UPR.Paragraph)
            self.add(node, UPR.paragraphNumber, Literal(paragraph.number, datatype=XSD.integer))
            self.add(node, UPR.text, Literal(paragraph.text))
            self.add(node, DCTERMS.isPartOf, iri.section(paragraph.section))
            for item in paragraph.items:
                child = iri.item(paragraph.number, item.label)
                self.add(child, RDF.type, UPR.ParagraphItem)
                self.add(child, UPR.itemLabel, Literal(item.label))
                self.add(child, UPR.text, Literal(paragraph.item_text(item)))
                self.add(child, DCTERMS.isPartOf, node)

    def recommendation(self, number: str) -> URIRef:
        return recommendation_node(self.g, self.iri, self.rec_cycle, number)

    # ------------------------------------------------------------------ provenance
    def mention(self, span: Span, body: URIRef) -> URIRef:
        node = self.iri.mention(span.paragraph, span.start, span.end)
        n = 2
        while node in self.mention_iris:
            node = self.iri.mention(span.paragraph, span.start, span.end, f"-{n}")
            n += 1
        self.mention_iris.add(node)
        text = self.doc.paragraph(span.paragraph).text
        target = URIRef(f"{node}/target")
        selector = URIRef(f"{node}/quote")
        self.add(node, RDF.type, UPR.Mention)
        self.add(node, RDF.type, OA.Annotation)
        self.add(node, OA.motivatedBy, OA.identifying)
        self.add(node, OA.hasBody, body)
        self.add(node, OA.hasTarget, target)
        self.add(target, RDF.type, OA.SpecificResource)
        self.add(target, OA.hasSource, self.iri.paragraph(span.paragraph))
        self.add(target, OA.hasSelector, selector)
        self.add(selector, RDF.type, OA.TextQuoteSelector)
        self.add(selector, OA.exact, Literal(span.quote))
        self.add(selector, OA.prefix, Literal(text[max(0, span.start - CONTEXT) : span.start]))
        self.add(selector, OA.suffix, Literal(text[span.end : span.end + CONTEXT]))
        return node

    # ------------------------------------------------------------------ entities
    def institution(self, inst: Institution, printed: str | None = None) -> URIRef:
        # A registry body is named by its key; another by the slug of its first spelling.
        if inst.key not in self.institution_keys:
            local = slug(inst.label) if inst.key.startswith("name:") else inst.key
            self.institution_keys[inst.key] = self.iri.institution(local, inst.scope)
        node = self.institution_keys[inst.key]
        if node not in self.institution_nodes:
            self.institution_nodes[node] = inst
            # the superclass too, so that shapes and queries need no reasoner
            self.add(node, RDF.type, INSTITUTION_CLASS.get(inst.kind, UPR.Institution))
            self.add(node, RDF.type, UPR.Institution)
            self.add(node, RDFS.label, Literal(self._institution_label(inst), lang="en"))
            if inst.scope == "state":
                self.add(node, UPR.jurisdiction, self.iri.state())
            if inst.wikidata:
                self.add(node, SKOS.exactMatch, WD[inst.wikidata])
        label = self._institution_label(inst)
        for name in (inst.label, printed):  # a designation's name as this report prints it
            if name and name != label:
                self.add(node, SKOS.altLabel, Literal(name, lang="en"))
        return node

    def _institution_label(self, inst: Institution) -> str:
        """A designation any State uses ("ombudsman", registries/institutions.csv scope `any`) is one node per
        State that every report of that State describes: its label comes from what defines the IRI (the
        designation and the State), never from one report's spelling, which stays an skos:altLabel."""
        if inst.key.startswith("name:") or inst.key not in registries.designations() or inst.state or inst.scope != "state":
            return inst.label
        state = registries.states().get(self.state_code)
        return f"{registries.designations()[inst.key]} of {state.label if state else self.state_code}"

    def institutions(self) -> None:
        for mention in self.x.institutions:
            node = self.institution(mention.institution, mention.span.quote)
            self.mention(mention.span, node)

    def instruments(self) -> None:
        by_key: dict[str, list[InstrumentMention]] = defaultdict(list)
        for mention in self.x.instruments:
            if mention.kind != "unnamed":
                by_key[mention.key].append(mention)
        for key, mentions in by_key.items():
            node = self.instrument_iris[key]
            first = mentions[0]
            kind = first.kind  # the extraction gives every mention of one instrument its most specific kind
            self.add(node, RDF.type, UPR.PolicyInstrument if kind in POLICY_KINDS else UPR.LegalInstrument)
            self.add(node, RDFS.label, Literal(first.title, lang="en"))
            self.add(node, UPR.instrumentKind, KIND[kind])
            self.add(node, UPR.jurisdiction, self.iri.state())
            number = next((m.number for m in mentions if m.number), None)
            self.add(node, UPR.instrumentNumber, Literal(number) if number else None)
            date = _most_specific_date([m.date for m in mentions if m.date])
            self.add(node, DCTERMS.date, date_literal(date) if date else None)
            issuer = next((m.issuer for m in mentions if m.issuer), None)
            if issuer:
                self.add(node, ELI.passed_by, self.institution(issuer))
        for mention in self.x.instruments:
            if mention.kind == "unnamed":
                for event in mention.events:
                    node = self.event(mention.span, event, None)
                    self.mention(mention.span, node)
                continue
            node = self.instrument_iris[mention.key]
            quote = self.mention(mention.span, node)
            for article in mention.articles:
                self.add(quote, UPR.article, Literal(article))
            for event in mention.events:
                ev = self.event(mention.span, event, node)
                self.add(ev, PROV.wasDerivedFrom, quote)
                if event.type == "approved" and event.by:
                    self.add(node, UPR.approvedBy, self.instrument_iris[event.by])

    def event(self, span: Span, event: Event, on: URIRef | None) -> URIRef:
        self.events_in[span.paragraph] += 1
        node = self.iri.event(span.paragraph, self.events_in[span.paragraph])
        self.add(node, RDF.type, UPR.InstrumentEvent)
        self.add(node, UPR.eventType, EVENT[event.type])
        self.add(node, UPR.onInstrument, on)
        self.add(node, UPR.reportedIn, self.iri.paragraph(span.paragraph))
        if event.by:
            self.add(node, UPR.byInstrument, self.instrument_iris[event.by])
        if event.date:
            self.add(node, DCTERMS.date, date_literal(event.date))
        for article in event.articles:
            self.add(node, UPR.article, Literal(article))
        return node

    def treaties(self) -> None:
        registry = registries.treaties()
        for mention in self.x.treaties:
            treaty = registry.get(mention.key) or Treaty(mention.key, mention.label, "treaty", (), None, None)
            node = self.iri.treaty(treaty.key)
            self.add(node, RDF.type, UPR.Treaty)
            self.add(node, RDFS.label, Literal(treaty.label, lang="en"))
            self.add(node, UPR.instrumentKind, KIND[treaty.kind])
            if treaty.wikidata:
                self.add(node, SKOS.exactMatch, WD[treaty.wikidata])
            quote = self.mention(mention.span, node)
            for article in mention.articles:
                self.add(quote, UPR.article, Literal(article))
            for event in mention.events:
                ev = self.event(mention.span, event, node)
                self.add(ev, UPR.actingState, self.iri.state())
                self.add(ev, PROV.wasDerivedFrom, quote)

    def visits(self) -> None:
        for mention in self.x.visits:
            mandate_slug = slug(mention.mandate)
            mandate = self.iri.mandate(mandate_slug)
            self.add(mandate, RDF.type, UPR.SpecialProcedureMandate)
            self.add(mandate, RDFS.label, Literal(mention.mandate, lang="en"))
            person = None
            if mention.person:
                person = self.iri.person(slug(mention.person))
                self.add(person, RDF.type, FOAF.Person)
                self.add(person, FOAF.name, Literal(mention.person))
            years = mention.years or (f"p{mention.span.paragraph}",)
            for year in years:
                key = year if mention.status == "completed" else f"{year}-{mention.status}"
                visit = self.iri.visit(mandate_slug, key)
                self.add(visit, RDF.type, UPR.CountryVisit)
                self.add(visit, UPR.mandate, mandate)
                self.add(visit, UPR.mandateHolder, person)
                self.add(visit, UPR.visitedState, self.iri.state())
                self.add(visit, UPR.visitStatus, VISIT[mention.status])
                self.add(visit, UPR.reportedIn, self.iri.paragraph(mention.span.paragraph))
                if year.isdigit():
                    self.add(visit, UPR.visitYear, Literal(year, datatype=XSD.gYear))
                if mention.date_printed:
                    self.add(visit, UPR.datePrinted, Literal(mention.date_printed))
                label = f"Visit of the {mention.mandate}" + (f" ({year})" if year.isdigit() else "")
                self.add(visit, RDFS.label, Literal(label, lang="en"))
                self.mention(mention.span, visit)

    def responses(self) -> None:
        for mention in self.x.responses:
            for number in mention.recommendations:
                rec = self.recommendation(number)
                node = self.iri.response(self.rec_cycle, number, mention.status)
                self.add(node, RDF.type, UPR.StateResponse)
                self.add(node, UPR.respondsTo, rec)
                self.add(node, UPR.responseStatus, RESPONSE[mention.status])
                self.add(node, UPR.statedIn, self.iri.paragraph(mention.span.paragraph))
                self.add(node, UPR.statedInDocument, self.iri.document())
                self.add(node, RDFS.label, Literal(f"{mention.status.replace('-', ' ')}: {number}", lang="en"))
                self.mention(mention.span, node)


def state_node(g: Graph | Triples, iri: Minter, code: str) -> URIRef:
    """A State: its ISO 3166-1 code, its name, and its Wikidata item where verified (registries/states.csv)."""
    state = iri.state(code)
    info = registries.states().get(code)
    g.add((state, RDF.type, UPR.State))
    g.add((state, SKOS.notation, Literal(code)))
    g.add((state, RDFS.label, Literal(info.label if info else code, lang="en")))
    if info and info.wikidata:
        g.add((state, SKOS.exactMatch, WD[info.wikidata]))
    return state


def review_node(g: Graph | Triples, iri: Minter, code: str, cycle: int | str) -> URIRef:
    review = iri.review(cycle)
    info = registries.states().get(code)
    g.add((review, RDF.type, UPR.Review))
    g.add((review, UPR.stateUnderReview, iri.state(code)))
    if isinstance(cycle, int):  # an unknown cycle is no number
        g.add((review, UPR.cycle, Literal(cycle, datatype=XSD.integer)))
    g.add((review, RDFS.label, Literal(f"{info.label if info else code}, UPR cycle {cycle}", lang="en")))
    return review


def recommendation_node(g: Graph | Triples, iri: Minter, cycle: int | str, number: str) -> URIRef:
    """A recommendation as every document that names it describes it: its number, its label, its review.
    Each document's graph says this much itself, so that graph stands alone in a store."""
    rec = iri.recommendation(cycle, number)
    g.add((rec, RDF.type, UPR.Recommendation))
    g.add((rec, UPR.recommendationNumber, Literal(number)))
    g.add((rec, RDFS.label, Literal(f"Recommendation {number}", lang="en")))
    if cycle != "unknown":
        g.add((rec, UPR.issuedIn, iri.review(cycle)))
    return rec


def _most_specific_date(dates: list[str]) -> str | None:
    """The fullest date that agrees with the others ("2013" and "2013-07" -> "2013-07"); the first on disagreement."""
    if not dates:
        return None
    best = dates[0]
    for date in dates[1:]:
        if date.startswith(best) and len(date) > len(best):
            best = date
    return best


def build_graph(document: Document, extraction: Extraction, base_iri: str) -> Graph:
    return build_triples(document, extraction, base_iri).graph()


def build_triples(document: Document, extraction: Extraction, base_iri: str) -> Triples:
    builder = _Builder(document, extraction, base_iri)
    builder.frame()
    builder.structure()
    builder.institutions()
    builder.instruments()
    builder.treaties()
    builder.visits()
    builder.responses()
    return builder.g
