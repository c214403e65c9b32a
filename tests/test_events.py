"""The events stage on sentences written for these tests: event types, arguments,
certainty, negation, fatalities, relations, cross-document coreference, evaluations."""
import csv
import re
from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sitrep.events.acled import (
    acled_names,
    actor_matches,
    coded_place,
    coded_point,
    coded_sub_event_type,
    primary_event,
    report_fatalities,
)
from sitrep.events.acled_actors import CodedActor, coded_actors
from sitrep.events.acled_totals import coded_total, states_no_deaths
from sitrep.events.case2021 import case_classifier
from sitrep.events.coref import EventKey, EventPlace, event_key, same_event
from sitrep.events.evaluate import evaluate_acled, evaluate_case2021, weighted_f1
from sitrep.events.extractor import EventExtractor
from sitrep.events.numbers import find_counts
from sitrep.geo.place import Place
from sitrep.models import Analysis, Claim, Document, Entity, Event, Geo, Mention
from sitrep.nlp.sentences import sentence_spans
from sitrep.registry import Registry, load_registry, parse_entry
from sitrep.resolve.normalize import name_key
from sitrep.vocab import load_vocabulary

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


@pytest.mark.parametrize("sentence", [
    "The Lions Brigade repelled a Dawn Front assault on Kafr Zeit.",
    "The Lions Brigade thwarted an infiltration attempt by the Dawn Front near Kafr Zeit.",
    "A Dawn Front assault on Kafr Zeit was repulsed by the Lions Brigade.",
])
def test_the_side_fended_off_started_the_fight(sentence):
    a = extract(sentence, [("Lions Brigade", A), ("Dawn Front", A), ("Kafr Zeit", P)])
    clash = only(a.events, "CLASH")
    assert (clash.actors, clash.targets) == (["Dawn Front"], ["Lions Brigade"])


def test_a_side_that_fended_off_an_unnamed_attacker_is_the_one_side_named():
    a = extract("The Lions Brigade repelled an attack on Kafr Zeit.", [("Lions Brigade", A), ("Kafr Zeit", P)])
    assert only(a.events, "CLASH").actors == ["Lions Brigade"]


@pytest.mark.parametrize("sentence", [
    "Two Lions Brigade fighters died in artillery shelling and clashes with the Dawn Front near Kafr Zeit.",
    "A funeral was held for Lions Brigade members who were killed in bombardments and in clashes against the "
    "Dawn Front near Kafr Zeit.",
])
def test_the_side_that_fell_in_a_fight_is_one_of_its_sides(sentence):
    a = extract(sentence, [("Lions Brigade", A), ("Dawn Front", A), ("Kafr Zeit", P)])
    clash = only(a.events, "CLASH")
    assert (clash.actors, clash.targets) == (["Lions Brigade"], ["Dawn Front"])


@pytest.mark.parametrize("sentence", [
    "Artillery shelling, thought to have been fired by the Dawn Front, hit Lions Brigade positions near Kafr Zeit.",
    "Rocket fire, reportedly launched by the Dawn Front, struck Lions Brigade positions near Kafr Zeit.",
])
def test_the_side_said_to_have_fired_an_attack_with_no_subject_carried_it_out(sentence):
    a = extract(sentence, [("Lions Brigade", A), ("Dawn Front", A), ("Kafr Zeit", P)])
    attack = only(a.events, "ATTACK")
    assert (attack.actors, attack.targets) == (["Dawn Front"], ["Lions Brigade"])


def test_a_side_holding_the_area_an_attack_hit_did_not_carry_it_out():
    a = extract("Artillery shelling hit Kafr Zeit, near areas controlled by the Dawn Front.",
                [("Dawn Front", A), ("Kafr Zeit", P)])
    assert only(a.events, "ATTACK").actors == []


def test_a_side_that_was_able_to_take_a_place_took_it():
    a = extract("Clashes broke out near Kafr Zeit, where the Lions Brigade were able to control the village of Kafr Zeit "
                "and besiege the Dawn Front.", [("Lions Brigade", A), ("Dawn Front", A), ("Kafr Zeit", P)])
    assert only(a.events, "TERRITORY").actors == ["Lions Brigade"]


def test_a_side_that_shelled_and_clashed_keeps_its_own_opponent():
    a = extract("The Lions Brigade shelled Kafr Zeit and clashed with the Dawn Front.",
                [("Lions Brigade", A), ("Dawn Front", A), ("Kafr Zeit", P)])
    clash = only(a.events, "CLASH")
    assert (clash.actors, clash.targets) == (["Lions Brigade"], ["Dawn Front"])


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
    parse_entry({"id": "operation_sunrise", "type": "ARMED_GROUP", "name": "Operation Sunrise",
                 "aliases": ["Sunrise forces"]}, "test"),
])


def registered(analysis):
    for entity in analysis.entities:
        entity.registry_id = {"Northland Army": "northland_army", "Southland Army": "southland_army",
                              "Dawn Front": "dawn_front",
                              "Home Guard": "home_guard", "Dawn Media": "dawn_media",
                              "Sunrise forces": "operation_sunrise"}.get(entity.key)
    return analysis


def extract_registered(text, names, registry=STATE_REGISTRY, geo=None):
    """The events of ``text`` with registry ids on its entities; ``geo`` places entities by key first."""
    analysis = registered(analysis_of(text, names))
    for key, point in (geo or {}).items():
        analysis.entity(key).geo = point
    EventExtractor(registry=registry)(analysis)
    return analysis


def test_territory_won_by_a_state_force_or_its_affiliate_is_regained():
    names = [("Northland Army", A), ("Dawn Front", A), ("Home Guard", A), ("Tal Hamra", P)]
    a = extract_registered("The Northland Army recaptured Tal Hamra from the Dawn Front.", names)
    territory = only(a.events, "TERRITORY")
    assert territory.sub_event_type == "Government regains territory"
    assert (territory.actors, territory.targets, territory.place) == (["Northland Army"], ["Dawn Front"], "Tal Hamra")
    a = extract_registered("The Home Guard took control of Tal Hamra.", names)
    assert only(a.events, "TERRITORY").sub_event_type == "Government regains territory"


@pytest.mark.parametrize("descriptor, sub_event_type", [
    ("The loyalist militia", "Government regains territory"),
    ("The pro-government militia", "Government regains territory"),
    ("The rebel faction", "Non-state actor overtakes territory")])
def test_a_winner_the_registry_does_not_know_is_judged_by_the_words_describing_it(descriptor, sub_event_type):
    a = extract_registered(f"{descriptor} Saraya Nour took control of Tal Hamra.",
                           [("Saraya Nour", A), ("Tal Hamra", P)])
    assert only(a.events, "TERRITORY").sub_event_type == sub_event_type


def test_territory_won_by_a_foreign_state_force_is_overtaken():
    analysis = extract_registered("The Southland Army seized Tal Hamra from the Dawn Front.",
                                  [("Southland Army", A), ("Dawn Front", A), ("Tal Hamra", P)],
                                  geo={"Tal Hamra": Geo(36.0, 37.0, country="NL")})
    assert only(analysis.events, "TERRITORY").sub_event_type == "Non-state actor overtakes territory"


def test_a_place_where_the_winner_never_operates_is_taken_as_misplaced():
    registry = Registry([
        parse_entry({"id": "northland_army", "type": "ARMED_GROUP", "name": "Northland Army",
                     "aliases": ["Military Forces of Northland"], "country": "NL", "operates_in": ["NL"]}, "test"),
        parse_entry({"id": "dawn_front", "type": "ARMED_GROUP", "name": "Dawn Front"}, "test")])
    analysis = extract_registered("The Northland Army recaptured Tal Hamra from the Dawn Front.",
                                  [("Northland Army", A), ("Dawn Front", A), ("Tal Hamra", P)],
                                  registry=registry, geo={"Tal Hamra": Geo(20.0, 55.0, country="OM")})
    assert only(analysis.events, "TERRITORY").sub_event_type == "Government regains territory"


def test_a_bare_unknown_name_captured_in_a_place_is_a_place_taken():
    names = [("Dawn Front", A), ("Kafr Ali", G), ("Tal Hamra", P)]
    a = extract("The Dawn Front captured Kafr Ali in Tal Hamra following clashes.", names)
    assert [e.type for e in a.events if e.type in ("TERRITORY", "DETENTION")] == ["TERRITORY"]
    a = extract("The Dawn Front captured Kafr Ali after a raid.", names)
    assert [e.type for e in a.events if e.type in ("TERRITORY", "DETENTION")] == ["DETENTION"]
    a = extract("The Dawn Front took control over Kafr Ali in the northern countryside of Tal Hamra.", names)
    assert [e.type for e in a.events if e.type in ("TERRITORY", "DETENTION")] == ["TERRITORY"]


def test_a_trigger_word_naming_a_group_is_no_event():
    a = extract("Fighters of the Liberation Army of Tal Hamra clashed with the Eagle Wing.",
                [("Eagle Wing", A), ("Tal Hamra", P)])
    assert [e.type for e in a.events] == ["CLASH"]


def test_a_title_case_headline_keeps_its_trigger():
    a = extract("Eagle Wing Captures Army Base Near Tal Hamra", [("Eagle Wing", A), ("Tal Hamra", P)])
    assert "TERRITORY" in [e.type for e in a.events]


def test_control_of_it_is_control_of_the_place_named_before():
    a = extract("The Dawn Front fought the Eagle Wing in Tal Hamra, taking control of it.",
                [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P)])
    territory = only(a.events, "TERRITORY")
    assert (territory.actors, territory.targets) == (["Dawn Front"], ["Eagle Wing"])  # taken from the side fought


@pytest.mark.parametrize("text", [
    "Clashes took place between the Eagle Wing, backed by the Home Guard, and the Dawn Front in Kafr Zeit.",
    "Clashes took place between the Eagle Wing, supported by loyal militias and the Home Guard, and Dawn Front "
    "fighters in Kafr Zeit.",
    "Clashes took place between the Eagle Wing supported by allied militias and the Dawn Front in Kafr Zeit.",
    "Clashes took place between the Eagle Wing, supported by allied militias and the Home Guard, and the Dawn "
    "Front in Kafr Zeit.",
    "Clashes took place between the Eagle Wing - supported by allied militias and the Home Guard - and the Dawn "
    "Front in Kafr Zeit.",
])
def test_a_side_s_backers_between_the_two_sides_of_a_clash_are_neither(text):
    a = extract(text, [("Eagle Wing", A), ("Home Guard", A), ("Dawn Front", A), ("Kafr Zeit", P)])
    clash = only(a.events, "CLASH")
    assert (clash.actors, clash.targets) == (["Eagle Wing"], ["Dawn Front"])


def test_a_place_taken_with_no_loser_named_was_taken_from_the_side_fought_for_it():
    a = extract("The Eagle Wing fought the Dawn Front in Kafr Zeit, taking it over.",
                [("Eagle Wing", A), ("Dawn Front", A), ("Kafr Zeit", P)])
    territory = only(a.events, "TERRITORY")
    assert (territory.actors, territory.targets) == (["Eagle Wing"], ["Dawn Front"])
    a = extract("The Eagle Wing and the Home Guard fought the Dawn Front in Kafr Zeit, and the Eagle Wing took control of it.",
                [("Eagle Wing", A), ("Home Guard", A), ("Dawn Front", A), ("Kafr Zeit", P)])
    assert only(a.events, "TERRITORY").targets == ["Dawn Front"]  # not its ally
    a = extract("The Dawn Front fought the Eagle Wing in Tal Hamra, taking it over.",
                [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P)])
    assert only(a.events, "TERRITORY").actors == ["Dawn Front"]


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


@pytest.mark.parametrize("sentence", [
    "The Dawn Front drove the Northland Army out of Tal Hamra on Sunday.",
    "The Dawn Front pushed Northland Army fighters out of Tal Hamra on Sunday.",
])
def test_driving_a_group_out_of_a_place_takes_it(sentence):
    a = extract_registered(sentence, [("Northland Army", A), ("Dawn Front", A), ("Tal Hamra", P)])
    territory = only(a.events, "TERRITORY")
    assert (territory.actors, territory.targets, territory.place) == (["Dawn Front"], ["Northland Army"], "Tal Hamra")
    assert territory.date == "2017-11-19"


def test_a_group_driven_out_of_a_place_lost_it():
    a = extract_registered("The Northland Army was driven out of Tal Hamra on Sunday.",
                           [("Northland Army", A), ("Tal Hamra", P)])
    territory = only(a.events, "TERRITORY")
    assert (territory.targets, territory.place) == (["Northland Army"], "Tal Hamra")


def test_territory_is_placed_where_the_trigger_acts_not_where_a_clause_says_in():
    a = extract_registered("The Dawn Front took full control of Tal Hamra on Sunday, driving the Northland Army "
                           "from the last village it held in Eastland.",
                           [("Northland Army", A), ("Dawn Front", A), ("Tal Hamra", P), ("Eastland", P)])
    assert only(a.events, "TERRITORY").place == "Tal Hamra"


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
    ("Border police arrested three men suspected of smuggling in Kafr Zeit.", "Arrests"),
    ("Border police apprehended three men suspected of smuggling in Kafr Zeit.", "Arrests"),
    ("Dawn Front gunmen abducted two aid workers in Kafr Zeit.", "Abduction/forced disappearance"),
    ("Border police captured a man suspected of smuggling in Kafr Zeit.", "Arrests"),
    # ACLED: arrests and abductions are of civilians; fighters taken by the other side are a battle
    ("Border police arrested a Dawn Front commander in Kafr Zeit.", "Armed clash"),
    ("Dawn Front gunmen captured two soldiers near Kafr Zeit.", "Armed clash"),
])
def test_detention(sentence, sub):
    a = extract(sentence, [("Dawn Front", A), ("Kafr Zeit", P)])
    assert only(a.events, "DETENTION").sub_event_type == sub


