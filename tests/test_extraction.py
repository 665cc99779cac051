"""Extraction from the real report: a sample of instruments, treaties, institutions, visits, responses."""

from __future__ import annotations


def instruments_in(kaz, paragraph):
    return [m for m in kaz[1].instruments if m.span.paragraph == paragraph]


def test_quotes_are_exact_substrings(kaz):
    document, x = kaz
    for mention in [*x.instruments, *x.treaties, *x.institutions, *x.visits, *x.responses]:
        text = document.paragraph(mention.span.paragraph).text
        assert text[mention.span.start : mention.span.end] == mention.span.quote


def test_presidential_decree_number_date_issuer(kaz):
    decree = next(m for m in instruments_in(kaz, 183) if m.kind == "presidential-decree")
    assert (decree.number, decree.date, decree.issuer.key) == ("648", "2013-09-24", "president")
    assert decree.span.quote == "Presidential Decree No. 648 of 24 September 2013"
    programme = next(m for m in instruments_in(kaz, 183) if m.kind == "state-programme")
    assert programme.title.startswith("State programme to counter religious extremism and terrorism in Kazakhstan, 2013")
    approved = programme.events[0]
    assert (approved.type, approved.by, approved.date) == ("approved", decree.key, "2013-09-24")


def test_act_of_4_july_2013_amends_articles_of_an_unnamed_code(kaz):
    act = next(m for m in instruments_in(kaz, 98) if m.kind == "act")
    assert act.date == "2013-07-04"
    assert act.title == "Act of 4 July 2013 to amend certain legislative acts on combating trafficking in human beings"
    unnamed = next(m for m in instruments_in(kaz, 98) if m.kind == "unnamed")
    (event,) = unnamed.events
    assert event.articles == ("128", "132-1", "133", "138", "138-1", "270", "271")
    assert (event.type, event.by) == ("amended", act.key)


def test_one_instrument_many_mentions(kaz):
    keys = {m.key for m in kaz[1].instruments if m.title == "Criminal Code"}
    assert len(keys) == 1
    criminal_code = [m for m in kaz[1].instruments if m.key in keys]
    assert {m.span.paragraph for m in criminal_code} >= {26, 29, 30, 35, 36, 68, 74, 97, 119, 148}
    # "the new Criminal Code" and "Criminal Code" are one node
    assert any(m.span.paragraph == 29 for m in criminal_code)


def test_amendment_events_with_dates_and_articles(kaz):
    (code,) = [m for m in instruments_in(kaz, 36) if m.kind == "code"]
    assert [(e.type, e.date) for e in code.events] == [("amended", "2011")]
    ccp = [m for m in instruments_in(kaz, 26) if m.title == "Code of Criminal Procedure"]
    assert [m.articles for m in ccp] == [("192",), ("532(1)",)]
    (code334,) = [m for m in instruments_in(kaz, 119) if m.kind == "code"]
    (event,) = code334.events
    assert (event.type, event.articles, event.date) == ("amended", ("334",), "2011-01-18")


def test_orders_and_decisions(kaz):
    order = next(m for m in instruments_in(kaz, 20) if m.kind == "order")
    assert (order.number, order.date, order.issuer.key) == ("7", "2010-02-01", "procurator-generals-office")
    order689 = next(m for m in instruments_in(kaz, 194))
    assert (order689.kind, order689.number, order689.date, order689.issuer.label) == (
        "ministerial-order", "689", "2009-11-10", "Ministry of Health")
    decision = next(m for m in instruments_in(kaz, 8) if m.kind == "government-decision")
    assert (decision.number, decision.date) == ("116", "2011-10-13")
    decree = next(m for m in instruments_in(kaz, 231) if m.kind == "government-decree")
    assert (decree.number, decree.date) == ("64", "2012-01-16")  # printed "16 January 16 2012"


