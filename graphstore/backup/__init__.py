"""Backups: a portable, verified copy of the whole graph (docs/backup-format.md).

graphstore.backup.create(graph, Path("graph.gsb"))
graphstore.backup.verify(Path("graph.gsb"))
graphstore.backup.restore(graph, Path("graph.gsb"))
"""

from graphstore.backup.archive import BackupError
from graphstore.backup.library import KeptBackup, list_backups, new_path, prune, safety_backup
from graphstore.backup.operations import (
    BackupReport,
    RestoreReport,
    VerifyReport,
    create,
    restore,
    secret_from,
    verify,
)
from graphstore.backup.stream import tally

__all__ = [
    "BackupError",
    "BackupReport",
    "KeptBackup",
    "RestoreReport",
    "VerifyReport",
    "create",
    "list_backups",
    "new_path",
    "prune",
    "restore",
    "safety_backup",
    "secret_from",
    "tally",
    "verify",
]
