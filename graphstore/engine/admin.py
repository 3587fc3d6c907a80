"""Administrative statements whose identifiers are dynamic, so they cannot be named queries.

Schema object names come from the server's own SHOW output, never from user input, and are
backtick-quoted by `quote`. The only module of the package with Cypher text.
"""

from __future__ import annotations

from typing import Any

from graphstore.graph import Graph, translate_driver_errors


def quote(identifier: str) -> str:
    return "`" + identifier.replace("`", "``") + "`"


def run(graph: Graph, statement: str) -> list[dict[str, Any]]:
    """Runs one administrative statement (not a named query) and returns its rows."""
    with translate_driver_errors("admin"):
        records, _, _ = graph.driver.execute_query(statement, database_=graph.database)
    return [record.data() for record in records]


def show_constraints(graph: Graph) -> list[dict[str, Any]]:
    return run(graph, "SHOW CONSTRAINTS")


def show_indexes(graph: Graph) -> list[dict[str, Any]]:
    return run(graph, "SHOW INDEXES")
