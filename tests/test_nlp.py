"""The analyze stage on sentences written for these tests."""

import pytest
import spacy

from sitrep.models import Document, Mention
from sitrep.nlp.entities import registry_patterns
from sitrep.nlp.ner import named_places
from sitrep.nlp.pipeline import (Analyzer, cut_at_locatives, dateline_places, join_name_words, places_after_ground_words, joined_into_town_names, merge_mentions,
                                 numbered_units, retyped_after_place_cues, retyped_as_places, towns_of_stated_areas)
from sitrep.registry import load_registry_files
from sitrep.nlp.sentences import sentence_spans, set_sentence_starts


def entities_by_registry(analysis):
    return {e.registry_id: e for e in analysis.entities if e.registry_id}


def test_sentences_do_not_split_after_rank_abbreviations():
    text = "Maj. Gen. Qassem Soleimani arrived. He left on Monday."
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["Maj. Gen. Qassem Soleimani arrived.", "He left on Monday."]


def test_the_sentences_found_mark_the_tokens_that_open_them():
    text = "Maj. Gen. Qassem Soleimani arrived. He left on Monday.\nFighters marched."
    sdoc = spacy.blank("en").make_doc(text)
    set_sentence_starts(sdoc, sentence_spans(text))
    assert [s.text.strip() for s in sdoc.sents] == ["Maj. Gen. Qassem Soleimani arrived.", "He left on Monday.",
                                                    "Fighters marched."]


def test_paragraph_breaks_end_headlines():
    text = "Militia parades near Aleppo\n\nFighters marched on Monday."
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Militia parades near Aleppo",
                                                            "Fighters marched on Monday."]


def test_titles_are_kept_out_of_person_spans_but_recorded(analyzer):
    analysis = analyzer.analyze(Document("d", "Major General Qassem Soleimani toured the front."))
    mention = entities_by_registry(analysis)["qassem_soleimani"].mentions[0]
    assert (mention.text, mention.title) == ("Qassem Soleimani", "Major General")


def test_acronyms_match_case_sensitively(analyzer):
    analysis = analyzer.analyze(Document("d", "IS fighters withdrew. This is what it is."))
    islamic_state = entities_by_registry(analysis)["islamic_state"]
    assert [m.text for m in islamic_state.mentions] == ["IS"]


def test_containment_is_not_identity(analyzer):
    text = "Kataib Hezbollah and Lebanese Hezbollah both sent fighters. Hezbollah Brigades denied it."
    found = entities_by_registry(analyzer.analyze(Document("d", text)))
    assert [m.text for m in found["kataib_hezbollah"].mentions] == ["Kataib Hezbollah", "Hezbollah Brigades"]
    assert [m.text for m in found["hezbollah"].mentions] == ["Lebanese Hezbollah"]


def test_short_forms_link_to_the_full_name(analyzer):
    text = "Qassem Soleimani was seen in Aleppo. Soleimani's presence was confirmed."
    person = entities_by_registry(analyzer.analyze(Document("d", text)))["qassem_soleimani"]
    assert [m.text for m in person.mentions] == ["Qassem Soleimani", "Soleimani"]


def test_acronym_defined_in_text_joins_its_full_name(analyzer):
    text = "The Quds Force (QF) sent advisers. Later QF officers left."
    force = entities_by_registry(analyzer.analyze(Document("d", text)))["irgc_qods_force"]
    assert [m.text for m in force.mentions] == ["Quds Force", "QF", "QF"]


def test_equipment_and_its_plural(analyzer):
    text = "Video shows two BTR-80s and a TOW launcher."
    found = entities_by_registry(analyzer.analyze(Document("d", text)))
    assert [m.text for m in found["equipment:btr_80"].mentions] == ["BTR-80s"]
    assert found["equipment:tow"].type == "EQUIPMENT"


def test_hyphen_compound_names_the_unit(analyzer):
    analysis = analyzer.analyze(Document("d", "Commanders of the Hezbollah Brigades-Quds Force met."))
    found = entities_by_registry(analysis)
    assert [m.text for m in found["irgc_qods_force"].mentions] == ["Hezbollah Brigades-Quds Force"]
    assert "kataib_hezbollah" not in found


def test_numbered_units_are_armed_groups(analyzer):
    analysis = analyzer.analyze(Document("d", "Fighters from its Second Brigade and the 4th Division marched."))
    units = {m.text for e in analysis.entities for m in e.mentions if e.type == "ARMED_GROUP"}
    assert units == {"Second Brigade", "4th Division"}


