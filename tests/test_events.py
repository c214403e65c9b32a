"""The events stage on sentences written for these tests: event types, arguments,
certainty, negation, fatalities, relations, cross-document coreference, evaluations."""
import re

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sitrep.events.acled import acled_names, actor_matches, primary_event
from sitrep.events.case2021 import case_classifier
from sitrep.events.coref import EventKey, event_key, same_event
from sitrep.events.evaluate import evaluate_acled, evaluate_case2021, weighted_f1
from sitrep.events.extractor import EventExtractor
from sitrep.events.numbers import find_counts
from sitrep.models import Analysis, Claim, Document, Entity, Event, Geo, Mention
from sitrep.nlp.sentences import sentence_spans
from sitrep.registry import Registry, parse_entry
from sitrep.resolve.normalize import name_key

PUBLISHED = "2017-11-20"  # a Monday


def analysis_of(text, names, published=PUBLISHED):
    """An Analysis whose entities are the given (surface, type) pairs, found wherever they occur;
    a surface may be "name=key" to give several surfaces one entity."""
    entities = {}
    for surface, kind in names:
        surface, _, key = surface.partition("=")
        key = key or surface
        entity = entities.setdefault(key, Entity(key, kind, surface))
        entity.mentions += [Mention(m.start(), m.end(), surface, kind)
                            for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)]
    for entity in entities.values():
        entity.mentions.sort(key=lambda m: m.start)
    return Analysis(Document("d", text, published=published), list(entities.values()),
                    sentences=sentence_spans(text))


def extract(text, names, published=PUBLISHED, registry=None, sdoc=None):
    analysis = analysis_of(text, names, published)
    EventExtractor(registry=registry)(analysis, sdoc)
    return analysis


def only(events, kind):
    found = [e for e in events if e.type == kind]
    assert len(found) == 1, [(e.type, e.trigger) for e in events]
    return found[0]


def relations(analysis):
    return {(r.type, r.subject, r.object) for r in analysis.relations}


A, G, P, O, E = "ARMED_GROUP", "PERSON", "PLACE", "ORGANIZATION", "EQUIPMENT"


# --- event types and their arguments ----------------------------------------------------------

def test_clash_sides_place_date_and_fatalities():
    a = extract("Kataib Sayyid fighters clashed with the Free Army near Tal Hamra on Sunday, "
                "leaving at least 12 dead.", [("Kataib Sayyid", A), ("Free Army", A), ("Tal Hamra", P)])
    clash = only(a.events, "CLASH")
    assert (clash.actors, clash.targets, clash.place) == (["Kataib Sayyid"], ["Free Army"], "Tal Hamra")
    assert (clash.date, clash.date_precision, clash.fatalities) == ("2017-11-19", "day", 12)
    assert clash.sub_event_type == "Armed clash"
    assert not [e for e in a.events if e.type == "CASUALTIES"]


def test_clash_between_two_sides_and_with_an_unnamed_side():
    a = extract("Heavy clashes broke out between the Lions Brigade and the Dawn Front in Kafr Zeit.",
                [("Lions Brigade", A), ("Dawn Front", A), ("Kafr Zeit", P)])
    assert (only(a.events, "CLASH").actors, only(a.events, "CLASH").targets) == (["Lions Brigade"], ["Dawn Front"])
    a = extract("Rebels clashed with the Lions Brigade in Kafr Zeit.", [("Lions Brigade", A), ("Kafr Zeit", P)])
    assert only(a.events, "CLASH").actors == ["Lions Brigade"]


