"""Helpers shared by the extractors: matchable text, sentences, registry alias patterns, keys."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .model import Span

# Letters of other scripts that look like Latin ones ("lеgal" with a Cyrillic "е"). Mapped one to
# one, so offsets in the matchable text are offsets in the printed text.
HOMOGLYPHS = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0445\u0443\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0456\u0406",
    "aeopcxyABEKMHOPCTXiI",
)
STOPWORDS = frozenset(
    "a an the of on to for and in with by at as from its this that new certain some through year".split()
)


@lru_cache(maxsize=1)
def _identity_stopwords() -> frozenset[str]:
    """Words that never tell two things apart: the function words above and the words of every
    State's names ("Criminal Code of the Republic of Kazakhstan" is the Criminal Code), from
    registries/states.csv."""
    from ..registries import state_words

    return STOPWORDS | state_words()[0]


def matchable(text: str) -> str:
    return text.translate(HOMOGLYPHS)


@lru_cache(maxsize=64)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans; a full stop after "No", "Mr", "Ms", an initial or a number is not an end.
    Cached: the extractors ask for the sentences of one paragraph many times over."""
    spans = []
    start = 0
    for match in re.finditer(r"[.;](?=\s+[A-Z(\u201c])", text):
        before = text[max(0, match.start() - 4) : match.start()]
        if re.search(r"(?:\bNo|\bMr|\bMs|\bMrs|\bDr|\bSt|\b[A-Z]|\bart|\bpara)$", before):
            continue
        spans.append((start, match.end()))
        start = match.end() + 1
    if start < len(text):
        spans.append((start, len(text)))
    return tuple(spans)


def alias_pattern(alias: str) -> str:
    """A literal alias as a regex: free white space, optional comma before "and", either apostrophe."""
    parts = []
    for token in re.split(r"(\s+|,|[\u2019'])", alias):
        if not token:
            continue
        if token.isspace():
            parts.append(r"(?:,?\s+|-)")  # "Economic, Social, and Cultural Rights"; "Prosecutor-General"
        elif token == ",":
            parts.append(r",?")
        elif token in "\u2019'":
            parts.append("[\u2019']")
        else:
            parts.append(re.escape(token).replace("\\-", "[-\\s]"))  # "Procurator-General" = "Procurator General"
    pattern = "".join(parts)
    return rf"(?<![\w-]){pattern}(?![\w-])"


WORD = re.compile(r"\w+")


def alias_words(alias: str) -> frozenset[str]:
    """The words every match of ``alias_pattern(alias)`` has as whole words of the text it is found in
    (each of the alias's runs of letters and digits sits between non-word characters or the pattern's
    edges): a paragraph that lacks one of them cannot match, and need not be scanned. ``word_set(text) >=
    alias_words(alias)`` is a test that never skips a match; it spares most of the scans, which are slow
    (the look-behind that opens the pattern keeps the regex engine from searching for its first word)."""
    if re.search(r"\w,\w", alias):  # "A,B" may match "AB": the comma is optional
        return frozenset()
    return frozenset(WORD.findall(alias))


def word_set(text: str) -> frozenset[str]:
    return frozenset(WORD.findall(text))


def key_words(text: str) -> str:
    """An identity key insensitive to articles, "new", word endings: "State programme for further
    modernization of ..." and "State programme to further modernize ..." share one."""
    words = re.findall(r"[a-z0-9]+", matchable(text).lower().replace("\u2019s", "").replace("'s", ""))
    stop = _identity_stopwords()
    return "-".join(sorted({w[:5] for w in words if w not in stop}))


def name_words(name: str) -> str:
    """An identity key of a cited name: its words in order, the head ("Act", "Code") last, so that
    "Protection of Personal Data Act" and "Personal Data Protection Act" stay apart while "Code of
    Criminal Procedure" and "Criminal Procedure Code" meet."""
    from ..registries import instrument_words

    heads = {phrase.split()[-1].lower() for phrase in instrument_words().heads}
    words = re.findall(r"[a-z0-9]+", matchable(name).lower().replace("\u2019s", "").replace("'s", ""))
    stop = _identity_stopwords()
    kept = [w[:5] for w in words if w not in stop and w not in heads]
    return "-".join(dict.fromkeys(kept + [w[:5] for w in words if w in heads][:1]))


def span(paragraph: int, text: str, start: int, end: int) -> Span:
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    return Span(paragraph, start, end, text[start:end])


def overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def slug(text: str) -> str:
    text = matchable(text).lower().replace("\u2019", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:90]
