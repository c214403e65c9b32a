"""The two actors an ACLED row codes for an event: the event's named parties, and ACLED's
generic actor names ("Military Forces of Syria", "Opposition Rebels", "Unidentified Armed
Group") for the sides a report describes without naming (``data/events/acled.yaml``).

ACLED lists the sides of a clash in the order the report gives them and leaves supporters
("backed by ⟨X⟩") to its associated-actor fields; for other events the side that acts comes first.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from sitrep.events.actors import is_state_force, prevailing_country, state_country
from sitrep.events.lexicon import load_trigger_lexicon
from sitrep.events.resources import expand_macros, load_events_yaml
from sitrep.models import Analysis, Entity, Event, Mention
from sitrep.phrases import alternation, qualifies_a_side, word_regex
from sitrep.registry import Registry
from sitrep.resolve.normalize import name_key

_MASK = "#"
_ACRONYM_PREFIX = re.compile(r"^([A-Za-z]{2,6}):\s+")  # "QSD: Syrian Democratic Forces"
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_QUALIFIERS = re.compile(rf"{_PARENTHESES.pattern}|\s+-\s+")  # "(2000-)", "Hamza Division - Aleppo": a branch after the dash
_ROOM = re.compile(r"\s+Operations?\s+Room$", re.IGNORECASE)  # a coalition's kind, which reports often leave out
_AGENT_BEFORE = re.compile(r"\bby\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)  # "killed by (an) ⟨unknown gunmen⟩"
_SUPPORTER_WINDOW = 40  # characters before a side where "backed by" makes it a supporter
_OPERATION = re.compile(r"Operation\s")  # a registered military operation's name ("Operation Olive Branch")
_SPACE = re.compile(r"\s+")
_REGIME = re.compile(r"\bregime\b", re.IGNORECASE)
_UNQUALIFIED_REGIME = "regime forces"  # the registry's reading of "the regime" said of no country
# From a state's forces to the sides listed after them ("Turkish| and rebel |Olive Branch factions")
_LISTED_BEFORE = re.compile(r"[\w'-]*(?:\s+[\w'-]+)?(?:,?\s+and\s+|,\s+)(?:[\w'-]+\s+){0,4}", re.IGNORECASE)
_AND_BEFORE = re.compile(r"[\w'-]*(?:\s+[\w'-]+)?,?\s+and\s+", re.IGNORECASE)  # "government troops and " ⟨loyalist militias⟩
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:(?:found|reportedly|later|then)\s+)?$",
                             re.IGNORECASE)  # "... was (found) ⟨killed⟩"
_OWNER_BEFORE = re.compile(r"\b(?:military|army|armed forces|forces|troops) of (?:the )?$", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\b", re.IGNORECASE)  # "clashes took place between ⟨A⟩ and ⟨B⟩": no side is the subject
# A name in a masked sentence: a masked mention, or capitalised words ("Albu Saleh"), and a list of them
_NAME = re.compile(r"#+|[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3}")
_NAME_LIST = re.compile(rf"(?<![\w#'’-])(?:{_NAME.pattern})(?:(?:\s*,\s*|,?\s+and\s+)(?:{_NAME.pattern}))*\s+$")
_NO_COUNTRY = re.compile(r"\s*\(\{country\}\)|\s+of\s+\{country\}|\{country\}")  # "Military Forces", not "... of "


@dataclass(frozen=True)
class GenericActor:
    name: str  # ACLED name, "{country}" to fill
    pattern: re.Pattern
    state: bool = False  # a state's forces (ACLED lists them first in a clash with no attacker)


@dataclass(frozen=True)
class NamedAfter:
    """A side ACLED names after its tribe or community: ``name`` has "{name}" to fill with the
    names written before ``after`` or after ``before``."""
    name: str
    after: re.Pattern | None = None  # words right after a list of names ("tribal militiamen")
    before: re.Pattern | None = None  # words right before one name ("gunmen from"), or before the list
    place: bool = False  # the name must be a place's


@dataclass(frozen=True)
class ActorConventions:
    generic: tuple[GenericActor, ...]
    named_after: tuple[NamedAfter, ...]
    not_names: frozenset[str]  # capitalised words that name no tribe or community ("Arab")
    supporter_before: re.Pattern
    suspected: re.Pattern  # after an unnamed side, up to the group it is said to be of
    operating_under: re.Pattern  # after a side, up to the operation it fights as part of
    supported_under: re.Pattern  # after a side, up to the operation its named supporters fight as part of
    unknown_perpetrator: str  # generic name of the side that acted when the report names none
    unknown_perpetrator_subs: frozenset[str]  # sub-event types where ACLED names that side
    state_first: re.Pattern  # trigger words of a fight with no attacker: the state's forces first
    initiator: re.Pattern  # words saying which side of such a fight started it ("an attack by the latter")
    opposed_between: re.Pattern  # between a clash's first side and a later one: the two fight each other
    within_one_side: re.Pattern  # a clash inside one side: ACLED codes that side twice
    nationalities: dict[str, str]  # casefolded demonym -> country name
    nationality: re.Pattern
    countries: dict[str, str]  # ISO code -> country name
    air_defence_subs: frozenset[str]  # strikes that air defences engaging turn into a clash with them
    air_defence: re.Pattern
    air_defence_owner: re.Pattern  # a side's name followed by its air defences ("regime air defences")
    air_defence_name: str  # the generic name of air defences named without their side


@dataclass(frozen=True)
class CodedActor:
    """One side as an ACLED row names it: an extracted entity, or a generic ACLED name."""

    start: int  # document offset where the report names it in the event's sentence
    entity: Entity | None = None
    generic: str | None = None
    state: bool = False  # a generic name for a state's forces


@cache
def actor_conventions() -> ActorConventions:
    raw = load_events_yaml("acled")["actors"]
    macros = {"nationality": alternation(raw["nationalities"])}
    generic = tuple(GenericActor(spec["name"], word_regex(expand_macros(spec["pattern"], macros)),
                                 bool(spec.get("state")))
                    for spec in raw["generic"])
    named_after = tuple(NamedAfter(spec["name"], word_regex(spec["after"]) if "after" in spec else None,
                                   re.compile(rf"(?<![\w-]){spec['before']}$", re.IGNORECASE) if "before" in spec
                                   else None, bool(spec.get("place")))
                        for spec in raw["named_after"])
    return ActorConventions(generic, named_after, frozenset(raw["not_names"]),
                            re.compile(raw["supporter_before"], re.IGNORECASE),
                            re.compile(raw["suspected"], re.IGNORECASE),
                            re.compile(raw["operating_under"], re.IGNORECASE),
                            re.compile(raw["supported_under"] + raw["operating_under"], re.IGNORECASE),
                            raw["unknown_perpetrator"]["name"], frozenset(raw["unknown_perpetrator"]["sub_event_types"]),
                            word_regex(raw["state_first"]), word_regex(raw["initiator"]),
                            word_regex(raw["opposed_between"]), re.compile(raw["within_one_side"], re.IGNORECASE),
                            {k.casefold(): v for k, v in raw["nationalities"].items()},
                            word_regex(macros["nationality"], 0), raw["countries"],
                            frozenset(raw["air_defence"]["sub_event_types"]), word_regex(raw["air_defence"]["cue"]),
                            re.compile(raw["air_defence"]["owner"], re.IGNORECASE), raw["air_defence"]["name"])


def report_country(analysis: Analysis, event: Event, registry: Registry | None) -> str | None:
    """Name of the country the report is about: that of most of its geocoded places, else of
    most of the registered groups it names, else of the nationality word it uses most (which
    also decides between countries the groups share), else, for a report that only says "the
    regime", of the state force the registry reads an unqualified "regime forces" as."""
    named = _named_country(analysis.doc.text)
    code = prevailing_country(analysis, event.place) or _groups_country(analysis, registry, named) or \
        (None if named else _unqualified_regime_country(analysis.doc.text, registry))
    return actor_conventions().countries.get(code) if code else named


