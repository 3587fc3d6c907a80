"""Where a backup's time goes on the local engine: each way of reading the graph out of it,
timed with the CPU the engine and this process spend.

    python -m benchmarks.read_paths [--home DIR] [--rows N] [--out FILE]

On the graph in --home (default: the one `make bench-history` gave a history, else the one
`make bench-scale` imported), reads the first N nodes and N relationships:

- `bolt_rows`: the backup's queries through the official driver, one record a row, doing
  nothing with the rows (the floor of graphstore's backup path), counting the temporal
  values among the nodes;
- `bolt_pages`: the nodes again, 2,000 to a Bolt record;
- `backup_records`: graphstore's own pipeline (graphstore.backup.stream.records, the
  canonical line, the hash) over the first N records;
- `engine_json`: the engine's own HTTP/SQL endpoint (ArcadeDB only, no driver), pages of
  Location nodes and HAS_LOCATION relationships as JSON, each row made a record and hashed
  as a backup would. `types_lost` sets one audit Change's temporal properties, as the
  driver types them, beside its JSON: there each is a plain string, indistinguishable from
  a string property.

Each result is projected onto the whole graph (its node and relationship counts, at the
rates measured), next to the backup target of 60 s. Results: bench-results/read_paths.json.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psutil
from neo4j.time import Date, DateTime, Duration, Time

from benchmarks.backup import TARGETS_S, default_home
from benchmarks.common import query, write_result
from benchmarks.history import engine_at
from graphstore.backup.stream import Tally, records
from graphstore.engine.paths import EnginePaths
from graphstore.graph import Graph

PAGE = 2_000
JSON_PAGE = 50_000
_TEMPORAL = (Date, DateTime, Duration, Time)
# The engine's own SQL (ArcadeDB's HTTP API), for this comparison only: the product speaks
# Cypher over Bolt. Constant text; the values travel as parameters.
_SQL_NODES = "SELECT FROM Location WHERE @rid > :last LIMIT :page"
_SQL_RELATIONSHIPS = (
    "SELECT @rid AS rid, @out.id AS source, @in.id AS target FROM HAS_LOCATION "
    "WHERE @rid > :last LIMIT :page"
)
_SQL_ONE_CHANGE = "SELECT FROM Change LIMIT 1"


def _engine_cpu(pid: int) -> float:
    """CPU seconds (user + system) the engine's process has spent so far."""
    spent = psutil.Process(pid).cpu_times()
    return float(spent.user + spent.system)


@contextmanager
def _measured(pid: int, into: dict[str, Any]) -> Iterator[None]:
    engine, python, wall = _engine_cpu(pid), time.process_time(), time.perf_counter()
    yield
    into["wall_s"] = round(time.perf_counter() - wall, 2)
    into["engine_cpu_s"] = round(_engine_cpu(pid) - engine, 2)
    into["python_cpu_s"] = round(time.process_time() - python, 2)
    if into.get("rows"):
        into["us_per_row"] = round(into["wall_s"] / into["rows"] * 1e6, 1)


def _stream(graph: Graph, name: str, **parameters: Any) -> Iterator[Any]:
    with graph.session(read=True) as session, session.begin_transaction() as tx:
        yield from tx.run(query(f"read_paths/{name}").cypher, parameters)


