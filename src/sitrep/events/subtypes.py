"""Which event type and ACLED sub-event type a trigger reports, given its context."""
from __future__ import annotations

import re

from sitrep.events.actors import UNKNOWN_COUNTRY, is_state_force, operating_countries, state_side_countries
from sitrep.events.context import clause_bounds, object_phrase, slots_in, subject_phrase, text_of
from sitrep.events.lexicon import TriggerLexicon
from sitrep.events.roles import Roles
from sitrep.events.triggers import Trigger
from sitrep.events.view import SentenceView, Slot
from sitrep.registry import Registry
from sitrep.vocab import Vocabulary

ARMED_CLASH = "Armed clash"
ATTACK_ON_PEOPLE = "Attack"
GOVERNMENT_REGAINS = "Government regains territory"
NON_STATE_OVERTAKES = "Non-state actor overtakes territory"
_ARMED_TYPES = ("ARMED_GROUP", "PERSON")
_AIMED_AT = re.compile(r"\s+(?:on|upon|against|at)\b", re.IGNORECASE)
_OF = re.compile(r"\s+of\b", re.IGNORECASE)
_QUALIFIER_WINDOW = 12  # characters before a trigger where "briefly" or "partially" qualifies it
_DESCRIPTOR_WINDOW = 40  # characters before an actor where a descriptor ("the loyalist militia") names what it is


def instrument(view: SentenceView, trigger: Trigger, lexicon: TriggerLexicon) -> str | None:
    """ATTACK sub-type named by an instrument word in the trigger's clause ("warplanes", "mortars")."""
    clause = text_of(view, clause_bounds(view, trigger.start, trigger.end))
    return next((sub for sub, pattern in lexicon.instruments if pattern.search(clause)), None)


def _attacked_phrase(view: SentenceView, trigger: Trigger) -> tuple[int, int]:
    """What an attack word is aimed at: its object, or the phrase after "on"/"against"/"at"
    ("opened fire on a patrol", "an attack against army positions"), up to "of" (the
    properties, not the members they are "of")."""
    aimed = _AIMED_AT.match(view.masked, trigger.end)
    start, end = object_phrase(view, trigger.start, aimed.end() if aimed else trigger.end)
    owner = _OF.search(view.masked, start, end)
    return start, owner.start() if owner else end


def _generic_type(view: SentenceView, trigger: Trigger, roles: Roles, lexicon: TriggerLexicon) -> tuple[str, str]:
    """An attack on armed men or their positions is a clash, one on civilians is an attack;
    otherwise an armed group attacking is taken to fight someone armed."""
    obj = text_of(view, _attacked_phrase(view, trigger))
    if any(s.type in _ARMED_TYPES for s in roles.targets) or lexicon.has("armed_target", obj):
        return "CLASH", ARMED_CLASH
    clause = text_of(view, clause_bounds(view, trigger.start, trigger.end))
    if not lexicon.has("civilian_noun", clause) and any(s.type == "ARMED_GROUP" for s in roles.actors):
        return "CLASH", ARMED_CLASH
    return "ATTACK", ATTACK_ON_PEOPLE


def _combatants_captured(view: SentenceView, trigger: Trigger, roles: Roles, lexicon: TriggerLexicon) -> bool:
    """Whether an armed side takes the other side's fighters ("HTS arrested several IS members",
    "captured two regime soldiers"). ACLED's arrests and abductions are of civilians; fighters
    captured by the other side are a battle, coded as an armed clash."""
    if not lexicon.has("capture_word", trigger.text):
        return False
    if any(s.type == "ARMED_GROUP" for s in roles.targets):
        return True
    taken = text_of(view, object_phrase(view, trigger.start, trigger.end))
    return lexicon.has("combatant_noun", taken) and not lexicon.has("people_noun", taken)


def _fighting_ground(view: SentenceView, trigger: Trigger, lexicon: TriggerLexicon) -> bool:
    """Whether ground changing hands is only positions, points or hills ("captured several IS
    positions") or only in part ("took partial control", "briefly captured"). ACLED codes a
    location taken as a territory change; gains like these within a battle are an armed clash."""
    start, end = object_phrase(view, trigger.start, trigger.end)
    before = view.masked[max(0, trigger.start - _QUALIFIER_WINDOW):trigger.start]
    points = lexicon.has("held_points", view.masked[start:end]) and not slots_in(view, (start, end), ("PLACE",))
    return points or lexicon.has("partial_control", f"{before} {trigger.text}")


def _place_country(view: SentenceView, trigger: Trigger, country: str | None) -> str:
    """Country of the report (``country``), else of the first geocoded place in the trigger's clause."""
    if country:
        return country
    places = slots_in(view, clause_bounds(view, trigger.start, trigger.end), ("PLACE",))
    return next((s.entity.geo.country for s in places if s.entity.geo and s.entity.geo.country), UNKNOWN_COUNTRY)


def _government_regains(view: SentenceView, trigger: Trigger, roles: Roles, registry: Registry | None,
                        lexicon: TriggerLexicon, country: str | None) -> bool:
    """Whether the winner is the government of the place or its affiliate (ACLED); a foreign
    state force taking ground counts as overtaking, like a non-state actor. A place in a
    country the winner never operates in is taken to be misplaced (the country is not known)."""
    if roles.actors:
        winner = roles.actors[0].entity
        countries = state_side_countries(winner, registry, lexicon) or \
            _described_as_state(view, roles.actors[0], lexicon)
        here = _place_country(view, trigger, country)
        if here not in operating_countries(winner, registry, here):
            here = UNKNOWN_COUNTRY
        return bool(countries) and (here == UNKNOWN_COUNTRY or bool(countries & {here, UNKNOWN_COUNTRY}))
    if lexicon.has("state_text", text_of(view, subject_phrase(view, trigger.start))):
        return True
    if roles.targets:
        return not is_state_force(roles.targets[0].entity, registry, lexicon)
    return bool(lexicon.regaining.match(trigger.text))


def _described_as_state(view: SentenceView, slot: Slot, lexicon: TriggerLexicon) -> set[str]:
    """``{UNKNOWN_COUNTRY}`` where the words right before an actor the registry does not know
    make it a state force or its militia ("the loyalist militia ⟨X⟩"), else empty."""
    before = view.masked[max(0, slot.start - _DESCRIPTOR_WINDOW):slot.start]
    return {UNKNOWN_COUNTRY} if lexicon.state_descriptor.search(before) else set()


def event_type(view: SentenceView, trigger: Trigger, roles: Roles, lexicon: TriggerLexicon,
               vocabulary: Vocabulary, registry: Registry | None, country: str | None = None) -> tuple[str, str]:
    """(event type, ACLED sub-event type) of a trigger in its sentence; ``country`` (ISO code)
    is where the report's events take place, when known."""
    rule = trigger.rule
    if rule.generic or rule.refine:
        found = instrument(view, trigger, lexicon)
        if found:
            return "ATTACK", found
        if rule.generic:
            return _generic_type(view, trigger, roles, lexicon)
    if rule.type == "DETENTION" and _combatants_captured(view, trigger, roles, lexicon):
        return rule.type, ARMED_CLASH
    if rule.type == "TERRITORY" and not rule.sub:
        if _fighting_ground(view, trigger, lexicon):
            return rule.type, ARMED_CLASH
        regains = _government_regains(view, trigger, roles, registry, lexicon, country)
        return rule.type, GOVERNMENT_REGAINS if regains else NON_STATE_OVERTAKES
    return rule.type, rule.sub or vocabulary.event_type(rule.type).default_sub_event_type
