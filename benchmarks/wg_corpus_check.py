"""How well the Working Group report reader does on reports it was not written against.

    python benchmarks/wg_corpus_check.py DIR [--sample N] [--all] [--hand benchmarks/wg_corpus_hand_counts.csv]

DIR holds Working Group reports as the UN published them (PDF), named ``<state><year>.pdf`` as in the
public repository rochelleterman/uprs (folder ``v.1/Data/raw-data/pdfs``: 301 reports of 2008-2014).
Their text is not committed here; get the files with

    git clone https://github.com/rochelleterman/uprs && ls uprs/v.1/Data/raw-data/pdfs

By default a fixed sample is read: the files sorted by name, every k-th taken so that N (30) remain,
after leaving out the documents kept aside for acceptance (Russia 2009, Tajikistan 2011, Uzbekistan
2009) and those the reader was written or tested against (Kazakhstan's, Slovenia's).

For each report it prints: whether it reads without error (and the error's one line), the document
type recognised, the number of recommendations read, how many have the response "unclassified", the
number of warnings, and two counts to compare with:

- ``numbered``: an independent count from ``pdftotext -layout``: for each paragraph number P whose
  items "P.1", "P.2", ... are printed at the start of lines, the highest item n when 1..n are all
  there (the 2nd-cycle layout). Blank for the 1st-cycle layout, which numbers items "1.", "2." ...;
- ``hand``: the count read by a person from the printed report, where ``--hand`` lists one.

Then the totals. Exit status 0 whatever the score: this measures, it does not gate.
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

KEPT_ASIDE = ("russia2009", "tajikistan2011", "uzbekistan2009")
WRITTEN_AGAINST = ("kazakhstan", "slovenia")
ITEM = re.compile(r"^\s*(\d{2,3})\.(\d{1,3})\.?\s", re.M)


def sample(folder: Path, n: int, everything: bool) -> list[Path]:
    files = sorted(p for p in folder.glob("*.pdf")
                   if not p.stem.lower().startswith(KEPT_ASIDE) and not p.stem.lower().startswith(WRITTEN_AGAINST))
    if everything or len(files) <= n:
        return files
    step = len(files) / n
    return [files[int(i * step)] for i in range(n)]


def numbered_count(path: Path) -> int | None:
    """Sum over paragraphs of the highest item n when items P.1 ... P.n are all printed (see the module doc)."""
    try:
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    items: dict[int, set[int]] = {}
    for match in ITEM.finditer(text):
        items.setdefault(int(match.group(1)), set()).add(int(match.group(2)))
    total = 0
    for found in items.values():
        top = max(found)
        if top >= 3 and found >= set(range(1, top + 1)):
            total += top
    return total or None


def check(path: Path) -> dict[str, object]:
    from uprgraph.errors import UprgraphError, one_line
    from uprgraph.pipeline import read_source

    row: dict[str, object] = {"file": path.name}
    try:
        source = read_source(path.read_bytes(), path.name)
    except UprgraphError as error:
        row.update(ok=False, error=one_line(error))
        return row
    recs = source.working_group.recommendations if source.working_group else ()
    responses = Counter(r.response for r in recs)
    row.update(ok=True, kind=source.kind, recommendations=len(recs), unclassified=responses.get("unclassified", 0),
               warnings=len(source.warnings), unknown_state=source.working_group is not None and source.working_group.state_code is None,
               responses=dict(responses))
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--all", action="store_true", help="every report, not a sample")
    parser.add_argument("--hand", type=Path, help="CSV file,recommendations: counts read by hand")
    args = parser.parse_args()
    hand = {}
    if args.hand:
        with args.hand.open(encoding="utf-8") as handle:
            hand = {row["file"]: int(row["recommendations"]) for row in csv.DictReader(handle)}
    rows = []
    for path in sample(args.folder, args.sample, args.all):
        row = check(path)
        row["numbered"] = numbered_count(path)
        row["hand"] = hand.get(path.name)
        rows.append(row)
        if row["ok"]:
            print(f"{path.name:45} ok    {row['kind']:22} recs {row['recommendations']:4}  numbered {row['numbered'] or '-':>4}  "
                  f"hand {row['hand'] or '-':>4}  unclassified {row['unclassified']:3}  warnings {row['warnings']:3}"
                  f"{'  STATE UNKNOWN' if row['unknown_state'] else ''}", flush=True)
        else:
            print(f"{path.name:45} ERROR {row['error']}", flush=True)
    ok = [r for r in rows if r["ok"]]
    agree = [r for r in ok if r["numbered"] is not None]
    agree_hand = [r for r in ok if r["hand"] is not None]
    print()
    print(f"read without error: {len(ok)}/{len(rows)}")
    print(f"recommendations read: {sum(r['recommendations'] for r in ok)}; unclassified: {sum(r['unclassified'] for r in ok)}")
    print(f"State under review not read: {sum(1 for r in ok if r['unknown_state'])}")
    print(f"count equals the independent P.n count: {sum(1 for r in agree if r['numbered'] == r['recommendations'])}/{len(agree)}")
    print(f"count equals the hand count: {sum(1 for r in agree_hand if r['hand'] == r['recommendations'])}/{len(agree_hand)}"
          + (f" (missing from the sample: {len(hand) - len(agree_hand)} read by hand)" if hand else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
