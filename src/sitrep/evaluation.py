"""Evaluation: an analysis export against gold files, and NER against a CoNLL file.

``score_export`` implements the metrics of gold/GUIDELINES.md (the same ones
tools/score.py reports), so the numbers can be computed inside the application:

- mentions: micro P/R/F1 over (doc, surface, type) and over (doc, surface),
  surfaces normalised by ``normalise_surface``; per type too.
- coref: B-cubed over the gold mention items (doc, surface) clustered by
  entity id across documents; an item the system missed is its own cluster.
  Within one document a normalised surface belongs to the first entity that
  names it, in gold and system alike.
- events: each gold event, in order, matches the unmatched system event of the
  same document and type sharing the most participants (actors + targets) or,
  when neither has participants, naming the same place (or none); P/R/F1
  and, on the matched pairs, the accuracy of place, date (at the gold date's
  precision), fatalities, quantity, certainty and source.
- relations: micro P/R/F1 over (doc, type, subject, object).

Entity ids in events and relations are compared after mapping each system
entity of a document to the gold entity its mention items mostly hit; an id
no mention maps equals no gold id.

``evaluate_ner`` scores a tagger on a CoNLL file at entity level (exact span
and type), like conlleval / seqeval, for IOB1 and IOB2 tags.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, groupby
from pathlib import Path

from sqlalchemy.orm import Session

from sitrep.export import analysis_records

EVENT_ARGUMENTS = ("place", "date", "fatalities", "quantity", "certainty", "source")

# Ranks and honorifics dropped before names, repeatedly ("Maj Gen", "The Sheikh"); abbreviations may end in ".".
_TITLES = ("general", "major", "colonel", "lieutenant", "brigadier", "president", "commander", "sheikh", "shaykh",
           "ayatollah", "hajj", "haji", "al hajj", "al-hajj", r"gen\.?", r"maj\.?", r"col\.?", r"lt\.?",
           r"brig\.?", r"dr\.?", r"mr\.?")
_TITLE_PREFIX = re.compile(r"^(?:" + "|".join(sorted(_TITLES, key=len, reverse=True)) + r")\s+")
_POSSESSIVE = re.compile(r"['’]s$")
_ARTICLE = re.compile(r"^(?:the|The)\s+")
_PLACE_DESIGNATOR = re.compile(r"\s+(?:province|governorate|city|countryside)$")
_EDGE_PUNCTUATION = " .,;:'\"’“”…"


# ---------------------------------------------------------------- export vs gold

def normalise_surface(text: str) -> str:
    """The form mentions are compared in.

    In this order: whitespace collapsed, a possessive 's dropped, a leading
    "the"/"The" dropped, casefolded, leading titles dropped, one trailing place
    designator (province, governorate, city, countryside) dropped, then quotes
    and sentence punctuation stripped from both ends.
    """
    text = _ARTICLE.sub("", _POSSESSIVE.sub("", " ".join(text.split()))).casefold()
    while (stripped := _TITLE_PREFIX.sub("", text)) != text:
        text = stripped
    return _PLACE_DESIGNATOR.sub("", text).strip(_EDGE_PUNCTUATION)


def mention_text(mention: str | dict) -> str:
    """A mention is a string (gold) or an object with its text and offsets (export)."""
    return mention["text"] if isinstance(mention, dict) else mention


def prf(tp: int, n_sys: int, n_gold: int) -> dict:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "tp": tp, "sys": n_sys, "gold": n_gold}


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """Gold records by doc id, one ``<doc_id>.json`` per document."""
    gold = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: not a gold JSON file: {exc}") from None
        gold[record.get("doc_id") or path.stem] = record
    if not gold:
        raise ValueError(f"{gold_dir}: no gold files (*.json)")
    return gold


def entity_items(record: dict) -> dict[str, tuple[str, str]]:
    """Normalised surface -> (entity id, type) for one document."""
    items = {}
    for entity in record.get("entities", []):
        for mention in entity.get("mentions", []):
            surface = normalise_surface(mention_text(mention))
            if surface:
                items.setdefault(surface, (entity["id"], entity["type"]))
    return items


@dataclass
class Document:
    """One scored document: gold and system records with their mention items."""

    doc_id: str
    gold: dict
    system: dict
    gold_items: dict[str, tuple[str, str]]
    sys_items: dict[str, tuple[str, str]]

    @cached_property
    def id_map(self) -> dict[str, str]:
        """Each system entity id -> the gold id its mention items mostly hit (the first on a tie)."""
        votes: dict[str, Counter] = {}
        for surface, (sys_id, _) in self.sys_items.items():
            if surface in self.gold_items:
                votes.setdefault(sys_id, Counter())[self.gold_items[surface][0]] += 1
        return {sys_id: counter.most_common(1)[0][0] for sys_id, counter in votes.items()}

    def gold_id(self, sys_id: str | None) -> str | tuple | None:
        """The gold id a system id stands for; an id no mention maps equals no gold id (null stays null)."""
        if sys_id is None:
            return None
        return self.id_map.get(sys_id, ("unmapped", sys_id))


_EMPTY_RECORD = {"entities": [], "events": [], "relations": []}


def records_by_doc(export_records: Iterable[dict]) -> dict[str, dict]:
    records = {}
    for n, record in enumerate(export_records, 1):
        if "doc_id" not in record:
            raise ValueError(f"export record {n} has no doc_id")
        records[record["doc_id"]] = record
    return records


def scored_documents(gold: dict[str, dict], system: dict[str, dict]) -> list[Document]:
    """Every gold document with its system record (empty when the export lacks it)."""
    docs = []
    for doc_id, gold_record in gold.items():
        sys_record = system.get(doc_id, _EMPTY_RECORD)
        docs.append(Document(doc_id, gold_record, sys_record, entity_items(gold_record), entity_items(sys_record)))
    return docs


def _untyped(items: set[tuple]) -> set[tuple]:
    return {(doc, surface) for doc, surface, _ in items}


def score_mentions(docs: list[Document]) -> dict:
    gold = {(d.doc_id, s, t) for d in docs for s, (_, t) in d.gold_items.items()}
    system = {(d.doc_id, s, t) for d in docs for s, (_, t) in d.sys_items.items()}
    gold_untyped, sys_untyped = _untyped(gold), _untyped(system)
    by_type = {}
    for type_ in sorted({t for *_, t in gold | system}):
        g, s = {i for i in gold if i[2] == type_}, {i for i in system if i[2] == type_}
        by_type[type_] = prf(len(g & s), len(s), len(g))
    return {"mentions_typed": prf(len(gold & system), len(system), len(gold)),
            "mentions_untyped": prf(len(gold_untyped & sys_untyped), len(sys_untyped), len(gold_untyped)),
            "mentions_by_type": by_type}


def bcubed(gold_labels: dict, sys_labels: dict) -> dict:
    """B-cubed over the gold items; an item absent from ``sys_labels`` is a singleton."""
    sys_of = {item: sys_labels.get(item, ("missed", item)) for item in gold_labels}
    gold_sizes = Counter(gold_labels.values())
    sys_sizes = Counter(sys_of.values())
    both = Counter((gold_labels[i], sys_of[i]) for i in gold_labels)
    n = len(gold_labels)
    p = sum(both[gold_labels[i], sys_of[i]] / sys_sizes[sys_of[i]] for i in gold_labels) / n if n else 0.0
    r = sum(both[gold_labels[i], sys_of[i]] / gold_sizes[gold_labels[i]] for i in gold_labels) / n if n else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "items": n}


def score_coref(docs: list[Document]) -> dict:
    gold = {(d.doc_id, s): eid for d in docs for s, (eid, _) in d.gold_items.items()}
    system = {(d.doc_id, s): eid for d in docs for s, (eid, _) in d.sys_items.items()}
    return bcubed(gold, system)


def same_date(gold: str | None, system: str | None) -> bool:
    """The system date agrees with the gold date at the gold date's precision."""
    if gold is None or system is None:
        return gold is system
    return system[:len(gold)] == gold


