"""Reference registries (treaties, institutions, States, UPR cycles), read from packaged CSV files."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from . import resources


@dataclass(frozen=True)
class Treaty:
    key: str
    label: str
    kind: str  # treaty or declaration
    aliases: tuple[str, ...]
    parent: str | None
    wikidata: str | None
    acronyms: tuple[str, ...] = ()  # matched case-sensitively, as whole words only
    organization: str = ""  # the organisation it was adopted under: UN, ILO, CoE, OAS, AU, LAS, ...
    number: str = ""  # its number in that organisation's series (ILO No. 156) or as a protocol (ECHR No. 12)


@dataclass(frozen=True)
class Institution:
    key: str
    label: str
    kind: str  # state-body, nhri, un-body, international-organization, ngo, organization
    scope: str  # "state": a body of the State whose report names it; "international"
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    # the State a registry row belongs to (ISO 3166-1 alpha-3); "" for an international body and for a
    # designation any State uses ("Government", "Human Rights Ombudsman"), which the extraction names as the report
    # prints it; the graph labels its node from designation and State (graph/build.py) and keeps that name as altLabel
    state: str = ""


@dataclass(frozen=True)
class State:
    iso3: str
    iso2: str
    label: str
    aliases: tuple[str, ...]
    wikidata: str | None


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(resources.read_text("registries", name))))


def _aliases(cell: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in cell.split("|") if a.strip())


@lru_cache(maxsize=1)
def treaties() -> dict[str, Treaty]:
    return {
        r["key"]: Treaty(r["key"], r["label"], r["kind"], _aliases(r["aliases"]), r["parent"] or None, r["wikidata"] or None,
                         _aliases(r["acronyms"]), r["organization"], r["number"])
        for r in _rows("treaties.csv")
    }


@lru_cache(maxsize=1)
def institutions() -> tuple[Institution, ...]:
    """Rows of registries/institutions.csv. `scope` is a State's ISO code (that State's own body, found
    only in its reports), `any` (a designation every State uses, scoped to the reporting State, named in a
    mention as its report prints it) or `international`."""
    rows = []
    for r in _rows("institutions.csv"):
        scope = r["scope"]
        state = "" if scope in ("any", "international") else scope
        rows.append(Institution(r["key"], r["label"], r["kind"], "international" if scope == "international" else "state",
                                _aliases(r["aliases"]), r["wikidata"] or None, state))
    return tuple(rows)


@lru_cache(maxsize=1)
def designations() -> dict[str, str]:
    """key -> the name of each designation any State uses (scope `any`), from its key: "prosecutor-general" ->
    "Prosecutor general"."""
    return {r["key"]: r["key"].replace("-", " ").capitalize() for r in _rows("institutions.csv") if r["scope"] == "any"}


def institutions_of(state: str | None) -> tuple[Institution, ...]:
    """The rows that may name a body in a report of ``state``: its own, the international ones and the
    designations any State uses; never another State's (one State's row must not relabel another's body)."""
    return tuple(i for i in institutions() if i.state in ("", state))


@lru_cache(maxsize=1)
def states() -> dict[str, State]:
    return {
        r["iso3"]: State(r["iso3"], r["iso2"], r["label"], _aliases(r["aliases"]), r["wikidata"] or None)
        for r in _rows("states.csv")
    }


def cycle_of_session(session: int) -> int | None:
    """The UPR cycle a Working Group session belongs to (registries/cycles.csv)."""
    for row in _rows("cycles.csv"):
        first = int(row["first_session"])
        last = int(row["last_session"]) if row["last_session"] else None
        if session >= first and (last is None or session <= last):
            return int(row["cycle"])
    return None


def find_registry_institution(name: str, state: str | None = None) -> Institution | None:
    """The registry entry one of whose aliases is exactly ``name`` (apostrophes and spaces aside): a row
    of ``state`` first, then an international one or a designation any State uses (labelled ``name``)."""
    wanted = _normal(name)
    candidates = institutions_of(state) if state else institutions()
    for institution in sorted(candidates, key=lambda i: (not i.state, not i.label)):
        if any(_normal(a) == wanted for a in institution.aliases):
            return institution if institution.label else replace(institution, label=name)
    return None


def _normal(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text.replace("\u2019", "'")).strip().lower()


@dataclass(frozen=True)
class InstrumentWords:
    """The lexicon of instrument names (registries/instrument_words.csv)."""

    heads: dict[str, tuple[str, str | None]]  # head phrase -> (kind, issuer it implies)
    connectors: frozenset[str]  # lowercase words inside a title-cased name ("Prevention of Torture Act")
    stops: frozenset[str]  # capitalised words that open a phrase and are never part of a name
    prefixes: frozenset[str]  # words that qualify a head without naming it ("Federal Law No. 10")


@lru_cache(maxsize=1)
def instrument_words() -> InstrumentWords:
    rows = _rows("instrument_words.csv")
    heads = {r["phrase"]: (r["kind"], r["issuer"] or None) for r in rows if r["role"] == "head"}
    def role(name: str) -> frozenset[str]:
        return frozenset(r["phrase"] for r in rows if r["role"] == name)
    return InstrumentWords(dict(sorted(heads.items(), key=lambda kv: -len(kv[0]))), role("connector"), role("stop"), role("prefix"))


@lru_cache(maxsize=1)
def state_words() -> tuple[frozenset[str], frozenset[str]]:
    """(every State's own name in lower case, and "republic"; the adjectives those names make: "Slovenian",
    "Brazilian", "Kazakh", "Russian"). The adjectives are derived by the English suffix rules, so
    a few are not real words; they are only ever compared with a capitalised word before a name."""
    names, adjectives = set(), set()
    for state in states().values():
        for name in (state.label, *state.aliases):
            # the State's own name ("Kazakhstan", "Slovenia" in "Republic of Slovenia"), not the common
            # words of long names ("State", "United", "New", "Central")
            own = name if " " not in name else re.sub(r"^.*\bof\s+(?:the\s+)?", "", name) if re.search(r"\bof\b", name) else ""
            if own and " " not in own:
                names.add(own.lower())
        for label in (state.label, *state.aliases):
            if " " in label or "," in label:
                first = label.split()[0]  # "Russian Federation", "Syrian Arab Republic"
                if re.search(r"(?:an|ese|ish)$", first):
                    adjectives.add(first)
                continue
            stem = label[:-1] if label[-1] in "aeiouy" else label
            adjectives.update({label + "n", label + "an", label + "ian", stem + "an", stem + "ian", stem + "ese", stem + "ish",
                               stem + "i", label.removesuffix("stan"), label.removesuffix("istan") + "i", label + "vian"})
    adjectives.discard("")
    return frozenset(names | {"republic"}), frozenset(a for a in adjectives if len(a) > 3)
