"""The follow-up views (issue 19): the explorer's timeline, plot's status chart and analyze's share, on the
shared chains (Slovenia cycle 1 -> 2 in five documents, Kazakhstan cycle 1 -> 2 in three).

What the page must show was read in the documents:

- A/HRC/14/15, paragraph 111, item 32 (Spain): "To promulgate a law on domestic violence ..."; left "to be
  examined" there (paragraph 111); A/HRC/14/15/Add.1 accepts the part on the treatment of offenders and
  campaigns and "cannot accept" the law; A/HRC/WG.6/20/SVN/1 reports on it under "C. Violence against women
  and domestic violence (recommendations 18, 23, 32-39, 72)", paragraphs 72-81, of which 72 names the
  Criminal Code and the Family Violence Prevention Act and 77 "the Police Tasks and Powers Act".
- A/HRC/14/15/Add.1 "cannot accept" 111.84; SVN/1's heading F lists "77-83, 85-87", not 84.
- A/HRC/14/10, paragraph 95, item 43 (Algeria), "To continue efforts to eliminate torture ..."; KAZ/1
  reports on it under "Protection against torture" (paragraphs 18-30; 21: "In accordance with Government
  decision No. 430, of 7 April 2012") and "The right to liberty and security of person and the prison
  situation" (39-57).
- A/HRC/28/10, paragraph 124 ("enjoy the support of Kazakhstan, which considers that they have already been
  implemented"), item 1 (Mexico): no national report of Kazakhstan's 3rd review is in the chain.

The counts of the chart and of the share are checked against the canned query follow-up-status, counted
here: a second query, not the one the views read (follow-up-summary).
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from chromium import PATIENCE, headless_chromium

from uprgraph.analyze import follow_up_shares
from uprgraph.explorer import explorer_data, explorer_html
from uprgraph.follow_up import groups_of, records, response_groups, run_all, step_order
from uprgraph.plot import TITLES, follow_up_status_data, render
from uprgraph.query.runner import run_query

SVG = "{http://www.w3.org/2000/svg}"
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "img" / "follow-up-timeline.png"
BASE = "https://w3id.org/uprgraph/id/review/"


@pytest.fixture(scope="module")
def slovenia(slovenia_chain):  # type: ignore[no-untyped-def]
    return slovenia_chain.graph


@pytest.fixture(scope="module")
def kazakhstan(kazakhstan_chain):  # type: ignore[no-untyped-def]
    return kazakhstan_chain.graph


@pytest.fixture(scope="module")
def slovenia_data(slovenia):  # type: ignore[no-untyped-def]
    return explorer_data(slovenia)


def by_number(data, number: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    [node] = [n for n in data["nodes"] if n["type"] == "recommendation" and n["number"] == number]
    return node


def status_counts(g) -> Counter[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(review, status) -> recommendations, counted from follow-up-status's rows (one per recommendation)."""
    found = records(run_all(g, ("follow-up-status",))["follow-up-status"])
    assert len({row["recommendation_iri"] for row in found}) == len(found)
    return Counter((str(row["review"]), str(row["status"])) for row in found)


# ---------------------------------------------------------------- the chain's data


def test_the_steps_come_in_the_query_s_order(slovenia):
    rows = records(run_all(slovenia, ("follow-up",))["follow-up"])
    order = step_order(rows)
    assert order[:3] == ["issued", "response", "reported"] and set(order) == {str(r["step"]) for r in rows}
    chains: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        chains.setdefault((str(row["review"]), str(row["recommendation"])), []).append(str(row["step"]))
    for steps in chains.values():  # every chain's rows follow the merged order
        assert steps == sorted(steps, key=order.index)


def test_the_page_s_chain_is_the_follow_up_query_s(slovenia, slovenia_data):
    """The chain embedded in the page holds the rows `follow-up` gives for that recommendation alone (run
    by its IRI, on rdflib: another engine than the page's)."""
    for number in ("111.32", "111.84"):
        node = by_number(slovenia_data, number)
        alone = run_query(slovenia, "follow-up", {"rec": node["iri"]})
        expected = [(r[2], r[3], r[4] or "", r[5] or "") for r in alone.rows]
        embedded = [tuple(step[:4]) for step in node["chain"]]
        # the addendum's two labels of one comment (supported / not accepted) are one entry on the page
        assert embedded == list(dict.fromkeys(expected))
    chain = by_number(slovenia_data, "111.32")["chain"]
    names = {slovenia_data["nodes"][i]["label"] for step in chain if step[3] == "77" for i in step[6]}
    assert "Police Tasks and Powers Act" in names
    paragraph = slovenia_data["paragraphs"][next(step[5] for step in chain if step[3] == "72")]
    assert (paragraph["doc"], paragraph["n"]) == ("A/HRC/WG.6/20/SVN/1", 72)
    assert paragraph["text"].startswith("The Slovenian Criminal Code defines")
    assert slovenia_data["documentInfo"]["A/HRC/14/15/Add.1"]["date"] == "2010-03-23"
    assert slovenia_data["documentInfo"]["A/HRC/WG.6/20/SVN/1"]["review"] == "Slovenia, UPR cycle 2"


