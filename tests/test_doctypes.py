"""Every UPR document type recognised by its own title page (issue 16, point 1), and what a build does
with a type it does not read yet.

The documents are the UN's PDFs of ../shared/reports/ (see its SOURCES.md; CI has shared/ beside the
clone). What each title page says was read from the PDFs (``pdftotext -layout``):

- A/HRC/WG.6/20/SVN/1: "National report submitted in accordance with paragraph 5 of the annex to Human
  Rights Council resolution 16/21"; A/HRC/WG.6/7/SVN/1: "NATIONAL REPORT SUBMITTED IN ACCORDANCE WITH
  PARAGRAPH 15 (A) OF THE ANNEX TO HUMAN RIGHTS COUNCIL RESOLUTION 5/1", then a numbered list of 10
  abbreviations, then paragraphs 1-74 under chapters I-VI;
- A/HRC/WG.6/20/SVN/2: "Compilation prepared by the Office of the United Nations High Commissioner for
  Human Rights in accordance with paragraph 15 (b) ..."; /3: "Summary prepared by the Office ... in
  accordance with paragraph 15 (c) ...";
- A/HRC/14/15 and A/HRC/28/15: "Report of the Working Group on the Universal Periodic Review", Slovenia;
- A/HRC/14/15/Add.1 and A/HRC/28/15/Add.1: the same title, then "Addendum" and "Views on conclusions
  and/or recommendations, voluntary commitments and replies presented by the State under review".
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from components import need_shared

from uprgraph.cli import main
from uprgraph.errors import NotReadYet
from uprgraph.ingest import doctype
from uprgraph.pipeline import _text, build_many, parse_text

SHARED = Path(__file__).resolve().parents[2] / "shared" / "reports"
DATA = Path(__file__).parent / "data"

KINDS = {
    "A_HRC_WG.6_20_SVN_1.pdf": doctype.NATIONAL_REPORT,
    "A_HRC_WG.6_7_SVN_1.pdf": doctype.NATIONAL_REPORT,
    "A_HRC_WG.6_20_SVN_2.pdf": doctype.COMPILATION,
    "A_HRC_WG.6_20_SVN_3.pdf": doctype.STAKEHOLDERS_SUMMARY,
    "A_HRC_14_15.pdf": doctype.WORKING_GROUP_REPORT,
    "A_HRC_28_15.pdf": doctype.WORKING_GROUP_REPORT,
    "A_HRC_28_10.txt": doctype.WORKING_GROUP_REPORT,
    "A_HRC_14_10.txt": doctype.WORKING_GROUP_REPORT,
    "A_HRC_14_15_Add.1.pdf": doctype.WORKING_GROUP_ADDENDUM,
    "A_HRC_28_15_Add.1.pdf": doctype.WORKING_GROUP_ADDENDUM,
}


shared = need_shared  # the missing-component rule of tests/components.py


def run(*args: object):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert not isinstance(result.exception, Exception), repr(result.exception)
    return result


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_document_is_recognised_by_its_title_page(name):
    path = shared(name)
    assert doctype.classify(_text(path.read_bytes(), name)) == KINDS[name]


@pytest.mark.parametrize("name", ["A_HRC_WG.6_20_SVN_1.pdf", "A_HRC_WG.6_20_SVN_2.pdf", "A_HRC_14_15.pdf", "A_HRC_28_15_Add.1.pdf"])
def test_the_layout_text_of_pdftotext_is_recognised_alike(name):
    """The same documents as `pdftotext -layout` prints them: the masthead "United Nations ... A/HRC/..." on one line."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext (poppler-utils) is missing")
        pytest.skip("pdftotext (poppler-utils) is missing")
    text = subprocess.run(["pdftotext", "-layout", str(shared(name)), "-"], capture_output=True, text=True, check=True).stdout
    assert doctype.classify(text) == KINDS[name]


