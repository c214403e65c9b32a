"""The web layer: REST API and the analyst's workbench over one Sitrep application object."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from sitrep.app import Sitrep
from sitrep.web.api import API_PREFIX, api_router
from sitrep.web.deps import WebContext
from sitrep.web.errors import install_error_pages
from sitrep.web.pages import page_router
from sitrep.web.pages.links import Links
from sitrep.web.pages.render import make_templates
from sitrep.web.reanalysis import Reanalyzer
from sitrep.web.security import SecurityHeadersMiddleware
from sitrep.web.settings import LOOPBACK_NAMES, UnsafeSettingsError, WebSettings

__all__ = ["create_app", "UnsafeSettingsError", "WebSettings"]
STATIC = Path(__file__).parent / "static"


def create_app(sitrep: Sitrep, *, read_only: bool = False, host: str = "127.0.0.1",
               token: str | None = None) -> FastAPI:
    """The workbench and the API; raises ``UnsafeSettingsError`` rather than serve writes openly."""
    settings = WebSettings.from_env(host=host, read_only=read_only, token=token)
    app = FastAPI(title="sitrep", version="1", summary="A sourced knowledge base of reporting on armed conflict",
                  docs_url=None, redoc_url=None, openapi_url=f"{API_PREFIX}/openapi.json")
    app.state.context = WebContext(sitrep=sitrep, settings=settings, reanalyzer=Reanalyzer(sitrep.reanalyze))
    app.include_router(api_router())
    app.include_router(page_router())
    app.state.links = Links.of(app)
    app.state.templates = make_templates(app.state.links)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_error_pages(app)
    app.add_middleware(SecurityHeadersMiddleware)
    if settings.loopback:  # a page on another site must not reach us through a rebound DNS name
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=[*LOOPBACK_NAMES, "[::1]"])
    return app
