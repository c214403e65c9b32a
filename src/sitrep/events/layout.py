"""Lines of an article that report no event themselves (GUIDELINES, "What counts").

- Lists of other stories: "[See our reports, ...]", "(For details, see ...)",
  "SEE ALSO: ..."; they report nothing, neither events nor relations.
- Headlines and captions: a whole line without closing punctuation, with more text after
  it; the article's body reports their events, so they add none (their relations stand).
"""
from __future__ import annotations

import re
from functools import cache

from sitrep.events.resources import load_events_yaml
from sitrep.events.view import SentenceView, sentence_views
from sitrep.models import Analysis
from sitrep.nlp.sentences import paragraph_start
from sitrep.spans import overlaps

_CLOSING = ('.', '!', '?', ':', '"', '”', "'", '’', ')')


@cache
def _related_story_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE | re.MULTILINE) for p in load_events_yaml("cues")["related_stories"])


def related_story_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the document that list other stories."""
    return [m.span() for pattern in _related_story_patterns() for m in pattern.finditer(text)]


def is_headline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole line without closing punctuation, followed by more text."""
    line_start = paragraph_start(text, start)
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    whole_line = not text[line_start:start].strip() and not text[end:line_end].strip()
    return whole_line and bool(text[line_end:].strip()) and not text[start:end].rstrip().endswith(_CLOSING)


def reporting_views(analysis: Analysis, sdoc=None) -> list[SentenceView]:
    """Views of the sentences outside lists of other stories."""
    related = related_story_spans(analysis.doc.text)
    return [v for v in sentence_views(analysis, sdoc) if not overlaps(v.start, v.end, related)]