@pytest.mark.parametrize("sentence, sub", [
    ("Warplanes of the Eagle Wing carried out an airstrike on Dawn Front positions in Kafr Zeit.",
     "Air/drone strike"),
    ("The Eagle Wing shelled Dawn Front positions in Kafr Zeit with artillery.",
     "Shelling/artillery/missile attack"),
    ("A roadside bomb planted by the Eagle Wing hit a Dawn Front convoy in Kafr Zeit.",
     "Remote explosive/landmine/IED"),
    ("A suicide bomber from the Eagle Wing struck a Dawn Front checkpoint in Kafr Zeit.", "Suicide bomb"),
    ("Eagle Wing gunmen threw a grenade at a Dawn Front post in Kafr Zeit.", "Grenade"),
])
def test_attack_sub_event_types(sentence, sub):
    a = extract(sentence, [("Eagle Wing", A), ("Dawn Front", A), ("Kafr Zeit", P)])
    attack = only(a.events, "ATTACK")
    assert attack.sub_event_type == sub
    assert "Dawn Front" in attack.targets and attack.place == "Kafr Zeit"


def test_generic_attack_takes_its_type_from_instrument_or_target():
    a = extract("Drones of the Eagle Wing attacked Kafr Zeit.", [("Eagle Wing", A), ("Kafr Zeit", P)])
    assert only(a.events, "ATTACK").sub_event_type == "Air/drone strike"
    a = extract("The Eagle Wing attacked Dawn Front positions in Kafr Zeit.",
                [("Eagle Wing", A), ("Dawn Front", A), ("Kafr Zeit", P)])
    assert only(a.events, "CLASH").actors == ["Eagle Wing"]
    a = extract("Eagle Wing gunmen attacked civilians in Kafr Zeit, killing three.", [("Eagle Wing", A), ("Kafr Zeit", P)])
    attack = only(a.events, "ATTACK")
    assert (attack.sub_event_type, attack.fatalities) == ("Attack", 3)


def test_passive_voice_makes_the_agent_the_actor():
    a = extract("Five Dawn Front fighters were killed by an Eagle Wing drone strike near Kafr Zeit.",
                [("Dawn Front", A), ("Eagle Wing", A), ("Kafr Zeit", P)])
    attack = only(a.events, "ATTACK")
    assert attack.targets == ["Dawn Front"] and attack.fatalities == 5


STATE_REGISTRY = Registry([
    parse_entry({"id": "northland_army", "type": "ARMED_GROUP", "name": "Northland Army",
                 "aliases": ["Military Forces of Northland"], "country": "NL"}, "test"),
    parse_entry({"id": "southland_army", "type": "ARMED_GROUP", "name": "Southland Army",
                 "aliases": ["Military Forces of Southland"], "country": "SL"}, "test"),
    parse_entry({"id": "dawn_front", "type": "ARMED_GROUP", "name": "Dawn Front"}, "test"),
    parse_entry({"id": "home_guard", "type": "ARMED_GROUP", "name": "Home Guard",
                 "relations": [{"type": "ALLIED_WITH", "target": "northland_army"}]}, "test"),
    parse_entry({"id": "dawn_media", "type": "ORGANIZATION", "name": "Dawn Media", "parent": "dawn_front"}, "test"),
])


def registered(analysis):
    for entity in analysis.entities:
        entity.registry_id = {"Northland Army": "northland_army", "Southland Army": "southland_army",
                              "Dawn Front": "dawn_front",
                              "Home Guard": "home_guard", "Dawn Media": "dawn_media"}.get(entity.key)
    return analysis


def extract_registered(text, names):
    analysis = registered(analysis_of(text, names))
    EventExtractor(registry=STATE_REGISTRY)(analysis)
    return analysis


def test_territory_won_by_a_state_force_or_its_affiliate_is_regained():
    names = [("Northland Army", A), ("Dawn Front", A), ("Home Guard", A), ("Tal Hamra", P)]
    a = extract_registered("The Northland Army recaptured Tal Hamra from the Dawn Front.", names)
    territory = only(a.events, "TERRITORY")
    assert territory.sub_event_type == "Government regains territory"
    assert (territory.actors, territory.targets, territory.place) == (["Northland Army"], ["Dawn Front"], "Tal Hamra")
    a = extract_registered("The Home Guard took control of Tal Hamra.", names)
    assert only(a.events, "TERRITORY").sub_event_type == "Government regains territory"