@pytest.mark.parametrize("sentence", [
    "Eagle Wing snipers shot a Dawn Front vehicle near Kafr Zeit.",
    "Eagle Wing gunmen shot a Dawn Front fighter near Kafr Zeit.",
    "Eagle Wing crews answered by targeting Dawn Front positions near Kafr Zeit.",
    "Eagle Wing crews began targeting Dawn Front positions near Kafr Zeit.",
])
def test_shooting_at_or_targeting_an_armed_object_is_a_fight(sentence):
    a = extract(sentence, [("Eagle Wing", A), ("Dawn Front", A), ("Kafr Zeit", P)])
    (event,) = a.events
    assert (event.actors, event.targets) == (["Eagle Wing"], ["Dawn Front"])


def test_what_an_airstrike_targeted_is_no_second_attack():
    a = extract("Eagle Wing warplanes struck Kafr Zeit, targeting Dawn Front depots.",
                [("Eagle Wing", A), ("Dawn Front", A), ("Kafr Zeit", P)])
    assert [e.sub_event_type for e in a.events] == ["Air/drone strike"]


@pytest.mark.parametrize("sentence, territory", [
    ("Eagle Wing fighters secured the village of Kafr Zeit after a week of fighting.", True),
    ("The Eagle Wing re-secured Kafr Zeit.", True),
    ("The Eagle Wing secured the release of two hostages held in Kafr Zeit.", False),
])
def test_securing_a_place_is_taking_it(sentence, territory):
    a = extract(sentence, [("Eagle Wing", A), ("Kafr Zeit", P)])
    assert any(e.type == "TERRITORY" for e in a.events) == territory


def test_captured_fighters_are_a_battle_for_acled():
    a = extract("The Eagle Wing captured five Dawn Front fighters.", [("Eagle Wing", A), ("Dawn Front", A)])
    detention = only(a.events, "DETENTION")
    assert load_vocabulary().event_type("DETENTION").acled_event_type_for(detention.sub_event_type) == "Battles"


def test_captured_fighters_are_detained_not_territory():
    a = extract("The Eagle Wing captured five Dawn Front fighters.", [("Eagle Wing", A), ("Dawn Front", A)])
    detention = only(a.events, "DETENTION")
    assert (detention.actors, detention.targets) == (["Eagle Wing"], ["Dawn Front"])


def test_the_name_before_custody_holds_the_one_in_custody():
    northland = {"Northland": Geo(39.0, 35.0, country="NL", precision="country")}
    for text, holder in (("Abu Karim was in Northland custody from 2007 until 2009.", "Northland"),
                         ("Abu Karim spent a year in the Dawn Front's captivity.", "Dawn Front")):
        a = extract_registered(text, [("Abu Karim", G), ("Northland", P), ("Dawn Front", A)], geo=northland)
        detention = only(a.events, "DETENTION")
        assert (detention.actors, detention.targets) == ([holder], ["Abu Karim"]), text


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


@pytest.mark.parametrize("sentence", [
    "Dawn Front fighters torched twenty houses in Tal Hamra on Monday.",
    "Dawn Front fighters looted shops and set fire to a church in Tal Hamra.",
    "Dawn Front fighters burned down dozens of mud huts in Tal Hamra.",
    "Shops were ransacked by Dawn Front fighters in Tal Hamra.",
    "Dawn Front fighters went on with the looting of shops in Tal Hamra.",
])
def test_property_burned_looted_or_destroyed_is_property_destruction(sentence):
    attack = only(extract(sentence, [("Dawn Front", A), ("Tal Hamra", P)]).events, "ATTACK")
    assert (attack.sub_event_type, attack.place) == ("Looting/property destruction", "Tal Hamra")
    assert attack.actors == ["Dawn Front"]


@pytest.mark.parametrize("sentence, sub, fatalities", [
    ("Dawn Front fighters burned houses in Tal Hamra, killing three villagers.", "Attack", 3),
    ("Dawn Front fighters attacked villagers and burned houses in Tal Hamra.", "Attack", None),
    ("Dawn Front warplanes struck Tal Hamra and destroyed several homes.", "Air/drone strike", None),
])
def test_property_destroyed_where_people_are_harmed_or_struck_is_part_of_that_attack(sentence, sub, fatalities):
    attack = only(extract(sentence, [("Dawn Front", A), ("Tal Hamra", P)]).events, "ATTACK")
    assert (attack.sub_event_type, attack.fatalities) == (sub, fatalities)


@pytest.mark.parametrize("sentence", [
    "A fire burned through the market in Tal Hamra on Sunday.",
    "Dawn Front fighters destroyed two tanks and a weapons depot near Tal Hamra.",
    "Houses were destroyed by floods in Tal Hamra.",
    "Protesters burned tyres in Tal Hamra.",
])
def test_fires_floods_and_weapons_destroyed_are_no_property_destruction(sentence):
    events = extract(sentence, [("Dawn Front", A), ("Tal Hamra", P)]).events
    assert "Looting/property destruction" not in [e.sub_event_type for e in events]


# --- what a document reports once, and what it does not report ---------------------------------

def test_lists_of_other_stories_report_nothing():
    text = ("The Eagle Wing shelled Kafr Zeit.\n[See our reports, Eagle Wing seizes Tal Hamra and Dawn Front "
            "commander Abu Karim spotted in Kafr Zeit.]\nSEE ALSO: Eagle Wing fighters captured Tal Hamra\nEnd.")
    a = extract(text, [("Eagle Wing", A), ("Kafr Zeit", P), ("Tal Hamra", P), ("Dawn Front", A), ("Abu Karim", G)])
    assert [e.type for e in a.events] == ["ATTACK"] and a.relations == []


def test_headlines_and_captions_add_no_events_to_the_body():
    text = "Eagle Wing shells Kafr Zeit\n\nThe Eagle Wing shelled Kafr Zeit on Sunday.\nAbu Karim in Tal Hamra [Photo]\n"
    a = extract(text, [("Eagle Wing", A), ("Kafr Zeit", P), ("Abu Karim", G), ("Tal Hamra", P)])
    assert [(e.type, e.date) for e in a.events] == [("ATTACK", "2017-11-19")]


def test_a_presence_needs_a_place_and_gives_way_to_a_more_specific_event():
    assert extract("Abu Karim is often photographed with militia leaders.", [("Abu Karim", G)]).events == []
    a = extract("Abu Karim was seen at the front during the Eagle Wing assault on Tal Hamra.",
                [("Abu Karim", G), ("Eagle Wing", A), ("Tal Hamra", P)])
    assert [e.type for e in a.events] == ["CLASH"] and "Abu Karim" in a.events[0].actors


def test_the_channel_of_a_statement_is_no_participant():
    a = extract("The Dawn Front wrote on its Telegram channel that its fighters shelled Kafr Zeit.",
                [("Telegram", O), ("Dawn Front", A), ("Kafr Zeit", P)])
    attack = only(a.events, "ATTACK")
    assert attack.actors == ["Dawn Front"] and attack.claim.certainty == "claimed"


def test_an_event_told_again_is_one_event():
    a = extract("Dawn Front fighters clashed with the Eagle Wing in Kafr Zeit. During the clashes, two fighters "
                "were killed.", [("Dawn Front", A), ("Eagle Wing", A), ("Kafr Zeit", P)])
    assert [(e.type, e.fatalities) for e in a.events] == [("CLASH", 2)]
    a = extract("Four Dawn Front fighters were buried on Friday. The burial was held in Kafr Zeit.",
                [("Dawn Front", A), ("Kafr Zeit", P)])
    assert [(e.type, e.place) for e in a.events] == [("FUNERAL", "Kafr Zeit")]
    caption = "Mourners bury Dawn Front fighters in Kafr Zeit."
    a = extract(f"{caption}\n{caption}", [("Dawn Front", A), ("Kafr Zeit", P)])
    assert len(a.events) == 1


def test_an_event_its_sentence_places_nowhere_happened_where_the_paragraph_s_last_event_did():
    names = [("Dawn Front", A), ("Kafr Zeit", P), ("T-72", E)]
    a = extract("Dawn Front fighters paraded through Kafr Zeit on Monday. In the column, a T-72 tank can be seen.",
                names)
    assert only(a.events, "EQUIPMENT").place == "Kafr Zeit"
    a = extract("Dawn Front fighters paraded through Kafr Zeit on Monday.\n\nIn another video, a T-72 tank "
                "can be seen with Dawn Front fighters.", names)
    assert only(a.events, "EQUIPMENT").place is None


def test_the_town_opening_a_dateline_is_the_place_only_where_the_sentence_names_no_other():
    names = [("Dawn Front", A), ("KAFR ZEIT", P), ("Tal Hamra", P)]
    a = extract("Shelling goes on\nKAFR ZEIT (AP) - Dawn Front fighters shelled Tal Hamra's outskirts on Monday.", names)
    assert only(a.events, "ATTACK").place == "Tal Hamra"
    a = extract("Blast at a market\nKAFR ZEIT (AP) - A roadside bomb exploded beside a market on Monday.", names)
    assert only(a.events, "ATTACK").place == "KAFR ZEIT"


def test_a_town_written_before_the_marked_country_it_lies_in_is_the_place():
    names = [("Dawn Front", A), ("Kafr Zeit", P), ("Northland", P), ("Tal Hamra", P)]
    places = {"Kafr Zeit": Geo(36.0, 37.0, country="NL", precision="city"),
              "Northland": Geo(35.0, 38.0, country="NL", precision="country"),
              "Tal Hamra": Geo(36.5, 37.5, country="NL", precision="village")}
    a = extract_registered("Dawn Front fighters attacked Kafr Zeit, in eastern Northland, on Monday.", names, geo=places)
    assert [e.place for e in a.events] == ["Kafr Zeit"]
    a = extract_registered("Dawn Front fighters from Kafr Zeit in Northland attacked a post in Tal Hamra.", names,
                           geo=places)
    assert [e.place for e in a.events] == ["Tal Hamra"]
    a = extract_registered("Dawn Front fighters attacked Tal Hamra near Kafr Zeit.", names, geo=places)
    assert [e.place for e in a.events] == ["Tal Hamra"]
    a = extract_registered("A mine killed two Dawn Front fighters on the road between Tal Hamra and Kafr Zeit in "
                           "Northland.", names, geo=places)
    assert [e.place for e in a.events] == ["Tal Hamra"]


@pytest.mark.parametrize("sentence, place", [
    ("Dawn Front fighters shelled Tal Hamra, south of Kafr Zeit, on Monday.", "Tal Hamra"),
    ("Dawn Front fighters shelled Tal Hamra, 12 km west of Kafr Zeit, on Monday.", "Tal Hamra"),
    ("Dawn Front fighters shelled Tal Hamra, roughly 8 miles north-east of Kafr Zeit, on Monday.", "Tal Hamra"),
    ("Dawn Front fighters shelled Tal Hamra, near the border with Northland, on Monday.", "Tal Hamra"),
    ("Dawn Front fighters shelled Kafr Zeit's airport on Monday.", "Kafr Zeit"),
])
def test_a_place_measured_from_another_across_a_border_or_owning_a_site_is_where(sentence, place):
    names = [("Dawn Front", A), ("Kafr Zeit", P), ("Northland", P), ("Tal Hamra", P)]
    assert [e.place for e in extract(sentence, names).events] == [place]


# --- participants, roles and triggers in context ------------------------------------------------

def test_a_hyphenated_designator_designates_the_name_described():
    a = extract("Abu Karim, the Northland-blacklisted commander of the Dawn Front, was seen in Tal Hamra.",
                [("Abu Karim", G), ("Northland", P), ("Dawn Front", A), ("Tal Hamra", P)])
    designation = only(a.events, "DESIGNATION")
    assert (designation.actors, designation.targets) == (["Northland"], ["Abu Karim"])
    a = extract("Abu Karim remains a Northland-designated militant.", [("Abu Karim", G), ("Northland", P)])
    assert only(a.events, "DESIGNATION").targets == ["Abu Karim"]


def test_a_designation_of_no_one_named_is_left_out():
    assert extract("Several commanders were designated as terrorists by Northland.", [("Northland", P)]).events == []


@pytest.mark.parametrize("sentence, kind", [
    ("Posters of the slain commander hung across Tal Hamra.", "CASUALTIES"),
    ("The Dawn Front released a video of its men in Tal Hamra last week.", "DETENTION"),
    ("The Dawn Front fought alongside the Eagle Wing in Tal Hamra.", "CLASH"),
    ("The province has seen Dawn Front fighters return to Tal Hamra.", "PRESENCE"),
])
def test_words_that_report_no_such_event(sentence, kind):
    a = extract(sentence, [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P)])
    assert kind not in [e.type for e in a.events]


def test_fighting_alongside_against_an_enemy_is_a_clash():
    a = extract("The Dawn Front fought alongside the Eagle Wing against the Lions Brigade.",
                [("Dawn Front", A), ("Eagle Wing", A), ("Lions Brigade", A)])
    assert "Lions Brigade" in only(a.events, "CLASH").targets


def test_names_in_a_descriptive_apposition_take_no_part():
    a = extract("Footage from the Lions Brigade, an outfit which is close to the Global Movement, shows dead Dawn "
                "Front fighters near Tal Hamra.",
                [("Lions Brigade", A), ("Global Movement", A), ("Dawn Front", A), ("Tal Hamra", P)])
    casualties = only(a.events, "CASUALTIES")
    assert "Dawn Front" in casualties.targets and "Global Movement" not in casualties.targets
    assert [e.type for e in a.events] == ["CASUALTIES"]


def test_an_armed_group_announcing_funerals_buries_its_own():
    a = extract("The Dawn Front said it buried nine fighters in Kafr Zeit on Monday.",
                [("Dawn Front", A), ("Kafr Zeit", P)])
    funeral = only(a.events, "FUNERAL")
    assert (funeral.targets, funeral.claim.certainty) == (["Dawn Front"], "claimed")


