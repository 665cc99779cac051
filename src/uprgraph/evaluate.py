"""Score the extraction against a hand-made annotation ("gold"): precision, recall and F1 per entity
type, accuracy of attributes on matched mentions, and every miss and false alarm with its quote.

A gold mention is matched to a found one in the same paragraph whose span overlaps it (and, for
treaties, names the same treaty); each is matched at most once, the largest overlaps first. Overlap is
lenient, so names are scored apart: a matched instrument or institution whose span is not the annotated
name (leading article, typography and spacing aside) is a name error, and the strict scores count only
the matches with the name exactly right: a wrong name makes another law.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from . import registries
from .document import Document
from .errors import InputError
from .extract.institutions import resolve_institution
from .extract.model import Extraction

TYPES = ("instruments", "treaties", "institutions", "visits")
NAMED = ("instruments", "institutions")  # the types whose printed name becomes a node's label


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    compared: int = 0
    correct: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.compared if self.compared else 1.0

    def check(self, gold: Any, found: Any, where: str) -> None:
        if gold in (None, [], ()) and found in (None, [], ()):
            return
        self.compared += 1
        if gold == found:
            self.correct += 1
        else:
            self.wrong.append(f"{where}: gold {gold!r}, found {found!r}")


@dataclass
class Evaluation:
    scores: dict[str, Score]
    attributes: dict[str, Accuracy]
    misses: list[tuple[str, int, str]]  # (type, paragraph, quote)
    false_alarms: list[tuple[str, int, str]]
    strict: dict[str, Score] = field(default_factory=dict)  # matches with the name exactly right only

    def to_json(self) -> dict[str, Any]:
        return {
            "scores": {t: {**asdict(s), "precision": s.precision, "recall": s.recall, "f1": s.f1} for t, s in self.scores.items()},
            "name_exact": {t: {**asdict(s), "precision": s.precision, "recall": s.recall, "f1": s.f1} for t, s in self.strict.items()},
            "attributes": {a: {**asdict(s), "accuracy": s.accuracy} for a, s in self.attributes.items()},
            "misses": [{"type": t, "paragraph": p, "quote": q} for t, p, q in self.misses],
            "false_alarms": [{"type": t, "paragraph": p, "quote": q} for t, p, q in self.false_alarms],
        }

    def sections(self) -> list[tuple[str, list[str], list[list[str]], tuple[int, ...]]]:
        """The report's tables: (title, header, rows, columns aligned right); the lists only when not empty."""
        out = [
            ("", ["type", "gold", "found", "matched", "precision", "recall", "F1"],
             [[name, str(s.gold), str(s.found), str(s.matched), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
              for name, s in self.scores.items()]
             + [[f"{name}, name exact", str(s.gold), str(s.found), str(s.matched), f"{s.precision:.3f}",
                 f"{s.recall:.3f}", f"{s.f1:.3f}"] for name, s in self.strict.items()], (1, 2, 3, 4, 5, 6)),
            ("", ["attribute", "compared", "correct", "accuracy"],
             [[name, str(a.compared), str(a.correct), f"{a.accuracy:.3f}"] for name, a in self.attributes.items()],
             (1, 2, 3)),
        ]
        mentions = ["type", "paragraph", "quote"]
        if self.misses:
            out.append(("missed (in the annotation, not found):", mentions,
                        [[t, str(p), q] for t, p, q in self.misses], (1,)))
        if self.false_alarms:
            out.append(("false alarms (found, not in the annotation):", mentions,
                        [[t, str(p), q] for t, p, q in self.false_alarms], (1,)))
        wrong = [[name, w] for name, a in self.attributes.items() for w in a.wrong]
        if wrong:
            out.append(("attribute errors on matched mentions:", ["attribute", "error"], wrong, ()))
        return out

    def table(self, width: int | None = None) -> str:
        """Aligned tables; with ``width``, long quotes wrap to fit it."""
        from uprgraph import tables

        parts = [(f"{title}\n\n" if title else "") + tables.render(header, rows, width, right)
                 for title, header, rows, right in self.sections()]
        return "\n".join(parts)

    def markdown(self) -> str:
        from uprgraph import tables

        parts = [(f"**{title}**\n\n" if title else "") + tables.markdown(header, rows, right)
                 for title, header, rows, right in self.sections()]
        return "\n".join(parts)


SUMMARY = (("instr F1", "score", "instruments"), ("exact F1", "strict", "instruments"),
           ("name", "attr", "instrument.name"), ("kind", "attr", "instrument.kind"),
           ("number", "attr", "instrument.number"), ("date", "attr", "instrument.date"),
           ("events", "attr", "instrument.events"), ("identity", "attr", "instrument.identity"),
           ("treaty F1", "score", "treaties"), ("inst F1", "score", "institutions"))


def summary_rows(results: list[tuple[str, Evaluation]]) -> tuple[list[str], list[list[str]]]:
    """One row per document: the instrument scores the acceptance targets name, and the other types' F1."""
    def cell(result: Evaluation, source: str, key: str) -> str:
        if source == "attr":
            accuracy = result.attributes.get(key)
            return f"{accuracy.accuracy:.3f}" if accuracy and accuracy.compared else "-"
        score = (result.scores if source == "score" else result.strict).get(key)
        return f"{score.f1:.3f}" if score and score.gold else "-"

    header = ["document", *(title for title, _, _ in SUMMARY)]
    return header, [[name, *(cell(result, source, key) for _, source, key in SUMMARY)] for name, result in results]


def summary(results: list[tuple[str, Evaluation]], width: int | None = None) -> str:
    from uprgraph import tables

    return tables.render(*summary_rows(results), width, right=range(1, len(SUMMARY) + 1))


def summary_markdown(results: list[tuple[str, Evaluation]]) -> str:
    from uprgraph import tables

    return tables.markdown(*summary_rows(results), right=range(1, len(SUMMARY) + 1))


def load_gold(text: str, name: str = "gold") -> dict[str, Any]:
    try:
        gold = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(gold, dict) or "paragraphs" not in gold:
        raise InputError(f"{name}: an annotation needs a 'paragraphs' object")
    return gold


def _spans(document: Document, gold: dict[str, Any], kind: str) -> list[tuple[int, int, int, dict[str, Any]]]:
    """(paragraph, start, end, object) of each gold mention; the k-th repeat of a quote is its k-th occurrence."""
    spans = []
    for number, entry in gold["paragraphs"].items():
        n = int(number)
        try:
            text = document.paragraph(n).text
        except KeyError:
            raise InputError(f"annotation: paragraph {n} is not in the report") from None
        previous = -1
        for obj in entry.get(kind, []):
            quote = obj["quote"]
            # Objects of a type are listed in text order: each quote is searched for from just after
            # the start of the one before, so a repeated quote means its next occurrence.
            start = text.find(quote, previous + 1)
            if start < 0:
                raise InputError(f"annotation: paragraph {n} has no {kind[:-1]} quote {quote!r} after offset {previous + 1}")
            previous = start
            spans.append((n, start, start + len(quote), obj))
    return spans


def _match(gold: list[tuple[int, int, int, Any]], found: list[tuple[int, int, int, Any]], same=lambda g, f: True):  # type: ignore[no-untyped-def]
    pairs = []
    for gi, (gn, gs, ge, gobj) in enumerate(gold):
        for fi, (fn, fs, fe, fobj) in enumerate(found):
            overlap = min(ge, fe) - max(gs, fs)
            if gn == fn and overlap > 0 and same(gobj, fobj):
                pairs.append((overlap, gi, fi))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_g, used_f, matches = set(), set(), []
    for _, gi, fi in pairs:
        if gi not in used_g and fi not in used_f:
            used_g.add(gi)
            used_f.add(fi)
            matches.append((gi, fi))
    return sorted(matches), used_g, used_f


def _issuer_key(name: str | None) -> str | None:
    return resolve_institution(name).key if name else None


def evaluate(document: Document, extraction: Extraction, gold: dict[str, Any]) -> Evaluation:
    scores: dict[str, Score] = {}
    strict: dict[str, Score] = {}
    attributes: dict[str, Accuracy] = defaultdict(Accuracy)
    misses, false_alarms = [], []
    found_by_type = {
        "instruments": [(m.span.paragraph, m.span.start, m.span.end, m) for m in _fold_unnamed(extraction.instruments)],
        "treaties": [(m.span.paragraph, m.span.start, m.span.end, m) for m in extraction.treaties],
        "institutions": [(m.span.paragraph, m.span.start, m.span.end, m) for m in extraction.institutions],
        "visits": [(m.span.paragraph, m.span.start, m.span.end, m) for m in extraction.visits],
    }
    known = registries.treaties()
    # A registered treaty must be named as such; one the registry lacks is matched by place alone.
    same = {"treaties": lambda g, f: g["treaty"] == f.key or (g["treaty"] not in known and f.key not in known)}
    for kind in TYPES:
        gold_spans = _spans(document, gold, kind)
        found = found_by_type[kind]
        matches, used_g, used_f = _match(gold_spans, found, same.get(kind, lambda g, f: True))
        scores[kind] = Score(len(gold_spans), len(found), len(matches))
        if kind in NAMED:
            exact = 0
            for gi, fi in matches:
                n, _, _, g = gold_spans[gi]
                found_name = found[fi][3].span.quote
                gold_name = _name(g.get("name", g["quote"]))
                exact += gold_name == _name(found_name)
                attributes[f"{kind[:-1]}.name"].check(gold_name, _name(found_name), f"p.{n}")
            strict[kind] = Score(len(gold_spans), len(found), exact)
        misses += [(kind, n, document.paragraph(n).text[s:e]) for i, (n, s, e, _) in enumerate(gold_spans) if i not in used_g]
        false_alarms += [(kind, n, document.paragraph(n).text[s:e]) for i, (n, s, e, _) in enumerate(found) if i not in used_f]
        for gi, fi in matches:
            n, _, _, g = gold_spans[gi]
            f = found[fi][3]
            where = f"p.{n} {f.span.quote[:60]!r}"
            if kind == "instruments":
                attributes["instrument.kind"].check(g.get("kind"), f.kind, where)
                attributes["instrument.number"].check(g.get("number"), f.number, where)
                attributes["instrument.date"].check(g.get("date"), f.date, where)
                attributes["instrument.issuer"].check(_issuer_key(g.get("issuer")), f.issuer.key if f.issuer else None, where)
                attributes["instrument.articles"].check(sorted(g.get("articles") or []), sorted(f.articles), where)
                gold_events = sorted((e["type"], e.get("date")) for e in g.get("events") or [])
                found_events = sorted((e.type, e.date) for e in f.events)
                attributes["instrument.events"].check(gold_events, found_events, where)
            elif kind == "treaties":
                event = f.events[0] if f.events else None
                attributes["treaty.action"].check(g.get("action"), event.type if event else None, where)
                attributes["treaty.date"].check(g.get("date"), event.date if event else None, where)
            elif kind == "visits":
                attributes["visit.years"].check(list(g.get("years") or []), list(f.years), where)
                attributes["visit.person"].check(g.get("person"), f.person, where)
                attributes["visit.status"].check(g.get("status"), f.status, where)
        if kind in ("instruments", "institutions"):
            _identity(kind, gold_spans, found, matches, attributes)
    if "sections" in gold:
        scores["section links"] = _section_links(document, gold["sections"], misses, false_alarms)
    return Evaluation(scores, dict(attributes), misses, false_alarms, strict)


# What a quote may hold besides the name: a leading article, the cited part ("Article 20 of the",
# "first and third paragraphs of Article 297 of the"; articles are scored apart) and a qualifier of the
# version ("new", "amended", "new version of the").
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_PART = re.compile(r"^(?:(?:\w+(?: and \w+)? paragraphs? of )?(?:articles?|art\.)\s+[\w.()-]+"
                   r"(?:(?:,| and) [\w.()-]+)*(?:, paragraph \w+)?,? of (?:the )?)", re.IGNORECASE)
_VERSION = re.compile(r"^(?:(?:new|amended|updated|revised)\s+(?:version of (?:the )?)?)+", re.IGNORECASE)
_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-", "\u2212": "-",
                             "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def _name(text: str) -> str:
    text = " ".join(text.translate(_TYPOGRAPHY).split()).strip(" ,;:.")
    for prefix in (_ARTICLE, _PART, _ARTICLE, _VERSION):
        text = prefix.sub("", text)
    return text


def same_name(gold: str, found: str) -> bool:
    """The printed name is the same, a leading article, typography and spacing aside."""
    return _name(gold) == _name(found)


def _fold_unnamed(instruments):  # type: ignore[no-untyped-def]
    """An amendment of articles of an unnamed instrument is an event of the instrument that made it
    (the annotation records it there)."""
    from dataclasses import replace

    named = [m for m in instruments if m.kind != "unnamed"]
    for unnamed in (m for m in instruments if m.kind == "unnamed"):
        for event in unnamed.events:
            for i, m in enumerate(named):
                if m.span.paragraph == unnamed.span.paragraph and m.key == event.by:
                    named[i] = replace(m, events=m.events + (replace(event, by=None),))
                    break
    return named


def _identity(kind, gold_spans, found, matches, attributes) -> None:  # type: ignore[no-untyped-def]
    """One node per thing: of the matched mentions, pairs the annotation calls the same thing and the
    extraction gives one key (and the reverse)."""
    acc = attributes[f"{kind[:-1]}.identity"]
    items = [(gold_spans[gi][3]["id"], found[fi][3].key, gold_spans[gi][0], found[fi][3].span.quote) for gi, fi in matches]
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            gold_same, found_same = items[i][0] == items[j][0], items[i][1] == items[j][1]
            if gold_same or found_same:
                acc.compared += 1
                if gold_same == found_same:
                    acc.correct += 1
                else:
                    acc.wrong.append(f"p.{items[i][2]} {items[i][3]!r} / p.{items[j][2]} {items[j][3]!r}: "
                                     f"{'one thing, two nodes' if gold_same else 'two things, one node'}")


def _section_links(document: Document, gold_sections, misses, false_alarms) -> Score:  # type: ignore[no-untyped-def]
    gold = {(s["heading"], r) for s in gold_sections for r in s["recommendations"]}
    found = {(s.heading, r) for s in document.sections for r in s.recommendations}
    misses += [("section links", 0, f"{h} -> {r}") for h, r in sorted(gold - found)]
    false_alarms += [("section links", 0, f"{h} -> {r}") for h, r in sorted(found - gold)]
    return Score(len(gold), len(found), len(gold & found))

