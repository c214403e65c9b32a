"""The shipped statistical NER model and its mapping to sitrep types."""
import pytest
import spacy

from sitrep.models import Document
from spacy.tokens import Span

from sitrep.nlp.ner import (StatisticalNER, consistent_entities, model_available, name_parts, named_places,
                             national_capitals, placed_by_context, plausible_name, sentence_doc, sentence_entities,
                             sitrep_type)
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


@pytest.mark.parametrize("label, name", [("LOC", "Liwa al-Zahra"), ("PER", "Jaysh Idris"), ("ORG", "Saraya Marwan")])
def test_a_name_opening_with_an_arabic_word_for_a_unit_is_an_armed_group_whatever_the_label(label, name):
    assert sitrep_type(label, name) == "ARMED_GROUP"
    assert sitrep_type("LOC", "Liwa") == "PLACE"


@pytest.mark.parametrize("name, expected", [
    ("Kafr Kalbin", "PLACE"), ("Ras al-Ain", "PLACE"), ("Jisr al-Shughur", "PLACE"), ("Um Hosh", "PLACE"),
    ("Rasm al-Abbud", "PLACE"),
    ("Talal Ahmed", "PERSON"), ("Deir ez-Zor Military Council", "PERSON"), ("Ain", "PERSON")])
def test_names_opening_like_places_are_places(name, expected):
    assert sitrep_type("PER", name) == expected


@pytest.mark.parametrize("name, expected", [
    ("Gubio LGA", "PLACE"), ("Obi Local Government Area", "PLACE"), ("Marigat County", "PLACE"),
    ("Kilwa District", "PLACE"), ("Ras al-Ain District", "PLACE"), ("Kafr Zeit Territory", "PLACE"),
    ("Tal Hamra Woreda", "PLACE"), ("Ministry of Local Government", "ORGANIZATION"),
    ("County Council", "ORGANIZATION"), ("Marigat Valley Water District", "ORGANIZATION")])
def test_names_ending_in_an_admin_areas_designation_are_places(name, expected):
    assert sitrep_type("ORG", name) == expected


@pytest.mark.parametrize(("text", "name", "type_", "place"), [
    ("Fighting reached Um Adseh village at dawn.", "Um Adseh", "ORGANIZATION", True),
    ("Fighting reached Hamra and Kafr Zeit villages.", "Kafr Zeit", "ORGANIZATION", True),
    ("The group took the land between Tal Hamra and Kafr Zeit villages.", "Tal Hamra", "ORGANIZATION", True),
    ("Hezbollah and allied militias attacked.", "Hezbollah", "ORGANIZATION", False),
    ("Loyalist troops captured Kafr Ruma after heavy clashes.", "Kafr Ruma", "ORGANIZATION", True),
    ("Rebels captured Ahmed Khalil after clashes.", "Ahmed Khalil", "PERSON", False),
    ("IS seized Aknaf Bayt positions in the camp.", "Aknaf Bayt", "ORGANIZATION", False),
    ("Troops took Kharrata oil field.", "Kharrata", "PERSON", True),
    ("Rebels shelled the outskirts of Sarja Kbira.", "Sarja Kbira", "PERSON", True),
    ("The army took control of Arnaba.", "Arnaba", "ORGANIZATION", True),
    ("Two fighters were killed in Kharaieb.", "Kharaieb", "PERSON", True),
    ("Investors bought a stake in Pirelli.", "Pirelli", "ORGANIZATION", False),
    ("Nothing changed in Assad's view.", "Assad", "PERSON", False),
    ("Gunmen killed two guards in the area between Umm Tuwaynah and Tall Saqr.", "Umm Tuwaynah", "ORGANIZATION", True),
    ("Gunmen killed two guards in the area between Umm Tuwaynah and Tall Saqr.", "Tall Saqr", "PERSON", True),
    ("Talks between Omar Haddad and the mayor failed.", "Omar Haddad", "PERSON", False),
    ("Rebels took the towns of Kafr Dael, Haritan and Bayanoun.", "Haritan", "ORGANIZATION", True),
    ("Rebels took the towns of Kafr Dael, Haritan and Bayanoun.", "Bayanoun", "PERSON", True),
    ("In the town of Haritan, Omar Haddad spoke.", "Omar Haddad", "PERSON", False),
    ("Jamal Darwish spoke to reporters.", "Jamal Darwish", "PERSON", False),
    ("Bandits raided Kapedo, Marigat county, overnight.", "Marigat", "PERSON", True),
    ("Herders fled Gwer and Makurdi states last year.", "Gwer", "ORGANIZATION", True),
    ("Officials in Gombe province counted the dead.", "Gombe", "ORGANIZATION", True),
    ("Al-Ikhbariya state television reported the attack.", "Al-Ikhbariya", "ORGANIZATION", False),
    ("A bomb went off in the Bajaur tribal district.", "Bajaur", "ORGANIZATION", True),
    ("Soldiers patrolled Walikale territory after the raid.", "Walikale", "PERSON", True),
    ("Raiders burned farms in Gusau local government area.", "Gusau", "ORGANIZATION", True),
    ("The insurgents seized Lashkar Gah after a week of fighting.", "Lashkar Gah", "ARMED_GROUP", True),
    ("The insurgents seized Lashkar Gah positions at dawn.", "Lashkar Gah", "ARMED_GROUP", False),
    ("Witnesses said the Dawn Brigade ambushed a bus in Tal Hamra.", "Dawn Brigade", "ARMED_GROUP", False),
])
def test_words_around_a_name_can_make_it_a_place(text, name, type_, place):
    start = text.index(name)
    assert placed_by_context(text, start, start + len(name), type_) is place


