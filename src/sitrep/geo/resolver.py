"""The geocoder: each PLACE entity of an analysis to one gazetteer place, with a precision.

Candidates come from the gazetteer by name key; each gets a context-free score
(``scoring.prior`` plus how the mention names it and what its qualifiers say),
then a few rounds add the document context: the countries the document is
about, the closeness to the places chosen for the other entities (weighted by
their confidence, never counting an entity's own choice; each entity in turn
sees the latest choices of the others), and the admin1 areas among them that
hold the candidate or that it holds, and the other admin1 areas of its country
(named with it in a list: "Ohio, Georgia and New York"). When a name has no
candidate, the place it is named after stands in ("Darlington Memorial
Hospital": ``sitrep.geo.partial``). An admin area named like a populated
place inside it (its seat) or like its country's capital yields to that place
unless the text qualifies it ("Aleppo province"). Demonyms ("Iranian") are
not places and are left alone, but count as country evidence, as do the
registered armed groups and people of the story (the countries they operate in):
a note about the SDF and the Islamic State is about Syria or Iraq, and a village
name that only a Spanish town shares is left unplaced rather than put in Spain. A place left
unplaced that the text says lies near a placed town ("Tal Mamou, southeast of
Aleppo city") is put there at district precision, and one said to lie in a town
but matched to a far namesake ("Cairo street in Hama city") gets the town's
point (``sitrep.geo.relative``). A river, a line, ends at the stretch of its
course nearest the story's main place (``sitrep.geo.courses``).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from sitrep.geo import scoring
from sitrep.data import load_data_yaml
from sitrep.geo.admin import bare_forms
from sitrep.geo.context import Reading, names_a_people, read_mention, strip_qualifiers
from sitrep.geo.courses import place_rivers_along_course, river_courses
from sitrep.geo.gazetteer import Gazetteer, has_few_consonants
from sitrep.geo.partial import head_of, in_arabic, leading_words, named_after, said_of
from sitrep.geo.place import ADMIN_AREAS, POPULATED, Place, distance_km, precision_of, same_admin1
from sitrep.geo.relative import locate_by_neighbours, locate_in_story_area, relocate_far_namesakes
from sitrep.geo.scoring import WEIGHTS
from sitrep.geo.sources import is_code
from sitrep.models import Analysis, Entity, Geo, Mention
from sitrep.nlp.sentences import sentence_spans
from sitrep.phrases import place_words, qualifies_a_side, toponym_heads
from sitrep.registry import Registry
from sitrep.resolve.normalize import basic_fold, fold_name, name_key, without_feminine_endings

ROUNDS = 3
_SETTLED = POPULATED | ADMIN_AREAS  # what a stated container can contradict
_AREAS = frozenset({"country", "admin1"})  # containers that hold a place wholly, not by closeness
_ACTOR_TYPES = ("ARMED_GROUP", "PERSON")  # organisations (media, ministries abroad) say little about where
# A qualifier that widens the precision of any place, and the precision it widens it to.
_COARSE_HINTS = {"admin1": "admin1", "area": "admin1", "admin2": "admin2"}
_AROUND_CITY = frozenset({"admin1", "area"})  # hints of the land around a city named like it
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
# "the ⟨Thai⟩ border": what lies near it is as often across it; "the ⟨Syrian⟩ border town of X" is in Syria.
_BORDER_AFTER = re.compile(rf"\s+(?:border|frontier)\b(?!\s+{place_words('kinds')}\b)", re.IGNORECASE)
_CUE_BEFORE = re.compile(rf"\b{place_words('cues_before')}\s+(?:the\s+)?$", re.IGNORECASE)
_CUE_WINDOW = 30  # characters before a name searched for ``_CUE_BEFORE``
_KIND_AFTER = re.compile(rf"\s+{place_words('kinds', 'surroundings', 'routes')}s?\b", re.IGNORECASE)
_LIST_SEPARATOR = r",\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+"  # between the names of a list ("A, B and C")
_LIST_JOINT = rf"{_LIST_SEPARATOR}|;\s*(?:(?:and|or)\s+)?|\s*\("  # also a semicolon, or a name and its aside
_LIST_JOINT_BEFORE = re.compile(rf"(?:{_LIST_JOINT})$", re.IGNORECASE)
_LIST_JOINT_AFTER = re.compile(_LIST_JOINT, re.IGNORECASE)
_NATIONS = ("country", "continent")  # what an institution is named after by its first words
# Four capitals that are a place's main name are that name in a dateline or headline ("GAZA (Reuters)",
# "KYIV, Ukraine"), not a code; shorter ones ("WA", "NSW") are codes
_CAPITALS_NAME = 4
_COUNTRY_WORDS = 3  # the most words of a country's name read after a place ("Kaga Bandoro Central African Republic")
THEATRE_KM = 50.0  # local forces whose theatres lie this near each other fight on one front
SPELLED_RANGE_KM = 75.0  # how near the story's other places a name spelled with other vowels must lie
QUARTER_KM = 15.0  # how far from a town's point its quarters and suburbs may lie
_HOLDING_AREAS = ADMIN_AREAS | {"region"}  # areas whose first-level area a spelled place may share
_CAPITAL_SURFACE = re.compile(r"(?:the\s+)?(?P<nation>.+?)\s+capital", re.IGNORECASE)  # "Iraqi capital" (ner.national_capitals)


@dataclass
class Option:
    place: Place
    fixed: float  # the context-free part of the score
    yields: bool = False  # an admin area that yields to a namesake populated place, capital or country
    exonym: bool = False  # the surface is only another language's name (or a stray alias) of the place
    primary: bool = False  # the surface is the place's main name, up to transliteration and qualifiers
    spelled: bool = False  # found only as a curated place the surface spells with other vowels
    few_consonants: bool = False  # spelled so, from a name too short to trust without the story's places
    respelled: bool = False  # named by a spelling that folds like its main name, not by that name letter for letter


@dataclass
class Clues:
    """What a target's mentions say beyond its name: qualifier hints, the places said to contain it."""

    hints: set[str]
    containers: list[Place]
    stated_countries: list[set[str]] = field(default_factory=list)  # per "X in Y": the countries Y may be in
    towns: list[Place] = field(default_factory=list)  # the towns the text says the place is a part of


