"""`graphstore validate [--loadout ID | --all] [--tenant T] [--format table|json]`.

Exit code 0 when no open errors remain, 1 when some do (for scripts), 2 for bad usage.
Progress and tables go to the terminal; --format json prints one JSON document on stdout.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graphstore.cli.options import ScopeOption, tenant_scope
from graphstore.connection import connect
from graphstore.graph import ScopedGraph
from graphstore.migrations import require_current
from graphstore.rules import (
    LoadoutValidation,
    RulesEngine,
    ValidationFilter,
    ValidationSummary,
)
from graphstore.tenancy.names import DEFAULT_TENANT

console = Console()
progress_console = Console(stderr=True)

EXIT_ERRORS = 1
EXIT_USAGE = 2


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


def _violations_table(result: LoadoutValidation) -> Table:
    table = Table(title=f"loadout {escape(result.loadout_id)}", show_lines=False)
    for column in ("severity", "status", "cause", "rule", "equipment", "location", "message"):
        table.add_column(column)
    for v in result.violations:
        colour = "red" if v.is_blocking else "yellow" if v.status == "open" else "dim"
        message = v.message if v.source_note is None else f"{v.message} ({v.source_note})"
        table.add_row(
            f"[{colour}]{v.severity}[/]",
            v.status,
            v.cause,
            v.rule,
            escape(v.equipment_id or "-"),
            escape(v.location or "-"),
            escape(message),
        )
    return table


def _summary_table(summary: ValidationSummary) -> Table:
    table = Table(title="violations by rule")
    for column in ("rule", "errors", "warnings", "accepted", "design", "source data"):
        table.add_column(column, justify="left" if column == "rule" else "right")
    for rule_id, count in sorted(summary.by_rule.items()):
        table.add_row(
            rule_id,
            str(count.errors),
            str(count.warnings),
            str(count.accepted),
            str(count.by_cause.get("design", 0)),
            str(count.by_cause.get("source_data", 0)),
        )
    table.add_row(
        "[bold]total[/]",
        str(summary.errors),
        str(summary.warnings),
        str(summary.accepted),
        str(summary.errors_by_cause.get("design", 0)) + " errors",
        str(summary.errors_by_cause.get("source_data", 0)) + " errors",
    )
    table.caption = (
        f"{summary.loadouts_with_errors} of {summary.loadouts} loadouts have an open error; "
        f"{summary.loadouts_with_design_errors} one whose cause is the design"
    )
    return table


def _as_json(result: LoadoutValidation) -> dict[str, Any]:
    return {
        "loadout_id": result.loadout_id,
        "valid": result.is_valid,
        "violations": [v.model_dump(mode="json") for v in result.violations],
    }


def validate(
    loadout: Annotated[str | None, typer.Option("--loadout", help="validate one loadout")] = None,
    all_loadouts: Annotated[
        bool, typer.Option("--all", help="validate every live loadout")
    ] = False,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="table for people, json for scripts")
    ] = OutputFormat.table,
    tech_base: Annotated[
        str | None, typer.Option(help="with --all: only units of this tech base")
    ] = None,
    unit_type: Annotated[str | None, typer.Option(help="with --all: only this unit type")] = None,
    tenant: ScopeOption = DEFAULT_TENANT,
) -> None:
    """Check loadouts against every compatibility rule, in one tenant (the default one unless
    --tenant names another). Exit code 1 when errors remain."""
    if (loadout is None) == (not all_loadouts):
        progress_console.print("give exactly one of --loadout ID or --all")
        raise typer.Exit(EXIT_USAGE)
    with connect(schema_guard=require_current) as graph:
        engine = RulesEngine(ScopedGraph(graph, tenant_scope(graph, tenant)))
        if loadout is not None:
            result = engine.validate(loadout)
            if output is OutputFormat.json:
                console.print_json(json.dumps(_as_json(result)))
            elif result.violations:
                console.print(_violations_table(result))
            else:
                console.print(f"loadout {escape(loadout)}: no violations")
            if not result.is_valid:
                raise typer.Exit(EXIT_ERRORS)
            return
        run = engine.validate_all(ValidationFilter(tech_base=tech_base, unit_type=unit_type))
        flagged: list[LoadoutValidation] = []
        with Progress(
            TextColumn("validating"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=progress_console,
            transient=output is OutputFormat.json,
        ) as progress:
            task = progress.add_task("loadouts", total=run.total)
            for result in run:
                if result.violations:
                    flagged.append(result)
                progress.advance(task)
    summary = run.summary
    if output is OutputFormat.json:
        document = {
            "summary": summary.model_dump(mode="json"),
            "loadouts": [_as_json(result) for result in flagged],
        }
        console.print_json(json.dumps(document))
    else:
        console.print(_summary_table(summary))
        console.print(
            f"{summary.loadouts_with_errors} of {summary.loadouts} loadout(s) have errors; "
            f"{summary.warnings} warning(s), {summary.accepted} accepted"
        )
    if summary.loadouts_with_errors:
        raise typer.Exit(EXIT_ERRORS)
