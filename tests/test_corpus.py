"""A corpus built into an on-disk store: in worker processes with the same result as in one, and again
incrementally (only what changed is rebuilt; what left the folder is removed, or kept on request).

Real documents: Kazakhstan's pair (text) and the two synthetic national reports of tests/data; for the
Working Group report that bare numbers resolve against, Slovenia's pair of UN PDFs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from uprgraph.cli import main
from uprgraph.corpus import build_into_store
from uprgraph.store import BUILD_RECORDS_GRAPH, open_store

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [ROOT / "reports" / "A_HRC_14_10.txt", ROOT / "reports" / "A_HRC_WG.6_20_KAZ_1.txt",
         ROOT / "tests" / "data" / "synthetic_XXA_national_report.txt",
         ROOT / "tests" / "data" / "synthetic_XXB_national_report.txt"]
# the Working Group report of Slovenia's first review, its addendum (the State's responses) and the national report
SLOVENIA = [ROOT / "reports" / "A_HRC_14_15.pdf", ROOT / "reports" / "A_HRC_14_15_Add.1.pdf",
            ROOT / "reports" / "A_HRC_WG.6_20_SVN_1.pdf"]


def quads(store: Path) -> list[str]:
    handle = open_store(f"oxigraph:{store}", read_only=True)
    try:
        return sorted(str(q) for q in handle.store)
    finally:
        handle.close()


def build(folder: Path, store: Path, **options):  # type: ignore[no-untyped-def]
    handle = open_store(f"oxigraph:{store}")
    try:
        return build_into_store(sorted(folder.iterdir()), handle, progress=False, **options)
    finally:
        handle.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The four text documents built once with two workers, through the CLI, with an N-Quads file."""
    root = tmp_path_factory.mktemp("corpus")
    folder = root / "reports"
    folder.mkdir()
    for path in TEXTS:
        shutil.copy(path, folder)
    result = CliRunner().invoke(main, ["build", str(folder), "--store", f"oxigraph:{root / 'store'}", "--jobs", "2",
                                       "-o", str(root / "two.nq"), "--format", "nquads"])
    assert result.exit_code == 0, result.output
    return root, result.output


def copy_of(built, tmp_path):  # type: ignore[no-untyped-def]
    """A copy of the built folder and store, for a test that changes them."""
    root, _ = built
    shutil.copytree(root / "reports", tmp_path / "reports")
    shutil.copytree(root / "store", tmp_path / "store")
    return tmp_path / "reports", tmp_path / "store"


