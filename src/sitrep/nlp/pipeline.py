"""The analyze stage: Document in, Analysis (mentions, entities, events, relations) out.

``Analyzer`` holds the read-only resources (tokenizer/NER model, name
patterns, geocoder, event extractor), built once; ``analyze`` is a pure
function of one document, so it can run in any worker process.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Callable, Iterable, Iterator, Protocol, TypeVar

import spacy
from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.data import load_data_yaml
from sitrep.geo.admin import is_generic
from sitrep.geo.context import SIDE_OR_CENTRE
from sitrep.geo.partial import PAIR_WORDS
from sitrep.models import Analysis, Document, Mention
from sitrep.nlp.coref import cluster_mentions, defined_acronyms, short_forms
from sitrep.nlp.entities import EntityRuler, NamePattern, is_country_name, text_of, to_mention
from sitrep.nlp.ner import ends_in_group_word, named_places, opens_with_unit_head, owned_after
from sitrep.nlp.sentences import sentence_spans, set_sentence_starts
from sitrep.phrases import DATELINE_PLACE, place_words, toponym_heads
from sitrep.resolve.normalize import ARABIC_ARTICLES, name_key


class Step(Protocol):
    """A later stage plugged into analysis (geocoder, event extractor)."""

    def __call__(self, analysis: Analysis, sdoc: Doc) -> None: ...


DOCUMENT_BATCH = 16  # documents whose sentences the model reads at once in ``Analyzer.analyze_many``


@dataclass
class _Started:
    """A document between the rules and the model (``Analyzer._start``)."""

    doc: Document
    sdoc: Doc
    sentences: list[tuple[int, int]]
    places: list[Mention]
    mentions: list[Mention]


class Analyzer:
    """Finds the names of a document (entity ruler over ``patterns``, then the ``statistical`` model
    where the rules found nothing), clusters them into entities and runs the later ``steps``.
    ``names_a_town`` (the gazetteer's) tells which of the model's organisations written where
    places are written are places; ``holds_town`` (the gazetteer's) which of the model's names
    written before an area said to hold them are its towns."""

    def __init__(self, patterns: Iterable[NamePattern], *, nlp: Language | None = None,
                 statistical: Callable[[Doc], list[Mention]] | None = None,
                 steps: Iterable[Step] = (), names_a_town: Callable[[str], bool] | None = None,
                 holds_town: Callable[[str, str], bool] | None = None):
        self.nlp = nlp or spacy.blank("en")
        self.ruler = EntityRuler(self.nlp, patterns)
        self.statistical = statistical
        self.steps = list(steps)
        self.names_a_town = names_a_town
        self.holds_town = holds_town

    def analyze(self, doc: Document) -> Analysis:
        return next(self.analyze_many([doc]))

    def analyze_many(self, docs: Iterable[Document], batch_size: int = DOCUMENT_BATCH) -> Iterator[Analysis]:
        """The analyses of documents, in order; the statistical model reads the sentences of
        ``batch_size`` documents at a time, which costs less per sentence than one document's
        (``StatisticalNER.many``). Each analysis is the one ``analyze`` gives its document alone."""
        for batch in batched(docs, batch_size):
            started = [self._start(doc) for doc in batch]
            for reading, model in zip(started, self._model_mentions([r.sdoc for r in started])):
                yield self._finish(reading, model)

    def _model_mentions(self, sdocs: list[Doc]) -> list[list[Mention] | None]:
        """The model's mentions of each document: in one stream where the model offers it
        (``many``), else document by document; None for each without a model."""
        if self.statistical is None:
            return [None] * len(sdocs)
        many = getattr(self.statistical, "many", None)
        return many(sdocs) if many is not None else [self.statistical(sdoc) for sdoc in sdocs]

    def _start(self, doc: Document) -> _Started:
        """A document tokenised, split into sentences, and the names the rules find in it."""
        sdoc = self.nlp.make_doc(doc.text)
        sentences = sentence_spans(doc.text)
        set_sentence_starts(sdoc, sentences)
        places = named_places(doc.text)
        mentions = [to_mention(sdoc, span, p.type, p.origin, p.target if p.origin != "gazetteer" else None)
                    for span, p in self.ruler(sdoc, frozenset((m.start, m.end) for m in places))]
        mentions = merge_hyphen_compounds(doc.text, mentions)
        return _Started(doc, sdoc, sentences, places, merge_mentions(mentions, numbered_units(doc.text)))

    def _finish(self, started: _Started, model: list[Mention] | None) -> Analysis:
        """The analysis of a started document, given the model's mentions in it (None: no model)."""
        doc, sdoc, sentences, places, mentions = (started.doc, started.sdoc, started.sentences, started.places,
                                                  started.mentions)
        if model is not None:
            model = cut_at_locatives(model, [*mentions, *places])
            mentions = merge_mentions(mentions, leave_short_forms_to_rules(model, mentions))
        mentions = merge_mentions(retyped_as_places(mentions, places), places)
        if self.names_a_town is not None:
            mentions = retyped_after_place_cues(doc.text, mentions, self.names_a_town)
            mentions = joined_into_town_names(doc.text, mentions, self.names_a_town)
            mentions = dateline_places(doc.text, mentions, self.names_a_town)
            mentions = places_after_ground_words(doc.text, mentions, self.names_a_town)
        if self.holds_town is not None:
            mentions = towns_of_stated_areas(doc.text, mentions, self.holds_town)
        mentions = join_name_words(doc.text, mentions)
        links = link_short_forms(sdoc, mentions) + link_acronyms(sdoc, mentions)
        mentions.extend(short for short, _ in links if short not in mentions)
        mentions.sort(key=lambda m: m.start)
        analysis = Analysis(doc=doc, entities=cluster_mentions(mentions, links), sentences=sentences,
                            published=doc.published)
        for step in self.steps:
            step(analysis, sdoc)
        return analysis


T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items in order, the last one shorter (``itertools.batched`` from Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def merge_mentions(rule_mentions: list[Mention], model_mentions: list[Mention]) -> list[Mention]:
    """Statistical mentions fill the gaps the rules leave; rules win on overlap, except that
    a longer statistical place ("Tal Mamou") replaces gazetteer fragments inside it ("Tal")."""
    kept = list(rule_mentions)
    for model in model_mentions:
        overlapping = [m for m in kept if not (model.end <= m.start or model.start >= m.end)]
        if overlapping and all(_fragment_of(m, model) for m in overlapping):
            kept = [m for m in kept if m not in overlapping]
            overlapping = []
        if not overlapping:
            kept.append(model)
    return sorted(kept, key=lambda m: m.start)


def retyped_as_places(mentions: list[Mention], places: list[Mention]) -> list[Mention]:
    """The model's names that the words around them call places ("the frontline of A'rima", "Sajur
    frontline"), typed PLACE whatever the model read them as; names the rules found keep their type."""
    spans = {(p.start, p.end) for p in places}
    return [Mention(m.start, m.end, m.text, "PLACE", m.origin) if m.origin == "ner" and m.type != "PLACE"
            and (m.start, m.end) in spans else m for m in mentions]


_LOCATIVE = re.compile(r"\b(?:in|at|near)\s+$")
_LOCATIVE_WINDOW = 6  # characters before a name searched for ``_LOCATIVE``
_GROUND_TAKEN = re.compile(rf"\b{place_words('ground_taken')}\s+$", re.IGNORECASE)
_VERB_WINDOW = 14  # characters before a name searched for ``_GROUND_TAKEN``


def retyped_after_place_cues(text: str, mentions: list[Mention], names_a_town: Callable[[str], bool]) -> list[Mention]:
    """The model's names that the words before them call places and that are the name of a town or
    area (``names_a_town``), typed PLACE: an organisation written right after "in", "at" or "near"
    ("aid workers in ⟨Lesbos⟩", "voters queued at ⟨Red Oak⟩"), not a name in capitals ("in NATO");
    a person or organisation right after a verb whose object is ground ("raided ⟨Gwoza⟩", "entered
    ⟨X⟩"); neither followed by what an organisation has ("in ⟨X⟩ positions", "shelled ⟨X⟩ posts")."""
    return [Mention(m.start, m.end, m.text, "PLACE", m.origin) if m.origin == "ner" and _called_a_place(text, m)
            and not owned_after(text, m.end) and names_a_town(m.text) else m for m in mentions]


def _called_a_place(text: str, mention: Mention) -> bool:
    """Whether the words right before a model's mention call it a place (``retyped_after_place_cues``)."""
    if mention.type == "ORGANIZATION" and not mention.text.isupper() \
            and _LOCATIVE.search(text, max(0, mention.start - _LOCATIVE_WINDOW), mention.start):
        return True
    return mention.type in ("ORGANIZATION", "PERSON") \
        and _GROUND_TAKEN.search(text, max(0, mention.start - _VERB_WINDOW), mention.start) is not None


# A list of names of one to three capitalised words each right after a verb whose object is ground
# or after a kind of settlement, "outskirts" or "district centre" and "of": "stormed ⟨Kuki⟩",
# "shelled ⟨X⟩, ⟨Y⟩ and ⟨Z⟩", "the village of ⟨Tal Abyad⟩", "the district centre of ⟨Nad Ali⟩".
_CAPITALISED_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
_SETTLED = rf"(?:{place_words('settlements')}|outskirts|(?:district|provincial)\s+(?:centre|center|capital))\s+of"
_NAMES_AFTER_GROUND = re.compile(
    rf"(?i:\b(?:{place_words('ground_taken')}|{_SETTLED})\s+(?:the\s+)?)"
    rf"(?P<names>{_CAPITALISED_NAME}(?:(?:,\s+|,?\s+and\s+){_CAPITALISED_NAME})*)")
_NAME_IN_LIST = re.compile(_CAPITALISED_NAME)
_POSSESSIVE = re.compile(r"['’]s\b")  # "raided ⟨Kamal⟩'s house": a person's


def places_after_ground_words(text: str, mentions: list[Mention], names_a_town: Callable[[str], bool]) -> list[Mention]:
    """Names that the words before them call ground, as places, where a town or area bears them
    (``names_a_town``; the longest run of the words that one does): the model misses small towns in
    "militants stormed ⟨Kuki⟩", or reads them as people further down a list ("shelled ⟨X⟩ and
    ⟨Orikhiv⟩"), and the entity ruler holds only big ones. A name the model read as a person or an
    organisation is retyped; one the rules found is left as it is. Not a name followed by what an
    armed force has ("shelled ⟨X⟩ positions")."""
    spans = []
    for match in _NAMES_AFTER_GROUND.finditer(text):
        for item in _NAME_IN_LIST.finditer(text, match.start("names"), match.end("names")):
            words = item.group().split()
            name = next((n for k in range(len(words), 0, -1) if names_a_town(n := " ".join(words[:k]))), None)
            if name is not None and not owned_after(text, item.start() + len(name)):
                spans.append((item.start(), item.start() + len(name)))
    return _with_places(text, mentions, spans, lambda m: m.type in ("PERSON", "ORGANIZATION")
                        and not _POSSESSIVE.match(text, m.end))


# Between a name and the area written after it as holding it: "⟨X⟩ in ⟨Borno⟩", "⟨X⟩, in northern
# ⟨Borno⟩", "⟨X⟩, ⟨Borno State⟩"
_HELD_IN = re.compile(rf",\s*|,?\s+in\s+(?:the\s+)?(?:{SIDE_OR_CENTRE}\s+)?")


def towns_of_stated_areas(text: str, mentions: list[Mention], holds_town: Callable[[str, str], bool]) -> list[Mention]:
    """The model's people and organisations written right before a place said to hold them, as
    places where that place is an admin area holding a town of that name
    (``holds_town``): the model reads small towns as people or organisations after verbs that take
    either ("attacked ⟨Gwoza⟩ in Borno", "killed in ⟨Bama⟩, Borno State")."""
    retyped = list(mentions)
    for i, (mention, area) in enumerate(zip(mentions, mentions[1:])):
        if mention.origin == "ner" and mention.type in ("PERSON", "ORGANIZATION") and area.type == "PLACE" \
                and _HELD_IN.fullmatch(text, mention.end, area.start) and holds_town(area.text, mention.text):
            retyped[i] = Mention(mention.start, mention.end, mention.text, "PLACE", mention.origin)
    return retyped


def dateline_places(text: str, mentions: list[Mention], names_a_town: Callable[[str], bool]) -> list[Mention]:
    """The place in capitals opening a wire dateline, a place where it is the name of a town or area
    (``names_a_town``): the model does not read words in capitals as names, and the entity ruler
    holds only big towns ("MOGADISHU"), not "RAMALLAH" or "KIDAL". A model mention of it is retyped;
    one the rules found is left as it is."""
    spans = [match.span("place") for match in DATELINE_PLACE.finditer(text) if names_a_town(match["place"])]
    return _with_places(text, mentions, spans, lambda m: True)


def _with_places(text: str, mentions: list[Mention], spans: Iterable[tuple[int, int]],
                 retypable: Callable[[Mention], bool]) -> list[Mention]:
    """``mentions`` with a place over each of ``spans`` that the rules call one: the model's mention
    of exactly that span retyped where ``retypable`` allows, else a rule's mention where no mention
    touches the span; a span another mention covers is left as it is."""
    kept, found = list(mentions), []
    for start, end in spans:
        model = next((m for m in kept if (m.start, m.end) == (start, end) and m.origin == "ner" and retypable(m)),
                     None)
        if model is None and not _free(start, end, kept):
            continue
        if model is not None:
            kept.remove(model)
        found.append(Mention(start, end, text[start:end], "PLACE", "ner" if model else "rule"))
    return sorted([*kept, *found], key=lambda m: m.start)


_TOWN_NAME_JOIN = re.compile(rf"-|\s+{place_words('name_joiners')}\s+")


def joined_into_town_names(text: str, mentions: list[Mention], names_a_town: Callable[[str], bool]) -> list[Mention]:
    """Two places joined by a bare hyphen or by a particle of Portuguese, Spanish, Italian or French
    names, made one where the whole is the name of a town or area (``names_a_town``): the tokeniser
    cuts "Kaga-Bandoro" at its hyphen and the model reads a person and a place; the model reads
    "Mocímboa" and the entity ruler "Praia", Cape Verde's capital, in "Mocímboa da Praia". One of the
    two must be a place, the other a place or the model's. "The ⟨Lamu⟩-⟨Ijara⟩ road" stays two."""
    def join(previous: Mention, mention: Mention) -> Mention | None:
        whole = text[previous.start:mention.end]
        pair = (previous, mention)
        if any(m.type == "PLACE" for m in pair) and all(m.type == "PLACE" or m.origin == "ner" for m in pair) \
                and _TOWN_NAME_JOIN.fullmatch(text[previous.end:mention.start]) and names_a_town(whole):
            return Mention(previous.start, mention.end, whole, "PLACE", "ner")
        return None
    return _joined_with_previous(mentions, join)


# A preposition of place, lower case, inside one model span and before a capitalised word or an
# Arabic article ("in al-Resafa").
_LOCATIVE_INSIDE = re.compile(r"(?<=\S)\s+(?:in|on|at|near|around|inside|outside)\s+(?=[A-Z]|(?:al|el)-)")


def cut_at_locatives(model_mentions: list[Mention], known: list[Mention]) -> list[Mention]:
    """The model's names that run across a preposition of place, cut there where the rules found a
    name on one side: the model reads "⟨Islamic State⟩ in ⟨X⟩" or "⟨X Army⟩ on ⟨Y⟩ axis" as one
    name, and the rules, which win on overlap, would drop the place with it. The words after are a
    place where the rules found the words before, or where the model read the whole as a place;
    the words before are kept only as a place the model read ("⟨X⟩ in ⟨Aleppo⟩"), not as what it
    took for an organisation ("an analyst at ⟨Y⟩") nor where they end as groups' names do. Where
    the rules found nothing inside, the span stays whole: "Council on Foreign Relations"."""
    cut = []
    for model in model_mentions:
        pieces = _cut_at_locative(model)
        if pieces is None or not any(_within(k, piece) for piece in pieces for k in known):
            cut.append(model)
            continue
        before, after = pieces
        whole_place = model.type == "PLACE"
        if whole_place and not ends_in_group_word(before.text):
            cut.append(before)
        if whole_place or any(_within(k, before) for k in known):
            cut.append(after)
    return cut


def _cut_at_locative(model: Mention) -> tuple[Mention, Mention] | None:
    """The words of a model mention before and after its first preposition of place, both as places."""
    gap = _LOCATIVE_INSIDE.search(model.text)
    if gap is None:
        return None
    return (Mention(model.start, model.start + gap.start(), model.text[:gap.start()], "PLACE", model.origin),
            Mention(model.start + gap.end(), model.end, model.text[gap.end():], "PLACE", model.origin))


def _within(inner: Mention, outer: Mention) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _fragment_of(rule: Mention, model: Mention) -> bool:
    """A gazetteer place strictly inside a longer model place, inside a group named after it
    ("Liwa al-Safirah" is a militia, not the town), or ending a person's name in one word ("Robert
    ⟨Serra⟩" is a lawmaker, not the Brazilian city). A place opening the name stays one ("⟨Nineveh⟩
    Governor X"), and so do a country ("Given ⟨Tunisia⟩'s ..."), a place after a word that says where
    ("Central ⟨Darfur⟩", a state) and a name of several words, where the model more often took a
    place for a person ("Arshet ⟨Ras El Ein⟩")."""
    inside = _within(rule, model) and (rule.start, rule.end) != (model.start, model.end)
    named_after = model.type == "ARMED_GROUP" and opens_with_unit_head(model.text)
    surname = model.type == "PERSON" and rule.end == model.end and len(rule.text.split()) == 1 \
        and not is_country_name(rule.text) and not is_generic(model.text.split()[0])
    return inside and rule.origin == "gazetteer" and rule.type == "PLACE" \
        and (model.type == "PLACE" or named_after or surname)


_COMPOUND_JOIN = re.compile(r"(?: [A-Z][\w']*)*-")


def merge_hyphen_compounds(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Revolutionary Guard(s) Corps-Qods Force" names the unit (the right-hand group), as one mention;
    capitalised words between the left-hand name and the hyphen belong to the compound."""
    def join(previous: Mention, mention: Mention) -> Mention | None:
        if _COMPOUND_JOIN.fullmatch(text[previous.end:mention.start]) and \
                {previous.type, mention.type} <= {"ARMED_GROUP", "ORGANIZATION"}:
            return Mention(previous.start, mention.end, text[previous.start:mention.end], mention.type,
                           mention.origin, None, mention.registry_id)
        return None
    return _joined_with_previous(mentions, join)


def _joined_with_previous(mentions: list[Mention],
                          join: Callable[[Mention, Mention], Mention | None]) -> list[Mention]:
    """Mentions in order, each made one with the one kept before it where ``join`` makes the pair one
    mention (its result), which may then join the next in turn."""
    joined: list[Mention] = []
    for mention in mentions:
        whole = join(joined[-1], mention) if joined else None
        if whole is None:
            joined.append(mention)
        else:
            joined[-1] = whole
    return joined


_AYN = "ʿ'’‘"  # how reports write the letter ʿayn at the start of a word ("'Adah")
_NAME_WORD_AFTER = re.compile(rf"\s+(?:{PAIR_WORDS}\b|[{_AYN}][A-Z][a-z]+\b(?!['’]))")
_HEAD_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-z]+) $")  # a capitalised word right before a mention
_HEAD_WINDOW = 20  # characters before a mention searched for that word
_NAME_AFTER_ARTICLE = re.compile(r"(?:(?<=-)|-)[A-Z][\w'’]*")  # "⟨Ar⟩-Ra'ee", "⟨Al-⟩Ra'ee"
_CLOSING_QUOTE = re.compile(r"[a-z][.,;:!?]?['’](?![a-z])")
_CLAUSE_END = re.compile(r"[.;!?\n]")


def join_name_words(text: str, mentions: list[Mention]) -> list[Mention]:
    """A place's name and the Arabic word after it that belongs to it, as one mention: the word that
    tells it from its pair ("⟨Bayda⟩ Sharqiyah", the eastern Bayda), a word whose "ʿayn" is written
    as an apostrophe ("⟨Tal⟩ 'Adah"), unless that apostrophe opens a quotation ("Raqqa 'Wrath of
    Euphrates' operation"), or the name after a bare article (``_word_after``); and the word before
    it that opens place names ("Ber ⟨Al-Qasab⟩", the well of al-Qasab, is not al-Qasab). What the
    text then says of where it lies ("... in the Homs countryside") is said of the whole. The joined
    mention keeps no registry id: the name it was found by is only part of it."""
    joined = []
    for mention in mentions:
        if mention.type == "PLACE":
            word = _word_after(text, mention)
            if word is not None and _free(mention.end, word.end(), mentions) and not _quotation(text, word):
                mention = _widened(text, mention, mention.start, word.end())
            head = _HEAD_BEFORE.search(text, max(0, mention.start - _HEAD_WINDOW), mention.start)
            if head is not None and head.group(1).casefold() in toponym_heads() and \
                    _free(head.start(1), mention.start, mentions):
                mention = _widened(text, mention, head.start(1), mention.end)
        joined.append(mention)
    return joined


def _widened(text: str, mention: Mention, start: int, end: int) -> Mention:
    """The mention over ``text[start:end]``, without a registry id (``join_name_words``)."""
    return Mention(start, end, text[start:end], mention.type, mention.origin, mention.title)


def _word_after(text: str, mention: Mention) -> re.Match | None:
    """The word after a place's mention that belongs to its name (``join_name_words``); after a
    mention that is only an Arabic article, the name it is joined to ("⟨Ar⟩-Ra'ee": the model
    sometimes stops at the hyphen)."""
    if mention.text.rstrip("-").casefold() in ARABIC_ARTICLES:
        return _NAME_AFTER_ARTICLE.match(text, mention.end)
    return _NAME_WORD_AFTER.match(text, mention.end)


def _quotation(text: str, word: re.Match) -> bool:
    """Whether the apostrophe opening ``word`` opens a quotation closed before the clause ends."""
    if word.group().lstrip()[0] not in _AYN:
        return False
    end = _CLAUSE_END.search(text, word.end())
    return _CLOSING_QUOTE.search(text, word.end() - 1, end.start() if end else len(text)) is not None


@cache
def _unit_regex() -> re.Pattern:
    raw = load_data_yaml("unit_patterns.yaml")
    ordinal = "|".join(raw["ordinals"] + [rf"\d{{1,3}}(?:{'|'.join(raw['numbered_suffixes'])})"])
    arm = "|".join(map(re.escape, raw["unit_arms"]))
    trailer = "|".join(map(re.escape, raw["unit_trailers"]))
    number = rf"(?:{ordinal})\s+(?:(?:{arm})\s+){{0,2}}|\d{{1,3}}\s+(?:(?:{arm})\s+){{1,2}}"
    return re.compile(rf"\b(?:{number})(?:{'|'.join(raw['unit_nouns'])})\b(?:\s+(?:{trailer})\b)?")


def numbered_units(text: str) -> list[Mention]:
    """Numbered units ("Second Brigade") as armed-group mentions that stay in their document."""
    return [Mention(m.start(), m.end(), m.group(), "ARMED_GROUP", "unit") for m in _unit_regex().finditer(text)]


def _free(start: int, end: int, mentions: list[Mention]) -> bool:
    return all(end <= m.start or start >= m.end for m in mentions)


def leave_short_forms_to_rules(model_mentions: list[Mention], rule_mentions: list[Mention]) -> list[Mention]:
    """The model's mentions without those that are only the short form of a name the rules found
    in the document: the model reads "Al Nusrah" as a person where the article names the Al
    Nusrah Front; ``link_short_forms`` links such words to the full name, with its type."""
    forms = {name_key(form) for mention in rule_mentions for form in short_forms(mention)}
    return [m for m in model_mentions if name_key(m.text) not in forms]


def link_short_forms(sdoc: Doc, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Find surnames and distinctive group words of full names elsewhere in the document."""
    forms: dict[str, Mention] = {}
    for mention in mentions:
        for form in short_forms(mention):
            forms.setdefault(name_key(form), mention)
    links, taken = [], list(mentions)
    for token in sdoc:
        full = _full_form(token.text, forms) if token.text[:1].isupper() else None
        start, end = _with_article(sdoc, token), token.idx + len(token.text)
        if full is not None and _free(start, end, taken):
            short = Mention(start, end, text_of(sdoc)[start:end], full.type, "shortform", None, full.registry_id)
            links.append((short, full))
            taken.append(short)
    return links


def _full_form(word: str, forms: dict[str, Mention]) -> Mention | None:
    """The full name a word is a short form of; transliteration slips ("Qazili" for "Qazali") allowed."""
    key = name_key(word)
    if key in forms or len(key) < 5:
        return forms.get(key)
    best = process.extractOne(key, list(forms), scorer=fuzz.ratio, score_cutoff=80)
    return forms[best[0]] if best else None


def _with_article(sdoc: Doc, token) -> int:
    """Start of a short form including an Arabic article written before it ("Al Nusrah", "al-Nusrah")."""
    i = token.i
    if i >= 2 and sdoc[i - 1].text == "-" and sdoc[i - 2].lower_ in ("al", "el"):
        return sdoc[i - 2].idx
    if i >= 1 and sdoc[i - 1].lower_ in ("al", "el") and sdoc[i - 1].whitespace_:
        return sdoc[i - 1].idx
    return token.idx


def link_acronyms(sdoc: Doc, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Acronyms defined in the text, found wherever they recur."""
    links, taken = [], list(mentions)
    text = text_of(sdoc)
    for acronym, full in defined_acronyms(text, mentions).items():
        for match in re.finditer(rf"\b{re.escape(acronym)}\b", text):
            if _free(match.start(), match.end(), taken):
                short = Mention(match.start(), match.end(), acronym, full.type, "acronym", None,
                                full.registry_id)
                links.append((short, full))
                taken.append(short)
    return links