@pytest.mark.parametrize(("text", "found"), [
    ("Two car bombs shook the Iraqi capital on Sunday.", ["Iraqi capital"]),
    ("Gunmen stormed a hotel in the besieged Yemeni capital's old city.", ["Yemeni capital"]),
    ("Two car bombs shook the Iraqi capital, Baghdad, on Sunday.", []),  # named: the ruler finds Baghdad
    ("Two car bombs shook the Iraqi capital Baghdad on Sunday.", []),
    ("Protesters filled the Kurdish capital on Sunday.", []),  # a people's, no country's
    ("A car bomb went off in Somali capital on Sunday.", ["Somali capital"]),
    ("Chinese capital flowed into the port.", []),  # money
])
def test_a_capital_named_by_its_countrys_nationality_is_a_place(text, found):
    assert [m.text for m in national_capitals(text)] == found


def test_generic_phrases_are_not_names():
    sdoc = spacy.blank("en")("Videos show its fighters. Iraqi Shiite militias moved in.")
    assert not plausible_name(sdoc, sdoc.text.index("its"), "its fighters")
    assert not plausible_name(sdoc, 0, "Videos")
    assert not plausible_name(sdoc, sdoc.text.index("Iraqi"), "Iraqi Shiite")


@pytest.mark.parametrize("name, plausible", [("Al-", False), ("El", False), ("Al-Qaim", True), ("Al Bab", True)])
def test_an_arabic_article_alone_is_no_name(name, plausible):
    sdoc = spacy.blank("en")(f"Shelling hit {name} on Monday.")
    assert plausible_name(sdoc, sdoc.text.index(name), name) is plausible


def test_titles_stay_out_of_person_spans(ner):
    analysis = Analyzer([], nlp=ner.nlp, statistical=ner).analyze(
        Document("d", "Brigadier General Farid Haddad inspected the lines near Homs."))
    people = [m for e in analysis.entities for m in e.mentions if m.type == "PERSON"]
    assert [(m.text, m.title) for m in people] == [("Farid Haddad", "Brigadier General")]


def labelled(doc, *spans: tuple[str, str]) -> list[Span]:
    """Spans of ``doc`` for (text, label) pairs, each at the first occurrence of its text."""
    out = []
    for text, label in spans:
        start = doc.text.index(text)
        out.append(doc.char_span(start, start + len(text), label=label))
    return out


def test_a_model_name_ending_on_a_hyphen_is_the_name_before_it(ner):
    doc = ner.nlp.make_doc("Bandits ambushed a lorry on the Garissa-Bura road.")
    found = [ner._mention(doc, span) for span in labelled(doc, ("Garissa-", "LOC"), ("Bura", "LOC"))]
    assert [(m.text, doc.text[m.start:m.end]) for m in found] == [("Garissa", "Garissa"), ("Bura", "Bura")]


def test_a_name_keeps_one_label_through_the_document():
    doc = spacy.blank("en")("Haftar spoke. Haftar left. Haftar returned.")
    votes = [Span(doc, 0, 1, label="PER"), Span(doc, 3, 4, label="PER"), Span(doc, 6, 7, label="ORG")]
    assert [e.label_ for e in consistent_entities(doc, votes)] == ["PER", "PER", "PER"]


