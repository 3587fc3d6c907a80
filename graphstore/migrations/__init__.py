"""Versioned Cypher migrations with history in the graph, a lock, undo, targets and dry runs."""

from __future__ import annotations

from graphstore.graph import Graph
from graphstore.migrations.guard import apply_pending, require_current
from graphstore.migrations.runner import (
    MigrationResult,
    MigrationStatus,
    Migrator,
    PlannedStep,
    StatusRow,
    ValidationReport,
)
from graphstore.migrations.schema_diff import SchemaDrift, schema_diff
from graphstore.migrations.script import MigrationScript, discover, split_statements


def migrate(
    graph: Graph, target: int | None = None, *, dry_run: bool = False, out_of_order: bool = False
) -> MigrationResult:
    """Applies pending migrations up to `target` (all when None); see Migrator.migrate."""
    return Migrator(graph).migrate(target, dry_run=dry_run, out_of_order=out_of_order)


__all__ = [
    "MigrationResult",
    "MigrationScript",
    "MigrationStatus",
    "Migrator",
    "PlannedStep",
    "SchemaDrift",
    "StatusRow",
    "ValidationReport",
    "apply_pending",
    "discover",
    "migrate",
    "require_current",
    "schema_diff",
    "split_statements",
]
