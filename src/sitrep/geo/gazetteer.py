"""The gazetteer: every known place, indexed by transliteration-folded name keys, in one SQLite file.

The file is built at first use from the packaged inputs (``sitrep.geo.sources``,
``sitrep.geo.assemble``)
and lives in the user cache (``$SITREP_GAZETTEER`` overrides the path). It also
holds the places an analyst imports (GeoNames dumps, ACLED exports: see
``sitrep.geo.importers``), flagged ``user = 1`` with their provenance and
visible as the view ``user_places``. So the file name does not change with
the inputs: the hash of the inputs is stored in it, and when the inputs change
the packaged rows are rebuilt in one transaction while the imported ones stay.
Where an import and the package give the same id, the import wins.
"""
from __future__ import annotations

import math
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from sitrep.geo.assemble import read_all
from sitrep.geo.place import ADMIN_AREAS, GENERAL_SOURCES, POPULATED, Place, distance_km
from sitrep.geo.sources import (CODE_MARK, ENDING_MARK, LISTED_MARK, TOWN_POPULATION, Entry, Inputs, is_variant,
                                listed_key, lookup_keys, read_demonyms)
from sitrep.resolve.normalize import compact_key, fold_name, name_key

ENV_PATH = "SITREP_GAZETTEER"
SCHEMA_VERSION = "2"
# Changes from an older schema that keep the analyst's imports: SQL run before the tables are created.
_MIGRATIONS = {"1": "DROP TABLE demonyms; DELETE FROM meta WHERE key = 'inputs';"}
SKELETON_MIN = 4  # consonants a name needs before other vowels may spell it anywhere
FEW_CONSONANTS = 3  # a shorter name may be spelled with other vowels only where the story already is
_VOWELS_AND_STOPS = re.compile(r"[aeiou'’\s-]+")
_NISBA_ENDING = re.compile(r"(?<=[^aeiouy])(?:iy+[aei]?h?|y+[aei]h?|i[aei]h?|i)$")  # folded -iya(h), -yya, -ia(h), -i
_AMBIGUOUS_ENDING = re.compile(r"(?<=[^aeiouy])ih$")
_GENERAL = tuple(sorted(GENERAL_SOURCES))
_CURATED = f"places.source NOT IN ({','.join('?' * len(_GENERAL))})"  # a curated or imported place's row
PLACE_COLUMNS = tuple(f.name for f in fields(Place))
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS places ({", ".join(PLACE_COLUMNS)}, user INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS places_geonames_id ON places (geonames_id);
CREATE INDEX IF NOT EXISTS places_lat ON places (lat);
CREATE TABLE IF NOT EXISTS names (key TEXT NOT NULL, id TEXT NOT NULL, variant INTEGER NOT NULL,
    user INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (key, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ruler (surface TEXT NOT NULL, id TEXT NOT NULL, user INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (surface, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS demonyms (key TEXT PRIMARY KEY, country TEXT, place TEXT);
CREATE VIEW IF NOT EXISTS user_places AS SELECT * FROM places WHERE user = 1;
"""


def default_path() -> Path:
    if os.environ.get(ENV_PATH):
        return Path(os.environ[ENV_PATH])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "sitrep" / "gazetteer.sqlite"


class Gazetteer:
    """Read access to places by name key or id; build and rebuild of the packaged rows."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._demonyms = {key: (country, place) for key, country, place in
                          conn.execute("SELECT key, country, place FROM demonyms")}
        self.place = lru_cache(maxsize=65536)(self._place)
        self._candidates = lru_cache(maxsize=65536)(self._lookup)
        self.listed_spellings = lru_cache(maxsize=65536)(self._listed_spellings)
        self._towns_within = lru_cache(maxsize=4096)(self._towns_in_reach)
        self._towns_of_area = lru_cache(maxsize=32)(self._towns_of_admin1)
        self.capital_of = lru_cache(maxsize=256)(self._capital_of)
        self._skeletons: ConsonantIndex | None = None
        self.generation = 0  # how many times ``forget`` was called: what callers cache from it is keyed by it

    @classmethod
    def open(cls, path: str | Path | None = None, inputs: Inputs | None = None) -> Gazetteer:
        """Open the gazetteer at ``path`` (default: ``default_path()``), building it if it is missing or stale."""
        path = Path(path) if path else default_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=600, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode = WAL")
        create_schema(conn)
        ensure_built(conn, inputs or Inputs.packaged())
        return cls(conn)

    def close(self) -> None:
        self.conn.close()

    def forget(self) -> None:
        """Drop cached lookups (after an import changed the places)."""
        self.place.cache_clear()
        self._candidates.cache_clear()
        self.listed_spellings.cache_clear()
        self._towns_within.cache_clear()
        self._towns_of_area.cache_clear()
        self.capital_of.cache_clear()
        self._skeletons = None
        self.generation += 1

    def candidates(self, surface: str) -> list[Place]:
        """Places named ``surface`` under any spelling the name keys fold together."""
        return [place for place, _ in self._candidates(surface)]

    def matches(self, surface: str) -> list[tuple[Place, bool]]:
        """Candidates with whether ``surface`` is their name or a spelling of it (else an exonym)."""
        return list(self._candidates(surface))

    def _lookup(self, surface: str) -> tuple[tuple[Place, bool], ...]:
        keys = lookup_keys(surface)
        marks = ",".join("?" * len(keys))
        rows = self.conn.execute(f"SELECT id, max(variant) FROM names WHERE key IN ({marks}) GROUP BY id", keys)
        return tuple((p, bool(variant)) for pid, variant in rows if (p := self.place(pid)) is not None)

    def _listed_spellings(self, surface: str) -> frozenset[str]:
        """Ids of the curated or imported places that list ``surface`` among their names as written
        ("Ein Issa" for Ain Issa), up to case, accents and punctuation (``sources.listed_key``)."""
        rows = self.conn.execute("SELECT id FROM names WHERE key = ?", (listed_key(surface),))
        return frozenset(pid for (pid,) in rows)

    def _place(self, place_id: str) -> Place | None:
        row = self.conn.execute(f"SELECT {', '.join(PLACE_COLUMNS)} FROM places WHERE id = ?",
                                (place_id,)).fetchone()
        return Place(*row) if row else None

    def towns_near(self, lat: float, lon: float, km: float) -> list[Place]:
        """The populated places within ``km`` of a point: a box search over the latitude index (a
        band of the world's places, under a millisecond; 12 ms without the index). Cached: the
        towns of a province's side are looked for from its seat, 250 km around, in story after
        story (15-40 ms each)."""
        return list(self._towns_within(lat, lon, km))

    def _towns_in_reach(self, lat: float, lon: float, km: float) -> tuple[Place, ...]:
        dlat = km / 111.0
        dlon = km / (111.0 * max(math.cos(math.radians(lat)), 0.01))
        rows = self.conn.execute("SELECT id FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
                                 (lat - dlat, lat + dlat, lon - dlon, lon + dlon))
        places = (self.place(pid) for (pid,) in rows)
        return tuple(p for p in places if p is not None and p.feature in POPULATED
                     and distance_km(lat, lon, p.lat, p.lon) <= km)

    def towns_in(self, country: str, admin1: str) -> list[Place]:
        """The populated places of a first-level area, whatever their source spells its name
        ("Karbala", "Karbalāʼ"). Cached for a few areas only: a wide one holds thousands (England
        4,661), and callers keep what they compute from them instead."""
        return list(self._towns_of_area(country, name_key(admin1)))

    def _towns_of_admin1(self, country: str, admin1_key: str) -> tuple[Place, ...]:
        features = sorted(POPULATED)
        rows = self.conn.execute(f"SELECT {', '.join(PLACE_COLUMNS)} FROM places WHERE country = ? "
                                 f"AND feature IN ({','.join('?' * len(features))})", (country, *features))
        places = (Place(*row) for row in rows)
        return tuple(p for p in places if p.admin1 is not None and name_key(p.admin1) == admin1_key)

    def _capital_of(self, country: str) -> Place | None:
        """A country's capital (its most populous, where it has several)."""
        row = self.conn.execute(f"SELECT {', '.join(PLACE_COLUMNS)} FROM places WHERE country = ? AND feature = "
                                "'capital' ORDER BY population DESC, id LIMIT 1", (country,)).fetchone()
        return Place(*row) if row else None

    def names_a_town(self, name: str) -> bool:
        """Whether a name is, letter for letter up to accents and case, that of a town of
        ``TOWN_POPULATION`` people or more or of an admin area: what a name the recogniser took for
        an organisation may be where the words around it call it a place."""
        folded = fold_name(name)
        return any(fold_name(p.name) == folded and (p.feature in ADMIN_AREAS or p.feature in POPULATED
                                                    and p.population >= TOWN_POPULATION)
                   for p in self.candidates(name))

    def holds_town(self, area: str, name: str) -> bool:
        """Whether an admin area (of any level) called ``area`` holds a town or village called
        ``name``, letter for letter up to accents and case, or as a curated place lists it: where a
        text writes "⟨Gwoza⟩ in ⟨Borno⟩", the name is Borno's town, not the person or organisation
        the recogniser read; no town of Borno is called like the person in "⟨Ahmed⟩ in ⟨Borno⟩"."""
        areas = {(p.country, name_key(p.admin1)) for p in self.candidates(area) if p.feature in ADMIN_AREAS and p.admin1}
        if not areas:
            return False
        folded, listed = fold_name(name), self._listed_spellings(name)
        return any((fold_name(p.name) == folded or p.id in listed) and p.feature in POPULATED
                   and (p.country, name_key(p.admin1 or "")) in areas for p in self.candidates(name))

    def curated_spellings(self, surface: str) -> list[Place]:
        """Curated or imported places (the conflict's own, not the general gazetteers') that
        ``surface`` spells with other vowels (``ConsonantIndex``): "Saraqab" for Saraqib, "Kafr
        Nubul" for Kafr Nabl, and "Felita" for Flita, a name of ``FEW_CONSONANTS`` that the caller
        must hold to the story (``has_few_consonants``)."""
        if self._skeletons is None:
            self._skeletons = self._curated_skeletons()
        found = set(self._skeletons.spelled(compact_key(surface)))
        return [p for pid in sorted(found) if (p := self.place(pid)) is not None]

    def _curated_skeletons(self) -> ConsonantIndex:
        """The index of the curated and imported places' keys, built on the first spelling lookup of a
        process. The names are read in one pass with the curated ids as a list: joining each of the
        790,000 names to its place took 0.5 s, this 0.2 s."""
        index = ConsonantIndex(FEW_CONSONANTS)
        for key, pid in self.conn.execute("SELECT key, id FROM names WHERE id IN "
                                          f"(SELECT id FROM places WHERE {_CURATED}) ORDER BY key, id", _GENERAL):
            if not key.endswith((CODE_MARK, ENDING_MARK, LISTED_MARK)):
                index.add(key.replace(" ", ""), pid)
        return index

    def ruler_names(self) -> Iterator[tuple[str, str]]:
        """(surface, place id) pairs for the entity ruler: countries and aliases, continents, the
        curated files (supplement, world features), imported places, cities of
        ``sources.RULER_MIN_POPULATION`` people or more, and admin areas of
        ``sources.AREA_RULER_POPULATION`` people or more (admin2 only as "X County"); never the names
        of ``common_words.yaml`` nor abbreviations."""
        yield from self.conn.execute("SELECT surface, id FROM ruler ORDER BY surface, id")

    def curated_ruler_ids(self) -> frozenset[str]:
        """Ids of the ruler's curated and imported places: those reports may spell with other vowels
        (``curated_spellings``)."""
        rows = self.conn.execute("SELECT DISTINCT ruler.id FROM ruler JOIN places ON places.id = ruler.id "
                                 f"WHERE {_CURATED}", _GENERAL)
        return frozenset(pid for (pid,) in rows)

    def is_demonym(self, word: str) -> bool:
        """A nationality, ethnic or religious adjective or plural noun ("Iranian", "Kurds", "Shia")."""
        return fold_name(word) in self._demonyms

    def country_for_demonym(self, word: str) -> str | None:
        """ISO2 country of a nationality adjective ("Iranian" -> "IR"); None for others ("Kurdish")."""
        return self._demonyms.get(fold_name(word), (None, None))[0]

    def place_for_demonym(self, word: str) -> Place | None:
        """The country or region an adjective names ("Iranian" -> Iran, "European" -> Europe)."""
        place_id = self._demonyms.get(fold_name(word), (None, None))[1]
        return self.place(place_id) if place_id else None


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables. A file of an older schema is migrated when ``_MIGRATIONS`` knows how (the
    packaged rows are rebuilt, the imports kept); a file of another schema is emptied first."""
    conn.executescript(_SCHEMA)
    version = _meta(conn, "schema")
    if version in _MIGRATIONS:
        conn.executescript(_MIGRATIONS[version] + _SCHEMA)
    elif version not in (None, SCHEMA_VERSION):
        conn.executescript("DROP VIEW user_places; DROP TABLE places; DROP TABLE names; DROP TABLE ruler;"
                           "DROP TABLE demonyms; DROP TABLE meta;" + _SCHEMA)
    if version != SCHEMA_VERSION:
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))


def ensure_built(conn: sqlite3.Connection, inputs: Inputs) -> None:
    """Build the packaged rows unless the stored input hash is current (checked again under the write lock)."""
    digest = inputs.digest()
    if _meta(conn, "inputs") == digest:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if _meta(conn, "inputs") != digest:
            _rebuild(conn, inputs)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('inputs', ?)", (digest,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _rebuild(conn: sqlite3.Connection, inputs: Inputs) -> None:
    for table in ("places", "names", "ruler"):
        conn.execute(f"DELETE FROM {table} WHERE user = 0")
    conn.execute("DELETE FROM demonyms")
    conn.executemany("INSERT INTO demonyms VALUES (?, ?, ?)",
                     [(key, *value) for key, value in read_demonyms(inputs.demonyms).items()])
    for entry in read_all(inputs):
        write_place(conn, entry, user=False)


def write_place(conn: sqlite3.Connection, entry: Entry, user: bool) -> None:
    """Insert a place with its names; an imported (user) row replaces a packaged one, never the reverse."""
    verb = "INSERT OR REPLACE" if user else "INSERT OR IGNORE"
    marks = ",".join("?" * (len(PLACE_COLUMNS) + 1))
    conn.execute(f"{verb} INTO places VALUES ({marks})", (*vars(entry.place).values(), int(user)))
    conn.executemany(f"{verb} INTO ruler VALUES (?, ?, ?)",
                     [(surface, entry.place.id, int(user)) for surface in dict.fromkeys(entry.ruler)])
    write_names(conn, entry, entry.place.id, user)


def write_names(conn: sqlite3.Connection, entry: Entry, place_id: str, user: bool) -> None:
    """Index the entry's names under ``place_id`` (its own, or the place it was merged into)."""
    verb = "INSERT OR REPLACE" if user else "INSERT OR IGNORE"
    conn.executemany(f"{verb} INTO names VALUES (?, ?, ?, ?)",
                     [(key, place_id, variant, int(user)) for key, variant in entry.keys.items()])


def skeleton(key: str) -> str:
    """A folded name's consonants in order, doubled ones once: "saraqib", "sarraqib" and "saraqab" ->
    "srqb". Only letters doubled in the spelling are one ("ll" in "kulliya"): two alike that a vowel
    parts are two ("kaukli" is "kkl", not the "kl" of "kuliya")."""
    return _VOWELS_AND_STOPS.sub("", re.sub(r"(.)\1+", r"\1", key))


def skeletons(key: str) -> list[str]:
    """The ``skeleton`` of a folded name with its Arabic adjective ending written one way, since the
    ending's "y" is a consonant some spellings leave out: "qasmia", "qasimiyah" and "al-Hosheriye"
    (folded "hushiri") end in "y". A folded "-ih" is either that ending ("Shomriyeh") or a
    feminine one ("Salameh"), so such a name has both skeletons."""
    if _AMBIGUOUS_ENDING.search(key):
        return [skeleton(key), skeleton(key[:-2] + "iya")]
    return [skeleton(_NISBA_ENDING.sub("iya", key))]


def has_few_consonants(surface: str) -> bool:
    """A name of fewer than ``SKELETON_MIN`` consonants: "Flita", "Dumayr". Spelled with other
    vowels ("Felita"), it meets too many other names to be trusted without the story's support."""
    return max(map(len, skeletons(compact_key(surface)))) < SKELETON_MIN


class ConsonantIndex:
    """Values by the consonants of their compact folded keys (``skeletons``), for finding what a
    name spelled with other vowels names: the same consonants, at least ``minimum`` of them
    (shorter names meet too many others), and a similar key (``sources.is_variant``)."""

    def __init__(self, minimum: int = SKELETON_MIN) -> None:
        self._by_skeleton: dict[str, list[tuple[int, str, str]]] = {}
        self._added = 0
        self.minimum = minimum

    def add(self, key: str, value: str) -> None:
        for consonants in skeletons(key):
            if len(consonants) >= self.minimum:
                self._by_skeleton.setdefault(consonants, []).append((self._added, key, value))
        self._added += 1

    def spelled(self, key: str) -> list[str]:
        """The values whose keys ``key`` spells with other vowels, in the order they were added."""
        found = sorted({entry for consonants in skeletons(key) for entry in self._by_skeleton.get(consonants, ())})
        return list(dict.fromkeys(value for _, spelled, value in found if is_variant(key, spelled)))
