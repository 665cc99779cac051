"""Bare recommendation numbers ("recommendations 30–31", "accepts the recommendations 1–5") -> the
numbers of the Working Group report that issued them ("111.30"), resolved the way a careful reader
would, in this order:

(a) the document's own statement of where its numbers come from ("numbered as in paragraph 115 of
    the Report of the Working Group (A/HRC/28/15)", "The serial numbers of recommendations follow
    the list in paragraph 115 ...");
(b) a unique item of the Working Group report among the inputs (one paragraph lists item 30);
(c) consecutive numbering across that report's recommendation paragraphs (1–215 running through
    one paragraph's items, then the next's), in whichever order of the paragraphs the
    recommendations' texts agree best with the text that cites them (TF-IDF cosine), the choice and
    its evidence printed as a note;
(d) otherwise left out, with a warning. Never a silent guess.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import permutations

from ..document import Document

STATEMENT = re.compile(
    r"\b(?:numbers?|numbered|numbering)\b[^.;]{0,160}?\bparagraphs?\s+(?P<first>\d{1,3})"
    r"(?:\s*(?:,|and|&)\s*(?P<second>\d{1,3}))?(?P<tail>[^.;]{0,200})",
    re.I,
)
WG_SYMBOL = re.compile(r"\bA/HRC/\d{1,2}/\d{1,3}\b(?!/Add)")


@dataclass(frozen=True)
class StatedSource:
    paragraphs: tuple[int, ...]  # the Working Group report's paragraphs the numbers follow, in order
    symbol: str | None  # the Working Group report named with them
    quote: str  # the statement as printed


def stated_source(text: str) -> StatedSource | None:
    """The statement of where a document's recommendation numbers come from, if it makes one."""
    for match in STATEMENT.finditer(text):
        window = match.group(0)
        if "recommendation" not in window.lower() and "recommendation" not in text[max(0, match.start() - 80) : match.start()].lower():
            continue
        paragraphs = tuple(int(p) for p in (match.group("first"), match.group("second")) if p)
        symbol = WG_SYMBOL.search(match.group("tail"))
        return StatedSource(paragraphs, symbol.group(0) if symbol else None, " ".join(window.split()))
    return None


@dataclass
class Resolution:
    numbers: dict[str, str] = field(default_factory=dict)  # bare -> full number
    notes: list[str] = field(default_factory=list)  # how they were resolved, with the evidence
    warnings: list[str] = field(default_factory=list)  # what was left out, and why


def tokens(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in STOP]


STOP = frozenset(
    "the and for with that this these those from its their which are was were been has have had not all any "
    "such other into upon also more most than within under including include continue ensure take further "
    "measures efforts steps necessary recommendation recommendations state government national".split()
)


def _vectors(documents: list[list[str]]) -> list[dict[str, float]]:
    """TF-IDF vectors, normalised, of tokenised documents (plain Python: the corpora are small)."""
    df = Counter(w for doc in documents for w in set(doc))
    n = len(documents)
    out = []
    for doc in documents:
        tf = Counter(doc)
        vec = {w: c * (math.log((1 + n) / (1 + df[w])) + 1.0) for w, c in tf.items()}  # smoothed idf
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({w: v / norm for w, v in vec.items()})
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def consecutive(order: tuple[int, ...], items: dict[int, list[int]]) -> dict[str, str]:
    """Bare number -> full number, when the items of the paragraphs in ``order`` are numbered on from 1."""
    out: dict[str, str] = {}
    n = 0
    for paragraph in order:
        for item in items[paragraph]:
            n += 1
            out[str(n)] = f"{paragraph}.{item}"
    return out


def resolve(bare: list[str], paragraphs: dict[int, list[tuple[int, str]]], what: str,
            stated: StatedSource | None = None, contexts: dict[str, list[str]] | None = None,
            report: str = "the Working Group report of the review") -> Resolution:
    """Resolve ``bare`` numbers against a Working Group report's recommendation ``paragraphs``
    (paragraph -> [(item, text)], printed order; empty when the report is not among the inputs).

    ``contexts`` maps each bare number to the texts that cite it (a section's heading and paragraphs,
    an addendum's comment): the evidence for (c). ``what`` names the document in the messages.
    """
    result = Resolution()
    if not bare:
        return result
    items = {p: [i for i, _ in listed] for p, listed in paragraphs.items()}
    texts = {f"{p}.{i}": t for p, listed in paragraphs.items() for i, t in listed}
    # (a) the document says which paragraph(s) its numbers follow
    if stated is not None:
        if len(stated.paragraphs) == 1:
            paragraph = stated.paragraphs[0]
            mapping = {n: f"{paragraph}.{n}" for n in bare}
        elif all(p in items for p in stated.paragraphs):
            mapping = consecutive(stated.paragraphs, items)
        else:
            result.warnings.append(f"{what}: its numbers follow paragraphs {', '.join(map(str, stated.paragraphs))} "
                                   "of the Working Group report, which is not among the inputs; bare numbers left out: "
                                   + ", ".join(bare))
            return result
        missing = [n for n in bare if n not in mapping or (texts and mapping[n] not in texts)]
        result.numbers = {n: mapping[n] for n in bare if n not in missing}
        result.notes.append(f"{what}: bare recommendation numbers read as the document states ({stated.quote!r})")
        if missing:
            result.warnings.append(f"{what}: recommendations cited by bare number left out (the Working Group report "
                                   f"has no such item where the document says): {', '.join(missing)}")
        return result
    if not paragraphs:
        result.warnings.append(f"{what}: recommendations cited by bare number left out (no {report.removeprefix('the ')} "
                               f"is among the inputs, and the document does not say which paragraph its "
                               f"numbers follow): {', '.join(bare)}")
        return result
    # (b) a unique item
    owners: dict[str, list[str]] = {}
    for p, listed in items.items():
        for i in listed:
            owners.setdefault(str(i), []).append(f"{p}.{i}")
    if all(len(owners.get(n, [])) == 1 for n in bare) and max(int(n) for n in bare) <= max(len(v) for v in items.values()):
        result.numbers = {n: owners[n][0] for n in bare}
        return result
    # (c) consecutive numbering across the paragraphs, in the order the texts agree with best
    total = sum(len(v) for v in items.values())
    if len(items) > 1 and max(int(n) for n in bare) <= total:
        choice = _best_order(bare, items, texts, contexts or {})
        if choice is not None:
            order, scores, evidence = choice
            result.numbers = {n: m for n, m in consecutive(order, items).items() if n in bare}
            ranked = "; ".join(f"paragraphs {' then '.join(map(str, o))}: {s:.3f}" for o, s in scores)
            result.notes.append(
                f"{what}: bare numbers 1-{total} read as consecutive across the Working Group report's paragraphs "
                f"{' then '.join(map(str, order))} (mean TF-IDF cosine of the citing text with the recommendation "
                f"texts, over {evidence} cited numbers: {ranked})"
            )
            return result
    # a number past every paragraph's last item shows the numbering runs on across paragraphs: then
    # no number is an item of one paragraph, however unique
    runs_on = max(int(n) for n in bare) > max(len(v) for v in items.values())
    unique = {} if runs_on else {n: owners[n][0] for n in bare if len(owners.get(n, [])) == 1}
    result.numbers = unique
    missing = [n for n in bare if n not in unique]
    result.warnings.append(f"{what}: recommendations cited by bare number left out (the Working Group report has "
                           f"no single item with that number, and the text gives no evidence for one numbering "
                           f"across its paragraphs): {', '.join(missing)}")
    return result