def _unqualified_regime_country(text: str, registry: Registry | None) -> str | None:
    """For a report that says "the regime" and names no country, place or group that has one, the
    country of the state force the registry reads an unqualified "regime forces" as, if just one."""
    if registry is None or not _REGIME.search(text):
        return None
    entries = [registry.get(entry_id) for entry_id in registry.lookup(_UNQUALIFIED_REGIME)]
    countries = {entry.country for entry in entries if entry is not None and entry.country}
    return countries.pop() if len(countries) == 1 else None


def _groups_country(analysis: Analysis, registry: Registry | None, named: str | None) -> str | None:
    """The country most of the registered actors the report names operate in; of countries tied
    (the Islamic State operates in Iraq and Syria alike), the one the report's nationality words
    name, if it is among them."""
    if registry is None:
        return None
    shares = registry.country_shares(e.registry_id for e in analysis.entities if e.registry_id)
    top = max(shares.values(), default=0.0)
    tied = [code for code, share in shares.items() if share == top]
    names = actor_conventions().countries
    return next((code for code in tied if names.get(code) == named), tied[0] if tied else None)


def _named_country(text: str) -> str | None:
    """The country whose nationality word the report uses most ("Syrian"), if any."""
    conventions = actor_conventions()
    words = Counter(" ".join(m.group(0).casefold().split()) for m in conventions.nationality.finditer(text))
    return conventions.nationalities[words.most_common(1)[0][0]] if words else None


