"""Entities by any alias or spelling, and their dossiers."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from sitrep.web.deps import SessionDep, entity_or_404
from sitrep.web.read import events as event_reads
from sitrep.web.read.entities import dossier, list_entities
from sitrep.web.schemas import Dossier, EntityOut, EntityQuery, EventOut, Page, PageParams

router = APIRouter(prefix="/entities", tags=["entities"])


@router.get("", response_model=Page[EntityOut])
def entities(session: SessionDep, params: Annotated[EntityQuery, Query()]) -> Page[EntityOut]:
    """Entities named in documents, most mentioned first; `q` matches any alias or variant spelling."""
    return list_entities(session, params)


@router.get("/{entity_id}", response_model=Dossier)
def entity(session: SessionDep, entity_id: str) -> Dossier:
    """The dossier: names with the documents using each, events, relations, sources and neighbourhood."""
    return dossier(session, entity_or_404(session, entity_id))


@router.get("/{entity_id}/events", response_model=Page[EventOut])
def entity_events(session: SessionDep, entity_id: str,
                  params: Annotated[PageParams, Query()]) -> Page[EventOut]:
    """Every event the entity takes part in or that happens at it, newest first."""
    row = entity_or_404(session, entity_id)
    return event_reads.list_events(session, event_reads.involving(row.id), params)
