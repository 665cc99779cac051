"""Domestic legal and policy instruments: codes, acts and laws, decrees, decisions, orders,
instructions, bills, programmes, plans, strategies; with their number, date, issuer, cited
articles and the events the sentence reports (adopted, amended, approved...).

Each recogniser is one pattern for one way reports name an instrument; titles run until the
verb or punctuation that ends the noun phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..registries import Institution, instrument_words
from .context import cited_articles, clause_bounds, event_date, sentence_bounds
from .dates import DATE, MONTHS, iso
from .institutions import resolve_institution
from .model import Event, InstitutionMention, InstrumentMention
from .text import key_words, matchable, name_words, slug, span
from .titles import YEAR, find_citations, title_case_end

_M = "|".join(MONTHS)
D = rf"(?:\d{{1,2}}\s+(?:{_M})(?:\s+\d{{1,2}})?,?\s+\d{{4}}|(?:{_M})\s+\d{{1,2}},?\s+\d{{4}}|(?:{_M})\s+\d{{4}}|\d{{4}})"
# Where a descriptive title ("on amendments to certain legislative acts on ...") stops.
END = (
    r"(?=\s+(?:was|were|has|have|had|is|are|will|which|introduced|increases|lays|provides|states|aims|sets"
    r"|regulates|envisaging|being|adopted|approved|signed|in\s+which)\b|,\s*(?:which|adopted|approved|it|envisaging"
    r"|whereby|amendments|in\s+which|\d{4}\s*[\u2013\u2212-])|,\s+[a-z]+ed\b|\s+and\s+the\s+(?=[a-z])|\s+and\s+(?:the|a|an)\s+(?=(?:[\w-]+\s+){0,3}(?:programme|plan|strategy|road\s+map|law|bill|Code|Act)\b)|,?\s+(?:for|through)\s+(?:the\s+year\s+)?\d{4}|[;.:(]|$)"
)
DAY_OR_MONTH = rf"(?:\d{{1,2}}\s+(?:{_M}),?\s+\d{{4}}|(?:{_M})\s+\d{{1,2}},?\s+\d{{4}}|(?:{_M})\s+\d{{4}})"
# A subordinate clause ends a descriptive title: "a regulation was adopted prohibiting ..., even if ..."
SUBORDINATE = r"(?:even|if|when|while|although|though|unless|because|since|which|whereas|where)"
TITLE = rf"(?:on|to|for|against)\s+[^;.]*?{END}"
PERIOD = re.compile(r"^,?\s+(?:for\s+(?:the\s+(?:[Pp]eriod|years)\s+)?)?\(?(?:(?P<a>\d{4})\s*[\u2013\u2212-]\s*(?P<b>\d{4})\)?|through\s+(?:the\s+year\s+)?(?P<c>\d{4}))")
NAME_WORD = r"[A-Z][\w\u2019'-]*"
NOISE = {"The", "A", "An", "In", "Under", "This", "By", "New", "Since", "From", "As", "Amendments", "Article"}

RECOGNISERS: list[tuple[str, re.Pattern[str]]] = [
    ("numbered", re.compile(
        r"(?:\b(?P<adj>Presidential|presidential|Governmental|governmental|Government|government|Ministerial)\s+)?"
        r"\b(?P<head>Decree|decree|Decision|decision|Order|order|Resolution|resolution|Instruction|Law|Act)\s+No\.\s*(?P<number>\d[\w/-]*)"
        rf"(?:,?\s+(?:of|by)\s+the\s+(?P<issuer>(?:Acting\s+)?{NAME_WORD}(?:\s+(?:of\s+the\s+|for\s+|of\s+)?{NAME_WORD})*))?"
        rf"(?:,?\s+(?:of|dated)\s+(?P<date>{D}))?"
        r"(?:,?\s+entitled\s+\u201c(?P<entitled>[^\u201d]+)\u201d)?"
        rf"(?:\s+(?P<about>on\s+(?:the\s+)?{NAME_WORD}(?:\s+(?:(?:and|of|for|the|on|in)\s+){{0,2}}{NAME_WORD})*))?"
    )),
    ("numbered-of", re.compile(
        r"\b(?P<head>Decree|Order|Decision|Resolution|Instruction)\s+of\s+the\s+"
        rf"(?P<issuer>(?:Acting\s+)?{NAME_WORD}(?:\s+(?:(?:of|for)\s+(?:the\s+)?|and\s+)?{NAME_WORD}){{0,4}})"
        r"\s+No\.\s*(?P<number>\d[\w/-]*)"
        rf"(?:,?\s+(?:of|dated)\s+(?P<date>{D}))?"
    )),
    ("decree", re.compile(
        r"\b(?P<adj>Presidential|presidential|Governmental|governmental|Government|government)\s+[Dd]ecree(?!\s+No\.)"
        rf"(?:\s+adopted)?(?:\s+(?:of|on|dated)\s+(?P<date>{D}))?(?:\s+(?P<title>on\s+[^;.]*?{END}))?"
    )),
    ("decree", re.compile(
        r"\b(?:[Aa]|the)\s+decree\s+(?:(?:was|has\s+been)\s+(?:signed|adopted|issued)\s+by\s+the\s+(?P<issuer>President|Head\s+of\s+State)"
        rf"(?:\s+of\s+{NAME_WORD})?\s+)?(?P<title>on\s+[^;.]*?{END})"
    )),
    ("regulation", re.compile(
        rf"\b[Aa]\s+(?P<head>regulation|resolution)\s+was\s+(?:adopted|approved|issued)\s+(?P<title>[^;.]+?)(?=,\s+{SUBORDINATE}\b|[;.]|$)"
    )),
    # an instrument named only by its type and issuer: "approved by governmental decree", "under a presidential order"
    ("unnamed-decree", re.compile(r"\b(?:by|under|through)\s+(?:a\s+)?(?P<adj>[Gg]overnmental|[Gg]overnment|[Pp]residential|[Mm]inisterial|[Rr]oyal|[Ee]xecutive)"
                                  r"\s+(?P<head>decree|decision|order|resolution)\b(?!\s+No\.)")),
    ("named-rules", re.compile(
        rf"\b(?P<head>Instruction|Regulations?|Rules|Order|Decree|Resolution)\s+on\s+(?:the\s+)?{NAME_WORD}"
        rf"(?:\s+(?:(?:and|of|for|the|with|on|in)\s+){{0,2}}{NAME_WORD})*"
    )),
    ("act", re.compile(
        rf"\bAct\s+of\s+(?P<date>{D})\s+(?P<title>(?:on|to)\s+[^;.]*?{END})"
    )),
    # an act cited by its date alone: "a legislative act dated 16 November 2012", "a law of 4 July 2013"
    ("act", re.compile(rf"\b(?:[Aa]n?|[Tt]he)\s+(?P<cite>(?:(?:legislative|normative|regulatory)\s+)?(?:act|law)\s+(?:dated|of)\s+(?P<date>{DAY_OR_MONTH}))")),
    ("law", re.compile(
        rf"\b(?:[Aa]|[Tt]he)\s+(?P<cons>constitutional\s+)?law(?:\s+(?:was\s+)?adopted\s+(?:on|in)\s+(?P<date>{D}))?"
        rf"(?:\s+was\s+adopted)?\s+(?P<title>(?:on|to)\s+[^;.]*?{END})"
    )),
    ("bill", re.compile(
        r"(?:\b(?:[Aa]|[Tt]he)\s+)?\b(?P<head>draft\s+(?:constitutional\s+)?law|bills|bill|draft\s+bill)"
        r"(?:\s+was\s+(?:introduced|submitted)\s+(?:in|to)\s+(?:the\s+)?[A-Z]\w+)?"
        rf"\s+(?P<title>(?:on|to)\s+[^;.]*?{END})"
    )),
    ("instruction", re.compile(
        r"\b(?:[Aa]|[Tt]he)\s+(?P<reg>regulatory\s+)?instructions?\s+"
        rf"(?:of\s+the\s+(?P<issuer>{NAME_WORD}(?:\s+{NAME_WORD})*)\s+dated\s+(?P<date>{D})|(?P<title>on\s+[^;.]*?{END}))"
    )),
    ("policy", re.compile(
        r"(?P<head>\baction\s+plan|\bplan\s+of\s+action|\bplan\s+of\s+measures|\bwork\s+plan|\broad\s+map|\bpolicy\s+framework"
        r"|\bframework\s+policy|\b[Pp]rogramme|\b[Pp]lan|\b[Ss]trategy|\bdoctrine)\b(?!s)"
    )),
]
POLICY_QUALIFIERS = re.compile(
    r"\b(?:State|national|National|multisectoral|intersectoral|interregional|strategic|comprehensive|interdepartmental|legal|draft"
    r"|first|second|third|fourth|fifth)\b|\u201c|\d{4}|[A-Z][a-z]+"
)
DETERMINER_OR_STOP = re.compile(
    r"^(?:a|an|the|A|An|The|its|this|of|in|under|by|with|on|for|to|and|as|As|Under|In|is|are|was|were|has|have|been|being|that)$"
)
POLICY_KIND = [
    (r"programme", "programme"), (r"plan|road map|plan of action|plan of measures", "plan"),
    (r"strategy", "strategy"), (r"policy framework|framework policy", "policy-framework"), (r"doctrine", "doctrine"),
]
AFTER_VERB = re.compile(
    r"^(?:\s+of\s+the\s+Republic(?:\s+of\s+[A-Z]\w+)?)?(?:\s*\([^)]*\))?(?:,[^,;.]{0,200}?,)?(?:,?\s*(?:which|that)\b)?"
    # passive voice only: "was adopted", "has been approved", ", adopted by"; "has introduced" is the
    # instrument acting, not an event on it
    r"(?:,?\s*(?:(?:was|were)\s+|(?:has|have|had)\s+been\s+|(?:is|are)\s+(?:being\s+|now\s+)?)(?:(?:both|also|all|further|recently|subsequently|twice)\s+)?|,\s*(?:as\s+)?)"
    r"(?P<verb>adopted|passed|tabled|amended|approved|signed|drafted|introduced|supplemented|enacted|issued|developed|submitted|considered|prepared|discussed)\b"
)
BEFORE_VERB = re.compile(
    r"(?P<verb>adopted|passed|amended|approved|approving|signed|drafted|introduced|issued|developed|considering|"
    r"(?:[Aa]mendments|[Cc]hanges)\s+(?:were|have\s+been|had\s+been)\s+made\s+to|"
    r"(?:was|were)\s+(?:included|incorporated|inserted)\s+in(?:to)?|[Aa]doption(?:\s+in\s+\d{4})?\s+of|"
    r"(?<![Ii]n\s)(?:clarification|[Aa]mendments?|changes|additions?)\s+to|initiated\s+work\s+on|working\s+on|preparing|"
    r"drafted\s+and\s+submitted\s+to\s+the\s+\w+)"
    r"(?:\s+and\s+(?:is\s+|are\s+)?(?:\w+\s+){0,2}\w+ing)?"  # "developed and is systematically implementing"
    r"\s+(?:(?:the|a|an)\s+)?(?:new\s+)?(?:following\s+)?$"
)
ARTICLE_TAIL = re.compile(r"[Aa]rticles?\s+\d[\d\s,()-]*(?:paragraph\s+\d+,?\s*)?of\s+(?:the\s+)?$")
VERB_TYPE = {
    "adopted": "adopted", "enacted": "adopted", "passed": "adopted", "tabled": "introduced", "amended": "amended", "supplemented": "amended",
    "approved": "approved", "approving": "approved", "signed": "signed", "drafted": "drafted",
    "developed": "drafted", "prepared": "drafted", "introduced": "introduced", "submitted": "introduced", "issued": "issued",
    "considered": "under-consideration", "considering": "under-consideration", "adoption": "adopted",
    "included": "amended", "incorporated": "amended", "inserted": "amended", "clarification": "amended",
    "amendment": "amended", "additions": "amended", "addition": "amended", "initiated": "drafted",
    "working": "drafted", "preparing": "drafted", "discussed": "under-consideration",
}
# "has undergone 12 amendments", "has been amended several times": amended, no date
AMENDMENT_COUNT = re.compile(r"^\s+(?:has|had|have)\s+(?:undergone|seen|been\s+subject\s+to)\s+(?:[\d,]+|several|numerous|many|multiple)\s+amendments")
BY_AFTER_VERB = re.compile(r"^\s+(?:by|pursuant\s+to|under)\s+(?:the\s+|a\s+)?")
GLUE = re.compile(r"^(?:\s*\([^)]*\))?\s*(?:,|,?\s+and)\s+(?:the\s+|a\s+)?(?:new\s+)?$")


@dataclass
class _Hit:
    start: int
    end: int
    kind: str
    title: str
    key: str
    number: str | None = None
    date: str | None = None
    issuer: str | None = None  # printed
    plural_of: int = 0
    inline_verb: str | None = None  # "a law was adopted to amend ...": the verb sits inside the name's match
    inline_at: int = 0
    amends: tuple[int, int] | None = None  # the span of the act an "Act Amending the X Act" names


def _trim_name(m: str, start: int, name: str) -> tuple[int, str]:
    words = name.split()
    while words and words[0] in NOISE:
        start = m.index(words[0], start) + len(words[0])
        while m[start].isspace():
            start += 1
        words.pop(0)
    return start, " ".join(words)


def _kind_of_numbered(adj: str, head: str, issuer: str | None) -> str:
    adj, head = adj.lower(), head.lower()
    if head == "decree":
        return "presidential-decree" if adj.startswith("presidential") else "government-decree" if adj else "decree"
    if head in ("law", "act"):
        return "act"
    if head in ("decision", "resolution"):
        return "government-decision" if not adj or adj == "government" else "decision"
    if head == "order":
        return "ministerial-order" if issuer and "minist" in issuer.lower() else "order"
    return "instruction"


def _period(m: str, end: int) -> tuple[str | None, int]:
    match = PERIOD.match(m[end:])
    if not match:
        return None, end
    # "2006-2016": the end year, with the start after a colon (identity.py compares both)
    period = match.group("b") or match.group("c")
    return (f"{period}:{match.group('a')}" if match.group("a") else period), end + match.end()


# A recogniser that cannot match text without this literal is not run on it (a quick test first).
NEEDS = {"numbered": "No.", "numbered-of": "No."}


LEADING_YEAR = re.compile(rf"^{YEAR}\s+")
LEADING_PERIOD = re.compile(r"\d{4}\s*[\u2013\u2212-]\s*\d{4}\s+$")
HALF_PERIOD = re.compile(r"\d{4}\s*[\u2013\u2212-]\s*$")  # the modifiers began at the period's end year
RESOLUTION_ON = re.compile(r"Resolution\s+on\s+(?:the\s+)?$")  # a parliament's resolution adopting a programme
TITLE_CASE_AFTER = re.compile(r"^\s+(?:of|for|on|against)\s+(?=(?:the\s+)?[A-Z])")
WORDS = instrument_words()


def _citation_hits(m: str) -> list[_Hit]:
    """Named instruments as legal systems cite them (titles.py): the number identifies a generic
    name ("Federal Law No. 10 of 2019"), the title and the year the citation carries identify the
    rest ("Children's Act, 2001" and "Children Act, 2022" are two laws)."""
    hits = []
    for c in find_citations(m):
        year = c.year or ""
        family = "act" if c.kind in ("act", "constitutional-law") else c.kind
        if c.kind == "constitution":
            key = "constitution"
        elif c.generic and c.number:
            key = f"{family}/no-{slug(c.number)}/{year}"
        else:
            # the words that only qualify the head ("Federal", "Constitutional") do not tell laws apart
            named = " ".join(w for w in LEADING_YEAR.sub("", c.name).split() if w not in WORDS.prefixes)
            key = f"{family}/{name_words(named)}/{year}"
        title = " ".join(m[c.start : c.end].split())
        hits.append(_Hit(c.start, c.end, c.kind, title, key + "/n", c.number, c.date or c.year, c.issuer, amends=c.amended))
    return hits


def _recognise(m: str) -> list[_Hit]:
    citations = _citation_hits(m)
    hits: list[_Hit] = []
    for family, pattern in RECOGNISERS:
        if family in NEEDS and NEEDS[family] not in m:
            continue
        for match in pattern.finditer(m):
            g = match.groupdict()
            start, end = match.start(), match.end()
            if family == "numbered":
                kind = _kind_of_numbered(g["adj"] or "", g["head"], g["issuer"])
                label = " ".join(m[start:end].split())
                if g["entitled"]:
                    label = g["entitled"]
                date = _iso(g["date"])
                issuer = g["issuer"] or {"presidential": "President", "government": "Government", "governmental": "Government"}.get((g["adj"] or "").lower())
                hits.append(_Hit(start, end, kind, label, f"{kind}/{g['number']}/{date or ''}", g["number"], date, issuer))
            elif family == "numbered-of":
                issuer = " ".join(g["issuer"].split())
                adj = ("presidential" if issuer in ("President", "Head of State") else
                       "government" if re.match(r"Government|Prime Minister|Cabinet|Council of Ministers", issuer) else "")
                kind = _kind_of_numbered(adj, g["head"], issuer)
                date = _iso(g["date"])
                label = " ".join(m[start:end].split())
                hits.append(_Hit(start, end, kind, label, f"{kind}/{g['number']}/{date or ''}", g["number"], date, issuer))
            elif family == "decree":
                if not (g.get("date") or g.get("title")):
                    continue
                adj = (g.get("adj") or "").lower()
                kind = "government-decree" if adj.startswith("gov") else "presidential-decree"
                issuer = "Government" if kind == "government-decree" else "President"
                title = _clean(g.get("title") or "")
                date = _iso(g.get("date"))
                label = " ".join(m[start:end].split())
                label = f"{'Presidential' if kind == 'presidential-decree' else 'Government'} decree {title}".strip() if title else label
                hits.append(_Hit(start, end, kind, label, f"{kind}/{key_words(title)}/{date or ''}", None, date, issuer, **_inline(m, start, end)))
            elif family == "regulation":
                title = _clean(g["title"])
                hits.append(_Hit(start, end, "regulation", f"regulation {title}", "regulation/" + key_words(title),
                                 inline_verb="adopted", inline_at=end))
            elif family == "unnamed-decree":
                start = match.start("adj")
                adj = {"governmental": "Government", "ministerial": "Ministerial"}.get(g["adj"].lower(), g["adj"].capitalize())
                kind, issuer = WORDS.heads.get(f"{adj} {g['head'].capitalize()}") or (_kind_of_numbered(adj, g["head"], adj), None)
                hits.append(_Hit(start, end, kind, m[start:end], f"{kind}/unnamed@", issuer=issuer))
            elif family == "named-rules":
                head = g["head"].lower()
                kind = {"instruction": "instruction", "order": "order", "decree": "decree",
                        "resolution": "government-decision"}.get(head, "regulation")
                name = " ".join(m[start:end].split())
                hits.append(_Hit(start, end, kind, name, f"{kind}/{key_words(name)}"))
            elif family == "act":
                date = _iso(g.get("date"))
                if g.get("cite"):
                    start = match.start("cite")  # the article is no part of the name
                if g.get("title"):
                    title = _clean(g["title"])
                    hits.append(_Hit(start, end, "act", f"Act of {g['date']} {title}", "act/" + key_words(title), date=date))
                else:
                    hits.append(_Hit(start, end, "act", " ".join(m[start:end].split()), f"act/{date}", date=date))
            elif family == "law":
                title = _clean(g["title"])
                kind = "constitutional-law" if g.get("cons") else "act"
                hits.append(_Hit(start, end, kind, f"law {title}", "act/" + key_words(title), date=_iso(g.get("date")), **_inline(m, start, end)))
            elif family == "bill":
                title = _clean(g["title"])
                parts = re.split(r"\s+and\s+(?=on\s)", title) if g["head"] == "bills" else [title]
                for part in parts:
                    hits.append(_Hit(start, end, "bill", f"bill {part}", "bill/" + key_words(part), plural_of=len(parts) - 1, **_inline(m, start, end)))
            elif family == "instruction":
                title = _clean(g.get("title") or "")
                date = _iso(g.get("date"))
                label = " ".join(m[start:end].split()).removeprefix("the ").removeprefix("a ").removeprefix("The ").removeprefix("A ")
                hits.append(_Hit(start, end, "instruction", label, f"instruction/{key_words(title)}/{date or ''}", date=date, issuer=g.get("issuer")))
            elif family == "policy":
                hit = _policy(m, match)
                if hit:
                    hits.append(hit)
    # a number the citation reader took with its name ("Prevention of Torture Act No. 12 of 2017") is not
    # another instrument
    hits = [h for h in hits if not (h.number and any(c.start <= h.start and h.end <= c.end for c in citations))]
    return citations + hits


def _policy(m: str, match: re.Match[str]) -> _Hit | None:
    head = match.group("head")
    # Modifiers: the words right before the head, back to a determiner or punctuation.
    start = match.start()
    modifiers: list[str] = []
    for word in reversed(re.findall(r"\u201c[^\u201d]{1,60}\u201d|[\w\u2019'-]+|[^\w\s]", m[max(0, start - 120) : start])):
        if DETERMINER_OR_STOP.match(word) or not (word[0].isalnum() or word.startswith("\u201c")):
            break
        modifiers.insert(0, word)
        if len(modifiers) == 4:
            break
    if modifiers:
        start = m.rindex(modifiers[0], 0, start)
    floor = max(0, start - 40)
    leading = LEADING_PERIOD.search(m[floor:start]) or HALF_PERIOD.search(m[floor:start])  # "the 2009-2014 National Programme"
    if leading:
        start = floor + leading.start()
    floor = max(0, start - 40)
    resolution = RESOLUTION_ON.search(m[floor:start])  # "Resolution on the National Programme for Youth ..."
    if resolution:
        start = floor + resolution.start()
    end = match.end()
    if head[0].isupper() and TITLE_CASE_AFTER.match(m[end:]):
        # a capitalised programme runs to the end of its title-cased name ("Programme of Measures for Roma")
        end = title_case_end(m, end + TITLE_CASE_AFTER.match(m[end:]).end())  # type: ignore[union-attr]
    period, end_after_period = _period(m, end)
    subtitle = re.match(r"^:\s+[A-Z][^,;.]*", m[end:]) if head[0].isupper() else None
    complement = re.match(rf"^\s+(?P<t>{TITLE})", m[end_after_period:])
    if subtitle:
        end = end + subtitle.end()
    elif complement:
        end = end_after_period + complement.end("t")
        if period is None:
            period, end = _period(m, end)
    elif period:
        end = end_after_period
    while m[end - 1] in " ,":
        end -= 1
    appositive = re.match(r"^,\s*\u201c[^\u201d]{1,60}\u201d", m[end:])  # "..., 2011-2015, “Salamatty Qazaqstan”"
    if appositive:
        end += appositive.end()
    acronym = re.match(r"^\s+\([A-Z]{2,8}\)", m[end:])  # "(NPPFV)"
    if acronym:
        end += acronym.end()
    phrase = " ".join(m[start:end].split())
    # a quoted name is the instrument's own when it stands before the head or in apposition after it
    # ("“Balapan” programme"), not when it sits in the title ("road map for ... a “green economy”")
    quoted = re.search(r"\u201c([^\u201d]+)\u201d", " ".join(modifiers) + (appositive.group(0) if appositive else ""))
    # A generic word ("the plan", "a sectoral strategy") is no instrument; a qualified name, a title,
    # a period, a quoted name or an event reported on it make one.
    qualified = (
        POLICY_QUALIFIERS.search(" ".join(modifiers))
        or period or complement or subtitle or quoted
        or AFTER_VERB.match(m[end:])
    )
    if not qualified:
        return None
    low = head.lower()
    kind = next(k for pattern, k in POLICY_KIND if re.fullmatch(pattern, low) or low.endswith(pattern.split("|")[0]))
    if kind == "programme" and any(w in ("State", "state") for w in modifiers):
        kind = "state-programme"
    identity = key_words(quoted.group(1)) if quoted else key_words(
        re.sub(r"^Resolution\s+on\s+|\([A-Z]+\)|,?\s+(?:for\s+(?:the\s+[Pp]eriod\s+)?)?\(?\d{4}\s*[\u2013\u2212-]\s*\d{4}\)?|through\s+(?:the\s+year\s+)?\d{4}", "", phrase))
    family = "programme" if "programme" in kind else kind
    draft = {"inline_verb": "drafted", "inline_at": end} if "draft" in modifiers else {}
    return _Hit(start, end, kind, phrase, f"{family}/{identity}/{period or ''}", **draft)  # type: ignore[arg-type]


INLINE_VERB = re.compile(r"\b(?:was\s+|has\s+been\s+)?(?P<verb>adopted|signed|issued|introduced|submitted)\b")


def _inline(m: str, start: int, end: int) -> dict[str, object]:
    match = INLINE_VERB.search(m, start, end)
    if not match or re.match(r"\s*(?:on|to)\s", m[start:match.start()][-4:]):
        return {}
    return {"inline_verb": match.group("verb"), "inline_at": match.end()}


def _clean(title: str) -> str:
    return " ".join(title.split()).rstrip(" ,")


def _iso(text: str | None) -> str | None:
    if not text:
        return None
    match = DATE.search(text)
    return iso(match) if match else None


TRAILING_PERIOD = re.compile(r",?\s+(?:for\s+)?\d{4}\s*[\u2013\u2212-]\s*\d{4}$")


def _drop_period(hit: _Hit) -> None:
    match = TRAILING_PERIOD.search(hit.title)
    if match:
        hit.end -= len(hit.title) - match.start()
        hit.title = hit.title[: match.start()]
        family, identity = hit.key.split("/")[:2]
        hit.key = f"{family}/{identity}/"


def _resolve_overlaps(hits: list[_Hit]) -> list[_Hit]:
    """Keep the longer of two hits over the same words, but let a name sit inside a descriptive title
    ("a draft constitutional law on amendments to the Act on the Judicial System ...")."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[_Hit] = []
    for hit in hits:
        clash = next((k for k in kept if hit.start < k.end and k.start < hit.end), None)
        if clash is None or (hit.plural_of and clash.plural_of and clash.start == hit.start):
            kept.append(hit)
            continue
        inside = clash.start <= hit.start and hit.end <= clash.end
        # a name inside another's title: "Decree on a national unity doctrine", "plan of measures for
        # implementing the road map for ...", "draft law on amendments to the Act on ..."
        if inside and hit.start > clash.start and hit.kind != "bill" and clash.kind not in ("code", "constitution"):
            if hit.end == clash.end and hit.key.count("/") == 2:
                _drop_period(hit)  # the period at the end is the outer instrument's, not the nested one's
            kept.append(hit)
    return kept


