"""Fatality totals a report states itself, ACLED style (``data/events/acled.yaml``): "Total
fatalities coded as 7", "an unknown number of deaths, coded as 3", "1 fatality.", the share
of one event when a total is "split, 3 each, between the two areas", and "no fatalities".
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from sitrep.events.numbers import Count, cardinal, number_words, parse_count
from sitrep.events.resources import expand_macros, load_events_yaml
from sitrep.phrases import alternation, word_regex

_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+", re.IGNORECASE)
_BOTH = "both"


@dataclass(frozen=True)
class TotalPatterns:
    stated: tuple[tuple[re.Pattern, ...], ...]  # groups, most explicit first
    share_each: re.Pattern
    split: re.Pattern
    split_between: re.Pattern
    split_list: re.Pattern
    allocated: tuple[str, ...]  # sources with {PLACE} left to fill
    none: re.Pattern


@cache
def total_patterns() -> TotalPatterns:
    raw = load_events_yaml("acled")["fatalities"]
    macros = {"COUNT": number_words().count_pattern()}

    def compiled(pattern: str) -> re.Pattern:
        return word_regex(expand_macros(pattern, macros))
    return TotalPatterns(tuple(tuple(compiled(p) for p in group) for group in raw["stated"]),
                         compiled(raw["share_each"]), compiled(raw["split"]), compiled(raw["split_between"]),
                         compiled(raw["split_list"]), tuple(expand_macros(p, macros) for p in raw["allocated"]),
                         compiled(raw["none"]))


def _value(count: Count) -> int | None:
    return count.best if count.best is not None else count.acled


def _first_count(patterns: tuple[re.Pattern, ...], text: str) -> Count | None:
    counts = [c for p in patterns for m in p.finditer(text) if (c := parse_count(m))]
    return min(counts, key=lambda c: c.start) if counts else None


def stated_total(text: str) -> Count | None:
    """The first statement of the total, from the most explicit group of patterns that has one."""
    for group in total_patterns().stated:
        found = _first_count(group, text)
        if found is not None and _value(found) is not None:
            return found
    return None


def _parts(after_split: str) -> int | None:
    """How many events a total is split between: "the 3 locations", "both events", "A, B and C"."""
    patterns = total_patterns()
    between = patterns.split_between.search(after_split)
    if between:
        n = between.group("n")
        return 2 if n and n.casefold() == _BOTH else (cardinal(n) if n else None)
    listed = patterns.split_list.search(after_split)
    parts = len(_LIST_SEPARATOR.split(listed.group("list").strip())) if listed else 1
    return parts if parts > 1 else None


def allocated_to(text: str, place_names: Sequence[str]) -> int | None:
    """The count a split allocates to the place going by one of ``place_names``."""
    names = alternation(place_names)
    if not names:
        return None
    for source in total_patterns().allocated:
        match = word_regex(source.replace("{PLACE}", f"(?:{names})")).search(text)
        if match and (count := parse_count(match)) and _value(count) is not None:
            return _value(count)
    return None


def share(total: int, text: str, place_names: Sequence[str] = ()) -> int:
    """One event's share of ``total`` when the text says it was split: the count allocated to
    the event's place, else the count "each" event got, else an even split (ACLED gives the
    remainder to the first events, so the rest get the rounded-down share), else the total."""
    patterns = total_patterns()
    split = patterns.split.search(text)
    if split is None:
        return total
    place_share = allocated_to(text[split.start():], place_names)
    if place_share is not None:
        return place_share
    each = patterns.share_each.search(text, split.start())
    if each and (count := parse_count(each)) and _value(count) is not None:
        return _value(count)
    parts = _parts(text[split.end():])
    return total // parts if parts else total


def states_no_deaths(text: str) -> bool:
    """Whether the report says nobody died ("There were no fatalities")."""
    return bool(total_patterns().none.search(text))


def coded_total(text: str, place_names: Sequence[str] = ()) -> int | None:
    """The fatalities a report codes in its own words, as the share of the event at the place
    going by ``place_names``; ``None`` when it states no total."""
    found = stated_total(text)
    return share(_value(found), text[found.start:], place_names) if found is not None else None
