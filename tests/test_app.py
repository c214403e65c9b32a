"""Ingest end to end into a temporary SQLite store: idempotence, resume, reposts, bad items."""
import pytest
from sqlalchemy import func, select

import sitrep.app as app_module
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
