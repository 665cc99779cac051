"""Bare recommendation numbers resolved the way a careful reader would (ingest/numbering.py).

Slovenia's 2nd-cycle national report (A/HRC/WG.6/20/SVN/1) cites the recommendations of A/HRC/14/15
by bare number in its headings; A/HRC/14/15 lists them as items 1-97 of its one paragraph 111. The
links below were written by reading the printed headings of the PDF (pdftotext -layout), not from the
program's output. The synthetic pair (tests/data/synthetic_XXC_*, see its README) numbers the items of
two paragraphs consecutively, the second paragraph first.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from uprgraph.ingest.numbering import stated_source
from uprgraph.ingest.refs import expand_refs
from uprgraph.pipeline import build_many

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
DATA = ROOT / "tests" / "data"

# heading (its opening words) -> the bare numbers it prints, read from the PDF
PRINTED = {
    "A. Rule of law": "30–31, 54–57",
    "B. Anti-discrimination measures": "19, 21, 26, 63, 64",
    "1. Gender equality": "4, 14, 22, 23, 25, 65–70, 74",
    "2. Same-sex partnerships": "5, 6, 7, 8, 22",
    "3. Rights of persons with disabilities": "4, 22",
    "4. Rights of national, Roma": "27–29, 71, 73, 76, 89–92, 94, 95",
    "C. Violence against women": "18, 23, 32–39, 72",
    "D. Children's rights": "4, 9, 12, 13, 17, 24, 50–53, 75",
    "E. Freedom of religion": "59, 60, 61, 62",
    "F. Persons transferred": "77–83, 85–87",
    "G. Rights of aliens": "1, 4, 27, 96",
    "H. Trafficking in human beings": "11, 16, 39–50",
}


def links(result):  # type: ignore[no-untyped-def]
    document = next(s.document for s in result.sources if s.document is not None)
    return {(s.heading, r) for s in document.sections for r in s.recommendations}


def build(*paths: Path):  # type: ignore[no-untyped-def]
    return build_many([(p.name, p.read_bytes()) for p in paths], validate=False)


def test_slovenia_links_match_the_printed_headings():
    result = build(REPORTS / "A_HRC_14_15.pdf", REPORTS / "A_HRC_WG.6_20_SVN_1.pdf")
    found = links(result)
    gold = set()
    for opening, printed in PRINTED.items():
        heading = next(h for h, _ in found if h.startswith(opening))
        gold |= {(heading, f"111.{n}") for n in expand_refs(printed.replace("–", "-").replace("-", "\u2013"))}
    assert len(gold) == 96
    assert found == gold  # precision and recall 1.0 on all 96 links


def test_consecutive_numbering_in_the_order_the_texts_agree_with():
    result = build(DATA / "synthetic_XXC_working_group.txt", DATA / "synthetic_XXC_national_report.txt")
    by_heading: dict[str, list[str]] = {}
    for heading, number in sorted(links(result)):
        by_heading.setdefault(heading, []).append(number)
    assert by_heading == {
        "Asylum and refugees": ["4.1"], "Ombudsperson": ["4.2"], "Women in public life": ["4.3"],
        "Hate speech": ["4.4"], "Torture and detention": ["3.1", "3.2"], "Children": ["3.3", "3.4"],
        "Media and water": ["3.5", "3.6"],
    }
    note = next(w for w in result.warnings if "consecutive" in w)
    assert "paragraphs 4 then 3" in note and "TF-IDF" in note  # the choice and its evidence are printed


def _variant(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "synthetic_XXC_national_report.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_consecutive_numbering_in_printed_order(tmp_path):
    """The same report with paragraph 3's six items numbered first: 1-6 then 7-10."""
    text = (DATA / "synthetic_XXC_national_report.txt").read_text(encoding="utf-8")
    renumber = {"(recommendations 1)": "(recommendations 7)", "(recommendations 2)": "(recommendations 8)",
                "(recommendations 3)": "(recommendations 9)", "(recommendations 4)": "(recommendations 10)",
                "(recommendations 5, 6)": "(recommendations 1, 2)", "(recommendations 7, 8)": "(recommendations 3, 4)",
                "(recommendations 9, 10)": "(recommendations 5, 6)"}
    for old, new in renumber.items():
        text = text.replace(f"  {old.split(' (')[0]}", "  ").replace(old, "\x00" + new[1:])
    text = text.replace("\x00", "(")
    result = build(DATA / "synthetic_XXC_working_group.txt", _variant(tmp_path, text))
    found = dict(sorted(links(result)))
    assert {h: n for h, n in found.items() if h in ("Asylum and refugees", "Hate speech")} == {
        "Asylum and refugees": "4.1", "Hate speech": "4.4"}
    assert {(h, n) for h, n in links(result) if h == "Torture and detention"} == {
        ("Torture and detention", "3.1"), ("Torture and detention", "3.2")}
    assert any("paragraphs 3 then 4" in w for w in result.warnings)


def test_without_evidence_the_numbers_are_left_out_with_a_warning(tmp_path):
    """Headings and paragraphs that share no words with the recommendations: no order is chosen."""
    lines = [ln for ln in (DATA / "synthetic_XXC_national_report.txt").read_text(encoding="utf-8").splitlines()]
    kept = []
    for n, line in enumerate(lines):
        if line.startswith("  ") and "(recommendations" in line:
            kept.append(f"  Part {n} (recommendations{line.split('(recommendations')[1]}")
        elif re.match(r"^\d{1,2}\. ", line) and int(line.split(".")[0]) > 1:
            kept.append(f"{line.split('.')[0]}. The work goes on as planned.")
        else:
            kept.append(line)
    result = build(DATA / "synthetic_XXC_working_group.txt", _variant(tmp_path, "\n".join(kept) + "\n"))
    assert links(result) == set()
    assert any("left out" in w and "no evidence" in w for w in result.warnings)


def test_the_document_s_own_statement_comes_first(tmp_path):
    """"numbered as in paragraph 3" settles it, even against the texts, and needs no Working Group report."""
    text = (DATA / "synthetic_XXC_national_report.txt").read_text(encoding="utf-8").replace(
        "civil society organisations.",
        "civil society organisations. The recommendations are numbered as in paragraph 3 of the report of the Working Group (A/HRC/52/9).")
    result = build(_variant(tmp_path, text))
    assert ("Hate speech", "3.4") in links(result) and ("Torture and detention", "3.5") in links(result)
    assert any("as the document states" in w for w in result.warnings)


@pytest.mark.parametrize(("text", "paragraphs", "symbol"), [
    ("The serial numbers of recommendations follow the list in paragraph 115 of the Report of the Working "
     "Group on the Universal Periodic Review regarding the review of Slovenia (A/HRC/28/15).", (115,), "A/HRC/28/15"),
    ("Recommendations are numbered as in paragraph 115 of the Report of the Working Group (A/HRC/28/15).", (115,), "A/HRC/28/15"),
    ("The numbering of the recommendations follows paragraphs 98 and 99 of the report.", (98, 99), None),
])
def test_statements_of_where_numbers_come_from(text, paragraphs, symbol):
    found = stated_source(text)
    assert found is not None and (found.paragraphs, found.symbol) == (paragraphs, symbol)


def test_no_statement_in_ordinary_sentences():
    assert stated_source("The number of complaints rose, as paragraph 12 of the report of the Ombudsperson shows.") is None
    assert stated_source("National report submitted in accordance with paragraph 5 of the annex to resolution 16/21") is None
