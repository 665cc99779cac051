"""The query page of ``uprgraph serve`` in Debian's headless Chromium (issue 7, item 4).

A real server process; Chromium opens the page, picks a canned query from the list, runs it in
YASGUI and sees its rows in YASR's table: the same rows as the query gives over the protocol. The
docs' screenshot (docs/img/query-page.png) is refreshed only with UPRGRAPH_UPDATE_SCREENSHOTS=1.

Skipped only when Chromium or its driver is not installed (under CI=true: failed). When they are, the YASGUI build must be
there too (the package build installs it from npm): its absence is a failure, not a skip.
"""

from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from chromium import PATIENCE, headless_chromium, need_browser
from serve_server import PATIENT_LIMIT, start, stop

from uprgraph.serve import yasgui_dir
from uprgraph.serve.canned import page_queries

REPO = Path(__file__).resolve().parent.parent
SCREENSHOT = REPO / "docs" / "img" / "query-page.png"
PICKED = "instruments-for-recommendation"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_browser()
    assert yasgui_dir() is not None, "the YASGUI build is missing: run 'npm ci' in web/ (the package build does)"
    running = start(tmp_path_factory.mktemp("serve") / "serve.log", "--timeout", PATIENT_LIMIT)
    yield running
    stop(running)


@pytest.fixture
def browser(monkeypatch):
    with headless_chromium(monkeypatch, "1500,1000") as driver:
        yield driver


def protocol_rows(server, query: str) -> list[tuple[str, ...]]:
    body = urllib.parse.urlencode({"query": query}).encode()
    with urllib.request.urlopen(urllib.request.Request(server.url + "/sparql", data=body)) as response:
        data = json.load(response)
    names = data["head"]["vars"]
    return [tuple(b[n]["value"] if n in b else "" for n in names) for b in data["results"]["bindings"]]


def test_query_page_runs_a_canned_query(server, browser):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server.url + "/")
    WebDriverWait(browser, PATIENCE).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    assert browser.execute_script("return !!(window.uprgraphQueryPage && window.uprgraphQueryPage.yasgui)")
    buttons = browser.find_elements(By.CSS_SELECTOR, "#canned-list .canned-query")
    assert [b.get_attribute("data-name") for b in buttons] == [q["name"] for q in page_queries()]

    query = next(q["query"] for q in page_queries() if q["name"] == PICKED)
    expected = protocol_rows(server, query)
    rows_css = ".yasr .dataTable tbody tr"

    def shown(driver) -> tuple[str, list[str]] | None:
        """YASR's text and its table's rows, once they are this query's: the header counts its results
        and the table holds that many rows. (Waiting for "a table with rows" alone is not enough: YASR
        writes the header and the table in separate steps, and keeps the last results on screen while a
        query runs.) A row redrawn while read is read again."""
        summary = driver.find_element(By.CSS_SELECTOR, ".yasr").text
        rows = [row.text for row in driver.find_elements(By.CSS_SELECTOR, rows_css)]
        if f"{len(expected)} results" in summary and len(rows) == len(expected):
            return summary, rows
        return None

    browser.find_element(By.CSS_SELECTOR, f'.canned-query[data-name="{PICKED}"]').click()
    summary, table = WebDriverWait(browser, PATIENCE, ignored_exceptions=(StaleElementReferenceException,)).until(shown)
    assert browser.execute_script("return window.uprgraphQueryPage.yasgui.getTab().getQuery()") == query
    # YASR shows the number of results and the rows of its first page (here all of them).
    assert len(expected) > 1 and len(table) == len(expected)
    assert "95.43" in table[0] and "Government decision No. 430" in summary
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors

    screenshot = browser.get_screenshot_as_png()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    if os.environ.get("UPRGRAPH_UPDATE_SCREENSHOTS"):
        SCREENSHOT.write_bytes(screenshot)