@pytest.mark.parametrize(("text", "unit"), [
    ("Gunmen attacked 47 Armored Brigade positions near the town.", "47 Armored Brigade"),
    ("A 17th Division Special Forces member was killed.", "17th Division Special Forces"),
    ("Two 90th Armoured Brigade officers were wounded.", "90th Armoured Brigade"),
])
def test_a_numbered_unit_keeps_its_arm_and_number(text, unit):
    assert [m.text for m in numbered_units(text)] == [unit]


@pytest.mark.parametrize(("text", "place"), [
    ("Rebels and the SDF clashed on Tal Malid frontline in Aleppo countryside.", "Tal Malid"),
    ("A sniper killed a soldier on the Tal al Safa axis.", "Tal al Safa"),
    ("Shelling hit positions along the Kafr Nabudah front line.", "Kafr Nabudah"),
    ("Gunmen fired on a checkpoint in the vicinity of Maarat Misrin at dawn.", "Maarat Misrin"),
    ("Troops entered the Syrian town of Jarjanaz on Monday.", "Jarjanaz"),
    ("Residents of Umm Batinah village fled.", "Umm Batinah"),
    ("Regime forces clashed with rebels in Khan al-Sabeel in Idlib.", "Khan al-Sabeel"),
    ("The rebels took the Al-Rashdeen area from the army.", "Al-Rashdeen"),
    ("Troops advanced to control Kharrata oil field at dawn.", "Kharrata"),
    ("Rebels and the QSD exchanged fire along the frontline of A'rima at night.", "A'rima"),
    ("Gunmen attacked a checkpoint in the countryside of Sur at night.", "Sur"),
    ("Clashes broke out in the area of Kafr Loma at dawn.", "Kafr Loma"),
])
def test_a_place_named_by_what_it_is_is_a_place_the_model_missed(analyzer, text, place):
    analysis = analyzer.analyze(Document("d", text))
    assert [e.name for e in analysis.entities if e.type == "PLACE"] == [place]


BROADCASTER = """
- id: dawn_tv
  type: ORGANIZATION
  name: Al-Fajeer TV
  aliases: [Al-Fajeer]
"""


@pytest.mark.parametrize("text, kind", [("Gunmen ambushed a patrol near Al-Fajir town.", "PLACE"),
                                        ("Shelling hit the village of Al-Fajir.", "PLACE"),
                                        ("Al-Fajir aired the footage on Monday.", "ORGANIZATION")])
def test_a_registry_name_spelled_otherwise_yields_to_words_that_call_it_a_place(tmp_path, text, kind):
    assert _entity_types(tmp_path, BROADCASTER, text) == [kind]


def _entity_types(tmp_path, registry: str, text: str) -> list[str]:
    """The types of the entities found in ``text`` by an analyzer that knows only ``registry`` (YAML)."""
    path = tmp_path / "registry.yaml"
    path.write_text(registry, encoding="utf-8")
    analyzer = Analyzer(registry_patterns(load_registry_files([path])))
    return [e.type for e in analyzer.analyze(Document("d", text)).entities]


def test_a_name_the_words_around_call_a_place_is_one_whatever_the_model_read():
    text = "Shelling hit the Sajur frontline and the Nujaba area."
    model = Mention(17, 22, "Sajur", "PERSON", "ner")
    group = Mention(41, 47, "Nujaba", "ARMED_GROUP", "registry")
    places = named_places(text)
    assert [m.text for m in places] == ["Sajur", "Nujaba"]
    assert [(m.text, m.type) for m in retyped_as_places([model, group], places)] == \
        [("Sajur", "PLACE"), ("Nujaba", "ARMED_GROUP")]


@pytest.mark.parametrize("text, name, kind", [
    ("Aid workers counted 900 asylum seekers in Lesbos.", "Lesbos", "PLACE"),
    ("Voters queued at Red Oak on Tuesday.", "Red Oak", "PLACE"),
    ("Observers in Red Oak positions reported shelling.", "Red Oak", "ORGANIZATION"),  # what a group has
    ("Officials in NATO agreed.", "NATO", "ORGANIZATION"),  # a name in capitals
    ("Officials in Brussels Airlines agreed.", "Brussels Airlines", "ORGANIZATION"),  # no town's name
    ("Red Oak opened a new branch.", "Red Oak", "ORGANIZATION"),  # no locative before it
])
def test_an_organisation_the_model_read_after_in_or_at_is_a_place_where_a_town_bears_its_name(text, name, kind):
    start = text.index(name)
    model = Mention(start, start + len(name), name, "ORGANIZATION", "ner")
    towns = {"Lesbos", "Red Oak", "Nato", "Brussels"}
    assert [m.type for m in retyped_after_place_cues(text, [model], towns.__contains__)] == [kind]


