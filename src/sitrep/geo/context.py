"""What the words in and around a place mention say about it.

"Aleppo province", "southern Aleppo", "the village of Amiriyah", "Kweiris
airbase", "Tripoli, Lebanon", "Iraq's Anbar province": qualifiers give the
precision the text supports (a *hint*: admin1, admin2, city, town, village,
hill, site, or area for a direction: "southern Aleppo" is an admin1 area, "southern
Mexico" a part of a country) and sometimes the name of a containing place (a
*container*). They are read inside the mention, when the recogniser kept the
qualifier in the span, and just around it.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.geo.admin import is_generic
from sitrep.models import Mention
from sitrep.phrases import ACROSS_BORDER_BEFORE, DISTANCE_FROM, alternation, place_words
from sitrep.resolve.normalize import ARABIC_ARTICLES, JOINING_PARTICLES

# Directions are matched in lower case only: "southern Aleppo" is the area
# around Aleppo (admin1, as analysts and ACLED read it), "South Sudan" a name.
_SIDE = r"(?-i:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?)"
SIDE_OR_CENTRE = rf"(?:{_SIDE}|(?-i:central))"
_AFTER = {  # qualifier words written after a name
    "admin1": r"province|governorate|region|countryside|muhafazah|wilayah|oblast|krai|kray|prefecture"
              r"|state(?![\s-]+(?:media|news|tv|television|radio|agency|run|owned|department|forces))"
              r"|governor(?:ship)?",
    "admin2": place_words("second_level"),
    "city": r"city|municipality",
    "town": r"town",
    "village": r"village|hamlet",
    "hill": r"hill|hilltop|peak|ridge",
    "site": place_words("sites"),
}
# "40 km south of ⟨X⟩", "20 miles from ⟨X⟩": distances are given from a town, not from the area named like it
_BEFORE = {  # qualifier words written before a name
    "admin1": r"(?:province|governorate|region|countryside|state|governor(?:ship)?) of|province (?:du|des|de la|de)|rural",
    "area": _SIDE,  # not "central": "central Baghdad" is the city's centre, where "central Mali" needs no hint
    "admin2": r"(?:district|sub-?district) of",
    "city": r"(?:city|capital) of|capital,?",  # "the capital, ⟨Male⟩"
    "town": rf"town of|{DISTANCE_FROM}",
    "village": r"(?:village|hamlet) of",
}
_TRAILING = [(re.compile(rf"(?<=\S)\s+(?:{words})$", re.IGNORECASE), hint) for hint, words in _AFTER.items()]
# "⟨ARK⟩ oil field": a site's kind written after its name, outside the mention; sites are listed with
# their kind in their names ("Arak oil field")
_SITE_AFTER = re.compile(rf"\s+({_AFTER['site']})\b", re.IGNORECASE)
# ACLED's location names put a site's kind after a spaced dash ("Omar - Oil Fields", "Tiyas - Airbase"),
# and its coders copy them into their notes
_DASHED_SITE = re.compile(rf"^(?P<name>\S.*?)\s+[-–]\s+(?P<kind>(?:(?:military|international)\s+)?(?:{_AFTER['site']}))"
                          r"s?$", re.IGNORECASE)
_LEADING = [(re.compile(rf"^(?:the\s+)?(?:{words})\s+(?:the\s+)?(?=\S)", re.IGNORECASE), hint)
            for hint, words in _BEFORE.items()]
_FOLLOWED = [(re.compile(rf"^\s*(?:{words})\b", re.IGNORECASE), hint) for hint, words in _AFTER.items()] + [
    (re.compile(rf"^(?:['’]s)?\s+{SIDE_OR_CENTRE}\s+countryside\b"), "admin1")]  # "Idlib's southern countryside"
_PRECEDED = [(re.compile(rf"\b(?:{words})\s+(?:the\s+)?$", re.IGNORECASE), hint) for hint, words in _BEFORE.items()]
_ARTICLE = rf"(?:{alternation(ARABIC_ARTICLES | JOINING_PARTICLES)})"  # lower case
# A name right before a qualifier ("Afrin district of", "Ras al-Ain district of"), but for a possessive
# ("Syria's province of") and a compound modifier ("the HTS-held town of").
_NAME_WORD = rf"(?:{_ARTICLE}-)?[A-Z][\w'’]*"  # "Afrin", "al-Ain"; not "pro-Assad"
_NAME_BEFORE = re.compile(rf"(?<![\w'’-]){_NAME_WORD}(?:-{_NAME_WORD})*(?<!['’]s)\s+$")
# "the Libyan city of ⟨Derna⟩", "the South Sudanese town of ⟨X⟩", "the central Mali city of ⟨X⟩", "the
# Syrian border town of ⟨X⟩": a nationality or a country's name before the qualifier (a word between
# allowed) says the country the place lies in, where another name there would say what holds it
_NATIONALITY_BEFORE = re.compile(r"(?<![\w'’-])(?:[Tt]he\s+)?(?P<word>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\s+(?:[a-z]+\s+)?"
                                 r"(?:city|capital|town|village|hamlet|province|governorate|region|district|state)"
                                 r"\s+of\s+(?:the\s+)?$")
_HOLDER_HINTS = {"admin2": "admin1"}  # what holds a place of the qualifier's kind, where that says more than "area"

CALENDAR = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
             r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")
_NAME = rf"[A-Z][\w'’-]*(?:\s+(?:{_ARTICLE}-)?[A-Z][\w'’-]*){{0,3}}"
LOCATED = r"(?:located|situated|lying)"  # "⟨X⟩, located in ⟨Y⟩", "⟨X⟩ situated near ⟨Y⟩"
# "Tripoli, Lebanon" / "Amiriyah in southern Aleppo" after the name; "Iraq's Anbar" before it.
_CONTAINER_AFTER = re.compile(rf"^(?:,\s*|(?:,?\s+{LOCATED})?\s+in\s+(?:{SIDE_OR_CENTRE}\s+)?)({_NAME})")
_CONTAINER_BEFORE = re.compile(rf"({_NAME})['’]s\s+(?:{SIDE_OR_CENTRE}\s+)?$")
# "Tikrit in Raqqa", "Zarqa town in Homs governorate", "Umm Sharshuh village of Homs":
# the text states where the place is
# (the whole name, lower-case articles included: "Deir ez Zor", not "Deir"; "St. Louis" is not "St")
_ABBREVIATION = r"(?:St|Ste|Ft|Mt|Pt)"
_FULL_NAME = rf"[A-Z][\w'’-]*(?:\s+(?:{_ARTICLE}[\s-]+)?(?!{CALENDAR}\b)[A-Z][\w'’-]*){{0,3}}"
_KINDS = place_words("kinds")
# "the Gulf coast region of ⟨Y⟩", "in the Syrian border town of ⟨Y⟩": a name before lower-case words (not
# a conjunction, article or preposition: "in Aleppo and the city of ⟨Y⟩" names two places) and a
# designation with "of" only qualifies the place named after it, which is the one the text puts X in
_MODIFIER_OF_NEXT = (r"(?:\s+(?!(?:and|or|but|the|a|an|in|of|near|to|from)\b)[a-z]+){1,2}"
                     r"\s+(?:state|province|region|governorate|district|city|town|village)\s+of\b")
_QUALIFIES_NEXT = re.compile(rf"{_FULL_NAME}{_MODIFIER_OF_NEXT}")
_STATED_IN = re.compile(rf"^(?:\s+{_KINDS}s?)?(?:(?:,?\s+{LOCATED})?\s+in|\s+of|,?\s+(?:{LOCATED}\s+)?near)\s+(?:the\s+)?"
                        rf"(?:{SIDE_OR_CENTRE}\s+)?(?:countryside\s+of\s+)?(?!{CALENDAR}\b|{_ABBREVIATION}\.)({_FULL_NAME})"
                        rf"(?![\w'’-]|\s+{_ARTICLE}[\s-]+[A-Z]|{_MODIFIER_OF_NEXT})")
# "⟨X⟩, Qumbul, and Tal Zeit villages in ...", "⟨X⟩, Qumbul and other areas in ...": the names listed
# after a place, up to a plural kind word
_LISTED_AFTER = re.compile(rf"(?:,\s*(?:and\s+|or\s+)?{_FULL_NAME})*,?\s+"
                           rf"(?:(?:and|or)\s+{_FULL_NAME}|and\s+(?:other|nearby|surrounding|neighbou?ring))"
                           rf"(?=\s+{_KINDS}s\b)")
# "⟨X⟩ neighbourhood of Raqqa", "⟨X⟩ and ⟨Y⟩ quarters in eastern Aleppo", "⟨X⟩ bridge in Al-Bukamal city":
# the town the place is a part of (not "in the countryside of Hama city": the words must follow "in" or
# "of" at once)
_IN_TOWN = re.compile(rf"\s+(?i:neighbou?rhood|quarter|suburb)s?\s+(?:of|in)\s+(?:the\s+)?(?:{SIDE_OR_CENTRE}\s+)?"
                      rf"({_FULL_NAME})"
                      rf"|(?:\s+(?:{_KINDS}|{_AFTER['site']})s?)?\s+(?:of|in)\s+({_FULL_NAME})\s+(?i:city)\b")
# "Tell Hamis village, Hasakah province": the area word after the name tells a container from a list
_STATED_AFTER_COMMA = re.compile(rf"^(?:\s+{_KINDS})?,\s+({_FULL_NAME})\s+(?:province|governorate|countryside)\b")
# "⟨North-West⟩ region", "the ⟨North West⟩ and Free State provinces": the designation written after a
# name, or after the names listed with it
_DESIGNATION_AFTER = re.compile(rf"^(?:(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+){_FULL_NAME})*"
                                r"\s+(?i:(?P<word>province|region|state|governorate))s?\b")
# "the provinces of Coast, ⟨Western⟩ and ⟨Central⟩": ... written before it and the names listed before it
_DESIGNATION_BEFORE = re.compile(r"\b(?i:(?P<word>province|region|state|governorate))s?\s+of\s+(?:the\s+)?"
                                 rf"(?:{_FULL_NAME}(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*$")
_LIST_WINDOW = 160  # characters before a name searched for ``_DESIGNATION_BEFORE``
# "the ⟨X⟩-Homs highway", "the Homs-⟨X⟩ highway": the ends of a way are towns
_ROUTES = rf"(?i:{place_words('routes')})s?\b"
ROUTE_ONWARD = re.compile(rf"\s*[-–]\s*{_FULL_NAME}\s+{_ROUTES}")  # "-Homs highway", matched at the hyphen
_ROUTE_TO = re.compile(rf"^\s+{_ROUTES}")
_ROUTE_BEFORE = re.compile(rf"(?<![\w'’-]){_NAME_WORD}\s*[-–]\s*$")
# "the ⟨Shammar⟩ tribe", "the ⟨Zurug⟩ and ⟨Awlad Amran⟩ clans", "the tribes of ⟨X⟩": a people, not a place.
# Not a single name before a plural ("Anbar tribes") nor before "tribal" or "tribesmen" ("Anbar tribesmen"):
# news so writes of the people of a place.
_PEOPLE = r"(?i:tribe|clan|sub-?clan|ethnic\s+group)"
_PEOPLE_AFTER = re.compile(rf"(?:\s+{_PEOPLE}|(?:(?:,\s*(?:and\s+)?|\s+and\s+){_FULL_NAME})+\s+{_PEOPLE}s)\b")
# ... and "Beni ⟨Halba⟩", "Bani ⟨X⟩": "sons of", which opens Arab tribes' names (a town so named, "Bani
# Walid", is found whole, not by its second word)
_PEOPLE_BEFORE = re.compile(r"\b(?:(?i:tribes?|clans?)\s+of\s+(?:the\s+)?|(?:Beni|Bani|Banu)\s+)$")
# "South Aleppo", "Northern Hama": a name opening with a capitalised compass word names the side of
# an area (unless the gazetteer holds it whole: "South Sudan", "West Bank"), as "southern Aleppo" does
COMPASS_OPENED = re.compile(r"^(?:the\s+)?(?P<direction>(?:North|South|East|West)(?:[- ]?(?:[Ee]ast|[Ww]est))?(?:ern)?)"
                            r"\s+(?=[A-Z])")
_TOWN_WORDS = r"(?:city|town|village)"
_STATED_DEPTH = 3  # "X camp in Y town in Z countryside": Y and Z, at most this many
_WINDOW = 40


@dataclass
class Reading:
    """What one mention says: the names to look up, precision hints, names of containing places."""

    surfaces: list[str]
    hints: list[str] = field(default_factory=list)
    containers: list[str] = field(default_factory=list)
    stated_in: list[str] = field(default_factory=list)  # containers the text says it lies in ("X in Y")
    # the nearest of those, unless the text calls it a town: it may be an area that holds the place
    # ("Shahba town in the Suwayda countryside"), where "the X area of Raqqa city" is only near Raqqa
    areas: list[str] = field(default_factory=list)
    town: str | None = None  # the town the text says the place is a part of
    site: str | None = None  # the name with the kind of site written after it ("⟨ARK⟩ oil field")
    # a designation written before the name calls it an area: "the provinces of Coast and ⟨Western⟩" (where "the
    # ⟨Western⟩ region" may be an adjective's)
    designated_before: bool = False
    nationality: str | None = None  # the nationality the text gives it: "the Libyan city of ⟨Derna⟩"
    holder: str | None = None  # the name whose possessive it follows: "Iraq's ⟨Anbar⟩", "Sagaing Region's ⟨Kani⟩"
    across_border: bool = False  # named as the land across a border: "near the border with ⟨Niger⟩"


def read_mention(text: str, mention: Mention, names_a_nation: Callable[[str], bool] = lambda words: False) -> Reading:
    """What a mention and the words around it say; ``names_a_nation`` tells a nationality or a
    country's name ("Libyan", "Mali") from another name."""
    written = undashed_site(mention.text)
    core, inner = strip_qualifiers(written)
    before = text[max(0, mention.start - _WINDOW):mention.start]
    after = text[mention.end:mention.end + _WINDOW]
    nationality = found.group("word") if (found := _NATIONALITY_BEFORE.search(before)) \
        and names_a_nation(found.group("word")) else None
    hints = [*inner, *_preceding_hints(before, nationality), *(h for p, h in _FOLLOWED if p.match(after))]
    if COMPASS_OPENED.match(written) and not names_a_nation(" ".join(written.split()[:2])):  # not "South Sudanese"
        hints.append("area")
    if ROUTE_ONWARD.match(after) or _ROUTE_TO.match(after) and _ROUTE_BEFORE.search(before):
        hints.append("town")
    holder = _CONTAINER_BEFORE.search(before)
    across_border = ACROSS_BORDER_BEFORE.search(before) is not None
    containers = [m.group(1) for m in (_CONTAINER_AFTER.match(after), holder) if m]
    following = text[mention.end:mention.end + _STATED_DEPTH * _WINDOW]
    stated = stated_containers(following)
    areas = [name for name in stated[:1] if not re.search(rf"\b{re.escape(name)}\s+{_TOWN_WORDS}\b", following)]
    if designated := _with_designation(mention.text, after, text[max(0, mention.start - _LIST_WINDOW):mention.start]):
        return Reading([designated[0], mention.text], [*hints, "admin1"], containers, stated, areas,
                       designated_before=designated[1], nationality=nationality, holder=holder and holder.group(1),
                       across_border=across_border)
    in_town = _IN_TOWN.match(following, end_of_list(following, 0))
    site = _SITE_AFTER.match(after) if core == written else None
    return Reading(list(dict.fromkeys([written, core])), hints, containers, stated, areas,
                   in_town and (in_town.group(1) or in_town.group(2)), f"{core} {site.group(1)}" if site else None,
                   nationality=nationality, holder=holder and holder.group(1), across_border=across_border)