@pytest.mark.parametrize("sentence, kind, actor", [
    ("Dawn Front columns marched into Tal Hamra.", "DEPLOYMENT", "Dawn Front"),
    ("The Dawn Front fights against the Eagle Wing near Tal Hamra.", "CLASH", "Dawn Front"),
    ("The Dawn Front mounted stiff resistance in Tal Hamra.", "CLASH", "Dawn Front"),
    ("The Dawn Front showcased two Scorpion launchers at a rally in Tal Hamra.", "EQUIPMENT", "Dawn Front"),
    ("A shelling exchange took place between the Dawn Front and the Eagle Wing in Tal Hamra.", "CLASH", "Dawn Front"),
    ("Dawn Front air defences intercepted two Eagle Wing missiles over Tal Hamra.", "CLASH", "Dawn Front"),
    ("The Dawn Front succeeded in controlling Tal Hamra after a week of fighting.", "TERRITORY", "Dawn Front"),
    ("The Dawn Front controlled Tal Hamra village after clashes.", "TERRITORY", "Dawn Front"),
    ("The Dawn Front opened fire on a patrol near Tal Hamra.", "CLASH", "Dawn Front"),
    ("The Dawn Front opened heavy machine-gun fire at a checkpoint near Tal Hamra.", "CLASH", "Dawn Front"),
    ("The Dawn Front advanced against Eagle Wing positions near Tal Hamra.", "CLASH", "Dawn Front"),
    ("The Dawn Front launched an operation against the Eagle Wing in Tal Hamra.", "CLASH", "Dawn Front"),
    ("The Dawn Front besieged Eagle Wing fighters in Tal Hamra.", "CLASH", "Dawn Front"),
    ("A Dawn Front patrol came under heavy fire near Tal Hamra.", "CLASH", "Dawn Front"),
    ("The Dawn Front and the Eagle Wing exchanged targeting with machine guns in Tal Hamra.", "CLASH", "Dawn Front"),
    ("Dawn Front fighters fired machine guns at an Eagle Wing checkpoint in Tal Hamra.", "CLASH", "Dawn Front"),
    ("The Dawn Front achieves partial control of Tal Hamra.", "TERRITORY", "Dawn Front"),
    ("The Dawn Front took Tal Hamra from the Eagle Wing.", "TERRITORY", "Dawn Front"),
    ("The Dawn Front captured on Thursday a key district of Tal Hamra.", "TERRITORY", "Dawn Front"),
    ("The Dawn Front managed to regain the village of Tal Hamra.", "TERRITORY", "Dawn Front"),
    ("The Dawn Front advanced on the village of Tal Hamra.", "CLASH", "Dawn Front"),
    ("The Dawn Front won a victory by controlling the entire Tal Hamra area.", "TERRITORY", "Dawn Front"),
    ("The Dawn Front advanced in the Tal Hamra pocket.", "CLASH", "Dawn Front"),
    ("The Dawn Front went on to control the town of Tal Hamra.", "TERRITORY", "Dawn Front"),
    ("The Dawn Front advanced, likely against Eagle Wing fighters, in Tal Hamra.", "CLASH", "Dawn Front"),
    ("A Dawn Front patrol received heavy mortar fire near Tal Hamra.", "CLASH", "Dawn Front"),
    ("The Dawn Front controls the town of Tal Hamra.", "TERRITORY", "Dawn Front"),
    ("The Dawn Front took Tal Hamra area on the outskirts of the city, from the Eagle Wing.", "TERRITORY",
     "Dawn Front"),
])
def test_more_ways_to_report_events(sentence, kind, actor):
    a = extract(sentence, [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P), ("Scorpion", E)])
    assert actor in only(a.events, kind).actors


def test_equipment_seen_in_a_groups_convoys():
    a = extract("A Dawn Front convoy drove to Tal Hamra. A Scorpion is visible in the convoy.",
                [("Dawn Front", A), ("Tal Hamra", P), ("Scorpion", E)])
    equipment = only(a.events, "EQUIPMENT")
    assert (equipment.actors, equipment.targets) == (["Dawn Front"], ["Scorpion"])


def test_a_clause_naming_no_party_continues_the_previous_one():
    a = extract("The Eagle Wing shelled Tal Hamra, as clashes took place near Kafr Zeit.",
                [("Eagle Wing", A), ("Tal Hamra", P), ("Kafr Zeit", P)])
    assert only(a.events, "CLASH").actors == ["Eagle Wing"]
    a = extract("Dawn Front units moved into Tal Hamra, where clashes between the Eagle Wing and rebels continued.",
                [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P)])
    assert "Dawn Front" in only(a.events, "DEPLOYMENT").actors


def test_a_country_named_for_its_forces_takes_part_and_its_sympathisers_do_not():
    a = extract("Dawn Front gunmen killed two Northland soldiers in Tal Hamra.",
                [("Dawn Front", A), ("Northland", P), ("Tal Hamra", P)])
    assert "Northland" in a.events[0].targets
    a = extract("Gunmen attacked a pro-Northland militia in Tal Hamra.", [("Northland", P), ("Tal Hamra", P)])
    assert "Northland" not in a.events[0].actors + a.events[0].targets


def test_a_place_written_with_its_article_prefix_is_still_after_near():
    analysis = analysis_of("The Dawn Front clashed with rebels on the banks of the Blue River near the town of al-Hamra.",
                           [("Dawn Front", A), ("Blue River", P), ("Hamra", P)])
    analysis.entity("Blue River").geo = Geo(35.3, 40.1, precision="admin2")
    analysis.entity("Hamra").geo = Geo(34.4, 40.9, precision="city")
    EventExtractor()(analysis)
    assert only(analysis.events, "CLASH").place == "Hamra"


@pytest.mark.parametrize("sentence, place", [
    ("The Dawn Front clashed with rebels on the Tal Hamra front in Northland province.", "Tal Hamra"),
    ("The Dawn Front clashed with rebels on the Tal Hamra and Kafr Sous axes in Northland province.", "Tal Hamra"),
    ("The Dawn Front attacked a patrol on the Tal Hamra road, north of Kafr Sous.", "Kafr Sous"),
])
def test_a_front_named_after_a_place_is_there_but_a_road_named_after_one_is_not(sentence, place):
    analysis = analysis_of(sentence, [("Dawn Front", A), ("Tal Hamra", P), ("Kafr Sous", P), ("Northland", P)])
    analysis.entity("Tal Hamra").geo = Geo(35.3, 40.1, precision="village")
    analysis.entity("Kafr Sous").geo = Geo(35.5, 40.2, precision="village")
    analysis.entity("Northland").geo = Geo(35.0, 40.0, precision="admin1")
    EventExtractor()(analysis)
    assert analysis.events[0].place == place


def test_a_place_list_gives_one_control_event_per_place():
    names = [("Dawn Front", A), ("Northland", P), ("Southland", P), ("Tal Hamra", P)]
    a = extract("The Dawn Front captured districts in Northland and southern Southland.", names)
    assert [e.place for e in a.events if e.type == "TERRITORY"] == ["Northland", "Southland"]
    a = extract("The Dawn Front seized Tal Hamra, northern Northland.", names)
    assert [e.place for e in a.events if e.type == "TERRITORY"] == ["Tal Hamra"]


def test_a_loss_in_a_clause_without_subject_is_the_previous_subjects():
    a = extract("The Dawn Front captured Tal Hamra during a 2014 offensive, but has since lost\u00a0most of its territory.",
                [("Dawn Front", A), ("Tal Hamra", P)])
    gain, loss = [e for e in a.events if e.type == "TERRITORY"]
    assert (gain.actors, gain.date) == (["Dawn Front"], "2014")
    assert (loss.actors, loss.targets) == ([], ["Dawn Front"])


def test_different_counts_are_different_events():
    a = extract("Some 40,000 people fled Northland and 12,000 others were displaced within Southland.",
                [("Northland", P), ("Southland", P)])
    assert sorted(e.quantity for e in a.events if e.type == "DISPLACEMENT") == [12000, 40000]


@pytest.mark.parametrize("sentence, kind, expected", [
    ("Abu Karim recruited gunmen to attack the Dawn Front in Tal Hamra.", "CLASH", False),
    ("Residents fled due to clashes between the Dawn Front and the Eagle Wing in Tal Hamra.", "CLASH", True),
    ("The Eagle Wing advanced to take control of Tal Hamra.", "TERRITORY", True),
    ("Losses were attributed to fighting between the Dawn Front and the Eagle Wing in Tal Hamra.", "CLASH", True),
    ("Heavy air cover allowed the Eagle Wing to take control of Tal Hamra.", "TERRITORY", True),
    ("The siege of Tal Hamra helped the Eagle Wing to capture it.", "TERRITORY", True),
    ("The Dawn Front sent Abu Karim to capture Tal Hamra.", "TERRITORY", False),
])
def test_an_infinitive_of_purpose_reports_no_event(sentence, kind, expected):
    a = extract(sentence, [("Abu Karim", G), ("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P)])
    assert (kind in [e.type for e in a.events]) is expected


def test_those_helped_are_not_those_acting():
    a = extract("Northland deployed fighters to Tal Hamra to support the Dawn Front.",
                [("Northland", P), ("Tal Hamra", P), ("Dawn Front", A)])
    assert only(a.events, "DEPLOYMENT").actors == ["Northland"]


def test_a_country_joined_to_a_force_acts_with_it():
    a = extract("The Eagle Wing and Northland bomb villages near Tal Hamra every night.",
                [("Eagle Wing", A), ("Northland", P), ("Tal Hamra", P)])
    assert only(a.events, "ATTACK").actors == ["Eagle Wing", "Northland"]


@pytest.mark.parametrize("precision, actors", [("country", ["Northland"]), ("village", [])])
def test_a_country_named_for_its_army_acts_but_a_village_before_army_names_no_force(precision, actors):
    text = "Northland army fighters attacked Kafr Zeit."
    analysis = analysis_of(text, [("Northland", P), ("Kafr Zeit", P)])
    analysis.entity("Northland").geo = Geo(36.0, 37.0, country="NL", precision=precision)
    EventExtractor()(analysis)
    assert only(analysis.events, "ATTACK").actors == actors


def test_a_source_speaks_for_what_it_said_not_for_what_follows():
    a = extract("Families fled Tal Hamra, the Relief Office reported on Monday, as Eagle Wing jets pounded the town.",
                [("Tal Hamra", P), ("Relief Office", O), ("Eagle Wing", A)])
    assert only(a.events, "DISPLACEMENT").claim.source == "Relief Office"
    assert (only(a.events, "ATTACK").claim.source, only(a.events, "ATTACK").claim.certainty) == (None, "confirmed")


@pytest.mark.parametrize("text, source, certainty", [
    ("Dawn Front reinforcements reached Tal Hamra, residents said.", None, "reported"),
    ("The Wire Agency published photos. The agency said Abu Karim was seen in Tal Hamra.", "Wire Agency", "reported"),
    ("Dawn Front fighters captured Tal Hamra, a security source based in Kafr Zeit told the Wire Agency.",
     "Wire Agency", "reported"),
    ("The Dawn Front, the Global Movement’s official affiliate in Northland, attacked the Eagle Wing.", None,
     "confirmed"),
    ("The Dawn Front coalition, which was founded by Abu Karim, recently announced an offensive against the "
     "Eagle Wing.", "Dawn Front", "claimed"),
    ("“The army took Tal Hamra,” a military source told the Wire Agency.\n\n“The Eagle Wing fought hard, but "
     "the Dawn Front attacked the Eagle Wing.”", "Wire Agency", "reported"),
    ("“The army took Tal Hamra,” a military source told the Wire Agency.\n\nThe Dawn Front attacked the Eagle "
     "Wing.", None, "confirmed"),
])
def test_who_a_claim_is_from(text, source, certainty):
    names = [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P), ("Kafr Zeit", P), ("Wire Agency", O),
             ("Abu Karim", G), ("Global Movement", A), ("Northland", P)]
    event = extract(text, names).events[-1]
    assert (event.claim.source, event.claim.certainty) == (source, certainty)
    assert event.place != "Kafr Zeit"


@pytest.mark.parametrize("sentence, kind", [
    ("The Dawn Front posted footage showing gunmen arriving in Tal Hamra.", "DEPLOYMENT"),
    ("The Dawn Front announced an offensive against the Eagle Wing near Tal Hamra.", "CLASH"),
])
def test_an_armed_groups_own_media_shows_its_own_deeds(sentence, kind):
    event = only(extract(sentence, [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P)]).events, kind)
    assert ("Dawn Front" in event.actors, event.claim.certainty) == (True, "claimed")


MEDIA_NAMES = [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P), ("T-72", E), ("Wire Agency", O)]


def test_what_a_group_s_own_video_shows_is_its_claim_in_the_sentences_that_describe_it():
    a = extract("On Monday the Dawn Front – a militia from the north – released a video of its parade. The video "
                "(above) shows a long column of fighters marching through Tal Hamra. In the column, a T-72 tank can be "
                "seen.", MEDIA_NAMES)
    deployment, equipment = only(a.events, "DEPLOYMENT"), only(a.events, "EQUIPMENT")
    assert (deployment.claim.source, deployment.claim.certainty) == ("Dawn Front", "claimed")
    assert (equipment.claim.source, equipment.claim.certainty, equipment.actors) == ("Dawn Front", "claimed",
                                                                                   ["Dawn Front"])


def test_a_video_described_after_a_paragraph_break_or_by_a_reporter_is_not_the_group_s_claim():
    a = extract("The Dawn Front released a video of its parade.\n\nA T-72 tank can be seen in Tal Hamra.",
                MEDIA_NAMES)
    assert only(a.events, "EQUIPMENT").claim.source is None
    a = extract("The Wire Agency released a video of the parade. The video shows Dawn Front fighters marching "
                "through Tal Hamra.", MEDIA_NAMES)
    assert only(a.events, "DEPLOYMENT").claim.certainty == "reported"


