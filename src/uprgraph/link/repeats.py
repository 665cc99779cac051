"""Recommended again: which recommendations of a State's review in cycle n+1 repeat recommendations of its
review in cycle n, by :mod:`uprgraph.link.similarity`, at a threshold measured on pairs judged by reading
(``tests/gold/repeated_pairs.csv``; README "Follow-up of a recommendation" gives the precision).

A later recommendation may repeat several earlier ones (Kazakhstan's 126.38 on defamation repeats five
of 2010): each pair at or above the threshold is a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .similarity import Scorer

METHOD = "word-containment-v1"  # the method's name in the graph (ontology: upr method individual)
THRESHOLD = 0.5  # the lowest score whose precision on the judged Kazakhstan pairs is >= 0.75 (README)
# A short, general later recommendation ("Continue further improvement of the protection and promotion of human
# rights in the country") is half contained in dozens of earlier ones; of those it is linked only to the ones
# within MARGIN of its best score. Measured on 25 links drawn at random (README): 14/25 right without the margin,
# 12/16 with it.
MARGIN = 0.2


@dataclass(frozen=True)
class Repeat:
    later: str  # the later recommendation's number ("124.6")
    earlier: str  # the earlier one's ("95.10")
    score: float
    shared: tuple[str, ...]  # the words both share, the rarest first (cut to five letters)


def find_repeats(earlier: list[tuple[str, str]], later: list[tuple[str, str]],
                 threshold: float = THRESHOLD, margin: float = MARGIN) -> list[Repeat]:
    """(number, text) of the earlier and the later review's recommendations -> the pairs scoring >= threshold
    and within ``margin`` of the later recommendation's best score, in the later list's order, then the earlier's."""
    scorer = Scorer([t for _, t in earlier], [t for _, t in later])
    found = []
    for j, (later_number, _) in enumerate(later):
        scores = [round(scorer.score(j, i), 3) for i in range(len(earlier))]
        best = max(scores, default=0.0)
        for i, (earlier_number, _) in enumerate(earlier):
            if scores[i] >= threshold and scores[i] >= round(best - margin, 3):
                found.append(Repeat(later_number, earlier_number, scores[i], tuple(scorer.shared(j, i))))
    return found


def previous_reports(report: Any, reports: list[Any]) -> list[Any]:
    """Of ``reports`` (Working Group reports, or what a corpus build keeps of them: symbol, state_code,
    wg_session, recommendations), those of the same State's review one cycle before ``report``'s."""
    from ..registries import cycle_of_session

    cycle = cycle_of_session(report.wg_session) if report.wg_session else None
    if not cycle or not report.state_code:
        return []
    return sorted((r for r in reports if r.state_code == report.state_code and r.wg_session
                   and cycle_of_session(r.wg_session) == cycle - 1 and r.symbol != report.symbol),
                  key=lambda r: r.symbol or "")
