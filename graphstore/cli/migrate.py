"""`graphstore migrate ...` and `graphstore schema diff`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from graphstore.cli.backup import safety_net
from graphstore.connection import connect
from graphstore.graph import PLATFORM, Graph
from graphstore.migrations import Migrator, schema_diff
from graphstore.store.history.catch_up import SINCE_SCHEMA, record_untracked
from graphstore.store.scope import Scope

migrate_app = typer.Typer(help="Versioned Cypher migrations.")
schema_app = typer.Typer(no_args_is_help=True, help="Inspect the live schema.")
console = Console()


def _graph() -> Graph:
    return connect()


@migrate_app.callback(invoke_without_command=True)
def migrate(
    ctx: typer.Context,
    target: Annotated[int | None, typer.Option(help="stop after this version")] = None,
    dry_run: Annotated[
        bool, typer.Option(help="print the plan and check it; change nothing")
    ] = False,
    out_of_order: Annotated[bool, typer.Option(help="apply missing lower versions")] = False,
) -> None:
    """Apply pending migrations (the default when no sub-command is given)."""
    if ctx.invoked_subcommand is not None:
        return
    with _graph() as graph:
        result = Migrator(graph).migrate(
            target, dry_run=dry_run, out_of_order=out_of_order, progress=console.print
        )
        if result.applied and not dry_run and (result.schema_version or 0) >= SINCE_SCHEMA:
            # What the applied data steps changed (or what predates history) gets a version.
            recorded = len(
                record_untracked(
                    Scope(graph, PLATFORM), "graphstore migrate", progress=console.print
                )
            )
            console.print(f"history: {recorded} version(s) recorded for migrated data")
    if dry_run:
        if not result.plan:
            console.print("nothing to apply")
        for step in result.plan:
            console.print(f"[bold]{step.direction}[/] {step.script.label}")
            for statement in step.script.statements:
                console.print(f"    {statement};", highlight=False, markup=False)
        for check in result.checks:
            console.print(f"[yellow]check:[/] {escape(check)}", highlight=False)
        verdict = "clean" if not result.checks else f"{len(result.checks)} finding(s)"
        console.print(f"dry run: {len(result.plan)} step(s), checks {verdict}; nothing changed")
        if result.checks:
            raise typer.Exit(1)
        return
    applied = ", ".join(result.applied) or "nothing (up to date)"
    console.print(f"applied {applied}; schema version {result.schema_version}")


@migrate_app.command()
def status() -> None:
    """Applied, pending, changed-since-applied and missing migrations."""
    with _graph() as graph:
        report = Migrator(graph).status()
    table = Table("version", "description", "status", "applied at", "error")
    colours = {"applied": "green", "pending": "yellow", "undone": "yellow", "baseline": "cyan"}
    for row in report.rows:
        colour = colours.get(row.status, "red")
        table.add_row(
            row.key,
            escape(row.description),
            f"[{colour}]{row.status}[/]",
            str(row.applied_at or ""),
            escape(row.error or ""),
        )
    console.print(table)
    console.print(f"schema version {report.schema_version}, latest {report.latest_version}")


@migrate_app.command()
def validate() -> None:
    """Fails (exit 1) on checksum drift, missing files or FAILED migrations."""
    with _graph() as graph:
        report = Migrator(graph).validate()
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/] {escape(warning)}")
    for error in report.errors:
        console.print(f"[red]error:[/] {escape(error)}")
    if not report.ok:
        raise typer.Exit(1)
    console.print("migrations valid")


@migrate_app.command()
def repair() -> None:
    """Accept current checksums and clear FAILED states."""
    with _graph() as graph:
        actions = Migrator(graph).repair()
    for action in actions or ["nothing to repair"]:
        console.print(action)


@migrate_app.command()
def baseline(version: int) -> None:
    """Adopt an existing database: versions up to VERSION count as applied."""
    with _graph() as graph:
        Migrator(graph).baseline(version)
    console.print(f"baselined at V{version:03d}")


@migrate_app.command()
def rollback(to: Annotated[int, typer.Option("--to", help="the version to return to")]) -> None:
    """Run the undo scripts, newest first, down to version TO. Undoing a migration that
    changed data (its undo script writes data) takes a backup first."""
    with _graph() as graph:
        migrator = Migrator(graph)
        scripts = migrator.scripts()
        current = migrator.history.schema_version() or 0
        undone_data = [
            scripts.undo[version].label
            for version in range(to + 1, current + 1)
            if version in scripts.undo and scripts.undo[version].phases()[1]
        ]
        if undone_data:
            safety_net(graph, "before-rollback")
        undone = migrator.rollback(to, progress=console.print)
    console.print(f"rolled back {', '.join(undone) or 'nothing'}; schema version {to}")


@schema_app.command()
def diff() -> None:
    """Compare live constraints and indexes with what the applied migrations declare."""
    with _graph() as graph:
        drift = schema_diff(graph)
    for label, items in (
        ("missing", drift.missing),
        ("unexpected", drift.unexpected),
        ("different", drift.different),
    ):
        for item in items:
            console.print(f"[red]{label}:[/] {escape(item)}")
    if not drift.clean:
        raise typer.Exit(1)
    console.print("schema matches the applied migrations")
