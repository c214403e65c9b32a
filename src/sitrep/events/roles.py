"""Who did it and to whom: actors and targets of a trigger among the sentence's entities.

Surface rules work on every Doc: position relative to the trigger, passive voice
("was killed by ⟨E1⟩"), "between ⟨E0⟩ and ⟨E1⟩", coordination ("⟨E0⟩ attacked ⟨E1⟩
and captured ..."). When the spaCy Doc carries a dependency parse, a participant's
grammatical relation to the trigger decides instead where it is clear.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep.events.context import clause_bounds, is_passive
from sitrep.events.triggers import Trigger
from sitrep.events.view import SentenceView, Slot

PARTICIPANT_TYPES = ("PERSON", "ARMED_GROUP", "ORGANIZATION")
_BY = r"\bby\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$"  # "by (the) ⟨E⟩", up to the mention
_AGENT = re.compile(_BY, re.IGNORECASE)
# An agent that carried the event out, not one that holds a place named with it ("areas controlled by")
_DONE_BY = re.compile(rf"\b(?:fired|launched|carried\s+out|conducted|planted|dropped|detonated|staged|mounted)\s+{_BY}",
                      re.IGNORECASE)
_BETWEEN_FIRST = re.compile(r"\bbetween\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_BETWEEN_SECOND = re.compile(r"\bbetween\s+(?:[\w'’-]+\s+){1,4}and\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
                             re.IGNORECASE)
_BETWEEN_AGAINST = re.compile(r"\bbetween\s+[^.;⟨]*?\bagainst\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_AGAINST = re.compile(r"\bagainst\b", re.IGNORECASE)
# "Humvees it captured from ⟨E⟩", "missiles received from ⟨E⟩": who had the equipment before
_PREVIOUS_HOLDER = re.compile(r"\b(?:captur|seiz|took|taken|loot|stole|stolen|acquir|receiv|obtain|bought|purchas)\w*"
                              r"\s+from\s+[^⟨⟩.;]{0,60}$", re.IGNORECASE)
_BACKING = r"(?:backed|supported|aided|assisted|accompanied|reinforced)"  # "⟨A⟩ ... by ⟨its backer⟩"


def _backers_set_off(opening: str, closing: str) -> re.Pattern:
    """What lies between a clash's first side and the second past the first side's backers, set
    off by ``opening`` and ``closing`` ("between ⟨A⟩, backed by ⟨B⟩ and militias, and ⟨C⟩")."""
    return re.compile(rf"{opening}(?:{_BACKING}|joined)\s+by\s+[^;.,]*?{closing}and\s+"
                      r"(?:the\s+)?(?:[\w'’-]+\s+){0,2}", re.IGNORECASE)


_BACKED_THEN_AND = _backers_set_off(r",?\s*", r",\s*")  # set off by commas
# "between ⟨A⟩ (- branch), which operates under ⟨B⟩, and ⟨C⟩": ⟨A⟩ fights in ⟨B⟩, ⟨C⟩ is the other side
_UNDER_THEN_AND = re.compile(r"(?:\s+-\s+[^,;.]+?)?,?\s*(?:(?:who|whom|which|that)\s+)?(?:(?:is|are|was|were)\s+)?"
                             r"(?:operat\w*|fight\w*)\s+(?:under|as\s+(?:a\s+)?part\s+of|within)\s+(?:the\s+)?"
                             r"[^;.,]*?,?\s+and\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}", re.IGNORECASE)
# "between ⟨A⟩ - supported by ⟨B⟩ and militias - and ⟨C⟩"
_BACKED_DASHED_AND = _backers_set_off(r"\s+[-–—]\s+", r"\s+[-–—]\s+")
# the gaps from a side, past a group on its side, to the other side
_PAST_PARTNER = (_BACKED_THEN_AND, _BACKED_DASHED_AND, _UNDER_THEN_AND)
_AND_GAP = re.compile(r"\s*(?:['’]s\s+)?(?:[\w'’-]+\s+){0,2}?and\s+(?:the\s+)?", re.IGNORECASE)
_AND_AFTER = re.compile(r"(?:\s+[\w'’-]+){0,3}?,?\s+and\b", re.IGNORECASE)  # one more side follows
# "between ⟨A⟩ supported by allied militias and ⟨B⟩": backers no entity names stay with the first side
_UNNAMED_BACKERS_AND = re.compile(rf",?\s+{_BACKING}\s+by\s+(?:[\w'’-]+\s+){{1,5}}?and\s+(?:the\s+)?", re.IGNORECASE)
# after a country, up to the trigger: its forces, adverbs, or other countries joined to it
# ("⟨Syria⟩ and ⟨Russia⟩ warplanes bombed")
_PLACE_AS_SUBJECT = re.compile(r"^(?:['’]s)?(?:,?\s+(?:and\s+)?⟨E\d+⟩(?:['’]s)?)*\s+(?:(?:forces|army|military|troops|jets|warplanes|drones|navy|"
                               r"government|authorities|has|have|had|also|then|later|reportedly|allegedly|"
                               r"\w+ly)\s+){0,3}$", re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|near|from|of|to|into|across|around|outside|inside|towards?|"
                                 r"through|over|on|for|with|between|and|by)\s+(?:the\s+)?$", re.IGNORECASE)
# "government troops and ⟨Russia⟩ bombed": a country joined to a party acts with it
_PARTY_AND = re.compile(r"(?:⟩|\b(?:forces|troops|army|military|militias?|fighters|rebels|jets|warplanes|"
                        r"gunmen|factions))\s+and\s+(?:the\s+)?$", re.IGNORECASE)
_REDUCED_PASSIVE_AFTER = re.compile(r"^\s*(?:[,.;:]|$|(?:in|near|at|on|during|while|when|after|amid|outside|"
                                    r"inside|by|as|and|or|last|this|yesterday|today|overnight|early|late|"
                                    r"earlier|since|following)\b)", re.IGNORECASE)
_FORCE_AFTER = re.compile(r"(?:['’]s)?\s+(?:forces|army|military|troops|soldiers|jets|warplanes|drones|navy|"
                          r"police|personnel|marines|patrols?|convoys?)\b", re.IGNORECASE)
_STATE_PRECISIONS = ("country", "admin1")  # the places whose name may stand for their forces
_SYMPATHY_BEFORE = re.compile(r"\b(?:pro|anti)[-–]$", re.IGNORECASE)
_RELATIVE_CLAUSE = re.compile(r",\s+(?:where|which|who|when)\b", re.IGNORECASE)
_COORDINATION = re.compile(r"\b(?:and|then)\b|,", re.IGNORECASE)
# after an "and", up to the trigger: the subject's partners, no entity ("and its allies", "and allied militias")
_PARTNERS_GAP = re.compile(r"\s+(?:its|their|his|her|allied|loyal|pro-[\w-]+|other)\b[^,;⟨⟩]*", re.IGNORECASE)
_NAME_GAP = re.compile(r"(?:['’]s)?\s+")  # between a name and the noun it qualifies ("⟨E⟩'s custody")
_DESCRIBED_AFTER = re.compile(r"\s+(?:(?-i:[a-z][\w-]*)\s+){0,2}")


@dataclass
class Roles:
    actors: list[Slot] = field(default_factory=list)
    targets: list[Slot] = field(default_factory=list)


def place_is_subject(view: SentenceView, slot: Slot, trigger: Trigger) -> bool:
    """A country acting: "⟨Turkey⟩ shelled", "⟨Israel⟩'s jets struck", "sanctioned by ⟨E⟩",
    "⟨E⟩-designated"."""
    if slot.end == trigger.start:
        return True
    if slot.end < trigger.start:
        gap_ok = _PLACE_AS_SUBJECT.match(view.masked[slot.end:trigger.start])
        before = view.masked[:slot.start]
        return bool(gap_ok) and (not _PREPOSITION_BEFORE.search(before) or bool(_PARTY_AND.search(before)))
    return bool(re.fullmatch(r"\s+by\s+(?:the\s+)?", view.masked[trigger.end:slot.start], re.IGNORECASE))


def place_as_force(view: SentenceView, slot: Slot) -> bool:
    """A country (or a first-level area) named for its forces: "⟨E⟩ soldiers", "⟨E⟩'s troops"; not
    a town or village, whose name before "Army" names a group after it ("⟨X⟩ Army")."""
    geo = slot.entity.geo
    return (geo is None or geo.precision in _STATE_PRECISIONS) and bool(_FORCE_AFTER.match(view.masked, slot.end))


def _can_take_part(view: SentenceView, slot: Slot, trigger: Trigger) -> bool:
    if slot.type in PARTICIPANT_TYPES:
        return True
    if slot.type == "EQUIPMENT":
        return trigger.rule.roles == "equipment"
    if slot.type != "PLACE" or _SYMPATHY_BEFORE.search(view.masked, 0, slot.start):
        return False  # "pro-⟨E⟩ militiamen" are not E's
    return place_is_subject(view, slot, trigger) or place_as_force(view, slot) or _holder(view, slot, trigger)


def _holder(view: SentenceView, slot: Slot, trigger: Trigger) -> bool:
    """The name right before a word of holding ("in ⟨US⟩ custody"), for rules with that role."""
    return trigger.rule.roles == "holder_before" and bool(_NAME_GAP.fullmatch(view.masked, slot.end, trigger.start))


def participants(view: SentenceView, trigger: Trigger, excluded: set[int]) -> list[Slot]:
    """Entities of the trigger's clause that can take part: persons, groups, organisations,
    places acting as states, equipment for equipment events; not sources or descriptors."""
    left, right = clause_bounds(view, trigger.start, trigger.end)
    return [s for s in view.slots_between(left, right)
            if s.index not in excluded and _can_take_part(view, s, trigger)]


def _subjects(view: SentenceView, trigger: Trigger, before: list[Slot],
              previous: Trigger | None) -> list[Slot] | None:
    """Slots before the trigger that are its subject; ``None`` when it shares the previous
    trigger's subject ("⟨E0⟩ attacked ⟨E1⟩ and captured ..."). A previous trigger in another clause
    has no say ("Following clashes with ⟨E0⟩, ⟨E1⟩ advanced and took ...": ⟨E1⟩ took it), nor an
    "and" that joins a subject's unnamed partners to it ("after the clashes ⟨E0⟩ and its allies took")."""
    if previous is None or previous.end <= clause_bounds(view, trigger.start, trigger.end)[0]:
        return before
    since = [s for s in before if s.start >= previous.end]
    joints = [j for j in _COORDINATION.finditer(view.masked, previous.end, trigger.start)
              if not _PARTNERS_GAP.fullmatch(view.masked, j.end(), trigger.start)]
    if joints:
        since = [s for s in since if s.start >= joints[-1].end()]
    return since or None


