"""API overhead: the same reads through the library and over HTTP, in one run.

    python -m benchmarks.api [--corpus PATH] [--requests N] [--out bench-results/api.json]

Runs a private local engine, imports the shared corpus (800 units) and the rules pack, and
serves the API with uvicorn on loopback in this process. For GET /v1/units/{id}, GET
/v1/loadouts/{id}/validation and GET /v1/equipment/autocomplete it measures p50/p99 latency
of the library call and of the HTTP request (httpx, keep-alive), cycling over real ids.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from api.main import create_app
from api.settings import ApiSettings
from graphstore import EngineSettings, GraphStore, LocalEngine, connect, import_megamek
from graphstore.importer import import_rules
from graphstore.importer.demo import rules_path
from graphstore.migrations import migrate
from graphstore.rules import RulesEngine
from graphstore.search import autocomplete

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
QUERIES = ["med", "laser", "lrm", "ac/", "er large", "gauss", "pp", "srm 6", "heat sink", "ecm"]


def _percentiles(samples_s: list[float]) -> dict[str, float]:
    ordered = sorted(samples_s)
    p99_index = min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 3),
        "p99_ms": round(ordered[p99_index] * 1000, 3),
        "max_ms": round(ordered[-1] * 1000, 3),
        "n": len(ordered),
    }


def _time(call: Callable[[int], object], n: int) -> list[float]:
    for i in range(min(50, n)):  # warm-up: JIT on the engine, connection pools here
        call(i)
    samples = []
    for i in range(n):
        started = time.perf_counter()
        call(i)
        samples.append(time.perf_counter() - started)
    return samples


@contextmanager
def _serving(app: Any, port: int) -> Iterator[str]:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()


def run(corpus: Path, requests: int, out: Path, port: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="graphstore-bench-") as home:
        engine = LocalEngine(EngineSettings(home=Path(home)))
        engine.start()
        try:
            with connect(engine_settings=engine.settings) as graph:
                migrate(graph)
                import_megamek(graph, corpus)
                import_rules(graph, rules_path())
                store, rules = GraphStore(graph), RulesEngine(graph)
                unit_ids = [u.id for u in store.list_units(page_size=200).items]
                loadout_ids = [f"{unit_id}.stock" for unit_id in unit_ids]

                def unit(i: int) -> str:
                    return unit_ids[i % len(unit_ids)]

                def loadout(i: int) -> str:
                    return loadout_ids[i % len(loadout_ids)]

                def query(i: int) -> str:
                    return QUERIES[i % len(QUERIES)]

                library = {
                    "get_unit": _time(lambda i: store.units.get(unit(i)), requests),
                    "validation": _time(lambda i: rules.validate(loadout(i)), requests),
                    "autocomplete": _time(lambda i: autocomplete(graph, query(i)), requests),
                }
                with (
                    _serving(create_app(graph, ApiSettings()), port) as base,
                    httpx.Client(base_url=base) as client,
                ):

                    def get(path: str, **params: str) -> None:
                        client.get(path, params=params).raise_for_status()

                    http = {
                        "get_unit": _time(lambda i: get(f"/v1/units/{unit(i)}"), requests),
                        "validation": _time(
                            lambda i: get(f"/v1/loadouts/{loadout(i)}/validation"), requests
                        ),
                        "autocomplete": _time(
                            lambda i: get("/v1/equipment/autocomplete", q=query(i)), requests
                        ),
                    }
        finally:
            engine.stop()
    result: dict[str, Any] = {
        "benchmark": "API overhead: library vs HTTP (local engine, shared corpus)",
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "requests_per_case": requests,
        "cases": {},
    }
    for name in library:
        lib, over_http = _percentiles(library[name]), _percentiles(http[name])
        result["cases"][name] = {
            "library": lib,
            "http": over_http,
            "http_overhead_p50_ms": round(over_http["p50_ms"] - lib["p50_ms"], 3),
        }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--out", type=Path, default=REPO / "bench-results" / "api.json")
    arguments = parser.parse_args()
    print(
        json.dumps(
            run(arguments.corpus, arguments.requests, arguments.out, arguments.port), indent=2
        )
    )


if __name__ == "__main__":
    main()
