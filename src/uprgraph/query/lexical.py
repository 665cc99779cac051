"""The lexical view of a SPARQL text that a few checks need, without parsing it (and without rdflib:
the endpoint's workers use it on every query).

``blank`` hides what a brace or keyword inside means nothing (comments, strings, IRIs) and keeps every
other character where it was, so positions found in the blanked text hold in the original.
"""

from __future__ import annotations

import re

# Lexical pieces a brace or keyword inside of which means nothing: comments, strings, IRIs.
_SKIP = re.compile(
    r'#[^\n]*'
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>',
    re.DOTALL,
)
_GRAPH_KEYWORD = re.compile(r"(?<![\w?$:])(GRAPH|FROM)(?![\w:])", re.IGNORECASE)


def blank(text: str) -> str:
    """The text with comments, strings and IRIs replaced by spaces of the same length."""
    return _SKIP.sub(lambda m: " " * len(m.group()), text)


def names_graphs(text: str) -> bool:
    """Does the query name graphs (``GRAPH``, ``FROM``, ``FROM NAMED``), outside its comments, strings
    and IRIs? A query that does not reads only the default graph."""
    return _GRAPH_KEYWORD.search(blank(text)) is not None


_ORDER_BY = re.compile(r"(?<![\w?$:])ORDER\s+BY(?![\w:])", re.IGNORECASE)
_AFTER_ORDER = re.compile(r"(?<![\w?$:])(LIMIT|OFFSET|VALUES)(?![\w:])", re.IGNORECASE)


def has_order(text: str) -> bool:
    """Does the query have an outermost ORDER BY (one that orders its answer, not a sub-select's)?"""
    return without_order(text) != text


def without_order(text: str) -> str:
    """The query without its outermost ORDER BY clause (a sub-select's stays): its rows come in whatever order
    the engine finds them, and an engine that evaluates lazily hands the first ones over before it has
    found the last. A LIMIT, OFFSET or trailing VALUES after the clause stays. The text is returned unchanged
    when it has no outer ORDER BY."""
    blanked = blank(text)
    closing = blanked.rfind("}")
    match = None
    for match in _ORDER_BY.finditer(blanked, closing + 1 if closing >= 0 else 0):
        pass
    if match is None:
        return text
    after = _AFTER_ORDER.search(blanked, match.end())
    end = after.start() if after else len(text)
    return text[:match.start()] + text[end:]
