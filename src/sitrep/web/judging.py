"""Analysts' judgements from the web: recorded at once, applied by the next re-analysis."""
from __future__ import annotations

from fastapi import HTTPException
from sqlalchemy import select
from sqlalchemy.orm import Session

from sitrep.resolve.linker import slug
from sitrep.store import queries
from sitrep.store.schema import EntityRow, JudgementRow, MentionRow
from sitrep.web.schemas import PairJudgement, SplitJudgement

AUTHOR = "web"


def _entity(session: Session, name_or_id: str, field: str) -> EntityRow:
    row = queries.resolve_entity(session, name_or_id)
    if row is None:
        raise HTTPException(422, f"{field}: no entity is named or identified by {name_or_id!r}")
    return row


def record_pair(session: Session, kind: str, body: PairJudgement) -> list[JudgementRow]:
    """``same`` (right joins left) or ``different`` (never link them)."""
    left, right = _entity(session, body.left, "left"), _entity(session, body.right, "right")
    if left.id == right.id:
        raise HTTPException(422, f"left and right are both {left.id!r}: judge two different entities")
    row = JudgementRow(kind=kind, left_id=left.id, right_id=right.id, author=AUTHOR)
    session.add(row)
    session.flush()
    return [row]


def record_split(session: Session, body: SplitJudgement) -> list[JudgementRow]:
    """Mentions with the given names move out of the entity into a new (or named) one."""
    source = _entity(session, body.entity, "entity")
    known = set(session.scalars(select(MentionRow.text).where(MentionRow.entity_id == source.id).distinct()))
    unknown = [s for s in body.surfaces if s not in known]
    if unknown:
        raise HTTPException(422, f"surfaces: no mention of {source.id!r} reads {', '.join(map(repr, unknown))}")
    target_id = body.new_id or f"{source.id}__{slug(body.surfaces[0])}"
    if target_id == source.id:
        raise HTTPException(422, "new_id: must differ from the entity being split")
    if session.get(EntityRow, target_id) is None:
        session.add(EntityRow(id=target_id, type=source.type, name=body.surfaces[0], origin="judgement"))
    rows = [JudgementRow(kind="split", left_id=source.id, right_id=target_id, surface=surface,
                         doc_id=body.doc_id, author=AUTHOR) for surface in dict.fromkeys(body.surfaces)]
    session.add_all(rows)
    session.flush()
    return rows
