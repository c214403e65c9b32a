"""Importing public name lists (OFAC SDN, UN consolidated list, Phoenix dictionaries) into the store."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from sitrep.resolve.importers import (ImportFormatError, display_name, import_registry, person_display,
                                      phoenix_entries, read_ofac, read_phoenix, read_un, trailing_acronym)
from sitrep.store.schema import AliasRow, EntityRow

SDN = """\
11462,"KATA'IB HIZBALLAH",-0- ,"FTO] [SDGT] [IRAQ3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. 'KH'."
9001,"SOLEIMANI, Qasem",individual,"SDGT] [IRGC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-
9002,"HAMER AND NAIL CONSTRUCTION LIMITED",-0- ,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-
9003,"RAJAH SOLAIMAN MOVEMENT (RSM)",-0- ,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-
9004,"4TH ARMORED DIVISION",-0- ,SYRIA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-
9005,"CAF\xc9 BOUTIQUE",-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-
9006,"SEA STAR",vessel,IRAN,-0- ,-0- ,Tanker,-0- ,-0- ,Iran,-0- ,-0-
9007,"AL-MASRI, Abu Mohamed",individual,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-
9008,"AL-MASRI, Abu Mohamed",individual,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-
"""
ALT = """\
11462,12131,aka,"KATA'IB HEZBOLLAH",-0-
11462,12135,aka,"HIZBALLAH BRIGADES",-0-
9001,5001,aka,"SULEIMANI, Qassem",-0-
9003,5002,fka,"RAJAH SOLAIMAN ISLAMIC MOVEMENT",-0-
"""


def write_ofac(folder, sdn=SDN, alt=ALT):
    folder.mkdir(exist_ok=True)
    (folder / "sdn.csv").write_bytes(sdn.encode("latin-1"))
    if alt is not None:
        (folder / "alt.csv").write_bytes(alt.encode("latin-1"))
    return folder / "sdn.csv"


def run_import(sitrep, fmt, path):
    with sitrep.store.session() as s:
        return import_registry(s, fmt, path)


def aliases(sitrep, entity_id, provenance_prefix="import:"):
    with sitrep.store.session() as s:
        return set(s.execute(select(AliasRow.alias, AliasRow.provenance).where(
            AliasRow.entity_id == entity_id, AliasRow.provenance.startswith(provenance_prefix))).all())


def entity(sitrep, entity_id):
    with sitrep.store.session() as s:
        row = s.get(EntityRow, entity_id)
        return None if row is None else (row.type, row.name, row.origin)


def alias_count(sitrep):
    with sitrep.store.session() as s:
        return s.scalar(select(func.count()).select_from(AliasRow))


def entity_of(sitrep, provenance):
    with sitrep.store.session() as s:
        return set(s.scalars(select(AliasRow.entity_id).where(AliasRow.provenance == provenance)))


# ---------------------------------------------------------------- names

@pytest.mark.parametrize("raw, shown", [
    ("KATA'IB HIZBALLAH", "Kata'ib Hizballah"),
    ("HARAKAT AL-NUJABA", "Harakat al-Nujaba"),
    ("ORGANIZATION OF THE OPPRESSED ON EARTH", "Organization of the Oppressed on Earth"),
    ("RAJAH SOLAIMAN MOVEMENT (RSM)", "Rajah Solaiman Movement (RSM)"),
    ("Islamic State Khurasan", "Islamic State Khurasan"),
])
def test_all_caps_names_are_shown_in_title_case(raw, shown):
    assert display_name(raw) == shown


def test_sanctions_person_names_are_put_in_reporting_order():
    assert person_display("AL-ZOMOR, Abboud Abdul Latif Hassan") == "Abboud Abdul Latif Hassan al-Zomor"
    assert person_display("DELOS REYES, Feliciano Semborio, Jr.") == "Feliciano Semborio Delos Reyes Jr."
    assert person_display("SANTOSO") == "Santoso"


def test_a_trailing_acronym_is_split_only_when_it_spells_the_name():
    assert trailing_acronym("RAJAH SOLAIMAN MOVEMENT (RSM)") == ("RAJAH SOLAIMAN MOVEMENT", "RSM")
    assert trailing_acronym("ISLAMIC STATE IN IRAQ AND THE LEVANT - KHORASAN (ISIL-K)")[1] == "ISIL-K"
    assert trailing_acronym("AERO CONTINENTE (USA) INC.") is None
    assert trailing_acronym("AERO CONTINENTE (USA)") is None


# ---------------------------------------------------------------- OFAC

def test_ofac_import_links_known_actors_and_adds_the_rest(sitrep, tmp_path):
    report = run_import(sitrep, "ofac", write_ofac(tmp_path / "ofac"))
    assert report.linked_to_existing == 2  # Kata'ib Hizballah, Qasem Soleimani
    assert report.added_entities == 6
    assert report.skipped == 1  # the vessel
    assert report.problems == []
    kh = aliases(sitrep, "kataib_hezbollah")
    assert {("KATA'IB HIZBALLAH", "import:ofac:11462"), ("Kata'ib Hizballah", "import:ofac:11462"),
            ("KATA'IB HEZBOLLAH", "import:ofac:11462"), ("HIZBALLAH BRIGADES", "import:ofac:11462")} <= kh
    assert ("KH", "import:ofac:11462") not in kh  # weak a.k.a. of the remarks column
    soleimani = {a for a, _ in aliases(sitrep, "qassem_soleimani")}
    assert {"Qasem Soleimani", "SOLEIMANI, Qasem", "Qassem Suleimani", "SULEIMANI, Qassem"} <= soleimani
    assert entity(sitrep, "qassem_soleimani") == ("PERSON", "Qassem Soleimani", "registry")


def test_ofac_types_follow_programs_and_names(sitrep, tmp_path):
    run_import(sitrep, "ofac", write_ofac(tmp_path / "ofac"))
    assert entity(sitrep, "hamer_and_nail_construction_limited")[0] == "ORGANIZATION"  # a company on SDGT
    assert entity(sitrep, "rajah_solaiman_movement_rsm") == ("ARMED_GROUP", "Rajah Solaiman Movement (RSM)",
                                                             "import")
    assert {"RSM", "Rajah Solaiman Movement", "RAJAH SOLAIMAN ISLAMIC MOVEMENT"} <= \
        {a for a, _ in aliases(sitrep, "rajah_solaiman_movement_rsm")}
    assert entity(sitrep, "4th_armored_division")[0] == "ARMED_GROUP"  # a military unit
    assert entity(sitrep, "cafe_boutique") == ("ORGANIZATION", "Café Boutique", "import")  # Latin-1 decoded
    assert not entity_of(sitrep, "import:ofac:9006")  # vessel


def test_distinct_designations_with_one_name_stay_two_entities(sitrep, tmp_path):
    run_import(sitrep, "ofac", write_ofac(tmp_path / "ofac"))
    first, second = entity_of(sitrep, "import:ofac:9007"), entity_of(sitrep, "import:ofac:9008")
    assert len(first) == len(second) == 1 and first != second


def test_reimporting_adds_nothing(sitrep, tmp_path):
    path = write_ofac(tmp_path / "ofac")
    first = run_import(sitrep, "ofac", path)
    count = alias_count(sitrep)
    again = run_import(sitrep, "ofac", path)
    assert (again.added_entities, again.added_aliases, again.linked_to_existing) == (0, 0, 0)
    assert again.already_imported == first.added_entities + first.linked_to_existing
    assert alias_count(sitrep) == count


def test_ofac_oddities_are_reported_and_skipped(sitrep, tmp_path):
    sdn = SDN + '9001,"OTHER, Name",individual,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-\n'
    alt = ALT + '7777,1,aka,"NOBODY",-0-\n'
    report = run_import(sitrep, "ofac", write_ofac(tmp_path / "ofac", sdn, alt))
    assert report.problems == ["sdn.csv:10: uid 9001 is used twice; this entry is skipped",
                               "alt.csv:5: alias of uid 7777, which sdn.csv does not list"]
    assert report.skipped == 3


def test_ofac_without_alt_csv_imports_primary_names(sitrep, tmp_path):
    report = run_import(sitrep, "ofac", write_ofac(tmp_path / "ofac", alt=None))
    assert report.added_entities == 6 and report.problems == ["sdn.csv: no alt.csv beside it: aliases not imported"]


def test_malformed_ofac_file_names_the_line_and_writes_nothing(sitrep, tmp_path):
    count = alias_count(sitrep)
    path = write_ofac(tmp_path / "ofac", SDN.replace("9004,", "9004,extra,"))
    with pytest.raises(ImportFormatError, match=r"sdn\.csv:5: expected 12 columns, found 13"):
        run_import(sitrep, "ofac", path)
    assert alias_count(sitrep) == count


def test_unknown_format_and_missing_file_are_refused(sitrep, tmp_path):
    with pytest.raises(ValueError, match="unknown list format"):
        run_import(sitrep, "csv", tmp_path / "x")
    with pytest.raises(ImportFormatError, match="no such file"):
        run_import(sitrep, "ofac", tmp_path / "missing.csv")


# ---------------------------------------------------------------- UN

UN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST>
  <INDIVIDUALS>
    <INDIVIDUAL>
      <FIRST_NAME>AKRAM</FIRST_NAME><SECOND_NAME>AL-KAABI</SECOND_NAME>
      <UN_LIST_TYPE>Iraq</UN_LIST_TYPE><REFERENCE_NUMBER>IQi.900</REFERENCE_NUMBER>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Akram Abbas al-Kabi</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Abu Ali</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <FIRST_NAME>ISLAMIC STATE</FIRST_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>
      <REFERENCE_NUMBER>QDe.115</REFERENCE_NUMBER>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>Al-Qaida in Iraq</ALIAS_NAME></ENTITY_ALIAS>
    </ENTITY>
    <ENTITY>
      <FIRST_NAME>NUSRAT AL-MUJAHIDIN FRONT (NMF)</FIRST_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>
      <REFERENCE_NUMBER>QDe.901</REFERENCE_NUMBER>
      <NAME_ORIGINAL_SCRIPT>جبهة نصرة المجاهدين</NAME_ORIGINAL_SCRIPT>
    </ENTITY>
    <ENTITY>
      <FIRST_NAME>OCEAN MARITIME MANAGEMENT COMPANY, LIMITED</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
      <REFERENCE_NUMBER>KPe.029</REFERENCE_NUMBER>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
"""