def _is_passive(view: SentenceView, trigger: Trigger) -> bool:
    rule = trigger.rule
    if rule.voice == "intransitive":
        return True
    if rule.voice == "reduced_passive" and _REDUCED_PASSIVE_AFTER.match(view.masked[trigger.end:]):
        return True
    return is_passive(view, trigger.start, trigger.end)


def _between(view: SentenceView, trigger: Trigger, after: list[Slot]) -> Roles | None:
    """"clashes between ⟨E0⟩ and ⟨E1⟩": the first side acts, the second is the target, whichever
    of them is named (the other may be "rebels", no entity). "Between ⟨E0⟩ and ⟨E1⟩ against
    ⟨E2⟩" sets both against ⟨E2⟩."""
    for i, slot in enumerate(after):
        before = view.masked[:slot.start]
        if _RELATIVE_CLAUSE.search(view.masked, trigger.end, slot.start):
            return None  # the "between" of another clause ("..., where battles raged between ⟨E3⟩ and ...")
        if _BETWEEN_FIRST.search(before):
            backed = _after_backers(view, slot, after[i + 1:])
            if backed is not None:
                return backed
            second = after[i + 1] if i + 1 < len(after) else None
            sides = [slot, second] if second and _second_side(view, slot, second) else [slot]
            opponent = next((s for s in after[i + len(sides):]
                             if _AGAINST.search(view.masked, sides[-1].end, s.start)), None)
            return Roles(sides, [opponent]) if opponent else Roles([slot], sides[1:])
        if _BETWEEN_SECOND.search(before) or _BETWEEN_AGAINST.search(before):
            return Roles([], [slot])
    return None


