"""(f) Canned queries on an on-disk Oxigraph store of a synthetic corpus: time to the first row and to the
whole answer, wall and CPU (issue 20).

    python benchmarks/run.py --corpus-worker 100 --rdflib-limit 0 --keep /tmp/c100 > /dev/null   # build once
    python benchmarks/disk_queries.py /tmp/c100 --label after                   # measure, add to the page
    git archive main queries | tar -x -C /tmp/old
    python benchmarks/disk_queries.py /tmp/c100 --label before --query-dir /tmp/old/queries

A store opened read-only, as ``uprgraph query --store oxigraph:PATH`` and the workers of ``uprgraph serve
--store oxigraph:PATH`` open it; each query run as that command runs it (``StoreHandle.stream``: bound
with ``query.values.with_values``, the rows rendered as they come). *First row*: until the first row comes
out of that stream, which is what ``query`` writes (and ``serve`` sends) first; *full*: until the last
one. A query with an outer ORDER BY is timed a second time without it (*unordered*, what
``query --unordered`` runs): its first row no longer waits for the sort. The CPU time is the measuring
process's (``time.process_time``): on a machine that other processes share, the wall times stretch with
the load while the CPU time stays close to the work done, so the CPU time is the figure to compare
across runs. Each query runs in a child process stopped after ``--cutoff`` seconds (its first row's time
kept when it had one): one discarded warm-up run, then up to ``--runs`` runs while they add up to less
than 60 s (``--runs 0``: the one run alone); the fastest run is kept (the least disturbed by other
processes). The unordered variant runs once after its warm-up (``--unordered-cutoff``: its own cut-off). The 1-minute load average is read before and after each query.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# The queries issue 20 asks to answer in a second, with a parameter each; the rest are whole-corpus listings.
PARAMETERISED = ("instruments-for-recommendation", "recommendations-for-instrument", "paragraph",
                 "recommendations-by-state", "instruments-for-theme", "follow-up", "instruments-for-right")
# The README's example values (run.py takes its QUERY_PARAMS from here), and the two queries that came later. This module
# does not import run.py: run.py imports it to write this section of the page.
PARAMS = {
    "instruments-for-recommendation": {"rec": "95.43"},
    "recommendations-for-instrument": {"instrument": "criminal code"},
    "instrument-timeline": {"from": "2012", "to": "2013"},
    "paragraph": {"n": "183"},
    "recommendations-by-state": {"by": "SVN"},
    "instruments-for-theme": {"theme": "torture"},
    "follow-up": {"rec": "95.43"},
    "instruments-for-right": {"right": "torture"},
}
BUDGET = 60.0  # seconds of timed runs per query
CUTOFF = 600.0  # seconds after which a query is stopped (its first row kept when it had one)


def measure(folder: Path, label: str, query_dir: Path | None = None, runs: int = 3,
            names: list[str] | None = None, cutoff: float = CUTOFF,
            unordered_cutoff: float | None = None) -> dict:  # type: ignore[type-arg]
    import pyoxigraph  # noqa: F401  (imported here, so that the forked children time queries, not imports)

    from uprgraph.query import runner  # noqa: F401
    from uprgraph.query.catalog import load_catalog, parse_query
    from uprgraph.query.lexical import has_order
    from uprgraph.store import open_store  # noqa: F401

    built = json.loads((folder / "build.json").read_text())
    catalog = load_catalog()
    if query_dir is not None:  # the same names, another version of their text
        catalog = {name: parse_query(name, (query_dir / f"{name}.rq").read_text(encoding="utf-8"))
                   for name in catalog if (query_dir / f"{name}.rq").exists()}
    unordered_cutoff = cutoff if unordered_cutoff is None else unordered_cutoff
    out: dict = {"n": built["n"], "triples": built["triples"], "label": label, "queries": [], "cutoff": cutoff,  # type: ignore[type-arg]
                 "unordered_cutoff": unordered_cutoff,
                 "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"), "cores": len(os.sched_getaffinity(0))}
    for name in sorted(names or catalog):
        query = catalog[name]
        params = PARAMS.get(name, {})
        load_before = os.getloadavg()[0]
        row = {"query": name, "params": params, "load_before": load_before,
               **timed(folder, query, params, runs, cutoff, unordered=False)}
        if has_order(query.text):  # what `query --unordered` (and a query without ORDER BY) gets
            row["unordered"] = timed(folder, query, params, min(runs, 1), unordered_cutoff, unordered=True)
        row["load_after"] = os.getloadavg()[0]
        out["queries"].append(row)
        print(f"  (f) {label} N={built['n']}: {row}", file=sys.stderr, flush=True)
    return out


def timed(folder: Path, query, params: dict[str, str], runs: int, cutoff: float,  # type: ignore[no-untyped-def,type-arg]
          unordered: bool) -> dict:  # type: ignore[type-arg]
    """One query timed in a child process stopped ``cutoff`` seconds after it opened the store: one discarded
    warm-up run, then
    up to ``runs`` runs while they add up to less than BUDGET seconds; the fastest is kept. A query cut off
    keeps the first row's time when it had one (``full`` None)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    worker = context.Process(target=_runs, args=(child, folder, query, params, runs, unordered))
    worker.start()
    child.close()
    deadline = time.monotonic() + cutoff
    done, first = [], None
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not parent.poll(left):
            worker.kill()
            break
        try:
            message = parent.recv()
        except EOFError:
            break
        if message[0] == "ready":  # the store is open: the cut-off counts from here
            deadline = time.monotonic() + cutoff
        elif message[0] == "first":
            first = message[1] if first is None else first
        elif message[0] == "run":
            done.append(message[1:])
        elif message[0] == "error":
            raise SystemExit(f"{query.name}: {message[1]}")
        else:
            break
    worker.join()
    if not done:
        return {"first": first, "full": None, "cpu": None, "rows": None, "runs": 0}
    timed_runs = done[1:] or done  # the first run warms the caches
    best = min(timed_runs, key=lambda t: t[1])
    return {"first": best[0], "full": best[1], "cpu": best[2], "rows": best[3], "runs": len(timed_runs)}


