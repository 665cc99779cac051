"""The document model of the real Kazakhstan report (A/HRC/WG.6/20/KAZ/1)."""

from __future__ import annotations

import pytest

from uprgraph.errors import InputError, RangeError
from uprgraph.ingest import decode_report, parse_document
from uprgraph.ingest.refs import compress_refs, expand_refs

EXPECTED_SECTIONS = {
    # heading: recommendation line, expanded
    "Overview of institutional arrangements and incorporation of the Paris Principles into the national legislation of the Republic of Kazakhstan":
        "95.5 95.6 95.15 95.16 95.17 95.18 95.19 95.20 95.23 95.24 95.25 95.33",
    "International cooperation": "95.8 95.97 95.98 95.99 97.6",
    "Right to life": "95.41 97.15 97.16 97.17 97.18",
    "Protection against torture": "95.42 95.43 95.44 95.45 95.48 95.64 95.66 95.67 95.68 95.102",
    "Protection against violence and other cruel or degrading treatment": "95.10 95.14 95.37 95.46 95.63",
    "The right to liberty and security of person and the prison situation": "95.32 95.43 95.47 95.48 95.59 95.60 95.64 95.65 95.66 95.68",
    "Freedom of expression and opinion": "95.13 95.30 95.75 95.77 97.6 97.11 97.12 97.13 97.20 97.21 97.22 97.23 97.24 97.25 97.26",
    "Right to freedom of movement and free choice of residence; rights of migrants, refugees and repatriated Kazakhs (the oralman)":
        "95.7 95.34 95.92 97.7",
    "Combating human trafficking": "95.49 95.50 95.51 95.52 95.63 97.8",
    "Freedom of thought, conscience and religion": "95.70 95.71 95.72 95.73 95.74 95.100 97.5 97.10 97.19",
    "Electoral rights": "97.9 97.13 97.15",
    "Right to freedom of peaceful assembly and association": "97.14",
    "Right to free, qualified legal assistance": "95.54",
    "Women\u2019s rights": "95.35 95.36 95.37 95.78 95.79",
    "Children\u2019s rights": "95.9 95.21 95.26 95.27 95.28 95.38 95.39 95.40 95.81",
    "Rights of ethnic minorities": "95.22 95.71 95.74 95.90 95.91 97.9",
    "The judicial system": "95.10 95.14 95.37 95.46 95.63",
    "Counteracting extremism and terrorism": "95.31",
    "Health care": "95.29 95.39 95.40 95.84",
    "Right to social security": "95.2 95.80 95.82 95.83 95.86 95.93 97.1",
    "Right to a healthy environment": "95.94 95.95",
    "Right to education": "95.84 95.101",
    "Human rights education": "95.87 95.88 95.89 95.96",
    "Protection of persons with special needs": "95.1 95.3 95.4 95.5 95.11 95.12 95.85",
}


def test_symbol_state_and_session(kaz):
    document, _ = kaz
    assert (document.symbol, document.state_code, document.session) == ("A/HRC/WG.6/20/KAZ/1", "KAZ", 20)


def test_every_paragraph_1_to_242_in_order(kaz):
    document, _ = kaz
    assert [p.number for p in document.paragraphs] == list(range(1, 243))
    assert document.warnings == ()


def test_chapters_with_titles(kaz):
    document, _ = kaz
    assert [(c.chapter, c.heading) for c in document.chapters] == [
        ("I", "Methodology"),
        ("II", "Overview of institutional arrangements and incorporation of the Paris Principles into the national legislation of the Republic of Kazakhstan"),
        ("III", "International cooperation"),
        ("IV", "Normative and institutional framework for the protection and promotion of human rights"),
        ("V", "Challenges for the future"),
    ]


def test_every_section_and_its_expanded_list(kaz):
    document, _ = kaz
    found = {s.heading: " ".join(s.recommendations) for s in document.sections if s.recommendations}
    assert found == EXPECTED_SECTIONS
    assert all(t.parent == "chapter-IV" for t in document.themes)
    assert len(document.themes) == 22