def test_a_group_showcasing_what_it_captured_claims_it_and_the_side_it_was_taken_from_is_not_its_user():
    a = extract("The Dawn Front previously showcased a T-72 it captured from its rival, the Eagle Wing, near "
                "Tal Hamra.", MEDIA_NAMES)
    equipment = only(a.events, "EQUIPMENT")
    assert (equipment.actors, equipment.claim.source, equipment.claim.certainty) == (["Dawn Front"], "Dawn Front",
                                                                                    "claimed")


def test_a_country_whose_commander_acts_is_not_where():
    a = extract("Northland's commander Abu Karim clashed with the Dawn Front.",
                [("Northland", P), ("Abu Karim", G), ("Dawn Front", A)])
    assert only(a.events, "CLASH").place is None


def test_a_name_on_a_thing_is_not_a_party():
    a = extract("Graffiti bearing the Dawn Front emblem was seen in Tal Hamra.", [("Dawn Front", A), ("Tal Hamra", P)])
    assert a.events == []


def test_a_restated_event_keeps_its_named_source():
    a = extract("Abu Karim was filmed in Tal Hamra on Friday. His visit to Tal Hamra was later confirmed by the Wire "
                "Agency.",
                [("Abu Karim", G), ("Tal Hamra", P), ("Wire Agency", O)])
    presence = only(a.events, "PRESENCE")
    assert (presence.actors, presence.claim.source, presence.claim.certainty) == (["Abu Karim"], "Wire Agency",
                                                                                 "confirmed")


def test_a_restatement_naming_the_side_the_first_telling_left_out_is_the_same_event():
    a = extract("Tal Hamra was retaken from the Dawn Front on Sunday. The Eagle Wing seized Tal Hamra after a "
                "week of fighting, an officer told the Wire Agency.",
                [("Dawn Front", A), ("Tal Hamra", P), ("Eagle Wing", A), ("Wire Agency", O)])
    territory = only(a.events, "TERRITORY")
    assert (territory.actors, territory.targets, territory.date, territory.claim.source) == (
        ["Eagle Wing"], ["Dawn Front"], "2017-11-19", "Wire Agency")


def test_two_sides_taking_one_place_in_turn_are_two_events():
    a = extract("The Dawn Front captured Tal Hamra. The Eagle Wing recaptured Tal Hamra from the Dawn Front.",
                [("Dawn Front", A), ("Tal Hamra", P), ("Eagle Wing", A)])
    assert [(e.actors, e.targets) for e in a.events if e.type == "TERRITORY"] == [
        (["Dawn Front"], []), (["Eagle Wing"], ["Dawn Front"])]


def test_a_time_clause_before_the_main_one_has_its_own_parties():
    a = extract("The Eagle Wing clashed with rebels in Tal Hamra. Days after the recent fighting ended, the Dawn "
                "Front posted footage of gunmen arriving in Tal Hamra.",
                [("Eagle Wing", A), ("Dawn Front", A), ("Tal Hamra", P)])
    assert [(e.type, e.actors) for e in a.events] == [("CLASH", ["Eagle Wing"]), ("DEPLOYMENT", ["Dawn Front"])]


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
    ("where 4 guards and 2 drivers were killed", 6, None),
    ("where 7 army and allied militia fighters were killed", 7, None),
    ("where 3 army and/or allied fighters were shot and killed", 3, None),
    ("where 5 guards were wounded and 2 killed", 2, None),
])
def test_fatality_counts_and_ranges(clause, best, span):
    a = extract(f"The Eagle Wing shelled Kafr Zeit, {clause}.", [("Eagle Wing", A), ("Kafr Zeit", P)])
    attack = only(a.events, "ATTACK")
    assert (attack.fatalities, attack.fatalities_range) == (best, span)


@pytest.mark.parametrize("sentence, deaths", [
    ("A courier of the Eagle Wing died of his wounds in Kafr Zeit.", 1),
    ("An Eagle Wing officer succumbed to his injuries in Kafr Zeit.", 1),
    ("An Eagle Wing officer was shot and killed by gunmen in Kafr Zeit.", 1),
    ("A judge was assassinated by the Eagle Wing in Kafr Zeit.", 1),
    ("The Eagle Wing opened fire on a shepherd in Kafr Zeit, killing him.", 1),
    ("A member of the Eagle Wing was found dead in Kafr Zeit.", 1),
    ("The body of an Eagle Wing fighter was found in Kafr Zeit.", 1),
    ("A body of a farmer was found dead in Kafr Zeit after an Eagle Wing raid.", 1),
    ("The head of the Kafr Zeit council was shot and killed by the Eagle Wing.", 1),
    ("The commander of a brigade of the Eagle Wing has been killed in Kafr Zeit.", 1),
    ("The Eagle Wing killed the council's deputy head in Kafr Zeit.", 1),
    ("One of the guards of the Eagle Wing base was killed in Kafr Zeit.", 1),
    ("A shepherd's body was found in Kafr Zeit after an Eagle Wing raid.", 1),
    ("A courier of the Eagle Wing was found hanged in Kafr Zeit.", 1),
    # a relative or aide killed with the victim is one more
    ("Eagle Wing gunmen shot dead a farmer and his son in Kafr Zeit.", 2),
    ("The Eagle Wing killed a courier as well as the nephew of a judge in Kafr Zeit.", 2),
    ("The Eagle Wing killed its former commander and his driver in Kafr Zeit.", 2),
])
def test_victims_told_without_a_count_are_counted(sentence, deaths):
    a = extract(sentence, [("Eagle Wing", A), ("Kafr Zeit", P)])
    assert [e.fatalities for e in a.events if e.fatalities is not None] == [deaths]


def test_a_victim_named_by_rank_and_name_counts_one_death():
    a = extract("Eagle Wing commander Samir Haddad was killed in Kafr Zeit.",
                [("Eagle Wing", A), ("Samir Haddad", G), ("Kafr Zeit", P)])
    assert [e.fatalities for e in a.events if e.fatalities is not None] == [1]


@pytest.mark.parametrize("sentence", [
    "The Eagle Wing shelled Kafr Zeit, killing her two sons.",
    "The Eagle Wing shelled Kafr Zeit, where the fighters were killed.",
    "The Eagle Wing's commander was killed alongside his deputy in Kafr Zeit.",
    "No commander was killed when the Eagle Wing shelled Kafr Zeit.",
    "The Eagle Wing shelled Kafr Zeit and killed commanders of the garrison.",
])
def test_possessives_plurals_companions_and_denials_are_not_one_death(sentence):
    a = extract(sentence, [("Eagle Wing", A), ("Kafr Zeit", P)])
    assert a.events and all(e.fatalities != 1 for e in a.events)


def test_a_governing_body_is_no_death():
    a = extract("The governing body of Kafr Zeit met the Eagle Wing.", [("Eagle Wing", A), ("Kafr Zeit", P)])
    assert all(e.type != "CASUALTIES" for e in a.events)


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


def test_a_side_that_reportedly_acted_is_its_actor_not_a_source():
    events = extract("The Eagle Wing reportedly took control of Kafr Zeit.", [("Eagle Wing", A), ("Kafr Zeit", P)]).events
    territory = only(events, "TERRITORY")
    assert territory.actors == ["Eagle Wing"] and territory.claim.source is None


def test_the_side_after_an_opening_time_phrase_took_the_place_not_the_side_in_it():
    names = [("Eagle Wing", A), ("Dawn Front", A), ("Kafr Zeit", P)]
    a = extract("Following clashes with Eagle Wing fighters, Dawn Front forces advanced and took control of Kafr Zeit.",
                names)
    assert only(a.events, "TERRITORY").actors == ["Dawn Front"]


@pytest.mark.parametrize("sentence", [
    "As a result of these clashes, the Dawn Front took control of Kafr Zeit.",
    "As a result of heavy clashes the Dawn Front and its allies took control of Kafr Zeit.",
    "After clashes the Dawn Front and allied militias took control of Kafr Zeit.",
])
def test_the_side_after_an_opening_phrase_about_the_fighting_took_the_place_with_its_partners(sentence):
    a = extract(sentence, [("Dawn Front", A), ("Kafr Zeit", P)])
    assert only(a.events, "TERRITORY").actors == ["Dawn Front"]


def test_a_second_verb_after_and_shares_the_first_verb_s_subject():
    a = extract("The Dawn Front attacked the Eagle Wing and took control of Kafr Zeit.",
                [("Dawn Front", A), ("Eagle Wing", A), ("Kafr Zeit", P)])
    assert only(a.events, "TERRITORY").actors == ["Dawn Front"]


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


@pytest.mark.parametrize("sentence, names, expected", [
    ("The Lions Brigade, a tribal force which operates in Tal Hamra and Kafr Zeit, spoke.",
     [("Lions Brigade", A), ("Tal Hamra", P), ("Kafr Zeit", P)],
     {("OPERATES_IN", "Lions Brigade", "Tal Hamra"), ("OPERATES_IN", "Lions Brigade", "Kafr Zeit")}),
    ("The Dawn Front – a Sunni militia backed by the Eagle Wing – released a video.",
     [("Dawn Front", A), ("Eagle Wing", A)], {("BACKED_BY", "Dawn Front", "Eagle Wing")}),
    ("The Home Army - an alliance of Northland-backed tribal units - advanced.",
     [("Home Army", A), ("Northland", P)], {("BACKED_BY", "Home Army", "Northland")}),
    ("The Lions Brigade, a force based in Tal Hamra, which gets weapons and money from Northland, advanced.",
     [("Lions Brigade", A), ("Tal Hamra", P), ("Northland", P)],
     {("OPERATES_IN", "Lions Brigade", "Tal Hamra"), ("BACKED_BY", "Lions Brigade", "Northland")}),
    ("The Dawn Front, the Global Movement’s regional branch in Tal Hamra, advanced.",
     [("Dawn Front", A), ("Global Movement", A), ("Tal Hamra", P)],
     {("AFFILIATE_OF", "Dawn Front", "Global Movement"), ("OPERATES_IN", "Dawn Front", "Tal Hamra")}),
    ("Among the Dawn Front’s former leaders, Abu Karim is the best known.", [("Dawn Front", A), ("Abu Karim", G)],
     {("FORMER_LEADER", "Abu Karim", "Dawn Front")}),
    ("Abu Karim, the Northland-sanctioned militant chief of the Dawn Front, spoke.",
     [("Abu Karim", G), ("Northland", P), ("Dawn Front", A)], {("LEADS", "Abu Karim", "Dawn Front")}),
    ("Abu Karim, the leader of Northland’s Desert Force, spoke.", [("Abu Karim", G), ("Northland", P),
                                                                  ("Desert Force", A)],
     {("LEADS", "Abu Karim", "Desert Force")}),
    ("Sara Hill is a senior fellow at the Policy Institute.", [("Sara Hill", G), ("Policy Institute", O)],
     {("MEMBER_OF", "Sara Hill", "Policy Institute")}),
    ("Dawn Front militants of their “Third Battalion” entered the town.", [("Dawn Front", A), ("Third Battalion", A)],
     {("MEMBER_OF", "Third Battalion", "Dawn Front")}),
    ("Abu Karim has been deeply engaged in the war against the Dawn Front.", [("Abu Karim", G), ("Dawn Front", A)],
     {("HOSTILE_TO", "Abu Karim", "Dawn Front")}),
    ("Abu Karim has repeatedly threatened Northland.", [("Abu Karim", G), ("Northland", P)],
     {("HOSTILE_TO", "Abu Karim", "Northland")}),
    ("The Lions Brigade is still active on the Tal Hamra front in the conflict in Northland.",
     [("Lions Brigade", A), ("Tal Hamra", P), ("Northland", P)],
     {("OPERATES_IN", "Lions Brigade", "Tal Hamra"), ("OPERATES_IN", "Lions Brigade", "Northland")}),
    ("The Lions Brigade took part in operations in Kafr Zeit.", [("Lions Brigade", A), ("Kafr Zeit", P)],
     {("OPERATES_IN", "Lions Brigade", "Kafr Zeit")}),
])
def test_relations_through_appositions_possessives_and_coordination(sentence, names, expected):
    assert expected <= relations(extract(sentence, names))


def test_a_deputy_is_a_member_not_the_leader():
    found = relations(extract("Abu Karim, the deputy head of the Dawn Front, spoke.", [("Abu Karim", G), ("Dawn Front", A)]))
    assert found == {("MEMBER_OF", "Abu Karim", "Dawn Front")}


def test_a_possessor_is_not_the_object():
    a = extract("Sara Hill is an editor with the Policy Institute’s Border Monitor.",
                [("Sara Hill", G), ("Policy Institute", O), ("Border Monitor", O)])
    assert relations(a) == {("MEMBER_OF", "Sara Hill", "Border Monitor"), ("PART_OF", "Border Monitor", "Policy Institute")}
    a = extract("Abu Karim of the Guard Corps' Desert Force spoke.", [("Abu Karim", G), ("Guard Corps", A), ("Desert Force", A)])
    assert relations(a) == {("MEMBER_OF", "Abu Karim", "Desert Force"), ("PART_OF", "Desert Force", "Guard Corps")}


def test_coordinated_subjects_share_a_verbal_relation():
    a = extract("The Lions Brigade, Northland’s Home Guard and tribal militias have fought alongside the Dawn Front.",
                [("Northland", P), ("Home Guard", A), ("Lions Brigade", A), ("Dawn Front", A)])
    assert {("ALLIED_WITH", "Home Guard", "Dawn Front"), ("ALLIED_WITH", "Lions Brigade", "Dawn Front")} <= relations(a)


