"""Full-text search over documents with facets."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from sitrep.web.deps import SessionDep, entity_param
from sitrep.web.read.search import search as run_search
from sitrep.web.schemas import SearchQuery, SearchResult

router = APIRouter(prefix="/search", tags=["search"])


@router.get("", response_model=SearchResult)
def search(session: SessionDep, params: Annotated[SearchQuery, Query()]) -> SearchResult:
    """Documents best match first, each with a snippet and the offsets of its hits; facet counts."""
    return run_search(session, params, entity_param(session, params.actor, "actor"),
                      entity_param(session, params.place, "place"))
