"""PDF input: the UN's own PDFs of Slovenia's reports, and small PDFs made here.

reports/A_HRC_WG.6_20_SVN_1.pdf is Slovenia's national report for its second review (UN document
A/HRC/WG.6/20/SVN/1, 15 August 2014) and reports/A_HRC_14_15.pdf the Working Group report of its
first review (A/HRC/14/15, 15 March 2010), both the UN's PDFs as published; the project's copies
are those of ../shared/reports/ (see ../shared/reports/SOURCES.md). Every expectation below was
read by hand from the PDFs. The other PDFs are built byte by byte by ``_pdf`` below.
"""

from __future__ import annotations

import re

import pytest

from uprgraph import resources
from uprgraph.errors import InputError
from uprgraph.ingest.layout import parse_document
from uprgraph.ingest.pdf import pdf_to_text
from uprgraph.ingest.text import split_lines
from uprgraph.ingest.working_group import TO_BE_EXAMINED, parse_working_group

SVN = "A_HRC_WG.6_20_SVN_1.pdf"
SVN_WG = "A_HRC_14_15.pdf"


def _read(name: str) -> bytes:
    return (resources.data_dir("reports") / name).read_bytes()


@pytest.fixture(scope="module")
def svn_text() -> str:
    return pdf_to_text(_read(SVN), SVN)


@pytest.fixture(scope="module")
def svn(svn_text):  # type: ignore[no-untyped-def]
    return parse_document(svn_text, SVN)


@pytest.fixture(scope="module")
def wg_text() -> str:
    return pdf_to_text(_read(SVN_WG), SVN_WG)


# -- the Slovenian national report ------------------------------------------------------------------
def test_national_report_paragraphs_are_numbered_1_to_106_in_order(svn) -> None:  # type: ignore[no-untyped-def]
    assert [p.number for p in svn.paragraphs] == list(range(1, 107))
    assert svn.symbol == "A/HRC/WG.6/20/SVN/1"


def test_no_page_furniture_inside_paragraphs(svn) -> None:  # type: ignore[no-untyped-def]
    for paragraph in svn.paragraphs:
        text = paragraph.text
        assert "GE." not in text, paragraph.number  # the job number "GE.14-13493 (E)"
        assert "A/HRC/WG.6/20/SVN/1" not in text, paragraph.number  # the running header
        assert "*1413493*" not in text, paragraph.number  # the bar code
        assert "Ur.l.RS" not in text, paragraph.number  # endnotes 1-75 cite the Official Gazette so
        assert "reproduced as received" not in text, paragraph.number  # the first page's footnote
        assert not re.search(r"\b(?:[2-9]|1\d|2[0-2])\s*$", text), paragraph.number  # no page number at the end
    # The only symbol inside a paragraph is the one the text cites: Slovenia's first national report.
    assert [p.number for p in svn.paragraphs if "A/HRC/" in p.text] == [2]
    assert "(A/HRC/WG.6/7/SVN/1)" in svn.paragraphs[1].text


def test_furniture_lines_are_gone_from_the_text(svn_text: str) -> None:
    lines = svn_text.splitlines()
    assert lines[0] == "A/HRC/WG.6/20/SVN/1"  # kept once, where split_lines records the symbol
    assert not any(line.strip() == "A/HRC/WG.6/20/SVN/1" for line in lines[1:])
    assert not any(re.fullmatch(r"\s*\d{1,3}\s*", line) for line in lines)  # page numbers
    assert not any("GE.14-13493" in line or "1413493" in line for line in lines)
    assert "Notes" not in {line.strip() for line in lines}
    source = split_lines(svn_text)
    assert source.symbols == ("A/HRC/WG.6/20/SVN/1",) and source.furniture == 1


