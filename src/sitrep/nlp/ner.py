"""The statistical NER model trained in the project (scripts/train_ner.py), mapped to sitrep types."""
from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

import spacy
import yaml
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.models import Mention
from sitrep.nlp.entities import leading_titles, title_before

_LEADING_NOISE = re.compile(r"^(?:the|The)\s+")


def model_path() -> Path:
    return Path(str(resources.files("sitrep").joinpath("trained", "ner")))


def model_available(path: Path | None = None) -> bool:
    return ((path or model_path()) / "meta.json").is_file()


@cache
def label_map() -> dict:
    text = resources.files("sitrep.data").joinpath("ner_labels.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return {"labels": raw["labels"], "cues": {c.lower() for c in raw["armed_group_cues"]}}


def sitrep_type(label: str, text: str) -> str | None:
    mapping = label_map()
    type_ = mapping["labels"].get(label)
    if type_ == "ORGANIZATION" and set(re.findall(r"[\w']+", text.lower())) & mapping["cues"]:
        return "ARMED_GROUP"
    return type_


@cache
def _adjectives() -> frozenset[str]:
    """Nationality and religious adjectives: never a name on their own ("Iraqi Shiite")."""
    text = resources.files("sitrep.data").joinpath("gazetteer", "demonyms.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return frozenset(w.casefold() for words in raw.values() for w in (words or []))


def plausible_name(sdoc: Doc, start: int, text: str) -> bool:
    """A statistical span worth keeping: a capitalised proper name, not a generic phrase.

    The model also learned re3d's generic organisations ("its fighters",
    "coalition forces"); sitrep's guidelines do not count generic nouns, so a
    span must start and end with a capitalised word, hold more than adjectives
    and stop words, and a lone word opening a sentence ("Videos") must recur
    capitalised inside a sentence elsewhere in the document.
    """
    words = text.split()
    if not words or not words[0][:1].isupper() or not words[-1][:1].isupper():
        return False
    content = [w for w in words if w.casefold() not in STOP_WORDS and w.casefold() not in _adjectives()]
    if not content or any(w.isdigit() for w in words):
        return False
    if len(words) == 1:
        token = sdoc.char_span(start, start + len(text))
        if token is not None and token[0].is_sent_start:
            return any(t.text == text and not t.is_sent_start for t in sdoc)
    return True


class StatisticalNER:
    """Runs the model's components on a Doc made by the same tokenizer, returns typed mentions."""

    def __init__(self, nlp: Language):
        self.nlp = nlp

    @classmethod
    def load(cls, path: Path | None = None) -> "StatisticalNER":
        return cls(spacy.load(path or model_path()))

    def __call__(self, sdoc: Doc) -> list[Mention]:
        for _, component in self.nlp.pipeline:
            sdoc = component(sdoc)
        mentions = []
        for ent in sdoc.ents:
            mention = self._mention(sdoc, ent)
            if mention is not None:
                mentions.append(mention)
        return mentions

    @staticmethod
    def _mention(sdoc: Doc, ent) -> Mention | None:
        type_ = sitrep_type(ent.label_, ent.text)
        if type_ is None:
            return None
        start, text = ent.start_char, ent.text
        noise = _LEADING_NOISE.match(text)
        if noise:
            start, text = start + noise.end(), text[noise.end():]
        if not plausible_name(sdoc, start, text):
            return None
        if type_ == "PERSON":
            title, cut = leading_titles(text)
            start, text = start + cut, text[cut:]
            if not text:
                return None
            title = title or title_before(sdoc, ent)[0]
            return Mention(start, ent.end_char, text, type_, "ner", title)
        return Mention(start, ent.end_char, text, type_, "ner")
