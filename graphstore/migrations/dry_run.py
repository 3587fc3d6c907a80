"""Dry run checks: every planned statement through the Cypher linter and EXPLAIN.

Nothing here writes: EXPLAIN plans a statement without running it, and schema statements
(which Neo4j cannot EXPLAIN) are checked by the linter alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphstore.errors import GraphStoreError
from graphstore.graph import Graph, translate_driver_errors
from graphstore.lint import lint_files
from graphstore.migrations.script import MigrationScript, is_schema_statement


def check_plan(graph: Graph, scripts: Sequence[MigrationScript]) -> list[str]:
    """One line per finding of the linter and EXPLAIN over the planned scripts."""
    findings: list[str] = []
    if scripts:
        linted = lint_files([script.path for script in scripts])
        if linted.unavailable:
            findings.append(f"lint skipped: {linted.unavailable}")
        findings.extend(str(finding) for finding in linted.findings)
    for script in scripts:
        for statement in script.statements:
            if is_schema_statement(statement):
                continue
            try:
                with translate_driver_errors(script.label):
                    graph.driver.execute_query("EXPLAIN " + statement, database_=graph.database)
            except GraphStoreError as error:
                findings.append(f"{script.label}: EXPLAIN failed: {error}")
    return findings
