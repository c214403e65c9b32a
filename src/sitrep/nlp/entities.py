"""Domain entity layer: registry, gazetteer and equipment names matched as typed spans.

Two phrase matchers share one tokenizer: names are matched on lower case and
then checked against the capitalisation of the pattern (so "Hit" the Iraqi town
is not "hit"), and acronyms are matched exactly ("IS" is not "is"). Registry
names and place names of several words are also found under other spellings
(their folded keys: "Qasem Suleimani", "Ar-Raqqa").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Callable, Iterable, TypeVar

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from sitrep.data import load_data_yaml
from sitrep.geo.sources import designated_only
from sitrep.geo.spelling import SpellingIndex
from sitrep.models import Mention
from sitrep.nlp.dates import find_dates
from sitrep.phrases import place_word_set
from sitrep.registry import Registry
from sitrep.resolve.normalize import ARABIC_ARTICLES, JOINING_PARTICLES, fold_name, name_key
from sitrep.spans import longest_first


V = TypeVar("V")


def once_per_doc(doc: Doc, key: str, compute: Callable[[], V]) -> V:
    """What ``compute`` gives for a Doc, computed once and kept in its ``user_data`` under ``key``:
    for what the recogniser's rules ask of the whole document for each name."""
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = compute()
    return value


def text_of(doc: Doc) -> str:
    """A Doc's text, joined once: spaCy's ``Doc.text`` joins every token again on each call, and
    the recogniser's rules read it for each name, so that a long report cost more per word than a
    short one (4,300-word documents: 1,530 words/s before this, 1,850-1,910 after)."""
    return once_per_doc(doc, "sitrep.text", lambda: doc.text)


MIN_VARIANT_WORD = 5  # letters a one-word name needs before other spellings of it are looked for
# Short lower-case words inside names that need not be capitalised in text.
_PARTICLES = ARABIC_ARTICLES | JOINING_PARTICLES | {"of", "the", "and", "wa", "de", "la", "du", "fi", "li"}


@dataclass(frozen=True)
class NamePattern:
    """One surface form of a known entity."""

    text: str
    type: str
    target: str  # registry id, place id or equipment id
    origin: str  # registry, gazetteer, equipment
    exact: bool = False  # match case-sensitively (acronyms)
    loose: bool = False  # a curated place, found spelled with other vowels too (``geo.spelling``)
    designated: bool = False  # matched only with a designation after it, which the match takes in ("Jonglei State")


@cache
def load_equipment() -> list[dict]:
    return load_data_yaml("equipment.yaml")


@cache
def load_titles() -> tuple[str, ...]:
    return tuple(sorted(load_data_yaml("titles.yaml"), key=lambda t: -len(t.split())))


@cache
def load_name_heads() -> frozenset[str]:
    return frozenset(load_data_yaml("name_heads.yaml"))


@cache
def load_country_names() -> frozenset[str]:
    aliases = load_data_yaml("gazetteer", "country_aliases.yaml")
    return frozenset(country_name_key(n) for names in aliases.values() for n in names)


def is_country_name(name: str) -> bool:
    return country_name_key(name) in load_country_names()


def country_name_key(name: str) -> str:
    """An acronym letter for letter ("SA" is South Africa, "SAA" the Syrian Arab Army), else ``name_key``."""
    return name.casefold() if is_acronym(name) else name_key(name)


def names_worth_matching(names: list[str], registry: Registry | None = None, own_id: str = "") -> list[str]:
    """Drop aliases that would swallow a neighbouring entity or a generic head noun.

    "TOW missiles" goes when "TOW" is a name too (the mention is the name alone);
    "Iran's Revolutionary Guards" goes because Iran is a mention of its own; a
    bare country name ("US") never names a registry actor.
    """
    folded = {n.casefold() for n in names}
    kept = []
    for name in names:
        if registry is not None and is_country_name(name):
            continue  # a country named as an actor is a PLACE (GUIDELINES), never a registry actor
        words = name.split()
        if len(words) > 1 and words[-1].casefold() in load_name_heads() and \
                " ".join(words[:-1]).casefold() in folded:
            continue
        possessor = re.split(r"['’]s\s", name, maxsplit=1)
        if len(possessor) == 2 and _names_someone_else(possessor[0], registry, own_id):
            continue
        kept.append(name)
    return kept


