"""Analysis in worker processes, for ingest on a machine with several cores.

The statistical NER model keeps one core busy for most of a document's analysis, and the
store's writes are a small part of it: with ``workers`` processes analysing while the main
process stores, ingest runs close to ``workers`` times as fast. Workers are spawned, not
forked: each opens its own gazetteer connection (SQLite connections must not cross a fork)
and builds its own analyzer from a picklable factory, as ``default_analyzer`` is. Results come
back in the order the documents were read, a bounded number in flight, so a crawl of a
million pages is never held in memory.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Generic, TypeVar

from sitrep.models import Analysis, Document
from sitrep.nlp.pipeline import Analyzer

Item = TypeVar("Item")
IN_FLIGHT_PER_WORKER = 4  # documents handed to each worker ahead of the one being stored

_worker_analyzer: Analyzer | None = None


class AnalysisError(RuntimeError):
    """A document's analysis failed (raised where a batch cannot go on without it)."""


@dataclass(frozen=True)
class Failed:
    """An analysis that raised: the reason, to report against the item."""

    reason: str


Outcome = Analysis | Failed | None  # None: nothing to analyse (a failed read, a duplicate)


def analyse(analyzer: Analyzer, doc: Document) -> Analysis | Failed:
    """One document's analysis, or why it failed: one bad document must not stop a batch."""
    try:
        return analyzer.analyze(doc)
    except Exception as exc:
        return Failed(str(exc))


def analysed_in_order(items: Iterable[tuple[Item, Document | None]], analyzer: Callable[[], Analyzer],
                      workers: int = 1) -> Iterator[tuple[Item, Outcome]]:
    """Each item with the analysis of its document (None where it has none), in the order given.
    With ``workers`` > 1 the documents are analysed in that many spawned processes, each building
    its analyzer with the ``analyzer`` factory; else here, one at a time."""
    if workers <= 1:
        for item, doc in items:
            yield item, None if doc is None else analyse(analyzer(), doc)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(analyzer,)) as pool:
        pending: deque[_Pending[Item]] = deque()
        for item, doc in items:
            pending.append(_Pending(item, None if doc is None else pool.submit(_analyse_here, doc)))
            while len(pending) > workers * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


@dataclass
class _Pending(Generic[Item]):
    item: Item
    future: Future | None

    def result(self) -> tuple[Item, Outcome]:
        return self.item, None if self.future is None else self.future.result()


def _start_worker(analyzer: Callable[[], Analyzer]) -> None:
    global _worker_analyzer
    _worker_analyzer = analyzer()


def _analyse_here(doc: Document) -> Analysis | Failed:
    return analyse(_worker_analyzer, doc)
