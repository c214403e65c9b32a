"""What the registry and names tell about actors: state forces and their affiliates (with
the country they serve), and parties speaking for themselves."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache, lru_cache

from sitrep.events.lexicon import TriggerLexicon
from sitrep.events.resources import load_events_yaml
from sitrep.models import Analysis, Entity
from sitrep.registry import Registry, RegistryEntry

UNKNOWN_COUNTRY = "?"
_AFFILIATIONS = ("ALLIED_WITH", "PART_OF", "MEMBER_OF")


@cache
def _state_name() -> re.Pattern:
    return re.compile(load_events_yaml("triggers")["state_registry_names"])


def state_entry(registry: Registry | None, entry_id: str | None, depth: int = 0) -> RegistryEntry | None:
    """The registry entry of a state's force ("Military Forces of Syria") that ``entry_id`` is or
    is a unit of."""
    entry = registry.get(entry_id) if registry and entry_id else None
    if entry is None or depth > 3:
        return None
    if any(_state_name().search(name) for name in entry.names()):
        return entry
    return state_entry(registry, entry.parent, depth + 1)


def prevailing_country(analysis: Analysis, preferred: str | None = None) -> str | None:
    """ISO code of the country most of the report's geocoded places are in (one misplaced
    village does not move the report abroad); ``preferred`` (a place's entity key) decides ties."""
    codes = Counter(e.geo.country for e in analysis.entities if e.geo and e.geo.country)
    place = analysis.entity(preferred) if preferred else None
    if place and place.geo and place.geo.country:
        codes[place.geo.country] += 0.5
    return codes.most_common(1)[0][0] if codes else None


def operating_countries(entity: Entity, registry: Registry | None, default: str) -> set[str]:
    """Countries the registry says the entity (or the state force it belongs to) operates in;
    ``{default}`` when the registry does not say."""
    entry = registry.get(entity.registry_id) if registry and entity.registry_id else None
    state = state_entry(registry, entity.registry_id)
    countries = {*(entry.operates_in if entry else ()), *(state.operates_in if state else ())}
    return countries or {default}


def _country(entry: RegistryEntry) -> str:
    return entry.country or UNKNOWN_COUNTRY


def _named_state(entity: Entity, registry: Registry | None, lexicon: TriggerLexicon) -> bool:
    """An unregistered name such as "Iraqi army" (registered names are judged by the registry)."""
    if entity.registry_id and registry and registry.get(entity.registry_id):
        return False
    return any(lexicon.has("state_force", text) for text in [entity.name, *(m.text for m in entity.mentions)])


def state_country(entity: Entity, registry: Registry | None, lexicon: TriggerLexicon) -> str | None:
    """The country whose state force the entity is (``UNKNOWN_COUNTRY`` if it cannot be told),
    or ``None`` for a non-state actor. A country named as actor is its own state."""
    if entity.type == "PLACE":
        return entity.geo.country if entity.geo and entity.geo.country else UNKNOWN_COUNTRY
    entry = state_entry(registry, entity.registry_id)
    if entry is not None:
        return _country(entry)
    return UNKNOWN_COUNTRY if _named_state(entity, registry, lexicon) else None


def is_state_force(entity: Entity, registry: Registry | None, lexicon: TriggerLexicon) -> bool:
    return state_country(entity, registry, lexicon) is not None


def _allied_states(registry: Registry | None, entry_id: str | None) -> list[RegistryEntry]:
    """State forces the entry is linked to in the registry, in either direction."""
    entry = registry.get(entry_id) if registry and entry_id else None
    if entry is None:
        return []
    linked = [state for r in entry.relations if r.type in _AFFILIATIONS
              if (state := state_entry(registry, r.target)) is not None]
    return linked + _allies_of(registry).get(entry_id, [])


@lru_cache(maxsize=4)
def _allies_of(registry: Registry) -> dict[str, list[RegistryEntry]]:
    """Entry id -> the state forces the registry says are allied with it (read once per registry,
    which does not change once loaded: scanning it for every actor cost 9 ms an event)."""
    allies: dict[str, dict[str, RegistryEntry]] = defaultdict(dict)
    for other in registry:
        if state_entry(registry, other.id) is other:
            for relation in other.relations:
                if relation.type == "ALLIED_WITH":
                    allies[relation.target][other.id] = other
    return {target: list(states.values()) for target, states in allies.items()}


def state_side_countries(entity: Entity, registry: Registry | None, lexicon: TriggerLexicon) -> set[str]:
    """Countries of the states the entity fights for: its own, and those it is affiliated with
    (ACLED: "government forces or their affiliates"); empty for an unaffiliated non-state actor."""
    own = state_country(entity, registry, lexicon)
    allied = {_country(state) for state in _allied_states(registry, entity.registry_id)}
    return allied | ({own} if own is not None else set())


def _links(registry: Registry, entry_id: str) -> set[str]:
    entry = registry.get(entry_id)
    if entry is None:
        return set()
    return {entry.parent, *(r.target for r in entry.relations)} - {None}


def related(registry: Registry | None, a: Entity, b: Entity) -> bool:
    """Same entity, or linked in the registry (a group's own media outlet, its parent)."""
    if a.key == b.key:
        return True
    if not (registry and a.registry_id and b.registry_id):
        return False
    return (a.registry_id == b.registry_id or b.registry_id in _links(registry, a.registry_id)
            or a.registry_id in _links(registry, b.registry_id))