@pytest.mark.parametrize("text, name, kind, expected", [
    ("Insurgents raided Red Oak before dawn.", "Red Oak", "ORGANIZATION", "PLACE"),
    ("Troops entered Red Oak after the ceasefire.", "Red Oak", "PERSON", "PLACE"),
    ("Rebels shelled Red Oak posts overnight.", "Red Oak", "ORGANIZATION", "ORGANIZATION"),  # what a group has
    ("Gunmen attacked Red Oak outside his home.", "Red Oak", "PERSON", "PERSON"),  # people are attacked too
    ("Police raided Brussels Airlines offices.", "Brussels Airlines", "ORGANIZATION", "ORGANIZATION"),  # no town
])
def test_a_name_the_model_read_after_a_verb_whose_object_is_ground_is_a_place(text, name, kind, expected):
    start = text.index(name)
    model = Mention(start, start + len(name), name, kind, "ner")
    assert [m.type for m in retyped_after_place_cues(text, [model], {"Red Oak", "Brussels"}.__contains__)] == [expected]


@pytest.mark.parametrize("text, found, joined", [
    # one town, cut by the tokeniser, half of it read as a person
    ("Seleka fighters looted Kaga-Bandoro overnight.", [("Kaga", "PERSON", "ner"), ("Bandoro", "PLACE", "ner")],
     [("Kaga-Bandoro", "PLACE")]),
    # a Portuguese town name whose last word is another country's capital in the entity ruler
    ("Insurgents burned homes in Mocimboa da Praia.", [("Mocimboa", "PLACE", "ner"), ("Praia", "PLACE", "gazetteer")],
     [("Mocimboa da Praia", "PLACE")]),
    # a Spanish town named after two people, joined by "y"
    ("Gunmen struck Valle y Ramos overnight.", [("Valle", "PLACE", "ner"), ("Ramos", "ORGANIZATION", "ner")],
     [("Valle y Ramos", "PLACE")]),
    # two towns, no town of both
    ("Bandits ambushed a lorry on the Garissa-Bura road.", [("Garissa", "PLACE", "ner"), ("Bura", "PLACE", "ner")],
     [("Garissa", "PLACE"), ("Bura", "PLACE")]),
    # a spaced dash parts two names
    ("Bandits ambushed a lorry near Garissa - Bura.", [("Garissa", "PLACE", "ner"), ("Bura", "PLACE", "ner")],
     [("Garissa", "PLACE"), ("Bura", "PLACE")]),
    # a person the ruler found is no part of a town's name, whatever the gazetteer holds
    ("Envoys of Luis de Praia met in the capital.", [("Luis", "PERSON", "registry"), ("Praia", "PLACE", "gazetteer")],
     [("Luis", "PERSON"), ("Praia", "PLACE")]),
])
def test_two_names_joined_by_a_hyphen_or_a_particle_are_one_place_where_a_town_bears_the_whole_name(text, found, joined):
    mentions = [_span(text, name, kind, origin) for name, kind, origin in found]
    towns = {"Kaga-Bandoro", "Mocimboa da Praia", "Luis de Praia", "Garissa", "Bura", "Praia", "Valle y Ramos"}
    assert [(m.text, m.type) for m in joined_into_town_names(text, mentions, towns.__contains__)] == joined


@pytest.mark.parametrize("text, found", [
    ("Raid on camp\nJENIN, West Bank (AP) \u2014 Troops moved in before dawn.", [("JENIN", "PLACE", "rule")]),
    ("GAO, Mali, May 2 - A convoy struck a mine.", [("GAO", "PLACE", "rule")]),
    ("CORRECTION - An earlier story misnamed the town.", []),  # capitals that no town bears
    ("The army - not the militia - held Gao.", []),  # no capitals, no dateline
])
def test_the_place_in_capitals_opening_a_dateline_is_a_place_where_a_town_bears_its_name(text, found):
    towns = {"JENIN", "GAO"}
    assert [(m.text, m.type, m.origin) for m in dateline_places(text, [], towns.__contains__)] == found