def test_territory_won_by_a_foreign_state_force_is_overtaken():
    analysis = registered(analysis_of("The Southland Army seized Tal Hamra from the Dawn Front.",
                                      [("Southland Army", A), ("Dawn Front", A), ("Tal Hamra", P)]))
    analysis.entity("Tal Hamra").geo = Geo(36.0, 37.0, country="NL")
    EventExtractor(registry=STATE_REGISTRY)(analysis)
    assert only(analysis.events, "TERRITORY").sub_event_type == "Non-state actor overtakes territory"


def test_territory_won_by_a_non_state_group_is_overtaken():
    a = extract_registered("The Dawn Front seized the village of Tal Hamra from the Northland Army.",
                           [("Northland Army", A), ("Dawn Front", A), ("Tal Hamra", P)])
    territory = only(a.events, "TERRITORY")
    assert territory.sub_event_type == "Non-state actor overtakes territory"
    assert territory.targets == ["Northland Army"]


def test_territory_that_fell_to_a_group():
    a = extract_registered("Tal Hamra fell to the Dawn Front after a week of fighting.",
                           [("Dawn Front", A), ("Tal Hamra", P)])
    assert only(a.events, "TERRITORY").actors == ["Dawn Front"]


def test_deployment_with_quantity():
    a = extract("The Badr Legion deployed 2,000 fighters to Tal Hamra last week.", [("Badr Legion", A), ("Tal Hamra", P)])
    deployment = only(a.events, "DEPLOYMENT")
    assert (deployment.actors, deployment.quantity, deployment.place) == (["Badr Legion"], 2000, "Tal Hamra")
    assert (deployment.date, deployment.date_precision) == ("2017-11-13", "week")


def test_presence_of_a_person_seen_at_a_place():
    a = extract("Abu Karim was photographed in Tal Hamra yesterday.", [("Abu Karim", G), ("Tal Hamra", P)])
    presence = only(a.events, "PRESENCE")
    assert (presence.actors, presence.place, presence.date) == (["Abu Karim"], "Tal Hamra", "2017-11-19")


def test_casualties_only_without_a_more_specific_event():
    a = extract("Three Dawn Front fighters died in Tal Hamra.", [("Dawn Front", A), ("Tal Hamra", P)])
    casualties = only(a.events, "CASUALTIES")
    assert (casualties.targets, casualties.fatalities) == (["Dawn Front"], 3)
    a = extract("Eagle Wing shelling killed twelve Dawn Front fighters in Tal Hamra.",
                [("Eagle Wing", A), ("Dawn Front", A), ("Tal Hamra", P)])
    assert [e.type for e in a.events] == ["ATTACK"] and a.events[0].fatalities == 12


def test_funeral_for_the_dead_of_a_group():
    a = extract("Four Dawn Front fighters killed in Tal Hamra were buried in Kafr Zeit on Friday.",
                [("Dawn Front", A), ("Tal Hamra", P), ("Kafr Zeit", P)])
    funeral = only(a.events, "FUNERAL")
    assert (funeral.targets, funeral.place, funeral.fatalities) == (["Dawn Front"], "Kafr Zeit", 4)


def test_designation_by_a_state_body():
    a = extract("The Treasury Office designated the Dawn Front as a terrorist organization.",
                [("Treasury Office", O), ("Dawn Front", A)])
    designation = only(a.events, "DESIGNATION")
    assert (designation.actors, designation.targets) == (["Treasury Office"], ["Dawn Front"])


@pytest.mark.parametrize("sentence, sub", [
    ("Border police arrested a Dawn Front commander in Kafr Zeit.", "Arrests"),
    ("Dawn Front gunmen abducted two aid workers in Kafr Zeit.", "Abduction/forced disappearance"),
])
def test_detention(sentence, sub):
    a = extract(sentence, [("Dawn Front", A), ("Kafr Zeit", P)])
    assert only(a.events, "DETENTION").sub_event_type == sub


