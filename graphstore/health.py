"""How a graph is doing, at three costs: alive (one round trip), ready (and its schema is
current), and the details (engine, schema version, counts per label: a full count, so
callers that ask often use HealthCache)."""

from __future__ import annotations

import threading
import time
from typing import Literal

from pydantic import BaseModel

from graphstore.errors import GraphStoreError
from graphstore.graph import Graph
from graphstore.migrations import require_current
from graphstore.observability import CACHE_LOOKUPS


class Liveness(BaseModel):
    status: Literal["ok"] = "ok"
    database: Literal["up"] = "up"


class Readiness(BaseModel):
    status: Literal["ready"] = "ready"
    schema_version: int | None


class Health(BaseModel):
    status: str
    engine: str
    engine_version: str
    server: str
    database: str
    schema_version: int | None
    nodes: int
    counts: dict[str, int]


def alive(graph: Graph) -> Liveness:
    """The database answered a query; DatabaseUnavailableError when it does not."""
    graph.read("health/ping")
    return Liveness()


def ready(graph: Graph) -> Readiness:
    """Alive, and the schema is what the code expects (SchemaOutOfDateError otherwise)."""
    alive(graph)
    require_current(graph)
    return Readiness(schema_version=_schema_version(graph))


def ping(graph: Graph) -> bool:
    """Whether the database answers a query now (never raises for a database problem)."""
    try:
        alive(graph)
    except GraphStoreError:
        return False
    return True


def _schema_version(graph: Graph) -> int | None:
    version = graph.read("migrations/schema_version")[0]["version"]
    return None if version is None else int(version)


def health(graph: Graph) -> Health:
    nodes = graph.read("health/node_count")[0]["nodes"]
    return Health(
        status="ok",
        engine=graph.info.kind,
        engine_version=graph.info.version,
        server=graph.info.server,
        database=graph.database,
        schema_version=_schema_version(graph),
        nodes=int(nodes),
        counts={row["label"]: int(row["count"]) for row in graph.read("health/label_counts")},
    )


class HealthCache:
    """health(graph), computed at most once every `max_age_s` seconds: counting every node
    is a scan of the whole graph, too slow to repeat for every probe."""

    def __init__(self, max_age_s: float = 10.0) -> None:
        self.max_age_s = max_age_s
        self._lock = threading.Lock()
        self._found: tuple[float, Health] | None = None

    def get(self, graph: Graph) -> Health:
        with self._lock:
            now = time.monotonic()
            stale = self._found is None or now - self._found[0] >= self.max_age_s
            CACHE_LOOKUPS.labels(cache="health", result="miss" if stale else "hit").inc()
            if self._found is None or stale:
                self._found = (now, health(graph))
            return self._found[1]
