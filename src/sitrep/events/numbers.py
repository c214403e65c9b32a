"""Counts in text: "at least 12", "between 10 and 15", "twenty-five", "5.5 million", "dozens".

A ``Count`` keeps the best value (``None`` for vague words such as "dozens"), the
range the words allow, and the value ACLED's codebook would code for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sitrep.events.resources import load_events_yaml
from sitrep.phrases import alternation, word_regex


@dataclass(frozen=True)
class Count:
    best: int | None
    low: int | None
    high: int | None
    start: int
    end: int
    acled: int | None = None  # the value ACLED coding conventions assign

    @property
    def range(self) -> tuple[int, int] | None:
        """(low, high) when the text gives both bounds ("between 10 and 15", "dozens")."""
        if self.low is None or self.high is None or self.low == self.high:
            return None
        return (self.low, self.high)


@dataclass(frozen=True)
class NumberWords:
    units: dict[str, int]
    scales: dict[str, int]
    exact: dict[str, int]
    singulars: dict[str, dict[str, int]]  # group -> word -> 1
    vague: dict[str, dict]
    qualifiers: dict[str, list[str]]

    @property
    def number_pattern(self) -> str:
        """Regex of one cardinal: digits (with a scale word) or number words."""
        word = alternation([*self.units, *self.scales])
        digits = rf"\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+(?:\.\d+)?(?:\s+(?:{alternation(self.scales)}))?"
        return rf"(?:{digits}|(?:{word})(?:(?:\s+and\s+|-|\s+)(?:{word}))*)"

    def count_pattern(self, *singulars: str) -> str:
        """Regex of a qualified count, range, exact phrase or vague quantity, in a group
        named ``count`` (with sub-groups read by ``parse_count``); the words of the named
        ``singulars`` groups count as one."""
        num = self.number_pattern
        quals = alternation([q for group in self.qualifiers.values() for q in group])
        exact = alternation([*self.exact, *(word for group in singulars for word in self.singulars[group])])
        return (rf"(?P<count>(?:(?P<qual>{quals})\s+)?(?:between\s+(?P<lo>{num})\s+and\s+(?P<hi>{num})"
                rf"|(?P<lo2>{num})\s+(?:to|or)\s+(?P<hi2>{num})|(?P<lo3>\d+)\s*[-–]\s*(?P<hi3>\d+)"
                rf"|(?P<vague>{alternation(self.vague)})|(?P<exact>{exact})"
                rf"|(?P<num>{num})))")

    def value(self, text: str) -> int | None:
        """Integer value of one cardinal ("2,000", "5.5 million", "twenty-five", "a dozen")."""
        text = " ".join(text.casefold().replace("-", " ").split())
        if text in self.exact:
            return self.exact[text]
        for group in self.singulars.values():
            if text in group:
                return group[text]
        if text[:1].isdigit():
            return self._digits_value(text)
        return self._words_value(text.replace(" and ", " ").split())

    def _digits_value(self, text: str) -> int:
        number, _, scale = text.partition(" ")
        return round(float(number.replace(",", "")) * self.scales.get(scale, 1))

    def _words_value(self, words: list[str]) -> int | None:
        total = current = 0
        for word in words:
            if word in self.units:
                current += self.units[word]
            elif word == "hundred":
                current = max(current, 1) * 100
            elif word in self.scales:
                total += max(current, 1) * self.scales[word]
                current = 0
            else:
                return None
        return total + current


@cache
def number_words() -> NumberWords:
    raw = load_events_yaml("numbers")
    return NumberWords(raw["units"], raw["scales"], raw["exact"], raw["singulars"], raw["vague"],
                       raw["qualifiers"])


@cache
def count_regex() -> re.Pattern:
    return word_regex(number_words().count_pattern())


def parse_count(match: re.Match, offset: int = 0) -> Count | None:
    """A ``Count`` from a match of a pattern containing ``count_pattern``'s groups."""
    words = number_words()
    start, end = match.start("count") + offset, match.end("count") + offset
    if match.group("vague"):
        spec = words.vague[" ".join(match.group("vague").casefold().split())]
        return Count(None, *spec["range"], start, end, spec["acled"])
    low_text = match.group("lo") or match.group("lo2") or match.group("lo3")
    if low_text:
        high_text = match.group("hi") or match.group("hi2") or match.group("hi3")
        low, high = words.value(low_text), words.value(high_text)
        if low is None or high is None or high <= low:
            return None
        return Count(low, low, high, start, end, low)
    value = words.value(match.group("exact") or match.group("num"))
    if value is None:
        return None
    return _qualified(value, (match.group("qual") or "").casefold(), start, end)


def _qualified(value: int, qualifier: str, start: int, end: int) -> Count:
    quals = number_words().qualifiers
    qualifier = " ".join(qualifier.split())
    low = value if qualifier not in quals["at_most"] else None
    high = value if qualifier not in quals["at_least"] else None
    return Count(value, low, high, start, end, value)


def find_counts(text: str) -> list[Count]:
    """Every count in ``text``, left to right."""
    return [c for m in count_regex().finditer(text) if (c := parse_count(m))]


def cardinal(text: str) -> int | None:
    """Value of a cardinal written in digits or words, or ``None``."""
    return number_words().value(text)
