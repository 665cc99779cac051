"""The Working Group report reader, over the real report A/HRC/14/10 and small made-up texts.

reports/A_HRC_14_10.txt is Kazakhstan's first-cycle Working Group report (UN document
A/HRC/14/10, 23 March 2010) as text extracted from the UN's PDF; the project's copy is the file
../shared/reports/A_HRC_14_10.txt (see ../shared/reports/SOURCES.md). Every expectation below
was read by hand from that text.
"""

from __future__ import annotations

import pytest
from components import need_module

from uprgraph import resources
from uprgraph.errors import InputError
from uprgraph.ingest.states import resolve_state
from uprgraph.ingest.working_group import (
    NOT_ACCEPTED,
    NOTED,
    SUPPORTED,
    TO_BE_EXAMINED,
    classify,
    parse_working_group,
    split_authors,
)

NAME = "A_HRC_14_10.txt"

# Paragraph 96: "Kazakhstan considers that recommendations Nos. 7, 8, ... 97 above have already
# been implemented or are in the process of implementation.."
ALREADY = (
    "7 8 9 10 11 12 13 14 22 26 27 28 29 31 32 34 35 36 37 38 39 41 42 43 44 47 49 50 51 52 53 54 55 56 "
    "57 58 59 60 61 62 63 69 70 71 72 73 74 75 76 78 79 80 81 82 83 84 85 87 88 89 90 91 92 93 94 95 96 97"
).split()


@pytest.fixture(scope="module")
def wg():  # type: ignore[no-untyped-def]
    return parse_working_group(resources.read_text("reports", NAME), NAME)


def test_first_page(wg) -> None:  # type: ignore[no-untyped-def]
    assert wg.symbol == "A/HRC/14/10"
    assert wg.state_code == "KAZ"
    assert wg.council_session == 14
    assert wg.wg_session == 7
    assert wg.date == "2010-03-23"
    assert wg.review_date == "2010-02-12"


def test_counts_and_responses(wg) -> None:  # type: ignore[no-untyped-def]
    assert len(wg.recommendations) == 128
    p95, p97 = wg.in_paragraph(95), wg.in_paragraph(97)
    assert [r.number for r in p95] == [f"95.{i}" for i in range(1, 103)]
    assert [r.number for r in p97] == [f"97.{i}" for i in range(1, 27)]
    assert {r.response for r in p95} == {SUPPORTED}
    assert {r.response for r in p97} == {TO_BE_EXAMINED}
    assert wg.in_paragraph(96) == () and wg.in_paragraph(98) == ()


def test_already_implemented_flags(wg) -> None:  # type: ignore[no-untyped-def]
    flagged = [r.number for r in wg.recommendations if r.already_implemented]
    assert len(flagged) == 68
    assert flagged == [f"95.{n}" for n in ALREADY]
    assert all(r.response == SUPPORTED for r in wg.recommendations if r.already_implemented)


def test_two_recommending_states(wg) -> None:  # type: ignore[no-untyped-def]
    r = wg.recommendation("95.3")
    assert r.states == ("Slovenia", "Republic of Korea")
    assert r.state_codes == ("SVN", "KOR")
    assert r.text == (
        "To consider ratifying the Convention on the Rights of Persons with Disabilities (Slovenia); "
        "ratify the Convention on the Rights of Persons with Disabilities"
    )
    assert sum(len(x.states) for x in wg.recommendations) == 129  # 95.3 is the only item with two


