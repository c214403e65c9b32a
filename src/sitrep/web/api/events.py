"""Events with their sources, sentences, certainty and corroboration."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from sitrep.store.schema import EventRow
from sitrep.web.deps import SessionDep, entity_param
from sitrep.web.read import events as event_reads
from sitrep.web.schemas import EventDetail, EventOut, EventQuery, Page

router = APIRouter(prefix="/events", tags=["events"])


@router.get("", response_model=Page[EventOut])
def events(session: SessionDep, params: Annotated[EventQuery, Query()]) -> Page[EventOut]:
    """Events newest first, filtered by type, actor, place (ids or names), dates and certainty."""
    stmt = event_reads.filtered(
        type_=params.type.value if params.type else None, actor=entity_param(session, params.actor, "actor"),
        place=entity_param(session, params.place, "place"), since=params.since, until=params.until,
        certainty=params.certainty.value if params.certainty else None)
    return event_reads.list_events(session, stmt, params)


@router.get("/{event_id}", response_model=EventDetail)
def event(session: SessionDep, event_id: int) -> EventDetail:
    """One event with every document reporting it."""
    row = session.get(EventRow, event_id)
    if row is None:
        raise HTTPException(404, f"no event with id {event_id}")
    return event_reads.event_detail(session, row)
