"""GET /health: is the graph reachable, what is it, how big. GET /metrics: Prometheus."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api.deps import GraphDep, get_graph
from api.examples import HEALTH
from api.metrics import exposition
from graphstore.errors import GraphStoreError
from graphstore.health import Health, health, ping

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses=HEALTH)
def get_health(graph: GraphDep) -> Health:
    return health(graph)


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """Request and named-query latencies, problems by class, and whether the database is up,
    in Prometheus text format."""

    def database_answers() -> bool:
        try:
            return ping(get_graph(request))
        except GraphStoreError:  # not even connected
            return False

    body, media_type = exposition(database_answers)
    return Response(content=body, media_type=media_type)