def _runs(conn, folder: Path, query, params: dict[str, str], runs: int, unordered: bool) -> None:  # type: ignore[no-untyped-def]
    """In the child: the query as `uprgraph query --store oxigraph:PATH` runs it (``StoreHandle.stream``, the
    rows rendered as that command renders them), the first row timed as it comes out."""
    import dataclasses

    from uprgraph.query import runner
    from uprgraph.query.lexical import without_order
    from uprgraph.store import open_store

    try:
        if unordered:
            query = dataclasses.replace(query, text=without_order(query.text))
        bound = runner.prepare(query, params)
        handle = open_store(f"oxigraph:{folder / 'store'}", read_only=True)
        conn.send(("ready",))
        spent = 0.0
        for attempt in range(runs + 1):
            cpu, start = time.process_time(), time.perf_counter()
            _, rows = handle.stream(bound)
            rows = iter(rows)
            first = next(rows, None)
            to_first = time.perf_counter() - start
            conn.send(("first", to_first))
            count = (first is not None) + sum(1 for _ in rows)
            full = time.perf_counter() - start
            conn.send(("run", to_first, full, time.process_time() - cpu, count))
            spent += full
            if spent >= BUDGET:  # a query this slow keeps its one run (its caches warmed by itself)
                break
    except Exception as error:  # noqa: BLE001 - reported by the parent
        conn.send(("error", str(error)))
    conn.send(("done",))


def _targets(r: dict, n: int) -> list[str]:  # type: ignore[type-arg]
    """Issue 20's two query targets, as the run ``r`` (the last label at this size) measured them."""
    queries = {q["query"]: q for q in r["queries"]}
    met = sorted(name for name in PARAMETERISED if name in queries and (queries[name]["full"] or 2) <= 1)
    slow = sorted(name for name in PARAMETERISED if name in queries and name not in met)
    listings = {name: q for name, q in queries.items() if name not in PARAMETERISED}
    first = {name: (q.get("unordered") or q)["first"] for name, q in listings.items()}
    quick = sorted(name for name, t in first.items() if t is not None and t <= 1)
    late = sorted(name for name in first if name not in quick)
    out = [f"**Targets at {n:,} reports ({r['label']}, load {min(q['load_before'] for q in r['queries']):.0f}–"
           f"{max(q['load_before'] for q in r['queries']):.0f}):** parameterised queries whole in ≤ 1 s: "
           f"{len(met)} of {len(met) + len(slow)} met" + (f" (not: {', '.join(slow)})" if slow else "") + "; "
           + ("whole-corpus listings' first row in ≤ 1 s (unordered where the query has an ORDER BY): "
              if any("unordered" in q for q in listings.values()) else
              "whole-corpus listings' first row in ≤ 1 s (ordered: the unordered one was not measured in this run): ")
           + f"{len(quick)} of {len(first)} met" + (f" (not: {', '.join(late)})" if late else "") + "."]
    return out


