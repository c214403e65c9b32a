"""Evaluations of the events stage on public data sets (the data stay outside the repository).

- ``evaluate_acled``: each ACLED row's ``notes`` analysed as a document dated ``event_date``;
  per-field accuracy of the coded event (sub-event type, actors, location within 25 km,
  fatalities, date), given a gazetteer also whether the place lies in the row's first-level
  area (``admin1``: the province analysts count events by), and a confusion table of sub-event
  types.
- ``evaluate_case2021``: weighted F1 of CASE 2021 Task 2 sub-type labels over news snippets.
"""
from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Protocol

from sitrep.events.acled import (actor_matches, coded_place, coded_point, coded_sub_event_type, primary_event,
                                 report_fatalities)
from sitrep.events.acled_actors import coded_actors
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.place import distance_km, same_admin1
from sitrep.models import Analysis, Document, Entity
from sitrep.registry import Registry, load_registry

ACLED_KM = 25.0
ACLED_FIELDS = ("sub_event_type", "actor1", "actor2", "location_25km", "fatalities", "date")


class AnalyzerLike(Protocol):
    def analyze(self, doc: Document) -> Analysis: ...


def _read_rows(path: Path, delimiter: str = ",") -> list[dict]:
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def _within(place: Entity | None, row: dict) -> bool:
    if place is None:
        return False
    return distance_km(*coded_point(place), float(row["latitude"]), float(row["longitude"])) <= ACLED_KM


def _in_admin1(place: Entity | None, row: dict, gazetteer: Gazetteer) -> bool:
    """Whether the coded place lies in the first-level area the row names, read through the
    gazetteer's names for it ("Rural Damascus" is Rif Dimashq, not Damascus)."""
    if place is None or place.geo is None:
        return False
    areas = [p for p in gazetteer.candidates(row["admin1"]) if p.feature == "admin1"]
    return any(same_admin1(place.geo, area) for area in areas)


def _actor_name(actor) -> str | None:
    if actor is None:
        return None
    return actor.entity.name if actor.entity is not None else actor.generic


def _place_summary(place: Entity | None) -> dict | None:
    if place is None:
        return None
    lat, lon = coded_point(place)
    return {"name": place.name, "lat": lat, "lon": lon, "precision": place.geo.precision}


def code_acled_row(row: dict, analysis: Analysis, registry: Registry | None,
                   gazetteer: Gazetteer | None = None) -> tuple[dict, dict[str, bool]]:
    """What sitrep codes for one ACLED row (printable values) and which fields match the row;
    ``admin1`` too where a gazetteer is given and the row names its area."""
    event = primary_event(analysis.events)
    date = (event.date if event and event.date else None) or analysis.published
    actor1, actor2 = coded_actors(analysis, event, registry)
    sub_event_type = coded_sub_event_type(analysis, event)
    place = coded_place(analysis, event)
    fatalities = report_fatalities(analysis)
    coded = {"sub_event_type": sub_event_type, "actor1": _actor_name(actor1), "actor2": _actor_name(actor2),
             "location": _place_summary(place), "fatalities": fatalities, "date": date}
    ok = {
        "sub_event_type": sub_event_type is not None and sub_event_type == row["sub_event_type"],
        "actor1": actor_matches(actor1, row["actor1"], registry),
        "actor2": actor_matches(actor2, row["actor2"], registry),
        "location_25km": _within(place, row),
        "fatalities": fatalities == int(row["fatalities"] or 0),
        "date": date == row["event_date_iso"],
    }
    if gazetteer is not None and row.get("admin1"):
        ok["admin1"] = _in_admin1(place, row, gazetteer)
    return coded, ok


def score_acled_row(row: dict, analysis: Analysis, registry: Registry | None) -> dict[str, bool]:
    """Which fields of one ACLED row the analysis codes correctly."""
    return code_acled_row(row, analysis, registry)[1]


def _miss_record(row: dict, coded: dict, ok: dict[str, bool]) -> dict:
    """One row sitrep codes differently from the analyst: the row's coding next to sitrep's."""
    gold = {"sub_event_type": row["sub_event_type"], "actor1": row["actor1"], "actor2": row["actor2"],
            "location": {"name": row.get("location"), "lat": float(row["latitude"]), "lon": float(row["longitude"])},
            "fatalities": int(row["fatalities"] or 0), "date": row["event_date_iso"]}
    return {"id": row["event_id_cnty"], "missed": [field for field, hit in ok.items() if not hit],
            "acled": gold, "sitrep": coded, "notes": row["notes"]}


def evaluate_acled(csv_path: str | Path, analyzer_factory: Callable[[], AnalyzerLike],
                   registry: Registry | None = None, limit: int | None = None,
                   on_miss: Callable[[dict], None] | None = None, gazetteer: Gazetteer | None = None) -> dict:
    """Per-field accuracy over ACLED rows and the sub-event type confusion table (gold -> predicted);
    with a gazetteer, also the share of rows naming a first-level area whose place lies in it.

    ``on_miss`` receives a record for every row with at least one field coded differently."""
    analyzer = analyzer_factory()
    registry = registry if registry is not None else load_registry()
    rows = _read_rows(Path(csv_path))[:limit]
    hits: Counter = Counter()
    scored: Counter = Counter()
    confusion: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        doc = Document(row["event_id_cnty"], row["notes"], published=row["event_date_iso"])
        coded, ok = code_acled_row(row, analyzer.analyze(doc), registry, gazetteer)
        hits.update(field for field, hit in ok.items() if hit)
        scored.update(ok.keys())
        confusion[row["sub_event_type"]][coded["sub_event_type"] or "(none)"] += 1
        if on_miss is not None and not all(ok.values()):
            on_miss(_miss_record(row, coded, ok))
    fields = [*ACLED_FIELDS, *(["admin1"] if scored["admin1"] else [])]
    return {"rows": len(rows), "accuracy": {f: round(hits[f] / scored[f], 4) if scored[f] else None for f in fields},
            "confusion": {gold: dict(predicted) for gold, predicted in confusion.items()}}


def weighted_f1(gold: list[str], predicted: list[str]) -> dict:
    """Per-label precision, recall, F1 and their support-weighted average."""
    labels = sorted(set(gold))
    per_label = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        n_pred, n_gold = predicted.count(label), gold.count(label)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        per_label[label] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "support": n_gold}
    total = len(gold) or 1
    weighted = sum(v["f1"] * v["support"] for v in per_label.values()) / total
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / total
    return {"weighted_f1": round(weighted, 4), "accuracy": round(accuracy, 4), "per_label": per_label}


def evaluate_case2021(tsv_path: str | Path, classify: Callable[[str], str], limit: int | None = None) -> dict:
    """Weighted F1 of ``classify(snippet) -> CASE label`` against the ``SubType`` column."""
    rows = _read_rows(Path(tsv_path), delimiter="\t")[:limit]
    gold = [row["SubType"] for row in rows]
    predicted = [classify(row["EventSnippet"]) for row in rows]
    confusion: dict[str, Counter] = defaultdict(Counter)
    for g, p in zip(gold, predicted):
        confusion[g][p] += 1
    return {"rows": len(rows), **weighted_f1(gold, predicted),
            "confusion": {g: dict(c) for g, c in confusion.items()}}
