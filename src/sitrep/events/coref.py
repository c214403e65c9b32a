"""Cross-document event coreference: do two extracted events report the same happening?

Events refer to document-local entity keys, so each is first described by an
``EventKey`` in knowledge-base terms (resolved entity ids, place coordinates). The
store (``store.writer.find_event_cluster``) takes candidates of the same type whose
dates can overlap and joins the best one whose ``same_event`` score reaches
``THRESHOLD``. Reposts are the store's concern: they are extra sources of the same
claims, never corroboration.
"""
from __future__ import annotations

from dataclasses import dataclass

from sitrep.geo.place import distance_km
from sitrep.models import Analysis, Entity, Event
from sitrep.nlp.dates import date_interval

THRESHOLD = 0.6
NEAR_KM = 25.0
_WEIGHTS = {"date": 0.3, "place": 0.3, "participants": 0.4}
AREAS = ("country", "admin1")  # place precisions that may hold another report's place


@dataclass(frozen=True)
class EventKey:
    """An event described independently of its document."""

    type: str
    date: str | None = None
    date_precision: str | None = None
    place: str | None = None
    place_coordinates: tuple[float, float] | None = None
    participants: frozenset[str] = frozenset()
    place_precision: str | None = None  # country, admin1, admin2, city, village, site
    place_country: str | None = None
    place_admin1: str | None = None


def entity_id(entity: Entity) -> str:
    """The most global id an entity has: knowledge base, then registry or place id, then its name."""
    return entity.kb_id or entity.registry_id or f"name:{entity.name.casefold()}"


def event_key(event: Event, analysis: Analysis) -> EventKey:
    ids = {entity_id(e) for k in event.actors + event.targets if (e := analysis.entity(k))}
    place = analysis.entity(event.place) if event.place else None
    geo = place.geo if place is not None else None
    return EventKey(event.type, event.date, event.date_precision, entity_id(place) if place else None,
                    (geo.lat, geo.lon) if geo else None, frozenset(ids),
                    geo.precision if geo else None, geo.country if geo else None, geo.admin1 if geo else None)


def _date_score(a: EventKey, b: EventKey) -> float | None:
    if not (a.date and b.date):
        return None
    a_start, a_end = date_interval(a.date, a.date_precision)
    b_start, b_end = date_interval(b.date, b.date_precision)
    return 1.0 if a_start <= b_end and b_start <= a_end else 0.0


def _holds(area: EventKey, place: EventKey) -> bool:
    """Whether ``area`` is a country or province that contains ``place``."""
    if area.place_country is None or area.place_country != place.place_country:
        return False
    return area.place_precision == "country" or (
        area.place_precision == "admin1" and area.place_admin1 is not None and area.place_admin1 == place.place_admin1)


def _place_score(a: EventKey, b: EventKey) -> float | None:
    """1 for one place, 0.7 for places within ``NEAR_KM``, 0 for places apart; unknown (None) when
    one report only names the country or province that holds the other's place ("in Syria")."""
    if not (a.place and b.place):
        return None
    if a.place == b.place:
        return 1.0
    if _holds(a, b) or _holds(b, a):
        return None
    if a.place_coordinates and b.place_coordinates and \
            distance_km(*a.place_coordinates, *b.place_coordinates) <= NEAR_KM:
        return 0.7
    return 0.0


def _participant_score(a: EventKey, b: EventKey) -> float | None:
    if not (a.participants and b.participants):
        return None
    return len(a.participants & b.participants) / len(a.participants | b.participants)


def same_event(a: EventKey, b: EventKey) -> float:
    """Score in [0, 1] that two events are one: 0 when types differ, dates cannot overlap, the
    places are apart (two towns taken on one day are two events) or neither place nor
    participants can be compared; otherwise the weighted agreement of the date, place and
    participants that both events know."""
    scores = {"date": _date_score(a, b), "place": _place_score(a, b), "participants": _participant_score(a, b)}
    if a.type != b.type or scores["date"] == 0.0 or scores["place"] == 0.0:
        return 0.0
    known = {name: value for name, value in scores.items() if value is not None}
    if "place" not in known and "participants" not in known:
        return 0.0
    return round(sum(_WEIGHTS[n] * v for n, v in known.items()) / sum(_WEIGHTS[n] for n in known), 4)
