"""Plain-text articles.

Layout read: an optional title (a short first line followed by a blank
line), an optional date line near the top ("Published: 3 January 2020", or a
line that is only a date), then the body. When there is no date line, a
wire-style dateline opening the body ("BAGHDAD, Jan. 3, 2020 (Reuters) -")
gives the date. The date line is metadata and leaves the text; the title and
the dateline stay, as they do in extracted web pages.
"""

from __future__ import annotations

import re

from sitrep.ingest.base import build_document
from sitrep.ingest.dates import iso_date
from sitrep.models import Document

MAX_TITLE_CHARS = 150
HEADER_LINES = 4
DASHES = "\u2013\u2014-"  # en dash, em dash, hyphen (last, so never a range in [...])
PUBLISHED_LINE = re.compile(
    rf"(?:first )?(?:published|posted|updated|date)\b(?: on)?\s*[:{DASHES}]?\s*(?P<date>.+)", re.IGNORECASE
)
DATELINE = re.compile(rf"(?P<head>.{{3,80}}?)\s*(?:\([^)]{{1,40}}\)\s*)?[{DASHES}]{{1,2}}\s")


def parse_text(text: str, *, doc_id: str, source: str, fmt: str = "txt") -> Document:
    lines = text.strip().splitlines()
    published, lines = take_date_line(lines)
    title = title_line(lines)
    body_start = 1 if title else 0
    published = published or dateline_date(lines[body_start:])
    return build_document(
        doc_id=doc_id, text="\n".join(lines), source=source, fmt=fmt, title=title, published=published
    )


def take_date_line(lines: list[str]) -> tuple[str | None, list[str]]:
    """The date of the first date line among the top lines, and the lines without it."""
    top = [index for index, line in enumerate(lines) if line.strip()][:HEADER_LINES]
    for index in top:
        published = line_date(lines[index])
        if published:
            return published, lines[:index] + lines[index + 1 :]
    return None, lines


def line_date(line: str) -> str | None:
    """The date of a "Published: ..." line or of a line that is only a date."""
    labelled = PUBLISHED_LINE.fullmatch(line.strip())
    return iso_date(labelled["date"]) if labelled else iso_date(line)


def title_line(lines: list[str]) -> str | None:
    """The first line, when it is short and followed by a blank line."""
    if len(lines) < 2 or lines[1].strip():
        return None
    first = lines[0].strip()
    return first if len(first) <= MAX_TITLE_CHARS else None


def dateline_date(lines: list[str]) -> str | None:
    """The date inside a dateline such as "ALEPPO, Syria, March 3, 2016 -"."""
    opening = next((line.strip() for line in lines if line.strip()), "")
    match = DATELINE.match(opening)
    if not match:
        return None
    parts = match["head"].split(",")
    candidates = (",".join(parts[start:]) for start in range(1, len(parts)))
    return next(filter(None, map(iso_date, candidates)), None)
