"""The knowledge-base schema (SQLAlchemy 2): portable between SQLite and PostgreSQL.

Full-text search is dialect-specific and lives in ``sitrep.store.fulltext``.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (JSON, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(255), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(255))
    author: Mapped[str | None] = mapped_column(String(255))
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    language: Mapped[str | None] = mapped_column(String(16))
    source: Mapped[str | None] = mapped_column(Text)
    fmt: Mapped[str] = mapped_column(String(16))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    original_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    analyzed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class EntityRow(Base):
    __tablename__ = "entities"
    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(16))  # registry, gazetteer, discovered, import
    country: Mapped[str | None] = mapped_column(String(8))
    wikidata: Mapped[str | None] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    admin1: Mapped[str | None] = mapped_column(String(255))
    geonames_id: Mapped[int | None] = mapped_column(Integer)
    geo_precision: Mapped[str | None] = mapped_column(String(16))
    # A first-level area's town of the same name, where ACLED codes events known only at the area's level
    seat_lat: Mapped[float | None] = mapped_column(Float)
    seat_lon: Mapped[float | None] = mapped_column(Float)
    aliases: Mapped[list["AliasRow"]] = relationship(back_populates="entity", cascade="all, delete-orphan")


class AliasRow(Base):
    __tablename__ = "aliases"
    __table_args__ = (UniqueConstraint("entity_id", "alias", "provenance"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(255), index=True)
    skeleton: Mapped[str] = mapped_column(String(255), index=True)
    provenance: Mapped[str] = mapped_column(String(255))  # registry, import:ofac:..., document:<doc_id>
    entity: Mapped[EntityRow] = relationship(back_populates="aliases")


class MentionRow(Base):
    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id"), index=True)
    local_key: Mapped[str] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(String(255))
    origin: Mapped[str] = mapped_column(String(16))


class LinkDecisionRow(Base):
    """Why a document entity was linked to a knowledge-base entity."""

    __tablename__ = "link_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    local_key: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id"), index=True)
    score: Mapped[float] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(32))
    features: Mapped[dict] = mapped_column(JSON)


class EventRow(Base):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    acled_event_type: Mapped[str | None] = mapped_column(String(64))
    sub_event_type: Mapped[str | None] = mapped_column(String(64))
    place_id: Mapped[str | None] = mapped_column(ForeignKey("entities.id"), index=True)
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    fatalities: Mapped[int | None] = mapped_column(Integer)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    quantity: Mapped[int | None] = mapped_column(Integer)
    trigger: Mapped[str | None] = mapped_column(String(255))
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)
    cluster_id: Mapped[int | None] = mapped_column(Integer, index=True)  # same event across documents
    arguments: Mapped[list["EventArgumentRow"]] = relationship(cascade="all, delete-orphan")


class EventArgumentRow(Base):
    __tablename__ = "event_arguments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # actor, target
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id"), index=True)


class RelationRow(Base):
    __tablename__ = "relations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    subject_id: Mapped[str] = mapped_column(ForeignKey("entities.id"), index=True)
    object_id: Mapped[str] = mapped_column(ForeignKey("entities.id"), index=True)


class ClaimRow(Base):
    """Who states an event or relation, how surely, and where in the text."""

    __tablename__ = "claims"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    relation_id: Mapped[int | None] = mapped_column(ForeignKey("relations.id", ondelete="CASCADE"),
                                                    index=True)
    source_entity_id: Mapped[str | None] = mapped_column(ForeignKey("entities.id"), index=True)
    certainty: Mapped[str] = mapped_column(String(16))
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    evidence: Mapped[str] = mapped_column(Text)


class JudgementRow(Base):
    """An analyst's decision; it always wins over the machine and survives re-analysis.

    kind: ``same`` (left and right are one entity), ``different`` (never link them),
    ``split`` (mentions with ``surface`` — in ``doc_id`` if given — belong to ``right_id``,
    not ``left_id``).
    """

    __tablename__ = "judgements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    left_id: Mapped[str] = mapped_column(String(255), index=True)
    right_id: Mapped[str] = mapped_column(String(255), index=True)
    surface: Mapped[str | None] = mapped_column(Text)
    doc_id: Mapped[str | None] = mapped_column(String(255))
    author: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


Index("ix_mentions_doc_entity", MentionRow.document_id, MentionRow.entity_id)
Index("ix_mentions_entity_text", MentionRow.entity_id, MentionRow.text, MentionRow.document_id)
Index("ix_events_cluster_lookup", EventRow.type, EventRow.date, EventRow.place_id)


class MetaRow(Base):
    """Key-value facts about the store (e.g. the hash of the registry it was seeded from)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
