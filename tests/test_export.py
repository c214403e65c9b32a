"""The analysis export keeps the GUIDELINES.md shape that tools/score.py reads."""
import json

from sitrep.export import EXPORTERS, write_jsonl


def export_lines(sitrep, fmt):
    import io
    out = io.StringIO()
    with sitrep.store.session() as s:
        write_jsonl(EXPORTERS[fmt](s), out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_analysis_export_has_one_object_per_document_with_stable_ids(sitrep, tmp_path):
    (tmp_path / "one.txt").write_text("Qassem Soleimani met Kataib Hezbollah.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Qasem Suleimani spoke to Hezbollah Brigades fighters.", encoding="utf-8")
    sitrep.ingest([str(tmp_path)])
    records = {r["doc_id"]: r for r in export_lines(sitrep, "analysis")}
    assert set(records) == {"one", "two"}
    for record in records.values():
        assert {"doc_id", "published", "entities", "events", "relations"} <= set(record)
        for entity in record["entities"]:
            assert {"id", "type", "name", "mentions"} <= set(entity)
            for m in entity["mentions"]:
                assert {"text", "start", "end"} <= set(m)
    ids = lambda r: {e["id"]: [m["text"] for m in e["mentions"]] for e in r["entities"]}  # noqa: E731
    assert ids(records["one"])["qassem_soleimani"] == ["Qassem Soleimani"]
    assert ids(records["two"])["qassem_soleimani"] == ["Qasem Suleimani"]
    assert ids(records["two"])["kataib_hezbollah"] == ["Hezbollah Brigades"]


def test_mention_offsets_point_into_the_document_text(sitrep, tmp_path):
    text = "Fighters of Kataib Hezbollah and the Islamic State clashed."
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    sitrep.ingest([str(tmp_path / "x.txt")])
    (record,) = export_lines(sitrep, "analysis")
    for entity in record["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


def test_jsonl_export_can_be_ingested_again(sitrep, tmp_path):
    (tmp_path / "x.txt").write_text("Title\n\nHezbollah fighters left Qusayr.", encoding="utf-8")
    sitrep.ingest([str(tmp_path / "x.txt")])
    (record,) = export_lines(sitrep, "jsonl")
    assert record["id"] == "x" and record["title"] == "Title" and "Hezbollah" in record["text"]
