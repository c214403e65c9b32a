"""Build a benchmark store of many documents from the example corpus, with varied names, places and dates.

Route (faster than analysing every variant): the example corpus is ingested
once with the full pipeline; each generated document then copies the stored
analysis of one of those articles, rewritten consistently:

- every mention may take another known spelling of its entity (its aliases),
- every place is swapped for another located place of the store,
- the publication and event dates shift by the same random number of days,

and character offsets (mentions, event sentences, claim evidence) are remapped
onto the new text. The variants are written through the project's own writer
(``sitrep.store.writer``), so they have the shape real ingests have, full-text
index included. Dates written inside the text are left as they are.

    python scripts/make_bench_corpus.py --db /tmp/bench.db --documents 10000
"""
from __future__ import annotations

import argparse
import bisect
import random
import time
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sitrep.app import Sitrep
from sitrep.models import Analysis, Claim, Document, Entity, Event, Mention, Relation
from sitrep.store import Store
from sitrep.store.schema import AliasRow, ClaimRow, DocumentRow, EntityRow, EventRow, MentionRow, RelationRow
from sitrep.store.writer import add_document, save_analysis

ROOT = Path(__file__).resolve().parents[1]
BATCH = 200


@dataclass
class Template:
    """One analysed article, as plain data to rewrite."""

    doc: Document
    analysis: Analysis


def load_template(session: Session, row: DocumentRow) -> Template:
    doc = Document(doc_id=row.doc_id, text=row.text, title=row.title, url=row.url, publisher=row.publisher,
                   author=row.author, published=row.published, language=row.language, fmt="bench")
    analysis = Analysis(doc=doc)
    entities: dict[str, Entity] = {}
    for m in session.scalars(select(MentionRow).where(MentionRow.document_id == row.id).order_by(MentionRow.start)):
        entity = entities.setdefault(m.entity_id, Entity(key=m.entity_id, type=m.type, name=m.text, kb_id=m.entity_id))
        entity.mentions.append(Mention(m.start, m.end, m.text, m.type, m.origin, m.title))

    def key(entity_id: str | None) -> str | None:
        """Events may name entities without a mention in the text: they still need a key."""
        if entity_id and entity_id not in entities:
            kind = session.get(EntityRow, entity_id).type
            entities[entity_id] = Entity(key=entity_id, type=kind, name=entity_id, kb_id=entity_id)
        return entity_id

    claims = {(c.event_id, c.relation_id): c
              for c in session.scalars(select(ClaimRow).where(ClaimRow.document_id == row.id))}

    def claim(event_id=None, relation_id=None) -> Claim:
        c = claims.get((event_id, relation_id))
        if c is None:
            return Claim("reported")
        return Claim(c.certainty, key(c.source_entity_id), c.evidence_start, c.evidence_end, c.evidence)

    for e in session.scalars(select(EventRow).where(EventRow.document_id == row.id)):
        analysis.events.append(Event(
            e.type, claim(event_id=e.id), actors=[key(a.entity_id) for a in e.arguments if a.role == "actor"],
            targets=[key(a.entity_id) for a in e.arguments if a.role == "target"], place=key(e.place_id),
            date=e.date, date_precision=e.date_precision, fatalities=e.fatalities,
            fatalities_range=(e.fatalities_low, e.fatalities_high) if e.fatalities_low is not None else None,
            quantity=e.quantity, sub_event_type=e.sub_event_type, trigger=e.trigger,
            sentence=(e.sentence_start, e.sentence_end)))
    for r in session.scalars(select(RelationRow).where(RelationRow.document_id == row.id)):
        analysis.relations.append(Relation(r.type, key(r.subject_id), key(r.object_id), claim(relation_id=r.id)))
    analysis.entities = list(entities.values())
    return Template(doc, analysis)


class OffsetMap:
    """Old character offsets to new ones after replacing spans of the text."""

    def __init__(self, replacements: list[tuple[int, int, str]]):
        self.ends, self.deltas, total = [], [], 0
        for start, end, text in replacements:
            total += len(text) - (end - start)
            self.ends.append(end)
            self.deltas.append(total)

    def __call__(self, offset: int) -> int:
        i = bisect.bisect_right(self.ends, offset) - 1
        return offset + (self.deltas[i] if i >= 0 else 0)


def rewrite(text: str, replacements: list[tuple[int, int, str]]) -> str:
    out, cursor = [], 0
    for start, end, new in replacements:
        out += [text[cursor:start], new]
        cursor = end
    return "".join(out + [text[cursor:]])


def shift_date(value: str | None, days: int) -> str | None:
    """An ISO date at its own precision (YYYY, YYYY-MM, YYYY-MM-DD), moved by ``days``."""
    if not value:
        return value
    parts = [int(p) for p in value.split("-")]
    moved = date(parts[0], *(parts[1:] + [1] * (3 - len(parts)))) + timedelta(days=days)
    return moved.isoformat()[:len(value)]