def test_a_dateline_place_the_model_mistyped_is_retyped_and_the_rules_finds_are_kept():
    text = "JENIN, West Bank (AP) - Troops moved in.\nGAZA CITY (Reuters) - Strikes went on."
    jenin = _span(text, "JENIN", "ORGANIZATION", "ner")
    gaza = _span(text, "GAZA CITY", "PLACE", "gazetteer")
    found = dateline_places(text, [jenin, gaza], {"JENIN", "GAZA CITY"}.__contains__)
    assert [(m.text, m.type, m.origin) for m in found] == [("JENIN", "PLACE", "ner"), ("GAZA CITY", "PLACE", "gazetteer")]


@pytest.mark.parametrize("text, model, found", [
    # a small town no one found, after a verb whose object is ground
    ("Militants stormed Kuki before dawn.", [], [("Kuki", "PLACE", "rule")]),
    # further down the list, the model read a town as a person
    ("Drones shelled Hulyaypole and Orikhiv.", [("Hulyaypole", "PLACE"), ("Orikhiv", "PERSON")],
     [("Hulyaypole", "PLACE", "ner"), ("Orikhiv", "PLACE", "ner")]),
    # the longest run of the capitalised words that names a town
    ("Gunmen raided the village of Kuki Sunday.", [], [("Kuki", "PLACE", "rule")]),
    ("Insurgents overran the district centre of Kuki.", [("Kuki", "ORGANIZATION")], [("Kuki", "PLACE", "ner")]),
    # what an armed force has, and a person's house, are not ground
    ("Troops shelled Kuki positions.", [], []),
    ("Police raided Orikhiv's house.", [("Orikhiv", "PERSON")], [("Orikhiv", "PERSON", "ner")]),
    # no town bears the name
    ("Police raided Ahmed Salih's shop.", [], []),
])
def test_names_after_words_of_ground_are_places_where_a_town_bears_them(text, model, found):
    mentions = [_span(text, name, kind, "ner") for name, kind in model]
    towns = {"Kuki", "Hulyaypole", "Orikhiv"}
    result = places_after_ground_words(text, mentions, towns.__contains__)
    assert [(m.text, m.type, m.origin) for m in result] == found


@pytest.mark.parametrize("text, name, kind, area, expected", [
    ("Rebels attacked Red Oak in Northland on Sunday.", "Red Oak", "PERSON", "Northland", "PLACE"),
    ("Ten died in Red Oak, in eastern Northland Province.", "Red Oak", "ORGANIZATION", "Northland Province", "PLACE"),
    ("Gunmen killed five in Red Oak, Northland.", "Red Oak", "PERSON", "Northland", "PLACE"),
    ("Rebels attacked Omar Haddad in Northland on Sunday.", "Omar Haddad", "PERSON", "Northland", "PERSON"),  # no town
    ("Rebels attacked Red Oak in Southmark on Sunday.", "Red Oak", "PERSON", "Southmark", "PERSON"),  # not its town
    ("Rebels attacked Red Oak near Northland on Sunday.", "Red Oak", "PERSON", "Northland", "PERSON"),  # not held
    ("Red Oak and Northland signed a deal.", "Red Oak", "ORGANIZATION", "Northland", "ORGANIZATION"),
])
def test_a_name_the_model_read_before_an_area_holding_a_town_of_that_name_is_the_town(text, name, kind, area,
                                                                                     expected):
    mentions = [_span(text, name, kind, "ner"), _span(text, area, "PLACE", "gazetteer")]
    towns = {("Northland", "Red Oak"), ("Northland Province", "Red Oak")}
    result = towns_of_stated_areas(text, mentions, lambda a, n: (a, n) in towns)
    assert [(m.text, m.type) for m in result] == [(name, expected), (area, "PLACE")]


def _span(text: str, name: str, kind: str, origin: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, kind, origin)


@pytest.mark.parametrize("text, person, place, kept", [
    ("Lawmaker Robert Serra was stabbed at home.", "Robert Serra", "Serra", ["Robert Serra"]),
    ("Nineveh Governor Atheel Nujaifi fled.", "Nineveh Governor Atheel Nujaifi", "Nineveh",
     ["Nineveh"]),  # a place opening a name is the place the person governs
    ("Given Tunisia's record, talks stalled.", "Given Tunisia", "Tunisia", ["Tunisia"]),  # a country is no surname
    ("Militias raided camps in Central Darfur.", "Central Darfur", "Darfur", ["Darfur"]),  # nor a place said where
    ("Rebels took Arshet Ras El Ein.", "Arshet Ras El Ein", "Ras El Ein", ["Ras El Ein"]),  # nor a name of words
])
def test_a_place_ending_a_persons_name_is_the_persons_surname(text, person, place, kept):
    rules = [_span(text, place, "PLACE", "gazetteer")]
    model = [_span(text, person, "PERSON", "ner")]
    assert [m.text for m in merge_mentions(rules, model)] == kept


