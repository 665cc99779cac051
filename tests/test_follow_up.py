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


FIRST = "Slovenia, UPR cycle 1"
STEPS = ["issued", "response", "reported", "assessed", "repeated"]


@pytest.fixture(scope="module")
def slovenia(slovenia_chain):  # type: ignore[no-untyped-def]
    """Slovenia's chain of both reviews (tests/conftest.py builds it once for the session)."""
    return slovenia_chain


def chain(result, rec: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    found = run_query(result.graph, "follow-up", {"rec": rec})
    return [dict(zip(found.columns, row, strict=True)) for row in found.rows]


def test_a_partly_accepted_recommendation_of_slovenia_s_first_review(slovenia):
    rows = chain(slovenia, "111.32")
    assert {r["review"] for r in rows} == {"Slovenia, UPR cycle 1"}
    steps = [r["step"] for r in rows]
    assert steps == sorted(steps, key=STEPS.index)
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


def statuses(result, review: str | None = None) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    """follow-up-status's rows by recommendation number, on Oxigraph (rdflib takes minutes over its sub-selects
    on a chain of five documents; tests/test_store.py shows both engines give the same rows)."""
    from uprgraph.follow_up import records, run_all

    rows = records(run_all(result.graph, ("follow-up-status",))["follow-up-status"])
    return {str(r["recommendation"]): r for r in rows if review is None or r["review"] == review}


def test_follow_up_status_of_slovenia_s_first_review(slovenia):
    rows = statuses(slovenia, FIRST)
    assert len(rows) == 97
    # 111.32: reported under heading C, whose paragraph 72 names the Criminal Code
    assert rows["111.32"]["status"] == "reported with a legal measure"
    assert "Criminal Code (paragraph 72)" in str(rows["111.32"]["evidence"])
    # 111.84: not accepted in the addendum, absent from heading F's list "77-83, 85-87", and asked again at the
    # next review: A/HRC/28/15's 115.99, "facilitate access of the erased to citizenship" (judged a repeat by
    # reading, tests/gold/repeated_pairs.csv); the response column keeps the refusal
    assert rows["111.84"]["status"] == "repeated" and rows["111.84"]["response"] == "not accepted"
    assert rows["111.84"]["evidence"] == "recommended again as 115.99 (A/HRC/28/15)"
    assert rows["111.84"]["repeated_as"] == "115.99 (A/HRC/28/15)"
    # 111.88: not accepted, not reported on, not asked again: noted
    assert rows["111.88"]["status"] == "noted" and rows["111.88"]["evidence"] == "not accepted (A/HRC/14/15/Add.1)"
    assert rows["111.88"]["repeated_as"] is None
    # every status is one the national report or the addendum supports: a reported one has a section
    for row in rows.values():
        if str(row["status"]).startswith("reported"):
            assert str(row["evidence"]).startswith("A/HRC/WG.6/20/SVN/1, section ")
        elif row["status"] == "not reported":
            assert row["evidence"] == "no section of A/HRC/WG.6/20/SVN/1 reports on it"
        elif row["status"] == "repeated":  # not reported on, and asked again at the next review
            assert str(row["evidence"]).startswith("recommended again as 115.") and row["repeated_as"]
    # a second route: the recommendations some section reports on, from recommendations-by-section
    by_section = {str(r[1]) for r in run_query(slovenia.graph, "recommendations-by-section", {}).rows}
    assert by_section == {n for n, r in rows.items() if str(r["status"]).startswith("reported")}


def test_without_the_next_national_report_nothing_is_called_not_reported():
    names = ("A_HRC_28_15.pdf", "A_HRC_28_15_Add.1.pdf")
    result = build_many([(name, (REPORTS / name).read_bytes()) for name in names], validate=False)
    found = {(r["response"], r["status"]) for r in statuses(result).values()}
    assert found == {("supported", "no later report"), ("already implemented", "no later report"), ("noted", "noted")}


@pytest.mark.parametrize("state", ["slovenia", "kazakhstan"])
def test_follow_up_summary_agrees_with_recommendations_and_sections(state, request):
    """The counts by a second route, on each shared chain: responses from `recommendations`, reported ones
    from `recommendations-by-section`, repeated ones from `repeated-recommendations`."""
    from collections import Counter

    result = request.getfixturevalue(f"{state}_chain")
    summary = run_query(result.graph, "follow-up-summary", {})
    by_response: Counter[tuple[str, str]] = Counter()
    reported = repeated_status = 0
    repeated: Counter[str] = Counter()
    for review, response, status, count, again in summary.rows:
        by_response[(str(review), str(response))] += int(count)
        reported += int(count) if str(status).startswith("reported") else 0
        repeated_status += int(count) if status == "repeated" else 0
        repeated[str(review)] += int(again)
    recs = run_query(result.graph, "recommendations", {})
    col = {c: i for i, c in enumerate(recs.columns)}
    expected = Counter((str(r[col["review"]]), str(r[col["response"]] or "none")) for r in recs.rows)
    assert by_response == expected and sum(expected.values()) == {"slovenia": 97 + 163, "kazakhstan": 128 + 194}[state]
    by_section = {str(r[1]) for r in run_query(result.graph, "recommendations-by-section", {}).rows}
    assert reported == len(by_section) == {"slovenia": 87, "kazakhstan": 116}[state]
    pairs = run_query(result.graph, "repeated-recommendations", {})
    earlier = {(str(r[1]), str(r[2])) for r in pairs.rows}
    assert sum(repeated.values()) == len(earlier) > 0
    assert set(repeated) - {r for r, _ in earlier} == {r for r, n in repeated.items() if n == 0}
    # a "repeated" status is one only the link supports: every such recommendation is in the pairs
    rows = statuses(result)
    assert {(r["review"], n) for n, r in rows.items() if r["status"] == "repeated"} <= earlier
    assert repeated_status == sum(1 for r in rows.values() if r["status"] == "repeated") > 0


# Acceptance (issue 19) on the shared chains: every recommendation the next national report cites under a
# section has that section and its paragraphs in its follow-up chain. Expectations from reading the printed
# A/HRC/WG.6/20/SVN/1 (chapter III: each heading's recommendation list as printed, bare numbers of
# A/HRC/14/15's paragraph 111; its paragraphs up to the next heading; a lettered heading keeps only the
# paragraphs before its first numbered sub-heading).
SLOVENIA_SECTIONS = [
    ("A. Rule of law", "30-31, 54-57", range(31, 37)),
    ("B. Anti-discrimination measures", "19, 21, 26, 63, 64", range(37, 43)),
    ("1. Gender equality and empowerment of women", "4, 14, 22, 23, 25, 65-70, 74", range(43, 52)),
    ("2. Same-sex partnerships", "5, 6, 7, 8, 22", range(52, 53)),
    ("3. Rights of persons with disabilities", "4, 22", range(53, 57)),
    ("4. Rights of national, Roma and other ethnic communities", "27-29, 71, 73, 76, 89-92, 94, 95", range(57, 72)),
    ("C. Violence against women and domestic violence", "18, 23, 32-39, 72", range(72, 82)),
    ("D. Children's rights and violence against children", "4, 9, 12, 13, 17, 24, 50-53, 75", range(82, 88)),
    ("E. Freedom of religion and belief", "59, 60, 61, 62", range(88, 89)),
    ("F. Persons transferred from the Register of Permanent Residents", "77-83, 85-87", range(89, 98)),
    ("G. Rights of aliens and asylum seekers", "1, 4, 27, 96", range(98, 101)),
    ("H. Trafficking in human beings", "11, 16, 39-50", range(101, 107)),
]
# A/HRC/WG.6/20/KAZ/1: each section's recommendations as tests/gold/A_HRC_WG.6_20_KAZ_1.json annotates them
# (by reading), and the first paragraph under each heading as the report prints it; a section runs to the
# paragraph before the next heading's, the last one to paragraph 238 ("V. Challenges for the future" opens 239).
KAZAKHSTAN_FIRST_PARAGRAPHS = [6, 12, 16, 18, 31, 39, 58, 75, 88, 101, 112, 116, 121, 126, 133, 150, 160, 178,
                               184, 195, 210, 218, 224, 229, 239]


def numbers(printed: str, paragraph: int = 111) -> list[str]:
    out = []
    for part in printed.split(", "):
        first, _, last = part.partition("-")
        out += [f"{paragraph}.{n}" for n in range(int(first), int(last or first) + 1)]
    return out


def expected_chains(state: str) -> set[tuple[str, str, int]]:
    """(recommendation, heading, paragraph) the reading expects in the follow-up chains."""
    if state == "slovenia":
        return {(rec, heading, p) for heading, printed, paragraphs in SLOVENIA_SECTIONS
                for rec in numbers(printed) for p in paragraphs}
    import json

    gold = json.loads((Path(__file__).parent / "gold" / "A_HRC_WG.6_20_KAZ_1.json").read_text(encoding="utf-8"))
    sections = gold["sections"]
    assert len(sections) == len(KAZAKHSTAN_FIRST_PARAGRAPHS) - 1
    return {(rec, s["heading"], p) for s, first, after in zip(sections, KAZAKHSTAN_FIRST_PARAGRAPHS, KAZAKHSTAN_FIRST_PARAGRAPHS[1:])
            for rec in s["recommendations"] for p in range(first, after)}


@pytest.mark.parametrize("state", ["slovenia", "kazakhstan"])
def test_every_cited_recommendation_has_its_sections_and_paragraphs_in_its_chain(state, request):
    from uprgraph.follow_up import records, run_all

    result = request.getfixturevalue(f"{state}_chain")
    expected = expected_chains(state)
    found = set()
    # every chain at once (rec unbound), on Oxigraph: rdflib takes seconds per chain on these graphs
    for row in records(run_all(result.graph, ("follow-up",))["follow-up"]):
        rec = str(row["recommendation"])
        if row["step"] == "reported" and row["paragraph"] is not None and row["review"].endswith("cycle 1"):
            # the graph's section title may carry the heading's longer printed form: matched by its start
            heading = next((h for r, h, _ in expected if r == rec and str(row["section"]).startswith(h[:40])), None)
            if heading is not None:
                found.add((rec, heading, int(str(row["paragraph"]))))
    recall = len(found & expected) / len(expected)
    assert recall >= 0.95, (recall, sorted(expected - found)[:20])


def test_latest_responses_agree_with_the_published_positions(slovenia, kazakhstan_chain):
    """Slovenia's 2nd review: the OHCHR thematic list's positions (tests/test_addendum.py reads them).
    Kazakhstan, read from the documents: A/HRC/14/10 paragraph 95 supported, paragraph 97 "to be examined",
    of which A/HRC/WG.6/20/KAZ/1 paragraph 5 does not accept 97.1, 97.2, 97.3, 97.4, 97.10 and 97.12;
    A/HRC/28/10 paragraphs 124 and 125 supported (124 "already implemented", 125 "in the process of being
    implemented"), 126 noted."""
    from test_addendum import published_positions

    supported = {"supported", "already implemented", "already implemented; supported"}
    said = {n: r["response"] for n, r in statuses(slovenia, "Slovenia, UPR cycle 2").items()}
    positions = published_positions()
    agree = sum((said[n] in supported) == (p == "Supported") and (said[n] == "noted") == (p == "Noted") for n, p in positions.items())
    assert len(positions) == 163 and agree / 163 >= 0.95, agree
    rows = statuses(kazakhstan_chain)
    refused = {"97.1", "97.2", "97.3", "97.4", "97.10", "97.12"}

    def published(n: str) -> str:
        paragraph = n.split(".")[0]
        if paragraph in ("95", "124", "125"):
            return "supported"
        if paragraph == "126":
            return "noted"
        return "not accepted" if n in refused else "to be examined"

    agree = sum((rows[n]["response"] in supported and published(n) == "supported") or rows[n]["response"] == published(n) for n in rows)
    assert len(rows) == 128 + 194 and agree / len(rows) >= 0.95, agree
