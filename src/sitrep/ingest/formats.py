"""Which adapter reads an item: by file name, by media type, or by sniffing
the first bytes when neither says."""

from __future__ import annotations

import re
from pathlib import PurePath

EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".warc.gz": "warc",
}
MEDIA_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "text/plain": "txt",
}
SNIFF_BYTES = 2048
FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]")
HTML_ROOT = re.compile(rb"<(!doctype html|html|head|body)[\s>]")


def format_by_name(path: PurePath) -> str | None:
    name = path.name.lower()
    return next((fmt for extension, fmt in EXTENSIONS.items() if name.endswith(extension)), None)


def is_skipped_name(name: str) -> bool:
    """Hidden files and README files are not articles."""
    return name.startswith(".") or name.lower().startswith("readme.")


def sniff(data: bytes) -> str | None:
    """'feed' or 'html' from the opening markup, else None."""
    head = data[:SNIFF_BYTES].lower()
    if FEED_ROOT.search(head):
        return "feed"
    if HTML_ROOT.search(head):
        return "html"
    return None
