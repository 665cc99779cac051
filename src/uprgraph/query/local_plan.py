"""How rdflib evaluates a query of the local backend (``runner.on_graph``): the same rows, in a plan that
does not grow with the square of the graph.

rdflib 7 evaluates two parts of a group joined together in one of two ways. A join of two simple parts is
*lazy*: the second is evaluated once per row of the first, with that row's values bound. Any join above it
(a group of three parts or more, a sub-select, an ``OPTIONAL`` after two patterns) is evaluated with each
side alone over the whole graph, and every pair of their rows compared: on the default pair of documents
``instruments-for-right`` spent half its time comparing pairs and the other half listing every mention of
the graph. And a basic graph pattern takes its triples in an order fixed before its evaluation, sorted only
by how many of their terms are bound when it starts: inside an ``OPTIONAL`` with the recommendation bound,
``follow-up-status`` listed every instrument of the graph once per recommendation.

:func:`plan` returns a copy of a parsed query in which

* every basic graph pattern takes next the triple with the fewest terms unbound by the values bound so far
  (then one whose subject is bound, then the written order): the same solutions, found by look-ups;
* every join rdflib would evaluate by comparing all pairs becomes a *look-up join* (the second side once per
  row of the first, that row's values bound) where that gives the same rows -- the second side is triple
  patterns, ``VALUES``, a ``UNION`` of such, or an ``OPTIONAL`` whose own variables the first side cannot
  bind -- and a *hash join* otherwise (the same pairs as rdflib's, found through an index on the variables
  every row of the second side binds). Both keep rdflib's rows exactly, duplicates included: rdflib keeps
  the second side of such a join as a set, and so do they (for each row of the first side).

The changed parts carry names of their own, evaluated by :func:`evaluate`, which is registered in rdflib's
``CUSTOM_EVALS`` and declines every other part: rdflib's evaluation of any other query is unchanged.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from types import MethodType
from typing import Any

from rdflib import BNode, Variable
from rdflib.plugins.sparql import CUSTOM_EVALS
from rdflib.plugins.sparql.evaluate import evalBGP, evalPart
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import FrozenBindings, Query, QueryContext

PATTERN = "uprgraph-bgp"
LOOKUP_JOIN = "uprgraph-lookup-join"
HASH_JOIN = "uprgraph-hash-join"
_JOINS = ("Join", LOOKUP_JOIN, HASH_JOIN)
_PATTERNS = ("BGP", PATTERN)


def plan(parsed: Query) -> Query:
    """A copy of ``parsed`` whose patterns and joins are evaluated as described above."""
    algebra = _copy(parsed.algebra)
    _rename(algebra)
    return Query(parsed.prologue, algebra)


def evaluate(ctx: QueryContext, part: CompValue) -> Any:
    """rdflib's hook (``CUSTOM_EVALS``): the parts :func:`plan` renamed; NotImplementedError for any other."""
    name = part.name
    if name == PATTERN:
        return evalBGP(ctx, _ordered(ctx, part))
    if name == LOOKUP_JOIN:
        return _lookup_join(ctx, part)
    if name == HASH_JOIN:
        return _hash_join(ctx, part)
    raise NotImplementedError


CUSTOM_EVALS["uprgraph"] = evaluate


# ---------------------------------------------------------------------------------------------- the plan


def _copy(node: Any) -> Any:
    """A copy of the algebra's parts (an expression keeps its evaluation function); terms are shared."""
    if isinstance(node, CompValue):
        new = node.__class__.__new__(node.__class__)
        OrderedDict.__init__(new)
        for key, value in node.__dict__.items():  # its name; an EXISTS keeps its translated pattern here
            new.__dict__[key] = _copy(value)
        if isinstance(node.__dict__.get("_evalfn"), MethodType):  # bound to the expression it evaluates
            new.__dict__["_evalfn"] = MethodType(node.__dict__["_evalfn"].__func__, new)
        for key, value in OrderedDict.items(node):
            OrderedDict.__setitem__(new, key, _copy(value))
        return new
    if isinstance(node, list):
        return [_copy(item) for item in node]
    return node


