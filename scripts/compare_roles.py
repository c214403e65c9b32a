#!/usr/bin/env python
"""Does a trained dependency parser choose ACLED's actors better than sitrep's patterns?

Runs sitrep's analyzer (``sitrep.app.default_analyzer``) on the ``notes`` of ACLED
rows (``--csv``, normally ``../shared/data/acled/dev.csv``, read at run time, never
copied) three ways and scores the coded actor 1 / actor 2 of the report's primary
event against ACLED's ``actor1`` / ``actor2`` with the project's own comparison
(``sitrep.events.evaluate.score_acled_row``, i.e. ``primary_event`` ->
``coded_actors`` -> ``actor_matches``):

``patterns``
    the analyzer as shipped: actors and targets chosen by surface patterns over
    the entity spans of the trigger's clause (``roles.surface_roles``).
``syntax``
    the same analyzer, with the spaCy Doc parsed by ``--model`` and every
    trigger's roles taken from the parse alone (``roles.dependency_roles`` with
    no pattern fallback): an entity span is mapped to its syntactic head, and
    its path up to the trigger decides (subject / ``by``-agent -> actor; object,
    passive subject, ``against/on/at/with`` object -> target; otherwise no role).
``hybrid``
    the parse wired in the way ``roles.assign_roles`` already supports when the
    Doc has a parse: the parse decides where it is clear, the patterns elsewhere.

Only the role assignment differs between the three; the candidate entity spans
(``roles.participants``), triggers, event typing and ACLED coding are the same code.
Also measured: the parser's speed (words per CPU-second) and the analyzer's
throughput with and without the parse.

Usage::

    .venv/bin/python scripts/compare_roles.py --model /tmp/parser_model --rows 300
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import copy
import csv
import json
import sys
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from unittest import mock

from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc

from sitrep.app import default_analyzer
from sitrep.events import extractor, roles
from sitrep.events.evaluate import score_acled_row
from sitrep.models import Document
from sitrep.registry import load_registry

REPO = Path(__file__).resolve().parent.parent
METHODS = ("patterns", "syntax", "hybrid")


class Parser:
    """Adds a dependency parse to the analyzer's spaCy Doc, keeping its tokens and
    sentences, and keeps count of the words parsed and the CPU time spent."""

    def __init__(self, model: Path):
        import spacy

        self.nlp = spacy.load(model)
        self.words = 0
        self.seconds = 0.0

    def __call__(self, _analysis, sdoc: Doc) -> None:
        start = time.process_time()
        parsed = self.parse(sdoc)
        self._copy_parse(parsed, sdoc)
        self.seconds += time.process_time() - start
        self.words += len(sdoc)

    def parse(self, sdoc: Doc) -> Doc:
        """The parser's Doc for the same tokens; sitrep's sentence starts are kept
        (the parser respects preset boundaries)."""
        doc = Doc(self.nlp.vocab, words=[t.text for t in sdoc], spaces=[bool(t.whitespace_) for t in sdoc],
                  sent_starts=[bool(t.is_sent_start) for t in sdoc])
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return doc

    @staticmethod
    def _copy_parse(parsed: Doc, sdoc: Doc) -> None:
        """Heads and labels onto the analyzer's Doc (another vocabulary: labels are
        added to its string store first)."""
        for token in parsed:
            sdoc.vocab.strings.add(token.dep_)
        sdoc.from_array([HEAD, DEP], parsed.to_array([HEAD, DEP]))


def syntax_only_roles(view, trigger, slots, previous=None, inherited=None, sdoc=None) -> roles.Roles:
    """``assign_roles`` with the parse alone deciding (no pattern fallback)."""
    return roles.dependency_roles(sdoc, view, trigger, slots, roles.Roles())


@contextmanager
def syntax_only():
    """Swap the role assigner for the measurement only: the extractor calls
    ``assign_roles`` by the name it imported, so it is patched there."""
    with mock.patch.object(extractor, "assign_roles", syntax_only_roles):
        yield


def analyzers(model: Path):
    """{method: (analyzer, role context)} and the parser; the parsing analyzer
    shares the shipped one's matchers and adds the parse as its first step."""
    base = default_analyzer()
    parser = Parser(model)
    parsed = copy.copy(base)
    parsed.steps = [parser, *base.steps]
    return {"patterns": (base, nullcontext), "syntax": (parsed, syntax_only), "hybrid": (parsed, nullcontext)}, parser


def read_rows(path: Path, limit: int) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))[:limit]


