"""Backup create, verify and restore (the file format is graphstore.backup.archive).

A restore does not write through the store: it reproduces a graph exactly (its versions,
its audit trail, its timestamps and version numbers), which the store's write path would
re-stamp, re-validate and record as new changes. It writes with named queries only
(cypher/backup/), into an empty graph, under a marker the schema guard refuses until the
result has been checked against the backup.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.progress import Progress

from graphstore.backup import model
from graphstore.backup.archive import FORMAT_VERSION, BackupError, Reader, Writer
from graphstore.backup.stream import (
    References,
    Tally,
    canonical_line,
    records,
    restore_batches,
    tally,
)
from graphstore.backup.tenant import restore_tenant
from graphstore.graph import Graph
from graphstore.importer.progress import start_phase
from graphstore.migrations import Migrator
from graphstore.migrations.schema_diff import live_schema
from graphstore.tenancy.names import DEFAULT_TENANT

WIPE_BATCH = 10_000
RESTORE_GRACE_SECONDS = 1.0
"""How long a restore into a live graph waits between marking it and deleting anything: the
API (api.restore_gate) stops serving a marked graph within half of it."""
KEY_VARIABLE = "GRAPHSTORE_BACKUP_KEY"


def secret_from(key_file: Path | None = None) -> bytes | None:
    """The backup key: a file's contents, else GRAPHSTORE_BACKUP_KEY, else none."""
    if key_file is not None:
        if not key_file.is_file():
            raise BackupError(f"{key_file}: no such key file")
        secret = key_file.read_bytes().strip()
        if not secret:
            raise BackupError(f"{key_file} is empty")
        return secret
    value = os.environ.get(KEY_VARIABLE)
    return value.encode() if value else None


@dataclass
class BackupReport:
    path: Path
    metadata: dict[str, Any]
    seconds: float
    bytes: int


def create(
    graph: Graph,
    out: Path,
    *,
    secret: bytes | None = None,
    tenant: str | None = None,
    progress: Progress | None = None,
) -> BackupReport:
    """Streams the whole graph, or one tenant's part of it, into one archive (see the
    module). Refuses to overwrite. `progress` (a Rich progress display, as the CLI passes)
    gets a bar of records.

    A tenant's backup holds its Tenant node, its keys and everything it owns
    (cypher/backup/tenant_nodes), and names the shared items its data points at
    (`references`), carrying the catalog's among them whole (`shared`), so a restore can
    write those its target lacks."""
    started = datetime.now(UTC)
    clock = _Clock()
    # No total: counting first would scan the graph once more (seconds at 100k units).
    phase = start_phase(progress, "backup", None)
    writer = Writer(out, secret)
    found = Tally()
    references = References()
    try:
        for record in records(graph, tenant, references):
            line = canonical_line(record)
            writer.add_line(line)
            found.add(record, line)
            phase.advance()
        if tenant not in (None, DEFAULT_TENANT) and not found.nodes:
            # Neither its Tenant node nor anything it owned (a deleted tenant's audit
            # records are still its own, and backed up).
            raise BackupError(f"there is no tenant {tenant!r} to back up")
        metadata = {
            "format_version": FORMAT_VERSION,
            "created_at": started.isoformat(),
            "schema_version": Migrator(graph).history.schema_version(),
            "engine": {"kind": str(graph.info.kind), "version": graph.info.version},
            "schema": {
                name: {"kind": kind, "on": list(on), "properties": list(props)}
                for name, (kind, on, props) in sorted(live_schema(graph).items())
            },
            "tenant": tenant,
            "records": writer.records,
            **(references.metadata() if tenant else {}),
            **found.summary(),
        }
        path = writer.finish(metadata)
    except BaseException:
        writer.abort()
        raise
    phase.finish()
    return BackupReport(path, metadata, clock.seconds(), path.stat().st_size)


@dataclass
class VerifyReport:
    path: Path
    metadata: dict[str, Any] | None
    frames: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(path: Path, *, secret: bytes | None = None) -> VerifyReport:
    """Checks every frame's checksum; with the key (or unencrypted), also that the records
    match the metadata's counts and graph hash. BackupError for damage, with where."""
    reader = Reader(path, secret)
    frames = sum(1 for _ in reader.frames(decode=False))
    if reader.encrypted and secret is None:
        return VerifyReport(path, None, frames, [])
    found = Tally()
    for record in reader.records():
        found.add(record)
    metadata = reader.metadata
    problems = found.differences(metadata)
    return VerifyReport(path, metadata, frames, problems)


