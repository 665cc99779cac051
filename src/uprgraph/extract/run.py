"""All extractors over one Document, in the order their results depend on each other."""

from __future__ import annotations

from ..document import Document
from .identity import unify
from .institutions import find_institutions
from .instruments import find_instruments
from .model import Extraction
from .quirks import find_quirks
from .responses import extract_responses
from .treaties import find_treaties
from .visits import extract_visits


def extract_all(document: Document) -> Extraction:
    result = Extraction()
    for paragraph in document.paragraphs:
        institutions = find_institutions(paragraph.number, paragraph.text, document.state_code)
        instruments = find_instruments(paragraph.number, paragraph.text, institutions)
        taken = [(i.span.start, i.span.end) for i in institutions + instruments]  # type: ignore[operator]
        treaties = find_treaties(paragraph.number, paragraph.text, taken, instruments)
        # "the Rome Statute of the International Criminal Court" names a treaty, not the court; the
        # organisation that opens a treaty's name ("Council of Europe Convention on ...", "UN Convention
        # against Torture") is named as its author, as in "International Labour Organization (ILO) ... Convention"
        inside = [(t.span.start, t.span.end) for t in treaties if not t.label]
        result.institutions.extend(i for i in institutions if not any(s < i.span.start and i.span.end <= e for s, e in inside))
        result.instruments.extend(instruments)
        result.treaties.extend(treaties)
    result.instruments = unify(result.instruments)
    result.visits = extract_visits(document)
    result.responses = extract_responses(document)
    result.warnings = find_quirks(document)
    return result
