"""Keyword rules for a recommendation's UHRI themes, groups of persons and SDG goals (method keyword-rules-v1,
the tagger of session 5): what the trained tagger (classifier.py) reads as features, what maps a national
report's section heading onto UHRI themes, and the baseline the trained tagger is measured against.

The method is rules, kept as data (vocabularies/rights-keywords.tsv: concept, pattern): each concept's
pattern is searched in the lower-cased text; a concept is kept when it matches, with a confidence that
grows with the number of distinct words matched (1 -> 0.5, 2 -> 0.67, 3 -> 0.75: n/(n+1)). At most
MAX_THEMES themes are kept (the published lists give 1.7 a recommendation on average), the most
confident first, ties broken by how specific the pattern is (fewer words in the pattern first). Groups
default to "general" when none matches, as the lists print it. SDG goals follow from the themes kept:
vocabularies/theme-sdg-targets.tsv names, for each theme, the SDG targets whose official titles cover it
(D29 Domestic violence -> 5.2 "Eliminate all forms of violence against all women and girls ..."); a goal
gets the confidence of the surest theme that leads to it.
How well this does is measured by benchmarks/tagger_eval.py (README: "Rights").
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache

METHOD = "keyword-rules-v1"  # named on every inferred link; change it when the rules change
MAX_THEMES = 3
GENERAL = "general"


@dataclass(frozen=True)
class Tag:
    kind: str  # "theme", "group" or "sdg"
    key: str  # "A12", "children", "5"
    confidence: float


@dataclass(frozen=True)
class Rule:
    kind: str
    key: str
    pattern: re.Pattern[str]
    breadth: int  # how many alternatives the pattern holds: a rough measure of how general it is


@lru_cache(maxsize=1)
def theme_targets() -> dict[str, tuple[str, ...]]:
    """UHRI theme code -> the SDG targets that cover it ("5.2", "16.1")."""
    from .. import resources

    rows = csv.DictReader(io.StringIO(resources.read_text("vocabularies", "theme-sdg-targets.tsv")), delimiter="\t")
    return {row["theme"]: tuple(row["targets"].split()) for row in rows}


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    from .. import resources

    out = []
    for row in csv.DictReader(io.StringIO(resources.read_text("vocabularies", "rights-keywords.tsv")), delimiter="\t"):
        kind, key = row["concept"].split(":", 1)
        out.append(Rule(kind, key, re.compile(row["pattern"], re.I), row["pattern"].count("|") + 1))
    return tuple(out)


def clean(text: str) -> str:
    """The recommendation's words, lower case: the recommending States in the final parentheses name
    countries, not topics ("... (Rwanda) (Bahamas) (Namibia);" loses all four)."""
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"\([^()]*\)\s*[;.]?\s*$", "", text)
    return text.lower()


def rule_tags(text: str) -> list[Tag]:
    """Themes, groups and SDG goals of one recommendation's text, most confident first within each kind."""
    body = clean(text)
    found: dict[str, list[tuple[float, int, str]]] = {"theme": [], "group": [], "sdg": []}
    for rule in rules():
        hits = {m.group(0) for m in rule.pattern.finditer(body)}
        if hits:
            n = len(hits)
            found[rule.kind].append((round(n / (n + 1), 2), rule.breadth, rule.key))
    tags: list[Tag] = []
    for kind, limit in (("theme", MAX_THEMES), ("group", None)):
        ranked = sorted(found[kind], key=lambda t: (-t[0], t[1], t[2]))
        tags += [Tag(kind, key, conf) for conf, _, key in (ranked[:limit] if limit else ranked)]
    if not found["group"]:
        tags.append(Tag("group", GENERAL, 0.5))
    goals: dict[str, float] = {}
    for theme in (t for t in tags if t.kind == "theme"):
        for target in theme_targets().get(theme.key, ()):
            goal = target.split(".")[0]
            goals[goal] = max(goals.get(goal, 0.0), theme.confidence)
    tags += [Tag("sdg", goal, conf) for goal, conf in sorted(goals.items(), key=lambda g: (-g[1], int(g[0])))]
    return tags
