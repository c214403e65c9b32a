"""Dispatch each source (file, directory, URL) to its adapter, turning any
error that stops an item into a Failure so that the batch goes on."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from sitrep.ingest.base import Failure, ItemError, Options
from sitrep.ingest.decode import read_capped
from sitrep.ingest.fetch import read_url
from sitrep.ingest.formats import format_by_name, is_skipped_name, sniff
from sitrep.ingest.jsonl import read_jsonl
from sitrep.ingest.payload import parse_payload
from sitrep.ingest.warc import read_warc
from sitrep.models import Document

log = logging.getLogger(__name__)
URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)
Item = Document | Failure


def read_sources(
    sources: Iterable[str],
    *,
    allow_private: bool = False,
    max_bytes: int = 20_000_000,
    timeout: float = 20.0,
) -> Iterator[Item]:
    """Documents and Failures from files, directories (recursive) and http(s) URLs, in order.

    Never raises for a bad item: each one becomes a Failure naming it.
    """
    options = Options(allow_private=allow_private, max_bytes=max_bytes, timeout=timeout)
    for source in sources:
        if not source.strip():
            yield Failure(source, "empty source name")
        elif URL.match(source):
            yield from guarded(source, read_url(source, options))
        elif Path(source).is_dir():
            yield from read_directory(Path(source), options)
        else:
            yield from read_file(Path(source), options)


def read_directory(root: Path, options: Options) -> Iterator[Item]:
    for entry in article_files(root):
        if isinstance(entry, Failure):
            yield entry
        else:
            yield from read_file(entry, options)


def article_files(directory: Path) -> Iterator[Path | Failure]:
    """Files an adapter reads, depth first in name order; hidden entries,
    README files and symlinked folders (which may loop) are skipped."""
    try:
        entries = sorted(directory.iterdir())
    except OSError as error:
        yield Failure(str(directory), describe_os_error(error))
        return
    for entry in entries:
        if is_skipped_name(entry.name):
            continue
        if entry.is_dir():
            if not entry.is_symlink():
                yield from article_files(entry)
        elif format_by_name(entry):
            yield entry


def read_file(path: Path, options: Options) -> Iterator[Item]:
    reader = FILE_READERS.get(format_by_name(path) or "", read_whole_file)
    yield from guarded(str(path), reader(path, options))


def read_whole_file(path: Path, options: Options) -> Iterator[Item]:
    """A file read into memory: txt, html or feed, by name or else by content."""
    data = read_capped(path, options.max_bytes)
    fmt = format_by_name(path) or sniff(data) or "txt"
    yield from parse_payload(data, fmt, doc_id=path.stem, source=str(path))


FILE_READERS: dict[str, Callable[[Path, Options], Iterator[Item]]] = {
    "jsonl": read_jsonl,
    "warc": read_warc,
}


def guarded(item: str, items: Iterator[Item]) -> Iterator[Item]:
    """Yield from one source's adapter; an error that stops it becomes a Failure."""
    try:
        yield from items
    except ItemError as error:
        yield Failure(item, str(error))
    except OSError as error:
        yield Failure(item, describe_os_error(error))
    except Exception as error:  # a parser choking on hostile input must not end the batch
        log.exception("unexpected error reading %s", item)
        yield Failure(item, f"unexpected error: {type(error).__name__}: {error}")


def describe_os_error(error: OSError) -> str:
    return f"cannot read: {error.strerror or error}"