def test_a_step_naming_a_later_recommendation_links_to_it(slovenia, slovenia_data):
    """A row that names a recommendation its own document prints (the repeated step: "recommendation 115.32"
    of A/HRC/28/15) links to that recommendation's node; the same number under another document does not."""
    from uprgraph.explorer import _printed_recommendations, named_recommendations

    printed = _printed_recommendations(slovenia, slovenia_data["nodes"])
    later = by_number(slovenia_data, "115.32")
    assert later["review"] == "Slovenia, UPR cycle 2"
    row = {"step": "repeated", "document": "A/HRC/28/15", "section": "recommendation 115.32", "paragraph": "115",
           "detail": "as 115.32 (similarity 0.500, TF-IDF cosine): ..."}
    assert named_recommendations(row, printed) == [later["id"]]
    assert named_recommendations({**row, "document": "A/HRC/14/15"}, printed) == []
    # in the chains as they are, a step names a recommendation only where its text cites one by number
    for node in slovenia_data["nodes"]:
        for step in node.get("chain", []):
            for i in step[6]:
                if slovenia_data["nodes"][i]["type"] == "recommendation":
                    assert slovenia_data["nodes"][i]["number"] in step[2] + step[4]


# ---------------------------------------------------------------- the page in Chromium


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    with pytest.MonkeyPatch.context() as patch, headless_chromium(patch, "1600,1200") as driver:
        yield driver