def _second_side(view: SentenceView, first: Slot, second: Slot) -> bool:
    """Whether ⟨second⟩ is the other side of "between ⟨first⟩ and ⟨second⟩", also past backers no
    entity names ("⟨first⟩ supported by allied militias and ⟨second⟩"), unless another side follows
    it ("... militias and ⟨Russian forces⟩, and rebels": ⟨second⟩ is one more backer)."""
    gap = view.masked[first.end:second.start]
    if _AND_GAP.fullmatch(gap):
        return True
    return bool(_UNNAMED_BACKERS_AND.fullmatch(gap)) and not _AND_AFTER.match(view.masked, second.end)


def _after_backers(view: SentenceView, first: Slot, rest: list[Slot]) -> Roles | None:
    """"between ⟨A⟩, backed by ⟨B⟩, and ⟨C⟩": ⟨A⟩ against ⟨C⟩ (⟨B⟩ backs a side, it is not one);
    likewise "between ⟨A⟩ who operates under ⟨B⟩ and ⟨C⟩" (⟨B⟩ is the coalition ⟨A⟩ fights in)."""
    return next((Roles([first], [slot]) for slot in rest
                 if any(gap.fullmatch(view.masked[first.end:slot.start]) for gap in _PAST_PARTNER)), None)


def surface_roles(view: SentenceView, trigger: Trigger, slots: list[Slot], previous: Trigger | None,
                  inherited: list[Slot]) -> Roles:
    before = [s for s in slots if s.end <= trigger.start]
    after = [s for s in slots if s.start >= trigger.end]
    agents = [s for s in after if _AGENT.search(view.masked[trigger.end:s.start])]
    between = _between(view, trigger, after)
    if between:
        return between
    if trigger.rule.roles == "targets":
        return Roles(agents, [s for s in before + after if s not in agents])
    if trigger.rule.roles == "actors":
        return Roles([s for s in slots if s.type != "EQUIPMENT"], [])
    if trigger.rule.roles == "equipment":  # the side it was taken from or supplied by is not the one using it
        users = [s for s in slots if s.type != "EQUIPMENT" and not _PREVIOUS_HOLDER.search(view.masked, 0, s.start)]
        return Roles(users, [s for s in slots if s.type == "EQUIPMENT"])
    if trigger.rule.roles == "loser_subject":
        return Roles(after, before)
    if trigger.rule.roles == "prefix_actor":
        return _prefix_roles(view, trigger, before, after)
    holders = [s for s in before if _holder(view, s, trigger)]
    if holders:  # "⟨X⟩ was in ⟨E⟩ custody"
        return Roles(holders, [s for s in slots if s not in holders])
    if _is_passive(view, trigger):
        return _defended(trigger, Roles(agents, before + [s for s in after if s not in agents]))
    subjects = _subjects(view, trigger, before, previous)
    actors = inherited if subjects is None else subjects
    if not actors:  # "shelling, said to have been fired by ⟨E1⟩, hit ⟨E2⟩": the side it was done by
        actors = [s for s in agents if _DONE_BY.search(view.masked[trigger.end:s.start])]
        after = [s for s in after if s not in actors]
    return _split_symmetric(trigger, _defended(trigger, Roles(list(actors), after)))


