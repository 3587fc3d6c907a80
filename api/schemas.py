"""Request bodies: the library's models, plus the expected `version` a write may carry."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graphstore.rules import ValidationFilter
from graphstore.store.models import (
    BranchRequest,
    CategoryUpdate,
    ChangeNote,
    EntityId,
    EquipmentUpdate,
    LoadoutReplace,
    LoadoutUpdate,
    MountCreate,
    UnitUpdate,
)

_VERSION = Field(default=None, ge=1, description="the version this write expects (or If-Match)")
_NOTE = Field(
    default=None,
    description="why: kept with the version this write makes (or the X-Change-Note header)",
)


class UnitPatch(UnitUpdate):
    version: int | None = _VERSION
    change_note: ChangeNote | None = _NOTE


class UnitCopyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    new_id: EntityId


class EquipmentPatch(EquipmentUpdate):
    version: int | None = _VERSION


class CategoryPatch(CategoryUpdate):
    version: int | None = _VERSION


class LoadoutPatch(LoadoutUpdate):
    version: int | None = _VERSION
    change_note: ChangeNote | None = _NOTE


class LoadoutPut(LoadoutReplace):
    """The whole loadout: its fields and every mount, replaced atomically."""

    version: int | None = _VERSION
    change_note: ChangeNote | None = _NOTE


class MountPost(MountCreate):
    version: int | None = _VERSION
    change_note: ChangeNote | None = _NOTE


class BatchValidationRequest(ValidationFilter):
    worst: int = Field(default=10, ge=0, le=100, description="how many worst loadouts to list")


class RestoreRequest(BaseModel):
    """What a restore brings back: the soft-deleted entity (and what its delete took)."""

    model_config = ConfigDict(extra="forbid")


class VersionRestoreRequest(RestoreRequest):
    """What a restore of a unit or a loadout brings back: without `version`, the
    soft-deleted entity (and what its delete took); with it, that version's content,
    written as a new version."""

    version: int | None = Field(default=None, ge=1, description="the version to bring back")
    force: bool = Field(
        default=False,
        description="restore a version even when items it mounts are gone (they are left out "
        "and listed)",
    )
    change_note: ChangeNote | None = _NOTE


class BranchBody(BranchRequest):
    change_note: ChangeNote | None = _NOTE


class MergeBody(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    source: EntityId = Field(alias="from", description="the loadout whose changes come in")
    strategy: Literal["ours", "theirs"] | None = Field(
        default=None,
        description="how conflicts settle: ours (the target's value), theirs (the source's), "
        "or null: a conflict is a 409 listing each",
    )
    change_note: ChangeNote | None = _NOTE
