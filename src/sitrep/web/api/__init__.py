"""The versioned REST API: one router per resource under ``/api/v1``."""
from __future__ import annotations

from fastapi import APIRouter

from sitrep.web.api import documents, entities, events, exports, judgements, meta, network, relations, search

API_PREFIX = "/api/v1"


def api_router() -> APIRouter:
    router = APIRouter(prefix=API_PREFIX)
    for module in (meta, documents, entities, events, relations, network, search, judgements, exports):
        router.include_router(module.router)
    return router
