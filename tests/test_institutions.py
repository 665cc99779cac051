"""Institutions: the registry's scopes, and bodies of any State recognised by their usual designations."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pytest

from uprgraph import registries, resources
from uprgraph.extract.institutions import find_institutions
from uprgraph.graph.iris import Minter


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(resources.read_text("registries", "institutions.csv"))))


def test_scopes_are_a_state_any_or_international_and_keys_unique_within_one(rows):
    states = set(registries.states())
    for row in rows:
        assert row["scope"] in states | {"any", "international"}, row
        assert bool(row["label"]) != (row["scope"] == "any"), ("a designation takes its label from the report", row["key"])
        if row["wikidata"]:
            assert re.fullmatch(r"Q[1-9]\d*", row["wikidata"]) and row["evidence"], row["key"]
    assert [k for k, n in Counter((r["scope"], r["key"]) for r in rows).items() if n > 1] == []


def found(text: str, state: str | None) -> list[tuple[str, str, str, str, str]]:
    return [(m.span.quote, m.key, m.label, m.kind, m.scope) for m in find_institutions(1, text, state)]


def test_one_states_row_never_relabels_anothers_body():
    text = "The Prosecutor General and the Ombudsman reported to the President."
    kaz = {quote: label for quote, _, label, _, _ in found(text, "KAZ")}
    svn = {quote: label for quote, _, label, _, _ in found(text, "SVN")}
    assert kaz == {"Prosecutor General": "Procurator-General’s Office", "Ombudsman": "Human Rights Commissioner (Ombudsman)",
                   "President": "President"}
    assert svn == {"Prosecutor General": "Prosecutor General", "Ombudsman": "Ombudsman", "President": "President"}


def test_designations_of_any_state_are_scoped_to_it_and_named_as_printed():
    text = ("The Human Rights Ombudsman of the Republic of Slovenia, the Slovenian Human Rights Ombudsman and the Ombudsman; "
            "the Constitutional Court of the Republic of Slovenia and the Constitutional Court; the Office of the State "
            "Prosecutor General; the National Assembly.")
    result = found(text, "SVN")
    assert [(q, k) for q, k, *_ in result] == [
        ("Human Rights Ombudsman of the Republic of Slovenia", "ombudsman"), ("Slovenian Human Rights Ombudsman", "ombudsman"),
        ("Ombudsman", "ombudsman"), ("Constitutional Court of the Republic of Slovenia", "constitutional-court"),
        ("Constitutional Court", "constitutional-court"), ("Office of the State Prosecutor General", "prosecutor-general"),
        ("National Assembly", "national-assembly")]
    assert {kind for _, k, _, kind, _ in result if k == "ombudsman"} == {"nhri"}
    assert {scope for *_, scope in result} == {"state"}
    minter = Minter("https://example.org/upr/", "doc", "SVN")
    assert str(minter.institution("ombudsman", "state")) == "https://example.org/upr/institution/SVN/ombudsman"


def test_national_human_rights_institutions_are_typed_as_such():
    kinds = {q: kind for q, _, _, kind, _ in found(
        "the National Human Rights Commission, the Public Defender, the Office of the Ombudsperson, the National Commission "
        "for Human Rights and the Commission on Human Rights under the Office of the President", "XXA")}
    assert kinds["National Human Rights Commission"] == kinds["Public Defender"] == kinds["Office of the Ombudsperson"] == "nhri"
    assert kinds["National Commission for Human Rights"] == "nhri"
    assert kinds["Commission on Human Rights"] == "state-body"  # a government commission, not an NHRI


def test_ministries_by_their_full_names_and_bodies_inside_other_names():
    result = found("The Ministry of Labour, Family, Social Affairs and Equal Opportunities and the Ministry of Justice, Ministry "
                   "of Health and the Police; the Commission of the Government of the Republic of Slovenia for religious "
                   "communities; the Government Commission for the Protection of the Roma Community.", "SVN")
    assert [q for q, *_ in result] == [
        "Ministry of Labour, Family, Social Affairs and Equal Opportunities", "Ministry of Justice", "Ministry of Health", "Police",
        "Commission of the Government of the Republic of Slovenia", "Government Commission for the Protection of the Roma Community"]


def test_another_states_body_is_not_ours():
    result = found("with the Ombudsman of Sweden, the Ministry of Justice of Croatia and the Public Defender of Georgia", "SVN")
    assert {q: scope for q, _, _, _, scope in result} == {
        "Ombudsman of Sweden": "international", "Ministry of Justice of Croatia": "international",
        "Public Defender of Georgia": "international"}


def test_not_institutions():
    # a State, a quoted project title, a date after the name
    assert found("the Russian Federation; the pilot project \u201cChild Advocate \u2013 Voice of the Child\u201d", "SVN") == []
    assert [q for q, *_ in found("dealt with by the Interministerial Commission on Human Rights in September.", "SVN")] == [
        "Interministerial Commission on Human Rights"]


def test_a_short_form_the_report_defines_names_the_body_afterwards():
    from uprgraph.document import Document, Paragraph
    from uprgraph.extract.run import extract_all

    texts = ["The Ministry of Labour, Family, Social Affairs and Equal Opportunities (MLFSAEO) and the National Assembly (NA) "
             "met the European Court of Human Rights (ECHR).",
             "The MLFSAEO drafted the act; the NA adopted it in line with the judgment of the ECHR. NATO and NAB are other words."]
    document = Document("x.txt", "A/HRC/WG.6/99/SVN/1", (), tuple(Paragraph(i + 1, t, "") for i, t in enumerate(texts)))
    x = extract_all(document)
    mentions = [(m.span.paragraph, m.span.quote, m.key) for m in x.institutions]
    assert mentions[:3] == [(1, "Ministry of Labour, Family, Social Affairs and Equal Opportunities (MLFSAEO)", mentions[0][2]),
                            (1, "National Assembly (NA)", "national-assembly"),
                            (1, "European Court of Human Rights (ECHR)", "european-court-of-human-rights")]
    assert mentions[3:] == [(2, "MLFSAEO", mentions[0][2]), (2, "NA", "national-assembly"),
                            (2, "ECHR", "european-court-of-human-rights")]
    assert [t.span.quote for t in x.treaties] == []  # "ECHR" was defined for the Court, not the Convention


def test_compounds_events_and_mandates_are_not_bodies():
    assert found("Government services and Government approval; Police officers; the National Children's Parliament; the 2nd "
                 "IDAHO Forum; the Working Group on Arbitrary Detention; the Constitutional Court Act.", "SVN") == []
    assert [q for q, *_ in found("The Interministerial Working Group for Human Rights and the Culture and Media Inspectorate.",
                                 "SVN")] == ["Interministerial Working Group for Human Rights", "Culture and Media Inspectorate"]


def test_prosecution_services_and_commissioners_of_other_traditions():
    result = found("orders issued by the Public Prosecution; the Commissioner for Human Rights reports; the Council of Europe "
                   "Commissioner for Human Rights visited.", "XXT")
    assert [(q, k, kind) for q, k, _, kind, _ in result] == [
        ("Public Prosecution", "prosecutor-general", "state-body"), ("Commissioner for Human Rights", "ombudsman", "nhri"),
        ("Council of Europe Commissioner for Human Rights", "coe-commissioner-for-human-rights", "international-organization")]