def test_missed_repetitions_headline_capitals_and_surnames_are_labelled():
    doc = spacy.blank("en")("HAFTAR FORCES NEAR TRIPOLI\n\nKhalifa Haftar said his forces were near Tripoli. "
                            "Haftar did not say when Tripoli would be attacked.")
    found = consistent_entities(doc, labelled(doc, ("Khalifa Haftar", "PER"), ("Tripoli", "LOC")))
    assert [(e.text, e.label_) for e in found] == [
        ("TRIPOLI", "LOC"), ("Khalifa Haftar", "PER"), ("Tripoli", "LOC"), ("Haftar", "PER"), ("Tripoli", "LOC")]


def test_countries_and_nationality_words_keep_the_label_their_words_decide():
    doc = spacy.blank("en")("Turkey beat Bulgaria 2-1 as Iraqis and Kurdish fans watched Turkey Telecom.")
    found = consistent_entities(doc, labelled(doc, ("Turkey", "ORG"), ("Bulgaria", "LOC"), ("Iraqis", "ORG"),
                                              ("Kurdish", "PER"), ("Turkey Telecom", "ORG")))
    assert [(e.text, e.label_) for e in found] == [
        ("Turkey", "LOC"), ("Bulgaria", "LOC"), ("Iraqis", "MISC"), ("Kurdish", "MISC"), ("Turkey Telecom", "ORG")]


def test_lower_case_words_never_become_names():
    doc = spacy.blank("en")("The Guard said the guard was asleep.")
    found = consistent_entities(doc, labelled(doc, ("Guard", "ORG")))
    assert [e.text for e in found] == ["Guard"]


def test_the_model_runs_sentence_by_sentence(ner):
    doc = ner.nlp.make_doc("Fighting continued in Idlib. Jamal Darwish said the town was quiet.")
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
    entities = sentence_entities(ner.nlp, doc)
    assert all(e.doc is doc for e in entities)
    assert {(e.text, e.label_) for e in entities} >= {("Idlib", "LOC"), ("Jamal Darwish", "PER")}


def test_a_sentence_read_alone_keeps_its_tokens_and_the_norms_the_tokenizer_gave_them(ner):
    doc = ner.nlp.make_doc("Rain fell. Floods hit Gainesville, Va. and Raleigh, N.C. on Monday.")
    sentence = doc[3:]
    alone = sentence_doc(sentence)
    assert [(t.text, t.whitespace_, t.norm_) for t in alone] == [(t.text, t.whitespace_, t.norm_) for t in sentence]
    assert "Virginia" in [t.norm_ for t in alone]


def parts(doc, start: int, end: int, label: str) -> list[str]:
    """The texts of the names a span of ``doc`` (tokens ``start`` to ``end``, labelled ``label``) holds."""
    return [p.text for p in name_parts(Span(doc, start, end, label=label))]


def test_a_place_written_town_comma_country_is_two_places_and_spaces_stay_out():
    doc = spacy.blank("en")("Fighters left Najaf, Iraq for Aleppo\u00a0 on Sunday.")
    assert parts(doc, 2, 5, "LOC") == ["Najaf", "Iraq"]
    assert parts(doc, 6, 8, "LOC") == ["Aleppo"]
    assert parts(doc, 2, 5, "ORG") == ["Najaf, Iraq"]


def test_a_lower_case_compass_word_parts_two_names_in_a_span_of_any_label():
    doc = spacy.blank("en")("Fighting raged around Tal Hamra northern Raqqa and in Northern Ireland.")
    assert parts(doc, 3, 7, "ORG") == ["Tal Hamra", "Raqqa"]
    assert parts(doc, 9, 11, "LOC") == ["Northern Ireland"]


def test_a_free_standing_at_parts_a_name_from_where_it_was_in_a_span_the_words_around_make_a_place():
    doc = spacy.blank("en")("Guards of the Border Police at Tal Hamra crossing fled to Tall at-Tamr.")
    assert parts(doc, 3, 8, "ORG") == ["Border Police", "Tal Hamra"]
    assert parts(doc, 11, 15, "LOC") == ["Tall at-Tamr"]
    doc = spacy.blank("en")("Omar Haddad is a Senior Fellow at Eastlake Institute.")
    assert parts(doc, 4, 9, "ORG") == ["Senior Fellow at Eastlake Institute"]


