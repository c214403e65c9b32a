"""The analyze stage on sentences written for these tests."""
from sitrep.models import Document
from sitrep.nlp.sentences import sentence_spans


def entities_by_registry(analysis):
    return {e.registry_id: e for e in analysis.entities if e.registry_id}


def test_sentences_do_not_split_after_rank_abbreviations():
    text = "Maj. Gen. Qassem Soleimani arrived. He left on Monday."
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["Maj. Gen. Qassem Soleimani arrived.", "He left on Monday."]


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
