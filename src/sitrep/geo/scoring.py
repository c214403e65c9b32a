"""The features that rank a place's candidates, and their weights.

A candidate's score is a sum of weighted features; the highest score wins and
the softmax of the scores is the confidence. Two kinds of feature:

* about the candidate and its mention (fixed): what kind of place it is and how
  big (``FEATURE_PRIOR``, ``log_population``), whether it is curated (the
  supplement or the analyst's imports know the conflict's places), how the
  mention names it, whether a qualifier agrees ("Aleppo province" -> admin1) or
  contradicts it ("the village of X" is no province; a second-level area
  whose own name says province weighs as a first-level one where the text
  says "province"), whether it lies in a place the text says contains it
  ("Tripoli, Lebanon"),
  whether a far bigger namesake overshadows it (a town named "London");
* about the document (contextual): the share of the document's country
  evidence (country mentions, demonyms, other resolved places) that points to
  the candidate's country (a place of no country, an ocean or world region,
  fits any document), a penalty when other places of the document are all in
  other countries (demonyms do not count here: "Iranian advisers" are seldom
  in Iran; a capital named by its main name is spared, and a small place
  loses the agreement of a qualifier), for a capital, whether the document
  names its country (news names capitals for their governments), its closeness to the other places resolved
  in the document, the admin1 areas it lies in or holds among them, and, for an admin1 area,
  the other admin1 areas of its country among them (more so when named with
  it in a list: "Ohio, Georgia and New York").

The weights were set by hand on the kinds of example in ``tests/test_geo.py``
and checked on GeoWebNews, GeoVirus and ACLED (``sitrep.geo.evaluate``), where
accuracy moved little between sensible settings; the foreign penalty and
``MIN_SCORE`` were chosen to leave doubtful places ungeocoded rather than put
them on another continent (a wrong dot misleads an analyst more than none).
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable

from sitrep.geo.place import ADMIN_AREAS, POPULATED, Place, distance_km, precision_of, same_admin1
from sitrep.models import Geo
from sitrep.resolve.normalize import name_key

FEATURE_PRIOR = {
    # A country, continent, ocean or world region named in the text is almost
    # always that (these have no population, or one not comparable to a city's);
    # an admin area is preferred to a small village but not to a city of its
    # name inside it ("Aleppo" is the city unless the text says province: the
    # "namesake" weight); a capital is named more than its population says. An
    # admin2 area's population (its towns') is no measure of how often its bare
    # name means it: "Houston" is the city, not Houston County. A city's quarter named
    # alone is no likelier than a village (it is no site, whose name is its own).
    "continent": 5.0, "country": 6.0, "ocean": 6.0, "sea": 5.5, "world_region": 5.5, "strait": 3.0,
    "region": 2.0, "admin1": 2.5, "admin2": 0.0, "island": 2.0,
    "capital": 1.5, "city": 0.5, "town": 0.3, "village": 0.0, "neighbourhood": 0.0, "landmark": 2.0,
}
SITE_PRIOR = 0.5

WEIGHTS = {
    "log_population": 0.6,  # per factor of ten in population
    "curated": 2.0,         # from the supplement or an analyst's import
    "primary_name": 0.7,    # the mention is the place's main name, up to transliteration and "province"
    "exact_name": 1.0,      # ... letter for letter
    "full_mention": 1.0,    # the whole mention, qualifier included, is a name of the place
    "hint": 3.0,            # the place's kind agrees with a qualifier of the mention
    "hint_contradicted": -3.0,  # no qualifier agrees, one says town (village, hill) of a province or larger (a city)
    "container": 4.0,       # in the country, or close to the place, the text says contains it
    "contradicted": -10.0,  # smaller than a country, outside every country the place the text says it is in may be in
    "country": 3.0,         # times the share of the document's country evidence for its country
    "proximity": 3.0,       # times exp(-km / PROXIMITY_KM) to the nearest other resolved place
    "exonym": -1.5,         # the mention matches only a name in another language or script
    "foreign": -3.0,        # the document places things in countries, none in the place's country (not a capital)
    "foreign_small": -2.0,  # ... and the place is a town, village, site or admin area
    "foreign_to_actors": -3.0,  # ... in a story naming registered armed groups, none of its actors there either
    "respelled_abroad": -3.0,  # a town named by a spelling only, outside the countries of the areas the story names
    "named_capital": 1.5,   # a capital of a country the document names
    "namesake": -3.0,       # an admin area named like a populated place in it, its country or its capital, unqualified
    "contains": 2.0,        # an admin1 area holding another place resolved in the document, times its confidence
    "within": 1.0,          # a place inside an admin1 area resolved in the document, times its confidence
    "sibling": 1.5,         # an admin1 area, another admin1 area of its country resolved in the document, times its confidence
    "listed": 3.0,          # an admin1 area listed with another of its country, or a country with another, times its confidence
    "overshadowed": -2.0,   # per factor of ten a far bigger namesake city or foreign province outnumbers a town or village
    "partial": -1.0,        # found through the place a name is named after ("Darlington Memorial Hospital")
}
# Below this score a place is left ungeocoded: a small foreign village reached
# through a folded spelling is more likely a place missing from the gazetteer.
MIN_SCORE = 1.0
PROXIMITY_KM = 100.0
# how much a local force's theatre counts as a place of the story, beside a resolved one (its confidence)
THEATRE_CONFIDENCE = 0.5
CONTAINER_KM = 100.0

# A general-source town overshadowed by a namesake city this many times its size or more is seldom the
# one the news means ("London" in a story from Ohio), unless the text places it ("London, Ohio").
OVERSHADOW_RATIO = 10.0
OVERSHADOW_MAX = 2.0  # factors of ten counted at most

SEAT_KM = 50.0  # a populated place this close to an admin2 area's point is taken to lie in it
SEAT_SHARE = 0.25  # a seat named otherwise than the surface holds this share of its area's people

# Qualifier hint -> the features it agrees with ("site" agrees with every site feature).
HINT_FEATURES = {
    "admin1": {"admin1", "region"},
    "area": {"admin1", "region", "country", "continent", "world_region", "sea", "ocean", "island"},
    "admin2": {"admin2", "admin3"},
    "city": {"capital", "city", "town"},
    "town": {"capital", "city", "town", "village", "neighbourhood"},
    "village": {"village", "town", "neighbourhood"},
    "hill": {"hill", "mountain"},
}
_NAMED_PROVINCE = re.compile(r"\bprovinc", re.IGNORECASE)  # "Province of Sulu", "Provincia di Bari", "Provincie Antwerpen"
# The words an area's own name may hold that make it an area of a qualifier's kind, whatever level
# the gazetteer files it at: Kenya's and Liberia's counties and Azerbaijan's districts are first-level.
_NAMED_KIND = {
    "admin1": _NAMED_PROVINCE,
    "admin2": re.compile(r"\b(?:county|district)\b", re.IGNORECASE),
}
SPOT_HINTS = frozenset({"city", "town", "village", "hill"})  # qualifiers that name a spot, never an area
# Evidence weights for the document's countries.
COUNTRY_MENTION = 1.0   # per mention of a country
DEMONYM = 0.5           # per nationality adjective ("Lebanese")
RESOLVED_PLACE = 0.5    # per other place resolved in that country, times its confidence
ACTOR = 0.5             # per registered armed group or person, shared among the countries it operates in


def prior(place: Place) -> float:
    base = FEATURE_PRIOR.get(place.feature, SITE_PRIOR)
    curated = WEIGHTS["curated"] if place.curated else 0.0
    return base + WEIGHTS["log_population"] * math.log10(1 + max(place.population, 0)) + curated


def is_coarse(place: Place) -> bool:
    """A country, continent, ocean, sea or world region: too large for closeness to mean anything."""
    return precision_of(place.feature) == "country"


def is_namesake(area: Place, other: Place, surface: str) -> bool:
    """``area`` is an admin area, ``surface`` names it and ``other``, a populated place in it (its
    seat) that the surface names by its main name ("Aleppo") or that holds a good share of the
    area's people ("New York": New York City, not "Oklahoma": Oklahoma City); or ``other`` is its
    country's capital ("Washington"), or its country ("Mexico": México state)."""
    if area.feature not in ADMIN_AREAS or area.country != other.country:
        return False
    if other.feature in ("capital", "country"):
        return True
    if other.feature not in POPULATED:
        return False
    inside = (other.admin1 == area.admin1 if area.feature == "admin1"
              else distance_km(area.lat, area.lon, other.lat, other.lon) <= SEAT_KM)
    main_name = name_key(other.name) == name_key(surface)
    return inside and (main_name or other.population >= SEAT_SHARE * area.population)


