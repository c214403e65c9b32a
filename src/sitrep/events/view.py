"""A sentence seen by the rules: its text with entity mentions masked as ``⟨E0⟩``, ``⟨E1⟩``...

Masking lets one regular expression speak of "an entity" ("according to ⟨E2⟩"),
keeps trigger words inside names ("Islamic State" has none, "Battle Brigade"
would) from firing, and maps every masked position back to document offsets.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.events.anaphora import anaphor_mentions
from sitrep.models import Analysis, Entity, Mention

# Rules write a space as " ": no-break and narrow spaces read as one (same length, offsets kept).
_PLAIN_SPACES = str.maketrans({c: " " for c in "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003"})


@dataclass(frozen=True)
class Slot:
    """One entity mention of a sentence, at its masked offsets."""

    index: int
    entity: Entity
    mention: Mention
    start: int
    end: int

    @property
    def key(self) -> str:
        return self.entity.key

    @property
    def type(self) -> str:
        return self.entity.type


@dataclass
class SentenceView:
    start: int  # document offsets of the sentence
    end: int
    text: str
    masked: str
    slots: list[Slot]
    _segments: list[tuple[int, int, int]] = field(default_factory=list)  # masked start, masked end, doc start

    def doc_offset(self, masked_pos: int) -> int:
        """Document offset of a masked position (a slot maps to its mention's start or end)."""
        for m_start, m_end, d_start in self._segments:
            if m_start <= masked_pos <= m_end:
                return d_start + (masked_pos - m_start)
        return self.end

    def text_offset(self, masked_pos: int) -> int:
        """Offset in ``self.text`` (the sentence) of a masked position."""
        return self.doc_offset(masked_pos) - self.start

    def slot_at(self, masked_pos: int) -> Slot | None:
        return next((s for s in self.slots if s.start <= masked_pos < s.end), None)

    def slots_between(self, start: int, end: int) -> list[Slot]:
        return [s for s in self.slots if s.start >= start and s.end <= end]


def without_overlaps(pairs: list[tuple[Mention, Entity]]) -> list[tuple[Mention, Entity]]:
    """Mentions by position, overlaps dropped (the longer kept)."""
    pairs = sorted(pairs, key=lambda p: (p[0].start, -(p[0].end - p[0].start)))
    kept: list[tuple[Mention, Entity]] = []
    for mention, entity in pairs:
        if not kept or mention.start >= kept[-1][0].end:
            kept.append((mention, entity))
    return kept


def sentence_mentions(analysis: Analysis) -> list[tuple[Mention, Entity]]:
    """All mentions with their entities, by position, overlaps dropped (the longer kept)."""
    return without_overlaps([(m, e) for e in analysis.entities for m in e.mentions])


def build_view(text: str, start: int, end: int, mentions: list[tuple[Mention, Entity]]) -> SentenceView:
    """The masked view of ``text[start:end]``, given the document's mentions by position."""
    parts: list[str] = []
    slots: list[Slot] = []
    segments: list[tuple[int, int, int]] = []
    cursor = start
    length = 0
    for mention, entity in mentions:
        if mention.start < start or mention.end > end:
            continue
        plain = text[cursor:mention.start]
        segments.append((length, length + len(plain), cursor))
        parts.append(plain)
        length += len(plain)
        token = f"⟨E{len(slots)}⟩"
        slots.append(Slot(len(slots), entity, mention, length, length + len(token)))
        parts.append(token)
        length += len(token)
        cursor = mention.end
    segments.append((length, length + end - cursor, cursor))
    parts.append(text[cursor:end])
    masked = "".join(parts).translate(_PLAIN_SPACES)
    return SentenceView(start, end, text[start:end], masked, slots, segments)


def sentence_views(analysis: Analysis, sdoc=None) -> list[SentenceView]:
    """Views of every sentence: from ``analysis.sentences``, else the spaCy Doc's, else the whole
    text; anaphors ("the group") are slots of the entity they refer to."""
    text = analysis.doc.text
    spans = list(analysis.sentences)
    if not spans and sdoc is not None and sdoc.has_annotation("SENT_START"):
        spans = [(s.start_char, s.end_char) for s in sdoc.sents]
    spans = spans or [(0, len(text))]
    mentions = sentence_mentions(analysis)
    mentions = without_overlaps(mentions + anaphor_mentions(analysis, mentions))
    return [build_view(text, s, e, mentions) for s, e in spans]
