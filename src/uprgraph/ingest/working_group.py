"""A UPR Working Group report (A/HRC/<session>/<n>) -> its recommendations as plain data.

The report's last chapter ("II. Conclusions and/or recommendations") holds numbered paragraphs.
Some open with a chapeau that says what the State under review did with the recommendations
listed below it, and list them as numbered items, each ending with the recommending State(s) in
parentheses:

    95. The recommendations formulated during the interactive dialogue and listed below enjoy
        the support of Kazakhstan:
        1. To accomplish human rights voluntary goals ... (Brazil);
        ...
    96. Kazakhstan considers that recommendations Nos. 7, 8, ... above have already been
        implemented or are in the process of implementation.
    97. The following recommendations will be examined by Kazakhstan, which will provide
        responses in due course ...:

The response of a list is read from its chapeau, in general phrases (registries/wg_responses.csv);
a chapeau that gives none ("In the course of the discussion, the following recommendations were made
to Ghana:", 2008-2010) takes the response of a paragraph after the list that points back to it ("The
recommendations listed above enjoy the support of Ghana.", "The response of X to these recommendations
will be included in the outcome report": to be examined); without one, the list is kept with the
response "unclassified" and a warning naming the paragraph. A paragraph
that only names earlier items as "already implemented or in the process of implementation" adds
the flag ``already_implemented`` to them and leaves their response as it was.

Items are numbered "1." (the form of this file) or "95.1" / "95.1.", on their own line or
followed by the text. An item's number and a paragraph's number can coincide (item 96 of
paragraph 95, then paragraph 96): a number continues the list while the list is open, and a
list closes with the item that ends with a full stop.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..errors import InputError
from ..extract.dates import parse_date
from .layout import join_lines
from .refs import expand_ref
from .states import resolve_state
from .text import Line, split_lines

SUPPORTED = "supported"
ALREADY_IMPLEMENTED = "already-implemented"
TO_BE_EXAMINED = "to-be-examined"
NOTED = "noted"
NOT_ACCEPTED = "not-accepted"

UNCLASSIFIED = "unclassified"  # a list whose response no known wording gives: kept, with a warning

# Words that point back from a paragraph to the list printed before it: "The response of X to these
# recommendations will be included in the outcome report", "The recommendations listed above enjoy ...".
BACK_REFERENCE = re.compile(r"\b(?:these|the above|above-mentioned|all(?: the)?)\s+recommendations\b|\brecommendations\s+(?:listed\s+|contained\s+)?above\b", re.I)


@lru_cache(maxsize=1)
def responses() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Chapeau wordings -> response (registries/wg_responses.csv), tried in the file's order: a chapeau
    that says "did not enjoy the support ... and would thus be noted" is "noted"; "did not enjoy the
    support" alone is "not-accepted"."""
    from ..resources import read_text

    rows = csv.DictReader(io.StringIO(read_text("registries", "wg_responses.csv")))
    return tuple((row["response"], re.compile(row["pattern"], re.I)) for row in rows)


