"""Bytes to text: size limits, BOMs, declared and detected encodings, and
refusing binary data before it reaches a parser."""

from __future__ import annotations

import codecs
import re
import stat
from email.message import Message
from pathlib import Path

import charset_normalizer

from sitrep.ingest.base import ItemError

# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MAX_CONTROL_RATIO = 0.01
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
BINARY = "binary data, not text"


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, refusing one over ``max_bytes`` before reading it."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise ItemError("not a regular file")
    if info.st_size > max_bytes:
        raise ItemError(too_large(max_bytes, info.st_size))
    with path.open("rb") as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ItemError(too_large(max_bytes))
    return data


def too_large(max_bytes: int, size: int | None = None) -> str:
    """The reason for refusing an item; ``size`` when known without reading it all."""
    return f"too large: {size} bytes > {max_bytes}" if size else f"too large: more than {max_bytes} bytes"


def bom_encoding(data: bytes) -> str | None:
    return next((encoding for bom, encoding in BOMS if data.startswith(bom)), None)


def reject_non_text(data: bytes) -> None:
    """Raise for empty data and for NUL bytes outside a UTF-16/32 text with
    a BOM (UTF-16 without one cannot be told from binary data here)."""
    if not data.strip():
        raise ItemError("empty")
    if b"\x00" in data and not bom_encoding(data):
        raise ItemError(BINARY)


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode by BOM, then the declared charset, then UTF-8, then detection
    (charset-normalizer, for legacy code pages such as cp1256)."""
    reject_non_text(data)
    text = _decode_as(data, bom_encoding(data)) or _decode_as(data, declared) or _decode_as(data, "utf-8")
    if text is None:
        best = charset_normalizer.from_bytes(data).best()
        text = str(best) if best is not None else None
    if text is None or _mostly_controls(text):
        raise ItemError(BINARY)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_as(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def _mostly_controls(text: str) -> bool:
    return len(CONTROL_CHARS.findall(text)) > MAX_CONTROL_RATIO * len(text)


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """'text/html; charset=UTF-8' -> ('text/html', 'utf-8'); a missing header -> ('', None)."""
    if not value:
        return "", None
    header = Message()
    header["content-type"] = value
    return header.get_content_type(), header.get_content_charset()
