"""According to whom, and how surely: the source entity of a sentence's claims and their
certainty (GUIDELINES: confirmed / reported / claimed / alleged)."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from sitrep.events.resources import expand_macros, load_events_yaml
from sitrep.events.view import SentenceView, Slot
from sitrep.models import Analysis
from sitrep.nlp.sentences import paragraph_start, same_paragraph

SOURCE_TYPES = ("ORGANIZATION", "ARMED_GROUP", "PERSON", "PLACE")
GROUP_TYPES = ("ARMED_GROUP", "ORGANIZATION")
_SLOT_MACRO = r"⟨E(?P<e>\d+)⟩"


@dataclass(frozen=True)
class AttributionCues:
    sources: tuple[re.Pattern, ...]
    pronoun_sources: tuple[re.Pattern, ...]
    hedges: re.Pattern
    confirmations: re.Pattern
    claims: re.Pattern
    unnamed_sources: re.Pattern
    self_reports: re.Pattern
    publishes_media: tuple[re.Pattern, ...]
    media_reference: re.Pattern
    shown: re.Pattern


@dataclass(frozen=True)
class Source:
    """Who states the sentence, and the masked span of the words saying so."""

    key: str
    start: int
    end: int
    slot: Slot | None  # the mention naming the source, when the sentence names it
    media: str | None = None  # pictures the source published: "own" (an armed group's: what they show is its
    #                           claim) or "published" (anyone else's)


def _compile(pattern: str, macros: dict[str, str]) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){expand_macros(pattern, macros)}", re.IGNORECASE)


@cache
def attribution_cues() -> AttributionCues:
    raw = load_events_yaml("cues")
    macros = {**raw["macros"], "E": _SLOT_MACRO}
    patterns = raw["attribution"]
    words = raw["certainty"]
    return AttributionCues(
        tuple(_compile(p, macros) for p in patterns["sources"]),
        tuple(_compile(p, macros) for p in patterns["pronoun_sources"]),
        *(re.compile(rf"\b(?:{expand_macros(words[k], macros)})\b", re.IGNORECASE)
          for k in ("hedges", "confirmations", "claims", "unnamed_sources", "self_reports")),
        tuple(_compile(p, macros) for p in patterns["publishes_media"]),
        *(_compile(patterns[k], macros) for k in ("media_reference", "shown")))


class GroupIndex:
    """The last group or organisation named before a document offset (what "its", "their" refer to)."""

    def __init__(self, analysis: Analysis):
        pairs = sorted((m.start, e.key) for e in analysis.entities if e.type in GROUP_TYPES for m in e.mentions)
        self.starts = [start for start, _ in pairs]
        self.keys = [key for _, key in pairs]

    def before(self, offset: int) -> str | None:
        i = bisect.bisect_left(self.starts, offset)
        return self.keys[i - 1] if i else None


def named_source(view: SentenceView) -> Source | None:
    """The source a sentence names ("according to ⟨E2⟩", "⟨E0⟩ said", "told ⟨E3⟩")."""
    for pattern in attribution_cues().sources:
        for match in pattern.finditer(view.masked):
            slot = view.slots[int(match.group("e"))]
            if slot.type in SOURCE_TYPES:
                return Source(slot.key, match.start(), match.end(), slot, _media_published(view, slot))
    return None


def _media_published(view: SentenceView, slot: Slot) -> str | None:
    """The pictures the sentence has the source publish ("⟨E⟩ posted a video", "in footage released
    by ⟨E⟩"): "own" for an armed group's, "published" for anyone else's, None for none."""
    if not any(view.slots[int(m.group("e"))] is slot for p in attribution_cues().publishes_media
               for m in p.finditer(view.masked)):
        return None
    return "own" if slot.type == "ARMED_GROUP" else "published"


class SourceTrail:
    """Sources that speak on past the sentence naming them.

    - Pictures: "⟨E⟩ released a video of its forces. The video (above) shows its men on
      parade. In the convoys, a BTR-80 can be seen." A sentence naming the pictures ("the
      video shows") may follow within a few sentences; one telling only what "can be seen" must
      follow a described one in the same paragraph.
    - Quotations: words quoted from a source ("'...,' an officer told the agency.") go on in the
      next sentence when that one opens a quotation of its own, or stays inside one left open.
    """

    _REACH = 3  # sentences from the release to a sentence naming its pictures

    def __init__(self, text: str):
        self.text = text
        self.pictures: tuple[Source, int, int] | None = None  # publisher, sentence index, sentence end
        self.quote: tuple[Source, int] | None = None  # speaker of the last quoted sentence, its index

    def source(self, view: SentenceView, index: int, found: Source | None) -> Source | None:
        """``found`` (the sentence's own source), else the one whose words or pictures it goes on with."""
        if found is not None:
            self.pictures = (found, index, view.end) if found.media else self.pictures
            self.quote = (found, index) if _QUOTE_MARKS.search(view.text) else None
            return found
        return self._quoted(view, index) or self._described(view, index)

    def _quoted(self, view: SentenceView, index: int) -> Source | None:
        if self.quote is None or index - self.quote[1] != 1:
            return None
        if not (_OPENS_QUOTE.match(view.text) or _open_quotation(self.text, view.start)):
            return None
        speaker = self.quote[0]
        self.quote = (speaker, index)
        return Source(speaker.key, 0, 0, None)

    def _described(self, view: SentenceView, index: int) -> Source | None:
        if self.pictures is None:
            return None
        publisher, at, end = self.pictures
        cues = attribution_cues()
        described = index - at <= self._REACH and cues.media_reference.search(view.masked) or \
            index - at == 1 and same_paragraph(self.text, end, view.start) and cues.shown.search(view.masked)
        if not described:
            return None
        self.pictures = (publisher, index, view.end)
        return Source(publisher.key, 0, 0, None, publisher.media)


_QUOTE_MARKS = re.compile(r"[\"“”]")
_OPENS_QUOTE = re.compile(r"\s*[\"“]")


def _open_quotation(text: str, offset: int) -> bool:
    """Whether a quotation opened earlier in the paragraph is still open at ``offset``."""
    paragraph = text[paragraph_start(text, offset):offset]
    straight = paragraph.count('"')
    return paragraph.count("“") > paragraph.count("”") or straight % 2 == 1


def pronoun_source(view: SentenceView, group_before: Callable[[int], str | None]) -> Source | None:
    """"on its Facebook page": the nearest group named before (in the sentence, else earlier)."""
    for pattern in attribution_cues().pronoun_sources:
        match = pattern.search(view.masked)
        if match:
            groups = [s for s in view.slots if s.end <= match.start() and s.type in GROUP_TYPES]
            key = groups[-1].key if groups else group_before(view.start)
            if key:
                return Source(key, match.start(), match.end(), None)
    return None


def attribution_slots(view: SentenceView) -> set[int]:
    """Indexes of the mentions inside the words that attribute the sentence ("said on its ⟨Facebook⟩
    page", "according to ⟨E1⟩"): sources and their channels, not participants."""
    cues = attribution_cues()
    spans = [m.span() for p in cues.sources + cues.pronoun_sources for m in p.finditer(view.masked)]
    return {s.index for s in view.slots if any(a <= s.start and s.end <= b for a, b in spans)}


def find_source(view: SentenceView, group_before: Callable[[int], str | None]) -> Source | None:
    return named_source(view) or pronoun_source(view, group_before)


def certainty(view: SentenceView, source: Source | None, interested: bool) -> str:
    """Hedged -> alleged; own voice -> confirmed (reported when attributed to unnamed sources);
    an interested party about itself, or an armed group's own pictures -> claimed; a third party
    confirming -> confirmed; otherwise -> reported."""
    cues = attribution_cues()
    if cues.hedges.search(view.masked):
        return "alleged"
    if source is None:
        return "reported" if cues.unnamed_sources.search(view.masked) else "confirmed"
    if interested or source.media == "own" or cues.claims.search(view.masked):
        return "claimed"
    if cues.confirmations.search(view.masked):
        return "confirmed"
    return "reported"


def claims_responsibility(view: SentenceView) -> bool:
    return bool(attribution_cues().claims.search(view.masked))


def reports_itself(view: SentenceView) -> bool:
    """"⟨E⟩ released a video showing ...", "⟨E⟩ announced a counter-attack": the speaker's own deeds."""
    return bool(attribution_cues().self_reports.search(view.masked))


def covers(source: Source, clause_start: int) -> bool:
    """Whether a source speaks for a clause: not when it closes an earlier part of the sentence
    ("families fled, an agency reported, as jets pounded the town": the pounding is the reporter's)."""
    return source.start == 0 or source.end > clause_start
