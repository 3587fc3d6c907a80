"""Tenants: what the tenant scope costs, and a long isolation run.

    python -m benchmarks.tenancy [--rounds 6] [--isolation-operations 20000]

Overhead. A private local engine gets the corpus, spread over five tenants (the default one
and four more, 160 units each). Each operation below runs through a tenant's GraphStore, in
two variants within one process, alternating call by call:
- scoped: the shipped queries, each filtering by `$tenant`;
- unscoped: the same queries with the tenant predicates taken out of their text (the store
  still fills `$tenant`, now unused), and creates claiming their id alone, without their
  tenant's row (quota, extensions): the store as it was before tenants.
The ratio scoped / unscoped of the medians is the scope's overhead, per operation and
overall (the geometric mean).

Isolation. The hypothesis state machine of tests/tenancy/test_state_machine.py, run for
--isolation-operations steps (make test runs 2,000): its steps, refusals, time, and the
violations it found (a violation fails it).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks.common import BENCH_UNIT, CORPUS, REPO, percentiles, query, write_result
from graphstore import (
    EngineSettings,
    Graph,
    GraphStore,
    LocalEngine,
    connect,
    import_megamek,
    queries,
)
from graphstore.migrations import apply_pending
from graphstore.store.claims import claim
from graphstore.store.entities import Repository
from graphstore.tenancy.tenants import create_tenant

TENANTS = ["default", "guild-1", "guild-2", "guild-3", "guild-4"]
CALLS_PER_ROUND = 30
# `AND (x.tenant IS NULL OR x.tenant = $tenant)`, or a WHERE made of that alone.
_PREDICATE = re.compile(
    r"(\s+AND\s+\((\w+)\.tenant IS NULL OR \2\.tenant = \$tenant\))"
    r"|(\n\s*WHERE\s+\(?(\w+)\.tenant IS NULL OR \4\.tenant = \$tenant\)?\s*(?=\n))"
)


def unscoped(text: str) -> str:
    return _PREDICATE.sub("", text)


@contextmanager
def without_tenant_predicates() -> Iterator[None]:
    """queries.load answering the shipped queries with their tenant predicates removed, and
    creates without their tenant round trip."""
    shipped = queries.load
    made: dict[str, queries.Query] = {}

    def load(name: str) -> queries.Query:
        # Cached like the shipped loader, so that neither variant pays for its parsing.
        if name not in made:
            found = shipped(name)
            made[name] = replace(found, text=unscoped(found.text))
        return made[name]

    claim_create = Repository._claim_create
    queries.load = load  # type: ignore[assignment]
    # A create's claim without its tenant's row (quota, extensions): the plain claim.
    Repository._claim_create = lambda self, tx, entity_id: (  # type: ignore[method-assign]
        claim(tx, self.label, [entity_id]).get(entity_id),
        None,
    )
    try:
        yield
    finally:
        queries.load = shipped  # type: ignore[assignment]
        Repository._claim_create = claim_create  # type: ignore[method-assign]


def operations(store: GraphStore, units: list[str], loadouts: list[str]) -> dict[str, Callable]:
    counter = iter(range(10**9))

    def pick(ids: list[str]) -> str:
        return ids[next(counter) % len(ids)]

    return {
        "read: get unit": lambda: store.units.get(pick(units)),
        "read: get loadout with mounts": lambda: store.loadouts.get(
            pick(loadouts), relations=["mounts"]
        ),
        "read: list units (filtered page)": lambda: store.list_units(
            tech_base="INNER_SPHERE", tonnage_min=50, page_size=20
        ),
        "read: list equipment (page)": lambda: store.list_equipment(q="laser", page_size=20),
        "write: update unit": lambda: store.units.update(
            pick(units), {"battle_value": next(counter) % 5000}
        ),
        "write: update loadout notes": lambda: store.loadouts.update(
            pick(loadouts), {"notes": f"note {next(counter)}"}
        ),
        "write: create unit": lambda: store.units.create(
            {**BENCH_UNIT, "id": f"bench-{next(counter)}"}
        ),
    }


def overhead(rounds: int, corpus: Path = CORPUS) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="graphstore-bench-tenancy-") as home:
        settings = EngineSettings(home=Path(home))
        local = LocalEngine(settings)
        local.start()
        try:
            with connect(engine_settings=settings, schema_guard=apply_pending) as graph:
                import_megamek(graph, corpus)
                storage = _bytes_per_property(graph, Path(home))
                ids = sorted(r["id"] for r in graph.read("importer/stored_units"))
                for index, tenant in enumerate(TENANTS[1:], start=1):
                    create_tenant(graph, {"id": tenant})
                    graph.write(query("tenancy/assign"), ids=ids[index::5], tenant_id=tenant)
                sample = graph.read(query("tenancy/sample"), tenant_id="guild-2", limit=100)
                store = GraphStore(graph, tenant="guild-2", actor="bench")
                ops = operations(
                    store, [r["unit_id"] for r in sample], [r["loadout_id"] for r in sample]
                )
                times: dict[str, dict[str, list[float]]] = {
                    name: {"scoped": [], "unscoped": []} for name in ops
                }
                for op in ops.values():  # warm both variants' caches and plans
                    op()
                    with without_tenant_predicates():
                        op()
                # Call by call, the variants alternate (which goes first alternating by
                # round), so that drift in the machine's load falls on both alike.
                for round_ in range(rounds):
                    for name, op in ops.items():
                        for call in range(CALLS_PER_ROUND * 2):
                            variant = ("scoped", "unscoped")[(call + round_) % 2]
                            if variant == "unscoped":
                                with without_tenant_predicates():
                                    _time(op, times[name][variant])
                            else:
                                _time(op, times[name][variant])
        finally:
            local.stop()
    result: dict[str, Any] = {
        "tenants": len(TENANTS),
        "rounds": rounds,
        "storage": storage,
        "operations": {},
    }
    ratios = []
    for name, variants in times.items():
        ratio = statistics.median(variants["scoped"]) / statistics.median(variants["unscoped"])
        ratios.append(ratio)
        result["operations"][name] = {
            "scoped": percentiles(variants["scoped"]),
            "unscoped": percentiles(variants["unscoped"]),
            "ratio_p50": round(ratio, 3),
        }
    result["ratio_geometric_mean"] = round(math.exp(statistics.fmean(map(math.log, ratios))), 3)
    result["ratio_max"] = round(max(ratios), 3)
    return result


def _bytes_per_property(graph: Graph, home: Path) -> dict[str, Any]:
    """The engine's data directory over the properties it stores, after the import: what
    graphstore.tenancy.usage.BYTES_PER_PROPERTY rounds."""
    folder = home / "server" / "databases"
    data_bytes = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
    properties = graph.read(query("tenancy/properties"))[0]["properties"]
    return {
        "data_directory_bytes": data_bytes,
        "properties": properties,
        "bytes_per_property": round(data_bytes / max(properties, 1), 1),
    }


def _time(op: Callable[[], Any], into: list[float]) -> None:
    started = time.perf_counter()
    op()
    into.append(time.perf_counter() - started)


def isolation(operations_: int) -> dict[str, Any]:
    """The state machine, `operations_` steps long, in its own pytest run."""
    env = {**os.environ, "GRAPHSTORE_ISOLATION_OPERATIONS": str(operations_)}
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "-s",
            "--timeout=0",  # the suite's per-test limit is for 2,000 steps, not 20,000
            "tests/tenancy/test_state_machine.py",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    found = re.search(r"isolation: (\d+) steps, (\d+) refused", done.stdout)
    return {
        "operations_asked": operations_,
        "steps_run": int(found[1]) if found else None,
        "refused": int(found[2]) if found else None,
        "violations": 0 if done.returncode == 0 else "see output",
        "passed": done.returncode == 0,
        "seconds": round(seconds, 1),
        "tail": done.stdout.splitlines()[-3:],
        "failure": [line for line in done.stdout.splitlines() if line.startswith("E ")][:20],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--isolation-operations", type=int, default=20_000)
    parser.add_argument("--skip-overhead", action="store_true")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    result: dict[str, Any] = {}
    if not args.skip_overhead:
        result["overhead"] = overhead(args.rounds, args.corpus)
    if args.isolation_operations:
        result["isolation"] = isolation(args.isolation_operations)
    write_result("tenancy", result, args.out)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