MARGIN = 0.02  # the best order must beat the next by this much mean cosine, or it is no evidence


def _best_order(bare: list[str], items: dict[int, list[int]], texts: dict[str, str],
                contexts: dict[str, list[str]]) -> tuple[tuple[int, ...], list[tuple[tuple[int, ...], float]], int] | None:
    cited = [n for n in bare if contexts.get(n)]
    if not cited or len(items) > 4:
        return None
    orders = list(permutations(sorted(items)))
    candidates = {o: consecutive(o, items) for o in orders}
    wanted = sorted({candidates[o][n] for o in orders for n in cited if n in candidates[o]})
    context_keys = sorted({c for n in cited for c in contexts[n]})
    vectors = _vectors([tokens(texts[k]) for k in wanted] + [tokens(c) for c in context_keys])
    rec_vec = dict(zip(wanted, vectors[: len(wanted)], strict=True))
    ctx_vec = dict(zip(context_keys, vectors[len(wanted):], strict=True))
    scores = []
    for order in orders:
        mapping = candidates[order]
        values = [max(_cosine(rec_vec[mapping[n]], ctx_vec[c]) for c in contexts[n]) for n in cited if n in mapping]
        scores.append((order, sum(values) / len(values) if values else 0.0))
    scores.sort(key=lambda s: (-s[1], s[0]))
    if len(scores) > 1 and scores[0][1] - scores[1][1] < MARGIN:
        return None
    return scores[0][0], scores, len(cited)


def resolve_bare_numbers(document: Document, reports: list) -> tuple[Document, list[str]]:  # type: ignore[type-arg]
    """Replace the bare numbers a national report cites ("recommendations 30–31") by the numbers of the
    Working Group report of the State's previous review ("111.30"), by :func:`resolve`; what cannot be
    resolved is left out, with a warning. ``reports``: Working Group reports among the inputs (or what
    the corpus build keeps of them: symbol, state_code, wg_session, recommendations)."""
    from dataclasses import replace

    from ..registries import cycle_of_session

    bare = sorted({n for s in document.sections for n in s.recommendations if "." not in n}, key=int)
    if not bare:
        return document, []
    cycle = cycle_of_session(document.session) if document.session else None
    previous = [r for r in reports if r.state_code == document.state_code and cycle and r.wg_session
                and cycle_of_session(r.wg_session) == cycle - 1]
    text = "\n".join([*(s.heading for s in document.sections), *(p.text for p in document.paragraphs), document.notes])
    stated = stated_source(text)
    if stated is not None and stated.symbol and any(r.symbol == stated.symbol for r in previous):
        previous = [r for r in previous if r.symbol == stated.symbol]
    paragraphs: dict[int, list[tuple[int, str]]] = {}
    for report in previous:
        for rec in report.recommendations:
            paragraphs.setdefault(rec.paragraph, []).append((rec.item, rec.text))
    by_number = {p.number: p.text for p in document.paragraphs}
    contexts: dict[str, list[str]] = {}
    for section in document.sections:
        cited = " ".join([section.heading, *(by_number.get(n, "") for n in section.paragraphs)])
        for number in section.recommendations:
            if "." not in number:
                contexts.setdefault(number, []).append(cited)
    resolution = resolve(bare, paragraphs, document.name, stated, contexts,
                         report="the Working Group report of the previous review")
    resolved = resolution.numbers
    sections = tuple(
        replace(s, recommendations=tuple(dict.fromkeys(resolved.get(n, n) for n in s.recommendations if "." in n or n in resolved)))
        for s in document.sections
    )
    return replace(document, sections=sections), resolution.notes + resolution.warnings
