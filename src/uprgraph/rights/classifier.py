"""A tagger trained on published thematic lists (method tfidf-logreg-v1): one logistic regression per concept
(one-vs-rest) over a recommendation's words, weighted TF-IDF, and the keyword rules' verdicts (rules.py) as
further features, so the rules count where the lists agree with them.

Why this way: the lists we may learn from are few and small (examples.py; some 270 recommendations), so the
model is small too: words, word pairs and 100-odd rule verdicts, numpy only, trained in about a second when
first needed. It is trained, not shipped: the same files give the same model (zero start, full-batch
gradient descent, a fixed number of steps, no randomness at all), so the same input gives byte-identical
graphs, and nothing binary sits in the repository.

A concept the lists never print (held in the vocabulary from its label alone) is still found by its keyword
rule; one that only one State's list prints needs the text's word for it (see Model.gated). SDG goals follow from the themes kept: how often a list that prints SDGs gives goal g to a
recommendation of theme t (where the lists show t at least MIN_SEEN times), else the targets the theme's
rule row names (vocabularies/theme-sdg-targets.tsv, read from the targets' official titles).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from rdflib.namespace import SKOS
from threadpoolctl import threadpool_limits

from . import rules
from .examples import Example
from .rules import GENERAL, Tag

METHOD = "tfidf-logreg-v1"
THRESHOLD = 0.5  # a concept is kept when the model gives it at least this probability
MAX_THEMES = 8  # the lists give 1.7 (2nd cycle) to 3.7 (3rd cycle) themes a recommendation
MIN_SEEN = 3  # a theme's SDGs are learned from the lists when they show it this often
# The UHRI gives SDGs by theme, so a goal of a theme comes with nearly all of its recommendations; one that
# comes with fewer came with another theme of the same recommendations (SDG 5 with the CEDAW ratifications)
GOAL_SHARE = 0.75
RULE_WEIGHT = 1.0  # a rule's verdict as a feature, beside the text's unit-length TF-IDF vector
# The rules are the prior: before any list is read, a concept's own rule weighs PRIOR_WEIGHT and its bias is
# PRIOR_BIAS (a rule that fires gives p = 0.88, none p = 0.12); the lists move the weights away from there,
# against a pull of L2 back towards it, so little data changes the rules little.
PRIOR_WEIGHT = 4.0
PRIOR_BIAS = -2.0
L2 = 0.01
STEPS = 100
STEP_SIZE = 1.0
MOMENTUM = 0.9

# words that say how, not what: every recommendation has them
STOPWORDS = frozenset("""a about all also an and any are as at be by continue ensure efforts for from further
has have in including into is it its measures necessary of on or other its take that the their these this to
towards which with within""".split())


def stem(word: str) -> str:
    """A crude stem, enough for our few hundred texts: "ratifying", "ratified" -> "ratif"."""
    for suffix in ("ations", "ation", "ing", "ies", "ied", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:7]


def terms(text: str) -> list[str]:
    words = [stem(w) for w in re.findall(r"[a-z]+", rules.clean(text)) if w not in STOPWORDS and len(w) > 2]
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:])]


@dataclass
class Features:
    index: dict[str, int]  # term -> column
    idf: np.ndarray
    rule_names: tuple[str, ...]  # "theme:A12" -> a column after the terms

    @classmethod
    def fit(cls, texts: list[str]) -> Features:
        df: Counter[str] = Counter()
        for text in texts:
            df.update(set(terms(text)))
        kept = sorted(t for t, n in df.items() if n >= 2)  # a term met once teaches nothing general
        idf = np.array([math.log((1 + len(texts)) / (1 + df[t])) + 1 for t in kept])
        names = tuple(f"{r.kind}:{r.key}" for r in rules.rules())
        return cls({t: i for i, t in enumerate(kept)}, idf, names)

    @property
    def width(self) -> int:
        return len(self.index) + 2 * len(self.rule_names) + 1

    def rule_column(self, name: str) -> int | None:
        return len(self.index) + self.rule_names.index(name) if name in self.rule_names else None

    def transform(self, texts: list[str], later: list[bool]) -> np.ndarray:
        """Terms (TF-IDF, unit length), then the rules' verdicts, then whether the text is tagged as the lists
        of the 3rd cycle on tag ("later": labels without codes), alone and with each rule's verdict: later
        lists tag more (a ratification also gets the treaty's subject, "Scope of international obligations"
        comes with "Ratification ..."), and this lets the model learn how much more from the lists it has."""
        terms_, rules_ = len(self.index), len(self.rule_names)
        x = np.zeros((len(texts), self.width))
        for row, text in enumerate(texts):
            for term, n in Counter(terms(text)).items():
                if term in self.index:
                    x[row, self.index[term]] = n * self.idf[self.index[term]]
            norm = np.linalg.norm(x[row, :terms_])
            if norm:
                x[row, :terms_] /= norm
            for found in rules.rule_tags(text):
                column = self.rule_column(f"{found.kind}:{found.key}")
                if column is not None:
                    x[row, column] = RULE_WEIGHT
            if later[row]:
                x[row, terms_ + rules_] = 1.0
                x[row, terms_ + rules_ + 1:] = x[row, terms_:terms_ + rules_]
        return x


def fit_logistic(x: np.ndarray, y: np.ndarray, w0: np.ndarray, b0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One logistic regression per column of y (0/1), from the prior (w0, b0) and pulled back towards it (L2);
    full-batch gradient descent with momentum, a fixed number of steps: deterministic."""
    n = x.shape[0]
    w, b = w0.copy(), b0.copy()
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = p - y
        vw = MOMENTUM * vw - STEP_SIZE * (x.T @ g / n + L2 * (w - w0))
        vb = MOMENTUM * vb - STEP_SIZE * (g.mean(axis=0) + L2 * (b - b0))
        w, b = w + vw, b + vb
    return w, b


