"""One node per instrument: mentions whose keys differ only in wording are merged, and every mention
of one instrument gets the instrument's most specific kind.

Two keys of one family are the same instrument when
- they are equal, or share their identity and one lacks the year or period the other has
  ("Criminal Code" and "Criminal Code of 2008"); two cited names or numbers that differ
  are two instruments ("Law No. 13.146/2015" and "Law No. 13.105/2015"), or
- they share their identity and one lacks the period the other has ("“Salamatty Qazaqstan”
  programme" and "State Programme ..., 2011-2015, “Salamatty Qazaqstan”"), or
- their titles share most content words (Jaccard >= 0.5) and what dates them agrees: the same end
  of period for programmes and plans, compatible dates for acts and laws ("a law ... on questions of
  social security", 2014, and "a law ... on social security issues", 10 January 2014).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from .model import InstrumentMention

# When mentions of one instrument disagree on its kind, the more specific one names it.
KIND_PRIORITY = ("constitutional-law", "presidential-decree", "government-decree", "government-decision",
                 "ministerial-order", "state-programme")
SIMILAR = 0.5


def _parts(key: str) -> tuple[str, str, str]:
    family, _, rest = key.partition("/")
    identity, _, period = rest.partition("/")
    return family, identity, period.removesuffix("/n")


def _named(key: str) -> bool:
    """A key made from a cited name or number (titles.py), not from a description."""
    return key.endswith("/n")


def _compatible(a: set[str], b: set[str]) -> bool:
    return bool(a and b) and any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def _same(a: str, b: str, dates: dict[str, set[str]]) -> bool:
    fa, ia, pa = _parts(a)
    fb, ib, pb = _parts(b)
    if fa != fb or fa in ("code", "constitution") or not ia or not ib or "@" in a or "@" in b:
        return False
    if ia == ib:
        return not pa or not pb or _same_period(pa, pb)
    if (_named(a) and _named(b)) or ia.startswith("no-") or ib.startswith("no-"):
        return False  # two cited names or numbers that differ are two instruments
    wa, wb = set(ia.split("-")), set(ib.split("-"))
    if len(wa & wb) / len(wa | wb) < SIMILAR:
        return False
    if fa in ("act", "bill"):
        return _compatible(dates[a], dates[b])
    return bool(pa) and bool(pb) and _same_period(pa, pb)


def _same_period(a: str, b: str) -> bool:
    """"2020:2014" (2014-2020) and "2020" (through 2020) agree; "2016:2006" and "2016:2013" do not."""
    end_a, _, start_a = a.partition(":")
    end_b, _, start_b = b.partition(":")
    return end_a == end_b and (not start_a or not start_b or start_a == start_b)


def _words(title: str) -> list[str]:
    return re.sub(r"^(?:the|a|an)\s+", "", title, flags=re.IGNORECASE).split()


def _short_titles(mentions: list[InstrumentMention], canonical: dict[str, str]) -> None:
    """A short title is the full title's opening words ("Act on Compensations" for "Act on Compensations
    for Persons Erased from the Register ..."): cited after the full title, it names the same act."""
    named = [m for m in mentions if _named(m.key) and m.kind in ("act", "code", "constitutional-law")]
    for i, short in enumerate(named):
        words = _words(short.title)
        if len(words) < 3 or not re.fullmatch(r"[A-Z]\w*", words[0]):
            continue
        for full in named[:i]:
            longer = _words(full.title)
            if len(longer) > len(words) and longer[: len(words)] == words and longer[len(words)] in ("for", "of", "on", "concerning"):
                canonical[short.key] = canonical.get(full.key, full.key)
                break


def _final(key: str) -> str:
    """The marker of a cited name and an empty year are no part of the IRI."""
    return key.removesuffix("/n").rstrip("/")


def unify(mentions: list[InstrumentMention]) -> list[InstrumentMention]:
    dates: dict[str, set[str]] = defaultdict(set)
    order: list[str] = []
    for m in mentions:
        if m.key not in dates:
            order.append(m.key)
        if m.date:
            dates[m.key].add(m.date)
    canonical: dict[str, str] = {}
    for i, key in enumerate(order):
        canonical.setdefault(key, key)
        for other in order[i + 1 :]:
            if other not in canonical and _same(key, other, dates):
                canonical[other] = canonical[key]
    _short_titles(mentions, canonical)
    kinds: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        kinds[canonical.get(m.key, m.key)].add(m.kind)
    unified = []
    for m in mentions:
        key = canonical.get(m.key, m.key)
        kind = next((k for k in KIND_PRIORITY if k in kinds[key]), m.kind)
        key = _final(key)
        events = tuple(replace(e, by=_final(canonical.get(e.by, e.by))) if e.by else e for e in m.events)
        unified.append(replace(m, key=key, kind=kind, events=events) if (key, kind, events) != (m.key, m.kind, m.events) else m)
    return unified
