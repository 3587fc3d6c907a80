"""Version history: storage per version, the cost it adds to a write, and reads at 100k.

    python -m benchmarks.history [--edits 1000] [--updates 200] [--scale-units 100000]
                                 [--versions 10] [--home DIR] [--out FILE]

1. Storage: EDITS random edits of one loadout through the store (notes, mounts added,
   removed, moved, re-quantified; a fixed seed), then the bytes stored per version (deltas
   with a snapshot every SNAPSHOT_EVERY) against what storing every version whole would
   take (the canonical JSON of each version's content), and get(version=N) latency.
2. Write overhead: the same updates (a loadout's notes; a mount added; a unit's role) with
   version recording on and off (the recorder replaced by a no-op), alternating in blocks on
   one private engine so that a busy machine slows both alike; ratio of the medians.
3. At scale (with --scale-units): a copy of the graph `benchmarks.scale` imported, given
   its history the way an upgrade does (`graphstore migrate` recording a version of every
   unit and loadout), then VERSIONS - 1 more versions per unit through `upsert_many`; then
   as_of and get(version=N) p50/p99 on random units.

Results: bench-results/history.json.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from functools import partial
from pathlib import Path
from typing import Any
from unittest import mock

from benchmarks.common import RESULTS, percentiles, query, write_result
from graphstore import EngineSettings, Graph, GraphStore, LocalEngine, connect
from graphstore.importer import load_demo
from graphstore.migrations import migrate
from graphstore.store.history import reads
from graphstore.store.history.catch_up import record_untracked
from graphstore.store.history.chain import SNAPSHOT_EVERY
from graphstore.store.history.content import canonical
from graphstore.store.models import UnitCreate
from graphstore.values import plain

SCALE_HOME = RESULTS / "scale-home"
PLACES = ["LEFT_ARM", "RIGHT_ARM", "LEFT_TORSO", "RIGHT_TORSO", "CENTER_TORSO", "HEAD"]


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


@contextmanager
def engine_at(home: Path) -> Iterator[Graph]:
    engine = LocalEngine(EngineSettings(home=home))
    engine.start()
    try:
        with connect(engine_settings=engine.settings) as graph:
            yield graph
    finally:
        engine.stop()


def _timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


# ---- 1. storage ------------------------------------------------------------------------


def storage(store: GraphStore, loadout_id: str, edits: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    items = sorted({m.equipment_id for m in store.loadouts.mounts(loadout_id)})
    for i in range(edits):
        mounts = store.loadouts.mounts(loadout_id)
        kind = rng.choice(["notes", "notes", "mount", "unmount", "move", "quantity"])
        if kind == "notes" or (kind != "mount" and not mounts):
            store.loadouts.update(loadout_id, {"notes": f"revision {i}: {rng.random():.6f}"})
        elif kind == "mount":
            store.loadouts.add_mount(
                loadout_id, {"equipment_id": rng.choice(items), "location": rng.choice(PLACES)}
            )
        elif kind == "unmount":
            store.loadouts.remove_mount(loadout_id, rng.choice(mounts).mount_id)
        else:
            target = rng.choice(mounts).mount_id
            rows = [m.model_dump() for m in mounts]
            for row in rows:
                if row["mount_id"] == target and kind == "move":
                    row["location"], row["slot"] = rng.choice(PLACES), None
                elif row["mount_id"] == target:
                    row["quantity"] = rng.randint(1, 4)
            store.loadouts.replace(loadout_id, {"mounts": rows})
        if (i + 1) % 200 == 0:
            progress(f"storage: {i + 1} of {edits} edits")
    versions = store.loadouts.versions(loadout_id, page_size=500)
    numbers = list(range(1, versions.total + 1))
    stored = full = 0
    snapshots = 0
    for start in range(0, len(numbers), 500):
        page = store.loadouts.versions(loadout_id, page=start // 500 + 1, page_size=500)
        stored += sum(v.stored_bytes or 0 for v in page.items)
        snapshots += sum(v.stored_as == "snapshot" for v in page.items)
    for number in numbers:
        content = store._scope.read(
            lambda tx, n=number: reads.version_content(tx, "Loadout", loadout_id, number=n, at=None)
        )[1]
        full += len(canonical(content).encode())
    reads_s = [
        _timed(lambda: store.loadouts.get(loadout_id, version=rng.choice(numbers)))
        for _ in range(300)
    ]
    count = len(numbers)
    return {
        "edits": edits,
        "versions": count,
        "snapshot_every": SNAPSHOT_EVERY,
        "snapshots_stored": snapshots,
        "stored_bytes_per_version": round(stored / count),
        "full_snapshot_bytes_per_version": round(full / count),
        "stored_over_full": round(stored / full, 3),
        "get_version_ms": percentiles(reads_s),
    }


# ---- 2. write overhead -----------------------------------------------------------------


def overhead(store: GraphStore, loadout_id: str, unit_id: str, updates: int) -> dict[str, Any]:
    """Median latency of each update with recording on and off, alternating in blocks."""
    item = store.loadouts.mounts(loadout_id)[0]
    operations: dict[str, Callable[[int], Any]] = {
        "loadout_update": lambda i: store.loadouts.update(loadout_id, {"notes": f"n{i}"}),
        "add_mount": lambda i: store.loadouts.add_mount(
            loadout_id, {"equipment_id": item.equipment_id, "location": item.location}
        ),
        "unit_update": lambda i: store.units.update(unit_id, {"role": f"role {i}"}),
    }
    samples: dict[str, dict[str, list[float]]] = {
        name: {"on": [], "off": []} for name in operations
    }
    block = 20
    for round_number in range(max(1, updates // block)):
        for mode in ("on", "off") if round_number % 2 == 0 else ("off", "on"):
            recording = (
                mock.patch("graphstore.store.audit.versions.record", return_value=[])
                if mode == "off"
                else nullcontext()
            )
            with recording:
                for name, operation in operations.items():
                    for i in range(block):
                        samples[name][mode].append(_timed(partial(operation, i)))
        # The loadout's mounts would grow without bound: put them back.
        store.loadouts.replace(loadout_id, {"mounts": [item.model_dump()]})
    result: dict[str, Any] = {"updates_per_mode": len(samples["loadout_update"]["on"])}
    for name, modes in samples.items():
        on, off = statistics.median(modes["on"]), statistics.median(modes["off"])
        result[name] = {
            "versioned_ms": percentiles(modes["on"]),
            "unversioned_ms": percentiles(modes["off"]),
            "median_ratio": round(on / off, 3),
            "target_ratio_at_most": 1.3,
            "met": on / off <= 1.3,
        }
    return result


def small(edits: int, updates: int) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix="graphstore-bench-history-"))
    try:
        with engine_at(home) as graph:
            migrate(graph)
            load_demo(graph)
            store = GraphStore(graph, actor="bench")
            unit = store.list_units(page_size=1).items[0].id
            loadout = store.loadouts.list_for_unit(unit)[0].id
            progress(f"storage: {edits} edits of {loadout}")
            result = {"storage": storage(store, loadout, edits)}
            progress("write overhead: recording on and off")
            other = store.loadouts.branch(loadout, "bench-overhead", from_version=1)
            result["write_overhead"] = overhead(store, other.id, unit, updates)
            return result
    finally:
        shutil.rmtree(home, ignore_errors=True)


# ---- 3. at scale -----------------------------------------------------------------------


def at_scale(home: Path, versions: int, *, build: bool, calls: int = 300) -> dict[str, Any]:
    result: dict[str, Any] = {}
    with engine_at(home) as graph:
        store = GraphStore(graph, actor="bench")
        if build:
            result.update(_build(graph, store, versions))
        units = [row["id"] for row in graph.read(query("history/unit_ids"))]
        result["units"] = len(units)
        rng = random.Random(11)
        sample = [rng.choice(units) for _ in range(calls)]
        # Each sampled unit's versions, read before the timed calls: a random number, and a
        # random version's own time, for each call.
        stored = {u: store.units.versions(u, page_size=50).items for u in sorted(set(sample))}
        counts = sorted(len(found) for found in stored.values())
        result["versions_per_sampled_unit"] = {"min": counts[0], "median": counts[len(counts) // 2]}
        for warm in sample[:10]:
            store.units.get(warm, version=stored[warm][-1].number)
        picks = [(u, rng.choice(stored[u])) for u in sample]
        result["get_version_ms"] = percentiles(
            [_timed(partial(store.units.get, u, version=v.number)) for u, v in picks]
        )
        result["as_of_ms"] = percentiles(
            [_timed(partial(store.units.as_of, u, v.at)) for u, v in picks]
        )
        result["versions_list_ms"] = percentiles(
            [_timed(partial(store.units.versions, u, page_size=20)) for u in sample]
        )
        for key in ("get_version_ms", "as_of_ms"):
            result[key]["target_p99_ms"] = 20
            result[key]["met"] = result[key]["p99_ms"] < 20
    return result


def _build(graph: Graph, store: GraphStore, versions: int) -> dict[str, Any]:
    """The upgrade's first versions (migrate and catch-up), then VERSIONS - 1 more per unit."""
    result: dict[str, Any] = {}
    migrated = migrate(graph)
    started = time.perf_counter()
    recorded = len(record_untracked(store._scope, "bench", progress=progress))
    result["first_versions"] = {
        "migrations_applied": migrated.applied,
        "recorded": recorded,
        "seconds": round(time.perf_counter() - started, 1),
    }
    rows = _unit_rows(graph)
    rounds = []
    for number in range(2, versions + 1):
        started = time.perf_counter()
        store.units.upsert_many([{**row, "role": f"round {number}"} for row in rows])
        rounds.append(time.perf_counter() - started)
        progress(f"scale: every unit at version {number} ({rounds[-1]:.0f} s)")
    result["bulk_version_rounds_s"] = [round(s, 1) for s in rounds]
    result["bulk_upserts_per_s"] = round(len(rows) * len(rounds) / sum(rounds)) if rounds else None
    return result


