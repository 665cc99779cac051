"""Infer a recommendation's UHRI themes, groups of persons and SDG goals from its text, where no published
thematic list is among the inputs: the classifier (classifier.py) trained on every published list we hold
(examples.py), trained once a process, when first needed. A national report's section headings are mapped by
the keyword rules (rules.py), which need no training and suit a heading's few words.

Measured by benchmarks/tagger_eval.py (README: "Rights").
"""

from __future__ import annotations

from functools import lru_cache

from . import classifier, rules
from .examples import training_examples
from .rules import Tag

METHOD = classifier.METHOD  # named on every inferred link; change it when the model or its data change
SECTION_METHOD = "section-heading-v1"  # a national report's section heading, by the keyword rules


@lru_cache(maxsize=1)
def model() -> classifier.Model:
    return classifier.train(list(training_examples()))


def tag(text: str) -> list[Tag]:
    """Themes, groups and SDG goals of one recommendation's text, most confident first within each kind."""
    return model().tag(text)


def tag_many(texts: list[str], later: bool = True) -> list[list[Tag]]:
    """Tags of each text, as the lists of the 3rd cycle on tag (later=False: as the 2nd cycle's did)."""
    return model().tag_many(texts, later) if texts else []


def heading_tags(heading: str) -> list[Tag]:
    return rules.rule_tags(heading)
