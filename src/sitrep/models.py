"""Plain data passed between the stages: ingest -> analyze -> resolve -> store.

Offsets are character offsets into ``Document.text`` (the clean text).
Entity references inside one document analysis use the document-local
``Entity.key``; the resolve stage maps each key to a knowledge-base id
(``Entity.kb_id``).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def content_hash(text: str) -> str:
    """Stable hash of the clean text, whitespace-folded, used for exact deduplication."""
    folded = " ".join(text.split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


@dataclass
class Document:
    """One article as read by an ingest adapter."""

    doc_id: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date: YYYY-MM-DD, YYYY-MM or YYYY
    language: str | None = None
    source: str | None = None  # where it was read from: path, URL, path#record
    fmt: str = "txt"  # txt, html, feed, jsonl, warc, url
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)


@dataclass
class Claim:
    """Who states a fact and how surely, with the evidence span."""

    certainty: str  # confirmed | reported | claimed | alleged
    source: str | None = None  # Entity.key of the claimant, None = reporter's own voice
    evidence_start: int = 0
    evidence_end: int = 0
    evidence: str = ""


@dataclass
class Mention:
    """A typed span of the document naming an entity."""

    start: int
    end: int
    text: str
    type: str  # PERSON, ARMED_GROUP, ORGANIZATION, PLACE, EQUIPMENT
    origin: str = "rule"  # rule, registry, gazetteer, ner
    title: str | None = None  # stripped title or rank ("Major General")
    registry_id: str | None = None  # registry entry the span was matched from, if any


@dataclass
class Geo:
    """Where a PLACE entity is, at the precision the text supports."""

    lat: float
    lon: float
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    geonames_id: int | None = None
    precision: str = "city"  # country, admin1, admin2, city, village, site
    name: str | None = None
    score: float = 0.0
    # For a first-level area: the point of its town of the same name, where ACLED codes an event
    # known only at this area's level (geo_precision 3).
    seat: tuple[float, float] | None = None


@dataclass
class Entity:
    """One entity of one document: its mentions clustered by in-document coreference."""

    key: str
    type: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    registry_id: str | None = None
    kb_id: str | None = None  # set by resolve
    geo: Geo | None = None  # set by geo for PLACE entities


@dataclass
class Event:
    """Something that happened, with its arguments (document-local entity keys)."""

    type: str
    claim: Claim
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    place: str | None = None
    date: str | None = None  # ISO at its precision
    date_precision: str | None = None  # day, week, month, year
    fatalities: int | None = None
    fatalities_range: tuple[int, int] | None = None
    quantity: int | None = None
    sub_event_type: str | None = None  # ACLED sub-event type
    trigger: str | None = None
    sentence: tuple[int, int] = (0, 0)


@dataclass
class Relation:
    """A standing relation between two entities (document-local keys)."""

    type: str
    subject: str
    object: str
    claim: Claim


@dataclass
class Analysis:
    """Everything the analyze stage found in one document."""

    doc: Document
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    published: str | None = None  # resolved publication date (metadata or text)

    def entity(self, key: str) -> Entity | None:
        return next((e for e in self.entities if e.key == key), None)
