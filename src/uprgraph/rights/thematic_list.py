"""Read a *thematic list of recommendations* as the UN human rights office publishes it for each review:
every recommendation of the review's Working Group report with the State's position, the source of that
position, its themes from the Universal Human Rights Index (UHRI), the persons it concerns and, in later
lists, its Sustainable Development Goals.

Two forms are read: the Word document (.docx) as published, and its text (the text of the PDF, or any
text with one line per printed line). The .docx is read with the standard library (zipfile + ElementTree):
the list is one table whose cells hold paragraphs, which is all we need, and it spares a dependency
(python-docx would add lxml at run time for the same walk over w:tbl/w:tr/w:tc/w:p/w:t).

Both forms give the same lines, cell by cell, to one reader:

    Theme: A12 Acceptance of international norms          a row that only groups what follows
    115.1 Take further steps ... (Croatia);              the recommendation, its text and the States
    Source of position: A/HRC/28/15/Add.1 - Para. 3
    Supported                                             the position
    A12 Acceptance of international norms                 its themes, one a line (coded or not)
    SDGs:                                                 (later lists) its goals: "- 16 - PEACE, ..."
    Affected persons:  (or "Groups of Persons:")          the persons: "- children"

A Word table whose header names a column of goals ("Relevant SDGs", the 4th cycle's layout) prints a goal's
bullet in that column with no "SDGs:" line: the reader puts one before that column's cells, so the goals are
not read as persons; in the text form, a goal's bullet is read as a goal wherever it stands.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from xml.etree import ElementTree

from ..errors import UprgraphError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

RECOMMENDATION = re.compile(r"^\s*(\d{1,3}\.\d{1,3})\.?\s+(\S.*)$", re.S)
SOURCE = re.compile(r"^\s*Source of position\s*:\s*(.+?)\s*$", re.I)
# "Supported/Noted" is a recommendation supported in part: two public readers expect it, one of the United States'
# 3rd-cycle list (as "- Supported/Noted", for A/HRC/46/15 para. 26.49), one of OHCHR's matrices of recommendations
POSITION = re.compile(r"^\s*(?:-\s*)?(supported\s*/\s*noted|supported|noted|not accepted|rejected|pending)\s*$", re.I)
THEME_HEADING = re.compile(r"^\s*Theme\s*:\s*(.+?)\s*$", re.I)
CODED_THEME = re.compile(r"^\s*([A-Z]\d{1,2})\s+(\S.*?)\s*$")
GROUPS_HEADING = re.compile(r"^\s*(?:Affected persons|Groups? of persons)\s*:\s*(.*)$", re.I)
SDGS_HEADING = re.compile(r"^\s*(?:SDGs?|Relevant SDGs)\s*:\s*(.*)$", re.I)
SDG_LINE = re.compile(r"^\s*-?\s*(\d{1,2})\s*-\s*\S")
BULLET = re.compile(r"^\s*-\s*(\S.*?)\s*$")
# the position source names a document: "A/HRC/28/15/Add.1 - Para. 3", "A/HRC/43/15 - Para 121"
SOURCE_PARTS = re.compile(r"^(A/HRC/[0-9A-Za-z./]+?)(?:\s*-\s*Para\.?\s*(\d+))?\s*$")
# the header row: the position column of every list ("Position", and in the 4th cycle "Position of the State
# under review"), and a column for the goals ("Relevant SDGs") in the 4th cycle's layout, where a goal's bullet
# has no "SDGs:" line above it
POSITION_COLUMN = re.compile(r"^\s*Position\b", re.I)
SDG_COLUMN = re.compile(r"\bSDGs?\b")
HEADER_WORDS = ("Recommendation", "Position", "Full list of themes", "Assessment/comments on level of implementation")


@dataclass(frozen=True)
class Theme:
    code: str | None  # "A12", or None in lists that print labels only
    label: str  # as printed, "Acceptance of international norms"


@dataclass
class ListEntry:
    """One recommendation as the list prints it."""

    number: str  # "115.1"
    text: str
    heading: Theme | None  # the "Theme:" row it is listed under
    position: str | None = None  # "supported", "noted", "supported/noted", ... (lower case)
    position_source: str | None = None  # "A/HRC/28/15/Add.1 - Para. 3", as printed
    themes: list[Theme] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # as printed, without the bullet
    sdgs: list[int] = field(default_factory=list)  # goal numbers

    @property
    def source_document(self) -> str | None:
        """The UN symbol of the document the position comes from ("A/HRC/28/15/Add.1")."""
        match = SOURCE_PARTS.match(self.position_source or "")
        return match.group(1) if match else None

    @property
    def source_paragraph(self) -> int | None:
        match = SOURCE_PARTS.match(self.position_source or "")
        return int(match.group(2)) if match and match.group(2) else None


@dataclass
class ThematicList:
    name: str  # the input's file name
    entries: list[ListEntry]
    form: str  # "docx" or "text"
    warnings: list[str] = field(default_factory=list)

    @property
    def report_symbol(self) -> str | None:
        """The Working Group report the list is about: the position sources name it or its addendum."""
        symbols = sorted({re.sub(r"/Add\.\d+$", "", e.source_document) for e in self.entries if e.source_document})
        return symbols[0] if len(symbols) == 1 else None

    @property
    def parent_symbol(self) -> str | None:
        """The Working Group report whose State and review the list takes (as an addendum does; corpus builds
        hand that report to the list's build)."""
        return self.report_symbol

    @property
    def session_and_state(self) -> tuple[int | None, str | None]:
        """The UPR session and State named by the file name, as the UN names the lists:
        "UPR20_Slovenia_thematic_list_of_recommendations.docx"."""
        match = re.match(r"^UPR(\d{1,2})[_ -]+(.+?)[_ -]+thematic", self.name, re.I)
        if not match:
            return None, None
        return int(match.group(1)), match.group(2).replace("_", " ")


def is_docx(data: bytes) -> bool:
    """A Word document: a zip archive holding word/document.xml."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def looks_like_thematic_list(text: str) -> bool:
    """The text form: several "Source of position:" lines, each after a numbered recommendation."""
    return len(re.findall(r"(?im)^\s*Source of position\s*:", text)) >= 3


def read_docx(data: bytes, name: str) -> ThematicList:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
        root = ElementTree.fromstring(xml)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise UprgraphError(f"{name}: not a readable Word document ({error})") from None
    lines: list[str] = []  # every table cell's paragraphs, row by row
    sdg_columns: set[int] = set()  # kept from one table to the next, where a list goes on without a header
    for table in root.iter(_W + "tbl"):
        for row in table.findall(_W + "tr"):
            cells = _row_cells(row)
            if _is_header(cells):
                sdg_columns = {column for column, texts in cells if SDG_COLUMN.search(" ".join(texts))}
                continue
            for column, texts in cells:
                if column in sdg_columns and not any(SDGS_HEADING.match(t) for t in texts[:1]):
                    lines.append("SDGs:")  # the column says what its bullets are, the cell does not
                lines.extend(texts)
    return _read(name, lines, "docx")


def _row_cells(row: ElementTree.Element) -> list[tuple[int, list[str]]]:
    """A table row's cells, each with its column on the table's grid (a merged cell spans several) and its
    paragraphs' texts."""
    cells, column = [], 0
    for cell in row.findall(_W + "tc"):
        cells.append((column, [_paragraph_text(p) for p in cell.iter(_W + "p")]))
        span = cell.find(f"{_W}tcPr/{_W}gridSpan")
        column += int(span.get(_W + "val", "1")) if span is not None else 1
    return cells


def _is_header(cells: list[tuple[int, list[str]]]) -> bool:
    """The row naming the columns: one of them is the position ("Position", "Position of the State under
    review"), and no cell holds a recommendation or a theme heading."""
    texts = [" ".join(t.strip() for t in texts).strip() for _, texts in cells]
    return (any(POSITION_COLUMN.match(text) for text in texts)
            and not any(RECOMMENDATION.match(text) or THEME_HEADING.match(text) for text in texts))


def read_text(text: str, name: str) -> ThematicList:
    return _read(name, text.splitlines(), "text")


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag in (_W + "tab", _W + "br"):
            parts.append(" ")
    return "".join(parts).replace("\xa0", " ")


def _read(name: str, lines: list[str], form: str) -> ThematicList:
    entries: list[ListEntry] = []
    heading: Theme | None = None
    entry: ListEntry | None = None
    part = "text"  # where the lines go: text, themes, sdgs, groups
    for raw in lines:
        line = raw.strip()
        if not line or line in HEADER_WORDS:
            continue
        if match := THEME_HEADING.match(line):
            heading, entry, part = _theme(match.group(1)), None, "text"
            continue
        if (match := RECOMMENDATION.match(line)) and (entry is None or part != "text" or entry.position_source):
            entry = ListEntry(match.group(1), match.group(2).strip(), heading)
            entries.append(entry)
            part = "text"
            continue
        if entry is None:
            continue
        if match := SOURCE.match(line):
            entry.position_source = re.sub(r"\s+", " ", match.group(1))
        elif entry.position is None and (match := POSITION.match(line)):
            entry.position = re.sub(r"\s*/\s*", "/", match.group(1).lower())
            part = "themes"
        elif match := SDGS_HEADING.match(line):
            part = "sdgs"
            _add(entry, part, match.group(1))
        elif match := GROUPS_HEADING.match(line):
            part = "groups"
            _add(entry, part, match.group(1))
        elif part == "text" and entry.position_source is None:
            entry.text = f"{entry.text} {line}"  # the text wraps over lines
        elif part in ("themes", "groups") and (match := SDG_LINE.match(line)) and 1 <= int(match.group(1)) <= 17:
            # a goal's bullet ("- 16 - PEACE, ...") is a goal wherever it stands: no theme or group is named by a
            # number, and the text of a table with a column of goals (the 4th cycle's) has no "SDGs:" line
            _add(entry, "sdgs", line)
        elif part in ("themes", "sdgs", "groups"):
            _add(entry, part, line)
    warnings = []
    if not entries:
        raise UprgraphError(f"{name}: no recommendation found in this thematic list")
    no_position = [e.number for e in entries if e.position is None]
    if no_position:
        warnings.append(f"{name}: no position printed for {', '.join(no_position)}")
    for e in entries:
        e.text = re.sub(r"\s+", " ", e.text).strip()
    return ThematicList(name, entries, form, warnings)


def _theme(text: str) -> Theme:
    text = re.sub(r"\s+", " ", text.replace("&amp;", "&")).strip()
    match = CODED_THEME.match(text)
    return Theme(match.group(1), match.group(2)) if match else Theme(None, text)


def _add(entry: ListEntry, part: str, line: str) -> None:
    line = line.strip()
    if not line:
        return
    if part == "sdgs":
        if match := SDG_LINE.match(line):
            goal = int(match.group(1))
            if 1 <= goal <= 17 and goal not in entry.sdgs:
                entry.sdgs.append(goal)
        return
    # a line of a later list's theme column has its bullet too: "- Enforced disappearances"
    bullet = BULLET.match(line)
    value = re.sub(r"\s+", " ", (bullet.group(1) if bullet else line).replace("&amp;", "&")).strip()
    if part == "groups":
        if value not in entry.groups:
            entry.groups.append(value)
    else:
        theme = _theme(value)
        if theme not in entry.themes:
            entry.themes.append(theme)
