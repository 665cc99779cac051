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
