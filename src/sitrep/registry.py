"""The curated actor registry: YAML entries loaded once, validated, indexed by name key.

Each entry: id, type, name, aliases, acronyms (matched case-sensitively),
titles, parent, relations, predecessor, country, operates_in, theatre (for a
force that fights in one area only, such as a Turkish-led operation or a town's
military council: the town at its heart, where a village the gazetteer lacks in
a story about it is placed approximately), wikidata, description. Imported aliases (sanctions lists, actor dictionaries) live in the
user's store with their provenance, not here.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from sitrep.resolve.normalize import name_key

REGISTRY_TYPES = ("PERSON", "ARMED_GROUP", "ORGANIZATION")


class RegistryError(ValueError):
    """The registry data is inconsistent; the message names the entry and the reason."""


@dataclass(frozen=True)
class RegistryRelation:
    type: str
    target: str  # registry id, or "country:XX"
    since: str | None = None
    until: str | None = None


@dataclass
class RegistryEntry:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    ambiguous_aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    parent: str | None = None
    predecessor: str | None = None
    relations: list[RegistryRelation] = field(default_factory=list)
    country: str | None = None
    operates_in: list[str] = field(default_factory=list)
    theatre: str | None = None
    wikidata: str | None = None
    description: str | None = None
    source_file: str = ""
    _names: tuple[str, ...] | None = field(default=None, repr=False, compare=False)

    def countries(self) -> list[str]:
        """The countries the entry operates in, else its own country, else none."""
        return self.operates_in or ([self.country] if self.country else [])

    def names(self) -> list[str]:
        """Canonical name and aliases (not acronyms), without repeats."""
        if self._names is None:
            self._names = tuple(dict.fromkeys([self.name, *self.aliases, *self.ambiguous_aliases]))
        return list(self._names)


_FIELDS = set(RegistryEntry.__dataclass_fields__) - {"source_file", "_names"}


def _date_text(value) -> str | None:
    return None if value is None else str(value)


def parse_entry(raw: dict, source: str) -> RegistryEntry:
    if not isinstance(raw, dict):
        raise RegistryError(f"{source}: entry is not a mapping: {raw!r}")
    missing = {"id", "type", "name"} - set(raw)
    if missing:
        raise RegistryError(f"{source}: entry {raw.get('id', raw)!r} lacks {sorted(missing)}")
    unknown = set(raw) - _FIELDS
    if unknown:
        raise RegistryError(f"{source}: entry {raw['id']!r} has unknown keys {sorted(unknown)}")
    if raw["type"] not in REGISTRY_TYPES:
        raise RegistryError(f"{source}: entry {raw['id']!r} has type {raw['type']!r}, "
                            f"expected one of {REGISTRY_TYPES}")
    relations = [RegistryRelation(r["type"], str(r["target"]), _date_text(r.get("since")),
                                  _date_text(r.get("until")))
                 for r in raw.get("relations") or []]
    values = {k: v for k, v in raw.items() if k != "relations" and v is not None}
    for key in ("aliases", "acronyms", "ambiguous_aliases", "titles", "operates_in"):
        values[key] = [str(v) for v in values.get(key) or []]
    return RegistryEntry(**values, relations=relations, source_file=source)


class Registry:
    """All entries by id, and a name-key index for lookups."""

    def __init__(self, entries: list[RegistryEntry]):
        self.entries: dict[str, RegistryEntry] = {}
        for entry in entries:
            if entry.id in self.entries:
                raise RegistryError(f"duplicate registry id {entry.id!r} "
                                    f"({self.entries[entry.id].source_file} and {entry.source_file})")
            self.entries[entry.id] = entry
        self._check_references()
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.by_acronym: dict[str, set[str]] = defaultdict(set)
        for entry in self.entries.values():
            for name in entry.names():
                self.by_key[name_key(name)].add(entry.id)
            for acronym in entry.acronyms:
                self.by_acronym[acronym].add(entry.id)

    def _check_references(self) -> None:
        for entry in self.entries.values():
            targets = [entry.parent, entry.predecessor, *(r.target for r in entry.relations)]
            for target in filter(None, targets):
                if not target.startswith("country:") and target not in self.entries:
                    raise RegistryError(f"registry entry {entry.id!r} ({entry.source_file}) "
                                        f"refers to unknown id {target!r}")

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries.values())

    def get(self, entry_id: str) -> RegistryEntry | None:
        return self.entries.get(entry_id)

    def country_shares(self, entry_ids: Iterable[str]) -> Counter:
        """Country -> share of the given entries that operate there: each entry counts once, split
        among its countries. Where the actors a story names place it."""
        shares: Counter = Counter()
        for entry in filter(None, map(self.get, entry_ids)):
            countries = entry.countries()
            for country in countries:
                shares[country] += 1 / len(countries)
        return shares

    def lookup(self, surface: str) -> set[str]:
        """Registry ids a surface string may name: exact acronym, else folded name key."""
        return set(self.by_acronym.get(surface, ())) or set(self.by_key.get(name_key(surface), ()))


def load_registry_files(paths: list[Path]) -> Registry:
    entries = []
    for path in sorted(paths):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(raw, list):
            raise RegistryError(f"{path.name}: expected a list of entries")
        entries.extend(parse_entry(item, path.name) for item in raw)
    return Registry(entries)


@cache
def load_registry() -> Registry:
    """The packaged registry; loaded once per process."""
    folder = resources.files("sitrep.data").joinpath("registry")
    return load_registry_files([Path(str(p)) for p in folder.iterdir() if p.name.endswith(".yaml")])
