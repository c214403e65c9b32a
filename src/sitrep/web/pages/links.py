"""Links to the pages with one parameter (entity, document, event), built fast.

``url_for`` walks every route on each call; a dossier has hundreds of links,
so these are formatted from each route's own path once the routes exist.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from fastapi import FastAPI, Request
from jinja2 import pass_context


class PagePath:
    """The root-relative path of one page route for a parameter value."""

    _SLOT = "__value__"

    def __init__(self, app: FastAPI, route_name: str, param: str):
        self.prefix, self.suffix = app.url_path_for(route_name, **{param: self._SLOT}).split(self._SLOT)

    def __call__(self, request: Request, value: str | int) -> str:
        return f"{request.scope.get('root_path', '')}{self.prefix}{quote(str(value), safe=':')}{self.suffix}"


@dataclass(frozen=True)
class Links:
    entity: PagePath
    document: PagePath
    event: PagePath

    @classmethod
    def of(cls, app: FastAPI) -> Links:
        return cls(PagePath(app, "entity_page", "entity_id"), PagePath(app, "document_page", "document_id"),
                   PagePath(app, "event_page", "event_id"))

    def template_globals(self) -> dict:
        """``entity_href(id)``, ``document_href(id)``, ``event_href(id)`` for the templates."""
        def helper(path: PagePath):
            return pass_context(lambda context, value: path(context["request"], value))
        return {"entity_href": helper(self.entity), "document_href": helper(self.document),
                "event_href": helper(self.event)}


def links(request: Request) -> Links:
    return request.app.state.links
