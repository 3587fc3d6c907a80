"""The equipment catalog: list, facets, autocomplete, one item."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query, Response, status

from api.deps import AsOf, Expensive, GraphDep, StoreDep, VersionsDep, WriteAccess, with_etag
from api.examples import EQUIPMENT_PATCH, NEW_EQUIPMENT, RESTORE, EquipmentId
from api.problems import error_responses
from api.queries import EquipmentFacetQuery, EquipmentQuery
from api.schemas import EquipmentPatch, RestoreRequest
from graphstore.search import EquipmentFacets, Suggestion, autocomplete, equipment_facets
from graphstore.store.history.models import MountedIn
from graphstore.store.models import DeleteReport, EquipmentCreate, EquipmentPublic, Page

router = APIRouter(
    prefix="/v1/equipment", tags=["equipment"], responses=error_responses(401, 403, 404, 409)
)


@router.get("", response_model=Page[EquipmentPublic], response_model_exclude_none=True)
def list_equipment(
    store: StoreDep, query: Annotated[EquipmentQuery, Query()]
) -> Page[EquipmentPublic]:
    """Filter by tech base, rules level, category, weapon or not, tonnage/BV/intro-year ranges
    and name text; sort on an indexed field; page through the results."""
    return store.list_equipment(**query.model_dump(exclude_unset=True))


@router.get(
    "/facets",
    response_model=EquipmentFacets,
    dependencies=[Expensive],
    responses=error_responses(429),
)
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
def get_equipment(
    store: StoreDep, response: Response, equipment_id: EquipmentId
) -> EquipmentPublic:
    return with_etag(response, store.equipment.get(equipment_id, relations=["categories"]))


@router.get(
    "/{equipment_id}/mounted-in",
    response_model=list[MountedIn],
    dependencies=[Expensive],
    responses=error_responses(429),
)
def mounted_in(
    store: StoreDep,
    equipment_id: EquipmentId,
    as_of: AsOf = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1_000,
) -> list[MountedIn]:
    """The loadouts that mounted this item at `as_of` (now by default), from their version
    history: each with the version it was at then. It reads every stored loadout version up
    to that time, so it counts against the rate limit of expensive routes."""
    return store.mounted_in(equipment_id, at=as_of, limit=limit)


@router.post(
    "",
    response_model=EquipmentPublic,
    response_model_exclude_none=True,
    status_code=status.HTTP_201_CREATED,
    dependencies=[WriteAccess],
)
def create_equipment(
    store: StoreDep, item: Annotated[EquipmentCreate, Body(openapi_examples=NEW_EQUIPMENT)]
) -> EquipmentPublic:
    return store.equipment.create(item)


@router.patch(
    "/{equipment_id}",
    response_model=EquipmentPublic,
    response_model_exclude_none=True,
    dependencies=[WriteAccess],
)
def update_equipment(
    store: StoreDep,
    equipment_id: EquipmentId,
    patch: Annotated[EquipmentPatch, Body(openapi_examples=EQUIPMENT_PATCH)],
    versions: VersionsDep,
) -> EquipmentPublic:
    version = versions.expect(patch.version)
    return store.equipment.update(
        equipment_id,
        patch.model_dump(exclude_unset=True, exclude={"version"}),
        expected_version=version,
    )


@router.delete("/{equipment_id}", response_model=DeleteReport, dependencies=[WriteAccess])
def delete_equipment(
    store: StoreDep,
    equipment_id: EquipmentId,
    versions: VersionsDep,
    soft: bool = False,
    force: Annotated[bool, Query(description="detach the mounts that still use it")] = False,
) -> DeleteReport:
    """Refused with 409 (and the blocking mounts) while loadouts mount it, unless `force`."""
    return store.equipment.delete(
        equipment_id, soft=soft, force=force, expected_version=versions.expect()
    )


@router.post(
    "/{equipment_id}/restore",
    response_model=EquipmentPublic,
    response_model_exclude_none=True,
    dependencies=[WriteAccess],
)
def restore_equipment(
    store: StoreDep,
    equipment_id: EquipmentId,
    body: Annotated[RestoreRequest | None, Body(openapi_examples=RESTORE)] = None,
) -> EquipmentPublic:
    """Brings back a soft-deleted item; 409 when one of its categories is deleted."""
    return store.equipment.restore(equipment_id)