def _rename(node: Any) -> None:
    """Rename, in place, the patterns and the joins that rdflib would evaluate by comparing all pairs."""
    if isinstance(node, CompValue):
        if node.name == "BGP":
            node.name = PATTERN
        elif node.name == "Join" and not _field(node, "lazy"):
            outer = _variables(node["p1"])
            # A look-up join when the second side, evaluated with a row's values bound, gives exactly its rows
            # that agree with the row, and no two of its rows can differ only by one leaving unbound a variable
            # the first side binds: merged with the row, those two would be one row (rdflib's set keeps both).
            varying = _variables(node["p2"]) - _certain(node["p2"])
            node.name = LOOKUP_JOIN if _bindable(node["p2"], outer) and not (varying & outer) else HASH_JOIN
        for value in [*node.values(), *node.__dict__.values()]:
            _rename(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            _rename(item)


def _field(node: CompValue, key: str) -> Any:
    """A part's field, None when absent (CompValue.get returns the key itself)."""
    return dict.get(node, key)


def _bindable(part: Any, outer: set[Any]) -> bool:
    """Whether ``part`` evaluated with any values of ``outer`` bound gives exactly its rows that agree with
    those values (so that it may be evaluated once per row of a join's first side)."""
    if not isinstance(part, CompValue):
        return False
    name = part.name
    if name in _PATTERNS:
        return True
    if name == "ToMultiSet":  # VALUES: a row that disagrees with a bound value is dropped
        return isinstance(part["p"], CompValue) and part["p"].name == "values"
    if name == "Union":
        return _bindable(part["p1"], outer) and _bindable(part["p2"], outer)
    if name in _JOINS:
        return _bindable(part["p1"], outer) and _bindable(part["p2"], outer | _variables(part["p1"]))
    if name in ("Extend", "Filter"):
        # rdflib evaluates the expression with the outer values forgotten, except the variables of the part
        # itself: an outer value the part may leave unbound would be seen; a BIND to an outer variable
        # would overwrite it
        reads = _variables(part["expr"]) & outer
        return (reads <= _certain(part["p"]) and not (name == "Extend" and part["var"] in outer)
                and _bindable(part["p"], outer))
    if name == "LeftJoin":
        expression = _field(part, "expr")
        unfiltered = isinstance(expression, CompValue) and expression.name == "TrueFilter"
        optional_only = _variables(part["p2"]) - _certain(part["p1"])
        return (unfiltered and not (optional_only & outer) and _bindable(part["p1"], outer)
                and _bindable(part["p2"], outer | _variables(part["p1"])))
    return False


def _variables(node: Any) -> set[Any]:
    """Every variable a solution of ``node`` may bind (more is safe: it only keeps a join a hash join)."""
    if isinstance(node, CompValue):
        if node.name in ("Project", "SubSelect") and _field(node, "PV") is not None:
            return set(node["PV"])
        found: set[Any] = set()
        for value in node.values():
            found |= _variables(value)
        return found
    if isinstance(node, (Variable, BNode)):
        return {node}
    if isinstance(node, (list, tuple, set, frozenset)):
        found = set()
        for item in node:
            found |= _variables(item)
        return found
    if isinstance(node, dict):
        return _variables(list(node.keys())) | _variables(list(node.values()))
    return set()


def _certain(node: Any) -> set[Any]:
    """Variables every solution of ``node`` binds (fewer is safe)."""
    if not isinstance(node, CompValue):
        return set()
    name = node.name
    if name in _PATTERNS:
        return _variables(node["triples"])
    if name in _JOINS:
        return _certain(node["p1"]) | _certain(node["p2"])
    if name in ("LeftJoin", "Filter", "Extend"):
        return _certain(node["p1"] if name == "LeftJoin" else node["p"])
    if name == "Union":
        return _certain(node["p1"]) & _certain(node["p2"])
    if name == "ToMultiSet" and isinstance(node["p"], CompValue) and node["p"].name == "values":
        rows = [{variable for variable, term in row.items() if term != "UNDEF"} for row in node["p"]["res"]]
        return set.intersection(*rows) if rows else set()
    return set()


# ---------------------------------------------------------------------------------------------- evaluation


def _ordered(ctx: QueryContext, part: CompValue) -> list[Any]:
    """The pattern's triples, greedily: next the one with the fewest unbound terms, then a bound subject."""
    triples = part["triples"]
    known = {term for triple in triples for term in triple
             if isinstance(term, (Variable, BNode)) and ctx[term] is not None}
    orders = part.__dict__.setdefault("_uprgraph_orders", {})
    key = frozenset(known)
    if key not in orders:
        rest = list(triples)
        order = []
        while rest:
            def cost(triple: Any) -> tuple[int, bool]:
                unbound = [term for term in triple if isinstance(term, (Variable, BNode)) and term not in known]
                return len(unbound), triple[0] in unbound
            best = min(rest, key=cost)  # min keeps the first of equals: the written order
            rest.remove(best)
            order.append(best)
            known.update(term for term in best if isinstance(term, (Variable, BNode)))
        orders[key] = order
    return orders[key]


def _lookup_join(ctx: QueryContext, join: CompValue) -> Iterator[FrozenBindings]:
    for row in evalPart(ctx, join["p1"]):
        seen: set[FrozenBindings] = set()
        for other in evalPart(ctx.thaw(row), join["p2"]):
            merged = other.merge(row)
            if merged not in seen:
                seen.add(merged)
                yield merged


def _hash_join(ctx: QueryContext, join: CompValue) -> Iterator[FrozenBindings]:
    """rdflib's non-lazy join (``_join(a, set(b))``): each row of the first side with each compatible row
    of the second, found through an index on the variables every row of the second side binds."""
    second = list(set(evalPart(ctx, join["p2"])))
    if not second:
        return
    always = set(second[0])
    for other in second[1:]:
        always &= set(other)
    ordered_always = sorted(always, key=str)
    indexes: dict[tuple[Any, ...], dict[tuple[Any, ...], list[FrozenBindings]]] = {}
    for row in evalPart(ctx, join["p1"]):
        own = set(row)  # the row's own variables: those compatible() compares
        keys = tuple(variable for variable in ordered_always if variable in own)
        if keys:
            index = indexes.get(keys)
            if index is None:
                index = indexes[keys] = {}
                for other in second:  # in the set's order, as rdflib's nested loop meets them
                    index.setdefault(tuple(other[variable] for variable in keys), []).append(other)
            candidates = index.get(tuple(row[variable] for variable in keys), ())
        else:
            candidates = second
        for other in candidates:
            if row.compatible(other):
                yield row.merge(other)
