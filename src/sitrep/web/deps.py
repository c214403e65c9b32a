"""Dependencies shared by the API and the pages: the app context, a session, write guards."""
from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated, Iterator

from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.orm import Session

from sitrep.app import Sitrep
from sitrep.store import queries
from sitrep.store.schema import DocumentRow, EntityRow
from sitrep.web.reanalysis import Reanalyzer
from sitrep.web.settings import WebSettings


@dataclass
class WebContext:
    sitrep: Sitrep
    settings: WebSettings
    reanalyzer: Reanalyzer


def get_context(request: Request) -> WebContext:
    return request.app.state.context


ContextDep = Annotated[WebContext, Depends(get_context)]


def get_session(context: ContextDep) -> Iterator[Session]:
    with context.sitrep.store.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def require_writer(request: Request, context: ContextDep,
                   authorization: Annotated[str | None, Header()] = None) -> None:
    """Writes need a writable server, the token when one is set, JSON and the same origin.

    JSON and the origin check stop a page on another site from posting a
    form to a loopback server that has no token.
    """
    settings = context.settings
    if settings.read_only:
        raise HTTPException(403, "this server is read-only: writes are refused")
    if settings.token is not None and not _bearer_matches(authorization, settings.token):
        raise HTTPException(401, "writing needs the header 'Authorization: Bearer <token>' with the server's token",
                            headers={"WWW-Authenticate": "Bearer"})
    origin = request.headers.get("origin")
    if origin is not None and origin.rstrip("/") != str(request.base_url).rstrip("/"):
        raise HTTPException(403, f"cross-origin write from {origin!r} refused")
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise HTTPException(415, "send the request body as application/json")


def _bearer_matches(authorization: str | None, token: str) -> bool:
    scheme, _, given = (authorization or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


WriterDep = Depends(require_writer)


def entity_or_404(session: Session, entity_id: str) -> EntityRow:
    row = session.get(EntityRow, entity_id)
    if row is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}; find one with /api/v1/entities?q=NAME")
    return row


def document_or_404(session: Session, document_id: int) -> DocumentRow:
    row = session.get(DocumentRow, document_id)
    if row is None:
        raise HTTPException(404, f"no document with id {document_id}")
    return row


def entity_param(session: Session, value: str | None, name: str) -> str | None:
    """An entity id from a parameter that holds an id or any spelling of a name; 422 if none."""
    if not value:
        return None
    row = queries.resolve_entity(session, value)
    if row is None:
        raise HTTPException(422, f"{name}: no entity is named or identified by {value!r}")
    return row.id
