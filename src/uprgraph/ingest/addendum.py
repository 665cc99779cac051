"""An addendum to a Working Group report (A/HRC/<session>/<n>/Add.<k>): the State's later responses.

The title page says "Addendum" and "Views on conclusions and/or recommendations, voluntary
commitments and replies presented by the State under review" (``doctype`` recognises it). The State answers the
recommendations the Working Group report left "to be examined", in one of two layouts:

- statements by list, one per response category, and optional comments per recommendation:

      3. The Government ... accepts the recommendations 1–5, 14–16, 20–23, ...
      4. The Government ... accepts the recommendations 18, 24, ... Slovenia considers that they
         are already implemented or in the process of implementation ...
             Rec. 18   We consider that this recommendation is implemented. ...
      5. For the time being, the Government ... notes recommendations 6–13, 17, ...

- one answer per recommendation (or per group of them), each classified by its own wording:

      5., 6., 7.   The Slovenian Government accepts these recommendations. ...
      84.          Slovenia cannot accept the recommendation for the following reasons: ...

Numbers are bare items of the Working Group report's list ("18") or full numbers ("95.12");
bare ones are resolved against the Working Group report later (``numbering``). The comment is
kept as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError
from ..extract.dates import parse_date
from .layout import join_lines
from .numbering import StatedSource, stated_source
from .refs import DASHES, expand_ref
from .states import resolve_state
from .text import split_lines
from .working_group import ALREADY_IMPLEMENTED, NOT_ACCEPTED, NOTED, SUPPORTED, TITLE

ADDENDUM_SYMBOL = re.compile(r"\bA/HRC/(?P<session>\d{1,2})/(?P<n>\d{1,3})/Add\.(?P<k>\d{1,2})\b")
VIEWS = re.compile(r"Views\s+on\s+conclusions\s+and/or\s+recommendations", re.I)

NUM = r"\d{1,3}(?:\.\d{1,3})?"
ONE = rf"{NUM}(?:\s*[{DASHES}]\s*{NUM})?"
LIST = rf"{ONE}(?:\s*(?:,|;|,?\s+and)\s*{ONE})*"
# "accepts the recommendations 1–5, 14–16", "notes recommendations 6–13", "Recommendations Nos. 95.1
# and 95.3 were not accepted" is not read (see README: what is not read yet).
STATEMENT = re.compile(
    r"\b(?P<verb>accepts?|accepted|supports?|supported|notes?|noted|takes?\s+note\s+of|rejects?|rejected"
    r"|(?:does|do|can|could)\s*not\s+(?:accept|support)|cannot\s+(?:accept|support))"
    rf"\s+(?:the\s+)?(?:following\s+)?recommendations?\s*:?\s*(?:Nos?\.\s*|numbers?\s+)?(?P<list>{LIST})(?![\d.]*\d)",
    re.I,
)
# "Rec. 18  We consider ...", "Recs. 6–13 The Government ...", "Recommendation 95.12: ..."
COMMENT_HEAD = re.compile(rf"^(?:Recs?\.|Recommendations?)\s*(?P<list>{LIST})\s*[.:]?(?:\s+(?P<rest>\S.*))?$")
# "5., 6., 7., 8., 9.  The Slovenian Government accepts ..."; "43., 44." continues a head that ended in a comma
ITEM_HEAD = re.compile(rf"^(?P<nums>(?:{NUM}\.,?\s*)+)(?:\s+(?P<rest>\S.*))?$")
ITEM_NUMBER = re.compile(rf"({NUM})\.")
# "1. This document is ..." a numbered paragraph of a document that answers by lists
PARAGRAPH = re.compile(r"^(?P<num>\d{1,3})\.\s+(?P<rest>\S.*)$")
HEADING = re.compile(r"^(?P<num>[IVX]{1,5})\.\s+(?P<title>\S.*)$")
# "accepts 142 recommendations": the counts a document states, checked against its lists
COUNT = re.compile(r"\b(?P<verb>accepts?|supports?|notes?|rejects?)\s+(?P<n>\d{1,3})\s+(?:of\s+the\s+)?recommendations\b", re.I)
# the review the addendum answers, when it says which: "the 2nd Universal Periodic Review", "second cycle"
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
CYCLE = re.compile(r"\b(?P<ord>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+(?:cycle|Universal\s+Periodic\s+Review|UPR)\b", re.I)

# What an answer says, read clause by clause (per-recommendation layout and the statements' verbs).
REFUSED = re.compile(r"\b(?:cannot|can\s*not|does\s+not|do\s+not|could\s+not|is\s+unable\s+to|will\s+not)\s+(?:accept|support)\b|\brejects?\b|\brejected\b", re.I)
ACCEPTED = re.compile(r"\b(?:accepts?|accepted|supports?|supported)\b", re.I)
NOTED_WORDS = re.compile(r"\b(?:notes?|noted|takes?\s+note\s+of|took\s+note\s+of)\s+(?:the\s+|this\s+|these\s+)?recommendations?\b", re.I)
IMPLEMENTED = re.compile(
    r"\balready\s+(?:been\s+|being\s+)?implement|\bhas\s+already\s+implemented\b|\b(?:already|always)\s+(?:acts?|acted)\s+accordingly\b"
    r"|\bhas\s+already\s+acted\s+accordingly\b|\bin\s+(?:the\s+)?process\s+of\s+(?:being\s+)?implement|\bis\s+implemented\b"
    r"|\bimplementation\s+of\s+this\s+recommendation\s+(?:are|is)\s+already\s+ongoing\b",
    re.I,
)


@dataclass(frozen=True)
class AddendumResponse:
    number: str  # as printed: a bare item "18" or a full number "95.12"
    status: str  # SUPPORTED, ALREADY_IMPLEMENTED, NOTED or NOT_ACCEPTED (working_group's names)
    line: int  # line of the statement or answer in the source file
    paragraph: int | None = None  # the addendum's paragraph that states it, in the list layout
    comment: str | None = None  # the State's words on this recommendation, as printed


@dataclass(frozen=True)
class Addendum:
    name: str
    symbol: str | None  # "A/HRC/28/15/Add.1"
    parent_symbol: str | None  # "A/HRC/28/15"
    state_code: str | None
    date: str | None  # date of issue, ISO 8601
    cycle: int | None  # the review's cycle, when the addendum says it ("the 2nd Universal Periodic Review")
    stated: StatedSource | None  # "The serial numbers ... follow the list in paragraph 115 ..."
    responses: tuple[AddendumResponse, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def numbers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.number for r in self.responses))


def status_of(text: str) -> list[str]:
    """The response categories an answer's wording gives, in printed order of its clauses ("accepts
    ... ; cannot accept ..." gives both). Empty when the wording names none."""
    found: list[str] = []
    for clause in re.split(r"(?<=[.;])\s+|\bHowever\b|\bbut\b", text):
        refused = REFUSED.search(clause)
        if refused:
            status = NOT_ACCEPTED
        elif NOTED_WORDS.search(clause):
            status = NOTED
        elif ACCEPTED.search(clause):
            status = SUPPORTED
        else:
            continue
        if status not in found:
            found.append(status)
    if SUPPORTED in found and IMPLEMENTED.search(text):
        found[found.index(SUPPORTED)] = ALREADY_IMPLEMENTED
    return found


