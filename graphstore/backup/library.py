"""The backups kept under GRAPHSTORE_HOME/backups: names, listing, pruning, and the backup a
destructive command takes before it destroys anything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rich.progress import Progress

from graphstore.backup.operations import BackupReport, create, secret_from
from graphstore.graph import Graph
from graphstore.settings import EngineSettings

SUFFIX = ".gsb"


def backups_dir(home: Path | None = None) -> Path:
    return (home or EngineSettings().resolved_home) / "backups"


def new_path(reason: str = "manual", home: Path | None = None) -> Path:
    """A new backup's file name: when, and why (`manual`, or the command it protects)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return backups_dir(home) / f"graphstore-{stamp}-{reason}{SUFFIX}"


@dataclass(frozen=True)
class KeptBackup:
    path: Path
    bytes: int
    modified: datetime


def list_backups(home: Path | None = None) -> list[KeptBackup]:
    """The backups under GRAPHSTORE_HOME/backups, newest first."""
    folder = backups_dir(home)
    if not folder.is_dir():
        return []
    found = [
        KeptBackup(
            path,
            path.stat().st_size,
            datetime.fromtimestamp(path.stat().st_mtime, UTC),
        )
        for path in folder.glob(f"*{SUFFIX}")
    ]
    return sorted(found, key=lambda b: (b.modified, b.path.name), reverse=True)


def prune(keep: int, home: Path | None = None) -> list[Path]:
    """Deletes all but the `keep` newest backups; returns what it deleted."""
    if keep < 0:
        raise ValueError("keep must be 0 or more")
    gone = [kept.path for kept in list_backups(home)[keep:]]
    for path in gone:
        path.unlink()
    return gone


def safety_backup(
    graph: Graph,
    reason: str,
    *,
    tenant: str | None = None,
    home: Path | None = None,
    progress: Progress | None = None,
) -> BackupReport:
    """The backup a destructive command takes first (encrypted when a key is set): of the
    whole graph, or of the one tenant it would change."""
    if tenant is not None:
        reason = f"{reason}-{tenant}"
    return create(
        graph, new_path(reason, home), secret=secret_from(), tenant=tenant, progress=progress
    )