def _masked_sentence(analysis: Analysis, start: int, end: int) -> str:
    """The sentence with every entity mention masked (generic names are looked for elsewhere),
    but for names that only qualify a generic side ("pro-⟨Iran⟩ militias", "⟨Iran⟩-backed")."""
    text = analysis.doc.text
    chars = list(text[start:end])
    for entity in analysis.entities:
        for m in entity.mentions:
            if qualifies_a_side(text, m.start, m.end):
                continue
            for i in range(max(m.start, start), min(m.end, end)):
                chars[i - start] = _MASK
    return "".join(chars)


def names_a_side(text: str, mention: Mention) -> bool:
    """Whether a mention of a place only says whose a side is ("pro-⟨Turkey⟩ factions",
    "⟨Turkey⟩-backed factions", "the military of ⟨Turkey⟩"), not where anything happened."""
    return qualifies_a_side(text, mention.start, mention.end) or \
        bool(_OWNER_BEFORE.search(text[max(0, mention.start - 20):mention.start]))


def _generic_name(spec: GenericActor, match: re.Match, country: str | None, place: str | None) -> str:
    nationality = match.groupdict().get("nat")
    conventions = actor_conventions()
    if nationality:
        country = conventions.nationalities.get(" ".join(nationality.casefold().split()), country)
    return _filled(spec.name.replace("{place}", place or ""), country)


def _filled(name: str, country: str | None) -> str:
    """A generic name with its country ("Military Forces of Syria"), or without ("Military Forces")."""
    return name.replace("{country}", country) if country else _NO_COUNTRY.sub("", name)


def generic_actors(analysis: Analysis, event: Event, country: str | None, masked: str) -> list[CodedActor]:
    """Generic sides named in the event's sentence (``masked``: with its mentions masked),
    leftmost-longest, none inside a mention nor right after an actor's name, whose members they
    are ("2 ⟨Turkish⟩ soldiers", "⟨IS⟩ gunmen"; "⟨Hama⟩ rebels" are still a side)."""
    start = event.sentence[0]
    place = analysis.entity(event.place) if event.place else None
    found = sorted(((m.start(), -len(m.group(0)), i, m) for i, spec in enumerate(actor_conventions().generic)
                    if place is not None or "{place}" not in spec.name
                    for m in spec.pattern.finditer(masked)), key=lambda t: t[:3])
    owners = {m.end for e in analysis.entities if e.type != "PLACE" for m in e.mentions}
    taken: list[CodedActor] = []
    last_end = -1
    for offset, _, index, match in found:
        if offset >= last_end and start + offset - 1 not in owners:
            spec = actor_conventions().generic[index]
            suspect = _suspected(analysis, start + match.end())
            taken.append(CodedActor(start + offset, entity=suspect,
                                    generic=None if suspect else _generic_name(spec, match, country,
                                                                               place and place.name),
                                    state=spec.state and suspect is None))
            last_end = match.end()
    return taken


