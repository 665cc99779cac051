"""Institutions: registry names first, then the generic shape of an official body's name
("Ministry of Justice", "Agency for Religious Affairs", "National Security Committee")."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import registries
from ..registries import Institution
from .model import InstitutionMention
from .text import alias_pattern, alias_words, key_words, matchable, overlaps, span, word_set

# Words after which a common-noun name is part of something else: "Government decision No. 1",
# "Government agencies", "President of the State Statistics Agency".
NOT_AN_INSTITUTION_AFTER = re.compile(
    r"^(?:\s+(?:decision|decree|Decree|Decision|bodies|agencies|agency|officials|authorities)\b|\s+of\s+the\s+[A-Z])"
)
COMMON_NOUN_ALIASES = {"Government", "President", "Parliament", "Procurator-General", "Prosecutor General", "Ombudsman"}
ORDINAL = re.compile(r"\b(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)\s+$")
STATE_HEADS = "Ministry|Minister|Cabinet|Agency|Committee|Commission|Council|Office|Academy|Assembly|Service|Institute|Court|Secretariat"
OTHER_HEADS = "Foundation|Bureau|Association|Coalition|Forum|Centre|Center|University|Congress"
WORD = r"[A-Z][\w\u2019'-]*"
# Between words of one name: "of the", "for", "and" (never "and the", which starts another name).
CONNECTOR = r"(?:and\s+|(?:of|for|on|with|in|against)\s+(?:the\s+)?)"
GENERIC = re.compile(
    rf"(?P<pre>(?:{WORD}\s+(?:and\s+)?){{0,5}})(?P<head>{STATE_HEADS}|{OTHER_HEADS})\b"
    # after the head: "of the Academy of Public Administration" may name another body inside this one's
    # name; "and" may not start another ("Ministry of Defence and the ... Committee")
    rf"(?P<post>(?:\s+(?:of|for|on|against)(?:\s+the)?\s+{WORD}"
    rf"(?:\s+(?:(?:of|for|on|with|in|against)\s+(?:the\s+)?{WORD}|and\s+(?!(?:{STATE_HEADS}|{OTHER_HEADS})\b){WORD}|(?!(?:{STATE_HEADS}|{OTHER_HEADS})\b){WORD}))*)?)"
)
MINISTRIES = re.compile(rf"\bMinistries\s+of\s+(?P<a>{WORD}(?:\s+{WORD})*)\s+and\s+(?P<b>{WORD}(?:\s+{WORD})*)")
LEADING_NOISE = {"The", "A", "An", "In", "By", "Under", "Since", "From", "Each", "All", "This", "These", "Its", "Of", "On", "To", "With", "Both", "At"}


@lru_cache(maxsize=1)
def _registry_patterns() -> list[tuple[re.Pattern[str], frozenset[str], Institution]]:
    """(pattern, the words a match needs, institution) of each alias, the longest alias first."""
    pairs = [(alias, inst) for inst in registries.institutions().values() for alias in inst.aliases]
    pairs.sort(key=lambda p: -len(p[0]))
    return [(re.compile(alias_pattern(alias)), alias_words(alias), inst) for alias, inst in pairs]


def generic_institution(name: str) -> Institution:
    """An institution not in the registry, named as printed; its kind follows from the head noun."""
    name = " ".join(name.split())
    ministry = re.match(r"^(?:Acting\s+)?Minister\s+(?:for|of)\s+(?P<of>.+)$", name)
    if ministry:
        name = f"Ministry of {ministry.group('of')}"
    heads = re.findall(rf"\b({STATE_HEADS}|{OTHER_HEADS})\b", name)
    head = heads[0] if heads else ""
    if head in OTHER_HEADS.split("|"):
        kind = "ngo" if head in ("Foundation", "Bureau", "Association", "Coalition") else "organization"
        return Institution(_identity(name), name, kind, "international")
    if re.search(r"Ombuds|Human\s+Rights\s+Commission", name):
        return Institution(_identity(name), name, "nhri", "state")
    return Institution(_identity(name), name, "state-body", "state")


def _identity(name: str) -> str:
    """Names that differ only in small words are one body: "Agency for Religious Affairs" and
    "Agency on Religious Affairs"."""
    return "name:" + key_words(name)


def resolve_institution(name: str) -> Institution:
    """An issuer as printed ("the Acting Minister for Health", "the Procurator-General") -> Institution."""
    name = re.sub(r"^(?:the\s+)", "", " ".join(name.split()))
    known = registries.find_registry_institution(name)
    if known:
        return known
    officer = re.match(r"^(?:President|Chairman|Head|Director)\s+of\s+the\s+(?P<body>.+)$", name)
    if officer:
        return resolve_institution(officer.group("body"))
    return generic_institution(name)


def _of_state(after: str) -> tuple[registries.State, int] | None:
    """ " of Slovenia", " of the Republic of Kazakhstan" right after a name -> (State, length)."""
    match = re.match(r"^\s+of\s+(?:the\s+)?(?P<name>[A-Z][\w\u2019'-]*(?:\s+(?:of\s+)?[A-Z][\w\u2019'-]*){0,3})", after)
    if not match:
        return None
    words = match.group("name").split()
    for n in range(len(words), 0, -1):
        candidate = " ".join(words[:n])
        for state in registries.states().values():
            if candidate in state.aliases or candidate == state.label:
                return state, match.start("name") + len(candidate)
    return None


def find_institutions(number: int, text: str, state_code: str | None = None) -> list[InstitutionMention]:
    m = matchable(text)
    found: list[InstitutionMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, inst: Institution) -> None:
        taken.append((start, end))
        found.append(InstitutionMention(span(number, text, start, end), inst.key, inst.label, inst.kind, inst.scope, inst.wikidata))

    present = word_set(m)
    for pattern, needed, inst in _registry_patterns():
        if not needed <= present:
            continue
        for match in pattern.finditer(m):
            if overlaps(match.span(), taken):
                continue
            alias = match.group(0)
            if alias in COMMON_NOUN_ALIASES and NOT_AN_INSTITUTION_AFTER.match(m[match.end() :]):
                continue
            end = match.end()
            acronym = re.match(r"\s+\((?P<a>[A-Z]{2,8})\)", m[end:])
            if acronym and acronym.group("a") in inst.aliases:
                end += acronym.end()
            of_state = _of_state(m[end:]) if alias in COMMON_NOUN_ALIASES else None
            if of_state is not None:
                state, length = of_state
                if state_code and state.iso3 != state_code:
                    # "the Ombudsman of Slovenia": another State's body, not ours
                    name = m[match.start() : end + length]
                    add(match.start(), end + length, Institution(_identity(name), name, inst.kind, "international"))
                    continue
                end += length  # "the Government of Kazakhstan"
            add(match.start(), end, inst)
    for match in MINISTRIES.finditer(m):
        if overlaps(match.span(), taken):
            continue
        for group in ("a", "b"):
            add(match.start(group), match.end(group), generic_institution(f"Ministry of {match.group(group)}"))
        taken.append(match.span())
    for match in GENERIC.finditer(m):
        start = match.start()
        words = match.group("pre").split()
        while words and words[0] in LEADING_NOISE:
            start = m.index(words[0], start) + len(words[0])
            while m[start] == " ":
                start += 1
            words.pop(0)
        if not words and not match.group("post"):
            continue
        if words and re.search(r"[\u2019']s$", words[0]):
            continue  # "the Commissioner's Office": a part of a body named before
        if match.group("head") == "Congress" and ORDINAL.search(" ".join(words[:1]) + " "):
            continue  # "the Fourth Congress of ...": a meeting, not a body
        if overlaps((start, match.end()), taken):
            continue
        add(start, match.end(), generic_institution(m[start : match.end()]))
    found.sort(key=lambda x: (x.span.start, x.span.end))
    return found

