"""Rivers placed along their course.

A river is a line, not a point: "the Euphrates" in a story about Raqqa is the
stretch at Raqqa, and in a story about Fallujah the stretch at Fallujah, some
600 km apart. The gazetteer keeps one point per river (the middle of its
course), which serves a story that names no other place. Where the story names
one, the river is moved to the point of its course nearest the story's main
place (``data/gazetteer/river_courses.yaml``: each river's course as towns on
its banks, source to mouth), if the course passes within ``COURSE_REACH_KM``
of it. The river keeps its name, gazetteer id and precision: as the place of
an event it still says no more than a province.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cache

from sitrep.data import load_data_yaml
from sitrep.geo.place import distance_km
from sitrep.geo.relative import prominence
from sitrep.models import Analysis, Entity, Geo

COURSE_REACH_KM = 150.0  # a story's place farther than this from a river's course does not say which stretch
_NEAR_KM = 30.0  # the stretch takes the first-level area of the story's place this close to it
# how the story's main place is chosen: a town or site before a district before a province
_TIERS = {"site": 0, "village": 0, "city": 0, "admin2": 1, "admin1": 2}


@dataclass(frozen=True)
class Waypoint:
    """A town on a river's bank, in order along its course."""

    lat: float
    lon: float
    country: str
    town: str


@cache
def river_courses() -> dict[str, tuple[Waypoint, ...]]:
    """Each river's course by its gazetteer id (``data/gazetteer/river_courses.yaml``), read once."""
    return {river: tuple(Waypoint(float(lat), float(lon), str(country), str(town))
                         for lat, lon, country, town in points)
            for river, points in (load_data_yaml("gazetteer", "river_courses.yaml") or {}).items()}


def place_rivers_along_course(analysis: Analysis, courses: dict[str, tuple[Waypoint, ...]]) -> None:
    """Move each river of known course to the point of its course nearest the story's main place
    (its most precise placed place other than a river or a country, the most mentioned, then the
    first mentioned), where the course passes within ``COURSE_REACH_KM`` of it."""
    rivers = [e for e in analysis.entities if e.type == "PLACE" and e.geo and e.registry_id in courses]
    if not rivers:
        return
    main = _main_place(analysis, {e.key for e in rivers})
    if main is None:
        return
    for river in rivers:
        point, country = nearest_on_course(courses[river.registry_id], main.geo.lat, main.geo.lon)
        km = distance_km(point[0], point[1], main.geo.lat, main.geo.lon)
        if km <= COURSE_REACH_KM:
            river.geo = _stretch(river.geo, point, country, main.geo, km)


def _main_place(analysis: Analysis, rivers: set[str]) -> Entity | None:
    placed = [e for e in analysis.entities if e.type == "PLACE" and e.geo and e.key not in rivers
              and e.geo.precision in _TIERS]
    return min(placed, default=None, key=lambda e: (_TIERS[e.geo.precision], *prominence(e, analysis.doc.text)))


def _stretch(river: Geo, point: tuple[float, float], country: str, main: Geo, km: float) -> Geo:
    """The river's geo moved to a point of its course, in the country of that stretch, and in the
    first-level area of the story's place where it is that close (``km`` away)."""
    near = country == main.country and km <= _NEAR_KM
    return replace(river, lat=round(point[0], 4), lon=round(point[1], 4), country=country,
                   admin1=main.admin1 if near else None)


def nearest_on_course(course: tuple[Waypoint, ...], lat: float, lon: float) -> tuple[tuple[float, float], str]:
    """The point of a course (the line through its waypoints) nearest a point, and the country of
    the nearer waypoint of its stretch. Each stretch is short enough to be flattened around the point."""
    stretches = [(a, b, _nearest_on_segment((a.lat, a.lon), (b.lat, b.lon), (lat, lon)))
                 for a, b in zip(course, course[1:] or course)]
    a, b, point = min(stretches, key=lambda s: distance_km(s[2][0], s[2][1], lat, lon))
    nearer = a if distance_km(*point, a.lat, a.lon) <= distance_km(*point, b.lat, b.lon) else b
    return point, nearer.country


def _nearest_on_segment(a: tuple[float, float], b: tuple[float, float], p: tuple[float, float]) -> tuple[float, float]:
    scale = math.cos(math.radians(p[0]))
    ax, ay, bx, by, px, py = a[1] * scale, a[0], b[1] * scale, b[0], p[1] * scale, p[0]
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return ay + t * dy, (ax + t * dx) / scale
