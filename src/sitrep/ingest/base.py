"""What every ingest adapter shares: the Failure record, the error that
becomes one, run options, and the one place a Document is built."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from sitrep.ingest.clean import clean_text
from sitrep.ingest.language import guess_language, normalise_language
from sitrep.models import Document

MAX_SLUG_CHARS = 80


@dataclass
class Failure:
    """A bad item, named, with a one-line reason; the batch goes on."""

    item: str  # path, URL, or path:line / path#record
    reason: str


class ItemError(Exception):
    """An item cannot be read; ``str(error)`` is the one-line reason."""


@dataclass(frozen=True)
class Options:
    allow_private: bool = False
    max_bytes: int = 20_000_000
    timeout: float = 20.0


def build_document(*, doc_id: str, text: str, source: str, fmt: str, **metadata: str | None) -> Document:
    """Clean the text, tidy the metadata and settle the language.

    ``metadata`` holds the optional Document fields (title, url, publisher,
    author, published, language); blank values become None.
    """
    body = clean_text(text)
    if not re.search(r"\w", body):
        raise ItemError("no article text found")
    fields = {name: tidy(value) for name, value in metadata.items()}
    fields["language"] = normalise_language(fields.get("language")) or guess_language(body)
    return Document(doc_id=doc_id, text=body, source=source, fmt=fmt, **fields)


def tidy(value: str | None) -> str | None:
    """Fold whitespace (titles from markup carry newlines); empty becomes None."""
    folded = " ".join(value.split()) if isinstance(value, str) else ""
    return folded or None


def slugify(value: str) -> str:
    """A readable id from a URL or feed entry id; long values keep a hash
    suffix so that two long URLs sharing a prefix stay distinct."""
    without_scheme = re.sub(r"^[a-z][a-z0-9+.-]*://", "", value.strip().lower())
    slug = re.sub(r"\W+", "-", without_scheme).strip("-")
    digest = hashlib.sha1(value.encode("utf-8")).hexdigest()
    if len(slug) > MAX_SLUG_CHARS:
        slug = f"{slug[: MAX_SLUG_CHARS - 9].rstrip('-')}-{digest[:8]}"
    return slug or digest[:12]
