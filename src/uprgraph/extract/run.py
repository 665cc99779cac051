"""All extractors over one Document, in the order their results depend on each other."""

from __future__ import annotations

import re
from collections import defaultdict

from ..document import Document
from .identity import unify
from .institutions import find_institutions, with_defined_acronyms
from .instruments import find_instruments, with_late_issuers
from .model import Extraction, Span
from .quirks import find_quirks
from .responses import extract_responses
from .treaties import find_treaties
from .visits import extract_visits


def _named_inside(span: Span, start: int, end: int, text: str) -> bool:
    """A body named inside an instrument's name is part of that name ("Constitutional Court Act",
    "Government Action Programme ...", "Human Rights Ombudsman Act": a capitalised word of the title
    follows it); not the issuer or author the mention's words name ("Order No. 689 of the Acting Minister
    for Health, of ...", "a bill was introduced in Parliament on ...")."""
    if not (start <= span.start and span.end <= end) or (span.start, span.end) == (start, end):
        return False
    if re.search(r"[/(]$", text[start : span.start]):
        return True  # part of the instrument's number: "Directive 2011/36/EU", "Regulation (EU) 2016/679"
    if span.end == end:
        return False
    return re.match(r"\s+(?!No\b)[A-Z][a-z]", text[span.end : end]) is not None  # a title word follows ("No." is a number)


def extract_all(document: Document) -> Extraction:
    result = Extraction()
    acronyms: dict[str, tuple[str, str]] = {}  # instruments' short forms, defined once, cited after
    for paragraph in document.paragraphs:
        institutions = find_institutions(paragraph.number, paragraph.text, document.state_code)
        instruments = find_instruments(paragraph.number, paragraph.text, institutions, acronyms)
        taken = [(i.span.start, i.span.end) for i in institutions + instruments]  # type: ignore[operator]
        treaties = find_treaties(paragraph.number, paragraph.text, taken, instruments)
        # an organisation named in a treaty's name is a mention of it ("International Labour Organization
        # (ILO) Workers with Family Responsibilities Convention", "(ILO Convention 144)", "the Rome Statute of
        # the ICC"); a body in an instrument's title is not ("Constitutional Court Act")
        titles = [(i.span.start, i.span.end) for i in instruments]
        result.institutions.extend(i for i in institutions if not any(_named_inside(i.span, s, e, paragraph.text) for s, e in titles))
        result.instruments.extend(instruments)
        result.treaties.extend(treaties)
    # short forms a report defines for its bodies ("National Assembly (NA)"): their later uses are mentions,
    # and a short form so defined names the body, not a treaty ("European Court of Human Rights (ECHR)")
    taken_by_others: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for mention in (*result.instruments, *result.treaties):
        taken_by_others[mention.span.paragraph].append((mention.span.start, mention.span.end))
    result.institutions, defined = with_defined_acronyms(
        [(p.number, p.text) for p in document.paragraphs], result.institutions, taken_by_others)
    result.treaties = [t for t in result.treaties if t.span.quote not in defined]
    texts = {p.number: p.text for p in document.paragraphs}
    result.instruments = unify(with_late_issuers(texts, result.instruments, result.institutions))
    result.visits = extract_visits(document)
    result.responses = extract_responses(document)
    result.warnings = find_quirks(document)
    return result
