"""A graph's health summary: which engine, which schema version, how many nodes."""

from __future__ import annotations

from pydantic import BaseModel

from graphstore.errors import GraphStoreError
from graphstore.graph import Graph


class Health(BaseModel):
    status: str
    engine: str
    engine_version: str
    server: str
    database: str
    schema_version: int | None
    nodes: int
    counts: dict[str, int]


def health(graph: Graph) -> Health:
    nodes = graph.read("health/node_count")[0]["nodes"]
    version = graph.read("migrations/schema_version")[0]["version"]
    return Health(
        status="ok",
        engine=graph.info.kind,
        engine_version=graph.info.version,
        server=graph.info.server,
        database=graph.database,
        schema_version=None if version is None else int(version),
        nodes=int(nodes),
        counts={row["label"]: int(row["count"]) for row in graph.read("health/label_counts")},
    )


def ping(graph: Graph) -> bool:
    """Whether the database answers a query now (never raises for a database problem)."""
    try:
        return bool(graph.read("health/ping")[0]["ok"] == 1)
    except GraphStoreError:
        return False
