"""Sentence boundaries from pysbd, which knows abbreviations such as "Maj." and "Gen."."""
from __future__ import annotations

from functools import cache

import numpy
import pysbd
from spacy.attrs import SENT_START
from spacy.tokens import Doc


@cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each sentence, trailing whitespace excluded.

    Paragraph breaks always end a sentence (headlines and datelines carry no period).
    """
    spans = []
    offset = 0
    for paragraph in text.split("\n"):
        if paragraph.strip():
            for span in _segmenter().segment(paragraph):
                start = offset + span.start
                end = offset + span.start + len(span.sent.rstrip())
                if end > start:
                    spans.append((start, end))
        offset += len(paragraph) + 1
    return spans


def paragraph_start(text: str, offset: int) -> int:
    """Where the paragraph holding ``offset`` starts: paragraphs are lines, as ``sentence_spans``
    reads them."""
    return text.rfind("\n", 0, offset) + 1


def same_paragraph(text: str, start: int, end: int) -> bool:
    """Whether no paragraph break lies between ``start`` and ``end``."""
    return paragraph_start(text, end) <= start


def set_sentence_starts(sdoc: Doc, spans: list[tuple[int, int]]) -> None:
    """Mark the first token of each sentence span on a spaCy Doc, in one array: setting
    ``Token.is_sent_start`` token by token checks the whole document's annotation each time,
    which made a long report cost more per word than a short one."""
    starts = {start for start, _ in spans}
    flags = numpy.array([1 if token.i == 0 or token.idx in starts else -1 for token in sdoc], dtype=numpy.int64)
    sdoc.from_array([SENT_START], flags.astype(numpy.uint64))  # spaCy's arrays hold -1 wrapped, as uint64
