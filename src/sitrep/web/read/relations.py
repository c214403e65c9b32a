"""Relations with both entities, their document and the claim that states them."""
from __future__ import annotations

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from sitrep.store.schema import ClaimRow, RelationRow
from sitrep.web.read.common import document_refs, entities_by_id, page_of, paginate
from sitrep.web.read.events import claim_out
from sitrep.web.schemas import EntityRef, Page, PageParams, RelationOut


def relation_outs(session: Session, rows: list[RelationRow]) -> list[RelationOut]:
    if not rows:
        return []
    claims = {c.relation_id: c for c in session.scalars(
        select(ClaimRow).where(ClaimRow.relation_id.in_([row.id for row in rows])))}
    entities = entities_by_id(session, [i for row in rows for i in (row.subject_id, row.object_id)]
                              + [c.source_entity_id for c in claims.values()])
    documents = document_refs(session, {row.document_id for row in rows})
    return [RelationOut(id=row.id, type=row.type, subject=EntityRef.model_validate(entities[row.subject_id]),
                        object=EntityRef.model_validate(entities[row.object_id]),
                        document=documents[row.document_id], claim=claim_out(claims.get(row.id), entities))
            for row in rows]


def filtered(*, type_: str | None = None, entity: str | None = None, document_id: int | None = None) -> Select:
    stmt = select(RelationRow)
    if type_:
        stmt = stmt.where(RelationRow.type == type_)
    if entity:
        stmt = stmt.where(or_(RelationRow.subject_id == entity, RelationRow.object_id == entity))
    if document_id is not None:
        stmt = stmt.where(RelationRow.document_id == document_id)
    return stmt.order_by(RelationRow.id)


def list_relations(session: Session, stmt: Select, params: PageParams) -> Page[RelationOut]:
    return page_of(relation_outs(session, list(session.scalars(paginate(stmt, params)))), params)
