"""Tables for people: columns sized by their content, long cells wrapped onto several lines to fit a width,
and Markdown tables for notes and papers. Every command that prints a table (``query``, ``queries``,
``analyze``, ``evaluate``) renders it here.

The width a table fits (:func:`output_width`), in this order:

- the ``COLUMNS`` environment variable, when it is set to a positive number (so a script or a test gets the
  same table on every machine, whether it writes to a terminal, a pipe or a file);
- the terminal's width, when the table is printed to a terminal;
- otherwise none: one line per row, each column as wide as its widest cell, the plain and stable layout a
  pipe or a file (``-o``) gets.

No value is ever cut. A cell wraps at spaces; a word longer than its column goes on after a hyphen, a slash or
an underscore ("government-" / "decision", an IRI after each "/"), and only a piece still longer than the
column is broken inside; it continues on the next line. When a row takes several lines, a blank line separates
it from the next. Line breaks and tabs inside a value are shown as spaces in a table (Markdown writes them as
``<br>``).

Written here rather than taken from a library: rich's tables (the best-kept candidate) share a narrow width
by ratio between columns, which at 100 columns broke "instruction" and every date in the middle while the
long text columns kept their room; tabulate and texttable wrap to fixed column widths, not a total width.

    >>> print(render(["n", "text"], [["1", "a short cell"], ["2", "a cell that does not fit"]], width=16), end="")
    n  text
    -  -------------
    1  a short cell
    <BLANKLINE>
    2  a cell that
       does not fit
"""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

GAP = "  "  # between columns
SHORT = 12  # a column this few characters short of its widest cell is made whole before the long ones grow
_WHITESPACE = re.compile(r"\s+")


def output_width(stream: TextIO | None) -> int | None:
    """The width a table printed to ``stream`` (None: a file) should fit, or None for no wrapping."""
    columns = os.environ.get("COLUMNS", "")
    if columns.strip().isdigit() and int(columns) > 0:
        return int(columns)
    if stream is None:
        return None
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):  # closed, detached or not a real file (a test's capture)
        return None
    return None


def render(header: Sequence[str], rows: Sequence[Sequence[str | None]], width: int | None = None,
           right: Sequence[int] = ()) -> str:
    """A text table: the header, a line of dashes under each column, the rows; ``right``: the indexes of the
    columns aligned right (numbers). ``width``: the total width to fit (None: no wrapping)."""
    cells = [[_flat(c) for c in header], *[[_flat(c) for c in row] for row in rows]]
    widths = _widths(cells, width)
    blocks = [_wrap_row(row, widths) for row in cells]
    spread = any(len(block) > 1 for block in blocks[1:])

    def line(parts: Sequence[str]) -> str:
        padded = [p.rjust(w) if i in right else p.ljust(w) for i, (p, w) in enumerate(zip(parts, widths, strict=True))]
        return GAP.join(padded).rstrip()

    out = [line(parts) for parts in blocks[0]]
    out.append(GAP.join("-" * w for w in widths))
    for number, block in enumerate(blocks[1:]):
        if spread and number:
            out.append("")
        out += [line(parts) for parts in block]
    return "\n".join(out) + "\n"


def markdown(header: Sequence[str], rows: Sequence[Sequence[str | None]], right: Sequence[int] = ()) -> str:
    """A GitHub-flavoured Markdown table: ``|`` escaped, line breaks written as ``<br>``; ``right``: columns
    aligned right."""
    return "".join(markdown_lines(header, rows, right))


def markdown_lines(header: Sequence[str], rows: Iterable[Sequence[str | None]], right: Sequence[int] = ()) -> Iterator[str]:
    """:func:`markdown`'s lines (each ending in a line break), the head first, then one per row as the rows
    come: a Markdown table needs no column widths, so it can be written before its last row is known."""
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    yield "| " + " | ".join(_md_cell(h) for h in header) + " |\n"
    yield "|" + "|".join(rule) + "|\n"
    for row in rows:
        yield "| " + " | ".join(_md_cell(c) for c in row) + " |\n"


def fill(text: str, width: int | None) -> str:
    """A paragraph of prose wrapped to ``width`` (unchanged when None)."""
    if width is None:
        return text
    return textwrap.fill(text, width=max(width, 1), break_on_hyphens=True)


# ------------------------------------------------------------------------------------------ the layout