def find_instruments(
    number: int, text: str, institutions: list[InstitutionMention], acronyms: dict[str, tuple[str, str]] | None = None
) -> list[InstrumentMention]:
    """The instruments a paragraph cites. ``acronyms`` carries the short forms a report defined in
    brackets ("Family Violence Prevention Act (FVPA)") to its later paragraphs: acronym -> (key, kind)."""
    m = matchable(text)
    institution_spans = [(i.span.start, i.span.end) for i in institutions]
    found = _recognise(m)
    if acronyms is not None:
        found = _acronym_hits(m, found, acronyms)
    hits = [
        h for h in _resolve_overlaps(found)
        if not any(s <= h.start and h.end <= e for s, e in institution_spans)  # "United Nations Development Programme"
    ]
    for first, second in zip(hits, hits[1:]):
        if first.number and APPOSITIVE.fullmatch(m[first.end : second.start]) and second.key.endswith("/n"):
            second.key = first.key  # one instrument, cited by number and by name
    for hit in hits:
        if hit.key.endswith("@"):  # an unnamed instrument is its own node: key it by its place
            hit.key += f"{number}-{hit.start}"
    hits.sort(key=lambda h: (h.start, h.key))
    skip = [(h.start, h.end) for h in hits] + institution_spans
    mentions: list[InstrumentMention] = []
    previous: InstrumentMention | None = None
    previous_end = -1
    listed = _following_list(m)
    for hit in hits:
        issuer = _issuer(m, hit, institutions)
        # a name inside another's title ("a draft law on amendments to the Act on ...") has no events
        # of its own: the verbs around it are about the instrument whose title holds it
        nested = any(o is not hit and o.start < hit.start and hit.end <= o.end for o in hits)
        events = () if nested else _events(m, hit, hits, skip, institutions)
        if listed and listed[0] < hit.start < listed[1] and not nested:
            events = events + tuple(e for e in listed[2] if e not in events)
        articles = cited_articles(m[max(0, hit.start - 80) : hit.start])
        glued = previous is not None and previous_end <= hit.start and GLUE.match(m[previous_end : hit.start])
        if glued and previous is not None:
            # "Changes have been made to the Code of Criminal Procedure and the Code of ...": a
            # verb before the first of a list holds for all, a verb after the last for all before it.
            inherited = tuple(e for e in previous.events if e not in events)
            events = events + inherited
            mentions[-1] = replace(previous, events=previous.events + tuple(e for e in events if e not in previous.events))
            for i in range(len(mentions) - 2, -1, -1):
                if mentions[i].span.end > mentions[i + 1].span.start or not GLUE.match(m[mentions[i].span.end : mentions[i + 1].span.start]):
                    break
                mentions[i] = replace(mentions[i], events=mentions[i].events + tuple(e for e in events if e not in mentions[i].events))
        date = hit.date
        enacted = next((e.date for e in events if e.type in ("adopted", "approved", "signed", "issued") and e.date), None)
        if date is None and hit.kind != "constitution":
            date = enacted
        elif date and enacted and len(date) == 4 and enacted.startswith(date):
            date = enacted  # "Act No. 12 of 2017 ... on 4 May 2017": the fullest date the text gives
        if date is None and not events and hit.kind == "act" and not IN_FORCE.match(m[hit.end :]):
            # "In 2014, a law on amendments ... introduced ...": the sentence dates the law (but a date
            # of entry into force is not the law's)
            s0, _ = sentence_bounds(m, hit.start)
            opening = re.match(r"\s*(?:In|On)\s+(?P<d>[^,]{4,20}),\s+(?:(?:a|an|the)\s+)?$", m[s0 : hit.start])
            date = _iso(opening.group("d")) if opening else None
        mention = InstrumentMention(
            span(number, text, hit.start, hit.end), hit.key, hit.kind, hit.title, hit.number, date, issuer, articles, events
        )
        mentions.append(mention)
        previous, previous_end = mention, hit.end
    mentions = _amended_by_amending_acts(mentions, hits)
    mentions.extend(_unnamed_amendments(number, text, m, hits, skip))
    return mentions


