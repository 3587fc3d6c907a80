"""Emptying a graph between tests and benchmark runs: data, and the schema too."""

from __future__ import annotations

from graphstore.engine import admin
from graphstore.graph import Graph


def clear_data(graph: Graph) -> None:
    """Deletes every node and relationship, in batches so a big graph never holds one huge
    transaction."""
    while True:
        deleted = admin.run(
            graph, "MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted"
        )
        if not deleted or deleted[0]["deleted"] == 0:
            return


def drop_schema(graph: Graph) -> None:
    """Drops every constraint, then every index a constraint does not own (LOOKUP ones stay)."""
    for constraint in admin.show_constraints(graph):
        admin.run(graph, "DROP CONSTRAINT " + admin.quote(constraint["name"]) + " IF EXISTS")
    for index in admin.show_indexes(graph):
        if index.get("owningConstraint") or index.get("type") == "LOOKUP":
            continue
        admin.run(graph, "DROP INDEX " + admin.quote(index["name"]) + " IF EXISTS")
