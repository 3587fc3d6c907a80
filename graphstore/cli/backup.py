"""`graphstore backup create|verify|restore|list|prune`, and the backup every destructive
command takes first (`safety_net`)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graphstore.backup import (
    create,
    list_backups,
    new_path,
    prune,
    restore,
    safety_backup,
    secret_from,
    verify,
)
from graphstore.connection import connect
from graphstore.graph import Graph
from graphstore.store import GraphStore

backup_app = typer.Typer(no_args_is_help=True, help="Backups of the whole graph or one tenant.")
console = Console()

KeyFile = Annotated[
    Path | None,
    typer.Option("--key-file", help="the key (a passphrase in a file); or GRAPHSTORE_BACKUP_KEY"),
]


def _bar() -> Progress:
    return Progress(
        TextColumn("{task.description:<8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def safety_net(graph: Graph, reason: str, *, tenant: str | None = None, quiet: bool = False) -> str:
    """Takes a backup (of the whole graph, or of the one tenant the command changes) before
    a destructive command; returns (and unless `quiet` prints) the line that names it."""
    with _bar() as bar:
        made = safety_backup(graph, reason, tenant=tenant, progress=None if quiet else bar)
    how = (
        "`graphstore backup restore --replace FILE` brings the tenant back"
        if tenant
        else "`graphstore backup restore` brings it back"
    )
    line = f"backup taken first: {made.path} ({made.metadata['records']} records; {how})"
    if not quiet:
        console.print(escape(line), highlight=False)
    return line


@backup_app.command("create")
def create_backup(
    out: Annotated[
        Path | None, typer.Option(help="the file (default: GRAPHSTORE_HOME/backups/...)")
    ] = None,
    key_file: KeyFile = None,
    tenant: Annotated[str | None, typer.Option(help="one tenant only")] = None,
) -> None:
    """Write the whole graph (nodes, relationships, schema, migration history), or one
    tenant's part of it, to one compressed, checksummed archive; encrypted when a key is
    given."""
    target = out or new_path()
    with connect() as graph, _bar() as bar:
        made = create(graph, target, secret=secret_from(key_file), tenant=tenant, progress=bar)
    of = escape(f"tenant {made.metadata['tenant']!r}, ") if made.metadata.get("tenant") else ""
    console.print(
        f"backup {escape(str(made.path))}: {of}{made.metadata['records']} records, "
        f"{made.bytes:,} bytes, schema version {made.metadata['schema_version']}, "
        f"graph hash {made.metadata['graph_hash'][:16]}… in {made.seconds} s"
    )


@backup_app.command("verify")
def verify_backup(
    file: Annotated[Path, typer.Argument(help="a backup file")], key_file: KeyFile = None
) -> None:
    """Check every frame's checksum and, with the key (or unencrypted), the records against
    the metadata. Exit code 1 when anything is wrong, with where."""
    report = verify(file, secret=secret_from(key_file))
    if report.metadata is None:
        console.print(
            f"{escape(str(file))}: {report.frames} frame(s), checksums intact; the content is "
            "encrypted: pass the key to check it against its metadata"
        )
        return
    if not report.ok:
        for problem in report.problems:
            console.print(f"[red]{escape(problem)}[/]")
        raise typer.Exit(1)
    # What a file says is printed as text, never as Rich markup.
    of = escape(f"tenant {report.metadata['tenant']!r}, ") if report.metadata.get("tenant") else ""
    console.print(
        f"{escape(str(file))}: intact; {of}{report.metadata['records']} records, schema version "
        f"{report.metadata['schema_version']}, from {report.metadata['engine']['kind']} "
        f"{report.metadata['engine']['version']} at {report.metadata['created_at']}"
    )


@backup_app.command("restore")
def restore_backup(
    file: Annotated[Path, typer.Argument(help="a backup file")],
    replace: Annotated[
        bool,
        typer.Option(
            help="empty a graph that is not empty first, or replace the tenant a tenant's "
            "backup restores into (backing it up)"
        ),
    ] = False,
    key_file: KeyFile = None,
    as_tenant: Annotated[
        str | None, typer.Option(help="restore a tenant's backup under this tenant id")
    ] = None,
) -> None:
    """Restore into an empty graph: migrate to the backup's schema, write every record,
    check counts and graph hash. A tenant's backup restores into its tenant (or
    --as-tenant) of a graph that may serve others. An interrupted restore is started over
    by the next."""
    secret = secret_from(key_file)
    with connect() as graph:

        def back_up_first(tenant: str | None) -> None:
            safety_net(graph, "before-restore-replace", tenant=tenant)

        with _bar() as bar:
            done = restore(
                graph,
                file,
                secret=secret,
                replace=replace,
                as_tenant=as_tenant,
                before_replace=back_up_first,
                progress=bar,
            )
    restarted = " (an interrupted restore was started over)" if done.restarted else ""
    into = escape(f" into tenant {done.tenant!r}") if done.tenant else ""
    console.print(
        f"restored {done.records} records from {escape(str(file))}{into} in {done.seconds} s; "
        f"counts and graph hash match the backup{restarted}"
    )
    if done.shared_written:
        console.print(
            f"{done.shared_written} shared catalog item(s) the tenant uses were missing here "
            "and came from the backup (without their categories and rules)"
        )
    if done.keys_left_out:
        console.print(
            escape(
                f"{done.keys_left_out} API key(s) of tenant {done.metadata['tenant']!r} were "
                f"left out: make new ones with `graphstore key create --tenant {done.tenant} "
                "--role ...`"
            )
        )


@backup_app.command("list")
def list_command() -> None:
    """The backups under GRAPHSTORE_HOME/backups, newest first."""
    kept = list_backups()
    for backup in kept:
        console.print(
            f"{escape(str(backup.path))}  {backup.bytes:,} bytes  {backup.modified.isoformat()}",
            soft_wrap=True,
            highlight=False,
        )
    console.print(f"{len(kept)} backup(s)")


@backup_app.command("prune")
def prune_command(
    keep: Annotated[int, typer.Option(min=0, help="how many of the newest to keep")],
) -> None:
    """Delete all but the newest KEEP backups under GRAPHSTORE_HOME/backups."""
    gone = prune(keep)
    for path in gone:
        console.print(f"deleted {escape(str(path))}")
    console.print(f"{len(gone)} backup(s) deleted, {len(list_backups())} kept")


def purge(
    older_than_days: Annotated[
        float, typer.Option(min=0, help="purge what was soft-deleted at least this long ago")
    ] = 30,
) -> None:
    """Hard-delete what was soft-deleted long enough ago (a backup first). Items still
    mounted somewhere are kept."""
    with connect() as graph:
        safety_net(graph, "before-purge")
        reports = GraphStore(graph, actor="graphstore purge").purge(timedelta(days=older_than_days))
    for report in reports:
        console.print(f"purged {report.label} {escape(report.id)}")
    console.print(f"{len(reports)} entit(ies) purged")
