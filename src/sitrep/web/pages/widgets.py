"""Data for the map, timeline and network widgets, handed to the page as JSON (never as HTML)."""
from __future__ import annotations

from collections import defaultdict

from fastapi import Request

from sitrep.web.pages.links import links
from sitrep.web.schemas import EntityOut, EventOut, Graph

EVENTS_PER_PLACE = 12


def event_label(event: EventOut) -> str:
    who = ", ".join(a.name for a in event.actors) or "unknown actor"
    whom = ", ".join(t.name for t in event.targets)
    where = f" at {event.place.name}" if event.place else ""
    return f"{event.type.title()}: {who}{' against ' + whom if whom else ''}{where}"


def map_places(request: Request, events: list[EventOut], extra: list[EntityOut] = ()) -> list[dict]:
    """One marker per place, listing the events there (the newest first)."""
    places: dict[str, dict] = {}
    by_place: dict[str, list[dict]] = defaultdict(list)
    for place in [*extra, *(e.place for e in events if e.place)]:
        if place.lat is not None and place.id not in places:
            places[place.id] = {"id": place.id, "name": place.name, "lat": place.lat, "lon": place.lon,
                                "href": links(request).entity(request, place.id)}
    for event in events:
        if event.place and event.place.id in places:
            by_place[event.place.id].append(
                {"label": event_label(event), "date": event.date, "type": event.type,
                 "href": links(request).event(request, event.id)})
    return [{**place, "count": len(by_place[pid]), "events": by_place[pid][:EVENTS_PER_PLACE]}
            for pid, place in places.items()]


def timeline_items(request: Request, events: list[EventOut]) -> list[dict]:
    return [{"date": e.date, "precision": e.date_precision, "type": e.type, "label": event_label(e),
             "certainty": e.claim.certainty if e.claim else None,
             "href": links(request).event(request, e.id)} for e in events if e.date]


def graph_elements(request: Request, graph: Graph, focus: str | None = None) -> dict:
    nodes = [{"id": n.id, "name": n.name, "type": n.type, "focus": n.id == focus,
              "href": links(request).entity(request, n.id)} for n in graph.nodes]
    edges = [{"source": e.source, "target": e.target, "type": e.type, "weight": e.weight} for e in graph.edges]
    return {"nodes": nodes, "edges": edges}
