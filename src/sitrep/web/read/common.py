"""Small helpers shared by the read models."""
from __future__ import annotations

from typing import Iterable, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, load_only

from sitrep.store.schema import DocumentRow, EntityRow
from sitrep.web.schemas import DocumentRef, Page, PageParams

T = TypeVar("T")
DOCUMENT_REF_COLUMNS = (DocumentRow.id, DocumentRow.doc_id, DocumentRow.title, DocumentRow.published,
                        DocumentRow.publisher)


def page_of(items: list[T], params: PageParams, total: int | None = None) -> Page[T]:
    """A page from ``limit + 1`` fetched items: the extra one only says that more exist."""
    more = len(items) > params.limit
    return Page(items=items[:params.limit], limit=params.limit, offset=params.offset,
                   next_offset=params.offset + params.limit if more else None, total=total)


def paginate(stmt: Select, params: PageParams) -> Select:
    return stmt.limit(params.limit + 1).offset(params.offset)


def entities_by_id(session: Session, ids: Iterable[str]) -> dict[str, EntityRow]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {row.id: row for row in session.scalars(select(EntityRow).where(EntityRow.id.in_(wanted)))}


def document_refs(session: Session, ids: Iterable[int]) -> dict[int, DocumentRef]:
    """Document headers, in the order of ``ids``, without loading the (long) texts."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    rows = session.scalars(select(DocumentRow).options(load_only(*DOCUMENT_REF_COLUMNS[1:]))
                           .where(DocumentRow.id.in_(wanted)))
    refs = {row.id: DocumentRef.model_validate(row) for row in rows}
    return {i: refs[i] for i in wanted if i in refs}