def score_method(analyzer, context, rows: list[dict], registry) -> tuple[list[dict], float]:
    """Per-row actor1/actor2 hits of one method, and its CPU seconds (the machine
    is shared, so CPU time is the steadier measure of cost)."""
    results = []
    start = time.process_time()
    with context():
        for row in rows:
            doc = Document(row["event_id_cnty"], row["notes"], published=row["event_date_iso"])
            score = score_acled_row(row, analyzer.analyze(doc), registry)
            results.append({"actor1": score["actor1"], "actor2": score["actor2"]})
    return results, time.process_time() - start


def discordant(a: list[dict], b: list[dict], field: str) -> tuple[int, int]:
    """(rows only ``a`` gets right, rows only ``b`` gets right) for one field."""
    return (sum(x[field] and not y[field] for x, y in zip(a, b)),
            sum(y[field] and not x[field] for x, y in zip(a, b)))


def accuracy(results: list[dict]) -> dict[str, float]:
    return {f: sum(r[f] for r in results) / len(results) for f in ("actor1", "actor2")}


def by_sub_event_type(per_method: dict[str, list[dict]], rows: list[dict]) -> dict:
    """Accuracy per ACLED sub-event type (clashes have two sides and no direction)."""
    kinds = sorted({row["sub_event_type"] for row in rows})
    return {kind: {"rows": sum(row["sub_event_type"] == kind for row in rows),
                   **{m: accuracy([r for r, row in zip(res, rows) if row["sub_event_type"] == kind])
                      for m, res in per_method.items()}} for kind in kinds}


def summarize(per_method: dict[str, list[dict]], seconds: dict[str, float], parser: Parser,
              rows: list[dict]) -> dict:
    n = len(rows)
    versus = {m: {f: discordant(per_method["patterns"], per_method[m], f) for f in ("actor1", "actor2")}
              for m in METHODS if m != "patterns"}
    return {"rows": n, "accuracy": {m: accuracy(res) for m, res in per_method.items()},
            "by_sub_event_type": by_sub_event_type(per_method, rows), "discordant_vs_patterns": versus,
            "rows_per_cpu_second": {m: n / s for m, s in seconds.items()},
            "parser_words": parser.words, "parser_words_per_cpu_second": parser.words / parser.seconds}


def report(summary: dict) -> str:
    lines = [f"rows: {summary['rows']}", "| method | actor1 | actor2 | rows per CPU-second |",
             "| --- | ---: | ---: | ---: |"]
    for method, acc in summary["accuracy"].items():
        lines.append(f"| {method} | {100 * acc['actor1']:.1f} | {100 * acc['actor2']:.1f} | "
                     f"{summary['rows_per_cpu_second'][method]:.2f} |")
    for kind, scores in summary["by_sub_event_type"].items():
        lines.append(f"{kind} ({scores['rows']} rows), actor1 / actor2: " + "; ".join(
            f"{m} {100 * scores[m]['actor1']:.1f} / {100 * scores[m]['actor2']:.1f}" for m in METHODS))
    for method, fields in summary["discordant_vs_patterns"].items():
        lines.append(f"{method} vs patterns, rows only patterns / only {method} right: "
                     + ", ".join(f"{f} {a}/{b}" for f, (a, b) in fields.items()))
    lines.append(f"parser: {summary['parser_words_per_cpu_second']:,.0f} words per CPU-second "
                 f"({summary['parser_words']:,} words, both parsing methods)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--csv", type=Path, default=REPO.parent / "shared" / "data" / "acled" / "dev.csv")
    ap.add_argument("--model", type=Path, default=Path("/tmp/parser_model"), help="trained spaCy parser")
    ap.add_argument("--rows", type=int, default=300, help="first N rows of the CSV")
    ap.add_argument("--json", type=Path, default=None, help="also write the summary here")
    args = ap.parse_args(argv)
    if not args.csv.exists():
        print(f"error: no ACLED csv at {args.csv}", file=sys.stderr)
        return 2
    rows = read_rows(args.csv, args.rows)
    registry = load_registry()
    methods, parser = analyzers(args.model)
    methods["patterns"][0].analyze(Document("warm-up", rows[0]["notes"]))  # matchers built outside the timing
    per_method, seconds = {}, {}
    for name in METHODS:
        analyzer, context = methods[name]
        per_method[name], seconds[name] = score_method(analyzer, context, rows, registry)
        print(f"[compare_roles] {name} done in {seconds[name]:.0f} s", flush=True)
    summary = summarize(per_method, seconds, parser, rows)
    print(report(summary))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
