"""The statistical NER model trained in the project (scripts/train_ner.py), mapped to sitrep types."""
from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.models import Mention
from sitrep.nlp.entities import leading_titles, title_before

_LEADING_NOISE = re.compile(r"^(?:the|The)\s+")


def model_path() -> Path:
    return Path(str(resources.files("sitrep").joinpath("models", "ner")))


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
        if type_ == "PERSON":
            title, cut = leading_titles(text)
            start, text = start + cut, text[cut:]
            if not text:
                return None
            title = title or title_before(sdoc, ent)[0]
            return Mention(start, ent.end_char, text, type_, "ner", title)
        return Mention(start, ent.end_char, text, type_, "ner")
