"""Loadouts: get, replace, update, mounts, clone and diff."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Query, Response, status

from api.deps import AsOf, IncludeDeleted, StoreDep, VersionsDep, WriteAccess, noted, with_etag
from api.examples import (
    BRANCH,
    CLONE,
    LOADOUT_PATCH,
    LOADOUT_PUT,
    MERGE,
    NEW_LOADOUT,
    NEW_MOUNT,
    VERSION_RESTORE,
    LoadoutId,
    MountId,
)
from api.problems import error_responses
from api.routers.history import history_router
from api.schemas import (
    BranchBody,
    LoadoutPatch,
    LoadoutPut,
    MergeBody,
    MountPost,
    VersionRestoreRequest,
)
from graphstore.store.history.models import MergeResult, RestoreResult
from graphstore.store.models import (
    CloneRequest,
    DeleteReport,
    LoadoutCreate,
    LoadoutPublic,
    MountDiff,
    MountPublic,
)

router = APIRouter(
    prefix="/v1/loadouts", tags=["loadouts"], responses=error_responses(401, 403, 404, 409)
)


@router.post(
    "",
    response_model=LoadoutPublic,
    response_model_exclude_none=True,
    status_code=status.HTTP_201_CREATED,
    dependencies=[WriteAccess],
)
def create_loadout(
    store: StoreDep, loadout: Annotated[LoadoutCreate, Body(openapi_examples=NEW_LOADOUT)]
) -> LoadoutPublic:
    """Creates a loadout of a unit with its mounts (409 for a taken id; 422 for a second
    stock loadout, a deleted unit or item)."""
    return store.loadouts.create(loadout)


@router.get("/{loadout_id}", response_model=LoadoutPublic, response_model_exclude_none=True)
def get_loadout(
    store: StoreDep,
    response: Response,
    loadout_id: LoadoutId,
    as_of: AsOf = None,
    include_deleted: IncludeDeleted = False,
) -> LoadoutPublic:
    """The loadout with its mounts and what it derives from; its version is the ETag. With
    `as_of`, the loadout as it stood then (its version at that time)."""
    loadouts = store.loadouts
    if as_of is not None:
        return with_etag(
            response, loadouts.as_of(loadout_id, as_of, include_deleted=include_deleted)
        )
    found = loadouts.get(
        loadout_id, relations=["mounts", "derived_from"], include_deleted=include_deleted
    )
    return with_etag(response, found)


@router.put(
    "/{loadout_id}",
    response_model=LoadoutPublic,
    response_model_exclude_none=True,
    dependencies=[WriteAccess],
)
def replace_loadout(
    store: StoreDep,
    loadout_id: LoadoutId,
    body: Annotated[LoadoutPut, Body(openapi_examples=LOADOUT_PUT)],
    versions: VersionsDep,
) -> LoadoutPublic:
    """Replaces the loadout's given fields and all its mounts in one write (one version)."""
    version = versions.expect(body.version)
    return noted(store, body.change_note).loadouts.replace(
        loadout_id,
        body.model_dump(exclude_unset=True, exclude={"version", "change_note"}),
        expected_version=version,
    )


@router.patch(
    "/{loadout_id}",
    response_model=LoadoutPublic,
    response_model_exclude_none=True,
    dependencies=[WriteAccess],
)
def update_loadout(
    store: StoreDep,
    loadout_id: LoadoutId,
    patch: Annotated[LoadoutPatch, Body(openapi_examples=LOADOUT_PATCH)],
    versions: VersionsDep,
) -> LoadoutPublic:
    version = versions.expect(patch.version)
    return noted(store, patch.change_note).loadouts.update(
        loadout_id,
        patch.model_dump(exclude_unset=True, exclude={"version", "change_note"}),
        expected_version=version,
    )


@router.post(
    "/{loadout_id}/mounts",
    response_model=MountPublic,
    status_code=status.HTTP_201_CREATED,
    dependencies=[WriteAccess],
)
def add_mount(
    store: StoreDep,
    loadout_id: LoadoutId,
    mount: Annotated[MountPost, Body(openapi_examples=NEW_MOUNT)],
    versions: VersionsDep,
) -> MountPublic:
    """Mounts one item. The rules engine reports problems; it does not block (see validation)."""
    version = versions.expect(mount.version)
    return noted(store, mount.change_note).loadouts.add_mount(
        loadout_id, mount.model_dump(exclude={"version", "change_note"}), expected_version=version
    )


