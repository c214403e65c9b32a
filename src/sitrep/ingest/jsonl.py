"""JSON Lines dumps: one record per line,
``{"id", "title", "text" or "html", "url", "published", "publisher", "author", "language"}``.

The file is streamed, so a dump may be larger than the per-item size limit;
the limit applies to each line. A bad line is a Failure named ``path:LINE``.
Fields given in the record win over metadata found in its ``html``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from sitrep.ingest.base import Failure, ItemError, Options, build_document
from sitrep.ingest.dates import iso_date
from sitrep.ingest.decode import reject_non_text
from sitrep.ingest.formats import SNIFF_BYTES
from sitrep.ingest.html import extract_page
from sitrep.models import Document

METADATA_FIELDS = ("title", "url", "publisher", "author", "language")
CHUNK_BYTES = 1 << 20


def read_jsonl(path: Path, options: Options) -> Iterator[Document | Failure]:
    with path.open("rb") as stream:
        reject_non_text(stream.read(SNIFF_BYTES))
        stream.seek(0)
        for number, line in numbered_lines(stream, options.max_bytes):
            item = f"{path}:{number}"
            try:
                yield record_document(line, source=item, max_bytes=options.max_bytes)
            except ItemError as error:
                yield Failure(item, str(error))


def numbered_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Non-blank lines with their numbers; None for a line over ``max_bytes``,
    whose remainder is skipped without being held in memory."""
    number = 0
    while line := stream.readline(max_bytes + 1):
        number += 1
        if len(line) > max_bytes:
            _skip_rest_of_line(stream, line)
            yield number, None
        elif line.strip():
            yield number, line


def _skip_rest_of_line(stream: BinaryIO, line: bytes) -> None:
    while line and not line.endswith(b"\n"):
        line = stream.readline(CHUNK_BYTES)


def record_document(line: bytes | None, *, source: str, max_bytes: int) -> Document:
    if line is None:
        raise ItemError(f"line too long: more than {max_bytes} bytes")
    record = parse_record(line)
    doc_id = record_id(record)
    given = {name: _string(record, name) for name in METADATA_FIELDS}
    given["published"] = iso_date(_string(record, "published"))
    fields = {**record_content(record, url=given["url"]), **{k: v for k, v in given.items() if v}}
    return build_document(doc_id=doc_id, source=source, fmt="jsonl", **fields)


def parse_record(line: bytes) -> dict:
    try:
        record = json.loads(line)
    except UnicodeDecodeError:
        raise ItemError("not UTF-8") from None
    except json.JSONDecodeError as error:
        raise ItemError(f"not JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise ItemError("not a JSON object")
    return record


def record_id(record: dict) -> str:
    value = record.get("id")
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not text:
        raise ItemError("missing id")
    return text


def record_content(record: dict, *, url: str | None) -> dict[str, str | None]:
    """The record's text, or the text and metadata of its html."""
    if _string(record, "text"):
        return {"text": record["text"]}
    if _string(record, "html"):
        return extract_page(record["html"], url=url)
    raise ItemError("missing text (no 'text' or 'html')")


def _string(record: dict, name: str) -> str | None:
    value = record.get(name)
    return value if isinstance(value, str) and value.strip() else None
