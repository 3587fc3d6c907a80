"""`graphstore check [--repair] [--log FILE] [--format table|json]`.

Reports every broken invariant the checks in cypher/store/checks/ know (orphans, cycles,
dangling or misdirected links, live children of deleted owners, several stock loadouts or
owners, duplicate ids, missing properties, stale calculations), each with a severity.
--repair fixes the safe kinds (each fix is also an audit Change), appends what it changed
to the log file as JSON lines, and names the kinds left for a human. Exit code 1 when errors
remain.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from graphstore.cli.backup import safety_net
from graphstore.connection import connect
from graphstore.migrations import require_current
from graphstore.store import GraphStore, IntegrityReport
from graphstore.store.integrity import DELETING_REPAIRS

console = Console()

EXIT_ERRORS = 1


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


def _findings_table(report: IntegrityReport) -> Table:
    table = Table(title="integrity findings")
    for column in ("severity", "kind", "label", "id", "repairable", "detail"):
        table.add_column(column)
    for f in sorted(report.findings, key=lambda f: (f.severity != "error", f.kind, f.id or "")):
        colour = {"error": "red", "warning": "yellow"}.get(f.severity, "dim")
        table.add_row(
            f"[{colour}]{f.severity}[/]",
            f.kind,
            f.label or "-",
            escape(f.id or "-"),
            "yes" if f.repairable else "no",
            escape(f.detail),
        )
    return table


def write_repair_log(path: Path, report: IntegrityReport, actor: str) -> None:
    """Appends one JSON line per repair action."""
    with path.open("a", encoding="utf-8") as log:
        for action in report.repaired:
            entry = {"at": report.checked_at.isoformat(), "actor": actor, **action.model_dump()}
            log.write(json.dumps(entry) + "\n")


def check(
    repair: Annotated[
        bool, typer.Option("--repair", help="fix the safe kinds and log what changed")
    ] = False,
    log: Annotated[Path, typer.Option("--log", help="repair log (JSON lines, appended)")] = Path(
        "graphstore-repair.log"
    ),
    actor: Annotated[str, typer.Option(help="who the audit trail names")] = "graphstore check",
    output: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
) -> None:
    """Check the graph's integrity; with --repair, fix what is safe to fix."""
    with connect(schema_guard=require_current) as graph:
        store = GraphStore(graph, actor=actor)
        if repair and any(
            f.repairable and f.kind in DELETING_REPAIRS for f in store.check_integrity().findings
        ):
            # Some fixes delete: a backup first, named on stderr when stdout is JSON.
            taken = safety_net(graph, "before-repair", quiet=True)
            Console(stderr=output is OutputFormat.json).print(escape(taken), highlight=False)
        report = store.check_integrity(repair=repair)
    if repair and report.repaired:
        write_repair_log(log, report, actor)
    if output is OutputFormat.json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        for action in report.repaired:
            console.print(
                f"[green]repaired[/] {action.kind} {escape(action.label or '')} "
                f"{escape(action.id or '')}: {escape(action.action)}",
                highlight=False,
            )
        if report.findings:
            console.print(_findings_table(report))
        if repair and report.repaired:
            console.print(f"{len(report.repaired)} repair(s) logged to {log}")
        manual = sorted({f.kind for f in report.findings if not f.repairable})
        if repair and manual:
            console.print(f"not repaired, no safe fix (needs a human): {', '.join(manual)}")
        errors = sum(f.severity == "error" for f in report.findings)
        console.print(
            f"{errors} error(s), {len(report.findings) - errors} other finding(s)"
            + ("" if report.findings else ": the graph is sound")
        )
    if not report.ok:
        raise typer.Exit(EXIT_ERRORS)
