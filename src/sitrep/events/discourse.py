"""Events a document tells more than once.

"Clashes broke out in X. During the clashes, two men died.": an event noun with a definite
article and no participant of its own refers back to the last event of its type (whose
missing place, date or dead it may fill). "He was filmed in X. His visit to X was later
confirmed by an agency.": the same parties (or some of them) at the same place in the next
sentences restate the event (the named source's claim is kept). A sentence repeated word for
word (a caption under each photo) reports its events once. An event its sentence places nowhere
happened where the paragraph's last placed event did.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sitrep.events.resources import load_events_yaml
from sitrep.events.triggers import Trigger
from sitrep.events.view import SentenceView
from sitrep.models import Event
from sitrep.nlp.sentences import same_paragraph

_RECENT_SENTENCES = 15  # how far back a definite event noun may refer
_RESTATED_WITHIN = 2  # how far back the same parties at the same place are the same event
_UNPLACED_TYPES = {"DESIGNATION"}  # events that happen nowhere in particular


@dataclass
class Told:
    """An event as one sentence tells it, and whether its trigger refers back ("the fighting")."""

    event: Event
    refers_back: bool
    sentence: int  # index of the sentence in the document


@cache
def _back_reference() -> re.Pattern:
    return re.compile(load_events_yaml("cues")["back_reference"] + "$", re.IGNORECASE)


def refers_back(view: SentenceView, trigger: Trigger) -> bool:
    """"the fighting", "the latest battle", "these strikes": a definite event noun."""
    return bool(_back_reference().search(view.masked[:trigger.start]))


def _antecedent(told: Told, earlier: list[Told]) -> Told | None:
    """The last event of the same type told shortly before, unless it counts other people."""
    event = told.event
    found = next((t for t in reversed(earlier) if t.event.type == event.type
                  and told.sentence - t.sentence <= _RECENT_SENTENCES), None)
    differ = found is not None and None not in (found.event.quantity, event.quantity) and \
        found.event.quantity != event.quantity
    return None if differ else found


def _restated(told: Told, earlier: list[Told]) -> Told | None:
    """The event told shortly before with the same type and place, and the same parties or some
    of them (counting no dead of its own: new deaths are news). One telling may name a side the
    other leaves out ("X was retaken from IS on Sunday. Government troops hold X, an officer said"),
    but not another party on that side, and no party may change sides."""
    event = told.event
    if not (event.actors or event.targets) or event.place is None or event.fatalities is not None:
        return None
    return next((t for t in reversed(earlier) if told.sentence - t.sentence <= _RESTATED_WITHIN
                 and t.sentence < told.sentence and t.event.type == event.type and t.event.place == event.place
                 and _same_sides(t.event, event)), None)


def _same_sides(first: Event, second: Event) -> bool:
    """Whether two tellings name some party each, and the actors of one are actors of the other
    and its targets targets of the other, no party on both sides."""
    if not (first.actors or first.targets) or not (second.actors or second.targets):
        return False
    crossed = set(first.actors) & set(second.targets) or set(first.targets) & set(second.actors)
    return not crossed and _nested(first.actors, second.actors) and _nested(first.targets, second.targets)


def _nested(first: list[str], second: list[str]) -> bool:
    return set(first) <= set(second) or set(second) <= set(first)


def _telling(event: Event) -> tuple:
    return (event.type, event.trigger, event.actors, event.targets, event.place, event.quantity, event.fatalities,
            event.claim.evidence)


def _repeats(told: Told, earlier: list[Told]) -> bool:
    return any(_telling(t.event) == _telling(told.event) for t in earlier)


def _fill(event: Event, other: Event) -> None:
    """Arguments ``event`` lacks that ``other`` (a later mention of it) gives: "During the
    clashes, two fighters were killed" counts the dead of the clashes told before."""
    event.place = event.place or other.place
    event.actors = event.actors + [k for k in other.actors if k not in event.actors]
    event.targets = event.targets + [k for k in other.targets if k not in event.targets]
    if not event.date:
        event.date, event.date_precision = other.date, other.date_precision
    if event.fatalities is None and event.fatalities_range is None:
        event.fatalities, event.fatalities_range = other.fatalities, other.fatalities_range
    if event.claim.source is None and other.claim.source is not None:
        event.claim = other.claim


def place_from_paragraph(events: list[Event], text: str) -> None:
    """An event whose sentence places it nowhere happened where the paragraph's last placed event
    did: "Nujaba fighters marched through southern Aleppo. In the convoys, a BTR-80 can be seen."
    A new paragraph starts a new scene, and a designation (a sanction) has no place to inherit."""
    last: Event | None = None
    for event in sorted(events, key=lambda e: e.claim.evidence_start):
        if last is not None and not same_paragraph(text, last.claim.evidence_end, event.claim.evidence_start):
            last = None
        if event.place is None and last is not None and event.type not in _UNPLACED_TYPES:
            event.place = last.place
        if event.place is not None:
            last = event


def told_once(told: list[Told]) -> list[Event]:
    """The document's events, each once: back references and restatements merged into what they
    restate, repeats dropped."""
    kept: list[Told] = []
    for item in told:
        event = item.event
        antecedent = _antecedent(item, kept) if item.refers_back and not (event.actors or event.targets) else None
        antecedent = antecedent or _restated(item, kept)
        if antecedent is not None:
            _fill(antecedent.event, event)
        elif not _repeats(item, kept):
            kept.append(item)
    return [t.event for t in kept]
