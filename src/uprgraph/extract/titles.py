"""Names of laws, codes, decrees and bills as legal systems cite them, read by convention, not by
sentence.

A name is a run of title-cased words joined by lowercase connectors, ending in a head word of the
lexicon ("Prevention of Torture Act", "Placement of Children with Special Needs Act", "Federal
Decree-Law"), or a head followed by its title ("Code of Criminal Procedure", "Act on Compensations
for Persons Erased from the Register of Permanent Residents", "Act Amending the Aliens Act"). After
the name come the citation's parts, each a convention of some legal systems:
- a number: "No. 12", "No. 13.146/2015" (Lusophone), "No. 115-FZ" (Russian), "No. 008-2019-MIMP"
  (Andean), "No. 2016-444" (French), "No. M/51" (Gulf); "Act 4 of 2000" (Southern Africa);
- a year or date: "Act, 2003" (Commonwealth, South Asia), "No. 12 of 2017", "Act of 2004",
  "of 13 April 2016", a leading "2004 ... Act";
- a title after a number or date: "Law No. 10 of 2019 on the Protection from Domestic Violence";
- an acronym or short name in brackets: "(FVPA)", "(Maria da Penha Law)".
A State's adjective before a name is not part of it ("Slovenian Criminal Code" names the Criminal
Code); neither is an opening word of the sentence ("The", "Since", "Adopted").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import registries
from .dates import DATE, MONTHS, iso

_M = "|".join(MONTHS)
YEAR = r"(?:19|20)\d\d"
FULL_DATE = rf"(?:\d{{1,2}}\s+(?:{_M})\s+{YEAR}|(?:{_M})\s+\d{{1,2}},?\s+{YEAR}|(?:{_M})\s+{YEAR}|{YEAR})"
# A citation number: digits with dots, slashes and hyphens, letters after a hyphen ("115-FZ",
# "008-2019-MIMP"), or a short letter series before it ("M/51"); never a court's docket ("U-I-246/02").
NUMBER = r"(?:[A-Z]{1,3}/)?\d[\d./-]*(?:-[A-Z]{2,6}\b)?(?:/(?:EU|EC|EEC)\b)?(?<![./-])"
TOKEN = re.compile(r"\([^()]{1,120}\)|[\w\u2019'-]+|\S")
# A lowercase title of a head that opens a name ("Decree on measures for protecting ...") ends at
# the verb or punctuation that closes the noun phrase.
LOWER_TITLE_END = re.compile(
    r"(?=\s+(?:was|were|is|are|has|have|had|will|shall|which|that|entered|took|provides|sets|requires|allows|defines"
    r"|regulates|prohibits|guarantees|introduced|stipulates|states|establishes|applies)\b"
    r"|,(?!\s+[a-z]+\s+and\s)|\s+and\s+(?=[A-Z\d])|;|\.(?:\s|$)|\(|$)"
)


@dataclass(frozen=True)
class Citation:
    start: int
    end: int  # the whole citation: name, number, date, title, bracketed short name
    name: str  # the name as printed, without the citation's parts
    kind: str
    number: str | None
    year: str | None  # the year the citation itself carries ("Act, 2003", "No. 12 of 2017", "/2015")
    date: str | None  # a full printed date ("of 13 April 2016")
    issuer: str | None  # implied by the head ("Presidential Decree", "Cabinet Resolution")
    generic: bool  # the name is only a head and its qualifiers ("Federal Law No. 10"): the number identifies it
    amended: tuple[int, int] | None = None  # the instrument an "Act Amending the X Act" names
    short: str | None = None  # the acronym or short name in brackets after it


@lru_cache(maxsize=1)
def _lexicon():  # type: ignore[no-untyped-def]
    words = registries.instrument_words()
    _, adjectives = registries.state_words()
    last = {phrase.split()[-1] for phrase in words.heads}
    head = re.compile(r"\b(?:" + "|".join(sorted((re.escape(h) for h in last), key=len, reverse=True)) + r")\b")
    return words, adjectives, head


def _capitalised(token: str) -> bool:
    return token[0].isupper() or (token[0] == "(" and _bracket_of_name(token))


def _bracket_of_name(token: str) -> bool:
    """"(Amendment)", "(Care and Protection of Children)", "(Equal Opportunities, Protection of ...)"."""
    words, _, _ = _lexicon()
    inner = re.findall(r"[\w\u2019'-]+", token[1:-1])
    return bool(inner) and inner[0][0].isupper() and all(w[0].isupper() or w in words.connectors for w in inner)


def _head_of(name: str) -> tuple[str, str, str | None] | None:
    """(head phrase, kind, issuer) of the longest lexicon head that ends the name."""
    words, _, _ = _lexicon()
    for phrase, (kind, issuer) in words.heads.items():
        if name == phrase or name.endswith(" " + phrase) or name.endswith("-" + phrase):
            return phrase, kind, issuer
    return None


def _left(m: str, floor: int, head_start: int) -> int:
    """Where the name that ends with the head at ``head_start`` begins."""
    words, adjectives, head = _lexicon()
    tokens = list(TOKEN.finditer(m, floor, head_start))
    start = head_start
    pending = head_start  # connectors are kept only when a capitalised word stands before them
    for token in reversed(tokens):
        text = token.group()
        if m[token.end() : pending].strip():
            break  # something else between: not one run of words
        if text in words.stops or text in adjectives:
            break
        if head.fullmatch(text) and re.search(r"\band\b", m[token.end() : start]):
            break  # "the X Act and the Y Act": two names
        if text == "and" and start == head_start:
            break  # "... Procedure and the Code of ...": the head stands alone
        if _capitalised(text) and not text.startswith("(") or text.startswith("(") and _bracket_of_name(text):
            start = pending = token.start()
        elif text in words.connectors:
            if text == "and" and re.match(r"\s*(?:the|a|an)\b", m[token.end() : start]):
                break  # "Magna Carta of Women and the Anti-Child Pornography Law": "and the" joins two names
            pending = token.start()
        elif re.fullmatch(YEAR, text) and start < head_start:
            before = m[max(floor, token.start() - 5) : token.start()]
            if re.search(r"(?:^|\b(?:the|The|a|A)\s+)$", before):
                start = token.start()  # "The 2004 Vocational Rehabilitation ... Act"
            break
        else:
            break
    return start


def _right(m: str, head_end: int, ceiling: int, amending: bool) -> int:
    """Where the title that follows a head opening the name ends ("Code of Criminal Procedure",
    "Act on ...", "Act Amending the Aliens Act"); the head itself when none follows."""
    words, _, head = _lexicon()
    end = pending = head_end
    tokens = list(TOKEN.finditer(m, head_end, ceiling))
    for i, token in enumerate(tokens):
        text = token.group()
        if m[pending : token.start()].strip():
            break
        if i == 0 and not (text in ("of", "on", "for", "concerning", "regarding") or re.fullmatch(r"[A-Z][a-z]+ing", text)):
            break
        if text.startswith("("):
            break
        if _capitalised(text) and text not in words.stops:
            if not amending and head.fullmatch(text) and re.search(r"\band\b", m[end : token.start()]):
                break  # "Code of Criminal Procedure and the Code of Administrative Offences": two names
            end = pending = token.end()
            if amending and head.fullmatch(text) and not re.match(r"\s+(?:[A-Z][a-z]+ing|on|of)\b", m[token.end() :]):
                break  # "Act Amending the Aliens Act" ends with the amended act's head
        elif text in words.connectors:
            pending = token.end()
        else:
            break
    return end


TAILS = [
    ("number", re.compile(rf"^\s+No\.\s*(?P<number>{NUMBER})(?:,?\s+(?:of|dated)\s+(?P<date>{FULL_DATE}))?")),
    ("act-of-year", re.compile(rf"^\s+(?P<number>\d{{1,4}})\s+of\s+(?P<date>{YEAR})\b")),
    ("comma-year", re.compile(rf"^,\s+(?P<date>{YEAR})(?![\d\u2013\u2212-])")),
    ("of-date", re.compile(rf"^\s+of\s+(?P<date>{FULL_DATE})\b")),
    ("eu-number", re.compile(r"^\s+(?:\((?:EU|EC|EEC)\)\s+)?(?:No\s+)?(?P<number>\d{2,4}/\d{1,4}(?:/(?:EU|EC|EEC))?)\b(?P<date>)")),
    # the State a name is of: "Criminal Code of the Republic", "Constitution of the Republic of Kazakhstan"
    ("of-state", re.compile(r"^\s+of\s+the\s+(?:Republic|Federation|Kingdom|State|Principality)(?:\s+of\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)?\b(?P<date>)")),
    ("bracket-number", re.compile(rf"^\s+\(No\.\s*(?P<number>{NUMBER})\s+of\s+(?P<date>{YEAR})\)")),
]
FIELD_OF_LAW = re.compile(r"\b(?:International|Humanitarian|Rights|National|Customary|Domestic|Case|Islamic)\s+Law$")
TITLE_AFTER = re.compile(rf"^\s+(?:on|regarding|concerning|to|against)\s+(?:the\s+)?(?=[A-Za-z])(?!(?:{_M})\b)")
SHORT = re.compile(r"^\s+\((?P<short>[A-Z][A-Z-]{1,9}|[A-Z][^()]{2,40}\b(?:Law|Act|Code))\)")


def find_citations(m: str) -> list[Citation]:
    """Every named instrument cited in ``m`` (a paragraph's matchable text)."""
    words, _, head = _lexicon()
    found: dict[int, Citation] = {}
    for match in head.finditer(m):
        floor = max(m.rfind(".", 0, match.start() - 3) + 1, 0)
        start = _left(m, floor, match.start())
        name_end = match.end()
        qualified_only = all(w in words.prefixes for w in m[start : match.start()].split())
        opening = start == match.start() or qualified_only  # "Code of ...", "Federal Act on ..."
        amending = bool(re.match(r"^\s+Amending\b", m[name_end:]))
        if opening or amending:
            name_end = _right(m, match.end(), len(m), amending)
        name = " ".join(m[start:name_end].split())
        if re.search(r"\b(?:Court|Tribunal)\b", name):
            continue  # a court's decision is not an instrument
        if re.search(r"\b(?:entitled|titled)\s+[\u201c\"]$", m[max(0, start - 12) : start]):
            continue  # 'Order No. 689 ..., entitled "Regulations on ..."': the order's own title
        found_head = _head_of(" ".join(m[start : match.end()].split()))
        if found_head is None:
            continue
        phrase, kind, issuer = found_head
        end = name_end
        number = year = date = None
        for label, tail in TAILS:
            t = tail.match(m[end:])
            if not t or (label == "act-of-year" and kind != "act") or (label == "eu-number" and kind not in ("directive", "regulation")):
                continue
            number = t.groupdict().get("number") or number
            printed = t.group("date")
            if printed:
                year = year or re.search(YEAR, printed).group()  # type: ignore[union-attr]
                if len(printed) > 4:
                    date = iso(DATE.search(printed))  # type: ignore[arg-type]
            end += t.end()
        leading = re.match(rf"({YEAR})\s", m[start:])
        if leading:
            year = year or leading.group(1)
        if number and year is None:
            in_number = re.search(rf"(?:^|[/-])({YEAR})(?:$|[/-])", number)
            year = in_number.group(1) if in_number else None
        qualifiers = name[: len(name) - len(phrase)].split()
        generic = all(w in words.prefixes for w in qualifiers) and name_end == match.end()
        if not (number or year) and name_end == match.end() and FIELD_OF_LAW.search(name):
            continue  # "International Human Rights Law", "National Law": a field of law, not a law
        if name == phrase and not number and (year or date) and kind != "constitution":
            continue  # "Act of 4 July 2013 to amend ...": an act cited by its date is read with its title elsewhere
        if generic and not amending and name_end == match.end() and not (number or year) and kind != "constitution" and start != match.start():
            continue  # "Executive Order", "Constitutional Amendment" alone: a type, not a citation
        if start == match.start() and not amending and name_end == match.end() and not (number or year) and kind != "constitution":
            # a bare head ("the Act", "the Code") is anaphora, unless a lowercase title follows
            # a head that names what it is about ("Decree on measures for ...")
            lower = re.match(r"^\s+on\s+[a-z][^;.]*?", m[end:])
            if kind in ("decree", "directive", "regulation", "instruction") and lower:
                stop = LOWER_TITLE_END.search(m, end + lower.end())
                end = stop.start() if stop else end
                name = " ".join(m[start:end].split())
                generic = False
            else:
                continue
        if (number or date) and (generic or TITLE_AFTER.match(m[end:])):
            title = TITLE_AFTER.match(m[end:])
            if title:
                first = m[end + title.end() : end + title.end() + 1]
                if first.isupper():
                    title_end = _right(m, end + title.end() - 1, len(m), False) if False else title_case_end(m, end + title.end())
                else:
                    stop = LOWER_TITLE_END.search(m, end + title.end())
                    title_end = stop.start() if stop else end
                if title_end > end + title.end():
                    end = title_end
        short = SHORT.match(m[end:])
        short_name = None
        if short:
            short_name = short.group("short")
            end += short.end()
        amended = None
        inner = re.match(r"(?:Act|Law)\s+Amending\s+(?:the\s+)?", m[start:name_end])
        if inner:
            amended = (start + inner.end(), name_end)
        lower = LOWER_AMENDING.search(m, max(0, start - 40), start)
        if lower and lower.end() == start:
            # "a law amending the Aliens Act", "A draft law amending the NA Elections Act": the amending law
            # is the instrument named; the act it amends is a second one, inside it
            outer_kind = "bill" if lower.group("draft") else "act"
            outer = " ".join(m[lower.start("head") : end].split())
            found[lower.start("head")] = Citation(lower.start("head"), end, outer, outer_kind, None, None, None, None, False, (start, end))
        citation = Citation(start, end, name, kind, number, year, date, issuer, generic, amended, short_name)
        if start not in found or found[start].end < end:
            found[start] = citation
        if amended and amended[0] not in found:
            found.update({c.start: c for c in _nested(m, amended)})
    citations = sorted(found.values(), key=lambda c: (c.start, -c.end))
    # a name inside another citation (its title or its bracketed short name) is part of it, except the
    # act an amending act names
    kept: list[Citation] = []
    for c in citations:
        outer = next((k for k in kept if k.start <= c.start and c.end <= k.end), None)
        if outer is None or outer.amended == (c.start, c.end):
            kept.append(c)
    return kept


LOWER_AMENDING = re.compile(r"(?P<head>(?P<draft>draft\s+)?(?:law|act|bill)\s+amending\s+(?:the\s+)?)$")


def title_case_end(m: str, start: int) -> int:
    """The end of a title-cased run that starts at ``start`` ("Protection from Domestic Violence")."""
    words, _, _ = _lexicon()
    end = pending = start
    for token in TOKEN.finditer(m, start):
        text = token.group()
        if m[pending : token.start()].strip():
            break
        if text[0].isupper() and text not in words.stops:
            end = pending = token.end()
        elif text in words.connectors:
            pending = token.end()
        else:
            break
    return end


def _nested(m: str, span: tuple[int, int]) -> list[Citation]:
    name = " ".join(m[span[0] : span[1]].split())
    found = _head_of(name)
    if not found or name == found[0]:
        return []
    return [Citation(span[0], span[1], name, found[1], None, None, None, found[2], False)]
