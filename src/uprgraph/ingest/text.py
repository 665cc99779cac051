"""Raw bytes -> text lines, with the page furniture of UN documents set apart."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..errors import InputError

# Page furniture printed on every page of a UN document: the document symbol, the
# "GE.14-16238" job number with a page number before or after it, bare page numbers,
# and footnote links left alone on a line by the PDF extraction.
SYMBOL_LINE = re.compile(r"^\s*(A/HRC/[A-Z0-9./]+?(?:/Add\.\d{1,2})?)\s*$")
# The masthead of a title page as `pdftotext -layout` prints it: "United Nations" and, far right on the
# same line, the document's symbol. Read as the symbol line it stands for.
MASTHEAD_LINE = re.compile(r"^\s*(?:United\s+Nations|UNITED\s+NATIONS)\s+(A/HRC/[A-Z0-9./]+?)\s*$")
JOB_NUMBER_LINE = re.compile(r"^\s*(?:\d{1,3}\s+)?GE\.\d{2}-\d{4,6}(?:\s+\d{1,3})?\s*$")
PAGE_NUMBER_LINE = re.compile(r"^\s*\d{1,3}\s*$")
# "Page 17" under the symbol in the running header of 2008-2010 documents
PAGE_LABEL_LINE = re.compile(r"^\s*Page\s+\d{1,3}\s*$")
URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
# A UPR report's text is 50-500 kB; past this size the file is not one report, and reading it would take
# minutes. Refused at once, with its size, rather than left to run.
MAX_TEXT_BYTES = 2_000_000


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the source file
    text: str  # without the trailing newline and trailing spaces
    indent: int  # leading spaces


@dataclass(frozen=True)
class SourceText:
    lines: tuple[Line, ...]  # content lines, furniture and blank lines removed
    symbols: tuple[str, ...]  # UN document symbols seen in page headers, in order of first sight
    furniture: int  # how many furniture lines were removed


def decode_report(data: bytes, name: str = "report") -> str:
    """Decode a report's bytes, refusing what is not text."""
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(
            f"{name}: {len(data) / 1e6:.1f} MB of text is larger than the {MAX_TEXT_BYTES // 1_000_000} MB "
            f"uprgraph reads; a UPR report is under 1 MB: split it or check that it is the right file"
        )
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not valid UTF-16 text ({exc.reason})") from None
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: this is a binary file, not a text report")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8 text (invalid byte at offset {exc.start}); convert it to UTF-8 first"
        ) from None
    return unicodedata.normalize("NFC", text)


def decoding_notes(data: bytes, name: str = "report") -> list[str]:
    """What :func:`decode_report` quietly repaired, worded as warnings: the text is read all the same,
    but whoever made the file should know (and the repairs must not be mistaken for the report's)."""
    notes = []
    if data.startswith(b"\xef\xbb\xbf"):
        notes.append(f"{name}: a UTF-8 byte order mark opens the file; it was dropped")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        notes.append(f"{name}: UTF-16 text (byte order mark); read as UTF-16")
    if b"\r\n" in data or b"\r\x00\n" in data or b"\x00\r\x00\n" in data:
        notes.append(f"{name}: Windows (CR LF) line endings; read as plain line ends")
    return notes


def split_lines(text: str) -> SourceText:
    lines: list[Line] = []
    symbols: list[str] = []
    furniture = 0
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        raw = raw.replace("\f", "").replace("\u00a0", " ").rstrip()
        if not raw.strip():
            continue
        symbol = SYMBOL_LINE.match(raw) or MASTHEAD_LINE.match(raw)
        if symbol:
            if symbol.group(1) not in symbols:
                symbols.append(symbol.group(1))
            furniture += 1
            continue
        if JOB_NUMBER_LINE.match(raw) or PAGE_NUMBER_LINE.match(raw) or PAGE_LABEL_LINE.match(raw) or URL_LINE.match(raw):
            furniture += 1
            continue
        stripped = raw.lstrip(" \t")
        lines.append(Line(number, stripped, len(raw) - len(stripped)))
    return SourceText(tuple(lines), tuple(symbols), furniture)


def reindent_pages(text: str) -> str:
    """Text laid out page by page with form feeds (``pdftotext -layout``) -> the indentation the
    readers expect: body lines at each page's own left margin get none, a heading hung left of the
    margin or set in from it gets two spaces. Margins differ between odd and even pages, so each
    page finds its own: the indentation most lines of the page share."""
    pages = []
    for page in text.split("\f"):
        lines = page.split("\n")
        indents = [len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()]
        if not indents:
            pages.append(page)
            continue
        margin = max(set(indents), key=lambda i: (indents.count(i), -i))
        out = []
        for ln in lines:
            if not ln.strip():
                out.append("")
                continue
            indent = len(ln) - len(ln.lstrip(" "))
            body = " ".join(ln.split())
            out.append(body if margin <= indent <= margin + 1 else "  " + body)
        pages.append("\n".join(out))
    return "\n".join(pages)