def _unit_rows(graph: Graph) -> list[dict[str, Any]]:
    """Every unit as a create row (its properties and locations), for upsert_many."""
    fields = set(UnitCreate.model_fields) - {"locations"}
    rows: list[dict[str, Any]] = []
    after = ""
    while True:
        page = graph.read(query("history/unit_rows"), after=after, limit=5_000)
        if not page:
            return rows
        for row in page:
            props = {k: v for k, v in plain(row["props"]).items() if k in fields}
            rows.append({**props, "id": row["id"], "locations": row["locations"]})
        after = page[-1]["id"]
        progress(f"scale: read {len(rows)} units")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--updates", type=int, default=200)
    parser.add_argument("--scale", action="store_true", help="also measure at scale")
    parser.add_argument("--versions", type=int, default=10)
    parser.add_argument("--home", type=Path, default=RESULTS / "history-home")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the reads on --home as it is (built)"
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    result: dict[str, Any] = small(args.edits, args.updates)
    if args.scale:
        if not args.reuse:
            if not SCALE_HOME.is_dir():
                raise SystemExit(f"no {SCALE_HOME}: run `make bench-scale` first")
            shutil.rmtree(args.home, ignore_errors=True)
            progress(f"scale: copying {SCALE_HOME} to {args.home}")
            shutil.copytree(SCALE_HOME, args.home)
        result["at_scale"] = at_scale(args.home, args.versions, build=not args.reuse)
    path = write_result("history", result, args.out)
    progress(f"wrote {path}")


if __name__ == "__main__":
    main()
