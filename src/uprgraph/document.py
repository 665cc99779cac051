"""The report's structure as plain data: chapters, thematic sections, numbered paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NATIONAL_REPORT = re.compile(r"^A/HRC/WG\.6/(?P<session>\d+)/(?P<state>[A-Z]{3})/\d+$")


@dataclass(frozen=True)
class SubItem:
    """A lettered sub-item "(a) ..." of a paragraph; offsets index the paragraph's text."""

    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str  # clean text: page furniture removed, lines re-joined, number prefix dropped
    section: str  # key of the innermost section that holds it
    items: tuple[SubItem, ...] = ()
    line: int = 0  # first line in the source file

    def item_text(self, item: SubItem) -> str:
        return self.text[item.start : item.end]


@dataclass(frozen=True)
class Section:
    """A chapter ("IV. Normative and institutional framework ...") or a thematic section under it."""

    key: str  # "chapter-IV" or a slug of the heading, unique in the document
    heading: str  # as printed, lines re-joined
    kind: str  # "chapter" or "theme"
    chapter: str  # the chapter's roman numeral
    parent: str | None  # key of the chapter that holds a theme
    recommendations: tuple[str, ...] = ()  # expanded, in printed order
    recommendations_printed: str = ""
    paragraphs: tuple[int, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Document:
    name: str  # file name it was read from
    symbol: str | None  # UN document symbol, from the page headers
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    warnings: tuple[str, ...] = field(default=())
    notes: str = ""  # footnotes and endnotes a PDF reader set apart (a text keeps them inline)

    def paragraph(self, number: int) -> Paragraph:
        for paragraph in self.paragraphs:
            if paragraph.number == number:
                return paragraph
        raise KeyError(number)

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    @property
    def chapters(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.kind == "chapter")

    @property
    def themes(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.kind == "theme")

    @property
    def state_code(self) -> str | None:
        """ISO 3166-1 alpha-3 code of the State under review, read from a national report's symbol."""
        match = NATIONAL_REPORT.match(self.symbol or "")
        return match.group("state") if match else None

    @property
    def session(self) -> int | None:
        """Working Group session of a national report."""
        match = NATIONAL_REPORT.match(self.symbol or "")
        return int(match.group("session")) if match else None
