"""Request bodies: the library's models, plus the expected `version` a write may carry."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from graphstore.rules import ValidationFilter
from graphstore.store.models import (
    CategoryUpdate,
    EquipmentUpdate,
    LoadoutReplace,
    LoadoutUpdate,
    MountCreate,
    UnitUpdate,
)

_VERSION = Field(default=None, ge=1, description="the version this write expects (or If-Match)")


class UnitPatch(UnitUpdate):
    version: int | None = _VERSION


class EquipmentPatch(EquipmentUpdate):
    version: int | None = _VERSION


class CategoryPatch(CategoryUpdate):
    version: int | None = _VERSION


class LoadoutPatch(LoadoutUpdate):
    version: int | None = _VERSION


class LoadoutPut(LoadoutReplace):
    """The whole loadout: its fields and every mount, replaced atomically."""

    version: int | None = _VERSION


class MountPost(MountCreate):
    version: int | None = _VERSION


class BatchValidationRequest(ValidationFilter):
    worst: int = Field(default=10, ge=0, le=100, description="how many worst loadouts to list")


class RestoreRequest(BaseModel):
    """What a restore brings back: the soft-deleted entity (and what its delete took)."""

    model_config = ConfigDict(extra="forbid")
