"""Negated and hypothetical events: "did not attack", "denied that ...", "plans to deploy",
"threatened to strike", "would attack", "recruited gunmen to attack" (but "could have been
killed" is a hedge, not future)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sitrep.events.resources import load_events_yaml
from sitrep.events.triggers import Trigger
from sitrep.events.view import SentenceView


_NOUN_OR_GERUND = re.compile(r"(?:ing|s)$", re.IGNORECASE)


@dataclass(frozen=True)
class ModalityCues:
    negation_before: tuple[re.Pattern, ...]
    negation_sentence: tuple[re.Pattern, ...]
    hypothetical_before: tuple[re.Pattern, ...]
    purpose_before: tuple[re.Pattern, ...]
    enabled_before: tuple[re.Pattern, ...]


@cache
def modality_cues() -> ModalityCues:
    raw = load_events_yaml("cues")["modality"]
    compiled = {k: tuple(re.compile(p, re.IGNORECASE) for p in v) for k, v in raw.items()}
    return ModalityCues(**compiled)


def is_negated(view: SentenceView, start: int) -> bool:
    before = view.masked[:start]
    cues = modality_cues()
    return any(p.search(before) for p in cues.negation_before + cues.negation_sentence)


def is_hypothetical(view: SentenceView, start: int) -> bool:
    before = view.masked[:start]
    return any(p.search(before) for p in modality_cues().hypothetical_before)


def is_purpose(view: SentenceView, trigger: Trigger) -> bool:
    """"to attack the town": a bare verb after "to" says what was meant to happen, unless what
    came before made it happen ("the siege allowed the army to take the town")."""
    if _NOUN_OR_GERUND.search(trigger.text):
        return False
    before, cues = view.masked[:trigger.start], modality_cues()
    return any(p.search(before) for p in cues.purpose_before) and not any(p.search(before) for p in cues.enabled_before)


def is_factual(view: SentenceView, trigger: Trigger) -> bool:
    """Whether the event a trigger reports is said to have happened."""
    return not (is_negated(view, trigger.start) or is_hypothetical(view, trigger.start) or is_purpose(view, trigger))
