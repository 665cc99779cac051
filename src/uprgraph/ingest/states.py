"""State names as reports print them ("Republic of Korea", "the Sudan", "Iran (Islamic Republic of)") -> registry States.

The registry (registries/states.csv) lists each State by its ISO 3166-1 alpha-3 code with the
names it goes by. Names are compared after normalising what varies between documents and
lists of country names, not what tells States apart:

- case, white space and apostrophes (’ and ');
- a leading "the" ("the Sudan", "the Netherlands");
- inverted forms, either way round: "Korea, Republic of" is "Republic of Korea", and
  "Iran (Islamic Republic of)" is "Islamic Republic of Iran".

>>> resolve_state("the Republic of Korea").iso3
'KOR'
>>> resolve_state("Korea, Republic of").iso3
'KOR'
>>> resolve_state("Atlantis") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..registries import State, states

APOSTROPHES = "\u2019\u2018\u02bc\u0060\u00b4"
_INVERTED_COMMA = re.compile(r"^(?P<head>[^,()]+),\s*(?P<tail>[^,()]+)$")
_INVERTED_PARENS = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<tail>[^()]+)\)$")
_TAIL_OF = re.compile(r"(?:^|\s)(?:of|of the)$")


def normalise(name: str) -> str:
    """Case, white space, apostrophes and a leading "the" aside."""
    text = unicodedata.normalize("NFC", name)
    for mark in APOSTROPHES:
        text = text.replace(mark, "'")
    text = " ".join(text.split()).strip(" .;:").casefold()
    return re.sub(r"^the\s+", "", text)


def variants(name: str) -> set[str]:
    """The normalised name and, for an inverted name, the name read the usual way round."""
    base = normalise(name)
    found = {base}
    for pattern in (_INVERTED_COMMA, _INVERTED_PARENS):
        match = pattern.match(base)
        if match:
            head, tail = match.group("head").strip(), match.group("tail").strip()
            if _TAIL_OF.search(tail) or pattern is _INVERTED_PARENS:
                found.add(normalise(f"{tail} {head}"))
    return found


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Normalised name -> ISO3; a name that two States share is left out (ambiguous)."""
    index: dict[str, str] = {}
    ambiguous: set[str] = set()
    for state in states().values():
        for name in (state.label, *state.aliases):
            for key in variants(name):
                if index.get(key, state.iso3) != state.iso3:
                    ambiguous.add(key)
                index.setdefault(key, state.iso3)
    for key in ambiguous:
        del index[key]
    return index


def resolve_state(name: str) -> State | None:
    """The registry State that ``name`` names, or None when no State (or more than one) goes by it."""
    index = _index()
    codes = {index[key] for key in variants(name) if key in index}
    if len(codes) != 1:
        return None
    return states()[codes.pop()]
