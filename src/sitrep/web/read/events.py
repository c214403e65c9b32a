"""Events as the API shows them: arguments, place, claim, sentence and corroboration, batched."""
from __future__ import annotations

from sqlalchemy import Select, func, or_, select, union
from sqlalchemy.orm import Session, selectinload

from sitrep.store.queries import filter_events
from sitrep.store.schema import ClaimRow, DocumentRow, EventArgumentRow, EventRow
from sitrep.web.read.common import document_refs, entities_by_id, page_of, paginate
from sitrep.web.schemas import (ClaimOut, EntityRef, EventDetail, EventOut, Page, PageParams, PlaceRef)


def event_outs(session: Session, rows: list[EventRow]) -> list[EventOut]:
    """Views of many events in a handful of queries (not a few per event)."""
    if not rows:
        return []
    ids = [row.id for row in rows]
    claims = {c.event_id: c for c in session.scalars(select(ClaimRow).where(ClaimRow.event_id.in_(ids)))}
    entities = entities_by_id(session, [a.entity_id for row in rows for a in row.arguments]
                              + [row.place_id for row in rows] + [c.source_entity_id for c in claims.values()])
    documents = document_refs(session, {row.document_id for row in rows})
    sentences = _sentence_texts(session, ids)
    support = corroborations(session, {row.cluster_id or row.id for row in rows})

    def view(row: EventRow) -> EventOut:
        claim = claims.get(row.id)
        return EventOut(
            id=row.id, type=row.type, acled_event_type=row.acled_event_type, sub_event_type=row.sub_event_type,
            date=row.date, date_precision=row.date_precision, fatalities=row.fatalities,
            fatalities_low=row.fatalities_low, fatalities_high=row.fatalities_high, quantity=row.quantity,
            trigger=row.trigger, cluster_id=row.cluster_id,
            actors=[EntityRef.model_validate(entities[a.entity_id]) for a in row.arguments if a.role == "actor"],
            targets=[EntityRef.model_validate(entities[a.entity_id]) for a in row.arguments if a.role == "target"],
            place=PlaceRef.model_validate(entities[row.place_id]) if row.place_id else None,
            document=documents[row.document_id], sentence=(row.sentence_start, row.sentence_end),
            sentence_text=sentences.get(row.id, ""), claim=claim_out(claim, entities),
            corroboration=support.get(row.cluster_id or row.id, 0))

    return [view(row) for row in rows]


def claim_out(claim: ClaimRow | None, entities: dict) -> ClaimOut | None:
    if claim is None:
        return None
    source = entities.get(claim.source_entity_id) if claim.source_entity_id else None
    return ClaimOut(certainty=claim.certainty, evidence=claim.evidence, evidence_start=claim.evidence_start,
                    evidence_end=claim.evidence_end, source=EntityRef.model_validate(source) if source else None)


def _sentence_texts(session: Session, event_ids: list[int]) -> dict[int, str]:
    """Each event's sentence, cut from its document by the database rather than loading texts."""
    length = EventRow.sentence_end - EventRow.sentence_start
    rows = session.execute(select(EventRow.id, func.substr(DocumentRow.text, EventRow.sentence_start + 1, length))
                           .join(DocumentRow, DocumentRow.id == EventRow.document_id)
                           .where(EventRow.id.in_(event_ids))).all()
    return {event_id: text or "" for event_id, text in rows}


def corroborations(session: Session, cluster_ids: set[int]) -> dict[int, int]:
    """Distinct original documents reporting each event cluster; reposts do not count."""
    rows = session.execute(select(EventRow.cluster_id, func.count(func.distinct(EventRow.document_id)))
                           .join(DocumentRow, DocumentRow.id == EventRow.document_id)
                           .where(EventRow.cluster_id.in_(cluster_ids), DocumentRow.original_id.is_(None))
                           .group_by(EventRow.cluster_id)).all()
    return dict(rows)


def event_select() -> Select:
    return select(EventRow).options(selectinload(EventRow.arguments))


def involving(entity_id: str) -> Select:
    """Events in which the entity takes part or which happen at it (a place).

    A union of two indexed lookups: ``id IN (...) OR place_id = ?`` would scan every event.
    """
    taking_part = select(EventArgumentRow.event_id).where(EventArgumentRow.entity_id == entity_id)
    located = select(EventRow.id).where(EventRow.place_id == entity_id)
    return event_select().where(EventRow.id.in_(union(taking_part, located)))


def filtered(*, type_: str | None = None, actor: str | None = None, place: str | None = None,
             since: str | None = None, until: str | None = None, certainty: str | None = None) -> Select:
    return filter_events(event_select(), type_=type_, actor=actor, place=place, since=since, until=until,
                         certainty=certainty)


def newest_first(stmt: Select) -> Select:
    """Newest first; undated events last."""
    return stmt.order_by(EventRow.date.is_(None), EventRow.date.desc(), EventRow.id)


def list_events(session: Session, stmt: Select, params: PageParams) -> Page[EventOut]:
    rows = list(session.scalars(paginate(newest_first(stmt), params)))
    return page_of(event_outs(session, rows), params)


def event_detail(session: Session, row: EventRow) -> EventDetail:
    """The event with every report of it (its cluster), earliest first."""
    cluster = row.cluster_id or row.id
    reports = session.scalars(event_select().where(or_(EventRow.cluster_id == cluster, EventRow.id == row.id))
                              .order_by(EventRow.document_id)).all()
    views = {view.id: view for view in event_outs(session, list(reports))}
    return EventDetail(**views[row.id].model_dump(), reports=list(views.values()))
