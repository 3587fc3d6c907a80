from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graphstore import Graph
from graphstore.engine import admin


def write_migrations(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text)
    return directory


@pytest.fixture
def migrations_dir(tmp_path: Path) -> Path:
    return tmp_path / "migrations"


def schema_snapshot(graph: Graph) -> tuple[list[Any], list[Any]]:
    constraints = sorted(
        (r["name"], r["type"], tuple(r["labelsOrTypes"]), tuple(r["properties"]))
        for r in admin.show_constraints(graph)
    )
    indexes = sorted(
        (r["name"], tuple(r["labelsOrTypes"]), tuple(r["properties"]))
        for r in admin.show_indexes(graph)
    )
    return constraints, indexes


def graph_fingerprint(graph: Graph, *, bookkeeping: bool = True) -> tuple[Any, ...]:
    """Every node and relationship with its labels and properties, plus the schema.

    Without `bookkeeping`, the migration history and lock (labels starting `__`) are left out.
    """
    nodes = graph.driver.execute_query(
        "MATCH (n) WHERE $all OR none(l IN labels(n) WHERE l STARTS WITH '__') "
        "RETURN labels(n) AS labels, properties(n) AS props",
        {"all": bookkeeping},
        database_=graph.database,
    ).records
    rels = graph.driver.execute_query(
        "MATCH (a)-[r]->(b) WHERE $all OR type(r) <> 'NEXT' "
        "RETURN type(r) AS type, properties(r) AS props, properties(a) AS a, properties(b) AS b",
        {"all": bookkeeping},
        database_=graph.database,
    ).records
    return (
        sorted(repr(sorted(r.data().items())) for r in nodes),
        sorted(repr(sorted(r.data().items())) for r in rels),
        schema_snapshot(graph),
    )