APPOSITIVE = re.compile(r",\s+(?:(?:also\s+)?known\s+as\s+|or\s+)?(?:the\s+)?")
IN_FORCE = re.compile(r"^[^.;]{0,40}?\b(?:entered|came|comes|enters)\s+into\s+force|^[^.;]{0,40}?\btook\s+effect")
# "Adopted in 2013, the Police Tasks and Powers Act ...": a participle opening the sentence
OPENING_PARTICIPLE = re.compile(rf"^\s*(?P<verb>Adopted|Passed|Enacted|Approved|Signed|Amended|Issued)(?:\s+(?:in|on)\s+(?P<d>{D}))?,\s+(?:the\s+|a\s+)?(?:new\s+)?$")


# "Three resolutions have been adopted: the Resolution on ..., the Resolution on ...": the verb holds for the list
COLON_LIST = re.compile(r"(?:have|has|had)\s+been\s+(?P<verbs>drafted|submitted|adopted|approved|introduced)\s*:")
ACRONYM = re.compile(r"\(([A-Z][A-Z-]{1,9})\)$")


def _acronym_hits(m: str, hits: list[_Hit], acronyms: dict[str, tuple[str, str]]) -> list[_Hit]:
    """Record the acronyms this paragraph defines, and cite the ones defined before by their key."""
    for hit in hits:
        defined = ACRONYM.search(hit.title)
        if defined:
            acronyms.setdefault(defined.group(1), (hit.key, hit.kind))
    taken = [(h.start, h.end) for h in hits]
    extra = []
    for acronym, (key, kind) in acronyms.items():
        for match in re.finditer(rf"(?<![\w(-]){re.escape(acronym)}(?![\w)-])", m):
            if not any(s <= match.start() < e for s, e in taken):
                extra.append(_Hit(match.start(), match.end(), kind, acronym, key))
    return hits + extra


