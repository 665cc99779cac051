"""A national report that reports in a table of recommendations and their status gives the same
section -> recommendation links as one that reports in prose under headings with recommendation lists.

tests/data/synthetic_XXC_national_report_table.txt (synthetic, see tests/data/README.md) reports on
the ten recommendations of tests/data/synthetic_XXC_working_group.txt in two tables: six rows in
chapter II ("3.1  Ratify ...  Accepted  Implemented ..."), four in an annex ("Rec. 4.1  Protect ...").
The prose version of the same report (synthetic_XXC_national_report.txt) cites the same ten.
"""

from __future__ import annotations

from pathlib import Path

from uprgraph.pipeline import build_many
from uprgraph.query.runner import run_query

DATA = Path(__file__).resolve().parent / "data"
REPORTS = Path(__file__).resolve().parents[1] / "reports"


def build(*names: str, folder: Path = DATA):  # type: ignore[no-untyped-def]
    return build_many([(n, (folder / n).read_bytes()) for n in names])


def sections(result):  # type: ignore[no-untyped-def]
    out: dict[str, list[str]] = {}
    for section, rec, *_ in run_query(result.graph, "recommendations-by-section", {}).rows:
        out.setdefault(str(section), []).append(str(rec))
    return out


def test_tables_give_the_links_prose_gives():
    table = build("synthetic_XXC_working_group.txt", "synthetic_XXC_national_report_table.txt")
    assert table.summary["conforms"] is True
    by_section = sections(table)
    assert by_section == {
        "Follow-up to the recommendations of the previous review": ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6"],
        "Annex Status of the other recommendations of the previous review": ["4.1", "4.2", "4.3", "4.4"],
    }
    prose = build("synthetic_XXC_working_group.txt", "synthetic_XXC_national_report.txt")
    linked = {rec for recs in sections(prose).values() for rec in recs}
    assert linked == {rec for recs in by_section.values() for rec in recs}


def test_a_table_of_figures_is_no_table_of_recommendations():
    """Slovenia's report prints a table of court backlogs after paragraph 31 ("30.12.2008 ... 667 242");
    it adds no link: the section keeps the six recommendations its heading names (read from the PDF)."""
    result = build("A_HRC_14_15.pdf", "A_HRC_WG.6_20_SVN_1.pdf", folder=REPORTS)
    rule_of_law = next(recs for heading, recs in sections(result).items() if heading.startswith("A. Rule of law"))
    assert rule_of_law == ["111.30", "111.31", "111.54", "111.55", "111.56", "111.57"]
