"""Writes one analysed document into the store, inside the caller's transaction."""
from __future__ import annotations

import math
from collections import defaultdict
from functools import cache
from datetime import datetime, timedelta, timezone

from sqlalchemy import Select, and_, bindparam, delete, or_, select
from sqlalchemy.orm import Session, aliased

from sitrep.events.coref import AREAS, NEAR_KM, THRESHOLD, EventKey, EventPlace, same_event
from sitrep.models import Analysis, Claim, Document, Event
from sitrep.nlp.dates import date_interval
from sitrep.resolve.linker import LinkDecision
from sitrep.store.schema import (ClaimRow, DocumentRow, EntityRow, EventArgumentRow, EventRow, LinkDecisionRow,
                                 MentionRow, RelationRow)
from sitrep.vocab import load_vocabulary


def add_document(session: Session, doc: Document, minhash: bytes | None,
                 original_id: int | None) -> DocumentRow:
    row = DocumentRow(doc_id=doc.doc_id, title=doc.title, url=doc.url, publisher=doc.publisher,
                      author=doc.author, published=doc.published, language=doc.language,
                      source=doc.source, fmt=doc.fmt, content_hash=doc.content_hash, text=doc.text,
                      minhash=minhash, original_id=original_id)
    session.add(row)
    session.flush()
    return row


def clear_analysis(session: Session, document_id: int) -> None:
    """Remove what an earlier analysis of the document stored (re-analysis replaces it)."""
    for table in (ClaimRow, RelationRow, EventRow, MentionRow, LinkDecisionRow):
        session.execute(delete(table).where(table.document_id == document_id))


def save_analysis(session: Session, row: DocumentRow, analysis: Analysis,
                  decisions: list[LinkDecision]) -> None:
    kb = {e.key: e.kb_id for e in analysis.entities}
    if analysis.published and not row.published:
        row.published = analysis.published
    for entity in analysis.entities:
        for m in entity.mentions:
            session.add(MentionRow(document_id=row.id, entity_id=entity.kb_id, local_key=entity.key,
                                   start=m.start, end=m.end, text=m.text, type=m.type, title=m.title,
                                   origin=m.origin))
    for d in decisions:
        session.add(LinkDecisionRow(document_id=row.id, local_key=d.local_key, entity_id=d.entity_id,
                                    score=d.score, method=d.method, features=d.features))
    for event in analysis.events:
        _save_event(session, row.id, event, kb)
    for relation in analysis.relations:
        if relation.subject in kb and relation.object in kb:
            rel = RelationRow(document_id=row.id, type=relation.type, subject_id=kb[relation.subject],
                              object_id=kb[relation.object])
            session.add(rel)
            session.flush()
            session.add(_claim_row(row.id, relation.claim, kb, relation_id=rel.id))
    row.analyzed_at = datetime.now(timezone.utc)
    session.flush()


def _save_event(session: Session, document_id: int, event: Event, kb: dict[str, str]) -> None:
    event_type = load_vocabulary().event_type(event.type)
    sub = event.sub_event_type or event_type.default_sub_event_type
    low, high = event.fatalities_range or (None, None)
    row = EventRow(document_id=document_id, type=event.type, sub_event_type=sub,
                   acled_event_type=event_type.acled_event_type_for(sub),
                   place_id=kb.get(event.place) if event.place else None, date=event.date,
                   date_precision=event.date_precision, fatalities=event.fatalities,
                   fatalities_low=low, fatalities_high=high, quantity=event.quantity,
                   trigger=event.trigger, sentence_start=event.sentence[0], sentence_end=event.sentence[1])
    row.arguments = [EventArgumentRow(role=role, entity_id=kb[key])
                     for role, keys in (("actor", event.actors), ("target", event.targets))
                     for key in dict.fromkeys(keys) if key in kb]
    session.add(row)
    session.flush()
    row.cluster_id = find_event_cluster(session, row) or row.id
    session.add(_claim_row(document_id, event.claim, kb, event_id=row.id))


def find_event_cluster(session: Session, row: EventRow) -> int | None:
    """The cluster of the event stored from another document that best matches this one by
    ``events.coref.same_event`` (type, overlapping dates, place, participants), if any reaches
    the threshold. Undated events are never clustered: "an air strike" on no known day could be any."""
    if row.date is None:
        return None
    key = stored_event_key(session, row)
    best, best_score = None, THRESHOLD
    for cluster_id, candidate in _cluster_candidates(session, row, key):
        score = same_event(key, candidate)
        if score >= best_score:
            best, best_score = cluster_id, score
    return best