def test_a_coalition_founder_named_in_a_relative_clause_is_not_a_participant():
    a = extract("The Conquest Army alliance, which was formed by the Dawn Front in 2015, launched an offensive "
                "against the Eagle Wing.", [("Conquest Army", A), ("Dawn Front", A), ("Eagle Wing", A)])
    assert ("FOUNDED", "Dawn Front", "Conquest Army") in relations(a)
    assert "Dawn Front" not in only(a.events, "CLASH").actors + only(a.events, "CLASH").targets


def test_the_group_refers_to_the_last_group_named():
    a = extract("The Dawn Front was formed in 2012. The group’s commander, Abu Karim, spoke.",
                [("Dawn Front", A), ("Abu Karim", G)])
    assert ("LEADS", "Abu Karim", "Dawn Front") in relations(a)
    a = extract("The Dawn Front said the militia had dispatched 500 gunmen to Tal Hamra.",
                [("Dawn Front", A), ("Tal Hamra", P)])
    deployment = only(a.events, "DEPLOYMENT")
    assert (deployment.actors, deployment.quantity, deployment.claim.certainty) == (["Dawn Front"], 500, "claimed")


def test_the_word_before_a_strike_names_who_struck():
    turkey = {"Turkey": Geo(39.0, 35.0, country="TR", precision="country")}
    a = extract_registered("Turkish drone strikes hit Tal Hamra on Monday. Turkey denied it.",
                           [("Turkey", P), ("Tal Hamra", P)], geo=turkey)
    strike = only(a.events, "ATTACK")
    assert (strike.actors, strike.place) == (["Turkey"], "Tal Hamra")
    a = extract("The Northland regime was blamed. Suspected regime airstrikes killed 12 civilians in Tal Hamra.",
                [("Northland regime", A), ("Tal Hamra", P)])
    assert only(a.events, "ATTACK").actors == ["Northland regime"]


def test_a_nationality_before_a_strike_stands_for_nobody_unless_its_country_is_named():
    a = extract_registered("Turkish drone strikes hit Tal Hamra on Monday.", [("Tal Hamra", P)],
                           geo={"Tal Hamra": Geo(36.0, 37.0, country="SY", precision="village")})
    assert only(a.events, "ATTACK").actors == []
    a = extract("Regime shelling killed two in Tal Hamra.", [("Dawn Front", A), ("Tal Hamra", P)])
    assert only(a.events, "ATTACK").actors == []


def test_countries_joined_before_a_trigger_act_together():
    places = {"Turkey": Geo(39.0, 35.0, country="TR", precision="country"),
              "Iran": Geo(32.0, 53.0, country="IR", precision="country")}
    a = extract_registered("Turkish and Iranian warplanes bombed Tal Hamra. Turkey and Iran deny it.",
                           [("Turkey", P), ("Iran", P), ("Tal Hamra", P)], geo=places)
    strike = only(a.events, "ATTACK")
    assert (sorted(strike.actors), strike.place) == (["Iran", "Turkey"], "Tal Hamra")


def test_the_regime_is_the_group_named_with_that_word():
    a = extract("The Dawn Front praised the Northland regime. The regime and the Dawn Front bombed Tal Hamra.",
                [("Northland regime", A), ("Dawn Front", A), ("Tal Hamra", P)])
    assert sorted(only(a.events, "ATTACK").actors) == ["Dawn Front", "Northland regime"]


def test_the_army_is_the_force_the_report_names_as_an_army_or_its_troops():
    a = extract("Northland troops reached Tal Hamra on Monday. The Dawn Front fought back, but the army seized "
                "Tal Hamra on Tuesday.", [("Northland troops", A), ("Dawn Front", A), ("Tal Hamra", P)])
    taking = only(a.events, "TERRITORY")
    assert (taking.actors, taking.targets) == (["Northland troops"], ["Dawn Front"])
    a = extract("The Dawn Front fought back, but the army seized Tal Hamra.", [("Dawn Front", A), ("Tal Hamra", P)])
    assert only(a.events, "TERRITORY").actors == []


def test_the_town_is_the_last_town_named_before_it():
    text = ("Northland troops entered Tal Hamra in Southland on Monday. "
            "The Dawn Front resisted, but the army took control of the town on Tuesday.")
    names = [("Northland troops", A), ("Dawn Front", A), ("Tal Hamra", P), ("Southland", P)]
    analysis = analysis_of(text, names)
    analysis.entity("Tal Hamra").geo = Geo(36.0, 37.0, country="SY", precision="village")
    analysis.entity("Southland").geo = Geo(35.0, 38.0, country="SY", precision="admin1")
    EventExtractor()(analysis)
    assert only(analysis.events, "TERRITORY").place == "Tal Hamra"
    analysis = analysis_of("The Dawn Front took control of the town of Kafr Zeit.", [("Dawn Front", A), ("Kafr Zeit", P)])
    EventExtractor()(analysis)
    assert [m.text for e in analysis.entities for m in e.mentions] == ["Dawn Front", "Kafr Zeit"]
    assert only(analysis.events, "TERRITORY").place == "Kafr Zeit"


def test_a_fight_told_from_each_side_is_one_clash_between_them():
    a = extract("The Dawn Front put up fierce resistance in Tal Hamra, but the Eagle Wing won the battle.",
                [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P)])
    clash = only(a.events, "CLASH")
    assert sorted(clash.actors + clash.targets) == ["Dawn Front", "Eagle Wing"]


def test_a_side_that_resisted_fought_whoever_took_ground_from_it():
    a = extract("The Dawn Front put up fierce resistance, but the Eagle Wing took control of Tal Hamra.",
                [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P)])
    clash, taking = only(a.events, "CLASH"), only(a.events, "TERRITORY")
    assert (taking.actors, taking.targets) == (["Eagle Wing"], ["Dawn Front"])
    assert sorted(clash.actors + clash.targets) == ["Dawn Front", "Eagle Wing"]


def test_a_war_monitor_is_the_monitor_the_report_names_before_or_after():
    text = ("The UN said 700 families fled. Airstrikes killed 12 civilians in Tal Hamra, a war monitor said. "
            "Half were children, the Britain-based Northland Observatory for Human Rights said.")
    a = extract(text, [("UN", O), ("Tal Hamra", P), ("Northland Observatory for Human Rights", O)])
    strike = only(a.events, "ATTACK")
    assert (strike.claim.source, strike.claim.certainty) == ("Northland Observatory for Human Rights", "reported")
    a = extract("The UN said 700 families fled. Airstrikes killed 12 civilians in Tal Hamra, a war monitor said.",
                [("UN", O), ("Tal Hamra", P)])
    assert only(a.events, "ATTACK").claim.source is None


def test_the_pronoun_after_a_verb_of_saying_is_the_party_that_says_it():
    a = extract("The Dawn Front said it had sent 500 fighters to Tal Hamra.", [("Dawn Front", A), ("Tal Hamra", P)])
    deployment = only(a.events, "DEPLOYMENT")
    assert (deployment.actors, deployment.claim.source, deployment.claim.certainty) == \
        (["Dawn Front"], "Dawn Front", "claimed")
    turkey = {"Turkey": Geo(39.0, 35.0, country="TR", precision="country")}
    a = extract_registered("Turkey's defence ministry on Monday said its jets struck the Dawn Front in Tal Hamra.",
                           [("Turkey", P), ("Dawn Front", A), ("Tal Hamra", P)], geo=turkey)
    strike = only(a.events, "ATTACK")
    assert (strike.actors, strike.targets, strike.claim.source, strike.claim.certainty) == \
        (["Turkey"], ["Dawn Front"], "Turkey", "claimed")


def test_where_the_speakers_are_is_not_who_speaks():
    places = {"Turkey": Geo(39.0, 35.0, country="TR", precision="country"),
              "Tal Hamra": Geo(36.0, 37.0, country="SY", precision="village")}
    for text in ("Rebels in Turkey said they captured Deir Hafer.",
                 "Fighting raged in Tal Hamra, and the rebels said they captured Deir Hafer.",
                 "The rebels of Tal Hamra said they captured Deir Hafer."):
        a = extract_registered(text, [("Turkey", P), ("Tal Hamra", P), ("Deir Hafer", P)], geo=places)
        assert only(a.events, "TERRITORY").actors == [], text


def test_compound_unit_names_are_part_of_their_parent():
    a = extract("Commander Abu Karim of the Guard Corps-Desert Force arrived.",
                [("Guard Corps", A), ("Desert Force", A), ("Abu Karim", G)])
    assert {("PART_OF", "Desert Force", "Guard Corps"), ("MEMBER_OF", "Abu Karim", "Desert Force")} <= relations(a)
    a = extract("The Guard Corps sent the Guard Corps-Desert Force.",
                [("Guard Corps-Desert Force=Desert Force", A), ("Guard Corps", A)])
    assert ("PART_OF", "Desert Force", "Guard Corps") in relations(a)
    a = extract("The Islamic Guard Corps sent the Guard Corps-Desert Force.",
                [("Guard Corps-Desert Force=Desert Force", A), ("Islamic Guard Corps", A)])
    assert ("PART_OF", "Desert Force", "Islamic Guard Corps") in relations(a)


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
    kafr_zeit = EventPlace("kafr_zeit")
    a = EventKey("ATTACK", "2017-11-19", "day", kafr_zeit, frozenset({"eagle_wing"}))
    b = EventKey("ATTACK", "2017-11", "month", kafr_zeit, frozenset({"eagle_wing", "dawn_front"}))
    assert same_event(a, b) >= 0.6
    assert same_event(a, EventKey("CLASH", "2017-11-19", "day", kafr_zeit)) == 0.0
    assert same_event(a, EventKey("ATTACK", "2017-10-02", "day", kafr_zeit)) == 0.0
    near = EventKey("ATTACK", "2017-11-19", "day", EventPlace("tal_hamra", (36.0, 37.0)), frozenset({"eagle_wing"}))
    close = EventKey("ATTACK", "2017-11-19", "day", EventPlace("kafr_zeit", (36.05, 37.05)), frozenset({"eagle_wing"}))
    far = EventKey("ATTACK", "2017-11-19", "day", EventPlace("x", (30.0, 40.0)), frozenset({"eagle_wing"}))
    assert same_event(near, close) > same_event(near, far)
    assert same_event(EventKey("ATTACK", "2017-11-19"), EventKey("ATTACK", "2017-11-19")) == 0.0


def test_a_report_naming_only_the_province_can_join_an_event_placed_in_a_village():
    village = EventPlace("kafr_zeit", (35.4, 36.6), "village", "SY", "Hama")
    province = EventPlace("hama_province", (35.2, 37.0), "admin1", "SY", "Hama")
    other_province = EventPlace("idlib_province", (35.8, 36.6), "admin1", "SY", "Idlib")
    a = EventKey("ATTACK", "2017-11-19", "day", village, frozenset({"eagle_wing"}))
    assert same_event(a, EventKey("ATTACK", "2017-11-19", "day", province, frozenset({"eagle_wing"}))) >= 0.6
    assert same_event(a, EventKey("ATTACK", "2017-11-19", "day", other_province, frozenset({"eagle_wing"}))) == 0.0


# --- evaluation helpers -------------------------------------------------------------------------

def test_acled_actor_names_and_matching():
    assert {name_key("SDF"), name_key("Syrian Democratic Forces")} <= acled_names("SDF: Syrian Democratic Forces")
    assert name_key("Tiger Forces") in acled_names("Military Forces of Northland (2000-) Tiger Forces")
    assert {name_key("Dawn Front"), name_key("Dawn Front - Eastlake")} <= acled_names("Dawn Front - Eastlake")
    assert name_key("Wa Nasr") in acled_names("Wa Nasr Operation Room")
    entity = Entity("e", A, "Northland Army", [Mention(0, 14, "Northland Army", A)], registry_id="northland_army")
    assert actor_matches(entity, "Military Forces of Northland (2000-)", STATE_REGISTRY)
    assert not actor_matches(entity, "Dawn Front", STATE_REGISTRY)
    assert actor_matches(None, "Unidentified Armed Group (Northland)", STATE_REGISTRY)


@pytest.mark.parametrize("note, place, expected", [
    ("Both sides lost men. Total fatalities coded as 7.", [], 7),
    ("Both camps suffered losses. Unknown fatalities coded as 3.", [], 3),
    ("Two fighters were killed, and later a third died of wounds. 3 fatalities.", [], 3),
    ("Unknown number of fatalities coded to 10 for a total fatality count of 16.", [], 16),
    ("Unknown fatalities coded as 6 and split, 3 each, between the two villages.", [], 3),
    ("Total fatalities coded as 12 and split evenly between the three events.", [], 4),
    ("Unknown fatalities are coded as 10 and divided on Tal Hamra and Deir Nur.", [], 5),
    ("Unknown fatalities coded as 10 and split as follows: 4 Tal Hamra, 3 Deir Nur and 3 Kafr Ali.",
     ["Deir Nur"], 3),
    ("Fatalities coded to 10 and split with 4 allocated to Tal Hamra and 3 each to Deir Nur and Kafr Ali.",
     ["Tal Hamra"], 4),
    ("Twelve fighters were killed in the clashes.", [], None),
])
def test_a_note_states_the_total_it_codes_and_its_share(note, place, expected):
    assert coded_total(note, place) == expected


def test_a_report_saying_nobody_died_codes_zero_and_otherwise_sums_its_events():
    assert states_no_deaths("Neither casualties nor fatalities were recorded.")
    assert not states_no_deaths("No word on casualties.")
    text = "The Dawn Front clashed with the Home Guard near Tal Hamra, killing 3. 3 fatalities."
    assert report_fatalities(extract(text, [("Dawn Front", A), ("Home Guard", A), ("Tal Hamra", P)])) == 3
    text = ("The Dawn Front clashed with the Home Guard near Tal Hamra, killing two fighters. "
            "Later the bodies of 4 members of the Home Guard were found in Deir Nur.")
    names = [("Dawn Front", A), ("Home Guard", A), ("Tal Hamra", P), ("Deir Nur", P)]
    assert report_fatalities(extract(text, names)) == 6


