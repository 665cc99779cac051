"""Put a query's parameters into its text as ``VALUES`` blocks built from RDF terms.

Only rdflib's own engine takes ``initBindings``. Every other engine gets the bindings inside the query
as inline data, written here once: Oxigraph (pyoxigraph's SEP-0007 ``substitutions=`` joins the value
after evaluation, so a FILTER would not see it), remote endpoints (rdflib's SPARQLStore would join
``initBindings`` after evaluation too: rdflib issue #1772) and the endpoint's query page. Where they
go matters. SPARQL evaluates bottom-up: a trailing ``VALUES`` after the query is joined *after* the
WHERE clause, so ``FILTER(!BOUND(?from) || ?year >= ?from)`` would still see ``?from`` unbound, and
a sub-select that uses ``?rec`` without projecting it would ignore the value. So the block opens
the WHERE group of the query and of every sub-select that mentions a bound variable; there it is
joined before that group's filters run, which is what a binding of the whole query means.

Only the blocks are added: the text between them is the canned text, character for character.
A term is written with SPARQL's own escapes (``\\"``, ``\\\\``, ``\\n``, ``\\r``, ``\\t``, ``\\b``, ``\\f``); a value that
contains a ``\\u`` or ``\\U`` sequence is refused, because SPARQL expands those escapes before it
parses a query and the endpoint could then read a different value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from uprgraph.errors import QueryError
from uprgraph.query.lexical import blank

_SELECT = re.compile(r"(?<![\w?$:])SELECT(?![\w:])", re.IGNORECASE)
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_UNICODE_ESCAPE = re.compile(r"\\[uU]")
# Every control character SPARQL has an escape for is escaped: a raw tab, for one, reaches rdflib's parser
# (pyparsing) expanded into spaces.
_ESCAPES = {"\\": "\\\\", "\"": "\\\"", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def sparql_term(term: Identifier) -> str:
    """The term as SPARQL syntax, refusing what SPARQL cannot carry unchanged."""
    if isinstance(term, URIRef):
        if _IRI_FORBIDDEN.search(term) or _UNICODE_ESCAPE.search(term):
            raise QueryError(f"cannot write the IRI {str(term)[:80]!r} into a query: it holds characters an IRI may not")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = str(term)
        if _UNICODE_ESCAPE.search(text):
            raise QueryError(
                f"cannot write the value {text[:80]!r} into a query unchanged: SPARQL would expand its \\u escape"
            )
        quoted = '"' + "".join(_ESCAPES.get(c, c) for c in text) + '"'
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype:
            return f"{quoted}^^{sparql_term(term.datatype)}"
        return quoted
    if isinstance(term, BNode):
        raise QueryError("a blank node cannot be a query parameter")
    raise QueryError(f"cannot write {term!r} as a SPARQL term")


def values_block(bindings: Mapping[str, Identifier], names: list[str]) -> str:
    variables = " ".join(f"?{name}" for name in names)
    terms = " ".join(sparql_term(bindings[name]) for name in names)
    return f" VALUES ({variables}) {{ ({terms}) }}"


def with_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """``text`` with a VALUES block opening the WHERE group of each SELECT that uses a bound variable."""
    if not bindings:
        return text
    blanked = blank(text)
    insertions: list[tuple[int, str]] = []
    groups = _select_groups(blanked)
    for _keyword, start, end in groups:
        inside = list(blanked[start:end])
        for other_keyword, _, other_end in groups:  # a sub-select's variables are its own
            if start < other_keyword < end:
                inside[other_keyword - start:other_end - start] = " " * (other_end - other_keyword)
        inside = "".join(inside)
        names = [name for name in sorted(bindings) if re.search(rf"[?$]{re.escape(name)}(?!\w)", inside)]
        if names:
            insertions.append((start + 1, values_block(bindings, names)))
    if not insertions:
        raise QueryError("the query uses none of the variables its parameters bind")
    out, last = [], 0
    for position, block in sorted(insertions):
        out += [text[last:position], block]
        last = position
    out.append(text[last:])
    return "".join(out)


def _select_groups(blanked: str) -> list[tuple[int, int, int]]:
    """(index of SELECT, of '{', of the matching '}') for the WHERE group of every SELECT."""
    groups = []
    for match in _SELECT.finditer(blanked):
        opening = blanked.find("{", match.end())
        if opening < 0:
            raise QueryError("cannot find the WHERE clause of a SELECT")
        depth = 0
        for index in range(opening, len(blanked)):
            if blanked[index] == "{":
                depth += 1
            elif blanked[index] == "}":
                depth -= 1
                if depth == 0:
                    groups.append((match.start(), opening, index))
                    break
        else:
            raise QueryError("unbalanced braces in the query")
    return groups
