"""Bulk patches on the 100k graph: the library's patch_many and HTTP's POST /v1/bulk,
against the bare engine's UNWIND … SET of the same property in the same run.

    python -m benchmarks.bulk [--units 50000] [--home DIR] [--out FILE]

On a copy of the graph `benchmarks.scale` imported (bench-results/scale-home):
1. baseline: `UNWIND … MATCH … SET` of one property on UNITS random units, in id order
   (as patch_many writes them), batches of 1,000: once to warm the engine's cache, then
   timed;
2. library: `store.units.patch_many` of one property on the same units (one call; it
   writes batches of PATCH_BATCH, each with its versions and audit records);
3. one 1,000-entity patch_many call, timed alone, five times;
4. HTTP: `POST /v1/bulk` of the same patches, 1,000 operations per request, from one
   client, against `graphstore serve` on the same engine;
5. the history and audit of a sample of the changed units, read back and checked.

Results: bench-results/bulk.json.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.common import RESULTS, query, write_result
from benchmarks.history import SCALE_HOME, engine_at, progress
from graphstore import EngineSettings, GraphStore, LocalEngine
from graphstore.migrations import migrate
from graphstore.store import entities

BATCH = 1_000
TARGET_LIBRARY = 10_000
TARGET_HTTP = 5_000


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1)


def baseline(graph: Any, ids: list[str]) -> dict[str, Any]:
    """The bare SET in batches of ids in order, as patch_many writes them."""
    bare = query("bulk/bare_set")
    ordered = sorted(ids)
    started = time.perf_counter()
    for start in range(0, len(ordered), BATCH):
        rows = [{"id": i, "role": "baseline"} for i in ordered[start : start + BATCH]]
        graph.write(bare, rows=rows)
    seconds = time.perf_counter() - started
    return {"rows": len(ids), "seconds": round(seconds, 2), "rows_per_s": _rate(len(ids), seconds)}


def library(store: GraphStore, ids: list[str]) -> dict[str, Any]:
    patches = [{"id": i, "changes": {"role": "library"}} for i in ids]
    started = time.perf_counter()
    outcomes = store.units.patch_many(patches)
    seconds = time.perf_counter() - started
    failed = [o for o in outcomes if not o.ok]
    return {
        "ops": len(ids),
        "failed": len(failed),
        "seconds": round(seconds, 2),
        "ops_per_s": _rate(len(ids), seconds),
        "batch_size": entities.PATCH_BATCH,
    }


def one_batch(store: GraphStore, ids: list[str], rounds: int = 5) -> dict[str, Any]:
    times = []
    for n in range(rounds):
        chunk = ids[n * BATCH : (n + 1) * BATCH]
        started = time.perf_counter()
        outcomes = store.units.patch_many(
            [{"id": i, "changes": {"role": f"one {n}"}} for i in chunk]
        )
        times.append(time.perf_counter() - started)
        assert all(o.ok for o in outcomes)
    return {
        "entities": BATCH,
        "seconds": [round(s, 3) for s in times],
        "max_s": round(max(times), 3),
    }


def over_http(home: Path, ids: list[str]) -> dict[str, Any]:
    port = 8799
    env = {**os.environ, "GRAPHSTORE_HOME": str(home), "PORT": str(port)}
    server = subprocess.Popen(
        [sys.executable, "-m", "graphstore", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.5)
            started = time.perf_counter()
            failed = 0
            for start in range(0, len(ids), BATCH):
                body = [
                    {"op": "patch", "kind": "units", "id": i, "body": {"role": "http"}}
                    for i in ids[start : start + BATCH]
                ]
                response = client.post("/v1/bulk", json=body)
                response.raise_for_status()
                failed += sum(1 for r in response.json()["results"] if r["status"] >= 300)
            seconds = time.perf_counter() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        # `serve` started the home's engine, which outlives it by design: stop it too.
        LocalEngine(EngineSettings(home=home)).stop()
    return {
        "ops": len(ids),
        "failed": failed,
        "ops_per_request": BATCH,
        "seconds": round(seconds, 2),
        "ops_per_s": _rate(len(ids), seconds),
    }


def read_back(store: GraphStore, ids: list[str], sample: int = 50) -> dict[str, Any]:
    """The newest version and audit record of sampled units say what the last write did."""
    wrong = []
    for unit_id in random.Random(5).sample(ids, sample):
        unit = store.units.get(unit_id)
        head = store.units.versions(unit_id, page_size=1).items[0]
        change = store.history(unit_id, limit=1)[0]
        if not (
            head.number == unit.version
            and change.operation == "update"
            and change.after.get("version") == unit.version
            and change.after.get("role") == unit.role
        ):
            wrong.append(unit_id)
    return {"sampled": sample, "wrong": wrong}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=50_000)
    parser.add_argument("--home", type=Path, default=RESULTS / "bulk-home")
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not SCALE_HOME.is_dir():
        raise SystemExit(f"no {SCALE_HOME}: run `make bench-scale` first")
    shutil.rmtree(args.home, ignore_errors=True)
    progress(f"copying {SCALE_HOME} to {args.home}")
    shutil.copytree(SCALE_HOME, args.home)
    result: dict[str, Any] = {}
    with engine_at(args.home) as graph:
        migrate(graph)  # the copy may predate this code's schema
        store = GraphStore(graph, actor="bench")
        ids = sorted(row["id"] for row in graph.read(query("history/unit_ids")))
        result["graph_units"] = len(ids)
        ids = random.Random(3).sample(ids, min(args.units, len(ids)))
        # The engine's cache decides much here (a cold pass of the bare SET runs at half the
        # rate of a warm one): a first pass warms it, the second is the baseline.
        progress(f"warm-up: UNWIND SET of {len(ids)} units")
        result["warm_up"] = baseline(graph, ids)
        progress(f"baseline: UNWIND SET of {len(ids)} units")
        result["baseline"] = baseline(graph, ids)
        progress(f"library: patch_many of {len(ids)} units")
        result["library"] = lib = library(store, ids)
        lib["ratio_to_baseline"] = round(lib["ops_per_s"] / result["baseline"]["rows_per_s"], 2)
        lib["target_ops_per_s"] = TARGET_LIBRARY
        lib["met"] = lib["ops_per_s"] >= TARGET_LIBRARY and not lib["failed"]
        progress("one 1,000-entity batch, five times")
        result["one_batch"] = one_batch(store, ids)
        result["one_batch"]["met"] = result["one_batch"]["max_s"] < 1
        result["read_back"] = read_back(store, ids)
    if not args.no_http:
        progress(f"http: POST /v1/bulk of {len(ids)} units")
        result["http"] = web = over_http(args.home, ids)
        web["target_ops_per_s"] = TARGET_HTTP
        web["met"] = web["ops_per_s"] >= TARGET_HTTP and not web["failed"]
    path = write_result("bulk", result, args.out)
    progress(f"wrote {path}: {result}")


if __name__ == "__main__":
    main()