def parse_list(printed: str) -> list[str]:
    """"1–5, 14– 16, 150 – 152 and 160" -> ["1", ..., "5", "14", "15", "16", "150", ..., "160"]."""
    numbers: list[str] = []
    for token in re.split(r"\s*(?:,|;|\band\b)\s*", printed.strip()):
        token = re.sub(rf"\s*([{DASHES}])\s*", r"\1", token.strip().rstrip("."))
        if token:
            numbers.extend(n for n in expand_ref(token) if n not in numbers)
    return numbers


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.warnings: list[str] = []

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"{self.name}: line {line}: {message}")

    def blocks(self, lines) -> list[tuple[str, int, list[str], list[str]]]:  # type: ignore[no-untyped-def]
        """The body cut at numbered heads: (kind, line, numbers, text lines); kind is "item" (a numbered
        answer or paragraph), "comment" (Rec. N), "heading" or "text" (before any head)."""
        out: list[tuple[str, int, list[str], list[str]]] = [("text", 0, [], [])]
        continuing = False  # the last item head ended with a comma: "40., 41., 42.,"
        for line in lines:
            text = line.text
            comment = COMMENT_HEAD.match(text)
            item = ITEM_HEAD.match(text)
            if continuing and item:
                kind, number, numbers, body = out[-1]
                numbers.extend(ITEM_NUMBER.findall(item.group("nums")))
                if item.group("rest"):
                    body.append(item.group("rest"))
                continuing = item.group("nums").rstrip().endswith(",")
                continue
            continuing = False
            if comment:
                try:
                    numbers = parse_list(comment.group("list"))
                except InputError as exc:
                    self.warn(line.number, str(exc))
                    numbers = []
                out.append(("comment", line.number, numbers, [comment.group("rest") or ""]))
            elif HEADING.match(text):
                out.append(("heading", line.number, [], [text]))
            elif item:
                out.append(("item", line.number, ITEM_NUMBER.findall(item.group("nums")), [item.group("rest") or ""]))
                continuing = item.group("nums").rstrip().endswith(",")
            else:
                out[-1][3].append(text)
        return out

    def by_lists(self, blocks) -> list[AddendumResponse]:  # type: ignore[no-untyped-def]
        """Responses from the statements by list, with the comments that follow them."""
        responses: list[AddendumResponse] = []
        heading = ""
        for kind, line, numbers, body in blocks:
            if kind == "heading":
                heading = body[0]
                continue
            if kind != "item":
                continue
            text = join_lines(body)[0]
            paragraph = int(numbers[0]) if numbers and "." not in numbers[0] else None
            for match in STATEMENT.finditer(text):
                status = status_of(match.group(0))
                if not status:
                    continue
                category = status[0]
                rest = text[match.end():]
                if category == SUPPORTED and (IMPLEMENTED.search(rest) or IMPLEMENTED.search(heading)):
                    category = ALREADY_IMPLEMENTED
                try:
                    listed = parse_list(match.group("list"))
                except InputError as exc:
                    self.warn(line, str(exc))
                    continue
                responses.extend(AddendumResponse(n, category, line, paragraph) for n in listed)
        seen: dict[str, str] = {}
        for response in responses:
            if seen.setdefault(response.number, response.status) != response.status:
                self.warn(response.line, f"recommendation {response.number} is listed as {seen[response.number]} and as {response.status}")
        comments: dict[str, str] = {}
        for kind, line, numbers, body in blocks:
            if kind != "comment":
                continue
            for number in numbers:
                if number not in seen:
                    self.warn(line, f"a comment on recommendation {number}, which no list names")
                comments.setdefault(number, join_lines(body)[0])
        return [AddendumResponse(r.number, r.status, r.line, r.paragraph, comments.get(r.number)) for r in responses]

    def by_items(self, blocks) -> list[AddendumResponse]:  # type: ignore[no-untyped-def]
        """Responses from one answer per recommendation (or per group), classified by their wording."""
        responses: list[AddendumResponse] = []
        for kind, line, numbers, body in blocks:
            if kind not in ("item", "comment") or not numbers:
                continue
            text = join_lines(body)[0]
            statuses = status_of(text)
            if not statuses:
                self.warn(line, f"the answer to recommendation(s) {', '.join(numbers)} names no response "
                                f"(accepted, noted, rejected...): {text[:70]!r}")
                continue
            for number in numbers:
                responses.extend(AddendumResponse(number, status, line, None, text) for status in statuses)
        return responses

    def check_counts(self, text: str, responses: list[AddendumResponse]) -> None:
        """The totals a document states ("accepts 142 recommendations") against what its lists give."""
        groups = {"accept": (SUPPORTED, ALREADY_IMPLEMENTED), "support": (SUPPORTED, ALREADY_IMPLEMENTED),
                  "note": (NOTED,), "reject": (NOT_ACCEPTED,)}
        for match in COUNT.finditer(text):
            statuses = groups[match.group("verb").lower().rstrip("s")]
            found = len({r.number for r in responses if r.status in statuses})
            if found != int(match.group("n")):
                self.warnings.append(f"{self.name}: the addendum says it {match.group(0)!r} but its lists give {found}")