def named_after_sides(analysis: Analysis, event: Event, country: str | None,
                      masked: str) -> list[tuple[CodedActor, int, int]]:
    """Sides the event's sentence names after their tribe or community, each with the span of
    the words that name it: "⟨Albu X⟩ and ⟨Al Y⟩ tribal militiamen" are "Albu X Tribal Militia"
    and "Al Y Tribal Militia", "gunmen from ⟨Z⟩" the "Z Communal Militia" (ACLED's names)."""
    conventions, start = actor_conventions(), event.sentence[0]
    sides = []
    for spec in conventions.named_after:  # a name is its first spec's ("gunmen from ⟨X⟩ tribe": a tribe)
        for begin, end, name_start, name in _names_of(analysis, spec, masked, start):
            if name not in conventions.not_names and all(side.start != start + name_start for side, _, _ in sides):
                sides.append((CodedActor(start + name_start, generic=_filled(spec.name.replace("{name}", name),
                                                                           country)), start + begin, start + end))
    return sides


def _names_of(analysis: Analysis, spec: NamedAfter, masked: str, start: int) -> Iterator[tuple[int, int, int, str]]:
    """(span start, span end, name start, name) of each name ``spec`` finds in the masked sentence,
    offsets relative to the sentence."""
    text = analysis.doc.text
    if spec.after is not None:
        for words in spec.after.finditer(masked):
            listed = _NAME_LIST.search(masked, 0, words.start())
            names = list(_NAME.finditer(masked, listed.start(), words.start())) if listed else []
            if names and all(_may_be_tribe(analysis, start + n.start()) for n in names):
                said = spec.before.search(masked, 0, names[0].start()) if spec.before else None
                yield from ((said.start() if said else names[0].start(), words.end(), n.start(),
                             text[start + n.start():start + n.end()]) for n in names)
    elif spec.before is not None:
        for entity in analysis.entities:
            inside = [m for m in entity.mentions if start <= m.start and m.end - start <= len(masked)]
            for m in inside if not spec.place or entity.type == "PLACE" else ():
                if said := spec.before.search(masked, 0, m.start - start):
                    yield said.start(), m.end - start, m.start - start, m.text


def _may_be_tribe(analysis: Analysis, offset: int) -> bool:
    """Whether the name at ``offset`` may be a tribe's: not a registered group ("⟨SDF⟩ and
    ⟨X⟩ tribal militiamen")."""
    return not any(e.type != "PLACE" and e.registry_id for e in analysis.entities
                   for m in e.mentions if m.start == offset)


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``offset`` falls in one of the (start, end) spans."""
    return any(begin <= offset < end for begin, end in spans)


def _suspected(analysis: Analysis, offset: int) -> Entity | None:
    """The group an unnamed side is said to belong to ("gunmen believed to be ⟨IS⟩") or to fight
    under: ACLED codes the suspect."""
    conventions = actor_conventions()
    return _group_after(analysis, offset, conventions.suspected) or _operation_fought_under(analysis, offset)


def _operation_fought_under(analysis: Analysis, offset: int) -> Entity | None:
    """The operation a side, or the supporters named right after it, fight as part of."""
    conventions = actor_conventions()
    return _group_after(analysis, offset, conventions.operating_under) or \
        _group_after(analysis, offset, conventions.supported_under)


def _group_after(analysis: Analysis, offset: int, words: re.Pattern) -> Entity | None:
    """The armed group named right after ``words`` at ``offset``."""
    said = words.match(analysis.doc.text, offset)
    if said is None:
        return None
    return next((e for e in analysis.entities if e.type == "ARMED_GROUP"
                 and any(m.start == said.end() for m in e.mentions)), None)


def _named(analysis: Analysis, keys: list[str], event: Event, registry: Registry | None) -> list[CodedActor]:
    """The event's named parties; one said to fight as part of an operation ("operating under
    OPS"), or named right before it ("SNA Olive Branch forces"), is that operation."""
    start, end = event.sentence
    named = []
    for key in keys:
        entity = analysis.entity(key)
        if entity is None:
            continue
        inside = sorted((m for m in entity.mentions if start <= m.start < end), key=lambda m: m.start)
        if inside and all(qualifies_a_side(analysis.doc.text, m.start, m.end) for m in inside):
            continue  # "the pro-⟨Syrian army⟩ militias": the militias are the side
        # where the party itself acts: "amid ⟨X⟩ mortar fire, ⟨X⟩ fought ⟨Y⟩" is the second mention
        first = next((m for m in inside if not _supports_at(analysis.doc.text, m.start, start)),
                     inside[0] if inside else None)
        operation = first and (_operation_fought_under(analysis, first.end)
                               or _operation_after(analysis, first.end, registry))
        named.append(CodedActor(first.start if first else end, entity=operation or entity))
    return named


