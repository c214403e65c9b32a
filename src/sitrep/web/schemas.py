"""Request and response schemas of the REST API, separate from the storage rows.

Types named by the vocabulary (entity, event and relation types, certainty
levels) become enums, so a bad value is refused with the allowed values listed
and the OpenAPI schema documents them.
"""
from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sitrep.vocab import load_vocabulary

_VOCAB = load_vocabulary()
EntityType = Enum("EntityType", {name: name for name in _VOCAB.entity_types}, type=str)
EventType = Enum("EventType", {name: name for name in _VOCAB.event_types}, type=str)
RelationType = Enum("RelationType", {name: name for name in _VOCAB.relation_types}, type=str)
Certainty = Enum("Certainty", {name: name for name in _VOCAB.certainty_levels}, type=str)

MAX_LIMIT = 200
MAX_OFFSET = 100_000
ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
CO_PARTICIPATION = "CO_PARTICIPATION"  # network edge: two entities take part in one event
T = TypeVar("T")


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True)


# ---- query parameters -------------------------------------------------------------------------

class QueryParams(BaseModel):
    """Query-string parameters; an empty value (an untouched form field) counts as absent."""

    @model_validator(mode="before")
    @classmethod
    def _drop_blanks(cls, data):
        if not isinstance(data, dict):
            return data
        cleaned = {k: [x for x in v if x != ""] if isinstance(v, list) else v for k, v in data.items()}
        return {k: v for k, v in cleaned.items() if v not in ("", None)}


class PageParams(QueryParams):
    """Bounded pagination: deep offsets are refused rather than scanned."""

    limit: int = Field(50, ge=1, le=MAX_LIMIT, description="items per page")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="items to skip")