def test_captured_fighters_are_detained_not_territory():
    a = extract("The Eagle Wing captured five Dawn Front fighters.", [("Eagle Wing", A), ("Dawn Front", A)])
    detention = only(a.events, "DETENTION")
    assert (detention.actors, detention.targets) == (["Eagle Wing"], ["Dawn Front"])


def test_displacement_with_quantity():
    a = extract("More than 700,000 people have fled Tal Hamra since December.", [("Tal Hamra", P)])
    displacement = only(a.events, "DISPLACEMENT")
    assert (displacement.quantity, displacement.place, displacement.date) == (700000, "Tal Hamra", "2016-12")
    a = extract("An estimated 5.5 million have been displaced from Tal Hamra.", [("Tal Hamra", P)])
    assert only(a.events, "DISPLACEMENT").quantity == 5500000


def test_equipment_used_or_captured():
    a = extract("Dawn Front fighters were filmed using a Scorpion launcher in Tal Hamra.",
                [("Dawn Front", A), ("Scorpion", E), ("Tal Hamra", P)])
    equipment = only(a.events, "EQUIPMENT")
    assert (equipment.actors, equipment.targets, equipment.sub_event_type) == (["Dawn Front"], ["Scorpion"], "Other")
    a = extract("The Eagle Wing captured a Scorpion from the Dawn Front.", [("Eagle Wing", A), ("Dawn Front", A), ("Scorpion", E)])
    equipment = only(a.events, "EQUIPMENT")
    assert equipment.sub_event_type == "Looting/property destruction" and not [e for e in a.events if e.type == "TERRITORY"]


def test_event_keeps_sentence_offsets_and_trigger():
    text = "The front was calm. The Eagle Wing shelled Kafr Zeit."
    a = extract(text, [("Eagle Wing", A), ("Kafr Zeit", P)])
    attack = only(a.events, "ATTACK")
    assert text[attack.sentence[0]:attack.sentence[1]] == "The Eagle Wing shelled Kafr Zeit."
    assert attack.trigger == "shelled" and attack.claim.evidence == "The Eagle Wing shelled Kafr Zeit."


# --- negation and hypotheticals -----------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The Eagle Wing did not attack Kafr Zeit.",
    "The Eagle Wing denied that its fighters shelled Kafr Zeit.",
    "The Eagle Wing plans to deploy fighters to Kafr Zeit.",
    "The Eagle Wing threatened to attack Kafr Zeit.",
    "The Eagle Wing would capture Kafr Zeit if the truce failed.",
    "The Eagle Wing could launch airstrikes on Kafr Zeit.",
    "No one was killed in Kafr Zeit.",
])
def test_negated_and_hypothetical_events_are_left_out(sentence):
    assert extract(sentence, [("Eagle Wing", A), ("Kafr Zeit", P)]).events == []


def test_could_have_is_a_hedge_not_a_future():
    a = extract("The Eagle Wing could have shelled Kafr Zeit.", [("Eagle Wing", A), ("Kafr Zeit", P)])
    assert only(a.events, "ATTACK").claim.certainty == "alleged"


# --- fatalities ---------------------------------------------------------------------------------

@pytest.mark.parametrize("clause, best, span", [
    ("killing at least 12 people", 12, None),
    ("killing between 10 and 15 people", 10, (10, 15)),
    ("killing 10 to 15 people", 10, (10, 15)),
    ("killing dozens of people", None, (24, 99)),
    ("killing twelve people", 12, None),
    ("killing twenty-five people", 25, None),
    ("killing a soldier", 1, None),
    ("killing three soldiers and five rebels", 8, None),
    ("killing 12 people, including five children", 12, None),
])
def test_fatality_counts_and_ranges(clause, best, span):
    a = extract(f"The Eagle Wing shelled Kafr Zeit, {clause}.", [("Eagle Wing", A), ("Kafr Zeit", P)])
    attack = only(a.events, "ATTACK")
    assert (attack.fatalities, attack.fatalities_range) == (best, span)


