"""Shared fixtures: the embedded report read once, and its graph built once per test session."""

from __future__ import annotations

import pytest

from uprgraph import resources
from uprgraph.pipeline import BuildResult, build, read


@pytest.fixture(scope="session")
def report_bytes() -> bytes:
    return resources.default_report()[1]


@pytest.fixture(scope="session")
def kaz(report_bytes):  # type: ignore[no-untyped-def]
    """(Document, Extraction) of the Kazakhstan report."""
    return read(report_bytes, resources.DEFAULT_REPORT)


@pytest.fixture(scope="session")
def built(report_bytes) -> BuildResult:
    return build(report_bytes, resources.DEFAULT_REPORT)


@pytest.fixture(scope="session")
def pair() -> BuildResult:
    """The embedded default dataset: Working Group report A/HRC/14/10 and national report A/HRC/WG.6/20/KAZ/1."""
    from uprgraph.pipeline import build_many

    return build_many(resources.default_reports())


@pytest.fixture(autouse=True)
def _no_columns(monkeypatch):  # type: ignore[no-untyped-def]
    """Tables wrap to $COLUMNS when it is set: tests that want a width set it themselves."""
    monkeypatch.delenv("COLUMNS", raising=False)
