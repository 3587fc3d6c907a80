"""Categories, unit statistics and the schema status."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query, status
from pydantic import BaseModel, Field

from api.deps import EngineGraphDep, Expensive, GraphDep, StoreDep, VersionsDep, WriteAccess
from api.examples import (
    CATEGORIES,
    CATEGORY_PATCH,
    NEW_CATEGORY,
    RESTORE,
    SCHEMA,
    CategoryId,
)
from api.problems import error_responses
from api.queries import UnitStatsQuery
from api.schemas import CategoryPatch, RestoreRequest
from graphstore.explore import GraphSchema, graph_schema
from graphstore.migrations import Migrator, StatusRow
from graphstore.search import CategoryNode, UnitGroupStats, category_tree, unit_stats
from graphstore.store.models import CategoryCreate, CategoryPublic, DeleteReport

router = APIRouter(prefix="/v1", tags=["catalog"])


class SchemaStatusPublic(BaseModel):
    schema_version: int | None
    latest_version: int | None
    up_to_date: bool
    migrations: list[StatusRow]
    graph: GraphSchema = Field(
        description="the graph's labels, relationship types and property keys (the explorer's)"
    )


@router.get("/categories", response_model=list[CategoryNode], responses=CATEGORIES)
def categories(graph: GraphDep) -> list[CategoryNode]:
    """The category tree; each node counts its own items and those of its subcategories."""
    return category_tree(graph)


@router.get(
    "/stats/units",
    response_model=list[UnitGroupStats],
    dependencies=[Expensive],
    responses=error_responses(429),
)
def stats(graph: GraphDep, query: Annotated[UnitStatsQuery, Query()]) -> list[UnitGroupStats]:
    """Unit count and min/avg/max tonnage and battle value per group, over the units the
    unit filters match (the same filters as the unit list)."""
    return unit_stats(graph, query.group_by, query)


@router.get("/schema", response_model=SchemaStatusPublic, responses=SCHEMA)
def schema(graph: EngineGraphDep) -> SchemaStatusPublic:
    """Migration status (applied, pending, changed and missing migrations) and the graph's
    vocabulary."""
    status = Migrator(graph).status()
    return SchemaStatusPublic(
        schema_version=status.schema_version,
        latest_version=status.latest_version,
        up_to_date=status.up_to_date,
        migrations=status.rows,
        graph=graph_schema(graph),
    )


_CATEGORY_ERRORS = error_responses(401, 403, 404, 409)


@router.post(
    "/categories",
    response_model=CategoryPublic,
    response_model_exclude_none=True,
    status_code=status.HTTP_201_CREATED,
    dependencies=[WriteAccess],
    responses=_CATEGORY_ERRORS,
)
def create_category(
    store: StoreDep, category: Annotated[CategoryCreate, Body(openapi_examples=NEW_CATEGORY)]
) -> CategoryPublic:
    return store.categories.create(category)


@router.patch(
    "/categories/{category_id}",
    response_model=CategoryPublic,
    response_model_exclude_none=True,
    dependencies=[WriteAccess],
    responses=_CATEGORY_ERRORS,
)
def update_category(
    store: StoreDep,
    category_id: CategoryId,
    patch: Annotated[CategoryPatch, Body(openapi_examples=CATEGORY_PATCH)],
    versions: VersionsDep,
) -> CategoryPublic:
    version = versions.expect(patch.version)
    return store.categories.update(
        category_id,
        patch.model_dump(exclude_unset=True, exclude={"version"}),
        expected_version=version,
    )


@router.delete(
    "/categories/{category_id}",
    response_model=DeleteReport,
    dependencies=[WriteAccess],
    responses=_CATEGORY_ERRORS,
)
def delete_category(
    store: StoreDep,
    category_id: CategoryId,
    versions: VersionsDep,
    soft: bool = False,
    force: Annotated[bool, Query(description="detach members and subcategories")] = False,
) -> DeleteReport:
    """Refused with 409 (and what blocks it) while it has members, unless `force`."""
    return store.categories.delete(
        category_id, soft=soft, force=force, expected_version=versions.expect()
    )


@router.post(
    "/categories/{category_id}/restore",
    response_model=CategoryPublic,
    response_model_exclude_none=True,
    dependencies=[WriteAccess],
    responses=_CATEGORY_ERRORS,
)
def restore_category(
    store: StoreDep,
    category_id: CategoryId,
    body: Annotated[RestoreRequest | None, Body(openapi_examples=RESTORE)] = None,
) -> CategoryPublic:
    """Brings back a soft-deleted category; 409 when its parent is deleted."""
    return store.categories.restore(category_id)