def test_written_and_scaled_numbers():
    assert [c.best for c in find_counts("twenty-five men, 2,000 fighters, 5.5 million people, a dozen")] == \
        [25, 2000, 5500000, 12]


# --- attribution and certainty ------------------------------------------------------------------

def test_reporter_voice_is_confirmed_without_source():
    claim = only(extract("The Eagle Wing shelled Kafr Zeit.", [("Eagle Wing", A), ("Kafr Zeit", P)]).events,
                 "ATTACK").claim
    assert (claim.certainty, claim.source) == ("confirmed", None)


def test_attributed_statement_is_reported():
    a = extract("The Eagle Wing shelled Kafr Zeit, according to the Monitor Group.",
                [("Eagle Wing", A), ("Kafr Zeit", P), ("Monitor Group", O)])
    claim = only(a.events, "ATTACK").claim
    assert (claim.certainty, claim.source) == ("reported", "Monitor Group")
    a = extract("Eagle Wing shelling hit Kafr Zeit, a local commander told the Wire Agency.",
                [("Eagle Wing", A), ("Kafr Zeit", P), ("Wire Agency", O)])
    assert only(a.events, "ATTACK").claim.source == "Wire Agency"


def test_group_announcement_about_itself_is_claimed():
    a = extract("The Eagle Wing said on its Telegram channel that its fighters seized the village of Tal Hamra.",
                [("Eagle Wing", A), ("Tal Hamra", P)])
    territory = only(a.events, "TERRITORY")
    assert (territory.claim.certainty, territory.claim.source, territory.actors) == \
        ("claimed", "Eagle Wing", ["Eagle Wing"])


def test_a_groups_own_outlet_speaks_for_it():
    a = extract_registered("Dawn Media reported that Dawn Front fighters shelled Tal Hamra.",
                           [("Dawn Media", O), ("Dawn Front", A), ("Tal Hamra", P)])
    assert only(a.events, "ATTACK").claim.certainty == "claimed"


def test_hedged_claims_are_alleged():
    for sentence in ("The Eagle Wing reportedly shelled Kafr Zeit.",
                     "The Eagle Wing appears to have shelled Kafr Zeit.",
                     "A video purporting to show Eagle Wing fighters in Kafr Zeit circulated."):
        events = extract(sentence, [("Eagle Wing", A), ("Kafr Zeit", P)]).events
        assert events and all(e.claim.certainty == "alleged" for e in events), sentence


def test_third_party_confirmation_is_confirmed():
    a = extract("The shelling of Kafr Zeit by the Eagle Wing was confirmed by the Monitor Group.",
                [("Eagle Wing", A), ("Kafr Zeit", P), ("Monitor Group", O)])
    claim = only(a.events, "ATTACK").claim
    assert (claim.certainty, claim.source) == ("confirmed", "Monitor Group")


