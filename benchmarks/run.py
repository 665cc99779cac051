"""Benchmark uprgraph on this machine and write the table to docs/benchmarks.md.

    python benchmarks/run.py [--quick] [--large] [-o docs/benchmarks.md] [--results docs/benchmarks.json]
    python benchmarks/run.py --corpus-worker 1000 --rdflib-limit 1000 > corpus1000.json   # one size alone
    python benchmarks/run.py --render docs/benchmarks.json --corpus-from corpus1000.json  # table again
    python benchmarks/run.py --scale 100 [--jobs 2]   # (e) alone, added to the saved results and the page
    python benchmarks/run.py --folder DIR [--jobs 2]  # (e) on the real documents of DIR

Run it from the repository with the project's environment (the interpreter that has uprgraph's
dependencies; ``src/`` is put on the path, so an installed copy is not needed). It is not part of the
unit tests and nothing imports it. One run measures, on the same machine:

(a) each build stage on the embedded default pair (read/parse, extract, build the triples, merge and
    describe, SHACL validation, serialise Turtle), median of 3 runs (1 with --quick);
(b) every canned query on the default graph, warm, on rdflib and on an Oxigraph in-memory store loaded
    from the same Turtle, the parameters bound as uprgraph binds them on each, rows compared;
(c) cold start (a fresh process each time, median of 5) of ``uprgraph --help``, ``uprgraph queries``,
    ``uprgraph query not-accepted|instruments --graph g.ttl`` and ``uprgraph build``, against bare
    ``python -c "import click"`` and ``python -c "import rdflib; rdflib.Graph().parse('g.ttl')"``, and
    the target ratios of issue 9 computed from them;
(d) a synthetic corpus of N national reports made from the embedded Kazakhstan report (another State
    code in the symbol, years and instrument numbers shifted), N = 1, 10, 100 (and 1,000 with --large;
    1, 5 with --quick), each N in a fresh process, built document by document into an on-disk Oxigraph
    store: time per stage, peak memory (ru_maxrss), every canned query on the store and (up to
    --rdflib-limit reports) on rdflib, and a growth exponent per stage fitted by least squares on log-log;
(e) the same synthetic reports (100; 5 with --quick), or with --folder a folder of real documents, built as
    the CLI builds them with --jobs 1 and with --jobs = the cores, byte for byte compared, then rebuilt
    unchanged and after one report changed, with the CPU split between the documents (workers) and the one
    writing process (issue 20);
(f) (benchmarks/disk_queries.py, on a corpus kept with --keep) every canned query on the on-disk store: time to
    the first row and to the whole answer, wall and CPU, with the load average (issue 20).

The measurements are saved as JSON (--results) so that a size measured in another run can be added to
the table later (--render with --corpus-from). The default run takes some 20 minutes on a 2-core
machine; a corpus of 1,000 reports alone about an hour; --quick a few minutes.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))

RDFLIB_CUTOFF = 120  # seconds an rdflib query on a corpus may run before it is stopped

# The parameters the README's examples use (instruments-for-theme: its description's example, "torture"): one
# table with disk_queries.py, which adds the two queries that came later.
from disk_queries import PARAMS as _PARAMS  # noqa: E402

QUERY_PARAMS: dict[str, dict[str, str]] = {name: _PARAMS[name] for name in (
    "instruments-for-recommendation", "recommendations-for-instrument", "instrument-timeline", "paragraph",
    "recommendations-by-state", "instruments-for-theme")}

LIBRARIES = ("rdflib", "pyshacl", "click", "pyparsing", "networkx", "pdfminer.six", "pyoxigraph")


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH", "")) if p)
    return env


def median_time(fn, runs: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


# --------------------------------------------------------------------------- machine


def machine() -> dict[str, str]:
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "memory": mem,
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "libraries": ", ".join(f"{k} {v}" for k, v in versions.items()),
    }


# --------------------------------------------------------------------------- (a) stages


def parse_inputs(inputs: list[tuple[str, bytes]]):  # type: ignore[no-untyped-def]
    """Stage 'read/parse': bytes -> Document / WorkingGroupReport, bare numbers resolved."""
    from uprgraph.document import Document
    from uprgraph.ingest import decode_report, parse_document
    from uprgraph.ingest.working_group import WorkingGroupReport, is_working_group_report, parse_working_group
    from uprgraph.pipeline import resolve_bare_numbers

    parsed = []
    for name, data in inputs:
        text = decode_report(data, name)
        parsed.append(parse_working_group(text, name) if is_working_group_report(text) else parse_document(text, name))
    reports = [p for p in parsed if isinstance(p, WorkingGroupReport)]
    return [resolve_bare_numbers(p, reports)[0] if isinstance(p, Document) else p for p in parsed]


def extract(parsed):  # type: ignore[no-untyped-def]
    from uprgraph.document import Document
    from uprgraph.extract.run import extract_all

    return [(p, extract_all(p) if isinstance(p, Document) else None) for p in parsed]


def build_graphs(extracted, base: str):  # type: ignore[no-untyped-def]
    """Each document's triples (graph.triples.Triples, as build_many makes them; no rdflib Graph)."""
    from uprgraph.graph.build import build_triples
    from uprgraph.graph.working_group import working_group_triples

    return [build_triples(p, x, base) if x is not None else working_group_triples(p, base) for p, x in extracted]


def merge(graphs, parsed):  # type: ignore[no-untyped-def]
    """What build_many does after the per-document graphs: the union and the dataset description."""
    from rdflib.namespace import RDF

    from uprgraph.export.metadata import describe
    from uprgraph.graph.triples import Triples
    from uprgraph.namespaces import UPR
    from uprgraph.pipeline import DEFAULT_BASE_IRI

    data = Triples()
    for g in graphs:
        data.update(g)
    docs = []
    for g, p in zip(graphs, parsed):
        iri = next(s for cls in (UPR.NationalReport, UPR.WorkingGroupReport) for s in g.subjects(RDF.type, cls))
        docs.append((iri, p.symbol))
    metadata_graph = describe(data, docs, DEFAULT_BASE_IRI, None, "2000-01-01T00:00:00Z")
    data.update(metadata_graph)
    return data


