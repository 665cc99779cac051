"""registries/treaties.csv: its integrity, and how its names, acronyms and numbers are recognised in text."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pytest

from uprgraph import registries, resources
from uprgraph.extract.treaties import find_treaties


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(resources.read_text("registries", "treaties.csv"))))


def test_keys_are_unique(rows):
    assert [k for k, n in Counter(r["key"] for r in rows).items() if n > 1] == []


def test_every_wikidata_id_is_well_formed_and_has_its_source(rows):
    for row in rows:
        if row["wikidata"]:
            assert re.fullmatch(r"Q[1-9]\d*", row["wikidata"]), row["key"]
            assert row["evidence"] and "unverified" not in row["evidence"], row["key"]
        else:
            assert row["evidence"] in ("", "unverified"), (row["key"], "evidence without an identifier")


def test_acronyms_are_unique_and_name_no_other_treaty(rows):
    acronyms = [a for r in rows for a in r["acronyms"].split("|") if a]
    assert [a for a, n in Counter(acronyms).items() if n > 1] == []
    for row in rows:
        others = {a for r in rows if r["key"] != row["key"] for a in r["aliases"].split("|")}
        for acronym in filter(None, row["acronyms"].split("|")):
            assert acronym not in others, (row["key"], acronym)
            assert re.fullmatch(r"[A-Z][A-Za-z0-9-]+", acronym), acronym


def test_parents_exist_and_ilo_numbers_are_unique(rows):
    keys = {r["key"] for r in rows}
    assert all(r["parent"] in keys for r in rows if r["parent"])
    numbers = [r["number"] for r in rows if r["organization"] == "ILO" and not r["parent"]]
    assert [n for n, c in Counter(numbers).items() if c > 1] == []
    assert all(r["key"] == f"ilo-c{r['number']}" for r in rows if r["organization"] == "ILO" and not r["parent"])


def test_the_registry_covers_the_regional_and_ilo_treaties():
    keys = set(registries.treaties())
    assert {"echr", "echr-p12", "istanbul-convention", "lanzarote-convention", "fcnm", "esc", "esc-revised", "coe-trafficking",
            "cpt-convention", "achr", "belem-do-para", "achpr", "maputo-protocol", "acrwc", "kampala-convention", "arab-charter",
            "rome-statute", "refugees-1951", "stateless-1954", "stateless-1961"} <= keys
    fundamental_and_governance = {29, 87, 98, 100, 105, 111, 138, 182, 155, 187, 81, 129, 122, 144}
    night_work_and_maternity = {171, 89, 183, 103}
    assert {f"ilo-c{n}" for n in fundamental_and_governance | night_work_and_maternity} <= keys


def keys(text: str) -> list[str]:
    return [m.key for m in find_treaties(1, text, [])]


@pytest.mark.parametrize("text, expected", [
    ("Slovenia ratified CAT and OPCAT in 1993 and 2007.", ["cat", "opcat"]),
    ("The State is party to the CRPD, CEDAW and the ICCPR.", ["crpd", "cedaw", "iccpr"]),
    ("Measures in each CATEGORY of cases; a cat; the Cat", []),  # whole words, as printed
    ("The CEDAW Committee recommended ratification.", []),  # the committee, not the treaty
    ("CAT recommended that the State adopt a definition of torture.", []),
    ("the Committee against Torture (CAT) welcomed", []),
    ("the Convention against Torture (CAT) was ratified", ["cat"]),
])
def test_acronyms_match_as_printed_whole_words_and_not_as_committees(text, expected):
    assert keys(text) == expected


def test_titles_match_whatever_their_case_and_variant():
    assert keys("the United Nations Convention for the Protection of all Persons from Enforced Disappearance") == ["ced"]
    assert keys("the Optional Protocol to the Convention on the Rights of the Child on the Involvement of Children in "
                "Armed Conflicts") == ["crc-opac"]
    assert keys("the Istanbul Convention and the Council of Europe Convention on the Protection of Children against Sexual "
                "Exploitation and Sexual Abuse") == ["istanbul-convention", "lanzarote-convention"]


def test_a_numbered_protocol_is_not_its_parent():
    assert keys("ratification of Protocol No. 12 to the Convention for the Protection of Human Rights and Fundamental "
                "Freedoms") == ["echr-p12"]
    assert keys("Protocol No. 6 to the European Convention on Human Rights and the European Convention on Human Rights") == [
        "echr-p6", "echr"]


def test_ilo_conventions_by_number_and_name():
    found = find_treaties(1, "It ratified ILO Conventions Nos. 100, 111 and 156 and the Night Work Convention, 1990 (No. 171).", [])
    assert [m.key for m in found] == ["ilo-c100", "ilo-c111", "ilo-c156", "ilo-c171"]
    assert {m.events[0].type for m in found} == {"ratified"}
    assert keys("The Maternity Protection Convention, 2000 (No. 183) and Convention No. 189 of the ILO") == ["ilo-c183", "ilo-c189"]
    # a number the registry lacks is still an ILO convention, named by its number
    unknown = find_treaties(1, "ILO Convention No. 175 on part-time work", [])
    assert [(m.key, m.label) for m in unknown] == [("ilo-c175", "ILO Convention No. 175")]
    # "Convention No." without the ILO in its sentence is not read as one
    assert keys("Convention No. 5 of the Hague Conference.") == []


def test_treaty_actions_by_gerund_and_by_ratification():
    found = find_treaties(1, "By ratifying the Convention on the Rights of Persons with Disabilities and by signing the "
                             "International Convention for the Protection of All Persons from Enforced Disappearance, it ...", [])
    assert [(m.key, m.events[0].type) for m in found] == [("crpd", "ratified"), ("ced", "signed")]
    found = find_treaties(1, "Prior to the ratification of the Convention on the Rights of the Child, the Act was amended.", [])
    assert [(m.key, m.events[0].type) for m in found] == [("crc", "ratified")]


def test_lists_of_treaties_give_each_its_own_action_and_date():
    text = ("Since 2010, Slovenia signed and ratified the following treaties: \u2022 Convention on the Protection of Children "
            "against Sexual Exploitation and Sexual Abuse (Lanzarote Convention); ratified on 26 September 2013, entered into "
            "force on 1 January 2014; \u2022 Convention concerning Night Work (ILO Convention 171); ratified on 10 February 2014; "
            "\u2022 Protocol No. 16 to the Convention for the Protection of Human Rights and Fundamental Freedoms; signed on "
            "2 October 2013.")
    found = find_treaties(1, text, [])
    assert [(m.key, m.span.quote[-12:], m.events[0].type, m.events[0].date) for m in found] == [
        ("lanzarote-convention", " Convention)", "ratified", "2013-09-26"),
        ("ilo-c171", "vention 171)", "ratified", "2014-02-10"),
        ("echr-p16", "tal Freedoms", "signed", "2013-10-02")]


def test_intending_to_ratify_and_ilo_short_numbers():
    found = find_treaties(1, "The Government is examining the possibilities of ratifying the Migrant Workers Convention. "
                             "Slovenia is a party to the ILO conventions C97 and C143.", [])
    assert [(m.key, m.events[0].type if m.events else None) for m in found] == [
        ("cmw", "intends-to-ratify"), ("ilo-c97", None), ("ilo-c143", None)]
    assert keys("Vitamin C12 and form C97 were filed.") == []  # no ILO in the sentence


def test_a_protocol_named_by_its_year_after_its_parent():
    assert keys("The Convention relating to the Status of Refugees and its 1967 Protocol are implemented.") == [
        "refugees-1951", "refugees-1967"]


def test_numbered_protocols_amending_their_parent_and_protocols_after_an_acronym():
    assert keys("Protocol No. 15 amending the Convention for the Protection of Human Rights and Fundamental Freedoms") == [
        "echr-p15"]
    assert keys("Slovenia ratified the CRPD and its optional protocol in 2008.") == ["crpd", "crpd-op"]


def test_an_action_in_the_passive_after_the_name():
    found = find_treaties(1, "The American Convention on Human Rights was ratified in 1978.", [])
    assert [(m.key, m.events[0].type, m.events[0].date) for m in found] == [("achr", "ratified", "1978")]