def _coded(text, names):
    analysis = extract_registered(text, names)
    sides = coded_actors(analysis, primary_event(analysis.events), STATE_REGISTRY)
    return [(s.entity.key if s.entity else s.generic) if s else None for s in sides]


def test_acled_codes_unnamed_sides_with_its_generic_actor_names():
    names = [("Dawn Front", A), ("Tal Hamra", P)]
    assert _coded("Unidentified gunmen attacked a Dawn Front checkpoint in Tal Hamra.", names) == \
        ["Unidentified Armed Group", "Dawn Front"]
    assert _coded("Rebel factions clashed with the Dawn Front in Tal Hamra.", names) == \
        ["Opposition Rebels", "Dawn Front"]
    assert _coded("The Dawn Front clashed with Israeli troops in Tal Hamra.", names) == \
        ["Military Forces of Israel", "Dawn Front"]
    assert _coded("The Dawn Front clashed with regime forces in Tal Hamra.", names) == \
        ["Military Forces", "Dawn Front"]  # the country is not known
    assert _coded("The Dawn Front clashed with the Islamic factions in Tal Hamra.", names) == \
        ["Dawn Front", "Islamist Militia"]  # "Islamic" as news writes it for Islamist
    assert _coded("The Dawn Front clashed with opposition and Islamic groups in Tal Hamra.", names) == \
        ["Dawn Front", "Opposition Rebels"]  # one side, not two
    with_country = [("Dawn Front", A), ("Iran", P), ("Tal Hamra", P)]
    assert _coded("The Dawn Front clashed with pro-Iran militias in Tal Hamra.", with_country) == \
        ["Dawn Front", "Militia (Pro-Iran)"]  # the country names only qualify the side
    assert _coded("The Dawn Front clashed with Iran-backed militiamen in Tal Hamra.", with_country) == \
        ["Dawn Front", "Militia (Pro-Iran)"]
    names = [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P)]
    assert _coded("Unknown gunmen believed to be Dawn Front members attacked an Eagle Wing checkpoint in Tal Hamra.",
                  names) == ["Dawn Front", "Eagle Wing"]
    assert _coded("Two gunmen riding a motorcycle, believed to be Dawn Front members, attacked an Eagle Wing checkpoint.",
                  names) == ["Dawn Front", "Eagle Wing"]


@pytest.mark.parametrize("text", [
    "A Dawn Front commander was shot dead in Tal Hamra.",
    "Two Dawn Front fighters were shot dead by unidentified gunmen in Tal Hamra.",
    "A Dawn Front commander died of wounds from an assassination attempt by an unidentified armed group.",
])
def test_acled_codes_the_unnamed_perpetrator_of_an_attack_as_an_unidentified_armed_group(text):
    assert _coded(text, [("Dawn Front", A), ("Tal Hamra", P)]) == ["Unidentified Armed Group", "Dawn Front"]


@pytest.mark.parametrize("text, sides", [
    ("Rebel fighters fought the Dawn Front in Tal Hamra, taking control of it.",
     ["Opposition Rebels", "Dawn Front"]),
    ("Clashes broke out between the Eagle Wing and the Dawn Front near Tal Hamra. The Dawn Front took control of "
     "Tal Hamra.", ["Dawn Front", "Eagle Wing"]),
])
def test_acled_codes_the_side_fought_as_the_one_a_place_was_taken_from(text, sides):
    assert _coded(text, [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P)]) == sides


def test_acled_codes_an_unnamed_side_that_was_attacked_as_the_victim_not_the_attacker():
    names = [("Tal Hamra", P)]
    assert _coded("A fighter of the rebel factions was found murdered near Tal Hamra.", names) == \
        ["Unidentified Armed Group", "Opposition Rebels"]
    assert _coded("Rebel factions attacked a checkpoint near Tal Hamra.", names)[0] == "Opposition Rebels"


def test_acled_codes_a_strike_air_defences_engage_against_the_air_defences_side():
    names = [("Dawn Front", A), ("Tal Hamra", P)]
    struck = "Israeli warplanes struck Dawn Front positions in Tal Hamra"
    assert _coded(f"{struck}.", names) == ["Military Forces of Israel", "Dawn Front"]
    assert _coded(f"{struck}, while Syrian air defences intercepted some of the missiles.", names) == \
        ["Military Forces of Israel", "Military Forces of Syria"]
    analysis = extract_registered(f"{struck}, while regime air defences intercepted some of the missiles.", names,
                                  geo={"Tal Hamra": Geo(35.0, 37.0, country="SY")})
    sides = coded_actors(analysis, primary_event(analysis.events), STATE_REGISTRY)
    assert [s.generic for s in sides] == ["Military Forces of Israel", "Military Forces of Syria"]


@pytest.mark.parametrize("text, force", [
    ("Regime troops and loyalist militias fought Islamist factions around Tal Hamra.",
     "Military Forces of Syria"),
    ("Regime forces clashed with Iraqi tribal fighters near Tal Hamra.", "Military Forces of Iraq"),
])
def test_a_report_that_only_says_the_regime_gets_the_country_the_registry_reads_it_as(text, force):
    analysis = extract_registered(text, [("Tal Hamra", P)], registry=load_registry())
    side, _ = coded_actors(analysis, primary_event(analysis.events), load_registry())
    assert side.generic == force


def test_the_nationality_words_decide_between_the_countries_a_report_s_groups_share():
    two_countries = Registry([parse_entry({"id": "dawn_front", "type": "ARMED_GROUP", "name": "Dawn Front",
                                           "operates_in": ["IQ", "SY"]}, "test")])
    names = [("Dawn Front", A)]
    for text, force in [("Regime forces clashed with the Dawn Front amid Syrian shelling.", "Military Forces of Syria"),
                        ("Regime forces clashed with the Dawn Front amid Iraqi shelling.", "Military Forces of Iraq")]:
        analysis = extract_registered(text, names, registry=two_countries)
        side, _ = coded_actors(analysis, primary_event(analysis.events), two_countries)
        assert side.generic == force


@pytest.mark.parametrize("text", [
    "Israeli, rebel and Islamist faction forces clashed with the Dawn Front in Tal Hamra.",
    "Israeli and rebel and Islamist factions took control of Tal Hamra from the Dawn Front.",
    "Israeli and allied faction fighters shelled Tal Hamra while clashing with the Dawn Front.",
    "Israeli and Eagle Wing fighters took control of Tal Hamra from the Dawn Front.",
    "Israeli and rebel and Islamist Eagle Wing Operation factions took control of Tal Hamra from the Dawn Front.",
    "Israeli and Eagle Wing took control of Tal Hamra from the Dawn Front.",
])
def test_acled_reads_a_nationality_opening_a_list_of_forces_as_that_state_s_forces(text):
    names = [("Dawn Front", A), ("Eagle Wing", A), ("Eagle Wing Operation factions", A), ("Tal Hamra", P)]
    assert _coded(text, names)[0] == "Military Forces of Israel"


@pytest.mark.parametrize("text", [
    "Pro-Israeli government forces attacked Dawn Front positions near Tal Hamra.",
    "The Dawn Front clashed with the pro-Israeli army militias near Tal Hamra.",
    "The Dawn Front fought militias loyal to the Northland Army near Tal Hamra.",
])
def test_acled_reads_militias_backing_a_state_as_pro_government_militias_not_its_forces(text):
    names = [("Dawn Front", A), ("Northland Army", A), ("Tal Hamra", P)]
    assert "Militia (Pro-Government)" in _coded(text, names)
    assert "northland_army" not in _coded(text, names)


def test_acled_codes_the_side_a_place_was_taken_from_not_the_taker_s_partner():
    text = ("Clashes broke out between the Dawn Front and the Eagle Wing. The Eagle Wing and militiamen loyal to "
            "the regime took control of Tal Hamra.")
    assert _coded(text, [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P)]) == ["Eagle Wing", "Dawn Front"]


def test_acled_reads_no_state_s_forces_in_a_nationality_that_opens_no_list_of_forces():
    text = "Israeli and Lebanese media said the Eagle Wing took control of Tal Hamra from the Dawn Front."
    assert _coded(text, [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P)]) == ["Eagle Wing", "Dawn Front"]


@pytest.mark.parametrize("text, force", [
    ("Israeli airstrikes hit Dawn Front positions in Tal Hamra.", "Military Forces of Israel"),
    ("An Israeli airstrike targeted Dawn Front positions in Tal Hamra.", "Military Forces of Israel"),
    ("Turkish shelling hit Dawn Front positions in Tal Hamra.", "Military Forces of Turkey"),
    ("Russian air strikes pounded Dawn Front positions in Tal Hamra.", "Military Forces of Russia"),
])
def test_acled_reads_a_nationality_before_a_strike_as_that_state_s_forces(text, force):
    assert _coded(text, [("Dawn Front", A), ("Tal Hamra", P)]) == [force, "Dawn Front"]


def test_acled_reads_a_nationality_before_one_aircraft_as_that_state_s_forces():
    text = "A Turkish drone struck Dawn Front positions in Tal Hamra."
    assert _coded(text, [("Dawn Front", A), ("Tal Hamra", P)]) == ["Military Forces of Turkey", "Dawn Front"]


def test_acled_codes_the_side_that_took_a_place_not_the_backer_of_the_side_it_was_taken_from():
    text = "Rebel factions regained control of Tal Hamra after clashes with the Dawn Front supported by loyalist militias."
    assert _coded(text, [("Dawn Front", A), ("Tal Hamra", P)]) == ["Opposition Rebels", "Dawn Front"]


@pytest.mark.parametrize("text", [
    "Clashes, accompanied by artillery fire and Russian air raids, erupted between the Dawn Front and the Eagle Wing "
    "in Tal Hamra.",
    "Amid Russian bombing of the hills, the Dawn Front fought the Eagle Wing in Tal Hamra.",
    "Amid Dawn Front mortar fire on the hills, the Dawn Front fought the Eagle Wing in Tal Hamra.",
])
def test_acled_keeps_the_strikes_that_go_with_a_clash_out_of_its_sides(text):
    assert _coded(text, [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P)]) == ["Dawn Front", "Eagle Wing"]


def test_acled_sides_of_a_clash_named_after_amid_are_still_its_sides():
    text = "Jets bombed the ridge above Tal Hamra amid clashes between the Dawn Front and the Eagle Wing."
    assert _coded(text, [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P)]) == ["Dawn Front", "Eagle Wing"]


def test_acled_strikes_that_go_with_a_clash_do_not_take_the_ground_it_gains():
    text = ("Clashes, accompanied by artillery fire and Russian air raids, erupted between the Dawn Front and the "
            "Eagle Wing, the Dawn Front taking control of Tal Hamra.")
    assert _coded(text, [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P)])[0] == "Dawn Front"


@pytest.mark.parametrize("text", [
    "Clashes took place among members of the Dawn Front in Tal Hamra over a dispute.",
    "Clashes took place between two groups of Dawn Front fighters in Tal Hamra.",
])
def test_acled_codes_a_clash_inside_one_side_as_that_side_against_itself(text):
    assert _coded(text, [("Dawn Front", A), ("Tal Hamra", P)]) == ["Dawn Front", "Dawn Front"]


def test_a_clash_with_one_named_side_and_no_sign_of_infighting_keeps_one_side():
    names = [("Dawn Front", A), ("Tal Hamra", P)]
    assert _coded("The Dawn Front clashed in Tal Hamra.", names) == ["Dawn Front", None]
    # a second side ACLED has no name for is still another side
    assert _coded("Clashes took place between the Dawn Front and Bedouin fighters in Tal Hamra.", names) == \
        ["Dawn Front", None]


def test_a_generic_state_force_and_the_registered_force_it_names_are_one_side():
    registry = Registry([parse_entry({"id": "syrian_army", "type": "ARMED_GROUP", "name": "Syrian Army",
                                      "aliases": ["Military Forces of Syria"], "country": "SY"}, "test"),
                         parse_entry({"id": "dawn_front", "type": "ARMED_GROUP", "name": "Dawn Front"}, "test")])
    text = "Government forces and the Syrian Army clashed with the Dawn Front near Tal Hamra."
    analysis = analysis_of(text, [("Syrian Army", A), ("Dawn Front", A), ("Tal Hamra", P)])
    for entity in analysis.entities:
        entity.registry_id = {"Syrian Army": "syrian_army", "Dawn Front": "dawn_front"}.get(entity.key)
    EventExtractor(registry=registry)(analysis)
    first, second = coded_actors(analysis, primary_event(analysis.events), registry)
    assert (first.generic, second.entity.name) == ("Military Forces of Syria", "Dawn Front")


def test_acled_names_families_or_local_groups_fighting_after_their_place():
    coded = _coded("Clashes took place between members of two families in Tal Hamra.", [("Tal Hamra", P)])
    assert coded[0] == "Tal Hamra Communal Militia"


def test_acled_names_armed_locals_after_their_place():
    names = [("Dawn Front", A), ("Tal Hamra", P), ("Ain Khadra", P)]
    assert _coded("Clashes took place between the Dawn Front and local gunmen in Tal Hamra.", names) == \
        ["Dawn Front", "Tal Hamra Communal Militia"]
    assert _coded("Local armed residents attacked a Dawn Front post in Tal Hamra.", names) == \
        ["Tal Hamra Communal Militia", "Dawn Front"]
    # gunmen said to come from a place are named after it, not after where they fought
    assert _coded("Unknown gunmen from Ain Khadra attacked a Dawn Front post in Tal Hamra.", names) == \
        ["Ain Khadra Communal Militia", "Dawn Front"]


