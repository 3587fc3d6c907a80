"""What every benchmark shares: its own named queries, timing figures, and a result file."""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Any

from graphstore import queries
from graphstore.queries import Query

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench-results"
CORPUS = REPO.parent / "shared" / "corpus"
_CYPHER = Path(__file__).resolve().parent / "cypher"
BENCH_UNIT: dict[str, Any] = {
    "chassis": "Bench",
    "model": "B-1",
    "unit_type": "BattleMech",
    "tonnage": 50,
    "tech_base": "INNER_SPHERE",
    "rules_level": "STANDARD",
}
"""The smallest valid unit a write benchmark creates (with an `id` of its own)."""


def query(name: str) -> Query:
    """A benchmark-only named query from benchmarks/cypher/<name>.cypher."""
    return queries.load_from(_CYPHER, name)


def percentiles(seconds: list[float]) -> dict[str, float]:
    """p50, p99, mean and max in milliseconds."""
    ordered = sorted(seconds)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(p99 * 1000, 2),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
        "calls": len(ordered),
    }


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "date": time.strftime("%Y-%m-%d"),
    }


def write_result(name: str, result: dict[str, Any], out: Path | None = None) -> Path:
    path = out or RESULTS / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"machine": machine(), **result}, indent=2, default=str))
    return path
