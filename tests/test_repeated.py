"""Recommended again (issue 19): the upr:repeats link between a State's consecutive reviews, its measured
precision and recall on pairs judged by reading (tests/gold/repeated_pairs.csv, tests/gold/README.md), its
place in the graph, the queries and the corpus store.

The shared chains come from tests/conftest.py (built once per session): Kazakhstan A/HRC/14/10 ->
A/HRC/28/10, Slovenia A/HRC/14/15 -> A/HRC/28/15.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from rdflib import URIRef

from uprgraph import resources
from uprgraph.query.runner import run_query

GOLD = Path(__file__).parent / "gold" / "repeated_pairs.csv"
REC = "https://w3id.org/uprgraph/id/review/{}/recommendation/{}"


def judged() -> list[dict[str, str]]:
    return list(csv.DictReader(GOLD.open(encoding="utf-8")))


def sample(name: str) -> list[tuple[str, str, bool]]:
    """(State, later number, earlier number, repeats) of one sample of the judged pairs."""
    return [(r["later"].split()[0], r["later"].split()[1], r["earlier"].split()[1], r["repeats"] == "yes")
            for r in judged() if r["sample"] == name]  # type: ignore[misc]


def links(result) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(later, earlier) numbers of every upr:repeats link in a built graph."""
    found = run_query(result.graph, "repeated-recommendations", {})
    col = {c: i for i, c in enumerate(found.columns)}
    return {(str(r[col["later"]]), str(r[col["earlier"]])) for r in found.rows}


