"""Store write throughput, this checkout against another commit, in one interleaved run.

    python -m benchmarks.writes [--against REF] [--repeats 3] [--out bench-results/writes.json]

Each measurement runs in a fresh subprocess with a private local engine: unit creates,
unit updates, mount adds, loadout creates with 15 mounts, a 2,000-item upsert_many, and
deletes. With --against, the same workload runs on that commit's code (a temporary git
worktree) too, alternating old and new so that a busy machine slows both alike; the result
gives each side's median over the repeats and the new/old ratio per operation.
Only public store calls both versions have are used.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OPERATIONS = ("create_unit", "update_unit", "add_mount", "create_loadout", "upsert_many", "delete")


def _workload(count: int) -> dict[str, dict[str, float]]:
    """One run of every operation on a fresh private engine; per-op latencies."""
    from benchmarks.common import BENCH_UNIT
    from graphstore import EngineSettings, GraphStore, LocalEngine, connect
    from graphstore.migrations import migrate

    home = Path(tempfile.mkdtemp(prefix="graphstore-bench-writes-"))
    engine = LocalEngine(EngineSettings(home=home))
    engine.start()
    graph = connect(engine_settings=engine.settings)
    try:
        migrate(graph)
        store = GraphStore(graph, actor="bench")
        unit = BENCH_UNIT
        items = [
            {
                "id": f"item-{i}",
                "name": f"Item {i}",
                "tech_base": "INNER_SPHERE",
                "rules_level": "STANDARD",
                "tonnage": 1.0,
                "crit_slots": 1,
            }
            for i in range(40)
        ]
        store.equipment.upsert_many(items)
        store.units.create({**unit, "id": "warmup"})
        timings: dict[str, list[float]] = {name: [] for name in OPERATIONS}

        def timed(name: str, call: Any) -> None:
            started = time.perf_counter()
            call()
            timings[name].append(time.perf_counter() - started)

        for n in range(count):
            timed("create_unit", lambda n=n: store.units.create({**unit, "id": f"u{n}"}))
        for n in range(count):
            timed("update_unit", lambda n=n: store.units.update(f"u{n}", {"year": 3025}))
        store.loadouts.create({"id": "target", "unit_id": "u0", "name": "Target"})
        for n in range(count):
            mount = {"equipment_id": f"item-{n % 40}", "location": "LEFT_TORSO"}
            timed("add_mount", lambda mount=mount: store.loadouts.add_mount("target", mount))
        for n in range(count):
            mounts = [
                {"equipment_id": f"item-{(n + k) % 40}", "location": "RIGHT_TORSO"}
                for k in range(15)
            ]
            body = {"id": f"l{n}", "unit_id": f"u{n}", "name": f"L{n}", "mounts": mounts}
            timed("create_loadout", lambda body=body: store.loadouts.create(body))
        bulk = [{**item, "id": f"bulk-{i}"} for i, item in enumerate(items * 50)]
        timed("upsert_many", lambda: store.equipment.upsert_many(bulk))
        for n in range(count):
            timed("delete", lambda n=n: store.units.delete(f"u{n}"))
    finally:
        graph.close()
        engine.stop()
    return {
        name: {
            "calls": len(values),
            "p50_ms": round(statistics.median(values) * 1000, 3),
            "total_s": round(sum(values), 3),
        }
        for name, values in timings.items()
    }


def _run(source: Path, count: int) -> dict[str, dict[str, float]]:
    """The workload in a subprocess importing graphstore from `source`."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    # This file's workload, run by path: `graphstore` then comes from PYTHONPATH, the source.
    code = (
        "import json, runpy, sys; "
        "workload = runpy.run_path(sys.argv[1])['_workload']; "
        "print(json.dumps(workload(int(sys.argv[2]))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, __file__, str(count)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=source,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _summary(runs: list[dict[str, dict[str, float]]]) -> dict[str, float]:
    """Per operation, the median over runs of its p50 latency (ms); upsert_many in total s."""
    out: dict[str, float] = {}
    for name in OPERATIONS:
        key = "total_s" if name == "upsert_many" else "p50_ms"
        out[name] = statistics.median(run[name][key] for run in runs)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", help="a git commit to measure in the same run")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--count", type=int, default=300, help="calls per operation")
    parser.add_argument("--out", type=Path, default=REPO / "bench-results" / "writes.json")
    args = parser.parse_args()

    sides: dict[str, Path] = {"new": REPO}
    worktree = None
    if args.against:
        worktree = Path(tempfile.mkdtemp(prefix="graphstore-against-"))
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(worktree), args.against],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        sides["old"] = worktree
    runs: dict[str, list[dict[str, dict[str, float]]]] = {side: [] for side in sides}
    try:
        for repeat in range(args.repeats):
            for side in sorted(sides, reverse=repeat % 2 == 1):
                print(f"repeat {repeat + 1}/{args.repeats}: {side}", file=sys.stderr)
                runs[side].append(_run(sides[side], args.count))
    finally:
        if worktree is not None:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(worktree)], cwd=REPO, check=False
            )
    summaries = {side: _summary(side_runs) for side, side_runs in runs.items()}
    result: dict[str, Any] = {
        "benchmark": "store writes",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "date": time.strftime("%Y-%m-%d"),
        "against": args.against,
        "count": args.count,
        "repeats": args.repeats,
        "units": "p50 ms per call; upsert_many: total s for 2,000 items",
        "median": summaries,
        "runs": runs,
    }
    if "old" in summaries:
        result["new_over_old"] = {
            name: round(summaries["new"][name] / summaries["old"][name], 3) for name in OPERATIONS
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps({k: result[k] for k in ("median", "new_over_old") if k in result}, indent=2))


if __name__ == "__main__":
    main()
