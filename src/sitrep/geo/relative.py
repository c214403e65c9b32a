"""Places the gazetteer lacks, located by the place the text says they are near.

Conflict reporting names villages, hills and farms that no gazetteer holds, and
often says where they are: "Tal Mamou, which sits to the southeast of Aleppo
city", "Aakershy, east of Ar-Raqqa", "a hill near Khan Tuman". Such a place gets
the coordinates of the place it is said to be near, at district precision
(``admin2``), like ACLED's "near" locations (geo_precision 2): on the map in
the right area, never mistaken for the reference place itself (no gazetteer
id, its own name).
"""
from __future__ import annotations

import re

from sitrep.models import Analysis, Entity, Geo, Mention

APPROXIMATE = "admin2"
_FINE = frozenset({"city", "village", "site"})  # a reference point precise enough to be near
_DIRECTION = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
_RELATIVE = re.compile(
    r",?\s+(?:(?:which|that)\s+(?:sits|lies|is|was|stands)\s+|(?:located|situated|lying)\s+|"
    r"(?:a|the)\s+(?:small\s+)?(?:village|town|hill|area|farm|site|neighbou?rhood)\s+)?"
    r"(?:(?:just|about|some|roughly|around|approximately)\s+)?"
    r"(?:\d+(?:\.\d+)?\s*(?:km|kilomet(?:er|re)s?|miles?)\s+)?"
    rf"(?:(?:to\s+the\s+)?{_DIRECTION}\s+of|near(?:by)?|outside(?:\s+of)?|on\s+the\s+outskirts\s+of|"
    r"in\s+the\s+vicinity\s+of|close\s+to)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?",
    re.IGNORECASE)


def locate_by_neighbours(analysis: Analysis) -> None:
    """Give each ungeocoded PLACE entity said to lie near a geocoded town or site that place's
    coordinates at ``APPROXIMATE`` precision."""
    starts = {m.start: e for e in analysis.entities if _is_reference(e) for m in e.mentions}
    for entity in analysis.entities:
        if entity.type == "PLACE" and entity.geo is None:
            reference = next((r for m in entity.mentions if (r := _said_near(analysis.doc.text, m, starts))), None)
            if reference is not None:
                entity.geo = _near(reference.geo)


def _is_reference(entity: Entity) -> bool:
    return entity.type == "PLACE" and entity.geo is not None and entity.geo.precision in _FINE


def _said_near(text: str, mention: Mention, references: dict[int, Entity]) -> Entity | None:
    phrase = _RELATIVE.match(text, mention.end)
    return references.get(phrase.end()) if phrase else None


def _near(geo: Geo) -> Geo:
    return Geo(lat=geo.lat, lon=geo.lon, country=geo.country, admin1=geo.admin1, precision=APPROXIMATE,
               score=geo.score)
