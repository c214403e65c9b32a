"""The store: one SQLAlchemy engine over SQLite (default) or PostgreSQL, same schema."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, create_engine, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from sitrep.store.fulltext import install_fulltext, sqlite_pragmas
from sitrep.store.schema import Base, MetaRow


def database_url(db: str) -> str:
    """A SQLAlchemy URL from a file path, ':memory:' or an URL (postgresql://...)."""
    if "://" in db:
        return db
    if db == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(db).expanduser()}"


class Store:
    """Owns the engine and hands out transactional sessions."""

    def __init__(self, db: str = "sitrep.db"):
        url = database_url(db)
        options = {}
        if url == "sqlite://":  # one shared connection so an in-memory store persists across sessions
            options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        elif url.startswith("sqlite"):
            options = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        self.engine = create_engine(url, **options)
        sqlite_pragmas(self.engine)
        Base.metadata.create_all(self.engine)
        add_missing_columns(self.engine)
        install_fulltext(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed on success, rolled back on any error."""
        with self._sessions.begin() as session:
            yield session

    def get_meta(self, key: str) -> str | None:
        with self.session() as s:
            return s.scalar(select(MetaRow.value).where(MetaRow.key == key))

    def set_meta(self, session: Session, key: str, value: str) -> None:
        session.merge(MetaRow(key=key, value=value))

    def close(self) -> None:
        self.engine.dispose()


def add_missing_columns(engine: Engine) -> None:
    """Bring a store made by an earlier sitrep up to the schema, keeping its rows. The schema only
    ever gains nullable columns; each one missing is added, empty (documents analysed again fill it).
    The statement is built from the schema's own names, quoted by the dialect, never from input."""
    found = inspect(engine)
    quote = engine.dialect.identifier_preparer.quote
    with engine.begin() as conn:
        for table in Base.metadata.sorted_tables:
            if not found.has_table(table.name):
                continue
            present = {column["name"] for column in found.get_columns(table.name)}
            for column in table.columns:
                if column.name not in present:
                    kind = column.type.compile(dialect=engine.dialect)
                    conn.execute(text(f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(column.name)} {kind}"))
