"""Dates in article text: the publication date an article states, and date expressions
in a sentence resolved against an anchor (the publication date) at their precision.

Resolution never looks at today's real date: relative expressions ("on Sunday",
"last month") need an anchor and stay unresolved without one; ambiguous ones are
resolved towards the past of the anchor (news reports what has happened).
Results are ISO strings at their precision: "2017-11-19" (day), "2017-11-13"
(week: its Monday), "2015-11" (month), "2016" (year).
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser

from sitrep.events.numbers import cardinal, number_words

PRECISIONS = ("day", "week", "month", "year")
_MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name} | {"sept": 9}
_WEEKDAYS = {name.casefold(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")(?:\.(?=\s*\d))?"
_WEEKDAY = r"(?P<wd>" + "|".join(_WEEKDAYS) + r")"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"
_PERIOD_OPENERS = (r"in|since|during|by|until|till|from|through|throughout|of|before|after|"
                   r"(?:in\s+)?(?:early|late|mid)|(?:the\s+)?(?:end|beginning|start|middle)\s+of")
_SEASONS = r"(?:the\s+)?(?:summer|winter|spring|autumn|fall)(?:\s+of)?"
# "a swift 2016 offensive": a year naming when an event happened
_DATED_EVENT = (r"(?:campaign|offensive|war|battle|attack|operation|election|uprising|revolution|invasion|"
                r"ceasefire|truce|siege|assault|bombing|massacre|coup|agreement|deal|accord)s?\b")


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text, resolved to an ISO string at its precision."""

    start: int
    end: int
    text: str
    iso: str
    precision: str


def parse_iso(value: str | date | None) -> date | None:
    """A date from an ISO string of any precision ("2017-11-20", "2017-11", "2017"), first day of the period."""
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    parts = [int(p) for p in re.findall(r"\d+", str(value))[:3]]
    if not parts or not 1000 <= parts[0] <= 9999:
        return None
    year, month, day = (parts + [1, 1])[:3]
    try:
        return date(year, month, day)
    except ValueError:
        return None


def iso_precision(iso: str) -> str:
    """Precision of an ISO string by its length (a week is written as its Monday, so reads as a day)."""
    return {4: "year", 7: "month"}.get(len(iso), "day")


def to_iso(day: date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "week":
        day = day - timedelta(days=day.weekday())
    return day.isoformat()


def date_interval(iso: str, precision: str | None = None) -> tuple[date, date]:
    """First and last day of the period an ISO date at ``precision`` covers."""
    start = parse_iso(iso)
    if start is None:
        raise ValueError(f"not an ISO date: {iso!r}")
    precision = precision or iso_precision(iso)
    if precision == "year":
        return start, date(start.year, 12, 31)
    if precision == "month":
        return start, date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    if precision == "week":
        monday = start - timedelta(days=start.weekday())
        return monday, monday + timedelta(days=6)
    return start, start


# --- resolvers: (match, anchor) -> (date, precision) or None -------------------------------

def _month_number(match: re.Match) -> int | None:
    """Month of the match; month names must be capitalised ("May", not the verb "may")."""
    text = match.group("mon")
    return _MONTHS[text.casefold()] if text[:1].isupper() else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _full_date(match: re.Match, anchor: date | None):
    month = _month_number(match)
    found = month and _safe_date(int(match.group("y")), month, int(match.group("d")))
    return (found, "day") if found else None


def _iso_date(match: re.Match, anchor: date | None):
    found = _safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    return (found, "day") if found else None


def _day_month(match: re.Match, anchor: date | None):
    """"19 November" / "November 19": that day in the latest year not after the anchor."""
    month = _month_number(match)
    if not (month and anchor):
        return None
    found = _safe_date(anchor.year, month, int(match.group("d")))
    if found and found > anchor:
        found = _safe_date(anchor.year - 1, month, int(match.group("d")))
    return (found, "day") if found else None


def _month_year(match: re.Match, anchor: date | None):
    month = _month_number(match)
    return (date(int(match.group("y")), month, 1), "month") if month else None


def _relative_month(match: re.Match, anchor: date | None):
    """"in May", "last November", "this May": the latest such month (strictly earlier for "last")."""
    month = _month_number(match)
    rel = " ".join(match.group("rel").casefold().split())
    if not (month and anchor) or rel == "next":
        return None
    year = anchor.year if month <= anchor.month else anchor.year - 1
    if rel == "last" and month == anchor.month:
        year -= 1
    if rel == "this":
        year = anchor.year
    return date(year, month, 1), "month"


def _weekday(match: re.Match, anchor: date | None):
    """"on Sunday": the latest Sunday on or before the anchor ("last Sunday": strictly before)."""
    if not anchor or not match.group("wd")[:1].isupper():
        return None
    rel = (match.group("rel") or "").casefold()
    if rel == "next":
        return None
    back = (anchor.weekday() - _WEEKDAYS[match.group("wd").casefold()]) % 7
    if back == 0 and rel == "last":
        back = 7
    return anchor - timedelta(days=back), "day"


_DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
              "yesterday": 1, "last night": 1, "the day before yesterday": 2}


