"""reports/SOURCES.md, the record of where each embedded document comes from (issue 21, item 4): every
file of the folder has its row, and what a row says of a UN document (symbol, date) is printed on the
document's first page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from uprgraph import resources

FOLDER = Path(str(resources.data_dir("reports")))
ROW = re.compile(r"^\| `(?P<file>[^`]+)` \| (?P<symbol>[^|]+) \| (?P<date>[^|]+) \|", re.M)
DATE = re.compile(r"\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}")


def rows() -> dict[str, tuple[str, str]]:
    text = (FOLDER / "SOURCES.md").read_text(encoding="utf-8")
    return {m["file"]: (m["symbol"].strip(), m["date"].strip()) for m in ROW.finditer(text)}


def documents() -> list[str]:
    return sorted(f.name for f in FOLDER.iterdir() if f.is_file() and f.name != "SOURCES.md")


def test_every_embedded_document_has_its_row_and_every_row_its_document():
    listed = rows()
    assert set(documents()) - set(listed) == set(), "describe these files in reports/SOURCES.md"
    assert set(listed) - set(documents()) == set(), "these rows of reports/SOURCES.md name no file"


def test_the_file_name_spells_the_symbol():
    for name, (symbol, _) in rows().items():
        if symbol != "none":
            assert Path(name).stem.replace("_", "/") == symbol, name


def first_page(path: Path) -> str:
    if path.suffix == ".pdf":
        from pdfminer.high_level import extract_text

        return extract_text(str(path), maxpages=1)
    return path.read_text(encoding="utf-8")[:3000]


# A text without its title page has a footnote saying where its date comes from; a Word list has no date.
PRINTED = [n for n, (_, date) in rows().items() if n.endswith((".pdf", ".txt")) and "(" not in date]


def test_only_a_text_without_title_page_is_dated_from_elsewhere():
    assert sorted(set(rows()) - set(PRINTED)) == ["A_HRC_WG.6_20_KAZ_1.txt", "UPR20_Slovenia_thematic_list_of_recommendations.docx"]


@pytest.mark.parametrize("name", PRINTED)
def test_symbol_and_date_are_those_the_document_prints(name):
    symbol, date = rows()[name]
    page = " ".join(first_page(FOLDER / name).split())
    assert symbol in page, name
    assert DATE.fullmatch(date) and date in page, (name, date)
