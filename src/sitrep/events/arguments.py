"""Event arguments read from the sentence: fatalities, quantities, place and date."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sitrep.events.context import clause_bounds, object_phrase
from sitrep.events.numbers import Count, number_words, parse_count
from sitrep.events.relations import conjuncts
from sitrep.events.resources import expand_macros, load_events_yaml
from sitrep.events.roles import place_as_force
from sitrep.events.triggers import Trigger
from sitrep.events.view import SentenceView, Slot
from sitrep.nlp.dates import DateMention, resolve_date
from sitrep.phrases import ACROSS_BORDER_BEFORE, APPROXIMATELY, COMPASS_POINT, DISTANCE_UNIT, alternation, in_dateline, place_words, word_regex

GEO_RANK = {"site": 0, "village": 1, "city": 2, "admin2": 3, "admin1": 4, "country": 5}
_ARTICLE_PREFIX = r"(?:\b(?:al|el|ad|ar|as|ash|at|az|an)[-‘’'])?"  # "near the town of al-⟨E⟩"
_STRONG_LOCATIVE = re.compile(
    r"\b(?:in|near|at|outside|inside|around|nearby|close\s+to|on\s+the\s+outskirts\s+of|"
    r"(?:north|south|east|west)(?:ern|[- ]?(?:east|west)(?:ern)?)?\s+of|(?:countryside|outskirts|vicinity)\s+of)"
    rf"\s+(?:the\s+)?(?:[\w-]+\s+(?:of\s+)?){{0,2}}{_ARTICLE_PREFIX}$", re.IGNORECASE)
# "on the ⟨E⟩ front", "on the ⟨E1⟩ and ⟨E2⟩ axes": a front line named after a place runs there; a road
# named after one ("on the ⟨E⟩ road") only leads there
_ON_BEFORE = re.compile(r"\bon\s+(?:the\s+)?$", re.IGNORECASE)
_FRONT_AFTER = re.compile(r"(?:\s*(?:,|\band\b)\s*⟨E\d+⟩)*\s+(?:front(?:[- ]?lines?)?s?|axis|axes)\b", re.IGNORECASE)
_WEAK_LOCATIVE = re.compile(rf"\b(?:to|into|towards?|across|throughout|over)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}"
                            rf"{_ARTICLE_PREFIX}$", re.IGNORECASE)


# "⟨E⟩'s commander", "⟨E⟩-made" (but "⟨E⟩'s countryside" and "⟨E⟩'s airport" are places)
_OWNER_AFTER = re.compile(r"(?:'s|’s)(?!\s+(?:[\w-]+\s+)?(?:countryside|outskirts|suburbs?|province|governorate|district|"
                          r"region|desert|border|city|capital|north|south|east|west|cent(?:er|re)|heart|"
                          rf"neighbou?rhoods?|villages?|towns?|markets?|{place_words('sites', 'parts')})\b)"
                          r"|[-–](?:\w+ed|made|held|run|built)\b", re.IGNORECASE)


_LISTING = re.compile(r"\b(?:and|or)\b", re.IGNORECASE)
_SPEAKER_BEFORE = re.compile(r"\b(?:sources?|officials?|spokes(?:man|woman|person)|activists?|residents?|"
                             r"correspondents?|reporters?)\s+(?:\w+\s+)?(?:in|from|at)\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class ArgumentPatterns:
    fatalities: tuple[re.Pattern, ...]
    subset_before: re.Pattern
    quantities: dict[str, re.Pattern]


def _count_macros(classes: dict[str, str]) -> dict[str, str]:
    words = number_words()
    bare = rf"(?:{words.number_pattern}|{alternation([*words.vague, *words.singulars['indefinite']])})"
    return {**classes, "COUNT": words.count_pattern(), "ACOUNT": words.count_pattern("indefinite"),
            "DCOUNT": words.count_pattern("indefinite", "definite"), "PCOUNT": words.count_pattern("person"),
            "BARE_COUNT": bare}


@cache
def argument_patterns() -> ArgumentPatterns:
    raw = load_events_yaml("triggers")
    macros = _count_macros(raw["classes"])
    return ArgumentPatterns(
        tuple(word_regex(expand_macros(p, macros)) for p in raw["fatalities"]["patterns"]),
        re.compile(raw["fatalities"]["subset_before"], re.IGNORECASE),
        {t: word_regex(expand_macros(p, macros)) for t, p in raw["quantities"].items()})


def death_counts(masked: str) -> list[Count]:
    """Counts of the dead in a sentence, each once: a count inside a phrase already counted is
    part of it ("a fighter was killed" is one, not a count for "a" and one for "fighter");
    counts of a subset ("including five children") are left out."""
    patterns = argument_patterns()
    found: list[Count] = []
    phrases: list[tuple[int, int]] = []
    for pattern in patterns.fatalities:
        for match in pattern.finditer(masked):
            count = parse_count(match)
            if count and not patterns.subset_before.search(masked[:count.start]) and \
                    all(count.end <= c.start or count.start >= c.end for c in found) and \
                    not any(start <= count.start and count.end <= end for start, end in phrases):
                found.append(count)
                phrases.append(match.span())
    return sorted(found, key=lambda c: c.start)


def total(counts: list[Count]) -> Count | None:
    """The sum of several counts ("killing 3 soldiers and 5 rebels" -> 8); vague parts leave no best value."""
    if len(counts) <= 1:
        return counts[0] if counts else None
    best = None if any(c.best is None for c in counts) else sum(c.best for c in counts)
    low = sum(c.low if c.low is not None else (c.best or 0) for c in counts)
    high = None if any(c.high is None and c.best is None for c in counts) else \
        sum(c.high if c.high is not None else c.best for c in counts)
    acled = sum(c.acled or 0 for c in counts)
    return Count(best, low, high, counts[0].start, counts[-1].end, acled)


def quantity(masked: str, event_type: str, near: int) -> int | None:
    """The count of fighters deployed or people displaced nearest to the trigger at ``near``."""
    pattern = argument_patterns().quantities.get(event_type)
    counts = [c for m in pattern.finditer(masked) if (c := parse_count(m))] if pattern else []
    if not counts:
        return None
    return min(counts, key=lambda c: c.start - near if c.start >= near else max(near - c.end, 0)).best


def _finest(slots: list[Slot], start: int, end: int) -> Slot | None:
    """The most precise geocoded place; among equals, the nearest to the trigger ``start..end``."""
    def rank(slot: Slot) -> tuple[int, int]:
        geo = slot.entity.geo
        distance = slot.start - end if slot.start >= end else start - slot.end
        return GEO_RANK.get(geo.precision, 6) if geo else 6, distance
    return min(slots, key=rank) if slots else None


def names_location(view: SentenceView, slot: Slot) -> bool:
    """Whether a place mention says where the event was, not whose or where a speaker is:
    "⟨E⟩'s commander", "⟨E⟩-made", "⟨E⟩ soldiers", "a source in ⟨E⟩ told"."""
    return not (_OWNER_AFTER.match(view.masked, slot.end) or place_as_force(view, slot)
                or _SPEAKER_BEFORE.search(view.masked, 0, slot.start))


def choose_place(view: SentenceView, trigger: Trigger, taken: set[int]) -> Slot | None:
    """Where: for a trigger acting on a place, the PLACE it acts on ("took control of ⟨E⟩ ...
    in ⟨Syria⟩" is about ⟨E⟩); else a PLACE after "in/near/at" in the trigger's clause (the
    finest if geocoded), else after "to/into", else any free PLACE of the clause, else of the
    sentence. The town opening a wire dateline is where the story was filed: it is the place only
    where the sentence names no other ("KHARTOUM (AP) - Shells struck the main market")."""
    start, end = trigger.start, trigger.end
    left, right = clause_bounds(view, start, end)
    places = [s for s in view.slots if s.type == "PLACE" and s.index not in taken and names_location(view, s)]
    places = [s for s in places if not _opens_dateline(view, s)] or places
    if trigger.rule.requires == "place_object":
        object_start, object_end = object_phrase(view, start, end)
        acted_on = [s for s in places if object_start <= s.start and s.end <= object_end]
        if acted_on:
            return acted_on[0]
    in_clause = [s for s in places if left <= s.start and s.end <= right]
    for pool in (in_clause, places):
        for locative in (_STRONG_LOCATIVE, _WEAK_LOCATIVE):
            marked = [s for s in pool if _marked(view, s, locative)]
            found = _finest(marked, start, end)
            if found:
                return _contained(view, pool, found)
    return in_clause[0] if in_clause else (places[0] if places else None)


def _opens_dateline(view: SentenceView, slot: Slot) -> bool:
    return in_dateline(view.text, slot.mention.start - view.start, slot.mention.end - view.start)


def _marked(view: SentenceView, slot: Slot, locative: re.Pattern) -> bool:
    """Whether the words before a place mark it as where something happened (``locative``); a
    strong mark is also "on the ⟨E⟩ front". A country across a border is not where ("near the border
    with ⟨E⟩")."""
    before = view.masked[max(0, slot.start - 60):slot.start]
    if ACROSS_BORDER_BEFORE.search(before):
        return False
    return bool(locative.search(before) or locative is _STRONG_LOCATIVE and _ON_BEFORE.search(before)
                and _FRONT_AFTER.match(view.masked, slot.end))


# Where the place before it lies: ", in eastern ⟨E⟩", ", a garrison town in ⟨E⟩", " near ⟨E⟩"; or, as
# ``_DIRECTION_AFTER``, from which place it lies: ", south of ⟨E⟩"
_CONTAINER_AFTER = re.compile(r",?\s+(?:(?:a|an|the)\s+[\w-]+(?:\s+[\w-]+){0,2}\s+)?(?:in|near|outside)\s+(?:the\s+)?"
                              r"(?:(?:north|south|east|west|central)(?:ern|[- ]?(?:east|west)(?:ern)?)?\s+)?⟨E(?P<index>\d+)⟩")
_DIRECTION_AFTER = re.compile(rf",\s+(?:{APPROXIMATELY}\s+)?(?:\d+\s*{DISTANCE_UNIT}\s+)?{COMPASS_POINT}\s+of\s+(?:the\s+)?"
                              r"⟨E(?P<index>\d+)⟩")


def _contained(view: SentenceView, pool: list[Slot], place: Slot) -> Slot:
    """The place of ``pool`` written right before ``place`` as lying in it or off it, else ``place``:
    in "attacked ⟨Menaka⟩, in eastern ⟨Mali⟩" and "shelled ⟨Ariha⟩, south of ⟨Idlib⟩" the first
    place is where, though only the second is marked. Of a list before it, the first ("the road
    between ⟨A⟩ and ⟨B⟩ in ⟨Z⟩": A, as where a list is placed)."""
    inner = next((s for s in pool if _placed_by(view, s) is place), None)
    if inner is None:
        return place
    listed = [s for s in conjuncts(view, inner, forward=False) if s in pool]
    return listed[-1] if listed else inner


def _placed_by(view: SentenceView, slot: Slot) -> Slot | None:
    """The place written right after ``slot`` as where it lies, where both are geocoded to one
    country and the second is the coarser ("⟨Menaka⟩, in eastern ⟨Mali⟩"), or as the place it lies
    off ("⟨Ariha⟩, south of ⟨Idlib⟩")."""
    direction = _DIRECTION_AFTER.match(view.masked, slot.end)
    if direction:
        return _slot_at(view, int(direction["index"]))
    match = _CONTAINER_AFTER.match(view.masked, slot.end)
    container = _slot_at(view, int(match["index"])) if match else None
    inner, outer = slot.entity.geo, container.entity.geo if container else None
    if inner is None or outer is None or inner.country != outer.country \
            or GEO_RANK.get(inner.precision, 6) >= GEO_RANK.get(outer.precision, 6):
        return None
    return container


def _slot_at(view: SentenceView, index: int) -> Slot | None:
    """The place masked as ``⟨E{index}⟩`` (a mask's number is its slot's position), else None."""
    slot = view.slots[index]
    return slot if slot.type == "PLACE" else None


def event_date(view: SentenceView, start: int, end: int, anchor: str | None) -> DateMention | None:
    """The sentence's own date expression nearest to the trigger, resolved against the anchor."""
    return resolve_date(view.text, anchor, near=(view.text_offset(start), view.text_offset(end)))


def listed_places(view: SentenceView, trigger: Trigger, place: Slot) -> list[Slot]:
    """Places listed with ``place`` in the trigger's clause ("⟨A⟩, ⟨B⟩ and ⟨C⟩"; not "⟨A⟩, northern ⟨B⟩",
    which says where A is)."""
    left, right = clause_bounds(view, trigger.start, trigger.end)
    listed = [s for s in conjuncts(view, place, forward=True) if left <= place.start and s.end <= right]
    return listed if listed and _LISTING.search(view.masked, place.end, listed[-1].start) else []
