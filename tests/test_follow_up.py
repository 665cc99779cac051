"""The follow-up of a recommendation across its documents (issue 19), on the shared chains.

Expectations come from reading the printed documents:

- A/HRC/14/15, paragraph 111, item 32 (Spain): "To promulgate a law on domestic violence ...";
  paragraph 111 leaves it "to be examined". A/HRC/14/15/Add.1 answers it in part: "Slovenia accepts
  the recommendation regarding the treatment of those responsible for domestic violence ..." (read as
  one supported and one not-accepted part). A/HRC/WG.6/20/SVN/1 reports on it under "C. Violence
  against women and domestic violence (recommendations 18, 23, 32-39, 72)", paragraphs 72-81.
- A/HRC/14/15/Add.1 cannot accept 111.84; SVN/1's heading F lists "77-83, 85-87": no reported step.
- A/HRC/14/10, paragraph 95, item 43 (Algeria), torture and detention; KAZ/1 reports on it under
  "Protection against torture" (paragraphs 18-30) and "The right to liberty and security of person
  and the prison situation" (paragraphs 39-57).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from uprgraph.pipeline import build_many
from uprgraph.query.runner import run_query

REPORTS = Path(__file__).resolve().parents[1] / "reports"


@pytest.fixture(scope="module")
def slovenia():  # type: ignore[no-untyped-def]
    names = ("A_HRC_14_15.pdf", "A_HRC_14_15_Add.1.pdf", "A_HRC_WG.6_20_SVN_1.pdf")
    return build_many([(name, (REPORTS / name).read_bytes()) for name in names], validate=False)


def chain(result, rec: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    found = run_query(result.graph, "follow-up", {"rec": rec})
    return [dict(zip(found.columns, row, strict=True)) for row in found.rows]


def test_a_partly_accepted_recommendation_of_slovenia_s_first_review(slovenia):
    rows = chain(slovenia, "111.32")
    assert {r["review"] for r in rows} == {"Slovenia, UPR cycle 1"}
    steps = [r["step"] for r in rows]
    assert steps == sorted(steps, key=["issued", "response", "reported", "assessed"].index)
    issued = [r for r in rows if r["step"] == "issued"]
    assert len(issued) == 1 and issued[0]["document"] == "A/HRC/14/15"
    assert str(issued[0]["detail"]).startswith("by Spain: To promulgate a law on domestic violence")
    responses = {(r["document"], str(r["detail"]).split(":")[0]) for r in rows if r["step"] == "response"}
    assert responses == {("A/HRC/14/15", "to be examined"), ("A/HRC/14/15/Add.1", "supported"),
                         ("A/HRC/14/15/Add.1", "not accepted")}
    assert any("treatment of those responsible for domestic violence" in str(r["detail"])
               for r in rows if r["step"] == "response" and r["document"] == "A/HRC/14/15/Add.1")
    reported = [r for r in rows if r["step"] == "reported"]
    assert {r["document"] for r in reported} == {"A/HRC/WG.6/20/SVN/1"}
    assert {r["section"] for r in reported} == {"C. Violence against women and domestic violence"}
    assert [int(r["paragraph"]) for r in reported] == list(range(72, 82))


def test_a_rejected_recommendation_has_no_reported_step(slovenia):
    rows = chain(slovenia, "111.84")
    steps = {r["step"] for r in rows}
    assert "issued" in steps and "response" in steps and "reported" not in steps
    assert any(r["document"] == "A/HRC/14/15/Add.1" and str(r["detail"]).startswith("not accepted")
               for r in rows if r["step"] == "response")


def test_the_chain_by_iri_equals_the_chain_by_number(pair):
    by_number = chain(pair, "95.43")
    by_iri = chain(pair, "https://w3id.org/uprgraph/id/review/KAZ/1/recommendation/95.43")
    assert by_number == by_iri
    reported = {(r["section"], int(r["paragraph"])) for r in by_number if r["step"] == "reported"}
    assert {p for s, p in reported if s == "Protection against torture"} == set(range(18, 31))
    assert {p for s, p in reported if s.startswith("The right to liberty and security")} == set(range(39, 58))
    assert next(r for r in by_number if r["step"] == "issued")["detail"].startswith("by Algeria: To continue efforts")


def test_an_unknown_number_gives_no_rows(pair):
    assert chain(pair, "999.1") == []


def statuses(result) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    found = run_query(result.graph, "follow-up-status", {})
    return {str(row[0]): dict(zip(found.columns, row, strict=True)) for row in found.rows}


def test_follow_up_status_of_slovenia_s_first_review(slovenia):
    rows = statuses(slovenia)
    assert len(rows) == 97
    # 111.32: reported under heading C, whose paragraph 72 names the Criminal Code
    assert rows["111.32"]["status"] == "reported with a legal measure"
    assert "Criminal Code (paragraph 72)" in str(rows["111.32"]["evidence"])
    # 111.84: not accepted in the addendum, absent from heading F's list "77-83, 85-87"
    assert rows["111.84"]["status"] == "noted"
    assert rows["111.84"]["evidence"] == "not accepted (A/HRC/14/15/Add.1)"
    # every status is one the national report or the addendum supports: a reported one has a section
    for row in rows.values():
        if str(row["status"]).startswith("reported"):
            assert str(row["evidence"]).startswith("A/HRC/WG.6/20/SVN/1, section ")
        elif row["status"] == "not reported":
            assert row["evidence"] == "no section of A/HRC/WG.6/20/SVN/1 reports on it"
    # a second route: the recommendations some section reports on, from recommendations-by-section
    by_section = {str(r[1]) for r in run_query(slovenia.graph, "recommendations-by-section", {}).rows}
    assert by_section == {n for n, r in rows.items() if str(r["status"]).startswith("reported")}


def test_without_the_next_national_report_nothing_is_called_not_reported():
    names = ("A_HRC_28_15.pdf", "A_HRC_28_15_Add.1.pdf")
    result = build_many([(name, (REPORTS / name).read_bytes()) for name in names], validate=False)
    found = {(r["response"], r["status"]) for r in statuses(result).values()}
    assert found == {("supported", "no later report"), ("already implemented", "no later report"), ("noted", "noted")}


def test_follow_up_summary_agrees_with_recommendations_and_sections(slovenia):
    """The counts by a second route: responses from `recommendations`, reported ones from
    `recommendations-by-section`."""
    from collections import Counter

    summary = run_query(slovenia.graph, "follow-up-summary", {})
    by_response: Counter[tuple[str, str]] = Counter()
    reported = 0
    for review, response, status, count in summary.rows:
        by_response[(str(review), str(response))] += int(count)
        reported += int(count) if str(status).startswith("reported") else 0
    recs = run_query(slovenia.graph, "recommendations", {})
    col = {c: i for i, c in enumerate(recs.columns)}
    expected = Counter((str(r[col["review"]]), str(r[col["response"]] or "none")) for r in recs.rows)
    assert by_response == expected and sum(expected.values()) == 97
    by_section = {str(r[1]) for r in run_query(slovenia.graph, "recommendations-by-section", {}).rows}
    assert reported == len(by_section) == 87


def test_the_judged_repeated_pairs_give_the_reported_precision():
    """tests/gold/repeated_pairs.csv: 29 pairs (the best-matching earlier recommendation of a sample of
    A/HRC/28/15's, stratified by score), judged by reading. At the cosine threshold 0.35 the sample's
    precision is 13/17; recomputed here from the file so the README's figure cannot drift."""
    import csv

    rows = list(csv.DictReader((Path(__file__).parent / "gold" / "repeated_pairs.csv").open(encoding="utf-8")))
    assert len(rows) == 29 and {r["repeats"] for r in rows} == {"yes", "no"}
    above = [r for r in rows if float(r["tfidf_cosine"]) >= 0.35]
    assert (sum(r["repeats"] == "yes" for r in above), len(above)) == (13, 17)