def translated_event(event: dict, doc: Document) -> dict:
    """A system event with its entity ids replaced by the gold ids they stand for."""
    return {**event, "actors": [doc.gold_id(e) for e in event.get("actors", [])],
            "targets": [doc.gold_id(e) for e in event.get("targets", [])],
            "place": doc.gold_id(event.get("place")), "source": doc.gold_id(event.get("source"))}


def participants(event: dict) -> set:
    return {*event.get("actors", []), *event.get("targets", [])}


def events_match(gold: dict, system: dict) -> bool:
    if gold["type"] != system["type"]:
        return False
    if participants(gold) or participants(system):
        return bool(participants(gold) & participants(system))
    return gold.get("place") == system.get("place")


def match_events(gold_events: list[dict], sys_events: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one, in gold order: each gold event takes the unmatched system event sharing the most
    participants (the first on a tie)."""
    free = list(sys_events)
    pairs = []
    for gold in gold_events:
        candidates = [s for s in free if events_match(gold, s)]
        if candidates:
            system = max(candidates, key=lambda s: len(participants(gold) & participants(s)))
            free.remove(system)
            pairs.append((gold, system))
    return pairs


def argument_correct(name: str, gold: dict, system: dict) -> bool:
    if name == "date":
        return same_date(gold.get("date"), system.get("date"))
    return gold.get(name) == system.get(name)


def score_events(docs: list[Document]) -> dict:
    pairs, n_sys, n_gold = [], 0, 0
    for doc in docs:
        sys_events = [translated_event(e, doc) for e in doc.system.get("events", [])]
        gold_events = doc.gold.get("events", [])
        pairs += match_events(gold_events, sys_events)
        n_sys, n_gold = n_sys + len(sys_events), n_gold + len(gold_events)
    accuracy = {name: round(sum(argument_correct(name, g, s) for g, s in pairs) / len(pairs), 4) if pairs else None
                for name in EVENT_ARGUMENTS}
    return {"events": prf(len(pairs), n_sys, n_gold), "event_arguments": accuracy}


def score_relations(docs: list[Document]) -> dict:
    gold, system = set(), set()
    for doc in docs:
        gold |= {(doc.doc_id, r["type"], r["subject"], r["object"]) for r in doc.gold.get("relations", [])}
        system |= {(doc.doc_id, r["type"], doc.gold_id(r["subject"]), doc.gold_id(r["object"]))
                   for r in doc.system.get("relations", [])}
    return prf(len(gold & system), len(system), len(gold))


def score_export(export_records: Iterable[dict], gold_dir: Path) -> dict:
    """Score analysis-export records against ``gold_dir``; only gold documents count (a missing one is empty)."""
    gold = load_gold(Path(gold_dir))
    system = records_by_doc(export_records)
    docs = scored_documents(gold, system)
    return {"documents": len(docs), "documents_in_export": len(gold.keys() & system.keys()),
            **score_mentions(docs), "coref_bcubed": score_coref(docs), **score_events(docs),
            "relations": score_relations(docs)}


def evaluate_store(session: Session, gold_dir: Path) -> dict:
    """Score the knowledge base's analysis export against ``gold_dir``."""
    return score_export(analysis_records(session), gold_dir)


# ---------------------------------------------------------------- NER on CoNLL

_TAG = re.compile(r"^(?:O|[BI]-\S+)$")
CONLL_LABELS = {
    "PER": "PER", "PERSON": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG", "ARMED_GROUP": "ORG",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "PLACE": "LOC",
    "MISC": "MISC", "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC",
    "LAW": "MISC", "LANGUAGE": "MISC", "EQUIPMENT": "MISC",
}


@dataclass
class Sentence:
    tokens: list[str]
    tags: list[str]
    line: int  # where it starts in the file, for error messages
    document: int = 0  # which -DOCSTART- document of the file it belongs to


def read_conll(path: Path) -> Iterator[Sentence]:
    """Sentences of a CoNLL file: token in the first column, tag in the last; -DOCSTART- lines
    separate documents (a file without them is one document)."""
    tokens, tags, start, document = [], [], 1, 0
    with Path(path).open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            columns = line.split()
            if not columns or columns[0] == "-DOCSTART-":
                if tokens:
                    yield Sentence(tokens, tags, start, document)
                tokens, tags, start = [], [], number + 1
                document += bool(columns)
                continue
            if len(columns) < 2 or not _TAG.match(columns[-1]):
                raise ValueError(f"{path}:{number}: expected 'TOKEN ... TAG' with an IOB tag, got {line.strip()!r}")
            tokens.append(columns[0])
            tags.append(columns[-1])
    if tokens:
        yield Sentence(tokens, tags, start, document)


def read_conll_documents(path: Path) -> Iterator[list[Sentence]]:
    for _, sentences in groupby(read_conll(path), key=lambda sentence: sentence.document):
        yield list(sentences)


def chunks(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) spans of IOB1 or IOB2 tags: I-X after O or another type opens a span too."""
    spans, start, current = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, type_ = tag.partition("-")
        continues = prefix == "I" and type_ == current
        if current is not None and not continues:
            spans.add((start, i, current))
            current = None
        if prefix in ("B", "I") and not continues:
            start, current = i, type_
    return spans


def iob2(tags: list[str]) -> list[str]:
    """The same spans tagged IOB2, so tags of IOB1 and IOB2 files compare token by token."""
    out = ["O"] * len(tags)
    for start, end, type_ in chunks(tags):
        out[start:end] = [f"B-{type_}"] + [f"I-{type_}"] * (end - start - 1)
    return out


DocumentPredictor = Callable[[list[list[str]]], list[list[str]]]


def evaluate_ner(conll_path: Path, predict: DocumentPredictor) -> dict:
    """Entity-level P/R/F1 (exact span and type), per type and micro overall; token accuracy in IOB2.

    ``predict`` gets the token lists of one document's sentences and returns their tags, so a
    tagger may use the whole document (as sitrep does on an article).
    """
    tp, n_sys, n_gold = Counter(), Counter(), Counter()
    sentences = tokens = correct_tags = 0
    for document in read_conll_documents(Path(conll_path)):
        predictions = list(predict([sentence.tokens for sentence in document]))
        if len(predictions) != len(document):
            raise ValueError(f"{conll_path}:{document[0].line}: the predictor returned {len(predictions)} "
                             f"sentences for a document of {len(document)}")
        for sentence, predicted in zip(document, map(list, predictions)):
            if len(predicted) != len(sentence.tokens) or not all(_TAG.match(t) for t in predicted):
                raise ValueError(f"{conll_path}:{sentence.line}: the predictor returned {predicted!r} "
                                 f"for {len(sentence.tokens)} tokens")
            gold, system = chunks(sentence.tags), chunks(predicted)
            tp.update(t for *_, t in gold & system)
            n_gold.update(t for *_, t in gold)
            n_sys.update(t for *_, t in system)
            sentences, tokens = sentences + 1, tokens + len(predicted)
            correct_tags += sum(g == p for g, p in zip(iob2(sentence.tags), iob2(predicted)))
    return {"sentences": sentences, "tokens": tokens,
            "token_accuracy": round(correct_tags / tokens, 4) if tokens else 0.0,
            "overall": prf(sum(tp.values()), sum(n_sys.values()), sum(n_gold.values())),
            "by_type": {t: prf(tp[t], n_sys[t], n_gold[t]) for t in sorted(n_gold | n_sys)}}


def ner_predictor(nlp, document_context: bool = True) -> DocumentPredictor:
    """A predictor running a spaCy pipeline as sitrep runs its model: sentence by sentence, then
    (``document_context``) with the entities made consistent across the document and places
    written "town, country" split in two. Tags are IOB2
    in the CoNLL labels: labels outside the CoNLL set (dates, numbers) become O; spaCy and sitrep
    labels are mapped (GPE -> LOC, NORP -> MISC, ARMED_GROUP -> ORG, ...).
    """
    from spacy.tokens import Doc

    from sitrep.nlp.ner import consistent_entities, name_parts, sentence_entities

    def predict(sentences: list[list[str]]) -> list[list[str]]:
        words = [word for sentence in sentences for word in sentence]
        doc = Doc(nlp.vocab, words=words, sent_starts=[i == 0 for sentence in sentences for i in range(len(sentence))])
        entities = sentence_entities(nlp, doc)
        if document_context:
            entities = [part for e in consistent_entities(doc, entities) for part in name_parts(e)]
        tags = ["O"] * len(words)
        for ent in entities:
            label = CONLL_LABELS.get(ent.label_)
            if label:
                tags[ent.start:ent.end] = [f"B-{label}"] + [f"I-{label}"] * (len(ent) - 1)
        ends = list(accumulate(len(sentence) for sentence in sentences))
        return [tags[end - len(sentence):end] for sentence, end in zip(sentences, ends)]

    return predict
