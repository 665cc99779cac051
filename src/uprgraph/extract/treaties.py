"""International treaties (from registries/treaties.csv) and what the State did with them."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import registries
from ..registries import Treaty
from .context import cited_articles, clause_bounds, event_date
from .model import Event, InstrumentMention, Span, TreatyMention
from .text import alias_pattern, alias_words, matchable, overlaps, slug, span, word_set

# What the State did, read from the words before the treaty's name within its clause; the
# nearest verb wins. Order matters: "not yet acceded" before "acceded".
ACTIONS = [
    ("not-acceded", r"(?:has|have)\s+not\s+(?:yet\s+)?(?:acceded|ratified|signed)\s+(?:to\s+)?"),
    ("intends-to-ratify", r"(?:intends?\s+to\s+[^.;]{0,60}?(?:ratif|acce)\w+|steps\s+toward[s]?\s+(?:the\s+)?(?:ratification|accession)"
                          r"|forthcoming\s+(?:ratification|accession)|(?:preparing|considering)\s+(?:for\s+)?(?:the\s+)?(?:ratification|accession|ratifying|acceding))\s+(?:of\s+|to\s+)?"),
    ("acceded", r"\bacceded\s+to\s+"),
    ("ratified", r"\bratified\s+"),
    ("signed", r"\b(?:signed|a\s+signatory\s+to|signatory\s+to)\s+"),
]
# A treaty the registry does not know, named by what it is about and reported as signed or ratified:
# "an agreement on mutual recognition of medical reports ... was signed".
UNREGISTERED = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?P<name>(?:agreement|convention|treaty|protocol|memorandum\s+of\s+understanding)\s+on\s+[^;.]+?)"
    r"\s+(?:was|were|has\s+been|have\s+been)\s+(?P<verb>signed|ratified|concluded|acceded\s+to)\b"
)
PROTOCOL_OF_PARENT = re.compile(r"^\s+and\s+(?P<p>(?:its|the)\s+(?:Optional\s+)?Protocol(?:\s+thereto)?)\b")


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], frozenset[str], Treaty]]:
    """(pattern, the words a match needs, treaty) of each alias, the longest alias first."""
    pairs = [(alias, t) for t in registries.treaties().values() for alias in t.aliases]
    pairs.sort(key=lambda p: -len(p[0]))
    return [(re.compile(alias_pattern(alias)), alias_words(alias), t) for alias, t in pairs]


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
    present = word_set(m)
    for pattern, needed, treaty in _patterns():
        if not needed <= present:
            continue
        for match in pattern.finditer(m):
            if overlaps(match.span(), [(s, e) for s, e, _ in hits]):
                continue
            end = match.end()
            # "... in Environmental Matters (Aarhus Convention)": one mention.
            short = re.match(r"\s*\((?P<alias>[^)]{2,40})\)", m[end:])
            if short and short.group("alias") in treaty.aliases:
                end += short.end()
            hits.append((match.start(), end, treaty))
            protocol = PROTOCOL_OF_PARENT.match(m[end:])
            child = _child_protocol(treaty.key) if protocol else None
            if child is not None:
                hits.append((end + protocol.start("p"), end + protocol.end("p"), child))
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
        events: tuple[Event, ...] = ()
        if action:
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
            TreatyMention(span(number, text, start, end), treaty.key, treaty.label if start in extra else "",
                          cited_articles(m[max(0, start - 80) : start]), events)
        )
    return mentions


__all__ = ["find_treaties", "Span"]