@dataclass
class Choice:
    place: Place
    confidence: float
    mentions: int  # those that may say where the story is (``Target.placing_mentions``)


@dataclass(frozen=True)
class DocumentCountries:
    """What the document says about its countries besides its places."""

    evidence: Counter  # country -> weight, from nationality adjectives and registered actors
    actors: set[str]   # the countries its registered actors operate in
    armed: set[str] = field(default_factory=set)  # ... its registered armed groups alone
    theatre: Geo | None = None  # where the local forces it names fight (``Geocoder._theatre``)


@dataclass
class Target:
    """A PLACE entity being geocoded: its readings and scored options."""

    entity: Entity
    readings: list[Reading]
    options: list[Option] = field(default_factory=list)
    listed_with: set[str] = field(default_factory=set)  # keys of the places named with it in a list
    named_with: set[str] = field(default_factory=set)  # ... in a list or an address (no conjunction)

    @property
    def placing_mentions(self) -> int:
        """Its mentions that may say where the story is: not a country across a border ("near the
        border with ⟨Niger⟩" says the story is not in Niger as often as that it is)."""
        return sum(not r.across_border for r in self.readings)

    @property
    def hints(self) -> set[str]:
        """The qualifier hints of all its mentions; where as many mentions are written as a city
        ("⟨Y⟩ city") as the area around it ("⟨Y⟩ countryside", "southern ⟨Y⟩"), the city's alone:
        the coreference that joined them names both, and the city lies in both. A mention that
        says both ("the countryside of ⟨Y⟩ city") is the area's."""
        hints = {h for r in self.readings for h in r.hints}
        of_area = [bool(_AROUND_CITY.intersection(r.hints)) for r in self.readings]
        city = sum("city" in r.hints and not area for r, area in zip(self.readings, of_area))
        return hints - _AROUND_CITY if city >= sum(of_area) > 0 else hints


