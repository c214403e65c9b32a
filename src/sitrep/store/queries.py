"""Read-side queries shared by the CLI, the web app and the exports."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from sitrep.resolve.normalize import name_key
from sitrep.store.schema import (AliasRow, ClaimRow, DocumentRow, EntityRow, EventArgumentRow, EventRow,
                                 MentionRow, RelationRow)


@dataclass
class EventView:
    row: EventRow
    document: DocumentRow
    actors: list[EntityRow]
    targets: list[EntityRow]
    place: EntityRow | None
    claim: ClaimRow | None
    source: EntityRow | None
    corroboration: int | None  # distinct original (non-repost) documents reporting the event; None: not counted


def find_entities(session: Session, query: str | None = None, type_: str | None = None,
                  limit: int = 50, offset: int = 0, mentioned_only: bool = True) -> list[tuple[EntityRow, int]]:
    """Entities by any alias or variant spelling, with their mention counts, most mentioned first."""
    mentions = func.count(MentionRow.id).label("mentions")
    stmt = select(EntityRow, mentions).outerjoin(MentionRow, MentionRow.entity_id == EntityRow.id)
    if type_:
        stmt = stmt.where(EntityRow.type == type_)
    if query:
        key = name_key(query)
        matching = select(AliasRow.entity_id).where(
            or_(AliasRow.key == key, AliasRow.key.like(f"%{key}%")))
        stmt = stmt.where(or_(EntityRow.id == query, EntityRow.id.in_(matching)))
    stmt = stmt.group_by(EntityRow.id)
    if mentioned_only:
        stmt = stmt.having(mentions > 0)
    stmt = stmt.order_by(mentions.desc(), EntityRow.name).limit(limit).offset(offset)
    return [(row, count) for row, count in session.execute(stmt).all()]


def resolve_entity(session: Session, name_or_id: str) -> EntityRow | None:
    row = session.get(EntityRow, name_or_id)
    if row is not None:
        return row
    found = find_entities(session, name_or_id, limit=1, mentioned_only=False)
    return found[0][0] if found else None


def entity_aliases(session: Session, entity_id: str) -> list[tuple[str, int]]:
    """Names used for the entity, with the number of documents using each."""
    rows = session.execute(select(MentionRow.text, func.count(func.distinct(MentionRow.document_id)))
                           .where(MentionRow.entity_id == entity_id).group_by(MentionRow.text)
                           .order_by(func.count(MentionRow.id).desc())).all()
    return [(text, n) for text, n in rows]


def entity_documents(session: Session, entity_id: str, limit: int = 50) -> list[DocumentRow]:
    ids = select(MentionRow.document_id).where(MentionRow.entity_id == entity_id)
    return list(session.scalars(select(DocumentRow).where(DocumentRow.id.in_(ids))
                                .order_by(DocumentRow.published.desc(), DocumentRow.id).limit(limit)))


def filter_events(stmt: Select, *, type_: str | None = None, actor: str | None = None,
                  place: str | None = None, since: str | None = None, until: str | None = None,
                  certainty: str | None = None) -> Select:
    """Narrow an events query by type, participant, place, ISO date range and certainty.

    ``until`` is inclusive at any precision: "2017-11" keeps "2017-11-30"."""
    if type_:
        stmt = stmt.where(EventRow.type == type_)
    if actor:
        stmt = stmt.where(EventRow.id.in_(select(EventArgumentRow.event_id)
                                          .where(EventArgumentRow.entity_id == actor)))
    if place:
        stmt = stmt.where(EventRow.place_id == place)
    if since:
        stmt = stmt.where(EventRow.date >= since)
    if until:
        stmt = stmt.where(EventRow.date <= until + "\uffff")
    if certainty:
        stmt = stmt.where(EventRow.id.in_(select(ClaimRow.event_id).where(ClaimRow.certainty == certainty)))
    return stmt


def events(session: Session, *, actor: str | None = None, place: str | None = None,
           since: str | None = None, until: str | None = None, type_: str | None = None,
           document_id: int | None = None, limit: int = 100, offset: int = 0) -> list[EventView]:
    stmt = filter_events(select(EventRow).order_by(EventRow.date.desc(), EventRow.id), type_=type_,
                         actor=actor, place=place, since=since, until=until)
    if document_id is not None:
        stmt = stmt.where(EventRow.document_id == document_id).order_by(None).order_by(EventRow.sentence_start)
    rows = session.scalars(stmt.limit(limit).offset(offset)).all()
    return [event_view(session, row) for row in rows]


def event_view(session: Session, row: EventRow, count_reports: bool = True) -> EventView:
    """The event with its participants, claim and source, and (``count_reports``) its corroboration."""
    entities = {a.entity_id: session.get(EntityRow, a.entity_id) for a in row.arguments}
    claim = session.scalar(select(ClaimRow).where(ClaimRow.event_id == row.id))
    return EventView(
        row=row, document=session.get(DocumentRow, row.document_id),
        actors=[entities[a.entity_id] for a in row.arguments if a.role == "actor"],
        targets=[entities[a.entity_id] for a in row.arguments if a.role == "target"],
        place=session.get(EntityRow, row.place_id) if row.place_id else None,
        claim=claim, source=session.get(EntityRow, claim.source_entity_id) if claim and claim.source_entity_id else None,
        corroboration=corroboration(session, row.cluster_id or row.id) if count_reports else None)


def corroboration(session: Session, cluster_id: int) -> int:
    """Distinct original documents reporting the event; reposts do not count."""
    return session.scalar(select(func.count(func.distinct(EventRow.document_id)))
                          .join(DocumentRow, DocumentRow.id == EventRow.document_id)
                          .where(EventRow.cluster_id == cluster_id, DocumentRow.original_id.is_(None))) or 0


def relations(session: Session, entity_id: str | None = None, document_id: int | None = None,
              limit: int = 200) -> list[tuple[RelationRow, EntityRow, EntityRow, ClaimRow | None]]:
    subject, obj = aliased(EntityRow), aliased(EntityRow)
    stmt = (select(RelationRow, subject, obj, ClaimRow)
            .join(subject, subject.id == RelationRow.subject_id).join(obj, obj.id == RelationRow.object_id)
            .outerjoin(ClaimRow, ClaimRow.relation_id == RelationRow.id))
    if entity_id:
        stmt = stmt.where(or_(RelationRow.subject_id == entity_id, RelationRow.object_id == entity_id))
    if document_id is not None:
        stmt = stmt.where(RelationRow.document_id == document_id)
    return [tuple(r) for r in session.execute(stmt.limit(limit)).all()]


def summary(session: Session, top: int = 10) -> dict:
    count = lambda model: session.scalar(select(func.count()).select_from(model)) or 0  # noqa: E731
    actors = Counter({row.name: n for row, n in find_entities(session, type_="ARMED_GROUP", limit=top)})
    return {
        "documents": count(DocumentRow),
        "reposts": session.scalar(select(func.count()).where(DocumentRow.original_id.is_not(None))) or 0,
        "entities": session.scalar(select(func.count(func.distinct(MentionRow.entity_id)))) or 0,
        "mentions": count(MentionRow),
        "events": count(EventRow),
        "relations": count(RelationRow),
        "top_actors": actors.most_common(top),
    }
