"""RSS and Atom feeds: one Document per entry, parsed by feedparser."""

from __future__ import annotations

import io
from collections.abc import Iterator

import feedparser

from sitrep.ingest.base import Failure, ItemError, build_document, slugify
from sitrep.ingest.dates import iso_date, iso_date_from_struct
from sitrep.ingest.decode import reject_non_text
from sitrep.ingest.html import fragment_to_text
from sitrep.models import Document

HTML_TYPES = ("text/html", "application/xhtml+xml")


def parse_feed(data: bytes, *, source: str) -> Iterator[Document | Failure]:
    """Entries of a feed; a bad entry is a Failure named ``source#entry``."""
    reject_non_text(data)
    # A stream, never bytes: feedparser would try to open bytes as a file name.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.version:
        raise ItemError("not an RSS/Atom feed")
    if not parsed.entries:
        raise ItemError("feed has no entries")
    for number, entry in enumerate(parsed.entries, start=1):
        key = entry.get("id") or entry.get("link") or f"entry-{number}"
        try:
            yield entry_document(entry, parsed.feed, key=key, source=f"{source}#{key}")
        except ItemError as error:
            yield Failure(f"{source}#{key}", str(error))


def entry_document(entry: dict, feed: dict, *, key: str, source: str) -> Document:
    return build_document(
        doc_id=slugify(key),
        text=entry_text(entry),
        source=source,
        fmt="feed",
        title=entry.get("title"),
        url=entry.get("link"),
        publisher=feed.get("title"),
        author=entry.get("author"),
        published=entry_date(entry),
        language=feed.get("language"),
    )


def entry_text(entry: dict) -> str:
    """The entry's full content when the feed carries it, else its summary."""
    parts = entry.get("content") or [entry.get("summary_detail") or {}]
    body = next((part for part in parts if part.get("value")), {})
    value = body.get("value", "")
    return fragment_to_text(value) if body.get("type") in HTML_TYPES else value


def entry_date(entry: dict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return iso_date_from_struct(parsed) or iso_date(entry.get("published") or entry.get("updated"))
