"""The version-history routes units and loadouts share: versions, one version, a diff.

A deleted entity's history is hidden as the entity is (404), unless `include_deleted=true`,
which needs a key. Built per entity by `history_router`; the entity's own router keeps what
differs (reading `as_of` on its GET, restoring a version on its /restore).
"""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.deps import IncludeDeleted, StoreDep
from api.problems import error_responses
from graphstore.store import GraphStore
from graphstore.store.history.models import VersionDiff, VersionPublic
from graphstore.store.models import Page
from graphstore.store.versioned import PAGE_SIZE_MAX, Versioned

VersionNumber = Annotated[int, Path(ge=1, le=2**63 - 1, description="a version number")]


def history_router(
    prefix: str, tag: str, entity_id: Any, repository: Callable[[GraphStore], Versioned[Any]]
) -> APIRouter:
    router = APIRouter(prefix=prefix, tags=[tag], responses=error_responses(404))

    @router.get(
        "/{entity_id}/versions",
        response_model=Page[VersionPublic],
        response_model_exclude_none=True,
        summary=f"List a {tag[:-1]}'s versions",
    )
    def versions(
        store: StoreDep,
        entity_id: entity_id,
        page: Annotated[int, Query(ge=1, le=10_000)] = 1,
        page_size: Annotated[int, Query(ge=1, le=PAGE_SIZE_MAX)] = 50,
        include_deleted: IncludeDeleted = False,
    ) -> Page[VersionPublic]:
        """Every version, newest first: number, time, actor, source, note, parents and
        hash (content left out)."""
        return repository(store).versions(
            entity_id, page=page, page_size=page_size, include_deleted=include_deleted
        )

    @router.get(
        "/{entity_id}/versions/{number}",
        response_model=VersionPublic,
        summary=f"Read one version of a {tag[:-1]}",
    )
    def version(
        store: StoreDep,
        entity_id: entity_id,
        number: VersionNumber,
        include_deleted: IncludeDeleted = False,
    ) -> VersionPublic:
        """One version with its content (properties and mounts or locations)."""
        return repository(store).version(entity_id, number, include_deleted=include_deleted)

    @router.get(
        "/{entity_id}/diff",
        response_model=VersionDiff,
        summary=f"Compare two versions of a {tag[:-1]}",
    )
    def version_diff(
        store: StoreDep,
        entity_id: entity_id,
        from_version: Annotated[int, Query(alias="from", ge=1, le=2**63 - 1)],
        to_version: Annotated[int, Query(alias="to", ge=1, le=2**63 - 1)],
        include_deleted: IncludeDeleted = False,
    ) -> VersionDiff:
        """Properties changed (old → new), and mounts added, removed, moved or changed in
        quantity (for a unit: locations)."""
        return repository(store).diff_versions(
            entity_id, from_version, to_version, include_deleted=include_deleted
        )

    return router
