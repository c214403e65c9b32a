"""Recording analysts' judgements: the one place the CLI and the web app share.

A judgement is stored at once; the linker applies it on the next (re-)analysis
of the documents it touches, and it keeps winning over the machine after that.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitrep.resolve.linker import slug
from sitrep.store import queries
from sitrep.store.schema import EntityRow, JudgementRow, MentionRow


class JudgementError(ValueError):
    """A judgement that cannot be recorded; the message says which argument and why."""


def find_entity(session: Session, name_or_id: str, field: str) -> EntityRow:
    row = queries.resolve_entity(session, name_or_id)
    if row is None:
        raise JudgementError(f"{field}: no entity is named or identified by {name_or_id!r}")
    return row


def record_pair(session: Session, kind: str, left: str, right: str, author: str | None = None) -> JudgementRow:
    """``same`` (right joins left) or ``different`` (never link them)."""
    a, b = find_entity(session, left, "left"), find_entity(session, right, "right")
    if a.id == b.id:
        raise JudgementError(f"left and right are both {a.id!r}: judge two different entities")
    row = JudgementRow(kind=kind, left_id=a.id, right_id=b.id, author=author)
    session.add(row)
    session.flush()
    return row


def record_split(session: Session, entity: str, surfaces: list[str], new_id: str | None = None,
                 doc_id: str | None = None, author: str | None = None) -> list[JudgementRow]:
    """Mentions with the given names move out of the entity into a new (or named) one."""
    source = find_entity(session, entity, "entity")
    known = set(session.scalars(select(MentionRow.text).where(MentionRow.entity_id == source.id).distinct()))
    unknown = [s for s in surfaces if s not in known]
    if not surfaces or unknown:
        raise JudgementError(f"surfaces: no mention of {source.id!r} reads "
                             f"{', '.join(map(repr, unknown)) or 'nothing given'}")
    target_id = new_id or f"{source.id}__{slug(surfaces[0])}"
    if target_id == source.id:
        raise JudgementError("new_id: must differ from the entity being split")
    if session.get(EntityRow, target_id) is None:
        session.add(EntityRow(id=target_id, type=source.type, name=surfaces[0], origin="judgement"))
    rows = [JudgementRow(kind="split", left_id=source.id, right_id=target_id, surface=surface,
                         doc_id=doc_id, author=author) for surface in dict.fromkeys(surfaces)]
    session.add_all(rows)
    session.flush()
    return rows


def affected_documents(session: Session, rows: list[JudgementRow]) -> list[int]:
    """Documents whose analysis a judgement changes: those mentioning either entity."""
    ids = {r.left_id for r in rows} | {r.right_id for r in rows}
    return sorted(set(session.scalars(select(MentionRow.document_id).where(MentionRow.entity_id.in_(ids)))))
