"""Regular expressions built from the phrase lists in the data files."""
from __future__ import annotations

import re
from functools import cache

from sitrep.data import load_data_yaml


def alternation(phrases) -> str:
    """Regex alternation of literal phrases, longest first (then alphabetical, so the pattern does not
    depend on the hash seed), spaces matching any whitespace."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)


def word_regex(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern:
    """Compile ``pattern`` to match whole words only."""
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", flags)


# "pro-⟨Assad⟩ gunmen", "gunmen loyal to the ⟨Syrian government⟩"; "⟨Iran⟩-backed militias"
_QUALIFYING_BEFORE = re.compile(r"\bpro-$|\bloyal\s+to\s+(?:the\s+)?$", re.IGNORECASE)
_QUALIFYING_AFTER = re.compile(r"-(?:backed|affiliated|aligned|allied|supported|led)\b", re.IGNORECASE)
_QUALIFYING_WINDOW = 16  # characters before a name where "pro-" or "loyal to the" makes it qualify a side


def qualifies_a_side(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` only says whose side someone is on: "pro-⟨Russian⟩
    rebels", "⟨Iran⟩-backed militias", "gunmen loyal to the ⟨Syrian government⟩". It says
    nothing of where they are."""
    return bool(_QUALIFYING_BEFORE.search(text, max(0, start - _QUALIFYING_WINDOW), start)
                or _QUALIFYING_AFTER.match(text, end))


# The place in capitals that opens a wire dateline: "RAMALLAH, West Bank (AP) -", "BENI, Congo, March 3 -".
DATELINE_PLACE = re.compile(r"(?m)^[ \t]*(?P<place>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})"
                            r"(?=(?:,[^\n()]{1,60}?)?[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?[-–—]{1,2}\s)")


# A distance and a bearing between two places: "about 40 km north-east of", "20 miles from". The
# geocoder reads the place after them as a town measured from, the recogniser the name before them
# as a place, the events rules the place before them as lying off the one after.
APPROXIMATELY = r"(?:about|some|around|roughly|nearly|almost|approximately|just)"
DISTANCE_UNIT = r"(?:km|kms|kilomet(?:er|re)s?|miles?)"
COMPASS_POINT = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?"
DISTANCE_FROM = rf"{DISTANCE_UNIT}\s+(?:{COMPASS_POINT}\s+of|from)"


# Words right before a country that name it as the land across a border: "near the border with ⟨Niger⟩"
# says where a place is not as often as where it is (the geocoder's evidence, an event's place).
ACROSS_BORDER_BEFORE = re.compile(r"\b(?:border|frontier)s?\s+with\s+(?:the\s+)?$", re.IGNORECASE)


def in_dateline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the place opening a wire dateline (``DATELINE_PLACE``)."""
    found = DATELINE_PLACE.match(text, text.rfind("\n", 0, start) + 1)
    return found is not None and found.span("place") == (start, end)


@cache
def _place_words() -> dict[str, list[str]]:
    return load_data_yaml("place_words.yaml")


def place_words(*roles: str) -> str:
    """A regex alternation of the words that say what kind of place a name is (``data/place_words.yaml``),
    of the given roles, longest first."""
    return f"(?:{alternation(word for role in roles for word in _place_words()[role])})"


@cache
def place_word_set(role: str) -> frozenset[str]:
    """The words of one role of ``data/place_words.yaml``, in lower case."""
    return frozenset(word.lower() for word in _place_words()[role])


@cache
def toponym_heads() -> frozenset[str]:
    """Folded words that open Levantine and Iraqi place names ("Kafr", "Tal", "Wadi";
    ``data/toponym_heads.yaml``)."""
    return frozenset(load_data_yaml("toponym_heads.yaml"))
