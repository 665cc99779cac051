"""Load and fault test of `uprgraph serve`: many clients at once, good and bad requests mixed.

    python benchmarks/load.py [--clients 50] [--duration 60] [--json FILE] [-o docs/load.md]

Starts ``uprgraph serve`` on a free port of 127.0.0.1 (the embedded default graph, a short query time
limit), then runs CLIENTS threads for DURATION seconds. Each client picks, in a fixed pseudo-random
order, one of:

- ``valid``: a canned query, by GET or by POST (form or direct body), asking for SPARQL JSON;
- ``malformed``: SPARQL with a syntax error, a request with no query, a bad Accept header;
- ``update``: SPARQL Update sent as ``update=`` or as ``application/sparql-update``;
- ``oversize``: a POST body larger than the server takes;
- ``slow``: a query that cannot finish within the time limit (rarely: it holds a worker until killed).

It records every answer's status and latency, samples the server's memory (the resident size of the
server and its worker processes, from /proc), and after the run checks that the server still answers a
canned query with the same rows as before. The verdicts (no 5xx for a valid query, every malformed
request and every update a 4xx, oversize bodies refused, slow queries cancelled and reported, memory
bounded, normal answers afterwards) and throughput and latency percentiles go to a JSON file and a
Markdown table. ``tests/test_serve_load.py`` runs this script and checks the verdicts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
MALFORMED = [
    ("GET", {"query": "SELECT * WHERE { ?s ?p "}, None, None),
    ("GET", {"query": "this is not SPARQL"}, None, None),
    ("GET", {}, None, None),  # no query at all
    ("POST", None, b"SELECT ?s WHERE { ?s ?p ?o", "application/sparql-query"),
    ("POST", None, b"query=SELECT%20%3Fx%20WHERE%20%7B", "application/x-www-form-urlencoded"),
]
UPDATES = [
    ("POST", None, b"INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }", "application/sparql-update"),
    ("POST", None, urllib.parse.urlencode({"update": "DROP ALL"}).encode(), "application/x-www-form-urlencoded"),
    ("GET", {"update": "CLEAR DEFAULT"}, None, None),
]
MIX = [("valid", 80), ("malformed", 8), ("update", 6), ("oversize", 4), ("slow", 2)]


@dataclass
class Outcome:
    kind: str
    status: int  # 0: no HTTP answer (connection error or client timeout)
    seconds: float
    body: str = ""


@dataclass
class Run:
    outcomes: list[Outcome] = field(default_factory=list)
    memory_kb: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def canned_requests() -> list[tuple[str, str]]:
    """(name, SPARQL text) of every canned query that runs without a parameter, as a client sends it."""
    from uprgraph.query.catalog import load_catalog

    return [(query.name, query.text) for query in load_catalog().values() if not any(p.required for p in query.params)]


def request(base: str, method: str, params: dict | None, body: bytes | None, content_type: str | None,
            accept: str = "application/sparql-results+json", timeout: float = 30) -> tuple[int, str]:
    url = base + "/sparql"
    if params is not None:
        url += "?" + urllib.parse.urlencode(params)
    headers = {"Accept": accept}
    if content_type:
        headers["Content-Type"] = content_type
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return 0, ""


def one_request(kind: str, rng: random.Random, base: str, canned: list[tuple[str, str]], oversize: int) -> Outcome:
    start = time.perf_counter()
    if kind == "valid":
        _, text = rng.choice(canned)
        shape = rng.randrange(3)
        if shape == 0:
            status, body = request(base, "GET", {"query": text}, None, None)
        elif shape == 1:
            status, body = request(base, "POST", None, urllib.parse.urlencode({"query": text}).encode(),
                                   "application/x-www-form-urlencoded")
        else:
            status, body = request(base, "POST", None, text.encode(), "application/sparql-query")
    elif kind == "malformed":
        if rng.random() < 0.2:  # a valid query asking for a format no one serves
            status, body = request(base, "GET", {"query": canned[0][1]}, None, None, accept="image/png")
        else:
            status, body = request(base, *rng.choice(MALFORMED))
    elif kind == "update":
        status, body = request(base, *rng.choice(UPDATES))
    elif kind == "oversize":
        padding = "#" + "x" * oversize + "\n"
        status, body = request(base, "POST", None, (padding + canned[0][1]).encode(), "application/sparql-query")
    else:
        status, body = request(base, "GET", {"query": SLOW_QUERY}, None, None)
    return Outcome(kind, status, time.perf_counter() - start, body[:300] if status >= 400 or status == 0 else "")


def client(seed: int, deadline: float, base: str, canned, oversize: int, run: Run) -> None:
    rng = random.Random(seed)
    kinds = [kind for kind, weight in MIX for _ in range(weight)]
    while time.monotonic() < deadline:
        outcome = one_request(rng.choice(kinds), rng, base, canned, oversize)
        with run.lock:
            run.outcomes.append(outcome)


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    children: dict[int, list[int]] = defaultdict(list)
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children[ppid].append(int(entry.name))
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[int(entry.name)] = int(line.split()[1])
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo.extend(children.get(current, []))
    return total


def sample_memory(pid: int, stop: threading.Event, run: Run) -> None:
    while not stop.wait(1.0):
        run.memory_kb.append(tree_rss_kb(pid))


def start_server(port: int, timeout: float, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "uprgraph", "serve", "--port", str(port), "--timeout", str(timeout),
               "--workers", str(workers)]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):  # up to 60 s: the default graph is built at start
        if server.poll() is not None:
            raise SystemExit(f"the server stopped at start: {server.stderr.read().decode()[-500:]}")
        if request(base, "GET", {"query": "ASK {}"}, None, None, timeout=2)[0] == 200:
            return server
        time.sleep(0.1)
    stop_server(server)
    raise SystemExit("the server did not answer within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else float("nan")


def summarise(run: Run, duration: float, clients: int, time_limit: float, before: tuple[int, str],
              after: tuple[int, str], slow_alone: Outcome) -> dict:
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for outcome in run.outcomes:
        by_kind[outcome.kind][outcome.status] += 1
    valid = [o for o in run.outcomes if o.kind == "valid"]
    latencies = [o.seconds for o in valid if o.status == 200]
    slow = [o for o in run.outcomes if o.kind == "slow"]
    memory = run.memory_kb or [0]
    first_third = memory[: max(1, len(memory) // 3)]
    checks = {
        # a valid query the time limit cancels is the limit working, and how many are is a matter of speed:
        # counted in the statuses, never the verdict
        "valid queries all answered (200, or 503 'cancelled' at the time limit; no other 5xx, no dropped connection)":
            all(o.status == 200 or (o.status == 503 and "cancel" in o.body.lower()) for o in valid),
        "malformed requests all 4xx": all(400 <= o.status < 500 for o in run.outcomes if o.kind == "malformed"),
        "updates all refused with 4xx": all(400 <= o.status < 500 for o in run.outcomes if o.kind == "update"),
        "oversize bodies all 413": all(o.status == 413 for o in run.outcomes if o.kind == "oversize"),
        "slow queries cancelled and reported (503, 'cancelled')":
            bool(slow) and all(o.status == 503 and "cancel" in o.body.lower() for o in slow),
        # Under load a slow query first waits for a free worker; alone, it must end at the limit. The time
        # is measured and reported; tests/test_serve_load.py checks the verdicts that do not depend on speed.
        "a slow query alone cancelled (503, 'cancelled')":
            slow_alone.status == 503 and "cancel" in slow_alone.body.lower(),
        "a slow query alone cancelled within the limit + 1 s":
            slow_alone.status == 503 and slow_alone.seconds < time_limit + 1,
        "memory bounded (peak < 1.5x the first third's peak + 50 MB)":
            max(memory) < 1.5 * max(first_third) + 50_000,
        "same answer after the run as before": after == before and before[0] == 200,
    }
    return {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()},
        "clients": clients,
        "duration_s": duration,
        "time_limit_s": time_limit,
        "requests": len(run.outcomes),
        "throughput_per_s": round(len(run.outcomes) / duration, 1),
        "valid_throughput_per_s": round(len(latencies) / duration, 1),
        "latency_valid_ms": {
            "p50": round(1000 * percentile(latencies, 0.50), 1),
            "p90": round(1000 * percentile(latencies, 0.90), 1),
            "p99": round(1000 * percentile(latencies, 0.99), 1),
            "max": round(1000 * max(latencies, default=float("nan")), 1),
            "mean": round(1000 * statistics.fmean(latencies), 1) if latencies else None,
        },
        "statuses": {kind: {str(k): v for k, v in sorted(c.items())} for kind, c in sorted(by_kind.items())},
        "slow_query_alone_s": round(slow_alone.seconds, 2),
        "latency_slow_under_load_ms": {"p50": round(1000 * percentile([o.seconds for o in slow], 0.5), 1),
                                       "max": round(1000 * max((o.seconds for o in slow), default=float("nan")), 1)},
        "memory_mb": {"start": round(memory[0] / 1024, 1), "peak": round(max(memory) / 1024, 1),
                      "end": round(memory[-1] / 1024, 1)},
        "examples": {kind: next((o.body for o in run.outcomes if o.kind == kind and o.body), "")
                     for kind in ("malformed", "update", "oversize", "slow")},
        "checks": checks,
        "passed": all(checks.values()),
    }


def markdown(summary: dict) -> str:
    lat = summary["latency_valid_ms"]
    lines = [
        "# `uprgraph serve` under load and faults",
        "",
        "Written by `python benchmarks/load.py` (issue 10, item 4); `tests/test_serve_load.py` runs the same",
        "script and fails on any check below. The server runs on 127.0.0.1 with the embedded default graph.",
        "",
        f"Machine: {summary['machine']['cores']} cores, Python {summary['machine']['python']}, "
        f"{summary['machine']['system']}.",
        "",
        f"{summary['clients']} clients for {summary['duration_s']:.0f} s, query time limit "
        f"{summary['time_limit_s']} s: {summary['requests']} requests, {summary['throughput_per_s']} per second "
        f"({summary['valid_throughput_per_s']} valid queries answered per second).",
        "",
        "| latency of valid queries | p50 | p90 | p99 | max |",
        "|---|---|---|---|---|",
        f"| ms | {lat['p50']} | {lat['p90']} | {lat['p99']} | {lat['max']} |",
        "",
        f"A query that cannot finish in the time limit was cancelled after {summary['slow_query_alone_s']} s when sent "
        f"alone after the run; under load such queries first wait for a free worker (answered in "
        f"{summary['latency_slow_under_load_ms']['p50']} ms at the median, {summary['latency_slow_under_load_ms']['max']} ms "
        f"at most). Valid queries wait the same way: {summary['clients']} clients share the server's worker processes.",
        "",
        "| request kind | answers (HTTP status: count) |",
        "|---|---|",
    ]
    for kind, statuses in summary["statuses"].items():
        lines.append(f"| {kind} | {', '.join(f'{s}: {n}' for s, n in statuses.items())} |")
    memory = summary["memory_mb"]
    lines += ["", f"Memory of the server and its workers: {memory['start']} MB at start, {memory['peak']} MB at the "
              f"peak, {memory['end']} MB at the end.", "", "| check | result |", "|---|---|"]
    lines += [f"| {name} | {'yes' if ok else '**NO**'} |" for name, ok in summary["checks"].items()]
    lines += ["", "Example answers:", ""]
    lines += [f"- {kind}: `{body.strip()[:160]}`" for kind, body in summary["examples"].items() if body]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--time-limit", type=float, default=2.0, help="the server's --timeout, seconds")
    parser.add_argument("--workers", type=int, default=2, help="the server's --workers")
    parser.add_argument("--oversize", type=int, default=2_000_000, help="bytes of an oversize request body (the server takes 1 MB)")
    parser.add_argument("--json", type=Path, help="write the summary as JSON here")
    parser.add_argument("-o", "--output", type=Path, help="write the Markdown table here")
    args = parser.parse_args()

    canned = canned_requests()
    port = free_port()
    server = start_server(port, args.time_limit, args.workers)
    base = f"http://127.0.0.1:{port}"
    run, stop = Run(), threading.Event()
    try:
        check_query = next(text for name, text in canned if name == "instruments")
        before = request(base, "GET", {"query": check_query}, None, None)
        sampler = threading.Thread(target=sample_memory, args=(server.pid, stop, run), daemon=True)
        sampler.start()
        deadline = time.monotonic() + args.duration
        threads = [threading.Thread(target=client, args=(seed, deadline, base, canned, args.oversize, run))
                   for seed in range(args.clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        stop.set()
        sampler.join()
        after = request(base, "GET", {"query": check_query}, None, None)
        slow_alone = one_request("slow", random.Random(0), base, canned, args.oversize)
    finally:
        stop.set()
        stop_server(server)
    summary = summarise(run, elapsed, args.clients, args.time_limit, before, after, slow_alone)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")
    if args.output:
        args.output.write_text(markdown(summary))
    print(markdown(summary))
    return 0 if summary["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