def _fmt(seconds: float | None, cutoff: float | None = None) -> str:
    if seconds is None:
        return f"> {cutoff:g} s" if cutoff else "–"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def markdown(f: list[dict]) -> list[str]:  # type: ignore[type-arg]
    """The section of the page: per corpus size, each query's times under each label, side by side."""
    if not f:
        return []
    lines = ["## (f) Canned queries on the on-disk store: first row and full answer (issue 20)", "",
             "Written by `python benchmarks/disk_queries.py` (see its description). The store of (d)'s synthetic",
             "corpus, opened read-only as `uprgraph query --store oxigraph:PATH` opens it, each query run as that",
             "command runs it (`StoreHandle.stream`, the rows written as they come). *first* / *full*: wall time",
             "to the first row and to the whole answer; *CPU*: the CPU time for the whole answer. *Load*:",
             "the 1-minute load average before each query (the machine has the cores given; other sessions",
             "shared it while these were measured, so wall times are stretched by that factor and more, the CPU",
             "times much less). Every canned query ends in ORDER BY, so its first row comes only once the whole",
             "answer is computed and sorted: *first* is close to *full*. *unordered*: the same query without its",
             "outer ORDER BY (`uprgraph query NAME --unordered`, or the query sent to `uprgraph serve` without it),",
             "whose rows are written as Oxigraph finds them; a GROUP BY still needs its whole input first.",
             "\"> N s\": stopped at the cut-off, N seconds.", ""]
    for n in sorted({r["n"] for r in f}):
        runs = sorted((r for r in f if r["n"] == n), key=lambda r: r["label"] != "before")
        with_unordered = [r for r in runs if any("unordered" in q for q in r["queries"])]
        lines += [f"### {n:,} reports ({runs[0]['triples']:,} triples)", "",
                  "; ".join(f"*{r['label']}*: measured {r['date']}, {r['cores']} cores"
                            + (f", cut-off {r['cutoff']:g} s" if r.get("cutoff") else "")
                            + (f" ({r['unordered_cutoff']:g} s unordered)" if r.get("unordered_cutoff") not in
                               (None, r.get("cutoff")) else "") for r in runs) + ".", "",
                  "| query | parameters | rows | " + " | ".join(f"{r['label']}: first | full | CPU | load" for r in runs)
                  + "".join(f" | {r['label']}, unordered: first | full" for r in with_unordered)
                  + " |", "|---|---|---:|" + "---:|---:|---:|---:|" * len(runs) + "---:|---:|" * len(with_unordered)]
        names = sorted({q["query"] for r in runs for q in r["queries"]},
                       key=lambda name: (name not in PARAMETERISED, name))
        for name in names:
            cells, rows = [], None
            for r in runs:
                q = next((q for q in r["queries"] if q["query"] == name), None)
                if q is None:
                    cells += ["–"] * 4
                    continue
                rows = q["rows"] if rows is None else rows
                slow = name in PARAMETERISED and (q["full"] is None or q["full"] > 1)
                flag = "**" if slow else ""
                cells += [_fmt(q["first"], r.get("cutoff")), f"{flag}{_fmt(q['full'], r.get('cutoff'))}{flag}",
                          _fmt(q["cpu"]), f"{q['load_before']:.1f}"]
            for r in with_unordered:
                q = next((q for q in r["queries"] if q["query"] == name), None)
                u = (q or {}).get("unordered")
                if u is None:
                    cells += ["–"] * 2
                    continue
                flag = "**" if name not in PARAMETERISED and (u["first"] is None or u["first"] > 1) else ""
                stop = r.get("unordered_cutoff", r.get("cutoff"))
                cells += [f"{flag}{_fmt(u['first'], stop)}{flag}", _fmt(u["full"], stop)]
            params = ", ".join(f"{k}={v}" for k, v in PARAMS.get(name, {}).items())
            lines.append(f"| {name}{' ⁽ᵖ⁾' if name in PARAMETERISED else ''} | {params} | "
                         f"{'–' if rows is None else f'{rows:,}'} | " + " | ".join(cells) + " |")
        lines += ["", *_targets(runs[-1], n), ""]
    lines += ["⁽ᵖ⁾ a parameterised query of issue 20's target (≤ 1 s on disk at 1,000 reports); **bold**: over 1 s "
              "(for a listing, its unordered first row over 1 s, the target for the whole-corpus listings).", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a corpus kept by run.py --corpus-worker N --keep FOLDER")
    parser.add_argument("--label", required=True, help="what this run measures, e.g. before or after")
    parser.add_argument("--query-dir", type=Path, help="read the canned queries' text from here (an older version)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cutoff", type=float, default=CUTOFF,
                        help=f"seconds after which a query is stopped  [default: {CUTOFF:g}]")
    parser.add_argument("--unordered-cutoff", type=float,
                        help="the same for the queries without their ORDER BY (their first row is the point)  "
                             "[default: --cutoff]")
    parser.add_argument("--only", action="append", help="measure only this query (repeatable)")
    parser.add_argument("--results", type=Path, default=ROOT / "docs" / "benchmarks.json")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    if not (args.folder / "build.json").exists():
        parser.error(f"{args.folder} holds no kept corpus (build.json); build one with run.py --corpus-worker N --keep")
    measured = measure(args.folder, args.label, args.query_dir, args.runs, args.only, args.cutoff,
                       args.unordered_cutoff)
    saved = json.loads(args.results.read_text())
    kept = [r for r in saved.get("f", []) if (r["n"], r["label"]) != (measured["n"], args.label)]
    if args.only:  # the other queries of an earlier run with this label stay
        earlier = next((r for r in saved.get("f", []) if (r["n"], r["label"]) == (measured["n"], args.label)), None)
        if earlier:
            measured["queries"] = sorted([q for q in earlier["queries"] if q["query"] not in args.only]
                                         + measured["queries"], key=lambda q: q["query"])
    saved["f"] = sorted(kept + [measured], key=lambda r: (r["n"], r["label"]))
    args.results.write_text(json.dumps(saved, indent=1, default=str) + "\n")
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--render", str(args.results),
                           "-o", str(args.output)], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
