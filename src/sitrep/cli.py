"""Command line: ingest, inspect, correct and export the knowledge base.

Exit codes: 0 ok, 1 some items failed (each named on stderr), 2 usage error.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import select

from sitrep.app import Sitrep
from sitrep.export import EXPORTERS, jsonl_lines
from sitrep.registry import RegistryError
from sitrep.resolve.judgements import JudgementError, affected_documents, record_pair, record_split
from sitrep.store import queries
from sitrep.store.fulltext import HIT_END, HIT_START, search_documents
from sitrep.store.schema import DocumentRow

app = typer.Typer(help="sitrep: a sourced knowledge base from reporting on armed conflict.",
                  no_args_is_help=True, add_completion=False)
console = Console()
errors = Console(stderr=True)

DbOption = Annotated[str, typer.Option("--db", help="SQLite file or database URL.", envvar="SITREP_DB")]
WorkersOption = Annotated[int, typer.Option(min=1, help="Processes that analyse in parallel (up to one per core; "
                                                      "each holds its own analyzer, 600-800 MB).")]


def open_app(db: str) -> Sitrep:
    try:
        return Sitrep(db)
    except RegistryError as exc:
        errors.print(f"error: the actor registry is invalid: {escape(str(exc))}")
        raise typer.Exit(2) from None


def usage_error(message: str) -> None:
    errors.print(f"error: {escape(message)}")
    raise typer.Exit(2)


@app.command()
def ingest(sources: Annotated[list[str], typer.Argument(help="Files, directories or http(s) URLs.")],
           db: DbOption = "sitrep.db",
           allow_private: Annotated[bool, typer.Option(help="Allow URLs on loopback/private networks.")] = False,
           workers: WorkersOption = 1):
    """Read, analyse and store articles; a bad item is named on stderr and the rest goes on."""
    sitrep = open_app(db)
    columns = (TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} docs/s"), TimeElapsedColumn())
    with Progress(*columns, console=errors, transient=True) as progress:
        task = progress.add_task("ingesting", total=None, rate=0.0)

        def on_item(name: str, outcome: str) -> None:
            progress.advance(task)
            elapsed = progress.tasks[0].elapsed or 1e-9
            progress.update(task, rate=progress.tasks[0].completed / elapsed)

        report = sitrep.ingest(sources, allow_private=allow_private, on_item=on_item, workers=workers)
    for failure in report.failures:
        errors.print(f"failed: {escape(failure.item)}: {escape(failure.reason)}", soft_wrap=True)
    console.print(f"{report.added} added, {report.reposts} reposts linked, "
                  f"{report.duplicates} duplicates skipped, {len(report.failures)} failed")
    if report.failures:
        raise typer.Exit(1)


@app.command()
def reanalyze(db: DbOption = "sitrep.db", workers: WorkersOption = 1):
    """Analyse every stored document again (after a model, registry or judgement change)."""
    n = open_app(db).reanalyze(workers=workers)
    console.print(f"{n} documents analysed")


@app.command()
def summary(db: DbOption = "sitrep.db"):
    """Counts and the most mentioned armed actors."""
    with open_app(db).store.session() as s:
        facts = queries.summary(s)
    table = Table(title="sitrep knowledge base", show_header=False)
    for key in ("documents", "reposts", "entities", "mentions", "events", "relations"):
        table.add_row(key, str(facts[key]))
    table.add_row("top actors", escape(", ".join(f"{name} ({n})" for name, n in facts["top_actors"])))
    console.print(table)


@app.command()
def docs(db: DbOption = "sitrep.db", limit: int = 50):
    """List stored documents."""
    with open_app(db).store.session() as s:
        rows = s.scalars(select(DocumentRow).order_by(DocumentRow.id).limit(limit)).all()
        table = Table("doc_id", "published", "publisher", "title", "repost of")
        for d in rows:
            original = s.get(DocumentRow, d.original_id).doc_id if d.original_id else ""
            table.add_row(*(escape(str(v or "")) for v in (d.doc_id, d.published, d.publisher, d.title, original)))
    console.print(table)


@app.command()
def entities(query: Annotated[Optional[str], typer.Argument(help="Name or spelling variant.")] = None,
             type_: Annotated[Optional[str], typer.Option("--type", help="PERSON, ARMED_GROUP, ...")] = None,
             db: DbOption = "sitrep.db", limit: int = 50):
    """Entities by name (any alias or spelling), most mentioned first."""
    with open_app(db).store.session() as s:
        rows = queries.find_entities(s, query, type_.upper() if type_ else None, limit=limit)
    table = Table("id", "type", "name", "mentions")
    for row, n in rows:
        table.add_row(escape(row.id), row.type, escape(row.name), str(n))
    console.print(table)


@app.command()
def entity(name_or_id: str, db: DbOption = "sitrep.db"):
    """Dossier: aliases, documents, events and relations, each with its source sentence."""
    with open_app(db).store.session() as s:
        row = queries.resolve_entity(s, name_or_id)
        if row is None:
            usage_error(f"no entity named {name_or_id!r}")
        console.rule(f"[bold]{escape(row.name)}[/] ({row.type}, id {escape(row.id)})")
        if row.description:
            console.print(escape(row.description))
        if row.lat is not None:
            console.print(f"location: {row.lat:.4f}, {row.lon:.4f} {row.country or ''} {escape(row.admin1 or '')} "
                          f"({row.geo_precision})")
        aliases = queries.entity_aliases(s, row.id)
        console.print("names: " + escape(", ".join(f"{a} ({n} docs)" for a, n in aliases)))
        console.print("[bold]documents[/]")
        for d in queries.entity_documents(s, row.id, limit=20):
            console.print(f"  {escape(d.doc_id)} {d.published or ''} {escape(d.title or '')}")
        console.print("[bold]events[/]")
        for view in queries.events(s, actor=row.id, limit=50) + queries.events(s, place=row.id, limit=50):
            _print_event(view)
        console.print("[bold]relations[/]")
        for rel, subject, obj, claim in queries.relations(s, entity_id=row.id):
            console.print(f"  {escape(subject.name)} {rel.type} {escape(obj.name)}"
                          f"  [dim]\u201c{escape(claim.evidence if claim else '')}\u201d[/]")


def _print_event(view: queries.EventView) -> None:
    who = ", ".join(e.name for e in view.actors) or "?"
    whom = ", ".join(e.name for e in view.targets)
    place = view.place.name if view.place else "?"
    certainty = view.claim.certainty if view.claim else ""
    source = f" per {view.source.name}" if view.source else ""
    console.print(f"  {view.row.date or 'undated'} {view.row.type} {escape(who)}"
                  f"{' -> ' + escape(whom) if whom else ''} @ {escape(place)} "
                  f"{escape(f'[{certainty}{source}]')} sources={view.corroboration}")
    if view.claim:
        console.print(f"    [dim]\u201c{escape(view.claim.evidence)}\u201d ({escape(view.document.doc_id)})[/]")


@app.command("events")
def list_events(actor: Optional[str] = None, place: Optional[str] = None,
                since: Optional[str] = None, until: Optional[str] = None,
                type_: Annotated[Optional[str], typer.Option("--type")] = None,
                db: DbOption = "sitrep.db", limit: int = 100):
    """Events, newest first, filtered by actor, place (name or id) and date range (ISO)."""
    with open_app(db).store.session() as s:
        actor_id = _entity_id(s, actor)
        place_id = _entity_id(s, place)
        for view in queries.events(s, actor=actor_id, place=place_id, since=since, until=until,
                                   type_=type_.upper() if type_ else None, limit=limit):
            _print_event(view)


def _entity_id(session, name: str | None) -> str | None:
    if name is None:
        return None
    row = queries.resolve_entity(session, name)
    if row is None:
        usage_error(f"no entity named {name!r}")
    return row.id


@app.command()
def search(query: str, db: DbOption = "sitrep.db", limit: int = 20):
    """Full-text search over documents."""
    with open_app(db).store.session() as s:
        hits = search_documents(s, query, limit=limit)
    for hit in hits:
        snippet = escape(hit["snippet"] or "").replace(HIT_START, "[bold yellow]").replace(HIT_END, "[/]")
        console.print(f"[bold]{escape(hit['doc_id'])}[/] {escape(hit['title'] or '')}\n  {snippet}")
    if not hits:
        console.print("no documents match")


@app.command()
def export(output: Annotated[Path, typer.Option("-o", "--output", help="File to write ('-' for stdout).")],
           format_: Annotated[str, typer.Option("--format", help="analysis | jsonl | acled")] = "analysis",
           db: DbOption = "sitrep.db"):
    """Export the knowledge base: the analysis format (one document per line), documents as JSONL,
    or events as an ACLED-style CSV (one row per event with all its sources)."""
    if format_ not in EXPORTERS:
        usage_error(f"unknown format {format_!r}; choose from {', '.join(EXPORTERS)}")
    exporter = EXPORTERS[format_]
    with open_app(db).store.session() as s:
        if str(output) == "-":
            n = exporter.write(s, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as fh:
                n = exporter.write(s, fh)
    errors.print(f"{n} records written")


def _record(db: str, record) -> str:
    """Record a judgement and re-analyse the documents it touches."""
    sitrep = open_app(db)
    try:
        with sitrep.store.session() as s:
            rows = record(s)
            documents = affected_documents(s, rows)
            summary = ", ".join(f"{r.kind} {r.left_id} {r.right_id}" for r in rows)
    except JudgementError as exc:
        usage_error(str(exc))
    sitrep.reanalyze(document_ids=documents)
    return summary


@app.command()
def merge(a: str, b: str, db: DbOption = "sitrep.db"):
    """Judge A and B to be one entity (B's mentions join A); survives re-analysis."""
    console.print(escape(_record(db, lambda s: [record_pair(s, "same", a, b)])))


@app.command()
def judge(a: str, b: str, same: Annotated[bool, typer.Option("--same/--different")] = ...,
          db: DbOption = "sitrep.db"):
    """Record that A and B are the same entity (--same) or never the same (--different)."""
    console.print(escape(_record(db, lambda s: [record_pair(s, "same" if same else "different", a, b)])))


@app.command()
def split(entity_name: str, mentions: Annotated[list[str], typer.Argument(help="Surface forms to split off.")],
          new_id: Annotated[Optional[str], typer.Option(help="Id of the new entity.")] = None,
          db: DbOption = "sitrep.db"):
    """Move mentions with the given surface forms out of an entity into a new one."""
    console.print(escape(_record(db, lambda s: record_split(s, entity_name, mentions, new_id))))


registry_app = typer.Typer(help="The actor registry and imported name lists.", no_args_is_help=True)
gazetteer_app = typer.Typer(help="The gazetteer: places and their names.", no_args_is_help=True)
eval_app = typer.Typer(help="Evaluate sitrep on your own or public data sets.", no_args_is_help=True)
app.add_typer(registry_app, name="registry")
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(eval_app, name="eval")

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of a table.")]


def print_results(results: dict, as_json: bool) -> None:
    """Evaluation results as a table of dotted keys, or as JSON."""
    if as_json:
        console.print_json(data=results)
        return
    table = Table("measure", "value")
    for key, value in _flatten(results):
        table.add_row(escape(key), escape(f"{value:.4f}" if isinstance(value, float) else str(value)))
    console.print(table)


def _flatten(results: dict, prefix: str = "") -> list[tuple[str, object]]:
    rows = []
    for key, value in results.items():
        if isinstance(value, dict):
            rows.extend(_flatten(value, f"{prefix}{key}."))
        else:
            rows.append((f"{prefix}{key}", value))
    return rows


@contextmanager
def bad_input_is_a_usage_error():
    """A ValueError from a reader or evaluator (it names the file and line) exits with code 2."""
    try:
        yield
    except ValueError as exc:
        usage_error(str(exc))


@contextmanager
def miss_writer(misses: Path | None):
    """A callable that writes each record it receives as a line of the ``misses`` JSONL file, or None
    where no file is asked for."""
    with misses.open("w", encoding="utf-8") if misses is not None else nullcontext() as out:
        yield (lambda record: out.writelines(jsonl_lines([record]))) if out is not None else None


def existing_path(path: Path) -> Path:
    if not path.exists():
        usage_error(f"no such file or directory: {path}")
    return path


@registry_app.command("import")
def registry_import(fmt: Annotated[str, typer.Argument(help="ofac | un | phoenix")], file: Path,
                    db: DbOption = "sitrep.db"):
    """Add entities and aliases from a sanctions list or an actor dictionary, with provenance; idempotent."""
    from sitrep.resolve.importers import ImportFormatError, import_registry

    sitrep = open_app(db)
    try:
        with sitrep.store.session() as s:
            report = import_registry(s, fmt, existing_path(file))
    except ImportFormatError as exc:
        errors.print(f"error: {escape(str(exc))}")
        raise typer.Exit(1) from None
    except ValueError as exc:
        usage_error(str(exc))
    for problem in report.problems:
        errors.print(f"skipped: {escape(problem)}")
    console.print(f"{report.added_entities} entities added, {report.added_aliases} aliases added, "
                  f"{report.linked_to_existing} linked to existing, {report.already_imported} already imported, "
                  f"{report.skipped} skipped")


@gazetteer_app.command("import")
def gazetteer_import(fmt: Annotated[str, typer.Argument(help="geonames | acled")], file: Path):
    """Add places from a GeoNames dump (allCountries.txt, SY.txt, cities500.txt) or an ACLED export."""
    from sitrep.geo.gazetteer import Gazetteer
    from sitrep.geo.importers import import_acled_places, import_geonames

    importers = {"geonames": import_geonames, "acled": import_acled_places}
    if fmt not in importers:
        usage_error(f"unknown gazetteer format {fmt!r}; choose from {', '.join(importers)}")
    counts = importers[fmt](Gazetteer.open(), existing_path(file))
    console.print(f"{counts['places']} places added, {counts['merged']} merged into known places")


@eval_app.command("geo")
def eval_geo(path: Annotated[Path, typer.Argument(help="GeoWebNews folder or GWN.xml, GeoVirus.xml, ACLED CSV, PITF atrocities file.")],
             pipeline: Annotated[bool, typer.Option(
                 "--pipeline/--ruler-only",
                 help="Also measure the whole analysis (NER model included), not only the gazetteer's names: "
                      "toponym recall (and precision, on GeoWebNews), and the main place of event files "
                      "(about a minute more on GeoWebNews, two on ACLED dev).")] = True,
             misses: Annotated[Optional[Path], typer.Option(
                 help="Write every toponym placed beyond 161 km (event files: every event whose main place lies "
                      "beyond 25 km) to this JSONL file, with the gold point and the place sitrep gave.")] = None,
             as_json: JsonOption = False):
    """Geocoding: toponym recall and precision, accuracy within 161 km (event files: 25 km) and error in km."""
    from sitrep.app import default_analyzer
    from sitrep.geo.evaluate import evaluate_file, pipeline_reader

    source = existing_path(path)
    reader = pipeline_reader(default_analyzer().analyze) if pipeline else None
    with miss_writer(misses) as on_miss:
        result = evaluate_file(source, pipeline=reader, on_miss=on_miss)
    print_results(result, as_json)


@eval_app.command("gold")
def eval_gold(gold_dir: Annotated[Path, typer.Argument(help="Folder of <doc_id>.json gold files.")],
              db: DbOption = "sitrep.db", as_json: JsonOption = False):
    """Score the current store against gold annotations (mentions, coreference, events, relations)."""
    from sitrep.evaluation import evaluate_store

    with bad_input_is_a_usage_error(), open_app(db).store.session() as s:
        scores = evaluate_store(s, existing_path(gold_dir))
    print_results(scores, as_json)


@eval_app.command("ner")
def eval_ner(file: Annotated[Path, typer.Argument(help="A CoNLL file (IOB1 or IOB2; PER/ORG/LOC/MISC).")],
             model: Annotated[Optional[Path], typer.Option(help="spaCy model directory.")] = None,
             document_context: Annotated[bool, typer.Option(
                 help="Make entities agree across each -DOCSTART- document, as sitrep does on an article; "
                      "--no-document-context scores the model's sentences alone.")] = True,
             as_json: JsonOption = False):
    """Entity-level P/R/F1 per type of the NER model on a CoNLL file (seqeval-style)."""
    import spacy

    from sitrep.evaluation import evaluate_ner, ner_predictor
    from sitrep.nlp.ner import model_available, model_path

    if not model_available(model):
        usage_error(f"no NER model at {model or model_path()}")
    with bad_input_is_a_usage_error():
        scores = evaluate_ner(existing_path(file), ner_predictor(spacy.load(model or model_path()), document_context))
    print_results(scores, as_json)


@eval_app.command("acled")
def eval_acled(file: Annotated[Path, typer.Argument(help="An ACLED export (CSV) with notes and coded fields.")],
               limit: Annotated[Optional[int], typer.Option(help="Only the first N rows.")] = None,
               misses: Annotated[Optional[Path], typer.Option(
                   help="Write every row coded differently (ACLED's coding next to sitrep's) to this JSONL file.")] = None,
               as_json: JsonOption = False):
    """Events: analyse each row's notes as a document dated event_date; compare with the row's coding."""
    from sitrep.app import default_analyzer
    from sitrep.events.evaluate import evaluate_acled
    from sitrep.geo.gazetteer import Gazetteer

    source = existing_path(file)
    with miss_writer(misses) as on_miss:
        result = evaluate_acled(source, default_analyzer, limit=limit, gazetteer=Gazetteer.open(), on_miss=on_miss)
    print_results(result, as_json)


@eval_app.command("case2021")
def eval_case2021(file: Annotated[Path, typer.Argument(help="CASE 2021 task 2 TSV (id, EventSnippet, SubType).")],
                  as_json: JsonOption = False):
    """Event types: weighted F1 of the fine-grained event type on CASE 2021 snippets."""
    from sitrep.app import default_analyzer
    from sitrep.events.case2021 import case_classifier
    from sitrep.events.evaluate import evaluate_case2021

    print_results(evaluate_case2021(existing_path(file), case_classifier(default_analyzer())), as_json)


@app.command()
def serve(db: DbOption = "sitrep.db", host: str = "127.0.0.1", port: int = 8000,
          read_only: Annotated[bool, typer.Option("--read-only")] = False):
    """Serve the analyst's workbench and the REST API."""
    import uvicorn

    from sitrep.web import UnsafeSettingsError, create_app
    try:
        web_app = create_app(open_app(db), read_only=read_only, host=host)
    except UnsafeSettingsError as exc:
        usage_error(str(exc))
    uvicorn.run(web_app, host=host, port=port)


def main() -> None:
    app()
