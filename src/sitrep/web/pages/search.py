"""The search page: full text with highlighted snippets, facets and matching entities."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from sitrep.store.schema import EntityRow
from sitrep.web.deps import SessionDep, entity_param
from sitrep.web.pages.render import render
from sitrep.web.read.search import search as run_search
from sitrep.web.schemas import SearchQuery

router = APIRouter()


@router.get("/search", name="search_page")
def search(request: Request, session: SessionDep, params: Annotated[SearchQuery, Query()]):
    actor, place = entity_param(session, params.actor, "actor"), entity_param(session, params.place, "place")
    result = run_search(session, params, actor, place)
    chosen = {"actor": session.get(EntityRow, actor) if actor else None,
              "place": session.get(EntityRow, place) if place else None}
    return render(request, "search.html", params=params, result=result, chosen=chosen)
