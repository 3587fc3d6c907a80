"""While a restore replaces the whole graph, the API serves none of it: 503, never a half-
restored answer, and no write lands in a graph that is being rebuilt.

`graphstore backup restore` marks the graph before it deletes anything (graphstore.backup),
and waits RESTORE_GRACE_SECONDS before it does, longer than CHECK_EVERY_SECONDS. Each API
process looks for the mark at most CHECK_EVERY_SECONDS apart, so every process stops
serving before the first node goes, and serves again once the restore has checked its
result and removed the mark. A write that was already running when the mark appeared and is
still running when the restore deletes cannot survive unseen: the restore compares the
graph with the backup afterwards and stays marked when they differ.
"""

from __future__ import annotations

import threading
import time

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from api.deps import app_graph
from api.metrics import count_problem
from api.problems import problem
from graphstore.backup.operations import RESTORE_GRACE_SECONDS
from graphstore.errors import GraphStoreError

CHECK_EVERY_SECONDS = 0.5
assert CHECK_EVERY_SECONDS * 2 <= RESTORE_GRACE_SECONDS, "processes must see the mark in time"
GATED_PREFIX = "/v1/"


class RestoreMark:
    """Whether a whole-graph restore is under way, read at most every CHECK_EVERY_SECONDS."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self._checked = -CHECK_EVERY_SECONDS
        self._restoring: str | None = None
        self._lock = threading.Lock()

    def known(self) -> tuple[bool, str | None]:
        """(fresh, the file being restored or None), without touching the database."""
        return time.monotonic() - self._checked < CHECK_EVERY_SECONDS, self._restoring

    def restoring(self) -> str | None:
        """The file being restored, or None. Blocking when stale: call it from a thread."""
        with self._lock:
            fresh, restoring = self.known()
            if fresh:
                return restoring
            try:
                rows = app_graph(self.app).read("migrations/restore_marker")
            except GraphStoreError:
                return None  # unreachable: the route's own call says so, as a 503
            self._restoring = str(rows[0]["file"]) if rows else None
            self._checked = time.monotonic()
            return self._restoring


class RestoreGate:
    def __init__(self, app: ASGIApp, *, mark: RestoreMark) -> None:
        self.app = app
        self.mark = mark

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(GATED_PREFIX):
            fresh, restoring = self.mark.known()
            if not fresh:
                restoring = await run_in_threadpool(self.mark.restoring)
            if restoring is not None:
                count_problem(503, "RestoreUnderWay")
                detail = "the graph is being restored from a backup; retry when it has finished"
                refused = problem(503, detail, headers={"Retry-After": "5"})
                await refused(scope, receive, send)
                return
        await self.app(scope, receive, send)