WG_SYMBOL = re.compile(r"\bA/HRC/(?P<session>\d{1,2})/(?P<n>\d{1,3})(?:/Add\.\d+)?\b")
NATIONAL_SYMBOL = re.compile(r"\bA/HRC/WG\.6/(?P<session>\d{1,2})/(?P<state>[A-Z]{3})/\d\b")
PREVIOUS_SYMBOL = re.compile(r"\bA/HRC/WG\.6/(?P<session>\d{1,2})/L\.\d+\b")
TITLE = re.compile(r"Report\s+of\s+the\s+Working\s+Group\s+on\s+the\s+Universal\s+Periodic\s+Review", re.I)
REVIEWED_STATE = re.compile(r"\breview of (?P<state>[A-Z\u00c0-\u017f].{1,80}?)\s+(?:was held|took place)\b")
REVIEW_DATE = re.compile(r"\breview of .{2,80}? was held\b.{0,80}?\bon (?P<date>\d{1,2} [A-Z][a-z]+ \d{4})")
CHAPTER = re.compile(r"^(?P<num>[IVXL]{1,6})\.\s+(?P<title>\S.*)$")
CONTENTS_LEADER = re.compile(r"\.{5,}")
ANNEX = re.compile(r"^Annex(?:es)?\b")
# "95." / "95. The recommendations ..." / "1." / "95.1" / "95.1. To ratify ..."
NUMBERED = re.compile(r"^(?:(?P<para>\d{1,3})\.(?P<item>\d{1,3})\.?|(?P<num>\d{1,3})\.)(?:\s+(?P<rest>.*))?$")
# A footnote's own text, set apart by the PDF extraction: "1 <tab>Chile, Slovakia, ...".
FOOTNOTE_LINE = re.compile(r"^(?P<mark>\d{1,2})(?:\t|\s{2,})\s*\S")
FOOTNOTE_LINE_SPACE = re.compile(r"^(?P<mark>\d{1,2})\s+\S")
# A footnote mark glued to the end of a word or a punctuation mark: "(Slovenia);2", "available.1".
FOOTNOTE_MARK = re.compile(r"(?<![\d.,/\-])(?<!\bNo\.)(?<!\bNos\.)(?<=[a-z\u2019)\];.,:])(?P<mark>\d{1,2})(?=\s|$)")
# "recommendations Nos. 7, 8, 9 ... above", "recommendations 95.7, 95.8 and 95.10-95.12"
REFERENCED = re.compile(
    r"\brecommendations?\s+(?:Nos?\.?\s*|numbers?\s*)?(?P<list>\d{1,3}(?:\.\d{1,3})?(?:\s*(?:,|;|\band\b|[\u2013\u2014\u2212-])\s*\d{1,3}(?:\.\d{1,3})?)*)",
    re.I,
)


@dataclass(frozen=True)
class WGRecommendation:
    number: str  # "95.3": paragraph and item, scoped to this report
    paragraph: int
    item: int
    text: str  # as printed, lines re-joined, without the trailing recommending State(s) and the final ";" or "."
    states: tuple[str, ...]  # recommending States as printed, in printed order
    response: str  # SUPPORTED, ALREADY_IMPLEMENTED, TO_BE_EXAMINED, NOTED or NOT_ACCEPTED
    line: int  # line of the item's number in the source file
    already_implemented: bool = False  # named by a paragraph as "already implemented or in the process of implementation"
    state_codes: tuple[str | None, ...] = ()  # ISO 3166-1 alpha-3 of each of ``states`` (None: not in the registry)


@dataclass(frozen=True)
class WorkingGroupReport:
    name: str  # file name it was read from
    symbol: str | None  # "A/HRC/14/10"
    state_code: str | None  # ISO 3166-1 alpha-3 of the State under review
    council_session: int | None  # Human Rights Council session the report went to (from the symbol)
    wg_session: int | None  # Working Group session of the review
    date: str | None  # date of issue printed on the first page, ISO 8601
    review_date: str | None  # date of the review meeting, ISO 8601
    recommendations: tuple[WGRecommendation, ...]
    warnings: tuple[str, ...] = field(default=())

    def recommendation(self, number: str) -> WGRecommendation:
        for recommendation in self.recommendations:
            if recommendation.number == number:
                return recommendation
        raise KeyError(number)

    def in_paragraph(self, paragraph: int) -> tuple[WGRecommendation, ...]:
        return tuple(r for r in self.recommendations if r.paragraph == paragraph)


@dataclass
class _Item:
    number: int
    line: int
    lines: list[str]