def score(pairs, linked: set[tuple[str, str]]) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(right links, links, pairs that repeat) among the judged pairs."""
    hits = [yes for _, later, earlier, yes in pairs if (later, earlier) in linked]
    return sum(hits), len(hits), sum(yes for *_, yes in pairs)


def test_the_gold_file_holds_every_sample_and_judges_a_pair_alike_in_each():
    rows = judged()
    counts = {name: sum(r["sample"] == name for r in rows) for name in ("svn-best-match", "kaz-candidates", "kaz-links", "svn-links")}
    assert counts == {"svn-best-match": 29, "kaz-candidates": 111, "kaz-links": 25, "svn-links": 20}
    verdicts: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        assert r["repeats"] in ("yes", "no") and r["reasoning"], r
        verdicts.setdefault((r["later"], r["earlier"]), set()).add(r["repeats"])
    assert all(len(v) == 1 for v in verdicts.values()), {k: v for k, v in verdicts.items() if len(v) > 1}
    assert sum(len(v) for v in verdicts.values()) < len(rows)  # some pairs were drawn by two samples


def test_the_first_score_tf_idf_cosine_at_0_35():
    """The method of session 5, scored from the file's tfidf_cosine column before any tuning: Slovenia's best
    matches 13/17 (recall 13/18 of that sample); Kazakhstan, judged after it was chosen, 8/13, recall 8/38."""
    for name, expected in (("svn-best-match", (13, 17, 18)), ("kaz-candidates", (8, 13, 38))):
        rows = [r for r in judged() if r["sample"] == name]
        above = [r for r in rows if float(r["tfidf_cosine"]) >= 0.35]
        found = (sum(r["repeats"] == "yes" for r in above), len(above), sum(r["repeats"] == "yes" for r in rows))
        assert found == expected, (name, found)


def test_precision_and_recall_of_the_link_on_each_state(kazakhstan_chain, slovenia_chain):
    """word-containment-v1 at 0.50 with the 0.20 margin (README "Follow-up"): on Kazakhstan's candidates,
    where it was tuned, precision 10/12, recall 10/38; on Slovenia's best matches, scored once after it was
    fixed, 7/8 and 7/18. Of the links drawn at random from what the graph holds, 12/16 (Kazakhstan, the
    sample drawn before the margin: 16 of its 25 links remain) and 11/20 (Slovenia) are right."""
    kaz, svn = links(kazakhstan_chain), links(slovenia_chain)
    assert score(sample("kaz-candidates"), kaz) == (10, 12, 38)
    assert score(sample("svn-best-match"), svn) == (7, 8, 18)
    assert score(sample("kaz-links"), kaz)[:2] == (12, 16)
    assert score(sample("svn-links"), svn)[:2] == (11, 20)
    right, made, _ = score(sample("kaz-candidates"), kaz)
    assert right / made >= 0.75  # the rule that chose the threshold
    assert (len(kaz), len(svn)) == (94, 49)


def test_the_link_node_carries_score_method_and_provenance(kazakhstan_chain):
    g = kazakhstan_chain.graph
    found = g.query("""
        PREFIX upr: <https://w3id.org/uprgraph/ns#> PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?link ?score ?words ?method ?threshold ?activity ?used WHERE {
          ?later upr:repeats ?earlier .
          ?link a upr:Repetition ; upr:repeatingRecommendation ?later ; upr:repeatedRecommendation ?earlier ;
                upr:similarity ?score ; upr:sharedWords ?words ; upr:similarityMethod ?m ; prov:wasGeneratedBy ?activity .
          ?m rdfs:label ?method ; upr:threshold ?threshold .
          ?activity a prov:Activity ; prov:used ?used ; upr:similarityMethod ?m .
        }""", initBindings={"later": URIRef(REC.format("KAZ/2", "126.7")), "earlier": URIRef(REC.format("KAZ/1", "97.17"))})
    rows = list(found)
    assert {str(r.used).rsplit("/", 1)[-1] for r in rows} == {"A-HRC-14-10", "A-HRC-28-10"}
    row = rows[0]
    assert str(row.link).endswith("/review/KAZ/2/recommendation/126.7/repeats/1/97.17")
    assert 0.5 <= float(row.score) <= 1 and str(row.method) == "word-containment-v1" and float(row.threshold) == 0.5
    assert {"proto", "death", "ratif"} <= set(str(row.words).split())
    from uprgraph.validate import validate

    assert validate(kazakhstan_chain.graph).conforms  # the session's chain is built without validation


def test_what_the_reading_says_of_a_few_pairs(kazakhstan_chain):
    """Read from A/HRC/14/10 and A/HRC/28/10: 125.42 "Abolish the death penalty" repeats 97.16 ("To abolish
    the death penalty in all circumstances"); 126.7, ratify the Second Optional Protocol to ICCPR, repeats
    97.17; 126.10 "Sign and ratify the Second Optional Protocol to ICCPR" does not repeat 95.2, which asks
    the same of the Optional Protocol to the ICESCR (the treaty rule: TF-IDF gave that pair its best score,
    0.523); 124.31, labour inspections, repeats nothing."""
    kaz = links(kazakhstan_chain)
    assert {("125.42", "97.16"), ("126.7", "97.17"), ("126.10", "97.17")} <= kaz
    assert ("126.10", "95.2") not in kaz
    assert not {e for later, e in kaz if later == "124.31"}


def test_the_same_input_gives_the_same_links_whatever_the_order():
    from uprgraph.graph.repeats import repeat_triples
    from uprgraph.pipeline import _parse

    folder = resources.data_dir("reports")
    earlier = _parse((folder / "A_HRC_14_10.txt").read_bytes(), "A_HRC_14_10.txt")
    later = _parse((folder / "A_HRC_28_10.txt").read_bytes(), "A_HRC_28_10.txt")
    once = repeat_triples(later, [earlier, later], "https://example.org/upr/")
    twice = repeat_triples(later, [later, earlier], "https://example.org/upr/")
    assert sorted(once) == sorted(twice) and len(once) > 0
    assert not repeat_triples(earlier, [earlier, later], "https://example.org/upr/")  # a first review repeats nothing
    # every node under the base IRI, but the method, which the ontology names (ns/method/word-containment-v1)
    assert {str(s) for s, _, _ in once if not str(s).startswith("https://example.org/upr/")} == {
        "https://w3id.org/uprgraph/ns/method/word-containment-v1"}


def test_follow_up_shows_the_repeated_step(kazakhstan_chain):
    found = run_query(kazakhstan_chain.graph, "follow-up", {"rec": "97.17"})
    rows = [dict(zip(found.columns, r, strict=True)) for r in found.rows]
    repeated = [r for r in rows if r["step"] == "repeated"]
    assert repeated and rows[-len(repeated):] == repeated  # the last step
    row = next(r for r in repeated if r["section"] == "recommendation 126.7")
    assert row["document"] == "A/HRC/28/10" and int(row["paragraph"]) == 126
    assert str(row["detail"]).startswith("as 126.7 (similarity 0.7")
    assert "word-containment-v1): Ratify the Second Optional Protocol to ICCPR" in str(row["detail"])


def test_repeated_recommendations_by_state_and_review(kazakhstan_chain):
    every = run_query(kazakhstan_chain.graph, "repeated-recommendations", {})
    assert len(every.rows) == 94
    col = {c: i for i, c in enumerate(every.columns)}
    row = every.rows[0]
    assert row[col["earlier_review"]] == "Kazakhstan, UPR cycle 1" and row[col["later_review"]] == "Kazakhstan, UPR cycle 2"
    assert row[col["earlier_document"]] == "A/HRC/14/10" and row[col["later_document"]] == "A/HRC/28/10"
    assert row[col["earlier_text"]] and row[col["later_text"]]
    for params, rows in (({"state": "KAZ"}, 94), ({"state": "kazakh"}, 94), ({"state": "SVN"}, 0),
                         ({"review": "cycle 2"}, 94), ({"review": "Kazakhstan, UPR cycle 1"}, 94), ({"review": "cycle 3"}, 0)):
        assert len(run_query(kazakhstan_chain.graph, "repeated-recommendations", params).rows) == rows, params


def store_links(spec: str) -> set[tuple[str, str]]:
    from uprgraph.query.runner import prepare
    from uprgraph.store import open_store

    handle = open_store(spec, read_only=True)
    try:
        found = handle.backend()(prepare("repeated-recommendations", {}))
    finally:
        handle.close()
    col = {c: i for i, c in enumerate(found.columns)}
    return {(str(r[col["later"]]), str(r[col["earlier"]])) for r in found.rows}


def build_store(folder: Path, spec: str):  # type: ignore[no-untyped-def]
    from uprgraph.corpus import build_into_store
    from uprgraph.store import open_store

    handle = open_store(spec)
    try:
        return build_into_store(sorted(folder.iterdir()), handle, validate=False, progress=False)
    finally:
        handle.close()


def test_a_corpus_store_links_as_one_build_does_and_relinks_when_the_earlier_report_changes(tmp_path, kazakhstan_chain):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("A_HRC_14_10.txt", "A_HRC_28_10.txt"):
        shutil.copyfile(resources.data_dir("reports") / name, folder / name)
    spec = f"oxigraph:{tmp_path / 'store'}"
    first = build_store(folder, spec)
    assert first.built == ["A_HRC_14_10.txt", "A_HRC_28_10.txt"]
    assert store_links(spec) == links(kazakhstan_chain)
    # A/HRC/14/10 changes what is read of 97.17: A/HRC/28/10 is rebuilt with it (its record names the earlier
    # report's digest), and its link to 97.17 is gone
    earlier = folder / "A_HRC_14_10.txt"
    text = earlier.read_text(encoding="utf-8")
    clause = "To completely abolish the death penalty and, to that end, to ratify as soon as possible the Second Optional Protocol"
    assert clause in text
    earlier.write_text(text.replace(clause, "To train judges on the rights of the child"), encoding="utf-8")
    second = build_store(folder, spec)
    assert sorted(second.built) == ["A_HRC_14_10.txt", "A_HRC_28_10.txt"] and second.unchanged == []
    relinked = store_links(spec)
    assert ("126.7", "97.17") in links(kazakhstan_chain) and ("126.7", "97.17") not in relinked
    assert len(relinked) > 80
