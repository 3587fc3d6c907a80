"""`graphstore query show|list|lint|explain|profile`: the named queries as they run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from graphstore import queries
from graphstore.connection import connect
from graphstore.lint import main as lint_main
from graphstore.plans import Mode, filled_parameters, parse_parameters, query_plan

query_app = typer.Typer(no_args_is_help=True, help="The named Cypher queries in cypher/.")


@query_app.command("show")
def show(name: Annotated[str, typer.Argument(help="a query name, e.g. store/unit_get")]) -> None:
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


QueryName = Annotated[str, typer.Argument(help="a query name, e.g. store/unit_get")]
Params = Annotated[
    list[str] | None,
    typer.Option("--param", "-p", help="k=v, the value as JSON when it parses; one per parameter"),
]


def _plan(name: str, params: list[str] | None, mode: Mode) -> None:
    query = queries.load(name)
    parameters, filled = filled_parameters(query, parse_parameters(params or []))
    if filled:
        said = ", ".join(f"{k}={json.dumps(v)}" for k, v in filled.items())
        typer.echo(f"parameters not given, from the query's @example (null: any): {said}")
    with connect() as graph:
        typer.echo(query_plan(graph, query, parameters, mode=mode).render())


@query_app.command("explain")
def explain(name: QueryName, param: Params = None) -> None:
    """The plan the engine would run for a named query (nothing is run), with warnings for
    label scans, all-node scans and cartesian products. Parameters not given come from the
    query's @example line (null where it has none), and are printed."""
    _plan(name, param, "explain")


@query_app.command("profile")
def profile(name: QueryName, param: Params = None) -> None:
    """Runs a named query under PROFILE (in a transaction that is rolled back) and shows the
    plan with the rows each step produced."""
    _plan(name, param, "profile")
