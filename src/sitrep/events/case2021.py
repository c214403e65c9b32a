"""A CASE 2021 Task 2 classifier: a news snippet -> one of its fine-grained event labels.

Labels outside sitrep's event vocabulary (protests, disasters, crime, diplomacy) come
from cue words (``data/events/case2021.yaml``); conflict labels from the snippet's
primary extracted event, mapped from its ACLED sub-event type.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Callable

from sitrep.events.acled import primary_event
from sitrep.events.evaluate import AnalyzerLike
from sitrep.events.extractor import EventExtractor
from sitrep.events.resources import expand_macros, load_events_yaml
from sitrep.models import Analysis, Document
from sitrep.phrases import word_regex
from sitrep.registry import load_registry


@dataclass(frozen=True)
class CueRule:
    label: str
    cues: re.Pattern
    requires: tuple[re.Pattern, ...] = ()
    excludes: tuple[re.Pattern, ...] = ()

    def matches(self, text: str) -> bool:
        return all(group.search(text) for group in self.requires) and \
            not any(group.search(text) for group in self.excludes) and bool(self.cues.search(text))


@dataclass(frozen=True)
class TriggerRule:
    type: str
    trigger: re.Pattern
    label: str


@dataclass(frozen=True)
class CaseLabels:
    before_events: tuple[CueRule, ...]
    after_events: tuple[CueRule, ...]
    from_events: dict[str, dict[str, str]]
    from_triggers: tuple[TriggerRule, ...]
    default: str
    weapons_first: frozenset[str]  # ACLED sub-event types whose event labels the snippet before any other


def _rules(specs: list[dict], groups: dict[str, str]) -> tuple[CueRule, ...]:
    return tuple(CueRule(spec["label"], word_regex(expand_macros(spec["any"], groups)),
                         tuple(word_regex(groups[g]) for g in spec.get("with", ())),
                         tuple(word_regex(groups[g]) for g in spec.get("without", ())))
                 for spec in specs)


@cache
def case_labels() -> CaseLabels:
    raw = load_events_yaml("case2021")
    groups = raw["groups"]
    from_triggers = tuple(TriggerRule(spec["type"], word_regex(spec["trigger"]), spec["label"])
                          for spec in raw["from_triggers"])
    return CaseLabels(_rules(raw["before_events"], groups), _rules(raw["after_events"], groups),
                      raw["from_events"], from_triggers, raw["default"], frozenset(raw["weapons_first"]))


def event_label(analysis: Analysis, labels: CaseLabels) -> str | None:
    """The CASE label of the snippet's primary event, if its type maps to one; a weapon CASE
    names its own label for ("a grenade explosion amid clashes") wins over the fighting, and
    the reporting word decides where the ACLED coding does not ("abducted two fighters")."""
    weapon = next((e for e in analysis.events if e.sub_event_type in labels.weapons_first), None)
    event = weapon or primary_event(analysis.events)
    if event is None:
        return None
    by_trigger = next((rule.label for rule in labels.from_triggers
                       if rule.type == event.type and event.trigger and rule.trigger.search(event.trigger)), None)
    return by_trigger or labels.from_events.get(event.type, {}).get(event.sub_event_type)


def _first(rules: tuple[CueRule, ...], text: str) -> str | None:
    return next((rule.label for rule in rules if rule.matches(text)), None)


def case_classifier(analyzer: AnalyzerLike, extractor: EventExtractor | None = None) -> Callable[[str], str]:
    """``classify(snippet) -> label`` for ``evaluate_case2021``: the analyzer finds the entities,
    ``extractor`` (default: one that keeps events without arguments, as snippets often
    name none) the events."""
    labels = case_labels()
    extractor = extractor or EventExtractor(registry=load_registry(), keep_bare=True)

    def events_label(text: str) -> str | None:
        analysis = analyzer.analyze(Document("case2021", text))
        analysis.events, analysis.relations = [], []
        extractor(analysis)
        return event_label(analysis, labels)

    def classify(text: str) -> str:
        return (_first(labels.before_events, text) or events_label(text)
                or _first(labels.after_events, text) or labels.default)
    return classify
