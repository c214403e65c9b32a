"""Which event type and ACLED sub-event type a trigger reports, given its context."""
from __future__ import annotations

from sitrep.events.context import clause_bounds, object_phrase, subject_phrase, text_of
from sitrep.events.lexicon import TriggerLexicon
from sitrep.events.roles import Roles
from sitrep.events.triggers import Trigger
from sitrep.events.view import SentenceView
from sitrep.registry import Registry
from sitrep.events.actors import is_state_force, is_state_side
from sitrep.vocab import Vocabulary

GOVERNMENT_REGAINS = "Government regains territory"
NON_STATE_OVERTAKES = "Non-state actor overtakes territory"
_ARMED_TYPES = ("ARMED_GROUP", "PERSON")


def instrument(view: SentenceView, trigger: Trigger, lexicon: TriggerLexicon) -> str | None:
    """ATTACK sub-type named by an instrument word in the trigger's clause ("warplanes", "mortars")."""
    clause = text_of(view, clause_bounds(view, trigger.start, trigger.end))
    return next((sub for sub, pattern in lexicon.instruments if pattern.search(clause)), None)


def _generic_type(view: SentenceView, trigger: Trigger, roles: Roles, lexicon: TriggerLexicon) -> tuple[str, str]:
    """An attack on armed men or their positions is a clash; otherwise one-sided violence."""
    obj = text_of(view, object_phrase(view, trigger.start, trigger.end))
    if any(s.type in _ARMED_TYPES for s in roles.targets) or lexicon.has("armed_target", obj):
        return "CLASH", "Armed clash"
    return "ATTACK", "Attack"


def _winner_is_state(view: SentenceView, trigger: Trigger, roles: Roles, registry: Registry | None,
                     lexicon: TriggerLexicon) -> bool:
    if roles.actors:
        return is_state_side(roles.actors[0].entity, registry, lexicon)
    if lexicon.has("state_text", text_of(view, subject_phrase(view, trigger.start))):
        return True
    if roles.targets:
        return not is_state_force(roles.targets[0].entity, registry, lexicon)
    return bool(lexicon.regaining.match(trigger.text))


def event_type(view: SentenceView, trigger: Trigger, roles: Roles, lexicon: TriggerLexicon,
               vocabulary: Vocabulary, registry: Registry | None) -> tuple[str, str]:
    """(event type, ACLED sub-event type) of a trigger in its sentence."""
    rule = trigger.rule
    if rule.generic or rule.refine:
        found = instrument(view, trigger, lexicon)
        if found:
            return "ATTACK", found
        if rule.generic:
            return _generic_type(view, trigger, roles, lexicon)
    if rule.type == "TERRITORY" and not rule.sub:
        state = _winner_is_state(view, trigger, roles, registry, lexicon)
        return rule.type, GOVERNMENT_REGAINS if state else NON_STATE_OVERTAKES
    return rule.type, rule.sub or vocabulary.event_type(rule.type).default_sub_event_type
