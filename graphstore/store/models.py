"""The pydantic family per entity: Base (shared fields), Create, Update (all optional), Public.

Create and Update refuse unknown fields so a typo is a validation error, not a silent no-op.
Public models carry every field as optional: a projected read fills only what it was asked
for, and `model_fields_set` says which ones those were.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from graphstore.errors import GraphStoreError
from graphstore.store.enums import (
    MECH_LOCATION_SLOTS,
    Era,
    LocationCode,
    RulesLevel,
    TechBase,
)
from graphstore.store.text import Line, Paragraph

# Ids travel in URL paths (/v1/units/{id}) unencoded: letters, digits and - . _ ~ only
# (RFC 3986 unreserved), starting with a letter or digit; the importer names stock
# loadouts "<unit id>.stock" and rewrites any other source id to this form.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._~-]*$"
ID_MAX = 200
EntityId = Annotated[str, Field(min_length=1, max_length=ID_MAX, pattern=ID_PATTERN)]
NAME_MAX = 200
Name = Annotated[Line, Field(min_length=1, max_length=NAME_MAX)]
Label = Annotated[Line, Field(max_length=200)]
# Up to the heaviest naval and space equipment real catalogs list (100,000 t).
Tons = Annotated[float, Field(ge=0, le=1_000_000)]
# Real catalogs use far-off years for "not available" (the corpus has 1000 to 9000).
Year = Annotated[int, Field(ge=0, le=9999)]
Slots = Annotated[int, Field(ge=0, le=255)]
Fingerprint = Annotated[Line, Field(max_length=128)]
ExtraValue = Annotated[str, Field(max_length=1000)] | int | float | bool | None
SourcePath = Annotated[Line, Field(max_length=500)]
NOTE_MAX = 500
ChangeNote = Annotated[Paragraph, Field(max_length=NOTE_MAX)]
"""Why a change was made: kept with its version and audit record (the text policy applies)."""
# Bolt carries 64-bit integers: anything larger is refused here, not by the driver.
NonNegative = Annotated[int, Field(ge=0, le=2**63 - 1)]

_STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _not_null(value: Any) -> Any:
    """An Update's field that every entity must have: omit it to keep it; null is refused."""
    if value is None:
        raise ValueError("cannot be null: every entity has one (omit the field to keep it)")
    return value


def required_on_update(*fields: str) -> Any:
    """A validator refusing null for these fields of an Update model (null clears only
    optional fields)."""
    return field_validator(*fields, mode="before")(_not_null)


class Stamped(BaseModel):
    """What the store keeps on every mutable entity."""

    id: str
    version: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None
    imported_from: str | None = None
    tenant: str | None = None
    """The tenant that owns it; None for the shared catalog (graphstore.tenancy)."""


# ---- Locations -------------------------------------------------------------------------


class LocationSpec(BaseModel):
    model_config = _STRICT

    code: LocationCode
    crit_slots: Annotated[int, Field(ge=0, le=12)]
    # None: not known (a source without a slot layout for this location).
    fixed_slots: Annotated[int, Field(ge=0, le=12)] | None = 0
    fixed: list[Label] | None = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _fixed_fit(self) -> LocationSpec:
        if self.fixed_slots is not None and self.fixed_slots > self.crit_slots:
            raise ValueError("fixed_slots cannot exceed crit_slots")
        return self


class LocationPublic(BaseModel):
    id: str
    unit_id: str | None = None
    code: str
    crit_slots: int | None = None
    fixed_slots: int | None = None
    fixed: list[str] | None = None


def mech_locations() -> list[LocationSpec]:
    """A biped 'Mech's locations with their capacity."""
    return [LocationSpec(code=code, crit_slots=n) for code, n in MECH_LOCATION_SLOTS.items()]


# ---- Units -----------------------------------------------------------------------------


class UnitBase(BaseModel):
    model_config = _STRICT

    configuration: Label | None = None
    tech_base: TechBase | None = None
    rules_level: RulesLevel | None = None
    era: Era | None = None
    year: Year | None = None
    free_tonnage: Tons | None = None
    heat_dissipation: NonNegative | None = None
    battle_value: NonNegative | None = None
    engine_type: Label | None = None
    engine_rating: Annotated[int, Field(ge=0, le=500)] | None = None
    walk_mp: Annotated[int, Field(ge=0, le=30)] | None = None
    jump_mp: Annotated[int, Field(ge=0, le=30)] | None = None
    heat_sink_type: Label | None = None
    heat_sink_count: NonNegative | None = None
    gyro_type: Label | None = None
    cockpit_type: Label | None = None
    structure_type: Label | None = None
    armor_type: Label | None = None
    armor_points: Annotated[int, Field(ge=0, le=10_000)] | None = None
    role: Label | None = None
    source: Label | None = None
    mul_id: NonNegative | None = None
    content_hash: Fingerprint | None = Field(
        default=None, description="set by importers: a fingerprint of the source record"
    )
    imported_from: SourcePath | None = Field(
        default=None, description="set by importers: the source file; importers only rewrite these"
    )
    extra: dict[str, ExtraValue] | None = Field(
        default=None,
        description="the tenant's own typed properties (its extensions: GET "
        "/v1/tenant/extensions); written whole, missing ones take their defaults",
    )


