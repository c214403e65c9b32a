"""The place inside a name the gazetteer does not hold.

News names many things after the place they are in or near: institutions
("University of Arizona", "Darlington Memorial Hospital", "Durham County
Council"), parts of a place ("West Wales", "Greater Mumbai", "North Dallas")
and features ("Swat Valley", "Lake Manassas"), and in Arabic names the small
or great, eastern or upper village of a pair ("Tall Saghira", "Kafr
Sharqiyah"). When a whole name has no candidate, the geocoder falls back on
the place it is named after, found by stripping such words; the result is
only as precise as that place and weighs less than a full match
(``scoring.WEIGHTS["partial"]``). Only the words listed here are stripped, so
"Pearl Harbor" never becomes Pearl, Mississippi.

Anything said to be "of" a place ("Qabr Essa of Hama", "Battle of Mosul")
and, in ACLED's style, a city's quarter written after the city and a spaced
dash ("Homs - Jouret al-Shayah") lie in that place: ``said_of`` gives it, and
the geocoder keeps it only if it is smaller than a country ("Grand Bazaar of Asia"
is not placed at Asia's centre). Where the words before "of" name a place in
that area themselves ("Al-Tanf of Homs"), that place is meant: ``head_of``
gives both.

Conflict reporting writes many Arabic names half in English: "Bishri Mountain" for
Jabal Bishri, "Ghab Plain" for Sahl al-Ghab, "Barada Valley" for Wadi Barada.
``in_arabic`` gives the name with the Arabic feature word, which gazetteers hold;
"Jroud ⟨X⟩" (the barren heights of X), or "Western Jroud ⟨X⟩", lies in X.

Institutions are also named after their country or region by its adjective or
short name ("European Commission", "Russian Academy of Sciences", "US
Geological Survey"): ``leading_words`` gives the words that may be it; the
geocoder keeps them only if they name a country or a larger area.
"""
from __future__ import annotations

import re

_PARTS = r"(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Upper|Lower|Greater|Inner|Outer" \
         r"|North-?East|North-?West|South-?East|South-?West|Downtown|Metropolitan|Rural)"
_FEATURE_BEFORE = r"(?:Lake|Mount|Mt\.?|Port|Jroud|Jurud|Jouroud)"
# Arabic words written after a village's name to tell it from its pair: the small or great, eastern,
# western, northern or southern, upper or lower one ("Tall Saghira", "Kafr Sharqiyah").
PAIR_WORDS = r"(?:Sagh[ie]ra?h?|Kab[ie]ra?h?|(?:Sharq|Gharb|Shamal|Janub)[iy]+(?:a|ah|eh)?|Fawqani|Foqani|Tahtani)"
_INSTITUTIONS = r"(?:University|College|Bank|Council|Parliament|Embassy|Consulate|Governor|Mayor|Government|Port|Summit)"
# Words written after the place: institutions, facilities, events and features named after it.
_AFTER = (r"(?:(?:International |Regional |Municipal )?Airport|(?:General |Memorial |University |Royal )?Hospital"
          r"|Medical Cent(?:er|re)|State University|University|College|Academy|School|(?:County |City |Town |Borough"
          r" |District )?Council|Municipal District|MDC|Local Government Area|LGA|(?:Sheriff'?s|Police) Office|Police"
          r"|Office|Department|F\.?C\.?|Stadium|Station|Cathedral|Church|Mosque|Embassy|Consulate|House|Senate|Assembly"
          r"|Parliament|Prison|Jail|Court|City Hall|Town Hall|Valley|World Cup|Marathon|Games|Summit"
          rf"|{PAIR_WORDS})")
