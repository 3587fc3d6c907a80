"""GET /health: is the graph reachable, what is it, how big."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import GraphDep
from api.examples import HEALTH
from graphstore.health import health

router = APIRouter(tags=["health"])


class HealthPublic(BaseModel):
    status: str
    engine: str
    engine_version: str
    server: str
    database: str
    schema_version: int | None
    nodes: int
    counts: dict[str, int]


@router.get("/health", response_model=HealthPublic, responses=HEALTH)
def get_health(graph: GraphDep) -> HealthPublic:
    return HealthPublic.model_validate(health(graph), from_attributes=True)
