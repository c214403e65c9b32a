"""Events being assembled within one sentence, before their arguments are read.

Several triggers of one type in a sentence report one event; the deaths a sentence
reports go to its nearest violent event, and a CASUALTIES event stands alone only when
the sentence reports nothing more specific.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.events.numbers import Count
from sitrep.events.triggers import Trigger


@dataclass
class Draft:
    """An event being assembled from one or more triggers of a sentence."""

    trigger: Trigger
    type: str
    sub: str
    actors: list[str]
    targets: list[str]
    deaths: list[Count] = field(default_factory=list)

    def keys(self) -> list[str]:
        return self.actors + self.targets


def ordered_union(*lists: list[str]) -> list[str]:
    return list(dict.fromkeys(k for keys in lists for k in keys))


def merge_same_type(drafts: list[Draft]) -> list[Draft]:
    """One event per type per sentence; a specific trigger's sub-type wins over a generic one."""
    merged: dict[str, Draft] = {}
    for draft in drafts:
        first = merged.setdefault(draft.type, draft)
        if first is draft:
            continue
        first.actors = ordered_union(first.actors, draft.actors)
        first.targets = [k for k in ordered_union(first.targets, draft.targets) if k not in first.actors]
        if first.trigger.rule.generic and not draft.trigger.rule.generic:
            first.sub = draft.sub
    return list(merged.values())


def _nearest(drafts: list[Draft], position: int) -> Draft:
    return min(drafts, key=lambda d: abs(d.trigger.start - position))


def absorb_casualties(drafts: list[Draft], absorbers: frozenset[str]) -> list[Draft]:
    """Deaths in a sentence with a more specific event belong to that event, with their parties."""
    hosts = [d for d in drafts if d.type in absorbers]
    if not hosts:
        return drafts
    for casualty in (d for d in drafts if d.type == "CASUALTIES"):
        host = _nearest(hosts, casualty.trigger.start)
        host.actors = ordered_union(host.actors, [k for k in casualty.actors if k not in host.targets])
        host.targets = ordered_union(host.targets, [k for k in casualty.targets if k not in host.actors])
    return [d for d in drafts if d.type != "CASUALTIES"]


def assign_deaths(drafts: list[Draft], counts: list[Count], absorbers: frozenset[str]) -> None:
    """Each count of the dead goes to the nearest event that can have fatalities."""
    eligible = [d for d in drafts if d.type in absorbers or d.type == "CASUALTIES"]
    for count in counts if eligible else ():
        _nearest(eligible, count.start).deaths.append(count)