def test_a_place_written_x_camp_in_y_is_the_camp_and_its_container():
    doc = spacy.blank("en")("Guards left Tent Camp in Hasakah in May.")
    assert parts(doc, 2, 6, "LOC") == ["Tent Camp", "Hasakah"]


def test_a_place_written_x_district_of_y_is_the_district_and_its_container():
    doc = spacy.blank("en")("Clashes hit Jableh district of Latakia and the Bank of Syria.")
    assert parts(doc, 2, 6, "LOC") == ["Jableh district", "Latakia"]
    assert parts(doc, 8, 11, "LOC") == ["Bank of Syria"]  # no kind before "of"


def test_two_designated_areas_joined_in_one_span_are_two_places():
    doc = spacy.blank("en")("Fighting erupted in Unity State and Lakes State of South Sudan.")
    assert parts(doc, 3, 11, "LOC") == ["Unity State", "Lakes State", "South Sudan"]
    doc = spacy.blank("en")("Aid reached Bosnia and Herzegovina.")
    assert parts(doc, 2, 5, "LOC") == ["Bosnia and Herzegovina"]


def test_two_places_listed_in_one_span_are_two_places():
    doc = spacy.blank("en")("Gunmen fired at a car near the villages of Kafr Loma and Tal Sukkar yesterday.")
    assert parts(doc, 9, 14, "LOC") == ["Kafr Loma", "Tal Sukkar"]
    doc = spacy.blank("en")("A delegation from Bosnia and Herzegovina arrived.")
    assert parts(doc, 3, 6, "LOC") == ["Bosnia and Herzegovina"]


def test_a_front_named_after_the_villages_it_runs_between_names_each_village():
    text = "Shelling was exchanged on the Kafr Loma-Tal Sukkar frontline and the Deir ez-Zor front."
    assert [m.text for m in named_places(text)] == ["Kafr Loma", "Tal Sukkar", "Deir ez-Zor"]


def test_the_hyphen_after_an_article_opening_a_village_name_joins_no_two_villages():
    text = "A fighter was killed on the Al-Zahra front. Shells fell along the Al-Bab-Manbij frontline."
    assert [m.text for m in named_places(text)] == ["Al-Zahra", "Al-Bab", "Manbij"]


def test_a_way_named_after_the_towns_it_joins_names_each_town():
    doc = spacy.blank("en")("Gunmen stopped a bus on the Homs-Damascus highway near Deir ez-Zor.")
    assert parts(doc, 6, 9, "LOC") == ["Homs", "Damascus"]
    assert parts(doc, 11, 15, "LOC") == ["Deir ez-Zor"]
    doc = spacy.blank("en")("Aid reached Guinea-Bissau by road.")
    assert parts(doc, 2, 5, "LOC") == ["Guinea-Bissau"]


@pytest.mark.parametrize("text, group, place", [
    ("The loyalist militia Liwa Tadmur captured two hills.", "Liwa Tadmur", "Tadmur"),
    ("Fighters of Saraya Manbij attacked a checkpoint.", "Saraya Manbij", "Manbij"),
    ("Liwa al-Raqqa fighters clashed with IS.", "Liwa al-Raqqa", "al-Raqqa")])
def test_a_unit_named_after_a_place_is_an_armed_group_not_the_place(ner, text, group, place):
    from sitrep.nlp.entities import NamePattern
    analyzer = Analyzer([NamePattern(place, "PLACE", "p1", "gazetteer")], nlp=ner.nlp, statistical=ner)
    entities = analyzer.analyze(Document("d", text)).entities
    assert [(e.name, e.type) for e in entities if e.name in (group, place)] == [(group, "ARMED_GROUP")]


def test_documents_read_together_get_the_mentions_each_gets_alone(ner):
    from sitrep.nlp.sentences import sentence_spans, set_sentence_starts
    texts = ["Fighting continued in Idlib. Jamal Darwish said the town was quiet.",
             "Gunmen from the Hurras al-Din group attacked a checkpoint near Ariha on Monday.",
             "Reuters said Turkish forces shelled Tal Rifaat."]
    sdocs = []
    for text in texts:
        sdoc = ner.nlp.make_doc(text)
        set_sentence_starts(sdoc, sentence_spans(text))
        sdocs.append(sdoc)
    together = ner.many(sdocs)
    assert together == [ner(sdoc) for sdoc in sdocs]
    assert any(m.text == "Jamal Darwish" for m in together[0])