def test_acled_names_tribal_fighters_after_their_tribe():
    names = [("Dawn Front", A), ("Al Qamar", O), ("Tal Hamra", P)]
    # a tribe the model found or not, and two tribes listed before one "tribal militiamen"
    assert _coded("Clashes took place between Al Qamar and Albu Ward tribal militiamen in Tal Hamra.", names) == \
        ["Al Qamar Tribal Militia", "Albu Ward Tribal Militia"]
    assert _coded("Albu Ward tribesmen attacked a Dawn Front checkpoint in Tal Hamra.", names) == \
        ["Albu Ward Tribal Militia", "Dawn Front"]
    assert _coded("Fighting broke out in Tal Hamra between armed members of the Al Qamar tribe and the Dawn Front.",
                  names) == ["Al Qamar Tribal Militia", "Dawn Front"]
    # gunmen from a tribe the model took for a place are the tribe's, not a community's
    assert _coded("Clashes took place between the Dawn Front and gunmen from Tal Hamra tribe.", names) == \
        ["Dawn Front", "Tal Hamra Tribal Militia"]
    # a registered group listed with a tribe is not one, nor is a people ("Arab")
    assert "Dawn Front" in _coded("Clashes took place between Dawn Front and Albu Ward tribal militiamen in "
                                  "Tal Hamra.", names)
    assert not any("Arab" in (side or "") for side in
                   _coded("The Dawn Front clashed with Arab tribal fighters in Tal Hamra.", names))


THREE_GROUPS = [("Dawn Front", A), ("Home Guard", A), ("Eagle Wing", A), ("Tal Hamra", P)]


def test_acled_sides_of_a_clash_come_in_the_reports_order_without_supporters():
    names = THREE_GROUPS
    text = "Clashes took place between the Dawn Front and the Eagle Wing in Tal Hamra."
    assert _coded(text, names) == ["Dawn Front", "Eagle Wing"]
    text = "Clashes took place between rebels, backed by the Home Guard, against the Dawn Front in Tal Hamra."
    assert _coded(text, names) == ["Opposition Rebels", "Dawn Front"]


@pytest.mark.parametrize("text", [
    "The Home Guard and the Eagle Wing clashed with the Dawn Front in Tal Hamra.",
    "Clashes took place between the Home Guard and the Eagle Wing against the Dawn Front in Tal Hamra.",
    "The Home Guard, with the Eagle Wing, fought the Dawn Front in Tal Hamra.",
])
def test_acled_codes_the_side_a_clash_is_fought_against_second_not_the_first_sides_partner(text):
    assert _coded(text, THREE_GROUPS) == ["Home Guard", "Dawn Front"]


@pytest.mark.parametrize("text", [
    "Dawn Front forces operating as part of the Eagle Wing captured Tal Hamra from the Home Guard.",
    "The Dawn Front, operating under the Eagle Wing, captured Tal Hamra from the Home Guard.",
    "Rebel fighters operating as part of the Eagle Wing captured Tal Hamra from the Home Guard.",
    "Dawn Front fighters under the Eagle Wing captured Tal Hamra from the Home Guard.",
    "The Dawn Front, whom are operating under the Eagle Wing, captured Tal Hamra from the Home Guard.",
    "The Dawn Front, who operates under the Eagle Wing, captured Tal Hamra from the Home Guard.",
    "The Dawn Front - Tal Hamra, which operates under the Eagle Wing, captured Tal Hamra from the Home Guard.",
])
def test_acled_codes_a_side_fighting_as_part_of_a_named_operation_as_that_operation(text):
    assert _coded(text, THREE_GROUPS) == ["Eagle Wing", "Home Guard"]


@pytest.mark.parametrize("text", [
    "Clashes took place between the Dawn Front who operates under the Eagle Wing and the Home Guard in Tal Hamra.",
    "Clashes took place between the Dawn Front - Tal Hamra, which operates under the Eagle Wing, and the Home Guard.",
])
def test_the_coalition_a_side_fights_in_is_not_the_other_side_of_a_clash(text):
    clash = only(extract_registered(text, THREE_GROUPS).events, "CLASH")
    assert (clash.actors, clash.targets) == (["Dawn Front"], ["Home Guard"])
    assert _coded(text, THREE_GROUPS) == ["Eagle Wing", "Home Guard"]


def test_pro_government_fighters_named_with_the_other_side_s_noun_are_a_side():
    names = [("Dawn Front", A), ("Tal Hamra", P)]
    assert _coded("Fighting broke out in Tal Hamra between pro-government and Dawn Front fighters.", names) == \
        ["Militia (Pro-Government)", "Dawn Front"]


@pytest.mark.parametrize("text", [
    "The Dawn Front, supported by the Stone Brigade who operates under the Eagle Wing, captured Tal Hamra from the"
    " Home Guard.",
    "Dawn Front forces backed by the Stone Brigade, operating as part of the Eagle Wing, captured Tal Hamra from the"
    " Home Guard.",
])
def test_acled_codes_a_side_whose_supporters_fight_as_part_of_an_operation_as_that_operation(text):
    names = [*THREE_GROUPS, ("Stone Brigade", A)]
    assert _coded(text, names) == ["Eagle Wing", "Home Guard"]


def test_acled_codes_a_side_merely_supported_by_another_group_as_itself():
    names = [*THREE_GROUPS, ("Stone Brigade", A)]
    text = "The Dawn Front, supported by the Stone Brigade, captured Tal Hamra from the Home Guard."
    assert _coded(text, names) == ["Dawn Front", "Home Guard"]


def test_acled_codes_a_group_named_right_before_an_operation_as_that_operation():
    names = [("Dawn Front", A), ("Sunrise forces", A), ("Home Guard", A), ("Tal Hamra", P)]
    text = "Dawn Front Sunrise forces captured Tal Hamra from the Home Guard."
    assert _coded(text, names) == ["Sunrise forces", "Home Guard"]
    text = "The Dawn Front and Sunrise forces captured Tal Hamra from the Home Guard."  # two sides, not one under the other
    assert _coded(text, names)[0] == "Dawn Front"


def test_acled_codes_the_side_a_named_group_only_backs_as_the_one_that_acted():
    text = "Government forces, backed by the Home Guard, took Tal Hamra from the Dawn Front."
    assert _coded(text, THREE_GROUPS) == ["Military Forces", "Dawn Front"]
    text = "The Home Guard, backed by government forces, took Tal Hamra from the Dawn Front."
    assert _coded(text, THREE_GROUPS) == ["Home Guard", "Dawn Front"]


def test_acled_codes_the_unnamed_side_fought_before_a_capture_as_the_side_it_was_taken_from():
    names = [("Dawn Front", A), ("Tal Hamra", P)]
    assert _coded("Following clashes with rebels, Dawn Front fighters took control of Tal Hamra.", names) == \
        ["Dawn Front", "Opposition Rebels"]


def test_acled_names_a_state_s_forces_first_among_the_sides_that_took_a_place_together():
    names = [("Dawn Front", A), ("Northland Army", A), ("Home Guard", A), ("Tal Hamra", P)]
    assert _coded("The Dawn Front and the Northland Army took control of Tal Hamra from the Home Guard.", names) == \
        ["Northland Army", "Home Guard"]
    assert _coded("The Dawn Front took control of Tal Hamra from the Home Guard and the Northland Army.", names) == \
        ["Dawn Front", "Home Guard"]


def test_acled_names_a_state_s_unnamed_forces_first_among_the_unnamed_sides_that_took_a_place_together():
    names = [("Dawn Front", A), ("Tal Hamra", P)]
    for text in ("Regime force and loyalist militias managed to regain Tal Hamra from the Dawn Front.",
                 "Regime and loyalist militiamen recaptured Tal Hamra from the Dawn Front."):
        assert _coded(text, names) == ["Military Forces", "Dawn Front"]
    text = "Following clashes with regime forces, loyalist militiamen took control of Tal Hamra."
    assert _coded(text, names)[0] == "Militia (Pro-Government)"


def test_acled_puts_the_state_first_in_a_clash_unless_the_report_says_who_attacked():
    names = [("Dawn Front", A), ("Northland Army", A), ("Tal Hamra", P)]
    text = "Clashes took place between the Dawn Front and the Northland Army in Tal Hamra."
    assert _coded(text, names) == ["Northland Army", "Dawn Front"]
    text = "The Dawn Front attacked Northland Army positions in Tal Hamra."
    assert _coded(text, names) == ["Dawn Front", "Northland Army"]


def test_acled_leaves_out_of_a_clash_a_side_named_only_in_a_clause_on_its_circumstances():
    names = [("Dawn Front", A), ("Eagle Wing", A), ("Northland Army", A), ("Tal Hamra", P)]
    opening = "Amidst heavy regime bombardment of the town, "
    assert _coded(opening + "the Dawn Front battled the Eagle Wing in Tal Hamra.", names) == ["Dawn Front", "Eagle Wing"]
    text = "On 2 May 2021, amid Northland Army shelling, the Dawn Front battled the Eagle Wing in Tal Hamra."
    assert _coded(text, names) == ["Dawn Front", "Eagle Wing"]
    text = "Amid Northland Army shelling, clashes took place between the Dawn Front and the Northland Army in Tal Hamra."
    assert _coded(text, names) == ["Northland Army", "Dawn Front"]  # named again as a side
    text = "In the midst of regime shelling, the Dawn Front battled the Eagle Wing in Tal Hamra."
    assert _coded(text, names) == ["Dawn Front", "Eagle Wing"]


def test_acled_puts_the_side_said_to_have_started_a_clash_between_two_first_but_for_a_state_s_forces():
    names = [("Dawn Front", A), ("Eagle Wing", A), ("Northland Army", A), ("Tal Hamra", P)]
    text = "Clashes took place between the Dawn Front and the Eagle Wing in Tal Hamra, sparked by an attack by the latter."
    assert _coded(text, names) == ["Eagle Wing", "Dawn Front"]
    text = "Clashes took place between the Dawn Front and the Eagle Wing in Tal Hamra after the former raided a checkpoint."
    assert _coded(text, names) == ["Dawn Front", "Eagle Wing"]
    text = "The Dawn Front clashed with the Eagle Wing in Tal Hamra after the latter attacked its positions."
    assert _coded(text, names) == ["Dawn Front", "Eagle Wing"]  # the report's subject stays first
    text = "Clashes took place between the Northland Army and the Dawn Front in Tal Hamra, sparked by an attack by the latter."
    assert _coded(text, names) == ["Northland Army", "Dawn Front"]


def test_acled_sets_the_leaders_of_the_two_camps_of_a_clash_against_each_other():
    names = [("Dawn Front", A), ("Eagle Wing", A), ("Southland Army", A), ("Tal Hamra", P)]
    text = "The Dawn Front and the Southland Army clashed with the Eagle Wing in Tal Hamra."
    assert _coded(text, names) == ["Dawn Front", "Eagle Wing"]  # a foreign state backing a side does not lead it
    text = "The Dawn Front battled the Eagle Wing, government forces and loyalist militias in Tal Hamra."
    analysis = extract_registered(text, names, geo={"Tal Hamra": Geo(35.0, 37.0, country="SY")})
    sides = coded_actors(analysis, primary_event(analysis.events), STATE_REGISTRY)
    assert [s.generic or s.entity.key for s in sides] == ["Military Forces of Syria", "Dawn Front"]
    text = "The Dawn Front and the Southland Army clashed in Tal Hamra, killing 2 Southland soldiers."
    names = [("Dawn Front", A), ("Southland Army", A), ("Southland=Southland Army", A), ("Tal Hamra", P)]
    analysis = extract_registered(text, names, geo={"Tal Hamra": Geo(35.0, 37.0, country="SY")})
    sides = coded_actors(analysis, primary_event(analysis.events), STATE_REGISTRY)
    assert [s.generic or s.entity.key for s in sides] == ["Southland Army", "Dawn Front"]  # its soldiers: no side


def test_acled_codes_an_event_known_only_by_its_province_at_the_province_s_main_town():
    province = Entity("p", "PLACE", "Northland", geo=Geo(35.0, 38.0, precision="admin1", seat=(36.2, 37.15)))
    town = Entity("t", "PLACE", "Tal Hamra", geo=Geo(35.5, 38.5, precision="village", seat=None))
    assert coded_point(province) == (36.2, 37.15)
    assert coded_point(town) == (35.5, 38.5)


def test_a_generic_actor_matches_the_acled_name_it_stands_for():
    assert actor_matches(CodedActor(0, generic="Military Forces of Northland"), "Military Forces of Northland (2000-)",
                         STATE_REGISTRY)
    assert actor_matches(CodedActor(0, generic="Opposition Rebels"), "Opposition Rebels (Northland)", STATE_REGISTRY)
    assert not actor_matches(CodedActor(0, generic="Opposition Rebels"), "Dawn Front", STATE_REGISTRY)


def test_acled_codes_a_strike_met_by_air_defences_as_a_clash():
    names = [("Eagle Wing", A), ("Tal Hamra", P)]
    a = extract("Eagle Wing jets carried out airstrikes on Tal Hamra.", names)
    assert coded_sub_event_type(a, primary_event(a.events)) == "Air/drone strike"
    a = extract("Eagle Wing jets carried out airstrikes on Tal Hamra. Air defences engaged the jets.", names)
    assert coded_sub_event_type(a, primary_event(a.events)) == "Armed clash"


@pytest.mark.parametrize("sentence, coded", [
    ("The Dawn Front captured several Eagle Wing positions near Tal Hamra.", "Armed clash"),
    ("The Dawn Front seized several of their forward posts in Tal Hamra.", "Armed clash"),
    ("The Dawn Front took partial control of Tal Hamra.", "Armed clash"),
    ("The Dawn Front briefly captured Tal Hamra.", "Armed clash"),
    ("The Dawn Front captured Tal Hamra.", "Non-state actor overtakes territory"),
    ("The Dawn Front captured the hills of Tal Hamra.", "Non-state actor overtakes territory"),
    ("The Dawn Front captured strategic hill '915' near Tal Hamra.", "Non-state actor overtakes territory"),
])
def test_acled_codes_positions_or_partial_control_taken_in_a_fight_as_a_clash(sentence, coded):
    names = [("Eagle Wing", A), ("Dawn Front", A), ("Tal Hamra", P)]
    a = extract(f"{sentence} Clashes with Eagle Wing continued.", names)
    assert coded_sub_event_type(a, primary_event(a.events)) == coded


