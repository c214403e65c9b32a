"""The language of a document: from its metadata when present, else a guess.

The guess uses py3langid, the maintained fork of langid.py: a naive Bayes
classifier over byte n-grams for 97 languages (Arabic, Persian, Russian,
Ukrainian, Hebrew, Turkish among them) whose model ships inside the wheel,
so it works offline, needs no download at run time and takes about a
millisecond per document. Short or ambiguous texts get no language rather
than a wrong one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SAMPLE_CHARS = 2000
MIN_CHARS = 20
MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when unsure."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None
    language, confidence = _identifier().classify(sample)
    return language if confidence >= MIN_CONFIDENCE else None


def normalise_language(code: str | None) -> str | None:
    """The primary subtag of a metadata language tag ("en-US" -> "en")."""
    primary = re.split(r"[-_]", code.strip())[0].lower() if code else ""
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None