@pytest.mark.parametrize("text, model, known, cut", [
    # a group the registry knows, read by the model with the place after it
    ("Fighters of the Dawn Movement in Tal Hamra withdrew.", ("Dawn Movement in Tal Hamra", "ORGANIZATION"),
     ("Dawn Movement", "ARMED_GROUP"), [("Tal Hamra", "PLACE")]),
    # a place the words around name, read with the unit holding it: the unit is no place
    ("Rebels of the Lions Army on Kafr Zeit axis fired.", ("Lions Army on Kafr Zeit", "PLACE"),
     ("Kafr Zeit", "PLACE"), [("Kafr Zeit", "PLACE")]),
    # a quarter read with its city: both places
    ("Shelling hit Bab Sharqi in Hamra overnight.", ("Bab Sharqi in Hamra", "PLACE"),
     ("Hamra", "PLACE"), [("Bab Sharqi", "PLACE"), ("Hamra", "PLACE")]),
    # "at" an employer the registry knows: what comes before is no organisation
    ("She is Senior Fellow at Dawn Movement.", ("Senior Fellow at Dawn Movement", "ORGANIZATION"),
     ("Dawn Movement", "ORGANIZATION"), []),
    # nothing the rules know inside: the name stays whole
    ("The Council on Foreign Relations met.", ("Council on Foreign Relations", "ORGANIZATION"), None,
     [("Council on Foreign Relations", "ORGANIZATION")]),
])
def test_a_model_name_running_across_a_preposition_of_place_is_cut_where_the_rules_know_one_side(
        text, model, known, cut):
    mentions = cut_at_locatives([_span(text, *model, "ner")], [_span(text, *known, "rule")] if known else [])
    assert [(m.text, m.type) for m in mentions] == cut
    assert all(text[m.start:m.end] == m.text for m in mentions)


@pytest.mark.parametrize("text, place", [
    ("A sniper shot a commander in Dawn Brigade in Tal Hamra on Monday.", []),
    ("Shelling hit the Dawn Front area.", []),
    ("Gunmen fired on the market area of Homs's Khalidiya neighbourhood.", ["Khalidiya"]),
    ("A bomb went off in the Jimeta area of Adamawa's capital.", ["Jimeta", "Adamawa"]),
    ("A car bomb hit a crowded area of Mosul Thursday.", ["Mosul"]),
    ("Herders clashed in Akoret Division in East Pokot.", ["Akoret Division"]),
])
def test_a_group_s_name_a_possessive_or_a_weekday_is_not_part_of_the_place_the_words_around_name(text, place):
    assert [m.text for m in named_places(text)] == place


@pytest.mark.parametrize("text, place", [
    ("Gunmen shot two herders in Tsafe local government area on Friday.", ["Tsafe"]),
    ("Rebels patrolled Masisi territory and Goma.", ["Masisi"]),
    ("Raiders burned Fika LGA's market.", ["Fika"]),
    ("Gunmen torched Yelwata, a farming village in the north, at night.", ["Yelwata"]),
    ("Troops reached Kitchanga, the biggest town of the valley, on Monday.", ["Kitchanga"]),
    ("Fighting closed in on Nyanzale, some 30 km north of the lake.", ["Nyanzale"]),
    ("Omar Haddad, a town councillor in the north, was shot.", []),
    ("Omar Haddad, the city's mayor, resigned.", []),
    ("Militiamen raided Kigonze displacement camp at night.", ["Kigonze"]),
    ("Gunmen struck Tal Hamra nahiya at night.", ["Tal Hamra"]),
    ("Fighting reached Kafr Zeit, nearly 12 kms north east of the lake.", ["Kafr Zeit"]),
    ("Gunmen struck Kafr Zeit Municipality at night.", []),
    ("The Haddad camp rejected the offer.", []),
])
def test_a_second_level_designation_or_an_apposition_calls_the_name_before_it_a_place(text, place):
    assert [m.text for m in named_places(text)] == place