def test_paragraph_texts_as_printed(svn) -> None:  # type: ignore[no-untyped-def]
    text = {p.number: p.text for p in svn.paragraphs}
    assert text[1].startswith(
        "In March 2012, the Republic of Slovenia submitted mid-term report on the implementation of 2010 UPR "
        "recommendations to the OHCHR."
    )
    assert text[1].endswith("communicated to NGOs and the Human Rights Ombudsman.")
    assert text[3] == "Since 2010 review Slovenia has adopted several new measures."
    # Footnote marks are superscripts (6 pt in 10 pt text): left out, without a stray space.
    assert text[4].startswith("Several changes were introduced in the amended Criminal Code, which entered into force in May 2012,")
    assert text[9].endswith("In 2012, the Gini coefficient was 23.7%.")  # "23.7%6."
    assert "(the Exercise of Rights to Public Funds Act and the Social Assistance Benefits Act), regulating" in text[10]
    assert "particularly in urban municipalities. The need for" in text[16]  # "municipalities.21 The"
    # Paragraph 5 runs from the foot of page 2 to the top of page 3; "so-" ends page 2's last but one line.
    assert text[5] == (
        "At the same time, the amended Criminal Procedure Act introduced a so-called preliminary hearing at which "
        "the defendant can enter into a plea bargain with the plaintiff and plead guilty. As a consequence, such "
        "proceedings are limited to a sentencing hearing, and the sentence may be reduced below the statutory minimum."
    )
    # Paragraph 10 also crosses a page (3 -> 4).
    assert text[10].endswith("and seasonal fluctuations in periodical income are taken into account.")
    # The last paragraph ends before the endnotes.
    assert text[106].endswith("which makes it accessible to all police officers in Slovenia.")
    # A bullet list inside paragraph 29 (the bullets are glyphs without Unicode in the PDF).
    assert "\u2022 Council of Europe (CoE) Convention on the Protection of Children against Sexual Exploitation" in text[29]


def test_headings_are_set_apart_by_indentation(svn_text: str) -> None:
    lines = svn_text.splitlines()
    for heading in (
        "  I. Report drafting methodology",
        "  II. Developments regarding the normative and institutional",
        "  III Implementation of adopted recommendations of the first",  # printed without the full stop
        "  A. Rule of law: court backlogs, trial without undue delay, fair trial and ill",
        "  B. Anti-discrimination measures (recommendations 19, 21, 26, 63, 64)",
        "  1. Gender equality and empowerment of women (recommendations 4, 14, 22, 23, 25, 65\u2013",
        "  H. Trafficking in human beings (recommendations 11, 16, 39\u201350)",
    ):
        assert heading in lines
    # Wrapped heading lines and body lines start at the margin, with no leading space.
    assert "treatment by law enforcement officials (recommendations 30\u201331, 54\u2013" in lines
    assert "57)" in lines
    assert "1. In March 2012, the Republic of Slovenia submitted mid-term report on the" in lines


def test_themes_are_read_from_the_pdf_text(svn) -> None:  # type: ignore[no-untyped-def]
    headings = [s.heading for s in svn.sections if s.kind == "theme"]
    assert headings[0].startswith("A. Rule of law: court backlogs")
    assert headings[-1] == "H. Trafficking in human beings"  # its "(recommendations 11, 16, 39–50)" is read apart
    assert len(headings) == 12


# -- the Slovenian Working Group report -------------------------------------------------------------
def test_working_group_text_lists_97_recommendations(wg_text: str) -> None:
    lines = wg_text.splitlines()
    assert lines[0] == "A/HRC/14/15"
    assert not any("GE.10-12049" in line for line in lines)
    start = lines.index("111. The recommendations formulated during the interactive dialogue and listed")
    end = next(i for i, line in enumerate(lines) if line.startswith("112. All conclusions"))
    items = [int(m.group(1)) for line in lines[start:end] if (m := re.match(r"\s*(\d{1,3})\. To ", line))]
    assert items == list(range(1, 98))
    assert "  97. To establish an effective and inclusive process for follow up on the" in lines
    assert "  recommendations resulting from the present review (Norway)." in lines


def test_working_group_report_through_the_reader(wg_text: str) -> None:
    """All 97 recommendations of A/HRC/14/15, texts and States, come through the PDF text; paragraph
    111's chapeau ends with a full stop ("... to be held in June 2010."), not a colon."""
    _check_svn_working_group(parse_working_group(wg_text, SVN_WG))


