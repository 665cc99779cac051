"""Lines of a UPR national report -> Document (chapters, thematic sections, paragraphs).

The layout, as the UN prints national reports: roman-numbered chapters ("IV. Normative ..."),
thematic headings set in from the margin, each followed by a line "Recommendations 95.5, 95.6,
95.15–95.20" naming the recommendations it reports on, and numbered paragraphs "183. ..." with
lettered sub-items "(a) ...". PDF extraction wraps every line, so a heading is told from the
end of the paragraph before it by indentation and by the missing full stop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Document, Paragraph, Section, SubItem
from ..errors import InputError
from .refs import expand_refs
from .text import Line, split_lines

CHAPTER = re.compile(r"^(?P<num>[IVXL]{1,6})(?P<dot>\.?)\s+(?P<title>[A-Z\u2018\u201c\"].*)$")
HEADING_START = re.compile(r"^(?:[A-Z\u2018\u201c\"]|\d{1,2}\.\s+[A-Z]|[a-z]\)\s+[A-Z])")
# A heading that carries its own references: "B. Anti-discrimination measures (recommendations 19, 21, 26)"
REFS_IN_HEADING = re.compile(r"\s*[(\[]\s*(?:[Rr]ecommendations?|[Rr]ecs?\.)\s+(?P<refs>[^)\]]+)[)\]]\s*$")
ENUMERATOR = re.compile(r"^(?:[A-Z]|\d{1,2}|[a-z])[.)]\s+")
# "\S" after the dot, not a digit: a malformed list ("Recommendations 95.x") must reach the range
# expander and fail there, naming the line, instead of being read as heading text.
RECOMMENDATIONS = re.compile(r"^Recommendations?\s+(?P<refs>\d{1,3}\.\S.*)$")
PARAGRAPH = re.compile(r"^(?P<num>\d{1,3})\.\s+(?P<rest>\S.*)$")
SUB_ITEM = re.compile(r"^\((?P<label>[a-z])\)\s+\S")
# A row of a table of recommendations: the row opens with the recommendation's number ("95.12 Ratify
# ...", "Rec. 18 Adopt ...") and goes on in words. A date ("30.12.2008") is no number; a lone row is
# no table (TABLE_ROWS: a section needs two before its rows count).
TABLE_ROW = re.compile(
    r"^(?:(?:Rec(?:ommendation)?s?\.?|No\.)\s*)?(?P<ref>\d{1,3}\.\d{1,3})\.?(?![\d.]*\d)\s+(?P<rest>[A-Z\u201c\"(].*)$"
    r"|^(?:Recs?\.|Recommendation)\s*(?P<bare>\d{1,3})\.?\s+(?P<bare_rest>[A-Z\u201c\"(].*)$"
)
TABLE_ROWS = 2
# "Annex", "Annex I", "Annex 2: Implementation of ...": an annex opens a chapter of its own
ANNEX = re.compile(r"^Annex(?:es)?(?:\s+(?P<num>[IVX]{1,5}|\d{1,2}))?(?:\s*[:.\u2013-]\s*(?P<title>\S.*))?$")
TERMINAL = re.compile(r"[.;:!?][\u201d\u2019\"')]*$")
SENTENCE_END = re.compile(r"[.!?][\u201d\u2019\"')]*$")
# An out-of-sequence numbered paragraph must start like a sentence, so that a wrapped "2018. In ..." is not one.
SENTENCE_START = re.compile(r"^[A-Z\u2018\u201c\"]")
# A list of abbreviations printed before the first chapter (1st-cycle reports number its entries "1. CEPOL
# European Police College", which would read as paragraphs): left out up to the first chapter heading.
ABBREVIATIONS = re.compile(r"^(?:list\s+of\s+)?(?:abbreviations|acronyms)(?:\s+and\s+(?:abbreviations|acronyms))?$", re.I)
MAX_NUMBERED_HEADING = 80  # characters of a numbered sub-heading's text; a longer line is body text
HEADING_INDENT = 2  # thematic headings are set in; wrapped body lines at a page top by one space at most
HYPHENS = "-\u2010\u2011"


@dataclass
class _Block:
    """Lines gathered for the paragraph or heading being read."""

    lines: list[Line] = field(default_factory=list)


@dataclass
class _OpenSection:
    key: str
    heading: str
    kind: str
    chapter: str
    parent: str | None
    line: int
    recommendations: list[str] = field(default_factory=list)
    printed: str = ""
    paragraphs: list[int] = field(default_factory=list)
    table_rows: list[str] = field(default_factory=list)  # numbers opening rows of a table of recommendations


def join_lines(texts: list[str]) -> tuple[str, list[int]]:
    """Re-join wrapped lines; returns the text and the offset at which each line starts."""
    text = ""
    starts: list[int] = []
    for raw in texts:
        part = " ".join(raw.split())
        if not part:
            starts.append(len(text))
            continue
        if text and text[-1] in HYPHENS and len(text) > 1 and text[-2].isalnum() and part[0].isalnum():
            pass  # a word broken at a hyphen: "Procurator-" + "General's"
        elif text:
            text += " "
        starts.append(len(text))
        text += part
    return text, starts


def slug(text: str) -> str:
    text = text.lower().replace("\u2019", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80] or "section"


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.sections: list[_OpenSection] = []
        self.chapter: _OpenSection | None = None
        self.theme: _OpenSection | None = None
        self.paragraphs: list[Paragraph] = []
        self.current: list[Line] = []  # lines of the open paragraph (first line holds its number)
        self.current_number: int | None = None
        self.loose: list[Line] = []  # lines outside any paragraph (chapter title continuations, headings)
        self.chapter_title_open = False
        self.warnings: list[str] = []
        self.seen: dict[int, int] = {}  # paragraph number -> line it was first printed on
        self.abbreviations: list[Line] = []  # lines of a list of abbreviations before the first chapter

    # -- sections ---------------------------------------------------------------------------
    def _unique_key(self, base: str) -> str:
        keys = {s.key for s in self.sections}
        key, n = base, 2
        while key in keys:
            key, n = f"{base}-{n}", n + 1
        return key

    def open_chapter(self, line: Line, num: str, title: str) -> None:
        self.close_paragraph()
        self.loose.clear()
        self.chapter = _OpenSection(self._unique_key(f"chapter-{num}"), title, "chapter", num, None, line.number)
        self.sections.append(self.chapter)
        self.theme = None
        self.chapter_title_open = True

    def open_theme(self, heading_lines: list[Line]) -> None:
        heading, _ = join_lines([ln.text for ln in heading_lines])
        refs = REFS_IN_HEADING.search(heading)
        if refs:
            heading = heading[: refs.start()]
        chapter = self.chapter.chapter if self.chapter else ""
        parent = self.chapter.key if self.chapter else None
        self.theme = _OpenSection(self._unique_key(slug(ENUMERATOR.sub("", heading))), heading, "theme", chapter, parent,
                                  heading_lines[0].number)
        self.sections.append(self.theme)
        if refs:
            self.add_recommendations(heading_lines[0], refs.group("refs"))

    @property
    def innermost(self) -> _OpenSection | None:
        return self.theme or self.chapter

    # -- headings peeled off the end of a paragraph -----------------------------------------
    def peel_heading(self, need_indent: bool) -> list[Line]:
        """Trailing lines of the open paragraph (or loose lines) that form a heading."""
        source = self.current if self.current else self.loose
        first_allowed = 1 if self.current else 0  # never the paragraph's numbered line
        start = None
        for i in range(len(source) - 1, first_allowed - 1, -1):
            line = source[i]
            if TERMINAL.search(line.text):
                break
            if SUB_ITEM.match(line.text):
                break
            start = i
            if line.indent >= HEADING_INDENT:
                break
        if start is None:
            return []
        if need_indent and source[start].indent < HEADING_INDENT:
            return []
        if not HEADING_START.match(source[start].text):
            return []
        heading = source[start:]
        del source[start:]
        return heading

    # -- paragraphs ---------------------------------------------------------------------------
    def open_paragraph(self, line: Line, number: int) -> None:
        self.close_paragraph()
        if self.loose:
            self.warnings.append(
                f"{self.name}: line {self.loose[0].number}: text outside any paragraph was ignored: "
                f"{' '.join(ln.text for ln in self.loose)[:60]!r}"
            )
            self.loose.clear()
        self.current = [line]
        self.current_number = number
        self.seen.setdefault(number, line.number)

    def close_paragraph(self) -> None:
        if self.current_number is None:
            return
        first = PARAGRAPH.match(self.current[0].text)
        assert first is not None
        texts = [first.group("rest")] + [ln.text for ln in self.current[1:]]
        text, starts = join_lines(texts)
        labels = [
            (SUB_ITEM.match(ln.text).group("label"), starts[i])  # type: ignore[union-attr]
            for i, ln in enumerate(self.current)
            if i > 0 and SUB_ITEM.match(ln.text)
        ]
        items = tuple(
            SubItem(label, start, labels[k + 1][1] - 1 if k + 1 < len(labels) else len(text))
            for k, (label, start) in enumerate(labels)
        )
        section = self.innermost
        if section is None:
            section = _OpenSection(self._unique_key("front-matter"), "", "chapter", "", None, self.current[0].number)
            self.sections.append(section)
            self.chapter = section
        section.paragraphs.append(self.current_number)
        self.paragraphs.append(Paragraph(self.current_number, text, section.key, items, self.current[0].number))
        self.current = []
        self.current_number = None

    # -- the loop -----------------------------------------------------------------------------
    def feed(self, line: Line) -> None:
        text = line.text
        if self.chapter is None and not self.paragraphs and (self.abbreviations or ABBREVIATIONS.match(text)):
            if not CHAPTER.match(text):
                self.abbreviations.append(line)
                return
            self.warnings.append(f"{self.name}: lines {self.abbreviations[0].number}-{self.abbreviations[-1].number}: "
                                 "the list of abbreviations before the first chapter was left out")
            self.abbreviations = []
        para = PARAGRAPH.match(text)
        expected = self.paragraphs[-1].number + 1 if self.paragraphs else None
        if self.current_number is not None:
            expected = self.current_number + 1
        if para and line.indent < HEADING_INDENT and expected is not None and self.numbered_heading(line, int(para.group("num")), expected):
            self.close_paragraph()
            self.loose.clear()
            self.open_theme([line])
            return
        if para and line.indent < HEADING_INDENT and expected is not None and int(para.group("num")) != expected:
            para = para if self.out_of_sequence(line, int(para.group("num")), expected) else None
        if para and line.indent < HEADING_INDENT:
            heading = self.peel_heading(need_indent=True)
            if heading:
                self.close_paragraph()
                self.open_theme(heading)
            self.chapter_title_open = False
            self.open_paragraph(line, int(para.group("num")))
            return
        chapter = CHAPTER.match(text)
        if chapter and not chapter.group("dot") and line.indent < HEADING_INDENT:
            chapter = None  # "III Implementation ..." without its full stop only when set apart as a heading
        if chapter and not self.current_number_is_sub_item(text):
            self.open_chapter(line, chapter.group("num"), chapter.group("title"))
            return
        row = TABLE_ROW.match(text)
        if row and self.innermost is not None:
            self.innermost.table_rows.append(row.group("ref") or row.group("bare"))
            self.chapter_title_open = False  # a row is no part of a title
        annex = ANNEX.match(text)
        if annex and not row and len(text) < 120 and not TERMINAL.search(text) and line.indent < HEADING_INDENT + 2:
            number = annex.group("num")
            self.open_chapter(line, f"annex-{number}" if number else "annex", annex.group("title") or text)
            return
        recs = RECOMMENDATIONS.match(text) if not row else None
        if recs:
            self.read_recommendations(line, recs.group("refs"))
            return
        if self.chapter_title_open and self.chapter is not None and (line.indent < HEADING_INDENT or text[:1].islower()):
            self.chapter.heading = join_lines([self.chapter.heading, text])[0]
            return
        self.chapter_title_open = False
        if self.current_number is not None:
            self.current.append(line)
        else:
            self.loose.append(line)

    def numbered_heading(self, line: Line, number: int, expected: int) -> bool:
        """A numbered sub-heading ("1. Same-sex partnership", as 1st-cycle reports number the headings under
        a lettered one) printed at the margin (one set in is peeled off as a heading): a number below the
        paragraphs' count, a short line that ends no sentence, after a line that ends one."""
        rest = PARAGRAPH.match(line.text).group("rest")  # type: ignore[union-attr]
        before = self.current[-1].text if self.current else self.loose[-1].text if self.loose else "."
        return (number < expected - 1 and len(rest) <= MAX_NUMBERED_HEADING and not TERMINAL.search(rest)
                and SENTENCE_START.match(rest) is not None and SENTENCE_END.search(before) is not None)

    def out_of_sequence(self, line: Line, number: int, expected: int) -> bool:
        """A numbered line that is not the expected next paragraph: a paragraph printed out of order
        (read, with a warning) or a repeated number (an error: both cannot be kept under one IRI), when
        the line before it ends a sentence (or a heading closed the paragraph) and it starts one;
        otherwise a wrapped line of the paragraph."""
        before = self.current[-1].text if self.current else self.loose[-1].text if self.loose else "."
        rest = PARAGRAPH.match(line.text).group("rest")  # type: ignore[union-attr]
        if not SENTENCE_END.search(before) or not SENTENCE_START.match(rest):
            return False
        if number in self.seen:
            raise InputError(
                f"{self.name}: line {line.number}: paragraph {number} appears twice (first at line {self.seen[number]})"
            )
        self.warnings.append(f"{self.name}: line {line.number}: paragraph {number} is out of order (expected {expected})")
        return True

    def current_number_is_sub_item(self, text: str) -> bool:
        # "(i)" could read as a roman numeral; a chapter line never starts with a parenthesis.
        return text.startswith("(")

    def read_recommendations(self, line: Line, printed: str) -> None:
        self.chapter_title_open = False
        heading = self.peel_heading(need_indent=False)
        if heading:
            self.close_paragraph()
            self.open_theme(heading)
        else:
            self.close_paragraph()
            self.loose.clear()
        if self.innermost is None:
            raise InputError(f"{self.name}: line {line.number}: a recommendation list before any heading")
        self.add_recommendations(line, printed)

    def add_recommendations(self, line: Line, printed: str) -> None:
        section = self.innermost
        assert section is not None
        printed = re.sub(r"([\u2013\u2212-])\s+", r"\1", " ".join(printed.split()))  # "54– 57" wrapped at the dash
        try:
            numbers = expand_refs(printed)
        except InputError as exc:
            raise type(exc)(f"{self.name}: line {line.number}: {exc}") from None
        section.recommendations.extend(n for n in numbers if n not in section.recommendations)
        section.printed = f"{section.printed}, {printed}" if section.printed else printed

    def finish(self, symbols: tuple[str, ...]) -> Document:
        self.close_paragraph()
        for section in self.sections:  # a table of recommendations reports on each of its rows, as a heading's list does
            if len(section.table_rows) >= TABLE_ROWS:
                section.recommendations.extend(n for n in dict.fromkeys(section.table_rows) if n not in section.recommendations)
        if len(self.paragraphs) < 3 or not (symbols or any(s.recommendations for s in self.sections)):
            raise InputError(
                f"{self.name}: this does not look like a UPR report "
                f"(found {len(self.paragraphs)} numbered paragraphs and no recommendation list or UN symbol)"
            )
        sections = tuple(
            Section(s.key, s.heading, s.kind, s.chapter, s.parent, tuple(s.recommendations), s.printed, tuple(s.paragraphs), s.line)
            for s in self.sections
        )
        symbol = symbols[0] if symbols else None
        return Document(self.name, symbol, sections, tuple(self.paragraphs), tuple(self.warnings))


def parse_document(text: str, name: str = "report") -> Document:
    """Read the structure of a UPR national report from its (PDF-extracted) text."""
    source = split_lines(text)
    reader = _Reader(name)
    for line in source.lines:
        reader.feed(line)
    return reader.finish(source.symbols)
