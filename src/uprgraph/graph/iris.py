"""Deterministic IRIs, minted from content under a base the user chooses (``--base-iri``).

    state/KAZ                                   a State (ISO 3166-1 alpha-3)
    review/KAZ/1                                Kazakhstan's review in cycle 1
    review/KAZ/1/recommendation/95.43           recommendation 95.43 of that review
    review/KAZ/1/recommendation/97.1/response/A-HRC-WG.6-20-KAZ-1/not-accepted   a response in a document
    document/A-HRC-WG.6-20-KAZ-1                a document, by UN symbol
    document/<doc>/chapter/IV, .../section/right-to-life, .../paragraph/183, .../paragraph/6/item/a
    document/<doc>/paragraph/183/mention/<start>-<end>   a mention (character offsets in the paragraph)
    document/<doc>/paragraph/183/event/<n>       an event a paragraph reports
    theme/right-to-life                          a right or theme (SKOS concept)
    instrument/KAZ/<kind>/<identity>             a domestic instrument
    treaty/<key>, institution/<key>, institution/KAZ/<key>, mandate/<slug>, person/<slug>
    visit/KAZ/<mandate>/<year>                   a visit of a special procedure
"""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import URIRef

from ..errors import UsageError


def check_base(base: str) -> str:
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>\"{}|\\^`]+$", base):
        raise UsageError(f"--base-iri {base!r} is not an absolute IRI (e.g. https://example.org/upr/)")
    return base if base.endswith(("/", "#")) else base + "/"


def safe(segment: str) -> str:
    """One path segment: letters, digits and . _ - kept, the rest percent-encoded ("." and ".." too,
    which IRI resolution would otherwise read as path steps)."""
    if segment in (".", ".."):
        return segment.replace(".", "%2E")
    return quote(segment, safe="-._~")


def symbol_slug(symbol: str) -> str:
    return symbol.replace("/", "-")


class Minter:
    def __init__(self, base: str, document: str, state: str) -> None:
        self.base = check_base(base)
        self.doc = safe(document)
        self.state_code = safe(state)

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    def state(self, code: str | None = None) -> URIRef:
        return self._iri("state", safe(code or self.state_code))

    def review(self, cycle: int | str) -> URIRef:
        return self._iri("review", self.state_code, safe(str(cycle)))

    def recommendation(self, cycle: int | str, number: str) -> URIRef:
        return self._iri("review", self.state_code, safe(str(cycle)), "recommendation", safe(number))

    def response(self, cycle: int | str, number: str, status: str) -> URIRef:
        return self._iri("review", self.state_code, safe(str(cycle)), "recommendation", safe(number), "response", self.doc, safe(status))

    def document(self) -> URIRef:
        return self._iri("document", self.doc)

    def section(self, key: str) -> URIRef:
        if key.startswith("chapter-"):
            return self._iri("document", self.doc, "chapter", safe(key.removeprefix("chapter-")))
        return self._iri("document", self.doc, "section", safe(key))

    def paragraph(self, number: int) -> URIRef:
        return self._iri("document", self.doc, "paragraph", str(number))

    def item(self, number: int, label: str) -> URIRef:
        return self._iri("document", self.doc, "paragraph", str(number), "item", safe(label))

    def mention(self, number: int, start: int, end: int, part: str = "") -> URIRef:
        return self._iri("document", self.doc, "paragraph", str(number), "mention", f"{start}-{end}{part}")

    def event(self, number: int, index: int) -> URIRef:
        return self._iri("document", self.doc, "paragraph", str(number), "event", str(index))

    def theme(self, slug: str) -> URIRef:
        return self._iri("theme", safe(slug))

    def theme_scheme(self) -> URIRef:
        return self._iri("theme")

    def instrument(self, key: str) -> URIRef:
        return self._iri("instrument", self.state_code, *(safe(p) for p in key.split("/") if p))

    def treaty(self, key: str) -> URIRef:
        return self._iri("treaty", safe(key))

    def institution(self, key: str, scope: str) -> URIRef:
        if scope == "state":
            return self._iri("institution", self.state_code, safe(key))
        return self._iri("institution", safe(key))

    def mandate(self, slug: str) -> URIRef:
        return self._iri("mandate", safe(slug))

    def person(self, slug: str) -> URIRef:
        return self._iri("person", safe(slug))

    def visit(self, mandate_slug: str, year: str) -> URIRef:
        return self._iri("visit", self.state_code, safe(mandate_slug), safe(year))
