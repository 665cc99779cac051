"""The follow-up views' data (issue 19): the canned queries ``follow-up``, ``follow-up-status`` and
``follow-up-summary`` run on a graph, read the way the explorer, ``plot`` and ``analyze`` show them.

The views take their steps and statuses from the queries' rows, never from a list of their own, so a
step or status a query gains appears in every view unchanged. The order of the steps is the queries':
``follow-up`` orders a chain's rows by step, and :func:`step_order` merges those orders.

The queries run on an in-memory Oxigraph copy of the graph (the same rows, in the same order, as rdflib
gives: tests/test_store.py), because rdflib takes minutes over ``follow-up-status``'s sub-selects on a
chain of five documents where Oxigraph takes a second or two.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rdflib import Graph

from . import resources
from .query.catalog import get_query
from .query.runner import BoundQuery, Result

# The statuses that say something was reported under a recommendation: those the status query words so.
REPORTED_PREFIX = "reported"


def run_all(g: Graph, names: tuple[str, ...] = ("follow-up", "follow-up-status", "follow-up-summary")) -> dict[str, Result]:
    """Run the named follow-up queries on ``g``; ``follow-up`` with its ``rec`` left unbound, which its
    filters read as every recommendation."""
    import pyoxigraph
    from rdflib.plugins.sparql import prepareQuery

    from .oxigraph_terms import Converter
    from .store import StoreHandle, parse_spec

    store = pyoxigraph.Store()
    store.extend(Converter().quads(g, pyoxigraph.DefaultGraph()))
    backend = StoreHandle(parse_spec("oxigraph"), store=store).backend()
    out = {}
    for name in names:
        query = get_query(name)
        out[name] = backend(BoundQuery(query, prepareQuery(query.text), {}))
    return out


def records(result: Result) -> list[dict[str, str | None]]:
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def step_order(chains: list[dict[str, Any]]) -> list[str]:
    """The steps in the order the ``follow-up`` query gives them: each chain's rows are in step order, so
    a step that comes before another in some chain comes before it here (first seen first among equals)."""
    first_seen: dict[str, int] = {}
    after: dict[str, set[str]] = defaultdict(set)  # step -> the steps seen before it in some chain
    by_chain: dict[tuple[Any, Any], list[str]] = defaultdict(list)
    for row in chains:
        step = str(row["step"])
        first_seen.setdefault(step, len(first_seen))
        seen = by_chain[(row["review"], row["recommendation"])]
        if step not in seen:
            after[step].update(seen)
            seen.append(step)
    ordered: list[str] = []
    pending = sorted(first_seen, key=first_seen.__getitem__)
    while pending:
        ready = [s for s in pending if not (after[s] - set(ordered))] or pending[:1]  # a cycle: first seen wins
        ordered.append(ready[0])
        pending.remove(ready[0])
    return ordered


def is_reported(status: str | None) -> bool:
    """Whether a ``follow-up-status`` status says something was reported under the recommendation."""
    return bool(status) and str(status).startswith(REPORTED_PREFIX)


# ---------------------------------------------------------------- the share reported by the next review


def response_groups() -> dict[str, str]:
    """A response as the queries print it ("already implemented") -> "accepted", "noted" or "" (neither),
    from registries/response_groups.csv."""
    rows = csv.DictReader(resources.read_text("registries", "response_groups.csv").splitlines())
    return {row["response"]: row["group"] for row in rows}


def groups_of(response: str | None, groups: dict[str, str]) -> set[str]:
    """The groups of a latest response; a partial answer ("not accepted; supported") is in both."""
    return {groups.get(part.strip(), "") for part in str(response or "none").split(";")} - {""}


@dataclass
class Share:
    review: str  # "Slovenia, UPR cycle 1"
    response: str  # "accepted" or "noted"
    reported: int  # of those, recommendations something was reported under by the next review
    recommendations: int
    share: float | None  # reported / recommendations; None without the next review's national report
    next_report: str  # the next review's national report in the dataset, "" when there is none


def shares(summary: list[dict[str, Any]], next_reports: dict[str, str]) -> list[Share]:
    """Per review (in the summary's order) and group ("accepted", then "noted"), from ``follow-up-summary``
    rows (review, response, status, recommendations). ``next_reports``: review label -> the symbol of
    the next review's national report in the dataset."""
    groups = response_groups()
    counts: dict[tuple[str, str], list[int]] = {}
    for review in dict.fromkeys(str(row["review"]) for row in summary):
        for group in ("accepted", "noted"):
            counts[(review, group)] = [0, 0]
    for row in summary:
        n = int(str(row["recommendations"]))
        for group in groups_of(row["response"], groups):
            pair = counts.setdefault((str(row["review"]), group), [0, 0])
            pair[1] += n
            pair[0] += n if is_reported(row["status"]) else 0
    out = []
    for (review, group), (found, total) in counts.items():
        following = next_reports.get(review, "")
        share = round(found / total, 4) if following and total else None
        out.append(Share(review, group, found, total, share, following))
    return out


def next_reports(g: Graph) -> dict[str, str]:
    """Review label -> the symbol of a national report that reports on that review (the next review's)."""
    from rdflib.namespace import DCTERMS, RDF, RDFS

    from .namespaces import UPR

    out: dict[str, set[str]] = defaultdict(set)
    for report, review in g.subject_objects(UPR.reportsOnReview):
        if (report, RDF.type, UPR.NationalReport) in g:
            for label in g.objects(review, RDFS.label):
                out[str(label)].add(str(g.value(report, DCTERMS.identifier) or report))
    return {label: ", ".join(sorted(symbols)) for label, symbols in out.items()}
