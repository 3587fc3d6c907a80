"""Dry run checks: every planned statement through the Cypher linter and EXPLAIN.

Nothing here writes: EXPLAIN plans a statement without running it, and schema statements
(which Neo4j cannot EXPLAIN) are checked by the linter alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphstore.connection import Graph, translate_driver_errors
from graphstore.errors import GraphStoreError
from graphstore.lint import lint_files
from graphstore.migrations.script import is_schema_statement

if TYPE_CHECKING:
    from graphstore.migrations.runner import PlannedStep


def check_plan(graph: Graph, steps: list[PlannedStep]) -> list[str]:
    findings: list[str] = []
    if steps:
        linted = lint_files([step.script.path for step in steps])
        if linted.unavailable:
            findings.append(f"lint skipped: {linted.unavailable}")
        findings.extend(str(finding) for finding in linted.findings)
    for step in steps:
        for statement in step.script.statements:
            if is_schema_statement(statement):
                continue
            try:
                with translate_driver_errors(step.script.label):
                    graph.driver.execute_query("EXPLAIN " + statement, database_=graph.database)
            except GraphStoreError as error:
                findings.append(f"{step.script.label}: EXPLAIN failed: {error}")
    return findings
