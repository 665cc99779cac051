"""Another State, another layout: Slovenia's pair of UN PDFs (A/HRC/14/15 and A/HRC/WG.6/20/SVN/1).

The national report cites the Working Group report's recommendations by bare number inside its
headings ("B. Anti-discrimination measures (recommendations 19, 21, 26, 63, 64)"); the Working
Group report lists them as items 1-97 of its paragraph 111. Expectations read from the PDFs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from components import need_program

from uprgraph.pipeline import build_many
from uprgraph.query.runner import run_query

REPORTS = Path(__file__).resolve().parents[1] / "reports"
PAIR = ["A_HRC_14_15.pdf", "A_HRC_WG.6_20_SVN_1.pdf"]
EXPECTED = {
    "A. Rule of law: court backlogs, trial without undue delay, fair trial and ill treatment by law enforcement officials": "30\u201331, 54\u201357",
    "B. Anti-discrimination measures": "19, 21, 26, 63, 64",
    "1. Gender equality and empowerment of women": "4, 14, 22, 23, 25, 65\u201370, 74",
    "2. Same-sex partnerships": "5, 6, 7, 8, 22",
    "3. Rights of persons with disabilities": "4, 22",
    "4. Rights of national, Roma and other ethnic communities": "27\u201329, 71, 73, 76, 89\u201392, 94, 95",
    "C. Violence against women and domestic violence": "18, 23, 32\u201339, 72",
    "E. Freedom of religion and belief": "59, 60, 61, 62",
    "G. Rights of aliens and asylum seekers": "1, 4, 27, 96",
    "H. Trafficking in human beings": "11, 16, 39\u201350",
}


@pytest.fixture(scope="module")
def slovenia():  # type: ignore[no-untyped-def]
    return build_many([(name, (REPORTS / name).read_bytes()) for name in PAIR])


def test_the_pair_builds_and_conforms(slovenia):
    assert slovenia.summary["documents"] == "A/HRC/14/15, A/HRC/WG.6/20/SVN/1"
    assert slovenia.summary["conforms"] is True
    assert (slovenia.summary["recommendations"], slovenia.summary["with text"]) == (97, 97)
    assert slovenia.summary["paragraphs"] == 106


def test_headings_and_their_lists(slovenia):
    document = slovenia.document
    printed = {s.heading: s.recommendations_printed for s in document.themes}
    for heading, refs in EXPECTED.items():
        assert printed[heading] == refs
    rule_of_law = next(s for s in document.themes if s.heading.startswith("A. Rule of law"))
    assert rule_of_law.recommendations == ("111.30", "111.31", "111.54", "111.55", "111.56", "111.57")
    assert rule_of_law.paragraphs == (31, 32, 33, 34, 35, 36)
    chapter = document.section(rule_of_law.parent)
    assert chapter.heading == "Implementation of adopted recommendations of the first round of the UPR"


def test_bare_numbers_resolve_to_the_working_group_recommendations(slovenia):
    rows = run_query(slovenia.graph, "recommendations-by-section", {}).rows
    trafficking = [rec for section, rec, _ in rows if section == "H. Trafficking in human beings"]
    assert trafficking == ["111.11", "111.16"] + [f"111.{n}" for n in range(39, 51)]
    text = {r[0]: r[1] for r in run_query(slovenia.graph, "recommendations", {}).rows}
    assert text["111.30"] == "To take appropriate measures to prevent and punish all forms of ill treatment by law enforcement officials"


def test_laws_reported_under_a_recommendation(slovenia):
    found = run_query(slovenia.graph, "instruments-for-recommendation", {"rec": "111.30"})
    quotes = {row[found.columns.index("quote")] for row in found.rows}
    assert "Courts Act" in quotes


def test_without_the_working_group_report_bare_numbers_are_left_out_with_a_warning():
    alone = build_many([(PAIR[1], (REPORTS / PAIR[1]).read_bytes())], validate=False)
    assert alone.summary["recommendations"] == 0
    assert any("cited by bare number left out (no Working Group report of the previous review" in w for w in alone.warnings)


def test_the_pdf_and_a_text_extraction_of_it_give_the_same_paragraphs_and_links(tmp_path):
    """pdftotext -layout (Debian's poppler-utils, installed by .ci/run) is an independent text
    extraction of the same PDF; the pipeline reads both to the same paragraphs and the same
    section -> recommendation links."""
    import subprocess

    from uprgraph.pipeline import _parse

    pdftotext = need_program("pdftotext", "poppler-utils")
    text = tmp_path / "svn.txt"
    subprocess.run([pdftotext, "-layout", str(REPORTS / PAIR[1]), str(text)], check=True)
    from_pdf = _parse((REPORTS / PAIR[1]).read_bytes(), PAIR[1])
    from_text = _parse(text.read_bytes(), "svn.txt")
    assert [p.number for p in from_text.paragraphs] == [p.number for p in from_pdf.paragraphs] == list(range(1, 107))
    links = {(s.heading, r) for s in from_pdf.sections for r in s.recommendations}
    assert links and {(s.heading, r) for s in from_text.sections for r in s.recommendations} == links
    assert [s.heading for s in from_text.sections] == [s.heading for s in from_pdf.sections]