def stages(runs: int) -> dict:  # type: ignore[type-arg]
    from rdflib import URIRef

    from uprgraph import resources
    from uprgraph.export.rdf import rdf_format, serialize
    from uprgraph.pipeline import DEFAULT_BASE_IRI
    from uprgraph.validate import validate

    inputs = resources.default_reports()
    rows = []
    t, parsed = median_time(lambda: parse_inputs(inputs), runs)
    rows.append(("read/parse (decode_report + parse_document / parse_working_group)", t))
    t, extracted = median_time(lambda: extract(parsed), runs)
    rows.append(("extract (extract_all)", t))
    t, graphs = median_time(lambda: build_graphs(extracted, DEFAULT_BASE_IRI), runs)
    rows.append(("build graph (build_triples / working_group_triples)", t))
    t, graph = median_time(lambda: merge(graphs, parsed), runs)
    rows.append(("merge + dataset description (VoID/DCAT/PROV)", t))
    t, report = median_time(lambda: validate(graph), runs)
    rows.append((f"SHACL validation (validate; conforms={report.conforms})", t))
    t, turtle = median_time(lambda: serialize({URIRef("urn:uprgraph:benchmark"): graph}, rdf_format("turtle")), runs)
    rows.append(("serialise Turtle (export.rdf.serialize, sorted)", t))
    return {"rows": rows, "triples": len(graph), "turtle_bytes": len(turtle), "runs": runs}


# --------------------------------------------------------------------------- (b) queries


def oxigraph_rows(store, sparql: str):  # type: ignore[no-untyped-def]
    from uprgraph.store import rows_of

    solutions = store.query(sparql)
    return [v.value for v in solutions.variables], rows_of(solutions)


def timed_runs(fn, runs: int):  # type: ignore[no-untyped-def]
    """One discarded warm-up run, then up to ``runs`` timed runs; a query whose warm-up took 5 s or
    more is reported by that one run, and the timed runs stop once they add up to 10 s (so that the
    whole benchmark stays within minutes). Returns (median, number of runs, value)."""
    start = time.perf_counter()
    value = fn()
    first = time.perf_counter() - start
    if first >= 5:
        return first, 1, value
    times: list[float] = []
    while len(times) < runs and sum(times) < 10:
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(times), value


def queries(turtle: bytes, runs: int) -> dict:  # type: ignore[type-arg]
    from rdflib import Graph

    from uprgraph.query.catalog import load_catalog
    from uprgraph.query.runner import on_graph, prepare
    from uprgraph.query.values import with_values

    graph = Graph()
    t_rdflib_parse, _ = median_time(lambda: Graph().parse(data=turtle, format="turtle"), 1)
    graph.parse(data=turtle, format="turtle")
    backend = on_graph(graph)
    store, oxi_note, t_oxi_load = None, "", None
    try:
        import pyoxigraph

        def load():  # type: ignore[no-untyped-def]
            s = pyoxigraph.Store()
            s.load(turtle, format=pyoxigraph.RdfFormat.TURTLE)
            return s

        t_oxi_load, store = median_time(load, 1)
    except ImportError:
        oxi_note = "pyoxigraph is not installed: Oxigraph column empty."
    rows = []
    for name, query in sorted(load_catalog().items()):
        params = QUERY_PARAMS.get(name, {})
        bound = prepare(query, params)
        t_r, n_r, result = timed_runs(lambda: backend(bound), runs)
        row = {"query": name, "params": params, "rows": len(result.rows), "rdflib": t_r, "runs": f"{n_r}"}
        if store is not None:
            sparql = with_values(query.text, bound.bindings)
            t_o, n_o, (columns, orows) = timed_runs(lambda: oxigraph_rows(store, sparql), runs)
            row["oxigraph"] = t_o
            row["runs"] += f"/{n_o}"
            same_columns = columns == result.columns
            row["same_rows"] = same_columns and sorted(orows, key=repr) == sorted(result.rows, key=repr)
            row["same_order"] = same_columns and orows == result.rows
            if not row["same_rows"]:
                only_r = sorted(set(result.rows) - set(orows), key=repr)
                only_o = sorted(set(orows) - set(result.rows), key=repr)
                row["diff"] = (f"{len(only_r)} row(s) only in rdflib's answer, e.g. {only_r[:1]}; "
                               f"{len(only_o)} only in Oxigraph's, e.g. {only_o[:1]}")
        rows.append(row)
    return {"rows": rows, "triples": len(graph), "runs": runs, "note": oxi_note,
            "rdflib_parse": t_rdflib_parse, "oxigraph_load": t_oxi_load}


# --------------------------------------------------------------------------- (c) cold start


def cold_start(workdir: Path, runs: int) -> dict:  # type: ignore[type-arg]
    py = sys.executable
    cli = [py, "-c", "import sys; from uprgraph.cli import main; sys.argv[0] = 'uprgraph'; sys.exit(main())"]
    entry = Path(py).parent / "uprgraph"
    if entry.exists():
        cli = [str(entry)]
    env = child_env()
    # An installed wheel carries bytecode (pip compiles it); a checkout run with PYTHONDONTWRITEBYTECODE
    # would compile every module in every process and time that instead.
    import compileall

    compileall.compile_dir(str(SRC / "uprgraph"), quiet=1)

    def run(args: list[str]) -> float:
        def once() -> None:
            done = subprocess.run(args, cwd=workdir, env=env, capture_output=True)
            if done.returncode != 0:
                raise RuntimeError(f"{args}: exit {done.returncode}: {done.stderr.decode()[-500:]}")

        return median_time(once, runs)[0]

    # the graph every command reads is the output of `uprgraph build` itself
    commands: list[tuple[str, str, list[str]]] = [
        ("build", "uprgraph build -o g.ttl  (embedded default, SHACL included)", [*cli, "build", "-o", "g.ttl"]),
        ("click", 'python -c "import click"', [py, "-c", "import click"]),
        ("rdflib", "python -c \"import rdflib; rdflib.Graph().parse('g.ttl')\"",
         [py, "-c", "import rdflib; rdflib.Graph().parse('g.ttl')"]),
        ("help", "uprgraph --help", [*cli, "--help"]),
        ("queries", "uprgraph queries", [*cli, "queries"]),
        ("not-accepted", "uprgraph query not-accepted --graph g.ttl", [*cli, "query", "not-accepted", "--graph", "g.ttl"]),
        ("instruments", "uprgraph query instruments --graph g.ttl", [*cli, "query", "instruments", "--graph", "g.ttl"]),
    ]
    subprocess.run(commands[0][2], cwd=workdir, env=env, check=True, capture_output=True)
    rows = [(key, label, run(args)) for key, label, args in commands]
    t = {key: seconds for key, _, seconds in rows}
    targets = [
        ("`uprgraph --help` ≤ 1.5 × bare `import click`", t["help"] / t["click"], 1.5),
        ("`uprgraph build` (validation included) ≤ 2 × bare rdflib parse of its output", t["build"] / t["rdflib"], 2.0),
        ("`uprgraph query instruments --graph g.ttl` ≤ 1 × bare rdflib parse", t["instruments"] / t["rdflib"], 1.0),
        ("(not in the issue) `uprgraph query not-accepted --graph g.ttl` / bare rdflib parse", t["not-accepted"] / t["rdflib"], None),
        ("(not in the issue) `uprgraph queries` / bare `import click`", t["queries"] / t["click"], None),
    ]
    return {"rows": rows, "targets": targets, "runs": runs, "ttl_bytes": (workdir / "g.ttl").stat().st_size}


