"""Where a trigger sits in its sentence: its clause, the phrase before it (subject side),
the phrase after it (object side), and whether it is passive."""
from __future__ import annotations

import re
from functools import cache

from sitrep.events.resources import load_events_yaml
from sitrep.events.view import SentenceView, Slot

_CLAUSE_BOUNDARY = re.compile(r";|\s[—–]\s|\b(?:while|whereas|but|meanwhile|however)\b|"
                              r",\s+as\s+(?!(?:well|a\s+result|part|such|of|to|for|if|though|far|long|soon)\b)",
                              re.IGNORECASE)
# "Days after the fighting ended, ...": a time clause that opens the sentence; "Following clashes
# with ⟨E⟩," or "As a result of these clashes," a time phrase (not "After capturing ⟨E⟩,", whose
# subject is the sentence's; not "Amid mutual shelling,", which is part of the event the sentence
# reports)
_LEADING_TIME_CLAUSE = re.compile(r"\W*(?:[\w-]+\s+){0,3}?(?:before|after|since|until|once|as\s+soon\s+as)\s+"
                                  r"(?:the|a|an|its|their)\s+[^,;]{3,120}?\s(?:began|begun|started|ended|erupted|"
                                  r"broke\s+out|was\s+over|were\s+over|finished),"
                                  r"|\W*(?:following|after|in\s+the\s+wake\s+of|as\s+a\s+(?:result|consequence)\s+of)"
                                  r"\s+(?![\w-]+ing\b)[^,;]{3,120}?,",
                                  re.IGNORECASE)
_PHRASE_BOUNDARY = re.compile(r"[,;:()\"“”]|\s[—–]\s")
_LOCATIVE = re.compile(r"\b(?:in|near|at|on|during|after|before|from|with|by|amid|around|outside|inside|"
                       r"while|when|as|since|across|along|for|to|into|towards?)\b", re.IGNORECASE)
# "captured on Thursday a key neighbourhood": a time adverbial between the verb and its object
_LEADING_TIME = re.compile(r"\s*(?:(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|yesterday|overnight|"
                           r"(?:early\s+|late\s+)?(?:this|last)\s+(?:morning|night|week|month|weekend))\b",
                           re.IGNORECASE)
_CONTROL_OF = re.compile(r"\s*(?:(?:control|hold|possession)\s+(?:of|over)\s+)?", re.IGNORECASE)
_AUXILIARY_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|got|get|gets)\s+"
                               r"(?:(?:\w+ly|also|still|now|then|already|all)\s+)?$",
                               re.IGNORECASE)
_AGENT_AFTER = re.compile(r"^\s+by\b", re.IGNORECASE)
_ABLE = re.compile(r"(?:un)?able\b", re.IGNORECASE)
_PHRASE_WORDS = 8


def clause_bounds(view: SentenceView, start: int, end: int) -> tuple[int, int]:
    """Masked offsets of the clause around ``start..end`` (split at ";", dashes, "while", "but",
    ", as" when it means "while", and after a leading "Days after the fighting ended,")."""
    cuts = [(m.start(), m.end()) for m in _CLAUSE_BOUNDARY.finditer(view.masked)]
    leading = _LEADING_TIME_CLAUSE.match(view.masked)
    cuts += [(leading.end() - 1, leading.end())] if leading else []
    left = max((e for s, e in cuts if e <= start), default=0)
    right = min((s for s, e in cuts if s >= end), default=len(view.masked))
    return left, right


def _words_after(text: str, limit: int) -> str:
    match = re.match(rf"\s*(?:\S+\s*){{0,{limit}}}", text)
    return match.group(0) if match else ""


def object_phrase(view: SentenceView, start: int, end: int) -> tuple[int, int]:
    """What the trigger acts on: the words after it up to punctuation or a locative preposition
    ("captured the town of ⟨E1⟩ from ⟨E2⟩" -> "the town of ⟨E1⟩"), past a time adverbial
    ("captured on Thursday a key district")."""
    _, right = clause_bounds(view, start, end)
    window = _words_after(view.masked[end:right], _PHRASE_WORDS)
    window = _PHRASE_BOUNDARY.split(window, maxsplit=1)[0]
    time = _LEADING_TIME.match(window)
    lead = _CONTROL_OF.match(window, time.end() if time else 0).end()
    cut = _LOCATIVE.search(window, lead)
    return end, end + (cut.start() if cut else len(window))


def subject_phrase(view: SentenceView, start: int) -> tuple[int, int]:
    """The words before the trigger back to punctuation or the clause start (at most eight)."""
    left, _ = clause_bounds(view, start, start)
    left = max((m.end() for m in _PHRASE_BOUNDARY.finditer(view.masked, left, start)), default=left)
    tail = re.search(rf"(?:\S+\s*){{0,{_PHRASE_WORDS}}}$", view.masked[left:start])
    return left + tail.start(), start


def is_passive(view: SentenceView, start: int, end: int) -> bool:
    """"was captured", "were killed", or an agent right after ("captured by ⟨E1⟩"); not "were
    able to control", whose subject still acts."""
    auxiliary = _AUXILIARY_BEFORE.search(view.masked[:start]) and not _ABLE.match(view.masked, start)
    return bool(auxiliary or _AGENT_AFTER.match(view.masked[end:]))


@cache
def _not_participant_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in load_events_yaml("cues")["not_participants"])


def bystander_slots(view: SentenceView) -> set[int]:
    """Indexes of mentions that take no part in the sentence's events: named in a description
    (", a group that has links to ⟨E4⟩,") or as those helped ("to bolster ⟨E3⟩'s forces")."""
    spans = [m.span() for p in _not_participant_patterns() for m in p.finditer(view.masked)]
    return {s.index for s in view.slots if any(a <= s.start and s.end <= b for a, b in spans)}


def slots_in(view: SentenceView, span: tuple[int, int], types: tuple[str, ...] | None = None) -> list[Slot]:
    return [s for s in view.slots_between(*span) if types is None or s.type in types]


def text_of(view: SentenceView, span: tuple[int, int]) -> str:
    return view.masked[span[0]:span[1]]
