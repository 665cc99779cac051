"""Reference registries (treaties, institutions, States, UPR cycles), read from packaged CSV files."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
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
    scope: str  # "state": a body of the State under review; "international"
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None


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
def institutions() -> dict[str, Institution]:
    return {
        r["key"]: Institution(r["key"], r["label"], r["kind"], r["scope"], _aliases(r["aliases"]), r["wikidata"] or None)
        for r in _rows("institutions.csv")
    }


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


def find_registry_institution(name: str) -> Institution | None:
    """The registry entry one of whose aliases is exactly ``name`` (apostrophes and spaces aside)."""
    wanted = _normal(name)
    for institution in institutions().values():
        if any(_normal(a) == wanted for a in institution.aliases):
            return institution
    return None


def _normal(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text.replace("\u2019", "'")).strip().lower()
