"""Health at three costs, and Prometheus metrics.

GET /health: the API runs and the database answers (one round trip; for liveness probes).
GET /health/ready: and the schema is current (for readiness probes and compose's
healthcheck). GET /health/details: engine, schema version and counts, at most 10 s old.
GET /metrics: Prometheus text.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api.deps import EngineGraphDep, app_graph
from api.examples import HEALTH, LIVENESS, READINESS
from api.metrics import exposition
from graphstore.errors import GraphStoreError
from graphstore.health import Health, HealthCache, Liveness, Readiness, alive, ping, ready

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Liveness, responses=LIVENESS)
def liveness(graph: EngineGraphDep) -> Liveness:
    """200 while the database answers; 503 with Retry-After when it does not."""
    return alive(graph)


@router.get("/health/ready", response_model=Readiness, responses=READINESS)
def readiness(graph: EngineGraphDep) -> Readiness:
    """200 when the database answers and its schema is current; 503 otherwise."""
    return ready(graph)


@router.get("/health/details", response_model=Health, responses=HEALTH)
def details(request: Request, graph: EngineGraphDep) -> Health:
    """Engine, schema version and counts per label, computed at most every 10 s."""
    cache: HealthCache = request.app.state.health_cache
    return cache.get(graph)


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """Request and named-query latencies, problems by class, and whether the database is up,
    in Prometheus text format."""

    def database_answers() -> bool:
        try:
            return ping(app_graph(request.app))
        except GraphStoreError:  # not even connected
            return False

    body, media_type = exposition(database_answers)
    return Response(content=body, media_type=media_type)
