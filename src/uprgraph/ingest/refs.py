"""Recommendation references as printed ("95.5, 95.15–95.20 and 97.1") -> expanded numbers.

A UPR recommendation number is "<paragraph>.<item>" of the Working Group report that issued
it. Ranges are written with an en dash, a hyphen or a minus sign, in full ("95.42–95.45") or
short ("95.42–45"); both ends must share the paragraph and ascend.
"""

from __future__ import annotations

import re

from ..errors import RangeError

DASHES = "\u2013\u2014\u2212\u2010\u2011-"
NUMBER = r"\d{1,3}\.\d{1,3}"
RANGE = re.compile(rf"^(?P<a>{NUMBER})\s*[{DASHES}]\s*(?P<b>{NUMBER}|\d{{1,3}})$")
SINGLE = re.compile(rf"^{NUMBER}$")
# Some reports cite the Working Group report's items by bare number ("recommendations 30–31, 54–57");
# the pipeline resolves them against that report.
BARE = re.compile(r"^\d{1,3}$")
BARE_RANGE = re.compile(rf"^(?P<a>\d{{1,3}})\s*[{DASHES}]\s*(?P<b>\d{{1,3}})$")
SEPARATORS = re.compile(r"\s*(?:,|;|\band\b)\s*")
# A list of references inside running text: numbers, ranges, commas and "and".
REF_LIST = re.compile(
    rf"{NUMBER}(?:\s*[{DASHES}]+\s*(?:{NUMBER}|\d{{1,3}}\b))?"
    rf"(?:\s*(?:,|;|,?\s+and)\s+{NUMBER}(?:\s*[{DASHES}]+\s*(?:{NUMBER}|\d{{1,3}}\b))?)*"
)


def sort_key(number: str) -> tuple[int, int]:
    para, _, item = number.rpartition(".")
    return int(para or 0), int(item)


def expand_ref(token: str) -> list[str]:
    """One token: a number or a range."""
    token = token.strip().rstrip(".")
    if SINGLE.match(token):
        return [_canonical(token)]
    if BARE.match(token):
        return [str(int(token))]
    bare = BARE_RANGE.match(token)
    if bare:
        a, b = int(bare.group("a")), int(bare.group("b"))
        if b <= a:
            raise RangeError(f"malformed recommendation range {token!r}: the range does not ascend")
        return [str(i) for i in range(a, b + 1)]
    match = RANGE.match(token)
    if not match:
        raise RangeError(f"malformed recommendation reference {token!r}")
    start = match.group("a")
    end = match.group("b")
    if "." not in end:
        end = f"{start.split('.')[0]}.{end}"
    (p1, i1), (p2, i2) = sort_key(start), sort_key(end)
    if p1 != p2:
        raise RangeError(f"malformed recommendation range {token!r}: the ends are in different paragraphs")
    if i2 <= i1:
        raise RangeError(f"malformed recommendation range {token!r}: the range does not ascend")
    return [f"{p1}.{i}" for i in range(i1, i2 + 1)]


def expand_refs(text: str) -> list[str]:
    """All numbers of a printed list, in printed order, without repeats."""
    numbers: list[str] = []
    for token in SEPARATORS.split(text.strip().rstrip(".")):
        if not token:
            continue
        for number in expand_ref(token):
            if number not in numbers:
                numbers.append(number)
    return numbers


def compress_refs(numbers: list[str]) -> str:
    """The canonical printed form: sorted, consecutive runs of three or more as "a–b"."""
    ordered = sorted(set(numbers), key=sort_key)
    parts: list[str] = []
    run: list[tuple[int, int]] = []

    def flush() -> None:
        if len(run) >= 3:
            parts.append(f"{run[0][0]}.{run[0][1]}\u2013{run[-1][0]}.{run[-1][1]}")
        else:
            parts.extend(f"{p}.{i}" for p, i in run)

    for number in ordered:
        key = sort_key(number)
        if run and (key[0] != run[-1][0] or key[1] != run[-1][1] + 1):
            flush()
            run = []
        run.append(key)
    if run:
        flush()
    return ", ".join(parts)


def _canonical(number: str) -> str:
    para, item = sort_key(number)
    return f"{para}.{item}"
