"""Anaphors the events stage reads as mentions of what they refer to.

"The group's commander, X", "the militia had dispatched 500 gunmen", "these forces took
the town": the rules speak of entities, so a definite description of a group is read
as the last group named before it, "the town" as the last town, "the regime", "the army"
or "a war monitor" as the one the report names with such a word ("the Syrian regime",
"Syrian troops", "the Syrian Observatory"), and a sentence-initial "His"/"Her" as the last
person (``data/events/cues.yaml``, ``anaphora``). The word before a strike names who struck
("Russian airstrikes", "regime shelling", ``strike_modifiers``). None of these are mentions of
the entity (GUIDELINES: generic nouns and adjectives are not mentions); they only stand for it
in sentence views.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from sitrep.events.resources import load_events_yaml
from sitrep.geo.sources import Inputs, read_demonyms
from sitrep.models import Analysis, Entity, Mention
from sitrep.resolve.normalize import basic_fold

_WORD = re.compile(r"[\w-]+")
# between a speaker's name and the verb of saying: "'s spokesman", "on Monday", "also"
_SPEAKER_GAP = re.compile(r"(?:['’]s)?(?:\s+[\w-]+){0,4}\s+")
# before a name that is where the speakers are, not who speaks: "rebels in ⟨Turkey⟩ said they"
_PLACE_OF_SPEAKERS = re.compile(r"\b(?:in|of|from|at|near)\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class AnaphorRule:
    pattern: re.Pattern
    refers_to: tuple[str, ...]  # entity types of the referent
    sentence_start: bool  # only at the start of a sentence
    named_with: frozenset[str]  # words one of which names the referent ("the Syrian regime")
    speaker: bool  # the referent is named right before the pattern, as who says it
    precisions: frozenset[str]  # a PLACE referent's geocoded precision, one of these ("the town": city, village)


@cache
def anaphor_rules() -> tuple[AnaphorRule, ...]:
    return tuple(AnaphorRule(re.compile(spec["pattern"]), tuple(spec["refers_to"]),
                             bool(spec.get("sentence_start")), frozenset(spec.get("named_with") or ()),
                             bool(spec.get("speaker")), frozenset(spec.get("precisions") or ()))
                 for spec in load_events_yaml("cues")["anaphora"])


@cache
def _strike_modifier() -> tuple[re.Pattern, frozenset[str]]:
    """A word right before a strike noun (or before a list of words ending in one), and the
    common nouns among such words that stand for a group named with them."""
    spec = load_events_yaml("cues")["strike_modifiers"]
    return re.compile(rf"\b[A-Za-z][\w-]*(?={spec['before']})", re.IGNORECASE), frozenset(spec["words"])


@cache
def _demonyms() -> dict[str, tuple[str | None, str | None]]:
    """The packaged demonyms as the gazetteer reads them: folded word -> (ISO2 country, place id)."""
    return read_demonyms(Inputs.packaged().demonyms)


class _Recent:
    """The last mention of given types (places: of given precisions) that starts before an offset."""

    def __init__(self, pairs: list[tuple[Mention, Entity]], types: tuple[str, ...], precisions: frozenset[str]):
        kept = [(m.start, e) for m, e in pairs if e.type in types and _precise(e, precisions)]
        self.starts = [start for start, _ in kept]
        self.entities = [entity for _, entity in kept]

    def before(self, offset: int) -> Entity | None:
        i = bisect.bisect_left(self.starts, offset)
        return self.entities[i - 1] if i else None


def _precise(entity: Entity, precisions: frozenset[str]) -> bool:
    return not precisions or entity.type != "PLACE" or (entity.geo is not None and entity.geo.precision in precisions)


def _free(start: int, end: int, text: str, mentions: list[Mention]) -> bool:
    """Not part of a name, and not the head noun of a name that follows ("the militia Dawn
    Front"); a shorter mention inside it (a tagger's "group") gives way to it."""
    gap = len(text[end:end + 4]) - len(text[end:end + 4].lstrip(" “\"'"))
    return not any(m.start <= start and end <= m.end for m in mentions) and \
        not any(m.start == end + gap for m in mentions)


def _named_with(words: frozenset[str], pairs: list[tuple[Mention, Entity]], types: tuple[str, ...],
                offset: int) -> Entity | None:
    """The last entity of ``types`` before ``offset`` one of whose mentions has one of ``words``
    ("the Syrian regime" for "regime"), else the first such after it."""
    named = [(m.start, e) for m, e in pairs
             if e.type in types and not words.isdisjoint(w.casefold() for w in _WORD.findall(m.text))]
    before = [e for start, e in named if start < offset]
    after = [e for start, e in named if start > offset]
    return before[-1] if before else (after[0] if after else None)


def _referent(rule: AnaphorRule, match: re.Match, pairs: list[tuple[Mention, Entity]], recent: _Recent,
              analysis: Analysis) -> Entity | None:
    if rule.named_with:
        return _named_with(rule.named_with, pairs, rule.refers_to, match.start())
    if rule.speaker:
        return _speaker(match.start(), pairs, rule.refers_to, analysis.doc.text)
    return recent.before(match.start())


def _speaker(offset: int, pairs: list[tuple[Mention, Entity]], types: tuple[str, ...], text: str) -> Entity | None:
    """The group, or country as a whole, whose name ends right before a verb of saying at
    ``offset`` ("⟨Hezbollah⟩ said", "⟨Turkey⟩'s ministry on Monday said"), not where the
    speakers are ("rebels in ⟨Turkey⟩ said")."""
    before = [(m, e) for m, e in pairs if m.end <= offset]
    if not before:
        return None
    mention, entity = before[-1]
    country = entity.type != "PLACE" or _is_country(entity)
    named_as_speaker = _SPEAKER_GAP.fullmatch(text, mention.end, offset) and \
        not _PLACE_OF_SPEAKERS.search(text, max(0, mention.start - 12), mention.start)
    return entity if entity.type in types and country and named_as_speaker else None


def _is_country(entity: Entity) -> bool:
    """A PLACE entity geocoded to a country as a whole."""
    return entity.type == "PLACE" and entity.geo is not None and entity.geo.precision == "country"


def _country_entity(code: str, analysis: Analysis) -> Entity | None:
    """The document's PLACE entity geocoded to country ``code`` as a whole."""
    return next((e for e in analysis.entities if _is_country(e) and e.geo.country == code), None)


def anaphor_mentions(analysis: Analysis, pairs: list[tuple[Mention, Entity]]) -> list[tuple[Mention, Entity]]:
    """(mention, referent) for each anaphor of the document (``pairs``: its mentions by position)."""
    text = analysis.doc.text
    mentions = [m for m, _ in pairs]
    found = []
    for rule in anaphor_rules():
        recent = _Recent(pairs, rule.refers_to, rule.precisions)
        for start, end in analysis.sentences or [(0, len(text))]:
            for match in rule.pattern.finditer(text, start, end):
                if rule.sentence_start and text[start:match.start()].strip():
                    continue
                referent = _referent(rule, match, pairs, recent, analysis)
                span = match.span("anaphor") if "anaphor" in rule.pattern.groupindex else match.span()
                if referent and _free(*span, text, mentions):
                    found.append((Mention(*span, text[slice(*span)], referent.type, "anaphor"), referent))
    return found + _strike_modifier_mentions(analysis, pairs, mentions)


def _strike_modifier_mentions(analysis: Analysis, pairs: list[tuple[Mention, Entity]],
                              mentions: list[Mention]) -> list[tuple[Mention, Entity]]:
    """(mention, referent) for each word before a strike that stands for an entity the report
    names: "Russian airstrikes" for Russia, "regime shelling" for "the Syrian regime"."""
    pattern, words = _strike_modifier()
    found = []
    for match in pattern.finditer(analysis.doc.text):
        word = match.group(0)
        if word.casefold() in words:
            referent = _named_with(frozenset({word.casefold()}), pairs, ("ARMED_GROUP", "ORGANIZATION"),
                                   match.start())
        else:
            code = _demonyms().get(basic_fold(word), (None, None))[0]
            referent = _country_entity(code, analysis) if code and word[0].isupper() else None
        if referent and _free(match.start(), match.end(), analysis.doc.text, mentions):
            found.append((Mention(match.start(), match.end(), word, referent.type, "anaphor"), referent))
    return found