def test_un_list_imports_individuals_and_entities(sitrep, tmp_path):
    path = tmp_path / "un.xml"
    path.write_text(UN_XML, encoding="utf-8")
    report = run_import(sitrep, "un", path)
    assert (report.added_entities, report.linked_to_existing, report.skipped) == (3, 1, 0)
    assert ("Al-Qaida in Iraq", "import:un:QDe.115") in aliases(sitrep, "islamic_state")
    assert entity(sitrep, "akram_al_kaabi") == ("PERSON", "Akram al-Kaabi", "import")
    kaabi = {a for a, _ in aliases(sitrep, "akram_al_kaabi")}
    assert kaabi == {"Akram al-Kaabi", "AKRAM AL-KAABI", "Akram Abbas al-Kabi"}  # the "Low" alias is not kept
    nmf = {a for a, _ in aliases(sitrep, "nusrat_al_mujahidin_front_nmf")}
    assert {"NMF", "جبهة نصرة المجاهدين"} <= nmf
    assert entity(sitrep, "nusrat_al_mujahidin_front_nmf")[0] == "ARMED_GROUP"
    assert entity(sitrep, "ocean_maritime_management_company_limited")[0] == "ORGANIZATION"
    assert run_import(sitrep, "un", path).added_aliases == 0


def test_un_list_links_to_an_entity_imported_from_another_list(sitrep, tmp_path):
    run_import(sitrep, "ofac", write_ofac(tmp_path / "ofac"))
    path = tmp_path / "un.xml"
    path.write_text(UN_XML.replace("ISLAMIC STATE", "HAMER AND NAIL CONSTRUCTION LIMITED"), encoding="utf-8")
    run_import(sitrep, "un", path)
    assert entity_of(sitrep, "import:un:QDe.115") == {"hamer_and_nail_construction_limited"}


