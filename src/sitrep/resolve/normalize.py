"""Name keys that fold transliteration variants, applied identically to registry and text.

Two keys per name:
- ``name_key``: light folding (diacritics, ayn/apostrophes, hyphens, Arabic
  articles, also run into "Abu" ("Abul"), q/k/kh, ou/u, ei/i, e/i, o/u, doubled letters). Variants such as
  "Qassem Soleimani" / "Qasem Suleimani" or "Albu Kamal" / "Al-Bukamal"
  (spaces removed too, in ``compact_key``) meet here.
- ``skeleton_key``: consonant skeleton, used only for blocking candidates;
  scoring decides.
Containment is not identity: "kataib hezbollah" keeps both tokens, so it never
equals "hezbollah".
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sitrep.data import load_data_yaml
from sitrep.phrases import alternation

_PARTICLES = load_data_yaml("name_particles.yaml")
ARABIC_ARTICLES = frozenset(_PARTICLES["articles"])  # "al", "ash", "ez" ...
JOINING_PARTICLES = frozenset(_PARTICLES["joining"])  # "bin", "abu", "umm" ...
_APOSTROPHES = re.compile(r"['’‘`ʿʾʼʻ´]")
_NON_WORD = re.compile(r"[^\w\s]|_")
_ARTICLE = re.compile(rf"\b(?:{alternation(ARABIC_ARTICLES)})\s+(?=\w)")
_LETTER_FOLDS = (
    ("kh", "k"), ("gh", "k"), ("q", "k"), ("ck", "k"), ("c", "k"),
    ("ph", "f"), ("dh", "d"), ("th", "t"), ("j", "j"), ("w", "u"), ("y", "i"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "i"), ("ai", "ai"),
    ("e", "i"), ("o", "u"),
)
# "c" before "e", "i" or "y" is soft in nearly every language that writes it so (Venice, Nice, Cizre,
# Kielce; Welsh is an exception): folded to "k", it made "Venice" a spelling of Vynnyky
_SOFT_C = re.compile(r"c(?=[eiy])")
_DOUBLED = re.compile(r"(\w)\1+")
_VOWELS_AFTER_FIRST = re.compile(r"(?<=\w)[aeiou]")


# Latin letters that are not a base letter and a mark, so decomposing does not strip them: the Turkish
# dotless "ı" ("Çınar", written "Cinar" in English), the Polish "ł", the Nordic "ø"...
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                               "ħ": "h", "Ħ": "H", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"})


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_UNDECOMPOSED)


def basic_fold(text: str) -> str:
    """Casefold, strip diacritics and apostrophes, turn punctuation into spaces."""
    text = strip_diacritics(unicodedata.normalize("NFKC", text)).casefold()
    text = _APOSTROPHES.sub("", text)
    text = _NON_WORD.sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=1 << 16)
def fold_name(name: str) -> str:
    """``basic_fold`` of a name, memoised: the geocoder folds every candidate's name, and the
    recogniser every word it tests for a demonym, story after story."""
    return basic_fold(name)


def drop_articles(text: str) -> str:
    """Remove Arabic definite articles written as separate words ("al nujaba" -> "nujaba")."""
    return " ".join(_ARTICLE.sub("", text).split())


def fold_letters(word: str) -> str:
    word = _SOFT_C.sub("s", word)
    for src, dst in _LETTER_FOLDS:
        word = word.replace(src, dst)
    return _DOUBLED.sub(r"\1", word)


# "Abu" with the next word's article run into it ("Abul Fadl", "Abu'l-Hasan" for "Abu al-Fadl")
_ABU_WITH_ARTICLE = frozenset({"abul", "abil", "abol"})


@lru_cache(maxsize=262_144)
def name_key(name: str) -> str:
    """Light transliteration-folded key of a name (memoised: names recur across documents)."""
    words = drop_articles(basic_fold(name)).split()
    return " ".join(fold_letters("abu" if w in _ABU_WITH_ARTICLE else w) for w in words)


_JOINED_ARTICLE = re.compile(r"^al(?=[^aeiou])")
# after the first word, "el" too (folded to "il"): "Ein Elfijeh" is "Ein al-Fijeh"; a first word
# keeps it ("Ilford", "Elgin" are not "Ford", "Gin")
_JOINED_INNER_ARTICLE = re.compile(r"^[ai]l(?=[^aeiou])")


# the Arabic feminine ending (ta marbuta), written with or without its "h": "Qayyarah", "Qayyara"
_FEMININE_ENDING = re.compile(r"(?<=\wa)h$")


def compact_key(name: str) -> str:
    """``name_key`` without spaces or a joined article: "Albu Kamal", "Al-Bukamal", "Albukamal" meet,
    as do "Ein Elfijeh" and "Ein al-Fijeh"."""
    return _compacted(name_key(name).split())


def ending_key(name: str) -> str:
    """``compact_key`` with the "h" of each word's feminine ending dropped: "Qayyara" and "Qayyarah",
    "Falluja" and "Fallujah" meet. The gazetteer stores it marked (``sources.stored_keys``), out of
    the consonant skeletons of curated names, lest it make the spellings of other names meet more
    ("Tal Dweir" is not "Taldarah")."""
    return _compacted(without_feminine_endings(name_key(name)).split())


def without_feminine_endings(folded: str) -> str:
    """A folded name without the "h" of each word's feminine ending ("misratah" -> "misrata")."""
    return " ".join(_FEMININE_ENDING.sub("", word) for word in folded.split())


def _compacted(words: list[str]) -> str:
    first, *rest = words or [""]
    return _JOINED_ARTICLE.sub("", first) + "".join(_JOINED_INNER_ARTICLE.sub("", word) for word in rest)


def skeleton_key(name: str) -> str:
    """Consonant skeleton of ``name_key``, for blocking only."""
    return " ".join(_DOUBLED.sub(r"\1", _VOWELS_AFTER_FIRST.sub("", w)) for w in name_key(name).split())
