"""Ingest end to end into a temporary SQLite store: idempotence, resume, reposts, bad items, workers."""
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import func, select

import sitrep.app as app_module
from sitrep.nlp.entities import registry_patterns
from sitrep.nlp.pipeline import Analyzer
from sitrep.registry import load_registry_files
from sitrep.store.schema import DocumentRow, EntityRow, MentionRow

ARTICLE = ("Qassem Soleimani visited fighters of Kataib Hezbollah near the border on Sunday, "
           "according to AFP. Soleimani later met Hezbollah commanders.")
OTHER = "Islamic State fighters withdrew from the town after days of clashes with Kataib Hezbollah."
THIRD = "Hezbollah buried two of its fighters in the Bekaa valley on Friday, the group said."


def count(sitrep, model):
    with sitrep.store.session() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in (("a", ARTICLE), ("b", OTHER), ("c", THIRD)):
        (folder / f"{name}.txt").write_text(f"Headline {name}\n\n{text}\n", encoding="utf-8")
    return folder


def test_ingest_stores_documents_mentions_and_registry_links(sitrep, corpus):
    report = sitrep.ingest([str(corpus)])
    assert (report.added, report.duplicates, report.failures) == (3, 0, [])
    with sitrep.store.session() as s:
        linked = set(s.scalars(select(MentionRow.entity_id)))
    assert {"qassem_soleimani", "kataib_hezbollah", "hezbollah", "islamic_state", "afp"} <= linked


def test_reingest_adds_nothing(sitrep, corpus):
    sitrep.ingest([str(corpus)])
    before = (count(sitrep, DocumentRow), count(sitrep, MentionRow), count(sitrep, EntityRow))
    report = sitrep.ingest([str(corpus)])
    assert (report.added, report.duplicates) == (0, 3)
    assert (count(sitrep, DocumentRow), count(sitrep, MentionRow), count(sitrep, EntityRow)) == before


