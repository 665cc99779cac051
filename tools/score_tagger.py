"""Score the rights tagger (uprgraph.rights.tagger) against published thematic lists: micro-averaged
precision, recall and F1 of UHRI themes, groups of persons and SDG goals (the latter only where a list
prints them).

    python tools/score_tagger.py LIST.docx [LIST.docx ...] [--json]

A list's recommendations are tagged from their text alone, as a Working Group report gives it, and the
tags compared with the list's. The rules were not fitted on a list used here unless the README says so.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from uprgraph.rights.thematic_list import read_docx, read_text  # noqa: E402
from uprgraph.rights.tagger import tag  # noqa: E402
from uprgraph.rights.vocabulary import group_key  # noqa: E402


def score(pairs: list[tuple[set, set]]) -> dict[str, float]:
    tp = sum(len(p & g) for p, g in pairs)
    fp = sum(len(p - g) for p, g in pairs)
    fn = sum(len(g - p) for p, g in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "items": len(pairs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lists", type=Path, nargs="+")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    kinds: dict[str, list[tuple[set, set]]] = {"theme": [], "group": [], "sdg": []}
    for path in args.lists:
        data = path.read_bytes()
        listed = read_docx(data, path.name) if data.startswith(b"PK") else read_text(data.decode("utf-8"), path.name)
        for entry in listed.entries:
            tags = tag(entry.text)
            kinds["theme"].append(({t.key for t in tags if t.kind == "theme"}, {t.code for t in entry.themes if t.code}))
            kinds["group"].append(({t.key for t in tags if t.kind == "group"}, {group_key(g) for g in entry.groups}))
            if entry.sdgs:
                kinds["sdg"].append(({t.key for t in tags if t.kind == "sdg"}, {str(g) for g in entry.sdgs}))
    result = {kind: score(pairs) for kind, pairs in kinds.items() if pairs}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for kind, s in result.items():
            print(f"{kind:6} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  ({s['items']} recommendations)")


if __name__ == "__main__":
    main()