@dataclass
class _Paragraph:
    number: int
    line: int
    lines: list[str]
    items: list[_Item] = field(default_factory=list)

    @property
    def chapeau(self) -> str:
        return join_lines(self.lines)[0]

    def list_open(self) -> bool:
        """Whether a number on the next line may be this paragraph's next item."""
        if not self.items:
            chapeau = self.chapeau.rstrip()
            # "... listed below will be examined by Slovenia, which will provide responses ... June 2010."
            # opens a list as a colon does, when it says what is done with the list below it
            return chapeau.endswith(":") or (classify(chapeau) is not None and re.search(r"\b(?:below|following)\b", chapeau) is not None)
        last = join_lines(self.items[-1].lines)[0].rstrip()
        last = FOOTNOTE_MARK.sub("", last).rstrip()
        return not last.endswith(".")


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.warnings: list[str] = []
        self.paragraphs: list[_Paragraph] = []

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"{self.name}: line {line}: {message}")

    # -- the recommendations chapter -----------------------------------------------------------
    def chapter_lines(self, lines: tuple[Line, ...]) -> list[Line]:
        """Lines of the last chapter whose title speaks of recommendations, up to an annex."""
        start = None
        for i, line in enumerate(lines):
            match = CHAPTER.match(line.text)
            if match and "recommendation" in match.group("title").lower() and not CONTENTS_LEADER.search(line.text):
                start = i + 1
        if start is None:
            raise InputError(
                f"{self.name}: no chapter of conclusions and/or recommendations was found; "
                "is this a UPR Working Group report?"
            )
        chapter: list[Line] = []
        for line in lines[start:]:
            if ANNEX.match(line.text) or CHAPTER.match(line.text):
                break
            chapter.append(line)
        return chapter

    def read(self, lines: list[Line]) -> None:
        footnotes: set[str] = set()  # footnote marks seen in the chapter, whose text may follow
        for line in self.unglued(lines):
            text = line.text
            note = FOOTNOTE_LINE.match(text)
            if note is None:
                spaced = FOOTNOTE_LINE_SPACE.match(text)
                note = spaced if spaced and spaced.group("mark") in footnotes else None
            if note and not NUMBERED.match(text):
                self.warn(line.number, f"footnote {note.group('mark')} left out of the text: {text[:60]!r}")
                continue
            footnotes.update(m.group("mark") for m in FOOTNOTE_MARK.finditer(text))
            match = NUMBERED.match(text)
            if match and self.take_number(line, match):
                continue
            if not self.paragraphs:
                continue  # the chapter's title lines
            current = self.paragraphs[-1]
            (current.items[-1].lines if current.items else current.lines).append(text)

    def unglued(self, lines: list[Line]):  # type: ignore[no-untyped-def]
        """The lines, with an item number glued to the end of the item before it ("... campaigns
        (Spain);110.44. Take actions ...", A/HRC/26/12) set on a line of its own: "P.n" after a ";" or
        "." where P is the paragraph being read and n its next item."""
        for line in lines:
            current = self.paragraphs[-1] if self.paragraphs else None
            if current is not None and current.items:
                glued = re.search(rf"(?<=[;.])\s*(?={current.number}\.{current.items[-1].number + 1}\.?\s)", line.text)
                if glued and glued.start() > 0:
                    yield Line(line.number, line.text[: glued.start()], line.indent)
                    yield Line(line.number, line.text[glued.end() :], line.indent)
                    continue
            yield line

    def take_number(self, line: Line, match: re.Match[str]) -> bool:
        """Open an item or a paragraph at a numbered line; False if the number is neither."""
        rest = (match.group("rest") or "").strip()
        current = self.paragraphs[-1] if self.paragraphs else None
        if match.group("para") is not None:  # "95.1": an item, and only an item of paragraph 95
            if current is None or int(match.group("para")) != current.number:
                return False
            printed, expected = match.group("item"), (current.items[-1].number + 1 if current.items else 1)
            item = int(printed)
            if item != expected and str(expected).endswith(printed):
                # a digit dropped in print ("118.09" between 118.108 and 118.110, A/HRC/26/16)
                self.warn(line.number, f"item {current.number}.{printed} read as {current.number}.{expected}, the next in sequence")
                item = expected
            current.items.append(_Item(item, line.number, [rest] if rest else []))
            return True
        number = int(match.group("num"))
        next_paragraph = current is None or number == current.number + 1
        # the next item's number continues an open list; past an item ending with a full stop (2008-2010
        # lists end every item so) too, unless it is also the next paragraph's number
        next_item = current is not None and number == (current.items[-1].number + 1 if current.items else 1) and (
            current.list_open() or (bool(current.items) and not next_paragraph))
        if current is None and not rest and number < 2:
            next_paragraph = False  # a lone "1." before any paragraph is no paragraph of this chapter
        if next_item and current is not None:
            current.items.append(_Item(number, line.number, [rest] if rest else []))
            return True
        if next_paragraph:
            self.paragraphs.append(_Paragraph(number, line.number, [rest] if rest else []))
            return True
        return False

    # -- from paragraphs to recommendations ----------------------------------------------------
    def recommendations(self) -> tuple[WGRecommendation, ...]:
        out: list[WGRecommendation] = []
        flagged: dict[str, int] = {}  # recommendation number -> line of the paragraph that flags it
        last_list: _Paragraph | None = None
        for k, paragraph in enumerate(self.paragraphs):
            response = classify(paragraph.chapeau)
            if paragraph.items:
                if response is None:
                    response = self.response_after(k)
                if response is None:
                    self.warn(paragraph.line, f"paragraph {paragraph.number} lists {len(paragraph.items)} recommendation{'' if len(paragraph.items) == 1 else 's'} but no "
                              f"known wording says what the State did with them; kept as unclassified: {paragraph.chapeau[:80]!r}")
                    response = UNCLASSIFIED
                for item in paragraph.items:
                    out.append(self.recommendation(paragraph, item, response))
                last_list = paragraph
            elif response == ALREADY_IMPLEMENTED:
                for number in self.referenced(paragraph, last_list):
                    flagged.setdefault(number, paragraph.line)
        known = {r.number for r in out}
        for number, line in flagged.items():
            if number not in known:
                self.warn(line, f"recommendation {number} is named as already implemented but is not listed")
        return tuple(replace(r, already_implemented=True) if r.number in flagged else r for r in out)

    def response_after(self, k: int) -> str | None:
        """The response given to the list of paragraph ``k`` by a later paragraph without items that points
        back to it, before the next list."""
        for later in self.paragraphs[k + 1 :]:
            if later.items:
                return None
            if BACK_REFERENCE.search(later.chapeau):
                found = classify(later.chapeau)
                if found is not None:
                    return found
        return None

    def referenced(self, paragraph: _Paragraph, last_list: _Paragraph | None) -> list[str]:
        """Recommendation numbers that an "already implemented" paragraph names."""
        match = REFERENCED.search(paragraph.chapeau)
        if match is None:
            self.warn(paragraph.line, f"paragraph {paragraph.number} names no recommendation numbers")
            return []
        tokens = [t for t in re.split(r"\s*(?:,|;|\band\b)\s*", match.group("list")) if t]
        numbers: list[str] = []
        for token in tokens:
            if "." not in token.split("-")[0] and "\u2013" not in token:
                if last_list is None:
                    self.warn(paragraph.line, f"paragraph {paragraph.number} names items before any list")
                    return []
                token = re.sub(r"(\d{1,3})", rf"{last_list.number}.\1", token)
            try:
                numbers.extend(n for n in expand_ref(token) if n not in numbers)
            except InputError as exc:
                self.warn(paragraph.line, str(exc))
        return numbers

    def recommendation(self, paragraph: _Paragraph, item: _Item, response: str) -> WGRecommendation:
        number = f"{paragraph.number}.{item.number}"
        text, _ = join_lines(item.lines)
        text = self.drop_footnote_marks(text, item.line, number)
        body, states = split_authors(text)
        if not states:
            self.warn(item.line, f"recommendation {number} names no recommending State")
        codes = []
        for state in states:
            found = resolve_state(state)
            if found is None:
                self.warn(item.line, f"recommendation {number}: {state!r} is not in the States registry")
            codes.append(found.iso3 if found else None)
        return WGRecommendation(
            number, paragraph.number, item.number, body, states, response, item.line,
            already_implemented=response == ALREADY_IMPLEMENTED, state_codes=tuple(codes),
        )

    def drop_footnote_marks(self, text: str, line: int, number: str) -> str:
        for mark in FOOTNOTE_MARK.finditer(text):
            self.warn(line, f"recommendation {number}: footnote mark {mark.group('mark')!r} removed after {text[max(0, mark.start() - 12):mark.start()]!r}")
        return FOOTNOTE_MARK.sub("", text)


