"""Events being assembled within one sentence, before their arguments are read.

Several triggers of one type in a clause report one event; the deaths a sentence
reports go to its nearest violent event, and a CASUALTIES (or PRESENCE) event stands
alone only when the sentence reports nothing more specific.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sitrep.events.arguments import quantity
from sitrep.events.context import clause_bounds
from sitrep.events.numbers import Count
from sitrep.events.subtypes import ATTACK_ON_PEOPLE
from sitrep.events.triggers import Trigger
from sitrep.events.view import SentenceView


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


def merge_same_type(drafts: list[Draft], apart: Callable[[Draft, Draft], bool]) -> list[Draft]:
    """One event per type per sentence, unless ``apart`` tells two drafts apart ("IS seized
    the city, but lost the villages"); a specific trigger's sub-type wins over a generic one, any
    trigger's over one that yields (``_takes_sub_type``), and a side keeps the role the first
    trigger gave it ("⟨A⟩ repelled a ⟨B⟩ assault": the assault does not make A an actor)."""
    merged: list[Draft] = []
    for draft in drafts:
        first = next((d for d in merged if d.type == draft.type and not apart(d, draft)), None)
        if first is None:
            merged.append(draft)
            continue
        first.actors = ordered_union(first.actors, [k for k in draft.actors if k not in first.targets])
        first.targets = [k for k in ordered_union(first.targets, draft.targets) if k not in first.actors]
        if _takes_sub_type(draft, first):
            first.sub = draft.sub
    return merged


def _takes_sub_type(later: Draft, first: Draft) -> bool:
    """Whether a later trigger's sub-type replaces the first's in one event: a specific one's a
    generic one's, and any one's that of a trigger that yields (triggers.yaml): houses burned
    where an attack or a strike is told are part of it."""
    rule, other = first.trigger.rule, later.trigger.rule
    return not other.yields and (rule.yields or rule.generic and not other.generic)


def deaths_make_an_attack(drafts: list[Draft]) -> None:
    """An event of a yielding trigger's sub-type that took the sentence's dead is an attack on
    people ("burned the village, killing four"): ACLED codes property destroyed or looted apart
    only where no one was harmed."""
    for draft in drafts:
        if draft.trigger.rule.yields and draft.deaths:
            draft.sub = ATTACK_ON_PEOPLE


def join_clash_halves(drafts: list[Draft]) -> list[Draft]:
    """A sentence's two clashes, each naming one side, and not the same one, are one clash
    told from both sides ("⟨A⟩ put up fierce resistance, but the siege let ⟨B⟩ prevail"): the
    second side is the first's opponent."""
    clashes = [d for d in drafts if d.type == "CLASH"]
    if len(clashes) != 2 or any(len(d.keys()) != 1 for d in clashes) or clashes[0].keys() == clashes[1].keys():
        return drafts
    first, second = clashes
    first.targets = second.keys()
    return [d for d in drafts if d is not second]


def told_apart(view: SentenceView, first: Trigger, second: Trigger) -> bool:
    """Two triggers of one type report two events when they are in different clauses or count
    different numbers ("40,000 fled the city and 12,000 others were displaced within it")."""
    if clause_bounds(view, first.start, first.end) != clause_bounds(view, second.start, second.end):
        return True
    counts = [quantity(view.masked, first.rule.type, t.start) for t in (first, second)]
    return None not in counts and counts[0] != counts[1]


def _nearest(drafts: list[Draft], position: int) -> Draft:
    return min(drafts, key=lambda d: abs(d.trigger.start - position))


def absorb(drafts: list[Draft], kind: str, hosts: frozenset[str]) -> list[Draft]:
    """Drafts of ``kind`` in a sentence with a more specific event (of a ``hosts`` type) belong to
    the nearest such event, with their parties."""
    found = [d for d in drafts if d.type in hosts]
    if not found:
        return drafts
    for absorbed in (d for d in drafts if d.type == kind):
        host = _nearest(found, absorbed.trigger.start)
        host.actors = ordered_union(host.actors, [k for k in absorbed.actors if k not in host.targets])
        host.targets = ordered_union(host.targets, [k for k in absorbed.targets if k not in host.actors])
    return [d for d in drafts if d.type != kind]


def assign_deaths(drafts: list[Draft], counts: list[Count], absorbers: frozenset[str]) -> None:
    """Each count of the dead goes to the nearest event that can have fatalities."""
    eligible = [d for d in drafts if d.type in absorbers or d.type == "CASUALTIES"]
    for count in counts if eligible else ():
        _nearest(eligible, count.start).deaths.append(count)
