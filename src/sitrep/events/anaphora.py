"""Anaphors the events stage reads as mentions of what they refer to.

"The group's commander, X", "the militia had dispatched 500 gunmen", "these forces took
the town": the rules speak of entities, so a definite description of a group is read
as the last group named before it, and a sentence-initial "His"/"Her" as the last
person (``data/events/cues.yaml``, ``anaphora``). They are not mentions of the entity
(GUIDELINES: generic nouns are not mentions); they only stand for it in sentence views.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from sitrep.events.resources import load_events_yaml
from sitrep.models import Analysis, Entity, Mention


@dataclass(frozen=True)
class AnaphorRule:
    pattern: re.Pattern
    refers_to: tuple[str, ...]  # entity types of the referent
    sentence_start: bool  # only at the start of a sentence


@cache
def anaphor_rules() -> tuple[AnaphorRule, ...]:
    return tuple(AnaphorRule(re.compile(spec["pattern"]), tuple(spec["refers_to"]),
                             bool(spec.get("sentence_start")))
                 for spec in load_events_yaml("cues")["anaphora"])


class _Recent:
    """The last mention of given types that starts before an offset."""

    def __init__(self, pairs: list[tuple[Mention, Entity]], types: tuple[str, ...]):
        kept = [(m.start, e) for m, e in pairs if e.type in types]
        self.starts = [start for start, _ in kept]
        self.entities = [entity for _, entity in kept]

    def before(self, offset: int) -> Entity | None:
        i = bisect.bisect_left(self.starts, offset)
        return self.entities[i - 1] if i else None


def _free(start: int, end: int, text: str, mentions: list[Mention]) -> bool:
    """Not part of a name, and not the head noun of a name that follows ("the militia Dawn
    Front"); a shorter mention inside it (a tagger's "group") gives way to it."""
    gap = len(text[end:end + 4]) - len(text[end:end + 4].lstrip(" “\"'"))
    return not any(m.start <= start and end <= m.end for m in mentions) and \
        not any(m.start == end + gap for m in mentions)


def anaphor_mentions(analysis: Analysis, pairs: list[tuple[Mention, Entity]]) -> list[tuple[Mention, Entity]]:
    """(mention, referent) for each anaphor of the document (``pairs``: its mentions by position)."""
    text = analysis.doc.text
    mentions = [m for m, _ in pairs]
    found = []
    for rule in anaphor_rules():
        recent = _Recent(pairs, rule.refers_to)
        for start, end in analysis.sentences or [(0, len(text))]:
            for match in rule.pattern.finditer(text, start, end):
                if rule.sentence_start and text[start:match.start()].strip():
                    continue
                referent = recent.before(match.start())
                if referent and _free(match.start(), match.end(), text, mentions):
                    found.append((Mention(match.start(), match.end(), match.group(0), referent.type, "anaphor"),
                                  referent))
    return found