class VariantMaker:
    """Rewrites templates with other spellings, places and dates, keeping every offset right."""

    def __init__(self, session: Session, rng: random.Random):
        self.rng = rng
        self.spellings: dict[str, list[str]] = {}
        for entity_id, alias in session.execute(select(AliasRow.entity_id, AliasRow.alias)).all():
            self.spellings.setdefault(entity_id, []).append(alias)
        self.places = session.execute(select(EntityRow.id, EntityRow.name).where(
            EntityRow.type == "PLACE", EntityRow.lat.is_not(None))).all()

    def make(self, template: Template, doc_id: str) -> tuple[Document, Analysis]:
        ids, spell = self._choices(template.analysis.entities)
        picks = [(m, e, spell[e.key](m.text)) for e in template.analysis.entities for m in e.mentions]
        replacements = sorted((m.start, m.end, text) for m, _, text in picks)
        offset = OffsetMap(replacements)
        days = self.rng.randint(-1200, 1200)
        doc = replace(template.doc, doc_id=doc_id, text=rewrite(template.doc.text, replacements), content_hash="",
                      title=_renamed(template.doc.title, {m.text: text for m, _, text in picks}),
                      published=shift_date(template.doc.published, days))
        entities = {e.key: replace(e, kb_id=ids[e.key], mentions=[]) for e in template.analysis.entities}
        for m, e, text in picks:
            start = offset(m.start)
            entities[e.key].mentions.append(replace(m, start=start, end=start + len(text), text=text))

        def claim(c: Claim) -> Claim:
            start, end = offset(c.evidence_start), offset(c.evidence_end)
            return replace(c, evidence_start=start, evidence_end=end, evidence=doc.text[start:end] or c.evidence)

        events = [replace(ev, claim=claim(ev.claim), date=shift_date(ev.date, days),
                          sentence=(offset(ev.sentence[0]), offset(ev.sentence[1])))
                  for ev in template.analysis.events]
        relations = [replace(r, claim=claim(r.claim)) for r in template.analysis.relations]
        return doc, Analysis(doc=doc, entities=list(entities.values()), events=events, relations=relations,
                             published=doc.published)

    def _choices(self, entities: list[Entity]) -> tuple[dict[str, str], dict]:
        """Per entity: its knowledge-base id (another place for places) and how to spell a mention."""
        ids, spell = {}, {}
        for entity in entities:
            if entity.type == "PLACE" and entity.mentions and self.places:
                ids[entity.key], name = self.rng.choice(self.places)
                spell[entity.key] = lambda _text, name=name: name
            else:
                ids[entity.key] = entity.kb_id
                names = self.spellings.get(entity.kb_id) or [entity.name]
                spell[entity.key] = lambda text, names=names: self.rng.choice(names) if self.rng.random() < .5 else text
        return ids, spell


def _renamed(title: str | None, renamed: dict[str, str]) -> str | None:
    """The title with the same names respelled as in the text."""
    for old, new in sorted(renamed.items(), key=lambda kv: -len(kv[0])):
        title = title.replace(old, new) if title else title
    return title


def ensure_templates(db: str, corpus: Path) -> None:
    """Ingest the example corpus with the full pipeline once (skipped when the store has documents)."""
    sitrep = Sitrep(db)
    with sitrep.store.session() as s:
        if s.scalar(select(func.count(DocumentRow.id))):
            return
    started = time.monotonic()
    report = sitrep.ingest([str(corpus)])
    print(f"analysed the example corpus: {report.added} documents in {time.monotonic() - started:.0f}s")
    sitrep.store.close()


def generate(db: str, target: int, seed: int) -> int:
    """Add variants until the store holds ``target`` documents; returns how many were added."""
    store = Store(db)
    rng = random.Random(seed)
    with store.session() as s:
        templates = [load_template(s, row) for row in s.scalars(
            select(DocumentRow).where(DocumentRow.original_id.is_(None), DocumentRow.fmt != "bench"))]
        maker = VariantMaker(s, rng)
        hashes = set(s.scalars(select(DocumentRow.content_hash)))
        have = s.scalar(select(func.count(DocumentRow.id)))
    added = 0
    while have + added < target:
        if added % (5 * BATCH) == 0:
            _analyze(store)
        with store.session() as s:
            for _ in range(min(BATCH, target - have - added)):
                template = rng.choice(templates)
                doc, analysis = maker.make(template, f"bench_{have + added:06d}_{template.doc.doc_id}")
                if doc.content_hash in hashes:  # the same choices twice: draw again
                    continue
                hashes.add(doc.content_hash)
                save_analysis(s, add_document(s, doc, None, None), analysis, [])
                added += 1
        print(f"\r{have + added} documents", end="", flush=True)
    print()
    store.close()
    return added


def _analyze(store: Store) -> None:
    """Refresh SQLite's planner statistics: without them the writer's event-clustering lookup
    scans every event of a type (index on type alone), and generation slows down quadratically."""
    if store.engine.dialect.name == "sqlite":
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/sitrep-bench.db")
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    ensure_templates(args.db, args.corpus)
    started = time.monotonic()
    added = generate(args.db, args.documents, args.seed)
    print(f"added {added} generated documents in {time.monotonic() - started:.0f}s -> {args.db}")


if __name__ == "__main__":
    main()