def classify(chapeau: str) -> str | None:
    """The response a chapeau gives the recommendations under it, or None."""
    for response, pattern in responses():
        if pattern.search(chapeau):
            return response
    return None


def split_authors(text: str) -> tuple[str, tuple[str, ...]]:
    """("To ratify ... (Slovenia); ratify ... (Republic of Korea);") -> (text, ("Slovenia", "Republic of Korea")).

    The trailing parenthesis names the recommending States, and so do the brackets right before it
    that name only States ("... Disappearance (France) (Lithuania)": co-sponsors); so does a
    parenthesis inside the item when every name in it is a State ("(Slovenia); ratify ...", "To ratify
    (Spain)/consider ... (Argentina) the ..."). The text keeps inner parentheses, as printed, and loses
    the trailing ones and the final ";" / ".". Each State is named once, in printed order.
    """
    body = re.sub(r"(?:\s*[;.,])+(?:\s*and)?\s*$", "", text.strip())
    states: list[str] = []
    trailing = _trailing_parenthesis(body)
    if trailing is not None:
        start, inner = trailing
        states = _names(inner)
        body = body[:start].rstrip()
        # co-sponsors in consecutive brackets, "... Disappearance (France) (Lithuania)": each bracket
        # before the last that names only States names recommending States too
        while (before := _trailing_parenthesis(body)) is not None:
            names = _names(before[1])
            if not names or not all(resolve_state(n) for n in names):
                break
            states = names + states
            body = body[: before[0]].rstrip()
    inner_states: list[str] = []
    # 2008-2011 reports group several States' wordings under one number: "To ratify (Spain)/consider the
    # possibility of ratifying (Argentina) the ... Convention (Spain, Argentina) and of accepting ...
    # (Argentina);" (A/HRC/14/15): every parenthesis inside that names only States names recommending States
    for match in re.finditer(r"\((?P<inner>[^()]*(?:\([^()]*\)[^()]*)*)\)(?=\s*(?:[;/,]|and\b|\w))", body):
        names = _names(match.group("inner"))
        if names and all(resolve_state(n) for n in names):
            inner_states.extend(names)
    return body, tuple(dict.fromkeys(inner_states + states))