def test_two_workers_give_the_store_and_file_one_process_gives(built, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root, output = built
    assert "built:           4" in output and "unchanged:       0" in output and "conforms:        true" in output
    one = CliRunner().invoke(main, ["build", str(root / "reports"), "--store", f"oxigraph:{tmp_path / 'store'}",
                                    "--jobs", "1", "-o", str(tmp_path / "one.nq"), "--format", "nquads"])
    assert one.exit_code == 0, one.output
    assert (tmp_path / "one.nq").read_bytes() == (root / "two.nq").read_bytes()
    assert quads(tmp_path / "store") == quads(root / "store")  # the build records too


def test_the_store_matches_a_build_in_memory(built) -> None:  # type: ignore[no-untyped-def]
    """The same named graphs, word for word, as `uprgraph build` without a store writes (each document, and the
    description): a store keeps a decimal in its canonical form, and so does a build (a confidence reads "0.5"
    in both, not "0.50" in one)."""
    from uprgraph.pipeline import build_many

    root, _ = built
    result = build_many([(p.name, p.read_bytes()) for p in sorted((root / "reports").iterdir())], validate=False)
    expected = {str(name): {(str(s), str(p), str(o)) for s, p, o in triples}
                for name, triples in result.named_triples().items()}
    handle = open_store(f"oxigraph:{root / 'store'}", read_only=True)
    try:
        found: dict[str, set] = {}  # type: ignore[type-arg]
        for q in handle.store:
            if q.graph_name.__class__.__name__ == "NamedNode" and q.graph_name.value != BUILD_RECORDS_GRAPH:
                found.setdefault(q.graph_name.value, set()).add((q.subject.value, q.predicate.value, q.object.value))
    finally:
        handle.close()
    assert found.keys() == expected.keys()
    for name in expected:
        if not name.endswith("graph/metadata"):
            assert found[name] == expected[name], name


def test_an_unchanged_folder_is_skipped_and_the_store_stays_as_it_was(built, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, store = copy_of(built, tmp_path)
    before = quads(store)
    result = build(folder, store)
    assert result.built == [] and len(result.unchanged) == 4 and result.removed == []
    assert result.summary["built"] == 0 and result.summary["conforms"] is True
    assert quads(store) == before


def test_a_changed_file_alone_is_rebuilt_and_replaces_its_graph(built, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, store = copy_of(built, tmp_path)
    before = quads(store)
    changed = folder / "synthetic_XXA_national_report.txt"
    changed.write_text(changed.read_text().replace("Labour Code", "Employment Code"))
    result = build(folder, store)
    assert result.built == ["synthetic_XXA_national_report.txt"] and len(result.unchanged) == 3
    after = quads(store)
    assert any("Employment Code" in q for q in after) and not any("Employment Code" in q for q in before)
    # the old version's triples left the named graph and the union, and nothing else changed but the record
    gone = set(before) - set(after)
    assert gone and all("XXA" in q or "labour" in q.lower() or BUILD_RECORDS_GRAPH in q or "graph/metadata" in q
                        for q in gone)
    # changing it back gives the store of the first build
    shutil.copy(TEXTS[2], changed)
    assert build(folder, store).built == ["synthetic_XXA_national_report.txt"]
    assert quads(store) == before


def test_a_removed_file_leaves_the_store_or_is_kept(built, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, store = copy_of(built, tmp_path)
    shutil.copytree(store, tmp_path / "kept")
    before = quads(store)
    (folder / "synthetic_XXB_national_report.txt").unlink()
    kept = build(folder, tmp_path / "kept", keep_missing=True)
    assert kept.kept == ["synthetic_XXB_national_report.txt"] and kept.built == [] and kept.removed == []
    assert quads(tmp_path / "kept") == before
    result = build(folder, store)
    assert result.removed == ["synthetic_XXB_national_report.txt"] and result.built == []
    after = quads(store)
    assert not any("XXB" in q for q in after)
    assert "A/HRC/WG.6/98/XXB/1" not in result.summary["documents"]
    # what the other documents share with the removed one stays in the union
    fresh = tmp_path / "fresh"
    build(folder, fresh)
    assert after == quads(fresh)


def test_force_rebuilds_everything_to_the_same_store(built, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, store = copy_of(built, tmp_path)
    before = quads(store)
    result = CliRunner().invoke(main, ["build", str(folder), "--store", f"oxigraph:{store}", "--force", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "built:           4" in result.output and "unchanged:       0" in result.output
    assert quads(store) == before


def test_a_store_remembers_each_document_in_itself(built) -> None:  # type: ignore[no-untyped-def]
    from uprgraph.corpus_records import code_fingerprint, read_records

    root, _ = built
    handle = open_store(f"oxigraph:{root / 'store'}", read_only=True)
    try:
        records = read_records(handle)
        union = {str(q) for q in handle.store.quads_for_pattern(None, None, None, None)
                 if q.graph_name.__class__.__name__ == "DefaultGraph"}
    finally:
        handle.close()
    assert sorted(records) == sorted(p.name for p in TEXTS)
    assert {r["code"] for r in records.values()} == {code_fingerprint()}
    assert records["A_HRC_14_10.txt"]["kind"] == "working-group-report"
    assert len(records["A_HRC_14_10.txt"]["working_group"]["recommendations"]) == 128
    assert not any(BUILD_RECORDS_GRAPH in q for q in union)  # queries do not see them
    assert BUILD_RECORDS_GRAPH not in (root / "two.nq").read_text()  # nor does the dataset file


def test_a_record_of_other_code_is_rebuilt(built, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from uprgraph import corpus_records

    folder, store = copy_of(built, tmp_path)
    monkeypatch.setattr(corpus_records, "code_fingerprint", lambda: "another version")
    assert len(build(folder, store).built) == 4


def test_a_national_report_and_an_addendum_follow_their_working_group_report(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Slovenia's national report and the addendum cite bare numbers that resolve against the Working Group
    report: they are rebuilt when that report leaves the folder (their recommendations then left out, with
    warnings), not when its bytes change but what is read of it does not."""
    folder, store = tmp_path / "reports", tmp_path / "store"
    folder.mkdir()
    for path in SLOVENIA:
        shutil.copy(path, folder)
    first = build(folder, store, validate=False, jobs=2)
    assert first.summary["recommendations"] == 97 and len(first.built) == 3
    working_group = folder / SLOVENIA[0].name
    working_group.write_bytes(working_group.read_bytes() + b"\n% the same report\n")
    again = build(folder, store, validate=False)
    assert again.built == [SLOVENIA[0].name] and again.unchanged == sorted(p.name for p in SLOVENIA[1:])
    working_group.unlink()
    alone = build(folder, store, validate=False)
    assert sorted(alone.built) == sorted(p.name for p in SLOVENIA[1:]) and alone.removed == [SLOVENIA[0].name]
    assert any("cited by bare number left out" in w for w in alone.warnings)
    assert any("A/HRC/14/15/Add.1" in w and "not among the inputs" in w for w in alone.warnings), alone.warnings


def test_cli_errors_of_the_new_options(tmp_path) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    no_store = runner.invoke(main, ["build", "--jobs", "2", "-o", str(tmp_path / "x.ttl")])
    assert no_store.exit_code == 2 and "--store oxigraph:PATH" in no_store.output
    assert not (tmp_path / "x.ttl").exists()
    zero = runner.invoke(main, ["build", "--store", f"oxigraph:{tmp_path / 's'}", "--jobs", "0"])
    assert zero.exit_code == 2 and "Traceback" not in zero.output
    twice = tmp_path / "a"
    twice.mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(TEXTS[2], twice / "r.txt")
    shutil.copy(TEXTS[3], tmp_path / "b" / "r.txt")
    same_name = runner.invoke(main, ["build", str(twice), str(tmp_path / "b"), "--store", f"oxigraph:{tmp_path / 's'}"])
    assert same_name.exit_code == 2 and "share the file name r.txt" in same_name.output


def test_the_dump_depends_on_the_quads_alone(built, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A store built in two steps (two documents, then all four) writes the same N-Quads and Turtle, byte
    for byte, as the store built in one; the dump is streamed in the store's index order, not sorted."""
    root, _ = built
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in TEXTS[2:]:
        shutil.copy(path, folder)
    build(folder, tmp_path / "store")
    for path in TEXTS[:2]:
        shutil.copy(path, folder)
    assert len(build(folder, tmp_path / "store").built) == 2
    dumps = []
    for store in (root / "store", tmp_path / "store"):
        handle = open_store(f"oxigraph:{store}", read_only=True)
        try:
            dumps.append((handle.dump("nquads"), handle.dump("turtle")))
        finally:
            handle.close()
    assert dumps[0] == dumps[1]
    assert dumps[0][0] == (root / "two.nq").read_bytes()


def test_a_thematic_list_follows_its_working_group_report(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A thematic list takes its State and review from the Working Group report it covers: it is built after
    that report, rebuilt when it changes itself or when what is read of the report changes (here: the report
    leaves the folder), and not when only the report's bytes do."""
    import zipfile

    report, listed = "A_HRC_28_15.pdf", "UPR20_Slovenia_thematic_list_of_recommendations.docx"
    folder, store = tmp_path / "reports", tmp_path / "store"
    folder.mkdir()
    for name in (report, listed):
        shutil.copy(ROOT / "reports" / name, folder)
    first = build(folder, store, validate=False)
    assert first.built == [report, listed] and not first.skipped  # in this order: the list waits for its report
    assert first.summary["recommendations"] == 163
    assert first.summary["documents"] == f"A/HRC/28/15, {listed}"
    # the same list, zipped again: other bytes, the same text
    with zipfile.ZipFile(ROOT / "reports" / listed) as old, zipfile.ZipFile(folder / listed, "w", zipfile.ZIP_STORED) as new:
        for item in old.infolist():
            new.writestr(item.filename, old.read(item.filename))
    again = build(folder, store, validate=False)
    assert again.built == [listed] and again.unchanged == [report]
    (folder / report).write_bytes((folder / report).read_bytes() + b"\n% the same report\n")
    bytes_only = build(folder, store, validate=False)
    assert bytes_only.built == [report] and bytes_only.unchanged == [listed]
    (folder / report).unlink()
    alone = build(folder, store, validate=False)  # the list now takes its review from its file name
    assert alone.built == [listed] and alone.removed == [report] and alone.summary["recommendations"] == 163


def test_a_changed_working_group_report_rebuilds_the_national_report_that_cites_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The synthetic XXC pair (tests/data/README.md): the national report cites the Working Group report's
    recommendations by bare number. A recommendation's text changed there rebuilds both, and only them
    (another State's report stays); the national report's graph then carries the new text."""
    data = ROOT / "tests" / "data"
    folder, store = tmp_path / "reports", tmp_path / "store"
    folder.mkdir()
    for name in ("synthetic_XXC_working_group.txt", "synthetic_XXC_national_report.txt", "synthetic_XXA_national_report.txt"):
        shutil.copy(data / name, folder)
    first = build(folder, store, validate=False, jobs=2)
    assert len(first.built) == 3
    working_group = folder / "synthetic_XXC_working_group.txt"
    old = "Investigate promptly every allegation of torture"
    assert old in working_group.read_text()
    working_group.write_text(working_group.read_text().replace(old, "Investigate promptly and impartially every allegation of torture"))
    again = build(folder, store, validate=False)
    assert sorted(again.built) == ["synthetic_XXC_national_report.txt", "synthetic_XXC_working_group.txt"]
    assert again.unchanged == ["synthetic_XXA_national_report.txt"]
    assert again.summary["built"] == 2 and again.summary["unchanged"] == 1 and again.summary["removed"] == 0
    assert any("impartially" in q for q in quads(store))
    assert build(folder, store, validate=False).built == []  # unchanged now


def test_a_deferred_document_is_read_once(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A national report is read in phase 1 (to learn which Working Group report it needs) and built in phase 2
    from what phase 1 read, not read a second time (reading a PDF is most of a document's time)."""
    from uprgraph import pipeline

    folder = tmp_path / "reports"
    folder.mkdir()
    for path in TEXTS[:2]:
        shutil.copy(path, folder)
    read: list[str] = []
    parse = pipeline._parse
    monkeypatch.setattr(pipeline, "_parse", lambda data, name: read.append(name) or parse(data, name))
    result = build(folder, tmp_path / "store", validate=False)
    assert sorted(result.built) == ["A_HRC_14_10.txt", "A_HRC_WG.6_20_KAZ_1.txt"]
    assert sorted(read) == ["A_HRC_14_10.txt", "A_HRC_WG.6_20_KAZ_1.txt"]
    assert result.summary["paragraphs"] > 200  # the national report's, built from what phase 1 read
