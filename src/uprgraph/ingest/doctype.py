"""Which UPR document a text is, read from its own title page.

Each review produces five documents, and each says what it is on its title page:

=========================  ==============================  ==================================================
kind                       symbol                          title page
=========================  ==============================  ==================================================
national-report            A/HRC/WG.6/<s>/<XXX>/1          "National report submitted in accordance with
                                                           paragraph 5 of the annex to Human Rights Council
                                                           resolution 16/21" (2008-2011: "paragraph 15 (A) of
                                                           the annex to ... resolution 5/1")
compilation                A/HRC/WG.6/<s>/<XXX>/2          "Compilation prepared by the Office of the United
                                                           Nations High Commissioner ... paragraph 15 (b)"
stakeholders-summary       A/HRC/WG.6/<s>/<XXX>/3          "Summary prepared by the Office ... paragraph 15 (c)"
                                                           (later: "Summary of stakeholders' submissions")
working-group-report       A/HRC/<n>/<m>                   "Report of the Working Group on the Universal
                                                           Periodic Review"
working-group-addendum     A/HRC/<n>/<m>/Add.1             the same, then "Addendum" and "Views on conclusions
                                                           and/or recommendations, voluntary commitments and
                                                           replies presented by the State under review"
=========================  ==============================  ==================================================

The title phrases are data (``registries/document_types.csv``), looked for on the title page only
(up to the table of contents or the first numbered paragraph: a Working Group report's introduction
names "(a) the national report submitted in accordance with paragraph 15 (a) ..."); the kind whose
phrase comes first wins. A Working Group report is an addendum when its title page says "Addendum" or its symbol
ends in "/Add.<n>". Without any title phrase, the symbol of the masthead decides (a text whose title
page was cut off or misprinted); without either, the kind is ``None`` and the caller decides (uprgraph reads such a
text as a national report, whose reader refuses what has no UN report's structure).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache

NATIONAL_REPORT = "national-report"
WORKING_GROUP_REPORT = "working-group-report"
WORKING_GROUP_ADDENDUM = "working-group-addendum"
COMPILATION = "compilation"
STAKEHOLDERS_SUMMARY = "stakeholders-summary"

KINDS = (NATIONAL_REPORT, WORKING_GROUP_REPORT, WORKING_GROUP_ADDENDUM, COMPILATION, STAKEHOLDERS_SUMMARY)

TITLE_PAGE_CHARS = 6000  # the title page and the table of contents; the body starts after it
# The addendum's "Addendum" follows the Working Group report's title and the State's name closely.
ADDENDUM_WINDOW = 400
ADDENDUM_WORD = re.compile(r"(?:^|\n)\s*Addendum\s*(?:\n|$)", re.I)
ADDENDUM_SYMBOL = re.compile(r"\bA/HRC/\d{1,2}/\d{1,3}/Add\.\d+\b")
PERIODIC_SYMBOL = re.compile(r"\bA/HRC/WG\.6/\d{1,2}/[A-Z]{3}/(?P<n>[123])\b")
WG_SYMBOL = re.compile(r"\bA/HRC/\d{1,2}/\d{1,3}\b(?!/)")
BY_PERIODIC_NUMBER = {"1": NATIONAL_REPORT, "2": COMPILATION, "3": STAKEHOLDERS_SUMMARY}
UPR_WORDS = re.compile(r"\bUniversal\s+Periodic\s+Review\b", re.I)
# The title page ends at the table of contents or the first numbered paragraph (a report's introduction
# names the other documents of the review, "(a) A national report submitted in accordance with ...").
TITLE_PAGE_END = re.compile(r"^\s*(?:Contents|CONTENTS)\s*$|^\s*1\.\s", re.M)
MASTHEAD_LINES = 12  # the symbol of the document itself is printed in its first lines


@dataclass(frozen=True)
class TitlePhrase:
    kind: str
    pattern: re.Pattern[str]
    note: str


@lru_cache(maxsize=1)
def title_phrases() -> tuple[TitlePhrase, ...]:
    """The phrases of ``registries/document_types.csv``, white space in them matching any run of white space."""
    from ..resources import read_text

    phrases = []
    for row in csv.DictReader(io.StringIO(read_text("registries", "document_types.csv"))):
        if row["kind"] not in KINDS:
            raise ValueError(f"document_types.csv: unknown kind {row['kind']!r}")
        words = [re.escape(word) for word in row["phrase"].split()]
        phrases.append(TitlePhrase(row["kind"], re.compile(r"\b" + r"\s+".join(words), re.I), row["note"]))
    return tuple(phrases)


def title_page(text: str) -> str:
    """The text up to the table of contents or the first numbered paragraph (at most TITLE_PAGE_CHARS):
    past it, a body may name the other documents of the review."""
    head = text[:TITLE_PAGE_CHARS]
    end = TITLE_PAGE_END.search(head)
    return head[: end.start()] if end else head


def classify(text: str) -> str | None:
    """The kind of UPR document ``text`` is (one of KINDS), or None when its title page names none."""
    head = title_page(text)
    first: tuple[int, str] | None = None
    for phrase in title_phrases():
        match = phrase.pattern.search(head)
        if match and (first is None or match.start() < first[0]):
            first = (match.start(), phrase.kind)
    if first is not None:
        position, kind = first
        if kind == WORKING_GROUP_REPORT and _is_addendum(head, position):
            return WORKING_GROUP_ADDENDUM
        return kind
    return _by_symbol(head)


def _masthead(head: str) -> str:
    return "\n".join(head.lstrip().split("\n")[:MASTHEAD_LINES])


def _is_addendum(head: str, title_at: int) -> bool:
    return bool(ADDENDUM_WORD.search(head[title_at : title_at + ADDENDUM_WINDOW]) or ADDENDUM_SYMBOL.search(_masthead(head)))


def _by_symbol(head: str) -> str | None:
    masthead = _masthead(head)
    periodic = PERIODIC_SYMBOL.search(masthead)
    if periodic:
        return BY_PERIODIC_NUMBER[periodic.group("n")]
    if ADDENDUM_SYMBOL.search(masthead):
        return WORKING_GROUP_ADDENDUM
    # A Council document whose title page speaks of the review: a Working Group report whose title is
    # misprinted ("Report of the Working on the Universal Periodic Review", A/HRC/11/23, 2009)
    if WG_SYMBOL.search(masthead) and UPR_WORDS.search(head):
        return WORKING_GROUP_REPORT
    return None


def describe(kind: str) -> str:
    """The kind in words, for messages: "the OHCHR compilation of UN information (A/HRC/WG.6/<s>/<XXX>/2)"."""
    return {
        NATIONAL_REPORT: "a national report",
        WORKING_GROUP_REPORT: "a report of the Working Group",
        WORKING_GROUP_ADDENDUM: "an addendum to a report of the Working Group (the State's views on the recommendations)",
        COMPILATION: "the OHCHR compilation of UN information (A/HRC/WG.6/<session>/<XXX>/2)",
        STAKEHOLDERS_SUMMARY: "the OHCHR summary of stakeholders' submissions (A/HRC/WG.6/<session>/<XXX>/3)",
    }[kind]
