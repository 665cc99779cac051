"""The one-call API: report bytes -> validated graph. The CLI is a thin shell over this."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from rdflib import Graph, URIRef

from .document import Document
from .errors import InputError, NotReadYet, one_line
from .extract.model import Extraction
from .extract.run import extract_all
from .graph.build import build_triples
from .graph.iris import check_base
from .graph.triples import Triples
from .graph.working_group import working_group_triples
from .ingest import decode_report, doctype, parse_document
from .ingest.addendum import Addendum, parse_addendum
from .ingest.numbering import resolve_bare_numbers
from .ingest.text import decoding_notes, reindent_pages
from .ingest.working_group import WorkingGroupReport, parse_working_group
from .rights.thematic_list import ThematicList
from .validate import ValidationReport, validate

DEFAULT_BASE_IRI = "https://w3id.org/uprgraph/id/"


@dataclass
class Source:
    """One input document, read and turned into its own graph."""

    name: str
    kind: str  # "national-report", "working-group-report", "addendum" or "thematic-list"
    triples: Triples
    document: Document | None = None  # a national report's structure
    extraction: Extraction | None = None  # and what was extracted from it
    working_group: WorkingGroupReport | None = None
    addendum: Addendum | None = None
    warnings: list[str] = field(default_factory=list)
    thematic_list: ThematicList | None = None

    @cached_property
    def graph(self) -> Graph:
        """The document's triples as an rdflib Graph, made on first use."""
        return self.triples.graph()

    @property
    def document_iri(self):  # type: ignore[no-untyped-def]
        from rdflib.namespace import RDF

        from .namespaces import UPR

        for cls in (UPR.NationalReport, UPR.WorkingGroupReport, UPR.Addendum, UPR.ThematicList):
            for subject in self.triples.subjects(RDF.type, cls):
                return subject
        raise ValueError(f"{self.name}: no document node")  # every builder makes one

    @property
    def symbol(self) -> str | None:
        if self.document is not None:
            return self.document.symbol
        if self.addendum is not None:
            return self.addendum.symbol
        if self.thematic_list is not None:
            return None  # a thematic list has no UN symbol; it is named by its file
        return self.working_group.symbol if self.working_group else None


@dataclass
class BuildResult:
    triples: Triples  # every source's triples together, and the dataset's description
    sources: list[Source]
    metadata: Graph  # the dataset's description (VoID, DCAT, PROV)
    base_iri: str
    summary: dict[str, int | bool | str]
    report: ValidationReport | None = None
    warnings: list[str] = field(default_factory=list)
    # one line per input document that could not be read and was left out (see _or_skip)
    skipped: list[str] = field(default_factory=list)

    @cached_property
    def graph(self) -> Graph:
        """Every source's triples together, and the dataset's description, as an rdflib Graph made on first use."""
        return self.triples.graph()

    def named_graphs(self) -> dict:  # type: ignore[type-arg]
        """Named graph IRI -> rdflib Graph: one graph per source document, one for the description."""
        return self._named(lambda source: source.graph)

    def named_triples(self) -> dict:  # type: ignore[type-arg]
        """Named graph IRI -> triples, as named_graphs() without making rdflib Graphs (export.rdf.serialize
        and store.Handle.replace_graphs take either)."""
        return self._named(lambda source: source.triples)

    def _named(self, triples_of) -> dict:  # type: ignore[no-untyped-def,type-arg]
        from .export.metadata import document_graph_iri, metadata_graph_iri

        graphs = {document_graph_iri(self.base_iri, s.symbol or s.name): triples_of(s) for s in self.sources}
        graphs[metadata_graph_iri(self.base_iri)] = self.metadata
        return graphs

    @property
    def document(self) -> Document | None:
        """The first national report's structure."""
        return next((s.document for s in self.sources if s.document is not None), None)

    @property
    def extraction(self) -> Extraction | None:
        return next((s.extraction for s in self.sources if s.extraction is not None), None)


def read(data: bytes, name: str = "report") -> tuple[Document, Extraction]:
    """A national report's structure and what is extracted from it."""
    document = parse_document(_text(data, name), name)
    return document, extract_all(document)


def _text(data: bytes, name: str, notes: list[str] | None = None) -> str:
    """The document's text; ``notes`` receives a PDF's footnotes and endnotes (a text keeps them inline)."""
    if data.startswith(b"%PDF"):
        from .ingest.pdf import pdf_to_text

        return pdf_to_text(data, name, notes)
    text = decode_report(data, name)
    # a text extraction that kept the pages' layout (pdftotext -layout): rebuild the indentation
    return reindent_pages(text) if "\f" in text else text


def read_source(data: bytes, name: str, base_iri: str = DEFAULT_BASE_IRI) -> Source:
    """Read one document, of the kind its title page names (see ingest.doctype)."""
    return _source(_parse(data, name), base_iri)


Parsed = Document | WorkingGroupReport | Addendum | ThematicList