# --- relations ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, names, expected", [
    ("Abu Karim, the leader of the Dawn Front, spoke.", [("Abu Karim", G), ("Dawn Front", A)],
     ("LEADS", "Abu Karim", "Dawn Front")),
    ("The Dawn Front's leader Abu Karim spoke.", [("Abu Karim", G), ("Dawn Front", A)],
     ("LEADS", "Abu Karim", "Dawn Front")),
    ("Dawn Front commander Abu Karim spoke.", [("Abu Karim", G), ("Dawn Front", A)],
     ("LEADS", "Abu Karim", "Dawn Front")),
    ("Abu Karim now leads the Dawn Front.", [("Abu Karim", G), ("Dawn Front", A)],
     ("LEADS", "Abu Karim", "Dawn Front")),
    ("Abu Karim, the former leader of the Dawn Front, spoke.", [("Abu Karim", G), ("Dawn Front", A)],
     ("FORMER_LEADER", "Abu Karim", "Dawn Front")),
    ("Abu Karim, a Dawn Front commander, spoke.", [("Abu Karim", G), ("Dawn Front", A)],
     ("MEMBER_OF", "Abu Karim", "Dawn Front")),
    ("Abu Karim of the Dawn Front spoke.", [("Abu Karim", G), ("Dawn Front", A)],
     ("MEMBER_OF", "Abu Karim", "Dawn Front")),
    ("The Lions Brigade, part of the Popular Front, advanced.", [("Lions Brigade", A), ("Popular Front", A)],
     ("PART_OF", "Lions Brigade", "Popular Front")),
    ("The Northland-backed Lions Brigade advanced.", [("Northland", P), ("Lions Brigade", A)],
     ("BACKED_BY", "Lions Brigade", "Northland")),
    ("The Lions Brigade is trained and armed by the Eagle Wing.", [("Lions Brigade", A), ("Eagle Wing", A)],
     ("BACKED_BY", "Lions Brigade", "Eagle Wing")),
    ("The Lions Brigade, an ally of the Eagle Wing, advanced.", [("Lions Brigade", A), ("Eagle Wing", A)],
     ("ALLIED_WITH", "Lions Brigade", "Eagle Wing")),
    ("The Lions Brigade fought alongside the Eagle Wing.", [("Lions Brigade", A), ("Eagle Wing", A)],
     ("ALLIED_WITH", "Lions Brigade", "Eagle Wing")),
    ("The Dawn Front, the local branch of the Global Movement, advanced.", [("Dawn Front", A), ("Global Movement", A)],
     ("AFFILIATE_OF", "Dawn Front", "Global Movement")),
    ("The Unity Council was co-founded by the Dawn Front.", [("Unity Council", A), ("Dawn Front", A)],
     ("FOUNDED", "Dawn Front", "Unity Council")),
    ("The Dawn Front has threatened the Eagle Wing.", [("Dawn Front", A), ("Eagle Wing", A)],
     ("HOSTILE_TO", "Dawn Front", "Eagle Wing")),
    ("The Dawn Front vowed to fight the Eagle Wing.", [("Dawn Front", A), ("Eagle Wing", A)],
     ("HOSTILE_TO", "Dawn Front", "Eagle Wing")),
    ("The Dawn Front operates in Tal Hamra.", [("Dawn Front", A), ("Tal Hamra", P)],
     ("OPERATES_IN", "Dawn Front", "Tal Hamra")),
])
def test_relations_from_appositions_and_verbs(sentence, names, expected):
    assert expected in relations(extract(sentence, names))


def test_compound_unit_names_are_part_of_their_parent():
    a = extract("Commander Abu Karim of the Guard Corps-Desert Force arrived.",
                [("Guard Corps", A), ("Desert Force", A), ("Abu Karim", G)])
    assert {("PART_OF", "Desert Force", "Guard Corps"), ("MEMBER_OF", "Abu Karim", "Desert Force")} <= relations(a)
    a = extract("The Guard Corps sent the Guard Corps-Desert Force.",
                [("Guard Corps-Desert Force=Desert Force", A), ("Guard Corps", A)])
    assert ("PART_OF", "Desert Force", "Guard Corps") in relations(a)


def test_relation_types_are_checked_and_descriptors_are_not_participants():
    a = extract("Abu Karim, the leader of the Dawn Front, visited Tal Hamra.",
                [("Abu Karim", G), ("Dawn Front", A), ("Tal Hamra", P)])
    assert only(a.events, "PRESENCE").actors == ["Abu Karim"]
    assert ("LEADS", "Tal Hamra", "Dawn Front") not in relations(a)


