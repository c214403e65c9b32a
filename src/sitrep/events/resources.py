"""The events stage's data files (``sitrep/data/events/*.yaml``), read once per process."""
from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml


@cache
def load_events_yaml(name: str) -> dict:
    """Parsed ``sitrep/data/events/<name>.yaml``; callers must not mutate it."""
    text = resources.files("sitrep.data").joinpath("events", f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def alternation(phrases) -> str:
    """Regex alternation of literal phrases, longest first, spaces matching any whitespace."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)


def word_regex(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern:
    """Compile ``pattern`` to match whole words only."""
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", flags)


_MACRO = re.compile(r"\{([A-Za-z_]+)\}")


def expand_macros(pattern: str, macros: dict[str, str]) -> str:
    """Replace ``{name}`` by ``macros[name]`` (recursively); other braces (``{0,3}``) stay."""
    def replace(match: re.Match) -> str:
        name = match.group(1)
        return expand_macros(macros[name], macros) if name in macros else match.group(0)
    return _MACRO.sub(replace, pattern)