def test_a_body_that_names_the_other_documents_does_not_change_the_kind():
    """A Working Group report's introduction lists the national report, the compilation and the summary
    "submitted in accordance with paragraph 15 (a)/(b)/(c)"; its own title comes first and decides."""
    text = shared("A_HRC_14_15.pdf")
    body = _text(text.read_bytes(), text.name)
    assert "paragraph 15 (a)" in body[:8000]  # the introduction does name them
    assert doctype.classify(body) == doctype.WORKING_GROUP_REPORT


def test_without_a_title_phrase_the_masthead_symbol_decides():
    assert doctype.classify("A/HRC/WG.6/20/SVN/2\nSlovenia\n1. Some text.") == doctype.COMPILATION
    assert doctype.classify("A/HRC/WG.6/20/SVN/3\nSlovenia\n1. Some text.") == doctype.STAKEHOLDERS_SUMMARY
    assert doctype.classify("A/HRC/28/15/Add.1\nSlovenia\n1. Some text.") == doctype.WORKING_GROUP_ADDENDUM
    assert doctype.classify("1. Some text without a title page.") is None
    # a Working Group report of 2009 (A/HRC/11/23) misprints its title: "Report of the Working on the ..."
    misprinted = "A/HRC/11/23\nHUMAN RIGHTS COUNCIL\nUNIVERSAL PERIODIC REVIEW\nReport of the Working on the Universal Periodic Review *\nSaudi Arabia\n"
    assert doctype.classify(misprinted + "CONTENTS\n1. The Working Group ...") == doctype.WORKING_GROUP_REPORT


def test_a_national_report_that_cites_the_working_group_report_early_stays_a_national_report():
    """Issue 16: a national report was taken for a Working Group report. Past its title page, a text may
    cite "the report of the Working Group on the Universal Periodic Review" as early as paragraph 1."""
    text = ("A/HRC/WG.6/30/XXA/1\nNational report submitted in accordance with paragraph 5 of the annex to\n"
            "Human Rights Council resolution 16/21\nXXA\n 1. This report follows up the recommendations of the "
            "Report of the Working Group on the Universal Periodic Review (A/HRC/28/99).\n")
    assert doctype.classify(text) == doctype.NATIONAL_REPORT
    assert doctype.classify(text.replace("National report submitted in accordance with", "Report")) == doctype.NATIONAL_REPORT  # by its symbol


@pytest.mark.parametrize("name,words", [
    ("A_HRC_WG.6_20_SVN_2.pdf", "the OHCHR compilation of UN information"),
    ("A_HRC_WG.6_20_SVN_3.pdf", "the OHCHR summary of stakeholders' submissions"),
])
def test_a_type_not_read_yet_is_refused_in_one_line_that_names_it(name, words, tmp_path):
    out = tmp_path / "out.ttl"
    result = run("build", shared(name), "-o", out)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and words in result.stderr and "does not read this document type yet" in result.stderr
    assert not out.exists()
    with pytest.raises(NotReadYet, match=words):
        parse_text(_text(shared(name).read_bytes(), name), name)


def test_one_unreadable_document_never_fails_the_others(tmp_path):
    """The compilation, the summary and a damaged file beside a Working Group report: the report is built
    and written, each document left out is named on its own "skipped:" line, and the exit status is 1."""
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really a PDF\n")
    out = tmp_path / "out.ttl"
    result = run("build", shared("A_HRC_WG.6_20_SVN_2.pdf"), shared("A_HRC_28_15.pdf"), shared("A_HRC_WG.6_20_SVN_3.pdf"),
                 broken, "-o", out)
    assert result.exit_code == 1
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped: ")]
    assert [line.split(":")[1].strip() for line in skipped] == ["A_HRC_WG.6_20_SVN_2.pdf", "A_HRC_WG.6_20_SVN_3.pdf", "broken.pdf"]
    assert result.stderr.splitlines()[-1] == (f"Error: 3 of 4 documents could not be read and were left out; "
                                              f"the graph of the others was written to {out}")
    assert "A/HRC/28/15" in result.output and "recommendations: 163" in result.output.replace("  ", "").replace(":  ", ": ")
    assert out.stat().st_size > 0


