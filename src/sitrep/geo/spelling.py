"""Place names written otherwise than the entity ruler lists them: "Ar-Raqqa" for "Raqqa".

The ruler matches its names letter for letter, but transliterations of one
name differ in hyphens, articles and vowels ("Al-Bukamal", "Albu Kamal",
"Deir-ez-Zor", "Deir ez-Zor"). A run of two or more capitalised words (a
hyphen counts as a word break, Arabic articles may be lower case) is a place
name when its folded key (``sources.lookup_keys``) is the key of a ruler name
and it is spelled much like that name once articles are set aside: folding
alone makes "Al-Qaeda" meet "al-Ghayda". Single words are left to the ruler:
folded, common words meet short place names ("Attack" and "Ataq" share a key).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz

from sitrep.geo.sources import lookup_keys
from sitrep.resolve.normalize import basic_fold, drop_articles

PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "at", "an", "ash", "az", "ez", "ed", "ul", "bin", "ibn"})
MAX_WORDS = 5
SIMILARITY = 75  # rapidfuzz ratio of the article-free spellings from which a run names the ruler's place
_WORD = re.compile(r"[^\W\d_][\w'’]*")


class SpellingIndex:
    """The ruler's names by lookup key, as article-free folded spellings."""

    def __init__(self, names: Iterable[str]):
        self.spellings: dict[str, set[str]] = defaultdict(set)
        for name in names:
            for key in lookup_keys(name):
                self.spellings[key].add(_bare(name))

    def names(self, surface: str) -> bool:
        """``surface`` is a spelling of a ruler name: the same key, and spelled much like it."""
        bare = _bare(surface)
        return any(fuzz.ratio(bare, spelling) >= SIMILARITY
                   for key in lookup_keys(surface) for spelling in self.spellings.get(key, ()))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of multi-word runs that spell a ruler name, longest first, not overlapping."""
        found: list[tuple[int, int]] = []
        for run in _runs(text):
            taken: set[int] = set()
            for size in range(min(len(run), MAX_WORDS), 1, -1):
                for i in range(len(run) - size + 1):
                    words = run[i:i + size]
                    if taken.isdisjoint(range(i, i + size)) and _bounded(words, text) and \
                            self.names(text[words[0].start():words[-1].end()]):
                        found.append((words[0].start(), words[-1].end()))
                        taken.update(range(i, i + size))
        return sorted(found)


def _bare(name: str) -> str:
    return drop_articles(basic_fold(name)).replace(" ", "")


def _runs(text: str) -> list[list[re.Match]]:
    """Words joined by one space or hyphen, each capitalised or an article."""
    runs: list[list[re.Match]] = []
    for word in _WORD.finditer(text):
        if not (word.group()[:1].isupper() or word.group().lower() in PARTICLES):
            continue
        previous = runs[-1][-1] if runs else None
        if previous is not None and text[previous.end():word.start()] in (" ", "-"):
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _bounded(words: list[re.Match], text: str) -> bool:
    """A name ends on a capitalised word and starts on one, or on an article joined by a hyphen ("al-Bab")."""
    first, last = words[0].group(), words[-1].group()
    hyphenated = text[words[0].end():words[0].end() + 1] == "-"
    return last[:1].isupper() and (first[:1].isupper() or hyphenated)