def _cluster_candidates(session: Session, row: EventRow, key: EventKey) -> list[tuple[int, EventKey]]:
    """(cluster, key) of the events of the same type from other documents whose date can overlap
    this one's (day dates inside its period, a week being stored as its Monday, or the month or
    year holding it) and whose place can be this one's. Two prepared queries returning plain
    rows: this runs for every stored event."""
    low, high = date_interval(row.date, row.date_precision)
    coarse = {f"{year:04d}" for year in range(low.year, high.year + 1)}
    coarse |= {f"{day.year:04d}-{day.month:02d}" for day in (low, high)}
    parameters = {"type": row.type, "document": row.document_id, "first": (low - timedelta(days=6)).isoformat(),
                  "last": high.isoformat(), "coarse": sorted(coarse)}
    if key.place is None or key.place.coordinates is None or key.place.precision in AREAS:
        candidates = session.execute(_candidates_query(near=False), parameters).all()
    else:
        lat, lon = key.place.coordinates
        dlat = NEAR_KM / 111.0
        dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
        candidates = session.execute(_candidates_query(near=True), parameters | {
            "place": row.place_id, "south": lat - dlat, "north": lat + dlat, "west": lon - dlon,
            "east": lon + dlon}).all()
    participants: dict[int, set[str]] = defaultdict(set)
    for event_id, entity_id in session.execute(_PARTICIPANTS, {"events": [c.id for c in candidates]}):
        participants[event_id].add(entity_id)
    return [(c.cluster_id or c.id,
             EventKey(row.type, c.date, c.date_precision, _stored_place(c.place_id, c), frozenset(participants[c.id])))
            for c in candidates]


_PARTICIPANTS = select(EventArgumentRow.event_id, EventArgumentRow.entity_id).where(
    EventArgumentRow.event_id.in_(bindparam("events", expanding=True)))


@cache
def _candidates_query(near: bool) -> Select:
    """Same type, another document, an overlapping date; with ``near``, only places that
    ``same_event`` would not veto: none, the same, an area (country or province), an ungeocoded
    one, or one inside the bounding box of ``NEAR_KM`` (the exact distance is checked later)."""
    place = aliased(EntityRow)
    query = (select(EventRow.id, EventRow.cluster_id, EventRow.date, EventRow.date_precision, EventRow.place_id,
                    place.lat, place.lon, place.geo_precision, place.country, place.admin1)
             .outerjoin(place, place.id == EventRow.place_id)
             .where(EventRow.type == bindparam("type"), EventRow.document_id != bindparam("document"),
                    or_(EventRow.date.between(bindparam("first"), bindparam("last")),
                        EventRow.date.in_(bindparam("coarse", expanding=True)))))
    if near:
        query = query.where(or_(EventRow.place_id.is_(None), EventRow.place_id == bindparam("place"),
                                place.lat.is_(None), place.geo_precision.in_(AREAS),
                                and_(place.lat.between(bindparam("south"), bindparam("north")),
                                     place.lon.between(bindparam("west"), bindparam("east")))))
    return query


def stored_event_key(session: Session, row: EventRow) -> EventKey:
    """A stored event described for cross-document comparison (knowledge-base ids, place geography)."""
    place = session.get(EntityRow, row.place_id) if row.place_id else None
    return EventKey(row.type, row.date, row.date_precision, _stored_place(row.place_id, place),
                    frozenset(a.entity_id for a in row.arguments))


def _stored_place(place_id: str | None, geography) -> EventPlace | None:
    """The stored place ``place_id``; ``geography`` is its entity row or a query row with the
    same columns (lat, lon, geo_precision, country, admin1)."""
    if place_id is None:
        return None
    if geography is None:
        return EventPlace(place_id)
    return EventPlace.at(place_id, geography.lat, geography.lon, geography.geo_precision,
                         geography.country, geography.admin1)


def _claim_row(document_id: int, claim: Claim, kb: dict[str, str], event_id: int | None = None,
               relation_id: int | None = None) -> ClaimRow:
    return ClaimRow(document_id=document_id, event_id=event_id, relation_id=relation_id,
                    source_entity_id=kb.get(claim.source) if claim.source else None,
                    certainty=claim.certainty, evidence_start=claim.evidence_start,
                    evidence_end=claim.evidence_end, evidence=claim.evidence)
