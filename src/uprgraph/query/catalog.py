"""The canned queries: ``queries/*.rq`` files whose comment header says what they answer.

A header is the run of ``#+`` lines at the top of a file::

    #+ title: Instruments reported under a recommendation
    #+ description: One row per mention of a domestic instrument in a paragraph
    #+   of a section that reports on the recommendation.
    #+ param: rec | string | required | Recommendation number as printed, e.g. 95.43
    #+ param: from | year | optional | First year (inclusive)

A line starting with ``#+   `` continues the entry above it. The query's name is the file stem.
This module only reads text, so ``uprgraph queries`` runs without importing rdflib.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.abc import Traversable
from pathlib import Path

from uprgraph import resources
from uprgraph.errors import QueryError, UsageError

PARAM_TYPES = ("string", "year", "integer", "iri-or-text")

_HEADER = "#+"
_CONTINUATION = "#+   "
_ENTRY = re.compile(r"#\+ (?P<key>[a-z]+):\s*(?P<value>.*)")
_VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # one of PARAM_TYPES
    required: bool
    description: str

    @property
    def variables(self) -> tuple[str, ...]:
        """The SPARQL variables this parameter may bind (an iri-or-text value binds one of two)."""
        if self.type == "iri-or-text":
            return (f"{self.name}_iri", f"{self.name}_text")
        return (self.name,)


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_query(name: str, text: str) -> Query:
    """Read the header of one query file; a file without a header is a query without parameters."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    entries, body = _split_header(name, text)
    for line_number, key, value in entries:
        if key == "param":
            params.append(_parse_param(name, line_number, value, body))
        elif key in ("title", "description"):
            fields[key] = value
        else:
            raise QueryError(f"query {name!r}, line {line_number}: unknown header field {key!r}")
    _reject_duplicates(name, params)
    return Query(name, fields.get("title", ""), fields.get("description", ""), tuple(params), text)


def load_query_file(path: Path) -> Query:
    """A query the user wrote (``uprgraph query --file``), named by its file stem."""
    return parse_query(path.stem, path.read_text(encoding="utf-8"))


def load_catalog(folder: Traversable | None = None) -> dict[str, Query]:
    """Every canned query by name, in name order; ``folder`` defaults to the packaged ``queries``."""
    files = (
        resources.list_files("queries", ".rq")
        if folder is None
        else sorted((f for f in folder.iterdir() if f.name.endswith(".rq")), key=lambda f: f.name)
    )
    catalog = {}
    for file in files:
        query = parse_query(file.name.removesuffix(".rq"), file.read_text(encoding="utf-8"))
        if not query.title:
            # `uprgraph queries` lists titles, so a canned query without one is a packaging bug.
            raise QueryError(f"query {query.name!r} has no '#+ title:' header line")
        catalog[query.name] = query
    return catalog


def get_query(name: str, catalog: dict[str, Query] | None = None) -> Query:
    catalog = load_catalog() if catalog is None else catalog
    if name not in catalog:
        raise UsageError(f"unknown query {name!r}; run 'uprgraph queries' to list them")
    return catalog[name]


def _split_header(name: str, text: str) -> tuple[list[tuple[int, str, str]], str]:
    """The header's (line number, key, value) entries, continuations joined, and the SPARQL after it."""
    entries: list[tuple[int, str, str]] = []
    lines = text.splitlines()
    body_start = len(lines)
    for line_number, line in enumerate(lines, start=1):
        if not line.startswith(_HEADER):
            body_start = line_number - 1
            break
        if line.startswith(_CONTINUATION):
            if not entries:
                raise QueryError(f"query {name!r}, line {line_number}: continuation line before any entry")
            first_line, key, value = entries[-1]
            entries[-1] = (first_line, key, f"{value} {line[len(_CONTINUATION):].strip()}".strip())
            continue
        match = _ENTRY.fullmatch(line.rstrip())
        if match is None:
            raise QueryError(f"query {name!r}, line {line_number}: expected '#+ key: value', got {line!r}")
        entries.append((line_number, match["key"], match["value"].strip()))
    return entries, "\n".join(lines[body_start:])


def _parse_param(query_name: str, line_number: int, value: str, body: str) -> Param:
    where = f"query {query_name!r}, line {line_number}"
    parts = [part.strip() for part in value.split("|", 3)]
    if len(parts) != 4:
        raise QueryError(f"{where}: expected 'param: name | type | required|optional | description'")
    name, type_, requirement, description = parts
    if not _VARIABLE_NAME.fullmatch(name):
        raise QueryError(f"{where}: parameter name {name!r} is not a SPARQL variable name")
    if type_ not in PARAM_TYPES:
        raise QueryError(f"{where}: parameter type {type_!r} is not one of {', '.join(PARAM_TYPES)}")
    if requirement not in ("required", "optional"):
        raise QueryError(f"{where}: expected 'required' or 'optional', got {requirement!r}")
    param = Param(name, type_, requirement == "required", description)
    # A declared parameter whose variable the query never uses would be accepted and silently ignored.
    for variable in param.variables:
        if not re.search(rf"[?$]{variable}\b", body):
            raise QueryError(f"{where}: parameter {name!r} binds ?{variable}, which the query does not use")
    return param


def _reject_duplicates(query_name: str, params: list[Param]) -> None:
    seen: set[str] = set()
    for param in params:
        if param.name in seen:
            raise QueryError(f"query {query_name!r}: parameter {param.name!r} is declared twice")
        seen.add(param.name)