def _operation_after(analysis: Analysis, offset: int, registry: Registry | None) -> Entity | None:
    """A military operation named right after a group ("⟨JSH⟩ ⟨Olive Branch⟩ forces")."""
    entity = _group_after(analysis, offset, _SPACE)
    entry = registry.get(entity.registry_id) if entity and entity.registry_id and registry else None
    return entity if entry is not None and _OPERATION.match(entry.name) else None


def _supports_at(text: str, offset: int, sentence_start: int) -> bool:
    """Whether the side named at ``offset`` only supports another ("backed by ⟨X⟩"), going by the
    words before it in its sentence."""
    before = text[max(sentence_start, offset - _SUPPORTER_WINDOW):offset]
    return bool(actor_conventions().supporter_before.search(before))


def _sides(analysis: Analysis, event: Event, parties: list[CodedActor]) -> list[CodedActor]:
    """Parties without their supporters (when someone else is left), in the report's order."""
    text = analysis.doc.text
    ordered = sorted(parties, key=lambda a: a.start)
    sides = [a for a in ordered if not _supports_at(text, a.start, event.sentence[0])]
    return sides or ordered


def _same(a: CodedActor | None, b: CodedActor | None, registry: Registry | None) -> bool:
    """One side named twice: the same entity, the same generic name, or a generic name that is a
    name of the entity ("Military Forces of Syria" and "regime forces")."""
    if a is None or b is None:
        return False
    if a.entity is not None and b.entity is not None:
        return a.entity is b.entity
    if a.generic is not None and b.generic is not None:
        return a.generic == b.generic
    entity, generic = (a.entity, b.generic) if a.entity is not None else (b.entity, a.generic)
    return bool(acled_names(generic) & entity_names(entity, registry))


def _distinct(sides: list[CodedActor], registry: Registry | None) -> list[CodedActor]:
    """Each side once, where the report first names it (a suspect named again, a generic repeated)."""
    kept: list[CodedActor] = []
    for side in sides:
        if not any(_same(side, k, registry) for k in kept):
            kept.append(side)
    return kept


def acled_names(actor: str) -> set[str]:
    """Name keys of an ACLED actor name: "QSD: Syrian Democratic Forces" -> its acronym and name;
    "Military Forces of Syria (2000-) Military Intelligence" -> the force and the unit; "Hamza
    Division - Aleppo" -> the group and its branch; "⟨X⟩ Operation Room" -> also ⟨X⟩."""
    prefix = _ACRONYM_PREFIX.match(actor)
    rest = actor[prefix.end():] if prefix else actor
    parts = [p.strip() for p in _QUALIFIERS.split(rest) if p.strip()]
    names = {name_key(p) for p in parts} | {name_key(_PARENTHESES.sub("", rest))} | \
        {name_key(_ROOM.sub("", p)) for p in parts if _ROOM.search(p)}
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


def _trigger_offset(analysis: Analysis, event: Event) -> int:
    start, end = event.sentence
    found = analysis.doc.text.find(event.trigger or "", start, end)
    return found if found >= 0 else start


