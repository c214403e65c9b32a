"""The statistical NER model trained in the project (scripts/train_ner.py), mapped to sitrep types."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from sitrep.data import load_data_yaml
from sitrep.geo.context import CALENDAR, ROUTE_ONWARD
from sitrep.geo.sources import Inputs, read_demonyms
from sitrep.models import Mention
from sitrep.nlp.entities import is_country_name, leading_titles, once_per_doc, text_of, title_before
from sitrep.phrases import APPROXIMATELY, COMPASS_POINT, DISTANCE_FROM, alternation, place_words, toponym_heads
from sitrep.resolve.normalize import ARABIC_ARTICLES, fold_name
from sitrep.spans import longest_first

_LEADING_NOISE = re.compile(r"^(?:the|The)\s+")
_TRAILING_HYPHEN = re.compile(r"\s*[-–]+$")  # "⟨Lamu-⟩Ijara road": the model may end a name on the next hyphen
_PERSON_LABELS = frozenset({"PER", "PERSON"})
_ARTICLE_NAME = re.compile(rf"^(?:{alternation(ARABIC_ARTICLES)})-[A-Z]")


def model_path() -> Path:
    return Path(str(resources.files("sitrep").joinpath("trained", "ner")))


def model_available(path: Path | None = None) -> bool:
    return ((path or model_path()) / "meta.json").is_file()


@cache
def label_map() -> dict:
    raw = load_data_yaml("ner_labels.yaml")
    second_level = place_words("second_level")
    context = {key: re.compile(pattern.replace("{second_level}", second_level), re.IGNORECASE)
               for key, pattern in raw["place_context"].items()}
    cues = {c.lower() for c in raw["armed_group_cues"] + raw["unit_heads"]}
    # in this order: a name holds articles and calendar words
    placeholders = {"{name}": raw["named_places"]["name"], "{article}": raw["named_places"]["article"],
                    "{calendar}": CALENDAR, "{second_level}": second_level, "{approximately}": APPROXIMATELY,
                    "{distance_from}": DISTANCE_FROM, "{compass_point}": COMPASS_POINT}
    named = [_filled(p, placeholders) for p in raw["named_places"]["patterns"]]
    return {"labels": raw["labels"], "cues": cues, "unit_heads": frozenset(raw["unit_heads"]), "place_context": context,
            "named_places": [re.compile(p) for p in named],
            "group_words": frozenset(raw["named_places"]["group_words"])}


def _filled(pattern: str, placeholders: dict[str, str]) -> str:
    """A pattern of ner_labels.yaml with its placeholders replaced, in the order given."""
    for placeholder, value in placeholders.items():
        pattern = pattern.replace(placeholder, value)
    return pattern


def named_places(text: str) -> list[Mention]:
    """Places the words around them name as such ("in Kafrnaya town", "on Tal Malid frontline"), as PLACE
    mentions, longest first where two patterns find overlapping names. A name ending in a word that
    ends armed groups' names is a group ("a commander in ⟨X⟩ Brigade in Afrin"); of a possessive,
    only the part owned is named ("the ⟨Damascus's Jobar⟩ neighbourhood" names Jobar, "the area
    of ⟨Adamawa's⟩ capital" Adamawa). A country's capital named by its nationality is one too
    (``national_capitals``)."""
    found = national_capitals(text)
    for pattern in label_map()["named_places"]:
        groups = [g for g in ("name", "other") if g in pattern.groupindex]
        for match in pattern.finditer(text):
            found += [m for g in groups for m in _context_places(text, match.start(g), match.group(g))]
    return longest_first(found, lambda m: (m.start, m.end))


# "the Iraqi capital", "the besieged Yemeni capital's", "in Somali capital": a country's capital named by its
# nationality (after "the" or a preposition of place: "Chinese capital flowed in" is money); not where its
# name follows ("the Iraqi capital Baghdad", "the Iraqi capital, Baghdad"), which names it
_NATIONAL_CAPITAL = re.compile(r"(?:(?<![\w'’-])[Tt]he|\b(?:in|at|near|into|outside|around|across))\s+(?:[a-z]+\s+)?"
                               r"(?P<name>(?P<nation>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
                               r"\s+capital)(?![\w-])(?!,?\s+[A-Z])")


def national_capitals(text: str) -> list[Mention]:
    """"The ⟨Afghan capital⟩" as a PLACE mention, where the nationality is a country's ("the
    Kurdish capital" names none): news so names the capital it reports from, often without its
    name (the geocoder finds it: ``Geocoder._keep_capital``)."""
    return [Mention(m.start("name"), m.end("name"), m.group("name"), "PLACE", "context")
            for m in _NATIONAL_CAPITAL.finditer(text) if fold_name(m.group("nation")) in _country_adjectives()]


def _context_places(text: str, start: int, name: str) -> list[Mention]:
    """The place mentions a name found by context (``named_places``) gives at ``start``."""
    start, name = _without_leading_adjectives(*_owned_part(start, name))
    name = _without_glued_sentence_opener(name)
    if not name or ends_in_group_word(name):
        return []
    return [Mention(s, s + len(part), part, "PLACE", "context") for s, part in _route_ends(text, start, name)]


def ends_in_group_word(name: str) -> bool:
    """Whether a name ends in a word that ends armed groups' names ("⟨X⟩ Brigade", "⟨X⟩ Army")."""
    return name.split()[-1].casefold() in label_map()["group_words"]


def _owned_part(start: int, name: str) -> tuple[int, str]:
    """A name without its trailing possessive ("Adamawa's" -> "Adamawa"), then only the words
    after its last possessive ("Damascus's Jobar" -> "Jobar")."""
    name = re.sub(r"['’]s$", "", name)
    owners = list(re.finditer(r"['’]s\s+", name))
    return (start + owners[-1].end(), name[owners[-1].end():]) if owners else (start, name)


_HYPHEN = re.compile(r"[-–]")
_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’])[A-Z][\w'’]*\s*$")  # a capitalised word, up to the hyphen
_WORD_WINDOW = 40  # characters before a hyphen searched for that word


def _joins_two_places(text: str, hyphen: int) -> bool:
    """Whether the hyphen at ``hyphen`` joins two places before a way or a front ("the ⟨X⟩-⟨Y⟩
    highway", "the ⟨X⟩-⟨Y⟩ frontline", ``ROUTE_ONWARD``): a capitalised word before it, as the
    geocoder reads it (the hyphen of "Deir ez-Zor" or "Al-Zahra front" follows an article)."""
    word = _CAPITALISED_BEFORE.search(text, max(0, hyphen - _WORD_WINDOW), hyphen)
    return ROUTE_ONWARD.match(text, hyphen) is not None and word is not None and \
        word.group().strip().casefold() not in ARABIC_ARTICLES


def _route_ends(text: str, start: int, name: str) -> list[tuple[int, str]]:
    """A name found by context cut where a hyphen joins two places (``_joins_two_places``), with
    where each part starts."""
    cut = next((m.start() for m in _HYPHEN.finditer(name) if _joins_two_places(text, start + m.start())), None)
    if cut is None:
        return [(start, name)] if name else []
    return [(start, name[:cut]), *_route_ends(text, start + cut + 1, name[cut + 1:])]


def _without_leading_adjectives(start: int, name: str) -> tuple[int, str]:
    """Drop leading stop words and adjectives ("The", "Syrian") from a name found by context."""
    while (word := re.match(r"\S+\s+", name)) and _no_name(word.group().strip()):
        start, name = start + word.end(), name[word.end():]
    return (start, "") if _no_name(name) else (start, name)


# Words that open sentences and never end a place's name: determiners and pronouns
_OPENS_A_SENTENCE_AFTER = re.compile(r"(?:\s+(?:The|A|An|This|That|These|Those|He|She|It|They|We|His|Her|Its|Their))+$")


def _without_glued_sentence_opener(name: str) -> str:
    """A name found by context without the words opening a sentence that a missing full stop
    glues to it ("the capital ⟨Southmark The⟩ woman")."""
    return _OPENS_A_SENTENCE_AFTER.sub("", name)


def _no_name(words: str) -> bool:
    """Words that never open a place's name on their own: a stop word or an adjective."""
    return words.casefold() in STOP_WORDS or is_adjective(words)


def placed_by_context(text: str, start: int, end: int, type_: str) -> bool:
    """Whether the words around a name the model took for a person or organisation make it a
    place: "⟨X⟩ village", "the outskirts of ⟨X⟩", "took control of ⟨X⟩"; for a name
    taken for a person, "in ⟨X⟩"; for one taken for an organisation or an armed group, "captured
    ⟨X⟩" (a group's word inside a town's name: "seized ⟨Lashkar Gah⟩"); not before a possessive
    ("in Assad's view")."""
    if type_ not in ("PERSON", "ORGANIZATION", "ARMED_GROUP") or text[end:end + 2] in ("'s", "’s"):
        return False
    context = label_map()["place_context"]
    before = text[max(0, start - 40):start]
    if type_ == "ARMED_GROUP":
        return bool(context["before_organization"].search(before)) and not owned_after(text, end)
    return bool(context["after"].match(text, end) or context["before"].search(before)
                or type_ == "PERSON" and context["before_person"].search(before)
                or type_ == "ORGANIZATION" and context["before_organization"].search(before)
                and not owned_after(text, end))


def owned_after(text: str, end: int) -> bool:
    """Whether what follows a name is something an organisation has ("⟨X⟩ positions", "⟨X⟩ fighters")."""
    return label_map()["place_context"]["owned_after"].match(text, end) is not None


def opens_with_unit_head(text: str) -> bool:
    """Whether a name of several words opens with an Arabic word for a unit ("Liwa al-Quds", "Jaysh
    al-Islam"): a group's name, whatever the model took it for, even where the rest names a place."""
    words = text.split()
    return len(words) > 1 and words[0] in label_map()["unit_heads"]


def sitrep_type(label: str, text: str) -> str | None:
    mapping = label_map()
    type_ = mapping["labels"].get(label)
    if type_ is not None and opens_with_unit_head(text):
        return "ARMED_GROUP"
    if type_ == "ORGANIZATION" and set(re.findall(r"[\w']+", text.lower())) & mapping["cues"]:
        return "ARMED_GROUP"
    if type_ in ("PERSON", "ORGANIZATION") and (_opens_with_toponym_head(text) or _names_an_admin_area(text)):
        return "PLACE"
    return type_


# "⟨Gubio LGA⟩", "⟨Obi Local Government Area⟩", "⟨Marigat County⟩": a name ending in an admin area's designation
_DESIGNATED_AREA = re.compile(rf"\S\s+(?:{place_words('second_level')}|Province|Governorate)$", re.IGNORECASE)


_AREA_NAME_WORDS = 2  # capitalised words an area's name has before its designation, at most


def _names_an_admin_area(text: str) -> bool:
    """A name of an admin area written with its designation ("Jos South LGA", "Ras al-Ain District");
    not an office named after one ("the Ministry of Local Government") nor a body named after a
    place ("Orange County Sanitation District", "Santa Ana Unified School District")."""
    found = _DESIGNATED_AREA.search(text)
    words = text[:found.start() + 1].split() if found else []
    return found is not None and " of " not in text and sum(w[:1].isupper() for w in words) <= _AREA_NAME_WORDS


def _opens_with_toponym_head(text: str) -> bool:
    """A short name opening with a word that opens place names ("Kafr Nabl", "Ras al-Ain"); longer
    ones name what is there ("Deir ez-Zor Military Council")."""
    words = re.split(r"[\s-]+", text.strip())
    return 2 <= len(words) <= 3 and words[0].casefold() in toponym_heads()


@cache
def _adjectives() -> frozenset[str]:
    """The gazetteer's demonyms, folded as it folds them (``read_demonyms``)."""
    return frozenset(_demonyms())


@cache
def _country_adjectives() -> frozenset[str]:
    """The demonyms of countries ("Iraqi"), not of peoples or regions ("Kurdish", "European")."""
    return frozenset(word for word, (country, _) in _demonyms().items() if country)


@cache
def _demonyms() -> dict[str, tuple[str | None, str | None]]:
    return read_demonyms(Inputs.packaged().demonyms)


def is_adjective(words: str) -> bool:
    """A nationality, religious or regional adjective or noun: never a name on its own ("Iraqi",
    "Shiite", "Kurdish")."""
    return fold_name(words) in _adjectives()


def _capitalised(word: str) -> bool:
    """A capitalised word, counting Arabic names behind a lower-case article ("al-Hassan")."""
    return word[:1].isupper() or _ARTICLE_NAME.match(word) is not None


def plausible_name(sdoc: Doc, start: int, text: str) -> bool:
    """A statistical span worth keeping: a capitalised proper name, not a generic phrase.

    The model also learned re3d's generic organisations ("its fighters",
    "coalition forces"); sitrep's guidelines do not count generic nouns, so a
    span must start and end with a capitalised word, hold more than adjectives,
    stop words and Arabic articles (the model may part "Al-" from the name it
    opens), and a lone word opening a sentence ("Videos") must recur
    capitalised inside a sentence elsewhere in the document.
    """
    words = text.split()
    if not words or not _capitalised(words[0]) or not _capitalised(words[-1]):
        return False
    content = [w for w in words if w.casefold() not in STOP_WORDS and not is_adjective(w)
               and w.strip("-–").casefold() not in ARABIC_ARTICLES]
    if not content or any(w.isdigit() for w in words):
        return False
    if len(words) == 1:
        token = sdoc.char_span(start, start + len(text))
        if token is not None and token[0].is_sent_start:
            return text in _inner_words(sdoc)
    return True


def _inner_words(sdoc: Doc) -> frozenset[str]:
    """The words a document writes inside its sentences (not at their start), gathered once per
    document: ``plausible_name`` asks about each lone name that opens a sentence."""
    return once_per_doc(sdoc, "sitrep.inner_words", lambda: frozenset(t.text for t in sdoc if not t.is_sent_start))


def sentence_entities(nlp: Language, doc: Doc) -> list[Span]:
    """The model's entities for each sentence of ``doc`` run on its own, placed back on ``doc``.

    The model was trained one sentence per example; run over a whole article its
    convolution window reaches across sentence ends and it does worse (-0.4 F1 on
    CoNLL eng.testa, docs/quality.md).
    """
    return sentence_entities_of(nlp, [doc])[0]


def sentence_entities_of(nlp: Language, docs: list[Doc]) -> list[list[Span]]:
    """``sentence_entities`` of several documents, their sentences read by the model in one stream:
    it multiplies larger matrices at once, which costs less per sentence than a document's few
    sentences at a time (short notes: 9.0 s for 600 one document at a time, 6.6-6.8 s in one)."""
    sentences = [(i, sentence) for i, doc in enumerate(docs)
                 for sentence in (doc.sents if doc.has_annotation("SENT_START") else [doc[:]])]
    entities: list[list[Span]] = [[] for _ in docs]
    tagged = nlp.pipe((sentence_doc(sentence) for _, sentence in sentences), batch_size=_SENTENCE_BATCH)
    for (i, sentence), read in zip(sentences, tagged):
        entities[i].extend(Span(docs[i], sentence.start + e.start, sentence.start + e.end, label=e.label_)
                           for e in read.ents)
    return entities


_SENTENCE_BATCH = 128  # sentences the model reads at once


def sentence_doc(sentence: Span) -> Doc:
    """A sentence as a Doc of its own, token for token, with the norms the tokenizer's exceptions
    gave its tokens ("Va." is "virginia"), which the model reads. Not ``Span.as_doc``, which
    copies the whole document's arrays for each sentence."""
    alone = Doc(sentence.doc.vocab, words=[t.text for t in sentence], spaces=[bool(t.whitespace_) for t in sentence])
    for token, original in zip(alone, sentence):
        if token.norm != original.norm:
            token.norm_ = original.norm_
    return alone


def consistent_entities(doc: Doc, entities: list[Span]) -> list[Span]:
    """The entities of one document made to agree with each other, as a reader assumes a name
    keeps its meaning through an article (after ``lexicon_labels``): a name the model labelled differently takes its
    majority label, and later occurrences the model missed (the same words, the name in a
    capitalised headline, the surname of a person named in full) get that label too."""
    entities = _majority_labels(lexicon_labels(entities))
    return sorted(entities + _missed_occurrences(doc, entities), key=lambda e: e.start)


def lexicon_labels(entities: list[Span]) -> list[Span]:
    """Labels the words themselves decide, whatever the model read from the context: a country's
    name taken for an organisation is the country (a national team, a state: CoNLL and GUIDELINES
    make both places), and a nationality or religious adjective is MISC, never a person,
    organisation or place ("Iraqis", "Kurdish")."""
    relabelled = []
    for e in entities:
        if e.label_ != "MISC" and is_adjective(e.text):
            e = Span(e.doc, e.start, e.end, label="MISC")
        elif e.label_ == "ORG" and is_country_name(e.text):
            e = Span(e.doc, e.start, e.end, label="LOC")
        relabelled.append(e)
    return relabelled


def _majority_labels(entities: list[Span]) -> list[Span]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for e in entities:
        votes[e.text.casefold()][e.label_] += 1
    agreed = []
    for e in entities:
        counts = votes[e.text.casefold()]
        label, n = counts.most_common(1)[0]
        if label != e.label_ and n * 2 > sum(counts.values()):
            e = Span(e.doc, e.start, e.end, label=label)
        agreed.append(e)
    return agreed


def _known_names(entities: list[Span]) -> dict[tuple[str, ...], str]:
    """Word sequences labelled somewhere in the document: each name, its capitalised form and
    the surname of every person named with more than one word."""
    names: dict[tuple[str, ...], str] = {}
    for e in entities:
        words = tuple(t.text for t in e)
        names.setdefault(words, e.label_)
        names.setdefault(tuple(w.upper() for w in words), e.label_)
    for e in entities:
        surname = e[-1].text
        if e.label_ in _PERSON_LABELS and len(e) > 1 and surname[:1].isupper() and len(surname) > 1:
            names.setdefault((surname,), e.label_)
    return names


def _missed_occurrences(doc: Doc, entities: list[Span]) -> list[Span]:
    """Capitalised occurrences of known names outside every entity, longest names first."""
    taken = {i for e in entities for i in range(e.start, e.end)}
    positions: dict[str, list[int]] = defaultdict(list)
    for token in doc:
        positions[token.text].append(token.i)
    found = []
    for words, label in sorted(_known_names(entities).items(), key=lambda item: -len(item[0])):
        if not words[0][:1].isupper():
            continue
        for start in positions.get(words[0], ()):
            end = start + len(words)
            if end <= len(doc) and tuple(t.text for t in doc[start:end]) == words and taken.isdisjoint(range(start, end)):
                found.append(Span(doc, start, end, label=label))
                taken.update(range(start, end))
    return found


def name_parts(ent: Span) -> list[Span]:
    """The names an entity span holds: without whitespace tokens at its ends, and a place
    written "town, country", "X district of Y", "X camp in Y", "X State and Y State", "X-Y highway"
    or "X northern Y" as its parts
    ("Najaf, Iraq" names Najaf and Iraq, "Jableh district of Latakia" the Jableh district and
    Latakia, "⟨X⟩ northern Aleppo" X and Aleppo, whose qualifier the geocoder reads in the
    text), "⟨the X Police⟩ at ⟨Y⟩" where the words after it make the span a place ("... crossing"), and
    "⟨X⟩ and ⟨Y⟩" after "between" or "the towns of" (two places listed, where "Bosnia and Herzegovina" is one).
    A compass word cuts a span of any type: the model reads some places as organisations."""
    type_ = sitrep_type(ent.label_, ent.text)
    place = type_ == "PLACE" or placed_by_context(text_of(ent.doc), ent.start_char, ent.end_char, type_)
    cuts = [t.i for t in ent if place and (t.text == "," or _of_container(ent, t) or _in_between(ent, t)
                                           or _and_after_area(ent, t) or _and_of_a_list(ent, t)
                                           or _route_between(ent, t))
            or _compass_between(ent, t)]
    parts = []
    for start, end in zip([ent.start, *(c + 1 for c in cuts)], [*cuts, ent.end]):
        while start < end and ent.doc[start].is_space:
            start += 1
        while end > start and ent.doc[end - 1].is_space:
            end -= 1
        if start < end:
            parts.append(Span(ent.doc, start, end, label=ent.label_))
    return parts


# Before a span naming two places joined by "and": "the road between ⟨X and Y⟩", "the towns of ⟨X and Y⟩".
_LISTED_BEFORE = re.compile(r"\b(?:between|(?:towns|villages|cities|areas|neighbou?rhoods)\s+of)\s+(?:the\s+)?$",
                            re.IGNORECASE)
_LISTED_WINDOW = 40  # characters before a span searched for those words
_CONTAINER_NOUNS = frozenset({"district", "sub-district", "subdistrict", "province", "governorate", "countryside",
                              "village", "town", "city", "area", "region", "neighbourhood", "neighborhood", "state"})
_AREA_NOUNS = frozenset({"state", "province", "region", "governorate", "district", "county"})


def _before_a_name(ent: Span, token) -> bool:
    """A token inside the span, past its first word, with a capitalised word after it in the span:
    where a cut leaves a name on either side."""
    return ent.start < token.i < ent.end - 1 and token.doc[token.i + 1].text[:1].isupper()


def _of_container(ent: Span, token) -> bool:
    """The "of" of "⟨X⟩ district of ⟨Y⟩" inside a place span: a name, its kind, then the place holding it."""
    return token.lower_ == "of" and token.i > ent.start + 1 and _before_a_name(ent, token) \
        and token.doc[token.i - 1].lower_ in _CONTAINER_NOUNS


def _and_after_area(ent: Span, token) -> bool:
    """The "and" of "⟨Unity State⟩ and ⟨Lakes State⟩" inside a place span: two designated areas, not
    one name ("Bosnia and Herzegovina", "Trinidad and Tobago" have no designation before "and")."""
    return token.lower_ == "and" and _before_a_name(ent, token) and token.doc[token.i - 1].lower_ in _AREA_NOUNS


def _and_of_a_list(ent: Span, token) -> bool:
    """The "and" of "between ⟨X and Y⟩" or "the villages of ⟨X and Y⟩" inside a place span: two places
    listed, where "Bosnia and Herzegovina" alone is one."""
    return token.lower_ == "and" and _between_names(ent, token) and _LISTED_BEFORE.search(
        text_of(ent.doc), max(0, ent.start_char - _LISTED_WINDOW), ent.start_char) is not None


def _in_between(ent: Span, token) -> bool:
    """The "in" of "⟨X⟩ camp in ⟨Y⟩", or the "at" of "⟨the X Police⟩ at ⟨Y⟩ crossing", inside a place
    span, between capitalised words: a name, then the place holding it or where it was (the
    Arabic article is written joined: "Tall at-Tamr")."""
    return token.text in ("in", "at") and _between_names(ent, token)


def _route_between(ent: Span, token) -> bool:
    """The hyphen of "the ⟨X⟩-⟨Y⟩ highway" inside a place span, with a name after it in the span:
    a way between two places, each named on its own (``_joins_two_places``)."""
    return token.text in ("-", "–") and _before_a_name(ent, token) and _joins_two_places(text_of(token.doc), token.idx)


def _between_names(ent: Span, token) -> bool:
    """A token inside the span with a capitalised word on either side of it."""
    return _before_a_name(ent, token) and token.doc[token.i - 1].text[:1].isupper()


_COMPASS = re.compile(r"(?:north|south|east|west)ern")


def _compass_between(ent: Span, token) -> bool:
    """A lower-case compass adjective between two names inside a span of any label: "⟨X⟩ northern
    ⟨Y⟩" is X in the north of Y, never one name (names write it capitalised: "Northern Ireland")."""
    return _COMPASS.fullmatch(token.text) is not None and _before_a_name(ent, token)


class StatisticalNER:
    """Runs the model sentence by sentence on a Doc made by the same tokenizer, makes its
    entities agree across the document and returns them as typed mentions."""

    def __init__(self, nlp: Language):
        self.nlp = nlp

    @classmethod
    def load(cls, path: Path | None = None) -> "StatisticalNER":
        return cls(spacy.load(path or model_path()))

    def __call__(self, sdoc: Doc) -> list[Mention]:
        return self.many([sdoc])[0]

    def many(self, sdocs: list[Doc]) -> list[list[Mention]]:
        """The mentions of several documents, the model reading their sentences in one stream
        (``sentence_entities_of``); each document's entities made to agree on their own."""
        return [self._mentions(sdoc, entities) for sdoc, entities in zip(sdocs, sentence_entities_of(self.nlp, sdocs))]

    def _mentions(self, sdoc: Doc, entities: list[Span]) -> list[Mention]:
        mentions = []
        for ent in consistent_entities(sdoc, entities):
            for part in name_parts(ent):
                mention = self._mention(sdoc, part)
                if mention is not None:
                    mentions.append(mention)
        return mentions

    @staticmethod
    def _mention(sdoc: Doc, ent) -> Mention | None:
        type_ = sitrep_type(ent.label_, ent.text)
        if type_ is None:
            return None
        start, end, text = ent.start_char, ent.end_char, ent.text
        noise = _LEADING_NOISE.match(text)
        if noise:
            start, text = start + noise.end(), text[noise.end():]
        hyphen = _TRAILING_HYPHEN.search(text)
        if hyphen:
            end, text = end - len(hyphen.group()), text[:hyphen.start()]
        if not text or not plausible_name(sdoc, start, text):
            return None
        if placed_by_context(text_of(sdoc), start, end, type_):
            return Mention(start, end, text, "PLACE", "ner")
        if type_ == "PERSON":
            title, cut = leading_titles(text)
            start, text = start + cut, text[cut:]
            if not text:
                return None
            title = title or title_before(sdoc, ent)[0]
            return Mention(start, end, text, type_, "ner", title)
        return Mention(start, end, text, type_, "ner")