def open_page(browser, tmp_path_factory, g, name: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    page = tmp_path_factory.mktemp("explorer") / f"{name}.html"
    page.write_text(explorer_html(g), encoding="utf-8")
    browser.get(page.as_uri())
    WebDriverWait(browser, PATIENCE).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")


def select(browser, number: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    search = browser.find_element(By.ID, "search")
    search.clear()
    search.send_keys(number)
    search.send_keys(Keys.ENTER)
    WebDriverWait(browser, PATIENCE).until(lambda d: d.find_element(By.ID, "detail-label").text == f"Recommendation {number}")


def timeline(browser) -> list[tuple[str, list[tuple[str, str]]]]:  # type: ignore[no-untyped-def]
    """[(step, [(document, the text shown under it)])] as the page shows them."""
    from selenium.webdriver.common.by import By

    out = []
    for step in browser.find_elements(By.CSS_SELECTOR, "#timeline > li.step"):
        docs = [(d.get_attribute("data-document"), d.get_attribute("textContent"))
                for d in step.find_elements(By.CSS_SELECTOR, ".step-doc")]
        out.append((step.get_attribute("data-step"), docs))
    return out


def test_slovenia_s_timeline_in_chromium(browser, tmp_path_factory, slovenia):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(browser, tmp_path_factory, slovenia, "slovenia")
    select(browser, "111.32")
    shown = timeline(browser)
    assert [step for step, _ in shown][:3] == ["issued", "response", "reported"]
    steps = dict(shown)
    [(issued_in, issued)] = steps["issued"]
    assert issued_in == "A/HRC/14/15" and "2010-03-15" in issued and "Slovenia, UPR cycle 1" in issued
    assert "by Spain: To promulgate a law on domestic violence" in issued
    responses = dict(steps["response"])
    assert list(responses) == ["A/HRC/14/15", "A/HRC/14/15/Add.1"]
    assert "to be examined" in responses["A/HRC/14/15"] and "¶ 111" in responses["A/HRC/14/15"]
    assert "not accepted; supported: Slovenia accepts the recommendation regarding the treatment" in responses["A/HRC/14/15/Add.1"]
    [(reported_in, reported)] = steps["reported"]
    assert reported_in == "A/HRC/WG.6/20/SVN/1" and "Slovenia, UPR cycle 2" in reported
    step = browser.find_element(By.CSS_SELECTOR, '#timeline li.step[data-step="reported"]')
    sections = [s.get_attribute("data-section") for s in step.find_elements(By.CSS_SELECTOR, ".step-section")]
    assert sections == ["C. Violence against women and domestic violence"]
    paragraphs = [e.get_attribute("data-paragraph") for e in step.find_elements(By.CSS_SELECTOR, ".step-entry")]
    assert paragraphs == [str(n) for n in range(72, 82)]
    # paragraph 72 shows its text with the instruments it names marked, and links to them
    entry = step.find_element(By.CSS_SELECTOR, '.step-entry[data-paragraph="72"]')
    entry.find_element(By.TAG_NAME, "summary").click()
    marks = [m.text for m in entry.find_elements(By.CSS_SELECTOR, "mark.t-legal")]
    assert "Criminal Code" in " ".join(marks) and "Family Violence Prevention Act" in marks
    if os.environ.get("UPRGRAPH_UPDATE_SCREENSHOTS"):  # the README's picture, refreshed on request only
        browser.execute_script("document.querySelector('#details [data-role=timeline]').scrollIntoView()")
        SCREENSHOT.write_bytes(browser.get_screenshot_as_png())
    # a link selects the instrument it names; the section's link selects its theme
    link = step.find_element(By.XPATH, './/div[@data-paragraph="77"]//a[contains(., "Police Tasks and Powers Act")]')
    browser.execute_script("arguments[0].scrollIntoView()", link)
    link.click()
    WebDriverWait(browser, PATIENCE).until(lambda d: d.find_element(By.ID, "detail-label").text == "Police Tasks and Powers Act")
    select(browser, "111.32")
    section = browser.find_element(By.CSS_SELECTOR, '#timeline li.step[data-step="reported"] .step-section a.node-link')
    browser.execute_script("arguments[0].scrollIntoView()", section)
    section.click()
    WebDriverWait(browser, PATIENCE).until(
        lambda d: d.find_element(By.ID, "detail-label").text == "C. Violence against women and domestic violence")
    assert "Theme" in browser.find_element(By.CSS_SELECTOR, "#details .kind").text

    # 111.84: not accepted in the addendum, reported nowhere
    select(browser, "111.84")
    steps = dict(timeline(browser))
    assert "reported" not in steps and list(steps)[:2] == ["issued", "response"]
    assert "not accepted: Slovenia cannot accept" in dict(steps["response"])["A/HRC/14/15/Add.1"]
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors


def test_kazakhstan_s_timeline_in_chromium(browser, tmp_path_factory, kazakhstan):
    from selenium.webdriver.common.by import By

    open_page(browser, tmp_path_factory, kazakhstan, "kazakhstan")
    select(browser, "95.43")
    steps = dict(timeline(browser))
    assert list(steps)[:3] == ["issued", "response", "reported"]
    [(issued_in, issued)] = steps["issued"]
    assert issued_in == "A/HRC/14/10" and "by Algeria: To continue efforts to eliminate torture" in issued
    assert "Kazakhstan, UPR cycle 1" in issued
    assert "supported" in dict(steps["response"])["A/HRC/14/10"]
    [(reported_in, reported)] = steps["reported"]
    assert reported_in == "A/HRC/WG.6/20/KAZ/1" and "Kazakhstan, UPR cycle 2" in reported
    step = browser.find_element(By.CSS_SELECTOR, '#timeline li.step[data-step="reported"]')
    sections = [s.get_attribute("data-section") for s in step.find_elements(By.CSS_SELECTOR, ".step-section")]
    assert sections[0] == "Protection against torture"
    assert sections[1].startswith("The right to liberty and security of person") and len(sections) == 2
    paragraphs = [int(e.get_attribute("data-paragraph")) for e in step.find_elements(By.CSS_SELECTOR, ".step-entry")]
    assert paragraphs == list(range(18, 31)) + list(range(39, 58))
    named = step.find_element(By.CSS_SELECTOR, '.step-entry[data-paragraph="21"] ul.named').text
    assert "Government decision No. 430, of 7 April 2012" in named

    # a 2nd-cycle recommendation: issued and answered in A/HRC/28/10, no later report in the chain
    select(browser, "124.1")
    steps = dict(timeline(browser))
    assert list(steps) == ["issued", "response"]
    [(issued_in, issued)] = steps["issued"]
    assert issued_in == "A/HRC/28/10" and "by Mexico: Adopt legislative measures to criminalize torture" in issued
    assert "Kazakhstan, UPR cycle 2" in issued
    assert "already implemented" in dict(steps["response"])["A/HRC/28/10"]
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors


# ---------------------------------------------------------------- plot: statuses per State and review


@pytest.mark.parametrize("chain", ["slovenia", "kazakhstan"])
def test_the_status_chart_plots_the_query_s_counts(chain, request, tmp_path):
    g = request.getfixturevalue(chain)
    reviews, statuses, counts = follow_up_status_data(g)
    expected = status_counts(g)
    assert counts == dict(expected)
    assert statuses == sorted({status for _, status in expected})
    state = "Slovenia" if chain == "slovenia" else "Kazakhstan"
    assert reviews == [f"{state}, UPR cycle 1", f"{state}, UPR cycle 2"]
    svg = render(g, "follow-up-status", "svg")
    png = render(g, "follow-up-status", "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    texts = ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert TITLES["follow-up-status"] in texts
    for status in statuses:
        assert status in texts
    for (_review, _status), n in counts.items():
        assert str(n) in texts
    assert render(g, "follow-up-status", "svg") == svg  # byte-identical


# ---------------------------------------------------------------- analyze: the share reported by the next review


@pytest.mark.parametrize("chain", ["slovenia", "kazakhstan"])
def test_the_share_agrees_with_follow_up_status(chain, request):
    g = request.getfixturevalue(chain)
    groups = response_groups()
    rows = records(run_all(g, ("follow-up-status",))["follow-up-status"])
    expected: Counter[tuple[str, str, bool]] = Counter()
    for row in rows:
        for group in groups_of(row["response"], groups):
            expected[(str(row["review"]), group, str(row["status"]).startswith("reported"))] += 1
    state = "Slovenia" if chain == "slovenia" else "Kazakhstan"
    shares = {(s.review, s.response): s for s in follow_up_shares(g)}
    assert set(shares) == {(f"{state}, UPR cycle {n}", group) for n in (1, 2) for group in ("accepted", "noted")}
    for (review, group), share in shares.items():
        reported, total = expected[(review, group, True)], expected[(review, group, True)] + expected[(review, group, False)]
        assert (share.reported, share.recommendations) == (reported, total), (review, group)
        if review.endswith("cycle 1"):
            assert share.next_report == ("A/HRC/WG.6/20/SVN/1" if state == "Slovenia" else "A/HRC/WG.6/20/KAZ/1")
            assert share.share == round(reported / total, 4)
        else:  # no national report of the 3rd review in the chain: no share, whatever the counts
            assert share.next_report == "" and share.share is None and share.reported == 0


def test_the_share_in_every_format(kazakhstan):
    from uprgraph.analyze import Analysis, format_analysis

    shares = follow_up_shares(kazakhstan)
    analysis = Analysis(nodes=0, edges=0, top=1, centrality=[], components=0, component_sizes=[], communities=[],
                        modularity=0.0, coverage=[], recommendations=0, reported_on=0, covered=0, with_instrument=0,
                        with_treaty_action=0, with_institution=0, follow_up=shares)
    accepted = next(s for s in shares if s.review == "Kazakhstan, UPR cycle 1" and s.response == "accepted")
    table = format_analysis(analysis, "table")
    line = next(line for line in table.splitlines() if line.startswith("Kazakhstan, UPR cycle 1") and " accepted " in line)
    assert f" {accepted.reported} " in line and f" {accepted.recommendations} " in line and f"{accepted.share:.1%}" in line
    markdown = format_analysis(analysis, "markdown")
    assert (f"| Kazakhstan, UPR cycle 1 | accepted | {accepted.reported} | {accepted.recommendations} | "
            f"{accepted.share:.1%} | A/HRC/WG.6/20/KAZ/1 |") in markdown
    assert "| Kazakhstan, UPR cycle 2 | accepted |" in markdown and "not in the dataset" in markdown
    data = json.loads(format_analysis(analysis, "json"))
    first = next(s for s in data["follow_up"] if s["review"] == "Kazakhstan, UPR cycle 1" and s["response"] == "accepted")
    assert (first["reported"], first["recommendations"], first["share"]) == (
        accepted.reported, accepted.recommendations, accepted.share)


def test_a_graph_without_recommendations():
    """No review, no chain: empty views, no error (and analyze's modularity of a graph without edges is 0)."""
    from rdflib import Graph, URIRef

    from uprgraph.analyze import analyze

    g = Graph()
    g.add((URIRef("http://example.org/a"), URIRef("http://example.org/b"), URIRef("http://example.org/c")))
    assert follow_up_shares(g) == [] and follow_up_status_data(g) == ([], [], {})
    texts = ["".join(t.itertext()) for t in ET.fromstring(render(g, "follow-up-status", "svg")).iter(f"{SVG}text")]
    assert "no recommendation in the graph" in texts
    assert explorer_data(g)["steps"] == []
    assert analyze(g).modularity == 0.0 and analyze(g).follow_up == []