def _amended_by_amending_acts(mentions: list[InstrumentMention], hits: list[_Hit]) -> list[InstrumentMention]:
    """"In April 2014, a law amending the Aliens Act was passed": the Aliens Act was amended then."""
    at = {(mention.span.start, mention.span.end): i for i, mention in enumerate(mentions)}
    for hit, mention in zip(hits, mentions):
        if not hit.amends:
            continue
        enacted = next((e for e in mention.events if e.type in ("adopted", "signed", "issued", "approved")), None)
        inner = next((i for (s, e), i in at.items() if s == hit.amends[0]), None)
        if enacted and inner is not None and not any(e.type == "amended" for e in mentions[inner].events):
            mentions[inner] = replace(mentions[inner], events=mentions[inner].events + (Event("amended", enacted.date, by=mention.key),))
    return mentions


FOLLOWING_LIST = re.compile(
    r"(?P<verbs>(?:\w+\s+){0,1}(?:drafted|submitted|adopted|approved|introduced)(?:\s+and\s+(?:drafted|submitted|adopted|approved|introduced))?)"
    r"[^.:;]*?\bthe\s+following\s+\w+:"
)


def _following_list(m: str) -> tuple[int, int, tuple[Event, ...]] | None:
    """"... drafted and submitted to the Majilis the following bills: (a) ... (b) ...": the verbs hold
    for every instrument the list names."""
    match = FOLLOWING_LIST.search(m) if "following" in m else None  # the quick test spares a slow search
    if not match:
        # "Three resolutions have been adopted: the Resolution ...": the list runs to the sentence's end,
        # and only a date before the colon dates it (the list's own dates are the items' periods)
        match = COLON_LIST.search(m)
        if not match:
            return None
        s, e = sentence_bounds(m, match.start())
        opening = DATE.search(m, s, match.start())
        kind = VERB_TYPE[match.group("verbs")]
        return match.end(), e, (Event(kind, iso(opening) if opening else None),)
    date = event_date(m, match.start(), [])
    kinds = [VERB_TYPE[v] for v in re.findall(r"drafted|submitted|adopted|approved|introduced", match.group("verbs"))]
    return match.end(), len(m), tuple(Event(k, date) for k in dict.fromkeys(kinds))