def test_laws_and_bills(kaz):
    (law,) = instruments_in(kaz, 100)
    assert law.kind == "act" and law.date == "2010-11-23"
    assert law.title == "law on amendments to certain legislative acts on the protection of the rights of the child"
    bills = instruments_in(kaz, 149)
    assert len(bills) == 2 and all(b.kind == "bill" for b in bills)
    p27 = instruments_in(kaz, 27)[0]
    p52 = instruments_in(kaz, 52)[0]
    assert p27.key == p52.key  # the same law, reported twice
    assert [(e.type, e.date) for e in p52.events] == [("adopted", "2013-07")]


def test_treaties_and_actions(kaz):
    by_paragraph = {}
    for t in kaz[1].treaties:
        by_paragraph.setdefault((t.span.paragraph, t.key), t)  # the first mention in the paragraph
    assert by_paragraph[(17, "iccpr-op2")].events[0].type == "not-acceded"
    ilo = by_paragraph[(131, "ilo-c156")].events[0]
    assert (ilo.type, ilo.date) == ("ratified", "2012-11-16")
    assert by_paragraph[(144, "hcch-adoption-1993")].events[0].date == "2010"
    crpd = by_paragraph[(234, "crpd")]
    assert [(e.type, e.date) for e in crpd.events] == [("ratified", "2008-12-11")]
    assert by_paragraph[(234, "crpd-op")].events[0].type == "ratified"
    assert by_paragraph[(234, "icescr-op")].events[0].type == "signed"
    assert by_paragraph[(209, "icescr-op")].events[0].type == "intends-to-ratify"
    assert by_paragraph[(69, "iccpr")].articles == ("19",)
    assert (85, "refugees-1967") in by_paragraph  # "and the Protocol thereto"


def test_institutions_one_node_however_spelt(kaz):
    x = kaz[1]
    pgo = {m.span.quote for m in x.institutions if m.key == "procurator-generals-office"}
    assert {"Procurator-General\u2019s Office", "Prosecutor General\u2019s Office"} <= pgo
    religious = {m.key for m in x.institutions if "Religious Affairs" in m.span.quote}
    assert len(religious) == 1  # "Agency for Religious Affairs" and "Agency on Religious Affairs"
    ministries = {m.label for m in x.institutions if m.span.paragraph == 8}
    assert {"Ministry of Foreign Affairs", "Ministry of Justice"} <= ministries
    majilis = [m for m in x.institutions if m.span.paragraph == 107 and m.key == "majilis"]
    assert majilis and majilis[0].span.quote == "lower house of Parliament (Majilis)"
    assert not any(m.key == "parliament" and m.span.paragraph == 107 for m in x.institutions)


def test_visits(kaz):
    visits = kaz[1].visits
    p14 = [v for v in visits if v.span.paragraph == 14]
    assert len(p14) == 8
    shahinian = next(v for v in p14 if v.person == "Gulnara Shahinian")
    assert (shahinian.mandate, shahinian.years) == ("Special Rapporteur on contemporary forms of slavery", ("2012", "2014"))
    planned = [v for v in visits if v.status == "planned"]
    assert [v.years for v in planned] == [("2014",), ("2014",)]
    (p105,) = [v for v in visits if v.span.paragraph == 105]
    assert p105.person == "Heiner Bielefeldt" and p105.years == () and p105.date_printed.endswith("4 April 201")


def test_not_accepted(kaz):
    (response,) = kaz[1].responses
    assert response.span.paragraph == 5
    assert response.recommendations == ("97.1", "97.2", "97.3", "97.4", "97.10", "97.12")
    assert response.status == "not-accepted"


def test_slips_of_the_text_are_warned_about_not_guessed(built):
    warnings = "\n".join(built.warnings)
    assert "paragraph 33: 'l\u0435gal' mixes Latin and Cyrillic letters (U+0435)" in warnings
    assert "paragraph 231: date printed '16 January 16 2012' read as 2012-01-16" in warnings
    assert "paragraph 105: date printed '4 April 201' has no full year" in warnings
    assert len(built.warnings) == 3