def _parse(data: bytes, name: str) -> Parsed:
    from .rights import thematic_list

    if thematic_list.is_docx(data):  # a thematic list as published (no other input comes as Word)
        return thematic_list.read_docx(data, name)
    notes: list[str] = []
    text = _text(data, name, notes)
    parsed = parse_text(text, name, notes)
    decoding = [] if data.startswith(b"%PDF") else decoding_notes(data, name)
    return dataclasses.replace(parsed, warnings=(*decoding, *parsed.warnings)) if decoding else parsed


def parse_text(text: str, name: str, notes: list[str] = ()) -> Parsed:  # type: ignore[assignment]
    """The one place where a document's kind (ingest.doctype) chooses its reader. A kind without a reader
    is refused in one line that names it (NotReadYet); a text whose title page names no kind is read as
    a national report, whose reader refuses what does not have a UN report's structure. ``notes``: a
    PDF's footnotes and endnotes, set apart by the PDF reader (an addendum states its numbering there)."""
    from .rights import thematic_list

    if thematic_list.looks_like_thematic_list(text):  # a thematic list's text or PDF form: no title page
        return thematic_list.read_text(text, name)
    kind = doctype.classify(text)
    if kind == doctype.WORKING_GROUP_REPORT:
        return parse_working_group(text, name)
    if kind == doctype.WORKING_GROUP_ADDENDUM:
        return parse_addendum(text, name, "\n".join(notes))
    if kind in (doctype.NATIONAL_REPORT, None):
        return dataclasses.replace(parse_document(text, name), notes="\n".join(notes))
    raise NotReadYet(f"{name}: this is {doctype.describe(kind)}; uprgraph does not read this document type yet")


def _source(parsed: Parsed, base_iri: str, warnings: list[str] = (),  # type: ignore[assignment]
            reports: list[WorkingGroupReport] = ()) -> Source:  # type: ignore[assignment]
    """One document's graph. ``reports``: the Working Group reports among the inputs. A document's graph
    never depends on whether a thematic list is among the inputs: a Working Group report keeps the tags
    inferred for its recommendations, and readers prefer a list's published tags where a recommendation
    has any (rights/shown.py, the rights queries), so a single build and a corpus store answer alike."""
    from .rights import graph as rights

    if isinstance(parsed, Addendum):
        return _addendum_source(parsed, base_iri, list(reports), list(warnings))
    if isinstance(parsed, ThematicList):
        triples, notes = rights.list_triples(parsed, base_iri, list(reports))
        return Source(parsed.name, "thematic-list", triples, thematic_list=parsed, warnings=[*parsed.warnings, *warnings, *notes])
    if isinstance(parsed, WorkingGroupReport):
        from .graph.repeats import repeat_triples

        triples = working_group_triples(parsed, base_iri)
        triples.update(rights.working_group_tags(triples))
        # recommended again: links to the recommendations of the State's previous review among the inputs
        triples.update(repeat_triples(parsed, list(reports), base_iri))
        return Source(parsed.name, "working-group-report", triples, working_group=parsed, warnings=[*parsed.warnings, *warnings])
    extraction = extract_all(parsed)
    triples = build_triples(parsed, extraction, base_iri)
    triples.update(rights.national_report_tags(triples))
    return Source(parsed.name, "national-report", triples, parsed, extraction,
                  warnings=[*parsed.warnings, *warnings, *extraction.warnings])


def _addendum_source(addendum: Addendum, base_iri: str, reports: list[WorkingGroupReport], warnings: list[str]) -> Source:
    """An addendum's responses on the recommendations of its Working Group report: bare numbers
    resolved against that report when it is among the inputs (``ingest.numbering``)."""
    from .graph.addendum import addendum_triples
    from .ingest.numbering import resolve
    from .registries import cycle_of_session

    parent = next((r for r in reports if r.symbol and r.symbol == addendum.parent_symbol), None)
    what = addendum.symbol or addendum.name
    notes: list[str] = []
    if parent is not None and parent.state_code and addendum.state_code != parent.state_code:
        if addendum.state_code is not None:
            notes.append(f"{what}: the State under review reads {addendum.state_code} on its title page but "
                         f"{parent.state_code} in its Working Group report; {parent.state_code} is taken")
        addendum = dataclasses.replace(addendum, state_code=parent.state_code)
    cycle = (cycle_of_session(parent.wg_session) if parent and parent.wg_session else None) or addendum.cycle
    full = {n: n for n in addendum.numbers if "." in n}
    bare = [n for n in addendum.numbers if "." not in n]
    if cycle is None:
        notes.append(f"{what}: its responses are left out: the review's cycle is unknown (its Working Group "
                     f"report {addendum.parent_symbol} is not among the inputs and the addendum does not say which review it answers)")
        numbers: dict[str, str] = {}
    else:
        paragraphs: dict[int, list[tuple[int, str]]] = {}
        for rec in parent.recommendations if parent else ():
            paragraphs.setdefault(rec.paragraph, []).append((rec.item, rec.text))
        contexts = {r.number: [r.comment] for r in addendum.responses if r.comment and r.number in bare}
        resolution = resolve(bare, paragraphs, what, addendum.stated, contexts)
        numbers = {**full, **resolution.numbers}
        notes += resolution.notes + resolution.warnings
        if parent:
            known = {r.number for r in parent.recommendations}
            unknown = sorted((n for n in set(numbers.values()) if n not in known), key=lambda n: tuple(map(int, n.split("."))))
            if unknown:
                notes.append(f"{what}: responses to recommendations its Working Group report does not list: {', '.join(unknown)}")
    triples = addendum_triples(addendum, numbers, cycle or "unknown", base_iri)
    own = [w for w in addendum.warnings if not (addendum.state_code and "State under review could not be read" in w)]
    return Source(addendum.name, "addendum", triples, addendum=addendum, warnings=[*own, *warnings, *notes])


