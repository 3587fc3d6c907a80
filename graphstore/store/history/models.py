"""What history reads return: versions, their content, diffs, merge results."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from graphstore.store.models import MountPublic


class LocationState(BaseModel):
    code: str
    crit_slots: int | None = None
    fixed_slots: int | None = None
    fixed: list[str] | None = None


class VersionContent(BaseModel):
    """An entity as one version holds it: properties, and its mounts or locations."""

    properties: dict[str, Any]
    mounts: list[MountPublic] | None = None
    locations: list[LocationState] | None = None


class VersionPublic(BaseModel):
    entity_label: str
    entity_id: str
    number: int
    at: datetime
    actor: str
    source: str = Field(description="library, api, importer, migration, restore, merge, repair")
    note: str | None = Field(default=None, description="the change note given with the write")
    parents: list[str] = Field(
        description="the versions this one follows (label:id#number): the previous one, and "
        "a branch's origin or a merge's source"
    )
    hash: str = Field(description="sha-256 over the content, the parents and `previous_hash`")
    previous_hash: str | None = None
    stored_as: Literal["snapshot", "delta"]
    stored_bytes: int | None = None
    content: VersionContent | None = Field(
        default=None, description="the entity at this version; left out of lists"
    )


class PropertyChange(BaseModel):
    name: str
    old: Any = None
    new: Any = None


class MountChange(BaseModel):
    """One mount in both versions: where it was and where it is."""

    before: MountPublic
    after: MountPublic


class MountChanges(BaseModel):
    added: list[MountPublic] = Field(default_factory=list)
    removed: list[MountPublic] = Field(default_factory=list)
    moved: list[MountChange] = Field(
        default_factory=list, description="location, slot or rear changed"
    )
    requantified: list[MountChange] = Field(default_factory=list, description="quantity changed")


class LocationChanges(BaseModel):
    added: list[LocationState] = Field(default_factory=list)
    removed: list[LocationState] = Field(default_factory=list)
    changed: list[PropertyChange] = Field(default_factory=list)


class VersionDiff(BaseModel):
    """How version `to_version` differs from `from_version` of one entity."""

    entity_label: str
    entity_id: str
    from_version: int
    to_version: int
    properties: list[PropertyChange]
    mounts: MountChanges | None = None
    locations: LocationChanges | None = None


class MergeConflict(BaseModel):
    """A property or a mount both sides changed since their common ancestor, differently.
    Absent means removed on that side (or never there)."""

    kind: Literal["property", "mount"]
    key: str = Field(description="the property name or the mount id")
    base: Any = None
    ours: Any = Field(default=None, description="the target's value")
    theirs: Any = Field(default=None, description="the source's value")


class MergeResult(BaseModel):
    target: str
    source: str
    base: str = Field(description="the common ancestor version (label:id#number)")
    strategy: Literal["ours", "theirs"] | None = None
    conflicts: list[MergeConflict] = Field(default_factory=list)
    content: VersionContent = Field(description="the merged loadout")
    written: bool = Field(description="false for a preview")
    version: int | None = Field(default=None, description="the target's new version")


class RestoreResult(BaseModel):
    entity_label: str
    entity_id: str
    restored_version: int
    version: int = Field(description="the new version written with that content")
    dropped_mounts: list[MountPublic] = Field(
        default_factory=list, description="with force: mounts of items that are gone"
    )
    rule_errors: list[dict[str, Any]] = Field(
        default_factory=list, description="what the rules engine found in the restored state"
    )


class MountedIn(BaseModel):
    loadout_id: str
    version: int
    at: datetime


class ChainReport(BaseModel):
    entity_label: str
    entity_id: str
    versions: int
    ok: bool
    problems: list[str] = Field(default_factory=list)
