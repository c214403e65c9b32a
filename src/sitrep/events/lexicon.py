"""The trigger lexicon (``data/events/triggers.yaml``) compiled into rules, loaded once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sitrep.events.resources import expand_macros, load_events_yaml
from sitrep.phrases import word_regex


@dataclass(frozen=True)
class TriggerRule:
    """Words that report one event type (and ACLED sub-type), with the options of triggers.yaml."""

    type: str
    sub: str | None
    pattern: re.Pattern
    requires: str | None = None
    generic: bool = False
    refine: bool = False
    voice: str = "active"
    roles: str = "position"
    yields: bool = False


@dataclass(frozen=True)
class TriggerLexicon:
    rules: tuple[TriggerRule, ...]
    classes: dict[str, re.Pattern]  # word classes (force_noun, place_noun, ...) as whole-word regexes
    instruments: tuple[tuple[str, re.Pattern], ...]  # ATTACK sub-type by instrument words, most specific first
    casualty_absorbers: frozenset[str]
    presence_absorbers: frozenset[str]
    required_arguments: dict[str, tuple[str, ...]]  # event type -> the Event fields it must fill
    own_dead: frozenset[str]  # event types whose dead are the announcing group's own
    one_place_each: frozenset[str]  # event types told as one event per place
    regaining: re.Pattern  # trigger words that say a place was taken back ("recaptured", "liberated")
    class_patterns: dict[str, str]  # the same classes as regex source, for composing patterns
    state_descriptor: re.Pattern  # a state's force or militia written right before a name ("the loyalist militia ⟨X⟩")

    def has(self, class_name: str, text: str) -> bool:
        return bool(self.classes[class_name].search(text))

    def compile(self, pattern: str) -> re.Pattern:
        """A case-insensitive regex of ``pattern`` with word classes expanded (``{force_noun}``)."""
        return re.compile(expand_macros(pattern, self.class_patterns), re.IGNORECASE)


def _rule(spec: dict, macros: dict[str, str]) -> TriggerRule:
    alternatives = "|".join(expand_macros(p, macros) for p in spec["patterns"])
    return TriggerRule(spec["type"], spec.get("sub"), word_regex(alternatives), spec.get("requires"),
                       bool(spec.get("generic")), bool(spec.get("refine")), spec.get("voice", "active"),
                       spec.get("roles", "position"), bool(spec.get("yields")))


def parse_trigger_lexicon(raw: dict) -> TriggerLexicon:
    macros = dict(raw["classes"])
    classes = {name: word_regex(expand_macros(p, macros)) for name, p in macros.items()}
    instruments = tuple((sub, word_regex("|".join(words))) for sub, words in raw["instruments"].items())
    return TriggerLexicon(tuple(_rule(spec, macros) for spec in raw["triggers"]), classes, instruments,
                          frozenset(raw["casualty_absorbers"]), frozenset(raw["presence_absorbers"]),
                          {kind: tuple(fields) for kind, fields in raw["required_arguments"].items()}, frozenset(raw["own_dead"]),
                          frozenset(raw["one_place_each"]),
                          re.compile(raw["regaining"], re.IGNORECASE), macros,
                          re.compile(expand_macros(r"{state_force}\s+$", macros), re.IGNORECASE))


@cache
def load_trigger_lexicon() -> TriggerLexicon:
    return parse_trigger_lexicon(load_events_yaml("triggers"))
