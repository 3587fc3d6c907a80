"""`graphstore query show|lint`: the named queries as they run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graphstore import queries
from graphstore.lint import main as lint_main

query_app = typer.Typer(no_args_is_help=True, help="The named Cypher queries in cypher/.")


@query_app.command("show")
def show(name: Annotated[str, typer.Argument(help="a query name, e.g. store/unit_list")]) -> None:
    """Print a named query as it runs (fragments expanded), e.g. to paste in Neo4j Browser."""
    typer.echo(queries.load(name).text, nl=False)


@query_app.command("list")
def list_queries(prefix: Annotated[str, typer.Argument()] = "") -> None:
    """Every named query (optionally under a folder), with what it does."""
    for name in queries.available(prefix):
        typer.echo(f"{name}\t{queries.load(name).description}")


@query_app.command("lint")
def lint(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="more .cypher files or folders")
    ] = None,
) -> None:
    """Lint every named query as it runs, the migrations and PATHs with Neo4j's linter."""
    code = lint_main([str(p) for p in paths or []])
    if code:
        raise typer.Exit(code)