# --------------------------------------------------------------------------- (d) synthetic corpus


def state_codes() -> list[tuple[str, str]]:
    import csv

    from uprgraph import resources

    rows = csv.DictReader(resources.read_text("registries", "states.csv").splitlines())
    return [(r["iso3"], r["label"]) for r in rows if r["iso3"] != "KAZ"]


def synthetic_reports(n: int) -> list[tuple[str, bytes]]:
    """N national reports from the embedded Kazakhstan report: the State code in the symbol (so each
    report is another State's document with its own IRIs), every year shifted back by 0-9 years (by
    State) and every instrument number ("No. 123") shifted, so no two reports carry the same facts.

    Past one report per State come the next cycle's reports. A State's reports share its IRIs for the
    instruments they cite by title alone ("the Criminal Code"), as a real State's do, so the years are
    shifted by State, not by report: a shift per report gave one law two dates, one per cycle, and the
    queries that join an instrument's mentions with its dates a product of the two (21 times the rows
    from 100 to 1,000 reports)."""
    from uprgraph import resources

    name, data = resources.default_report()
    text = data.decode("utf-8")
    codes = state_codes()
    reports = []
    for i in range(n):
        code = codes[i % len(codes)][0]
        # past one report per State, the next cycle's: another Working Group session (14 a cycle), so
        # that no two reports share a symbol (and a named graph)
        session = 20 + 14 * (i // len(codes))
        shift = (i % len(codes)) % 10
        t = text.replace("WG.6/20/KAZ/", f"WG.6/{session}/{code}/").replace("/KAZ/", f"/{code}/")
        t = re.sub(r"\b(19[5-9]\d|20[0-2]\d)\b", lambda m: str(int(m.group(1)) - shift), t)
        t = re.sub(r"(No\.\s*)(\d+)", lambda m: f"{m.group(1)}{int(m.group(2)) + 7 * i}", t)
        reports.append((f"A_HRC_WG.6_{session}_{code}_1.txt", t.encode("utf-8")))
    return reports


# a stage a run did not have (the first pass went when the build became incremental, issue 20) shows "–"
CORPUS_STAGES = ("first pass (Working Group numbers)", "compare with the store's records", "read/parse",
                 "extract + build graph", "SHACL per document", "serialise", "write to store", "describe + flush",
                 "compact")


def corpus_worker(n: int, rdflib_limit: int, keep: Path | None = None) -> dict:  # type: ignore[type-arg]
    """One corpus size, in its own process so that ru_maxrss is this size's peak: the N reports written
    as files, built the way ``uprgraph build DIR/ --store oxigraph:PATH`` builds (document by document,
    SHACL per document, into an on-disk Oxigraph store), then every canned query timed on the store and,
    up to ``rdflib_limit`` reports, on rdflib's in-memory graph of the same triples (each rdflib query in a
    forked child, stopped after RDFLIB_CUTOFF seconds).

    With ``keep`` (a folder), the store and the build's measurements stay there; a later run with the same
    folder reuses them and times the queries only (after a change to the queries, the build need not run
    for 20 minutes again)."""
    if keep is None:
        with tempfile.TemporaryDirectory() as tmp:
            return corpus_worker(n, rdflib_limit, Path(tmp))
    from uprgraph.store import open_store

    keep.mkdir(parents=True, exist_ok=True)
    built = keep / "build.json"
    if built.exists():
        out = json.loads(built.read_text())
        if out["n"] != n:
            raise SystemExit(f"{keep} holds a corpus of {out['n']} reports, not {n}")
        handle = open_store(f"oxigraph:{keep / 'store'}")
    else:
        out, handle = corpus_build(n, keep)
        built.write_text(json.dumps(out) + "\n")
    out["queries"] = corpus_queries(handle, n <= rdflib_limit, out)
    handle.close()
    return out


def corpus_build(n: int, folder: Path):  # type: ignore[no-untyped-def]
    """Build N synthetic reports into ``folder``/store with as many workers as the machine's cores (the
    default of ``uprgraph build DIR --store``); the build's measurements, and the open store."""
    import pyshacl  # noqa: F401  (imported before the baseline, as the build would)
    import pyoxigraph  # noqa: F401

    from uprgraph import gc_tuning
    from uprgraph.corpus import build_into_store
    from uprgraph.store import open_store

    jobs = len(os.sched_getaffinity(0))
    out: dict = {"n": n, "jobs": jobs}  # type: ignore[type-arg]
    reports = folder / "reports"
    shutil.rmtree(reports, ignore_errors=True)
    shutil.rmtree(folder / "store", ignore_errors=True)
    reports.mkdir()
    for name, data in synthetic_reports(n):
        (reports / name).write_bytes(data)
    paths = sorted(reports.iterdir())
    del data
    gc_tuning.for_long_lived_objects()  # as `uprgraph build` does
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    timings: dict[str, float] = {}
    handle = open_store(f"oxigraph:{folder / 'store'}")
    start = time.perf_counter()
    result = build_into_store(paths, handle, progress=False, timings=timings, jobs=jobs)
    out["build"] = time.perf_counter() - start
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # the largest worker's peak, as far as the workers were waited for (0 when none was)
    out["workers_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out["baseline_mb"] = baseline / 1024
    out["stages"] = timings
    out["conforms"] = result.summary.get("conforms")
    out["triples"] = result.summary["triples"]
    out["store_mb"] = sum(f.stat().st_size for f in (folder / "store").rglob("*") if f.is_file()) / 2**20
    out["measured"] = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out["load"] = os.getloadavg()[0]
    print(f"  N={n}: built in {out['build']:.1f} s", file=sys.stderr, flush=True)
    return out, handle


def rss_mb() -> float:
    """This process's resident memory now (Linux), in MiB."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def corpus_queries(handle, with_rdflib: bool, out: dict) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    """Every canned query on the on-disk store, then on a copy of its default graph in memory (what
    ``uprgraph serve --in-memory`` answers from), then (``with_rdflib``) on rdflib's in-memory graph of the
    same triples, each rdflib query in a forked child stopped after RDFLIB_CUTOFF seconds. One engine's
    data at a time, so that the three never share the memory."""
    import multiprocessing

    from uprgraph.query.catalog import load_catalog
    from uprgraph.query.runner import on_graph, prepare
    from uprgraph.store import StoreHandle, memory_copy, parse_spec

    catalog = sorted(load_catalog().items())
    # every query with a parameter needs it bound, the later ones (follow-up, instruments-for-right) too
    bound = {name: prepare(query, _PARAMS.get(name, {})) for name, query in catalog}
    rows, results = [], {}
    on_disk = handle.backend()
    for name, _ in catalog:
        t_o, _, results[name] = timed_runs(lambda: on_disk(bound[name]), 3)
        rows.append({"query": name, "oxigraph": t_o, "rows": len(results[name].rows)})
        print(f"    on disk: {rows[-1]}", file=sys.stderr, flush=True)  # kept should a later phase run out of memory
    rss_before = rss_mb()
    start = time.perf_counter()
    in_memory = StoreHandle(parse_spec("oxigraph"), store=memory_copy(handle.store))
    out["memory_copy"] = time.perf_counter() - start
    out["memory_copy_mb"] = rss_mb() - rss_before
    oxigraph_memory = in_memory.backend()
    for row in rows:
        t_m, _, got = timed_runs(lambda: oxigraph_memory(bound[row["query"]]), 3)
        row["oxigraph_memory"], row["same_rows_memory"] = t_m, got.rows == results[row["query"]].rows
        print(f"    in memory: {row}", file=sys.stderr, flush=True)
    in_memory.close()
    del in_memory, oxigraph_memory
    if with_rdflib:
        from rdflib import Graph

        start = time.perf_counter()
        graph = Graph().parse(data=handle.dump("ntriples"), format="nt")
        out["rdflib_load"] = time.perf_counter() - start
        backend = on_graph(graph)
        for row in rows:
            expected = sorted(results[row["query"]].rows, key=repr)
            parent, child = multiprocessing.get_context("fork").Pipe()

            def run(conn, query=bound[row["query"]], expected=expected) -> None:  # type: ignore[no-untyped-def]
                start = time.perf_counter()
                got = backend(query)
                conn.send((time.perf_counter() - start, sorted(got.rows, key=repr) == expected))

            worker = multiprocessing.get_context("fork").Process(target=run, args=(child,))
            worker.start()
            if parent.poll(RDFLIB_CUTOFF):
                row["rdflib"], row["same_rows"] = parent.recv()
            else:
                row["rdflib"], row["same_rows"] = None, None  # stopped at the cut-off
                worker.kill()
            worker.join()
            print(f"    rdflib: {row}", file=sys.stderr, flush=True)
    return rows


# --------------------------------------------------------------------------- (e) parallel and incremental


def build_child(folder: Path, store: Path, jobs: int, output: Path | None) -> dict:  # type: ignore[type-arg]
    """One corpus build as ``uprgraph build FOLDER --store oxigraph:STORE --jobs JOBS [-o OUTPUT --format nquads]``
    runs it (the same ``corpus.build_into_store``, then the store's dump), in this process, with the CPU split
    that tells what the machine's load does not: the CPU seconds of the documents (in the workers, or here
    with one job) and of this process's own work (writing the store, the description, compaction)."""
    from uprgraph.corpus import WRITER_CPU, WRITER_TAIL_CPU, build_into_store
    from uprgraph.corpus_worker import CPU
    from uprgraph.output import write_atomically
    from uprgraph.store import open_store

    timings: dict[str, float] = {}
    began = time.perf_counter()
    with open_store(f"oxigraph:{store}") as handle:
        result = build_into_store(sorted(p for p in folder.iterdir() if p.is_file()), handle, jobs=jobs,
                                  timings=timings, progress=False)
        built = time.perf_counter()
        if output is not None:
            write_atomically(output, lambda file: handle.dump("nquads", file))
    end = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"seconds": end - began, "build_seconds": built - began, "dump_seconds": end - built,
            "cpu_documents": timings.get(CPU, 0.0), "cpu_writer": timings.get(WRITER_CPU, 0.0),
            "cpu_writer_tail": timings.get(WRITER_TAIL_CPU, 0.0),
            "cpu_process": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
            "built": len(result.built), "unchanged": len(result.unchanged), "removed": len(result.removed),
            "skipped": len(result.skipped), "triples": result.summary.get("triples"),
            "timings": {k: round(v, 3) for k, v in timings.items()}}


def changed_copy(reports: Path) -> str:
    """Change one document of the folder, the middle one by name: a text report gets one law renamed where
    it has one, any other file one more line ending (its bytes change; a PDF still reads the same)."""
    files = sorted(p for p in reports.iterdir() if p.is_file())
    changed = files[len(files) // 2]
    data = changed.read_bytes()
    changed.write_bytes(data.replace(b"Criminal Code", b"Penal Code", 1) if b"Criminal Code" in data else data + b"\n")
    return changed.name


def scale(n: int, jobs: int, keep: Path | None = None, folder: Path | None = None) -> dict:  # type: ignore[type-arg]
    """(e) N synthetic reports, or the documents of ``folder`` (real ones), built as a user builds them, each
    build a fresh process (``build_child``): ``--jobs 1`` into one store, ``--jobs JOBS`` into another (N-Quads of
    both compared byte for byte), then the second store rebuilt unchanged, then after one report changed. The
    load average (1 minute) is read before and after each build: on a shared machine the wall times are
    contended; the CPU split is not."""
    if keep is None:
        with tempfile.TemporaryDirectory() as tmp:
            return scale(n, jobs, Path(tmp), folder)
    keep.mkdir(parents=True, exist_ok=True)
    reports = keep / "reports"
    shutil.rmtree(reports, ignore_errors=True)
    reports.mkdir()
    if folder is not None:
        for path in sorted(folder.iterdir()):
            if path.is_file() and not path.name.startswith("."):
                shutil.copy(path, reports / path.name)
        n = len(list(reports.iterdir()))
    else:
        for name, data in synthetic_reports(n):
            (reports / name).write_bytes(data)
    out: dict = {"n": n, "jobs": jobs, "cores": len(os.sched_getaffinity(0)), "runs": {},  # type: ignore[type-arg]
                 "source": "synthetic" if folder is None else f"real documents ({folder.name}: " + ", ".join(
                     f"{count} {suffix}" for suffix, count in sorted(Counter(p.suffix.lower().lstrip(".")
                                                                            for p in reports.iterdir()).items())) + ")"}

    def build(label: str, store: str, jobs: int, output: Path | None = None) -> None:
        load_before = os.getloadavg()[0]
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--build-child", str(reports),
                               str(keep / store), str(jobs), str(output or "")], env=child_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=True)
        run = json.loads(done.stdout.strip().splitlines()[-1])
        out["runs"][label] = {**run, "load_before": load_before, "load_after": os.getloadavg()[0]}
        print(f"  (e) {label}: {json.dumps({k: v for k, v in out['runs'][label].items() if k != 'timings'})}",
              file=sys.stderr, flush=True)

    for store in ("one", "all"):
        shutil.rmtree(keep / store, ignore_errors=True)
    build("jobs 1", "one", 1, keep / "one.nq")
    build(f"jobs {jobs}", "all", jobs, keep / "all.nq")
    out["identical"] = (keep / "one.nq").read_bytes() == (keep / "all.nq").read_bytes()
    build("unchanged", "all", jobs)
    out["changed"] = changed_copy(reports)
    build("one report changed", "all", jobs)
    out["peak_mb"] = max(r["peak_mb"] for r in out["runs"].values())
    return out


