"""`graphstore index list|create|drop|rebuild|advise`: indexes, managed through migrations."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from graphstore.connection import connect
from graphstore.index_advice import advise
from graphstore.indexes import IndexType, NewMigration, list_indexes, plan_drop, plan_index, rebuild
from graphstore.migrations import Migrator, require_current
from graphstore.resources import resource_dir

index_app = typer.Typer(no_args_is_help=True, help="Indexes, managed through migrations.")
console = Console()

Directory = Annotated[
    Path | None, typer.Option("--dir", help="the migrations folder (default: the shipped one)")
]
Apply = Annotated[bool, typer.Option("--apply", help="apply the new migration right away")]


@index_app.command("list")
def list_command(directory: Directory = None) -> None:
    """Every index: labels, properties, type, state, population and the migration that
    declared it. Exit code 1 when an index belongs to no migration."""
    with connect() as graph:
        found = list_indexes(graph, directory)
    table = Table("name", "on", "type", "state", "populated", "migration")
    for index in found:
        target = f"{'|'.join(index.labels)}({', '.join(index.properties)})"
        owner = index.migration or "[red]none: not declared by any migration[/]"
        if index.constraint:
            owner += f" (constraint {index.constraint})"
        populated = "" if index.population_percent is None else f"{index.population_percent:g}%"
        table.add_row(index.name, target, index.type, index.state or "", populated, owner)
    console.print(table)
    if any(index.unowned for index in found):
        raise typer.Exit(1)


def _write(migration: NewMigration, directory: Path | None, apply: bool) -> None:
    folder = directory or resource_dir("migrations")
    for path in migration.write(folder):
        console.print(f"wrote {path}")
    if apply:
        with connect() as graph:
            result = Migrator(graph, folder).migrate()
        console.print(f"applied {', '.join(result.applied) or 'nothing'}")
    else:
        console.print("review it, then run `graphstore migrate` (or pass --apply)")


@index_app.command("create")
def create(
    label: Annotated[str, typer.Argument(help="the node label (or relationship type)")],
    prop: Annotated[str, typer.Argument(metavar="PROPERTY")],
    index_type: Annotated[str, typer.Option("--type", help="RANGE or TEXT")] = "RANGE",
    relationship: Annotated[bool, typer.Option(help="LABEL is a relationship type")] = False,
    name: Annotated[str | None, typer.Option(help="default: <label>_<property>")] = None,
    directory: Directory = None,
    apply: Apply = False,
) -> None:
    """Writes the migration pair that creates an index (never runs DDL by itself)."""
    if index_type.upper() not in ("RANGE", "TEXT"):
        raise typer.BadParameter("RANGE or TEXT", param_hint="--type")
    kind: IndexType = "TEXT" if index_type.upper() == "TEXT" else "RANGE"
    with connect(schema_guard=require_current) as graph:
        migration = plan_index(
            graph, label, prop, index_type=kind, relationship=relationship, name=name,
            directory=directory,
        )  # fmt: skip
    _write(migration, directory, apply)


@index_app.command("drop")
def drop(
    name: Annotated[str, typer.Argument()], directory: Directory = None, apply: Apply = False
) -> None:
    """Writes the migration pair that drops an index; its undo recreates it as declared."""
    with connect(schema_guard=require_current) as graph:
        migration = plan_drop(graph, name, directory)
    _write(migration, directory, apply)


@index_app.command("rebuild")
def rebuild_command(
    name: Annotated[str | None, typer.Argument(help="default: every declared index")] = None,
    directory: Directory = None,
) -> None:
    """Drops and recreates indexes from their migrations' statements (index recovery)."""
    with connect() as graph:
        rebuilt = rebuild(graph, name, directory)
    console.print(f"rebuilt {', '.join(rebuilt) or 'nothing'}")


@index_app.command("advise")
def advise_command(
    names: Annotated[
        list[str] | None, typer.Argument(help="default: every request-path query")
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", help="write the migration pair for each proposed index")
    ] = False,
    directory: Directory = None,
) -> None:
    """EXPLAINs every request-path query with its @example parameters and lists the ones
    that scan a label without saying why (@scan), with the indexes that would serve them.
    Exit code 1 when there is one."""
    with connect(schema_guard=require_current) as graph:
        found = advise(graph, names or None)
        table = Table("query", "verdict", "scans / reason", "proposed index")
        for advice in found:
            said = advice.reason or "; ".join(advice.scans)
            proposed = ", ".join(f"{label}.{prop}" for label, prop in advice.proposals)
            colour = "red" if advice.needs_attention else "default"
            table.add_row(advice.query, f"[{colour}]{advice.verdict}[/]", said, proposed)
        console.print(table)
        counts = Counter(advice.verdict for advice in found)
        console.print(", ".join(f"{verdict}: {n}" for verdict, n in sorted(counts.items())))
        if write:
            for label, prop in sorted({p for advice in found for p in advice.proposals}):
                _write(plan_index(graph, label, prop, directory=directory), directory, False)
    if any(advice.needs_attention for advice in found):
        raise typer.Exit(1)
