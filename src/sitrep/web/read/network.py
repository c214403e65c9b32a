"""The network: standing relations and co-participation in events, as weighted edges."""
from __future__ import annotations

from sqlalchemy import Select, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from sitrep.store.schema import DocumentRow, EntityRow, EventArgumentRow, EventRow, RelationRow
from sitrep.web.read.common import entities_by_id
from sitrep.web.schemas import CO_PARTICIPATION, Graph, GraphEdge, GraphNode, NetworkQuery

NEIGHBOURHOOD_EDGES = 60


def network(session: Session, query: NetworkQuery, entity_id: str | None = None) -> Graph:
    """The ``query.limit`` strongest edges of the requested types (all types when none is named)."""
    wanted = set(query.type)
    relation_types = wanted - {CO_PARTICIPATION}
    edges: list[GraphEdge] = []
    if not wanted or relation_types:
        edges += _edges(session, _relation_edges(relation_types, entity_id, query), query.limit)
    if not wanted or CO_PARTICIPATION in wanted:
        edges += _edges(session, _co_participation_edges(entity_id, query), query.limit)
    edges = sorted(edges, key=lambda e: -e.weight)[:query.limit]
    return _graph(session, edges, [entity_id] if entity_id else [])


def neighbourhood(session: Session, row: EntityRow) -> Graph:
    return network(session, NetworkQuery(limit=NEIGHBOURHOOD_EDGES), row.id)


def _relation_edges(types: set[str], entity_id: str | None, query: NetworkQuery) -> Select:
    weight = func.count(RelationRow.id)
    stmt = (select(RelationRow.subject_id, RelationRow.object_id, RelationRow.type, weight)
            .join(DocumentRow, DocumentRow.id == RelationRow.document_id)
            .group_by(RelationRow.subject_id, RelationRow.object_id, RelationRow.type))
    if types:
        stmt = stmt.where(RelationRow.type.in_(types))
    if entity_id:
        stmt = stmt.where(or_(RelationRow.subject_id == entity_id, RelationRow.object_id == entity_id))
    return _dated(stmt, DocumentRow.published, query).order_by(weight.desc())


def _co_participation_edges(entity_id: str | None, query: NetworkQuery) -> Select:
    """Pairs of entities taking part in one event, weighted by the reports of such events."""
    a, b = aliased(EventArgumentRow), aliased(EventArgumentRow)
    weight = func.count(EventRow.id)
    # around an entity, start from its own arguments (an indexed lookup); otherwise each pair once
    pair = (b.entity_id != a.entity_id) if entity_id else (b.entity_id > a.entity_id)
    stmt = (select(a.entity_id, b.entity_id, literal(CO_PARTICIPATION), weight)
            .join(b, (b.event_id == a.event_id) & pair)
            .join(EventRow, EventRow.id == a.event_id)
            .group_by(a.entity_id, b.entity_id))
    if entity_id:
        stmt = stmt.where(a.entity_id == entity_id)
    return _dated(stmt, EventRow.date, query).order_by(weight.desc())


def _dated(stmt: Select, column, query: NetworkQuery) -> Select:
    if query.since:
        stmt = stmt.where(column >= query.since)
    if query.until:
        stmt = stmt.where(column <= query.until + "\uffff")
    return stmt


def _edges(session: Session, stmt: Select, limit: int) -> list[GraphEdge]:
    return [GraphEdge(source=s, target=t, type=kind, weight=n)
            for s, t, kind, n in session.execute(stmt.limit(limit)).all()]


def _graph(session: Session, edges: list[GraphEdge], extra_nodes: list[str]) -> Graph:
    entities = entities_by_id(session, [*extra_nodes, *(e.source for e in edges), *(e.target for e in edges)])
    nodes = [GraphNode(id=row.id, name=row.name, type=row.type) for row in entities.values()]
    return Graph(nodes=nodes, edges=[e for e in edges if e.source in entities and e.target in entities])
