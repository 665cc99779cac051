"""Dates as printed ("24 September 2013", "July 2013", "2013", "January 16 2012") -> ISO 8601."""

from __future__ import annotations

import re
from datetime import date

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
    for year, month, day in ((g["y1"], g["m1"], g["d1"]), (g["y2"], g["m2"], g["d2"])):
        if year:
            try:
                date(int(year), MONTHS[month], int(day))
            except ValueError:  # "31 February 2013": keep what can be trusted, the month
                return f"{year}-{MONTHS[month]:02d}"
            return f"{year}-{MONTHS[month]:02d}-{int(day):02d}"
    if g["y3"]:
        return f"{g['y3']}-{MONTHS[g['m3']]:02d}"
    return g["y4"]
