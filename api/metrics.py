"""Prometheus metrics of the API: request latency per route and status, problems by error
class, and whether the database answers. The named-query metrics come from
graphstore.observability; GET /metrics serves them all.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_SECONDS = Histogram(
    "graphstore_http_request_seconds",
    "Time to answer an HTTP request, by method, route template and status.",
    ["method", "route", "status"],
)
PROBLEMS = Counter(
    "graphstore_http_problems_total",
    "Requests answered with a problem, by status and the error class behind it.",
    ["status", "error"],
)
DATABASE_UP = Gauge("graphstore_database_up", "1 when the database answered at the last scrape.")
UNMATCHED = "unmatched"


class RequestTimer:
    """Times every HTTP request; labelled by route template, so ids never become labels."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, noting_status)
        finally:
            route = getattr(scope.get("route"), "path", UNMATCHED)
            REQUEST_SECONDS.labels(scope["method"], route, str(status)).observe(
                time.perf_counter() - started
            )


def count_problem(status: int, error: str) -> None:
    """One problem answer, by status and the error class (or refusal) behind it."""
    PROBLEMS.labels(str(status), error).inc()


def exposition(database_answers: Callable[[], bool]) -> tuple[bytes, str]:
    """The metrics in Prometheus text format, after asking the database whether it is up."""
    DATABASE_UP.set(1 if database_answers() else 0)
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
