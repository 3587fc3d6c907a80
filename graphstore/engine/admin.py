"""Administrative statements whose identifiers are dynamic, so they cannot be named queries.

Schema object names come from the server's own SHOW output, never from user input, and are
backtick-quoted by `quote`. The only module of the package with Cypher text.
"""

from __future__ import annotations

from typing import Any

from graphstore.graph import Graph, row_of, translate_driver_errors


def quote(identifier: str) -> str:
    return "`" + identifier.replace("`", "``") + "`"


def run(graph: Graph, statement: str) -> list[dict[str, Any]]:
    """Runs one administrative statement (not a named query) and returns its rows."""
    with translate_driver_errors("admin"):
        records, _, _ = graph.driver.execute_query(statement, database_=graph.database)
    return [row_of(record) for record in records]


def show_constraints(graph: Graph) -> list[dict[str, Any]]:
    return run(graph, "SHOW CONSTRAINTS")


def show_indexes(graph: Graph) -> list[dict[str, Any]]:
    return run(graph, "SHOW INDEXES")


def index_statement(
    name: str, label: str, prop: str, *, text: bool = False, relationship: bool = False
) -> str:
    """CREATE INDEX for one property of a label (or relationship type), as a migration says it.
    The identifiers are checked plain names; they are quoted all the same."""
    pattern = f"()-[r:{quote(label)}]-()" if relationship else f"(n:{quote(label)})"
    variable = "r" if relationship else "n"
    kind = "TEXT INDEX" if text else "INDEX"
    return f"CREATE {kind} {quote(name)} IF NOT EXISTS FOR {pattern} ON ({variable}.{quote(prop)})"


def drop_index_statement(name: str) -> str:
    return f"DROP INDEX {quote(name)} IF EXISTS"


def recreate_index(graph: Graph, name: str, create: str) -> None:
    """Drops index `name` and runs `create`, its declaring migration's statement."""
    run(graph, drop_index_statement(name))
    run(graph, create)


def plan_statement(mode: str, cypher: str) -> str:
    """A shipped query's text behind EXPLAIN or PROFILE."""
    if mode not in ("explain", "profile"):
        raise ValueError(f"not a plan mode: {mode!r}")
    return f"{mode.upper()} {cypher}"
