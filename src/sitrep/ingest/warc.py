"""WARC crawls (``.warc``, ``.warc.gz``): every HTML response record is a page.

The archive is streamed with warcio, so a crawl may be larger than the
per-item size limit; the limit applies to each record's payload. A bad record
is a Failure named ``path#TARGET-URI``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from sitrep.ingest.base import Failure, ItemError, Options, slugify
from sitrep.ingest.decode import decode_text, parse_content_type, too_large
from sitrep.ingest.formats import MEDIA_TYPES
from sitrep.ingest.html import parse_html
from sitrep.models import Document

GZIP_MAGIC = b"\x1f\x8b"
WARC_MAGIC = b"WARC/"


def read_warc(path: Path, options: Options) -> Iterator[Document | Failure]:
    if path.stat().st_size == 0:
        raise ItemError("empty")
    with path.open("rb") as stream:
        check_warc_start(stream)
        try:
            for record in ArchiveIterator(stream):
                if is_html_response(record):
                    yield record_document(record, path=path, max_bytes=options.max_bytes)
        except ArchiveLoadFailed as error:
            raise ItemError(f"not a readable WARC file ({error.msg})") from None


def check_warc_start(stream: BinaryIO) -> None:
    """Refuse what is neither gzip nor WARC: warcio would read a line of five
    words as an old ARC header and yield nonsense instead of failing."""
    start = stream.read(len(WARC_MAGIC))
    stream.seek(0)
    if not start.startswith(GZIP_MAGIC) and start != WARC_MAGIC:
        raise ItemError("not a readable WARC file (no WARC header)")


def is_html_response(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    mime, _ = parse_content_type(record.http_headers.get_header("Content-Type"))
    return MEDIA_TYPES.get(mime) == "html"


def record_document(record: ArcWarcRecord, *, path: Path, max_bytes: int) -> Document | Failure:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    item = f"{path}#{url}"
    try:
        payload = record.content_stream().read(max_bytes + 1)
        if len(payload) > max_bytes:
            raise ItemError(too_large(max_bytes))
        _, charset = parse_content_type(record.http_headers.get_header("Content-Type"))
        return parse_html(decode_text(payload, charset), doc_id=slugify(url), source=item, fmt="warc", url=url or None)
    except ItemError as error:
        return Failure(item, str(error))
