"""The command line as a user runs it: exit codes, error lines, output."""
import json

import pytest
from typer.testing import CliRunner

from sitrep.cli import app


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def kb(tmp_path, runner):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Strike near Albukamal\n\nKataib Hezbollah fighters were seen in Albukamal, "
                                  "according to AFP.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Qasem Soleimani visited Hezbollah fighters in Syria.\n", encoding="utf-8")
    db = str(tmp_path / "kb.db")
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def test_ingest_reports_counts_and_a_rerun_adds_nothing(runner, kb, tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "corpus"), "--db", kb])
    assert result.exit_code == 0
    assert "0 added" in result.output and "2 duplicates skipped" in result.output


def test_failed_items_are_named_and_exit_code_is_1(runner, kb, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "title": "t", "text": "Hezbollah fighters left."}\nnot json\n', encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(bad), "--db", kb])
    assert result.exit_code == 1
    assert "bad.jsonl:2" in result.output and "1 added" in result.output


def test_entities_found_by_variant_spelling(runner, kb):
    result = runner.invoke(app, ["entities", "Qassem Suleimani", "--db", kb])
    assert result.exit_code == 0
    assert "qassem_soleimani" in result.output


def test_entity_dossier_shows_names_and_documents(runner, kb):
    result = runner.invoke(app, ["entity", "Kataib Hezbollah", "--db", kb])
    assert result.exit_code == 0
    assert "Kataib Hezbollah" in result.output and "a" in result.output


def test_unknown_entity_is_a_usage_error(runner, kb):
    result = runner.invoke(app, ["entity", "Nobody At All", "--db", kb])
    assert result.exit_code == 2
    assert "no entity named" in result.output


def test_search_and_export(runner, kb, tmp_path):
    result = runner.invoke(app, ["search", "Albukamal", "--db", kb])
    assert result.exit_code == 0 and "a" in result.output
    out = tmp_path / "analysis.jsonl"
    result = runner.invoke(app, ["export", "--format", "analysis", "--db", kb, "-o", str(out)])
    assert result.exit_code == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["doc_id"] for r in records) == ["a", "b"]


def test_unknown_export_format_is_a_usage_error(runner, kb, tmp_path):
    result = runner.invoke(app, ["export", "--format", "pdf", "--db", kb, "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "unknown format" in result.output


def test_merge_persists_across_reanalysis(runner, kb):
    assert runner.invoke(app, ["merge", "Hezbollah", "Kataib Hezbollah", "--db", kb]).exit_code == 0
    assert runner.invoke(app, ["reanalyze", "--db", kb]).exit_code == 0
    result = runner.invoke(app, ["entities", "--type", "ARMED_GROUP", "--db", kb])
    assert "kataib_hezbollah" not in result.output and "hezbollah" in result.output


def test_split_moves_a_surface_into_a_new_entity(runner, kb):
    result = runner.invoke(app, ["split", "Hezbollah", "Hezbollah", "--new-id", "hezbollah_split", "--db", kb])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["entities", "--type", "ARMED_GROUP", "--db", kb]).output
    assert "hezbollah_split" in listed


def test_split_of_an_unknown_surface_is_a_usage_error(runner, kb):
    result = runner.invoke(app, ["split", "Hezbollah", "Nobody", "--db", kb])
    assert result.exit_code == 2 and "no mention" in result.output


def test_serving_writes_on_an_open_host_without_token_is_refused(runner, kb, monkeypatch):
    monkeypatch.delenv("SITREP_TOKEN", raising=False)
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--db", kb])
    assert result.exit_code == 2 and "error:" in result.output


def test_registry_import_is_idempotent_from_the_command_line(runner, kb, tmp_path):
    from test_importers import write_ofac
    sdn = write_ofac(tmp_path)
    first = runner.invoke(app, ["registry", "import", "ofac", str(sdn), "--db", kb])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["registry", "import", "ofac", str(sdn), "--db", kb])
    assert "0 entities added, 0 aliases added" in again.output


def test_unknown_registry_format_is_a_usage_error(runner, kb, tmp_path):
    path = tmp_path / "list.txt"
    path.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["registry", "import", "wikipedia", str(path), "--db", kb])
    assert result.exit_code == 2


def test_eval_ner_without_a_model_is_a_usage_error(runner, tmp_path):
    conll = tmp_path / "x.conll"
    conll.write_text("Kabul NNP B-NP B-LOC\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "ner", str(conll), "--model", str(tmp_path / "none")])
    assert result.exit_code == 2 and "no NER model" in result.output


def test_eval_geo_writes_each_miss_as_a_line_of_the_misses_file(runner, tmp_path, monkeypatch):
    def evaluate_file(path, pipeline=None, on_miss=None):  # stands in for the benchmark run
        on_miss({"toponym": "Aleppo", "gold": [30.0, 31.0], "found": None, "error_km": 20038.0})
        return {"benchmark": "geowebnews", "n": 1, "accuracy_161km": 0.0}
    monkeypatch.setattr("sitrep.geo.evaluate.evaluate_file", evaluate_file)
    misses = tmp_path / "misses.jsonl"
    result = runner.invoke(app, ["eval", "geo", str(tmp_path), "--ruler-only", "--misses", str(misses), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["n"] == 1
    assert [json.loads(line)["toponym"] for line in misses.read_text(encoding="utf-8").splitlines()] == ["Aleppo"]
