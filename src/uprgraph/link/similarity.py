"""How much of what one recommendation asks another one asked already: a word-containment score that a
reader can check by hand.

A recommendation's *words* are its lower-case words of three letters or more, less

- the function words and UPR formulas of ``ingest.numbering.STOP`` ("the", "recommendation", "State");
- the boilerplate of ``registries/boilerplate_words.csv`` ("continue", "take measures", "ensure",
  "promote and protect"), which opens recommendations of every review and says nothing of what is asked;
- every State's name and adjective (``registries.state_words``: "Kazakhstan's", "Slovenian"),

each cut to its first five letters, so "abolish", "abolishing" and "abolition" are one word ("aboli").

The score of a later recommendation L against an earlier one E is the share of L's words, weighted by
their inverse document frequency over both reports' recommendations, that E has too:
sum of idf over the words L and E share / sum of idf over L's words. A short "Abolish the death penalty"
is wholly contained in "To completely abolish the death penalty and, to that end, ..." (1.0); cosine
would call the two far apart because of the earlier one's length.

One rule on treaties: when both recommendations name treaties (``extract.treaties``, acronyms included,
"ICRMW", "Second Optional Protocol to ICCPR") and no treaty of one belongs to the family of a treaty of the
other (a protocol with its parent), they ask about different treaties and score 0: "Consider ratifying
ICRMW" does not repeat "To consider ratifying the Convention on the Rights of Persons with Disabilities"
however many words they share.
"""

from __future__ import annotations

import csv
import io
import math
from collections import Counter
from functools import lru_cache

from .. import registries, resources
from ..ingest.numbering import tokens

STEM = 5  # letters a word is cut to


@lru_cache(maxsize=1)
def boilerplate() -> frozenset[str]:
    rows = csv.DictReader(io.StringIO(resources.read_text("registries", "boilerplate_words.csv")))
    return frozenset(r["word"] for r in rows)


@lru_cache(maxsize=1)
def _state_words() -> frozenset[str]:
    names, adjectives = registries.state_words()
    return frozenset(w.lower() for w in names | adjectives)


def words(text: str) -> frozenset[str]:
    """The words of a recommendation that say what it asks (see the module's text), cut to STEM letters."""
    skip = boilerplate() | _state_words()
    return frozenset(w[:STEM] for w in tokens(text) if w not in skip and w.removesuffix("s") not in skip)


def treaty_families(text: str) -> frozenset[str]:
    """The registry keys of the treaties a text names, each taken to its root (a protocol to its parent)."""
    from ..extract.treaties import find_treaties

    known = registries.treaties()
    found = set()
    for mention in find_treaties(0, text, []):
        key = mention.key
        while key in known and known[key].parent:
            key = known[key].parent or key
        found.add(key)
    return frozenset(found)


class Scorer:
    """Scores of later recommendations against earlier ones, with the idf of the words of both lists."""

    def __init__(self, earlier: list[str], later: list[str]) -> None:
        self.earlier = [words(t) for t in earlier]
        self.later = [words(t) for t in later]
        self.earlier_treaties = [treaty_families(t) for t in earlier]
        self.later_treaties = [treaty_families(t) for t in later]
        documents = self.earlier + self.later
        df = Counter(w for d in documents for w in d)
        n = len(documents)
        self.idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}  # smoothed, as ingest.numbering

    def score(self, later: int, earlier: int) -> float:
        """The share of later recommendation ``later``'s weighted words that earlier one ``earlier`` has."""
        mine, theirs = self.later[later], self.earlier[earlier]
        treaties, others = self.later_treaties[later], self.earlier_treaties[earlier]
        if not mine or (treaties and others and not treaties & others):
            return 0.0
        return sum(self.idf[w] for w in mine & theirs) / sum(self.idf[w] for w in mine)

    def shared(self, later: int, earlier: int) -> list[str]:
        """The words both share, the rarest first: what the score rests on."""
        return sorted(self.later[later] & self.earlier[earlier], key=lambda w: (-self.idf[w], w))
