"""Standing relations stated in a sentence (LEADS, MEMBER_OF, PART_OF, BACKED_BY, ...),
from the words between two entity mentions (``data/events/relations.yaml``), and
PART_OF from compound unit names ("IRGC-Qods Force")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sitrep.events.resources import expand_macros, load_events_yaml
from sitrep.events.view import SentenceView, Slot
from sitrep.models import Analysis, Entity
from sitrep.resolve.normalize import name_key
from sitrep.vocab import Vocabulary

_LOOKAHEAD = 3  # how many following mentions a mention may relate to
_MAX_GAP = 160
_COMPOUND = re.compile(r"\s*[-–]\s*(?=[A-Z])")
_COMPOUND_HEAD = re.compile(r"\s*[-–]\s*⟨E\d+⟩")
_GROUP_TYPES = ("ARMED_GROUP", "ORGANIZATION")


@dataclass(frozen=True)
class RelationRule:
    type: str
    order: str  # subject_first | object_first
    gap: re.Pattern
    after: re.Pattern | None
    descriptor: bool
    subject_types: tuple[str, ...] | None


@dataclass(frozen=True)
class FoundRelation:
    type: str
    subject: Slot
    object: Slot
    descriptor: bool


def _rule(spec: dict, macros: dict[str, str]) -> RelationRule:
    after = spec.get("after")
    subject_types = tuple(spec["subject_types"]) if "subject_types" in spec else None
    return RelationRule(spec["type"], spec["order"],
                        re.compile(expand_macros(spec["gap"], macros), re.IGNORECASE),
                        re.compile(expand_macros(after, macros), re.IGNORECASE) if after else None,
                        bool(spec.get("descriptor")), subject_types)


@cache
def relation_rules() -> tuple[RelationRule, ...]:
    raw = load_events_yaml("relations")
    return tuple(_rule(spec, raw["macros"]) for spec in raw["relations"])


def types_allowed(vocabulary: Vocabulary, rule: RelationRule, subject: Entity, obj: Entity) -> bool:
    spec = vocabulary.relation_types[rule.type]
    subject_types = rule.subject_types or spec.subject
    return subject.type in subject_types and obj.type in spec.object and subject.key != obj.key


def _match(view: SentenceView, rule: RelationRule, first: Slot, second: Slot) -> bool:
    gap = view.masked[first.end:second.start]
    if not rule.gap.fullmatch(gap):
        return False
    return rule.after is None or bool(rule.after.match(view.masked[second.end:]))


def _pair_relation(view: SentenceView, vocabulary: Vocabulary, first: Slot, second: Slot) -> FoundRelation | None:
    for rule in relation_rules():
        subject, obj = (first, second) if rule.order == "subject_first" else (second, first)
        if types_allowed(vocabulary, rule, subject.entity, obj.entity) and _match(view, rule, first, second):
            return FoundRelation(rule.type, subject, obj, rule.descriptor)
    return None


def _compound_head(view: SentenceView, slot: Slot) -> bool:
    """"⟨E1⟩-⟨E2⟩": ⟨E1⟩ only names the parent of the unit ⟨E2⟩, which the phrase is about."""
    return bool(_COMPOUND_HEAD.match(view.masked, slot.end))


def sentence_relations(view: SentenceView, vocabulary: Vocabulary) -> list[FoundRelation]:
    """Relations between mentions of one sentence, the first matching rule per pair."""
    found = []
    for i, first in enumerate(view.slots):
        for second in view.slots[i + 1:i + 1 + _LOOKAHEAD]:
            if second.start - first.end > _MAX_GAP:
                break
            if _compound_head(view, second):
                continue
            relation = _pair_relation(view, vocabulary, first, second)
            if relation:
                found.append(relation)
    return found


def _names(entity: Entity) -> set[str]:
    return {name_key(m.text) for m in entity.mentions} | {name_key(entity.name)}


def compound_parents(analysis: Analysis) -> list[tuple[Entity, Entity, int]]:
    """(unit, parent, offset) for mentions written "Parent-Unit" where the parent is also an
    entity of the document ("Revolutionary Guard Corps-Qods Force")."""
    groups = [e for e in analysis.entities if e.type in _GROUP_TYPES]
    found = []
    for unit in groups:
        for mention in unit.mentions:
            for cut in _COMPOUND.finditer(mention.text):
                prefix = name_key(mention.text[:cut.start()])
                parent = next((g for g in groups if g is not unit and prefix and prefix in _names(g)), None)
                if parent:
                    found.append((unit, parent, mention.start))
    return found