def test_paragraphs_belong_to_their_section(kaz):
    document, _ = kaz
    assert document.section(document.paragraph(16).section).heading == "Right to life"
    assert document.section(document.paragraph(183).section).heading == "Counteracting extremism and terrorism"
    assert document.section(document.paragraph(242).section).heading == "Challenges for the future"
    assert document.section(document.paragraph(6).section).kind == "chapter"


def test_page_furniture_removed_and_page_break_rejoined(kaz):
    document, _ = kaz
    p102 = document.paragraph(102).text
    assert p102.endswith("the Economic Crimes and Corruption Committee.")
    assert "GE.14" not in p102 and "A/HRC/WG.6" not in p102
    # paragraph 103 starts right after the page header and footer
    assert document.paragraph(103).text.startswith("From 2013 to 2014, visits were carried out by the Agency")
    # a paragraph that runs on over a page break stays whole
    assert "More than 110,000 persons, of whom more than 70,000 were employed by the police" in document.paragraph(44).text
    # a word broken at a line-end hyphen is joined
    assert "the Procurator-General\u2019s Office" in document.paragraph(8).text
    assert all("  " not in p.text for p in document.paragraphs)
    # a footnote link alone on a line is not paragraph text
    assert "http://www.adilet.zan.kz/" not in document.paragraph(228).text


def test_lettered_sub_items(kaz):
    document, _ = kaz
    p6 = document.paragraph(6)
    assert [i.label for i in p6.items] == list("abcdefghijk")
    assert p6.item_text(p6.items[7]) == "(h) Handles individual complaints;"
    p175 = document.paragraph(175)
    assert [i.label for i in p175.items] == ["a", "b"]
    assert p175.item_text(p175.items[1]).startswith("(b) A bill to amend the legislation on streamlining")
    assert sum(1 for p in document.paragraphs if p.items) == 2


def test_the_text_is_kept_as_printed(kaz):
    document, _ = kaz
    assert "l\u0435gal awareness" in document.paragraph(33).text  # the Cyrillic letter of the source
    assert "4 April 201;" in document.paragraph(105).text


@pytest.mark.parametrize(
    "printed, expanded",
    [
        ("95.42\u201395.45", ["95.42", "95.43", "95.44", "95.45"]),
        ("95.26-95.28", ["95.26", "95.27", "95.28"]),
        ("95.64\u221295.66", ["95.64", "95.65", "95.66"]),
        ("95.42\u201345", ["95.42", "95.43", "95.44", "95.45"]),
        ("97.1, 97.2, 97.10 and 97.12", ["97.1", "97.2", "97.10", "97.12"]),
    ],
)
def test_range_expansion(printed, expanded):
    assert expand_refs(printed) == expanded


@pytest.mark.parametrize("bad", ["95.9\u201395.3", "95.x", "95.1\u2013\u201395.4", "95.1\u201396.4"])
def test_malformed_ranges_are_errors(bad):
    with pytest.raises(RangeError, match="malformed recommendation"):
        expand_refs(bad)


def test_compress_is_the_inverse_of_expand():
    assert compress_refs(expand_refs("95.5, 95.6, 95.15\u201395.20, 95.33")) == "95.5, 95.6, 95.15\u201395.20, 95.33"


def test_malformed_range_in_a_report_names_the_line(report_bytes):
    text = decode_report(report_bytes).replace("95.42\u201395.45", "95.45\u201395.42")
    with pytest.raises(RangeError, match=r"line \d+: malformed recommendation range '95.45\u201395.42'"):
        parse_document(text, "bad.txt")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"caf\xe9 au lait\n", "not UTF-8"),
        (b"Once upon a time.\n\nThe end.\n", "does not look like a UPR report"),
    ],
)
def test_unreadable_input(data, message):
    with pytest.raises(InputError, match=message):
        parse_document(decode_report(data, "x.txt"), "x.txt")


def test_crlf_and_bom_are_read(report_bytes):
    windows = b"\xef\xbb\xbf" + report_bytes.replace(b"\n", b"\r\n")
    document = parse_document(decode_report(windows), "crlf.txt")
    assert len(document.paragraphs) == 242
