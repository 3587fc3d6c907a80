"""Schema guards for connect(): what a new Graph's schema must be before it is handed out."""

from __future__ import annotations

import logging

from graphstore.errors import SchemaOutOfDateError
from graphstore.graph import Graph
from graphstore.migrations.runner import Migrator

log = logging.getLogger("graphstore")


def require_current(graph: Graph) -> None:
    """SchemaOutOfDateError, naming the command to run, when the schema is behind the code
    or a restore into the graph has not finished."""
    for unfinished in graph.read("migrations/restore_marker"):
        raise SchemaOutOfDateError(
            f"a restore of {unfinished['file']} into this graph has not finished: run "
            "`graphstore backup restore` again (it starts over)"
        )
    status = Migrator(graph).status()
    if status.up_to_date:
        return
    behind = ", ".join(
        f"{row.key} ({row.status})"
        for row in status.rows
        if row.status in ("pending", "undone", "failed")
    )
    raise SchemaOutOfDateError(
        f"the graph's schema is at version {status.schema_version}, the code expects "
        f"{status.latest_version} ({behind}). Run `graphstore migrate`, or connect with "
        "schema_guard=graphstore.migrations.apply_pending"
    )


def apply_pending(graph: Graph) -> None:
    """Applies every pending migration."""
    result = Migrator(graph).migrate()
    if result.applied:
        log.info("applied migrations: %s", ", ".join(result.applied))
