"""The local backend's plan (uprgraph.query.local_plan) gives rdflib's own rows, duplicates included: each
query shape below is evaluated on random small graphs twice, by rdflib as it plans the query and as planned
here, and the two bags of rows must be equal. The canned queries' rows on the real documents are compared
with Oxigraph's and Virtuoso's elsewhere (test_remote, test_serve_canned, test_store)."""

from __future__ import annotations

from collections import Counter

import pytest
from components import need_module
from rdflib import Graph, Literal, Namespace, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from uprgraph.query import local_plan
from uprgraph.query.runner import prepare

need_module("hypothesis", "test")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

EX = Namespace("http://example.org/")
NODES = [EX[name] for name in "abcde"]
OBJECTS = [*NODES, Literal("x"), Literal(2)]
PREDICATES = [EX.p, EX.q, EX.r]

PREFIX = "PREFIX : <http://example.org/>\n"
SHAPES = {
    # joins of joins: rdflib compares every pair; planned, look-ups
    "chain": "SELECT * { ?a :p ?b . { ?b :q ?c } ?c :r ?d }",
    "sub-select then patterns": "SELECT * { { SELECT ?a (COUNT(?b) AS ?n) { ?a :p ?b } GROUP BY ?a } ?a :q ?c . { ?c :r ?d } }",
    # an OPTIONAL whose own variable (?a) the first side binds: must stay a join of two independent sides
    "optional sees an outer variable": "SELECT * { ?a :p ?b . { ?b :q ?c } { ?c :r ?d OPTIONAL { ?d :p ?a } } }",
    "optional of its own": "SELECT * { ?a :p ?b . { ?b :q ?c } { ?c :r ?d OPTIONAL { ?d :p ?e } } }",
    "filter on an outer variable": "SELECT * { ?a :p ?b . { ?b :q ?c } { ?c :r ?d FILTER(!BOUND(?a)) } }",
    "union with duplicates, counted":
        "SELECT ?a (COUNT(*) AS ?n) { ?a :p ?b . { ?b :q ?c } { { ?c :r ?d } UNION { ?c :r ?d } } } GROUP BY ?a",
    "values": "SELECT * { ?a :p ?b . { ?b :q ?c } VALUES ?c { :a :b UNDEF } }",
    "bind in the second side": "SELECT * { ?a :p ?b . { ?b :q ?c } { ?c :r ?d BIND(STR(?d) AS ?s) } }",
    "bind reads an outer variable": "SELECT * { ?a :p ?b . { ?b :q ?c } { ?c :r ?d BIND(COALESCE(?a, 1) AS ?s) } }",
    "bind to an outer variable": "SELECT * { ?a :p ?b . { ?b :q ?c } { ?c :r ?d BIND(?d AS ?a) } }",
    "filter in the second side": "SELECT * { ?a :p ?b . { ?b :q ?c } { ?c :r ?d FILTER(?d != :a && ?c != :b) } }",
    "exists in the second side": "SELECT * { ?a :p ?b . { ?b :q ?c } { ?c :r ?d FILTER EXISTS { ?d :p ?a } } }",
    "bind then join": "SELECT * { ?a :p ?b . { ?b :q ?c BIND(STR(?c) AS ?s) } ?c :r ?d }",
    "exists in bind": "SELECT ?a ?e { ?a :p ?b BIND(EXISTS { ?b :q ?c . { ?c :r ?a } ?a :p ?c } AS ?e) }",
    "not exists in filter": "SELECT * { ?a :p ?b . { ?b :q ?c } FILTER NOT EXISTS { ?c :r ?d . { ?d :p ?a } ?a :q ?b } }",
    "minus": "SELECT * { ?a :p ?b . { ?b :q ?c } MINUS { ?c :r ?a } }",
    "path": "SELECT * { ?a :p+ ?b . { ?b :q* ?c } ?c :r|:p ?d }",
    "no shared variable": "SELECT * { ?a :p ?b . { ?c :q ?d } { ?e :r ?f } }",
    "same variable twice": "SELECT * { ?a :p ?a . { ?a :q ?b } ?b :r ?b }",
}