def with_late_issuers(texts: dict[int, str], mentions: list[InstrumentMention], institutions: list[InstitutionMention]) -> list[InstrumentMention]:
    """Issuers named by a short form the report defines elsewhere ("the NA adopted the Family Code",
    "National Assembly (NA)" in another paragraph), once the institutions of the whole report are known."""
    by_paragraph: dict[int, list[InstitutionMention]] = {}
    for institution in institutions:
        by_paragraph.setdefault(institution.span.paragraph, []).append(institution)
    result = []
    for mention in mentions:
        if mention.issuer is None and mention.kind not in ("bill", "unnamed") and mention.span.paragraph in by_paragraph:
            hit = _Hit(mention.span.start, mention.span.end, mention.kind, mention.title, mention.key)
            issuer = _issuer(matchable(texts[mention.span.paragraph]), hit, by_paragraph[mention.span.paragraph])
            if issuer is not None:
                mention = replace(mention, issuer=issuer)
        result.append(mention)
    return result


def _issuer(m: str, hit: _Hit, institutions: list[InstitutionMention]) -> Institution | None:
    if hit.issuer:
        return resolve_institution(hit.issuer)
    s, _ = sentence_bounds(m, hit.start)
    # "orders issued by the Procurator-General's Office (Order No. 7 ...)", "approved by the President"
    for inst in reversed(institutions):
        if s <= inst.span.start and inst.span.end <= hit.start and re.search(r"\b(?:issued|adopted|signed|drafted|made)\s+by\s+(?:the\s+)?$", m[max(s, inst.span.start - 30) : inst.span.start]):
            if hit.start - inst.span.end < 12:
                return inst.institution
    # "The Prosecutor-General's Office issued Instruction No. 5", "The National Assembly adopted the ... Act"
    for inst in reversed(institutions):
        if s <= inst.span.start and inst.span.end <= hit.start and re.match(r"^\s+(?:issued|adopted|approved|signed|passed|enacted)\s+(?:(?:a|an|the)\s+)?(?:regulatory\s+|new\s+)?$", m[inst.span.end : hit.start]):
            return inst.institution
    # "Legal Notice No. 43 of 2019, issued by the Minister of Labour", "... Ordinance was issued by the President"
    for inst in institutions:
        if hit.end <= inst.span.start and re.match(r"^,?\s+(?:(?:was|were)\s+)?(?:issued|adopted|approved|passed|enacted)\s+by\s+(?:the\s+)?$", m[hit.end : inst.span.start]):
            return inst.institution
    return None


