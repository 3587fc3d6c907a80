"""Versioned Cypher migrations with history in the graph, a lock, undo, targets and dry runs."""

from __future__ import annotations

from graphstore.connection import Graph
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


def migrate(graph: Graph, target: int | None = None, **options: bool) -> MigrationResult:
    """Applies pending migrations (see Migrator.migrate for the options)."""
    return Migrator(graph).migrate(target, **options)


__all__ = [
    "MigrationResult",
    "MigrationScript",
    "MigrationStatus",
    "Migrator",
    "PlannedStep",
    "SchemaDrift",
    "StatusRow",
    "ValidationReport",
    "discover",
    "migrate",
    "schema_diff",
    "split_statements",
]
