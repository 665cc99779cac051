"""Dates as printed ("24 September 2013", "July 2013", "2013", "January 16 2012") -> ISO 8601."""

from __future__ import annotations

import re

MONTHS = {
    m: i
    for i, m in enumerate(
        "January February March April May June July August September October November December".split(), start=1
    )
}
_MONTH = "|".join(MONTHS)
# Ordered so that the fullest reading of a date wins.
DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})(?:\s+\d{{1,2}})?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<m3>{_MONTH})\s+(?P<y3>(?:19|20)\d\d)"
    rf"|(?P<y4>(?:19|20)\d\d))\b"
)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO 8601 (YYYY-MM-DD, YYYY-MM or YYYY), or None."""
    match = DATE.search(text)
    return iso(match) if match else None


def iso(match: re.Match[str]) -> str:
    g = match.groupdict()
    if g["y1"]:
        return f"{g['y1']}-{MONTHS[g['m1']]:02d}-{int(g['d1']):02d}"
    if g["y2"]:
        return f"{g['y2']}-{MONTHS[g['m2']]:02d}-{int(g['d2']):02d}"
    if g["y3"]:
        return f"{g['y3']}-{MONTHS[g['m3']]:02d}"
    return g["y4"]
