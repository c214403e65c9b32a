import pytest

from sitrep.registry import RegistryError, load_registry, load_registry_files


def write(tmp_path, text, name="r.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_lookup_by_alias_spelling_and_acronym(registry):
    assert registry.lookup("Qasem Suleimani") == {"qassem_soleimani"}
    assert registry.lookup("KH") == {"kataib_hezbollah"}
    assert registry.lookup("Hezbollah") == {"hezbollah"}
    assert registry.lookup("Hezbollah Brigades") == {"kataib_hezbollah"}


def test_duplicate_ids_are_rejected_naming_both_files(tmp_path):
    a = write(tmp_path, "- {id: x, type: PERSON, name: X}", "a.yaml")
    b = write(tmp_path, "- {id: x, type: PERSON, name: Y}", "b.yaml")
    with pytest.raises(RegistryError, match=r"duplicate registry id 'x' \(a.yaml and b.yaml\)"):
        load_registry_files([a, b])


def test_dangling_parent_is_rejected(tmp_path):
    path = write(tmp_path, "- {id: unit, type: ARMED_GROUP, name: Unit, parent: nowhere}")
    with pytest.raises(RegistryError, match="refers to unknown id 'nowhere'"):
        load_registry_files([path])


def test_unknown_type_and_keys_are_rejected(tmp_path):
    with pytest.raises(RegistryError, match="type 'MILITIA'"):
        load_registry_files([write(tmp_path, "- {id: a, type: MILITIA, name: A}")])
    with pytest.raises(RegistryError, match="unknown keys"):
        load_registry_files([write(tmp_path, "- {id: a, type: PERSON, name: A, nickname: B}")])


def test_country_targets_are_allowed(tmp_path):
    path = write(tmp_path, "- {id: g, type: ARMED_GROUP, name: G, relations: [{type: BACKED_BY, target: 'country:IR'}]}")
    assert load_registry_files([path]).get("g").relations[0].target == "country:IR"


def test_the_countries_a_story_s_actors_operate_in_are_shared_among_them(tmp_path):
    path = write(tmp_path, "- {id: a, type: ARMED_GROUP, name: A, country: LB, operates_in: [LB, SY]}\n"
                           "- {id: b, type: ARMED_GROUP, name: B, country: SY}\n"
                           "- {id: c, type: PERSON, name: C}\n")
    shares = load_registry_files([path]).country_shares(["a", "b", "c", "unknown"])
    assert shares == {"SY": 1.5, "LB": 0.5}  # where a group operates counts, not only its home


@pytest.mark.parametrize(("acronym", "entry"), [
    ("JWS", "syrian_national_army"), ("JSH", "free_syrian_army"), ("QDW", "national_defence_forces"),
    ("OPS", "operation_peace_spring"), ("OES", "operation_euphrates_shield"),
])
def test_the_acronyms_analysts_write_find_their_group(acronym, entry):
    assert load_registry().lookup(acronym) == {entry}  # "al-Jaysh al-Watani al-Suri", "Operation Peace Spring"


@pytest.mark.parametrize(("name", "entry"), [
    ("Liberation Army of Afrin", "afrin_liberation_forces"), ("Afrin Liberation Forces", "afrin_liberation_forces"),
])
def test_a_group_s_names_in_acled_and_in_the_news_find_the_same_group(name, entry):
    assert load_registry().lookup(name) == {entry}


@pytest.mark.parametrize(("name", "entry"), [
    ("Russian State Duma", "russian_state_duma"), ("Knesset", "knesset"), ("Turkish parliament", "turkish_parliament"),
    ("Syrian parliament", "syrian_peoples_assembly"), ("Verkhovna Rada", "verkhovna_rada"),
])
def test_the_legislatures_reports_name_are_organisations(name, entry):
    assert load_registry().lookup(name) == {entry}  # "a deputy of the State Duma" is no shelling of Douma
    assert load_registry().lookup("Duma") == set()  # alone, the Syrian town keeps its name


@pytest.mark.parametrize(("acronym", "entry", "country"), [
    ("MONUSCO", "monusco", "CD"), ("MINUSMA", "minusma", "ML"), ("UNMISS", "unmiss", "SS"),
    ("AMISOM", "amisom", "SO"), ("UNAMID", "unamid", "SD"),
])
def test_peace_operations_are_organisations_where_they_deploy(acronym, entry, country):
    registry = load_registry()
    assert registry.lookup(acronym) == {entry}
    assert registry.get(entry).type == "ORGANIZATION" and country in registry.get(entry).countries()


def test_a_un_agency_s_acronym_is_the_agency_not_a_town_written_alike():
    assert load_registry().lookup("FAO") == {"fao"}  # "UNICEF and FAO workers", not al-Faw in Iraq


def test_packaged_registry_loads_and_is_broad():
    registry = load_registry()
    assert len(registry) >= 500
    assert {"PERSON", "ARMED_GROUP", "ORGANIZATION"} <= {e.type for e in registry}
    assert registry.lookup("Kataib Hezbollah") != registry.lookup("Hezbollah")


@pytest.mark.parametrize(("name", "entry", "country"), [
    ("ex-Séléka", "seleka", "CF"), ("Mayi-Mayi", "mai_mai", "CD"), ("Janjawid", "janjaweed", "SD"),
    ("Amba Boys", "ambazonian_separatists", "CM"), ("Urabeños", "clan_del_golfo", "CO"),
    ("Mara Salvatrucha", "ms13", "SV"), ("Tatmadaw", "tatmadaw", "MM"),
])
def test_armed_actors_beyond_the_middle_east_are_registered_where_they_fight(name, entry, country):
    registry = load_registry()
    assert registry.lookup(name) == {entry}
    assert country in registry.get(entry).countries()


def test_turkish_led_operations_are_actors_backed_by_the_turkish_army():
    registry = load_registry()
    for alias in ("Euphrates Shield", "Olive Branch", "Peace Spring"):
        (entry_id,) = registry.lookup(alias)
        entry = registry.get(entry_id)
        assert entry.name == f"Operation {alias}"
        assert any(r.type == "BACKED_BY" and r.target == "turkish_armed_forces" for r in entry.relations)


def test_the_tiger_forces_are_the_unit_not_their_commanders_nickname():
    registry = load_registry()
    assert registry.lookup("The Tiger Forces") == {"tiger_forces"}


@pytest.mark.parametrize(("name", "entry"), [
    ("Military Council of Manbij", "manbij_military_council"),
    ("Military Council of Deir al-Zor", "deir_ez_zor_military_council"),
    ("Eastern Lions Army", "lions_of_the_east_army"),
])
def test_inverted_and_translated_names_find_their_group(name, entry):
    assert load_registry().lookup(name) == {entry}


@pytest.mark.parametrize("name", ["14th Division Special Forces", "11th Armored Division", "30th Republican Guard Division"])
def test_named_divisions_of_the_syrian_army_are_its_units(name):
    registry = load_registry()
    (entry_id,) = registry.lookup(name)
    assert registry.get(entry_id).parent == "syrian_government_forces"


def test_a_bare_division_number_names_no_army():
    assert load_registry().lookup("14th Division") == set()  # Syria's and Iraq's armies both number divisions
