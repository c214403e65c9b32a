"""The events step of the analyze stage: per sentence, triggers -> events with their
arguments, standing relations, and who claims them how surely.

``EventExtractor(vocabulary, registry)(analysis, sdoc)`` fills ``analysis.events`` and
``analysis.relations`` and, when the document has no publication date, sets
``analysis.published`` from the text.
"""
from __future__ import annotations

from dataclasses import replace

from sitrep.events.actors import is_state_force, prevailing_country, related
from sitrep.events.arguments import choose_place, death_counts, event_date, listed_places, quantity, total
from sitrep.events.attribution import (GroupIndex, Source, SourceTrail, attribution_slots, certainty, covers,
                                       find_source)
from sitrep.events.context import bystander_slots, clause_bounds
from sitrep.events.discourse import Told, place_from_paragraph, refers_back, told_once
from sitrep.events.drafts import (Draft, absorb, assign_deaths, deaths_make_an_attack, join_clash_halves, merge_same_type,
                                  told_apart)
from sitrep.events.layout import is_headline, reporting_views
from sitrep.events.lexicon import TriggerLexicon, load_trigger_lexicon
from sitrep.events.modality import is_factual
from sitrep.events.parties import (add_possessive_parties, add_speaker_parties, continue_parties, losers_from_fighting,
                                   takers_from_territory, unnamed_subject)
from sitrep.events.relations import FoundRelation, compound_parents, sentence_relations
from sitrep.events.roles import assign_roles, participants
from sitrep.events.subtypes import event_type
from sitrep.events.triggers import Trigger, find_triggers
from sitrep.events.view import SentenceView, Slot
from sitrep.models import Analysis, Claim, Entity, Event, Relation
from sitrep.nlp.dates import find_publication_date
from sitrep.registry import Registry
from sitrep.vocab import Vocabulary, load_vocabulary

_SYMMETRIC = ("ALLIED_WITH",)
_POSSESSIVE = r"\b(?:its|their)\s+(?:own\s+)?{force_noun}"


