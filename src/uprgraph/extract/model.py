"""What the extractors find: plain, frozen data with the paragraph and exact quote behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..registries import Institution


@dataclass(frozen=True)
class Span:
    paragraph: int
    start: int
    end: int
    quote: str  # paragraph.text[start:end]


@dataclass(frozen=True)
class Event:
    """Something done to an instrument or treaty: adopted, amended, ratified..."""

    type: str  # a key of the event-type vocabulary (adopted, amended, ratified, ...)
    date: str | None  # ISO 8601, full or partial
    articles: tuple[str, ...] = ()
    by: str | None = None  # key of the instrument through which it happened ("amended by the Act of ...")
    agent: str | None = None  # institution key that did it


@dataclass(frozen=True)
class InstrumentMention:
    span: Span
    key: str  # identity of the instrument across mentions
    kind: str  # a key of the instrument-kind vocabulary
    title: str  # as printed, without articles ("the", "a")
    number: str | None = None
    date: str | None = None  # the instrument's own date ("Decree No. 648 of 24 September 2013")
    issuer: Institution | None = None
    articles: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class TreatyMention:
    span: Span
    key: str  # treaties.csv key, or a slug of the printed name for one the registry lacks
    label: str = ""  # as printed, for a treaty the registry lacks
    articles: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class InstitutionMention:
    span: Span
    key: str  # institutions.csv key, or a slug of the printed name
    label: str
    kind: str  # state-body, nhri, un-body, international-organization, ngo
    scope: str  # "state" (belongs to the State under review) or "international"
    wikidata: str | None = None

    @property
    def institution(self) -> Institution:
        return Institution(self.key, self.label, self.kind, self.scope, (), self.wikidata)


@dataclass(frozen=True)
class VisitMention:
    span: Span
    mandate: str  # "Special Rapporteur on torture and other cruel, ..."
    person: str | None  # "Manfred Nowak"
    years: tuple[str, ...]  # may be empty when the printed year cannot be read
    status: str  # "completed" or "planned"
    date_printed: str | None = None


@dataclass(frozen=True)
class ResponseMention:
    span: Span
    recommendations: tuple[str, ...]
    status: str  # a key of the response-status vocabulary ("not-accepted")


@dataclass
class Extraction:
    instruments: list[InstrumentMention] = field(default_factory=list)
    treaties: list[TreatyMention] = field(default_factory=list)
    institutions: list[InstitutionMention] = field(default_factory=list)
    visits: list[VisitMention] = field(default_factory=list)
    responses: list[ResponseMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