def test_relation_claims_carry_certainty():
    a = extract("Abu Karim reportedly leads the Dawn Front.", [("Abu Karim", G), ("Dawn Front", A)])
    assert [r.claim.certainty for r in a.relations] == ["alleged"]


# --- publication date, dependency parse ---------------------------------------------------------

def test_publication_date_is_read_from_the_text_when_missing():
    a = extract("KAFR ZEIT, Nov 20, 2017 - The Eagle Wing shelled Kafr Zeit on Sunday.",
                [("Eagle Wing", A), ("Kafr Zeit", P)], published=None)
    assert a.published == "2017-11-20" and only(a.events, "ATTACK").date == "2017-11-19"


def test_dependency_parse_decides_roles_when_present():
    text = "Dawn Front positions Eagle Wing attacked"
    words = ["Dawn", "Front", "positions", "Eagle", "Wing", "attacked"]
    sdoc = Doc(Vocab(), words=words, spaces=[True] * 5 + [False],
               heads=[1, 2, 5, 4, 5, 5], deps=["compound", "compound", "dobj", "compound", "nsubj", "ROOT"])
    a = extract(text, [("Dawn Front", A), ("Eagle Wing", A)], sdoc=sdoc)
    clash = only(a.events, "CLASH")
    assert (clash.actors, clash.targets) == (["Eagle Wing"], ["Dawn Front"])


# --- cross-document coreference -------------------------------------------------------------------

def test_same_event_across_documents():
    a = EventKey("ATTACK", "2017-11-19", "day", "kafr_zeit", None, frozenset({"eagle_wing"}))
    b = EventKey("ATTACK", "2017-11", "month", "kafr_zeit", None, frozenset({"eagle_wing", "dawn_front"}))
    assert same_event(a, b) >= 0.6
    assert same_event(a, EventKey("CLASH", "2017-11-19", "day", "kafr_zeit")) == 0.0
    assert same_event(a, EventKey("ATTACK", "2017-10-02", "day", "kafr_zeit")) == 0.0
    near = EventKey("ATTACK", "2017-11-19", "day", "tal_hamra", (36.0, 37.0), frozenset({"eagle_wing"}))
    close = EventKey("ATTACK", "2017-11-19", "day", "kafr_zeit", (36.05, 37.05), frozenset({"eagle_wing"}))
    assert same_event(near, close) > same_event(near, EventKey("ATTACK", "2017-11-19", "day", "x", (30.0, 40.0),
                                                                 frozenset({"eagle_wing"})))
    assert same_event(EventKey("ATTACK", "2017-11-19"), EventKey("ATTACK", "2017-11-19")) == 0.0


# --- evaluation helpers -------------------------------------------------------------------------

def test_acled_actor_names_and_matching():
    assert {name_key("SDF"), name_key("Syrian Democratic Forces")} <= acled_names("SDF: Syrian Democratic Forces")
    assert name_key("Tiger Forces") in acled_names("Military Forces of Northland (2000-) Tiger Forces")
    entity = Entity("e", A, "Northland Army", [Mention(0, 14, "Northland Army", A)], registry_id="northland_army")
    assert actor_matches(entity, "Military Forces of Northland (2000-)", STATE_REGISTRY)
    assert not actor_matches(entity, "Dawn Front", STATE_REGISTRY)
    assert actor_matches(None, "Unidentified Armed Group (Northland)", STATE_REGISTRY)


def test_primary_event_prefers_territory_over_fighting():
    claim = Claim("confirmed")
    events = [Event("ATTACK", claim, sentence=(0, 5)), Event("CLASH", claim, sentence=(6, 9)),
              Event("TERRITORY", claim, sentence=(10, 12))]
    assert primary_event(events).type == "TERRITORY"


