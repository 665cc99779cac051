"""The published thematic lists the tagger learns from, as examples: each recommendation's text with the
concepts the list gives it (UHRI themes and groups of persons by their keys in vocabularies/, SDG goals).

The lists are packaged data (vocabularies/training/SOURCES.md names each and where it comes from); a list of
the 2nd cycle prints coded themes ("A12 ..."), later ones print labels, both resolve to the same concepts
through the vocabulary (labels of every version are kept there).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .thematic_list import ThematicList, read_docx, read_text
from .vocabulary import group_key, load

UNHELD = "unheld:"

# (packaged folder, file name): the lists we hold. Slovenia's 2nd review, and part of the United States' 3rd.
TRAINING_LISTS = (
    ("reports", "UPR20_Slovenia_thematic_list_of_recommendations.docx"),
    ("vocabularies", "training/UPR36_United_States_of_America_thematic_list_part.txt"),
)


@dataclass(frozen=True)
class Example:
    source: str  # the list's file name
    number: str  # "115.1"
    text: str
    themes: frozenset[str]
    groups: frozenset[str]
    goals: frozenset[str] | None  # None where the list prints no SDGs (2nd cycle)
    later: bool  # tagged as the lists of the 3rd cycle on: theme labels without codes


def read_list(name: str, data: bytes) -> ThematicList:
    return read_docx(data, name) if data.startswith(b"PK") else read_text(data.decode("utf-8"), name)


def examples_of(listed: ThematicList) -> list[Example]:
    vocab = load()
    prints_sdgs = any(e.sdgs for e in listed.entries)
    later = not any(t.code for e in listed.entries for t in e.themes)
    out = []
    for entry in listed.entries:
        # a label the vocabularies do not hold keeps a key of its own, so that a score counts it as missed
        themes = {c.key if (c := vocab.theme(t.code, t.label)) else UNHELD + group_key(t.label) for t in entry.themes}
        groups = {c.key if (c := vocab.group(g)) else UNHELD + group_key(g) for g in entry.groups} or {"general"}
        goals = frozenset(str(g) for g in entry.sdgs) if prints_sdgs else None
        out.append(Example(listed.name, entry.number, entry.text, frozenset(themes), frozenset(groups), goals, later))
    return out


@lru_cache(maxsize=1)
def training_examples() -> tuple[Example, ...]:
    from .. import resources

    out: list[Example] = []
    for kind, name in TRAINING_LISTS:
        data = resources.data_dir(kind).joinpath(*name.split("/")).read_bytes()
        out += examples_of(read_list(name.rsplit("/", 1)[-1], data))
    return tuple(out)