@pytest.mark.parametrize("text, place", [
    ("Crowds filled the seaside resort of Port Serrat.", ["Port Serrat"]),
    ("The mayor of Kafr Zeit was shot outside his office.", ["Kafr Zeit"]),
    ("Ten farms north-west of Tal Hamra burned.", ["Tal Hamra"]),
    ("A reporter was stabbed in the capital, Southmark.", ["Southmark"]),
    ("Herders clashed in Tal Hamra locality on Tuesday.", ["Tal Hamra"]),
    ("Rain flooded Southmark city at dawn.", ["Southmark"]),
    ("Troops entered the town of al-Haddadi at dawn.", ["al-Haddadi"]),
    ("West of Eden opened on Friday.", []),
    ("Venture capital Firms grew.", []),
    ("A nurse was shot in the capital Southmark The attackers fled.", ["Southmark"]),  # no full stop
    ("Troops took Tal Hamra hill at dawn.", ["Tal Hamra"]),
])
def test_a_port_a_mayor_a_bearing_or_the_capital_calls_the_name_after_it_a_place(text, place):
    assert [m.text for m in named_places(text)] == place


FAMILY = """
- id: omar_haddadi
  type: PERSON
  name: Omar al-Haddadi
  aliases: [al-Haddadi]
"""


@pytest.mark.parametrize("text, kind", [("Troops entered the town of al-Haddadi at dawn.", "PLACE"),
                                        ("Al-Haddadi spoke to reporters on Monday.", "PERSON")])
def test_a_person_s_name_yields_to_words_that_call_it_a_town(tmp_path, text, kind):
    assert _entity_types(tmp_path, FAMILY, text) == [kind]


def test_both_names_of_x_and_y_villages_are_places_but_adjectives_are_not(analyzer):
    analysis = analyzer.analyze(Document("d", "The rebels controlled Swailem and Mayan villages after clashes."))
    assert sorted(e.name for e in analysis.entities if e.type == "PLACE") == ["Mayan", "Swailem"]
    assert named_places("Shelling hit Druze and Christian villages.") == []


@pytest.mark.parametrize("text", ["Gunmen fired at a patrol on the road connecting Kafr Loma and Tal Sukkar.",
                                  "A mine hit a truck on the highway between Kafr Loma and the Tal Sukkar."])
def test_both_towns_a_road_joins_are_places(text):
    assert [m.text for m in named_places(text)] == ["Kafr Loma", "Tal Sukkar"]


def test_a_clash_between_two_names_does_not_make_them_places():
    assert named_places("Clashes broke out between Dawn Front and Eagle Wing near the road.") == []


@pytest.mark.parametrize("text", ["Fighters of the Levant Front moved north.", "Quiet returned on the eastern front.",
                                  "Talks opened in Cape Town."])
def test_a_group_named_front_or_a_compass_front_is_no_village(analyzer, text):
    assert not [e for e in analyzer.analyze(Document("d", text)).entities if e.type == "PLACE"]


def test_a_number_before_a_force_name_is_a_count_not_a_unit():
    assert numbered_units("They killed 7 Army soldiers and 3 Free Syrian Army fighters.") == []


def test_short_form_keeps_its_arabic_article(registry):
    from sitrep.nlp.entities import registry_patterns
    from sitrep.nlp.pipeline import Analyzer
    from sitrep.registry import RegistryEntry, Registry
    extended = Registry([*registry, RegistryEntry("al_nusrah_front", "ARMED_GROUP", "Al Nusrah Front")])
    analysis = Analyzer(registry_patterns(extended)).analyze(
        Document("d", "The Al Nusrah Front attacked. Later Al Nusrah withdrew."))
    front = entities_by_registry(analysis)["al_nusrah_front"]
    assert [m.text for m in front.mentions] == ["Al Nusrah Front", "Al Nusrah"]


@pytest.mark.parametrize("text, written", [
    ("The Nosra Front attacked at dawn.", "Nosra Front"),
    ("The Al Nosra Front attacked at dawn.", "Al Nosra Front"),  # the article opens the run, not the name
    ("Fighters of al-Nosra Front attacked at dawn.", "al-Nosra Front"),
])
def test_a_registry_name_spelled_otherwise_is_found_whatever_word_opens_it(registry, text, written):
    from sitrep.registry import Registry, RegistryEntry
    extended = Registry([*registry, RegistryEntry("nusra_front", "ARMED_GROUP", "Nusra Front")])
    analysis = Analyzer(registry_patterns(extended)).analyze(Document("d", text))
    assert [m.text for m in entities_by_registry(analysis)["nusra_front"].mentions] == [written]


