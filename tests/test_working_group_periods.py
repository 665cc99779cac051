"""Working Group reports of every period (issue 16, points 4 and 6).

Real reports, from ../shared/reports/ (see its SOURCES.md; CI has shared/ beside the clone). Every
expectation was read from the printed documents (``pdftotext -layout``), not from the program's output:

- A/HRC/28/15 (Slovenia, 2014): paragraph 115, "The recommendations listed below will be examined by
  Slovenia which will provide responses in due time ...", items 115.1-115.163, then paragraph 116;
- A/HRC/14/15 (Slovenia, 2010): paragraph 111, "... will be examined by Slovenia, which will provide
  responses in due course ...", items "1." to "97." in the 2010 layout, several States' wordings
  grouped under one number ("To ratify (Spain)/consider the possibility of ratifying (Argentina) the ...
  (Spain, Argentina) and of accepting ... (Argentina);");
- A/HRC/28/10 (Kazakhstan, 2014): paragraph 124 (47 items, "enjoy the support of Kazakhstan, which
  considers that they have already been implemented"), 125 (96 items, "... in the process of being
  implemented"), 126 (51 items, "did not enjoy the support of Kazakhstan and would thus be noted").

The synthetic report tests/data/synthetic_XXC_working_group_2008.txt (written for these tests; "Xanadu"
and "XXC" are made up) has the 2008 layout that no shared document has: "the following recommendations
were made to Xanadu:" with the response in a later paragraph, items ending in full stops, "Page 10"
in the running header, co-sponsors in consecutive brackets, and a list whose wording names no response.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from components import need_shared

from uprgraph.errors import InputError
from uprgraph.ingest.working_group import (
    ALREADY_IMPLEMENTED,
    NOT_ACCEPTED,
    NOTED,
    SUPPORTED,
    TO_BE_EXAMINED,
    UNCLASSIFIED,
    classify,
    parse_working_group,
    split_authors,
)
from uprgraph.pipeline import _parse, build_many

SHARED = Path(__file__).resolve().parents[2] / "shared" / "reports"
XXC = Path(__file__).parent / "data" / "synthetic_XXC_working_group_2008.txt"


shared = need_shared  # the missing-component rule of tests/components.py


@pytest.fixture(scope="module")
def svn_2014():  # type: ignore[no-untyped-def]
    path = shared("A_HRC_28_15.pdf")
    return _parse(path.read_bytes(), path.name)


def test_slovenia_2014_every_recommendation(svn_2014):
    assert (svn_2014.symbol, svn_2014.state_code, svn_2014.wg_session) == ("A/HRC/28/15", "SVN", 20)
    assert [r.number for r in svn_2014.recommendations] == [f"115.{n}" for n in range(1, 164)]
    assert {r.response for r in svn_2014.recommendations} == {TO_BE_EXAMINED}
    three = svn_2014.recommendation("115.3")
    assert (three.text, three.states) == ("Ratify the Optional Protocol to the Rights of the Child on a communications procedure",
                                          ("Portugal", "Slovakia"))
    six = svn_2014.recommendation("115.6")
    assert six.text == "Ratify the International Convention on the Rights of All Migrant Workers and Members of Their Families (ICRMW)"
    assert six.states == ("Iran (Islamic Republic of)",) and six.state_codes == ("IRN",)
    assert svn_2014.recommendation("115.8").state_codes == ("SEN", "SLE", "VEN", "PER", "URY")
    last = svn_2014.recommendation("115.163")
    assert (last.text, last.states) == ("Establish conventions that will guarantee the non-violation of migrants\u2019 rights", ("Nigeria",))


def test_slovenia_2014_names_every_state_from_the_registry(svn_2014):
    """115.72 is recommended by "the former Yugoslav Republic of Macedonia", the name of 2014."""
    assert svn_2014.recommendation("115.72").state_codes == ("MKD",)
    assert not [w for w in svn_2014.warnings if "not in the States registry" in w]


def test_slovenia_2010_grouped_wordings_name_every_state():
    path = shared("A_HRC_14_15.pdf")
    report = _parse(path.read_bytes(), path.name)
    assert (report.symbol, report.state_code, report.wg_session) == ("A/HRC/14/15", "SVN", 7)
    assert [r.number for r in report.recommendations] == [f"111.{n}" for n in range(1, 98)]
    assert {r.response for r in report.recommendations} == {TO_BE_EXAMINED}
    assert report.recommendation("111.1").states == ("Algeria", "Egypt", "Bosnia and Herzegovina", "Argentina")
    assert report.recommendation("111.2").states == ("Spain", "Argentina")
    assert report.recommendation("111.10").text == "To strengthen the Slovenian Human Rights Ombudsman"
    assert report.recommendation("111.10").states == ("Egypt",)


def test_kazakhstan_2014_three_lists():
    path = shared("A_HRC_28_10.txt")
    report = _parse(path.read_bytes(), path.name)
    assert (report.symbol, report.state_code) == ("A/HRC/28/10", "KAZ")
    counts = {p: len(report.in_paragraph(p)) for p in (124, 125, 126)}
    assert counts == {124: 47, 125: 96, 126: 51}
    assert {r.response for r in report.in_paragraph(124)} == {ALREADY_IMPLEMENTED}
    assert {r.response for r in report.in_paragraph(125)} == {ALREADY_IMPLEMENTED}
    assert {r.response for r in report.in_paragraph(126)} == {NOTED}
    first = report.recommendation("124.1")
    assert first.states == ("Mexico",) and first.text.startswith("Adopt legislative measures to criminalize torture")
    assert report.recommendation("126.51").states == ("Uruguay",)


@pytest.fixture(scope="module")
def xxc():  # type: ignore[no-untyped-def]
    return parse_working_group(XXC.read_text(encoding="utf-8"), XXC.name)


def test_the_2008_layout(xxc):
    # the State from the national report's symbol, printed wrapped at a slash ("A/HRC/WG.6/2/" "XXC/1")
    assert (xxc.symbol, xxc.state_code, xxc.wg_session, xxc.review_date) == ("A/HRC/8/99", "XXC", 2, "2008-05-09")
    got = {r.number: (r.response, r.states) for r in xxc.recommendations}
    assert got == {
        "41.1": (SUPPORTED, ("Spain", "Argentina")),  # "The recommendations listed above enjoy the support of Xanadu."
        "41.2": (SUPPORTED, ("France", "Lithuania")),
        "41.3": (SUPPORTED, ("Chile", "Canada")),
        "41.4": (SUPPORTED, ("Mexico",)),  # after "Page 10" in the running header, and items ending in full stops
        "43.1": (TO_BE_EXAMINED, ("Italy", "Sweden")),
        "43.2": (TO_BE_EXAMINED, ("Norway",)),
        "44.1": (UNCLASSIFIED, ("Ireland",)),
    }
    assert xxc.recommendation("41.2").text == "To establish a national human rights institution in accordance with the Paris Principles"


def test_an_unknown_wording_is_kept_unclassified_with_a_warning(xxc):
    warnings = [w for w in xxc.warnings if "unclassified" in w]
    assert warnings == [
        f"{XXC.name}: line 70: paragraph 44 lists 1 recommendation but no known wording says what the State did "
        "with them; kept as unclassified: 'At the request of Xanadu, the recommendations below were grouped as follows:'"
    ]


def test_the_2008_layout_builds_a_conforming_graph():
    result = build_many([(XXC.name, XXC.read_bytes())])
    assert result.summary["recommendations"] == 7 and result.summary["conforms"] is True


@pytest.mark.parametrize(("chapeau", "response"), [
    # 2009-2011 wordings, as printed in Working Group reports of those years (rochelleterman/uprs)
    ("X would study the conformity of the following recommendations with the national legislation and will provide its answer in due time:", TO_BE_EXAMINED),
    ("X will examine the above recommendations and will respond in due course.", TO_BE_EXAMINED),
    ("The recommendations listed below will be further examined by X and responses will be provided in due time:", TO_BE_EXAMINED),
    ("The response of X to these recommendations will be included in the outcome report adopted by the Human Rights Council.", TO_BE_EXAMINED),
    ("The recommendations formulated during the interactive dialogue and listed below have been examined by X and enjoy its support:", SUPPORTED),
    ("The recommendations which appear below have been examined by X and do not enjoy its support:", NOT_ACCEPTED),
    ("X considers that the recommendations below cannot be accepted:", NOT_ACCEPTED),
    ("The following recommendations were rejected by X:", NOT_ACCEPTED),
    ("The following recommendations were noted by X:", NOTED),
    ("X notes the following recommendations and will provide appropriate responses in due time:", TO_BE_EXAMINED),
    ("In the course of the discussion, the following recommendations were made to X:", None),
])
def test_response_wordings(chapeau, response):
    assert classify(chapeau) == response


def test_co_sponsors_in_consecutive_brackets_are_all_recommending_states():
    assert split_authors("Ratify the Convention for the Protection of All Persons from Enforced Disappearance (France) (Lithuania);") == (
        "Ratify the Convention for the Protection of All Persons from Enforced Disappearance", ("France", "Lithuania"))
    # a bracket that names no State stays in the text
    assert split_authors("Ratify the Convention (CED) (Lithuania);") == ("Ratify the Convention (CED)", ("Lithuania",))


def test_a_digit_dropped_in_print_is_read_in_sequence():
    """"118.09" printed between 118.108 and 118.110 (A/HRC/26/16, Cambodia 2014) is 118.109, with a warning."""
    text = ("A/HRC/26/99\nReport of the Working Group on the Universal Periodic Review\nChile\n"
            "II. Conclusions and/or recommendations\n118. The recommendations listed below enjoy the support of Chile:\n"
            + "".join(f"118.{n} Do thing {n} (Peru);\n" for n in range(1, 109))
            + "118.09 Do thing 109 (Peru);\n118.110 Do thing 110 (Peru).\n")
    report = parse_working_group(text, "r.txt")
    assert [r.number for r in report.recommendations][-3:] == ["118.108", "118.109", "118.110"]
    assert report.recommendation("118.109").text == "Do thing 109"
    assert any("item 118.09 read as 118.109" in w for w in report.warnings)


def test_the_state_under_review_from_the_introduction():
    """The title page's State name unreadable (here cut off), the introduction's "The review of X was held" decides."""
    text = ("A/HRC/26/99\nReport of the Working Group on the Universal Periodic Review\n"
            "1. The Working Group held its session. The review of Cabo Verde was held at the 9th meeting on 2 May 2014.\n"
            "II. Conclusions and/or recommendations\n95. The recommendations listed below enjoy the support of the State:\n"
            "95.1 Do it (Chile).\n")
    assert parse_working_group(text, "r.txt").state_code == "CPV"


def test_a_state_under_review_that_cannot_be_read_is_refused():
    """Never a review of an unknown State in the graph (issue 16: recommendations hung on review/unknown/unknown)."""
    text = ("A/HRC/26/99\nReport of the Working Group on the Universal Periodic Review\n1. The Working Group held its session.\n"
            "II. Conclusions and/or recommendations\n95. The recommendations listed below enjoy the support of the State:\n"
            "95.1 Do it (Chile).\n")
    with pytest.raises(InputError, match="^r.txt: the State under review could not be read"):
        parse_working_group(text, "r.txt")


def test_an_item_number_glued_to_the_item_before_it():
    """"... campaigns (Spain);110.44. Take actions ..." on one line (A/HRC/26/12, Slovakia 2014)."""
    text = ("A/HRC/26/99\nReport of the Working Group on the Universal Periodic Review\nChile\n"
            "II. Conclusions and/or recommendations\n110. The recommendations listed below enjoy the support of Chile:\n"
            "110.1. Promote tolerance by awareness\ncampaigns (Spain);110.2. Take actions to combat discrimination\n(Peru);\n"
            "110.3. Do it (Mexico).\n")
    report = parse_working_group(text, "r.txt")
    got = [(r.number, r.text, r.states) for r in report.recommendations]
    assert got == [("110.1", "Promote tolerance by awareness campaigns", ("Spain",)),
                   ("110.2", "Take actions to combat discrimination", ("Peru",)),
                   ("110.3", "Do it", ("Mexico",))]
