"""What a version of a unit or a loadout holds, and how one version differs from another.

A version's *content* is the entity as a user sees it, without bookkeeping:

    {"properties": {...}, "mounts": {mount_id: {...}}}        # a Loadout
    {"properties": {...}, "locations": {code: {...}}}         # a Unit

Deltas, diffs and merges work on its flat form, one key per property and per part
("properties/role", "mounts/<mount_id>"): mount ids and location codes are URL-safe, so
the first "/" is the only one that separates.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

Content = dict[str, dict[str, Any]]
Flat = dict[str, Any]

PARTS = {"Unit": "locations", "Loadout": "mounts"}
"""The part of an entity that lives in relationships, by label."""

BOOKKEEPING = frozenset(
    {"id", "version", "created_at", "updated_at", "search_name", "_lock", "_history", "tenant"}
)
"""Properties every write stamps: which version it is (and whose: the version records its
tenant) already says all they would."""

DERIVED = {"Unit": frozenset({"name"})}
"""Properties the store derives from others (a unit's name from chassis and model)."""

MOUNT_FIELDS = ("equipment_id", "location", "slot", "rear", "quantity", "original_id")
LOCATION_FIELDS = ("crit_slots", "fixed_slots", "fixed")


def jsonable(value: Any) -> Any:
    """A stored value as JSON carries it: times as ISO 8601 text."""
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def content_of(label: str, properties: dict[str, Any], parts: list[dict[str, Any]]) -> Content:
    """The content of a stored entity: its properties and its mounts or locations."""
    skip = BOOKKEEPING | DERIVED.get(label, frozenset())
    props = {k: jsonable(v) for k, v in properties.items() if k not in skip and v is not None}
    if label == "Loadout":
        keyed = {p["mount_id"]: {f: jsonable(p.get(f)) for f in MOUNT_FIELDS} for p in parts}
    else:
        keyed = {p["code"]: {f: jsonable(p.get(f)) for f in LOCATION_FIELDS} for p in parts}
    return {"properties": props, PARTS[label]: keyed}


def canonical(content: Any) -> str:
    """One text per content: what hashes and sizes are taken of."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def flatten(content: Content) -> Flat:
    return {
        f"{part}/{key}": value for part, values in content.items() for key, value in values.items()
    }


def unflatten(flat: Flat, label: str) -> Content:
    content: Content = {"properties": {}, PARTS[label]: {}}
    for path, value in flat.items():
        part, key = path.split("/", 1)
        content.setdefault(part, {})[key] = value
    return content


def delta(before: Content, after: Content) -> dict[str, Any]:
    """What turns `before` into `after`: the keys set (with their new value) and unset."""
    old, new = flatten(before), flatten(after)
    changed = {k: v for k, v in new.items() if old.get(k, _ABSENT) != v}
    removed = sorted(k for k in old if k not in new)
    return {"set": dict(sorted(changed.items())), "unset": removed}


def apply(content: Content, change: dict[str, Any], label: str) -> Content:
    flat = flatten(content)
    for key in change.get("unset", ()):
        flat.pop(key, None)
    flat.update(change.get("set", {}))
    return unflatten(flat, label)


_ABSENT = object()
