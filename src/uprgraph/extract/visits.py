"""Visits of UN special procedures: "Mr. Manfred Nowak, Special Rapporteur on torture ... (2009)",
"A visit by the Special Rapporteur on ..., Professor Heiner Bielefeldt, took place from ...",
"Visits are planned in 2014 for ... the Special Rapporteur on ..."."""

from __future__ import annotations

import re

from ..document import Document
from .context import sentence_bounds
from .model import VisitMention
from .text import matchable, span

HONORIFIC = r"(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?|Professor|Judge)"
PERSON = r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){1,3}"
MANDATE = r"(?:Special\s+Rapporteur|Independent\s+Expert|Working\s+Group)\s+on\s+"
YEAR = re.compile(r"\b(?:19|20)\d\d\b")

LISTED = re.compile(
    rf"(?:{HONORIFIC}\s+)?(?P<person>{PERSON}),\s+(?P<mandate>{MANDATE}[^()]+?)\s+\((?P<years>[^)]*?\d{{4}}[^)]*)\)"
)
NARRATED = re.compile(
    rf"\bvisit\s+by\s+the\s+(?P<mandate>{MANDATE}[^,]+),\s+(?:{HONORIFIC}\s+)?(?P<person>{PERSON}),\s+took\s+place\s+"
    r"(?P<when>[^;.]+)"
)
VISITED = re.compile(
    rf"(?P<mandate>{MANDATE}[^.;()]+?)(?:,\s+(?:{HONORIFIC}\s+)?(?P<person>{PERSON}),)?"
    r"\s+(?:visited|paid\s+a\s+visit\s+to|conducted\s+a\s+(?:country\s+)?visit\s+to|carried\s+out\s+a\s+visit\s+to)\s+"
    r"(?:the\s+country|[A-Z]\w+)(?P<when>[^.;]*)"
)
PLANNED = re.compile(r"\b[Vv]isits?\s+(?:is|are)\s+planned\b|\bwill\s+visit\b|\bplanned\s+visits?\b")
MANDATE_ONLY = re.compile(rf"(?P<mandate>{MANDATE}.+?)(?=\s+and\s+(?:by\s+)?the\s+(?:{MANDATE})|[.;]|$)")


def _clean(mandate: str) -> str:
    return " ".join(mandate.split()).rstrip(" ,")


def find_visits(number: int, text: str) -> list[VisitMention]:
    m = matchable(text)
    found: list[VisitMention] = []
    for match in LISTED.finditer(m):
        years = tuple(YEAR.findall(match.group("years")))
        found.append(VisitMention(span(number, text, match.start(), match.end()), _clean(match.group("mandate")),
                                  " ".join(match.group("person").split()), years, "completed"))
    for match in NARRATED.finditer(m):
        when = match.group("when").strip()
        found.append(VisitMention(span(number, text, match.start(), match.end()), _clean(match.group("mandate")),
                                  " ".join(match.group("person").split()), tuple(YEAR.findall(when)), "completed", when))
    for match in VISITED.finditer(m):
        if any(v.span.start <= match.start() < v.span.end for v in found):
            continue
        when = match.group("when")
        person = " ".join(match.group("person").split()) if match.group("person") else None
        found.append(VisitMention(span(number, text, match.start(), match.end()), _clean(match.group("mandate")),
                                  person, tuple(YEAR.findall(when)), "completed"))
    for planned in PLANNED.finditer(m):
        s, e = sentence_bounds(m, planned.start())
        years = tuple(YEAR.findall(m[s:e]))
        for match in MANDATE_ONLY.finditer(m, s, e):
            if any(v.span.start <= match.start() < v.span.end for v in found):
                continue
            found.append(VisitMention(span(number, text, match.start(), match.end()), _clean(match.group("mandate")),
                                      None, years, "planned"))
    return found


def extract_visits(document: Document) -> list[VisitMention]:
    return [v for p in document.paragraphs for v in find_visits(p.number, p.text)]