def test_interrupted_ingest_resumes_without_duplicates_or_loss(sitrep, corpus, monkeypatch):
    real_save = app_module.save_analysis
    calls = []

    def crash_on_second(session, row, analysis, decisions):
        calls.append(row.doc_id)
        real_save(session, row, analysis, decisions)
        if len(calls) == 2:
            raise KeyboardInterrupt("simulated crash in the middle of a document")

    monkeypatch.setattr(app_module, "save_analysis", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        sitrep.ingest([str(corpus)])
    assert count(sitrep, DocumentRow) == 1
    with sitrep.store.session() as s:
        orphan_mentions = s.scalar(select(func.count()).select_from(MentionRow)
                                   .where(MentionRow.document_id.not_in(select(DocumentRow.id))))
    assert orphan_mentions == 0
    monkeypatch.setattr(app_module, "save_analysis", real_save)
    report = sitrep.ingest([str(corpus)])
    assert (report.added, report.duplicates) == (2, 1)
    assert count(sitrep, DocumentRow) == 3


def test_repost_is_linked_to_its_original_not_counted_as_new(sitrep, tmp_path):
    long_story = " ".join([ARTICLE, OTHER, THIRD] * 3)
    (tmp_path / "original.txt").write_text(f"Original\n\n{long_story}", encoding="utf-8")
    (tmp_path / "repost.txt").write_text(f"Reposted elsewhere\n\n{long_story} Share this.", encoding="utf-8")
    report = sitrep.ingest([str(tmp_path / "original.txt"), str(tmp_path / "repost.txt")])
    assert (report.added, report.reposts) == (1, 1)
    with sitrep.store.session() as s:
        repost = s.scalar(select(DocumentRow).where(DocumentRow.doc_id == "repost"))
        original = s.scalar(select(DocumentRow).where(DocumentRow.doc_id == "original"))
    assert repost.original_id == original.id


def test_bad_items_are_reported_and_the_rest_is_stored(sitrep, corpus):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    report = sitrep.ingest([str(corpus), str(corpus / "missing.txt")])
    assert report.added == 3
    failed = {f.item.rsplit("/", 1)[-1] for f in report.failures}
    assert failed == {"empty.txt", "binary.txt", "missing.txt"}
    assert all(f.reason for f in report.failures)


def test_judgement_merges_survive_reanalysis(sitrep, corpus):
    from sitrep.store.schema import JudgementRow
    sitrep.ingest([str(corpus)])
    with sitrep.store.session() as s:
        s.add(JudgementRow(kind="same", left_id="hezbollah", right_id="kataib_hezbollah"))
    sitrep.reanalyze()
    sitrep.reanalyze()
    with sitrep.store.session() as s:
        linked = set(s.scalars(select(MentionRow.entity_id)))
    assert "kataib_hezbollah" not in linked and "hezbollah" in linked


class _FailingOnBoom(Analyzer):
    """An analyzer whose analysis of a batch holding a text with "BOOM" raises."""

    def analyze_many(self, docs, batch_size=16):
        docs = list(docs)
        if any("BOOM" in doc.text for doc in docs):
            raise ValueError("the model choked")
        return super().analyze_many(docs, batch_size)


def analyzer_over(registry_path: Path) -> Analyzer:
    """A picklable factory (for spawned workers) of an analyzer over a registry file."""
    return _FailingOnBoom(registry_patterns(load_registry_files([registry_path])))


def stored(sitrep) -> list[tuple[str, str | None, int]]:
    with sitrep.store.session() as s:
        rows = s.scalars(select(DocumentRow).order_by(DocumentRow.id)).all()
        return [(r.doc_id, r.original_id and s.get(DocumentRow, r.original_id).doc_id,
                 s.scalar(select(func.count()).select_from(MentionRow).where(MentionRow.document_id == r.id)))
                for r in rows]


def test_workers_store_what_one_process_stores_in_the_order_read(tmp_path, registry, corpus):
    long_story = " ".join([ARTICLE, OTHER, THIRD] * 3)
    (corpus / "d_original.txt").write_text(f"Original\n\n{long_story}", encoding="utf-8")
    (corpus / "e_repost.txt").write_text(f"Reposted\n\n{long_story} Share this.", encoding="utf-8")
    (corpus / "f_copy.txt").write_text((corpus / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "g_bad.txt").write_text("Headline g\n\nBOOM went the parser on this one.", encoding="utf-8")
    (corpus / "h_empty.txt").write_text("", encoding="utf-8")
    factory = partial(analyzer_over, tmp_path / "registry.yaml")
    results = []
    for workers in (1, 2):
        app = app_module.Sitrep(str(tmp_path / f"kb{workers}.db"), analyzer_factory=factory, registry=registry)
        seen = []
        report = app.ingest([str(corpus)], workers=workers, on_item=lambda name, outcome: seen.append(outcome))
        results.append((report.added, report.reposts, report.duplicates, sorted(f.reason for f in report.failures),
                        seen, stored(app)))
        app.store.close()
    assert results[0] == results[1]
    added, reposts, duplicates, reasons, seen, rows = results[1]
    assert (added, reposts, duplicates) == (4, 1, 1)
    assert any("the model choked" in r for r in reasons) and len(reasons) == 2
    assert [doc_id for doc_id, _, _ in rows] == ["a", "b", "c", "d_original", "e_repost"]
    assert rows[-1][1] == "d_original" and all(mentions for _, _, mentions in rows)


def test_workers_analyse_stored_documents_again_as_one_process_does(tmp_path, registry, corpus):
    app = app_module.Sitrep(str(tmp_path / "kb.db"), analyzer_factory=partial(analyzer_over, tmp_path / "registry.yaml"),
                            registry=registry)
    app.ingest([str(corpus)])
    before = stored(app)
    assert app.reanalyze(workers=2) == 3 and stored(app) == before
    with app.store.session() as s:
        s.scalar(select(DocumentRow).where(DocumentRow.doc_id == "b")).text = "BOOM"
    with pytest.raises(app_module.AnalysisError, match="the model choked"):
        app.reanalyze(workers=2)
    app.store.close()
