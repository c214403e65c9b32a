"""Character spans shared by the entity layer, the events stage and the geocoder's evaluation."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def longest_first(items: Iterable[T], bounds: Callable[[T], tuple[int, int]]) -> list[T]:
    """The items whose (start, end) ``bounds`` overlap no longer item kept before them (the leftmost
    of equal lengths wins), in text order."""
    kept: list[tuple[int, int, T]] = []
    for item in sorted(items, key=lambda it: (bounds(it)[0] - bounds(it)[1], bounds(it)[0])):
        start, end = bounds(item)
        if not overlaps(start, end, ((s, e) for s, e, _ in kept)):
            kept.append((start, end, item))
    return [item for _, _, item in sorted(kept, key=lambda k: k[0])]


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``start``-``end`` shares a character with any of ``spans``."""
    return any(start < s_end and s_start < end for s_start, s_end in spans)