def _trailing_parenthesis(text: str) -> tuple[int, str] | None:
    """(start, content) of a balanced parenthesis that ends ``text``."""
    if not text.endswith(")"):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                return i, text[i + 1 : -1]
    return None


def _names(inner: str) -> list[str]:
    """State names in "Canada, France and Norway"; a name that holds "and" or a comma stays whole.

    Names the registry does not know are kept as printed, split at commas only.
    """
    parts = [p.strip() for p in re.split(r",(?![^()]*\))", inner) if p.strip()]
    names: list[str] = []
    i = 0
    while i < len(parts):
        part = re.sub(r"^and\s+", "", parts[i])
        if i + 1 < len(parts) and resolve_state(part) is None and resolve_state(f"{part}, {parts[i + 1]}"):
            names.append(f"{part}, {parts[i + 1]}")  # "Korea, Republic of"
            i += 2
            continue
        names.extend(_segment(part) or [part])
        i += 1
    return names


def _segment(text: str) -> list[str] | None:
    """"Bosnia and Herzegovina and Norway" -> ["Bosnia and Herzegovina", "Norway"], if every piece is a State."""
    if resolve_state(text):
        return [text]
    for match in re.finditer(r"\s+and\s+", text):
        head = text[: match.start()]
        if resolve_state(head):
            tail = _segment(text[match.end() :])
            if tail:
                return [head, *tail]
    return None


