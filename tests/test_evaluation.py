"""Extraction quality, measured against hand-made annotations (tests/gold/, tests/data/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from uprgraph import resources
from uprgraph.errors import InputError
from uprgraph.evaluate import evaluate, load_gold
from uprgraph.pipeline import read

DATA = Path(__file__).resolve().parent / "data"
TYPES = ("instruments", "treaties", "institutions", "visits")


@pytest.fixture(scope="module")
def kaz_evaluation(kaz):  # type: ignore[no-untyped-def]
    name, gold = resources.default_gold()
    return evaluate(*kaz, load_gold(gold, name))


def test_kazakhstan_section_links_are_exact(kaz_evaluation):
    links = kaz_evaluation.scores["section links"]
    assert links.gold == 138 and (links.precision, links.recall) == (1.0, 1.0)


@pytest.mark.parametrize("kind", TYPES)
def test_kazakhstan_precision_and_recall(kaz_evaluation, kind):
    score = kaz_evaluation.scores[kind]
    assert score.gold > 0
    assert score.precision >= 0.95, (kind, score)
    assert score.recall >= 0.95, (kind, score)


@pytest.mark.parametrize("attribute", ["instrument.kind", "instrument.number", "instrument.date"])
def test_kazakhstan_attribute_accuracy(kaz_evaluation, attribute):
    accuracy = kaz_evaluation.attributes[attribute]
    assert accuracy.compared >= 10
    assert accuracy.accuracy >= 0.95, accuracy.wrong


def test_kazakhstan_treaty_actions_and_issuers(kaz_evaluation):
    for attribute in ("treaty.action", "instrument.issuer"):
        assert kaz_evaluation.attributes[attribute].accuracy >= 0.95, kaz_evaluation.attributes[attribute].wrong


REPORTS = Path(__file__).resolve().parent.parent / "reports"
GOLD = Path(__file__).resolve().parent / "gold"


def _score(report: Path, gold: Path):  # type: ignore[no-untyped-def]
    document, extraction = read(report.read_bytes(), report.name)
    return evaluate(document, extraction, load_gold(gold.read_text(encoding="utf-8"), gold.name))


# Per-document targets at the levels reached (issue 17); the first scores, before that work, are in
# the README ("Accuracy"): Slovenia 2nd cycle instruments F1 0.804, name 0.605, date 0.267.
DOCUMENT_TARGETS = {
    "slovenia-2nd-cycle": (REPORTS / "A_HRC_WG.6_20_SVN_1.pdf", GOLD / "A_HRC_WG.6_20_SVN_1.json",
                           {"f1": 0.89, "instrument.name": 0.95, "instrument.date": 0.80, "instrument.kind": 0.97,
                            "instrument.events": 0.70, "instrument.identity": 0.95}),
    "citation-traditions": (DATA / "synthetic_XXT_citation_traditions.txt", DATA / "synthetic_XXT_citation_traditions.gold.json",
                            {"f1": 0.97, "instrument.name": 0.97, "instrument.number": 0.97, "instrument.date": 0.95,
                             "instrument.kind": 0.97, "instrument.events": 0.80, "instrument.identity": 0.95}),
}


@pytest.mark.parametrize("document", sorted(DOCUMENT_TARGETS))
def test_instruments_of_other_states_and_traditions(document):
    report, gold, targets = DOCUMENT_TARGETS[document]
    result = _score(report, gold)
    instruments = result.scores["instruments"]
    assert instruments.gold >= 80
    assert instruments.f1 >= targets["f1"], (instruments, result.misses)
    for attribute, target in targets.items():
        if attribute != "f1":
            accuracy = result.attributes[attribute]
            assert accuracy.compared >= 10 and accuracy.accuracy >= target, (attribute, accuracy.accuracy, accuracy.wrong)


@pytest.mark.parametrize("name", ["synthetic_XXA_national_report", "synthetic_XXB_national_report"])
def test_a_differently_worded_report_scores_at_least_0_9(name):
    document, extraction = read((DATA / f"{name}.txt").read_bytes(), f"{name}.txt")
    gold = load_gold((DATA / f"{name}.gold.json").read_text(encoding="utf-8"))
    result = evaluate(document, extraction, gold)
    for kind, score in result.scores.items():
        assert score.gold > 0, kind
        assert score.precision >= 0.9 and score.recall >= 0.9, (kind, score)


def test_misses_and_false_alarms_are_listed_with_their_quotes(kaz):
    gold = {"paragraphs": {"183": {"instruments": [{"quote": "Presidential Decree No. 648", "id": "d", "kind": "presidential-decree"}],
                                   "treaties": [{"quote": "State programme", "treaty": "iccpr"}]}}}
    result = evaluate(*kaz, gold)
    assert result.scores["instruments"].matched == 1
    assert ("treaties", 183, "State programme") in result.misses
    p183 = [q for kind, n, q in result.false_alarms if (kind, n) == ("instruments", 183)]
    assert p183 == ["State programme to counter religious extremism and terrorism in Kazakhstan, 2013\u20132017"]
    assert "missed (in the annotation, not found):" in result.table()


def test_a_quote_not_in_the_paragraph_is_an_error(kaz):
    with pytest.raises(InputError, match="paragraph 5 has no instrument quote 'Penal Code'"):
        evaluate(*kaz, {"paragraphs": {"5": {"instruments": [{"quote": "Penal Code", "id": "x"}]}}})


def test_bad_annotation_files():
    with pytest.raises(InputError, match="not valid JSON"):
        load_gold("{", "g.json")
    with pytest.raises(InputError, match="'paragraphs'"):
        load_gold("[]", "g.json")


@pytest.mark.parametrize("quote, exact", [("Presidential Decree No. 648", False), ("Presidential Decree No. 648 of 24 September 2013", True),
                                          ("Decree No. 648 of 24 September 2013", False)])
def test_a_mention_with_the_wrong_name_is_not_right(kaz, quote, exact):
    gold = {"paragraphs": {"183": {"instruments": [{"quote": quote, "id": "d", "kind": "presidential-decree"}]}}}
    result = evaluate(*kaz, gold)
    assert result.scores["instruments"].matched == 1  # the spans overlap
    assert result.strict["instruments"].matched == int(exact)
    name = result.attributes["instrument.name"]
    assert (name.compared, name.correct) == (1, int(exact))
    assert ("instruments, name exact" in result.table()) and ("instrument.name" in result.table())


def test_names_compare_without_article_cited_part_or_version():
    from uprgraph.evaluate import same_name

    assert same_name("Article 20 of the Protection of Public Order Act", "the Protection of Public Order Act")
    assert same_name("first and third paragraphs of Article 297 of the Criminal Code", "Criminal Code")
    assert same_name("The new Criminal Code", "Criminal Code")
    assert same_name("Children’s Act, 2001", "Children's Act, 2001")
    assert not same_name("Corruption Act", "Integrity and Prevention of Corruption Act")
    assert not same_name("Children Act, 2022", "Children's Act, 2001")
