"""The features that rank a place's candidates, and their weights.

A candidate's score is a sum of weighted features; the highest score wins and
the softmax of the scores is the confidence. Two kinds of feature:

* about the candidate and its mention (fixed): what kind of place it is and how
  big (``FEATURE_PRIOR``, ``log_population``), whether it is curated (the
  supplement or the analyst's imports know the conflict's places), how the
  mention names it, whether a qualifier agrees ("Aleppo province" -> admin1),
  whether it lies in a place the text says contains it ("Tripoli, Lebanon");
* about the document (contextual): the share of the document's country
  evidence (country mentions, demonyms, other resolved places) that points to
  the candidate's country, a penalty when other places of the document are
  all in other countries (demonyms do not count here: "Iranian advisers" are
  seldom in Iran), and its closeness to the other places resolved in the
  document.

The weights were set by hand on the kinds of example in ``tests/test_geo.py``
and checked on GeoWebNews, GeoVirus and ACLED (``sitrep.geo.evaluate``), where
accuracy moved little between sensible settings; the foreign penalty and
``MIN_SCORE`` were chosen to leave doubtful places ungeocoded rather than put
them on another continent (a wrong dot misleads an analyst more than none).
"""
from __future__ import annotations

import math

from sitrep.geo.place import Place, distance_km, precision_of

FEATURE_PRIOR = {
    # A country or continent named in the text is almost always that country;
    # an admin1 area is preferred to a small foreign village but not to a city of
    # its name ("Aleppo" is the city unless the text says province).
    "continent": 5.0, "country": 6.0, "region": 2.0, "admin1": 2.5, "admin2": 1.5,
    "city": 0.5, "town": 0.3, "village": 0.0,
}
SITE_PRIOR = 0.5

WEIGHTS = {
    "log_population": 0.6,  # per factor of ten in population
    "curated": 1.0,         # from the supplement or an analyst's import
    "primary_name": 0.7,    # the mention is the place's main name, up to transliteration and "province"
    "exact_name": 0.3,      # ... letter for letter
    "full_mention": 1.0,    # the whole mention, qualifier included, is a name of the place
    "hint": 3.0,            # the place's kind agrees with a qualifier of the mention
    "container": 4.0,       # in the country, or close to the place, the text says contains it
    "country": 3.0,         # times the share of the document's country evidence for its country
    "proximity": 3.0,       # times exp(-km / PROXIMITY_KM) to the nearest other resolved place
    "exonym": -1.5,         # the mention matches only a name in another language or script
    "foreign": -3.0,        # the document places things in countries, none in the place's country
    "foreign_small": -2.0,  # ... and the place is a town, village or site
}
# Below this score a place is left ungeocoded: a small foreign village reached
# through a folded spelling is more likely a place missing from the gazetteer.
MIN_SCORE = 1.0
PROXIMITY_KM = 100.0
CONTAINER_KM = 100.0

# Qualifier hint -> the features it agrees with ("site" agrees with every site feature).
HINT_FEATURES = {
    "admin1": {"admin1", "region"},
    "admin2": {"admin2", "admin3"},
    "city": {"city", "town"},
    "town": {"city", "town", "village", "neighbourhood"},
    "village": {"village", "town", "neighbourhood"},
}
# Evidence weights for the document's countries.
COUNTRY_MENTION = 1.0   # per mention of a country
DEMONYM = 0.5           # per nationality adjective ("Lebanese")
RESOLVED_PLACE = 0.5    # per other place resolved in that country, times its confidence


def prior(place: Place) -> float:
    base = FEATURE_PRIOR.get(place.feature, SITE_PRIOR)
    curated = WEIGHTS["curated"] if place.source != "geonames" else 0.0
    return base + WEIGHTS["log_population"] * math.log10(1 + max(place.population, 0)) + curated


def is_small(place: Place) -> bool:
    """A town, village or site: known to few beyond its country."""
    return precision_of(place.feature) in ("village", "site") or place.feature == "town"


def hint_agrees(hint: str, place: Place) -> bool:
    if hint == "site":
        return precision_of(place.feature) == "site"
    return place.feature in HINT_FEATURES.get(hint, ())


def closeness(place: Place, other: Place, scale_km: float) -> float:
    return math.exp(-distance_km(place.lat, place.lon, other.lat, other.lon) / scale_km)


def softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]
