"""The network page: relations and co-participation in events, filtered by type and time."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from sitrep.store.schema import EntityRow
from sitrep.vocab import load_vocabulary
from sitrep.web.deps import SessionDep, entity_param
from sitrep.web.pages.render import render
from sitrep.web.pages.widgets import graph_elements
from sitrep.web.read.network import network as build_network
from sitrep.web.schemas import CO_PARTICIPATION, NetworkQuery

router = APIRouter()


@router.get("/network", name="network_page")
def network(request: Request, session: SessionDep, params: Annotated[NetworkQuery, Query()]):
    entity_id = entity_param(session, params.entity, "entity")
    graph = build_network(session, params, entity_id)
    names = {n.id: n.name for n in graph.nodes}
    return render(request, "network.html", params=params, graph=graph, names=names,
                  focus=session.get(EntityRow, entity_id) if entity_id else None,
                  edge_types=[*load_vocabulary().relation_types, CO_PARTICIPATION],
                  widgets={"graph": graph_elements(request, graph, focus=entity_id)})
