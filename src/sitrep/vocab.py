"""The domain vocabulary (types, ACLED mapping, certainty levels), loaded once from YAML."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sitrep.data import load_data_yaml


class VocabularyError(ValueError):
    """The vocabulary file is inconsistent."""


@dataclass(frozen=True)
class EventType:
    name: str
    description: str
    acled_event_type: str
    acled_sub_event_types: tuple[str, ...]
    acled_event_type_by_sub: dict[str, str]
    cameo_root: str

    @property
    def default_sub_event_type(self) -> str:
        return self.acled_sub_event_types[0]

    def acled_event_type_for(self, sub_event_type: str | None) -> str:
        """ACLED event type of a sub-event type (some sub-types belong to another ACLED type)."""
        return self.acled_event_type_by_sub.get(sub_event_type or "", self.acled_event_type)


@dataclass(frozen=True)
class RelationType:
    name: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Vocabulary:
    entity_types: dict[str, dict]
    event_types: dict[str, EventType]
    relation_types: dict[str, RelationType]
    certainty_levels: tuple[str, ...]
    geo_precisions: tuple[str, ...]
    time_precisions: tuple[str, ...]

    def check_entity_type(self, name: str) -> str:
        if name not in self.entity_types:
            raise VocabularyError(f"unknown entity type {name!r}")
        return name

    def event_type(self, name: str) -> EventType:
        try:
            return self.event_types[name]
        except KeyError:
            raise VocabularyError(f"unknown event type {name!r}") from None


def _event_type(name: str, spec: dict) -> EventType:
    subs = tuple(spec["acled_sub_event_types"])
    by_sub = dict(spec.get("acled_event_type_by_sub", {}))
    if not subs or not set(by_sub) <= set(subs):
        raise VocabularyError(f"event type {name}: sub-event types inconsistent")
    return EventType(name, spec["description"], spec["acled_event_type"], subs, by_sub,
                     str(spec["cameo_root"]))


def parse_vocabulary(raw: dict) -> Vocabulary:
    entity_types = dict(raw["entity_types"])
    relations = {}
    for name, spec in raw["relation_types"].items():
        for role in ("subject", "object"):
            unknown = set(spec[role]) - set(entity_types)
            if unknown:
                raise VocabularyError(f"relation {name}: unknown {role} types {sorted(unknown)}")
        relations[name] = RelationType(name, tuple(spec["subject"]), tuple(spec["object"]),
                                       spec["description"])
    return Vocabulary(
        entity_types=entity_types,
        event_types={n: _event_type(n, s) for n, s in raw["event_types"].items()},
        relation_types=relations,
        certainty_levels=tuple(raw["certainty_levels"]),
        geo_precisions=tuple(raw["geo_precisions"]),
        time_precisions=tuple(raw["time_precisions"]),
    )


@cache
def load_vocabulary() -> Vocabulary:
    """The packaged vocabulary; parsed once per process."""
    return parse_vocabulary(load_data_yaml("vocabulary.yaml"))
