"""The one rule for a component a test needs but cannot find (a program from Debian, a declared Python
dependency): on a developer's machine the test is skipped with the reason; under ``CI=true`` it fails,
naming what is missing, so that a green CI run means every test ran.

    need_program("virtuoso-t", "virtuoso-opensource")   # the path of the program
    need_module("hypothesis", "test")                   # the imported module
"""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path
from types import ModuleType

import pytest


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing(reason: str) -> None:
    """Skip (a developer's machine) or fail (CI) the test, the module or the fixture that called it."""
    if on_ci():
        pytest.fail(f"CI=true and a required component is missing: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def need_program(name: str, debian_package: str) -> str:
    """The path of the program ``name`` on PATH."""
    path = shutil.which(name)
    if path is None:
        missing(f"{name} is not on PATH (Debian package {debian_package}; .ci/run installs it)")
    return path  # type: ignore[return-value]


def need_module(name: str, extra: str) -> ModuleType:
    """The module ``name``, a dependency declared in pyproject.toml (``extra``: the optional extra that
    declares it, or "" for a dependency of the package itself)."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        install = f"pip install -e '.[{extra}]'" if extra else "pip install -e ."
        missing(f"the declared dependency {name} cannot be imported ({error}); {install}")
        raise  # not reached: missing() skips or fails


SHARED_REPORTS = Path(__file__).resolve().parents[2] / "shared" / "reports"


def need_shared(name: str) -> Path:
    """A document of ../shared/reports (CI has shared/ beside the clone): its path, or the missing rule."""
    path = SHARED_REPORTS / name
    if not path.is_file():
        missing(f"{path} is missing (shared/ is not beside this checkout)")
    return path


# Canned queries that rightly give no rows on the embedded default pair (A/HRC/14/10 and KAZ/1): that pair holds
# one review's Working Group report, so no later review repeats its recommendations. Their rows are checked
# where they exist: repeated-recommendations on the Kazakhstan chain (tests/test_repeated.py, tests/test_store.py).
NO_ROWS_ON_THE_DEFAULT_PAIR = frozenset({"repeated-recommendations"})
