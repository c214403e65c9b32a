"""Ingest: read sources (files, directories, HTML, RSS/Atom, JSON Lines,
WARC, URLs) into clean ``Document``s.

``read_sources`` yields Documents and Failures in order and never raises for
a bad item. Near-duplicate detection lives in ``sitrep.ingest.dedup``.
"""

from sitrep.ingest.base import Failure
from sitrep.ingest.sources import read_sources

__all__ = ["Failure", "read_sources"]