def parse_addendum(text: str, name: str = "addendum", notes: str = "") -> Addendum:
    """Read an addendum's responses from its (PDF-extracted) text; ``notes`` is the text of its
    footnotes and endnotes when the PDF reader set them apart (the numbering is often stated there)."""
    if not text.strip():
        raise InputError(f"{name}: the text is empty")
    source = split_lines(text)
    reader = _Reader(name)
    head = "\n".join(ln.text for ln in source.lines[:40])
    symbol_match = next((ADDENDUM_SYMBOL.search(s) for s in source.symbols if ADDENDUM_SYMBOL.search(s)), None) or ADDENDUM_SYMBOL.search(head)
    symbol = symbol_match.group(0) if symbol_match else None
    if symbol is None:
        reader.warnings.append(f"{name}: no addendum symbol (A/HRC/<session>/<n>/Add.<k>) on the first page")
    parent = symbol.rsplit("/Add.", 1)[0] if symbol else None
    state_code = None
    for i, line in enumerate(source.lines[:40]):
        if TITLE.search(line.text) or line.text.startswith("Report of the Working Group"):
            for candidate in source.lines[i + 1 : i + 4]:
                found = resolve_state(candidate.text.strip(" *"))
                if found:
                    state_code = found.iso3
                    break
            if state_code:
                break
    if state_code is None:
        reader.warnings.append(f"{name}: the State under review could not be read")
    date_match = re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}", head)
    date = parse_date(date_match.group(0)) if date_match else None
    start = next((i for i, ln in enumerate(source.lines) if VIEWS.search(ln.text)), 0)
    body_lines = source.lines[start + 1 :]
    body_text = " ".join(ln.text for ln in body_lines)
    cycle_match = CYCLE.search(body_text)
    blocks = reader.blocks(body_lines)
    full_text = join_lines([ln.text for ln in body_lines])[0]
    by_list = any(STATEMENT.search(join_lines(b[3])[0]) for b in blocks if b[0] == "item")
    responses = reader.by_lists(blocks) if by_list else reader.by_items(blocks)
    if by_list:
        reader.check_counts(full_text, responses)
    if not responses:
        raise InputError(f"{name}: this addendum gives no response the reader recognises "
                         "(\"accepts the recommendations 1-5 ...\", or one answer per recommendation)")
    return Addendum(
        name=name, symbol=symbol, parent_symbol=parent, state_code=state_code, date=date,
        cycle=ORDINALS[cycle_match.group("ord").lower()] if cycle_match else None,
        stated=stated_source(f"{full_text}\n{join_lines(notes.splitlines())[0]}"),
        responses=tuple(responses), warnings=tuple(reader.warnings),
    )
