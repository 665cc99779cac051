"""The one place that opens packaged data: ontology, shapes, queries, registries, the default report.

In a wheel the data folders live under ``uprgraph/data/`` (see ``force-include`` in
pyproject.toml). In a source checkout (an editable install, or tests run from the tree) they
are the top-level folders of the repository, so we fall back to those.
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

DEFAULT_REPORT = "A_HRC_WG.6_20_KAZ_1.txt"  # Kazakhstan's national report, 2nd cycle (2014)
# The embedded default dataset: the Working Group report of Kazakhstan's first review (2010), whose
# recommendations the national report follows up, and the national report itself.
DEFAULT_REPORTS = ("A_HRC_14_10.txt", DEFAULT_REPORT)


# Where a packaged folder sits in a source checkout, when it is not a top-level folder of that name.
CHECKOUT_PLACES = {"gold": "tests/gold", "yasgui": "web/node_modules/@zazuko/yasgui/build"}


def data_dir(kind: str) -> Traversable:
    """The packaged folder ``kind`` (``ontology``, ``shapes``, ``queries``, ``registries``, ``reports``, ``gold``)."""
    packaged = resources.files("uprgraph") / "data" / kind
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / CHECKOUT_PLACES.get(kind, kind)
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"uprgraph data folder {kind!r} is missing from this installation")


def read_text(kind: str, name: str) -> str:
    return (data_dir(kind) / name).read_text(encoding="utf-8")


def list_files(kind: str, suffix: str) -> list[Traversable]:
    return sorted((f for f in data_dir(kind).iterdir() if f.name.endswith(suffix)), key=lambda f: f.name)


def default_reports() -> list[tuple[str, bytes]]:
    """(file name, raw bytes) of each embedded default document."""
    return [(name, (data_dir("reports") / name).read_bytes()) for name in DEFAULT_REPORTS]


def default_report() -> tuple[str, bytes]:
    """(file name, raw bytes) of the embedded default report."""
    return DEFAULT_REPORT, (data_dir("reports") / DEFAULT_REPORT).read_bytes()


DEFAULT_GOLD = "A_HRC_WG.6_20_KAZ_1.json"


def default_gold() -> tuple[str, str]:
    """(file name, text) of the hand-made annotation of the embedded report (tests/gold/ in the checkout)."""
    return DEFAULT_GOLD, read_text("gold", DEFAULT_GOLD)
