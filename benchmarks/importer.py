"""Import throughput on the shared corpus vs the engine's best hand-written UNWIND CREATE.

    python -m benchmarks.importer [--corpus PATH] [--out bench-results/import.json]

Runs a private local engine. Measures, in one run:
- the importer's cold import of the corpus (parse, resolve, then the store's write path:
  validation, claims, audit Changes, placeholders) in mounts per second, and its no-change
  re-import;
- the same nodes and edges written with plain batched UNWIND CREATE from pre-built rows
  (parsing excluded), at several batch sizes; the best is the baseline.
Both sides are warmed up first (one run each), then measured in four interleaved rounds
(every baseline batch size, then one import into an empty graph), so both see the same
machine; each figure is its best. The ratio is importer throughput / baseline throughput
(1.0 = as fast as raw CREATE).
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import query
from graphstore import EngineSettings, Graph, LocalEngine, connect, import_megamek, run_named
from graphstore.importer.catalog import read_catalog
from graphstore.importer.ids import category_id, placeholder_id
from graphstore.importer.report import ImportReport
from graphstore.importer.resolution import CatalogEntry, Resolver
from graphstore.importer.units import UnitRecord, read_unit, unit_files
from graphstore.importer.writer import batched, equipment_input
from graphstore.migrations import apply_pending
from testkit import wipe

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
BATCH_SIZES = (100, 400, 1600)
ROUNDS = 4


def _rows(root: Path) -> dict[str, Any]:
    report = ImportReport()
    catalog = read_catalog(root, report)
    resolver = Resolver(
        {i.id: CatalogEntry(i.name, i.tech_base, i.crit_slots) for i in catalog.items.values()},
        catalog.mappings,
    )
    units: list[UnitRecord] = []
    seen: set[str] = set()
    for path in unit_files(root, report):
        unit = read_unit(root, path, resolver, report)
        if unit is not None and unit.id not in seen:
            seen.add(unit.id)
            units.append(unit)
    placeholders = {
        m.original_id: {
            "id": placeholder_id(m.original_id),
            "original_id": m.original_id,
            "name": m.original_id,
            "candidates": list(m.resolution.candidates),
        }
        for u in units
        for m in u.mounts
        if not m.resolution.resolved
    }
    return {
        "categories": [
            {
                "id": category_id(c.id),
                "name": c.name,
                "path": c.id,
                "parent_id": c.parent_id and category_id(c.parent_id),
            }
            for c in catalog.categories.values()
        ],
        "items": [
            {
                "props": {
                    **{k: v for k, v in equipment_input(i).items() if k != "category_ids"},
                    "search_name": i.name.lower(),
                },
                "category_id": category_id(i.category_id),
            }
            for i in catalog.items.values()
        ],
        "placeholders": list(placeholders.values()),
        "units": [
            {
                "props": {**u.props, "id": u.id},
                "loadout": {key: value for key, value in u.loadout().items() if key != "mounts"},
                "locations": [
                    {"id": f"{u.id}/{loc['code']}", "unit_id": u.id, **loc} for loc in u.locations
                ],
            }
            for u in units
        ],
        "mounts": [
            {
                "loadout_id": u.loadout_id,
                "equipment_id": m.equipment_id,
                "mount_id": m.mount_id,
                "location": m.location,
                "rear": m.rear,
                "quantity": m.quantity,
                "original_id": m.original_id,
            }
            for u in units
            for m in u.mounts
        ],
    }


def _baseline(graph: Graph, rows: dict[str, Any], batch: int) -> float:
    wipe.clear_data(graph)
    started = time.perf_counter()

    def catalog(tx: Any) -> None:
        run_named(
            tx,
            query("importer/create_catalog"),
            categories=rows["categories"],
            items=rows["items"],
        )
        run_named(tx, query("importer/create_placeholders"), rows=rows["placeholders"])

    graph.write_transaction(catalog)
    for chunk in batched(rows["units"], batch):
        graph.write_transaction(
            lambda tx, c=chunk: run_named(tx, query("importer/create_units"), rows=list(c))
        )
    for chunk in batched(rows["mounts"], batch * 5):
        graph.write_transaction(
            lambda tx, c=chunk: run_named(tx, query("importer/create_mounts"), rows=list(c))
        )
    return time.perf_counter() - started


def run(corpus: Path, out: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="graphstore-bench-") as home:
        settings = EngineSettings(home=Path(home))
        engine = LocalEngine(settings)
        engine.start()
        try:
            with connect(engine_settings=settings, schema_guard=apply_pending) as graph:
                # Warm the engine's JVM and query caches for both sides first, then take
                # interleaved rounds so that both see the same machine; best of each.
                rows = _rows(corpus)
                _baseline(graph, rows, BATCH_SIZES[0])
                wipe.clear_data(graph)
                import_megamek(graph, corpus)
                baseline_runs: dict[str, list[float]] = {str(size): [] for size in BATCH_SIZES}
                cold_runs = []
                for _ in range(ROUNDS):
                    for size in BATCH_SIZES:
                        baseline_runs[str(size)].append(_baseline(graph, rows, size))
                    baseline_counts = graph.read(query("importer/counts"))[0]
                    wipe.clear_data(graph)
                    started = time.perf_counter()
                    report = import_megamek(graph, corpus)
                    cold_runs.append(time.perf_counter() - started)
                baselines = {size: min(runs) for size, runs in baseline_runs.items()}
                imported_counts = graph.read(query("importer/counts"))[0]
                started = time.perf_counter()
                import_megamek(graph, corpus)
                warm_s = time.perf_counter() - started
        finally:
            engine.stop()
    mounts = report.counts.mounts_total
    cold_s = min(cold_runs)
    best_batch, best_s = min(baselines.items(), key=lambda kv: kv[1])
    importer_rate = mounts / cold_s
    baseline_rate = mounts / best_s
    result = {
        "benchmark": "import megamek corpus (local engine)",
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "corpus": {"units": report.counts.units_imported, "mounts": mounts},
        "counts": imported_counts,
        "same_counts_in_baseline": imported_counts == baseline_counts,
        "importer": {
            "cold_import_s": round(cold_s, 3),
            "cold_import_runs_s": [round(v, 3) for v in cold_runs],
            "mounts_per_s": round(importer_rate, 1),
            "no_change_reimport_s": round(warm_s, 3),
        },
        "baseline_unwind_create": {
            "seconds_by_batch_size": {k: round(v, 3) for k, v in baselines.items()},
            "best_batch_size": int(best_batch),
            "mounts_per_s": round(baseline_rate, 1),
        },
        "ratio_importer_to_baseline": round(importer_rate / baseline_rate, 3),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=REPO / "bench-results" / "import.json")
    arguments = parser.parse_args()
    print(json.dumps(run(arguments.corpus, arguments.out), indent=2))


if __name__ == "__main__":
    main()
