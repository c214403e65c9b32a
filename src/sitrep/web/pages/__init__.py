"""The analyst's workbench: server-rendered pages, one router per resource."""
from __future__ import annotations

from fastapi import APIRouter

from sitrep.web.pages import apidocs, documents, entities, events, home, network, search


def page_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)
    for module in (home, search, documents, entities, events, network, apidocs):
        router.include_router(module.router)
    return router
