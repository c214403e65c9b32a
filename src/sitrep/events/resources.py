"""The events stage's data files (``sitrep/data/events/*.yaml``), read once per process."""
from __future__ import annotations

import re
from functools import cache

from sitrep.data import load_data_yaml


@cache
def load_events_yaml(name: str) -> dict:
    """Parsed ``sitrep/data/events/<name>.yaml``; callers must not mutate it."""
    return load_data_yaml("events", f"{name}.yaml")


_MACRO = re.compile(r"\{([A-Za-z_]+)\}")


def expand_macros(pattern: str, macros: dict[str, str]) -> str:
    """Replace ``{name}`` by ``macros[name]`` (recursively); other braces (``{0,3}``) stay."""
    def replace(match: re.Match) -> str:
        name = match.group(1)
        return expand_macros(macros[name], macros) if name in macros else match.group(0)
    return _MACRO.sub(replace, pattern)