def _day_word(match: re.Match, anchor: date | None):
    if not anchor:
        return None
    return anchor - timedelta(days=_DAY_WORDS[" ".join(match.group("w").casefold().split())]), "day"


def _shift(anchor: date, unit: str, steps: int) -> date:
    """The anchor moved back by ``steps`` days, weeks, months or years."""
    if unit == "day":
        return anchor - timedelta(days=steps)
    if unit == "week":
        return anchor - timedelta(weeks=steps)
    months = anchor.year * 12 + anchor.month - 1 - steps * (12 if unit == "year" else 1)
    return date(months // 12, months % 12 + 1, 1)


def _ago(match: re.Match, anchor: date | None):
    steps = cardinal(match.group("n")) if match.group("n").casefold() not in ("a", "an") else 1
    unit = match.group("unit").casefold()
    return (_shift(anchor, unit, steps), unit) if anchor and steps is not None else None


def _relative_period(match: re.Match, anchor: date | None):
    """"last month", "earlier this year", "this past week"."""
    rel = " ".join(match.group("rel").casefold().split())
    unit = match.group("unit").casefold()
    if not anchor or rel == "next":
        return None
    if rel in ("last", "previous"):
        return _shift(anchor, unit, 1), unit
    if rel in ("this past", "the past", "past"):
        return (anchor - timedelta(days=1), unit) if unit == "week" else None
    return anchor, unit


def _year(match: re.Match, anchor: date | None):
    year = int(match.group("y"))
    if anchor and year > anchor.year:
        return None
    return date(year, 1, 1), "year"


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern
    resolver: Callable
    needs: str | None  # the anchor precision the rule needs (None: absolute dates)


def _rule(pattern: str, resolver: Callable, needs: str | None = None) -> _Rule:
    return _Rule(re.compile(rf"(?<![\w-]){pattern}(?![\w-])", re.IGNORECASE), resolver, needs)


_NUMBER = number_words().number_pattern
_RULES = (
    _rule(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", _iso_date),
    _rule(rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", _full_date),
    _rule(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", _full_date),
    _rule(rf"{_DAY}\s+(?:of\s+)?{_MONTH}", _day_month, "day"),
    _rule(rf"{_MONTH}\s+{_DAY}(?![:\d])", _day_month, "day"),
    _rule(rf"(?:(?:early|mid|late)[\s-]+)?{_MONTH},?\s+(?:of\s+)?{_YEAR}", _month_year),
    _rule(rf"(?P<rel>last|this|next|{_PERIOD_OPENERS})[\s-]+{_MONTH}", _relative_month, "month"),
    _rule(rf"(?:(?P<rel>last|this\s+past|on|this|next|early|late)\s+)?{_WEEKDAY}", _weekday, "day"),
    _rule(r"(?P<w>the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|"
          r"this\s+(?:morning|afternoon|evening))", _day_word, "day"),
    _rule(rf"(?P<n>\d+|a|an|{_NUMBER})\s+(?P<unit>day|week|month|year)s?\s+ago", _ago, "day"),
    _rule(r"(?P<rel>earlier\s+this|later\s+this|this\s+past|the\s+past|past|last|previous|this|next)\s+"
          r"(?P<unit>week|month|year)", _relative_period, "day"),
    _rule(rf"(?:{_PERIOD_OPENERS}|{_SEASONS})[\s-]+{_YEAR}", _year),
    _rule(rf"(?<![$£€.,]){_YEAR}(?=\s*(?:[,.;:)]|$))", _year),
    _rule(rf"{_YEAR}(?=\s+{_DATED_EVENT})", _year),
)


def _usable(rule: _Rule, anchor_precision: str | None) -> bool:
    """A relative rule needs an anchor at least as precise as it resolves ("on Sunday" needs a day)."""
    if rule.needs is None:
        return True
    return anchor_precision is not None and PRECISIONS.index(anchor_precision) <= PRECISIONS.index(rule.needs)


def _anchor_precision(anchor: str | date | None) -> str | None:
    if anchor is None:
        return None
    return "day" if isinstance(anchor, date) else iso_precision(str(anchor))


def _candidates(text: str, anchor: str | date | None):
    day, precision = parse_iso(anchor), _anchor_precision(anchor)
    for rule in _RULES:
        if not _usable(rule, precision if day else None):
            continue
        for match in rule.pattern.finditer(text):
            resolved = rule.resolver(match, day)
            if resolved and resolved[0]:
                day, precision = resolved
                yield DateMention(match.start(), match.end(), match.group(0), to_iso(day, precision), precision)


def find_dates(text: str, anchor: str | date | None = None) -> list[DateMention]:
    """Date expressions in ``text`` resolved against ``anchor``; the longest wins where they overlap."""
    chosen: list[DateMention] = []
    for found in sorted(_candidates(text, anchor), key=lambda m: (m.start - m.end, m.start)):
        if all(found.end <= c.start or found.start >= c.end for c in chosen):
            chosen.append(found)
    return sorted(chosen, key=lambda m: m.start)


def resolve_date(text: str, anchor: str | date | None = None, near: int | tuple[int, int] | None = None
                 ) -> DateMention | None:
    """The date expression of ``text`` nearest to position (or span) ``near`` (else the first), or ``None``."""
    found = find_dates(text, anchor)
    if not found or near is None:
        return found[0] if found else None
    start, end = near if isinstance(near, tuple) else (near, near)
    return min(found, key=lambda m: m.start - end if m.start >= end else max(start - m.end, 0))


# --- publication date ------------------------------------------------------------------------

_HEAD_CHARS = 1000
_LABELLED = re.compile(r"(?im)^[ \t]*(?:first\s+)?(?:published|posted|updated|last\s+updated|date)"
                       r"(?:\s+on)?\s*[:\-–]?\s*(?P<value>[^\n]{6,80}?)\s*$")
_WRITTEN_DATE = (r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
                 r"|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4})")
_DATELINE = re.compile(rf"(?m)^[ \t]*[A-Z][A-Za-z .'’()-]{{1,40}},\s+(?P<value>{_WRITTEN_DATE})")
_DATE_LINE = re.compile(rf"(?m)^[ \t]*(?:[A-Z][a-z]+day,?\s+)?(?P<value>{_WRITTEN_DATE})"
                        r"(?:[\s,|-]+(?:at\s+)?\d{1,2}[:.]\d{2}[^\n]*)?\s*$")
_DATEPARSER_SETTINGS = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"],
                        "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"}


def _absolute_date(value: str) -> str | None:
    """ISO day of a date string that names its year: own rules first, then dateparser."""
    for found in find_dates(value):
        if found.precision == "day" and len(found.iso) == 10:
            return found.iso
    parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date().isoformat() if parsed else None


def find_publication_date(text: str) -> str | None:
    """The publication date an article states near its top: a "Published: ..." line, a
    dateline ("BEIRUT, Nov 20, 2017 (Reuters) -") or a line holding only a date."""
    head = text[:_HEAD_CHARS]
    for pattern in (_LABELLED, _DATELINE, _DATE_LINE):
        for match in pattern.finditer(head):
            iso = _absolute_date(match.group("value"))
            if iso:
                return iso
    return None
