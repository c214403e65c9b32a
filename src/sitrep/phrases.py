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


@cache
def _place_words() -> dict[str, list[str]]:
    return load_data_yaml("place_words.yaml")


def place_words(*roles: str) -> str:
    """A regex alternation of the words that say what kind of place a name is (``data/place_words.yaml``),
    of the given roles, longest first."""
    return f"(?:{alternation(word for role in roles for word in _place_words()[role])})"


@cache
def toponym_heads() -> frozenset[str]:
    """Folded words that open Levantine and Iraqi place names ("Kafr", "Tal", "Wadi";
    ``data/toponym_heads.yaml``)."""
    return frozenset(load_data_yaml("toponym_heads.yaml"))
