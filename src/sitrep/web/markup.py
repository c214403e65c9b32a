"""Safe HTML from article text: escape every piece first, then add our own tags around it.

Nothing from an article ever reaches the page unescaped; the only tags are the
ones built here (``mark``, ``a``, ``span``) with attribute values we control.
"""
from __future__ import annotations

import bisect
import re
from typing import Callable, Iterable, Sequence

from markupsafe import Markup, escape

from sitrep.web.schemas import MentionOut

HIT_START, HIT_END = "\x02", "\x03"  # around full-text hits in database snippets
_HIT_MARKS = re.compile(f"([{HIT_START}{HIT_END}])")


def parse_snippet(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """Plain snippet text and the ``[start, end)`` of each hit.

    Marks are balanced defensively: article text could itself contain the
    marker characters, so a stray end is dropped and an open hit closes at the end.
    """
    text, highlights, opened = [], [], None
    length = 0
    for piece in _HIT_MARKS.split(raw):
        if piece == HIT_START:
            opened = length if opened is None else opened
        elif piece == HIT_END:
            if opened is not None and length > opened:
                highlights.append((opened, length))
            opened = None
        else:
            text.append(piece)
            length += len(piece)
    if opened is not None and length > opened:
        highlights.append((opened, length))
    return "".join(text), highlights


def highlight(text: str, highlights: Iterable[Sequence[int]]) -> Markup:
    """``text`` escaped, with each ``[start, end)`` in ``<mark>``."""
    out, cursor = [], 0
    for start, end in sorted(highlights):
        if start < cursor:
            continue
        out += [escape(text[cursor:start]), Markup("<mark>"), escape(text[start:end]), Markup("</mark>")]
        cursor = end
    out.append(escape(text[cursor:]))
    return Markup("").join(out)


_CODE_SPAN = re.compile(r"`([^`]+)`")


def code_spans(text: str) -> Markup:
    """Escaped text with `backticked` words as ``<code>`` (API descriptions are written that way)."""
    return Markup(_CODE_SPAN.sub(lambda m: f"<code>{m.group(1)}</code>", str(escape(text))))


def merge_ranges(ranges: Iterable[Sequence[int]]) -> list[tuple[int, int]]:
    """Overlapping ranges joined, sorted by start."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((s, e) for s, e in ranges if e > s):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def disjoint(mentions: Iterable[MentionOut]) -> list[MentionOut]:
    """Mentions without overlaps, the earlier (then longer) one kept."""
    kept: list[MentionOut] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if m.end > m.start and (not kept or m.start >= kept[-1].end):
            kept.append(m)
    return kept


class AnnotatedText:
    """An article as HTML: evidence sentences as link targets, mentions marked by type (like displaCy).

    A mention that crosses a sentence boundary is marked in each part, so the
    tags always nest.
    """

    def __init__(self, text: str, mentions: Iterable[MentionOut], sentences: Iterable[Sequence[int]],
                 entity_href: Callable[[str], str], type_labels: dict[str, str]):
        self.text = text
        self.mentions = disjoint(m for m in mentions if m.end <= len(text))
        self.sentences = merge_ranges((s, min(e, len(text))) for s, e in sentences)
        self._starts = [s for s, _ in self.sentences]
        self._href = entity_href
        self._labels = type_labels

    def anchor(self, offset: int) -> str | None:
        """The id of the sentence element holding ``offset``, for ``#`` links."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.sentences[i][1]:
            return f"s{self.sentences[i][0]}"
        return None

    def html(self) -> Markup:
        out, cursor = [], 0
        for start, end in self.sentences:
            out.append(self._plain(cursor, start))
            out += [Markup('<span class="sent" id="s{}">').format(start), self._plain(start, end), Markup("</span>")]
            cursor = end
        out.append(self._plain(cursor, len(self.text)))
        return Markup("").join(out)

    def _plain(self, start: int, end: int) -> Markup:
        """Text between two offsets, with the mentions inside it marked."""
        out, cursor = [], start
        for m in self.mentions:
            lo, hi = max(m.start, start), min(m.end, end)
            if lo >= hi:
                continue
            out += [escape(self.text[cursor:lo]), self._mark(m, self.text[lo:hi])]
            cursor = hi
        out.append(escape(self.text[cursor:end]))
        return Markup("").join(out)

    def _mark(self, mention: MentionOut, text: str) -> Markup:
        label = self._labels.get(mention.type, mention.type)
        return Markup('<mark class="ent ent-{}"><a href="{}">{}</a><span class="ent-label">{}</span></mark>').format(
            mention.type.lower(), self._href(mention.entity_id), text, label)
