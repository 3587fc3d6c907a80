"""GET /health: is the graph reachable, what is it, how big."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import GraphDep
from api.examples import HEALTH
from graphstore.health import Health, health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses=HEALTH)
def get_health(graph: GraphDep) -> Health:
    return health(graph)
