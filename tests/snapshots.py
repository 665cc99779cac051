"""Regression snapshots: numbers the program computes that no second source can give (a network's edge
count, its communities and modularity, how many dates a timeline holds). They live in one data file,
tests/snapshots.json, written by ``python tools/refresh_snapshots.py``; after a change to the extractors
refresh it and review the diff: a number that moved is a change to explain, not a test to edit by hand.
Counts with a second source (the hand annotation in tests/gold/, a SPARQL COUNT, another store) are not
kept here: the tests compute them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FILE = Path(__file__).with_name("snapshots.json")


def snapshot(group: str) -> dict[str, Any]:
    return json.loads(FILE.read_text(encoding="utf-8"))[group]
