"""What a batch-record history would cost the engine: the measurement behind the choice
between one Version and one Change per entity (today's patch_many) and one record per batch.

    python -m benchmarks.bulk_design [--units 20000] [--home DIR]

On the bulk benchmark's copy of the 100k graph (bench-results/bulk-home; run
`python -m benchmarks.bulk` first), warm, in batches of 1,000 ids in order:
1. the bare `UNWIND … SET` of one property;
2. the batch-record design's two statements: claim and read each unit's version head, then
   write each unit's patch, version and new head (a head as large as the stored one) and
   one node with the batch's deltas and audit records (Python computes nothing: this is the
   engine's share alone);
3. today's patch_many on the same units (its engine and Python work together).

Results: bench-results/bulk_design.json.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.common import RESULTS, query, write_result
from benchmarks.history import engine_at, progress
from graphstore import GraphStore

BATCH = 1_000


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--home", type=Path, default=RESULTS / "bulk-home")
    args = parser.parse_args()
    if not args.home.is_dir():
        raise SystemExit(f"no {args.home}: run `python -m benchmarks.bulk` first")
    result: dict[str, Any] = {}
    with engine_at(args.home) as graph:
        ids = sorted(row["id"] for row in graph.read(query("history/unit_ids")))
        ids = sorted(random.Random(31).sample(ids, args.units))
        batches = [ids[s : s + BATCH] for s in range(0, len(ids), BATCH)]
        bare, heads, record = (query(f"bulk/{n}") for n in ("bare_set", "heads", "batch_record"))
        for _ in range(2):  # warm the engine's cache on these units
            for batch in batches:
                graph.write(bare, rows=[{"id": i, "role": "warm"} for i in batch])
        started = time.perf_counter()
        for batch in batches:
            graph.write(bare, rows=[{"id": i, "role": "bare"} for i in batch])
        result["bare_rows_per_s"] = _rate(len(ids), time.perf_counter() - started)
        progress(f"bare: {result['bare_rows_per_s']}/s")
        read_s = write_s = 0.0
        sizes = []
        for n, batch in enumerate(batches):
            now = datetime.now(UTC)

            def work(
                tx: Any, batch: list[str] = batch, n: int = n, now: datetime = now
            ) -> tuple[float, float]:
                nonlocal sizes
                t0 = time.perf_counter()
                found = list(tx.run(heads.text, ids=batch))
                t1 = time.perf_counter()
                rows = [
                    {"id": r["id"], "props": {"role": f"design {n}"}, "history": r["head"] or "{}"}
                    for r in found
                ]
                sizes += [len(row["history"]) for row in rows]
                body = json.dumps(
                    [
                        {"id": r["id"], "delta": {"role": f"design {n}"}, "at": str(now)}
                        for r in rows
                    ]
                )
                tx.run(record.text, rows=rows, key=f"batch-{n}", body=body, now=now).consume()
                return t1 - t0, time.perf_counter() - t1

            with graph.driver.session(database=graph.database) as session:
                read, write = session.execute_write(work)
            read_s, write_s = read_s + read, write_s + write
        result["batch_record"] = {
            "rows_per_s": _rate(len(ids), read_s + write_s),
            "claim_and_read_heads_s_per_1000": round(read_s / len(batches), 3),
            "write_s_per_1000": round(write_s / len(batches), 3),
            "head_bytes_median": sorted(sizes)[len(sizes) // 2],
        }
        progress(f"batch record: {result['batch_record']}")
        store = GraphStore(graph, actor="bench")
        started = time.perf_counter()
        store.units.patch_many([{"id": i, "changes": {"role": "today"}} for i in ids])
        result["patch_many_ops_per_s"] = _rate(len(ids), time.perf_counter() - started)
        progress(f"patch_many: {result['patch_many_ops_per_s']}/s")
    path = write_result("bulk_design", result)
    progress(f"wrote {path}")


if __name__ == "__main__":
    main()
