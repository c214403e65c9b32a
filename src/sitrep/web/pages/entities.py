"""Entity pages: the list by any spelling, and the dossier."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from sitrep.web.deps import SessionDep, entity_or_404
from sitrep.web.pages.render import render
from sitrep.web.pages.widgets import graph_elements, map_places, timeline_items
from sitrep.web.read.entities import dossier, entity_out, list_entities
from sitrep.web.schemas import EntityQuery

router = APIRouter()


@router.get("/entities", name="entities_page")
def entities(request: Request, session: SessionDep, params: Annotated[EntityQuery, Query()]):
    return render(request, "entities.html", params=params, page=list_entities(session, params))


@router.get("/entities/{entity_id}", name="entity_page")
def entity(request: Request, session: SessionDep, entity_id: str):
    row = entity_or_404(session, entity_id)
    view = dossier(session, row)
    places = [entity_out(row)] if row.lat is not None else []
    widgets = {"map": map_places(request, view.events, places), "timeline": timeline_items(request, view.events),
               "graph": graph_elements(request, view.network, focus=row.id)}
    return render(request, "entity.html", entity=view, widgets=widgets)
