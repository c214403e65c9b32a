"""The start page: what the knowledge base holds and where to begin."""
from __future__ import annotations

from fastapi import APIRouter, Request

from sitrep.store import queries
from sitrep.web.deps import SessionDep
from sitrep.web.pages.render import render
from sitrep.web.read.documents import list_documents
from sitrep.web.read.entities import entity_out
from sitrep.web.schemas import DocumentQuery

router = APIRouter()
TOP = 12


@router.get("/", name="home")
def home(request: Request, session: SessionDep):
    most_mentioned = {kind: [entity_out(row, n) for row, n in queries.find_entities(session, type_=kind, limit=TOP)]
                      for kind in ("ARMED_GROUP", "PERSON", "PLACE")}
    return render(request, "home.html", summary=queries.summary(session), most_mentioned=most_mentioned,
                  recent=list_documents(session, DocumentQuery(limit=10)).items)
