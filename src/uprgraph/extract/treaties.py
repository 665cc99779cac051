"""International treaties (from registries/treaties.csv) and what the State did with them."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import registries
from ..registries import Treaty
from .context import cited_articles, clause_bounds, event_date
from .dates import parse_date
from .model import Event, InstrumentMention, Span, TreatyMention
from .text import alias_pattern, alias_words, matchable, overlaps, slug, span, word_set

# What the State did, read from the words before the treaty's name within its clause; the
# nearest verb wins. Order matters: "not yet acceded" before "acceded".
ACTIONS = [
    ("not-acceded", r"(?:has|have)\s+not\s+(?:yet\s+)?(?:acceded|ratified|signed)\s+(?:to\s+)?"),
    ("intends-to-ratify", r"(?:intends?\s+to\s+[^.;]{0,60}?(?:ratif|acce)\w+|steps\s+toward[s]?\s+(?:the\s+)?(?:ratification|accession)"
                          r"|forthcoming\s+(?:ratification|accession)|(?:preparing|considering)\s+(?:for\s+)?(?:the\s+)?(?:ratification|accession|ratifying|acceding)"
                          # "examining the possibilities of ratifying", "studying the feasibility of acceding to"
                          r"|(?:possibilit(?:y|ies)|feasibility|question)\s+of\s+(?:ratifying|ratification|acceding|accession))\s+(?:of\s+|to\s+)?"),
    ("acceded", r"\b(?:acceded|acceding)\s+to\s+"),
    # "ratified X", "By ratifying X", "Prior to the ratification of X": the deed is done
    ("ratified", r"\b(?:ratified|ratifying|(?:[Pp]rior\s+to|[Ff]ollowing|[Aa]fter|[Uu]pon|[Ss]ince)\s+(?:the\s+|its\s+)?ratification\s+of)\s+"),
    ("signed", r"\b(?:signed|signing|to\s+sign|a\s+signatory\s+to|signatory\s+to)\s+"),
]
# The action printed after the name, as lists of treaties print it: "... Sexual Abuse (Lanzarote
# Convention); ratified on 26 September 2013, entered into force ...", "...; signed on 8 September 2011".
# So does the passive: "The American Convention on Human Rights was ratified in 1978".
ACTION_AFTER = re.compile(
    r"^(?:\s*[;:,\u2013\u2014-]\s*|\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+)(?P<verb>signed|ratified|acceded\s+to)\b"
    r"(?P<when>\s+(?:on|in)\s+[^;,]{4,30})?"
)
# A treaty the registry does not know, named by what it is about and reported as signed or ratified:
# "an agreement on mutual recognition of medical reports ... was signed".
UNREGISTERED = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?P<name>(?:agreement|convention|treaty|protocol|memorandum\s+of\s+understanding)\s+on\s+[^;.]+?)"
    r"\s+(?:was|were|has\s+been|have\s+been)\s+(?P<verb>signed|ratified|concluded|acceded\s+to)\b"
)
PROTOCOL_OF_PARENT = re.compile(r"^\s+and\s+(?P<p>(?:its|the)\s+(?:\d{4}\s+)?(?:[Oo]ptional\s+)?[Pp]rotocol(?:\s+thereto)?)\b")


# A treaty body's acronym reads as the committee, not the treaty: "the CEDAW Committee", "Committee
# against Torture (CAT)", "CAT recommended that ...".
COMMITTEE_AFTER = re.compile(
    r"^\s+(?:Committee|committee|(?:has\s+|had\s+)?(?:also\s+)?(?:recommended|noted|urged|expressed|welcomed|encouraged|called"
    r"|regretted|was\s+concerned|remained|requested|reiterated|observed|considered|recognized|recognised)\b)"
)
COMMITTEE_BEFORE = re.compile(r"Committee[^().;]{0,90}\(\s*$")
# ILO conventions cited by number: "ILO Convention No. 156", "ILO Conventions Nos. 100, 111 and 156",
# "International Labour Organization Convention 182", and "Convention No. 183" in a sentence naming the ILO.
ILO_NUMBERS = re.compile(
    r"(?P<pre>\b(?:(?P<org>ILO|International\s+Labour\s+Organi[sz]ation(?:\s+\(ILO\))?)\s+)?Conventions?\s+(?:\(\s*)?(?P<no>Nos?\.\s*)?)"
    r"(?P<nums>\d{1,3}(?:(?:\s*,\s*|\s*,?\s+and\s+)(?:No\.\s*)?\d{1,3})*)(?![\d/.-]\d)"
)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], frozenset[str], Treaty]]:
    """(pattern, the words a match needs, treaty) of each alias and acronym, the longest first. Titles
    match whatever their case ("Optional Protocol ... on the Involvement of Children in Armed Conflict",
    "Convention for the Protection of all Persons"); acronyms only as printed, as whole words."""
    pairs = [(alias, t, False) for t in registries.treaties().values() for alias in t.aliases]
    pairs += [(acronym, t, True) for t in registries.treaties().values() for acronym in t.acronyms]
    pairs.sort(key=lambda p: -len(p[0]))
    return [(re.compile(alias_pattern(alias), 0 if exact else re.IGNORECASE),
             alias_words(alias) if exact else frozenset(w.lower() for w in alias_words(alias)), t)
            for alias, t, exact in pairs]


# "C97 and C143" in a sentence naming the ILO
ILO_SHORT = re.compile(r"(?<![\w-])C(?P<n>\d{1,3})(?![\w-])")
# A protocol named by its parent: "Protocol of 2000 to the Occupational Safety and Health Convention"
PROTOCOL_TO = re.compile(r"\b(?:Optional\s+|Additional\s+)?Protocol(?:\s+of\s+\d{4})?\s+to\s+the\s+$")
# A numbered protocol named by its parent: "Protocol No. 15 amending the Convention for the Protection of ..."
NUMBERED_PROTOCOL = re.compile(r"\bProtocol\s+No\.\s*(?P<n>\d{1,2})\s+(?:to|amending)\s+the\s+$")


@lru_cache(maxsize=1)
def _only_protocol() -> dict[str, Treaty]:
    """parent key -> its protocol, for parents that have exactly one unnumbered protocol in the registry."""
    children: dict[str, list[Treaty]] = {}
    for t in registries.treaties().values():
        if t.parent and not t.number:
            children.setdefault(t.parent, []).append(t)
    return {parent: kids[0] for parent, kids in children.items() if len(kids) == 1}


@lru_cache(maxsize=1)
def _ilo_by_number() -> dict[str, Treaty]:
    return {t.number: t for t in registries.treaties().values() if t.organization == "ILO" and t.number and not t.parent}


def _ilo_hits(m: str, hits: list[tuple[int, int, Treaty]]) -> None:
    """ILO conventions cited by their number; a number the registry lacks is still an ILO convention."""
    for match in ILO_NUMBERS.finditer(m):
        if not match.group("org"):
            left, right = clause_bounds(m, match.start(), match.end())
            if not (match.group("no") and re.search(r"\bILO\b|International\s+Labour", m[left:right])):
                continue
        numbers = list(re.finditer(r"\d{1,3}", match.group("nums")))
        for i, number in enumerate(numbers):
            start = match.start() if i == 0 else match.start("nums") + number.start()
            end = match.start("nums") + number.end()
            if end < len(m) and m[end] == ")":
                end += 1
            if overlaps((start, end), [(s, e) for s, e, _ in hits]):
                continue
            hits.append((start, end, _ilo(number.group())))
    for match in ILO_SHORT.finditer(m):
        left, right = clause_bounds(m, match.start(), match.end())
        if re.search(r"\bILO\b|International\s+Labour", m[left:right]) and not overlaps(match.span(), [(s, e) for s, e, _ in hits]):
            hits.append((match.start(), match.end(), _ilo(match.group("n"))))


def _ilo(n: str) -> Treaty:
    return _ilo_by_number().get(n) or Treaty(f"ilo-c{n}", f"ILO Convention No. {n}", "treaty", (), None, None, (), "ILO", n)


def _child_protocol(parent: str) -> Treaty | None:
    for treaty in registries.treaties().values():
        if treaty.parent == parent:
            return treaty
    return None


def _action(before: str) -> str | None:
    best: tuple[tuple[int, int], str] | None = None
    for name, pattern in ACTIONS:
        for match in re.finditer(pattern, before):
            # the verb nearest the name; of two ending together, the longer ("has not yet acceded")
            rank = (match.end(), -match.start())
            if best is None or rank > best[0]:
                best = (rank, name)
    return best[1] if best else None


def find_treaties(
    number: int, text: str, skip: list[tuple[int, int]], instruments: list[InstrumentMention] = ()  # type: ignore[assignment]
) -> list[TreatyMention]:
    """Treaty mentions in one paragraph; ``skip`` holds spans already taken by other mentions
    (their dates are not the treaty's)."""
    m = matchable(text)
    hits: list[tuple[int, int, Treaty]] = []
    present = word_set(m) | word_set(m.lower())
    for pattern, needed, treaty in _patterns():
        if not needed <= present:
            continue
        for match in pattern.finditer(m):
            if overlaps(match.span(), [(s, e) for s, e, _ in hits]):
                continue
            if match.group(0) in treaty.acronyms and (COMMITTEE_AFTER.match(m[match.end():]) or COMMITTEE_BEFORE.search(m[:match.start()])):
                continue
            start, end = match.start(), match.end()
            numbered = NUMBERED_PROTOCOL.search(m[:start])
            child = next((t for t in registries.treaties().values() if numbered and t.parent == treaty.key
                          and t.number == numbered.group("n")), None)
            if child is not None:
                start, treaty = numbered.start(), child
                if overlaps((start, end), [(s, e) for s, e, _ in hits]):
                    continue
            protocol_to = PROTOCOL_TO.search(m[:start])
            if protocol_to and treaty.key in _only_protocol():
                start, treaty = protocol_to.start(), _only_protocol()[treaty.key]
                if overlaps((start, end), [(s, e) for s, e, _ in hits]):
                    continue
            # "... Night Work (ILO Convention 171)", "... 2000 (No. 183)": the number belongs to the name
            printed_no = re.match(r"\s*\((?:ILO\s+)?(?:Convention\s+)?(?:No\.\s*|C)?(?P<n>\d{1,3})\)", m[end:])
            if printed_no and treaty.number == printed_no.group("n"):
                end += printed_no.end()
            # "... in Environmental Matters (Aarhus Convention)", "... Fundamental Freedoms (ECHR)": one mention.
            short = re.match(r"\s*\((?P<alias>[^)]{2,40})\)", m[end:])
            if short and (short.group("alias") in treaty.aliases or short.group("alias") in treaty.acronyms):
                end += short.end()
            hits.append((start, end, treaty))
            protocol = PROTOCOL_OF_PARENT.match(m[end:])
            child = _child_protocol(treaty.key) if protocol else None
            if child is not None:
                hits.append((end + protocol.start("p"), end + protocol.end("p"), child))
    _ilo_hits(m, hits)
    extra: dict[int, tuple[str, str]] = {}  # start -> (printed name, action) of unregistered treaties
    for match in UNREGISTERED.finditer(m):
        if not overlaps(match.span("name"), [(s, e) for s, e, _ in hits]):
            name = " ".join(match.group("name").split())
            unknown = Treaty(slug(name)[:60].rstrip("-"), name, "treaty", (), None, None)
            hits.append((match.start(), match.end("name"), unknown))
            action = "ratified" if match.group("verb") == "ratified" else "acceded" if "acceded" in match.group("verb") else "signed"
            extra[match.start()] = (name, action)
    hits.sort(key=lambda h: h[0])
    taken = skip + [(s, e) for s, e, _ in hits]
    mentions = []
    for start, end, treaty in hits:
        left, _ = clause_bounds(m, start, end)
        before = m[left:start]
        action = extra[start][1] if start in extra else _action(before)
        # a list item's own action ("X; ratified on ...") before the verb that opens the list ("signed and ratified the following")
        after = ACTION_AFTER.match(m[end:]) if start not in extra else None
        events: tuple[Event, ...] = ()
        if after:
            action = "acceded" if after.group("verb").startswith("acceded") else after.group("verb")
            events = (Event(action, parse_date(after.group("when") or "")),)
        elif action:
            done = action not in ("not-acceded", "intends-to-ratify")
            date = event_date(m, start, taken) if done else None
            # "By a legislative act dated 16 November 2012, Kazakhstan ratified ...": the act is the means,
            # and its date the event's.
            by = next((i for i in instruments if left <= i.span.start < start and re.search(
                r"(?:By|Under|by|under)\s+(?:(?:a|an|the)\s+)?$", m[max(0, i.span.start - 10) : i.span.start])), None) if done else None
            if by is not None and date is None:
                date = by.date
            events = (Event(action, date, by=by.key if by else None),)
        mentions.append(
            TreatyMention(span(number, text, start, end), treaty.key, treaty.label if treaty.key not in registries.treaties() else "",
                          cited_articles(m[max(0, start - 80) : start]), events)
        )
    return mentions


__all__ = ["find_treaties", "Span"]