def overshadowing(place: Place, namesakes: list[Place]) -> float:
    """Factors of ten (beyond ``OVERSHADOW_RATIO``, at most ``OVERSHADOW_MAX``) by which the biggest
    namesake outnumbers ``place``, a populated place of a general source; else 0. The namesakes
    counted are populated places and the first-level areas of other countries: the village of
    England, Arkansas, is overshadowed by England, while no town is overshadowed by its own province."""
    if place.feature not in POPULATED or place.curated:
        return 0.0
    biggest = max((o.population for o in namesakes
                   if o.feature in POPULATED or o.feature == "admin1" and o.country != place.country), default=0)
    excess = math.log10((1 + biggest) / (1 + place.population)) - math.log10(OVERSHADOW_RATIO)
    return min(max(excess, 0.0), OVERSHADOW_MAX)


def contains(area: Place, other: Place) -> bool:
    """``other`` lies in the admin1 area (by the admin1 names both carry)."""
    return area.feature == "admin1" and area.id != other.id and same_admin1(area, other) is True


def are_siblings(area: Place, other: Place) -> bool:
    """Two admin1 areas of one country."""
    return area.feature == other.feature == "admin1" and area.country == other.country and area.id != other.id


def are_listed_peers(place: Place, other: Place) -> bool:
    """Two places a list names as of one kind: two admin1 areas of one country, or two countries."""
    return are_siblings(place, other) or (place.feature == other.feature == "country" and place.id != other.id)


