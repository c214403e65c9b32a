"""Exports: the analysis format of GUIDELINES.md (scored by tools/score.py) and documents as JSONL."""
from __future__ import annotations

import json
from typing import Iterator, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitrep.store.queries import events, relations
from sitrep.store.schema import DocumentRow, EntityRow, MentionRow


def geo_of(entity: EntityRow) -> dict | None:
    if entity.type != "PLACE" or entity.lat is None:
        return None
    return {"lat": entity.lat, "lon": entity.lon, "country": entity.country, "admin1": entity.admin1,
            "geonames_id": entity.geonames_id, "precision": entity.geo_precision}


def document_entities(session: Session, document: DocumentRow) -> list[dict]:
    mentions = session.scalars(select(MentionRow).where(MentionRow.document_id == document.id)
                               .order_by(MentionRow.start)).all()
    by_entity: dict[str, list[MentionRow]] = {}
    for m in mentions:
        by_entity.setdefault(m.entity_id, []).append(m)
    out = []
    for entity_id, items in by_entity.items():
        entity = session.get(EntityRow, entity_id)
        record = {"id": entity.id, "type": entity.type, "name": entity.name,
                  "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in items]}
        if entity.type == "PLACE":
            record["geo"] = geo_of(entity)
        out.append(record)
    return out


def document_events(session: Session, document: DocumentRow) -> list[dict]:
    out = []
    for view in events(session, document_id=document.id, limit=10_000):
        row, claim = view.row, view.claim
        record = {
            "type": row.type, "actors": [e.id for e in view.actors], "targets": [e.id for e in view.targets],
            "place": row.place_id, "date": row.date, "fatalities": row.fatalities, "quantity": row.quantity,
            "source": claim.source_entity_id if claim else None,
            "certainty": claim.certainty if claim else None,
            "evidence": claim.evidence if claim else document.text[row.sentence_start:row.sentence_end],
            "sentence": [row.sentence_start, row.sentence_end],
            "acled": {"event_type": row.acled_event_type, "sub_event_type": row.sub_event_type},
            "date_precision": row.date_precision, "corroboration": view.corroboration,
        }
        if row.fatalities_low is not None:
            record["fatalities_range"] = [row.fatalities_low, row.fatalities_high]
        out.append(record)
    return out


def document_relations(session: Session, document: DocumentRow) -> list[dict]:
    return [{"type": rel.type, "subject": subject.id, "object": obj.id,
             "evidence": claim.evidence if claim else "",
             "certainty": claim.certainty if claim else None,
             "source": claim.source_entity_id if claim else None}
            for rel, subject, obj, claim in relations(session, document_id=document.id, limit=10_000)]


def analysis_records(session: Session) -> Iterator[dict]:
    for document in session.scalars(select(DocumentRow).order_by(DocumentRow.id)):
        yield {
            "doc_id": document.doc_id, "published": document.published, "title": document.title,
            "url": document.url, "publisher": document.publisher,
            "repost_of": session.get(DocumentRow, document.original_id).doc_id if document.original_id else None,
            "entities": document_entities(session, document),
            "events": document_events(session, document),
            "relations": document_relations(session, document),
        }


def document_records(session: Session) -> Iterator[dict]:
    """Documents in the JSON Lines ingest format, so an export can be ingested elsewhere."""
    for d in session.scalars(select(DocumentRow).order_by(DocumentRow.id)):
        yield {"id": d.doc_id, "title": d.title, "text": d.text, "url": d.url, "published": d.published,
               "publisher": d.publisher, "author": d.author, "language": d.language}


EXPORTERS = {"analysis": analysis_records, "jsonl": document_records}


def write_jsonl(records: Iterator[dict], out: TextIO) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n
