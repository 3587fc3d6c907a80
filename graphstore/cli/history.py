"""`graphstore history verify|catch-up|compact|restore-archive`: version history upkeep."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from graphstore.cli.backup import safety_net
from graphstore.cli.options import ScopeOption, instant, tenant_scope
from graphstore.connection import connect
from graphstore.graph import PLATFORM, Graph
from graphstore.migrations import require_current
from graphstore.settings import EngineSettings
from graphstore.store import GraphStore
from graphstore.store.history.archive import compact as compact_history
from graphstore.store.history.archive import restore_archive as restore_history
from graphstore.store.history.catch_up import record_untracked
from graphstore.store.scope import Scope
from graphstore.tenancy.names import DEFAULT_TENANT

history_app = typer.Typer(no_args_is_help=True, help="Version history of units and loadouts.")
console = Console()


def _graph() -> Graph:
    return connect(schema_guard=require_current)


def _progress(message: str) -> None:
    console.print(f"[dim]{escape(message)}[/]", highlight=False)


@history_app.command()
def verify(
    entity_id: Annotated[str, typer.Argument(help="a unit or loadout id")],
    tenant: ScopeOption = DEFAULT_TENANT,
) -> None:
    """Check one entity's hash chain: every stored version rebuilt and hashed again. Exit
    code 1 when it is broken (or the id has no history)."""
    with _graph() as graph:
        scope = tenant_scope(graph, tenant)
        store = GraphStore(graph, tenant=scope.tenant, platform=scope.platform)
        reports = [
            repository.verify_history(entity_id) for repository in (store.units, store.loadouts)
        ]
    found = [report for report in reports if report.versions]
    if not found:
        console.print(f"[red]no unit or loadout {escape(entity_id)!r} has recorded versions[/]")
        raise typer.Exit(1)
    for report in found:
        verdict = "[green]intact[/]" if report.ok else "[red]broken[/]"
        console.print(
            f"{report.entity_label} {escape(entity_id)}: {report.versions} version(s), {verdict}"
        )
        for problem in report.problems:
            console.print(f"  [red]{escape(problem)}[/]", highlight=False)
    if not all(report.ok for report in found):
        raise typer.Exit(1)


@history_app.command("catch-up")
def catch_up(
    actor: Annotated[str, typer.Option(help="who the versions name")] = "graphstore history",
) -> None:
    """Record a version of every unit and loadout whose content its newest version does not
    hold (what `graphstore migrate` does after it applies a migration)."""
    with _graph() as graph:
        recorded = len(record_untracked(Scope(graph, PLATFORM), actor, progress=_progress))
    console.print(f"{recorded} version(s) recorded")


@history_app.command()
def compact(
    before: Annotated[
        datetime,
        typer.Option(
            parser=instant,
            metavar="TIME",
            help="archive versions older than this (2026-01-01, or a time; UTC when no offset)",
        ),
    ],
    keep_every: Annotated[
        int | None, typer.Option(min=1, help="keep every Nth version (by number) anyway")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="the archive file (default: GRAPHSTORE_HOME/history-archives/...)"),
    ] = None,
) -> None:
    """Move old versions into a compressed, checksummed archive and out of the graph. An
    entity's newest version always stays; the chain still verifies (`graphstore check`)."""
    if out is None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        out = EngineSettings().resolved_home / "history-archives" / f"history-{stamp}.jsonl.xz"
    with _graph() as graph:
        safety_net(graph, "before-history-compact")
        result = compact_history(
            Scope(graph, PLATFORM), before, out, keep_every=keep_every, progress=_progress
        )
    console.print(
        f"archived {result.archived} version(s) of {result.entities} entit(ies) into "
        f"{escape(str(result.archive))} (sha-256 {result.checksum[:16]}…); "
        f"{result.rewritten} kept version(s) now stored whole"
    )


@history_app.command("restore-archive")
def restore_archive(
    archive: Annotated[Path, typer.Argument(help="a file `history compact` wrote")],
) -> None:
    """Bring archived versions back into the graph (those not stored already), after
    checking the file's checksum."""
    with _graph() as graph:
        result = restore_history(Scope(graph, PLATFORM), archive, progress=_progress)
    console.print(
        f"restored {result.restored} version(s) of {len(result.entities)} entit(ies) from "
        f"{escape(str(archive))}; {result.already_stored} were stored already"
    )
