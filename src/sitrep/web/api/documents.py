"""Documents: headers page by page, and one document with its analysis."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from sitrep.web.deps import SessionDep, document_or_404
from sitrep.web.read.documents import document_detail, list_documents
from sitrep.web.schemas import DocumentDetail, DocumentOut, DocumentQuery, Page

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("", response_model=Page[DocumentOut])
def documents(session: SessionDep, params: Annotated[DocumentQuery, Query()]) -> Page[DocumentOut]:
    """Documents, newest publication first."""
    return list_documents(session, params)


@router.get("/{document_id}", response_model=DocumentDetail)
def document(session: SessionDep, document_id: int) -> DocumentDetail:
    """The clean text with every mention, event and relation and their character offsets."""
    return document_detail(session, document_or_404(session, document_id))
