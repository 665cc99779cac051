"""Measure the rights tagger against published thematic lists: micro-averaged precision, recall and F1 of UHRI
themes, groups of persons and SDG goals (where a list prints them), each recommendation tagged from its text
alone, as a Working Group report gives it.

    python benchmarks/tagger_eval.py                 # leave-one-list-out over the lists we hold (held out)
    python benchmarks/tagger_eval.py LIST [LIST ...] # the shipped tagger on other lists (.docx or text form)
    python benchmarks/tagger_eval.py --json

Leave-one-list-out: the classifier is trained on every list we hold but one State's and scored on that one,
for each State in turn; the keyword rules (keyword-rules-v1, written with Slovenia's 2nd-cycle list in view)
are scored beside it as the baseline. Themes are scored twice: against every theme the list prints, and
"within vocabulary": against those the trained tagger can give at all (the concepts of the lists it learned
from, and those a keyword rule names), the acceptance's "within the vocabulary we hold".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from uprgraph.rights import classifier, rules  # noqa: E402
from uprgraph.rights.examples import Example, examples_of, read_list, training_examples  # noqa: E402
from uprgraph.rights.rules import Tag  # noqa: E402

Tagger = Callable[[list[str]], list[list[Tag]]]
KINDS = ("themes", "themes within vocabulary", "groups", "SDG goals")


def score(pairs: Iterable[tuple[set[str], set[str]]]) -> dict[str, float]:
    tp = fp = fn = n = 0
    for got, want in pairs:
        tp, fp, fn, n = tp + len(got & want), fp + len(got - want), fn + len(want - got), n + 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "items": n}


def pairs(tagger: Tagger, examples: list[Example], known: set[str]) -> dict[str, list[tuple[set[str], set[str]]]]:
    """(predicted, published) per recommendation and kind; ``known``: the themes the tagger can give."""
    out: dict[str, list[tuple[set[str], set[str]]]] = {kind: [] for kind in KINDS}
    for e, tags in zip(examples, tagger([e.text for e in examples]), strict=True):
        got = {kind: {t.key for t in tags if t.kind == kind} for kind in ("theme", "group", "sdg")}
        out["themes"].append((got["theme"], set(e.themes)))
        out["themes within vocabulary"].append((got["theme"], set(e.themes) & known))
        out["groups"].append((got["group"], set(e.groups)))
        if e.goals is not None:
            out["SDG goals"].append((got["sdg"], set(e.goals)))
    return out


def rules_tagger(texts: list[str]) -> list[list[Tag]]:
    return [rules.rule_tags(t) for t in texts]


def rule_concepts() -> set[str]:
    return {r.key for r in rules.rules() if r.kind == "theme"}


def leave_one_list_out(examples: list[Example]) -> dict[str, dict[str, dict[str, dict[str, float]]]]:
    """{method: {held-out list or "micro-average": {kind: score}}}."""
    lists = sorted({e.source for e in examples})
    report: dict[str, dict[str, dict[str, dict[str, float]]]] = {rules.METHOD: {}, classifier.METHOD: {}}
    pooled: dict[str, dict[str, list[tuple[set[str], set[str]]]]] = {m: {k: [] for k in KINDS} for m in report}
    for held in lists:
        train = [e for e in examples if e.source != held]
        test = [e for e in examples if e.source == held]
        model = classifier.train(train)
        known = set(model.themes.keys) | rule_concepts()
        later = test[0].later  # tagged in the version of the vocabulary the list prints

        def trained(texts: list[str]) -> list[list[Tag]]:
            return model.tag_many(texts, later)  # noqa: B023 (used within the loop)

        for method, tagger, vocabulary in ((rules.METHOD, rules_tagger, rule_concepts()), (classifier.METHOD, trained, known)):
            found = pairs(tagger, test, vocabulary)
            report[method][held] = {k: score(v) for k, v in found.items() if v}
            for k, v in found.items():
                pooled[method][k] += v
    for method in report:
        report[method]["micro-average"] = {k: score(v) for k, v in pooled[method].items() if v}
    return report


def within_lists(examples: list[Example], folds: int = 5) -> dict[str, dict[str, dict[str, float]]]:
    """Each list in FOLDS interleaved parts (every 5th recommendation), each part scored by a model trained on
    everything else, the other lists included. Optimistic: one review's recommendations repeat each other."""
    out = {}
    for source in sorted({e.source for e in examples}):
        mine = [e for e in examples if e.source == source]
        pooled: dict[str, list[tuple[set[str], set[str]]]] = {k: [] for k in KINDS}
        for fold in range(folds):
            test = mine[fold::folds]
            model = classifier.train([e for e in examples if e not in test])
            known = set(model.themes.keys) | rule_concepts()
            for k, v in pairs(lambda texts: model.tag_many(texts, mine[0].later), test, known).items():  # noqa: B023
                pooled[k] += v
        out[source] = {k: score(v) for k, v in pooled.items() if v}
    return out


def on_lists(paths: list[Path]) -> dict[str, dict[str, dict[str, float]]]:
    from uprgraph.rights.tagger import model

    shipped = model()
    known = set(shipped.themes.keys) | rule_concepts()
    return {path.name: {k: score(v) for k, v in pairs(shipped.tag_many, examples_of(read_list(path.name, path.read_bytes())), known).items() if v}
            for path in paths}


def table(title: str, rows: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = [title, f"{'':58} " + "  ".join(f"{k:>24}" for k in KINDS)]
    for name, kinds in rows.items():
        cells = [f"F1 {kinds[k]['f1']:.3f} (P {kinds[k]['precision']:.2f} R {kinds[k]['recall']:.2f})" if k in kinds else "—"
                 for k in KINDS]
        lines.append(f"{name[:58]:58} " + "  ".join(f"{c:>24}" for c in cells))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lists", type=Path, nargs="*")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--within", action="store_true", help="also score each list in 5 interleaved folds (optimistic)")
    args = parser.parse_args()
    if args.lists:
        result: dict = {"shipped tagger": on_lists(args.lists)}  # type: ignore[type-arg]
    else:
        result = leave_one_list_out(list(training_examples()))
        if args.within:
            result["within-list folds (optimistic)"] = within_lists(list(training_examples()))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for method, rows in result.items():
        print(table(f"{method} ({'held out: trained without the list scored' if method == classifier.METHOD else 'no training'})"
                    if method in (rules.METHOD, classifier.METHOD) else method, rows))
        print()


if __name__ == "__main__":
    main()
