"""Many simultaneous users on the 100k graph: throughput, latency per route, no 5xx, no lost
update; and bulk updates through `upsert_many` in operations per second.

    python -m benchmarks.load [--clients 50] [--seconds 60] [--units 100000] [--home DIR]

Reuses the graph `benchmarks.scale` imported (building it first when there is none), serves
it with `graphstore serve` in its own process, and runs CLIENTS threads, each with its own
keep-alive connection, for SECONDS. Each request is a read (80%: a unit, a page of units, an
autocomplete, a loadout's validation) or a write (20%):

- a read-modify-write of a counter on one of HOT_UNITS shared units (`mul_id`, sent with the
  version read as If-Match): the contended case. A 409 is the isolation working; the client
  reads again and retries. Every acknowledged increment must be in the final count.
- a new unit: every acknowledged create must exist afterwards.

A batch validation runs first, as a deployment would run it on a schedule: a loadout's
validation then answers from its stored verdict (graphstore.readmodel.verdicts) unless a
write made it stale since; this run's own writes make some stale, and those are validated
again on request.

Then `upsert_many` updates BULK_UNITS units (one property each) through the store, against
the bare engine setting the same property by id.

The unit counters and roles are put back afterwards; the created units are deleted. All 50
clients share one address, so the expensive routes' per-client rate limit is lifted for the
served API (it would answer most validations 429).
"""

from __future__ import annotations

import argparse
import random
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import httpx

from benchmarks import scale
from benchmarks.common import percentiles, query, write_result
from graphstore import GraphStore
from graphstore.rules import RulesEngine

HOT_UNITS = 20
BULK_UNITS = 5000
READ_SHARE = 0.8
AUTOCOMPLETE = ["med", "laser", "lrm", "ac/", "er large", "gauss", "ppc", "srm"]
BURST = 1000
# Issue #32's targets.
TARGET_THROUGHPUT = 250
TARGET_P99_MS = 1000
TARGET_BURST_S = 5.0


