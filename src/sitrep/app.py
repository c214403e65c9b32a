"""The application object behind the CLI and the web app: one store, one analyzer."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Callable, Iterable

from sqlalchemy import select

from sitrep.ingest import Failure, read_sources
from sitrep.ingest.dedup import NearDuplicateIndex, minhash_signature
from sitrep.models import Analysis, Document
from sitrep.nlp.pipeline import Analyzer
from sitrep.registry import Registry, load_registry
from sitrep.resolve.linker import Linker, seed_registry
from sitrep.store import Store
from sitrep.store.schema import DocumentRow
from sitrep.store.writer import add_document, clear_analysis, save_analysis
from sitrep.workers import AnalysisError, Failed, Outcome, analysed_in_order


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0
    reposts: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.duplicates + self.reposts + len(self.failures)


def registry_fingerprint(registry: Registry) -> str:
    payload = json.dumps([(e.id, e.type, e.name, e.names(), e.acronyms) for e in registry], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


class Sitrep:
    def __init__(self, db: str = "sitrep.db", analyzer_factory: Callable[[], Analyzer] | None = None,
                 registry: Registry | None = None):
        self.store = Store(db)
        self.registry = registry or load_registry()
        self._analyzer_factory = analyzer_factory or default_analyzer
        self._sync_registry()

    @cached_property
    def analyzer(self) -> Analyzer:
        return self._analyzer_factory()

    @cached_property
    def _near_duplicates(self) -> NearDuplicateIndex:
        with self.store.session() as s:
            pairs = s.execute(select(DocumentRow.id, DocumentRow.minhash)
                              .where(DocumentRow.minhash.is_not(None), DocumentRow.original_id.is_(None))).all()
        return NearDuplicateIndex((str(i), sig) for i, sig in pairs)

    def _sync_registry(self) -> None:
        """Seed the store with the registry, again only when the registry changed."""
        fingerprint = registry_fingerprint(self.registry)
        if self.store.get_meta("registry") == fingerprint:
            return
        with self.store.session() as s:
            seed_registry(s, self.registry)
            self.store.set_meta(s, "registry", fingerprint)

    def ingest(self, sources: Iterable[str], *, allow_private: bool = False,
               on_item: Callable[[str, str], None] | None = None, workers: int = 1) -> IngestReport:
        """Read, analyse, resolve and store every document; a bad item is reported, the rest goes on.

        ``on_item(item, outcome)`` is called after each item (outcome: added, duplicate, repost, failed).
        ``workers`` > 1 analyses in that many processes (``sitrep.workers``) while this one stores,
        in the order read; the analyzer factory must then be picklable, as ``default_analyzer`` is.
        """
        report, batch = IngestReport(), _Batch()
        queued = ((item, self._to_analyse(item, batch)) for item in read_sources(sources, allow_private=allow_private))
        for item, analysed in analysed_in_order(queued, self._analyzer_for(workers), workers):
            outcome = self._record(item, analysed, report)
            if on_item:
                on_item(item.item if isinstance(item, Failure) else item.source or item.doc_id, outcome)
        return report

    def _analyzer_for(self, workers: int) -> Callable[[], Analyzer]:
        """The factory of the analyzer: this process's own, or, for worker processes, one each
        builds (after the gazetteer the packaged analyzer opens is built here, once)."""
        if workers <= 1:
            return lambda: self.analyzer
        if self._analyzer_factory is default_analyzer:
            from sitrep.geo.gazetteer import Gazetteer
            Gazetteer.open().close()
        return self._analyzer_factory

    def _stored_document(self, document_id: int) -> Document:
        with self.store.session() as s:
            return document_from_row(s.get(DocumentRow, document_id))

    def _to_analyse(self, item: Document | Failure, batch: _Batch) -> Document | None:
        """The document to analyse, with an id no stored or queued document has; None for a failed
        read and for a duplicate of a stored or queued document."""
        if isinstance(item, Failure) or item.content_hash in batch.hashes:
            return None
        with self.store.session() as s:
            if s.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == item.content_hash)):
                return None
            item.doc_id = _unique_doc_id(s, item.doc_id, batch.doc_ids)
        batch.hashes.add(item.content_hash)
        batch.doc_ids.add(item.doc_id)
        return item

    def _record(self, item: Document | Failure, analysed: Outcome, report: IngestReport) -> str:
        """Store an analysed document and count the outcome of each item."""
        if isinstance(item, Failure):
            report.failures.append(item)
            return "failed"
        if analysed is None:
            report.duplicates += 1
            return "duplicate"
        if isinstance(analysed, Failed):
            return self._failed(item, analysed.reason, report)
        try:
            outcome = self._store(item, analysed)
        except Exception as exc:  # one bad document must not stop the batch
            return self._failed(item, exc, report)
        if outcome == "added":
            report.added += 1
        else:
            report.reposts += 1
        return outcome

    @staticmethod
    def _failed(item: Document, reason: object, report: IngestReport) -> str:
        report.failures.append(Failure(item.source or item.doc_id, f"analysis failed: {reason}"))
        return "failed"

    def add_document(self, doc: Document) -> str:
        """Store one document with its analysis in a single transaction: added, repost or duplicate."""
        if self._to_analyse(doc, _Batch()) is None:
            return "duplicate"
        return self._store(doc, self.analyzer.analyze(doc))

    def _store(self, doc: Document, analysis: Analysis) -> str:
        """Store a document the store does not hold, with its analysis: added, or a repost of the
        original it nearly duplicates."""
        signature = minhash_signature(doc.text)
        originals = self._near_duplicates.query(signature)
        original_id = min(int(k) for k in originals) if originals else None
        with self.store.session() as s:
            row = add_document(s, doc, signature, original_id)
            decisions = Linker(s).link(analysis)
            save_analysis(s, row, analysis, decisions)
            row_id = row.id
        if original_id is None:
            self._near_duplicates.add(str(row_id), signature)
        return "repost" if original_id else "added"

    def reanalyze(self, on_item: Callable[[str, str], None] | None = None,
                  document_ids: Iterable[int] | None = None, workers: int = 1) -> int:
        """Analyse stored documents again (new models, registry or judgements): all, or the given
        ones; ``workers`` as for ``ingest``. A failing analysis stops it, the documents before it
        analysed again."""
        with self.store.session() as s:
            stmt = select(DocumentRow.id).order_by(DocumentRow.id)
            if document_ids is not None:
                stmt = stmt.where(DocumentRow.id.in_(list(document_ids)))
            ids = s.scalars(stmt).all()
        stored = ((document_id, self._stored_document(document_id)) for document_id in ids)
        for document_id, analysis in analysed_in_order(stored, self._analyzer_for(workers), workers):
            if isinstance(analysis, Failed):
                raise AnalysisError(f"document {document_id}: {analysis.reason}")
            doc = analysis.doc
            with self.store.session() as s:
                row = s.get(DocumentRow, document_id)
                clear_analysis(s, document_id)
                save_analysis(s, row, analysis, Linker(s).link(analysis))
            if on_item:
                on_item(doc.doc_id, "analysed")
        return len(ids)


@dataclass
class _Batch:
    """What one ingest has queued so far: content hashes and document ids not yet stored."""

    hashes: set[str] = field(default_factory=set)
    doc_ids: set[str] = field(default_factory=set)


def _unique_doc_id(session, doc_id: str, queued: set[str]) -> str:
    candidate, n = doc_id, 1
    while candidate in queued or session.scalar(select(DocumentRow.id).where(DocumentRow.doc_id == candidate)) is not None:
        n += 1
        candidate = f"{doc_id}~{n}"
    return candidate


def document_from_row(row: DocumentRow) -> Document:
    return Document(doc_id=row.doc_id, text=row.text, title=row.title, url=row.url,
                    publisher=row.publisher, author=row.author, published=row.published,
                    language=row.language, source=row.source, fmt=row.fmt, content_hash=row.content_hash)


@cache
def default_analyzer() -> Analyzer:
    """The analyzer (built once per process: its name matchers take seconds) with every packaged resource: registry, equipment and place names,
    the trained NER model when shipped, the geocoder and the event extractor."""
    from sitrep.events.extractor import EventExtractor
    from sitrep.geo.gazetteer import Gazetteer
    from sitrep.geo.resolver import Geocoder
    from sitrep.nlp.entities import equipment_patterns, place_patterns, registry_patterns
    from sitrep.nlp.ner import StatisticalNER, model_available
    from sitrep.vocab import load_vocabulary

    registry = load_registry()
    gazetteer = Gazetteer.open()
    ner = StatisticalNER.load() if model_available() else None
    patterns = [*registry_patterns(registry), *equipment_patterns(), *place_patterns(gazetteer.ruler_names(), gazetteer.curated_ruler_ids())]
    geocoder = Geocoder(gazetteer, registry)
    steps = [lambda analysis, _sdoc: geocoder.geocode(analysis), EventExtractor(load_vocabulary(), registry)]
    return Analyzer(patterns, nlp=ner.nlp if ner else None, statistical=ner, steps=steps,
                    names_a_town=gazetteer.names_a_town, holds_town=gazetteer.holds_town)
