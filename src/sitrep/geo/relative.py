"""Places the gazetteer lacks, located by the place the text says they are near.

Conflict reporting names villages, hills and farms that no gazetteer holds, and
often says where they are: "⟨X⟩, which lies south of Aleppo city", "⟨X⟩, east
of Raqqa", "a hill near Khan Tuman". Such a place gets
the coordinates of the place it is said to be near, or the point the stated
distance and direction away ("a village 5 km north of Saraqib"), at district
precision (``admin2``), like ACLED's "near" locations (geo_precision 2): on
the map in the right area, never mistaken for the reference place itself (no
gazetteer id, its own name).

A place said to lie in one side of a town's countryside ("a farm in
the western countryside of Hama", "in southern Aleppo", "in Aleppo's
southern countryside") is put ``COUNTRYSIDE_KM`` from the town in that
direction, at district precision: where the villages of that countryside are,
not in the town.

A place the text says lies in a town ("Cairo street in Hama city", "Mansura of
Aleppo"), a province or a side of its countryside, but that the gazetteer only
knows as a namesake far from there, is a local place the gazetteer lacks: it
gets the point the text supports (the town's; the province's, or a side of
it), as a place the gazetteer lacks would. A place the gazetteer lacks that
the text says lies in a town, district or province gets that point too: the
town's at district precision; in a province, that of the story's main town
there (as below, but never one in another province), else the area's own
point and precision.

A local place the text does not locate at all ("Khayelitsha", "the Barclays
Center", a hamlet in a report about one town) is, in news, almost always in the
area of the town the story is about. ACLED codes such events at the nearest
known town with geo_precision 2; sitrep likewise gives the place the point of
the only town or site named in its sentence, else of the story's main
town (its most mentioned town or site), at the same district precision; in a
story that places no town, the middle of its most precise area's towns for a
first-level area (where such a place likeliest lies), else that area's point and
precision (ACLED's geo_precision 3). Compass and region words
("Western", "North West") are areas, not local places, and stay unplaced.

A story that names a local force (a Turkish-led operation, a town's military
council: a registry entry's ``theatre``) says more than a province: a village
the gazetteer lacks, said to lie only in the province that holds the theatre
(or on the side of its town where the theatre lies), or in a story that places
nothing finer than that province or a country, gets the theatre's point at
district precision.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Protocol

from sitrep.geo.context import COMPASS_OPENED, LOCATED, end_of_list, qualifies_next_place, strip_qualifiers
from sitrep.geo.place import Located, Place, central_point, destination, distance_km, initial_bearing, same_admin1
from sitrep.models import Analysis, Entity, Geo, Mention
from sitrep.phrases import APPROXIMATELY, DISTANCE_UNIT, in_dateline, place_words
from sitrep.resolve.normalize import name_key

APPROXIMATE = "admin2"
_FINE = frozenset({"city", "village", "site"})  # a reference point precise enough to be near
_LOCAL = _FINE | {APPROXIMATE}  # what lies near enough to the other places of a list to tell where it is
_TOWNS = frozenset({"city", "village"})  # what a place can be said to lie in ("X street in Y")
_STATED_AREAS = frozenset({"admin1", "admin2"})  # areas whose point and precision a place stated in them takes
_DISTRICT = frozenset({"admin2"})  # an area a place may be said to lie near ("⟨X⟩, west of ⟨Y⟩ Territory")
_COUNTRY = frozenset({"country"})  # the precision of a country written after a place as in an address ("⟨X⟩, Kenya")
_AREA_RANK = {"admin2": 1, "admin1": 2, "country": 3}  # a story's areas, most precise first (towns 0)
_DIRECTION = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?"
_KM_PER_MILE = 1.609344
_KINDS, _PARTS, _SURROUNDINGS = place_words("kinds"), place_words("parts"), place_words("surroundings")
_SITE_KIND = rf"(?-i:[a-z]+\s+)?{place_words('sites')}"  # "⟨X⟩ defence base in ⟨Y⟩"
COUNTRYSIDE_KM = 20.0  # how far from its town "the eastern countryside of" a town is taken to lie
SIDE_HALF_ANGLE = 45.0  # a town lies on a side of its area's seat (else point) within this many degrees of its bearing
_SEAT_TOWN_KM = 2.0  # a place this near a town or seat is at it, on no side of it
_BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
             "southwest": 225.0, "west": 270.0, "northwest": 315.0}
_RELATIVE = re.compile(
    rf"(?:\s+{_KINDS}(?![\w-]))?,?\s+(?:(?:which|that)\s+(?:sits|lies|is|was|stands)\s+|{LOCATED}\s+|"
    rf"(?:a|the)\s+(?:small\s+)?{_KINDS}\s+)?"
    rf"(?:{APPROXIMATELY}\s+)?(?:(?P<distance>\d+(?:\.\d+)?)\s*(?P<unit>{DISTANCE_UNIT})\s+)?"
    rf"(?:(?:to\s+the\s+)?(?P<direction>{_DIRECTION})\s+of|near(?:by)?|outside(?:\s+of)?|on\s+the\s+outskirts\s+of|"
    r"in\s+the\s+vicinity\s+of|close\s+to)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?",
    re.IGNORECASE)
_CITY_AFTER = re.compile(r"\s+city\b", re.IGNORECASE)
# between a place and the area it is said to lie in: "⟨X⟩ village, located in the ..."
_IN = rf"(?:\s+(?:{_KINDS}s?|{_SITE_KIND}))?,?\s+(?:(?:located|situated)\s+)?in\s+(?:the\s+)?"
# "in the eastern countryside of ⟨Y⟩", "in eastern ⟨Y⟩", "in the countryside of ⟨Y⟩"
_COUNTRYSIDE_OF = r"(?:countryside|rural\s+areas?)\s+of\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?"
_COUNTRYSIDE = re.compile(rf"{_IN}(?:(?P<direction>{_DIRECTION})\s+(?:{_COUNTRYSIDE_OF})?|{_COUNTRYSIDE_OF})",
                          re.IGNORECASE)
_IN_PLACE = re.compile(_IN, re.IGNORECASE)
# "in ⟨Y⟩'s eastern countryside", "in ⟨Y⟩ eastern countryside": the side after the name
_SIDE_AFTER = re.compile(rf"(?:['’]s)?\s+(?P<direction>{_DIRECTION})\s+(?:countryside|rural\s+areas?)\b",
                         re.IGNORECASE)
# "⟨X⟩ street in ⟨Y⟩ city", "⟨X⟩ of ⟨Y⟩", "⟨X⟩ desert in northern ⟨Y⟩"
_STATED_IN = re.compile(
    rf"(?:\s+(?:(?P<part>{_PARTS})s?|{_KINDS}|{_SURROUNDINGS}|{_SITE_KIND}))?,?\s+(?:in|of)\s+(?:the\s+)?"
    rf"(?:(?P<direction>{_DIRECTION})\s+)?"
    r"(?:(?:city|town|province|governorate)\s+of\s+)?", re.IGNORECASE)
_COMMA = re.compile(r",\s*")
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*(?:and|or)\s+|\s+(?:and|or)\s+|(?P<comma>,\s*))(?=[A-Z])")
# "⟨Y⟩'s gated suburb of ⟨X⟩", "the ⟨Y⟩ border town of ⟨X⟩": the area written before the place
_STATED_BEFORE = re.compile(
    rf"(?P<possessive>['’]s)?\s+(?P<modifiers>(?:(?:(?P<direction>{_DIRECTION})|(?-i:[a-z][\w-]*))\s+){{0,2}})"
    rf"(?P<word>(?P<part>{_PARTS})s?|{_KINDS}|{_SURROUNDINGS})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# "in southern ⟨Y⟩", "the eastern countryside of ⟨Y⟩": the side of an area written before it
_SIDE_BEFORE = re.compile(rf"\b(?P<direction>{_DIRECTION})\s+"
                          r"(?:(?:countryside|rural\s+areas?|parts?)\s+of\s+(?:the\s+)?)?"
                          r"(?:(?:province|governorate)\s+of\s+)?$", re.IGNORECASE)
_SETTLEMENT = re.compile(place_words("settlements"), re.IGNORECASE)
_BEFORE_WINDOW = 80  # characters before a mention searched for ``_STATED_BEFORE``
STATED_TOWN_KM = 30.0  # a place said to lie in a town lies no farther from the town's point
STATED_AREA_KM = 100.0  # nor one said to lie in a first-level area, beyond its admin1 name, from the area's point
LIST_KM = 50.0  # the villages of a list that lie this near one another mark where the list is
BORDER_KM = 20.0  # a place with a town of the stated area this near lies on its border, in either area
# "in ⟨Y⟩ desert", "in ⟨Y⟩ area": the land around the town, which a place may lie as far in as in a province
# "⟨X⟩ town and near ⟨Z⟩", "⟨X⟩, ⟨Z⟩": the words between two places listed together
_LIST_GAP = re.compile(rf"(?:\s+{_KINDS})?(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:(?:near|around)\s+)?(?:the\s+)?",
                       re.IGNORECASE)
_TOWN_AREA = re.compile(rf"\s+{_SURROUNDINGS}\b", re.IGNORECASE)
_AREA_WORDS = re.compile(rf"(?:(?:{_DIRECTION}|central|middle|upper|lower|far)(?:\s+|-|$))+", re.IGNORECASE)


CityNamed = Callable[[str, str | None], Geo | None]  # (name, country) -> that city's point


class TownIndex(Protocol):
    """The gazetteer's populated places, as the rules here look for them; ``generation`` changes
    whenever its places do (an import), so that what is cached from them is not kept past it."""

    generation: int

    def towns_near(self, lat: float, lon: float, km: float) -> list[Located]: ...

    def towns_in(self, country: str, admin1: str) -> list[Located]: ...


References = dict[int, tuple[Mention, Entity]]  # where each mention of a placed PLACE starts -> it, its entity


def locate_by_neighbours(analysis: Analysis, city_named: CityNamed | None, index: TownIndex | None,
                         theatre: Geo | None) -> None:
    """Give each ungeocoded PLACE entity said to lie near a geocoded town or site that place's
    coordinates at ``APPROXIMATE`` precision. A reference written as a city ("southeast of
    Aleppo city") is that city even where the article's "Aleppo" is the province
    (``city_named`` finds it). One said to lie in a side of a town's countryside gets a point
    ``COUNTRYSIDE_KM`` from the town on that side; one said only to lie in a town, district or
    province, that place's point, or that of the side of the province the text names
    (``_stated_in_area``). Where the story names a local force whose ``theatre`` lies in that
    province, and on that side of its town, the theatre says more: "Olive Branch forces took ⟨X⟩
    village in Aleppo's northern countryside" happened near Afrin."""
    text = analysis.doc.text
    references = _placed_mentions(analysis)
    towns = [e for e in analysis.entities if e.type == "PLACE" and e.geo and e.geo.precision in _FINE]
    for entity in analysis.entities:
        if entity.type == "PLACE" and entity.geo is None:
            point = next((g for m in entity.mentions
                          if (g := _in_countryside(text, m, references, city_named, theatre)
                              or _said_near(text, m, references, city_named))), None)
            if point is not None:
                entity.geo = _point(point, APPROXIMATE)
            else:
                entity.geo = next((g for m in entity.mentions
                                   if (g := _stated_in_area(text, m, entity, references, towns, index,
                                                            theatre))), None)


def _stated_in_area(text: str, mention: Mention, entity: Entity, references: References,
                    towns: list[Entity], index: TownIndex | None, theatre: Geo | None) -> Geo | None:
    """Where "⟨X⟩ in ⟨Y⟩" or "⟨X⟩ village of ⟨Y⟩" puts X:
    - Y a town or site: Y's point at ``APPROXIMATE``;
    - Y a province: the point of the story's main town in Y (``towns``: the placed towns and sites)
      at ``APPROXIMATE``, never of one in another province ("captured ⟨X⟩ in Aleppo" in a note whose
      other villages lie in Idlib) nor on another side of its seat than the text names ("in
      northern Hama"); with no such town, the story's ``theatre`` if it lies in Y (on that side),
      else the middle of Y's towns, or of those on that side (``_towns_middle``);
    - Y a district: Y's own point and precision."""
    found = _stated_area_of(text, mention, references)
    if found is None or found[2] is entity:
        return None
    area, direction = found[2].geo, _stated_side(found)
    if area.precision in _FINE:
        return _point(area, APPROXIMATE)
    if area.precision != "admin1":
        return _point(area, area.precision) if area.precision in _STATED_AREAS else None
    inside = [t for t in towns if same_admin1(t.geo, area) is True
              and (not direction or _lies_towards(t.geo, _seat(area), direction))]
    if inside:
        return _point(min(inside, key=lambda t: prominence(t, text)).geo, APPROXIMATE)
    if in_theatre := _theatre_in(theatre, area, direction):
        return in_theatre
    return _area_side(area, direction, index)


def prominence(place: Entity, text: str) -> tuple[int, int]:
    """How a story's main place is told from the others: most mentioned, then first mentioned; its
    name opening a wire dateline counts for neither: it says where the story was filed
    ("KHARTOUM (AP) -" over fighting around El Obeid)."""
    told = [m for m in place.mentions if not in_dateline(text, m.start, m.end)]
    return -len(told), min((m.start for m in told), default=len(text))


def relocate_far_namesakes(analysis: Analysis, city_named: CityNamed | None, index: TownIndex | None,
                           theatre: Geo | None, lists: dict[str, set[str]] | None = None) -> None:
    """Move each placed town, village or site that the text puts somewhere its point cannot lie
    to the point the text supports (``_stated_elsewhere``; the story's ``theatre`` where it says
    more, as in ``locate_by_neighbours``; ``_relocate_listed_apart``), without a gazetteer id: the
    gazetteer lacks the local place and holds only a far namesake. ``lists``: the keys of the places
    each place is listed with."""
    text = analysis.doc.text
    _relocate_listed_apart(analysis, lists or {})
    references = _placed_mentions(analysis)
    for entity in analysis.entities:
        if entity.type != "PLACE" or entity.geo is None or entity.geo.precision not in _FINE:
            continue
        point = next((p for m in entity.mentions
                      if (p := _stated_elsewhere(text, m, entity, references, city_named, index, theatre))),
                     None)
        if point is None and entity.geo.precision == "village":
            point = next((p for m in entity.mentions if (sibling := _listed_next(text, m, references)) is not None
                          and (p := _stated_elsewhere(text, sibling, entity, references, city_named, index,
                                                      theatre))),
                         None)
        if point is not None:
            entity.geo, entity.registry_id = point, None


def _relocate_listed_apart(analysis: Analysis, lists: dict[str, set[str]]) -> None:
    """Move a village listed with places most of which lie together, within ``LIST_KM`` of one
    another (towns, sites, districts), but that lies itself farther than ``STATED_AREA_KM`` from all
    of those, to the first of them at ``APPROXIMATE`` precision: a note lists the villages of one
    front ("clashes on ⟨X⟩, ⟨Y⟩ and ⟨Z⟩ fronts"), and a gazetteer that lacks one holds a namesake
    across the country."""
    entities = {e.key: e for e in analysis.entities}
    moved = {}
    for entity in analysis.entities:
        if entity.type != "PLACE" or entity.geo is None or entity.geo.precision != "village":
            continue
        mates = [m for key in lists.get(entity.key, ()) if (m := entities.get(key)) is not None
                 and m.geo is not None and m.geo.precision in _LOCAL]
        group = _cluster(mates)
        if group and all(_km(entity.geo, m.geo) > STATED_AREA_KM for m in group):
            moved[entity.key] = _point(min(group, key=lambda m: m.mentions[0].start).geo, APPROXIMATE)
    for key, point in moved.items():
        entities[key].geo, entities[key].registry_id = point, None


def _cluster(places: list[Entity]) -> list[Entity]:
    """The largest group of places within ``LIST_KM`` of one of them, if at least two and more than
    half of them lie so."""
    groups = [[p for p in places if _km(p.geo, centre.geo) <= LIST_KM] for centre in places]
    group = max(groups, key=len, default=[])
    return group if len(group) >= 2 and 2 * len(group) > len(places) else []


def _km(a: Place | Geo, b: Place | Geo) -> float:
    """The great-circle distance between two placed points."""
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def _listed_next(text: str, mention: Mention, references: References) -> Mention | None:
    """The placed mention listed right after a village's ("⟨X⟩ town and near ⟨Z⟩, in Homs
    province", "⟨X⟩, ⟨Z⟩ in ..."): where the text then says Z lies, X lies too. Only a
    village is read so: "Damascus and Qusayr in Homs" does not put the capital in Homs."""
    after = _LIST_GAP.match(text, mention.end)
    found = references.get(after.end()) if after else None
    return found[0] if found and found[1].geo is not None and found[1].geo.precision in _FINE else None


def _stated_elsewhere(text: str, mention: Mention, entity: Entity, references: References,
                      city_named: CityNamed | None, index: TownIndex | None, theatre: Geo | None) -> Geo | None:
    """Where the text says the mention lies, if the entity's point cannot lie there:
    - a town or village in a side of a town's countryside, farther from it than ``STATED_TOWN_KM``
      + ``COUNTRYSIDE_KM``, or of a province's that it lies outside and farther than
      ``STATED_AREA_KM`` from (a city's countryside reaches past its province: "the western
      countryside of Damascus" is Rural Damascus): the point ``_in_countryside`` gives, where
      there is a town to measure from (not in "western Rif Dimashq" or "the western Qalamoun",
      which the rules below place);
    - in a town, farther than ``STATED_TOWN_KM`` (``STATED_AREA_KM`` from a town's desert or area:
      "the T2 station in the Albu Kamal desert"): the town's point, at the town's precision for a part of it
      ("Cairo street in Hama city"), else at ``APPROXIMATE``;
    - a town or village in a first-level area or a district that it lies outside: the area's point
      and precision (a town "in Hama" whose only namesake lies in Raqqa, a village "in al-Bab
      district" whose only namesake lies on the Euphrates), or the side of it the text names
      ("in western Dar'a", ``_area_side``);
    - near a town or district, or in a direction from it, in another country and farther than
      ``STATED_AREA_KM`` from it; or at a stated distance and direction from it, farther than that
      from where they put it: that point (``_said_near``), at ``APPROXIMATE``. "⟨X⟩, 20 km
      southwest of ⟨Y⟩" and "⟨X⟩ village near ⟨Y⟩" are no namesakes of X on another continent,
      but "⟨X⟩, south of ⟨Y⟩" may lie two hundred km away."""
    geo = entity.geo
    if near := _said_near_far_away(text, mention, geo, references, city_named):
        return near
    settled = geo.precision in _TOWNS  # a site may straddle the border of an area ("Tanf crossing")
    if found := _countryside_side(text, mention, references):
        area = found[2].geo
        far = settled and found[2] is not entity and (
            _outside_area(geo, area, index, STATED_AREA_KM) if area.precision == "admin1" else
            _km(geo, area) > STATED_TOWN_KM + COUNTRYSIDE_KM)
        if not far:
            return None
        if point := _countryside_point(found, city_named, theatre):
            return point
    found = _stated_area_of(text, mention, references)
    if found is None or found[2] is entity:
        return None
    phrase, area = found[0], found[2].geo
    km = _km(geo, area)
    if area.precision in _TOWNS and km > (STATED_AREA_KM if _TOWN_AREA.match(text, found[1].end) else STATED_TOWN_KM):
        return _point(area, area.precision if phrase.groupdict().get("part") else APPROXIMATE)
    if settled and area.precision in _STATED_AREAS and _outside_area(geo, area, index):
        direction = _stated_side(found)
        if area.precision == "admin1" and (in_theatre := _theatre_in(theatre, area, direction)):
            return in_theatre
        return _area_side(area, direction, index)
    return None


def _said_near_far_away(text: str, mention: Mention, geo: Geo, references: References,
                        city_named: CityNamed | None) -> Geo | None:
    """Where the text says a placed mention lies near a town or district (``_said_near``), at
    ``APPROXIMATE``, if its point cannot lie there (``_stated_elsewhere``)."""
    found = _reference_after(text, _RELATIVE, mention, references)
    near = _point_said(text, found, city_named, _DISTRICT) if found else None
    if near is None or _km(geo, near) <= STATED_AREA_KM:
        return None
    return _point(near, APPROXIMATE) if found[0].group("distance") or geo.country != near.country else None


def _outside_area(geo: Geo, area: Geo, index: TownIndex | None, reach_km: float = 0.0) -> bool:
    """Whether a place cannot lie in a first-level area or a district: in another country or under
    another admin1 name where both carry one (``same_admin1``), farther than ``reach_km`` from the
    area's point, and not on its border: no town of the area within ``BORDER_KM`` (reports put a
    village on the Euphrates in either province: "Maadan 'Atiq in Deir ez-Zor countryside")."""
    if same_admin1(geo, area) is not False or _km(geo, area) <= reach_km:
        return False
    return index is None or not any(same_admin1(town, area)
                                    for town in index.towns_near(geo.lat, geo.lon, BORDER_KM))


def locate_in_story_area(analysis: Analysis, names_no_place: Callable[[Entity], bool], armed: set[str],
                         sentences: list[tuple[int, int]], index: TownIndex | None, theatre: Geo | None,
                         across_border: frozenset[str] = frozenset()) -> None:
    """Give each PLACE entity still ungeocoded, but for area words and those that ``names_no_place``
    (demonyms, peoples), the point of the only
    town or site named in a sentence with it, else of the story's main town (the fine place in
    the first-level area the story mentions most, then with most mentions itself, then the first
    mentioned), at ``APPROXIMATE`` precision; in a story
    that places no town, its most precise area (the most mentioned first): for a first-level
    area, the middle of its towns, or of those on the side of it that the text
    names ("in Aleppo's eastern countryside", ``_towns_middle``), else the area's point and
    precision. In a story naming registered armed groups, only places in the countries
    they operate in count ("Turkish forces" put no Syrian village in Turkey). In a story that places nothing finer
    than a province, and only the province a local force's ``theatre`` lies in, if any, the theatre
    at ``APPROXIMATE`` precision: "Olive Branch forces captured ⟨X⟩ village"
    happened near Afrin. A place the text says lies in another country than the main place
    ("⟨X⟩, Kenya", ``_stated_country``) is placed so among that country's places alone, or at the
    country's point. ``sentences``: the text's sentence spans. The places of ``across_border`` (keys),
    named only as the land across a border, say nothing of where the story is."""
    unplaced = [e for e in analysis.entities if e.type == "PLACE" and e.geo is None
                and not _AREA_WORDS.fullmatch(e.name) and not names_no_place(e)]
    placed = [e for e in analysis.entities if e.type == "PLACE" and e.geo and (not armed or e.geo.country in armed)
              and e.key not in across_border]
    if unplaced and theatre is not None and all(e.geo.precision == "country" or e.geo.precision == "admin1"
                                                and same_admin1(theatre, e.geo) is True for e in placed):
        for entity in unplaced:
            entity.geo = _point(theatre, APPROXIMATE)
        return
    if not (unplaced and placed):
        return
    text = analysis.doc.text
    main = _main_place(placed, text)
    starts = [start for start, _ in sentences]
    references, towns = _placed_mentions(analysis), _town_mentions(placed)
    for entity in unplaced:
        stated = _stated_country(text, entity, references)
        if stated is None or stated.geo.country == main.geo.country:
            entity.geo = _story_point(text, entity, main, towns, starts, index)
        else:
            there = [e for e in placed if e.geo.country == stated.geo.country] or [stated]
            entity.geo = _story_point(text, entity, _main_place(there, text), _town_mentions(there), starts, index)


def _main_place(placed: list[Entity], text: str) -> Entity:
    """A story's main place: the finest, then the one in the country mentioned most, then in the
    first-level area mentioned most, then the most mentioned, then the first mentioned."""
    return min(placed, key=lambda e: (_AREA_RANK.get(e.geo.precision, 0), -_country_mentions(e, placed),
                                      -_area_mentions(e, placed), *prominence(e, text)))


def _town_mentions(placed: list[Entity]) -> list[tuple[Mention, Entity]]:
    """The mentions of the placed towns and sites, each with its entity."""
    return [(m, e) for e in placed if e.geo.precision in _FINE for m in e.mentions]


def _story_point(text: str, entity: Entity, main: Entity, towns: list[tuple[Mention, Entity]], starts: list[int],
                 index: TownIndex | None) -> Geo:
    """Where a place the text does not locate lies: at the town named in sentences with it
    (``_town_in_sentence`` over ``towns``, ``_town_mentions``), else at the story's ``main``
    place, or in the middle of its towns if that is a first-level area."""
    area = _town_in_sentence(starts, entity, towns) or main
    if area is main and _is_first_level(main.geo):
        return _towns_middle(main.geo, _side_written(text, main), index)
    return _point(area.geo, APPROXIMATE if area.geo.precision in _FINE else area.geo.precision)


def _stated_country(text: str, entity: Entity, references: References) -> Entity | None:
    """The country the text says a place lies in: "⟨X⟩ in Kenya", "⟨X⟩, Kenya". A story about
    Cambodia that lists "⟨X⟩, Kenya" among its study sites does not put X in
    Cambodia. Seas and world regions, of country precision but no country, are not countries."""
    for mention in entity.mentions:
        found = _reference_after(text, _STATED_IN, mention, references) \
            or _address_area(text, mention, references, _COUNTRY)
        if found is not None and found[2].geo.precision == "country" and found[2].geo.country:
            return found[2]
    return None


def _side_written(text: str, area: Entity) -> str | None:
    """The one side of an area its mentions name ("in southern ⟨Y⟩", "the eastern countryside of
    ⟨Y⟩", "⟨Y⟩'s eastern countryside"), if they name one and no other."""
    sides = {}
    for m in area.mentions:
        found = _SIDE_BEFORE.search(text, max(0, m.start - _BEFORE_WINDOW), m.start) or _SIDE_AFTER.match(text, m.end)
        if found:
            sides[_bearing(found.group("direction"))] = found.group("direction")
    return next(iter(sides.values())) if len(sides) == 1 else None


def _country_mentions(place: Entity, placed: list[Entity]) -> int:
    """Mentions of the story's places in ``place``'s country, its own and the country's included: a
    story that names its own country and capital again and again is not told from a city abroad
    that it names once, beside the region that holds it."""
    return sum(len(other.mentions) for other in placed
               if other is place or place.geo.country and other.geo.country == place.geo.country)


def _area_mentions(place: Entity, placed: list[Entity]) -> int:
    """Mentions of the story's places in ``place``'s first-level area, its own included: a story
    about New Orleans that names Louisiana towns is not told from a namesake square elsewhere
    that it names twice."""
    return sum(len(other.mentions) for other in placed
               if other is place or same_admin1(other.geo, place.geo) is True)


def _town_in_sentence(starts: list[int], entity: Entity, towns: list[tuple[Mention, Entity]]) -> Entity | None:
    """The placed town or site named in a sentence with the entity, counted over its mentions: the
    one named beside the most of them, unless more stand in sentences that name none (those
    are about the story's main place: a ministry named thrice in a story from Damascus, once in a
    sentence about a visit to Homs) or another town is named as often. A sentence that names
    several towns names none: "Residents of Homs reported shooting in X, while Hama was quiet"
    does not say which. ``starts``: where the text's sentences start."""
    named = [_sentence_town(starts, m, towns) for m in entity.mentions]
    votes = Counter(town.key for town in named if town is not None).most_common(2)
    if not votes:
        return None
    (top, count), tied = votes[0], len(votes) > 1 and votes[1][1] == votes[0][1]
    if tied or count < named.count(None):
        return None
    return next(town for town in named if town is not None and town.key == top)


def _sentence_town(starts: list[int], mention: Mention, towns: list[tuple[Mention, Entity]]) -> Entity | None:
    """The one placed town or site named in the mention's sentence, if one and only one is."""
    sentence = bisect_right(starts, mention.start)
    found = {town.key: town for t, town in towns if bisect_right(starts, t.start) == sentence}
    return next(iter(found.values())) if len(found) == 1 else None


def _in_countryside(text: str, mention: Mention, references: References,
                    city_named: CityNamed | None, theatre: Geo | None) -> Geo | None:
    """"⟨X⟩ village in the eastern countryside of ⟨Y⟩", "in eastern ⟨Y⟩" or "in ⟨Y⟩'s eastern
    countryside": a point east of the town Y (the city of that name where the article's Y is its
    province); the story's ``theatre`` where it lies in Y's province on that side of the town."""
    found = _countryside_side(text, mention, references)
    return _countryside_point(found, city_named, theatre) if found else None


def _lies_towards(place: Place | Geo, town: Place | Geo, direction: str) -> bool:
    """Whether a place lies on the side of a town a compass ``direction`` ("north-western") names:
    within ``SIDE_HALF_ANGLE`` of its bearing from the town, and not at the town itself."""
    if _km(town, place) <= _SEAT_TOWN_KM:
        return False
    bearing = initial_bearing(town.lat, town.lon, place.lat, place.lon)
    return abs((bearing - _bearing(direction) + 180.0) % 360.0 - 180.0) <= SIDE_HALF_ANGLE


def _countryside_point(found: tuple[str | None, Mention, Entity], city_named: CityNamed | None,
                       theatre: Geo | None) -> Geo | None:
    """``COUNTRYSIDE_KM`` from the town of a countryside (``_countryside_side``) on its side (the
    town's point where the text names no side), or the story's ``theatre`` where it lies in the
    town's province on that side (``_theatre_in``)."""
    direction, near, reference = found
    town = _town(near, reference, city_named, written_as_city=True)
    if town is None:
        return None
    return _theatre_in(theatre, town, direction) or \
        (_towards(town, direction, COUNTRYSIDE_KM) if direction else _point(town, APPROXIMATE))


def _theatre_in(theatre: Geo | None, area: Geo, direction: str | None) -> Geo | None:
    """The story's theatre at ``APPROXIMATE`` precision, if it lies in the province of a town or of
    a first-level area, and on the side of its town or seat that ``direction`` names, if any."""
    if theatre is None or same_admin1(theatre, area) is not True:
        return None
    return _point(theatre, APPROXIMATE) if not direction or _lies_towards(theatre, _seat(area), direction) else None


def _area_side(area: Geo, direction: str | None, index: TownIndex | None) -> Geo:
    """Where a place said to lie in an area, or in a side of it, lies when nothing nearer is known:
    in a first-level area, the middle of its towns on that side or in all of it
    (``_towns_middle``), else the area's own point and precision (a district, or a region such as
    the Qalamoun, holds no towns of its own name)."""
    return _towns_middle(area, direction, index) if _is_first_level(area) else _point(area, area.precision)


def _is_first_level(area: Geo) -> bool:
    """Whether a place is a first-level area (a province, a state), not a region the gazetteer
    ranks with them (the Qalamoun, the Pacific Northwest): one governed from a seat, or named
    as its own admin1 ("Aleppo Governorate" is Aleppo's)."""
    return area.precision == "admin1" and (area.seat is not None or area.admin1 is not None and area.name is not None
                                           and name_key(strip_qualifiers(area.name)[0]) == name_key(area.admin1))


def _towns_middle(area: Geo, direction: str | None, index: TownIndex | None) -> Geo:
    """Where an unplaced village of a first-level area most likely lies ("⟨X⟩ in Deir ez-Zor
    countryside", a hamlet in a story placing only New South Wales), or of a side of it ("⟨X⟩ in
    northern Hama", "in southern Idlib"): the geometric median (``central_point``) of the area's
    towns and villages, or of those on that side of its seat, or of its own point where it has no
    seat (within ``SIDE_HALF_ANGLE`` of the side's bearing). Not the seat nor the area's own point:
    Deir ez-Zor's villages line the Euphrates downstream of the city, and the middle of its outline
    is desert; New South Wales's towns crowd its coast, a day's drive from its middle; and one side
    of a province reaches farther than another (eastern Homs is desert to the Iraqi border). At
    ``APPROXIMATE`` precision in a province governed from a seat; a first-level area without one
    (a state named after no town) is mostly wide, and the guess keeps the area's precision. Where
    the gazetteer holds no town there, ``COUNTRYSIDE_KM`` from the seat on that side, else the
    area's own point and precision."""
    origin = _seat(area)
    middle = (_middle_of_towns(index, index.generation, area.country, area.admin1, direction, origin.lat, origin.lon)
              if index is not None and area.country and area.admin1 else None)
    if middle is None:
        return _towards(origin, direction, COUNTRYSIDE_KM) if direction else _point(area, area.precision)
    return Geo(lat=round(middle[0], 4), lon=round(middle[1], 4), country=area.country, admin1=area.admin1,
               precision=APPROXIMATE if area.seat else area.precision, score=area.score)


@lru_cache(maxsize=1024)
def _middle_of_towns(index: TownIndex, generation: int, country: str, admin1: str, direction: str | None,
                     lat: float, lon: float) -> tuple[float, float] | None:
    """The geometric median of a first-level area's towns, or of those on the side of (lat, lon)
    that ``direction`` names; none where there are none. Cached by area and the index's
    ``generation``, not by its towns: stories name the same areas again and again, and a wide one
    holds thousands (England 4,661)."""
    origin = Geo(lat=lat, lon=lon)
    side = tuple((t.lat, t.lon) for t in index.towns_in(country, admin1)
                 if not direction or _lies_towards(t, origin, direction))
    return central_point(side) if side else None


def _seat(area: Geo) -> Geo:
    """The point of the town a first-level area is governed from (only such areas carry a seat),
    else the area's own point."""
    return Geo(*area.seat, country=area.country, admin1=area.admin1, score=area.score) if area.seat else area


def _countryside_side(text: str, mention: Mention, references: References
                      ) -> tuple[str | None, Mention, Entity] | None:
    """The side (None where the text names none) and the placed reference of the countryside a
    mention is said to lie in."""
    if found := _reference_after(text, _COUNTRYSIDE, mention, references):
        return found[0].group("direction"), found[1], found[2]
    if found := _reference_after(text, _IN_PLACE, mention, references):
        if side := _SIDE_AFTER.match(text, found[1].end):
            return side.group("direction"), found[1], found[2]
        if side := _named_side(found[1], found[2]):
            near = replace(found[1], start=found[1].start + side.end(), text=found[1].text[side.end():])
            return side.group("direction"), near, found[2]
    return None


def _said_near(text: str, mention: Mention, references: References, city_named: CityNamed | None) -> Geo | None:
    """"⟨X⟩, east of ⟨Y⟩": the town Y's point; "⟨X⟩, 5 km north of ⟨Y⟩": the point that far."""
    found = _reference_after(text, _RELATIVE, mention, references)
    return _point_said(text, found, city_named) if found else None


def _point_said(text: str, found: tuple[re.Match, Mention, Entity], city_named: CityNamed | None,
                areas: frozenset[str] = frozenset()) -> Geo | None:
    """The point a ``_RELATIVE`` phrase and the reference after it give (``_said_near``); where the
    reference is an area of one of the ``areas`` precisions, the area's point."""
    phrase, near, reference = found
    if reference.geo.precision in areas:
        return reference.geo
    town = _town(near, reference, city_named, written_as_city=bool(_CITY_AFTER.match(text, near.end)))
    if town is None or not (phrase.group("distance") and phrase.group("direction")):
        return town
    km = float(phrase.group("distance")) * (_KM_PER_MILE if phrase.group("unit").startswith("mile") else 1.0)
    return _towards(town, phrase.group("direction"), km)


def _placed_mentions(analysis: Analysis) -> References:
    """The mentions of the geocoded PLACE entities, by where they start: what a phrase after a
    place ("east of", "in") may lead to."""
    return {m.start: (m, e) for e in analysis.entities if e.type == "PLACE" and e.geo for m in e.mentions}


def _reference_after(text: str, words: re.Pattern, mention: Mention, references: References
                     ) -> tuple[re.Match, Mention, Entity] | None:
    """The phrase ``words`` right after a mention, or after the names listed with it, and the placed
    entity it leads to, if any."""
    phrase = words.match(text, end_of_list(text, mention.end))
    found = references.get(phrase.end()) if phrase else None
    return (phrase, *found) if found else None


def _stated_area_of(text: str, mention: Mention, references: References
                    ) -> tuple[re.Match, Mention, Entity] | None:
    """The placed area the text says a mention lies in, written after it ("⟨X⟩ village of ⟨Y⟩"),
    after a comma as in an address ("⟨X⟩, Cheshire", ``_address_area``) or before it ("⟨Y⟩'s suburb
    of ⟨X⟩"), with the phrase that says so; not a name that only qualifies the next ("in the ⟨Y⟩
    coast state of ⟨Z⟩", ``qualifies_next_place``)."""
    after = _reference_after(text, _STATED_IN, mention, references)
    if after is not None and qualifies_next_place(text, after[1].start):
        after = None
    return after or _address_area(text, mention, references) or _reference_before(text, mention, references)


def _stated_side(found: tuple[re.Match, Mention, Entity]) -> str | None:
    """The side of a stated area the text names, before it ("in southern Aleppo") or opening its
    name (``_named_side``)."""
    if direction := found[0].groupdict().get("direction"):
        return direction
    named = _named_side(found[1], found[2])
    return named.group("direction") if named else None


def _named_side(mention: Mention, area: Entity) -> re.Match | None:
    """The compass word opening a mention of an area that the area's own name does not open: news
    writes "South Aleppo" for southern Aleppo, where "North Sinai" is the province's name."""
    opening = COMPASS_OPENED.match(mention.text)
    return opening if opening and not (area.geo.name or "").startswith(opening.group("direction")) else None


def _address_area(text: str, mention: Mention, references: References, precisions: frozenset[str] = _STATED_AREAS
                  ) -> tuple[re.Match, Mention, Entity] | None:
    """The first-level area or district (or other area of ``precisions``) written after a comma, where
    no other name follows it in a list: "Oulton Park, Cheshire" and "Oulton Park, Cheshire, England"
    are in Cheshire, "⟨X⟩, Idlib and Hama" and "⟨X⟩, Idlib, Hama" are lists."""
    phrase = _COMMA.match(text, mention.end)
    found = references.get(phrase.end()) if phrase else None
    if found is None or found[1].geo.precision not in precisions:
        return None
    after = _LIST_GOES_ON.match(text, found[0].end)
    if after and not (after.group("comma") and _holds(references.get(after.end()), found[1])):
        return None
    return phrase, *found


def _holds(reference: tuple[Mention, Entity] | None, area: Entity) -> bool:
    """Whether a placed reference is a country or first-level area that holds an area."""
    if reference is None:
        return False
    geo = reference[1].geo
    return geo.country == area.geo.country and (geo.precision == "country" or geo.precision == "admin1"
                                                and area.geo.precision == "admin2" and same_admin1(geo, area.geo))


def _reference_before(text: str, mention: Mention, references: References
                      ) -> tuple[re.Match, Mention, Entity] | None:
    """The phrase ``_STATED_BEFORE`` right before a mention and the placed entity it follows, if any.
    The text is searched only where a placed mention ends close enough before it: this runs for
    every mention of every placed town, and most have none."""
    window = max(0, mention.start - _BEFORE_WINDOW)
    ending: dict[int, tuple[Mention, Entity]] = {}
    for m, e in references.values():
        if window <= m.end < mention.start:
            ending.setdefault(m.end, (m, e))
    phrase = _STATED_BEFORE.search(text, window, mention.start) if ending else None
    found = ending.get(phrase.start()) if phrase and _names_a_holder(phrase) else None
    return (phrase, *found) if found else None


def _names_a_holder(phrase: re.Match) -> bool:
    """Whether the name before a ``_STATED_BEFORE`` phrase holds the place after it. Written right
    before the word, with no possessive or modifier, it does only before a kind of settlement ("the
    Aleppo suburb of ⟨X⟩"); before any other word it is a part of that place ("the ⟨Y⟩ area of
    Aleppo city", "the ⟨Y⟩ district of Baghdad")."""
    return bool(phrase.group("possessive") or phrase.group("modifiers") or _SETTLEMENT.fullmatch(phrase.group("word")))


def _town(near: Mention, reference: Entity, city_named: CityNamed | None, written_as_city: bool) -> Geo | None:
    """The town a reference names: itself when placed as a town or site, else (where the text
    allows reading it as a city) the city of its name."""
    if reference.geo.precision in _FINE:
        return reference.geo
    return city_named(near.text, reference.geo.country) if city_named is not None and written_as_city else None


def _towards(town: Geo, direction: str, km: float) -> Geo:
    """The point ``km`` from a town in a compass ``direction`` ("north-eastern"), at ``APPROXIMATE``."""
    lat, lon = destination(town.lat, town.lon, _bearing(direction), km)
    return Geo(lat=round(lat, 4), lon=round(lon, 4), country=town.country, admin1=town.admin1,
               precision=APPROXIMATE, score=town.score)


def _bearing(direction: str) -> float:
    """The bearing (degrees from north) of a compass direction as written ("north-eastern")."""
    return _BEARINGS[re.sub(r"ern$|[- ]", "", direction.lower())]


def _point(geo: Geo, precision: str) -> Geo:
    """The point of a placed entity at ``precision``, without its gazetteer id or name (an area's
    main town kept, for a place known only by that area)."""
    return Geo(lat=geo.lat, lon=geo.lon, country=geo.country, admin1=geo.admin1, precision=precision,
               score=geo.score, seat=geo.seat if precision == geo.precision else None)
