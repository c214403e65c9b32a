"""Full-text search with facets: FTS5 ranking and snippets on SQLite, a LIKE scan elsewhere.

Snippets come back from the database with control characters around each hit
(never brackets, which article text may contain); ``sitrep.web.markup`` turns
them into offsets and, after escaping the text, into ``<mark>``.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, Select, column, func, literal_column, select, table
from sqlalchemy.orm import Session

from sitrep.store import queries
from sitrep.store.fulltext import fts_query
from sitrep.store.schema import ClaimRow, DocumentRow, EntityRow, EventRow, MentionRow
from sitrep.web.markup import HIT_END, HIT_START, parse_snippet
from sitrep.web.read.common import DOCUMENT_REF_COLUMNS, page_of
from sitrep.web.read.entities import entity_out
from sitrep.web.schemas import EntityOut, FacetCount, SearchHit, SearchQuery, SearchResult

FTS = table("documents_fts", column("rowid"))
FTS_TABLE = literal_column("documents_fts")
SNIPPET_WORDS = 24
LEAD_CHARS = 240
FACET_SIZE = 10
FACET_SAMPLE = 1000  # facets count the best matches only, so a common word stays fast
ACTOR_TYPES = ("ARMED_GROUP", "PERSON", "ORGANIZATION")


def search(session: Session, params: SearchQuery, actor: str | None, place: str | None) -> SearchResult:
    """Documents matching the words and the facet filters (``actor``/``place`` are entity ids)."""
    filters = _filters(params, actor, place)
    match = _text_match(session, params.q) if params.q else None
    if params.q and match is None:  # no searchable word in the query: nothing can match
        return SearchResult(items=[], limit=params.limit, offset=params.offset, total=0, entities=[], facets={},
                            facets_from=0)
    conditions = [match, *filters] if match is not None else filters
    total = session.scalar(select(func.count(DocumentRow.id)).where(*conditions)) or 0
    hits = _hits(session, params.q, filters, conditions)
    rows = session.execute(hits.limit(params.limit + 1).offset(params.offset))
    page = page_of([_hit(row) for row in rows], params, total)
    best = list(session.scalars(hits.with_only_columns(DocumentRow.id).limit(FACET_SAMPLE)))  # ranked once
    return SearchResult(**page.model_dump(), entities=_entities(session, params.q),
                        facets=facets(session, best), facets_from=len(best))


def _filters(params: SearchQuery, actor: str | None, place: str | None) -> list[ColumnElement]:
    conditions: list[ColumnElement] = []
    if params.type:
        conditions.append(DocumentRow.id.in_(select(EventRow.document_id).where(EventRow.type == params.type.value)))
    for entity_id in filter(None, (actor, place)):
        conditions.append(DocumentRow.id.in_(select(MentionRow.document_id).where(MentionRow.entity_id == entity_id)))
    if params.certainty:
        conditions.append(DocumentRow.id.in_(select(ClaimRow.document_id)
                                             .where(ClaimRow.certainty == params.certainty.value)))
    if params.since:
        conditions.append(DocumentRow.published >= params.since)
    if params.until:
        conditions.append(DocumentRow.published <= params.until + "\uffff")
    return conditions


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _text_match(session: Session, words: str) -> ColumnElement | None:
    if not _sqlite(session):
        return DocumentRow.text.ilike(f"%{words}%") | DocumentRow.title.ilike(f"%{words}%")
    match = fts_query(words)
    if not match:
        return None
    return DocumentRow.id.in_(select(FTS.c.rowid).where(FTS_TABLE.op("MATCH")(match)))


def _hits(session: Session, words: str | None, filters: list[ColumnElement],
          conditions: list[ColumnElement]) -> Select:
    """Best first with highlighted snippets under FTS5; otherwise newest first with the lead."""
    if words and _sqlite(session):
        snippet = func.snippet(FTS_TABLE, -1, HIT_START, HIT_END, " … ", SNIPPET_WORDS)
        return (select(*DOCUMENT_REF_COLUMNS, snippet.label("snippet"))
                .select_from(FTS).join(DocumentRow, DocumentRow.id == FTS.c.rowid)
                .where(FTS_TABLE.op("MATCH")(fts_query(words)), *filters)
                .order_by(func.bm25(FTS_TABLE), DocumentRow.id))
    lead = func.substr(DocumentRow.text, 1, LEAD_CHARS).label("snippet")
    return (select(*DOCUMENT_REF_COLUMNS, lead).where(*conditions)
            .order_by(DocumentRow.published.is_(None), DocumentRow.published.desc(), DocumentRow.id))


def _hit(row) -> SearchHit:
    snippet, highlights = parse_snippet(row.snippet or "")
    return SearchHit(id=row.id, doc_id=row.doc_id, title=row.title, published=row.published,
                     publisher=row.publisher, snippet=snippet, highlights=highlights)


def _entities(session: Session, words: str | None) -> list[EntityOut]:
    if not words:
        return []
    return [entity_out(row, n) for row, n in queries.find_entities(session, words, limit=FACET_SIZE)]


def facets(session: Session, matching: list[int]) -> dict[str, list[FacetCount]]:
    """Counts of matching documents per event type, actor, place, certainty and year."""
    actors, places = _entity_counts(session, matching)
    return {
        "type": _counts(session, select(EventRow.type, EventRow.type, func.count(func.distinct(EventRow.document_id)))
                        .where(EventRow.document_id.in_(matching)).group_by(EventRow.type)),
        "actor": actors,
        "place": places,
        "certainty": _counts(session, select(ClaimRow.certainty, ClaimRow.certainty,
                                             func.count(func.distinct(ClaimRow.document_id)))
                             .where(ClaimRow.document_id.in_(matching)).group_by(ClaimRow.certainty)),
        "year": _years(session, matching),
    }


def _entity_counts(session: Session, matching: list[int]) -> tuple[list[FacetCount], list[FacetCount]]:
    """The most named actors and places, from one pass over the mentions of the matching documents."""
    documents = func.count(func.distinct(MentionRow.document_id))
    rows = session.execute(select(EntityRow.id, EntityRow.name, EntityRow.type, documents)
                           .join(MentionRow, MentionRow.entity_id == EntityRow.id)
                           .where(MentionRow.document_id.in_(matching), EntityRow.type.in_((*ACTOR_TYPES, "PLACE")))
                           .group_by(EntityRow.id, EntityRow.name, EntityRow.type).order_by(documents.desc())).all()

    def top(kinds: tuple[str, ...]) -> list[FacetCount]:
        return [FacetCount(value=i, label=name, count=n) for i, name, kind, n in rows if kind in kinds][:FACET_SIZE]

    return top(ACTOR_TYPES), top(("PLACE",))


def _years(session: Session, matching: list[int]) -> list[FacetCount]:
    year = func.substr(DocumentRow.published, 1, 4)
    rows = session.execute(select(year, func.count(DocumentRow.id)).where(DocumentRow.id.in_(matching),
                                                                        DocumentRow.published.is_not(None))
                           .group_by(year).order_by(year)).all()
    return [FacetCount(value=y, label=y, count=n) for y, n in rows]


def _counts(session: Session, stmt: Select) -> list[FacetCount]:
    rows = session.execute(stmt).all()
    return sorted((FacetCount(value=value, label=label, count=n) for value, label, n in rows),
                  key=lambda f: -f.count)