# -- the first page ----------------------------------------------------------------------------
def _header(lines: tuple[Line, ...], symbols: tuple[str, ...], text: str, reader: _Reader) -> dict[str, object]:
    first_paragraph = next((i for i, ln in enumerate(lines) if NUMBERED.match(ln.text) and ln.text.split(".")[0] == "1"), len(lines))
    head = lines[:first_paragraph]
    head_text = "\n".join(ln.text for ln in head)
    symbol = next((s for s in symbols if WG_SYMBOL.fullmatch(s)), None)
    if symbol is None:
        match = WG_SYMBOL.search(head_text)
        symbol = match.group(0) if match else None
    if symbol is None:
        reader.warnings.append(f"{reader.name}: no Working Group report symbol (A/HRC/<session>/<n>) on the first page")
    council_session = int(WG_SYMBOL.match(symbol).group("session")) if symbol else None  # type: ignore[union-attr]

    intro = " ".join(ln.text for ln in lines[first_paragraph : first_paragraph + 4])
    # a symbol wrapped at a slash ("A/HRC/WG.6/6/" and "DMA/1" on the next line) read whole
    national = NATIONAL_SYMBOL.search(re.sub(r"(A/HRC/WG\.6/\d{1,2}/)\s+", r"\1", text))
    state_code = _state_under_review(head_text, intro, national, reader)
    wg = national or PREVIOUS_SYMBOL.search(text)
    review = REVIEW_DATE.search(" ".join(ln.text for ln in lines[first_paragraph : first_paragraph + 3]))
    return {
        "symbol": symbol,
        "state_code": state_code,
        "council_session": council_session,
        "wg_session": int(wg.group("session")) if wg else None,
        "date": parse_date(head_text) if re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}", head_text) else None,
        "review_date": parse_date(review.group("date")) if review else None,
    }


def _state_under_review(head_text: str, intro: str, national: re.Match[str] | None, reader: _Reader) -> str:
    """The State under review, from the first of: the name under the title ("Report of the Working Group
    on the Universal Periodic Review*" then "Slovenia", the title wrapped or not); the introduction ("The
    review of Slovenia was held at the 10th meeting"); the national report's symbol (A/HRC/WG.6/20/SVN/1).
    Where two say different things, a warning; where none can be read, the report is refused: its
    recommendations would hang on a review of no State."""
    found: list[tuple[str, str]] = []  # (ISO3, where)
    title = TITLE.search(head_text)
    if title:
        below = [ln.strip(" *\t") for ln in head_text[title.end() :].split("\n")]
        for candidate in [ln for ln in below if ln][:3]:
            state = resolve_state(candidate)
            if state:
                found.append((state.iso3, "the title page"))
                break
    reviewed = REVIEWED_STATE.search(intro)
    if reviewed and (state := resolve_state(reviewed.group("state"))):
        found.append((state.iso3, "the introduction"))
    if national:
        found.append((national.group("state"), national.group(0)))
    if not found:
        raise InputError(
            f"{reader.name}: the State under review could not be read: no State's name under the title, no "
            "\"The review of <State> was held\" in the introduction, no national report symbol A/HRC/WG.6/<session>/<XXX>/1"
        )
    code, where = found[0]
    for other, elsewhere in found[1:]:
        if other != code:
            reader.warnings.append(f"{reader.name}: the State under review reads {code} in {where} but {other} in {elsewhere}")
    return code


def is_working_group_report(text: str) -> bool:
    """A Working Group report says so on its title page (and is not its addendum: see ingest.doctype)."""
    from .doctype import WORKING_GROUP_REPORT, classify

    return classify(text) == WORKING_GROUP_REPORT


def parse_working_group(text: str, name: str = "report") -> WorkingGroupReport:
    """Read the recommendations of a UPR Working Group report from its (PDF-extracted) text."""
    if not text.strip():
        raise InputError(f"{name}: the text is empty")
    if "\x00" in text:
        raise InputError(f"{name}: this is binary data, not the text of a report")
    source = split_lines(text)
    reader = _Reader(name)
    reader.read(reader.chapter_lines(source.lines))
    recommendations = reader.recommendations()
    if not recommendations:
        raise InputError(
            f"{name}: the chapter of conclusions and/or recommendations lists no numbered recommendation "
            "under a chapeau that says what the State did with them"
        )
    seen: set[str] = set()
    for recommendation in recommendations:
        if recommendation.number in seen:
            raise InputError(f"{name}: line {recommendation.line}: recommendation {recommendation.number} is listed twice")
        seen.add(recommendation.number)
    first_page = _Reader(name)  # read after the chapter, so that a text with none is refused for that first
    header = _header(source.lines, source.symbols, text, first_page)
    return WorkingGroupReport(
        name=name,
        recommendations=recommendations,
        warnings=(*first_page.warnings, *reader.warnings),
        **header,  # type: ignore[arg-type]
    )