def undashed_site(name: str) -> str:
    """A site's name written in ACLED's style, its kind after a spaced dash, as prose writes it:
    "Omar - Oil Fields" -> "Omar Oil Field" (one site), "Tiyas - Airbase" -> "Tiyas Airbase"; other
    names as they are ("Homs - Jouret al-Shayah" names a city's quarter)."""
    found = _DASHED_SITE.match(name)
    return f"{found.group('name')} {found.group('kind')}" if found else name


def qualifies_next_place(text: str, start: int) -> bool:
    """Whether the name starting at ``start`` only qualifies a place named after it ("the ⟨Gulf
    coast⟩ region of Veracruz"), so that it says nothing of where a place before it lies."""
    return _QUALIFIES_NEXT.match(text, start) is not None


def names_a_people(text: str, mention: Mention) -> bool:
    """Whether the words around a mention make it a tribe, clan or ethnic group ("the ⟨Beni Halba⟩
    tribe", "clashes between Beni ⟨Halba⟩ and Gimr"), which news names like a place and often
    after one."""
    return bool(_PEOPLE_AFTER.match(text, mention.end)
                or _PEOPLE_BEFORE.search(text[max(0, mention.start - _WINDOW):mention.start]))


def _with_designation(name: str, after: str, before: str) -> tuple[str, bool] | None:
    """A name made only of words that say where ("North West", ``admin.is_generic``) as the text
    designates it, which is how the gazetteer holds it, and whether the designation comes before
    it: "North West province" for "the ⟨North West⟩ and Free State provinces", "North Eastern
    province" (before) for "the provinces of Coast and ⟨North Eastern⟩"; none for other names or
    where no designation follows or precedes."""
    if not is_generic(name):
        return None
    if found := _DESIGNATION_AFTER.match(after):
        return f"{name} {found.group('word')}", False
    if found := _DESIGNATION_BEFORE.search(before):
        return f"{name} {found.group('word')}", True
    return None