@dataclass
class Head:
    """The concepts of one kind (themes or groups) and their weights."""

    keys: tuple[str, ...]
    w: np.ndarray
    b: np.ndarray

    @classmethod
    def fit(cls, x: np.ndarray, labels: list[frozenset[str]], features: Features, kind: str) -> Head:
        keys = tuple(sorted({k for ls in labels for k in ls}))
        y = np.array([[k in ls for k in keys] for ls in labels], dtype=float)
        w0, b0 = np.zeros((x.shape[1], len(keys))), np.zeros(len(keys))
        for j, key in enumerate(keys):
            if (column := features.rule_column(f"{kind}:{key}")) is not None:
                w0[column, j], b0[j] = PRIOR_WEIGHT, PRIOR_BIAS
        w, b = fit_logistic(x, y, w0, b0)
        return cls(keys, w, b)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        # rounded, so that the last bits of a machine's floating point never move a tag
        return np.round(1 / (1 + np.exp(-(x @ self.w + self.b))), 4)


@dataclass
class Model:
    features: Features
    themes: Head
    groups: Head
    goals_of_theme: dict[str, dict[str, float]]  # theme -> goal -> share of the lists' recommendations
    sources: tuple[str, ...]  # the lists it learned from
    # concepts only one State's list prints -> the stems of their labels' words: such a concept is kept only
    # when the text says so (a label word, or its keyword rule), so that one review's habits ("People of
    # African Descent" on every recommendation on racism made to the United States) do not spill onto others
    gated: dict[str, frozenset[str]]

    def tag(self, text: str) -> list[Tag]:
        return self.tag_many([text])[0]

    def tag_many(self, texts: list[str], later: bool = True) -> list[list[Tag]]:
        """Tags of each text, as the latest lists tag (or, later=False, as the 2nd cycle's did)."""
        x = self.features.transform(texts, [later] * len(texts))
        with threadpool_limits(limits=1):
            pt, pg = self.themes.probabilities(x), self.groups.probabilities(x)
        return [self._tags(text, pt[i], pg[i]) for i, text in enumerate(texts)]

    def _tags(self, text: str, pt: np.ndarray, pg: np.ndarray) -> list[Tag]:
        by_rule = rules.rule_tags(text)
        said = set(terms(text))
        themes = self._kept(self.themes.keys, pt, [t for t in by_rule if t.kind == "theme"], True, said)
        groups = self._kept(self.groups.keys, pg, [t for t in by_rule if t.kind == "group"], False, said)
        groups = [g for g in groups if g[0] != GENERAL] or [(GENERAL, max(0.5, float(pg[self.groups.keys.index(GENERAL)]))
                                                              if GENERAL in self.groups.keys else 0.5)]
        tags = [Tag("theme", k, c) for k, c in themes[:MAX_THEMES]] + [Tag("group", k, c) for k, c in groups]
        goals: dict[str, float] = {}
        for key, conf in themes[:MAX_THEMES]:
            for goal, share in self.goals_for(key).items():
                if share >= GOAL_SHARE:
                    goals[goal] = max(goals.get(goal, 0.0), round(conf * share, 2))
        tags += [Tag("sdg", g, c) for g, c in sorted(goals.items(), key=lambda g: (-g[1], int(g[0])))]
        return tags

    def _kept(self, keys: tuple[str, ...], p: np.ndarray, by_rule: list[Tag], at_least_one: bool,
              said: set[str]) -> list[tuple[str, float]]:
        """Concepts the model gives at least THRESHOLD (the surest one anyway, for themes) and the text backs
        where they are gated, and those no list printed that a rule finds: most probable first, ties by key."""
        ruled = {t.key for t in by_rule}
        allowed = [k not in self.gated or k in ruled or bool(self.gated[k] & said) for k in keys]
        kept = [(k, round(float(p[i]), 2)) for i, k in enumerate(keys) if p[i] >= THRESHOLD and allowed[i]]
        if at_least_one and not kept and any(allowed):
            best = int(np.argmax(np.where(allowed, p, -1.0)))
            kept = [(keys[best], round(float(p[best]), 2))]
        kept += [(t.key, t.confidence) for t in by_rule if t.key not in keys]
        return sorted(kept, key=lambda c: (-c[1], c[0]))

    def goals_for(self, theme: str) -> dict[str, float]:
        if theme in self.goals_of_theme:
            return self.goals_of_theme[theme]
        return {t.split(".")[0]: 1.0 for t in rules.theme_targets().get(theme, ())}