def test_a_model_mention_of_a_short_form_joins_the_full_name(registry):
    from sitrep.models import Mention
    from sitrep.nlp.entities import registry_patterns
    from sitrep.nlp.pipeline import Analyzer
    from sitrep.registry import Registry, RegistryEntry
    extended = Registry([*registry, RegistryEntry("al_nusrah_front", "ARMED_GROUP", "Al Nusrah Front")])
    text = "The Al Nusrah Front attacked. Later Al Nusrah withdrew."
    short = text.rindex("Al Nusrah")

    def model_reads_a_person(_sdoc):
        return [Mention(short, short + len("Al Nusrah"), "Al Nusrah", "PERSON", "ner")]

    analysis = Analyzer(registry_patterns(extended), statistical=model_reads_a_person).analyze(Document("d", text))
    assert [e.type for e in analysis.entities] == ["ARMED_GROUP"]
    assert [m.text for m in entities_by_registry(analysis)["al_nusrah_front"].mentions] == ["Al Nusrah Front",
                                                                                         "Al Nusrah"]


def test_short_form_tolerates_a_transliteration_slip():
    from sitrep.nlp.entities import NamePattern
    from sitrep.nlp.pipeline import Analyzer
    analyzer = Analyzer([NamePattern("Qais Qazali", "PERSON", "qais_al_khazali", "registry")])
    text = "The group's leader, Qais Qazali, spoke. Qazili has since threatened US interests."
    person = entities_by_registry(analyzer.analyze(Document("d", text)))["qais_al_khazali"]
    assert [m.text for m in person.mentions] == ["Qais Qazali", "Qazili"]


def test_a_short_one_word_name_is_found_only_as_written_not_under_other_spellings():
    from sitrep.nlp.entities import NamePattern
    from sitrep.nlp.pipeline import Analyzer
    analyzer = Analyzer([NamePattern("Kan", "ORGANIZATION", "kan_broadcaster", "registry"),
                         NamePattern("Hezbollah", "ARMED_GROUP", "hezbollah", "registry")])
    text = "Kan reported fighting near Khan Tuman. Hizbollah fighters were seen there."
    found = entities_by_registry(analyzer.analyze(Document("d", text)))
    assert [m.text for m in found["kan_broadcaster"].mentions] == ["Kan"]
    assert [m.text for m in found["hezbollah"].mentions] == ["Hizbollah"]  # longer names keep their variants


def test_a_group_named_with_the_arabic_article_is_not_the_place_the_article_opens():
    from sitrep.nlp.entities import NamePattern
    from sitrep.nlp.pipeline import Analyzer
    analyzer = Analyzer([NamePattern("Quds Brigade", "ARMED_GROUP", "liwa_al_quds", "registry"),
                         NamePattern("al-Quds", "PLACE", "jerusalem", "gazetteer")])
    analysis = analyzer.analyze(Document("d", "Fighters of the al-Quds Brigade shelled positions. Talks were held in al-Quds."))
    assert [m.text for m in entities_by_registry(analysis)["liwa_al_quds"].mentions] == ["al-Quds Brigade"]
    assert [[m.text for m in e.mentions] for e in analysis.entities if e.type == "PLACE"] == [["al-Quds"]]


def test_a_name_written_as_a_plural_possessive_is_the_name(analyzer):
    analysis = analyzer.analyze(Document("d", "Troops clashed with Quds Forces' fighters near the dam."))
    assert list(entities_by_registry(analysis)) == ["irgc_qods_force"]


def test_generic_head_nouns_stay_out_of_names(analyzer):
    found = entities_by_registry(analyzer.analyze(Document("d", "The convoy carried TOW missiles.")))
    assert [m.text for m in found["equipment:tow"].mentions] == ["TOW"]


def test_country_aliases_never_name_registry_actors(tmp_path):
    from sitrep.nlp.entities import registry_patterns
    from sitrep.registry import load_registry_files
    path = tmp_path / "r.yaml"
    path.write_text("- {id: us_gov, type: ORGANIZATION, name: US government, aliases: [United States], "
                    "acronyms: [US]}\n", encoding="utf-8")
    surfaces = {p.text for p in registry_patterns(load_registry_files([path]))}
    assert surfaces == {"US government"}