@pytest.mark.parametrize(
    ("number", "line", "states", "text"),
    [
        ("95.1", 344, ("Brazil",), "To accomplish human rights voluntary goals as established by Human Rights Council "
         "resolution 9/12, including the ratification of the Convention on the Rights of Persons with Disabilities "
         "and the Optional Protocol thereto"),
        # the footnote mark "2" glued after "(Slovenia);"
        ("95.38", 455, ("Slovenia",), "To ensure the use of vocabulary that does not stigmatize children with "
         "disabilities or children born out of wedlock"),
        ("95.8", 365, ("Lao People\u2019s Democratic Republic",), "To continue its cooperation with the United "
         "Nations and other international organizations to strengthen human rights"),
        ("95.87", 601, ("Pakistan",), "To continue efforts to strengthen the education system in accordance with "
         "international standards, placing due emphasis on human rights education"),
        ("95.102", 646, ("Morocco",), "To share its experience regarding its innovative independent national "
         "mechanism for the prevention of torture, whose establishment could serve as an example of best practices "
         "in the fight against torture"),
        # split by a page break after "in 2005 on"
        ("97.10", 683, ("Mexico",), "To abolish requirements for the registration of religious groups from the "
         "existing Administrative Code, in accordance with the laws adopted in 2005 on the elimination of extremism "
         "and the strengthening national security, and to review the provisions of the Law on Freedom of Religion "
         "and Religious Associations in order to effectively guarantee freedom of belief and a non.discriminatory "
         "legal system for the registration of religious entities"),
        ("97.26", 735, ("Canada",), "To discontinue the use of judicial action against journalists and media "
         "outlets, including the filing of civil and criminal libel suits"),
    ],
)
def test_texts_verbatim(wg, number: str, line: int, states: tuple[str, ...], text: str) -> None:  # type: ignore[no-untyped-def]
    r = wg.recommendation(number)
    assert (r.text, r.states, r.line) == (text, states, line)


def test_footnote_mark_warned(wg) -> None:  # type: ignore[no-untyped-def]
    assert [w for w in wg.warnings if "footnote" in w] == [
        "A_HRC_14_10.txt: line 455: recommendation 95.38: footnote mark '2' removed after ' (Slovenia);'"
    ]
    assert len(wg.warnings) == 1


def test_no_furniture_or_authors_in_texts(wg) -> None:  # type: ignore[no-untyped-def]
    for r in wg.recommendations:
        assert "A/HRC/" not in r.text and "GE." not in r.text
        assert not r.text.endswith((")", ";", ".")), r.number
        assert r.text[:1].isupper()
        assert "Composition of the delegation" not in r.text
    assert wg.recommendation("97.26").text.endswith("libel suits")  # the annex stays out


def test_every_recommending_state_resolves(wg) -> None:  # type: ignore[no-untyped-def]
    printed = {s for r in wg.recommendations for s in r.states}
    unresolved = sorted(s for s in printed if resolve_state(s) is None)
    assert unresolved == []
    codes = {s: resolve_state(s).iso3 for s in printed}  # type: ignore[union-attr]
    assert len(printed) == 45
    assert codes["Islamic Republic of Iran"] == "IRN"
    assert codes["Bolivarian Republic of Venezuela"] == "VEN"
    assert codes["United Kingdom of Great Britain and Northern Ireland"] == "GBR"
    assert codes["Czech Republic"] == "CZE"
    assert codes["Viet Nam"] == "VNM"
    assert codes["Sudan"] == "SDN"
    assert all(None not in r.state_codes for r in wg.recommendations)


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Korea, Republic of", "KOR"),
        ("the Republic of Korea", "KOR"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Lao People's Democratic Republic", "LAO"),
        ("LAO PEOPLE\u2019S DEMOCRATIC REPUBLIC", "LAO"),
        ("the Netherlands", "NLD"),
        ("Republic of Moldova", "MDA"),
        ("Congo, The Democratic Republic of the", "COD"),
        ("Kazakhstan", "KAZ"),
        ("Libyan Arab Jamahiriya", "LBY"),
    ],
)
def test_resolve_state(name: str, iso3: str) -> None:
    state = resolve_state(name)
    assert state is not None and state.iso3 == iso3


def test_resolve_state_unknown() -> None:
    assert resolve_state("Atlantis") is None
    assert resolve_state("") is None
    assert resolve_state("Republic of") is None


def test_registry_keeps_verified_wikidata() -> None:
    from uprgraph.registries import states

    assert states()["KAZ"].wikidata == "Q232" and states()["SVN"].wikidata == "Q215"
    assert states()["KOR"].wikidata is None  # unverified: no link
    assert len(states()) == 249


# -- small made-up texts: other layouts, and bad input ---------------------------------------------