def _flat(value: str | None) -> str:
    return "" if value is None else _WHITESPACE.sub(" ", value).strip()


def _md_cell(value: str | None) -> str:
    text = "" if value is None else value.replace("\\", "\\\\").replace("|", "\\|")
    return re.sub(r"\r\n|\r|\n", "<br>", text).strip()


_PIECE = re.compile(r"[^\s/_-]*[/_-]+|[^\s/_-]+")  # a word's pieces, each ending after its hyphens, slashes or _


def _pieces(word: str) -> list[str]:
    return _PIECE.findall(word)


def _floor(texts: Sequence[str], split: bool) -> int:
    """The longest word of ``texts`` (with ``split``: the longest piece of a word, cut after hyphens, slashes, _)."""
    words = [word for text in texts for word in text.split()]
    if split:
        words = [piece for word in words for piece in _pieces(word)]
    return max((len(word) for word in words), default=0)


def _widths(cells: list[list[str]], width: int | None) -> list[int]:
    """Each column's width: its widest cell when everything fits (or no width is given). Otherwise each column
    first gets a floor, the first of these that leaves every column its floor: its longest word; its longest
    piece of a word (cut after a hyphen, a slash or an underscore); the same, the header left out (a header
    may then break);
    failing all, the widest floors give way first, down to a common level. The room left first makes whole the
    columns that lack at most SHORT characters (a date, a kind, a name), those lacking least first; the rest is
    shared equally among the columns still narrower than their widest cell, none getting more than it lacks."""
    columns = list(zip(*cells, strict=True))
    natural = [max(1, *(len(c) for c in column)) for column in columns]
    if width is None:
        return natural
    room = width - len(GAP) * (len(natural) - 1)
    if sum(natural) <= room:
        return natural
    tiers = ([_floor(column, False) for column in columns], [_floor(column, True) for column in columns],
             [_floor(column[1:], True) for column in columns])
    widths = [min(n, max(1, f)) for n, f in zip(natural, tiers[-1], strict=True)]
    for tier in tiers:
        floors = [min(n, max(1, f)) for n, f in zip(natural, tier, strict=True)]
        if sum(floors) <= room:
            widths = floors
            break
    while sum(widths) > room and max(widths) > 1:
        widest = max(widths)
        widths[widths.index(widest)] = widest - 1  # the leftmost of the widest
    spare = room - sum(widths)
    lack = [n - w for n, w in zip(natural, widths, strict=True)]
    for i in sorted(range(len(lack)), key=lambda i: (lack[i], i)):
        if 0 < lack[i] <= min(spare, SHORT):
            widths[i] += lack[i]
            spare -= lack[i]
            lack[i] = 0
    while spare > 0 and any(lack):
        needy = [i for i, x in enumerate(lack) if x > 0]
        share = spare // len(needy)
        if share == 0:  # fewer characters left than columns wanting them: the ones lacking most, leftmost first
            needy = sorted(needy, key=lambda i: (-lack[i], i))[:spare]
            share = 1
        for i in needy:
            given = min(share, lack[i])
            widths[i] += given
            lack[i] -= given
            spare -= given
    return widths


def _wrap_row(row: list[str], widths: list[int]) -> list[list[str]]:
    """The row's lines, each a list of one part per column."""
    wrapped = [_wrap(cell, w) for cell, w in zip(row, widths, strict=True)]
    height = max(len(parts) for parts in wrapped)
    return [[parts[i] if i < len(parts) else "" for parts in wrapped] for i in range(height)]


def _wrap(cell: str, width: int) -> list[str]:
    """Greedy wrapping at spaces. A word that does not fit on the current line starts the next one; a word
    longer than the width is cut after its hyphens, slashes or underscores where it can be, else at the width."""
    if len(cell) <= width:
        return [cell]
    lines: list[str] = []
    current = ""
    for word in cell.split(" "):
        if current and len(current) + 1 + len(word) <= width:
            current += " " + word
            continue
        if current:
            lines.append(current)
        current = ""
        if len(word) <= width:
            current = word
            continue
        for piece in _pieces(word):
            if len(current) + len(piece) > width and current:
                lines.append(current)
                current = ""
            while len(piece) > width:
                lines.append(piece[:width])
                piece = piece[width:]
            current += piece
    lines.append(current)
    return lines