def _names_someone_else(text: str, registry: Registry | None, own_id: str) -> bool:
    if is_country_name(text):
        return True
    return registry is not None and bool(registry.lookup(text) - {own_id})


def is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(name) <= 6 and bool(letters) and all(c.isupper() for c in letters)


def registry_patterns(registry: Registry) -> Iterable[NamePattern]:
    for entry in registry:
        for name in names_worth_matching(entry.names(), registry, entry.id):
            yield NamePattern(name, entry.type, entry.id, "registry", exact=is_acronym(name))
        for acronym in entry.acronyms:
            if not is_country_name(acronym):
                yield NamePattern(acronym, entry.type, entry.id, "registry", exact=True)


def equipment_patterns() -> Iterable[NamePattern]:
    """Equipment names and their plurals ("two BTR-80s")."""
    for item in load_equipment():
        for name in names_worth_matching(list(dict.fromkeys([item["name"], *item.get("aliases", [])]))):
            for form in (name, name + "s") if not name.endswith("s") else (name,):
                yield NamePattern(form, "EQUIPMENT", f"equipment:{item['id']}", "equipment",
                                  exact=is_acronym(name))


def place_patterns(names: Iterable[tuple[str, str]], curated: frozenset[str] = frozenset()) -> Iterable[NamePattern]:
    """Patterns of (surface, place id) pairs; those of ``curated`` ids may be spelled with other vowels,
    those marked designated only (``geo.sources.designated_only``) match with a designation after them."""
    for surface, place_id in names:
        bare = designated_only(surface)
        yield NamePattern(bare or surface, "PLACE", place_id, "gazetteer", exact=is_acronym(bare or surface),
                          loose=place_id in curated, designated=bare is not None)


def _opens_a_longer_name(span: Span, pattern: NamePattern) -> bool:
    """A match of a name "The ⟨Word⟩" right before another capitalised word: the opening of a
    longer name ("the National Police", "the Guardian Council"), not the paper called "The
    National" or "The Guardian"."""
    words = pattern.text.split()
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return len(words) == 2 and words[0].lower() == "the" and after is not None and after.is_title and after.is_alpha


_DATE_PREPOSITIONS = frozenset({"on", "since", "until", "till"})
_ANY_DAY = "2000-01-01"  # an anchor only lets the date rules read a day and month without a year


def _reads_as_a_date(span: Span) -> bool:
    """A name that is also a day and a month ("26 September", a Yemeni paper), written with a year
    after it or after "on": "on 26 September 2022", "since 26 September" are dates."""
    if not any(c.isdigit() for c in span.text):
        return False
    after_preposition = span.start > 0 and span.doc[span.start - 1].lower_ in _DATE_PREPOSITIONS
    window = text_of(span.doc)[span.start_char:span.end_char + len(", 2000")]
    return any(found.start == 0 and (found.end > len(span.text) or after_preposition and found.end == len(span.text))
               for found in find_dates(window, _ANY_DAY))


