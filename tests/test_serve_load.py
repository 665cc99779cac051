"""Issue 10, item 4: `uprgraph serve` under 50 parallel clients for 60 s, good and bad requests mixed.

Runs benchmarks/load.py, which starts a real server on 127.0.0.1 and stops it at the end, and checks
its verdicts one by one (the script's own exit status would hide which one failed).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = int(os.environ.get("UPRGRAPH_LOAD_CLIENTS", "50"))
DURATION = float(os.environ.get("UPRGRAPH_LOAD_SECONDS", "60"))


@pytest.fixture(scope="module")
def summary(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("load") / "load.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "load.py"), "--clients", str(CLIENTS),
               "--duration", str(DURATION), "--json", str(out)]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=DURATION + 240)
    assert out.exists(), finished.stderr[-2000:]
    return json.loads(out.read_text())


def test_the_run_mixed_every_kind_of_request(summary):
    assert set(summary["statuses"]) == {"valid", "malformed", "update", "oversize", "slow"}
    assert summary["requests"] > CLIENTS  # every client went round more than once


@pytest.mark.parametrize("check", [
    "valid queries all answered (200, or 503 'cancelled' at the time limit; no other 5xx, no dropped connection)",
    "malformed requests all 4xx",
    "updates all refused with 4xx",
    "oversize bodies all 413",
    "slow queries cancelled and reported (503, 'cancelled')",
    "a slow query alone cancelled (503, 'cancelled')",  # how soon after the limit: measured, in docs/load.md
    "memory bounded (peak < 1.5x the first third's peak + 50 MB)",
    "same answer after the run as before",
])
def test_check(summary, check):
    assert summary["checks"][check], json.dumps(summary["statuses"]) + " " + json.dumps(summary["examples"])
