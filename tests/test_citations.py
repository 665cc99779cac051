"""Instrument citations by the conventions of legal traditions (extract/titles.py), on one sentence each:
the name as printed, its number, the year it carries, and what keeps two laws apart."""

from __future__ import annotations

import pytest

from uprgraph.extract.identity import unify
from uprgraph.extract.instruments import find_instruments
from uprgraph.extract.titles import find_citations

CITATIONS = [
    # (sentence, quote, kind, number, year)
    ("The Persons with Disabilities Act, 2003 applies.", "Persons with Disabilities Act, 2003", "act", None, "2003"),
    ("Parliament passed the Prevention of Torture Act No. 12 of 2017.", "Prevention of Torture Act No. 12 of 2017", "act", "12", "2017"),
    ("Law No. 13.146/2015 applies.", "Law No. 13.146/2015", "act", "13.146/2015", "2015"),
    ("Decree No. 8.858/2016 regulates handcuffs.", "Decree No. 8.858/2016", "decree", "8.858/2016", "2016"),
    ("Constitutional Amendment No. 81/2014 applies.", "Constitutional Amendment No. 81/2014", "constitutional-law", "81/2014", "2014"),
    ("Law No. 2016-444 of 13 April 2016 applies.", "Law No. 2016-444 of 13 April 2016", "act", "2016-444", "2016"),
    ("Federal Law No. 115-FZ applies.", "Federal Law No. 115-FZ", "act", "115-FZ", None),
    ("Republic Act No. 11313 applies.", "Republic Act No. 11313", "act", "11313", None),
    ("Federal Decree-Law No. 31 of 2021 applies.", "Federal Decree-Law No. 31 of 2021", "decree", "31", "2021"),
    ("Supreme Decree No. 008-2019-MIMP applies.", "Supreme Decree No. 008-2019-MIMP", "decree", "008-2019-MIMP", "2019"),
    ("The Criminal Law (Amendment) Act, 2013 applies.", "Criminal Law (Amendment) Act, 2013", "act", None, "2013"),
    ("Legal Notice No. 43 of 2019 applies.", "Legal Notice No. 43 of 2019", "regulation", "43", "2019"),
    ("The Refugees Bill, 2019 was tabled.", "Refugees Bill, 2019", "bill", None, "2019"),
    ("The Integrity and Prevention of Corruption Act applies.", "Integrity and Prevention of Corruption Act", "act", None, None),
    ("The Police Tasks and Powers Act applies.", "Police Tasks and Powers Act", "act", None, None),
    ("The Health and Safety at Work Act applies.", "Health and Safety at Work Act", "act", None, None),
    ("The Act Amending the Aliens Act applies.", "Act Amending the Aliens Act", "act", None, None),
    ("Directive 2011/36/EU on preventing and combating trafficking in human beings was transposed.",
     "Directive 2011/36/EU on preventing and combating trafficking in human beings", "directive", "2011/36/EU", "2011"),
    ("The Promotion of Equality and Prevention of Unfair Discrimination Act 4 of 2000 applies.",
     "Promotion of Equality and Prevention of Unfair Discrimination Act 4 of 2000", "act", "4", "2000"),
]


@pytest.mark.parametrize("sentence, quote, kind, number, year", CITATIONS)
def test_a_citation_is_read_whole(sentence, quote, kind, number, year):
    citation = find_citations(sentence)[0]
    assert (sentence[citation.start : citation.end], citation.kind, citation.number, citation.year) == (quote, kind, number, year)


def test_a_state_adjective_is_not_part_of_a_name_and_a_court_decision_is_no_instrument():
    sentence = "The Slovenian Criminal Code applies, as the Constitutional Court held in Decision No. U-I-246/02-28."
    assert [sentence[c.start : c.end] for c in find_citations(sentence)] == ["Criminal Code"]


def test_an_amending_act_names_the_act_it_amends():
    sentence = "In April 2014, a law amending the Aliens Act was passed."
    found = [(sentence[c.start : c.end], c.kind) for c in find_citations(sentence)]
    assert found == [("law amending the Aliens Act", "act"), ("Aliens Act", "act")]


def _mentions(*paragraphs: str):  # type: ignore[no-untyped-def]
    acronyms: dict = {}
    mentions = [m for n, text in enumerate(paragraphs, 1) for m in find_instruments(n, text, [], acronyms)]
    return unify(mentions)


def test_a_year_or_number_in_the_name_keeps_laws_apart_and_a_state_adjective_does_not():
    mentions = _mentions("The Children's Act, 2001 was replaced by the Children Act, 2022.",
                         "Law No. 13.146/2015 and Law No. 13.105/2015 differ.",
                         "The Slovenian Criminal Code and the Criminal Code of the Republic are one; so is the Criminal Code.")
    keys = {m.span.quote: m.key for m in mentions}
    assert keys["Children's Act, 2001"] != keys["Children Act, 2022"]
    assert keys["Law No. 13.146/2015"] != keys["Law No. 13.105/2015"]
    codes = {m.key for m in mentions if m.span.paragraph == 3}
    assert len(codes) == 1


def test_events_and_dates_come_from_the_clause_that_governs_them():
    [code] = _mentions("In 2018, the Government amended the Penal Code, which was adopted on 18 May 2017.")
    assert sorted((e.type, e.date) for e in code.events) == [("adopted", "2017-05-18"), ("amended", "2018")]
    assert code.date == "2017-05-18"


def test_an_acronym_defined_once_cites_the_act_later():
    mentions = _mentions("The 2008 Family Violence Prevention Act (FVPA) applies.", "According to the FVPA, children are protected.")
    assert [m.span.quote for m in mentions] == ["2008 Family Violence Prevention Act (FVPA)", "FVPA"]
    assert mentions[0].key == mentions[1].key and mentions[0].date == "2008"



@pytest.mark.parametrize("sentence, names", [
    # a recommendation opens with an imperative, which is not part of the name
    ("Adopt the Prevention of Communal and Targeted Violence Bill.", ["Prevention of Communal and Targeted Violence Bill"]),
    ("Repeal the Armed Forces Special Powers Act.", ["Armed Forces Special Powers Act"]),
    # "and the" joins two names; a particle belongs to a person's name in a title
    ("the Magna Carta of Women and the Anti-Child Pornography Law of 2009", ["Anti-Child Pornography Law of 2009"]),
    ("the Maria da Penha Law", ["Maria da Penha Law"]),
    # a field of law is not a law; an act about it is
    ("the Principles on the Application of International Human Rights Law", []),
    ("the Act on Crimes against International Humanitarian Law", ["Act on Crimes against International Humanitarian Law"]),
    # a type alone is not a citation
    ("an Executive Order and a Constitutional Amendment", []),
    ("the Peruvian Penal Code", ["Penal Code"]),
])
def test_what_is_not_part_of_a_name(sentence, names):
    assert [sentence[c.start : c.end] for c in find_citations(sentence)] == names


def test_an_act_cited_by_its_date_keeps_its_title_and_no_article():
    sentence = "Under the Act of 4 July 2013 to amend certain legislative acts on trafficking, amendments were made."
    [act] = _mentions(sentence)
    assert act.span.quote == "Act of 4 July 2013 to amend certain legislative acts on trafficking" and act.date == "2013-07-04"
    [dated] = _mentions("By a legislative act dated 16 November 2012, the State ratified a convention.")
    assert dated.span.quote == "legislative act dated 16 November 2012"
