"""Backup create, verify and restore (the file format is graphstore.backup.archive).

A restore does not write through the store: it reproduces a graph exactly (its versions,
its audit trail, its timestamps and version numbers), which the store's write path would
re-stamp, re-validate and record as new changes. It writes with named queries only
(cypher/backup/), into an empty graph, under a marker the schema guard refuses until the
result has been checked against the backup.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.progress import Progress

from graphstore.backup import model
from graphstore.backup.archive import FORMAT_VERSION, BackupError, Reader, Writer, decode_properties
from graphstore.backup.stream import Tally, canonical_line, records, tally
from graphstore.graph import Graph
from graphstore.importer.progress import start_phase
from graphstore.migrations import Migrator
from graphstore.migrations.schema_diff import live_schema

BATCH = 2_000
WIPE_BATCH = 10_000
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
    """Streams the whole graph into one archive (see the module). Refuses to overwrite.
    `progress` (a Rich progress display, as the CLI passes) gets a bar of records."""
    if tenant is not None:
        # Tenants exist (docs/tenants.md); a backup of one of them alone is not built yet.
        raise BackupError(
            "a backup of one tenant is not built yet: back up the whole graph (no --tenant)"
        )
    started = datetime.now(UTC)
    clock = _Clock()
    # No total: counting first would scan the graph once more (seconds at 100k units).
    phase = start_phase(progress, "backup", None)
    writer = Writer(out, secret)
    found = Tally()
    try:
        for record in records(graph):
            line = canonical_line(record)
            writer.add_line(line)
            found.add(record, line)
            phase.advance()
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
    problems = _differences(metadata, found)
    return VerifyReport(path, metadata, frames, problems)


def _differences(metadata: dict[str, Any], found: Tally) -> list[str]:
    problems = []
    summary = found.summary()
    for key in ("nodes", "relationships", "graph_hash"):
        if metadata.get(key) != summary[key]:
            problems.append(f"{key}: the backup says {metadata.get(key)}, found {summary[key]}")
    return problems


@dataclass
class RestoreReport:
    path: Path
    metadata: dict[str, Any]
    records: int
    seconds: float
    restarted: bool


def restore(
    graph: Graph,
    path: Path,
    *,
    secret: bytes | None = None,
    replace: bool = False,
    progress: Progress | None = None,
) -> RestoreReport:
    """Restores a backup into an empty graph (or, with `replace`, one it empties first):
    migrates it to the backup's schema version, writes every record, and checks the counts
    and the graph hash against the backup's metadata before it removes its marker.

    A restore that was interrupted left its marker: the next one starts over cleanly."""
    clock = _Clock()
    reader = Reader(path, secret)
    if reader.encrypted and secret is None:
        raise BackupError(f"{path} is encrypted: set {KEY_VARIABLE} or pass --key-file")
    metadata = reader.read_metadata()  # every checksum, before anything is written
    assert metadata is not None
    _check_restorable(path, metadata, Migrator(graph).scripts().latest_version or 0)
    marker = graph.read("migrations/restore_marker")
    nodes = graph.read("backup/node_count")[0]["nodes"]
    if nodes and not (replace or marker):
        raise BackupError(
            f"the target graph is not empty ({nodes} nodes); restore into an empty one, or "
            "pass --replace (which takes a backup of it first)"
        )
    _wipe(graph)
    graph.write("backup/marker_set", file=str(path), now=datetime.now(UTC))
    version = metadata.get("schema_version")
    if version:
        Migrator(graph).migrate(target=version)
        # What migrating wrote (its history, the catalog counter) comes from the backup.
        _wipe(graph)
        graph.write("backup/marker_set", file=str(path), now=datetime.now(UTC))
    written = 0
    phase = start_phase(progress, "restore", metadata["records"])
    for kind, batch in _batches(reader.records()):
        graph.write(f"backup/create_{kind}", rows=batch)
        written += len(batch)
        phase.advance(len(batch))
    check = start_phase(progress, "check", metadata["records"])
    found = tally(graph)
    check.finish()
    problems = _differences(metadata, found)
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


def _batches(stream: Iterator[dict[str, Any]]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Records as rows of create_nodes and create_relationships, a batch at a time."""
    kind, batch = "", list[dict[str, Any]]()
    for record in stream:
        if "l" in record:
            row_kind = "nodes"
            row = {"labels": ":".join(record["l"]), "props": decode_properties(record["p"])}
        else:
            row_kind = "relationships"
            row = {
                "shape": f"{record['t']} {record['s'][0]} {record['e'][0]}",
                "start": record["s"][1],
                "end": record["e"][1],
                "props": decode_properties(record["p"]),
            }
        if batch and (row_kind != kind or len(batch) >= BATCH):
            yield kind, batch
            batch = []
        kind = row_kind
        batch.append(row)
    if batch:
        yield kind, batch


class _Clock:
    def __init__(self) -> None:
        self.started = datetime.now(UTC)

    def seconds(self) -> float:
        return round((datetime.now(UTC) - self.started).total_seconds(), 2)
