"""Place names written otherwise than the entity ruler lists them: "Ar-Raqqa" for "Raqqa".

The ruler matches its names letter for letter, but transliterations of one
name differ in hyphens, articles and vowels ("Al-Bukamal", "Albu Kamal",
"Deir-ez-Zor", "Deir ez-Zor"). A run of two or more capitalised words (a
hyphen counts as a word break, Arabic articles may be lower case) is a place
name when its folded key (``sources.lookup_keys``) is the key of a ruler name
and it is spelled much like that name once articles are set aside: folding
alone makes "Al-Qaeda" meet "al-Ghayda". Single words are left to the ruler:
folded, common words meet short place names ("Attack" and "Ataq" share a key).

Curated places (the conflict's villages, ``Gazetteer.curated_spellings``) are
also found spelled with other vowels ("Jubb al-Jarrah" as "Jeb Al-Jarah"), when
the run holds an Arabic article and two words besides: English word runs rarely
agree with an Arabic name in every consonant, but without that condition a
person's name or a title could, and an article with one word ("Al Nusrah") may
be a group's name.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz

from sitrep.geo.gazetteer import ConsonantIndex
from sitrep.geo.sources import lookup_keys
from sitrep.resolve.normalize import ARABIC_ARTICLES, basic_fold, compact_key, drop_articles

PARTICLES = ARABIC_ARTICLES | {"bin", "ibn"}  # lower-case words inside a name that are no content word
MAX_WORDS = 5
SIMILARITY = 75  # rapidfuzz ratio of the article-free spellings from which a run names the ruler's place
_WORD = re.compile(r"[^\W\d_][\w'’]*")


class SpellingIndex:
    """The ruler's names by lookup key, as article-free folded spellings, and the curated ones
    (``loose``) by their consonants too."""

    def __init__(self, names: Iterable[str], loose: Iterable[str] = ()):
        self.spellings: dict[str, dict[str, str]] = defaultdict(dict)
        for name in names:
            for key in lookup_keys(name):
                self.spellings[key].setdefault(_bare(name), name)
        self.skeletons = ConsonantIndex()
        for name in loose:
            self.skeletons.add(compact_key(name), name)

    def named(self, surface: str) -> str | None:
        """The ruler name ``surface`` spells: one of the same key spelled much like it, else, where
        ``surface`` holds an Arabic article and two words besides, a curated one of the same
        consonants and a similar key."""
        bare = _bare(surface)
        found = next((name for key in lookup_keys(surface) for spelling, name in self.spellings.get(key, {}).items()
                      if fuzz.ratio(bare, spelling) >= SIMILARITY), None)
        if found is not None or not _arabic_name_of_two_words(surface):
            return found
        return next(iter(self.skeletons.spelled(compact_key(surface))), None)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, ruler name) of the multi-word runs that spell a ruler name, in text order;
        within a run of capitalised words the longest spelling wins and the spans never overlap."""
        found: list[tuple[int, int, str]] = []
        for run in _runs(text):
            taken: set[int] = set()
            for size in range(min(len(run), MAX_WORDS), 1, -1):
                for i in range(len(run) - size + 1):
                    words = run[i:i + size]
                    if not taken.isdisjoint(range(i, i + size)) or not _bounded(words, text):
                        continue
                    if name := self.named(text[words[0].start():words[-1].end()]):
                        found.append((words[0].start(), words[-1].end(), name))
                        taken.update(range(i, i + size))
        return sorted(found)


def _bare(name: str) -> str:
    return drop_articles(basic_fold(name)).replace(" ", "")


def _arabic_name_of_two_words(surface: str) -> bool:
    """Two words or more besides an Arabic article, which the name holds: an article and one word
    ("Al Nusrah") is as short as a single word, and may be a group's name."""
    words = re.split(r"[\s-]+", surface)
    content = [w for w in words if w.lower() not in PARTICLES]
    return len(content) >= 2 and len(content) < len(words)


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
