"""Analysts' judgements: merge, mark same or different, split. They always win over the machine.

A judgement is stored at once and answered with 202: the re-analysis that
applies it runs in the background (see ``sitrep.web.reanalysis``); poll
``GET /judgements/status`` to know when it has taken effect.
"""
from __future__ import annotations

from dataclasses import asdict
from typing import Callable

from fastapi import APIRouter
from sqlalchemy import select
from sqlalchemy.orm import Session

from sitrep.store.schema import JudgementRow
from sitrep.web import judging
from sitrep.web.deps import ContextDep, SessionDep, WriterDep
from sitrep.web.schemas import (JudgementAccepted, JudgementOut, PairJudgement, ReanalysisOut,
                                SplitJudgement)

router = APIRouter(prefix="/judgements", tags=["judgements"])
WRITE = {"status_code": 202, "response_model": JudgementAccepted, "dependencies": [WriterDep]}


def _judge(context: ContextDep, record: Callable[[Session], list[JudgementRow]]) -> JudgementAccepted:
    """Commit the judgement in its own transaction, then queue the re-analysis that applies it."""
    with context.sitrep.store.session() as session:
        rows = [JudgementOut.model_validate(r) for r in record(session)]
    context.reanalyzer.request()
    return JudgementAccepted(judgements=rows, reanalysis=status(context))


@router.get("", response_model=list[JudgementOut])
def judgements(session: SessionDep) -> list[JudgementOut]:
    """Every judgement, oldest first."""
    return [JudgementOut.model_validate(r) for r in session.scalars(select(JudgementRow).order_by(JudgementRow.id))]


@router.get("/status", response_model=ReanalysisOut)
def status(context: ContextDep) -> ReanalysisOut:
    """Whether the re-analysis that applies recent judgements is still running."""
    return ReanalysisOut(**asdict(context.reanalyzer.state()))


@router.post("/merge", **WRITE)
def merge(body: PairJudgement, context: ContextDep) -> JudgementAccepted:
    """Merge `right` into `left`: one entity from now on, under `left`."""
    return _judge(context, lambda session: judging.record_pair(session, "same", body))


@router.post("/same", **WRITE)
def same(body: PairJudgement, context: ContextDep) -> JudgementAccepted:
    """Record that `left` and `right` are the same entity (as merge)."""
    return _judge(context, lambda session: judging.record_pair(session, "same", body))


@router.post("/different", **WRITE)
def different(body: PairJudgement, context: ContextDep) -> JudgementAccepted:
    """Record that `left` and `right` are never the same entity."""
    return _judge(context, lambda session: judging.record_pair(session, "different", body))


@router.post("/split", **WRITE)
def split(body: SplitJudgement, context: ContextDep) -> JudgementAccepted:
    """Move the mentions read as `surfaces` out of `entity` into a new entity."""
    return _judge(context, lambda session: judging.record_split(session, body))
