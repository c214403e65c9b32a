"""Publication dates as ISO strings at the precision the source states."""

from __future__ import annotations

import re
import time
from functools import lru_cache

from dateparser.date import DateDataParser

MAX_DATE_CHARS = 60
# Relative expressions ("today", "2 hours ago") are not parsed and a year is
# required, so a page without a date never gets today's date.
PARSER_SETTINGS = {
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["year"],
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
FORMAT_BY_PERIOD = {"year": "%Y", "month": "%Y-%m"}
# Only text with a year goes to dateparser (it would refuse the rest anyway):
# its language detection costs tens of milliseconds per failed line.
YEAR = re.compile(r"\d{4}")


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    return DateDataParser(settings=PARSER_SETTINGS)


def iso_date(value: str | None) -> str | None:
    """ISO date at the stated precision: "3 January 2020" -> "2020-01-03", "March 2016" -> "2016-03"."""
    text = " ".join(value.split()) if value else ""
    if len(text) > MAX_DATE_CHARS or not YEAR.search(text):
        return None
    parsed = _parser().get_date_data(text)
    if parsed.date_obj is None:
        return None
    return parsed.date_obj.strftime(FORMAT_BY_PERIOD.get(parsed.period, "%Y-%m-%d"))


def iso_date_from_struct(value: time.struct_time | None) -> str | None:
    """A date as feedparser gives it (UTC struct_time) -> "YYYY-MM-DD"."""
    return time.strftime("%Y-%m-%d", value) if value else None