def build_many(inputs: list[tuple[str, bytes]], base_iri: str = DEFAULT_BASE_IRI, validate: bool = True,
               endpoint: str | None = None, timestamp: str | None = None) -> BuildResult:
    """Several documents -> one dataset: shared nodes (the State, the review, its recommendations)
    have one IRI, so they meet; each source keeps its own graph for named-graph output."""
    from rdflib.namespace import RDF

    from .namespaces import UPR

    check_base(base_iri)
    skipped: list[str] = []
    parsed = [p for name, data in inputs if (p := _or_skip(lambda: _parse(data, name), len(inputs), skipped))]
    reports = [p for p in parsed if isinstance(p, WorkingGroupReport)]
    sources = []
    for item in parsed:
        def read(item=item):  # type: ignore[no-untyped-def]
            notes: list[str] = []
            if isinstance(item, Document):
                item, notes = resolve_bare_numbers(item, reports)
            return _source(item, base_iri, notes, reports)
        if source := _or_skip(read, len(inputs), skipped):
            sources.append(source)
    if not sources:
        raise InputError(f"none of the {len(inputs)} documents could be read: {'; '.join(skipped)}")
    from .export.metadata import describe

    data = Triples()
    for source in sources:
        data.update(source.triples)
    metadata = describe(data, [(s.document_iri, s.symbol) for s in sources], base_iri, endpoint, timestamp)
    triples = data  # the description is counted above; now it joins the documents' triples (no second copy)
    triples.update(metadata)
    result = BuildResult(triples, sources, metadata, base_iri, {}, None, [w for s in sources for w in s.warnings], skipped)
    report = result.report = _validate(triples) if validate else None
    types: dict[URIRef, set[URIRef]] = {}  # class -> its members
    texts = set()  # the subjects of upr:text
    for s, p, o in triples:
        if p == RDF.type:
            types.setdefault(o, set()).add(s)
        elif p == UPR.text:
            texts.add(s)

    def count(*classes) -> int:  # type: ignore[no-untyped-def]
        return len(set().union(*(types.get(c, ()) for c in classes)))

    nationals = [s.document for s in sources if s.document is not None]
    summary: dict[str, int | bool | str] = {
        "documents": ", ".join(s.symbol or s.name for s in sources),
        "triples": len(triples),
        "paragraphs": sum(len(d.paragraphs) for d in nationals),
        "sections": sum(len(d.sections) for d in nationals),
        "recommendations": count(UPR.Recommendation),
        "with text": len(texts & types.get(UPR.Recommendation, set())),
        "instruments": count(UPR.LegalInstrument, UPR.PolicyInstrument),
        "treaties": count(UPR.Treaty),
        "institutions": count(UPR.Institution),
        "visits": count(UPR.CountryVisit),
    }
    if skipped:
        summary["skipped"] = len(skipped)
    if report is not None:
        summary["conforms"] = report.conforms
    result.summary = summary
    return result


def _or_skip(step, inputs: int, skipped: list[str]):  # type: ignore[no-untyped-def]
    """``step()``, or None when it refuses its document and other documents are being built: one document
    that cannot be read never fails the others; it is left out and its one-line reason kept in ``skipped``
    (the CLI prints each and exits 1). A build of one document raises, as before."""
    try:
        return step()
    except InputError as error:
        if inputs == 1:
            raise
        skipped.append(one_line(error))
        return None


def build(data: bytes, name: str = "report", base_iri: str = DEFAULT_BASE_IRI, validate: bool = True) -> BuildResult:
    return build_many([(name, data)], base_iri, validate)


def _validate(graph: Graph | Triples) -> ValidationReport:
    return validate(graph)


def build_graph(text: str, name: str = "report", base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """Report text -> graph, without validation."""
    return build(text.encode("utf-8"), name, base_iri, validate=False).graph


def serialize_turtle(graph: Graph) -> bytes:
    return graph.serialize(format="turtle", encoding="utf-8")


@lru_cache(maxsize=1)
def default_graph() -> Graph:
    """The graph of the embedded default documents, built once per process."""
    from . import resources

    return build_many(resources.default_reports(), validate=False).graph
