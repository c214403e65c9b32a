import pytest

from sitrep.vocab import VocabularyError, load_vocabulary, parse_vocabulary


def test_every_guideline_type_is_in_the_vocabulary():
    vocab = load_vocabulary()
    assert set(vocab.entity_types) == {"PERSON", "ARMED_GROUP", "ORGANIZATION", "PLACE", "EQUIPMENT"}
    assert {"CLASH", "ATTACK", "TERRITORY", "DEPLOYMENT", "PRESENCE", "CASUALTIES", "FUNERAL",
            "DESIGNATION", "DETENTION", "DISPLACEMENT", "EQUIPMENT"} == set(vocab.event_types)
    assert vocab.certainty_levels == ("confirmed", "reported", "claimed", "alleged")
    assert "OPERATES_IN" in vocab.relation_types


def test_acled_mapping_of_sub_event_types():
    attack = load_vocabulary().event_type("ATTACK")
    assert attack.acled_event_type_for("Air/drone strike") == "Explosions/Remote violence"
    assert attack.acled_event_type_for("Attack") == "Violence against civilians"
    assert attack.acled_event_type_for("Looting/property destruction") == "Strategic developments"
    assert load_vocabulary().event_type("CLASH").default_sub_event_type == "Armed clash"


def test_inconsistent_vocabulary_is_rejected():
    raw = {"entity_types": {"PERSON": {}}, "event_types": {},
           "relation_types": {"LEADS": {"subject": ["PERSON"], "object": ["GROUP"], "description": ""}},
           "certainty_levels": [], "geo_precisions": [], "time_precisions": []}
    with pytest.raises(VocabularyError, match="unknown object types"):
        parse_vocabulary(raw)
