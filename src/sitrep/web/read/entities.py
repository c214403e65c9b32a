"""Entities: lists by any spelling, and the dossier (names, events, relations, sources, network)."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sitrep.resolve.linker import Judgements
from sitrep.store import queries
from sitrep.store.schema import (AliasRow, ClaimRow, DocumentRow, EntityRow, EventArgumentRow, MentionRow,
                                 RelationRow)
from sitrep.web.read import events as event_reads
from sitrep.web.read.common import document_refs, entities_by_id, page_of
from sitrep.web.read.network import neighbourhood
from sitrep.web.read.relations import relation_outs
from sitrep.web.schemas import AliasOut, Dossier, EntityOut, EntityQuery, EntityRef, Page, SourceOut

DOSSIER_EVENTS = 150
DOSSIER_RELATIONS = 100
DOSSIER_DOCUMENTS = 50
ALIASES_SHOWN = 25
ALIAS_SAMPLE = 3


def entity_out(row: EntityRow, mentions: int | None = None) -> EntityOut:
    return EntityOut.model_validate(row).model_copy(update={"mentions": mentions})


def list_entities(session: Session, params: EntityQuery) -> Page[EntityOut]:
    rows = queries.find_entities(session, params.q, params.type.value if params.type else None,
                                 limit=params.limit + 1, offset=params.offset)
    return page_of([entity_out(row, n) for row, n in rows], params)


def dossier(session: Session, row: EntityRow) -> Dossier:
    return Dossier(
        **entity_out(row, mention_count(session, row.id)).model_dump(),
        known_as=known_as(session, row.id),
        aliases=aliases(session, row.id),
        merged_into=merged_into(session, row.id),
        events=event_reads.event_outs(session, list(session.scalars(
            event_reads.newest_first(event_reads.involving(row.id)).limit(DOSSIER_EVENTS)))),
        relations=relation_outs(session, list(session.scalars(
            select(RelationRow).where(or_(RelationRow.subject_id == row.id, RelationRow.object_id == row.id))
            .order_by(RelationRow.id).limit(DOSSIER_RELATIONS)))),
        sources=sources(session, row.id),
        documents=list(document_refs(session, _document_ids(session, row.id)).values()),
        network=neighbourhood(session, row),
    )


def mention_count(session: Session, entity_id: str) -> int:
    return session.scalar(select(func.count(MentionRow.id)).where(MentionRow.entity_id == entity_id)) or 0


def known_as(session: Session, entity_id: str) -> list[str]:
    """Curated names (registry, imports), not the spellings picked up from documents."""
    names = session.scalars(select(AliasRow.alias).where(AliasRow.entity_id == entity_id,
                                                         AliasRow.provenance.not_like("document:%"))
                            .order_by(AliasRow.id))
    return list(dict.fromkeys(names))


def aliases(session: Session, entity_id: str) -> list[AliasOut]:
    """Each name the documents use for the entity, with how many documents and the latest few, in one query."""
    pairs = (select(MentionRow.text, MentionRow.document_id).where(MentionRow.entity_id == entity_id)
             .group_by(MentionRow.text, MentionRow.document_id).subquery())
    latest = func.row_number().over(partition_by=pairs.c.text, order_by=pairs.c.document_id.desc())
    ranked = select(pairs.c.text, pairs.c.document_id, latest.label("rank"),
                    func.count().over(partition_by=pairs.c.text).label("documents")).subquery()
    rows = session.execute(select(ranked.c.text, ranked.c.document_id, ranked.c.documents)
                           .where(ranked.c.rank <= ALIAS_SAMPLE)
                           .order_by(ranked.c.documents.desc(), ranked.c.text, ranked.c.rank)).all()
    names = set(list(dict.fromkeys(text for text, _, _ in rows))[:ALIASES_SHOWN])
    refs = document_refs(session, [document_id for text, document_id, _ in rows if text in names])
    counts = {text: n for text, _, n in rows}
    samples: dict[str, list] = {}
    for text, document_id, _ in rows:
        if text in names and document_id in refs:
            samples.setdefault(text, []).append(refs[document_id])
    return [AliasOut(name=name, documents=counts[name], sample=sample) for name, sample in samples.items()]


def merged_into(session: Session, entity_id: str) -> EntityRef | None:
    canonical = Judgements(session).canonical_id(entity_id)
    if canonical == entity_id:
        return None
    row = session.get(EntityRow, canonical)
    return EntityRef.model_validate(row) if row else None


def sources(session: Session, entity_id: str) -> list[SourceOut]:
    """Who makes the claims about the entity (events and relations), and how surely."""
    taking_part = select(EventArgumentRow.event_id).where(EventArgumentRow.entity_id == entity_id)
    in_events = ClaimRow.event_id.in_(taking_part)
    in_relations = ClaimRow.relation_id.in_(select(RelationRow.id).where(
        or_(RelationRow.subject_id == entity_id, RelationRow.object_id == entity_id)))
    counts: Counter = Counter()
    for claims in (in_events, in_relations):  # two indexed lookups; one OR of both would scan every claim
        counts.update({(source, certainty): n for source, certainty, n in session.execute(
            select(ClaimRow.source_entity_id, ClaimRow.certainty, func.count(ClaimRow.id)).where(claims)
            .group_by(ClaimRow.source_entity_id, ClaimRow.certainty))})
    entities = entities_by_id(session, [source for source, _ in counts])
    return [SourceOut(source=EntityRef.model_validate(entities[s]) if s in entities else None,
                      certainty=certainty, claims=n) for (s, certainty), n in counts.most_common()]


def _document_ids(session: Session, entity_id: str) -> list[int]:
    """Documents naming the entity, newest publication first."""
    naming = select(MentionRow.document_id).where(MentionRow.entity_id == entity_id)
    return list(session.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(naming))
                                .order_by(DocumentRow.published.is_(None), DocumentRow.published.desc(),
                                          DocumentRow.id.desc()).limit(DOSSIER_DOCUMENTS)))
