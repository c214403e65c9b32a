"""Whole items held in memory (a file, an HTTP response body) to Documents."""

from __future__ import annotations

from collections.abc import Iterator

from sitrep.ingest.base import Failure
from sitrep.ingest.decode import decode_text
from sitrep.ingest.feed import parse_feed
from sitrep.ingest.html import parse_html
from sitrep.ingest.text import parse_text
from sitrep.models import Document


def parse_payload(
    data: bytes,
    fmt: str,
    *,
    doc_id: str,
    source: str,
    url: str | None = None,
    charset: str | None = None,
    doc_fmt: str | None = None,
) -> Iterator[Document | Failure]:
    """Read ``data`` as a feed, an HTML page or plain text (``fmt``).

    ``doc_fmt`` overrides the format recorded on a page (``url`` for fetched pages).
    """
    if fmt == "feed":
        yield from parse_feed(data, source=source)
        return
    text = decode_text(data, charset)
    if fmt == "html":
        yield parse_html(text, doc_id=doc_id, source=source, fmt=doc_fmt or "html", url=url)
    else:
        yield parse_text(text, doc_id=doc_id, source=source, fmt=doc_fmt or "txt")