def test_when_no_document_can_be_read_nothing_is_written(tmp_path):
    out = tmp_path / "out.ttl"
    result = run("build", shared("A_HRC_WG.6_20_SVN_2.pdf"), shared("A_HRC_WG.6_20_SVN_3.pdf"), "-o", out)
    assert result.exit_code == 1 and result.stderr.startswith("Error: none of the 2 documents could be read")
    assert not out.exists()


def test_the_corpus_build_skips_alike(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("A_HRC_28_15.pdf", "A_HRC_WG.6_20_SVN_3.pdf"):
        shutil.copy(shared(name), folder / name)
    result = run("build", folder, "--store", f"oxigraph:{tmp_path / 'store'}")
    assert result.exit_code == 1
    assert "skipped: A_HRC_WG.6_20_SVN_3.pdf: this is the OHCHR summary" in result.stderr
    assert "documents:" in result.output and "A/HRC/28/15" in result.output


def test_the_masthead_line_of_pdftotext_gives_the_symbol():
    """Issue 16: a national report whose first line holds "United Nations" and the symbol was refused
    ("this does not look like a UPR report"); the synthetic report XXA with such a first line builds."""
    text = (DATA / "synthetic_XXA_national_report.txt").read_text(encoding="utf-8")
    plain = "\n".join(line for line in text.splitlines() if "A/HRC/" not in line)
    masthead = "               United Nations                                   A/HRC/WG.6/99/XXA/1\n" + plain
    parsed = parse_text(masthead, "xxa.txt")
    assert parsed.symbol == "A/HRC/WG.6/99/XXA/1"


def test_the_2009_national_report_of_slovenia_reads():
    """A/HRC/WG.6/7/SVN/1: the old title page, a numbered list of abbreviations (1-10) before chapter I,
    paragraphs 1-74, numbered sub-headings "1. Same-sex partnership" and "2. Children's rights" under
    "B. Prohibition of discrimination" (printed at pages 6-7). No previous recommendations to report on."""
    path = shared("A_HRC_WG.6_7_SVN_1.pdf")
    result = build_many([(path.name, path.read_bytes())])
    document = result.document
    assert document.symbol == "A/HRC/WG.6/7/SVN/1"
    assert [p.number for p in document.paragraphs] == list(range(1, 75))
    assert document.paragraphs[0].text.startswith("The Republic of Slovenia (hereinafter Slovenia) launched the preparations")
    headings = [s.heading for s in document.themes]
    assert "1. Same-sex partnership" in headings and "2. Children\u2019s rights" in headings
    same_sex = next(s for s in document.themes if s.heading == "1. Same-sex partnership")
    assert same_sex.paragraphs[0] == 20
    assert result.summary["recommendations"] == 0 and result.summary["conforms"] is True


def test_the_national_report_as_pdftotext_prints_it_builds():
    """The issue's case on the real document: `pdftotext -layout` of A/HRC/WG.6/20/SVN/1 starts with the line
    "United Nations ... A/HRC/WG.6/20/SVN/1"; it was refused ("this does not look like a UPR report")."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext (poppler-utils) is missing")
        pytest.skip("pdftotext (poppler-utils) is missing")
    path = shared("A_HRC_WG.6_20_SVN_1.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout
    assert text.split(b"\n")[0].split() == [b"United", b"Nations", b"A/HRC/WG.6/20/SVN/1"]
    document = parse_text(_text(text, "svn.txt"), "svn.txt")
    assert document.symbol == "A/HRC/WG.6/20/SVN/1"
    assert [p.number for p in document.paragraphs][:3] == [1, 2, 3]