class UnitCreate(UnitBase):
    id: EntityId | None = None
    chassis: Name
    model: Label
    unit_type: Name
    tonnage: Tons
    tech_base: TechBase
    rules_level: RulesLevel
    # None means: a 'Mech gets the standard biped locations, anything else none.
    locations: list[LocationSpec] | None = None

    @field_validator("locations")
    @classmethod
    def _unique_codes(cls, value: list[LocationSpec] | None) -> list[LocationSpec] | None:
        if value is not None:
            codes = [spec.code for spec in value]
            if len(codes) != len(set(codes)):
                raise ValueError("location codes must be unique")
        return value

    def resolved_locations(self) -> list[LocationSpec]:
        if self.locations is not None:
            return self.locations
        return mech_locations() if self.unit_type == "BattleMech" else []


class UnitUpdate(UnitBase):
    chassis: Name | None = None
    model: Label | None = None
    unit_type: Name | None = None
    tonnage: Tons | None = None

    _required = required_on_update(
        "chassis", "model", "unit_type", "tonnage", "tech_base", "rules_level"
    )


class UnitPublic(Stamped):
    chassis: str | None = None
    model: str | None = None
    name: str | None = None
    search_name: str | None = None
    unit_type: str | None = None
    configuration: str | None = None
    tech_base: str | None = None
    rules_level: str | None = None
    era: str | None = None
    year: int | None = None
    tonnage: float | None = None
    free_tonnage: float | None = None
    heat_dissipation: int | None = None
    battle_value: int | None = None
    engine_type: str | None = None
    engine_rating: int | None = None
    walk_mp: int | None = None
    jump_mp: int | None = None
    heat_sink_type: str | None = None
    heat_sink_count: int | None = None
    gyro_type: str | None = None
    cockpit_type: str | None = None
    structure_type: str | None = None
    armor_type: str | None = None
    armor_points: int | None = None
    role: str | None = None
    source: str | None = None
    mul_id: int | None = None
    content_hash: str | None = None
    copied_from: str | None = None
    """The unit this one was copied from (POST /v1/units/{id}/copy)."""
    extra: dict[str, Any] | None = None

    @field_validator("extra", mode="before")
    @classmethod
    def _stored_as_json(cls, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value

    locations: list[LocationPublic] | None = None
    loadouts: list[LoadoutPublic] | None = None


# ---- Equipment -------------------------------------------------------------------------


class EquipmentBase(BaseModel):
    model_config = _STRICT

    intro_year: Year | None = None
    crit_slots: Slots | None = None
    heat: Annotated[float, Field(ge=0, le=1000)] | None = None
    damage: (
        Annotated[int, Field(ge=0, le=10_000)] | Annotated[Line, Field(max_length=100)] | None
    ) = None
    battle_value: NonNegative | None = None
    cost: Annotated[float, Field(ge=0)] | None = None
    heat_dissipation: NonNegative | None = None
    allowed_locations: list[LocationCode] | None = None
    requires_hand: bool | None = None
    requires_lower_arm: bool | None = None
    max_per_location: Annotated[int, Field(ge=1)] | None = None
    max_per_unit: Annotated[int, Field(ge=1)] | None = None
    is_weapon: bool | None = None
    source_file: SourcePath | None = None
    content_hash: Fingerprint | None = Field(
        default=None, description="set by importers: a fingerprint of the source record"
    )
    imported_from: SourcePath | None = Field(
        default=None, description="set by importers: the source file; importers only rewrite these"
    )

    @field_validator("tech_base", check_fields=False)
    @classmethod
    def _no_mixed_equipment(cls, value: TechBase | None) -> TechBase | None:
        if value is TechBase.MIXED:
            raise ValueError("MIXED is a unit tech base; equipment is INNER_SPHERE or CLAN")
        return value


class EquipmentCreate(EquipmentBase):
    id: EntityId | None = None
    name: Name
    tech_base: TechBase
    rules_level: RulesLevel
    tonnage: Tons | None = Field(description="null: not known (the rules count it 0)")
    category_ids: list[EntityId] = Field(default_factory=list)


class UnresolvedCreate(BaseModel):
    """A placeholder for an equipment reference an importer could not resolve."""

    model_config = _STRICT

    id: EntityId
    original_id: Annotated[Line, Field(min_length=1, max_length=300)]
    name: Name
    candidates: list[Annotated[Line, Field(max_length=ID_MAX)]] = Field(
        default_factory=list, max_length=100
    )
    imported_from: SourcePath | None = None


class EquipmentUpdate(EquipmentBase):
    name: Name | None = None
    tech_base: TechBase | None = None
    rules_level: RulesLevel | None = None
    tonnage: Tons | None = None
    category_ids: list[EntityId] | None = None

    # Equipment tonnage may be null (not known), so it is not among these.
    _required = required_on_update("name", "tech_base", "rules_level", "category_ids")


class EquipmentPublic(Stamped):
    name: str | None = None
    search_name: str | None = None
    tech_base: str | None = None
    rules_level: str | None = None
    intro_year: int | None = None
    tonnage: float | None = None
    crit_slots: int | None = None
    heat: float | None = None
    damage: Any = None
    battle_value: int | None = None
    cost: float | None = None
    heat_dissipation: int | None = None
    allowed_locations: list[str] | None = None
    requires_hand: bool | None = None
    requires_lower_arm: bool | None = None
    max_per_location: int | None = None
    max_per_unit: int | None = None
    is_weapon: bool | None = None
    source_file: str | None = None
    content_hash: str | None = None
    categories: list[CategoryPublic] | None = None


# ---- Categories ------------------------------------------------------------------------


class CategoryBase(BaseModel):
    model_config = _STRICT

    path: Annotated[Line, Field(max_length=500)] | None = Field(
        default=None, description="where the category sits, e.g. weapons/energy"
    )
    imported_from: SourcePath | None = Field(
        default=None, description="set by importers: the source; importers only rewrite these"
    )


class CategoryCreate(CategoryBase):
    id: EntityId | None = None
    name: Name
    parent_id: EntityId | None = None


class CategoryUpdate(CategoryBase):
    name: Name | None = None
    # Re-parenting: a new parent id; use `detach_parent=True` to make the category a root.
    parent_id: EntityId | None = None
    detach_parent: bool = False

    _required = required_on_update("name", "detach_parent")


class CategoryPublic(Stamped):
    name: str | None = None
    path: str | None = None
    parent_id: str | None = None
    children: list[str] | None = None
    member_ids: list[str] | None = None


# ---- Loadouts and mounts ---------------------------------------------------------------


class MountCreate(BaseModel):
    model_config = _STRICT

    mount_id: EntityId | None = Field(
        default=None,
        description="a stable id for this mount, unique in its loadout; a fresh one when null",
    )
    equipment_id: EntityId
    location: LocationCode
    slot: Annotated[int, Field(ge=0, le=11)] | None = None
    rear: bool = False
    quantity: Annotated[int, Field(ge=1, le=1000)] = 1
    original_id: Annotated[Line, Field(max_length=300)] | None = Field(
        default=None, description="the item as the source named it (the importer's reference)"
    )


class MountPublic(BaseModel):
    mount_id: str
    equipment_id: str
    location: str
    slot: int | None = None
    rear: bool = False
    quantity: int = 1
    original_id: str | None = None


class LoadoutBase(BaseModel):
    model_config = _STRICT

    notes: Annotated[Paragraph, Field(max_length=10_000)] | None = None
    imported_from: SourcePath | None = Field(
        default=None, description="set by importers: the source file; importers only rewrite these"
    )


def _distinct_mount_ids(mounts: list[MountCreate]) -> list[MountCreate]:
    named = [m.mount_id for m in mounts if m.mount_id is not None]
    if len(named) != len(set(named)):
        raise ValueError("mount ids must be unique within a loadout")
    return mounts


class LoadoutCreate(LoadoutBase):
    id: EntityId | None = None
    unit_id: EntityId
    name: Name
    is_stock: bool = False
    mounts: list[MountCreate] = Field(default_factory=list)

    _unique_mount_ids = field_validator("mounts")(_distinct_mount_ids)


class LoadoutUpdate(LoadoutBase):
    name: Name | None = None
    is_stock: bool | None = None

    _required = required_on_update("name", "is_stock")


class LoadoutReplace(LoadoutBase):
    """A whole-loadout write: the given fields (unset ones stay) and every mount."""

    name: Name | None = None
    is_stock: bool | None = None
    mounts: list[MountCreate] = Field(default_factory=list)

    _required = required_on_update("name", "is_stock", "mounts")

    _unique_mount_ids = field_validator("mounts")(_distinct_mount_ids)


class CloneRequest(BaseModel):
    """A copy of a loadout: its id, name and owner default to fresh, "<name> (copy)" and
    the source's unit."""

    model_config = _STRICT

    new_id: EntityId | None = None
    name: Name | None = None
    unit_id: EntityId | None = Field(default=None, description="another unit to own the copy")


class BranchRequest(BaseModel):
    """A variant of a loadout from one of its versions (its newest when none is named)."""

    model_config = _STRICT

    new_id: EntityId
    from_version: Annotated[int, Field(ge=1)] | None = None
    name: Name | None = None


class MergeRequest(BaseModel):
    """A merge of another loadout's changes into this one."""

    model_config = _STRICT

    source: EntityId = Field(description="the loadout whose changes come in")
    strategy: Literal["ours", "theirs"] | None = Field(
        default=None,
        description="how conflicts settle: the target's value (ours), the source's (theirs), "
        "or none (a conflict is a 409 listing each)",
    )


class LoadoutPublic(Stamped):
    name: str | None = None
    unit_id: str | None = None
    is_stock: bool | None = None
    notes: str | None = None
    derived_from: str | None = None
    mounts: list[MountPublic] | None = None


class MountMove(BaseModel):
    before: MountPublic
    after: MountPublic


class MountDiff(BaseModel):
    """How loadout b differs from loadout a. Mounts match by equipment; a match that changed
    location, slot, rear or quantity is a move."""

    added: list[MountPublic]
    removed: list[MountPublic]
    moved: list[MountMove]


# ---- Lists, calculations, audit --------------------------------------------------------

ItemT = TypeVar("ItemT")


class Page(BaseModel, Generic[ItemT]):
    items: list[ItemT]
    total: int
    total_exact: bool = Field(
        default=True,
        description="false on a page asked by cursor: `total` is what the list's first page "
        "counted, not counted again",
    )
    page: int
    page_size: int
    next_cursor: str | None = Field(
        default=None, description="pass as `cursor` for the page after this one; none on the last"
    )


class CalculationPublic(BaseModel):
    id: str
    entity_id: str
    name: str
    value: float | None
    inputs: dict[str, Any] | None = Field(
        default=None, description="what a construction weight was computed from"
    )
    computed_at: datetime
    inputs_hash: str
    formula_version: str
    stale: bool

    @field_validator("inputs", mode="before")
    @classmethod
    def _stored_as_json(cls, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value


class ChangePublic(BaseModel):
    id: str
    at: datetime
    actor: str
    source: str = Field(description="library, api, importer, migration, restore, merge, repair")
    note: str | None = Field(default=None, description="a change note, or an import's file")
    operation: str
    entity_label: str
    entity_id: str
    before: dict[str, Any]
    after: dict[str, Any]
    tenant: str | None = Field(default=None, description="whose data it changed (none: shared)")
    key_id: str | None = Field(default=None, description="the API key that made it, if any")


UnitPublic.model_rebuild()
EquipmentPublic.model_rebuild()


class DeleteReport(BaseModel):
    """What a delete did beyond the entity itself: what it cascaded to and what it detached."""

    label: str
    id: str
    soft: bool
    cascaded: list[dict[str, str]] = Field(default_factory=list)
    detached: list[dict[str, Any]] = Field(default_factory=list)


class RuleKind(StrEnum):
    CONFLICTS_WITH = "CONFLICTS_WITH"
    REQUIRES = "REQUIRES"


class EquipmentRule(BaseModel):
    """A rule edge from an item to another item or a category (docs/model.md)."""

    kind: RuleKind
    target_id: str
    target_label: str | None = None
    reason: str | None = None


# ---- Many at once ----------------------------------------------------------------------


class EntityPatch(BaseModel):
    """One patch of a `patch_many`: the entity, the fields to change (as the entity's Update
    model takes them; null removes an optional one) and the version it expects."""

    model_config = _STRICT

    id: EntityId
    changes: dict[str, Any] = Field(min_length=1)
    expected_version: NonNegative | None = None


@dataclass
class Outcome:
    """What became of one operation of a batch: the version it wrote, or its error."""

    index: int
    id: str | None = None
    version: int | None = None
    error: GraphStoreError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None