def _check_svn_working_group(report) -> None:  # type: ignore[no-untyped-def]
    assert report.symbol == "A/HRC/14/15"
    assert report.state_code == "SVN"
    assert report.date == "2010-03-15"
    assert len(report.recommendations) == 97
    assert [r.number for r in report.recommendations] == [f"111.{n}" for n in range(1, 98)]
    assert {r.response for r in report.recommendations} == {TO_BE_EXAMINED}
    assert report.warnings == ()
    first = report.recommendation("111.1")
    assert first.text == (
        "To examine the possibility of joining (Algeria)/sign and ratify (Egypt)/ratify (Bosnia and "
        "Herzegovina)/consider the ratification (Argentina) of the Convention on Migrant Workers and Members of "
        "Their Families"
    )
    assert first.states == ("Algeria", "Egypt", "Bosnia and Herzegovina", "Argentina")
    assert report.recommendation("111.5").text == (
        "To take the measures necessary to ensure that same-sex partners are treated equally with opposite-sex "
        "partners throughout Slovenian law"
    )
    assert report.recommendation("111.14").states == ("United Kingdom of Great Britain and Northern Ireland",)
    last = report.recommendation("111.97")
    assert last.text == "To establish an effective and inclusive process for follow up on the recommendations resulting from the present review"
    assert last.states == ("Norway",)
    assert all(r.states and None not in r.state_codes for r in report.recommendations)