def _defended(trigger: Trigger, roles: Roles) -> Roles:
    """The roles of a fight the subject fended off ("⟨A⟩ repelled ⟨B⟩'s attack", "⟨B⟩'s attack was
    repelled by ⟨A⟩"): the side fended off acts, the defender is its target; as read where no side
    is named as fended off ("⟨A⟩ repelled an attack")."""
    if trigger.rule.roles == "defender_subject" and roles.targets:
        return Roles(roles.targets, roles.actors)
    return roles


def _prefix_roles(view: SentenceView, trigger: Trigger, before: list[Slot], after: list[Slot]) -> Roles:
    """"⟨E1⟩-designated": E1 acts on the name the phrase describes, the one right after it
    ("the ⟨E⟩-designated ⟨X⟩") or else the one before it ("⟨X⟩, an ⟨E⟩-designated militant")."""
    actors = [s for s in before if s.end == trigger.start]
    described = [s for s in after[:1] if _DESCRIBED_AFTER.fullmatch(view.masked[trigger.end:s.start])]
    described = described or [s for s in before if s not in actors][-1:]
    return Roles(actors, described)


def _split_symmetric(trigger: Trigger, roles: Roles) -> Roles:
    """"⟨E0⟩ and ⟨E1⟩ clashed": the first side acts, the other is the target."""
    if trigger.rule.type == "CLASH" and not roles.targets and len(roles.actors) > 1:
        return Roles(roles.actors[:1], roles.actors[1:])
    return roles


