"""Rewrite tests/snapshots.json, the regression snapshots of the default graph (see tests/snapshots.py).

    python tools/refresh_snapshots.py            # rewrite the file; then `git diff tests/snapshots.json`
    python tools/refresh_snapshots.py --check    # exit 1 if the file differs from what it would write
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from uprgraph.analyze import analyze
from uprgraph.pipeline import default_graph
from uprgraph.plot import timeline_data

FILE = Path(__file__).resolve().parents[1] / "tests" / "snapshots.json"


def snapshots() -> dict:  # type: ignore[type-arg]
    g = default_graph()
    analysis = analyze(g, top=10)
    by_type = {t.type: t for t in analysis.centrality}
    timeline = timeline_data(g)
    return {
        "analyze": {
            "nodes": analysis.nodes,
            "edges": analysis.edges,
            "communities": len(analysis.communities),
            "modularity": round(analysis.modularity, 4),
            "criminal_code_degree": by_type["LegalInstrument"].by_degree[0].degree,
        },
        "plot": {
            "instruments_dated": timeline["instruments_dated"],
            "events_dated": timeline["events_dated"],
            "events_in_2013": sum(n for (year, _), n in timeline["by_event_date"].items() if year == 2013),
        },
    }


def main() -> int:
    text = json.dumps(snapshots(), indent=2, sort_keys=True) + "\n"
    if "--check" in sys.argv[1:]:
        same = FILE.exists() and FILE.read_text(encoding="utf-8") == text
        if not same:
            print(f"{FILE} is not what the program computes now: run python tools/refresh_snapshots.py", file=sys.stderr)
        return 0 if same else 1
    FILE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
