"""The migration lock: one node, guarded by a unique constraint, with an owner and an expiry.

A holder that died (its lock expired, or it ran on this host and its pid is gone) is taken
over with a warning, so a kill -9 never wedges migrations.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psutil

from graphstore.errors import MigrationLockError, QueryError
from graphstore.graph import Graph

log = logging.getLogger(__name__)

LOCK_NAME = "migrations"
_CONSTRAINT_VIOLATION = "Neo.ClientError.Schema.ConstraintValidationFailed"


def _pid_alive(pid: int) -> bool:
    # psutil, not os.kill(pid, 0): on Windows that call would end the process it probes.
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.AccessDenied:
        return True  # it exists, under another user
    except psutil.Error:
        return False


@dataclass
class MigrationLock:
    graph: Graph
    ttl_s: int = 600
    wait_s: float = 30.0
    poll_s: float = 0.5

    def __post_init__(self) -> None:
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.took_over_from: dict[str, Any] | None = None

    def _identity(self) -> dict[str, Any]:
        return {"owner": self.owner, "host": socket.gethostname(), "pid": os.getpid()}

    def _holder_is_gone(self, holder: dict[str, Any]) -> bool:
        if holder.get("expired"):
            return True
        same_host = holder.get("host") == socket.gethostname()
        return same_host and isinstance(holder.get("pid"), int) and not _pid_alive(holder["pid"])

    def _try_acquire(self) -> bool:
        try:
            self.graph.write(
                "migrations/lock_acquire", name=LOCK_NAME, ttl_s=self.ttl_s, **self._identity()
            )
        except QueryError as error:
            if error.code == _CONSTRAINT_VIOLATION:
                return False
            raise
        return True

    def acquire(self) -> None:
        self.graph.write("migrations/lock_constraint")
        deadline = time.monotonic() + self.wait_s
        announced = False
        while True:
            if self._try_acquire():
                return
            rows = self.graph.read("migrations/lock_read", name=LOCK_NAME)
            holder = rows[0]["lock"] if rows else None
            if holder is None:
                continue  # released between our two queries: try again at once
            if self._holder_is_gone(holder):
                taken = self.graph.write(
                    "migrations/lock_take_over",
                    name=LOCK_NAME,
                    previous_owner=holder["owner"],
                    ttl_s=self.ttl_s,
                    **self._identity(),
                )
                if taken:
                    log.warning(
                        "took over the migration lock from %s (acquired %s): its holder is gone",
                        holder["owner"],
                        holder.get("acquired_at"),
                    )
                    self.took_over_from = holder
                    return
                continue
            if time.monotonic() >= deadline:
                raise MigrationLockError(
                    f"another migration holds the lock: {holder['owner']} since "
                    f"{holder.get('acquired_at')} (expires {holder.get('expires_at')}). "
                    "Wait for it to finish; a holder that was killed is taken over once its "
                    "lock expires."
                )
            if not announced:
                log.warning("waiting for the migration lock held by %s", holder["owner"])
                announced = True
            time.sleep(self.poll_s)

    def extend(self) -> None:
        self.graph.write(
            "migrations/lock_extend", name=LOCK_NAME, owner=self.owner, ttl_s=self.ttl_s
        )

    def release(self) -> None:
        self.graph.write("migrations/lock_release", name=LOCK_NAME, owner=self.owner)

    @contextmanager
    def held(self) -> Iterator[MigrationLock]:
        self.acquire()
        try:
            yield self
        finally:
            self.release()
