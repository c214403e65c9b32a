"""Event pages: a filterable table with a map, and one event with every report of it."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from sitrep.store.schema import EventRow
from sitrep.web.deps import SessionDep, entity_param
from sitrep.web.pages.render import render
from sitrep.web.pages.widgets import map_places, timeline_items
from sitrep.web.read import events as event_reads
from sitrep.web.schemas import EventQuery

router = APIRouter()


@router.get("/events", name="events_page")
def events(request: Request, session: SessionDep, params: Annotated[EventQuery, Query()]):
    stmt = event_reads.filtered(
        type_=params.type.value if params.type else None, actor=entity_param(session, params.actor, "actor"),
        place=entity_param(session, params.place, "place"), since=params.since, until=params.until,
        certainty=params.certainty.value if params.certainty else None)
    page = event_reads.list_events(session, stmt, params)
    widgets = {"map": map_places(request, page.items), "timeline": timeline_items(request, page.items)}
    return render(request, "events.html", params=params, page=page, widgets=widgets)


@router.get("/events/{event_id}", name="event_page")
def event(request: Request, session: SessionDep, event_id: int):
    row = session.get(EventRow, event_id)
    if row is None:
        raise HTTPException(404, f"no event with id {event_id}")
    detail = event_reads.event_detail(session, row)
    return render(request, "event.html", event=detail, widgets={"map": map_places(request, [detail])})