def _directed_sides(analysis: Analysis, event: Event, named_actors: list[CodedActor], named_targets: list[CodedActor],
                    generic: list[CodedActor], registry: Registry | None) -> list[CodedActor | None]:
    """Who acts, then who is acted on: the event's named parties, else the generic side named as
    the agent ("shot by unidentified gunmen") or nearest before an active trigger (before a passive
    one it was acted on: "a rebel fighter was found murdered"), and the first after it,
    else one named before it that is not the actor ("Following clashes with rebels, regime forces
    took X")."""
    trigger, text = _trigger_offset(analysis, event), analysis.doc.text
    agents = [g for g in generic if g.start >= trigger and _AGENT_BEFORE.search(text, trigger, g.start)
              and not _supports_at(text, g.start, event.sentence[0])]  # "supported by ⟨X⟩" backs a side
    before = _sides(analysis, event, [g for g in generic if g.start < trigger])
    unnamed_subject = [] if _PASSIVE_BEFORE.search(text, event.sentence[0], trigger) else \
        _state_first(_conjoined_subject(text, before), registry)
    unsupporting = [g for g in before if not _supports_at(text, g.start, event.sentence[0])]
    acting = _backed(analysis, event, named_actors, before) or \
        _subject_state_first(_with_listed_states(text, unsupporting, _sides(analysis, event, named_actors)), trigger,
                             registry) or agents[:1] or unnamed_subject
    first = acting[0] if acting else None
    acted_on = _sides(analysis, event, named_targets) or \
        _sides(analysis, event, [g for g in generic if g.start >= trigger and g not in agents]) or \
        [g for g in before if g is not first and not _same(g, first, registry) and not _joined_to(text, first, g)][:1]
    return [first, *_distinct([a for a in acted_on if not _same(a, first, registry)], registry)[:1]]


def _joined_to(text: str, first: CodedActor | None, side: CodedActor) -> bool:
    """Whether ``side`` is named right after ``first`` with "and", as one more of the same subject
    ("⟨A⟩ and ⟨militiamen loyal to it⟩ took X")."""
    return first is not None and first.start < side.start and bool(_AND_BEFORE.fullmatch(text, first.start, side.start))


def _conjoined_subject(text: str, before: list[CodedActor]) -> list[CodedActor]:
    """The generic side named last before the trigger with those joined to it by "and" ("⟨regime
    force⟩ and ⟨loyalist militias⟩ regained X"), in the report's order."""
    subject = before[-1:]
    for side in reversed(before[:-1]):
        if not _joined_to(text, side, subject[0]):
            break
        subject.insert(0, side)
    return subject


def _backed(analysis: Analysis, event: Event, named: list[CodedActor], generic: list[CodedActor]) -> list[CodedActor]:
    """The generic side the named parties only back ("Government forces, backed by ⟨Hezbollah⟩,
    took X"): the last one named before them that backs no one; empty where a named party acts."""
    text, start = analysis.doc.text, event.sentence[0]
    if not named or not all(_supports_at(text, a.start, start) for a in named):
        return []
    first = min(a.start for a in named)
    return [g for g in generic if g.start < first and not _supports_at(text, g.start, start)][-1:]


def _subject_state_first(sides: list[CodedActor], trigger: int, registry: Registry | None) -> list[CodedActor]:
    """The sides named together before the trigger with a state's forces first ("Tiger and ⟨Regime
    Forces⟩ took X": ACLED names the state first), the others after them as they were."""
    subject = [side for side in sides if side.start < trigger]
    return _state_first(subject, registry) + [side for side in sides if side.start >= trigger]


def _with_listed_states(text: str, generic: list[CodedActor], acting: list[CodedActor]) -> list[CodedActor]:
    """The acting sides with a state's forces listed right before them ("⟨Turkish⟩ and rebel ⟨Olive
    Branch factions⟩ took X"): one of the sides, which ACLED names first."""
    if not acting:
        return acting
    first = min(a.start for a in acting)
    listed = [g for g in generic if g.state and g.start < first and _LISTED_BEFORE.fullmatch(text, g.start, first)]
    return listed[-1:] + acting


