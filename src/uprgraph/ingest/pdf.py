"""A UN PDF -> text in the shape the text readers take (one line per printed line).

The text readers (``text.split_lines``, ``layout.parse_document``, ``working_group``) expect what a
PDF extraction of a UN document gives: one line per printed line, thematic headings set in by two
spaces or more, body lines at the margin. This module rebuilds that from the PDF's glyphs
(pdfminer.six, no layout analysis of its own):

- glyphs are grouped into printed lines by their baseline, and a line's leading spaces come from
  its x position against the page's body margin (the most common start of body-size lines): none
  at the margin, two for a heading that starts left of it (UN headings hang their "A." or "II."
  in the left gutter), one for a line set in in the body font (a sub-item, a quotation), two for
  a bold or italic line set in;
- glyphs much smaller than their line and raised above its baseline are superscripts: footnote
  marks, left out of the text (ordinals such as "21st" keep theirs);
- the page furniture is left out: running headers and footers, page numbers, the "GE.14-16238 (E)"
  job number, the bar code, footnotes (small print below a short rule or starting with a mark at
  the page bottom) and endnotes (the small print after a "Notes" heading). The document symbol of
  the page header is kept once, on the first line, where ``split_lines`` records it and drops it.

Encrypted, damaged and image-only PDFs raise :class:`~uprgraph.errors.InputError`.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

from ..errors import InputError
from .text import JOB_NUMBER_LINE, PAGE_NUMBER_LINE, SYMBOL_LINE

BASELINE_TOLERANCE = 0.2  # glyphs whose baselines differ by less than this share of their size share a line
SUPERSCRIPT_RATIO = 0.75  # a glyph at most this share of its line's size, raised, is a superscript
SMALL_PRINT_RATIO = 0.92  # lines below this share of the body size are small print (notes, tables)
COLUMN_GAP = 6.0  # a gap wider than this many body sizes splits a printed line (masthead columns)
MARGIN_SLACK = 3.0  # points either side of the body margin that still count as "at the margin"
DESCENT = 0.21  # a text font's descent, as a share of its size (Times 0.216, Arial 0.212)
MIN_TEXT_GLYPHS = 40  # fewer glyphs than this in the whole file: no text layer
# A UPR report's PDF is 100-600 kB and pdfminer reads about 50 kB of it a second on one core; a file ten
# times the largest is not one report, and reading it would take minutes. Refused at once, with its size.
MAX_PDF_BYTES = 5_000_000

JOB_NUMBER = re.compile(r"^\s*(?:\d{1,3}\s+)?GE\.\d{2}-\d{4,6}\b.*$")  # "GE.14-13493 (E) 150914 [page]"
NOTE_MARK = re.compile(r"^(?:\*{1,3}|[\u2020\u2021]|\d{1,3}|[a-z])\s")
NOTES_HEADING = re.compile(r"^(?:End)?[Nn]otes$")
RULE_TEXT = re.compile(r"^[_\u2014\u2015-]{5,}$")
CID = re.compile(r"\(cid:\d+\)")
ORDINAL = re.compile(r"^(?:st|nd|rd|th|er|e|re)$")


@dataclass
class _Glyph:
    text: str
    x0: float
    x1: float
    base: float
    top: float
    size: float
    font: str
    superscript: bool = False

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class _Row:
    """Glyphs on one baseline of one page, left to right, possibly one column of it."""

    glyphs: list[_Glyph] = field(default_factory=list)
    base: float = 0.0

    def visible(self) -> list[_Glyph]:
        return [g for g in self.glyphs if not g.blank and not g.superscript]

    @property
    def size(self) -> float:
        sizes = Counter(round(g.size, 1) for g in self.visible())
        return sizes.most_common(1)[0][0] if sizes else 0.0

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs if not g.blank)

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs if not g.blank)

    @property
    def top(self) -> float:
        return max(g.top for g in self.glyphs)

    @property
    def styled(self) -> bool:
        """Bold or italic throughout (a heading's look)."""
        glyphs = self.visible()
        return bool(glyphs) and all(re.search(r"bold|italic|oblique|black|heavy", g.font, re.I) for g in glyphs)

    @property
    def starts_with_superscript(self) -> bool:
        first = next((g for g in self.glyphs if not g.blank), None)
        return first is not None and first.superscript

    def text(self) -> str:
        out: list[str] = []
        previous: _Glyph | None = None
        pending_space = False
        ordinal_after_digit = False
        runs = _superscript_runs(self.glyphs)
        for i, glyph in enumerate(self.glyphs):
            if glyph.blank:
                pending_space = True
                previous = glyph
                continue
            if previous is not None and not previous.blank and glyph.x0 - previous.x1 > 0.15 * min(glyph.size, previous.size):
                pending_space = True
            if (
                previous is not None
                and glyph.text == previous.text
                and abs(glyph.x0 - previous.x0) < 0.5 * max(glyph.x1 - glyph.x0, 0.1)
            ):
                continue  # the same glyph printed twice, slightly offset ("fake bold")
            previous = glyph
            text = glyph.text
            if CID.fullmatch(text):  # a glyph the PDF gives no Unicode for: a bullet if it leads the line
                if out:
                    continue
                text = "\u2022"
            if glyph.superscript:
                run = runs[i]
                ordinal_after_digit = bool(ORDINAL.match(run)) and bool(out) and out[-1][-1:].isdigit()
                if not ordinal_after_digit:
                    continue  # a footnote mark
                pending_space = False
            if pending_space and out:
                out.append(" ")
            pending_space = False
            out.append(text)
        return "".join(out).strip()


def _superscript_runs(glyphs: list[_Glyph]) -> dict[int, str]:
    """For each superscript glyph, the text of the run of superscripts it belongs to."""
    runs: dict[int, str] = {}
    start = None
    for i in range(len(glyphs) + 1):
        inside = i < len(glyphs) and glyphs[i].superscript
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            text = "".join(g.text for g in glyphs[start:i]).strip()
            for k in range(start, i):
                runs[k] = text
            start = None
    return runs


@dataclass
class _Line:
    """A printed line, ready to be written out."""

    page: int
    row: _Row
    text: str


# -- reading the PDF -------------------------------------------------------------------------------
def _pages(data: bytes, name: str) -> list[tuple[float, float, list[_Glyph], list[tuple[float, float, float, float]]]]:
    """(width, height, glyphs, horizontal rules as (x0, y0, x1, y1)) of each page."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTFigure, LTLine, LTRect
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
    except PDFPasswordIncorrect:
        raise InputError(f"{name}: this PDF is encrypted with a password; open it and save an unprotected copy") from None
    except PDFEncryptionError as exc:
        raise InputError(f"{name}: this PDF is encrypted in a way that cannot be read ({exc})") from None
    except Exception as exc:  # pdfminer raises many kinds (PDFSyntaxError, PSEOF, KeyError...) on a damaged file
        raise InputError(f"{name}: this PDF is damaged and cannot be read ({type(exc).__name__}: {exc})") from None

    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    try:
        for page in PDFPage.create_pages(document):
            interpreter.process_page(page)
            layout = device.get_result()
            glyphs: list[_Glyph] = []
            rules: list[tuple[float, float, float, float]] = []

            def walk(item: object) -> None:
                if isinstance(item, LTChar):
                    a, b, c, d, _, _ = item.matrix
                    if item.upright and abs(b) < 1e-3 and abs(c) < 1e-3 and a > 0 and d > 0:
                        base = item.y0 + DESCENT * item.size  # about the baseline, raised or not (pdfminer keeps no font)
                        glyphs.append(_Glyph(item.get_text(), item.x0, item.x1, base, item.y1, item.size, item.fontname))  # noqa: B023 (called within this iteration)
                elif isinstance(item, (LTRect, LTLine)):
                    if item.height <= 2.0 and item.width >= 20:
                        rules.append((item.x0, item.y0, item.x1, item.y1))  # noqa: B023
                elif isinstance(item, LTFigure):
                    for child in item:
                        walk(child)

            for item in layout:
                walk(item)
            pages.append((layout.width, layout.height, glyphs, rules))
    except InputError:
        raise
    except Exception as exc:
        raise InputError(
            f"{name}: this PDF is damaged and cannot be read (page {len(pages) + 1}: {type(exc).__name__}: {exc})"
        ) from None
    return pages


def _rows(glyphs: list[_Glyph]) -> list[_Row]:
    """Glyphs -> rows on a common baseline, top to bottom; raised small glyphs join their line."""
    rows: list[_Row] = []
    for glyph in sorted(glyphs, key=lambda g: (-round(g.base, 1), g.x0)):
        for row in reversed(rows[-6:]):
            tolerance = max(1.0, BASELINE_TOLERANCE * max(glyph.size, row.glyphs[0].size))
            if abs(row.base - glyph.base) <= tolerance:
                row.glyphs.append(glyph)
                break
        else:
            rows.append(_Row([glyph], glyph.base))
    # Superscripts: a row of glyphs much smaller than a row just below it, over the same stretch.
    # Each row's largest visible glyph and visible extent are measured once, not once per pair of rows (that
    # was a third of a PDF's reading time); a row only ever gains glyphs, so its glyph count says when to
    # measure it again.
    measured: dict[int, tuple[int, tuple[float, float, float] | None]] = {}

    def visible_extent(row: _Row) -> tuple[float, float, float] | None:
        """(largest size, x0, x1) of the row's visible glyphs, None when it has none."""
        known = measured.get(id(row))
        if known is None or known[0] != len(row.glyphs):
            visible = [g for g in row.glyphs if not g.blank]
            extent = (max(g.size for g in visible), min(g.x0 for g in visible), max(g.x1 for g in visible)) if visible else None
            known = measured[id(row)] = (len(row.glyphs), extent)
        return known[1]

    kept: list[_Row] = []
    for row in rows:
        own = visible_extent(row)
        size = own[0] if own else 0.0
        host = None
        if size != 0.0:
            left, right = min(g.x0 for g in row.glyphs), max(g.x1 for g in row.glyphs)
            for other in rows:
                extent = None if other is row else visible_extent(other)
                if extent is None:
                    continue
                other_size, other_x0, other_x1 = extent
                raised = row.base - other.base
                if (
                    size <= SUPERSCRIPT_RATIO * other_size
                    and 0 < raised <= 0.7 * other_size
                    and left >= other_x0 - other_size
                    and right <= other_x1 + 2 * other_size
                ):
                    host = other
                    break
        if host is not None:
            for glyph in row.glyphs:
                glyph.superscript = True
            host.glyphs.extend(row.glyphs)
        else:
            kept.append(row)
    for row in kept:
        row.glyphs.sort(key=lambda g: g.x0)
    return [row for row in kept if any(not g.blank for g in row.glyphs)]


def _split_columns(row: _Row, body_size: float) -> list[_Row]:
    """A row with a very wide gap (the masthead's "United Nations ... A/HRC/14/15") -> its parts."""
    parts: list[_Row] = [_Row([], row.base)]
    last_x1 = None
    for glyph in row.glyphs:
        if glyph.blank:
            parts[-1].glyphs.append(glyph)
            continue
        if last_x1 is not None and glyph.x0 - last_x1 > COLUMN_GAP * body_size:
            parts.append(_Row([], row.base))
        parts[-1].glyphs.append(glyph)
        last_x1 = glyph.x1
    return [p for p in parts if any(not g.blank for g in p.glyphs)]


def _margin(starts: list[float], least: int) -> float | None:
    """The body's left margin: the leftmost x at which many body-size lines start.

    The most common start will not do: a Working Group report's pages of recommendations start
    most lines further right, and a heading's hanging number starts left of it but on few lines.
    """
    counts = Counter(round(x) for x in starts)
    if not counts:
        return None
    top = counts.most_common(1)[0][1]
    frequent = [x for x, n in counts.items() if n >= max(least, 0.2 * top)]
    if not frequent:
        return None
    best = min(frequent)
    return min(x for x in starts if abs(round(x) - best) <= 1)


# -- the page furniture ----------------------------------------------------------------------------
def _is_furniture(row: _Row, text: str, height: float, repeated: set[str]) -> bool:
    if SYMBOL_LINE.match(text) or JOB_NUMBER.match(text) or JOB_NUMBER_LINE.match(text):
        return True
    if any(re.search(r"c39|barcode|code128|3of9", g.font, re.I) for g in row.visible()):
        return True
    in_margin = row.base > 0.9 * height or row.top < 0.12 * height
    if in_margin and (PAGE_NUMBER_LINE.match(text) or re.fullmatch(r"\*\d{5,}\*", text) or _shape(text) in repeated):
        return True
    return False


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _is_note_start(row: _Row, text: str, margin: float) -> bool:
    """A footnote's first line: a superscript mark, or "1 " / "* " hanging left of the margin."""
    return row.starts_with_superscript or (row.x0 < margin - MARGIN_SLACK and bool(NOTE_MARK.match(text)))


def _footnote_start(
    rows: list[_Row], texts: list[str], rules: list[tuple[float, float, float, float]], body_size: float, margin: float, height: float
) -> int:
    """Index of the first row of the page's footnotes (len(rows) if none)."""
    end = len(rows)
    # The UN sets footnotes below a short rule at the left of the page, the first starting with its mark.
    for x0, _, x1, y1 in sorted(rules, key=lambda rule: -rule[3]):
        if x1 - x0 > 250 or x0 > margin + MARGIN_SLACK or y1 > 0.5 * height:
            continue
        below = [i for i in range(end) if rows[i].top <= y1 + 1]
        if below and below == list(range(below[0], end)) and _is_note_start(rows[below[0]], texts[below[0]], margin):
            return below[0]
    # Otherwise: small print at the page bottom, from its first line that starts with a mark.
    start = end
    while start > 0 and rows[start - 1].size < SMALL_PRINT_RATIO * body_size:
        start -= 1
    for i in range(start, end):
        if _is_note_start(rows[i], texts[i], margin):
            return i
    return end


def _indent(row: _Row, margin: float, body_size: float) -> int:
    offset = row.x0 - margin
    if abs(offset) <= MARGIN_SLACK:
        return 0
    if offset < 0:
        return 2  # a heading whose number hangs in the left gutter
    if row.styled or row.size > body_size + 0.5:
        return 2  # a heading set in
    return 1  # a sub-item, a bullet, a first line set in


# The texts of the PDFs read last in this process, by the SHA-256 of their bytes: pdfminer takes seconds
# per report, and a long-lived process (the Python API called again on the same files, the tests) reads
# the same file again. The text depends on the bytes alone (``name`` only names the file in an error, and
# errors are never kept), so a file read again gives the same text and notes without pdfminer.
READ_CACHE_SIZE = 32
_read: OrderedDict[bytes, tuple[str, tuple[str, ...]]] = OrderedDict()


def pdf_to_text(data: bytes, name: str = "report.pdf", notes: list[str] | None = None) -> str:
    """The text of a UN PDF, one printed line per line, without page furniture.

    ``notes``, when given, receives the lines of the footnotes and endnotes left out of the text (a
    document may say there where its recommendation numbers come from).

    Raises InputError for what is not a readable PDF with a text layer.
    """
    key = hashlib.sha256(data).digest()
    if key in _read:
        _read.move_to_end(key)
        text, found = _read[key]
    else:
        found_notes: list[str] = []
        text = _pdf_to_text(data, name, found_notes)
        found = tuple(found_notes)
        _read[key] = (text, found)
        while len(_read) > READ_CACHE_SIZE:
            _read.popitem(last=False)
    if notes is not None:
        notes.extend(found)
    return text


def _pdf_to_text(data: bytes, name: str, notes: list[str]) -> str:
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{name}: this is not a PDF file (no %PDF header)")
    if len(data) > MAX_PDF_BYTES:
        raise InputError(
            f"{name}: a {len(data) / 1e6:.1f} MB PDF is larger than the {MAX_PDF_BYTES // 1_000_000} MB uprgraph reads; "
            f"a UPR report's PDF is under 1 MB: check that it is the right file"
        )
    if b"%%EOF" not in data[-4096:]:
        raise InputError(f"{name}: this PDF is truncated (no end-of-file marker); download it again")
    pages = _pages(data, name)
    if not pages:
        raise InputError(f"{name}: this PDF is damaged: no page could be read")
    sizes = Counter(round(g.size, 1) for _, _, glyphs, _ in pages for g in glyphs if not g.blank)
    if sum(sizes.values()) < MIN_TEXT_GLYPHS:
        raise InputError(f"{name}: this PDF has no text layer (scanned?); run OCR on it first")
    body_size = sizes.most_common(1)[0][0]

    page_rows: list[tuple[float, list[_Row], list[tuple[float, float, float, float]]]] = []
    for _, height, glyphs, rules in pages:
        rows = [part for row in _rows(glyphs) for part in _split_columns(row, body_size)]
        page_rows.append((height, rows, rules))

    # Text repeated in the top or bottom margin of several pages is a running header or footer.
    margin_shapes: Counter[str] = Counter()
    for height, rows, _ in page_rows:
        margin_shapes.update(
            {_shape(r.text()) for r in rows if r.base > 0.9 * height or r.top < 0.12 * height}
        )
    repeated = {shape for shape, n in margin_shapes.items() if n >= 3 and shape}

    body_starts = [r.x0 for _, rows, _ in page_rows for r in rows if abs(r.size - body_size) <= 0.5]
    document_margin = _margin(body_starts, 5) or 0.0

    symbol: str | None = None
    lines: list[_Line] = []
    in_endnotes = False
    for number, (height, rows, rules) in enumerate(page_rows, start=1):
        texts = [r.text() for r in rows]
        content: list[tuple[_Row, str]] = []
        for row, text in zip(rows, texts, strict=True):
            if not text:
                continue
            if _is_furniture(row, text, height, repeated):
                found = SYMBOL_LINE.match(text)
                if found and symbol is None:
                    symbol = found.group(1)
                continue
            content.append((row, text))
        starts = [r.x0 for r, _ in content if abs(r.size - body_size) <= 0.5]
        margin = document_margin
        if starts and not any(abs(x - document_margin) <= MARGIN_SLACK for x in starts):
            margin = _margin(starts, 3) or document_margin  # a page set differently (a mirrored layout)
        start = _footnote_start([r for r, _ in content], [t for _, t in content], rules, body_size, margin, height)
        notes.extend(text for _, text in content[start:])
        for row, text in content[:start]:
            if NOTES_HEADING.match(text):
                in_endnotes = True
                continue
            if in_endnotes:
                if row.size < SMALL_PRINT_RATIO * body_size or RULE_TEXT.match(text):
                    notes.append(text)
                    continue
                in_endnotes = False
            if RULE_TEXT.match(text):
                continue
            lines.append(_Line(number, row, " " * _indent(row, margin, body_size) + text))

    out: list[str] = [symbol] if symbol else []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and previous.page == line.page:
            gap = previous.row.base - line.row.base
            if gap > 1.45 * max(line.row.size, previous.row.size):
                out.append("")  # a paragraph or heading break, as printed
        out.append(line.text)
        previous = line
    if not any(line.strip() for line in out):
        raise InputError(f"{name}: this PDF has no text layer (scanned?); run OCR on it first")
    return unicodedata.normalize("NFC", "\n".join(out) + "\n")