class Geocoder:
    """Sets ``entity.geo`` and ``entity.registry_id`` (the place id) on the PLACE entities of an analysis."""

    def __init__(self, gazetteer: Gazetteer, registry: Registry | None = None):
        self.gazetteer = gazetteer
        self.registry = registry

    def geocode(self, analysis: Analysis) -> None:
        text = analysis.doc.text
        peoples = _peoples(analysis)
        places = [e for e in analysis.entities if e.type == "PLACE" and e.key not in peoples]
        readings = {e.key: [read_mention(text, m, self._names_a_nation) for m in e.mentions] for e in places}
        targets = [t for e in places if (t := self._target(e, readings[e.key]))]
        _find_lists(targets, text)
        actors = self._actor_countries(analysis)
        armed = set(self._actor_countries(analysis, ("ARMED_GROUP",)))
        theatre = self._theatre(analysis)
        context = DocumentCountries(self._demonym_countries(text) + actors, set(actors), armed, theatre)
        choices: dict[str, Choice] = {}
        for _ in range(ROUNDS):
            for target in targets:  # each choice sees the latest choices of the others
                choice = self._choose(target, choices, context)
                if choice is None:
                    choices.pop(target.entity.key, None)
                else:
                    choices[target.entity.key] = choice
        for target in targets:
            if target.entity.key in choices:
                self._assign(target, choices[target.entity.key])
        relocate_far_namesakes(analysis, self._city_named, self.gazetteer, theatre,
                               {t.entity.key: t.named_with for t in targets})
        locate_by_neighbours(analysis, self._city_named, self.gazetteer, theatre)
        self._place_in_stated_nation(places, readings)
        drop_unplaced_model_words(analysis)
        locate_in_story_area(analysis, lambda e: e.key in peoples or self.gazetteer.is_demonym(e.name),
                             context.armed, analysis.sentences or sentence_spans(text), self.gazetteer,
                             theatre, frozenset(t.entity.key for t in targets if not t.placing_mentions))
        place_rivers_along_course(analysis, river_courses())

    def _place_in_stated_nation(self, places: list[Entity], readings: dict[str, list[Reading]]) -> None:
        """Put a place still unplaced that the text gives a nationality ("the Nigerian town of ⟨X⟩")
        at its country's point, at country precision, where the story places nothing else in that
        country; where it does, the place is left to ``locate_in_story_area``. ``readings``: each
        place's mentions read (``read_mention``)."""
        placed = {e.geo.country for e in places if e.geo}
        for entity in (e for e in places if e.geo is None):
            nation = next((n for r in readings[entity.key] if r.nationality and (n := self._nation_of(r.nationality))),
                          None)
            if nation is not None and nation.country not in placed:
                entity.geo = Geo(lat=nation.lat, lon=nation.lon, country=nation.country, precision="country")

    def _target(self, entity: Entity, readings: list[Reading]) -> Target | None:
        if not readings or all(self.gazetteer.is_demonym(r.surfaces[-1]) and not r.designated_before for r in readings):
            return None
        target = Target(entity, readings)
        target.options = self._options(target)
        return target if target.options else None

    def _options(self, target: Target) -> list[Option]:
        """Every candidate of every mention, scored by its best mention; failing any, those of the
        first of the ``_fallbacks`` that finds one; failing those too, the curated places a mention,
        with or without its qualifier or with the kind of site written after it, spells with other
        vowels ("Saraqab": Saraqib; "ARK oil field": Arak gas field). These also
        compete where every candidate comes from a general gazetteer: "Beit Jen" may be Beit Jinn
        in Syria as well as Beit Jann in Israel, and the story decides; and where every curated
        candidate lies outside the country or province the text puts the place in. None lies beyond
        the outskirts of a town the text calls the place a part of (``_beyond_town``)."""
        best: dict[str, Option] = {}
        nations = [nation for r in target.readings if r.nationality and (nation := self._nation_of(r.nationality))]
        clues = Clues(target.hints, [c for r in target.readings for n in r.containers for c in self._containers(n)]
                      + [c for r in target.readings for n in r.areas for c in self._areas(n)] + nations,
                      [countries for r in target.readings for n in r.stated_in
                       if (countries := {c.country for c in self._container_candidates(n) if c.country})]
                      + [{nation.country} for nation in nations] + self._holders_countries(target),
                      [c for r in target.readings if r.town for c in self.gazetteer.candidates(r.town)
                       if c.feature in POPULATED])
        for reading in target.readings:
            named_whole = named_in_full = False
            for i, surface in enumerate(reading.surfaces):
                # surfaces[0] is the mention as written (a name, qualifier included, if there is a second),
                # surfaces[1] the mention stripped of its qualifier: once a place bears the whole mention
                # as its own name ("Rural Damascus", "Suffolk County"), the stripped one names no other
                options = list(self._surface_options(surface, i > 0, i == 0 and len(reading.surfaces) > 1, clues))
                if not named_in_full:
                    _keep_best(best, (o for o in options if not (named_whole and o.exonym)))
                named_whole = named_whole or bool(options)
                named_in_full = len(reading.surfaces) > 1 and any(not o.exonym for o in options)
        for fallback in self._fallbacks(clues):
            if best:
                break
            for reading in target.readings:
                fallback(best, reading)
        for surface in _spellable(target) if not any(o.place.curated and _in_stated_area(o.place, clues)
                                                     for o in best.values()) else ():
            few = has_few_consonants(surface)
            _keep_best(best, (Option(p, self._fixed(p, surface, True, False, clues) + WEIGHTS["partial"],
                                     spelled=True, few_consonants=few)
                              for p in self.gazetteer.curated_spellings(surface)))
        options = [o for o in best.values() if not _beyond_town(o.place, clues)]
        return sorted(options, key=lambda o: (-o.fixed, o.place.id))

    def _fallbacks(self, clues: Clues) -> list[Callable[[dict[str, Option], Reading], None]]:
        """Where to look for a place none of whose names the gazetteer holds, in the order tried (the
        first that finds a candidate for any mention ends the search): the capital of the country a
        nationality names ("Iraqi capital": Baghdad); its name with the kind of site
        written after it ("⟨Tishreen⟩ dam": Tishrin Dam); its name with the Arabic
        feature word ("Bishri Mountain": Jabal Bishri); the place it is named after ("Darlington
        Memorial Hospital": Darlington); the place before "of" inside the area after it ("Al-Tanf of
        Homs"); the town it is said to be part of ("Qabr Essa of Hama"); the place before a country's
        name ("Manbij Syria"); the country or region its first words name ("European Commission")."""
        return [
            lambda best, reading: self._keep_capital(best, reading.surfaces[0], clues),
            lambda best, reading: self._keep_partial(best, [reading.site] if reading.site else [], clues),
            lambda best, reading: self._keep_partial(best, in_arabic(reading.surfaces[0]), clues),
            lambda best, reading: self._keep_partial(best, named_after(reading.surfaces[0]), clues),
            lambda best, reading: self._keep_head_of(best, reading.surfaces[0], clues),
            lambda best, reading: self._keep_partial(best, said_of(reading.surfaces[0]), clues, below_country=True),
            lambda best, reading: self._keep_before_country(best, reading.surfaces[0], clues),
            lambda best, reading: self._keep_nation_named(best, reading.surfaces[-1], clues),
        ]

    def _keep_capital(self, best: dict[str, Option], surface: str, clues: Clues) -> None:
        """Keep the capital of the country a nationality before "capital" names ("the ⟨Iraqi capital⟩",
        ``ner.national_capitals``)."""
        found = _CAPITAL_SURFACE.fullmatch(surface)
        nation = self._nation_of(found.group("nation")) if found else None
        capital = self.gazetteer.capital_of(nation.country) if nation else None
        if capital is not None:
            _keep_best(best, [Option(capital, self._fixed(capital, surface, True, False, clues))])

    def _keep_nation_named(self, best: dict[str, Option], surface: str, clues: Clues) -> None:
        """Keep the country or region the first words of a name name ("European Commission": Europe)."""
        for words in leading_words(surface):
            _keep_best(best, (Option(p, self._fixed(p, words, True, False, clues) + WEIGHTS["partial"])
                              for p in self._nation_named(words)))

    def _keep_partial(self, best: dict[str, Option], surfaces: list[str], clues: Clues,
                      below_country: bool = False, within: list[Place] | None = None) -> None:
        """Keep the places that the parts of a name (``surfaces``) name, weighed as partial matches;
        ``below_country``: none of a part that may name a country or larger ("Grand Bazaar of Asia");
        ``within``: only places in one of these countries or first-level areas."""
        for surface in surfaces:
            options = list(self._surface_options(surface, False, False, clues))
            if below_country and any(scoring.is_coarse(o.place) for o in options):
                continue
            _keep_best(best, (Option(o.place, o.fixed + WEIGHTS["partial"], o.yields) for o in options
                              if within is None or any(_inside(o.place, area) == 1.0 for area in within)))

    def _keep_before_country(self, best: dict[str, Option], surface: str, clues: Clues) -> None:
        """Keep the places in a country that the words before its name, written after them without a
        comma, name ("Manbij Syria", "Mosul Iraq": the recogniser kept both in one mention)."""
        words = surface.split()
        for n in range(min(_COUNTRY_WORDS, len(words) - 1), 0, -1):  # "Bor South Sudan": South Sudan
            head, tail = " ".join(words[:-n]), " ".join(words[-n:])
            countries = [p for p in self._nation_named(tail) if p.feature == "country"]
            if countries:
                self._keep_partial(best, [head], clues, within=countries)
                return

    def _keep_head_of(self, best: dict[str, Option], surface: str, clues: Clues) -> None:
        """Keep the places the words before "of" name that lie in the country or first-level area
        named after it ("Al-Tanf of Homs": al-Tanf in Homs province, not Homs city)."""
        parts = head_of(surface)
        areas = self._areas(parts[1]) if parts else []
        if areas:
            self._keep_partial(best, [parts[0]], clues, within=areas)

    def _surface_options(self, surface: str, stripped: bool, full: bool, clues: Clues) -> Iterator[Option]:
        """The places a surface names, scored. A name stripped of its qualifier names something smaller
        than a country ("Mexico City", "Georgia state"); an admin area named like a populated place in it
        yields to that place unless a qualifier says area; a town is overshadowed only by namesakes whose
        main name the surface is (Hangu in Pakistan is not overshadowed by Hangzhou, a spelling of which
        folds to "Hangu"); a national capital named by its main name counts as curated beside a curated
        namesake: curation lifts the conflict's places above the general gazetteer's namesakes, and a
        capital is known to every reader (a bare "Tripoli" is Libya's, unless the story says Lebanon);
        a curated place written as one of its listed names is named as by its main name ("Ein Issa"
        is Ain Issa, which lists that spelling, before the bigger Nigerian Inisa, which folds alike),
        unless another curated place folds alike too: the story tells "Al-Hasakeh" city, which lists
        the spelling, from its governorate."""
        matches = self.gazetteer.matches(surface)
        curated = {place.id for place, _ in matches if place.curated}
        listed = self.gazetteer.listed_spellings(surface)
        if not curated <= listed:
            listed = frozenset()  # among curated places, the spelling decides nothing (a city, its governorate)
        primary = {place.id: _names_primary(place, surface) for place, _ in matches}
        namesakes = [other for other, _ in matches if primary[other.id]]  # what may overshadow
        code = is_code(surface) and not (len(surface) == _CAPITALS_NAME and namesakes)
        for place, variant in matches:
            if stripped and scoring.is_coarse(place) or code and not _abbreviated(place):
                continue
            score = self._fixed(place, surface, variant, full, clues, place.id in listed)
            yields = not any(scoring.hint_agrees(h, place) for h in clues.hints) and \
                any(scoring.is_namesake(place, other, surface) for other, _ in matches)
            score += WEIGHTS["namesake"] * yields
            score += WEIGHTS["overshadowed"] * scoring.overshadowing(place, namesakes)
            score += WEIGHTS["curated"] * (bool(curated) and place.feature == "capital" and primary[place.id]
                                           and not place.curated)
            yield Option(place, score, yields, exonym=not variant, primary=primary[place.id],
                         respelled=variant and not _names_exactly(place, surface))

    def _nation_named(self, words: str) -> list[Place]:
        """The country or continent that a nationality adjective or a name names ("Russian", "US"), not
        the region of an ethnic adjective: "Arab Wiran" is a village, not the Arab world."""
        if self.gazetteer.is_demonym(words):
            places = [p] if (p := self.gazetteer.place_for_demonym(words)) else []
        else:
            places = [place for place, _ in self.gazetteer.matches(words)]
        return [place for place in places if place.feature in _NATIONS]

    def _names_a_nation(self, words: str) -> bool:
        """Whether words are a nationality ("Libyan", "Kurdish") or a country's name ("Mali")."""
        return self.gazetteer.is_demonym(words) or self._nation_of(words) is not None

    def _nation_of(self, nationality: str) -> Place | None:
        """The country a nationality ("Libyan": Libya) or a country's name names; none for a
        people's or a region's adjective ("Kurdish", "European"), nor for a name that a first-level
        area bears too ("the Georgia town of ⟨X⟩" is in the state as likely as in the country)."""
        countries = [place for place in self._nation_named(nationality) if place.feature == "country"]
        shared = not self.gazetteer.is_demonym(nationality) and any(
            place.feature == "admin1" for place in self.gazetteer.candidates(nationality))
        return countries[0] if len(countries) == 1 and not shared else None

    def _holders_countries(self, target: Target) -> list[set[str]]:
        """Per mention written after a first-level area's possessive, the countries that area may be
        in: "Sagaing Region's ⟨Kani⟩ township" is no town in Japan. A country's possessive may say
        who acts, not where ("Turkey's ⟨Afrin⟩ offensive", "Israel's ⟨Gaza⟩ war"), and so may a
        capital's, for its government ("Ankara's ⟨Idlib⟩ policy"); a holder of another kind may be
        no place at all ("Al-Shabaab's ⟨Jilib⟩ stronghold")."""
        found = []
        for reading in target.readings:
            holders = self._container_candidates(reading.holder) if reading.holder else []
            if any(h.feature in ("country", "capital") for h in holders):
                continue
            if countries := {h.country for h in holders if h.feature == "admin1" and h.country}:
                found.append(countries)
        return found

    def _areas(self, name: str) -> list[Place]:
        """The countries and first-level areas a name may mean (``Reading.areas``)."""
        return [c for c in self._containers(name) if c.feature in _AREAS]

    def _containers(self, name: str) -> list[Place]:
        """The places a container name may mean: the likeliest by prior alone (countries first),
        and any admin1 area of the name ("Springfield, Illinois")."""
        candidates = self._container_candidates(name)
        likeliest = max(candidates, key=scoring.prior, default=None)
        areas = [c for c in candidates if c.feature == "admin1" and c is not likeliest]
        return [likeliest, *areas] if likeliest else areas

    def _container_candidates(self, name: str) -> list[Place]:
        """The places a container's name may mean: as written, else without its qualifier, which
        the text may write in words the gazetteer's names lack ("in ⟨Damboa Local Government Area⟩")."""
        return self.gazetteer.candidates(name) or self.gazetteer.candidates(strip_qualifiers(name)[0])

    @staticmethod
    def _fixed(place: Place, surface: str, variant: bool, full: bool, clues: Clues, listed: bool = False) -> float:
        """The score of a place for a surface before the rest of the story is weighed: its prior, how
        the surface names it, and what the qualifiers say. ``listed``: the surface is one of the names
        a curated place lists, as written, and names it as well as its main name does."""
        score = scoring.prior(place) + scoring.province_level(place, clues.hints) + WEIGHTS["exonym"] * (not variant)
        score += WEIGHTS["primary_name"] * (listed or _names_primary(place, surface))
        score += WEIGHTS["exact_name"] * (listed or _names_exactly(place, surface))
        score += WEIGHTS["full_mention"] * full
        agrees = any(scoring.hint_agrees(h, place) for h in clues.hints)
        score += WEIGHTS["hint"] * agrees
        score += WEIGHTS["hint_contradicted"] * (not agrees and any(scoring.hint_contradicted(h, place)
                                                                    for h in clues.hints))
        score += WEIGHTS["contradicted"] * _contradicted(place, clues)
        return score + WEIGHTS["container"] * max((_inside(place, c) for c in clues.containers), default=0.0)

    def _city_named(self, name: str, country: str | None, admin1: str | None = None) -> Geo | None:
        """The most populous town of that name in ``country`` ("Aleppo city" where the article's
        Aleppo is the province), and in ``admin1`` if given: the seat of Louisiana is no town
        named Louisiana in Missouri."""
        towns = [p for p in self.gazetteer.candidates(name) if p.feature in POPULATED and p.country == country
                 and (admin1 is None or p.admin1 is not None and name_key(p.admin1) == name_key(admin1))]
        town = max(towns, key=lambda p: p.population, default=None)
        return None if town is None else _geo_of(town)

    def seat_of(self, area: Place) -> Geo | None:
        """The town a first-level area is governed from, where ACLED codes what is known only at the
        area's level (geo_precision 3): the one ``seats.yaml`` lists ("Rif Dimashq": Douma), else
        the most populous town of the area's name inside it ("Aleppo"; Washington state has none)."""
        if listed := listed_seat(area):  # some are governed from a capital outside them (Oromia, Addis Ababa)
            return self._city_named(listed, area.country, area.admin1) or self._city_named(listed, area.country)
        return self._city_named(strip_qualifiers(area.name)[0], area.country, area.admin1)

    def _names_first_level_area(self, town: Place) -> bool:
        """Whether a first-level area of the town's country bears its name: "the Aleppo countryside"
        is that province, "the countryside of Saraqib" only the district around the town."""
        return any(p.feature == "admin1" and p.country == town.country
                   for p in self.gazetteer.candidates(strip_qualifiers(town.name)[0]))

    def _demonym_countries(self, text: str) -> Counter:
        """Country -> evidence from nationality adjectives ("Lebanese"), but for those that only say
        whose side someone is on ("pro-Russian insurgents in Donetsk" fight in Ukraine) and those
        that name a border ("an outpost near Myawaddy on the Thai border" is in Myanmar)."""
        words = (w.group() for w in _CAPITALISED.finditer(text)
                 if self.gazetteer.is_demonym(w.group()) and not qualifies_a_side(text, w.start(), w.end())
                 and not _BORDER_AFTER.match(text, w.end()))
        counts = Counter(c for w in words if (c := self.gazetteer.country_for_demonym(w)))
        return Counter({country: n * scoring.DEMONYM for country, n in counts.items()})

    def _actor_countries(self, analysis: Analysis, types: tuple[str, ...] = _ACTOR_TYPES) -> Counter:
        """Country -> evidence from the registered armed groups and people the document names,
        each shared among the countries it operates in (else its own)."""
        if self.registry is None:
            return Counter()
        shares = self.registry.country_shares(e.registry_id for e in analysis.entities
                                              if e.registry_id and e.type in types)
        return Counter({country: share * scoring.ACTOR for country, share in shares.items()})

    def _theatre(self, analysis: Analysis) -> Geo | None:
        """The point of the theatre of the registered local forces the story names (a Turkish-led
        operation, a town's military council; the first named), if the theatres of all lie within
        ``THEATRE_KM`` of it: where a village the gazetteer lacks lies when the story says no
        more than its province. A story naming forces of two fronts does not say on which."""
        if self.registry is None:
            return None
        named = sorted((e for e in analysis.entities if e.registry_id and e.type == "ARMED_GROUP" and e.mentions),
                       key=lambda e: e.mentions[0].start)
        entries = (self.registry.get(e.registry_id) for e in named)
        points = [geo for entry in entries if entry and entry.theatre
                  and (geo := self._theatre_point(entry.theatre, entry.countries()))]
        first = points[0] if points else None
        if first is None or any(distance_km(first.lat, first.lon, p.lat, p.lon) > THEATRE_KM for p in points):
            return None
        return first

    def _theatre_point(self, name: str, countries: list[str]) -> Geo | None:
        """The place a theatre names in one of the force's countries: a town or site before an area."""
        places = [p for p in self.gazetteer.candidates(name) if p.country in countries]
        place = min(places, key=lambda p: (p.feature in ADMIN_AREAS, -p.population), default=None)
        return None if place is None else _geo_of(place)

    def _choose(self, target: Target, choices: dict[str, Choice], context: DocumentCountries) -> Choice | None:
        others = [c for key, c in choices.items() if key != target.entity.key and c.mentions]
        listed = [c for key, c in choices.items() if key in target.listed_with]
        countries = _country_shares(others, context.evidence)
        located = {c.place.country for c in others if c.place.country} | context.actors
        areas = {c.place.country for c in others if c.place.country and c.place.feature in _AREAS} | set(context.evidence)
        options = [o for o in target.options
                   if not o.spelled or _near_story(o.place, others, o.few_consonants, context.theatre)]
        if not options:
            return None
        scores = [o.fixed + _contextual(o, countries, located, context, others, target.hints)
                  + _respelled_abroad(o, areas) + _listed(o, listed) for o in options]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        if scores[best] < scoring.MIN_SCORE:
            return None
        return Choice(options[best].place, scoring.softmax(scores)[best], target.placing_mentions)

    def _assign(self, target: Target, choice: Choice) -> None:
        place = choice.place
        precision = place.precision
        coarse = [level for hint, level in _COARSE_HINTS.items() if hint in target.hints]
        if coarse and precision not in ("country", "admin1", "admin2"):
            precision = coarse[0] if coarse[0] != "admin1" or self._names_first_level_area(place) else "admin2"
        seat = self.seat_of(place) if precision == "admin1" else None
        target.entity.geo = Geo(lat=place.lat, lon=place.lon, country=place.country, admin1=place.admin1,
                                geonames_id=place.geonames_id, precision=precision, name=place.name,
                                score=round(choice.confidence, 3), seat=(seat.lat, seat.lon) if seat else None)
        target.entity.registry_id = place.id