def train(examples: list[Example]) -> Model:
    with threadpool_limits(limits=1):  # one BLAS thread: the same sums in the same order on every machine
        return _train(examples)


def _train(examples: list[Example]) -> Model:
    texts = [e.text for e in examples]
    features = Features.fit(texts)
    x = features.transform(texts, [e.later for e in examples])
    seen: Counter[str] = Counter()
    together: dict[str, Counter[str]] = {}
    for e in examples:
        if e.goals is None:
            continue
        for theme in e.themes:
            seen[theme] += 1
            together.setdefault(theme, Counter()).update(e.goals)
    goals_of_theme = {t: {g: round(n / seen[t], 3) for g, n in sorted(together[t].items())}
                      for t in sorted(seen) if seen[t] >= MIN_SEEN}
    return Model(features, Head.fit(x, [e.themes for e in examples], features, "theme"),
                 Head.fit(x, [e.groups for e in examples], features, "group"),
                 goals_of_theme, tuple(sorted({e.source for e in examples})), _gated(examples))


GENERIC = frozenset("""and the of to in on or for with including right rights human persons person people peoples
members groups group general measures implementation other forms specific areas their all""".split())


def _gated(examples: list[Example]) -> dict[str, frozenset[str]]:
    from .vocabulary import load

    vocab = load()
    lists: dict[str, set[str]] = {}
    for e in examples:
        for key in (*e.themes, *e.groups):
            lists.setdefault(key, set()).add(e.source)
    out = {}
    for key, where in sorted(lists.items()):
        if len(where) > 1 or key == GENERAL:
            continue
        concept = vocab.themes.get(key) or vocab.groups.get(key)
        labels = [str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in vocab.graph.objects(concept.iri, p)] if concept else [key]
        out[key] = frozenset(stem(w) for label in labels for w in re.findall(r"[a-z]+", label.lower())
                             if w not in GENERIC and len(w) > 2)
    return out
