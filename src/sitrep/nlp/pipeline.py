"""The analyze stage: Document in, Analysis (mentions, entities, events, relations) out.

``Analyzer`` holds the read-only resources (tokenizer/NER model, name
patterns, geocoder, event extractor), built once; ``analyze`` is a pure
function of one document, so it can run in any worker process.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Protocol

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.models import Analysis, Document, Mention
from sitrep.nlp.coref import cluster_mentions, defined_acronyms, short_forms
from sitrep.nlp.entities import EntityRuler, NamePattern, to_mention
from sitrep.nlp.sentences import sentence_spans, set_sentence_starts
from sitrep.resolve.normalize import name_key


class Step(Protocol):
    """A later stage plugged into analysis (geocoder, event extractor)."""

    def __call__(self, analysis: Analysis, sdoc: Doc) -> None: ...


class Analyzer:
    def __init__(self, patterns: Iterable[NamePattern], *, nlp: Language | None = None,
                 statistical: Callable[[Doc], list[Mention]] | None = None,
                 steps: Iterable[Step] = ()):
        self.nlp = nlp or spacy.blank("en")
        self.ruler = EntityRuler(self.nlp, patterns)
        self.statistical = statistical
        self.steps = list(steps)

    def analyze(self, doc: Document) -> Analysis:
        sdoc = self.nlp.make_doc(doc.text)
        sentences = sentence_spans(doc.text)
        set_sentence_starts(sdoc, sentences)
        mentions = [to_mention(sdoc, span, p.type, p.origin, p.target if p.origin != "gazetteer" else None)
                    for span, p in self.ruler(sdoc)]
        if self.statistical is not None:
            mentions = merge_mentions(mentions, self.statistical(sdoc))
        links = link_short_forms(sdoc, mentions) + link_acronyms(sdoc, mentions)
        mentions.extend(short for short, _ in links if short not in mentions)
        mentions.sort(key=lambda m: m.start)
        analysis = Analysis(doc=doc, entities=cluster_mentions(mentions, links), sentences=sentences,
                            published=doc.published)
        for step in self.steps:
            step(analysis, sdoc)
        return analysis


def merge_mentions(rule_mentions: list[Mention], model_mentions: list[Mention]) -> list[Mention]:
    """Statistical mentions fill the gaps the rules leave; rules win on overlap."""
    taken = [(m.start, m.end) for m in rule_mentions]
    extra = [m for m in model_mentions if all(m.end <= s or m.start >= e for s, e in taken)]
    return sorted(rule_mentions + extra, key=lambda m: m.start)


def _free(start: int, end: int, mentions: list[Mention]) -> bool:
    return all(end <= m.start or start >= m.end for m in mentions)


def link_short_forms(sdoc: Doc, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Find surnames and distinctive group words of full names elsewhere in the document."""
    forms: dict[str, Mention] = {}
    for mention in mentions:
        for form in short_forms(mention):
            forms.setdefault(name_key(form), mention)
    links = []
    for token in sdoc:
        full = forms.get(name_key(token.text)) if token.text[:1].isupper() else None
        if full is not None and _free(token.idx, token.idx + len(token.text), mentions + [s for s, _ in links]):
            short = Mention(token.idx, token.idx + len(token.text), token.text, full.type, "shortform",
                            None, full.registry_id)
            links.append((short, full))
    return links


def link_acronyms(sdoc: Doc, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Acronyms defined in the text, found wherever they recur."""
    links = []
    for acronym, full in defined_acronyms(sdoc.text, mentions).items():
        for match in re.finditer(rf"\b{re.escape(acronym)}\b", sdoc.text):
            if _free(match.start(), match.end(), mentions + [s for s, _ in links]):
                short = Mention(match.start(), match.end(), acronym, full.type, "acronym", None,
                                full.registry_id)
                links.append((short, full))
    return links
