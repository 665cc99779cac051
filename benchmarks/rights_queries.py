"""The three rights queries on rdflib (the reference engine; Oxigraph, the default, is far faster): CPU time
of each on two builds of the shared reports, one where every tag is inferred (the Working Group reports of
Kazakhstan's two reviews and Slovenia's first, 322 recommendations) and one where a thematic list answers
(A/HRC/28/15 with its list and Slovenia's national report, 163 recommendations).

    python benchmarks/rights_queries.py                            # the queries in queries/
    git archive main queries | tar -x -C /tmp/old
    python benchmarks/rights_queries.py --query-dir /tmp/old/queries   # another version, to compare

CPU time of this process (``time.process_time``), the least of ``--runs`` runs: on a shared machine the wall
time stretches with the load, the CPU time much less. Each result's rows are printed as a digest, so two
versions of a query can be seen to give the same rows.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from uprgraph.pipeline import build_many  # noqa: E402
from uprgraph.query.runner import run_query  # noqa: E402

REPORTS = ROOT.parent / "shared" / "reports"
BUILDS = {
    "inferred": ["A_HRC_28_10.txt", "A_HRC_14_10.txt", "A_HRC_WG.6_20_KAZ_1.txt"],
    "published": ["A_HRC_28_15.pdf", "UPR20_Slovenia_thematic_list_of_recommendations.docx", "A_HRC_WG.6_20_SVN_1.pdf"],
}
QUERIES = {"recommendation-themes": {}, "rights-coverage": {}, "instruments-for-right": {"right": "F13"}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=REPORTS)
    parser.add_argument("--query-dir", type=Path, default=ROOT / "queries")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    for build, names in BUILDS.items():
        graph = build_many([(n, (args.reports / n).read_bytes()) for n in names], validate=False).graph
        for name, params in QUERIES.items():
            text = (args.query_dir / f"{name}.rq").read_text(encoding="utf-8")
            times = []
            for _ in range(args.runs):
                start = time.process_time()
                result = run_query(graph, text, params)
                times.append(time.process_time() - start)
            digest = hashlib.sha256(repr(result.rows).encode()).hexdigest()[:12]
            print(f"{build:9}  {name:22} {len(result.rows):5} rows  {min(times):6.1f} s CPU  rows {digest}")


if __name__ == "__main__":
    main()
