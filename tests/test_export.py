"""Exports: the analysis format tools/score.py reads, documents as JSONL, events as ACLED-style CSV."""
import csv
import io
import json

import pytest

from sitrep.app import Sitrep
from sitrep.events.extractor import EventExtractor
from sitrep.export import ACLED_COLUMNS, EXPORTERS
from sitrep.models import Document, Geo
from sitrep.nlp.entities import place_patterns, registry_patterns
from sitrep.nlp.pipeline import Analyzer


def exported(sitrep, fmt) -> str:
    out = io.StringIO()
    with sitrep.store.session() as s:
        EXPORTERS[fmt].write(s, out)
    return out.getvalue()


def export_lines(sitrep, fmt):
    return [json.loads(line) for line in exported(sitrep, fmt).splitlines()]


def acled_rows(sitrep) -> list[dict]:
    return list(csv.DictReader(io.StringIO(exported(sitrep, "acled"))))


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


CAPTURE = ("Kataib Hezbollah fighters captured al-Qaim from Islamic State on Friday, killing 12 militants, "
           "Desert Wire reported. Residents described long queues at checkpoints and shortages of bread "
           "and fuel in the markets. Schools in the district are expected to reopen next month, and "
           "traders said prices of vegetables had doubled since the summer.")
SECOND_REPORT = ("Kataib Hezbollah wrested control of al-Qaim from Islamic State on 3 November, and at least "
                 "9 militants were killed, officials said.")


def test_acled_export_has_one_row_per_event_with_every_source(events_sitrep):
    events_sitrep.add_document(Document("a", CAPTURE, publisher="Desert Wire", published="2017-11-04"))
    events_sitrep.add_document(Document("b", SECOND_REPORT, publisher="Euphrates Daily", published="2017-11-03"))
    events_sitrep.add_document(Document("c", CAPTURE + " Share this.", publisher="Copy Site", published="2017-11-05"))
    assert exported(events_sitrep, "acled").splitlines()[0] == ",".join(ACLED_COLUMNS)
    (row,) = [r for r in acled_rows(events_sitrep) if r["sub_event_type"] == "Non-state actor overtakes territory"]
    assert (row["event_date"], row["time_precision"], row["event_type"]) == ("2017-11-03", "1", "Battles")
    assert (row["actor1"], row["actor2"], row["location"]) == ("Kataib Hezbollah", "Islamic State", "al-Qaim")
    assert row["source"] == "Desert Wire; Euphrates Daily"  # the repost on Copy Site adds no source
    assert row["fatalities"] == "9"  # the lower of the two reported counts
    assert row["notes"] == CAPTURE.split(" Residents")[0]  # the evidence sentence of the fuller report


def test_acled_export_neutralises_spreadsheet_formulas(events_sitrep):
    events_sitrep.add_document(Document("x", "=HYPERLINK(1) Kataib Hezbollah fighters captured Rawa from "
                                        "Islamic State on Friday.", publisher="@evil", published="2017-11-04"))
    rows = acled_rows(events_sitrep)
    assert rows and all(not v.startswith(("=", "@", "+")) for r in rows for v in r.values())


ANBAR = Geo(33.2, 42.4, "IQ", "Anbar", precision="admin1", name="Anbar Governorate", seat=(33.42, 43.30))


def place_in_anbar(analysis, sdoc=None) -> None:
    """A stand-in geocoder: every place is the governorate, whose main town is Ramadi."""
    for entity in analysis.entities:
        if entity.type == "PLACE":
            entity.geo = ANBAR


@pytest.fixture
def anbar_sitrep(tmp_path, registry):
    analyzer = Analyzer([*registry_patterns(registry), *place_patterns([("Anbar", "anbar")])],
                        steps=[place_in_anbar, EventExtractor(registry=registry)])
    app = Sitrep(str(tmp_path / "anbar.db"), analyzer_factory=lambda: analyzer, registry=registry)
    yield app
    app.store.close()


def test_acled_export_codes_an_event_known_only_by_its_governorate_at_its_main_town(anbar_sitrep):
    anbar_sitrep.add_document(Document("a", "Kataib Hezbollah fighters clashed with Islamic State in Anbar on Friday.",
                                       published="2017-11-04"))
    (row,) = acled_rows(anbar_sitrep)
    assert (row["location"], row["geo_precision"]) == ("Anbar Governorate", "3")
    assert (float(row["latitude"]), float(row["longitude"])) == ANBAR.seat  # where ACLED codes it, not the area's middle
