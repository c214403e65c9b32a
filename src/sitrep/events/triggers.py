"""Trigger detection: lexicon matches in a sentence, checked against what each rule requires."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.events.context import clause_bounds, is_passive, object_phrase, slots_in, subject_phrase, text_of
from sitrep.events.lexicon import TriggerLexicon, TriggerRule
from sitrep.events.view import SentenceView
from sitrep.nlp.ner import label_map

ACTOR_TYPES = ("PERSON", "ARMED_GROUP", "ORGANIZATION")
_OBJECT_LEAD = re.compile(r"(?:\s+(?:(?:of|over)\s+)?(?:the\s+)?)?", re.IGNORECASE)
# between a bare name and the PLACE it lies in: "in", "near", "in the countryside of", "in northern"
_PLACED_IN = re.compile(r"\s+(?:in|near|outside|(?:north|south|east|west)(?:ern)?\s+of)\s+(?:[\w'’-]+\s+){0,4}?",
                        re.IGNORECASE)
_NEXT_CAPITALISED = re.compile(r"\s+([A-Z][\w'’-]*)")
_LONG_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]{3,}")
_PRONOUN_INSIDE = re.compile(r"\bit\b", re.IGNORECASE)
_PRONOUN_OBJECT = re.compile(r"\s+(?:(?:control|hold|possession)\s+)?(?:(?:of|over)\s+)?it\b(?!\s+(?:was|is|had|has)\b)",
                             re.IGNORECASE)


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


def _bare_name_placed(view: SentenceView, trigger: Trigger) -> bool:
    """"captured ⟨E⟩ in ⟨Idlib⟩", "control over ⟨E⟩ in the countryside of ⟨Afrin⟩": a name no
    registry knows, with no title, right after the trigger and itself placed in a PLACE, is the
    place taken (a village the entity layer mistyped), not someone held; people captured are
    described ("a commander", "IS leader ⟨E⟩")."""
    lead = _OBJECT_LEAD.match(view.masked, trigger.end)
    slot = view.slot_at(lead.end())
    if slot is None or slot.start != lead.end() or slot.type not in ("PERSON", "ORGANIZATION") \
            or slot.mention.registry_id or slot.mention.title:
        return False
    return any(s.type == "PLACE" and _PLACED_IN.fullmatch(view.masked, slot.end, s.start)
               for s in view.slots if s.start > slot.end)


def _pronoun_for_place(view: SentenceView, trigger: Trigger) -> bool:
    """"... in ⟨Tal Hamra⟩, taking control of it" ("taking it over"): "it" stands for a place named before."""
    pronoun = _PRONOUN_OBJECT.match(view.masked, trigger.end) or _PRONOUN_INSIDE.search(trigger.text)
    return bool(pronoun) and \
        any(s.type == "PLACE" and s.end <= trigger.start for s in view.slots)


def _names_a_group(view: SentenceView, trigger: Trigger) -> bool:
    """"the Liberation Front of ⟨X⟩", "an Assault Brigade": a capitalised trigger word
    followed by a capitalised word that armed groups are named with is part of a name the
    entity layer missed, not an event; but not in a headline written in title case ("Rebels
    Capture Army Base"), where every long word is capitalised."""
    following = _NEXT_CAPITALISED.match(view.masked, trigger.end)
    return trigger.text[:1].isupper() and bool(following) and \
        following.group(1).casefold() in label_map()["cues"] and bool(_LONG_LOWER_WORD.search(view.masked))


def requirement_holds(view: SentenceView, trigger: Trigger, lexicon: TriggerLexicon) -> bool:
    """Whether the sentence shows what the trigger's rule requires (see triggers.yaml)."""
    need = trigger.rule.requires
    clause = clause_bounds(view, trigger.start, trigger.end)
    if need == "place_object":
        return _object_holds(view, trigger, lexicon, ("place_noun", "proper_noun"), ("PLACE",)) or \
            _bare_name_placed(view, trigger) or _pronoun_for_place(view, trigger)
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
        if free and not _names_a_group(view, trigger) and requirement_holds(view, trigger, lexicon):
            chosen.append(trigger)
    return sorted(chosen, key=lambda t: t.start)