def _opposed_pair(text: str, sides: list[CodedActor]) -> list[CodedActor]:
    """The sides with, second, the first one the report sets against the first side ("⟨A⟩ and ⟨B⟩
    clashed with ⟨C⟩": ⟨C⟩; ⟨B⟩ is on ⟨A⟩'s side), else as reported."""
    against = _against(text, sides)
    return [sides[0], against, *(side for side in sides[1:] if side is not against)] if against else sides


def _against(text: str, sides: list[CodedActor]) -> CodedActor | None:
    """Among three sides or more, the first one the report sets against the first side."""
    if len(sides) < 3:
        return None
    first, opposed = sides[0], actor_conventions().opposed_between
    return next((side for side in sides[1:] if opposed.search(text, first.start, side.start)), None)


def _state_against_other_side(text: str, sides: list[CodedActor], country: str | None,
                              registry: Registry | None) -> list[CodedActor]:
    """A fight with no attacker as ACLED lists it: the camps split where the report sets a side
    against the first ("with", "against"), else after the first side; each camp is led by the
    report country's own forces where it names them, else by its first side ("⟨A⟩, ⟨B⟩ and
    ⟨Russian jets⟩ clashed with ⟨C⟩": ⟨A⟩ against ⟨C⟩; "⟨C⟩ battled ⟨B⟩ and ⟨government
    forces⟩": the government against ⟨C⟩); a leader that is a state's forces comes first."""
    if len(sides) < 2:
        return sides
    against = _against(text, sides)
    split = sides.index(against) if against else 1
    leaders = [_camp_leader(camp, country, registry) for camp in (sides[:split], sides[split:])]
    pair = _state_first(leaders, registry)
    return [*pair, *(side for side in sides if side not in pair)]


def _initiator_first(text: str, sentence: tuple[int, int], sides: list[CodedActor],
                     registry: Registry | None) -> list[CodedActor]:
    """The sides of a fight with the one of its two camps that the sentence says started it first
    ("clashes between ⟨A⟩ and ⟨B⟩, sparked by an attack by the latter": B), unless the first is a
    state's forces, which ACLED lists first anyway. Where the report makes a side the subject
    ("⟨A⟩ clashed with ⟨B⟩ after the latter attacked"), ACLED keeps that side first, but for
    a state's forces that started it."""
    found = actor_conventions().initiator.search(text, *sentence)
    if found is None or len(sides) < 2 or _is_state(sides[0], registry):
        return sides
    former, latter = sorted(sides[:2], key=lambda side: side.start)
    initiator = former if (found.group("side") or found.group("side2")).casefold() == "former" else latter
    if not (_BETWEEN.search(text, sentence[0], former.start) or _is_state(initiator, registry)):
        return sides
    return [initiator, *(side for side in sides if side is not initiator)]


def _camp_leader(camp: list[CodedActor], country: str | None, registry: Registry | None) -> CodedActor:
    """The report country's own forces in a camp, else its first side."""
    return next((side for side in camp if _own_forces(side, country, registry)), camp[0])


def _own_forces(side: CodedActor, country: str | None, registry: Registry | None) -> bool:
    """Whether a side is the state force of the report's country (by name, or by registry entry)."""
    if country is None:
        return False
    if side.entity is None:
        return side.state and bool(side.generic) and side.generic.endswith(f" of {country}")
    code = state_country(side.entity, registry, load_trigger_lexicon())
    return code is not None and actor_conventions().countries.get(code) == country


def _within_one_side(masked: str) -> bool:
    """Whether the event's sentence, its mentions masked, reports fighting inside one side
    ("clashes among members of ⟨X⟩")."""
    return bool(actor_conventions().within_one_side.search(masked))


def _is_state(side: CodedActor, registry: Registry | None) -> bool:
    if side.entity is not None:
        return is_state_force(side.entity, registry, load_trigger_lexicon())
    return side.state


def _state_first(sides: list[CodedActor], registry: Registry | None) -> list[CodedActor]:
    """The sides of a battle with the state's forces first (ACLED's order), else as reported."""
    return sorted(sides, key=lambda side: not _is_state(side, registry))