def listed_seat(area: Place) -> str | None:
    """The town ``seats.yaml`` says a first-level area is governed from, where it is named otherwise
    than the area ("Rif Dimashq Governorate": Douma)."""
    seats = _listed_seats()
    return next((seat for name in (area.name, *bare_forms([area.name]))
                 if (seat := seats.get((area.country, basic_fold(name))))), None)


@lru_cache(maxsize=1)
def _listed_seats() -> dict[tuple[str | None, str], str]:
    return {(country, basic_fold(area)): seat
            for country, areas in load_data_yaml("gazetteer", "seats.yaml").items() for area, seat in areas.items()}


def _surfaces(target: Target) -> list[str]:
    """Each distinct surface of the target's mentions, as written and stripped of qualifiers."""
    return list(dict.fromkeys(s for r in target.readings for s in r.surfaces))


def _spellable(target: Target) -> list[str]:
    """The surfaces, and names with the kind of site after them, that other vowels may spell a
    curated place's name with: not a word that only opens place names ("the Kafr area" is no
    village Kafra)."""
    sites = [r.site for r in target.readings if r.site]
    return [s for s in dict.fromkeys([*_surfaces(target), *sites]) if s.casefold() not in toponym_heads()]


def _near_story(place: Place, others: list[Choice], required: bool = False, theatre: Geo | None = None) -> bool:
    """Whether a place lies where the story's other places do: within ``SPELLED_RANGE_KM`` of one
    it names below country level, or in the first-level area of an area or region it names (the
    area itself, or the province a district lies in). A story with no such place does not object;
    but where it names a local force, the force's ``theatre`` stands for its place, and a spelling
    must lie within ``SPELLED_RANGE_KM`` of it ("Peace Spring forces took ⟨X⟩" is not a village of
    that spelling across the country). Only a name spelled with other vowels must pass: a "Kafr
    Nubul" is Kafranbel only in a story about Idlib. ``required``: a story with neither objects too
    (a short name, ``has_few_consonants``)."""
    places = [c.place for c in others if not scoring.is_coarse(c.place)]
    if not places and theatre is not None:
        return distance_km(theatre.lat, theatre.lon, place.lat, place.lon) <= SPELLED_RANGE_KM
    if not places:
        return not required
    return any(
        distance_km(p.lat, p.lon, place.lat, place.lon) <= SPELLED_RANGE_KM
        or p.feature in _HOLDING_AREAS and same_admin1(p, place) is True
        for p in places)