def _events(m: str, hit: _Hit, hits: list[_Hit], skip: list[tuple[int, int]], institutions: list[InstitutionMention]) -> tuple[Event, ...]:
    events: list[Event] = []
    s, e = sentence_bounds(m, hit.start)
    if hit.inline_verb:
        events.append(Event(VERB_TYPE[hit.inline_verb], hit.date or event_date(m, hit.inline_at, skip)))
    left, _ = clause_bounds(m, hit.start, hit.end)
    context = m[max(left, hit.start - 110) : hit.start]
    cited = ARTICLE_TAIL.search(context)  # "Amendments have been made to article 26 of the Labour Code"
    before = BEFORE_VERB.search(context[: cited.start()] if cited else context)
    if before:
        words = before.group("verb").lower().split()
        verb = words[1] if words[0] in ("was", "were") else words[0]
        kind = VERB_TYPE.get(verb, "amended" if verb in ("amendments", "changes") else None)
        if kind:
            by = None
            earlier = [h for h in hits if h.end <= hit.start and h.start >= s]
            if verb == "approving":
                by = earlier[-1].key if earlier else None
            elif earlier and re.match(r"^\s+(?:approved|adopted|amended|introduced)\s+(?:(?:the|a|an)\s+)?(?:new\s+)?$", m[earlier[-1].end : hit.start]):
                by = earlier[-1].key  # "Resolution ... No. 34 of 8 February 2017 approved the Action Plan ..."
            under = _under(m, s, hit, hits)
            if kind == "amended" and under:
                by = under.key
            date = event_date(m, hit.start - len(before.group(0)), skip)
            if by and date is None:
                by_hit = next(h for h in hits if h.key == by)
                date = by_hit.date
            if date is None and kind in ("adopted", "issued", "signed", "approved") and not by:
                date = hit.date
            events.append(Event(kind, date, cited_articles(m[max(0, hit.start - 80) : hit.start]) if kind == "amended" else (), by))
    opener = OPENING_PARTICIPLE.match(m[s : hit.start])
    if opener and not events:
        events.append(Event(VERB_TYPE[opener.group("verb").lower()], _iso(opener.group("d"))))
    since = re.match(rf"^[^.;]*?\bsince\s+its\s+adoption\s+(?:on|in)\s+(?P<d>{D})", m[hit.end : e])
    if since:
        events.append(Event("adopted", _iso(since.group("d"))))
    if AMENDMENT_COUNT.match(m[hit.end : e]):
        events.append(Event("amended", None))
    after = AFTER_VERB.match(m[hit.end : e])
    # "a clarification to the Refugees Act was adopted": the adoption is of the clarification
    relative = after is not None and re.match(r"^,?\s*(?:which|that)\b", m[hit.end : e]) is not None
    if after and (relative or not (events and events[0].type == "amended" and after.group("verb") == "adopted")):
        kind = VERB_TYPE[after.group("verb")]
        verb_end = hit.end + after.end()
        by = None
        date = None
        link = BY_AFTER_VERB.match(m[verb_end:])
        if link:
            target = next((h for h in hits if h.start == verb_end + link.end()), None)
            if target:
                by, date = target.key, target.date
        if date is None:
            date = event_date(m, verb_end, skip)
        articles = cited_articles(m[max(0, hit.start - 80) : hit.start]) if kind == "amended" else ()
        event = Event(kind, date, articles, by)
        if event not in events:
            events.append(event)
    return tuple(events)


