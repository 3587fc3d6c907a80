"""What every repository shares: where to run work, and who is acting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from graphstore.settings import StoreLimits
from graphstore.store.audit import ChangeLog
from graphstore.store.scope import Scope


@dataclass(frozen=True)
class Context:
    scope: Scope
    actor: str
    source: str = "library"
    note: str | None = None
    limits: StoreLimits = field(default_factory=StoreLimits)
    key_id: str | None = None

    def change_log(self, *, source: str | None = None) -> ChangeLog:
        """A fresh log stamped now; its time is also the write's `updated_at`. `source`
        names an operation that is its own source (a restore, a merge)."""
        return ChangeLog(
            actor=self.actor,
            at=datetime.now(UTC),
            source=source or self.source,
            note=self.note,
            key_id=self.key_id,
        )
