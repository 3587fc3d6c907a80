"""Categories, unit statistics and the schema status."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import GraphDep
from api.examples import CATEGORIES, SCHEMA
from graphstore.migrations import Migrator, StatusRow
from graphstore.search import CategoryNode, UnitGroup, UnitGroupStats, category_tree, unit_stats

router = APIRouter(prefix="/v1", tags=["catalog"])


class SchemaStatusPublic(BaseModel):
    schema_version: int | None
    latest_version: int | None
    up_to_date: bool
    migrations: list[StatusRow]


@router.get("/categories", response_model=list[CategoryNode], responses=CATEGORIES)
def categories(graph: GraphDep) -> list[CategoryNode]:
    """The category tree; each node counts its own items and those of its subcategories."""
    return category_tree(graph)


@router.get("/stats/units", response_model=list[UnitGroupStats])
def stats(
    graph: GraphDep, group_by: Annotated[UnitGroup, Query(examples=["tech_base"])] = "era"
) -> list[UnitGroupStats]:
    """Unit count and min/avg/max tonnage and battle value per group."""
    return unit_stats(graph, group_by)


@router.get("/schema", response_model=SchemaStatusPublic, responses=SCHEMA)
def schema(graph: GraphDep) -> SchemaStatusPublic:
    """Migration status: applied, pending, changed and missing migrations."""
    status = Migrator(graph).status()
    return SchemaStatusPublic(
        schema_version=status.schema_version,
        latest_version=status.latest_version,
        up_to_date=status.up_to_date,
        migrations=status.rows,
    )