def drop_unplaced_model_words(analysis: Analysis) -> None:
    """Remove the places that are only a lone word the NER model took for one, that no gazetteer
    holds, no neighbour locates and no word around calls a place: none before ("in", "near",
    "captured"; place words: ``cues_before``) or after ("village", "road"), and no place it is
    listed with or written beside ("in ⟨A⟩, ⟨B⟩ and ⟨C⟩", "⟨A⟩ (⟨B⟩)"). On GeoWebNews, about nine
    in ten such words are no place at all: a surname, a brand, "Photo", "Centre" (as in "the
    Centre", India's government)."""
    text = analysis.doc.text
    places = [m for e in analysis.entities if e.type == "PLACE" for m in e.mentions]
    ends, starts = {m.end for m in places}, {m.start for m in places}
    analysis.entities = [e for e in analysis.entities if not (
        e.type == "PLACE" and e.geo is None
        and all(m.origin == "ner" and len(m.text.split()) == 1 and not _placed_by_words(text, m, ends, starts)
                for m in e.mentions))]


def _placed_by_words(text: str, mention: Mention, place_ends: set[int], place_starts: set[int]) -> bool:
    """A word before or after the mention says it is a place, or it is listed with a place."""
    if _CUE_BEFORE.search(text, max(0, mention.start - _CUE_WINDOW), mention.start) or _KIND_AFTER.match(text, mention.end):
        return True
    before = _LIST_JOINT_BEFORE.search(text, max(0, mention.start - 12), mention.start)
    after = _LIST_JOINT_AFTER.match(text, mention.end)
    return (before is not None and before.start() in place_ends) or (after is not None and after.end() in place_starts)


