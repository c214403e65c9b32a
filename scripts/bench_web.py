"""Measure p50/p95 latency of the dossier and search endpoints on a store, in-process.

Requests go through FastAPI's TestClient (the whole ASGI stack, no network),
one at a time, after a short warm-up; the count per endpoint is bounded.
Build a large store first with scripts/make_bench_corpus.py.

    python scripts/bench_web.py --db /tmp/sitrep-bench.db --requests 100
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from urllib.parse import quote

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from sitrep.app import Sitrep
from sitrep.store import queries
from sitrep.store.schema import DocumentRow, MentionRow
from sitrep.web import create_app

WARM_UP = 5
WORDS = ["army", "forces killed", "militia", "strike", "siege", "offensive", "funeral", "designation"]


def targets(sitrep: Sitrep, rng: random.Random, size: int) -> tuple[list[str], list[str]]:
    """Entities to open (the most mentioned and a random sample) and queries to search (names, words)."""
    with sitrep.store.session() as s:
        busiest = [row.id for row, _ in queries.find_entities(s, limit=size // 2)]
        mentioned = list(s.scalars(select(MentionRow.entity_id).distinct()))
        names = list(s.scalars(select(MentionRow.text).distinct()))
    entities = busiest + rng.sample(mentioned, min(len(mentioned), size - len(busiest)))
    return entities, rng.sample(names, min(len(names), size // 2)) + WORDS


def measure(client: TestClient, paths: list[str], count: int) -> dict:
    for path in paths[:WARM_UP]:
        client.get(path)
    times = []
    for i in range(count):
        started = time.perf_counter()
        response = client.get(paths[i % len(paths)])
        times.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    cuts = statistics.quantiles(times, n=100)
    return {"requests": count, "p50_ms": round(cuts[49], 1), "p95_ms": round(cuts[94], 1),
            "max_ms": round(max(times), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/sitrep-bench.db")
    parser.add_argument("--requests", type=int, default=100, help="per endpoint (bounded to 1000)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    count = max(20, min(args.requests, 1000))
    sitrep = Sitrep(args.db)
    with sitrep.store.session() as s:
        documents = s.scalar(select(func.count(DocumentRow.id)))
    entities, searches = targets(sitrep, random.Random(args.seed), 40)
    client = TestClient(create_app(sitrep, read_only=True), base_url="http://127.0.0.1")
    endpoints = {
        "GET /api/v1/entities/{id} (dossier JSON)": [f"/api/v1/entities/{quote(e, safe='')}" for e in entities],
        "GET /entities/{id} (dossier page)": [f"/entities/{quote(e, safe='')}" for e in entities],
        "GET /api/v1/search?q= (JSON)": [f"/api/v1/search?q={quote(q)}" for q in searches],
        "GET /search?q= (page)": [f"/search?q={quote(q)}" for q in searches],
        "GET /api/v1/entities?q= (name lookup)": [f"/api/v1/entities?q={quote(q)}" for q in searches],
    }
    print(f"store: {args.db}, {documents} documents; {count} requests per endpoint after {WARM_UP} warm-up")
    results = {name: measure(client, paths, count) for name, paths in endpoints.items()}
    width = max(map(len, results))
    print(f"{'endpoint':{width}}  {'p50 ms':>8}  {'p95 ms':>8}  {'max ms':>8}")
    for name, r in results.items():
        print(f"{name:{width}}  {r['p50_ms']:8.1f}  {r['p95_ms']:8.1f}  {r['max_ms']:8.1f}")
    print(json.dumps({"documents": documents, "results": results}))
    sitrep.store.close()


if __name__ == "__main__":
    main()