def _preceding_hints(before: str, nationality: str | None = None) -> list[str]:
    """Hints of the qualifiers written before a name ("the village of ⟨X⟩"); one written right after
    another name is that name's, and says only what holds it: in "Torkula village of ⟨Guma⟩"
    Guma holds a village, in "Afrin district of ⟨Aleppo⟩" Aleppo is a province; but not after the
    ``nationality`` the text gives the place ("the Libyan city of ⟨Derna⟩")."""
    hints = []
    for pattern, hint in _PRECEDED:
        found = pattern.search(before)
        if found and nationality is None and _NAME_BEFORE.search(before, 0, found.start()):
            hint = _HOLDER_HINTS.get(hint)
        if found and hint:
            hints.append(hint)
    return hints


def stated_containers(after: str) -> list[str]:
    """The places the text right after a name says it lies in, nearest first: "camp in Sarmada
    town in Idlib countryside" -> ["Sarmada", "Idlib"]; ", Jisr al Shughur countryside" -> ["Jisr al Shughur"];
    a name listed with others lies where they do (", Qumbul and Tal Zeit villages in Aleppo countryside")."""
    names: list[str] = []
    after = after[end_of_list(after, 0):]
    while len(names) < _STATED_DEPTH and (found := _STATED_IN.match(after) or _STATED_AFTER_COMMA.match(after)):
        names.append(found.group(1))
        after = after[found.end(1):]
    return names


@lru_cache(maxsize=1 << 16)
def strip_qualifiers(surface: str) -> tuple[str, tuple[str, ...]]:
    """The bare name and the hints of qualifiers written inside the mention ("Aleppo province").
    Cached: the geocoder strips every candidate's name, the same few thousand names story after story."""
    hints: tuple[str, ...] = ()
    for pattern, hint in (*_LEADING, *_TRAILING):
        bare = pattern.sub("", surface)
        if bare != surface:
            surface, hints = bare, (*hints, hint)
    return surface, hints


def end_of_list(text: str, end: int) -> int:
    """Where the names listed with a place that ends at ``end`` end, when a plural kind word follows
    them ("Ramadi⟨, Qumbul, and Tal Zeit⟩ villages in ...", "Ramadi⟨, Qumbul and other⟩ areas in
    ..."): what the text then says of where they lie holds for each; else ``end``."""
    listed = _LISTED_AFTER.match(text, end)
    return listed.end() if listed else end