class DateRange(QueryParams):
    since: str | None = Field(None, pattern=ISO_DATE, description="ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    until: str | None = Field(None, pattern=ISO_DATE, description="ISO date, inclusive")

    @model_validator(mode="after")
    def _ordered(self):
        if self.since and self.until and self.since[:len(self.until)] > self.until:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")
        return self


class EntityQuery(PageParams):
    q: str | None = Field(None, max_length=200, description="a name in any alias or spelling")
    type: EntityType | None = None


class EventQuery(PageParams, DateRange):
    type: EventType | None = None
    actor: str | None = Field(None, max_length=200, description="entity id or name taking part")
    place: str | None = Field(None, max_length=200, description="place entity id or name")
    certainty: Certainty | None = None


class RelationQuery(PageParams):
    type: RelationType | None = None
    entity: str | None = Field(None, max_length=200, description="entity id or name on either side")


class SearchQuery(PageParams, DateRange):
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    q: str | None = Field(None, max_length=500, description="words to find in titles and texts")
    type: EventType | None = Field(None, description="documents reporting an event of this type")
    actor: str | None = Field(None, max_length=200, description="documents naming this entity (id or name)")
    place: str | None = Field(None, max_length=200, description="documents naming this place (id or name)")
    certainty: Certainty | None = Field(None, description="documents with a claim of this certainty")


class DocumentQuery(PageParams, DateRange):
    publisher: str | None = Field(None, max_length=255)


class NetworkQuery(DateRange):
    entity: str | None = Field(None, max_length=200, description="only edges touching this entity")
    type: list[str] = Field(default_factory=list, description="relation types, or CO_PARTICIPATION")
    limit: int = Field(200, ge=1, le=2000, description="strongest edges kept")

    @model_validator(mode="after")
    def _known_types(self):
        allowed = {*_VOCAB.relation_types, CO_PARTICIPATION}
        unknown = sorted(set(self.type) - allowed)
        if unknown:
            raise ValueError(f"unknown edge type(s) {', '.join(unknown)}; choose from {', '.join(sorted(allowed))}")
        return self


# ---- responses --------------------------------------------------------------------------------

class Page(BaseModel, Generic[T]):
    items: list[T]
    limit: int
    offset: int
    next_offset: int | None = Field(None, description="offset of the next page, null on the last")
    total: int | None = None


class EntityRef(Schema):
    id: str
    type: str
    name: str


class PlaceRef(EntityRef):
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geo_precision: str | None = None


class EntityOut(PlaceRef):
    origin: str
    wikidata: str | None = None
    description: str | None = None
    mentions: int | None = None


class DocumentRef(Schema):
    id: int
    doc_id: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None


class DocumentOut(DocumentRef):
    url: str | None = None
    author: str | None = None
    language: str | None = None
    source: str | None = None
    fmt: str
    repost_of: DocumentRef | None = None


class MentionOut(Schema):
    start: int
    end: int
    text: str
    type: str
    entity_id: str
    title: str | None = None


class ClaimOut(Schema):
    certainty: str
    source: EntityRef | None = Field(None, description="who states it; null is the reporter's own voice")
    evidence: str
    evidence_start: int
    evidence_end: int


class EventOut(Schema):
    id: int
    type: str
    acled_event_type: str | None = None
    sub_event_type: str | None = None
    date: str | None = None
    date_precision: str | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    quantity: int | None = None
    trigger: str | None = None
    actors: list[EntityRef]
    targets: list[EntityRef]
    place: PlaceRef | None = None
    document: DocumentRef
    sentence: tuple[int, int]
    sentence_text: str
    claim: ClaimOut | None = None
    cluster_id: int | None = None
    corroboration: int = Field(description="distinct original documents reporting the event")


class EventDetail(EventOut):
    reports: list[EventOut] = Field(description="the same event as reported by every document")


class RelationOut(Schema):
    id: int
    type: str
    subject: EntityRef
    object: EntityRef
    document: DocumentRef
    claim: ClaimOut | None = None


class DocumentDetail(DocumentOut):
    text: str
    mentions: list[MentionOut]
    events: list[EventOut]
    relations: list[RelationOut]
    reposts: list[DocumentRef]


class AliasOut(BaseModel):
    name: str
    documents: int
    sample: list[DocumentRef]


class SourceOut(BaseModel):
    source: EntityRef | None = Field(None, description="null is the reporter's own voice")
    certainty: str
    claims: int


class GraphNode(BaseModel):
    id: str
    name: str
    type: str


class GraphEdge(BaseModel):
    source: str
    target: str
    type: str
    weight: int


class Graph(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class Dossier(EntityOut):
    known_as: list[str] = Field(description="curated names and spellings")
    aliases: list[AliasOut] = Field(description="names used in documents, with the documents using each")
    merged_into: EntityRef | None = Field(None, description="set when an analyst merged this entity away")
    events: list[EventOut]
    relations: list[RelationOut]
    sources: list[SourceOut]
    documents: list[DocumentRef]
    network: Graph


class FacetCount(BaseModel):
    value: str
    label: str
    count: int


class SearchHit(DocumentRef):
    snippet: str
    highlights: list[tuple[int, int]] = Field(description="[start, end) of each hit in the snippet")


class SearchResult(Page[SearchHit]):
    entities: list[EntityOut] = Field(description="entities whose names match the query")
    facets: dict[str, list[FacetCount]]
    facets_from: int = Field(description="how many of the best matches the facets count (all, up to 1000)")


class Summary(BaseModel):
    documents: int
    reposts: int
    entities: int
    mentions: int
    events: int
    relations: int
    top_actors: list[tuple[str, int]]


# ---- judgements -------------------------------------------------------------------------------

class PairJudgement(BaseModel):
    left: str = Field(min_length=1, max_length=255, description="entity id or name (kept)")
    right: str = Field(min_length=1, max_length=255, description="entity id or name")


class SplitJudgement(BaseModel):
    entity: str = Field(min_length=1, max_length=255, description="entity id or name to split")
    surfaces: list[str] = Field(min_length=1, max_length=50, description="names whose mentions move out")
    new_id: str | None = Field(None, min_length=1, max_length=200, pattern=r"^[\w:.-]+$")
    doc_id: str | None = Field(None, max_length=255, description="only in this document")


class JudgementOut(Schema):
    id: int
    kind: str
    left_id: str
    right_id: str
    surface: str | None = None
    doc_id: str | None = None
    created_at: datetime


class ReanalysisOut(BaseModel):
    running: bool
    pending: bool
    completed_runs: int
    last_error: str | None = None


class JudgementAccepted(BaseModel):
    judgements: list[JudgementOut]
    reanalysis: ReanalysisOut