@pytest.mark.parametrize("answer, coded", [
    ("The Dawn Front returned fire with mortars.", "Armed clash"),
    ("The Dawn Front responded by shelling Eagle Wing positions.", "Armed clash"),
    ("In response, the Dawn Front fired rockets at the gunners.", "Armed clash"),
    ("The strike came in response to an attack on Kafr Zeit last week.", "Shelling/artillery/missile attack"),
])
def test_acled_codes_shelling_the_other_side_answers_as_a_clash(answer, coded):
    names = [("Eagle Wing", A), ("Dawn Front", A), ("Tal Hamra", P), ("Kafr Zeit", P)]
    a = extract(f"Eagle Wing artillery shelled Tal Hamra. {answer}", names)
    assert coded_sub_event_type(a, primary_event(a.events)) == coded


@pytest.mark.parametrize("sentence, sub", [
    ("Eagle Wing warplanes carried out raids on Tal Hamra.", "Air/drone strike"),
    ("Eagle Wing fighters raided a Dawn Front hideout in Tal Hamra.", "Armed clash"),
])
def test_a_raid_is_by_air_only_when_aircraft_are_named(sentence, sub):
    a = extract(sentence, [("Eagle Wing", A), ("Dawn Front", A), ("Tal Hamra", P)])
    assert primary_event(a.events).sub_event_type == sub


@pytest.mark.parametrize("sentence, sub", [
    ("A wave of bombings hit Tal Hamra.", "Remote explosive/landmine/IED"),
    ("Eagle Wing warplanes carried out aerial bombings on Tal Hamra.", "Air/drone strike"),
])
def test_bombings_are_by_explosives_unless_aircraft_are_named(sentence, sub):
    a = extract(sentence, [("Eagle Wing", A), ("Dawn Front", A), ("Tal Hamra", P)])
    assert primary_event(a.events).sub_event_type == sub


def test_acled_location_is_the_finest_place_the_report_allows():
    text = "The Dawn Front clashed with the Eagle Wing in the Hamra countryside. The fighting was near Kafr Ali."
    a = extract(text, [("Dawn Front", A), ("Eagle Wing", A), ("Hamra", P), ("Kafr Ali", P)])
    a.entity("Hamra").geo = Geo(36.0, 37.0, precision="admin1")
    assert coded_place(a, primary_event(a.events)).key == "Hamra"
    a.entity("Kafr Ali").geo = Geo(36.1, 37.1, precision="village")
    assert coded_place(a, primary_event(a.events)).key == "Kafr Ali"


def test_acled_location_is_a_town_inside_the_event_s_province_before_one_listed_from_another():
    text = ("The Dawn Front clashed with the Eagle Wing in the Hamra countryside. "
            "Shelling was reported in Kafr Ali and Tal Sawda.")
    a = extract(text, [("Dawn Front", A), ("Eagle Wing", A), ("Hamra", P), ("Kafr Ali", P), ("Tal Sawda", P)])
    a.entity("Hamra").geo = Geo(36.0, 37.0, country="SY", admin1="Hamra", precision="admin1")
    a.entity("Kafr Ali").geo = Geo(35.2, 36.6, country="SY", admin1="Basin", precision="village")
    a.entity("Tal Sawda").geo = Geo(36.1, 37.1, country="SY", admin1="Hamra", precision="village")
    assert coded_place(a, primary_event(a.events)).key == "Tal Sawda"


def test_acled_location_is_the_event_s_own_place_where_the_text_places_it_near_a_town():
    text = "The Dawn Front captured Tal Sawda near Hamra from the Eagle Wing. Kafr Ali was calm."
    a = extract(text, [("Dawn Front", A), ("Eagle Wing", A), ("Tal Sawda", P), ("Hamra", P), ("Kafr Ali", P)])
    a.entity("Hamra").geo = Geo(36.0, 37.0, country="SY", admin1="Hamra", precision="city", name="Hamra")
    a.entity("Kafr Ali").geo = Geo(36.1, 37.1, country="SY", admin1="Hamra", precision="village", name="Kafr Ali")
    a.entity("Tal Sawda").geo = Geo(36.0, 37.0, country="SY", admin1="Hamra", precision="admin2")  # near Hamra
    assert primary_event(a.events).place == a.entity("Tal Sawda").key
    assert coded_place(a, primary_event(a.events)).key == "Tal Sawda"
    a.entity("Tal Sawda").geo = Geo(36.0, 37.0, country="SY", admin1="Hamra", precision="admin2", name="Hamra District")
    assert coded_place(a, primary_event(a.events)).key == "Hamra"  # a district: a town in it says more


def test_acled_location_without_a_town_is_the_narrowest_area_named():
    text = "The Dawn Front shelled the Eagle Wing in the Hamra countryside, on the Jabal Ali front."
    a = extract(text, [("Dawn Front", A), ("Eagle Wing", A), ("Hamra", P), ("Jabal Ali", P)])
    a.entity("Hamra").geo = Geo(36.0, 37.0, precision="admin1", seat=(36.2, 37.1))
    assert coded_place(a, primary_event(a.events)).key == "Hamra"
    a.entity("Jabal Ali").geo = Geo(36.1, 36.6, precision="admin2")
    assert coded_place(a, primary_event(a.events)).key == "Jabal Ali"


@pytest.mark.parametrize("text", [
    "Dawn Front fighters backed by the military of Norland took Tal Hamra from the Eagle Wing.",
    "Norland-backed Dawn Front fighters took Tal Hamra from the Eagle Wing.",
    "Pro-Norland Dawn Front fighters took Tal Hamra from the Eagle Wing.",
])
def test_acled_location_is_never_a_country_named_only_as_whose_a_side_is(text):
    a = extract(text, [("Dawn Front", A), ("Eagle Wing", A), ("Tal Hamra", P), ("Norland", P)])
    a.entity("Norland").geo = Geo(39.0, 35.0, country="NL", precision="country")
    assert coded_place(a, primary_event(a.events)) is None  # Tal Hamra is not in the gazetteer
    a.entity("Tal Hamra").geo = Geo(36.1, 37.1, country="SY", precision="village")
    assert coded_place(a, primary_event(a.events)).key == "Tal Hamra"


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


ACLED_NAMES = [("Northland Army", A), ("Dawn Front", A), ("Tal Hamra", P)]
CLASH_KILLING_THREE = "The Northland Army clashed with the Dawn Front in Tal Hamra, killing three."
RECAPTURE = "The Northland Army recaptured Tal Hamra from the Dawn Front."
FIRST_ROW = {"event_id_cnty": "X1", "event_date_iso": "2017-11-20", "fatalities": "3", "notes": CLASH_KILLING_THREE}


def write_acled_rows(path: Path, *rows: dict) -> Path:
    """An ACLED export of rows coding the Northland Army against the Dawn Front at (36.0, 37.0),
    each row's own columns (date, sub-event type, fatalities, notes ...) over those."""
    base = {"event_id_cnty": "", "event_date_iso": "", "sub_event_type": "Armed clash",
            "actor1": "Military Forces of Northland (2000-)", "actor2": "Dawn Front", "latitude": "36.0",
            "longitude": "37.0", "fatalities": "0", "notes": ""}
    full = [{**base, **row} for row in rows]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(full[0]))
        writer.writeheader()
        writer.writerows(full)
    return path


def test_evaluate_acled_on_rows_written_here(tmp_path):
    path = write_acled_rows(
        tmp_path / "acled.csv",
        FIRST_ROW,
        {"event_id_cnty": "X2", "event_date_iso": "2017-11-21", "sub_event_type": "Government regains territory",
         "notes": RECAPTURE})
    geo = {"Tal Hamra": Geo(36.01, 37.01, precision="village")}
    result = evaluate_acled(path, lambda: _Analyzer(ACLED_NAMES, geo), registry=STATE_REGISTRY)
    assert result["rows"] == 2
    assert result["accuracy"] == {"sub_event_type": 1.0, "actor1": 1.0, "actor2": 1.0,
                                  "location_25km": 1.0, "fatalities": 1.0, "date": 1.0}
    assert result["confusion"]["Government regains territory"] == {"Government regains territory": 1}


def test_evaluate_acled_reports_each_row_it_codes_differently(tmp_path):
    path = write_acled_rows(
        tmp_path / "acled.csv",
        {**FIRST_ROW, "location": "Tal Hamra"},
        {"event_id_cnty": "X2", "event_date_iso": "2017-11-21", "location": "Tal Hamra", "fatalities": "5",
         "notes": RECAPTURE})
    geo = {"Tal Hamra": Geo(36.01, 37.01, precision="village")}
    misses = []
    evaluate_acled(path, lambda: _Analyzer(ACLED_NAMES, geo), registry=STATE_REGISTRY, on_miss=misses.append)
    assert [m["id"] for m in misses] == ["X2"]
    miss = misses[0]
    assert miss["missed"] == ["sub_event_type", "fatalities"]
    assert miss["acled"]["sub_event_type"] == "Armed clash"
    assert miss["sitrep"]["sub_event_type"] == "Government regains territory"
    assert miss["sitrep"]["actor1"] == "Northland Army" and miss["sitrep"]["location"]["name"] == "Tal Hamra"
    assert miss["notes"].startswith("The Northland Army recaptured")


class _Areas:
    """Stands in for the gazetteer: the first-level areas of a name."""

    def __init__(self, *areas: Place):
        self.areas = areas

    def candidates(self, name):
        return [a for a in self.areas if name in (a.name, a.admin1)]


def test_evaluate_acled_reports_whether_the_place_lies_in_the_row_s_province(tmp_path):
    path = write_acled_rows(
        tmp_path / "acled.csv",
        {**FIRST_ROW, "admin1": "Hamra Hills"},
        {"event_id_cnty": "X2", "event_date_iso": "2017-11-21", "admin1": "Rural Hamra", "latitude": "36.4",
         "notes": "The Northland Army clashed with the Dawn Front in Tal Hamra."})
    geo = {"Tal Hamra": Geo(36.01, 37.01, "XN", "Hamra Hills", precision="village")}
    hills = Place("hills", "Hamra Hills Province", 36.0, 37.0, "admin1", "XN", "Hamra Hills")
    rural = Place("rural", "Rural Hamra", 36.5, 37.0, "admin1", "XN", "Rif Hamra")
    result = evaluate_acled(path, lambda: _Analyzer(ACLED_NAMES, geo), registry=STATE_REGISTRY,
                            gazetteer=_Areas(hills, rural))
    assert result["accuracy"]["admin1"] == 0.5  # the second row's place lies in another province
    assert result["accuracy"]["location_25km"] == 0.5


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
    assert (key.type, key.date, key.participants, key.place.coordinates, key.place.precision) == \
        ("ATTACK", "2017-11-19", frozenset({"kb:eagle_wing"}), (36.0, 37.0), "village")


def test_case2021_labels_from_cues_and_from_events():
    classify = case_classifier(_Analyzer([("Eagle Wing", A), ("Kafr Zeit", P)], {}),
                               EventExtractor(registry=STATE_REGISTRY, keep_bare=True))
    assert classify("Thousands of protesters marched peacefully through the capital.") == "PEACE_PROTEST"
    assert classify("Police fired tear gas to disperse protesters.") == "PROTEST_WITH_INTER"
    assert classify("A strong earthquake struck the region.") == "NATURAL_DISASTER"
    assert classify("Eagle Wing warplanes carried out airstrikes on Kafr Zeit.") == "AIR_STRIKE"
    assert classify("The Eagle Wing recaptured Kafr Zeit.") == "NON_STATE_ACTOR_OVERTAKES_TER"
    assert classify("Nothing of note happened.") == "OTHER"


def test_case2021_labels_a_weapon_before_the_fighting_around_it_and_names_more_disasters():
    classify = case_classifier(_Analyzer([("Eagle Wing", A), ("Kafr Zeit", P)], {}),
                               EventExtractor(registry=STATE_REGISTRY, keep_bare=True))
    assert classify("Two Eagle Wing fighters died in a grenade explosion amid clashes in Kafr Zeit.") == "GRENADE"
    assert classify("A chemical leak at a fertiliser plant sent forty workers to hospital.") == "MAN_MADE_DISASTER"
    assert classify("The army set up a new observation post near Kafr Zeit.") == "HQ_ESTABLISHED"
    assert classify("Eagle Wing gunmen abducted two soldiers near Kafr Zeit.") == "ABDUCT_DISSAP"
    assert classify("Police broke up a fraud ring that sold fake degrees.") == "ORG_CRIME"
    assert classify("Soldiers stand before a stash of rockets found in a farmhouse.") == "DISR_WEAP"
    assert classify("A furnace at a steel plant exploded, injuring six workers.") == "MAN_MADE_DISASTER"
    assert classify("A bomb hidden in a rubbish container exploded near Kafr Zeit.") == "REM_EXPLOS"
    assert classify("Villagers choked after an attack with poisonous gas on Kafr Zeit.") == "CHEM_WEAP"
    assert classify("Workers fell ill after poisonous gas leaked from a fertiliser plant.") == "MAN_MADE_DISASTER"
    assert classify("Missiles fired by the Eagle Wing hit Kafr Zeit.") == "ART_MISS_ATTACK"
    assert classify("The Eagle Wing arrested three fighters in Kafr Zeit.") == "ARREST"
    assert classify("Police seized twelve illegal firearms in a raid.") == "DISR_WEAP"