_LEADING_PART = re.compile(rf"^(?:the\s+)?{_PARTS}\s+(?=[A-Z])")
_LEADING_FEATURE = re.compile(rf"^(?:{_PARTS}\s+)?{_FEATURE_BEFORE}\s+(?=[A-Z])")  # "Western Jroud ⟨X⟩" too
_OF = re.compile(rf"^(?:the\s+)?(?:[A-Z][\w.'’-]*\s+)*?{_INSTITUTIONS}\s+(?:\w+\s+)?of\s+(?:the\s+)?(?=[A-Z])")
_TRAILING = re.compile(rf"(?<=\w)\s+{_AFTER}$")
_OF_ANY = re.compile(r"^(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){1,3}of\s+(?:the\s+)?(?=[A-Z])")  # one to three words
_HEAD_OF = re.compile(r"^(?P<head>(?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*)\s+of\s+(?P<area>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)$")
_QUARTER = re.compile(r"\s+[-–]\s+.*$")
_CITY_PART = re.compile(r"\s(?:Quarter|Neighbou?rhood)$")
_LEADING_WORDS = 2
_ARABIC_FEATURES = {"mountain": "Jabal", "mountains": "Jabal", "mount": "Jabal", "plain": "Sahl", "valley": "Wadi",
                    "hill": "Tall", "desert": "Badiyat"}
_FEATURE_AFTER = re.compile(rf"^(?:the\s+)?(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+"
                            rf"(?P<feature>{'|'.join(_ARABIC_FEATURES)})$", re.IGNORECASE)
_FEATURE_FIRST = re.compile(r"^(?:the\s+)?(?P<feature>Mount)\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)$")


def named_after(surface: str) -> list[str]:
    """The names of the place ``surface`` may be named after, most specific first ("Darlington Memorial
    Hospital" -> ["Darlington"], "West Wales" -> ["Wales"]); empty when no listed word is found."""
    return _stripped(surface, (_OF, _LEADING_PART, _LEADING_FEATURE, _TRAILING))


def said_of(surface: str) -> list[str]:
    """The place a name the gazetteer lacks says it is of or in ("Qabr Essa of Hama" ->
    ["Hama"], "Aleppo - Al-Sukkari" -> ["Aleppo"]); empty for other names."""
    return _stripped(surface, (_OF_ANY, _QUARTER))


def head_of(surface: str) -> tuple[str, str] | None:
    """The name before "of" and the place after it, for a name of one to three capitalised
    words said to be of a place ("Al-Tanf of Homs" -> ("Al-Tanf", "Homs")); None for others."""
    found = _HEAD_OF.match(surface)
    return (found.group("head"), found.group("area")) if found else None


def _stripped(surface: str, patterns: tuple[re.Pattern, ...]) -> list[str]:
    """What is left of ``surface`` once each pattern's words are stripped, where they were found and
    a capitalised name is left; each once, in the patterns' order."""
    found = [rest for pattern in patterns
             if (rest := pattern.sub("", surface).strip()) != surface.strip() and rest[:1].isupper()]
    return list(dict.fromkeys(found))


def leading_words(surface: str) -> list[str]:
    """The first one or two words of a name, longest first, where the next word is capitalised too
    ("US Geological Survey" -> ["US Geological", "US"], "European Court of Justice" -> ["European"]);
    none for a city's quarter named after a people ("the Armenian Quarter", "the French Quarter"),
    which lies in a city, not in their country."""
    if _CITY_PART.search(surface):
        return []
    words = surface.split()
    return [" ".join(words[:n]) for n in range(min(_LEADING_WORDS, len(words) - 1), 0, -1)
            if all(w[:1].isupper() for w in words[:n + 1])]


def in_arabic(surface: str) -> list[str]:
    """The name written with the Arabic word for its feature ("Bishri Mountain" -> ["Jabal Bishri"],
    "Mount Qasioun" -> ["Jabal Qasioun"], "Ghab Plain" -> ["Sahl Ghab"]); empty for other names."""
    found = _FEATURE_AFTER.match(surface) or _FEATURE_FIRST.match(surface)
    if found is None or not found.group("name")[:1].isupper():
        return []
    return [f"{_ARABIC_FEATURES[found.group('feature').lower()]} {found.group('name')}"]