class EntityRuler:
    """Finds known names in a spaCy Doc; longest match wins, registry before places."""

    _PRIORITY = {"registry": 0, "equipment": 1, "gazetteer": 2}

    def __init__(self, nlp: Language, patterns: Iterable[NamePattern]):
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.patterns: dict[str, list[NamePattern]] = {}
        by_surface: dict[tuple[str, bool], list[NamePattern]] = {}
        for pattern in patterns:
            surface = pattern.text if pattern.exact else pattern.text.lower()
            by_surface.setdefault((surface, pattern.exact), []).append(pattern)
        for (surface, exact), group in by_surface.items():
            key = ("=" if exact else "~") + surface
            self.patterns[key] = sorted(group, key=lambda p: self._PRIORITY[p.origin])
        self._add(nlp, exact=True)
        self._add(nlp, exact=False)
        self.by_key: dict[str, NamePattern] = {}
        for key, group in self.patterns.items():
            actor = next((p for p in group if p.origin == "registry"), None)
            if key[0] == "~" and actor and any(w[:1].isupper() for w in actor.text.split()):
                self.by_key.setdefault(name_key(actor.text), actor)
        self.first_words = frozenset(key.split()[0] for key in self.by_key if key)
        self.longest = max((len(p[0].text.split()) for p in self.patterns.values()), default=1)
        places = [p for group in self.patterns.values() for p in group if p.origin == "gazetteer" and not p.designated]
        self.place_spellings = SpellingIndex((p.text for p in places if p.text[:1].isupper()),
                                             loose=(p.text for p in places if p.loose and p.text[:1].isupper()))
        self.place_named = {p.text: p for p in reversed(places)}

    def _add(self, nlp: Language, exact: bool) -> None:
        matcher = self.exact if exact else self.folded
        keys = [k for k in self.patterns if (k[0] == "=") == exact]
        texts = [self.patterns[k][0].text for k in keys]
        for key, pattern_doc in zip(keys, nlp.tokenizer.pipe(texts)):
            matcher.add(key, [pattern_doc])

    def __call__(self, sdoc: Doc, places: frozenset[tuple[int, int]] = frozenset()) -> list[tuple[Span, NamePattern]]:
        """Known names of ``sdoc``. ``places`` are the character spans the words around them call
        places ("near ⟨X⟩ town"): a registry name only spelled like one of them yields to them
        ("Al-Kadeer town" is no misspelling of the broadcaster Al-Ghadeer), and so does a person's
        name that is one of them: a town named like a family ("the town of ⟨al-Haddadi⟩")."""
        found = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(sdoc):
                key = sdoc.vocab.strings[match_id]
                span = sdoc[start:end]
                pattern = self._pick(self.patterns[key], span)
                if pattern is not None and pattern.designated:
                    span = sdoc[start:end + 1]
                if pattern is not None and not _opens_a_longer_name(span, pattern) and not _reads_as_a_date(span) \
                        and not (pattern.type == "PERSON" and (span.start_char, span.end_char) in places):
                    found.append((span, pattern))
        found.extend(v for v in self._spelling_variants(sdoc) if not _overlaps(v[0], places))
        found.extend(self._place_spellings(sdoc))
        return longest_first(found, lambda match: (match[0].start, match[0].end))

    def _place_spellings(self, sdoc: Doc) -> list[tuple[Span, NamePattern]]:
        """Place names of several words spelled otherwise than the gazetteer lists them ("Ar-Raqqa")."""
        found = []
        for start, end, name in self.place_spellings.spans(text_of(sdoc)):
            span = sdoc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                found.append((span, self.place_named[name]))
        return found

    def _spelling_variants(self, sdoc: Doc) -> list[tuple[Span, NamePattern]]:
        """Capitalised token runs whose folded key equals a registry name: "Qasem Suleimani".
        A single short word folds onto too many others ("Khan" onto the broadcaster Kan) and must
        be written as the registry writes it. A name of several words may be written as a plural
        possessive ("Quds Forces' fighters").

        Places are left out: their alternate spellings are in the gazetteer, and
        folding common words ("Attack") onto short place names ("Ataq") misfires.
        A run may open with a lower-case Arabic article ("al-Quds Brigade" for "Quds Brigade"),
        which the name then takes from a place name it would otherwise leave behind ("al-Quds")."""
        found = []
        for start, token in enumerate(sdoc):
            if not (token.text[:1].isupper() or _opens_with_article(sdoc, start)) or not self._may_open_a_name(token):
                continue
            for end in range(start + 1, min(start + self.longest * 2, len(sdoc)) + 1):
                span = sdoc[start:end]
                if not span[-1].text[:1].isupper():
                    continue
                pattern = self.by_key.get(name_key(span.text)) or self._plural_possessive(sdoc, span)
                if pattern is not None and (len(span) > 1 or len(token.text) >= MIN_VARIANT_WORD) \
                        and not _opens_a_longer_name(span, pattern):
                    found.append((span, pattern))
        return found

    def _may_open_a_name(self, token) -> bool:
        """Whether a run opening with the token may fold onto a registry name: its key's first word
        opens one, or it is only an article (which the run's key drops: the next word opens it).
        Most capitalised words open none, and their runs need not be folded."""
        if all(word in ARABIC_ARTICLES for word in fold_name(token.text).split()):
            return True
        return name_key(token.text).split()[0] in self.first_words

    def _plural_possessive(self, sdoc: Doc, span: Span) -> NamePattern | None:
        """The name a span spells as a plural possessive, a common slip for the singular one
        ("Quds Forces' fighters" for "Quds Force's")."""
        last = span[-1]
        if len(span) < 2 or not last.text.endswith("s") or last.i + 1 >= len(sdoc) or \
                sdoc[last.i + 1].text not in ("'", "’"):
            return None
        return self.by_key.get(name_key(span.text[:-1]))

    @staticmethod
    def _pick(candidates: list[NamePattern], span: Span) -> NamePattern | None:
        for pattern in candidates:
            if pattern.origin == "gazetteer" and not pattern.exact and len(span) == 1 \
                    and span.text.lower() in STOP_WORDS:
                continue
            if pattern.designated and not _designation_follows(span):
                continue
            if pattern.exact or capitalisation_agrees(pattern.text, span):
                return pattern
        return None


