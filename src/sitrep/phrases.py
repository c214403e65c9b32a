"""Regular expressions built from the phrase lists in the data files."""
from __future__ import annotations

import re


def alternation(phrases) -> str:
    """Regex alternation of literal phrases, longest first, spaces matching any whitespace."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)


def word_regex(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern:
    """Compile ``pattern`` to match whole words only."""
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", flags)
