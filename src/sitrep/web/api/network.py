"""The network of relations and co-participation in events."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from sitrep.web.deps import SessionDep, entity_param
from sitrep.web.read.network import network as build_network
from sitrep.web.schemas import Graph, NetworkQuery

router = APIRouter(prefix="/network", tags=["network"])


@router.get("", response_model=Graph)
def network(session: SessionDep, params: Annotated[NetworkQuery, Query()]) -> Graph:
    """Nodes and weighted edges, by edge type (relation types, CO_PARTICIPATION) and time."""
    return build_network(session, params, entity_param(session, params.entity, "entity"))