def _designation_follows(span: Span) -> bool:
    """Whether a first-level area's designation follows the span ("Jonglei ⟨State⟩", "Gao ⟨region⟩")."""
    return span.end < len(span.doc) and span.doc[span.end].lower_ in place_word_set("area_designations")


def _overlaps(span: Span, places: frozenset[tuple[int, int]]) -> bool:
    return any(start < span.end_char and span.start_char < end for start, end in places)


def _opens_with_article(sdoc: Doc, start: int) -> bool:
    """A lower-case Arabic article joined to the capitalised word after it: "al-Quds", "el-Nusra"."""
    if start + 2 >= len(sdoc):
        return False
    return sdoc[start].lower_ in ARABIC_ARTICLES and sdoc[start + 1].text == "-" and sdoc[start + 2].text[:1].isupper()


def capitalisation_agrees(pattern_text: str, span: Span) -> bool:
    """A name written with capitals must open with a capital in the text too ("Hit" the town is
    not "hit"); later words may be lower case ("Syrian government forces" for "Syrian Government
    Forces"), since house styles differ on capitalising the common nouns of a name. A name with a
    number in it is no common word however it is written ("regiment 46", "brigade 137")."""
    if pattern_text.islower() or any(c.isdigit() for c in pattern_text):
        return True
    first_pattern_word = next((w for w in pattern_text.split() if w.lower() not in _PARTICLES),
                              pattern_text.split()[0])
    first_text_word = next((t.text for t in span if t.lower_ not in _PARTICLES and t.is_alpha), span[0].text)
    return not first_pattern_word[:1].isupper() or first_text_word[:1].isupper()


def title_before(sdoc: Doc, span: Span) -> tuple[str | None, int]:
    """A title or rank written right before a person span: (title, its start char)."""
    prefix = text_of(sdoc)[max(0, span.start_char - 40):span.start_char]
    for title in load_titles():
        candidate = title + " "
        stripped = prefix.rstrip(" \u00a0")
        if stripped.endswith(title) and (len(stripped) == len(title) or not stripped[-len(title) - 1].isalnum()):
            start = span.start_char - (len(prefix) - len(stripped)) - len(title)
            return candidate.strip(), start
    return None, span.start_char


def leading_titles(text: str) -> tuple[str | None, int]:
    """Titles and ranks at the start of a span and where the name begins:
    "Maj. Gen. Qassem Soleimani" -> ("Maj. Gen.", 10)."""
    offset = 0
    while True:
        rest = text[offset:]
        title = next((t for t in load_titles()
                      if rest.startswith(t) and rest[len(t):len(t) + 1] in (" ", "\u00a0")), None)
        if title is None:
            return (text[:offset].strip() or None), offset
        offset += len(title) + 1


def to_mention(sdoc: Doc, span: Span, type_: str, origin: str, registry_id: str | None) -> Mention:
    title = title_before(sdoc, span)[0] if type_ == "PERSON" else None
    return Mention(span.start_char, span.end_char, span.text, type_, origin, title, registry_id)
