"""Standing relations between entities, each with the claim stating it."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from sitrep.web.deps import SessionDep, entity_param
from sitrep.web.read import relations as relation_reads
from sitrep.web.schemas import Page, RelationOut, RelationQuery

router = APIRouter(prefix="/relations", tags=["relations"])


@router.get("", response_model=Page[RelationOut])
def relations(session: SessionDep, params: Annotated[RelationQuery, Query()]) -> Page[RelationOut]:
    """Relations, filtered by type and by an entity on either side (id or name)."""
    stmt = relation_reads.filtered(type_=params.type.value if params.type else None,
                                   entity=entity_param(session, params.entity, "entity"))
    return relation_reads.list_relations(session, stmt, params)