@router.delete(
    "/{loadout_id}/mounts/{mount_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[WriteAccess],
)
def remove_mount(
    store: StoreDep, loadout_id: LoadoutId, mount_id: MountId, versions: VersionsDep
) -> Response:
    store.loadouts.remove_mount(loadout_id, mount_id, expected_version=versions.expect())
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{loadout_id}/clone",
    response_model=LoadoutPublic,
    response_model_exclude_none=True,
    status_code=status.HTTP_201_CREATED,
    dependencies=[WriteAccess],
)
def clone_loadout(
    store: StoreDep,
    loadout_id: LoadoutId,
    body: Annotated[CloneRequest, Body(openapi_examples=CLONE)],
) -> LoadoutPublic:
    """A variant or template: a copy of the mounts, DERIVED_FROM the original."""
    return store.loadouts.clone(loadout_id, **body.model_dump())


@router.get("/{a}/diff/{b}", response_model=MountDiff)
def diff(store: StoreDep, a: LoadoutId, b: LoadoutId) -> MountDiff:
    """Mounts added, removed and moved from loadout `a` to loadout `b`."""
    return store.loadouts.diff(a, b)


@router.delete("/{loadout_id}", response_model=DeleteReport, dependencies=[WriteAccess])
def delete_loadout(
    store: StoreDep,
    loadout_id: LoadoutId,
    versions: VersionsDep,
    soft: bool = False,
) -> DeleteReport:
    """Deletes the loadout with its mounts (`soft=true` hides it)."""
    return store.loadouts.delete(loadout_id, soft=soft, expected_version=versions.expect())


@router.post(
    "/{loadout_id}/restore",
    response_model=LoadoutPublic | RestoreResult,
    response_model_exclude_none=True,
    dependencies=[WriteAccess],
)
def restore_loadout(
    store: StoreDep,
    loadout_id: LoadoutId,
    body: Annotated[VersionRestoreRequest | None, Body(openapi_examples=VERSION_RESTORE)] = None,
) -> LoadoutPublic | RestoreResult:
    """Without `version`: brings back a soft-deleted loadout (409 when its unit is deleted
    or an item it mounts is, 422 when its unit has another stock loadout now). With
    `version`: writes that version's content back as a new version; 409 listing the items
    it mounts that are gone unless `force` (then they are left out and listed), and the
    rules engine's errors in the result."""
    if body is not None and body.version is not None:
        return noted(store, body.change_note).loadouts.restore_version(
            loadout_id, body.version, force=body.force
        )
    return store.loadouts.restore(loadout_id)


@router.post(
    "/{loadout_id}/branch",
    response_model=LoadoutPublic,
    response_model_exclude_none=True,
    status_code=status.HTTP_201_CREATED,
    dependencies=[WriteAccess],
)
def branch_loadout(
    store: StoreDep,
    loadout_id: LoadoutId,
    body: Annotated[BranchBody, Body(openapi_examples=BRANCH)],
) -> LoadoutPublic:
    """A variant from one version (the newest by default) that remembers its origin: a
    later merge between the two finds that version as their common ancestor."""
    return noted(store, body.change_note).loadouts.branch(
        loadout_id, body.new_id, from_version=body.from_version, name=body.name
    )


@router.post("/{loadout_id}/merge", response_model=MergeResult, dependencies=[WriteAccess])
def merge_loadout(
    store: StoreDep,
    loadout_id: LoadoutId,
    body: Annotated[MergeBody, Body(openapi_examples=MERGE)],
) -> MergeResult:
    """Three-way merge of `from`'s changes into this loadout, against their common
    ancestor: one new version with both parents. 409 listing each conflict unless
    `strategy` settles them; 422 when the two share no history."""
    return noted(store, body.change_note).loadouts.merge(
        body.source, loadout_id, strategy=body.strategy
    )


@router.get("/{loadout_id}/merge-preview", response_model=MergeResult)
def merge_preview(
    store: StoreDep,
    loadout_id: LoadoutId,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=200)],
    strategy: Annotated[Literal["ours", "theirs"] | None, Query()] = None,
) -> MergeResult:
    """What the merge would write, conflicts listed; nothing is written."""
    return store.loadouts.merge_preview(source, loadout_id, strategy=strategy)


history = history_router("/v1/loadouts", "loadouts", LoadoutId, lambda store: store.loadouts)
