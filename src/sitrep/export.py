"""Exports: the analysis format of GUIDELINES.md (scored by tools/score.py), documents as JSONL
and events as an ACLED-style CSV (one row per event, however many reports it has)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from typing import Iterator, TextIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sitrep.events.acled import acled_point
from sitrep.nlp.dates import PRECISIONS
from sitrep.store.queries import EventView, event_view, events, relations
from sitrep.store.schema import DocumentRow, EntityRow, EventRow, MentionRow


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


ACLED_COLUMNS = ("event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
                 "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "location", "latitude",
                 "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities")
# ACLED's codebook: time precision 1 = the day, 2 = the week, 3 = the month (or vaguer);
# geo precision 1 = the town itself, 2 = a part of a district, 3 = a province or larger area.
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION = {"site": 1, "village": 1, "city": 1, "admin2": 2, "admin1": 3, "country": 3}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def acled_records(session: Session) -> Iterator[dict]:
    """One ACLED-style row per event (a cluster of reports), dated events first by date.

    The row describes the most complete original report (place, actors, precise date); the
    sources are every original report's (the attributed source, else the publisher): reposts
    never add one. Fatalities are the lowest count reported, ACLED's conservative rule.
    """
    rows = session.scalars(select(EventRow).order_by(func.coalesce(EventRow.cluster_id, EventRow.id),
                                                     EventRow.id)).all()
    records = [_acled_record(session, cluster, [event_view(session, row, count_reports=False) for row in group])
               for cluster, group in groupby(rows, key=lambda row: row.cluster_id or row.id)]
    yield from sorted(records, key=lambda r: (r["event_date"] == "", r["event_date"], r["event_id"]))


def _acled_record(session: Session, cluster_id: int, reports: list[EventView]) -> dict:
    originals = [r for r in reports if r.document.original_id is None] or reports
    main = max(originals, key=_completeness)
    row, place = main.row, main.place
    counts = [r.row.fatalities for r in originals if r.row.fatalities is not None]
    lat, lon = _coded_point(place) if place else ("", "")
    return {
        "event_id": f"sitrep-{cluster_id}", "event_date": row.date or "",
        "time_precision": _TIME_PRECISION.get(row.date_precision or "", ""),
        "event_type": row.acled_event_type or "", "sub_event_type": row.sub_event_type or "",
        "actor1": _name(main.actors[:1]), "assoc_actor_1": _name(main.actors[1:]),
        "actor2": _name(main.targets[:1]), "assoc_actor_2": _name(main.targets[1:]),
        "country": _country_name(session, place), "admin1": (place.admin1 or "") if place else "",
        "location": place.name if place else "",
        "latitude": lat, "longitude": lon,
        "geo_precision": _GEO_PRECISION.get(place.geo_precision or "", "") if place else "",
        "source": "; ".join(dict.fromkeys(_source_name(r) for r in originals if _source_name(r))),
        "source_scale": _source_scale(originals, place),
        "notes": main.claim.evidence if main.claim else main.document.text[row.sentence_start:row.sentence_end],
        "fatalities": min(counts) if counts else 0,
    }


def _coded_point(place: EntityRow) -> tuple[float | str, float | str]:
    if place.lat is None or place.lon is None:
        return "", ""
    seat = (place.seat_lat, place.seat_lon) if place.seat_lat is not None and place.seat_lon is not None else None
    return acled_point(place.geo_precision, (place.lat, place.lon), seat)


def _completeness(report: EventView) -> tuple:
    """How fully a report codes the event: a place, actors, targets, a precise date; earliest first."""
    precision = report.row.date_precision
    return (report.place is not None, bool(report.actors), bool(report.targets),
            -PRECISIONS.index(precision) if precision in PRECISIONS else -len(PRECISIONS), -report.row.id)


def _name(entities: list[EntityRow]) -> str:
    return "; ".join(e.name for e in entities)


def _country_name(session: Session, place: EntityRow | None) -> str:
    if place is None or not place.country:
        return ""
    country = session.get(EntityRow, f"country:{place.country}")
    return country.name if country is not None else place.country


def _source_name(report: EventView) -> str:
    return report.source.name if report.source is not None else (report.document.publisher or "")


def _source_scale(reports: list[EventView], place: EntityRow | None) -> str:
    """National when a source belongs to the event's country, International when to another;
    blank when no source's country is known."""
    scales = []
    for report in reports:
        home = report.source.country if report.source is not None else None
        if home and place is not None and place.country:
            scales.append("National" if home == place.country else "International")
    return "-".join(sorted(set(scales), key=["National", "International"].index))


def acled_csv_lines(records: Iterator[dict]) -> Iterator[str]:
    """ACLED_COLUMNS as CSV lines, header first; text cells that a spreadsheet would run as a
    formula get a leading apostrophe (article text is untrusted)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")

    def taken() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writeheader()
    yield taken()
    for record in records:
        writer.writerow({k: _inert(v) for k, v in record.items()})
        yield taken()


def _inert(value):
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def jsonl_lines(records: Iterator[dict]) -> Iterator[str]:
    for record in records:
        yield json.dumps(record, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Exporter:
    """How one export format reads the store and writes its lines."""

    records: Callable[[Session], Iterator[dict]]
    lines: Callable[[Iterator[dict]], Iterator[str]]
    media_type: str
    suffix: str

    def write(self, session: Session, out: TextIO) -> int:
        """Write the export; returns the number of records."""
        count = 0

        def counted(records: Iterator[dict]) -> Iterator[dict]:
            nonlocal count
            for count, record in enumerate(records, 1):
                yield record

        for line in self.lines(counted(self.records(session))):
            out.write(line)
        return count


EXPORTERS = {
    "analysis": Exporter(analysis_records, jsonl_lines, "application/x-ndjson", "jsonl"),
    "jsonl": Exporter(document_records, jsonl_lines, "application/x-ndjson", "jsonl"),
    "acled": Exporter(acled_records, acled_csv_lines, "text/csv", "csv"),
}
