"""Scoring an analysis export against gold files, and NER against a CoNLL file."""
from __future__ import annotations

import json

import pytest

from sitrep.evaluation import (chunks, evaluate_ner, evaluate_store, iob2, ner_predictor, normalise_surface,
                               score_export)


def entity(entity_id, type_, *mentions):
    return {"id": entity_id, "type": type_, "name": mentions[0], "mentions": list(mentions)}


def event(type_="CLASH", actors=(), targets=(), **arguments):
    fields = {"place": None, "date": None, "fatalities": None, "quantity": None, "source": None,
              "certainty": None} | arguments
    return {"type": type_, "actors": list(actors), "targets": list(targets), **fields}


def relation(type_, subject, obj):
    return {"type": type_, "subject": subject, "object": obj}


def record(doc_id, entities, events=(), relations=()):
    return {"doc_id": doc_id, "entities": entities, "events": list(events), "relations": list(relations)}


GOLD = [
    record("one", [entity("soleimani", "PERSON", "Qassem Soleimani", "Soleimani"),
                   entity("nujaba", "ARMED_GROUP", "Harakat al Nujaba", "Nujaba"),
                   entity("aleppo", "PLACE", "Aleppo")],
           [event("PRESENCE", ["soleimani"], place="aleppo", date="2016-11", certainty="claimed", source="nujaba")],
           [relation("LEADS", "soleimani", "nujaba")]),
    record("two", [entity("soleimani", "PERSON", "Qassem Soleimani"),
                   entity("kaabi", "PERSON", "Akram al Kaabi", "Kaabi")]),
]