def scale_markdown(e: list[dict]) -> list[str]:  # type: ignore[type-arg]
    lines = [
        "## (e) Parallel and incremental builds (issue 20)",
        "",
        "N synthetic reports (as in (d)), or a folder of real documents, built as `uprgraph build DIR/ --store",
        "oxigraph:PATH --jobs J` builds them (`corpus.build_into_store`, then the `-o` N-Quads dump for the first two), each",
        "build a fresh process (`python benchmarks/run.py --scale N` or `--folder DIR`): with `--jobs 1`, with `--jobs`",
        "= the cores, then the second store rebuilt with nothing changed, then after one report changed. *Load* is the",
        "1-minute load average before → after the build: above the number of cores, other processes shared the machine",
        "and the wall times are contended. The CPU split does not depend on the load: *documents* is the CPU time",
        "of reading, extracting, building, validating and serialising the documents (in the workers, or in the one",
        "process with one job), *writer* that of the one process that writes the store, describes the dataset and",
        "compacts (dump not included). With a writer share w, 2 cores can give at best w + (1 − w)/2 of the one-job",
        "time if the writer never ran beside a worker; it does, until the last document is in, and only what it does",
        "after that (the last load, the description, compaction) runs alone: the second bound. Targets: jobs = cores ≤ 0.65 of jobs 1 (on 2 cores); an unchanged rebuild ≤ 0.15 of the first.",
        "",
        "| documents | N | cores | build | time | load | CPU: documents | CPU: writer | writer share | built | unchanged | ratio |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in e:
        first = r["runs"]["jobs 1"]["seconds"]
        parallel = r["runs"][f"jobs {r['jobs']}"]["seconds"]
        for label, run in r["runs"].items():
            base = first if label == f"jobs {r['jobs']}" else (parallel if label != "jobs 1" else None)
            ratio = f"{run['seconds'] / base:.2f}" if base else ""
            docs, writer = run.get("cpu_documents"), run.get("cpu_writer")
            share = f"{writer / (docs + writer):.0%}" if docs is not None and writer is not None and docs + writer else "–"
            lines.append(f"| {r.get('source', 'synthetic')} | {r['n']:,} | {r['cores']} | {label} | {fmt(run['seconds'])} | "
                         f"{run['load_before']:.1f} → {run['load_after']:.1f} | "
                         f"{fmt(docs) if docs is not None else '–'} | {fmt(writer) if writer is not None else '–'} | {share} | "
                         f"{run.get('built', '')} | {run.get('unchanged', '')} | {ratio} |")
        lines.append(f"| | | | N-Quads of jobs 1 and jobs {r['jobs']} | {'byte-identical' if r['identical'] else '**differ**'} "
                     f"| | | | | | | |")
        one = r["runs"]["jobs 1"]
        if one.get("cpu_documents") is not None and one.get("cpu_writer") is not None:
            documents, writer, cores = one["cpu_documents"], one["cpu_writer"], min(r["jobs"], r["cores"])
            share = writer / (documents + writer)
            lines.append(f"| | | | best ratio for jobs {r['jobs']} from the CPU split of jobs 1, the writer never beside "
                         f"a worker (Amdahl) | {share + (1 - share) / cores:.2f} | | | | | | | |")
            if one.get("cpu_writer_tail") is not None:
                tail = one["cpu_writer_tail"]
                alongside = writer - tail  # what the writer does while workers run: it shares the cores with them
                best = (max((documents + alongside) / cores, alongside) + tail) / (documents + writer)
                lines.append(f"| | | | the same, the writer beside the workers until the last document (then "
                             f"{fmt(tail)} alone) | {best:.2f} | | | | | | | |")
    lines += ["", "*ratio*: jobs = cores against jobs 1; the rebuilds against the build with jobs = cores. "
              + "; ".join(f"{r.get('source', 'synthetic')}, N = {r['n']:,}: measured {r.get('machine', '?')}, peak memory "
                          f"of the largest process {r['peak_mb']:.0f} MB" for r in e) + ".", ""]
    for r in e:
        if r.get("note"):
            lines += [f"*{r.get('source', 'synthetic')}, N = {r['n']:,}*: {r['note']}", ""]
    return lines


def corpus(sizes: list[int], rdflib_limit: int) -> list[dict]:  # type: ignore[type-arg]
    results = []
    for n in sizes:
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--corpus-worker", str(n),
                               "--rdflib-limit", str(rdflib_limit)],
                              env=child_env(), stdout=subprocess.PIPE, text=True, check=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results


