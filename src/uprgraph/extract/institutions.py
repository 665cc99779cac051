"""Institutions: registry names first, then the generic shape of an official body's name
("Ministry of Justice", "Agency for Religious Affairs", "National Security Committee")."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .. import registries
from ..registries import Institution
from .model import InstitutionMention
from .text import alias_pattern, alias_words, key_words, matchable, overlaps, span, word_set

# Words after which a common-noun name is part of something else: "Government decision No. 1",
# "Government agencies", "President of the State Statistics Agency".
# ... or a noun that the name qualifies: "Government services", "Government approval", "Police officers".
NOT_AN_INSTITUTION_AFTER = re.compile(
    r"^(?:\s+(?:decision|decree|Decree|Decision|bodies|agencies|agency|officials|authorities|services|approval|officers?"
    r"|staff|measures|action|representatives|members|units|stations|spokesperson|budget|funds|funding|resources)\b|\s+of\s+the\s+[A-Z])"
)
COMMON_NOUN_ALIASES = {"Government", "President", "Parliament", "Procurator-General", "Prosecutor General", "Ombudsman"}
ORDINAL = re.compile(r"(?:\b(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)|\b\d+(?:st|nd|rd|th))\s+$")
# Head nouns of official bodies' names, and the officers that are bodies ("Advocate of the Principle of
# Equality", "Public Defender", "Human Rights Ombudsman").
STATE_HEADS = ("Ministry|Minister|Cabinet|Agency|Committee|Commission|Council|Office|Academy|Assembly|Service|Institute|Court"
               "|Secretariat|Advocate|Ombudsman|Ombudsperson|Defender|Police|Group|Inspectorate")
OTHER_HEADS = "Foundation|Bureau|Association|Coalition|Forum|Centre|Center|University|Congress|Federation|Union|Club|Alliance"
NGO_HEADS = ("Foundation", "Bureau", "Association", "Coalition", "Federation", "Union", "Club")
# National human rights institutions by their usual designations, whatever the head noun.
NHRI = re.compile(
    r"Ombuds|Public\s+Defender|Human\s+Rights\s+Defender|Defender\s+of\s+Rights|People[\u2019's]+\s+Advocate|Human\s+Rights\s+Commission\b"
    r"|National\s+Human\s+Rights\s+(?:Commission|Council|Institution|Centre|Center)|National\s+(?:Commission|Council|Institution|Centre|Center)"
    r"\s+(?:for|on|of)\s+Human\s+Rights"
)
INSTRUMENT_HEAD = re.compile(r"\s+(?:Act|Code|Law|Decree|Programme|Strategy|Plan|Resolution|Regulations?|Rules)\b")
HEAD_OF = re.compile(rf"\b(?:{STATE_HEADS}|{OTHER_HEADS})\s+of\s+(?:the\s+)?$")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
WORD = r"[A-Z][\w\u2019'-]*"
# Between words of one name: "of the", "for", "and" (never "and the", which starts another name).
CONNECTOR = r"(?:and\s+|(?:of|for|on|with|in|against)\s+(?:the\s+)?)"
GENERIC = re.compile(
    rf"(?P<pre>(?:{WORD}\s+(?:and\s+)?){{0,5}})(?P<head>{STATE_HEADS}|{OTHER_HEADS})\b"
    # after the head: "of the Academy of Public Administration" may name another body inside this one's
    # name; "and" may not start another ("Ministry of Defence and the ... Committee")
    # a date ("... in September") or "No." ("Constitutional Court ... No. U-I-65/05") ends the name
    rf"(?P<post>(?:\s+(?:of|for|on|against)(?:\s+the)?\s+(?!(?:{MONTHS}|No)\b){WORD}"
    rf"(?:\s+(?:(?:of|for|on|with|in|against)\s+(?:the\s+)?(?!(?:{MONTHS}|No)\b){WORD}|and\s+(?!(?:{STATE_HEADS}|{OTHER_HEADS})\b){WORD}"
    rf"|(?!(?:{STATE_HEADS}|{OTHER_HEADS}|{MONTHS}|No)\b){WORD}))*)?)"
)
# A portfolio named by a list: "Ministry of Labour, Family, Social Affairs and Equal Opportunities",
# "Ministry of Labour, Employment and Social Welfare", "Commission for Petitions, Human Rights and Equal
# Opportunities"; no item of the list may open another body's name.
_ITEM = rf"(?!(?:{STATE_HEADS}|{OTHER_HEADS})\b){WORD}(?:\s+(?!(?:{STATE_HEADS}|{OTHER_HEADS})\b){WORD})*"
LISTED = re.compile(
    rf"(?P<pre>(?:{WORD}\s+){{0,4}})(?P<head>{STATE_HEADS})\s+(?:of|for|on)\s+(?:the\s+)?{_ITEM}(?:,\s+{_ITEM})+,?\s+and\s+{_ITEM}"
)
MINISTRIES = re.compile(rf"\bMinistries\s+of\s+(?P<a>{WORD}(?:\s+{WORD})*)\s+and\s+(?P<b>{WORD}(?:\s+{WORD})*)")
LEADING_NOISE = {"The", "A", "An", "In", "By", "Under", "Since", "From", "Each", "All", "This", "These", "Its", "Of", "On", "To", "With", "Both", "At"}


@lru_cache(maxsize=32)
def _registry_patterns(state: str | None) -> list[tuple[re.Pattern[str], frozenset[str], Institution]]:
    """(pattern, the words a match needs, institution) of each alias that may name a body in a report of
    ``state``, the longest alias first and, of equal ones, the State's own row before a designation any
    State uses."""
    pairs = [(alias, inst) for inst in registries.institutions_of(state) for alias in inst.aliases]
    pairs.sort(key=lambda p: (-len(p[0]), not p[1].state, not p[1].label))
    return [(re.compile(alias_pattern(alias)), alias_words(alias), inst) for alias, inst in pairs]


def generic_institution(name: str, state: str | None = None) -> Institution:
    """An institution not in the registry, named as printed; its kind follows from the head noun."""
    name = " ".join(name.split())
    ministry = re.match(r"^(?:Acting\s+)?Minister\s+(?:for|of)\s+(?P<of>.+)$", name)
    if ministry:
        name = f"Ministry of {ministry.group('of')}"
    # the head of "Russian Federation’s Federal Penitentiary Service" is "Service": a possessor is not the head
    heads = re.findall(rf"\b({STATE_HEADS}|{OTHER_HEADS})\b", re.split(r"[\u2019']s\s+", name)[-1])
    head = heads[0] if heads else ""
    # "National Human Rights Commission of Korea" in another State's report: not that State's own body
    own = state is None or not (of := _of_state(name[name.rfind(" of ") :] if " of " in name else "")) or of[0].iso3 == state
    if head in OTHER_HEADS.split("|"):
        kind = "ngo" if head in NGO_HEADS else "organization"
        return Institution(_identity(name, state), name, kind, "international")
    scope = "state" if own else "international"
    known = registries.find_registry_institution(_without_state(name, state), state) if own and state else None
    if known is not None and not known.state:
        # "Constitutional Court of the Republic of Slovenia": the designation's node, under the name printed
        return replace(known, label=name) if known.scope == "state" else known
    if NHRI.search(name):
        return Institution(_identity(name, state), name, "nhri", scope)
    return Institution(_identity(name, state), name, "state-body", scope)


def _identity(name: str, state: str | None = None) -> str:
    """Names that differ only in small words are one body: "Agency for Religious Affairs" and
    "Agency on Religious Affairs"; so are names that differ only by naming their own State ("Constitutional
    Court of the Republic of Slovenia", "Slovenian National Assembly")."""
    return "name:" + key_words(_without_state(name, state))


def _state_stems(state: str | None) -> tuple[str, ...]:
    """Five-letter stems of the State's names, which its adjective shares: "Slove" (Slovenia, Slovenian),
    "Kazak" (Kazakhstan, Kazakh)."""
    found = registries.states().get(state or "")
    if found is None:
        return ()
    # one-word names only: the stems of "United States" or "Republic of Korea" would take "State", "Unite", "Repub"
    return tuple(dict.fromkeys(n[:5] for n in (found.label, *found.aliases) if " " not in n and len(n) >= 5 and n.isalpha()))


def _without_state(name: str, state: str | None) -> str:
    stems = _state_stems(state)
    if not stems:
        return name
    words = [w for w in name.split() if not any(w.startswith(stem) for stem in stems)]
    return re.sub(r"\s+of\s+(?:the\s+)?(?:Republic(?:\s+of)?)?\s*$", "", " ".join(words)) or name


def resolve_institution(name: str, state: str | None = None) -> Institution:
    """An issuer as printed ("the Acting Minister for Health", "the Procurator-General") -> Institution."""
    name = re.sub(r"^(?:the\s+)", "", " ".join(name.split()))
    known = registries.find_registry_institution(name, state)
    if known:
        return known
    officer = re.match(r"^(?:President|Chairman|Head|Director)\s+of\s+the\s+(?P<body>.+)$", name)
    if officer:
        return resolve_institution(officer.group("body"), state)
    return generic_institution(name, state)


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


def _adjective_before(m: str, start: int, state: str | None) -> int:
    """The start of the State's own adjective right before a name ("Slovenian Human Rights Ombudsman"),
    or ``start``."""
    word = re.search(r"\b(?P<w>[A-Z][a-z]+)\s+$", m[:start])
    if word and any(word.group("w").startswith(stem) for stem in _state_stems(state)) and word.group("w") not in (
            s.label for s in registries.states().values()):
        return word.start("w")
    return start


def find_institutions(number: int, text: str, state_code: str | None = None) -> list[InstitutionMention]:
    m = matchable(text)
    found: list[InstitutionMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, inst: Institution) -> None:
        taken.append((start, end))
        found.append(InstitutionMention(span(number, text, start, end), inst.key, inst.label, inst.kind, inst.scope, inst.wikidata))

    present = word_set(m)
    for pattern, needed, inst in _registry_patterns(state_code):
        if not needed <= present:
            continue
        for match in pattern.finditer(m):
            if overlaps(match.span(), taken):
                continue
            alias = match.group(0)
            designation = not inst.label  # a body every State has, under its standard name
            common = alias in COMMON_NOUN_ALIASES or designation
            start, end = match.start(), match.end()
            acronym = re.match(r"\s+\((?P<a>[A-Z]{2,8})\)", m[end:])
            if acronym and acronym.group("a") in inst.aliases:
                end += acronym.end()
            of_state = _of_state(m[end:]) if common else None
            if common and of_state is None and NOT_AN_INSTITUTION_AFTER.match(m[end:]):
                continue
            if common and re.match(r"^\s+(?!No\b)[A-Z][a-z]", m[end:]):
                continue  # a modifier of a longer name: "Government Commission for ...", "Constitutional Court Act"
            if designation and re.search(r"[\w][\u2019']s\s+$", m[:start]):
                continue  # "the National Children's Parliament": part of another name
            if common and HEAD_OF.search(m[:start]):
                continue  # inside another body's name: "Commission of the Government of the Republic of Slovenia for ..."
            if of_state is not None:
                state, length = of_state
                if state_code and state.iso3 != state_code:
                    # "the Ombudsman of Slovenia": another State's body, not ours
                    name = m[match.start() : end + length]
                    add(match.start(), end + length, Institution(_identity(name), name, inst.kind, "international"))
                    continue
                end += length  # "the Government of Kazakhstan"
            if designation:
                start = _adjective_before(m, start, state_code)
            add(start, end, replace(inst, label=m[start:end]) if designation else inst)
    for match in MINISTRIES.finditer(m):
        if overlaps(match.span(), taken):
            continue
        for group in ("a", "b"):
            add(match.start(group), match.end(group), generic_institution(f"Ministry of {match.group(group)}", state_code))
        taken.append(match.span())
    state_names = {n for s in registries.states().values() for n in (s.label, *s.aliases)}
    for match in (*LISTED.finditer(m), *GENERIC.finditer(m)):
        start = match.start()
        words = match.group("pre").split()
        while words and words[0] in LEADING_NOISE:
            start = m.index(words[0], start) + len(words[0])
            while m[start] == " ":
                start += 1
            words.pop(0)
        if not words and not match.groupdict().get("post", "x"):
            continue
        if words and re.search(r"[\u2019']s$", words[0]):
            continue  # "the Commissioner's Office": a part of a body named before
        if match.group("head") in ("Congress", "Forum") and (ORDINAL.search(m[:start]) or ORDINAL.search(" ".join(words[:1]) + " ")):
            continue  # "the Fourth Congress of ...", "the 2nd IDAHO Forum": a meeting, not a body
        if m[start : match.end()] in state_names:
            continue  # "Russian Federation": a State
        if match.group("head") == "Group" and [w for w in words if w != "Working"] == []:
            continue  # "Working Group on Arbitrary Detention": a special procedure's mandate (see visits)
        if INSTRUMENT_HEAD.match(m[match.end() :]):
            continue  # "Constitutional Court Act", "Human Rights Ombudsman Act": the title of a law
        if re.search(r"[\u201c\"]$", m[:start]):
            continue  # a quoted title: the pilot project \u201cChild Advocate \u2013 Voice of the Child\u201d
        if overlaps((start, match.end()), taken):
            continue
        add(start, match.end(), generic_institution(m[start : match.end()], state_code))
    found.sort(key=lambda x: (x.span.start, x.span.end))
    return found


# "Ministry of Foreign Affairs (MFA)", "National Assembly (NA)", "Ministry of the Interior (MoI)",
# "Council of Europe (hereinafter: CoE)": a report defines a short form once and then writes it alone.
DEFINED = re.compile(r"^\s*\((?:hereinafter:?\s+(?:the\s+)?)?(?P<a>[A-Z][A-Za-z]{1,11})\)")


def with_defined_acronyms(paragraphs: list[tuple[int, str]], found: list[InstitutionMention],
                          taken: dict[int, list[tuple[int, int]]]) -> tuple[list[InstitutionMention], dict[str, InstitutionMention]]:
    """The mentions with each definition's "(ABC)" taken into its span, plus every later whole-word use of
    the short form (paragraphs in document order; ``taken`` holds the spans other mentions occupy).
    Returns the mentions and the short forms defined, each with the mention that defined it."""
    text_of = dict(paragraphs)
    order = {number: i for i, (number, _) in enumerate(paragraphs)}
    defined: dict[str, tuple[int, int, InstitutionMention]] = {}  # short form -> (paragraph index, offset, mention)
    result = []
    for mention in sorted(found, key=lambda x: (order[x.span.paragraph], x.span.start)):
        text = text_of[mention.span.paragraph]
        short = DEFINED.match(text[mention.span.end :])
        if short and sum(c.isupper() for c in short.group("a")) >= 2 and short.group("a") not in defined:
            end = mention.span.end + short.end()
            mention = replace(mention, span=span(mention.span.paragraph, text, mention.span.start, end))
            defined[short.group("a")] = (order[mention.span.paragraph], end, mention)
        result.append(mention)
    for number, text in paragraphs:
        # a treaty acronym that the report defined for a body yields to it ("ECHR" for the Court)
        occupied = [(m.span.start, m.span.end) for m in result if m.span.paragraph == number] + [
            (a, b) for a, b in taken.get(number, []) if text[a:b] not in defined]
        for short, (index, after, mention) in defined.items():
            for match in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
                if (order[number], match.start()) < (index, after) or overlaps(match.span(), occupied):
                    continue
                occupied.append(match.span())
                result.append(replace(mention, span=span(number, text, match.start(), match.end())))
    result.sort(key=lambda x: (order[x.span.paragraph], x.span.start, x.span.end))
    return result, {short: mention for short, (_, _, mention) in defined.items()}