@dataclass
class RestoreReport:
    path: Path
    metadata: dict[str, Any]
    records: int
    seconds: float
    restarted: bool
    tenant: str | None = None
    """The tenant restored, for a backup of one tenant."""
    keys_left_out: int = 0
    """A tenant restored under a new id gets none of its original's keys."""
    shared_written: int = 0
    """Shared catalog items a tenant's backup carried that the target lacked."""


def restore(
    graph: Graph,
    path: Path,
    *,
    secret: bytes | None = None,
    replace: bool = False,
    as_tenant: str | None = None,
    before_replace: Callable[[str | None], object] | None = None,
    progress: Progress | None = None,
) -> RestoreReport:
    """Restores a backup into an empty graph (or, with `replace`, one it empties first):
    migrates it to the backup's schema version, writes every record, and checks the counts
    and the graph hash against the backup's metadata before it removes its marker.

    A backup of one tenant restores into that tenant, or `as_tenant`, of a graph that may
    hold others (graphstore.backup.tenant); `replace` then replaces only that tenant.

    `before_replace` is called (with the tenant, or None for the whole graph) once a
    `replace` is certain to delete data, before it does: the CLI takes a backup there.

    A restore that was interrupted left its marker: the next one starts over cleanly."""
    clock = _Clock()
    reader = Reader(path, secret)
    if reader.encrypted and secret is None:
        raise BackupError(f"{path} is encrypted: set {KEY_VARIABLE} or pass --key-file")
    metadata = reader.read_metadata()  # every checksum, before anything is written
    assert metadata is not None
    _check_restorable(path, metadata, Migrator(graph).scripts().latest_version or 0)
    if metadata.get("tenant") is not None:
        done = restore_tenant(
            graph,
            path,
            reader,
            metadata,
            as_tenant=as_tenant,
            replace=replace,
            before_replace=before_replace,
            progress=progress,
        )
        return RestoreReport(
            path,
            metadata,
            done.records,
            clock.seconds(),
            done.restarted,
            tenant=done.tenant,
            keys_left_out=done.keys_left_out,
            shared_written=done.shared_written,
        )
    if as_tenant is not None:
        raise BackupError(
            f"{path} is a backup of the whole graph; --as-tenant restores a backup of one "
            "tenant (graphstore backup create --tenant T)"
        )
    marker = graph.read("migrations/restore_marker")
    nodes = graph.read("backup/node_count")[0]["nodes"]
    if nodes and not (replace or marker):
        raise BackupError(
            f"the target graph is not empty ({nodes} nodes); restore into an empty one, or "
            "pass --replace (which takes a backup of it first)"
        )
    if nodes and not marker and before_replace is not None:
        before_replace(None)
    if not marker:
        graph.write("backup/marker_set", file=str(path), now=datetime.now(UTC))
        if nodes:
            # A live graph: every process serving it sees the mark before a node goes.
            time.sleep(RESTORE_GRACE_SECONDS)
    _wipe(graph)  # the mark stays
    version = metadata.get("schema_version")
    if version:
        Migrator(graph).migrate(target=version)
        # What migrating wrote (its history, the catalog counter) comes from the backup.
        _wipe(graph)
    written = 0
    phase = start_phase(progress, "restore", metadata["records"])
    for kind, batch in restore_batches(reader.records()):
        graph.write(f"backup/create_{kind}", rows=batch)
        written += len(batch)
        phase.advance(len(batch))
    check = start_phase(progress, "check", metadata["records"])
    found = tally(graph)
    check.finish()
    problems = found.differences(metadata)
    if problems:
        raise BackupError(
            "the restored graph differs from the backup (it stays marked as an unfinished "
            f"restore): {'; '.join(problems)}"
        )
    graph.write("backup/marker_clear")
    return RestoreReport(path, metadata, written, clock.seconds(), bool(marker))


def _check_restorable(path: Path, metadata: dict[str, Any], latest: int) -> None:
    version = metadata.get("schema_version") or 0
    if version > latest:
        raise BackupError(
            f"{path} holds schema version {version}, newer than this graphstore knows "
            f"({latest}); restore it with a newer graphstore"
        )
    unknown = [name for name in metadata.get("nodes", {}) if name not in model.LABEL_SETS]
    unknown += [
        name
        for name in metadata.get("relationships", {})
        if tuple(name.split(" ")) not in model.SHAPES
    ]
    if unknown:
        raise BackupError(
            f"{path} holds what this graphstore cannot restore: {', '.join(sorted(unknown))}"
        )


def _wipe(graph: Graph) -> None:
    while graph.write("backup/wipe_batch", limit=WIPE_BATCH)[0]["deleted"]:
        pass


class _Clock:
    def __init__(self) -> None:
        self.started = datetime.now(UTC)

    def seconds(self) -> float:
        return round((datetime.now(UTC) - self.started).total_seconds(), 2)
