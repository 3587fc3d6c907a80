"""Units: list, get, create, update, delete, and their loadouts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query, Response, status

from api.deps import AsOf, IncludeDeleted, StoreDep, VersionsDep, WriteAccess, noted, with_etag
from api.examples import COPY, NEW_UNIT, UNIT_PATCH, VERSION_RESTORE, UnitId
from api.problems import error_responses
from api.queries import UnitQuery
from api.routers.history import history_router
from api.schemas import UnitCopyRequest, UnitPatch, VersionRestoreRequest
from graphstore.store.history.models import RestoreResult
from graphstore.store.models import DeleteReport, LoadoutPublic, Page, UnitCreate, UnitPublic

router = APIRouter(
    prefix="/v1/units", tags=["units"], responses=error_responses(401, 403, 404, 409)
)

_CSV = r"^[A-Za-z_]+(,[A-Za-z_]+)*$"


def _split(csv: str | None) -> list[str] | None:
    return None if csv is None else csv.split(",")


@router.get("", response_model=Page[UnitPublic], response_model_exclude_none=True)
def list_units(store: StoreDep, query: Annotated[UnitQuery, Query()]) -> Page[UnitPublic]:
    """Filter by tech base, era, rules level, unit type, tonnage/BV/year ranges, mounted
    equipment and name text; sort on an indexed field; page through the results."""
    return store.list_units(**query.model_dump(exclude_unset=True))


@router.get("/{unit_id}", response_model=UnitPublic, response_model_exclude_none=True)
def get_unit(
    store: StoreDep,
    response: Response,
    unit_id: UnitId,
    fields: Annotated[
        str | None, Query(pattern=_CSV, description="comma-separated properties to return")
    ] = None,
    relations: Annotated[
        str | None, Query(pattern=_CSV, description="locations and/or loadouts to load")
    ] = None,
    as_of: AsOf = None,
    include_deleted: IncludeDeleted = False,
) -> UnitPublic:
    """The unit now, or with `as_of` as it stood then (its version at that time, with its
    locations)."""
    if as_of is not None:
        return with_etag(
            response, store.units.as_of(unit_id, as_of, include_deleted=include_deleted)
        )
    found = store.units.get(
        unit_id,
        fields=_split(fields),
        relations=_split(relations) or (),
        include_deleted=include_deleted,
    )
    return with_etag(response, found)


@router.post(
    "",
    response_model=UnitPublic,
    response_model_exclude_none=True,
    status_code=status.HTTP_201_CREATED,
    dependencies=[WriteAccess],
)
def create_unit(
    store: StoreDep, unit: Annotated[UnitCreate, Body(openapi_examples=NEW_UNIT)]
) -> UnitPublic:
    """Creates a unit with its locations ('Mech locations by default)."""
    return store.units.create(unit)


@router.post(
    "/{unit_id}/copy",
    response_model=UnitPublic,
    response_model_exclude_none=True,
    status_code=status.HTTP_201_CREATED,
    dependencies=[WriteAccess],
)
def copy_unit(
    store: StoreDep, unit_id: UnitId, body: Annotated[UnitCopyRequest, Body(openapi_examples=COPY)]
) -> UnitPublic:
    """Copies a unit the caller sees (a shared template, or one of its own) into the
    caller's tenant as `new_id`, with its loadouts; the copy's `copied_from` names it."""
    return store.units.copy(unit_id, body.new_id)


@router.patch(
    "/{unit_id}",
    response_model=UnitPublic,
    response_model_exclude_none=True,
    dependencies=[WriteAccess],
)
def update_unit(
    store: StoreDep,
    unit_id: UnitId,
    patch: Annotated[UnitPatch, Body(openapi_examples=UNIT_PATCH)],
    versions: VersionsDep,
) -> UnitPublic:
    """Changes the given fields (null removes one). A stale `version` is a 409."""
    version = versions.expect(patch.version)
    return noted(store, patch.change_note).units.update(
        unit_id,
        patch.model_dump(exclude_unset=True, exclude={"version", "change_note"}),
        expected_version=version,
    )


@router.delete("/{unit_id}", response_model=DeleteReport, dependencies=[WriteAccess])
def delete_unit(
    store: StoreDep,
    unit_id: UnitId,
    versions: VersionsDep,
    soft: bool = False,
) -> DeleteReport:
    """Deletes the unit and, by cascade, its loadouts and locations (`soft=true` hides it)."""
    return store.units.delete(unit_id, soft=soft, expected_version=versions.expect())


@router.get(
    "/{unit_id}/loadouts", response_model=list[LoadoutPublic], response_model_exclude_none=True
)
def unit_loadouts(store: StoreDep, unit_id: UnitId) -> list[LoadoutPublic]:
    store.units.get(unit_id, fields=["id"])  # 404 for an unknown unit, not an empty list
    return store.loadouts.list_for_unit(unit_id)


@router.post(
    "/{unit_id}/restore",
    response_model=UnitPublic | RestoreResult,
    response_model_exclude_none=True,
    dependencies=[WriteAccess],
)
def restore_unit(
    store: StoreDep,
    unit_id: UnitId,
    body: Annotated[VersionRestoreRequest | None, Body(openapi_examples=VERSION_RESTORE)] = None,
) -> UnitPublic | RestoreResult:
    """Without `version`: brings back a soft-deleted unit with the loadouts its delete took
    (409 listing what is gone when one of them mounts an item deleted since). With
    `version`: writes that version's properties and locations back as a new version, and
    returns what the rules engine finds in the unit's loadouts then."""
    if body is not None and body.version is not None:
        return noted(store, body.change_note).units.restore_version(
            unit_id, body.version, force=body.force
        )
    return store.units.restore(unit_id)


history = history_router("/v1/units", "units", UnitId, lambda store: store.units)
