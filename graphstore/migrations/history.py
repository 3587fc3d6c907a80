"""The migration history as stored in the graph: a chain of (:__Migration) records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from graphstore.graph import Graph
from graphstore.values import plain


class State(StrEnum):
    RUNNING = "RUNNING"
    SUCCESS = "SUCCESS"
    FAILED = "FAILED"
    UNDONE = "UNDONE"
    BASELINE = "BASELINE"
    CLEARED = "CLEARED"
    """A FAILED or RUNNING record that `repair` set aside; history keeps it, status ignores it."""


@dataclass(frozen=True)
class MigrationRecord:
    seq: int
    key: str
    version: int | None
    description: str
    kind: str
    checksum: str | None
    state: State
    applied_at: datetime | None = None
    applied_by: str | None = None
    duration_ms: int | None = None
    error: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> MigrationRecord:
        return cls(
            seq=int(row["seq"]),
            key=str(row["key"]),
            version=row.get("version"),
            description=str(row.get("description") or ""),
            kind=str(row.get("kind") or ""),
            checksum=row.get("checksum"),
            state=State(row["state"]),
            applied_at=plain(row.get("applied_at")),
            applied_by=row.get("applied_by"),
            duration_ms=row.get("duration_ms"),
            error=row.get("error"),
        )


class History:
    """Reads and appends records. Writers must hold the migration lock."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def records(self) -> list[MigrationRecord]:
        return [
            MigrationRecord.from_row(r["record"]) for r in self.graph.read("migrations/history")
        ]

    def current(self) -> dict[str, MigrationRecord]:
        """The latest record per key that repair has not set aside."""
        latest: dict[str, MigrationRecord] = {}
        for record in self.records():
            if record.state is not State.CLEARED:
                latest[record.key] = record
        return latest

    def append(self, **record: Any) -> int:
        rows = self.graph.write("migrations/record_append", record=record)
        return int(rows[0]["seq"])

    def update(self, seq: int, **changes: Any) -> None:
        self.graph.write("migrations/record_update", seq=seq, changes=changes)

    def schema_version(self) -> int | None:
        version = self.graph.read("migrations/schema_version")[0]["version"]
        return None if version is None else int(version)