class _Analyzer:
    """Stands in for the analyze stage: entities from a fixed list, then the events step."""

    def __init__(self, names, geo):
        self.names, self.geo = names, geo

    def analyze(self, doc):
        analysis = registered(analysis_of(doc.text, self.names, doc.published))
        for entity in analysis.entities:
            entity.geo = self.geo.get(entity.key)
        EventExtractor(registry=STATE_REGISTRY)(analysis)
        return analysis


def test_evaluate_acled_on_rows_written_here(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text(
        "event_id_cnty,event_date_iso,sub_event_type,actor1,actor2,latitude,longitude,fatalities,notes\n"
        "X1,2017-11-20,Armed clash,Military Forces of Northland (2000-),Dawn Front,36.0,37.0,3,"
        "\"The Northland Army clashed with the Dawn Front in Tal Hamra, killing three.\"\n"
        "X2,2017-11-21,Government regains territory,Military Forces of Northland (2000-),Dawn Front,36.0,37.0,0,"
        "\"The Northland Army recaptured Tal Hamra from the Dawn Front.\"\n", encoding="utf-8")
    names = [("Northland Army", A), ("Dawn Front", A), ("Tal Hamra", P)]
    geo = {"Tal Hamra": Geo(36.01, 37.01, precision="village")}
    result = evaluate_acled(path, lambda: _Analyzer(names, geo), registry=STATE_REGISTRY)
    assert result["rows"] == 2
    assert result["accuracy"] == {"sub_event_type": 1.0, "actor1": 1.0, "actor2": 1.0,
                                  "location_25km": 1.0, "fatalities": 1.0, "date": 1.0}
    assert result["confusion"]["Government regains territory"] == {"Government regains territory": 1}


def test_weighted_f1_and_case2021_evaluation(tmp_path):
    scores = weighted_f1(["A", "A", "B"], ["A", "B", "B"])
    assert scores["per_label"]["A"]["f1"] == pytest.approx(0.6667, abs=1e-3)
    assert scores["weighted_f1"] == pytest.approx((2 * 0.6667 + 0.6667) / 3, abs=1e-3)
    path = tmp_path / "case.tsv"
    path.write_text("id\tEventSnippet\tSubType\n1\tJets bombed the town.\tAIR_STRIKE\n"
                    "2\tCrowds marched peacefully.\tPEACE_PROTEST\n", encoding="utf-8")
    result = evaluate_case2021(path, lambda text: "AIR_STRIKE" if "Jets" in text else "OTHER")
    assert result["rows"] == 2 and result["accuracy"] == 0.5


def test_event_keys_describe_events_in_knowledge_base_terms():
    a = extract("The Eagle Wing shelled Kafr Zeit on Sunday.", [("Eagle Wing", A), ("Kafr Zeit", P)])
    a.entity("Eagle Wing").kb_id = "kb:eagle_wing"
    a.entity("Kafr Zeit").geo = Geo(36.0, 37.0, precision="village")
    key = event_key(only(a.events, "ATTACK"), a)
    assert (key.type, key.date, key.participants, key.place_coordinates) == \
        ("ATTACK", "2017-11-19", frozenset({"kb:eagle_wing"}), (36.0, 37.0))


def test_case2021_labels_from_cues_and_from_events():
    classify = case_classifier(_Analyzer([("Eagle Wing", A), ("Kafr Zeit", P)], {}),
                               EventExtractor(registry=STATE_REGISTRY, keep_bare=True))
    assert classify("Thousands of protesters marched peacefully through the capital.") == "PEACE_PROTEST"
    assert classify("Police fired tear gas to disperse protesters.") == "PROTEST_WITH_INTER"
    assert classify("A strong earthquake struck the region.") == "NATURAL_DISASTER"
    assert classify("Eagle Wing warplanes carried out airstrikes on Kafr Zeit.") == "AIR_STRIKE"
    assert classify("The Eagle Wing recaptured Kafr Zeit.") == "NON_STATE_ACTOR_OVERTAKES_TER"
    assert classify("Nothing of note happened.") == "OTHER"