def bolt_rows(graph: Graph, pid: int, rows: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for kind in ("node", "relationship"):
        part: dict[str, Any] = {"rows": 0, "temporal_values": 0}
        with _measured(pid, part):
            for record in _stream(graph, f"{kind}_rows", rows=rows):
                values = record.values()
                part["rows"] += 1
                if kind == "node":
                    part["temporal_values"] += sum(
                        isinstance(v, _TEMPORAL) for v in values[1].values()
                    )
        result[kind + "s"] = part
    return result


def bolt_pages(graph: Graph, pid: int, rows: int) -> dict[str, Any]:
    part: dict[str, Any] = {"rows": 0, "rows_per_record": PAGE}
    with _measured(pid, part):
        for record in _stream(graph, "node_pages", rows=rows, page=PAGE):
            part["rows"] += len(record["nodes"])
    return {"nodes": part}


def backup_records(graph: Graph, pid: int, rows: int) -> dict[str, Any]:
    part: dict[str, Any] = {"rows": 0}
    found = Tally()
    with _measured(pid, part):
        stream = records(graph)
        for record in stream:
            found.add(record)  # the canonical line and the hash, as a backup makes them
            part["rows"] += 1
            if part["rows"] >= rows:
                break
        stream.close()  # ends the read transaction
    return {"nodes": part}


def engine_json(graph: Graph, home: Path, pid: int, rows: int) -> dict[str, Any]:
    paths = EnginePaths(home.resolve())
    state = paths.read_state()
    assert state is not None
    url = f"http://127.0.0.1:{state.http_port}/api/v1/query/{state.database}"
    auth = ("root", paths.password())

    def sql(command: str, **params: Any) -> list[dict[str, Any]]:
        answer = httpx.post(
            url,
            json={"language": "sql", "command": command, "params": params},
            auth=auth,
            timeout=300,
        )
        answer.raise_for_status()
        body: list[dict[str, Any]] = answer.json()["result"]
        return body

    result: dict[str, Any] = {}
    for kind, command in (("nodes", _SQL_NODES), ("relationships", _SQL_RELATIONSHIPS)):
        part: dict[str, Any] = {"rows": 0}
        found, after = Tally(), "#-1:-1"
        with _measured(pid, part):
            while part["rows"] < rows:
                page = sql(command, last=after, page=min(JSON_PAGE, rows - part["rows"]))
                if not page:
                    break
                after = page[-1]["@rid"] if "@rid" in page[-1] else page[-1]["rid"]
                for row in page:
                    found.add(_as_record(row))
                part["rows"] += len(page)
        result[kind] = part
    result["types_lost"] = _types_lost(graph, sql(_SQL_ONE_CHANGE))
    return result


def _as_record(row: dict[str, Any]) -> dict[str, Any]:
    """A row of the engine's JSON in the shape of a backup record (its values as the JSON
    gives them: see `types_lost`)."""
    if "source" in row:
        return {
            "t": "HAS_LOCATION",
            "s": ["Unit", row["source"]],
            "e": ["Location", row["target"]],
            "p": {},
        }
    props = {key: value for key, value in row.items() if not key.startswith("@")}
    return {"l": row["@type"].split("~"), "p": props}


def _types_lost(graph: Graph, changes: list[dict[str, Any]]) -> dict[str, Any]:
    """For one Change node: each property the driver gives as a temporal value, with the
    type and text the engine's JSON gives it instead."""
    if not changes:
        return {}
    as_json = changes[0]
    (row,) = graph.read(query("read_paths/change_by_id"), id=as_json["id"])
    return {
        key: {
            "bolt": type(value).__name__,
            "json": type(as_json.get(key)).__name__,
            "json_text": as_json.get(key),
        }
        for key, value in sorted(row["props"].items())
        if isinstance(value, _TEMPORAL)
    }


def _project(measured: dict[str, Any], counts: dict[str, int]) -> float | None:
    """Seconds for the whole graph at the rates measured (nodes' rate for relationships
    where only nodes were measured)."""
    nodes = measured.get("nodes")
    if not nodes or not nodes["rows"]:
        return None
    relationships = measured.get("relationships", nodes)
    return round(
        counts["nodes"] * nodes["wall_s"] / nodes["rows"]
        + counts["relationships"] * relationships["wall_s"] / relationships["rows"],
        1,
    )


def run(home: Path, rows: int) -> dict[str, Any]:
    with engine_at(home) as graph:
        state = EnginePaths(home.resolve()).read_state()
        assert state is not None
        counts = {
            "nodes": graph.read("backup/node_count")[0]["nodes"],
            "relationships": graph.read(query("read_paths/relationships_count"))[0][
                "relationships"
            ],
        }
        paths: dict[str, Callable[[], dict[str, Any]]] = {
            "bolt_rows": lambda: bolt_rows(graph, state.pid, rows),
            "bolt_pages": lambda: bolt_pages(graph, state.pid, rows),
            "backup_records": lambda: backup_records(graph, state.pid, rows),
            "engine_json": lambda: engine_json(graph, home, state.pid, rows),
        }
        result: dict[str, Any] = {"graph": counts, "rows_per_path": rows}
        for name, measure in paths.items():
            measured = measure()
            measured["whole_graph_s"] = _project(measured, counts)
            result[name] = measured
            print(f"{name}: {json.dumps(measured)}", flush=True)
    result["target_backup_s"] = TARGETS_S["backup"]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.read_paths", description=__doc__)
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    home = args.home or default_home()
    result = run(home, args.rows)
    print(write_result("read_paths", result, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