class EventExtractor:
    """Events, relations and claims of one analysed document (a step of ``Analyzer``)."""

    def __init__(self, vocabulary: Vocabulary | None = None, registry: Registry | None = None, *,
                 lexicon: TriggerLexicon | None = None, keep_bare: bool = False):
        """``keep_bare`` keeps events that name no participant, place, count or quantity
        (a knowledge base has no use for them; a classifier of snippets does)."""
        self.vocabulary = vocabulary or load_vocabulary()
        self.registry = registry
        self.lexicon = lexicon or load_trigger_lexicon()
        self.keep_bare = keep_bare
        self.possessive = self.lexicon.compile(_POSSESSIVE)

    def __call__(self, analysis: Analysis, sdoc=None) -> None:
        analysis.published = analysis.published or analysis.doc.published or \
            find_publication_date(analysis.doc.text)
        groups = GroupIndex(analysis)
        country = prevailing_country(analysis)  # where the report's events take place, when its places say
        views = reporting_views(analysis, sdoc)
        trail = SourceTrail(analysis.doc.text)
        told = [t for index, view in enumerate(views)
                for t in self._read(analysis, view, index, groups, trail, country, sdoc)]
        analysis.events.extend(told_once(told))
        place_from_paragraph(analysis.events, analysis.doc.text)
        analysis.relations.extend(self._compound_relations(analysis, views))
        analysis.relations[:] = unique_relations(analysis.relations)

    def _read(self, analysis: Analysis, view: SentenceView, index: int, groups: GroupIndex, trail: SourceTrail,
              country: str | None, sdoc) -> list[Told]:
        """One sentence: its relations (added to the analysis) and the events it tells."""
        found = sentence_relations(view, self.vocabulary)
        source = trail.source(view, index, find_source(view, groups.before))
        analysis.relations.extend(self._relation(analysis, view, r, source) for r in found)
        if is_headline(analysis.doc.text, view.start, view.end):
            return []
        excluded = {r.descriptive.index for r in found if r.descriptive} | attribution_slots(view) | \
            bystander_slots(view)
        return [Told(e, back, index)
                for e, back in self._sentence_events(analysis, view, source, excluded, country, sdoc)]

    # --- claims ------------------------------------------------------------------------------

    def _interested(self, analysis: Analysis, source: Source | None, keys: list[str]) -> bool:
        """Whether the source is one of the parties (or linked to one in the registry)."""
        if source is None:
            return False
        speaker = analysis.entity(source.key)
        parties = [analysis.entity(k) for k in keys]
        return source.key in keys or any(speaker and p and related(self.registry, speaker, p) for p in parties)

    def _claim(self, analysis: Analysis, view: SentenceView, source: Source | None, keys: list[str]) -> Claim:
        level = certainty(view, source, self._interested(analysis, source, keys))
        return Claim(level, source.key if source else None, view.start, view.end, view.text)

    # --- relations ---------------------------------------------------------------------------

    def _relation(self, analysis: Analysis, view: SentenceView, found: FoundRelation,
                  source: Source | None) -> Relation:
        keys = [found.subject.key, found.object.key]
        return Relation(found.type, found.subject.key, found.object.key, self._claim(analysis, view, source, keys))

    def _compound_relations(self, analysis: Analysis, views: list[SentenceView]) -> list[Relation]:
        relations = []
        for unit, parent, offset in compound_parents(analysis):
            view = next((v for v in views if v.start <= offset < v.end), None)
            if view is not None and parent.type in self.vocabulary.relation_types["PART_OF"].object:
                claim = Claim("confirmed", None, view.start, view.end, view.text)
                relations.append(Relation("PART_OF", unit.key, parent.key, claim))
        return relations

    # --- events ------------------------------------------------------------------------------

    def _sentence_events(self, analysis: Analysis, view: SentenceView, source: Source | None,
                         excluded: set[int], country: str | None, sdoc) -> list[tuple[Event, bool]]:
        """The sentence's events, each with whether its trigger refers back to an earlier one."""
        triggers = [t for t in find_triggers(view, self.lexicon) if is_factual(view, t)]
        absorbers = self.lexicon.casualty_absorbers
        drafts = self._drafts(analysis, view, triggers, source, excluded, country, sdoc)
        drafts = join_clash_halves(merge_same_type(drafts, lambda a, b: told_apart(view, a.trigger, b.trigger)))
        drafts = absorb(drafts, "CASUALTIES", absorbers)
        drafts = absorb(drafts, "PRESENCE", self.lexicon.presence_absorbers)
        losers_from_fighting(drafts)
        takers_from_territory(drafts)
        for draft in drafts:
            self._order_clash_sides(analysis, draft)
        assign_deaths(drafts, death_counts(view.masked), absorbers)
        deaths_make_an_attack(drafts)
        events = [(e, refers_back(view, d.trigger)) for d in drafts
                  for e in self._events(analysis, view, d, source, excluded)]
        return [(e, back) for e, back in events if (self.keep_bare or not is_bare(e)) and self._complete(e)]

    def _complete(self, event: Event) -> bool:
        """Whether the event names what its type requires (a presence its place)."""
        return all(getattr(event, field) for field in self.lexicon.required_arguments.get(event.type, ()))

    def _drafts(self, analysis: Analysis, view: SentenceView, triggers: list[Trigger], source: Source | None,
                excluded: set[int], country: str | None, sdoc) -> list[Draft]:
        drafts: list[Draft] = []
        for trigger in triggers:
            previous = self._previous_in_clause(view, trigger, drafts)
            inherited = self._inherited(view, trigger, previous, drafts)
            slots = participants(view, trigger, excluded)
            roles = assign_roles(view, trigger, slots, previous.trigger if previous else None, inherited, sdoc)
            kind, sub = event_type(view, trigger, roles, self.lexicon, self.vocabulary, self.registry, country)
            draft = Draft(trigger, kind, sub, [s.key for s in roles.actors], [s.key for s in roles.targets])
            if not slots and drafts and not unnamed_subject(view, draft, self.lexicon):
                continue_parties(draft, drafts[-1])
            add_possessive_parties(view, draft, source, excluded, self.possessive)
            speaker = analysis.entity(source.key) if source else None
            add_speaker_parties(view, draft, source, speaker, self.lexicon.own_dead)
            drafts.append(draft)
        return drafts

    @staticmethod
    def _inherited(view: SentenceView, trigger: Trigger, previous: Draft | None, drafts: list[Draft]) -> list[Slot]:
        """The sides a trigger takes from the clause's previous event: its actors; for a clash
        after events nobody is said to have done, the sides they hit, named before them ("⟨X⟩
        fighters died in shelling and clashes with ⟨Y⟩": ⟨X⟩ fought ⟨Y⟩)."""
        if previous is None:
            return []
        if previous.actors or trigger.rule.type != "CLASH":
            return [s for s in view.slots if s.key in previous.actors]
        left, _ = clause_bounds(view, trigger.start, trigger.end)
        hit = {key for d in drafts if d.trigger.start >= left and not d.actors
               for key in d.targets if any(s.key == key and s.end <= d.trigger.start for s in view.slots)}
        return [s for s in view.slots if s.key in hit and s.end <= previous.trigger.start]

    @staticmethod
    def _previous_in_clause(view: SentenceView, trigger: Trigger, drafts: list[Draft]) -> Draft | None:
        """The clause's previous event whose subject a trigger may share (one with a subject: not a
        presence or funeral, whose parties are everyone named)."""
        left, _ = clause_bounds(view, trigger.start, trigger.end)
        return next((d for d in reversed(drafts) if d.trigger.start >= left and d.trigger.rule.roles == "position"),
                    None)

    def _order_clash_sides(self, analysis: Analysis, draft: Draft) -> None:
        """A clash has two sides and no direction: a lone named side is listed as actor, and a
        state force before a non-state group (ACLED's order). An attack on fighters ("a commander
        was shot dead") keeps its direction: its lone side is the one attacked."""
        if draft.type != "CLASH" or not draft.targets:
            return
        if not draft.actors and draft.trigger.rule.generic:
            return
        if not draft.actors:
            draft.actors, draft.targets = draft.targets[:1], draft.targets[1:]
            return
        first, other = analysis.entity(draft.actors[0]), analysis.entity(draft.targets[0])
        if not self._state(first) and self._state(other):
            draft.actors, draft.targets = draft.targets, draft.actors

    def _state(self, entity: Entity | None) -> bool:
        return entity is not None and is_state_force(entity, self.registry, self.lexicon)

    def _events(self, analysis: Analysis, view: SentenceView, draft: Draft, source: Source | None,
                excluded: set[int]) -> list[Event]:
        """The draft's event; for types told one place at a time, one more for each place
        coordinated with its place ("captured districts in ⟨E1⟩ and ⟨E2⟩"), its dead counted once."""
        taken = excluded | {s.index for s in view.slots if s.key in draft.keys()}
        place = choose_place(view, draft.trigger, taken)
        event = self._event(analysis, view, draft, source, place)
        if place is None or draft.type not in self.lexicon.one_place_each:
            return [event]
        return [event] + [replace(event, place=other.key, fatalities=None, fatalities_range=None)
                          for other in listed_places(view, draft.trigger, place) if other.index not in taken]

    def _event(self, analysis: Analysis, view: SentenceView, draft: Draft, source: Source | None,
               place: Slot | None) -> Event:
        trigger = draft.trigger
        when = event_date(view, trigger.start, trigger.end, analysis.published)
        if source is not None and not covers(source, clause_bounds(view, trigger.start, trigger.end)[0]):
            source = None
        deaths = total(draft.deaths)
        return Event(
            type=draft.type, claim=self._claim(analysis, view, source, draft.keys()),
            actors=draft.actors, targets=draft.targets, place=place.key if place else None,
            date=when.iso if when else None, date_precision=when.precision if when else None,
            fatalities=deaths.best if deaths else None, fatalities_range=deaths.range if deaths else None,
            quantity=quantity(view.masked, draft.type, trigger.start), sub_event_type=draft.sub,
            trigger=view.text[view.text_offset(trigger.start):view.text_offset(trigger.end)],
            sentence=(view.start, view.end))


def is_bare(event: Event) -> bool:
    return not (event.actors or event.targets or event.place or event.quantity or event.fatalities is not None)


def unique_relations(relations: list[Relation]) -> list[Relation]:
    """The first statement of each relation (symmetric ones in either direction)."""
    seen = set()
    kept = []
    for relation in relations:
        pair = (relation.subject, relation.object)
        key = (relation.type, *(sorted(pair) if relation.type in _SYMMETRIC else pair))
        if key not in seen:
            seen.add(key)
            kept.append(relation)
    return kept