def test_malformed_un_file_names_the_line(sitrep, tmp_path):
    path = tmp_path / "un.xml"
    path.write_text("<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n</CONSOLIDATED_LIST>\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"un\.xml:3: not well-formed XML"):
        run_import(sitrep, "un", path)
    path.write_text("<sdnList/>", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="expected <CONSOLIDATED_LIST>"):
        run_import(sitrep, "un", path)


# ---------------------------------------------------------------- Phoenix

ACTORS = """\
# A user's actor dictionary in the Phoenix format
SYRIA_  [SYR]
+DAMASCUS_

ISLAMIC_STATE_IN_IRAQ_AND_THE_LEVANT_ [IMGMUSISI] # kkl 21 Mar 13
+ISIL_
+DAESH_+_DAWLA_ISLAMIYA_

QASEM_SOLEIMANI_  # CountryInfo.txt
\t[IRNMIL 980101-200103]
\t[IRNELI]

UNITED_NATIONS_   [IGOUNO]
ORPHAN_LINE_WITHOUT_CODE
ISLAMIC_STATE_ [IMGMUSISI]
"""


def test_phoenix_dictionary_entries_become_typed_entities(sitrep, tmp_path):
    path = tmp_path / "Mine.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    report = run_import(sitrep, "phoenix", path)
    assert report.skipped == 2  # the country and the entry without a code
    assert entity_of(sitrep, "import:phoenix:Mine.actors.txt:9") == {"qassem_soleimani"}
    assert entity(sitrep, "united_nations") == ("ORGANIZATION", "United Nations", "import")
    assert entity_of(sitrep, "import:phoenix:Mine.actors.txt:15") == {"islamic_state"}
    assert run_import(sitrep, "phoenix", path).added_aliases == 0


def test_two_shared_aliases_link_a_record_whose_name_is_new(sitrep, tmp_path):
    path = tmp_path / "Mine.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    run_import(sitrep, "phoenix", path)
    assert entity_of(sitrep, "import:phoenix:Mine.actors.txt:5") == {"islamic_state"}  # via ISIL and DAESH
    imported = {a for a, _ in aliases(sitrep, "islamic_state")}
    assert {"ISLAMIC STATE IN IRAQ AND THE LEVANT", "DAWLA ISLAMIYA"} <= imported


def test_one_shared_alias_or_a_folded_short_name_does_not_link(sitrep, tmp_path):
    path = tmp_path / "Other.actors.txt"
    path.write_text("NEW_FRONT_ [IMGMUS]\n+DAESH_\nAFFP_ [NGO]\n", encoding="utf-8")
    report = run_import(sitrep, "phoenix", path)
    assert (report.added_entities, report.linked_to_existing) == (2, 0)
    assert entity(sitrep, "new_front")[0] == "ARMED_GROUP"
    assert entity(sitrep, "affp") == ("ORGANIZATION", "Affp", "import")  # not AFP, though the keys fold alike


def test_phoenix_entries_with_one_name_share_one_entity(sitrep, tmp_path):
    path = tmp_path / "Dup.actors.txt"
    path.write_text("HAMMARSKJOLD_ [IGOUNO 530410-610918]\nHAMMARSKJOLD [IGOUNO 530410-610918] [ELI]\n",
                    encoding="utf-8")
    report = run_import(sitrep, "phoenix", path)
    assert (report.added_entities, report.linked_to_existing) == (1, 1)
    assert entity(sitrep, "hammarskjold")[0] == "PERSON"


@pytest.mark.parametrize("text, message", [
    ("+ORPHAN_SYNONYM\n", r"x\.txt:1: a synonym or code line before any actor"),
    ("PRESIDENT [~GOVPRS]\n", r"x\.txt:1: agent code '~GOVPRS': this is an agents dictionary"),
    ("ACTOR_ [USAGOV\n", r"x\.txt:1: unclosed '\['"),
    ("ACTOR_\n\t[usa gov]\n", r"x\.txt:2: 'usa' is not a CAMEO code"),
])
def test_malformed_phoenix_lines_are_named(tmp_path, text, message):
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFormatError, match=message):
        list(phoenix_entries(path))


# ---------------------------------------------------------------- the real lists (read only: importing takes minutes)

def test_real_lists_parse(shared_data):
    names = shared_data / "names"
    ofac = [r for r in read_ofac(names / "ofac_sdn" / "sdn.csv") if hasattr(r, "uid")]
    assert len(ofac) > 9000
    kh = next(r for r in ofac if r.uid == "11462")
    assert kh.type == "ARMED_GROUP" and "KATA'IB HEZBOLLAH" in kh.aliases
    un = list(read_un(names / "un_sanctions" / "un_consolidated.xml"))
    assert len(un) == 1000 and all(hasattr(r, "uid") for r in un)
    groups = [r for r in read_phoenix(names / "phoenix" / "Phoenix.MilNonState.actors.txt") if r.type]
    assert sum(r.type == "ARMED_GROUP" for r in groups) > 800