_LIST_JOIN = re.compile(_LIST_SEPARATOR)
_CONJUNCTION = re.compile(r"\b(?:and|or)\b")


def _find_lists(targets: list[Target], text: str) -> None:
    """Mark the places named together in a list: joined by commas and a conjunction ("Idaho, Utah
    and Ohio", "Idaho and Utah"); places joined by commas alone are an address ("Matias Romero,
    Oaxaca State, Mexico")."""
    mentions = sorted(((m.start, m.end, t) for t in targets for m in t.entity.mentions), key=lambda m: m[:2])
    chain, joins = [mentions[0][2]] if mentions else [], []
    for (_, end, left), (start, _, right) in pairwise(mentions):
        join = text[end:start]
        if right is not left and _LIST_JOIN.fullmatch(join):
            chain.append(right)
            joins.append(join)
        else:
            _mark_list(chain, joins)
            chain, joins = [right], []
    _mark_list(chain, joins)


def _mark_list(chain: list[Target], joins: list[str]) -> None:
    listed = any(_CONJUNCTION.search(join) for join in joins)
    for target in chain:
        others = {t.entity.key for t in chain if t is not target}
        target.named_with.update(others)
        if listed:
            target.listed_with.update(others)


def _respelled_abroad(option: Option, areas: set[str]) -> float:
    """A town of a general gazetteer, not a capital, named only by a spelling its name folds like,
    in a country other than those of the countries and first-level areas the story names and of its
    nationalities and registered actors (``areas``): "Kuru" in a story naming Plateau State is a
    Nigerian village the gazetteer lacks, not Coro in Venezuela; "St Petersburg" in a story naming
    a Russian is Saint Petersburg. A town written as named, or in a story naming no area, is left
    to the foreign penalty (``_contextual``); so is one near a city of another country ("Dar'a"
    beside Basra)."""
    place = option.place
    abroad = bool(areas) and place.country not in areas and place.feature in POPULATED and place.feature != "capital"
    return WEIGHTS["respelled_abroad"] if abroad and option.respelled and not place.curated else 0.0


