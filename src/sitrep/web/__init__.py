"""The web layer: REST API and the analyst's workbench over one Sitrep application object."""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from sitrep.app import Sitrep
from sitrep.store import queries


def create_app(sitrep: Sitrep, *, read_only: bool = False, host: str = "127.0.0.1") -> FastAPI:
    api = FastAPI(title="sitrep", docs_url=None, redoc_url=None)

    @api.get("/", response_class=HTMLResponse)
    def home() -> str:
        with sitrep.store.session() as s:
            facts = queries.summary(s)
        return (f"<!doctype html><title>sitrep</title><h1>sitrep</h1><p>{facts['documents']} documents, "
                f"{facts['entities']} entities, {facts['events']} events.</p>")

    return api