# --- dependency parse (when the Doc has one) ----------------------------------------------------

_SUBJECT_DEPS = {"nsubj", "csubj"}
_TARGET_DEPS = {"dobj", "obj", "nsubjpass", "nsubj:pass", "iobj", "attr"}
_AGENT_DEPS = {"agent", "obl:agent"}
_TARGET_PREPOSITIONS = {"against", "on", "with", "at", "targeting"}


def _token_role(token, trigger_token) -> str | None:
    """Role of a participant token by the path up its heads to the trigger (at most four steps)."""
    passive = any(c.dep_ in ("auxpass", "aux:pass", "nsubjpass", "nsubj:pass") for c in trigger_token.children)
    for _ in range(4):
        head = token.head
        if token.dep_ in _AGENT_DEPS or (token.dep_ in ("pobj", "obl") and _preposition(token) == "by"):
            return "actor" if head == trigger_token or head.head == trigger_token else None
        if head == trigger_token:
            return _role_of_dep(token, passive)
        if head == token:
            return None
        token = head
    return None


def _preposition(token) -> str | None:
    if token.dep_ == "pobj":
        return token.head.lower_
    case = [c for c in token.children if c.dep_ == "case"]
    return case[0].lower_ if case else None


def _role_of_dep(token, passive: bool) -> str | None:
    if token.dep_ in _SUBJECT_DEPS:
        return "target" if passive else "actor"
    if token.dep_ in _TARGET_DEPS:
        return "target"
    if token.dep_ in ("prep", "obl", "nmod") and (_preposition(token) or token.lower_) in _TARGET_PREPOSITIONS:
        return "target"
    return None


def dependency_roles(sdoc, view: SentenceView, trigger: Trigger, slots: list[Slot], fallback: Roles) -> Roles:
    """Roles from the parse where it is clear, the surface roles elsewhere."""
    trigger_span = sdoc.char_span(view.doc_offset(trigger.start), view.doc_offset(trigger.end),
                                  alignment_mode="expand")
    if trigger_span is None:
        return fallback
    roles = Roles()
    for slot in slots:
        span = sdoc.char_span(slot.mention.start, slot.mention.end, alignment_mode="expand")
        role = _token_role(span.root, trigger_span.root) if span is not None else None
        role = role or ("actor" if slot in fallback.actors else "target" if slot in fallback.targets else None)
        if role:
            (roles.actors if role == "actor" else roles.targets).append(slot)
    return roles


def assign_roles(view: SentenceView, trigger: Trigger, slots: list[Slot], previous: Trigger | None = None,
                 inherited: list[Slot] | None = None, sdoc=None) -> Roles:
    roles = surface_roles(view, trigger, slots, previous, inherited or [])
    if sdoc is not None and sdoc.has_annotation("DEP"):
        return dependency_roles(sdoc, view, trigger, slots, roles)
    return roles