def _listed(option: Option, listed: list[Choice]) -> float:
    """An admin1 area named in a list with other admin1 areas of its country is one too ("New York"
    in "Ohio, New York and Texas" is the state), namesake or not; and a country named in a list of
    countries is one too ("Ghana, Niger, Nigeria and Togo": Niger, not Nigeria's Niger State)."""
    return WEIGHTS["listed"] * max((c.confidence for c in listed if scoring.are_listed_peers(option.place, c.place)),
                                   default=0.0)


def _geo_of(place: Place) -> Geo:
    """A gazetteer place as a point of its own precision, for the rules that place by a town."""
    return Geo(lat=place.lat, lon=place.lon, country=place.country, admin1=place.admin1,
               precision=precision_of(place.feature), name=place.name)


def _names_primary(place: Place, surface: str) -> bool:
    """Whether a surface is the place's main name, up to transliteration (the "h" of a feminine
    ending included) and qualifiers; not up to the spaces between words ("Ein Issa" is no "Inisa")."""
    return _main_name_keys(surface)[0] == _main_name_keys(place.name)[0]


def _names_exactly(place: Place, surface: str) -> bool:
    """Whether a surface is the place's main name letter for letter, up to accents, case, qualifiers
    and the "h" of an Arabic feminine ending, which transliterations keep or drop: "Misrata" is
    Misratah's main name as exactly as "Misrata District" is the district's."""
    return _main_name_keys(surface)[1] == _main_name_keys(place.name)[1]


@lru_cache(maxsize=1 << 16)
def _main_name_keys(name: str) -> tuple[str, str]:
    """A name without its qualifiers and feminine endings' "h", as a name key and letter for letter
    (``_names_primary``, ``_names_exactly``), memoised: every candidate of every surface is tested."""
    bare = strip_qualifiers(name)[0]
    return without_feminine_endings(name_key(bare)), without_feminine_endings(fold_name(bare))


def _abbreviated(place: Place) -> bool:
    """Whether a code in capitals ("WA", "UK") may name the place: countries and first-level areas
    ("UK", "NSW"), and curated or imported places, whose short names are deliberate; not a town
    whose folded name or some exonym happens to be as short (Warsaw's "Ua", Ghana's Wa)."""
    return place.feature in ("country", "admin1") or place.curated


def _keep_best(best: dict[str, Option], options: Iterator[Option]) -> None:
    for option in options:
        if option.place.id not in best or option.fixed > best[option.place.id].fixed:
            best[option.place.id] = option


def _inside(place: Place, container: Place) -> float:
    """1 when ``place`` is in the container's country or admin1 area, else its closeness to the container."""
    if container.feature == "country":
        return float(place.country == container.country and place.id != container.id)
    if container.feature == "admin1":
        return float(scoring.contains(container, place))
    if place.id == container.id:
        return 0.0
    return scoring.closeness(place, container, scoring.CONTAINER_KM)


def _in_stated_area(place: Place, clues: Clues) -> bool:
    """Whether a place lies in a country or first-level area the text says holds it (or the text
    names none)."""
    areas = [c for c in clues.containers if c.feature in _AREAS]
    return not areas or any(_inside(place, c) for c in areas)


def _contradicted(place: Place, clues: Clues) -> bool:
    """A town or admin area in another country than every place the text says it lies in
    ("Tikrit in Raqqa" is neither Tikrit nor its district in Iraq). Natural features and
    sites may straddle a border ("Lake Victoria in the Mwanza region of Tanzania")."""
    return place.feature in _SETTLED and any(place.country not in countries for countries in clues.stated_countries)


