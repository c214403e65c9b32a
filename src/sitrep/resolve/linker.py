"""Cross-document resolution: each document entity to one knowledge-base entity.

Candidates come from a blocking index (aliases by folded key and consonant
skeleton; never all pairs), are scored on type and string similarity, and the
decision is stored with its score and features. Unknown entities become new
knowledge-base entities that later mentions can join. Analysts' judgements
(same / different / split) are applied last and always win.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sitrep.models import Analysis, Entity
from sitrep.registry import Registry, RegistryEntry
from sitrep.resolve.normalize import name_key, skeleton_key
from sitrep.store.schema import AliasRow, EntityRow, JudgementRow

LINK_THRESHOLD = 0.88


@dataclass
class LinkDecision:
    local_key: str
    entity_id: str
    score: float
    method: str  # registry, alias, new, judgement
    features: dict


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name_key(text)).strip("_") or "entity"


def add_alias(session: Session, entity_id: str, alias: str, provenance: str) -> None:
    exists = session.scalar(select(AliasRow.id).where(
        AliasRow.entity_id == entity_id, AliasRow.alias == alias, AliasRow.provenance == provenance))
    if exists is None:
        session.add(AliasRow(entity_id=entity_id, alias=alias, key=name_key(alias),
                             skeleton=skeleton_key(alias), provenance=provenance))


def upsert_registry_entry(session: Session, entry: RegistryEntry, provenance: str = "registry") -> None:
    row = session.get(EntityRow, entry.id)
    if row is None:
        row = EntityRow(id=entry.id, type=entry.type, name=entry.name, origin="registry")
        session.add(row)
        session.flush()
    row.type, row.name, row.country = entry.type, entry.name, entry.country
    row.wikidata, row.description = entry.wikidata, entry.description
    for alias in [*entry.names(), *entry.acronyms]:
        add_alias(session, entry.id, alias, provenance)


def seed_registry(session: Session, registry: Registry) -> None:
    for entry in registry:
        upsert_registry_entry(session, entry)


class Judgements:
    """Analysts' decisions, loaded once per resolution run."""

    def __init__(self, session: Session):
        rows = session.scalars(select(JudgementRow).order_by(JudgementRow.id)).all()
        self.canonical: dict[str, str] = {}
        self.different: set[frozenset[str]] = set()
        self.splits: list[JudgementRow] = []
        for row in rows:
            if row.kind == "same":
                self._union(row.left_id, row.right_id)
            elif row.kind == "different":
                self.different.add(frozenset((row.left_id, row.right_id)))
            elif row.kind == "split":
                self.splits.append(row)

    def _union(self, left: str, right: str) -> None:
        left, right = self.canonical_id(left), self.canonical_id(right)
        if left != right:
            self.canonical[right] = left

    def canonical_id(self, entity_id: str) -> str:
        while entity_id in self.canonical:
            entity_id = self.canonical[entity_id]
        return entity_id

    def split_target(self, entity_id: str, surface: str, doc_id: str) -> str | None:
        for row in self.splits:
            if row.left_id == entity_id and row.surface == surface and row.doc_id in (None, doc_id):
                return row.right_id
        return None

    def forbids(self, a: str, b: str) -> bool:
        return frozenset((self.canonical_id(a), self.canonical_id(b))) in self.different or \
            frozenset((a, b)) in self.different


def _in_other_countries(entity: Entity, country: str | None) -> bool:
    """Whether a place geocoded to one country would join a known place geocoded to another: names
    alike are not the same place there ("Boni" in Mali is not "Bunia" in the Congo)."""
    geo = entity.geo
    return entity.type == "PLACE" and geo is not None and country is not None and geo.country is not None \
        and geo.country != country


class Linker:
    def __init__(self, session: Session):
        self.session = session
        self.judgements = Judgements(session)

    def link(self, analysis: Analysis) -> list[LinkDecision]:
        decisions = [self._link_entity(entity, analysis.doc.doc_id) for entity in analysis.entities]
        for entity, decision in zip(analysis.entities, decisions):
            entity.kb_id = decision.entity_id
        return decisions

    def _link_entity(self, entity: Entity, doc_id: str) -> LinkDecision:
        decision = self._machine_decision(entity, doc_id)
        canonical = self.judgements.canonical_id(decision.entity_id)
        split = self.judgements.split_target(canonical, entity.name, doc_id)
        if split or canonical != decision.entity_id:
            decision = LinkDecision(entity.key, self.judgements.canonical_id(split or canonical), 1.0,
                                    "judgement", {"machine": decision.entity_id, **decision.features})
        self._ensure_entity(entity, decision.entity_id)
        for mention in {m.text for m in entity.mentions}:
            add_alias(self.session, decision.entity_id, mention, f"document:{doc_id}")
        return decision

    def _machine_decision(self, entity: Entity, doc_id: str) -> LinkDecision:
        if entity.registry_id:
            return LinkDecision(entity.key, entity.registry_id, 1.0, "registry", {"registry_id": entity.registry_id})
        if all(m.origin == "unit" for m in entity.mentions):
            return LinkDecision(entity.key, self._new_id(entity), 1.0, "new", {"name": entity.name, "unit": True})
        best = self._best_candidate(entity)
        if best is not None:
            return best
        return LinkDecision(entity.key, self._new_id(entity), 1.0, "new", {"name": entity.name})

    def _best_candidate(self, entity: Entity) -> LinkDecision | None:
        keys = {name_key(m.text) for m in entity.mentions}
        skeletons = {skeleton_key(m.text) for m in entity.mentions}
        rows = self.session.execute(
            select(AliasRow.entity_id, AliasRow.key, EntityRow.type, EntityRow.country, EntityRow.lat).join(EntityRow)
            .where(or_(AliasRow.key.in_(keys), AliasRow.skeleton.in_(skeletons)))).all()
        best = None
        for entity_id, alias_key, etype, country, lat in rows:
            if etype != entity.type or _in_other_countries(entity, country if lat is not None else None):
                continue
            similarity = max(fuzz.ratio(alias_key, key) for key in keys) / 100
            if similarity >= LINK_THRESHOLD and (best is None or similarity > best.score):
                best = LinkDecision(entity.key, entity_id, similarity, "alias",
                                    {"alias_key": alias_key, "similarity": similarity, "type": etype})
        return best

    def _new_id(self, entity: Entity) -> str:
        base = slug(entity.name)
        candidate, n = base, 1
        while self.session.get(EntityRow, candidate) is not None:
            n += 1
            candidate = f"{base}_{n}"
        return candidate

    def _ensure_entity(self, entity: Entity, entity_id: str) -> None:
        row = self.session.get(EntityRow, entity_id)
        if row is None:
            origin = "gazetteer" if entity.type == "PLACE" and entity.registry_id else \
                "equipment" if entity.type == "EQUIPMENT" and entity.registry_id else "discovered"
            row = EntityRow(id=entity_id, type=entity.type, name=entity.name, origin=origin)
            self.session.add(row)
        if entity.geo is not None and row.lat is None:
            geo = entity.geo
            row.name = geo.name or row.name
            row.lat, row.lon, row.country, row.admin1 = geo.lat, geo.lon, geo.country, geo.admin1
            row.geonames_id, row.geo_precision = geo.geonames_id, geo.precision
        if entity.geo is not None and entity.geo.seat and row.seat_lat is None:  # also in a store made before seats
            row.seat_lat, row.seat_lon = entity.geo.seat
        self.session.flush()