def _corpus_result(path: Path) -> dict:  # type: ignore[type-arg]
    """A corpus result saved earlier (the last JSON line of --corpus-worker, or a kept build.json); one
    without the time it was measured gets its file's."""
    result = json.loads(path.read_text().strip().splitlines()[-1])
    if "measured" not in result:
        stamp = datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.UTC)
        result["measured"] = stamp.strftime("%Y-%m-%d %H:%M UTC")
    return result


def exponent(xs: list[float], ys: list[float]) -> float | None:
    """Slope of log y on log x by least squares."""
    points = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x > 0 and y > 0]
    if len(points) < 2:
        return None
    mx = statistics.fmean(p[0] for p in points)
    my = statistics.fmean(p[1] for p in points)
    sxx = sum((p[0] - mx) ** 2 for p in points)
    return sum((p[0] - mx) * (p[1] - my) for p in points) / sxx if sxx else None


# --------------------------------------------------------------------------- report


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def corpus_markdown(d: list[dict]) -> list[str]:  # type: ignore[type-arg]
    lines = [
        "## (d) Synthetic corpus, built into an on-disk Oxigraph store",
        "",
        "N national reports generated from the embedded Kazakhstan report (`synthetic_reports` in",
        "`benchmarks/run.py`): the State code in the symbol taken in turn from `registries/states.csv` (past 249 reports,",
        "the next cycle's session, so no two reports share a symbol), years",
        "shifted back by 0–9 (by State: a law that a State's reports cite by title keeps one date), instrument numbers",
        "shifted. Each N runs in a fresh process and is built as",
        "`uprgraph build DIR/ --store oxigraph:PATH` builds it (`corpus.build_into_store`: document by document,",
        "SHACL per document). Peak memory is `ru_maxrss`; *increment* is the peak less the process after imports.",
        "",
        "*jobs*: the worker processes of the build (`build_into_store(..., jobs=...)`; with 2, each stage's time is",
        "summed over both workers, so the stages add up to more than the wall-clock *build total*). *measured*: when,",
        "and the 1-minute load average at the end of the build where it was recorded.",
        "",
        "| N | jobs | triples | " + " | ".join(CORPUS_STAGES) + " | build total | peak memory | increment | store on disk | measured |",
        "|---:|---:|---:|" + "---:|" * (len(CORPUS_STAGES) + 4) + "---|",
    ]
    for r in d:
        when = ", ".join(x for x in (r.get("measured", ""), f"load {r['load']:.1f}" if "load" in r else "") if x) or "–"
        lines.append(f"| {r['n']:,} | {r.get('jobs', 1)} | {r['triples']:,} | " + " | ".join(fmt(r['stages'].get(k)) for k in CORPUS_STAGES)
                     + f" | {fmt(r['build'])} | {r['peak_mb']:.0f} MB"
                     + (f" (largest worker {r['workers_peak_mb']:.0f} MB)" if r.get("workers_peak_mb") else "")
                     + f" | {r['peak_mb'] - r['baseline_mb']:.0f} MB | "
                     f"{r['store_mb']:.0f} MB | {when} |")
    big = [r for r in d if r["n"] >= 10 and r.get("jobs", 1) == 1]  # the growth of one core's build
    lines += ["", f"Growth exponent (least squares of log value on log N) over N ≥ 10 ({', '.join(str(r['n']) for r in big)}). "
              "The issue's target is ≤ 1.15 from 10 to 1,000 reports.", "",
              "| stage | exponent | ≤ 1.15 |", "|---|---:|---|"]
    series = [(k, [r["stages"].get(k, 0.0) for r in big]) for k in CORPUS_STAGES if all(k in r["stages"] for r in big)]
    series += [("build total", [r["build"] for r in big]),
               ("peak memory increment", [max(r["peak_mb"] - r["baseline_mb"], 0.1) for r in big])]
    for label, values in series:
        e = exponent([r["n"] for r in big], values) if len(big) >= 2 else None
        lines.append(f"| {label} | {'–' if e is None else f'{e:.2f}'} | {'–' if e is None else ('yes' if e <= 1.15 else '**no**')} |")
    for r in d:
        if r["n"] < 10 or not r.get("queries"):
            continue
        timed = [q for q in r["queries"] if q.get("rdflib") is not None]
        has_memory = all("oxigraph_memory" in q for q in r["queries"])
        lines += ["", f"### Canned queries on the {r['n']:,}-report corpus ({r['triples']:,} triples)", "",
                  "*Oxigraph on disk*: the store the build wrote (RocksDB), as `uprgraph query --store oxigraph:PATH` and "
                  "`uprgraph serve --store oxigraph:PATH` read it; median of up to 3 warm runs."
                  + (f" *Oxigraph in memory*: the store's default graph (the union of its named graphs, which the queries read) "
                     f"copied into an in-memory store (`serve --in-memory`; the copy took "
                     f"{fmt(r['memory_copy'])} and {r['memory_copy_mb']:.0f} MB more); its rows are compared with the on-disk "
                     "store's, order included." if has_memory else "")
                  + " *rdflib*: an in-memory `Graph` of the same triples"
                  + (f" (loading it took {fmt(r['rdflib_load'])})" if r.get("rdflib_load") else " (not measured at this size)")
                  + (f" — {r['rdflib_from']}" if r.get("rdflib_from") else "")
                  + f", one run in a forked child stopped after {RDFLIB_CUTOFF} s;"
                  + " *same rows*: rdflib's equal the store's as multisets.", "",
                  "| query | rows | rdflib | Oxigraph on disk | speed-up | " + ("Oxigraph in memory | speed-up | " if has_memory else "")
                  + "same rows |", "|---|---:|---:|---:|---:|" + ("---:|---:|" if has_memory else "") + "---|"]

        def speed(rd: float | None, ox: float, measured: bool) -> str:
            if rd:
                return f"{rd / ox:.0f}×" if ox else "–"
            return f"> {RDFLIB_CUTOFF / ox:.0f}×" if measured and ox else "–"

        for q in r["queries"]:
            rd = q.get("rdflib")
            measured = "rdflib" in q
            same = {True: "yes", False: "**no**", None: "–"}[q.get("same_rows")]
            if has_memory and not q["same_rows_memory"]:
                same += " (**in memory: no**)"
            cells = [q["query"], f"{q['rows']:,}", fmt(rd) if rd else (f"> {RDFLIB_CUTOFF} s" if measured else "–"),
                     fmt(q["oxigraph"]), speed(rd, q["oxigraph"], measured)]
            if has_memory:
                cells += [fmt(q["oxigraph_memory"]), speed(rd, q["oxigraph_memory"], measured)]
            lines.append("| " + " | ".join(cells + [same]) + " |")
        if timed:
            tr, to = sum(q["rdflib"] for q in timed), sum(q["oxigraph"] for q in timed)
            cells = [f"**all that rdflib answered in {RDFLIB_CUTOFF} s**", "", f"**{fmt(tr)}**", f"**{fmt(to)}**", f"{tr / to:.0f}×"]
            if has_memory:
                tm = sum(q["oxigraph_memory"] for q in timed)
                cells += [f"**{fmt(tm)}**", f"{tr / tm:.0f}×"]
            lines.append("| " + " | ".join(cells + [""]) + " |")
    return lines + [""]


