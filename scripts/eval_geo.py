#!/usr/bin/env python
"""Evaluate the geocoder on GeoWebNews, GeoVirus and the ACLED sample of ``--shared``.

    python scripts/eval_geo.py --shared ../shared [--gazetteer PATH]

Prints one JSON object per benchmark (see ``sitrep.geo.evaluate``); benchmarks
whose files are absent are skipped. The gazetteer is built first if needed.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sitrep.geo.evaluate import evaluate_file
from sitrep.geo.gazetteer import Gazetteer

BENCHMARKS = ("data/geo/geowebnews", "data/geo/geowebnews/GeoVirus.xml", "data/acled/dev.csv")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--gazetteer", type=Path, default=None, help="gazetteer file (default: the user cache)")
    args = parser.parse_args()
    started = time.perf_counter()
    gazetteer = Gazetteer.open(args.gazetteer)
    print(json.dumps({"gazetteer_ready_s": round(time.perf_counter() - started, 1)}))
    for relative in BENCHMARKS:
        path = args.shared / relative
        if path.exists():
            started = time.perf_counter()
            result = evaluate_file(path, gazetteer)
            print(json.dumps({**result, "seconds": round(time.perf_counter() - started, 1)}))


if __name__ == "__main__":
    main()
