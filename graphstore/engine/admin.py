"""Administrative statements whose identifiers are dynamic, so they cannot be named queries.

Schema object names come from the server's own SHOW output, never from user input, and are
backtick-quoted. Used by the test harness and by schema reset in migrations.
"""

from __future__ import annotations

from typing import Any

from graphstore.graph import Graph, translate_driver_errors


def _quote(identifier: str) -> str:
    return "`" + identifier.replace("`", "``") + "`"


def _run(graph: Graph, statement: str) -> list[dict[str, Any]]:
    with translate_driver_errors("admin"):
        records, _, _ = graph.driver.execute_query(statement, database_=graph.database)
    return [record.data() for record in records]


def show_constraints(graph: Graph) -> list[dict[str, Any]]:
    return _run(graph, "SHOW CONSTRAINTS")


def show_indexes(graph: Graph) -> list[dict[str, Any]]:
    return _run(graph, "SHOW INDEXES")


def drop_schema(graph: Graph) -> None:
    """Drops every constraint, then every index a constraint does not own (LOOKUP ones stay)."""
    for constraint in show_constraints(graph):
        _run(graph, "DROP CONSTRAINT " + _quote(constraint["name"]) + " IF EXISTS")
    for index in show_indexes(graph):
        if index.get("owningConstraint") or index.get("type") == "LOOKUP":
            continue
        _run(graph, "DROP INDEX " + _quote(index["name"]) + " IF EXISTS")


def clear_data(graph: Graph) -> None:
    """Deletes every node and relationship, in batches so a large graph never holds one huge tx."""
    while True:
        deleted = _run(
            graph, "MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted"
        )
        if not deleted or deleted[0]["deleted"] == 0:
            return