def test_an_acronym_is_a_country_name_only_letter_for_letter(tmp_path):
    from sitrep.nlp.entities import registry_patterns
    from sitrep.registry import load_registry_files
    path = tmp_path / "r.yaml"
    path.write_text("- {id: saa, type: ARMED_GROUP, name: Syrian Arab Army, acronyms: [SAA]}\n", encoding="utf-8")
    surfaces = {p.text for p in registry_patterns(load_registry_files([path]))}
    assert surfaces == {"Syrian Arab Army", "SAA"}  # "SA" (South Africa) folds alike but is another name


def test_common_words_are_not_places():
    from sitrep.nlp.entities import NamePattern
    from sitrep.nlp.pipeline import Analyzer
    analyzer = Analyzer([NamePattern("This", "PLACE", "gn:1", "gazetteer"),
                         NamePattern("US", "PLACE", "country:US", "gazetteer", exact=True)])
    analysis = analyzer.analyze(Document("d", "This is hostile to the US."))
    assert [(e.type, e.mentions[0].text) for e in analysis.entities] == [("PLACE", "US")]


def test_an_arabic_pair_word_after_a_place_belongs_to_its_name_but_not_to_a_person():
    text = "Shelling hit Bayda Sharqiyah, said Ahmad Kabir."
    mentions = [Mention(13, 18, "Bayda", "PLACE"), Mention(35, 40, "Ahmad", "PERSON")]
    assert [m.text for m in join_name_words(text, mentions)] == ["Bayda Sharqiyah", "Ahmad"]


@pytest.mark.parametrize(("text", "found", "joined"), [
    ("Gunmen fired on Tal 'Adah village in the Aleppo countryside.", "Tal", "Tal 'Adah"),
    ("Gunmen fired on Tal ʿAdah village.", "Tal", "Tal ʿAdah"),
    ("Rebels in Raqqa 'Wrath of Euphrates' operation advanced.", "Raqqa", "Raqqa"),  # a quotation opens
    ("Rebels in Raqqa 'Euphrates' advanced.", "Raqqa", "Raqqa"),
    ("Gunmen ambushed a convoy near Ar-Ra'ee.", "Ar", "Ar-Ra'ee"),  # the model stopped at the article
    ("Gunmen ambushed a convoy near Al-Ra'ee.", "Al-", "Al-Ra'ee"),
])
def test_a_word_of_the_name_after_a_place_belongs_to_it(text, found, joined):
    mentions = [Mention(text.index(found), text.index(found) + len(found), found, "PLACE")]
    assert [m.text for m in join_name_words(text, mentions)] == [joined]


@pytest.mark.parametrize(("text", "found", "joined"), [
    ("Rebels shelled the Ber Al-Qasab area east of the capital.", "Al-Qasab", "Ber Al-Qasab"),
    ("Rebels shelled Kafr Loma on Monday.", "Loma", "Kafr Loma"),
    ("Rebels shelled Loma on Monday.", "Loma", "Loma"),
    ("Gunmen from Homs shelled Loma.", "Loma", "Loma"),
])
def test_a_word_that_opens_place_names_before_a_place_belongs_to_it(text, found, joined):
    mentions = [Mention(text.index(found), text.index(found) + len(found), found, "PLACE")]
    assert [m.text for m in join_name_words(text, mentions)] == [joined]


def test_a_short_name_opening_with_the_is_no_match_at_the_start_of_a_longer_name():
    from sitrep.nlp.entities import NamePattern
    from sitrep.nlp.pipeline import Analyzer
    analyzer = Analyzer([NamePattern("The Herald", "ORGANIZATION", "herald_paper", "registry")])
    def papers(text):
        return entities_by_registry(analyzer.analyze(Document("d", text)))
    assert "herald_paper" not in papers("Gunmen fired on the Herald Guard.")
    assert "herald_paper" in papers("The Herald reported the attack.")


def test_a_name_that_is_also_a_day_and_month_is_the_date_when_written_as_one():
    from sitrep.nlp.entities import NamePattern
    from sitrep.nlp.pipeline import Analyzer
    analyzer = Analyzer([NamePattern("14 October", "ORGANIZATION", "october_14_paper", "registry")])
    def papers(text):
        return [e for e in analyzer.analyze(Document("d", text)).entities if e.registry_id == "october_14_paper"]
    assert not papers("On 14 October 2021, gunmen attacked a checkpoint.")
    assert not papers("Fighting has gone on since 14 October.")
    paper = papers("The 14 October daily said fighting went on in October, and on 14 October the army advanced.")
    assert [m.text for e in paper for m in e.mentions] == ["14 October"]
