"""Write the ISO 3166-1 rows of registries/states.csv from pycountry (a tool, not a runtime dependency).

    /work/venv/bin/pip install pycountry
    python tools/make_states_registry.py            # rewrite registries/states.csv in place
    python tools/make_states_registry.py --check    # exit 1 if the file differs from what it would write

Every ISO 3166-1 entry (249, territories included: the standard does not say which are UN
Member States) becomes a row: iso3, iso2, a label, the aliases (pycountry's name, official_name
and common_name, plus the United Nations' own spellings where they differ, listed in UN_NAMES
below), an empty wikidata cell (unverified) and the evidence "ISO 3166-1 via pycountry <version>".

Rows the tool did not write (their evidence does not start with "ISO 3166-1 via pycountry"),
such as KAZ and SVN with their verified Wikidata ids, are kept first and unchanged; the tool
adds no row for a code they already hold.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from importlib.metadata import version
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = ROOT / "registries" / "states.csv"
COLUMNS = ["iso3", "iso2", "label", "aliases", "wikidata", "evidence"]
EVIDENCE = "ISO 3166-1 via pycountry"

# Names the UN documents print where pycountry's differ. The first name of a State is its label.
# Source of each name: "A/HRC/14/10" = printed in reports/A_HRC_14_10.txt (checked below);
# "brief" = the UN short form named in the uprgraph task that asked for this registry.
UN_NAMES: dict[str, list[tuple[str, str]]] = {
    "KOR": [("Republic of Korea", "A/HRC/14/10")],
    "GBR": [("United Kingdom of Great Britain and Northern Ireland", "A/HRC/14/10")],
    "LAO": [("Lao People\u2019s Democratic Republic", "A/HRC/14/10")],
    "VNM": [("Viet Nam", "A/HRC/14/10")],
    "IRN": [("Iran (Islamic Republic of)", "brief"), ("Islamic Republic of Iran", "A/HRC/14/10")],
    "VEN": [("Venezuela (Bolivarian Republic of)", "brief"), ("Bolivarian Republic of Venezuela", "A/HRC/14/10")],
    "BOL": [("Bolivia (Plurinational State of)", "brief")],
    "MDA": [("Republic of Moldova", "A/HRC/14/10")],
    "RUS": [("Russian Federation", "A/HRC/14/10")],
    "SYR": [("Syrian Arab Republic", "A/HRC/14/10")],
    "USA": [("United States of America", "A/HRC/14/10")],
    # Names of 2010 that the State or the UN have since changed: aliases only, the label stays ISO's.
    "CZE": [("Czech Republic", "A/HRC/14/10")],
    "LBY": [("Libyan Arab Jamahiriya", "A/HRC/14/10")],
    "TUR": [("Turkey", "A/HRC/14/10")],
    "MKD": [("the former Yugoslav Republic of Macedonia", "A/HRC/28/15 (the Working Group report on Slovenia, 2014)")],
    "VAT": [("Holy See", "A/HRC/28/11 (the Working Group report on Angola, 2014)")],
    "SWZ": [("Swaziland", "A/HRC/19/6 (the Working Group report on Swaziland, 2011)")],
    "CPV": [("Cape Verde", "A/HRC/10/81 (the Working Group report on Cape Verde, 2009)")],
    "PSE": [("Palestine", "A/HRC/14/10")],
}
ALIAS_ONLY = {"LBY", "TUR", "PSE", "CZE", "CPV", "MKD", "VAT", "SWZ"}
REPORTS = {"A/HRC/14/10": ROOT / "reports" / "A_HRC_14_10.txt"}
_TAIL_OF = re.compile(r"(?:^|\s)(?:of|of the)$", re.IGNORECASE)


def label_of(country: object) -> str:
    """A readable label: the UN name, else the ISO name read the usual way round."""
    code = getattr(country, "alpha_3")
    if code in UN_NAMES and code not in ALIAS_ONLY:
        return UN_NAMES[code][0][0]
    name: str = getattr(country, "name")
    official = getattr(country, "official_name", None)
    if "," in name:
        head, tail = (part.strip() for part in name.split(",", 1))
        if _TAIL_OF.search(tail):
            return re.sub(r"^The ", "", f"{tail} {head}")
        if official:
            return official
    return name


def aliases_of(country: object) -> list[str]:
    names = [label_of(country)]
    names += [n for n, _ in UN_NAMES.get(getattr(country, "alpha_3"), [])]
    names += [getattr(country, attr, None) or "" for attr in ("name", "official_name", "common_name")]
    out: list[str] = []
    for name in names:
        for form in (name, name.replace("'", "\u2019")):  # pycountry writes ', UN documents ’
            if form and form not in out:
                out.append(form)
    return out


def check_sources() -> list[str]:
    """UN names said to be printed in a report that the report does not print."""
    problems = []
    texts = {symbol: path.read_text(encoding="utf-8") for symbol, path in REPORTS.items()}
    for code, names in UN_NAMES.items():
        for name, source in names:
            if source in texts and name not in texts[source]:
                problems.append(f"{code}: {name!r} is not printed in {source}")
    return problems


def generated_rows() -> list[dict[str, str]]:
    evidence = f"{EVIDENCE} {version('pycountry')}"
    rows = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        code = country.alpha_3
        note = "".join(
            f"; {name!r} as printed in {source}" if source in REPORTS or source.startswith("A/HRC/") else f"; {name!r}: UN short name"
            for name, source in UN_NAMES.get(code, [])
        )
        rows.append(
            {
                "iso3": code,
                "iso2": country.alpha_2,
                "label": label_of(country),
                "aliases": "|".join(aliases_of(country)),
                "wikidata": "",
                "evidence": evidence + note,
            }
        )
    return rows


def render(current: str) -> str:
    """The registry's text: its header and the rows the tool did not write, as they are, then ours."""
    lines = current.splitlines(keepends=True)
    kept = [ln for ln in lines[1:] if ln.strip() and not next(csv.reader([ln]))[COLUMNS.index("evidence")].startswith(EVIDENCE)]
    held = {next(csv.reader([ln]))[0] for ln in kept}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writerows(r for r in generated_rows() if r["iso3"] not in held)
    return lines[0] + "".join(ln if ln.endswith("\n") else ln + "\n" for ln in kept) + out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report whether the registry is up to date")
    args = parser.parse_args(argv)
    problems = check_sources()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    current = REGISTRY.read_text(encoding="utf-8")
    wanted = render(current)
    if args.check:
        if current != wanted:
            print(f"{REGISTRY.relative_to(ROOT)} differs from what {Path(__file__).name} writes", file=sys.stderr)
            return 1
        return 0
    REGISTRY.write_text(wanted, encoding="utf-8")
    print(f"wrote {wanted.count(chr(10)) - 1} rows to {REGISTRY.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
