"""Slips in the printed text that a reader should hear about: letters of another script inside a
Latin word ("lеgal" with a Cyrillic "е"), a date with a stray day ("16 January 16 2012"), a year cut
short ("4 April 201"). The text is kept as printed; these become warnings in the build log."""

from __future__ import annotations

import re

from ..document import Document
from .dates import MONTHS, parse_date

_M = "|".join(MONTHS)
STRAY_DAY = re.compile(rf"\b\d{{1,2}}\s+(?:{_M})\s+\d{{1,2}},?\s+\d{{4}}\b")
SHORT_YEAR = re.compile(rf"\b\d{{1,2}}\s+(?:{_M})\s+(?P<year>\d{{1,3}})(?![\d,])(?!\s+\d)")
MIXED_WORD = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0400-\u04ff])\w+\b")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")  # what MIXED_WORD needs: a quick test before its slow scan


def find_quirks(document: Document) -> list[str]:
    warnings = []
    for p in document.paragraphs:
        for match in MIXED_WORD.finditer(p.text) if CYRILLIC.search(p.text) else ():
            letters = sorted({c for c in match.group(0) if "\u0400" <= c <= "\u04ff"})
            names = ", ".join(f"U+{ord(c):04X}" for c in letters)
            warnings.append(f"{document.name}: paragraph {p.number}: {match.group(0)!r} mixes Latin and Cyrillic letters ({names}); matched as Latin")
        for match in STRAY_DAY.finditer(p.text):
            warnings.append(f"{document.name}: paragraph {p.number}: date printed {match.group(0)!r} read as {parse_date(match.group(0))}")
        for match in SHORT_YEAR.finditer(p.text):
            warnings.append(f"{document.name}: paragraph {p.number}: date printed {match.group(0)!r} has no full year; recorded as printed, not as a date")
    return warnings