class Tally:
    """What every client saw, merged under one lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.statuses: Counter[str] = Counter()
        self.increments: Counter[str] = Counter()
        self.created: list[str] = []
        self.overlapping_conflicts = 0

    def note(self, route: str, status: int, seconds: float) -> None:
        with self.lock:
            self.latency[route].append(seconds)
            self.statuses[f"{route} {status}"] += 1


def _client_loop(
    base: str, deadline: float, seed: int, units: list[str], hot: list[str], tally: Tally
) -> None:
    picker = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60) as client:

        def call(route: str, method: str, path: str, **options: Any) -> httpx.Response:
            started = time.perf_counter()
            response = client.request(method, path, **options)
            tally.note(route, response.status_code, time.perf_counter() - started)
            return response

        while time.monotonic() < deadline:
            if picker.random() < READ_SHARE:
                kind = picker.randrange(4)
                unit = picker.choice(units)
                if kind == 0:
                    call("GET /v1/units/{id}", "GET", f"/v1/units/{unit}")
                elif kind == 1:
                    call(
                        "GET /v1/units",
                        "GET",
                        "/v1/units",
                        params={"tech_base": "CLAN", "sort": "tonnage", "page": 2},
                    )
                elif kind == 2:
                    call(
                        "GET /v1/equipment/autocomplete",
                        "GET",
                        "/v1/equipment/autocomplete",
                        params={"q": picker.choice(AUTOCOMPLETE)},
                    )
                else:
                    call(
                        "GET /v1/loadouts/{id}/validation",
                        "GET",
                        f"/v1/loadouts/{unit}.stock/validation",
                    )
            elif picker.random() < 0.5:
                _increment(call, picker.choice(hot), tally)
            else:
                new_id = f"load-{uuid.uuid4().hex[:12]}"
                body = {
                    "id": new_id,
                    "chassis": "Load",
                    "model": new_id[-6:],
                    "unit_type": "BattleMech",
                    "tonnage": 50,
                    "tech_base": "INNER_SPHERE",
                    "rules_level": "STANDARD",
                }
                if call("POST /v1/units", "POST", "/v1/units", json=body).status_code == 201:
                    with tally.lock:
                        tally.created.append(new_id)


def _burst(base: str, unit_ids: list[str]) -> dict[str, Any]:
    """BURST `GET /v1/units/{id}` sent at once, each on its own connection: all 200, and how
    long until the last answered."""
    barrier = threading.Barrier(BURST)
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def one(number: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            barrier.wait()
            status = client.get(f"/v1/units/{unit_ids[number % len(unit_ids)]}").status_code
            with lock:
                statuses[status] += 1

    threads = [threading.Thread(target=one, args=(n,)) for n in range(BURST)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return {
        "requests": BURST,
        "statuses": dict(statuses),
        "seconds": round(seconds, 2),
        "target_s": TARGET_BURST_S,
        "met": statuses == Counter({200: BURST}) and seconds < TARGET_BURST_S,
    }


def _increment(call: Any, unit: str, tally: Tally) -> None:
    """Reads the counter and writes it plus one under the version read, until it lands."""
    while True:
        current = call("GET /v1/units/{id}", "GET", f"/v1/units/{unit}").json()
        answer = call(
            "PATCH /v1/units/{id}",
            "PATCH",
            f"/v1/units/{unit}",
            json={"mul_id": current.get("mul_id", 0) + 1},
            headers={"If-Match": f'"{current["version"]}"'},
        )
        if answer.status_code == 200:
            with tally.lock:
                tally.increments[unit] += 1
            return
        if answer.status_code != 409:
            return
        with tally.lock:
            tally.overlapping_conflicts += 1


def _bulk_updates(store: GraphStore, units: list[str]) -> dict[str, Any]:
    """upsert_many over existing units (each changes one property: the rows carry the unit's
    own locations, which an upsert would otherwise replace), in ops/s, against the bare
    engine setting the same property on the same units by id."""
    current = {u: store.units.get(u, relations=["locations"]) for u in units}
    location_fields = {"code", "crit_slots", "fixed_slots", "fixed"}
    rows = [
        {
            **current[u].model_dump(include=BULK_FIELDS, exclude_none=True),
            "locations": [
                p.model_dump(include=location_fields) for p in current[u].locations or []
            ],
            "id": u,
            "role": "Bulk",
        }
        for u in units
    ]
    started = time.perf_counter()
    written = store.units.upsert_many(rows)
    seconds = time.perf_counter() - started
    bare = [{"id": u, "role": "Bare"} for u in units]
    started = time.perf_counter()
    for start in range(0, len(bare), 500):
        store.graph.write(query("scale/bulk_set_role"), rows=bare[start : start + 500])
    bare_seconds = time.perf_counter() - started
    return {
        "units": len(written),
        "seconds": round(seconds, 2),
        "ops_per_s": round(len(written) / seconds),
        "bare_engine_ops_per_s": round(len(bare) / bare_seconds),
        "target_ops_per_s": 10_000,
    }


BULK_FIELDS = {"chassis", "model", "unit_type", "tonnage", "tech_base", "rules_level"}


def run(clients: int, seconds: float, units: int, home: Path, out: Path | None) -> Path:
    def progress(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)

    corpus_dir = scale.corpus_path(home, units)
    scale.scale_corpus.build(scale.CORPUS, corpus_dir, units)
    scale.prepare(corpus_dir, home, True, progress)
    with scale._engine(home) as graph:
        unit_ids = [row["id"] for row in graph.read(query("scale/sample_units"), limit=5000)]
        picker = random.Random(7)
        hot = picker.sample(unit_ids, HOT_UNITS)
        store = GraphStore(graph)
        before = {u: store.units.get(u).mul_id for u in hot}
        progress("batch validation first, as a deployment runs it on a schedule")
        started = time.perf_counter()
        verdicts = RulesEngine(graph).validate_all()
        verdicts.run()
        batch = {
            "loadouts": verdicts.total,
            "validated_now": verdicts.total - verdicts.reused,
            "seconds": round(time.perf_counter() - started, 1),
        }
        tally = Tally()
        with scale._served(
            home,
            GRAPHSTORE_EXPENSIVE_RATE_LIMIT="100000/minute",
            GRAPHSTORE_ANONYMOUS_RATE_LIMIT="100000/minute",
        ) as probe:
            base = str(probe.base_url)
            progress(f"{clients} clients for {seconds:.0f} s")
            deadline = time.monotonic() + seconds
            threads = [
                threading.Thread(
                    target=_client_loop, args=(base, deadline, n, unit_ids, hot, tally)
                )
                for n in range(clients)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
            progress(f"{BURST} requests at once")
            burst = _burst(base, unit_ids)
        after = {u: store.units.get(u).mul_id for u in hot}
        lost_increments = sum((before[u] or 0) + tally.increments[u] - (after[u] or 0) for u in hot)
        missing = [u for u in tally.created if not store.units.exists(u)]
        progress("bulk updates")
        bulk_before = {u: store.units.get(u) for u in unit_ids[:BULK_UNITS]}
        bulk = _bulk_updates(store, unit_ids[:BULK_UNITS])
        progress("putting the graph back")
        for unit in hot:
            store.units.update(unit, {"mul_id": before[unit]})
        originals = [{"id": i, "role": u.role} for i, u in bulk_before.items()]
        for start in range(0, len(originals), 500):
            graph.write(query("scale/bulk_set_role"), rows=originals[start : start + 500])
        for unit in tally.created:
            store.units.delete(unit)
    requests = sum(len(v) for v in tally.latency.values())
    server_errors = sum(n for key, n in tally.statuses.items() if key.split()[-1].startswith("5"))
    everything = [sample for samples in tally.latency.values() for sample in samples]
    overall = percentiles(everything)
    result = {
        "benchmark": f"{clients} concurrent HTTP clients for {seconds:.0f} s on {units} units",
        "requests": requests,
        "throughput_per_s": round(requests / elapsed),
        "all_requests": overall,
        "targets": {
            "throughput_per_s": TARGET_THROUGHPUT,
            "p99_ms": TARGET_P99_MS,
            "met": requests / elapsed >= TARGET_THROUGHPUT
            and overall["p99_ms"] < TARGET_P99_MS
            and server_errors == 0
            and lost_increments == 0
            and not missing,
        },
        "burst": burst,
        "routes": {route: percentiles(samples) for route, samples in tally.latency.items()},
        "statuses": dict(sorted(tally.statuses.items())),
        "server_errors": server_errors,
        "acknowledged_increments": sum(tally.increments.values()),
        "version_conflicts_retried": tally.overlapping_conflicts,
        "lost_increments": lost_increments,
        "acknowledged_creates": len(tally.created),
        "lost_creates": len(missing),
        "bulk_upsert_many": bulk,
        "batch_validation_before": batch,
    }
    path = write_result("load", result, out)
    progress(f"wrote {path}")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--home", type=Path, default=scale.DEFAULT_HOME)
    parser.add_argument("--out", type=Path, default=None)
    arguments = parser.parse_args()
    run(arguments.clients, arguments.seconds, arguments.units, arguments.home, arguments.out)


if __name__ == "__main__":
    main()
