"""The equipment catalog: list, facets, autocomplete, one item."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import GraphDep, StoreDep
from api.examples import EquipmentId
from api.problems import error_responses
from api.queries import EquipmentFacetQuery, EquipmentQuery
from graphstore.search import EquipmentFacets, Suggestion, autocomplete, equipment_facets
from graphstore.store.models import EquipmentPublic, Page

router = APIRouter(prefix="/v1/equipment", tags=["equipment"], responses=error_responses(404))


@router.get("", response_model=Page[EquipmentPublic], response_model_exclude_none=True)
def list_equipment(
    store: StoreDep, query: Annotated[EquipmentQuery, Query()]
) -> Page[EquipmentPublic]:
    """Filter by tech base, rules level, category, weapon or not, tonnage/BV/intro-year ranges
    and name text; sort on an indexed field; page through the results."""
    return store.list_equipment(**query.model_dump(exclude_unset=True))


@router.get("/facets", response_model=EquipmentFacets)
def facets(graph: GraphDep, query: Annotated[EquipmentFacetQuery, Query()]) -> EquipmentFacets:
    """Counts per category, tech base, rules level and era for the current filters."""
    return equipment_facets(graph, query)


@router.get("/autocomplete", response_model=list[Suggestion])
def suggest(
    graph: GraphDep,
    q: Annotated[
        str,
        Query(
            min_length=1, max_length=100, description="what the user typed", examples=["med las"]
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[Suggestion]:
    """Names holding every typed word, prefix matches first."""
    return autocomplete(graph, q, limit)


@router.get("/{equipment_id}", response_model=EquipmentPublic, response_model_exclude_none=True)
def get_equipment(store: StoreDep, equipment_id: EquipmentId) -> EquipmentPublic:
    return store.equipment.get(equipment_id, relations=["categories"])