# -- PDFs made here -----------------------------------------------------------------------------------
def _pdf(*pages: str, encrypt: bool = False) -> bytes:
    """A minimal A4 PDF whose pages have these content streams (fonts /R Times-Roman, /B Times-Bold)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, written once the pages are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for content in pages:
        stream = content.encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /R 3 0 R /B 4 0 R >> >> >>" % len(objects)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    trailer_extra = b""
    if encrypt:  # a standard security handler whose user password is not empty
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32 + b"> /P -4 >>")
        trailer_extra = b" /Encrypt %d 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]" % len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def _text(x: float, y: float, text: str, size: float = 10, font: str = "R", rise: float = 0) -> str:
    return f"BT /{font} {size} Tf {rise} Ts {x} {y} Td ({text}) Tj ET\n"


# A page in the UN's layout: running header, a chapter heading hanging left of the 113.4 margin, a
# numbered paragraph whose first line carries a 6 pt superscript footnote mark, a sub-item set in,
# a short rule over a 9 pt footnote, the page number and the job number.
UN_PAGE = (
    _text(56.7, 776, "A/HRC/99/1", 9, "B")
    + "0.5 w 55.2 770.7 m 540 770.7 l S\n"
    + _text(90.2, 738, "I. Methodology and consultation", 14, "B")
    + _text(113.4, 712, "1.")
    + "BT /R 10 Tf 141.7 712 Td (The report was drafted by the Ministry of Justice) Tj"
    + " /R 6 Tf 4 Ts (1) Tj /R 10 Tf 0 Ts (, with all ministries and the) Tj ET\n"  # a raised 6 pt mark
    + _text(113.4, 700, "Ombudsman, and was discussed with NGOs.")
    + _text(141.7, 688, "(a) Consultations were held in May;")
    + _text(113.4, 676, "2.")
    + _text(141.7, 676, "The report covers the years 2010 to 2013.")
    + "0.5 w 90.7 164 m 164.5 164 l S\n"
    + _text(104.6, 152, "1", 6, rise=4)
    + _text(113.4, 152, "Official Gazette No. 91/2011.", 9)
    + _text(56.7, 88, "2", 9, "B")
    + _text(56.7, 110, "GE.14-99999 (E)")
)


def test_made_up_page_in_the_un_layout() -> None:
    lines = [line for line in pdf_to_text(_pdf(UN_PAGE), "made.pdf").splitlines() if line.strip()]
    assert lines == [
        "A/HRC/99/1",
        "  I. Methodology and consultation",
        "1. The report was drafted by the Ministry of Justice, with all ministries and the",
        "Ombudsman, and was discussed with NGOs.",
        " (a) Consultations were held in May;",
        "2. The report covers the years 2010 to 2013.",
    ]


def test_a_paragraph_continues_across_a_page_break() -> None:
    second = _text(113.4, 745, "and the Human Rights Ombudsman.") + _text(113.4, 727, "3.") + _text(141.7, 727, "Last paragraph.")
    text = pdf_to_text(_pdf(UN_PAGE.replace("2013.", "2013, with NGOs"), _text(445.0, 776, "A/HRC/99/1", 9, "B") + second), "made.pdf")
    numbered = {p.number: p.text for p in parse_document(text, "made.pdf").paragraphs}
    assert numbered[2] == "The report covers the years 2010 to 2013, with NGOs and the Human Rights Ombudsman."
    assert numbered[3] == "Last paragraph."


def test_a_pdf_without_text_is_refused() -> None:
    with pytest.raises(InputError, match=r"^blank\.pdf: this PDF has no text layer \(scanned\?\)"):
        pdf_to_text(_pdf("0 0 1 rg 100 100 300 500 re f\n"), "blank.pdf")


def test_a_truncated_pdf_is_refused() -> None:
    data = _read(SVN)
    with pytest.raises(InputError, match=r"^cut\.pdf: this PDF is truncated"):
        pdf_to_text(data[: len(data) // 2], "cut.pdf")


def test_a_damaged_pdf_is_refused() -> None:
    data = _pdf(UN_PAGE)
    garbage = data[:9] + b"\x00garbage" * 40 + data[-60:]  # the header and the trailer, nothing between
    with pytest.raises(InputError, match=r"^bad\.pdf: this PDF is damaged: no page could be read$"):
        pdf_to_text(garbage, "bad.pdf")
    real = _read(SVN_WG)
    with pytest.raises(InputError, match=r"^bad\.pdf: this PDF is damaged and cannot be read \(page 1: "):
        pdf_to_text(real[:5000] + real[-100:], "bad.pdf")  # its first objects and its trailer


def test_an_oversize_pdf_is_refused_at_once() -> None:
    data = _read(SVN)
    padded = data[:-7] + b"%" + b" " * 5_000_000 + b"\n" + data[-7:]  # a PDF comment: still a readable PDF
    with pytest.raises(InputError, match=r"^big\.pdf: a 5\.2 MB PDF is larger than the 5 MB uprgraph reads"):
        pdf_to_text(padded, "big.pdf")


def test_an_encrypted_pdf_is_refused() -> None:
    with pytest.raises(InputError, match=r"^locked\.pdf: this PDF is encrypted"):
        pdf_to_text(_pdf(UN_PAGE, encrypt=True), "locked.pdf")


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "the file is empty"), (b"1. Plain text, not a PDF\n", "this is not a PDF file")],
)
def test_what_is_not_a_pdf_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=f"^x.pdf: {message}"):
        pdf_to_text(data, "x.pdf")


def test_a_pdf_read_again_is_not_read_with_pdfminer_again(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The text of a PDF is kept by its bytes: the same file again (under any name) gives the same text and
    notes, and pdfminer is not called for it."""
    from collections import OrderedDict

    from uprgraph.ingest import pdf

    monkeypatch.setattr(pdf, "_read", OrderedDict())  # an empty cache for this test
    data = _read(SVN)
    notes: list[str] = []
    text = pdf_to_text(data, SVN, notes)
    assert "Ur.l.RS" in "\n".join(notes)  # its endnotes

    def no_pdfminer(*_: object) -> None:
        raise AssertionError("pdfminer read the same PDF again")

    monkeypatch.setattr(pdf, "_pages", no_pdfminer)
    again: list[str] = []
    assert pdf_to_text(data, "copy.pdf", again) == text
    assert again == notes
    assert pdf_to_text(data) == text  # without notes asked for


def test_a_refusal_is_not_kept() -> None:
    """A PDF refused is refused again under its new name (an error is never served from the cache)."""
    data = _read(SVN)[:5000]
    for name in ("cut.pdf", "again.pdf"):
        with pytest.raises(InputError, match=rf"^{re.escape(name)}: this PDF is truncated"):
            pdf_to_text(data, name)
