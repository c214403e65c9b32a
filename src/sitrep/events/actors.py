"""What the registry and names tell about actors: state forces and their affiliates, and
parties speaking for themselves."""
from __future__ import annotations

import re
from functools import cache

from sitrep.events.lexicon import TriggerLexicon
from sitrep.events.resources import load_events_yaml
from sitrep.models import Entity
from sitrep.registry import Registry

_AFFILIATIONS = ("ALLIED_WITH", "PART_OF", "MEMBER_OF")


@cache
def _state_name() -> re.Pattern:
    return re.compile(load_events_yaml("triggers")["state_registry_names"])


def state_entry(registry: Registry | None, entry_id: str | None, depth: int = 0) -> bool:
    """A registry entry that is a state's force ("Military Forces of Syria"), or a unit of one."""
    entry = registry.get(entry_id) if registry and entry_id else None
    if entry is None or depth > 3:
        return False
    if any(_state_name().search(name) for name in entry.names()):
        return True
    return state_entry(registry, entry.parent, depth + 1)


def is_state_force(entity: Entity, registry: Registry | None, lexicon: TriggerLexicon) -> bool:
    """A country, a registry state force, or (for unregistered names) a name such as "Iraqi army"."""
    if entity.type == "PLACE" or state_entry(registry, entity.registry_id):
        return True
    if entity.registry_id and registry and registry.get(entity.registry_id):
        return False
    return any(lexicon.has("state_force", text) for text in [entity.name, *(m.text for m in entity.mentions)])


def _affiliated_with_state(registry: Registry | None, entry_id: str | None) -> bool:
    """Registry links between an entry and a state force, in either direction (ACLED's "affiliates")."""
    entry = registry.get(entry_id) if registry and entry_id else None
    if entry is None:
        return False
    if any(r.type in _AFFILIATIONS and state_entry(registry, r.target) for r in entry.relations):
        return True
    return any(state_entry(registry, other.id) and any(r.type == "ALLIED_WITH" and r.target == entry_id
                                                          for r in other.relations) for other in registry)


def is_state_side(entity: Entity, registry: Registry | None, lexicon: TriggerLexicon) -> bool:
    """A state force or one of its affiliates (ACLED: "government forces or their affiliates")."""
    return is_state_force(entity, registry, lexicon) or _affiliated_with_state(registry, entity.registry_id)


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
