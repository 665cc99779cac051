"""The interactive explorer (`uprgraph viz`): one self-contained, offline, deterministic HTML page.

The browser test drives Debian's headless Chromium through its chromedriver with selenium (never a
downloaded driver): it searches for "95.43", checks the detail panel, clicks the node on the canvas,
and saves a screenshot for the docs (docs/img/explorer.png). It is skipped only when Chromium or
chromedriver is not installed.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest
from chromium import PATIENCE, headless_chromium
from rdflib import Graph

from uprgraph import explorer
from uprgraph.errors import UprgraphError
from uprgraph.explorer import explorer_data, explorer_html, write_explorer
from uprgraph.pipeline import default_graph

REPO = Path(__file__).resolve().parent.parent
SCREENSHOT = REPO / "docs" / "img" / "explorer.png"


@pytest.fixture(scope="module")
def html() -> str:
    return explorer_html(default_graph())


def test_page_is_self_contained(html):
    # No script, stylesheet or other resource is fetched from anywhere: everything is inline.
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.IGNORECASE)
    assert not re.search(r"<link[^>]*\bhref\s*=", html, re.IGNORECASE)
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", html, re.IGNORECASE)
    assert "@import" not in html
    # vis-network, from the pyvis package, is embedded.
    assert "vis-network" in html and "@version 9.1.2" in html
    assert "new vis.Network(" in html
    # Every placeholder of the template was filled.
    assert not re.search(r"/\*@[A-Z_]+@\*/|@(DATA|TITLE)@", html)
    # The three script elements (data, vis-network, ours) are closed only by their own end tags.
    assert html.count("</script") == 3 and "<!--" not in html


def test_byte_identical(html):
    assert explorer_html(default_graph()) == html
    # The same triples inserted in another order (read back from Turtle) give the same bytes.
    reread = Graph().parse(data=default_graph().serialize(format="nt"), format="nt")
    assert explorer_html(reread) == html


def test_data_folds_plumbing_into_details():
    data = explorer_data(default_graph())
    kinds = {n["type"] for n in data["nodes"]}
    assert kinds == {"theme", "recommendation", "legal", "policy", "treaty", "institution", "visit"}
    assert not any("/paragraph/" in n["iri"] or "/mention/" in n["iri"] for n in data["nodes"])
    by_label = {n["label"]: n for n in data["nodes"]}
    rec = by_label["95.43"]
    assert rec["text"].startswith("To continue efforts to eliminate torture")
    assert rec["states"] == ["Algeria"]
    assert ["supported", "A/HRC/14/10, para. 95"] in rec["responses"]
    reported = {data["nodes"][i]["label"] for i in rec["reported"]}
    assert "Government decision No. 430, of 7 April 2012" in reported
    decision = by_label["Government decision No. 430, of 7 April 2012"]
    assert rec["id"] in decision["recommendations"]
    [(pid, start, end, quote)] = decision["mentions"]
    paragraph = data["paragraphs"][pid]
    assert (paragraph["n"], quote) == (21, "Government decision No. 430, of 7 April 2012")
    assert paragraph["text"][start:end] == quote
    # Every drawn edge joins two drawn nodes; the legend counts every node.
    assert all(0 <= a < len(data["nodes"]) and 0 <= b < len(data["nodes"]) for a, b, _ in data["edges"])
    assert sum(t["count"] for t in data["types"]) == len(data["nodes"])


def test_write_explorer(tmp_path, html):
    target = tmp_path / "explorer.html"
    write_explorer(default_graph(), target)
    assert target.read_text(encoding="utf-8") == html


def test_without_pyvis(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *rest: None if name == "pyvis" else real(name, *rest))
    with pytest.raises(UprgraphError, match="the viz command needs the pyvis package"):
        explorer.explorer_html(default_graph())


# ------------------------------------------------------------------------------------- browser


@pytest.fixture
def browser(monkeypatch):
    with headless_chromium(monkeypatch, "1600,1080") as driver:
        yield driver


def test_explorer_in_chromium(browser, tmp_path, html):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait

    page = tmp_path / "explorer.html"
    page.write_text(html, encoding="utf-8")
    browser.get(page.as_uri())
    WebDriverWait(browser, PATIENCE).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")

    # Search: Enter selects the first match and shows its details.
    search = browser.find_element(By.ID, "search")
    search.send_keys("95.43")
    search.send_keys(Keys.ENTER)
    WebDriverWait(browser, PATIENCE).until(lambda d: d.find_element(By.ID, "detail-label").text == "Recommendation 95.43")
    assert browser.find_element(By.ID, "detail-iri").text.endswith("/review/KAZ/1/recommendation/95.43")
    assert "To continue efforts to eliminate torture" in browser.find_element(By.ID, "detail-text").text
    instruments = browser.find_element(By.CSS_SELECTOR, '#details [data-role="instruments"]').text
    assert "Government decision No. 430, of 7 April 2012" in instruments
    assert "Criminal Code" in instruments
    assert "Algeria" in browser.find_element(By.ID, "details").text
    screenshot = browser.get_screenshot_as_png()

    # Clicking the node on the canvas selects it too.
    browser.find_element(By.ID, "reset").click()
    assert browser.find_elements(By.CSS_SELECTOR, "#details .placeholder")
    node_id = browser.execute_script("return window.uprgraphExplorer.matches('95.43')[0]")
    x, y = browser.execute_script(
        "var n = window.uprgraphExplorer.network, p = n.canvasToDOM(n.getPositions([arguments[0]])[arguments[0]]);"
        "return [p.x, p.y];", node_id)
    canvas = browser.find_element(By.CSS_SELECTOR, "#graph canvas")
    size = canvas.size
    offset = int(x - size["width"] / 2), int(y - size["height"] / 2)  # from the canvas's centre
    ActionChains(browser).move_to_element_with_offset(canvas, *offset).click().perform()
    WebDriverWait(browser, PATIENCE).until(lambda d: d.find_element(By.ID, "detail-label").text == "Recommendation 95.43")
    instruments = browser.find_element(By.CSS_SELECTOR, '#details [data-role="instruments"]').text
    assert "Government decision No. 430" in instruments

    # Filters: a recommendation leaves it, its themes and what is reported under it; a theme likewise.
    node = browser.execute_script("return window.uprgraphExplorer.nodes[arguments[0]]", node_id)
    Select(browser.find_element(By.ID, "rec-filter")).select_by_value(str(node_id))
    visible = set(browser.execute_script("return window.uprgraphExplorer.visible()"))
    assert visible == {node_id, *node["reported"], *node["themes"]}
    Select(browser.find_element(By.ID, "rec-filter")).select_by_value("")
    theme = browser.execute_script("return window.uprgraphExplorer.nodes[arguments[0]]", node["themes"][0])
    Select(browser.find_element(By.ID, "theme-filter")).select_by_value(str(theme["id"]))
    visible = set(browser.execute_script("return window.uprgraphExplorer.visible()"))
    assert visible == {theme["id"], *theme["recommendations"], *theme["entities"]}
    # Type filter: unticking recommendations hides them all.
    browser.find_element(By.ID, "reset").click()
    browser.find_element(By.CSS_SELECTOR, '#legend input[data-type="recommendation"]').click()
    types = browser.execute_script(
        "var e = window.uprgraphExplorer; return e.visible().map(function (i) { return e.nodes[i].type; });")
    assert types and "recommendation" not in types and "legal" in types

    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    # The docs' picture is refreshed on request only, so that a test run leaves the tree as it was.
    if os.environ.get("UPRGRAPH_UPDATE_SCREENSHOTS"):
        SCREENSHOT.write_bytes(screenshot)


def test_rights_facets_in_chromium(browser, tmp_path, html):
    """The rights facet: an SDG leaves the recommendations tagged with it and what is reported under them
    (the tags that answer for each recommendation, rights.shown); a recommendation's details list its rights."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from uprgraph.rights.shown import shown_tags

    data = explorer_data(default_graph())
    by_iri = {n["iri"]: n for n in data["nodes"]}
    goal5 = {by_iri[str(t.recommendation)]["id"] for t in shown_tags(default_graph())
             if str(t.concept) == "https://w3id.org/uprgraph/vocab/sdg/5" and str(t.recommendation) in by_iri}
    [index] = [i for i, r in enumerate(data["rights"]) if r[:2] == ["sdg", "5"]]
    assert goal5 and set(data["rights"][index][3]) == goal5
    expected = goal5 | {x for rec in goal5 for x in data["nodes"][rec]["reported"]}
    assert any(data["nodes"][x]["type"] == "legal" for x in expected)  # laws reported under SDG 5 recommendations

    page = tmp_path / "explorer.html"
    page.write_text(html, encoding="utf-8")
    browser.get(page.as_uri())
    WebDriverWait(browser, PATIENCE).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    choice = Select(browser.find_element(By.ID, "right-filter"))
    groups = [g.get_attribute("label") for g in browser.find_elements(By.CSS_SELECTOR, "#right-filter optgroup")]
    assert groups == ["UHRI themes", "Groups of persons", "Sustainable Development Goals"]
    choice.select_by_value(str(index))
    assert set(browser.execute_script("return window.uprgraphExplorer.visible()")) == expected
    # a theme chosen as well narrows to what both leave
    theme = next(n for n in data["nodes"] if n["type"] == "theme" and set(n["recommendations"]) & goal5)
    Select(browser.find_element(By.ID, "theme-filter")).select_by_value(str(theme["id"]))
    both = expected & {theme["id"], *theme["recommendations"], *theme["entities"]}
    assert set(browser.execute_script("return window.uprgraphExplorer.visible()")) == both
    browser.find_element(By.ID, "reset").click()
    assert choice.first_selected_option.get_attribute("value") == ""
    rec = data["nodes"][min(goal5)]
    browser.execute_script("window.uprgraphExplorer.select(arguments[0])", rec["id"])
    WebDriverWait(browser, PATIENCE).until(lambda d: d.find_element(By.ID, "detail-label").text == rec["name"])
    rights = browser.find_element(By.ID, "detail-rights").text
    assert "SDG 5 Gender equality" in rights and all(data["rights"][i][2] in rights for i in rec["rights"])
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors
