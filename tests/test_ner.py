"""The shipped statistical NER model and its mapping to sitrep types."""
import pytest
import spacy

from sitrep.models import Document
from sitrep.nlp.ner import StatisticalNER, model_available, plausible_name, sitrep_type
from sitrep.nlp.pipeline import Analyzer

pytestmark = pytest.mark.skipif(not model_available(), reason="no NER model shipped in src/sitrep/trained/ner")


@pytest.fixture(scope="module")
def ner():
    return StatisticalNER.load()


def mentions(ner, text):
    return {(m.text, m.type) for m in ner(ner.nlp.make_doc(text))}


def test_unknown_people_places_and_groups_are_found(ner):
    found = mentions(ner, "Commander Jamal Darwish of the Liwa Suqour al-Badiya militia was seen in Palmyra "
                          "on Tuesday, the Syrian Observatory for Human Rights said.")
    assert ("Jamal Darwish", "PERSON") in found
    assert ("Palmyra", "PLACE") in found


def test_organisations_with_military_cues_become_armed_groups():
    assert sitrep_type("ORG", "Suqour al-Sham Brigade") == "ARMED_GROUP"
    assert sitrep_type("ORG", "Human Rights Watch") == "ORGANIZATION"
    assert sitrep_type("MISC", "Iraqi") is None


def test_generic_phrases_are_not_names():
    sdoc = spacy.blank("en")("Videos show its fighters. Iraqi Shiite militias moved in.")
    assert not plausible_name(sdoc, sdoc.text.index("its"), "its fighters")
    assert not plausible_name(sdoc, 0, "Videos")
    assert not plausible_name(sdoc, sdoc.text.index("Iraqi"), "Iraqi Shiite")


def test_titles_stay_out_of_person_spans(ner):
    analysis = Analyzer([], nlp=ner.nlp, statistical=ner).analyze(
        Document("d", "Brigadier General Farid Haddad inspected the lines near Homs."))
    people = [m for e in analysis.entities for m in e.mentions if m.type == "PERSON"]
    assert [(m.text, m.title) for m in people] == [("Farid Haddad", "Brigadier General")]