def _under(m: str, sentence_start: int, hit: _Hit, hits: list[_Hit]) -> _Hit | None:
    """The instrument a sentence opens with "Under the Act ..."/"By the law ...": the one that amends."""
    for other in hits:
        if sentence_start <= other.start < hit.start and other is not hit:
            if re.search(r"(?:Under|By|under)\s+(?:(?:the|a|an)\s+)?$", m[max(sentence_start, other.start - 10) : other.start]):
                return other
    return None


UNNAMED_AMENDMENT = re.compile(r"made\s+to\s+(?P<word>articles?)\s+(?P<list>\d+(?:-\d+)?(?:(?:,|,?\s+and)\s+\d+(?:-\d+)?)*)(?!\s*,?\s*of\b)")


def _unnamed_amendments(number: int, text: str, m: str, hits: list[_Hit], skip: list[tuple[int, int]]) -> list[InstrumentMention]:
    """"Under the Act of 4 July 2013 ..., amendments ... were made to articles 128, 132-1 ...": the
    Act amended articles of a code the sentence does not name. Record that, and no guess of which."""
    found = []
    for match in UNNAMED_AMENDMENT.finditer(m):
        s, _ = sentence_bounds(m, match.start())
        under = _under(m, s, _Hit(match.start(), match.end(), "", "", ""), hits)
        if under is None:
            continue
        articles = tuple(re.findall(r"\d+(?:-\d+)?", match.group("list")))
        event = Event("amended", under.date or event_date(m, match.start(), skip), articles, under.key)
        found.append(
            InstrumentMention(
                span(number, text, match.start(), match.end()), "unnamed/" + slug(under.key), "unnamed", "", events=(event,)
            )
        )
    return found
