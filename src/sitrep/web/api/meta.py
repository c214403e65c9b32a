"""What the knowledge base holds, and the vocabulary its filters take."""
from __future__ import annotations

from fastapi import APIRouter

from sitrep.store import queries
from sitrep.vocab import load_vocabulary
from sitrep.web.deps import SessionDep
from sitrep.web.schemas import Summary

router = APIRouter(tags=["meta"])


@router.get("/summary", response_model=Summary)
def summary(session: SessionDep) -> Summary:
    """Counts of documents, entities, mentions, events and relations; the most mentioned armed groups."""
    return Summary(**queries.summary(session))


@router.get("/vocabulary")
def vocabulary() -> dict[str, list[str]]:
    """Entity, event and relation types and certainty levels, as the filters accept them."""
    vocab = load_vocabulary()
    return {"entity_types": list(vocab.entity_types), "event_types": list(vocab.event_types),
            "relation_types": list(vocab.relation_types), "certainty_levels": list(vocab.certainty_levels)}
