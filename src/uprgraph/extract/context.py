"""Reading what the sentence around a mention says of it: verbs (events), dates, cited articles."""

from __future__ import annotations

import re

from .dates import DATE, iso
from .text import sentences

ARTICLES_BEFORE = re.compile(
    r"\b(?P<word>[Aa]rticles?|[Cc]hapter)\s+(?P<list>\d+(?:-\d+)?(?:,\s+paragraph\s+\d+,?)?"
    r"(?:(?:,|,?\s+and)\s+\d+(?:-\d+)?)*)\s*,?\s*(?:\([^)]*\)\s*)?of\s+(?:the\s+)?$"
)
ARTICLE_LIST = re.compile(r"\d+(?:-\d+)?(?:,\s+paragraph\s+\d+)?")
# Clause boundaries inside a sentence, so that "ratified X on 11 December 2008, and it is a
# signatory to Y" gives the date to X only.
CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+")


RELATIVE = re.compile(r",\s*(?:which|who|whose|that)\b")


def cited_articles(before: str) -> tuple[str, ...]:
    """Articles cited just before a name: "Article 532, paragraph 1, of the" -> ("532(1)",)."""
    match = ARTICLES_BEFORE.search(before)
    if not match:
        return ()
    prefix = "chapter " if match.group("word").lower() == "chapter" else ""
    items = []
    for item in ARTICLE_LIST.findall(match.group("list")):
        number = re.sub(r",\s+paragraph\s+(\d+)", r"(\1)", item)
        items.append(prefix + number)
    return tuple(items)


def sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    for start, end in sentences(text):
        if start <= offset < end:
            return start, end
    return 0, len(text)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence that holds [start, end)."""
    s, e = sentence_bounds(text, start)
    left, right = s, e
    for match in CLAUSE_BREAK.finditer(text, s, e):
        if match.end() <= start:
            left = match.end()
        elif match.start() >= end:
            right = match.start()
            break
    return left, right


def dates_in(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(offset, ISO date) of each date in text[start:end] that is not inside a skipped span."""
    found = []
    for match in DATE.finditer(text, start, end):
        if any(s <= match.start() < e for s, e in skip):
            continue
        found.append((match.start(), iso(match)))
    return found


def event_date(text: str, anchor: int, skip: list[tuple[int, int]]) -> str | None:
    """The date an event in the clause around ``anchor`` happened: the first date after the verb in the
    clause, else a date opening the sentence ("In 2011, ..."), else the first date in the clause."""
    left, right = clause_bounds(text, anchor, anchor)
    # a relative clause ("..., which was adopted on 18 May 2017") dates its own verb, not this one
    relative = RELATIVE.search(text, anchor, right)
    if relative:
        right = relative.start()
    after = [d for off, d in dates_in(text, anchor, right, skip)]
    if after:
        return after[0]
    s, _ = sentence_bounds(text, anchor)
    opening = re.match(
        r"\s*(?:In|On|By|As\s+from|As\s+of|Since|From|Until|In\s+early|In\s+late)\s+", text[s : s + 40]
    )
    if opening:
        early = dates_in(text, s, min(s + 45, anchor), skip)
        if early:
            return early[0][1]
    before = dates_in(text, left, anchor, skip)
    return before[-1][1] if before else None
