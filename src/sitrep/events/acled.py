"""ACLED coding conventions applied to an analysis: the event an ACLED row would code,
its fatality count, and whether an entity is the actor ACLED names."""
from __future__ import annotations

import re
from functools import cache

from sitrep.events.acled_actors import CodedActor, acled_names, entity_names, names_a_side
from sitrep.events.acled_totals import coded_total, share, states_no_deaths
from sitrep.events.arguments import GEO_RANK, death_counts, total
from sitrep.events.resources import load_events_yaml
from sitrep.geo.place import same_admin1
from sitrep.geo.relative import APPROXIMATE
from sitrep.models import Analysis, Entity, Event, Geo
from sitrep.phrases import word_regex
from sitrep.registry import Registry

# When several events are reported together, ACLED codes territory changes over the
# fighting that won them, fighting over the shelling that went with it, an abduction
# over the deaths that followed.
PRIORITY = ("TERRITORY", "CLASH", "ATTACK", "DETENTION", "CASUALTIES", "DEPLOYMENT", "PRESENCE",
            "EQUIPMENT", "DESIGNATION", "DISPLACEMENT", "FUNERAL")
_UNIDENTIFIED = re.compile(r"^Unidentified\b", re.IGNORECASE)
_TOWN = GEO_RANK["city"]
_COARSEST = max(GEO_RANK.values()) + 1


def primary_event(events: list[Event]) -> Event | None:
    """The event an ACLED coder would code for the whole report."""
    ranked = [e for e in events if e.type in PRIORITY]
    return min(ranked, key=lambda e: (PRIORITY.index(e.type), e.sentence[0])) if ranked else None


@cache
def _two_sided() -> tuple[frozenset[str], str, re.Pattern]:
    spec = load_events_yaml("acled")["sub_event_types"]["two_sided"]
    return frozenset(spec["from"]), spec["to"], word_regex(spec["cue"])


def coded_sub_event_type(analysis: Analysis, event: Event | None) -> str | None:
    """The sub-event type ACLED codes for the report whose primary event is ``event``: the
    event's own, except that a strike the report says air defences engaged is an armed clash."""
    if event is None:
        return None
    subs, clash, cue = _two_sided()
    if event.sub_event_type in subs and cue.search(analysis.doc.text):
        return clash
    return event.sub_event_type


def coded_place(analysis: Analysis, event: Event | None) -> Entity | None:
    """The location ACLED codes, as precise as the report allows: the event's place when geocoded
    to a town or finer, or to the point of the town or district the text puts it in or near (a
    village the gazetteer lacks: "captured ⟨X⟩ in Idlib"), else the first such place the report
    names (a note says "in the Aleppo countryside" for the event but names the village
    elsewhere), one inside the event's area where there is one (a village of another province
    listed first is not where the event happened), else the report's most precise place, the
    event's first ("Jabal al-Akrad in the Latakia countryside": the mountain, not the province),
    but for a country named only as a side's ("Turkey-backed factions" fought in Syria, not in
    Turkey)."""
    place = analysis.entity(event.place) if event and event.place else None
    placed = place if place is not None and place.geo is not None else None
    if placed is not None and (GEO_RANK.get(placed.geo.precision, _COARSEST) <= _TOWN
                               or _placed_by_text(placed.geo)):
        return placed
    fine = [e for e in analysis.entities if e.geo is not None and GEO_RANK.get(e.geo.precision, _COARSEST) <= _TOWN]
    inside = [e for e in fine if placed is not None and _in_area(e, placed)]
    if fine:
        return min(inside or fine, key=lambda e: e.mentions[0].start)
    text = analysis.doc.text
    geocoded = [e for e in analysis.entities
                if e.geo is not None and not all(names_a_side(text, m) for m in e.mentions)]
    return min(geocoded, default=None,
               key=lambda e: (GEO_RANK.get(e.geo.precision, _COARSEST), e is not placed, e.mentions[0].start))


def _placed_by_text(geo: Geo) -> bool:
    """Whether a place was given the point of a town or district the text puts it in or near
    (``geo.relative``), not that of a named gazetteer place."""
    return geo.name is None and geo.precision == APPROXIMATE


def _in_area(place: Entity, area: Entity) -> bool:
    """Whether a place lies in the first-level area of an area (a province or district)."""
    return same_admin1(place.geo, area.geo) is True


def coded_point(place: Entity) -> tuple[float, float]:
    """Where ACLED puts an event at ``place`` (see ``acled_point``)."""
    geo = place.geo
    return acled_point(geo.precision, (geo.lat, geo.lon), geo.seat)


def acled_point(precision: str | None, point: tuple[float, float], seat: tuple[float, float] | None
                ) -> tuple[float, float]:
    """An event known only at the level of a first-level area is coded at the area's main town
    (ACLED codebook, geo_precision 3), any other at the place's own point."""
    return seat if precision == "admin1" and seat else point


def acled_fatalities(event: Event, text: str) -> int:
    """Deaths as ACLED codes them: the best count, else the codebook value of the vague words
    in the event's sentence ("dozens" -> 12), else 0."""
    if event.fatalities is not None:
        return event.fatalities
    if event.fatalities_range:
        counts = total(death_counts(text[event.sentence[0]:event.sentence[1]]))
        return counts.acled if counts and counts.acled is not None else event.fatalities_range[0]
    return 0


def report_fatalities(analysis: Analysis) -> int:
    """All deaths a report states (ACLED codes one total per event row): the total it states it
    codes, else 0 if it says nobody died, else the sum over its events; split between events
    when it says so."""
    text = analysis.doc.text
    names = _place_names(analysis, primary_event(analysis.events))
    coded = coded_total(text, names)
    if coded is not None:
        return coded
    if states_no_deaths(text):
        return 0
    return share(sum(acled_fatalities(e, text) for e in analysis.events), text, names)


def _place_names(analysis: Analysis, event: Event | None) -> list[str]:
    place = analysis.entity(event.place) if event and event.place else None
    return sorted({place.name, *(m.text for m in place.mentions)}) if place else []


def actor_matches(actor: Entity | CodedActor | None, acled_actor: str, registry: Registry | None) -> bool:
    """Whether an extracted actor (an entity, or a coded side: entity or ACLED generic name) is
    the one ACLED names; an unnamed actor matches ACLED's "Unidentified Armed Group"."""
    if isinstance(actor, CodedActor):
        actor = actor.entity or actor.generic
    if actor is None:
        return bool(_UNIDENTIFIED.match(acled_actor))
    names = acled_names(actor) if isinstance(actor, str) else entity_names(actor, registry)
    return bool(names & acled_names(acled_actor))
