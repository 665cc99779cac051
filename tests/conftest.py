"""Shared fixtures: the embedded report read once, and its graph built once per test session."""

from __future__ import annotations

import pytest

from uprgraph import resources
from uprgraph.pipeline import BuildResult, build, read


def pytest_addoption(parser, pluginmanager):  # type: ignore[no-untyped-def]
    """pyproject's addopts ask pytest-xdist (the test extra) for two workers; in an environment installed
    before it joined the extra, its two options are accepted here and the tests run in one process."""
    if not pluginmanager.has_plugin("xdist"):
        group = parser.getgroup("xdist", "pytest-xdist is not installed: the tests run in one process")
        group.addoption("--numprocesses", dest="numprocesses", default=None)
        group.addoption("--dist", dest="dist", default="no")


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


# The shared chains of issue 19, each built once per session (validation left out: test_union checks it).
SLOVENIA_CHAIN = ("A_HRC_14_15.pdf", "A_HRC_14_15_Add.1.pdf", "A_HRC_WG.6_20_SVN_1.pdf", "A_HRC_28_15.pdf",
                  "A_HRC_28_15_Add.1.pdf")
KAZAKHSTAN_CHAIN = ("A_HRC_14_10.txt", "A_HRC_WG.6_20_KAZ_1.txt", "A_HRC_28_10.txt")


def _chain(names: tuple[str, ...]) -> BuildResult:
    from components import need_shared

    from uprgraph.pipeline import build_many

    return build_many([(name, need_shared(name).read_bytes()) for name in names], validate=False)


@pytest.fixture(scope="session")
def slovenia_chain() -> BuildResult:
    """Slovenia's 1st review to its 2nd: A/HRC/14/15 and its addendum, A/HRC/WG.6/20/SVN/1, A/HRC/28/15 and its addendum."""
    return _chain(SLOVENIA_CHAIN)


@pytest.fixture(scope="session")
def kazakhstan_chain() -> BuildResult:
    """Kazakhstan's 1st review to its 2nd: A/HRC/14/10, A/HRC/WG.6/20/KAZ/1, A/HRC/28/10."""
    return _chain(KAZAKHSTAN_CHAIN)
