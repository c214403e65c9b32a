"""The document view: the article with its mentions marked, events and relations beside it."""
from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session

from sitrep.web.deps import SessionDep, document_or_404
from sitrep.web.markup import AnnotatedText
from sitrep.web.pages.links import links
from sitrep.web.pages.render import render, type_labels
from sitrep.web.read.common import entities_by_id
from sitrep.web.read.documents import document_detail
from sitrep.web.schemas import EntityRef, MentionOut

router = APIRouter()


@router.get("/documents/{document_id}", name="document_page")
def document(request: Request, session: SessionDep, document_id: int):
    detail = document_detail(session, document_or_404(session, document_id))
    evidence = [e.sentence for e in detail.events] + \
        [(r.claim.evidence_start, r.claim.evidence_end) for r in detail.relations if r.claim]
    annotated = AnnotatedText(detail.text, detail.mentions, evidence, type_labels=type_labels(),
                              entity_href=lambda entity_id: links(request).entity(request, entity_id))
    return render(request, "document.html", doc=detail, annotated=annotated,
                  named=named_entities(session, detail.mentions))


def named_entities(session: Session, mentions: list[MentionOut]) -> list[tuple[EntityRef, int]]:
    """The entities the document names, most mentioned first."""
    counts = Counter(m.entity_id for m in mentions)
    rows = entities_by_id(session, counts)
    return [(EntityRef.model_validate(rows[i]), n) for i, n in counts.most_common() if i in rows]
