"""Addenda to Working Group reports: the State's later responses, read from the UN's PDFs.

Expectations come from reading the printed documents:

- A/HRC/28/15/Add.1 (Slovenia, 2015) answers the 163 recommendations of A/HRC/28/15 (paragraph 115)
  by list: paragraph 3 accepts 70 of them, paragraph 4 accepts 72 it considers already implemented
  or in the process of implementation (with a comment "Rec. 18 ..." on each), paragraph 5 notes 21
  ("accepts 142 recommendations ... notes 21", paragraph 2); endnote 1 says the numbers follow the
  list in paragraph 115. The OHCHR's thematic list of the same recommendations
  (reports/UPR20_Slovenia_thematic_list_of_recommendations.docx) gives each one's published position.
- A/HRC/14/15/Add.1 (Slovenia, 2010) answers the 97 recommendations of A/HRC/14/15 (paragraph 111)
  one by one ("84. Slovenia cannot accept the recommendation ...").
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from uprgraph.pipeline import build_many
from uprgraph.query.runner import run_query

REPORTS = Path(__file__).resolve().parents[1] / "reports"


def build(*names: str, validate: bool = True):  # type: ignore[no-untyped-def]
    return build_many([(name, (REPORTS / name).read_bytes()) for name in names], validate=validate)


@pytest.fixture(scope="module")
def second():  # type: ignore[no-untyped-def]
    return build("A_HRC_28_15.pdf", "A_HRC_28_15_Add.1.pdf")


@pytest.fixture(scope="module")
def first():  # type: ignore[no-untyped-def]
    return build("A_HRC_14_15.pdf", "A_HRC_14_15_Add.1.pdf")


def latest(result):  # type: ignore[no-untyped-def]
    found = run_query(result.graph, "recommendations", {})
    cols = found.columns
    return {row[0]: dict(zip(cols, row, strict=True)) for row in found.rows}


def test_the_addendum_is_read_as_one(second):
    assert second.summary["documents"] == "A/HRC/28/15, A/HRC/28/15/Add.1"
    assert second.summary["conforms"] is True
    assert second.summary["recommendations"] == 163
    addendum = next(s for s in second.sources if s.kind == "addendum").addendum
    assert addendum.symbol == "A/HRC/28/15/Add.1" and addendum.parent_symbol == "A/HRC/28/15"
    assert addendum.state_code == "SVN" and addendum.date == "2015-03-04"
    assert addendum.stated is not None and addendum.stated.paragraphs == (115,)
    # the document's own totals: 70 + 72 accepted (paragraphs 3 and 4), 21 noted (paragraph 5)
    assert Counter(r.status for r in addendum.responses) == {"supported": 70, "already-implemented": 72, "noted": 21}
    assert not [w for w in second.warnings if "Add.1" in w and "left out" in w]


def test_responses_by_category_and_comment(second):
    rows = latest(second)
    assert rows["115.1"]["response"] == "supported" and rows["115.1"]["response_source"] == "A/HRC/28/15/Add.1"
    assert rows["115.18"]["response"] == "already implemented"
    assert rows["115.6"]["response"] == "noted" and rows["115.163"]["response"] == "noted"
    assert rows["115.150"]["response"] == "already implemented"  # "150 – 152", spaced dash, in paragraph 4
    assert rows["115.152"]["response"] == "already implemented"
    assert rows["115.18"]["all_responses"] == "already implemented (A/HRC/28/15/Add.1); to be examined (A/HRC/28/15)"
    from rdflib import URIRef

    from uprgraph.namespaces import UPR

    response = URIRef("https://w3id.org/uprgraph/id/review/SVN/2/recommendation/115.18/response/A-HRC-28-15-Add.1/already-implemented")
    comment = str(second.graph.value(response, UPR.responseText))
    assert comment.startswith("We consider that this recommendation is implemented. The National Assembly ratified")
    seen = URIRef("https://w3id.org/uprgraph/id/review/SVN/2/recommendation/115.72/response/A-HRC-28-15-Add.1/already-implemented")
    assert str(second.graph.value(seen, UPR.responseText)) == "See recommendation 71."
    noted = URIRef("https://w3id.org/uprgraph/id/review/SVN/2/recommendation/115.9/response/A-HRC-28-15-Add.1/noted")
    assert str(second.graph.value(noted, UPR.responseText)).startswith("The Government of the Republic of Slovenia is currently not planning to ratify")


def published_positions() -> dict[str, str]:
    """Recommendation -> "Supported" / "Noted", from the OHCHR's thematic list (a Word document's table)."""
    xml = zipfile.ZipFile(REPORTS / "UPR20_Slovenia_thematic_list_of_recommendations.docx").read("word/document.xml").decode()
    positions = {}
    for row in re.findall(r"<w:tr[ >].*?</w:tr>", xml, re.S):
        cells = [" ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", c)) for c in re.findall(r"<w:tc>.*?</w:tc>", row, re.S)]
        number = re.match(r"\s*(115\.\d+)\s", cells[0]) if len(cells) >= 2 else None
        if number:
            positions[number.group(1)] = cells[1].strip()
    return positions


def test_responses_match_the_published_positions(second):
    positions = published_positions()
    assert len(positions) == 163
    rows = latest(second)
    said = {"supported": "Supported", "already implemented": "Supported", "noted": "Noted"}
    agree = sum(said.get(rows[n]["response"]) == p for n, p in positions.items())
    assert agree / len(positions) >= 0.95, agree


def test_the_per_recommendation_layout(first):
    assert first.summary["conforms"] is True and first.summary["recommendations"] == 97
    rows = latest(first)
    # read from the printed addendum
    assert rows["111.84"]["response"] == "not accepted"  # "Slovenia cannot accept the recommendation for the following reasons"
    assert rows["111.88"]["response"] == "not accepted"  # "does not accept this recommendation"
    assert rows["111.93"]["response"] == "not accepted"
    assert rows["111.2"]["response"] == "supported" and rows["111.2"]["response_source"] == "A/HRC/14/15/Add.1"
    for n in (5, 6, 7, 8, 9):  # "5., 6., 7., 8., 9. The Slovenian Government accepts these recommendations"
        assert rows[f"111.{n}"]["response"] == "supported"
    for n in (40, 41, 42, 43, 44):  # a head wrapped over two lines: "40., 41., 42.," / "43., 44."
        assert rows[f"111.{n}"]["response"] == "already implemented"
    assert rows["111.13"]["response"] == "already implemented"  # "accepts the recommendation and has already implemented it"
    # accepted in part: "accepts the recommendation regarding the treatment ... cannot accept the recommendation to promulgate a law"
    assert set(rows["111.32"]["response"].split("; ")) == {"supported", "not accepted"}
    # "cannot, at this point in time, make a definitive statement" is no category: left as it was, with a warning
    assert rows["111.1"]["response"] == "to be examined" and rows["111.1"]["response_source"] == "A/HRC/14/15"
    assert any("recommendation(s) 1 names no response" in w for w in first.warnings)
    assert any("recommendation(s) 15 names no response" in w for w in first.warnings)
    not_accepted = {r[0] for r in run_query(first.graph, "not-accepted", {}).rows}
    assert not_accepted == {"111.32", "111.58", "111.84", "111.88", "111.93"}


def test_without_its_working_group_report_the_stated_numbering_still_resolves():
    alone = build("A_HRC_28_15_Add.1.pdf")
    assert alone.summary["conforms"] is True
    assert alone.summary["recommendations"] == 163  # "numbered as in paragraph 115" and "the 2nd Universal Periodic Review"
    assert latest(alone)["115.163"]["response"] == "noted"


def test_without_its_working_group_report_an_unstated_numbering_is_left_out():
    alone = build("A_HRC_14_15_Add.1.pdf", validate=False)
    assert alone.summary["recommendations"] == 0
    assert any("left out" in w for w in alone.warnings)


def test_full_numbers_and_statements_by_list_in_a_synthetic_addendum():
    """tests/data/synthetic_XXC_addendum.txt (synthetic, see tests/data/README.md): full numbers, four
    categories, comments "Recommendation 3.5: ..."; the State comes from its Working Group report."""
    data = Path(__file__).resolve().parent / "data"
    result = build_many([(n, (data / n).read_bytes()) for n in ("synthetic_XXC_working_group.txt", "synthetic_XXC_addendum.txt")])
    assert result.summary["conforms"] is True and result.summary["recommendations"] == 10
    rows = latest(result)
    assert {n: r["response"] for n, r in rows.items()} == {
        "3.1": "supported", "3.3": "supported", "3.4": "supported", "4.2": "supported",
        "3.2": "already implemented", "3.6": "already implemented",
        "3.5": "noted", "4.1": "noted", "4.3": "noted", "4.4": "not accepted"}
    assert {r["response_source"] for r in rows.values()} == {"A/HRC/52/9/Add.1"}
    assert {r[0] for r in run_query(result.graph, "not-accepted", {}).rows} == {"4.4"}


@pytest.mark.parametrize("name", ["recommendations", "not-accepted", "recommendations-by-state"])
def test_response_queries_give_the_same_rows_on_rdflib_and_oxigraph(first, name):
    """With an addendum in the dataset, the queries that pick the latest response give the same rows,
    in the same order, on both engines (tests/test_store.py checks the default pair)."""
    from uprgraph.query import runner
    from uprgraph.store import open_store

    memory, oxigraph = open_store("memory"), open_store("oxigraph")
    memory.replace_graphs(first.named_graphs())
    oxigraph.replace_graphs(first.named_graphs())
    bound = runner.prepare(name, {})
    expected, got = memory.backend()(bound), oxigraph.backend()(bound)
    assert expected.rows and got.columns == expected.columns
    assert got.rows == expected.rows


def test_the_chain_of_slovenia_s_first_review():
    """Working Group report, addendum and the next national report together: the national report's
    headings cite 96 links by bare number (tests/test_numbering.py), the addendum gives the latest
    response. Read from the documents: recommendation 84 (rejected in the addendum) is left out of the
    national report's heading "F. ... (recommendations 77–83, 85–87)"; 32 (accepted in part) is reported
    under "C. Violence against women and domestic violence (recommendations 18, 23, 32–39, 72)"."""
    result = build("A_HRC_14_15.pdf", "A_HRC_14_15_Add.1.pdf", "A_HRC_WG.6_20_SVN_1.pdf")
    assert result.summary["conforms"] is True and result.summary["recommendations"] == 97
    rows = {(r[0], r[1]) for r in run_query(result.graph, "not-accepted", {}).rows}
    assert ("111.84", None) in rows
    assert ("111.32", "C. Violence against women and domestic violence") in rows
    assert latest(result)["111.84"]["response_source"] == "A/HRC/14/15/Add.1"
