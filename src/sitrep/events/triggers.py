"""Trigger detection: lexicon matches in a sentence, checked against what each rule requires."""
from __future__ import annotations

from dataclasses import dataclass

from sitrep.events.context import clause_bounds, is_passive, object_phrase, slots_in, subject_phrase, text_of
from sitrep.events.lexicon import TriggerLexicon, TriggerRule
from sitrep.events.view import SentenceView

ACTOR_TYPES = ("PERSON", "ARMED_GROUP", "ORGANIZATION")


@dataclass(frozen=True)
class Trigger:
    """A rule matched at masked offsets ``start..end`` of a sentence."""

    rule: TriggerRule
    start: int
    end: int
    text: str


def _has_class_or_slot(view: SentenceView, span, lexicon: TriggerLexicon, classes, types) -> bool:
    return bool(slots_in(view, span, types)) or any(lexicon.has(c, text_of(view, span)) for c in classes)


def _object_holds(view, trigger: Trigger, lexicon, classes, types) -> bool:
    """The trigger's own words ("lost much of the territory") or its object side show it, or
    (passive or loser-subject rules) the subject side does."""
    for span in ((trigger.start, trigger.end), object_phrase(view, trigger.start, trigger.end)):
        if _has_class_or_slot(view, span, lexicon, classes, types):
            return True
    subject_side = is_passive(view, trigger.start, trigger.end) or trigger.rule.roles == "loser_subject"
    return subject_side and _has_class_or_slot(view, subject_phrase(view, trigger.start), lexicon,
                                               classes, types)


def requirement_holds(view: SentenceView, trigger: Trigger, lexicon: TriggerLexicon) -> bool:
    """Whether the sentence shows what the trigger's rule requires (see triggers.yaml)."""
    need = trigger.rule.requires
    clause = clause_bounds(view, trigger.start, trigger.end)
    if need == "place_object":
        return _object_holds(view, trigger, lexicon, ("place_noun", "proper_noun"), ("PLACE",))
    if need == "person_object":
        return _object_holds(view, trigger, lexicon, ("force_noun", "people_noun"), ("PERSON",))
    if need == "equipment":
        return _object_holds(view, trigger, lexicon, (), ("EQUIPMENT",))
    if need == "force":
        return _has_class_or_slot(view, clause, lexicon, ("force_noun",), ("ARMED_GROUP", "PERSON"))
    if need == "actor":
        return bool(slots_in(view, clause, ACTOR_TYPES))
    return True


def find_triggers(view: SentenceView, lexicon: TriggerLexicon) -> list[Trigger]:
    """Non-overlapping triggers of a sentence: longer matches first, then the first rule
    (in lexicon order) whose requirement holds."""
    candidates = [Trigger(rule, m.start(), m.end(), m.group(0))
                  for rule in lexicon.rules for m in rule.pattern.finditer(view.masked)]
    candidates.sort(key=lambda t: (t.start - t.end, t.start))
    chosen: list[Trigger] = []
    for trigger in candidates:
        free = all(trigger.end <= c.start or trigger.start >= c.end for c in chosen)
        if free and requirement_holds(view, trigger, lexicon):
            chosen.append(trigger)
    return sorted(chosen, key=lambda t: t.start)
