"""Points neomodel at the same graph connect() resolves: explicit URI, NEO4J_URI, local engine."""

from __future__ import annotations

from typing import Any

from neomodel import db, get_config

from graphstore.connection import connect
from graphstore.graph import Graph


def use_graph(graph: Graph) -> Graph:
    """Makes neomodel run on `graph`'s driver and database (the driver stays the caller's)."""
    get_config().database_name = graph.database
    db.set_connection(driver=graph.driver)
    return graph


def connect_ogm(uri: str | None = None, **options: Any) -> Graph:
    """connect() (same arguments, same resolution order), then use_graph() on the result."""
    return use_graph(connect(uri, **options))