@pytest.fixture
def gold_dir(tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    for item in GOLD:
        (folder / f"{item['doc_id']}.json").write_text(json.dumps(item), encoding="utf-8")
    return folder


def perfect_export():
    """The gold renamed the way a system would: its own ids, mentions with offsets, extra fields."""
    rename = {"soleimani": "sys_1", "nujaba": "sys_2", "aleppo": "sys_3", "kaabi": "sys_4"}
    out = []
    for item in json.loads(json.dumps(GOLD)):
        for e in item["entities"]:
            e["id"] = rename[e["id"]]
            e["mentions"] = [{"text": m, "start": 0, "end": len(m)} for m in e["mentions"]]
        for ev in item["events"]:
            ev.update(actors=[rename[a] for a in ev["actors"]], place=rename[ev["place"]],
                      source=rename[ev["source"]], date="2016-11-19", acled={"event_type": "Strategic developments"})
        for rel in item["relations"]:
            rel.update(subject=rename[rel["subject"]], object=rename[rel["object"]])
        out.append(item)
    return out


def test_a_perfect_export_scores_one(gold_dir):
    scores = score_export(perfect_export(), gold_dir)
    assert (scores["documents"], scores["documents_in_export"]) == (2, 2)
    for key in ("mentions_typed", "mentions_untyped", "coref_bcubed", "events", "relations"):
        assert scores[key]["f1"] == 1.0, key
    assert set(scores["event_arguments"].values()) == {1.0}  # the date agrees at the gold precision
    assert scores["mentions_typed"]["gold"] == 8


def test_a_missed_mention_lowers_recall_only(gold_dir):
    export = perfect_export()
    export[1]["entities"][1]["mentions"].pop()  # "Kaabi"
    scores = score_export(export, gold_dir)
    assert scores["mentions_typed"]["p"] == 1.0
    assert scores["mentions_typed"]["r"] == round(7 / 8, 4)
    assert scores["mentions_by_type"]["PERSON"] == {"p": 1.0, "r": 0.8, "f1": 0.8889, "tp": 4, "sys": 4, "gold": 5}


def test_a_missing_document_scores_as_empty_and_extra_ones_are_ignored(gold_dir):
    export = perfect_export()[:1] + [record("not_in_gold", [entity("x", "PERSON", "Someone")])]
    scores = score_export(export, gold_dir)
    assert scores["documents_in_export"] == 1
    assert scores["mentions_typed"]["sys"] == 5 and scores["mentions_typed"]["gold"] == 8


def test_a_wrong_type_counts_untyped_but_not_typed(gold_dir):
    export = perfect_export()
    export[0]["entities"][2]["type"] = "ORGANIZATION"  # Aleppo
    scores = score_export(export, gold_dir)
    assert scores["mentions_untyped"]["f1"] == 1.0
    assert scores["mentions_typed"]["tp"] == 7


@pytest.mark.parametrize("surface, normalised", [
    ("Soleimani's", "soleimani"),
    ("Soleimani’s", "soleimani"),
    ("the Nujaba", "nujaba"),
    ("Major General Qassem Soleimani", "qassem soleimani"),
    ("Al Hajj Qassem Soleimani", "qassem soleimani"),
    ("Maj. Gen. Soleimani", "soleimani"),
    ("Aleppo province", "aleppo"),
    ("Aleppo countryside", "aleppo"),
    ("the Aleppo governorate", "aleppo"),
    ("“Aleppo”", "aleppo"),
    ("Captain Nemo", "captain nemo"),  # not a title in the metric
])
def test_surfaces_are_normalised(surface, normalised):
    assert normalise_surface(surface) == normalised


def test_titles_and_possessives_do_not_cost_a_match(gold_dir):
    export = perfect_export()
    export[0]["entities"][0]["mentions"] = [{"text": "General Qassem Soleimani", "start": 0, "end": 24},
                                            {"text": "Soleimani's", "start": 30, "end": 41}]
    assert score_export(export, gold_dir)["mentions_typed"]["f1"] == 1.0


def test_bcubed_penalises_a_split_cluster(gold_dir):
    export = perfect_export()
    export[1]["entities"][0]["id"] = "another_soleimani"  # doc two's Soleimani is not linked to doc one's
    coref = score_export(export, gold_dir)["coref_bcubed"]
    # the soleimani cluster has 3 items split 2 + 1: recall 2/3, 2/3 and 1/3; the 5 other items 1
    assert coref["p"] == 1.0
    assert coref["r"] == round((2 / 3 + 2 / 3 + 1 / 3 + 5) / 8, 4)
    assert coref["items"] == 8


def test_bcubed_penalises_a_merged_cluster_and_a_missed_item(gold_dir):
    export = perfect_export()
    export[1]["entities"][1]["id"] = "sys_1"  # Kaabi merged with Soleimani
    export[0]["entities"][2]["mentions"] = []  # Aleppo missed: a singleton, still right alone
    coref = score_export(export, gold_dir)["coref_bcubed"]
    assert coref["r"] == 1.0
    assert coref["p"] == round((3 * 3 / 5 + 2 * 2 / 5 + 3) / 8, 4)


def test_events_match_by_shared_participant_and_score_arguments(gold_dir):
    export = perfect_export()
    export[0]["events"] = [
        event("PRESENCE", ["sys_2"], place="sys_3"),  # no shared participant: no match
        event("PRESENCE", ["sys_1", "sys_2"], place="sys_3", date="2016-12-01", certainty="claimed", source="sys_2"),
    ]
    scores = score_export(export, gold_dir)
    assert scores["events"] == {"p": 0.5, "r": 1.0, "f1": 0.6667, "tp": 1, "sys": 2, "gold": 1}
    assert scores["event_arguments"] == {"place": 1.0, "date": 0.0, "fatalities": 1.0, "quantity": 1.0,
                                         "certainty": 1.0, "source": 1.0}


def test_events_without_participants_match_by_place(gold_dir):
    gold_dir.joinpath("one.json").write_text(json.dumps(record("one", GOLD[0]["entities"],
                                                               [event("ATTACK", place="aleppo")])))
    export = perfect_export()
    export[0]["events"] = [event("ATTACK", place="sys_3")]
    assert score_export(export, gold_dir)["events"]["f1"] == 1.0
    export[0]["events"] = [event("CLASH", place="sys_3")]  # another type
    assert score_export(export, gold_dir)["events"]["tp"] == 0


def test_relations_are_compared_after_mapping_ids(gold_dir):
    export = perfect_export()
    assert export[0]["relations"] == [relation("LEADS", "sys_1", "sys_2")]
    assert score_export(export, gold_dir)["relations"]["f1"] == 1.0
    export[0]["relations"] = [relation("LEADS", "sys_2", "sys_1"),  # reversed
                              relation("LEADS", "soleimani", "nujaba")]  # gold ids no system mention maps
    assert score_export(export, gold_dir)["relations"]["tp"] == 0


def test_bad_inputs_are_named(tmp_path, gold_dir):
    with pytest.raises(ValueError, match="no gold files"):
        score_export([], tmp_path)
    (gold_dir / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.json: not a gold JSON file"):
        score_export([], gold_dir)


def test_evaluate_store_scores_the_knowledge_base(sitrep, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "one.txt").write_text("Qassem Soleimani met Kataib Hezbollah.", encoding="utf-8")
    sitrep.ingest([str(tmp_path / "docs")])
    gold = tmp_path / "gold"
    gold.mkdir()
    gold.joinpath("one.json").write_text(json.dumps(record("one", [
        entity("soleimani", "PERSON", "Qassem Soleimani"), entity("kh", "ARMED_GROUP", "Kataib Hezbollah")])))
    with sitrep.store.session() as s:
        scores = evaluate_store(s, gold)
    assert scores["documents_in_export"] == 1
    assert scores["mentions_typed"]["r"] == 1.0


# ---------------------------------------------------------------- NER

CONLL = """\
-DOCSTART- -X- -X- O

Qassem NNP B-NP I-PER
Soleimani NNP I-NP I-PER
visited VBD B-VP O
Aleppo NNP B-NP I-LOC
. . O O

Hezbollah NNP B-NP I-ORG
and CC O O
Kataib NNP B-NP B-ORG
Hezbollah NNP I-NP I-ORG
fought VBD B-VP O
. . O O
"""


@pytest.fixture
def conll_file(tmp_path):
    path = tmp_path / "tiny.conll"
    path.write_text(CONLL, encoding="utf-8")
    return path


def test_chunks_read_iob1_and_iob2():
    assert chunks(["I-PER", "I-PER", "O", "I-LOC"]) == {(0, 2, "PER"), (3, 4, "LOC")}
    assert chunks(["B-PER", "I-PER", "B-PER", "I-LOC"]) == {(0, 2, "PER"), (2, 3, "PER"), (3, 4, "LOC")}
    assert iob2(["I-PER", "I-PER", "B-PER", "O", "I-LOC"]) == ["B-PER", "I-PER", "B-PER", "O", "B-LOC"]


def answering(answers: dict[str, list[str]]):
    """A fake document predictor: the tags of each sentence looked up by its first token."""
    return lambda sentences: [answers[tokens[0]] for tokens in sentences]


def test_evaluate_ner_with_a_fake_predictor(conll_file):
    answers = {"Qassem": ["B-PER", "I-PER", "O", "B-LOC", "O"],
               "Hezbollah": ["B-ORG", "O", "B-ORG", "O", "O", "O"]}  # second ORG span too short
    scores = evaluate_ner(conll_file, answering(answers))
    assert scores["sentences"] == 2 and scores["tokens"] == 11
    assert scores["token_accuracy"] == round(10 / 11, 4)  # IOB1 gold and IOB2 predictions compare as spans
    assert scores["overall"] == {"p": 0.75, "r": 0.75, "f1": 0.75, "tp": 3, "sys": 4, "gold": 4}
    assert scores["by_type"]["ORG"] == {"p": 0.5, "r": 0.5, "f1": 0.5, "tp": 1, "sys": 2, "gold": 2}
    assert scores["by_type"]["PER"]["f1"] == 1.0


def test_evaluate_ner_agrees_with_seqeval(conll_file):
    seqeval = pytest.importorskip("seqeval.metrics")
    answers = {"Qassem": ["I-PER", "B-PER", "O", "B-MISC", "O"],
               "Hezbollah": ["B-ORG", "O", "B-ORG", "I-ORG", "O", "O"]}
    gold = [["I-PER", "I-PER", "O", "I-LOC", "O"], ["I-ORG", "O", "B-ORG", "I-ORG", "O", "O"]]
    scores = evaluate_ner(conll_file, answering(answers))
    predicted = list(answers.values())
    assert scores["overall"]["f1"] == round(seqeval.f1_score(gold, predicted), 4)
    assert scores["overall"]["p"] == round(seqeval.precision_score(gold, predicted), 4)


def test_evaluate_ner_hands_the_predictor_one_document_at_a_time(tmp_path):
    path = tmp_path / "docs.conll"
    path.write_text("-DOCSTART- -X- O O\n\nAleppo I-LOC\n\nIdlib I-LOC\n\n"
                    "-DOCSTART- -X- O O\n\nMosul I-LOC\n", encoding="utf-8")
    documents = []

    def predict(sentences):
        documents.append([tokens[0] for tokens in sentences])
        return [["B-LOC"] for _ in sentences]

    assert evaluate_ner(path, predict)["overall"]["f1"] == 1.0
    assert documents == [["Aleppo", "Idlib"], ["Mosul"]]


def test_evaluate_ner_names_bad_lines_and_bad_predictions(conll_file, tmp_path):
    bad = tmp_path / "bad.conll"
    bad.write_text("Qassem B-PER\nSoleimani PERSON\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.conll:2: expected"):
        evaluate_ner(bad, lambda sentences: [["O"] * len(tokens) for tokens in sentences])
    with pytest.raises(ValueError, match=r"tiny.conll:3: the predictor returned"):
        evaluate_ner(conll_file, lambda sentences: [["O"] for _ in sentences])
    with pytest.raises(ValueError, match=r"tiny.conll:3: the predictor returned 1 sentences for a document of 2"):
        evaluate_ner(conll_file, lambda sentences: [["O"] * len(sentences[0])])


def test_ner_predictor_tags_a_spacy_pipeline_in_conll_labels(conll_file):
    import spacy
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Qassem Soleimani"}, {"label": "GPE", "pattern": "Aleppo"},
                        {"label": "ORG", "pattern": "Kataib Hezbollah"}, {"label": "DATE", "pattern": "fought"}])
    predict = ner_predictor(nlp)
    assert predict([["Qassem", "Soleimani", "visited", "Aleppo", "."]]) == [["B-PER", "I-PER", "O", "B-LOC", "O"]]
    scores = evaluate_ner(conll_file, predict)
    assert scores["overall"] == {"p": 1.0, "r": 0.75, "f1": 0.8571, "tp": 3, "sys": 3, "gold": 4}