def write_markdown(path: Path, m: dict, a: dict, b: dict, c: dict, d: list[dict], quick: bool, total: float,  # type: ignore[type-arg]
                   e: list[dict] | None = None, f: list[dict] | None = None) -> None:  # type: ignore[type-arg]
    lines = [
        "# Benchmarks",
        "",
        "Written by `python benchmarks/run.py" + (" --quick" if quick else "") + "` (issue 9, part 1); every number below comes",
        "from that one run on the machine described here. Re-run it to refresh this page; numbers from another",
        "machine are not comparable, the ratios are meant to be.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in m.items()],
        f"| whole benchmark run | {total:.0f} s |",
        "",
        "## (a) Build stages on the embedded default pair",
        "",
        f"A/HRC/14/10 + A/HRC/WG.6/20/KAZ/1, in process, median of {a['runs']} run(s); {a['triples']:,} triples, "
        f"{a['turtle_bytes'] / 1024:.0f} KiB of Turtle.",
        "",
        "| stage | time | share |",
        "|---|---:|---:|",
    ]
    total_a = sum(t for _, t in a["rows"])
    lines += [f"| {stage} | {fmt(t)} | {100 * t / total_a:.0f} % |" for stage, t in a["rows"]]
    lines += [f"| **sum** | **{fmt(total_a)}** | |", ""]

    lines += [
        "## (b) Canned queries on the default graph, warm",
        "",
        f"{b['triples']:,} triples. Median of up to {b['runs']} warm runs after one discarded run (*runs*: rdflib/Oxigraph;",
        "a query whose warm-up took 5 s or more is timed by that one run, and timing stops once the runs add up",
        "to 10 s, to keep the benchmark within minutes). rdflib: the query",
        "prepared once (`query.runner.prepare`), evaluated with `initBindings` (`query.runner.on_graph`).",
        "Oxigraph: `pyoxigraph.Store` (in memory) loaded from the same Turtle; the parameters bound as",
        "`VALUES` blocks (`query.values.with_values`, as `uprgraph query` does), from the same RDF terms; its time",
        "includes parsing the SPARQL text. *Same rows*: equal as multisets of rendered values;",
        "*same order*: equal as lists.",
        f"Loading the Turtle: rdflib {fmt(b['rdflib_parse'])}, Oxigraph {fmt(b['oxigraph_load'])}.",
        "",
    ]
    if b["note"]:
        lines += [b["note"], ""]
    lines += ["| query | parameters | rows | rdflib | Oxigraph | speed-up | runs | same rows | same order |",
              "|---|---|---:|---:|---:|---:|---:|---|---|"]
    for r in b["rows"]:
        params = ", ".join(f"{k}={v}" for k, v in r["params"].items())
        oxi = r.get("oxigraph")
        speed = (f"{r['rdflib'] / oxi:.0f}×" if r["rdflib"] >= oxi else f"1/{oxi / r['rdflib']:.0f}") if oxi else "–"
        lines.append(f"| {r['query']} | {params} | {r['rows']} | {fmt(r['rdflib'])} | {fmt(oxi)} | {speed} | {r['runs']} | "
                     f"{'yes' if r.get('same_rows') else ('no' if oxi else '–')} | "
                     f"{'yes' if r.get('same_order') else ('no' if oxi else '–')} |")
    tr = sum(r["rdflib"] for r in b["rows"])
    to = sum(r.get("oxigraph") or 0 for r in b["rows"])
    lines += [f"| **all** | | | **{fmt(tr)}** | **{fmt(to or None)}** | {f'{tr / to:.1f}×' if to else '–'} | | | |", ""]
    lines += [f"- rows differ on `{r['query']}`: {r['diff']}" for r in b["rows"] if r.get("diff")]
    lines.append("")

    lines += [
        "## (c) Cold start",
        "",
        f"A fresh process each time, wall time around `subprocess.run`, median of {c['runs']}. `g.ttl` is the output of",
        f"`uprgraph build -o g.ttl` ({c['ttl_bytes'] / 1024:.0f} KiB)."
        + (f" Measured again at {c['measured']}, after the rest of the page." if c.get("measured") else ""),
        "",
        "| command | time |",
        "|---|---:|",
        *[f"| `{label}` | {fmt(t)} |" for _, label, t in c["rows"]],
        "",
        "### Targets of issue 9 (whole-process ratios from this run)",
        "",
        "| target | ratio | holds |",
        "|---|---:|---|",
    ]
    for label, ratio, limit in c["targets"]:
        holds = "–" if limit is None else ("**yes**" if ratio <= limit else "**no**")
        lines.append(f"| {label} | {ratio:.2f} | {holds} |")
    lines.append("")

    lines += corpus_markdown(d)
    if e:
        lines += scale_markdown(e)
    if f:  # (f) is measured by benchmarks/disk_queries.py on a kept corpus, and kept in the results
        from disk_queries import markdown as disk_queries_markdown

        lines += disk_queries_markdown(f)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and a corpus of 1 and 5 reports")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--large", action="store_true", help="add the corpus of 1,000 reports (about an hour)")
    parser.add_argument("--rdflib-limit", type=int, default=100,
                        help="time rdflib's queries on corpora of up to this many reports  [default: 100]")
    parser.add_argument("--corpus-from", type=Path, action="append", default=[],
                        help="a corpus result (JSON line of --corpus-worker) measured earlier, added to (d)")
    parser.add_argument("--results", type=Path, default=ROOT / "docs" / "benchmarks.json",
                        help="where to save the measurements as JSON  [default: docs/benchmarks.json]")
    parser.add_argument("--render", type=Path, metavar="RESULTS",
                        help="measure nothing: write the table from saved results (with any --corpus-from added)")
    parser.add_argument("--refresh-cold-start", action="store_true",
                        help="with --render: measure (c) again and save it into the results")
    parser.add_argument("--scale", type=int, metavar="N",
                        help="measure (e) alone on N synthetic reports (jobs 1 against --jobs, rebuilds) and add it "
                             "to the saved results and the page")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)),
                        help="with --scale: the jobs to compare with one  [default: the cores]")
    parser.add_argument("--folder", type=Path, metavar="DIR",
                        help="measure (e) alone on the documents of DIR (real reports: jobs 1 against --jobs, rebuilds) "
                             "and add it to the saved results and the page")
    parser.add_argument("--note", help="with --folder or --scale: a sentence on what was measured, shown under the table")
    parser.add_argument("--corpus-worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--build-child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="with --corpus-worker: build the corpus into DIR and keep it; reuse it if it is there; "
                             "with --scale: keep the reports and the two stores in DIR")
    args = parser.parse_args(argv)
    if args.corpus_worker is not None:
        print(json.dumps(corpus_worker(args.corpus_worker, args.rdflib_limit, args.keep)))
        return 0
    if args.build_child is not None:
        folder, store, jobs, output = args.build_child
        print(json.dumps(build_child(Path(folder), Path(store), int(jobs), Path(output) if output else None)))
        return 0
    if args.scale is not None or args.folder is not None:  # (e) alone, added to the saved results (one row per source, N, jobs)
        saved = json.loads(args.results.read_text())
        if args.folder is not None and not args.folder.is_dir():
            parser.error(f"--folder {args.folder}: not a folder")
        measured = scale(args.scale or 0, args.jobs, args.keep, args.folder)
        measured["machine"] = machine()["date"]
        if args.note:
            measured["note"] = args.note

        def key(r: dict) -> tuple:  # type: ignore[type-arg]
            return (r.get("source", "synthetic"), r["n"], r["jobs"])

        saved["e"] = sorted([r for r in saved.get("e", []) if key(r) != key(measured)] + [measured], key=key)
        args.results.write_text(json.dumps(saved, indent=1, default=str) + "\n")
        write_markdown(args.output, saved["m"], saved["a"], saved["b"], saved["c"], saved["d"], saved["quick"],
                       saved["total"], saved["e"], saved.get("f"))
        print(f"wrote {args.output} and {args.results}", file=sys.stderr)
        return 0
    if args.render is not None:  # no measuring: the table again from a run's saved results
        saved = json.loads(args.render.read_text())
        if args.refresh_cold_start:  # (c) again, after a change that concerns only start-up
            with tempfile.TemporaryDirectory() as tmp:
                saved["c"] = cold_start(Path(tmp), 5)
            saved["c"]["measured"] = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        d = saved["d"] + [_corpus_result(path) for path in args.corpus_from]
        # one row per size and number of jobs: a build with the cores' workers sits beside the one-core one
        d = sorted({(r["n"], r.get("jobs", 1)): r for r in d}.values(), key=lambda r: (r["n"], r.get("jobs", 1)))
        if args.refresh_cold_start or args.corpus_from:  # what was measured or added is kept with the rest
            saved["d"] = d
            args.render.write_text(json.dumps(saved, indent=1, default=str) + "\n")
        write_markdown(args.output, saved["m"], saved["a"], saved["b"], saved["c"], d, saved["quick"], saved["total"],
                       saved.get("e"), saved.get("f"))
        print(f"wrote {args.output} from {args.render}", file=sys.stderr)
        return 0
    began = time.perf_counter()
    m = machine()
    print("(a) build stages", file=sys.stderr)
    a = stages(1 if args.quick else 3)
    print("(c) cold start", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        c = cold_start(Path(tmp), 3 if args.quick else 5)
        turtle = (Path(tmp) / "g.ttl").read_bytes()
    print("(b) queries", file=sys.stderr)
    b = queries(turtle, 3 if args.quick else 5)
    print("(d) synthetic corpus", file=sys.stderr)
    d = corpus([1, 5] if args.quick else [1, 10, 100] + ([1000] if args.large else []), args.rdflib_limit)
    d += [_corpus_result(path) for path in args.corpus_from]
    d.sort(key=lambda r: r["n"])
    print("(e) parallel and incremental builds", file=sys.stderr)
    e = [scale(5 if args.quick else 100, args.jobs)]
    total = time.perf_counter() - began
    # (f) is measured by disk_queries.py alone: a full run keeps what it saved
    f = json.loads(args.results.read_text()).get("f") if args.results is not None and args.results.exists() else None
    if args.results is not None:
        args.results.write_text(json.dumps({"m": m, "a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "quick": args.quick,
                                            "total": total}, indent=1, default=str) + "\n")
    write_markdown(args.output, m, a, b, c, d, args.quick, total, e, f)
    print(f"wrote {args.output} in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
