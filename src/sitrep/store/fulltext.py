"""Full-text search over documents: FTS5 on SQLite, a portable LIKE fallback elsewhere.

The FTS5 table is external-content over ``documents`` and kept in step by
triggers, so every write path (ingest, deletion) indexes without extra code.
"""
from __future__ import annotations

import re

from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

_FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "title, text, content='documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS documents_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS documents_ad AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS documents_au AFTER UPDATE OF title, text ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
)
_WORD = re.compile(r"\w+", re.UNICODE)
# Snippet hit markers: control characters that never occur in clean text, so a
# caller can escape the snippet first and then turn the markers into markup.
HIT_START, HIT_END = "\x02", "\x03"


def install_fulltext(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as conn:
        for ddl in _FTS_DDL:
            conn.execute(text(ddl))


def fts_query(user_query: str) -> str:
    """Turn free text into a safe FTS5 query: each word quoted, all required, last one a prefix."""
    words = _WORD.findall(user_query)
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search_documents(session: Session, query: str, limit: int = 20, offset: int = 0) -> list[dict]:
    """Documents matching ``query`` best first, each with a snippet (HIT_START/HIT_END mark hits)."""
    if session.get_bind().dialect.name != "sqlite":
        return _search_like(session, query, limit, offset)
    match = fts_query(query)
    if not match:
        return []
    rows = session.execute(text(
        "SELECT d.id, d.doc_id, d.title, d.published, d.publisher, "
        "snippet(documents_fts, 1, :hit_start, :hit_end, ' … ', 24) AS snippet "
        "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
        "WHERE documents_fts MATCH :q ORDER BY bm25(documents_fts) LIMIT :limit OFFSET :offset"),
        {"q": match, "limit": limit, "offset": offset, "hit_start": HIT_START, "hit_end": HIT_END})
    return [dict(r._mapping) for r in rows]


def _search_like(session: Session, query: str, limit: int, offset: int) -> list[dict]:
    rows = session.execute(text(
        "SELECT id, doc_id, title, published, publisher, substr(text, 1, 200) AS snippet "
        "FROM documents WHERE text ILIKE :q OR title ILIKE :q ORDER BY id LIMIT :limit OFFSET :offset"),
        {"q": f"%{query}%", "limit": limit, "offset": offset})
    return [dict(r._mapping) for r in rows]


def sqlite_pragmas(engine: Engine) -> None:
    """WAL for concurrent readers while one writer ingests; enforce foreign keys."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        cursor = dbapi_conn.cursor()
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