triples = st.lists(st.tuples(st.sampled_from(NODES), st.sampled_from(PREDICATES), st.sampled_from(OBJECTS)), max_size=25)


def bag(graph: Graph, query, bindings=None) -> Counter:  # type: ignore[no-untyped-def]
    answer = graph.query(query, initBindings=bindings or {})
    return Counter(tuple(row) for row in answer)


PARSED = {name: prepareQuery(PREFIX + text) for name, text in SHAPES.items()}
PLANNED = {name: local_plan.plan(parsed) for name, parsed in PARSED.items()}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(triples)
def test_planned_rows_are_rdflibs_rows(data):
    graph = Graph()
    for triple in data:
        graph.add(triple)
    for name, parsed in PARSED.items():
        assert bag(graph, PLANNED[name]) == bag(graph, parsed), name
    # bound parameters (the runner's initBindings) reach every part of the plan
    for node in NODES[:2]:
        bindings = {Variable("a"): node}
        assert bag(graph, PLANNED["chain"], bindings) == bag(graph, PARSED["chain"], bindings)


def test_the_joins_rdflib_compares_pairwise_are_planned():
    """Which joins become look-ups and which hash joins (a look-up join where the second side could see a
    value the first side binds would change the rows)."""
    def names(text: str) -> Counter:
        found: Counter = Counter()
        seen: set[int] = set()

        def walk(node) -> None:  # type: ignore[no-untyped-def]
            if isinstance(node, CompValue) and id(node) not in seen:  # an EXISTS's pattern is reached twice
                seen.add(id(node))
                found[node.name] += 1
                for value in [*dict.values(node), *node.__dict__.values()]:
                    walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)
        walk(local_plan.plan(prepareQuery(PREFIX + text)).algebra)
        return found

    chain = names(SHAPES["chain"])
    assert chain[local_plan.LOOKUP_JOIN] == 1 and chain[local_plan.PATTERN] == 3 and chain["BGP"] == 0
    own = names(SHAPES["optional of its own"])
    assert own[local_plan.LOOKUP_JOIN] == 1 and own[local_plan.HASH_JOIN] == 0
    outer = names(SHAPES["optional sees an outer variable"])
    assert outer[local_plan.LOOKUP_JOIN] == 0 and outer[local_plan.HASH_JOIN] == 1
    assert names(SHAPES["filter on an outer variable"])[local_plan.HASH_JOIN] == 1
    for shape in ("bind in the second side", "filter in the second side"):
        assert names(SHAPES[shape])[local_plan.LOOKUP_JOIN] == 1, shape
    for shape in ("bind reads an outer variable", "bind to an outer variable", "exists in the second side"):
        assert names(SHAPES[shape])[local_plan.HASH_JOIN] == 1, shape
    exists = names(SHAPES["exists in bind"])  # rdflib leaves every join inside EXISTS to compare all pairs
    assert exists[local_plan.LOOKUP_JOIN] >= 1 and exists["Join"] == 0
    assert names(SHAPES["values"])[local_plan.HASH_JOIN] == 1  # UNDEF: a row without ?c beside one with it


@pytest.mark.parametrize("name", ["follow-up-status", "rights-coverage", "instruments-for-right"])
def test_planning_leaves_the_parsed_query_unchanged(name):
    """plan() works on a copy: the parsed query (which callers keep and print) is not renamed."""
    bound = prepare(name, {"right": "F13"} if name == "instruments-for-right" else {})
    before = str(bound.parsed.algebra)
    planned = local_plan.plan(bound.parsed)
    assert str(bound.parsed.algebra) == before
    assert local_plan.PATTERN in str(planned.algebra) and "BGP_" not in str(planned.algebra)
