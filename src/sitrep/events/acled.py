"""ACLED coding conventions applied to an analysis: the event an ACLED row would code,
its fatality count, and whether an entity is the actor ACLED names."""
from __future__ import annotations

import re

from sitrep.models import Analysis, Entity, Event
from sitrep.events.arguments import death_counts, total
from sitrep.registry import Registry
from sitrep.resolve.normalize import name_key

# When several events are reported together, ACLED codes territory changes over the
# fighting that won them, fighting over the shelling that went with it, an abduction
# over the deaths that followed.
PRIORITY = ("TERRITORY", "CLASH", "ATTACK", "DETENTION", "CASUALTIES", "DEPLOYMENT", "PRESENCE",
            "EQUIPMENT", "DESIGNATION", "DISPLACEMENT", "FUNERAL")
_ACRONYM_PREFIX = re.compile(r"^([A-Za-z]{2,6}):\s+")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_UNIDENTIFIED = re.compile(r"^Unidentified\b", re.IGNORECASE)


def primary_event(events: list[Event]) -> Event | None:
    """The event an ACLED coder would code for the whole report."""
    ranked = [e for e in events if e.type in PRIORITY]
    return min(ranked, key=lambda e: (PRIORITY.index(e.type), e.sentence[0])) if ranked else None


def acled_fatalities(event: Event, text: str) -> int:
    """Deaths as ACLED codes them: the best count, else the codebook value of the vague words
    in the event's sentence ("dozens" -> 12), else 0."""
    if event.fatalities is not None:
        return event.fatalities
    if event.fatalities_range:
        counts = total(death_counts(text[event.sentence[0]:event.sentence[1]]))
        return counts.acled if counts and counts.acled is not None else event.fatalities_range[0]
    return 0


def report_fatalities(analysis: Analysis) -> int:
    """All deaths a report states (ACLED codes one total per event row)."""
    return sum(acled_fatalities(e, analysis.doc.text) for e in analysis.events)


def acled_names(actor: str) -> set[str]:
    """Name keys of an ACLED actor name: "QSD: Syrian Democratic Forces" -> its acronym and name;
    "Military Forces of Syria (2000-) Military Intelligence" -> the force and the unit."""
    prefix = _ACRONYM_PREFIX.match(actor)
    rest = actor[prefix.end():] if prefix else actor
    parts = [p.strip() for p in _PARENTHESES.split(rest) if p.strip()]
    names = {name_key(p) for p in parts} | {name_key(_PARENTHESES.sub("", rest))}
    if prefix:
        names.add(name_key(prefix.group(1)))
    return names - {""}


def entity_names(entity: Entity, registry: Registry | None) -> set[str]:
    """Name keys an entity goes by: its mentions, and its registry entry's names and acronyms
    (and those of the entry's parent, since ACLED names units with their force)."""
    names = {name_key(entity.name), *(name_key(m.text) for m in entity.mentions)}
    entry = registry.get(entity.registry_id) if registry and entity.registry_id else None
    while entry is not None:
        names |= {name_key(n) for n in [*entry.names(), *entry.acronyms]}
        entry = registry.get(entry.parent) if entry.parent else None
    return names


def actor_matches(entity: Entity | None, acled_actor: str, registry: Registry | None) -> bool:
    """Whether an extracted actor is the one ACLED names; an unnamed actor matches ACLED's
    "Unidentified Armed Group"."""
    if entity is None:
        return bool(_UNIDENTIFIED.match(acled_actor))
    return bool(entity_names(entity, registry) & acled_names(acled_actor))
