"""Web pages and feeds over HTTP(S), fetched with httpx.

Guard against server-side request forgery: the host is resolved and every
address must be public (not loopback, private, link-local, shared, reserved
or multicast) unless ``allow_private=True``; redirects are followed by hand
so that each hop is checked. The check and httpx's connection resolve the
name separately, so a DNS-rebinding server could still get through: fetch
hostile URLs behind an egress proxy. Bodies are streamed and cut off at
``max_bytes`` (counted after content decoding, which also bounds gzip bombs).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from sitrep.ingest.base import Failure, ItemError, Options, slugify
from sitrep.ingest.decode import parse_content_type, too_large
from sitrep.ingest.formats import MEDIA_TYPES, sniff
from sitrep.ingest.payload import parse_payload
from sitrep.models import Document

MAX_REDIRECTS = 5
USER_AGENT = "sitrep-ingest (+https://github.com/sitrep)"
DEFAULT_PORTS = {"http": 80, "https": 443}
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass
class Fetched:
    url: str
    content_type: str | None
    body: bytes


def read_url(url: str, options: Options) -> Iterator[Document | Failure]:
    fetched = fetch(url, options)
    mime, charset = parse_content_type(fetched.content_type)
    fmt = MEDIA_TYPES.get(mime) or sniff(fetched.body)
    if fmt is None:
        raise ItemError(f"unsupported content type: {mime or 'none given'}")
    yield from parse_payload(
        fetched.body, fmt, doc_id=slugify(url), source=url, url=fetched.url, charset=charset, doc_fmt="url"
    )


def fetch(url: str, options: Options) -> Fetched:
    """GET ``url``, following up to MAX_REDIRECTS redirects, each hop checked."""
    headers = {"User-Agent": USER_AGENT}
    with translated_http_errors(options.timeout), httpx.Client(timeout=options.timeout, headers=headers) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_address(url, allow_private=options.allow_private)
            with client.stream("GET", url) as response:
                if response.is_redirect:
                    url = str(response.url.join(response.headers["location"]))
                    continue
                if response.is_error:
                    raise ItemError(f"HTTP {response.status_code} {response.reason_phrase}")
                body = read_body(response, options.max_bytes)
                return Fetched(url=str(response.url), content_type=response.headers.get("content-type"), body=body)
    raise ItemError(f"more than {MAX_REDIRECTS} redirects")


@contextmanager
def translated_http_errors(timeout: float) -> Iterator[None]:
    try:
        yield
    except httpx.TimeoutException:
        raise ItemError(f"timed out after {timeout:g} s") from None
    except httpx.HTTPError as error:
        raise ItemError(f"HTTP error: {error}") from None


def read_body(response: httpx.Response, max_bytes: int) -> bytes:
    declared = int(response.headers.get("content-length") or 0)
    if declared > max_bytes:
        raise ItemError(too_large(max_bytes, declared))
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise ItemError(too_large(max_bytes))
    return bytes(body)


def check_address(url: str, *, allow_private: bool) -> None:
    """Refuse non-HTTP schemes, and hosts with any non-public address unless allowed."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise ItemError(f"invalid URL: {error}") from None
    if parsed.scheme not in DEFAULT_PORTS:
        raise ItemError(f"unsupported URL scheme: {parsed.scheme or 'none'}")
    if not parsed.host:
        raise ItemError("invalid URL: no host")
    if allow_private:
        return
    for address in resolve(parsed.host, parsed.port or DEFAULT_PORTS[parsed.scheme]):
        if not is_public(address):
            raise ItemError(f"refused: private address {address} (allow_private=True fetches it)")


def resolve(host: str, port: int) -> set[Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise ItemError(f"cannot resolve host {host!r}: {error}") from None
    return {ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos}


def is_public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast
