"""Run a query with bound parameters and render its rows as a table, Markdown, CSV or JSON.

A *backend* evaluates a :class:`BoundQuery`. The local one (:func:`on_graph`) hands the bindings to
rdflib's ``initBindings``, which keeps them fixed across the whole query. A remote endpoint needs
another backend: rdflib's SPARQLStore joins ``initBindings`` after evaluation instead (rdflib
issue #1772), so it would inject a ``VALUES`` block built from the same RDF terms.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import BinaryIO

from rdflib import BNode, Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query as ParsedQuery
from rdflib.term import Identifier

from uprgraph.errors import QueryError, one_line
from uprgraph.query import local_plan
from uprgraph.query.catalog import Query, get_query, parse_query
from uprgraph.query.params import bind_parameters

_CATALOG_NAME = re.compile(r"[\w.-]+")


@dataclass(frozen=True)
class BoundQuery:
    query: Query
    parsed: ParsedQuery  # checked to be a SELECT
    bindings: Mapping[str, Identifier]


@dataclass(frozen=True)
class Result:
    columns: list[str]  # in SELECT order
    rows: list[tuple[str | None, ...]]  # None where a variable is unbound


Backend = Callable[[BoundQuery], Result]


def prepare(query: Query | str, params: Mapping[str, str]) -> BoundQuery:
    """Parse the query and bind its parameters, before any graph is built or fetched.

    ``query`` is a :class:`Query`, the name of a canned query, or SPARQL text (which takes no
    parameters). A bare name can never be SPARQL, which needs at least braces and spaces.
    """
    if isinstance(query, str):
        query = get_query(query) if _CATALOG_NAME.fullmatch(query) else parse_query("<text>", query)
    bindings = bind_parameters(query, params)
    return BoundQuery(query, _parse_select(query), bindings)


def on_graph(graph: Graph) -> Backend:
    """The backend that evaluates queries on an in-memory rdflib graph."""

    def evaluate(bound: BoundQuery) -> Result:
        try:
            answer = graph.query(local_plan.plan(bound.parsed), initBindings=dict(bound.bindings))
            columns = [str(variable) for variable in answer.vars or ()]
            rows = [tuple(_render(term) for term in row) for row in answer]  # evaluation happens here
        except Exception as error:  # rdflib raises assorted types for evaluation errors
            raise QueryError(f"query {bound.query.name!r} failed: {one_line(error)}") from error
        return Result(columns, rows)

    return evaluate


def run_query(graph: Graph, query: Query | str, params: Mapping[str, str]) -> Result:
    return on_graph(graph)(prepare(query, params))


def format_table(result: Result, width: int | None = None) -> str:
    """Aligned columns; with ``width``, long cells wrap to fit it (see :mod:`uprgraph.tables`)."""
    from uprgraph import tables

    return tables.render(result.columns, result.rows, width)


def format_markdown(result: Result) -> str:
    from uprgraph import tables

    return tables.markdown(result.columns, result.rows)


def format_csv(result: Result) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows(["" if value is None else value for value in row] for row in result.rows)
    return out.getvalue()


def format_json(result: Result) -> str:
    records = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


# the formats whose rows can be written as they come (a table's column widths need every row first)
STREAMED = ("csv", "json", "markdown")


def write_rows(columns: list[str], rows: Iterable[tuple[str | None, ...]], fmt: str, out: BinaryIO) -> None:
    """Rows in ``csv``, ``json`` or ``markdown``, each written (and flushed) as it comes, byte for byte what
    :func:`format_csv`, :func:`format_json` and :func:`format_markdown` write for the same rows in the same order."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        if fmt == "markdown":
            from uprgraph import tables

            for line in tables.markdown_lines(columns, rows):
                text.write(line)
                text.flush()
            return
        if fmt == "csv":
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow(["" if value is None else value for value in row])
                text.flush()
            return
        opened = False
        for row in rows:
            record = json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False, indent=2)
            text.write(("[\n  " if not opened else ",\n  ") + record.replace("\n", "\n  "))
            text.flush()
            opened = True
        text.write("\n]\n" if opened else "[]\n")
    finally:
        text.flush()
        text.detach()


FORMATTERS: dict[str, Callable[[Result], str]] = {"table": format_table, "markdown": format_markdown, "csv": format_csv,
                                                  "json": format_json}


def first_rows(result: Result, limit: int | None) -> Result:
    """The result cut to its first ``limit`` rows (all of them when None)."""
    return result if limit is None else Result(result.columns, result.rows[:limit])


def _parse_select(query: Query) -> ParsedQuery:
    # No initNs: a query declares its own prefixes (rdflib predefines only core ones such as xsd),
    # so it runs the same on a remote endpoint.
    try:
        parsed = _parsed(query.text)
    except Exception as error:  # pyparsing's ParseException, or rdflib's for an unknown prefix
        raise QueryError(f"query {query.name!r} is not valid SPARQL: {one_line(error)}") from error
    if parsed.algebra.name != "SelectQuery":
        kind = parsed.algebra.name.removesuffix("Query").upper()
        raise QueryError(f"query {query.name!r} is {kind}; only SELECT queries can be run")
    return parsed


@lru_cache(maxsize=64)
def _parsed(text: str) -> ParsedQuery:
    """rdflib's parse of a query's text, once per text in a process (follow-up takes 0.6 s CPU to parse):
    nothing changes it after, since on_graph evaluates local_plan's copy. A parse that fails is not kept."""
    return prepareQuery(text)


def _render(term: Identifier | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)  # a Literal's lexical form, a URIRef's IRI
