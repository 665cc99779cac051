"""Debian's headless Chromium driven by selenium through Debian's chromedriver, for the page tests.

Never a downloaded browser or driver (SE_OFFLINE), and the flags this closed network needs: without
the background-networking ones Chromium keeps trying to reach Google's hosts.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from components import need_module, need_program

# Seconds a page test waits for the page to reach a state: a bound that only a hang reaches, never one
# that a slow or busy machine could (the verdict is the state, not how soon).
PATIENCE = 120
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars")


def need_browser() -> tuple[str, str]:
    """(chromium, chromedriver) from PATH; skips the test (fails it under CI=true) when one is missing."""
    return need_program("chromium", "chromium"), need_program("chromedriver", "chromium-driver")


@contextmanager
def headless_chromium(monkeypatch: pytest.MonkeyPatch, window_size: str) -> Iterator[Any]:
    """A selenium driver on a fresh profile, quit and its profile removed at the end."""
    chromium, chromedriver = need_browser()
    webdriver = need_module("selenium.webdriver", "test")
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager must never download anything
    profile = tempfile.mkdtemp(prefix="uprgraph-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={window_size}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
