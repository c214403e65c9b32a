"""Analysts' judgements from the web: the shared recording code, with errors as HTTP 422."""
from __future__ import annotations

from fastapi import HTTPException
from sqlalchemy.orm import Session

from sitrep.resolve import judgements
from sitrep.store.schema import JudgementRow
from sitrep.web.schemas import PairJudgement, SplitJudgement

AUTHOR = "web"


def record_pair(session: Session, kind: str, body: PairJudgement) -> list[JudgementRow]:
    """``same`` (right joins left) or ``different`` (never link them)."""
    try:
        return [judgements.record_pair(session, kind, body.left, body.right, AUTHOR)]
    except judgements.JudgementError as exc:
        raise HTTPException(422, str(exc)) from None


def record_split(session: Session, body: SplitJudgement) -> list[JudgementRow]:
    """Mentions with the given names move out of the entity into a new (or named) one."""
    try:
        return judgements.record_split(session, body.entity, body.surfaces, body.new_id, body.doc_id, AUTHOR)
    except judgements.JudgementError as exc:
        raise HTTPException(422, str(exc)) from None
