"""Documents: lists of headers, and one document with its mentions, events and relations."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, load_only

from sitrep.store.schema import DocumentRow, EventRow, MentionRow
from sitrep.web.read import events as event_reads
from sitrep.web.read import relations as relation_reads
from sitrep.web.read.common import DOCUMENT_REF_COLUMNS, page_of, paginate
from sitrep.web.schemas import DocumentDetail, DocumentOut, DocumentQuery, DocumentRef, MentionOut, Page

HEADER_COLUMNS = (*DOCUMENT_REF_COLUMNS[1:], DocumentRow.url, DocumentRow.author, DocumentRow.language,
                  DocumentRow.source, DocumentRow.fmt, DocumentRow.original_id)


def document_out(session: Session, row: DocumentRow) -> DocumentOut:
    original = session.get(DocumentRow, row.original_id) if row.original_id else None
    return DocumentOut.model_validate(row).model_copy(
        update={"repost_of": DocumentRef.model_validate(original) if original else None})


def list_documents(session: Session, params: DocumentQuery) -> Page[DocumentOut]:
    stmt = select(DocumentRow).options(load_only(*HEADER_COLUMNS))
    if params.since:
        stmt = stmt.where(DocumentRow.published >= params.since)
    if params.until:
        stmt = stmt.where(DocumentRow.published <= params.until + "\uffff")
    if params.publisher:
        stmt = stmt.where(DocumentRow.publisher == params.publisher)
    stmt = stmt.order_by(DocumentRow.published.is_(None), DocumentRow.published.desc(), DocumentRow.id)
    return page_of([document_out(session, row) for row in session.scalars(paginate(stmt, params))], params)


def document_detail(session: Session, row: DocumentRow) -> DocumentDetail:
    mentions = session.scalars(select(MentionRow).where(MentionRow.document_id == row.id)
                               .order_by(MentionRow.start)).all()
    events = session.scalars(event_reads.event_select().where(EventRow.document_id == row.id)
                             .order_by(EventRow.sentence_start)).all()
    relations = session.scalars(relation_reads.filtered(document_id=row.id)).all()
    reposts = session.scalars(select(DocumentRow).options(load_only(*DOCUMENT_REF_COLUMNS[1:]))
                              .where(DocumentRow.original_id == row.id).order_by(DocumentRow.id)).all()
    return DocumentDetail(
        **document_out(session, row).model_dump(), text=row.text,
        mentions=[MentionOut.model_validate(m) for m in mentions],
        events=event_reads.event_outs(session, list(events)),
        relations=relation_reads.relation_outs(session, list(relations)),
        reposts=[DocumentRef.model_validate(r) for r in reposts])
