"""Standing relations stated in a sentence (LEADS, MEMBER_OF, PART_OF, BACKED_BY, ...),
from the words between two entity mentions (``data/events/relations.yaml``), extended to
the mentions coordinated with them ("in ⟨E1⟩ and ⟨E2⟩"), and PART_OF from compound
unit names ("Guard Corps-Desert Force")."""
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
_POSSESSIVE = re.compile(r"(?:'s|’s)(?!\w)")
_BARE_APOSTROPHE = re.compile(r"['’](?!\w)")
# "⟨E1⟩'s elite ⟨E2⟩": the first only says whose the second is
_POSSESSOR_GAP = re.compile(r"(?:'s|’s|'|’)\s+(?:(?-i:[a-z][\w-]*)\s+)?[“\"]?")
# ", ", " and ", ", and the ", " and neighbouring "
_CONJUNCTION = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|as\s+well\s+as)\s+)(?:the\s+)?"
                          r"(?:(?-i:[a-z][\w-]*)\s+)?", re.IGNORECASE)
_GROUP_TYPES = ("ARMED_GROUP", "ORGANIZATION")


@dataclass(frozen=True)
class RelationRule:
    type: str
    order: str  # subject_first | object_first
    gap: re.Pattern
    after: re.Pattern | None
    descriptor: str | None  # "object" or "subject": that side only describes the other
    subject_types: tuple[str, ...] | None
    possessor: bool  # the second mention may be a possessor ("⟨X⟩, ⟨Y⟩'s leader")


@dataclass(frozen=True)
class FoundRelation:
    type: str
    subject: Slot
    object: Slot
    descriptive: Slot | None  # the mention that only describes the other (not an event participant)
    verbal: bool = False  # stated by a clause, not an apposition: coordinated subjects share it


def _rule(spec: dict, macros: dict[str, str]) -> RelationRule:
    after = spec.get("after")
    subject_types = tuple(spec["subject_types"]) if "subject_types" in spec else None
    return RelationRule(spec["type"], spec["order"],
                        re.compile(expand_macros(spec["gap"], macros), re.IGNORECASE),
                        re.compile(expand_macros(after, macros), re.IGNORECASE) if after else None,
                        spec.get("descriptor"), subject_types, bool(spec.get("possessor")))


@cache
def relation_rules() -> tuple[RelationRule, ...]:
    raw = load_events_yaml("relations")
    return tuple(_rule(spec, raw["macros"]) for spec in raw["relations"])


def types_allowed(vocabulary: Vocabulary, rule: RelationRule, subject: Entity, obj: Entity) -> bool:
    spec = vocabulary.relation_types[rule.type]
    subject_types = rule.subject_types or spec.subject
    return subject.type in subject_types and obj.type in spec.object and subject.key != obj.key


def _match(view: SentenceView, rule: RelationRule, first: Slot, second: Slot) -> bool:
    if is_possessive(view, second) and not rule.possessor:
        return False
    gap = view.masked[first.end:second.start]
    if not rule.gap.fullmatch(gap):
        return False
    return rule.after is None or bool(rule.after.match(view.masked[second.end:]))


def is_possessive(view: SentenceView, slot: Slot) -> bool:
    """"⟨Y⟩'s", or "⟨Corps⟩'" after a name ending in s (a closing quote after other names)."""
    if _POSSESSIVE.match(view.masked, slot.end):
        return True
    return bool(_BARE_APOSTROPHE.match(view.masked, slot.end)) and slot.mention.text.endswith("s")


def _pair_relation(view: SentenceView, vocabulary: Vocabulary, first: Slot, second: Slot) -> FoundRelation | None:
    for rule in relation_rules():
        subject, obj = (first, second) if rule.order == "subject_first" else (second, first)
        if types_allowed(vocabulary, rule, subject.entity, obj.entity) and _match(view, rule, first, second):
            descriptive = {"object": obj, "subject": subject}.get(rule.descriptor)
            return FoundRelation(rule.type, subject, obj, descriptive, rule.descriptor is None)
    return None


def _owned(view: SentenceView, owner: Slot) -> Slot | None:
    """The mention ``owner`` is the possessor of ("⟨A⟩'s elite ⟨B⟩" -> B), if any."""
    nxt = view.slots[owner.index + 1] if owner.index + 1 < len(view.slots) else None
    return nxt if nxt is not None and _POSSESSOR_GAP.fullmatch(view.masked[owner.end:nxt.start]) else None


def _neighbour(view: SentenceView, slot: Slot, forward: bool) -> tuple[Slot | None, str]:
    """The mention next to ``slot`` after (or before) it, possessors read as part of the name
    they precede, and the text between the two phrases."""
    if forward:
        nxt = view.slots[slot.index + 1] if slot.index + 1 < len(view.slots) else None
        return (_owned(view, nxt) or nxt, view.masked[slot.end:nxt.start]) if nxt else (None, "")
    previous = view.slots[slot.index - 1] if slot.index else None
    if previous is not None and _owned(view, previous) is slot:
        slot, previous = previous, (view.slots[previous.index - 1] if previous.index else None)
    return (previous, view.masked[previous.end:slot.start]) if previous else (None, "")


def conjuncts(view: SentenceView, slot: Slot, forward: bool) -> list[Slot]:
    """Mentions of the same type coordinated with ``slot`` after it (or before it): "⟨A⟩, ⟨B⟩ and ⟨C⟩"."""
    found: list[Slot] = []
    current = slot
    while True:
        other, gap = _neighbour(view, current, forward)
        if other is None or other.type != slot.type or not _CONJUNCTION.fullmatch(gap):
            return found
        found.append(other)
        current = other


def _with_conjuncts(view: SentenceView, found: FoundRelation) -> list[FoundRelation]:
    """The relation, and the same for mentions coordinated with its object (after it) and, when a
    verb states it, with its subject (before it)."""
    relations = [found]
    if found.object.start > found.subject.start:
        relations += [FoundRelation(found.type, found.subject, o, found.descriptive, found.verbal)
                      for o in conjuncts(view, found.object, forward=True)]
    if found.verbal and found.subject.start < found.object.start:
        relations += [FoundRelation(found.type, s, r.object, found.descriptive, True)
                      for r in list(relations) for s in conjuncts(view, found.subject, forward=False)]
    return relations


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
                found.extend(_with_conjuncts(view, relation))
    return found


def _names(entity: Entity) -> set[str]:
    return {name_key(m.text) for m in entity.mentions} | {name_key(entity.name)}


def _names_group(prefix: str, group: Entity) -> bool:
    """Whether a compound's prefix names ``group``, in full or as the end of one of its names
    ("Guard Corps" for "Islamic Guard Corps")."""
    return bool(prefix) and any(name == prefix or name.endswith(" " + prefix) for name in _names(group))


def compound_parents(analysis: Analysis) -> list[tuple[Entity, Entity, int]]:
    """(unit, parent, offset) for mentions written "Parent-Unit" where the parent is also an
    entity of the document ("Revolutionary Guard Corps-Qods Force")."""
    groups = [e for e in analysis.entities if e.type in _GROUP_TYPES]
    found = []
    for unit in groups:
        for mention in unit.mentions:
            for cut in _COMPOUND.finditer(mention.text):
                prefix = name_key(mention.text[:cut.start()])
                parent = next((g for g in groups if g is not unit and _names_group(prefix, g)), None)
                if parent:
                    found.append((unit, parent, mention.start))
    return found
