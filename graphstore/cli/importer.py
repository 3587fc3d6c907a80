"""`graphstore import megamek PATH | rules FILE` and `graphstore demo`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graphstore.connection import connect
from graphstore.importer import ImportReport, import_megamek, import_rules
from graphstore.importer.demo import demo_tour, load_demo
from graphstore.importer.rules_pack import RulesImportReport
from graphstore.migrations import apply_pending
from graphstore.tenancy.names import DEFAULT_TENANT

import_app = typer.Typer(no_args_is_help=True, help="Import real data into the graph.")
console = Console()


def _summary(report: ImportReport, *, dry_run: bool) -> Table:
    counts = report.counts
    table = Table(title="import summary" + (" (dry run: nothing written)" if dry_run else ""))
    table.add_column("measure")
    table.add_column("value", justify="right")
    rows = [
        ("units imported", counts.units_imported),
        ("equipment imported", counts.equipment_imported),
        ("mounts total", counts.mounts_total),
        ("  resolved by exact id", counts.mounts_resolved.exact),
        ("  resolved by name-mappings.json", counts.mounts_resolved.mapping),
        ("  resolved by normalized key", counts.mounts_resolved.normalized),
        ("  unresolved (placeholders)", counts.mounts_unresolved),
        ("distinct unresolved references", len(report.unresolved)),
        *(
            (f"corrected by {kind.replace('_', ' ')}", entry.count)
            for kind, entry in sorted(report.corrections.items())
        ),
        ("duplicate catalog ids", len(report.duplicates)),
        ("errors (not imported)", len(report.errors)),
        ("warnings (imported, with a note)", len(report.warnings)),
        ("duration (s)", report.duration_s),
    ]
    for name, value in rows:
        table.add_row(name, str(value))
    return table


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


@import_app.command("megamek")
def megamek(
    path: Annotated[Path, typer.Argument(help="a directory with equipment/ and/or units/")],
    report: Annotated[
        Path | None, typer.Option("--report", help="write the JSON report here")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="read and resolve, write nothing")
    ] = False,
    tenant: Annotated[str, typer.Option(help="the tenant that owns the units")] = DEFAULT_TENANT,
    shared: Annotated[
        bool, typer.Option("--shared", help="the units become shared templates (no tenant)")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="exit 1 on warnings too, not only on errors")
    ] = False,
) -> None:
    """Import megamek-web JSON: equipment catalogs (shared) and unit files.

    Exit code 0 when everything was imported, warnings or not (an empty equipment list, a
    derived value stored as unknown); 1 when something could not be (a file, a unit or a
    mount: the rest is imported, and the report lists each), or with --strict when there
    are warnings; 2 for bad usage.
    """
    # A dry run reads the graph's catalog but writes nothing, not even migrations.
    with (
        connect(schema_guard=None if dry_run else apply_pending) as graph,
        _progress() as progress,
    ):
        result = import_megamek(
            graph, path, dry_run=dry_run, progress=progress, tenant=None if shared else tenant
        )
    console.print(_summary(result, dry_run=dry_run))
    for kind, colour, issues in (
        ("errors", "red", result.errors),
        ("warnings", "yellow", result.warnings),
    ):
        for issue in issues[:10]:
            console.print(
                f"[{colour}]{kind[:-1]}[/] {escape(issue.file)} {escape(issue.field)}: "
                f"{escape(issue.message)}"
            )
        if len(issues) > 10:
            console.print(f"… and {len(issues) - 10} more {kind} (see the JSON report)")
    if report is not None:
        result.write(report)
        console.print(f"report written to {report}")
    if result.errors or (strict and result.warnings):
        # Everything readable was imported; the exit code says that something was not (or,
        # with --strict, that something was imported with a note).
        raise typer.Exit(1)


def _rules_summary(result: RulesImportReport) -> Table:
    table = Table(title="rules pack")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("conflicts", str(result.conflicts))
    table.add_row("requirements", str(result.requires))
    table.add_row("items with limits", str(result.limits))
    table.add_row("unknown items skipped", str(len(result.missing_equipment)))
    table.add_row("unknown categories skipped", str(len(result.missing_categories)))
    return table


@import_app.command("rules")
def rules(
    file: Annotated[Path, typer.Argument(help="a rules pack, e.g. data/rules/battletech.yaml")],
) -> None:
    """Import a rules pack as CONFLICTS_WITH / REQUIRES relationships and limits."""
    with connect(schema_guard=apply_pending) as graph:
        result = import_rules(graph, file)
    console.print(_rules_summary(result))
    if result.missing_equipment:
        console.print("not in the graph: " + escape(", ".join(result.missing_equipment)))


def demo() -> None:
    """Load the demo data set if needed and take a short tour of it."""
    with connect(schema_guard=apply_pending) as graph:
        loaded = load_demo(graph)
        tour = demo_tour(graph)
    console.print(_summary(loaded.data, dry_run=False))
    counts = Table(title="the graph")
    counts.add_column("what")
    counts.add_column("count", justify="right")
    for name, value in tour.counts.items():
        counts.add_row(name, str(value))
    console.print(counts)
    table = Table(title=f"violations of {tour.loadout_id}")
    for column in ("severity", "rule", "location", "message"):
        table.add_column(column)
    for v in tour.violations:
        table.add_row(v["severity"], v["rule"], v["location"] or "", escape(v["message"]))
    console.print(table)
    fits = Table(title=f"what fits in {tour.fits_location} of {tour.fits_loadout_id}?")
    for column in ("id", "name", "slots", "tons", "BV"):
        fits.add_column(column)
    for row in tour.fits:
        fits.add_row(
            row["id"],
            row["name"],
            str(row["crit_slots"]),
            str(row["tonnage"]),
            str(row["battle_value"]),
        )
    console.print(fits)