OTHER_LAYOUT = """\
United Nations A/HRC/99/7
Report of the Working Group on the Universal Periodic Review
Slovenia
1. The review of Slovenia was held at the 3rd meeting, on 4 May 2099.
II. Conclusions and/or recommendations
60. The recommendations formulated during the interactive dialogue have been examined by Slovenia and the recommendations listed below enjoy the support of Slovenia:
60.1. Ratify the Convention (Canada, France);
60.2. Strengthen the national
A/HRC/99/7
GE.99-12345 12
2\tThe recommendation as read out during the interactive dialogue.
institution3 (Korea, Republic of); and
60.3. Consider it (Iran (Islamic Republic of)).
61. The following recommendations did not enjoy the support of Slovenia and would thus be noted:
61.1. Abolish X (Trinidad and Tobago, Bosnia and Herzegovina and Norway).
62. The following recommendations did not enjoy the support of Slovenia:
62.1. Do Y (Atlantis).
63. All conclusions and/or recommendations contained in the present report reflect the position of the submitting State(s).
Annex
1. Not a recommendation (Chile);
"""


def test_other_layout() -> None:
    wg = parse_working_group(OTHER_LAYOUT, "other.txt")
    assert (wg.symbol, wg.state_code, wg.council_session, wg.review_date) == ("A/HRC/99/7", "SVN", 99, "2099-05-04")
    got = {r.number: (r.response, r.states, r.text) for r in wg.recommendations}
    assert got == {
        "60.1": (SUPPORTED, ("Canada", "France"), "Ratify the Convention"),
        "60.2": (SUPPORTED, ("Korea, Republic of",), "Strengthen the national institution"),
        "60.3": (SUPPORTED, ("Iran (Islamic Republic of)",), "Consider it"),
        "61.1": (NOTED, ("Trinidad and Tobago", "Bosnia and Herzegovina", "Norway"), "Abolish X"),
        "62.1": (NOT_ACCEPTED, ("Atlantis",), "Do Y"),
    }
    assert wg.recommendation("62.1").state_codes == (None,)
    assert any("footnote 2 left out" in w for w in wg.warnings)
    assert any("footnote mark '3' removed" in w for w in wg.warnings)
    assert any("'Atlantis' is not in the States registry" in w for w in wg.warnings)


@pytest.mark.parametrize(
    ("chapeau", "response"),
    [
        ("The recommendations listed below enjoy the support of X:", SUPPORTED),
        ("The following recommendations will be examined by X, which will provide responses in due course:", TO_BE_EXAMINED),
        ("The following recommendations did not enjoy the support of X:", NOT_ACCEPTED),
        ("The following recommendations did not enjoy the support of X and would thus be noted:", NOTED),
        ("All conclusions reflect the position of the submitting State(s).", None),
    ],
)
def test_classify(chapeau: str, response: str | None) -> None:
    assert classify(chapeau) == response


def test_split_authors() -> None:
    assert split_authors("To do it (WHO) well (Chile);") == ("To do it (WHO) well", ("Chile",))
    assert split_authors("To do it") == ("To do it", ())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the text is empty"),
        ("   \n\n", "the text is empty"),
        ("abc\x00def", "binary"),
        ("Hello.\nThis is not a report.\n", "no chapter of conclusions and/or recommendations"),
        ("II. Conclusions and/or recommendations\n95. All conclusions reflect the positions of the State.\n",
         "lists no numbered recommendation"),
        ("Report of the Working Group on the Universal Periodic Review\n1. The Working Group held its session.\n"
         "II. Conclusions and/or recommendations\n95. Listed below enjoy the support of the State:\n95.1 Do it (Chile).\n",
         "the State under review could not be read"),
        ("II. Conclusions and/or recommendations\n95. Listed below enjoy the support of X:\n95.1 A (Chile);\n95.1 B (Peru).\n",
         "recommendation 95.1 is listed twice"),
    ],
)
def test_bad_input(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        parse_working_group(text, "bad.txt")
    assert "\n" not in str(info.value) and str(info.value).startswith("bad.txt: ")


def test_a_national_report_is_refused() -> None:
    text = resources.read_text("reports", "A_HRC_WG.6_20_KAZ_1.txt")
    with pytest.raises(InputError, match="is this a UPR Working Group report"):
        parse_working_group(text, "A_HRC_WG.6_20_KAZ_1.txt")


def test_states_registry_is_what_the_tool_writes() -> None:
    """registries/states.csv matches tools/make_states_registry.py (needs pycountry, a tool-only dependency)."""
    import subprocess
    import sys
    from pathlib import Path

    need_module("pycountry", "test")
    tool = Path(__file__).resolve().parents[1] / "tools" / "make_states_registry.py"
    if not tool.is_file():
        pytest.skip("not a source checkout")
    done = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
