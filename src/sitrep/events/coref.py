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
class EventPlace:
    """Where an event happened, for comparison: the place's global id and its geography."""

    id: str
    coordinates: tuple[float, float] | None = None
    precision: str | None = None  # country, admin1, admin2, city, village, site
    country: str | None = None
    admin1: str | None = None

    @classmethod
    def at(cls, place_id: str, lat: float | None, lon: float | None, precision: str | None,
           country: str | None, admin1: str | None) -> EventPlace:
        """The place ``place_id`` with its geography (``lat`` None: not geocoded)."""
        return cls(place_id, (lat, lon) if lat is not None else None, precision, country, admin1)


@dataclass(frozen=True)
class EventKey:
    """An event described independently of its document."""

    type: str
    date: str | None = None
    date_precision: str | None = None
    place: EventPlace | None = None
    participants: frozenset[str] = frozenset()


def entity_id(entity: Entity) -> str:
    """The most global id an entity has: knowledge base, then registry or place id, then its name."""
    return entity.kb_id or entity.registry_id or f"name:{entity.name.casefold()}"


def _entity_place(entity: Entity) -> EventPlace:
    geo = entity.geo
    if geo is None:
        return EventPlace(entity_id(entity))
    return EventPlace.at(entity_id(entity), geo.lat, geo.lon, geo.precision, geo.country, geo.admin1)


def event_key(event: Event, analysis: Analysis) -> EventKey:
    """The event in knowledge-base terms (resolved ids of its participants, its place's geography)."""
    ids = {entity_id(e) for k in event.actors + event.targets if (e := analysis.entity(k))}
    place = analysis.entity(event.place) if event.place else None
    return EventKey(event.type, event.date, event.date_precision,
                    _entity_place(place) if place is not None else None, frozenset(ids))


def _date_score(a: EventKey, b: EventKey) -> float | None:
    if not (a.date and b.date):
        return None
    a_start, a_end = date_interval(a.date, a.date_precision)
    b_start, b_end = date_interval(b.date, b.date_precision)
    return 1.0 if a_start <= b_end and b_start <= a_end else 0.0


def _holds(area: EventPlace, place: EventPlace) -> bool:
    """Whether ``area`` is a country or province that contains ``place``."""
    if area.country is None or area.country != place.country:
        return False
    return area.precision == "country" or (
        area.precision == "admin1" and area.admin1 is not None and area.admin1 == place.admin1)


def _place_score(a: EventKey, b: EventKey) -> float | None:
    """1 for one place, 0.7 for places within ``NEAR_KM``, 0 for places apart; unknown (None) when
    one report only names the country or province that holds the other's place ("in Syria")."""
    if not (a.place and b.place):
        return None
    if a.place.id == b.place.id:
        return 1.0
    if _holds(a.place, b.place) or _holds(b.place, a.place):
        return None
    if a.place.coordinates and b.place.coordinates and \
            distance_km(*a.place.coordinates, *b.place.coordinates) <= NEAR_KM:
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
