"""Benchmarks (`make bench`): analyzer start-up, analysis throughput next to the bare
tokenizer, geocoding throughput, ingest throughput into SQLite, gazetteer build. Prints a
Markdown table.

The analysis corpus is the 2,000 `notes` of ../shared/data/acled/dev.csv when present
(short event descriptions, used as articles), else the bundled example corpus
repeated to 2,000 documents. Where ../shared holds GeoWebNews, its 200 news articles
(about 400 words each) are analysed too: what the recogniser spends per name grows with an
article's length, which short notes do not show.
"""
from __future__ import annotations

import argparse
import csv
import platform
import tempfile
import time
from pathlib import Path

from sitrep.app import Sitrep, default_analyzer
from sitrep.geo.evaluate import load_geowebnews
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.resolver import Geocoder
from sitrep.ingest import Failure, read_sources
from sitrep.models import Analysis, Document
from sitrep.nlp.pipeline import DOCUMENT_BATCH
from sitrep.registry import load_registry

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
WORKERS = 2  # the ingest measured in worker processes: the cores of the reference machine


def corpus(shared: Path, size: int) -> list[Document]:
    acled = shared / "data" / "acled" / "dev.csv"
    if acled.is_file():
        with acled.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))[:size]
        return [Document(f"acled{i}", row["notes"]) for i, row in enumerate(rows)]
    examples = [d for d in read_sources([str(EXAMPLES)]) if not isinstance(d, Failure)]
    return [Document(f"ex{i}", examples[i % len(examples)].text) for i in range(size)]


def articles(shared: Path) -> list[Document]:
    """GeoWebNews's articles, where ../shared holds them."""
    folder = shared / "data" / "geo" / "geowebnews"
    if not (folder / "GWN.xml").is_file():
        return []
    return [Document(f"gwn{i}", doc.text) for i, doc in enumerate(load_geowebnews(folder))]


def ingest_in_workers(news: list[Document], tmp: Path, workers: int) -> tuple[str, str]:
    """Ingest of the news articles, written out as text files, by ``workers`` processes that each
    start their own analyzer (start-up included)."""
    folder = tmp / "news"
    folder.mkdir()
    for doc in news:
        (folder / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
    app = Sitrep(str(tmp / "news.db"))
    report, seconds = timed(lambda: app.ingest([str(folder)], workers=workers))
    return (f"ingest of the news articles, {workers} worker processes ({report.seen} items, start-up included)",
            f"{report.seen / seconds:.1f} docs/s")


def geocoding_rate(analyses: list[Analysis]) -> str:
    """The geocoder alone, run again on the PLACE entities the analysis found."""
    geocoder = Geocoder(Gazetteer.open(), load_registry())
    places = [e for a in analyses for e in a.entities if e.type == "PLACE"]
    for place in places:
        place.geo = None
    _, seconds = timed(lambda: [geocoder.geocode(a) for a in analyses])
    resolved = sum(place.geo is not None for place in places)
    return f"{resolved / seconds:,.0f} places resolved/s ({len(places)} places, {resolved} resolved)"


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--size", type=int, default=2000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        _, seconds = timed(lambda: Gazetteer.open(Path(tmp) / "gaz.sqlite").close())
        size_mb = (Path(tmp) / "gaz.sqlite").stat().st_size / 1e6
        rows.append(("gazetteer build (fresh)", f"{seconds:.1f} s, {size_mb:.1f} MB"))
        analyzer, seconds = timed(default_analyzer)
        rows.append(("analyzer start-up (registry, gazetteer, NER, matchers)", f"{seconds:.1f} s"))
        docs = corpus(args.shared, args.size)
        words = sum(len(d.text.split()) for d in docs)
        _, tok_seconds = timed(lambda: [analyzer.nlp.make_doc(d.text) for d in docs])
        analyses, ana_seconds = timed(lambda: [analyzer.analyze(d) for d in docs])
        rows.append((f"tokenizer only ({len(docs)} docs, {words} words)", f"{words / tok_seconds:,.0f} words/s"))
        rows.append(("full analysis (entities, NER, geocoding, events)",
                     f"{words / ana_seconds:,.0f} words/s, {len(docs) / ana_seconds:.1f} docs/s"))
        rows.append(("analysis / tokenizer speed ratio", f"1 : {tok_seconds and ana_seconds / tok_seconds:.0f}"))
        _, seconds = timed(lambda: list(analyzer.analyze_many(docs)))
        rows.append((f"full analysis, {DOCUMENT_BATCH} documents at a time as ingest reads them",
                     f"{words / seconds:,.0f} words/s, {len(docs) / seconds:.1f} docs/s"))
        rows.append(("geocoding alone", geocoding_rate(analyses)))
        if news := articles(args.shared):
            news_words = sum(len(d.text.split()) for d in news)
            _, seconds = timed(lambda: [analyzer.analyze(d) for d in news])
            rows.append((f"full analysis of news articles ({len(news)} GeoWebNews articles, {news_words} words)",
                         f"{news_words / seconds:,.0f} words/s, {len(news) / seconds:.1f} docs/s"))
            rows.append(ingest_in_workers(news, Path(tmp), WORKERS))
        app = Sitrep(str(Path(tmp) / "kb.db"), analyzer_factory=lambda: analyzer)
        report, seconds = timed(lambda: app.ingest([str(EXAMPLES)]))
        rows.append((f"ingest example corpus into SQLite ({report.seen} items)", f"{report.seen / seconds:.1f} docs/s"))
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}\n")
    print("| measure | result |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