def coded_actors(analysis: Analysis, event: Event | None,
                 registry: Registry | None = None) -> tuple[CodedActor | None, CodedActor | None]:
    """(actor 1, actor 2) of the event as ACLED codes them; ``None`` for a side nobody names, but
    for the unnamed perpetrator of an attack, ACLED's "Unidentified Armed Group"."""
    if event is None:
        return None, None
    country = report_country(analysis, event, registry)
    masked = _masked_sentence(analysis, *event.sentence)
    kin = named_after_sides(analysis, event, country, masked)
    spans = [(begin, end) for _, begin, end in kin]
    generic = sorted([g for g in generic_actors(analysis, event, country, masked) if not _inside(g.start, spans)]
                     + [side for side, _, _ in kin], key=lambda side: side.start)
    named_actors, named_targets = ([a for a in _named(analysis, keys, event, registry) if not _inside(a.start, spans)]
                                   for keys in (event.actors, event.targets))
    if event.type == "CLASH" and (event.actors or not event.targets):
        reported = _distinct(_sides(analysis, event, named_actors + named_targets + generic), registry)
        if actor_conventions().state_first.search(event.trigger or ""):
            sides = _initiator_first(analysis.doc.text, event.sentence,
                                     _state_against_other_side(analysis.doc.text, reported, country, registry),
                                     registry)
        else:
            sides = _opposed_pair(analysis.doc.text, reported)
        if len(sides) == 1 and _within_one_side(masked):
            sides = sides * 2
    else:  # a directed event, or an attack on fighters whose attacker is not named
        sides = _directed_sides(analysis, event, named_actors, named_targets, generic, registry)
        if event.type == "TERRITORY" and sides[0] is not None and (len(sides) < 2 or sides[1] is None):
            sides = [sides[0], _side_fought_before(analysis, event, sides[0], registry)]
        if sides[0] is None and sides[1:] and event.sub_event_type in actor_conventions().unknown_perpetrator_subs:
            sides[0] = CodedActor(event.sentence[0], generic=_filled(actor_conventions().unknown_perpetrator, country))
    defender = _air_defence_side(analysis, event, generic, country)
    if defender is not None and sides and sides[0] is not None and not _same(sides[0], defender, registry):
        sides = [sides[0], defender]
    sides = sides + [None, None]
    return sides[0], sides[1]


def _side_fought_before(analysis: Analysis, event: Event, winner: CodedActor,
                        registry: Registry | None) -> CodedActor | None:
    """The side a territory was taken from where the report names it only as the one fought, in
    the same sentence ("⟨A⟩ fought ⟨B⟩ in ⟨P⟩, taking control of it") or, failing that, in the
    nearest sentence before ("Clashes between ⟨A⟩ and ⟨B⟩ ... ⟨B⟩ took the hill."): the side of
    that clash, as ACLED codes it, that is not the winner."""
    clashes = [e for e in analysis.events if e.type == "CLASH" and e.sentence[0] <= event.sentence[0]]
    for clash in sorted(clashes, key=lambda e: -e.sentence[0]):
        loser = next((side for side in coded_actors(analysis, clash, registry)
                      if side is not None and not _same(side, winner, registry)), None)
        if loser is not None:
            return loser
    return None


def _air_defence_side(analysis: Analysis, event: Event, generic: list[CodedActor],
                      country: str | None) -> CodedActor | None:
    """The side whose air defences engaged the event's strike (or whose engaging it is the event),
    where they did: the state side named with them, else the forces of the report's country
    (None where that is unknown)."""
    conventions, text = actor_conventions(), analysis.doc.text
    engaged = event.sub_event_type in conventions.air_defence_subs and conventions.air_defence.search(text)
    if not (engaged or conventions.air_defence.search(event.trigger or "")):
        return None
    owner = next((g for g in generic if g.state and conventions.air_defence_owner.match(text, g.start)), None)
    if owner is not None or country is None:
        return owner
    return CodedActor(event.sentence[0], generic=_filled(conventions.air_defence_name, country), state=True)
