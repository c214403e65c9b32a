"""Web settings that refuse unsafe combinations instead of starting anyway."""
from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

TOKEN_ENV = "SITREP_TOKEN"
MIN_TOKEN_LENGTH = 16
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


class UnsafeSettingsError(ValueError):
    """The server would expose writes (or a guessable token) to the network."""


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name other than localhost may resolve anywhere
        return False


@dataclass(frozen=True)
class WebSettings:
    """How the workbench is served.

    A token is mandatory on a non-loopback host: anyone on the network could
    otherwise rewrite the knowledge base. When a token is set it is required
    for every write, on any host.
    """

    host: str = "127.0.0.1"
    read_only: bool = False
    token: str | None = None

    def __post_init__(self) -> None:
        if self.token is not None and len(self.token) < MIN_TOKEN_LENGTH:
            raise UnsafeSettingsError(f"the API token must be at least {MIN_TOKEN_LENGTH} characters long")
        if not self.loopback and self.token is None and not self.read_only:
            raise UnsafeSettingsError(
                f"refusing to serve on non-loopback host {self.host!r} without a token: "
                f"set {TOKEN_ENV} (or serve --read-only)")

    @classmethod
    def from_env(cls, *, host: str, read_only: bool, token: str | None) -> WebSettings:
        """Settings with the token taken from ``SITREP_TOKEN`` when not given explicitly."""
        return cls(host=host, read_only=read_only, token=token or os.environ.get(TOKEN_ENV) or None)

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)
