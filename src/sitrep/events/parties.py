"""Parties of an event that its own clause does not name as mentions.

- "⟨E0⟩ said its fighters attacked ...": the speaker's (or last group's) own men act or suffer.
- What a speaker says of itself: an armed group announcing funerals or deaths speaks of its
  own dead; a party claiming responsibility, or an armed group showing or announcing an
  event no one else is said to act in, is its actor.
- "X shelled the town, as clashes took place": a clause naming no party continues with the
  parties of the sentence's previous event.
"""
from __future__ import annotations

import re

from sitrep.events.attribution import GROUP_TYPES, Source, claims_responsibility, reports_itself
from sitrep.events.context import subject_phrase, text_of
from sitrep.events.drafts import Draft
from sitrep.events.lexicon import TriggerLexicon
from sitrep.events.view import SentenceView
from sitrep.models import Entity


def add_possessive_parties(view: SentenceView, draft: Draft, source: Source | None, excluded: set[int],
                           possessive: re.Pattern) -> None:
    """"its fighters" before the trigger (or anywhere, for events whose parties are all actors)
    act; after it they suffer. "its" is the speaker, else the last group named."""
    trigger = draft.trigger
    for match in possessive.finditer(view.masked):
        groups = [s for s in view.slots if s.end <= match.start() and s.type in GROUP_TYPES and s.index not in excluded]
        key = source.key if source else (groups[-1].key if groups else None)
        if key and (match.end() <= trigger.start or trigger.rule.roles == "actors") and key not in draft.actors:
            draft.actors.append(key)
        elif key and match.start() >= trigger.end and key not in draft.keys():
            draft.targets.append(key)


def add_speaker_parties(view: SentenceView, draft: Draft, source: Source | None, speaker: Entity | None,
                        own_dead: frozenset[str]) -> None:
    """An armed group announcing funerals or deaths, naming no one else's, speaks of its own dead;
    a party claiming responsibility, or an armed group showing or announcing (in the words that
    follow) an event no one else is said to act in, is its actor."""
    if source is None or speaker is None:
        return
    armed = speaker.type == "ARMED_GROUP"
    if armed and draft.type in own_dead:
        if not draft.targets:
            draft.targets.append(speaker.key)
    elif not draft.actors and (claims_responsibility(view) or
                               (armed and (reports_itself(view) or source.media == "own")
                                and draft.trigger.start > source.start)):
        draft.actors.append(speaker.key)


def unnamed_subject(view: SentenceView, draft: Draft, lexicon: TriggerLexicon) -> bool:
    """Whether a party without a name acts before the trigger ("allowed the army to take")."""
    words = text_of(view, subject_phrase(view, draft.trigger.start))
    return lexicon.has("force_noun", words) or lexicon.has("state_text", words)


def continue_parties(draft: Draft, previous: Draft) -> None:
    """A clause naming no party continues with the previous event's parties ("X seized A, but
    lost B": X, as the loser)."""
    if draft.trigger.rule.roles == "loser_subject":
        draft.targets = list(previous.actors)
    else:
        draft.actors, draft.targets = list(previous.actors), list(previous.targets)


def losers_from_fighting(drafts: list[Draft]) -> None:
    """A place taken with no loser named was taken from the side its taker fought in the same
    sentence: "⟨X⟩ fought ⟨Y⟩ in Z, taking it over", "Following clashes with ⟨Y⟩, ⟨X⟩ took Z"."""
    for draft in drafts:
        if draft.type == "TERRITORY" and draft.actors and not draft.targets:
            draft.targets = next((losers for fight in drafts if fight.type == "CLASH"
                                  if (losers := _opponents(fight, draft.actors))), [])


def takers_from_territory(drafts: list[Draft]) -> None:
    """A clash with one side named was fought against whoever took ground from that side in the
    same sentence: "⟨Y⟩ put up fierce resistance, but ⟨X⟩ took the town"."""
    for fight in drafts:
        if fight.type == "CLASH" and len(fight.keys()) == 1:
            fight.targets = next((taking.actors for taking in drafts if taking.type == "TERRITORY"
                                  if taking.targets == fight.keys() and taking.actors), fight.targets)


def _opponents(fight: Draft, side: list[str]) -> list[str]:
    """The parties of a clash that ``side`` fought: those on the other side where it took part
    (not its own allies), else the clash's only named party ("clashes with ⟨Y⟩")."""
    if set(side) & set(fight.actors):
        return [key for key in fight.targets if key not in side]
    if set(side) & set(fight.targets):
        return [key for key in fight.actors if key not in side]
    return fight.keys() if len(fight.keys()) == 1 else []
