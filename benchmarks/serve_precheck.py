"""Time of the syntax check a /sparql query passes before the queue (uprgraph.serve.precheck): the
round trip to a checker process for each canned query, a malformed query and a 900 kB VALUES block.
Run: python benchmarks/serve_precheck.py (the numbers are quoted in docs/endpoint.md)."""

import asyncio
import statistics
import time

from uprgraph.serve import protocol
from uprgraph.serve.canned import page_queries
from uprgraph.serve.precheck import Checker


async def main(checker):
    qs = [protocol.QueryRequest(q["query"], protocol.query_kind(q["query"])) for q in page_queries()]
    bad = protocol.QueryRequest("SELECT * WHERE { ?s ?p ", "SELECT")
    vals = " ".join(f'"v{i}"' for i in range(100000))
    big = protocol.QueryRequest(f"SELECT * WHERE {{ VALUES ?x {{ {vals} }} }}", "SELECT")
    for name, q, n in [("canned (16, each)", None, 20), ("malformed", bad, 200), ("900 kB VALUES", big, 5)]:
        times = []
        for _ in range(n):
            for one in (qs if q is None else [q]):
                started = time.perf_counter()
                verdict = await checker.check(one, False)
                times.append(time.perf_counter() - started)
        said = verdict.message[:40] + "..." if verdict else "passed"
        print(f"{name}: median {statistics.median(times) * 1000:.2f} ms, max {max(times) * 1000:.1f} ms ({said})")

if __name__ == '__main__':
    c = Checker()
    try:
        asyncio.run(main(c))
    finally:
        c.close()
