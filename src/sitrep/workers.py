"""Analysis of a stream of documents in batches, here or in worker processes, for ingest and
reanalysis.

The statistical NER model reads the sentences of a batch of documents at once
(``Analyzer.analyze_many``), which costs less per sentence than one document at a time. It keeps
one core busy for most of a document's analysis, and the store's writes are a small part of it:
with ``workers`` processes analysing while the main process stores, ingest runs close to
``workers`` times as fast. Workers are spawned, not forked: each opens its own gazetteer
connection (SQLite connections must not cross a fork) and builds its own analyzer from a
picklable factory, as ``default_analyzer`` is. Results come back in the order the documents were
read, a bounded number of batches in flight, so a crawl of a million pages is never held in memory.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from sitrep.models import Analysis, Document
from sitrep.nlp.pipeline import DOCUMENT_BATCH, Analyzer, batched

Item = TypeVar("Item")
BATCHES_IN_FLIGHT_PER_WORKER = 2  # batches handed to each worker ahead of the one being stored

_worker_analyzer: Analyzer | None = None


class AnalysisError(RuntimeError):
    """A document's analysis failed (raised where a batch cannot go on without it)."""


@dataclass(frozen=True)
class Failed:
    """An analysis that raised: the reason, to report against the item."""

    reason: str


Outcome = Analysis | Failed | None  # None: nothing to analyse (a failed read, a duplicate)


def analyse_all(analyzer: Analyzer, docs: list[Document]) -> list[Analysis | Failed]:
    """The analyses of a batch of documents; where the batch fails, each document is analysed
    alone, so that one bad document fails alone and the rest goes on."""
    try:
        return list(analyzer.analyze_many(docs, len(docs) or 1))
    except Exception:
        return [_analyse_alone(analyzer, doc) for doc in docs]


def analysed_in_order(items: Iterable[tuple[Item, Document | None]], analyzer: Callable[[], Analyzer],
                      workers: int = 1, batch_size: int = DOCUMENT_BATCH) -> Iterator[tuple[Item, Outcome]]:
    """Each item with the analysis of its document (None where it has none), in the order given,
    the documents analysed ``batch_size`` items at a time. With ``workers`` > 1 they are analysed
    in that many spawned processes, each building its analyzer with the ``analyzer`` factory;
    else here."""
    batches = batched(items, batch_size)
    if workers <= 1:
        here = None  # built at the first batch: an empty stream builds no analyzer
        for batch in batches:
            here = here or analyzer()
            yield from _paired(batch, analyse_all(here, _documents(batch)))
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(analyzer,)) as pool:
        pending = deque()
        for batch in batches:
            pending.append((batch, pool.submit(_analyse_here, _documents(batch))))
            while len(pending) > workers * BATCHES_IN_FLIGHT_PER_WORKER:
                batch, future = pending.popleft()
                yield from _paired(batch, future.result())
        while pending:
            batch, future = pending.popleft()
            yield from _paired(batch, future.result())


def _documents(batch: list[tuple[Item, Document | None]]) -> list[Document]:
    return [doc for _, doc in batch if doc is not None]


def _paired(batch: list[tuple[Item, Document | None]], analyses: list[Analysis | Failed]
            ) -> Iterator[tuple[Item, Outcome]]:
    """The batch's items with their documents' analyses, in order; None where an item has no document."""
    analysed = iter(analyses)
    for item, doc in batch:
        yield item, None if doc is None else next(analysed)


def _analyse_alone(analyzer: Analyzer, doc: Document) -> Analysis | Failed:
    try:
        return analyzer.analyze(doc)
    except Exception as exc:
        return Failed(str(exc))


def _start_worker(analyzer: Callable[[], Analyzer]) -> None:
    global _worker_analyzer
    _worker_analyzer = analyzer()


def _analyse_here(docs: list[Document]) -> list[Analysis | Failed]:
    return analyse_all(_worker_analyzer, docs)