def _beyond_town(place: Place, clues: Clues) -> bool:
    """A place beyond the outskirts of every town the text calls it a part of: "Al-Thawra
    neighbourhood of Raqqa" is not Madinat al-Thawra, 40 km up the river, nor is "⟨X⟩ bridge in
    Al-Bukamal city" a bridge of Deir ez-Zor."""
    return bool(clues.towns) and all(distance_km(place.lat, place.lon, town.lat, town.lon) > QUARTER_KM
                                     for town in clues.towns)


def _peoples(analysis: Analysis) -> set[str]:
    """The keys of the PLACE entities that a mention names as a people (``names_a_people``) and
    no other mention as a place by a word before it ("in", "near", "attacked": ``cues_before``):
    "the ⟨Bissa⟩ ethnic group" is not Bissau, nor is "a ⟨Bissa⟩ farmer" in the same story; but
    "⟨Turkana⟩ herders raided villages in ⟨Turkana⟩" names the county too."""
    text = analysis.doc.text
    return {e.key for e in analysis.entities if e.type == "PLACE" and _names_a_people_only(text, e.mentions)}


def _names_a_people_only(text: str, mentions: list[Mention]) -> bool:
    people = [names_a_people(text, m) for m in mentions]
    return any(people) and not any(not of_people and _CUE_BEFORE.search(text, max(0, m.start - _CUE_WINDOW), m.start)
                                   for m, of_people in zip(mentions, people))


def _country_shares(others: list[Choice], mentioned: Counter) -> dict[str, float]:
    """Country -> its evidence in the document relative to the best-evidenced country (1.0):
    ``mentioned`` (nationalities, actors), country mentions and the other places resolved."""
    evidence = Counter(mentioned)
    for choice in others:
        if choice.place.feature == "country":
            evidence[choice.place.country] += scoring.COUNTRY_MENTION * choice.mentions
        elif choice.place.country:
            evidence[choice.place.country] += scoring.RESOLVED_PLACE * choice.confidence
    top = max(evidence.values(), default=0.0)
    return {c: v / top for c, v in evidence.items()} if top else {}


def _city_named_alone(option: Option, others: list[Choice]) -> bool:
    """A city named by its main name in a story that places nothing else."""
    return option.place.feature == "city" and option.primary and not any(c.place.country for c in others)


def _contextual(option: Option, countries: dict[str, float], located: set[str], context: DocumentCountries,
                others: list[Choice], hints: Iterable[str] = ()) -> float:
    """Country share, foreign penalty (the other places are all elsewhere; not for a capital, which
    news names from anywhere for its government by its main name: "talks in Rome"; "Beni" of a
    Sudanese tribe is not Vienna, nor a Nigerian "Daku" Dhaka), heavier for a general
    gazetteer's town in a story naming registered armed groups (``context.armed``: in reporting on Syria,
    "Arran" is not Oran in Algeria; curated places are spared, so that a group misread from a
    village's name cannot unplace Dar'a, and so is a city named by its main name where the story
    places nothing else: a group misread from an acronym, or fighting abroad, does not unplace
    Peshawar) and for a small place whose kind a qualifier agrees with, which takes back that
    agreement (``hints``: "⟨X⟩ village" tells a village from a province, not that a village abroad
    is the one a Nigerian story means), closeness to the other places (those
    of admin2 precision or finer: the points of larger areas say little) or, weighing less, to the
    theatre of the local forces the story names ("Peace Spring factions took ⟨X⟩": the X near Ras
    al-Ain, not its namesake near Damascus), the admin1 areas among the other
    places that the place lies in or holds, and the other admin1 areas of its country among them
    (a list of states: "Texas, Georgia and Ohio", unless the area yields to a namesake:
    "Washington" stays the capital), and a capital of a country the text names (in a story about
    Britain that names the United States, "in Washington" is its capital, not the English town)."""
    place = option.place
    share = countries.get(place.country, 0.0) if place.country else float(bool(countries))
    score = WEIGHTS["country"] * share
    if located and place.country and place.country not in located and not scoring.is_coarse(place) \
            and (place.feature != "capital" or not option.primary):
        small = scoring.is_small(place)
        score += WEIGHTS["foreign"] + WEIGHTS["foreign_small"] * small
        if small and any(scoring.hint_agrees(hint, place) for hint in hints):
            score -= WEIGHTS["hint"]
        if context.armed and place.feature in POPULATED and not place.curated \
                and not _city_named_alone(option, others):
            score += WEIGHTS["foreign_to_actors"]
    if place.feature == "capital" and any(c.place.feature == "country" and c.place.country == place.country
                                          for c in others):
        score += WEIGHTS["named_capital"]
    anchors = [c for c in others if precision_of(c.place.feature) not in ("country", "admin1")]
    near = max((a.confidence * scoring.closeness(place, a.place, scoring.PROXIMITY_KM) for a in anchors),
               default=0.0)
    if context.theatre is not None:
        near = max(near, scoring.THEATRE_CONFIDENCE * scoring.closeness(place, context.theatre, scoring.PROXIMITY_KM))
    held = max((c.confidence for c in others if scoring.contains(place, c.place)), default=0.0)
    within = max((c.confidence for c in others if scoring.contains(c.place, place)), default=0.0)
    sibling = 0.0 if option.yields else max((c.confidence for c in others if scoring.are_siblings(place, c.place)),
                                            default=0.0)
    return (score + WEIGHTS["proximity"] * near + WEIGHTS["contains"] * held + WEIGHTS["within"] * within
            + WEIGHTS["sibling"] * sibling)