def is_small(place: Place) -> bool:
    """A town, village, site or admin area: known to few beyond its country."""
    return precision_of(place.feature) in ("village", "site") or place.feature in ("town", *ADMIN_AREAS)


def hint_contradicted(hint: str, place: Place) -> bool:
    """A qualifier that names a spot ("the village of X", "X town", "X hill") said of a first-level
    area, a country or anything larger: "the village of Batha" is not Chad's Batha region; or
    "village" said of a city: "⟨X⟩ village" is a village that shares a city's name. (A district is
    spared: gazetteers often hold a small town only as the district it is the seat of.)"""
    return hint in SPOT_HINTS and precision_of(place.feature) in ("country", "admin1") or \
        hint == "village" and place.feature in ("city", "capital")


def hint_agrees(hint: str, place: Place) -> bool:
    """Whether the place is of the kind a qualifier says. An area whose own name says that kind is
    one wherever the gazetteer files it: a second-level "Province du Soum" (Burkina Faso; the
    Philippines', Italy's, Peru's provinces too) for "⟨X⟩ province", a first-level "Mandera County"
    (Kenya) for "⟨X⟩ county"."""
    if hint == "site":
        return precision_of(place.feature) == "site"
    return place.feature in HINT_FEATURES.get(hint, ()) or _named_kind(hint, place)


def _named_kind(hint: str, place: Place) -> bool:
    pattern = _NAMED_KIND.get(hint)
    return pattern is not None and place.feature in ("admin1", "admin2") and pattern.search(place.name) is not None


def is_named_province(place: Place) -> bool:
    """A second-level area whose own name calls it a province ("Province du Séno")."""
    return place.feature == "admin2" and _NAMED_PROVINCE.search(place.name) is not None


def province_level(place: Place, hints: Iterable[str]) -> float:
    """What lifts a second-level area named a province to a first-level area's prior where the
    text calls it a province: there it is the unit news names, as a first-level area is elsewhere
    ("Seno province" is Burkina Faso's, not the Maldives' Seenu, a first-level area)."""
    return FEATURE_PRIOR["admin1"] - FEATURE_PRIOR["admin2"] if "admin1" in hints and is_named_province(place) else 0.0


def closeness(place: Place, other: Place | Geo, scale_km: float) -> float:
    return math.exp(-distance_km(place.lat, place.lon, other.lat, other.lon) / scale_km)


def softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]
