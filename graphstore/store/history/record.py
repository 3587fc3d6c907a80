"""Recording versions: the step every write of a unit or a loadout ends with.

The store's ChangeLog names the units and loadouts an operation wrote; when it writes its
Changes, this records one new version of each, in the same transaction, so a version
exists exactly when its change committed. Its number is the entity's own `version`,
which the write bumped under the entity's claim: two writers never take one number, and
the unique key would refuse it if they did.

It reads what it compares against (each entity now, and its chain since the last
snapshot) in one query per label, and writes every new version in one more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from graphstore.store.convert import plain
from graphstore.store.history.chain import SNAPSHOT_EVERY, rebuild, version_hash, version_key
from graphstore.store.history.content import PARTS, canonical, content_of, delta
from graphstore.store.scope import Runner, run

VERSIONED = tuple(PARTS)
"""The labels that keep versions."""

Lineage = Mapping[tuple[str, str], Sequence[str] | None]
"""(label, id) of each entity written, to the parents of its new version when they are not
just its previous version (a branch, a merge)."""


def record(
    tx: Runner,
    written: Lineage,
    *,
    at: datetime,
    actor: str,
    source: str,
    note: str | None,
) -> int:
    """Records the next version of each written entity; returns how many it recorded.

    An entity that no longer exists was deleted for good: its versions go with it."""
    versions: list[dict[str, Any]] = []
    for label in VERSIONED:
        ids = sorted(entity_id for kind, entity_id in written if kind == label)
        if not ids:
            continue
        rows = run(tx, f"history/{label.lower()}_heads", ids=ids, label=label)
        for row in rows:
            made = _next_version(label, row, written.get((label, row["id"])))
            if made is not None:
                versions.append(made)
        gone = sorted(set(ids) - {row["id"] for row in rows})
        if gone:
            run(tx, "history/forget", label=label, ids=gone)
    if versions:
        run(
            tx,
            "history/version_record",
            versions=versions,
            at=at,
            actor=actor,
            source=source,
            note=note,
        )
    return len(versions)


def _next_version(
    label: str, row: dict[str, Any], parents: Sequence[str] | None
) -> dict[str, Any] | None:
    props = plain(row["props"])
    number = props.get("version")
    if not isinstance(number, int):
        return None  # not stamped by the store (checked and repaired as missing_version)
    head = row["head"]
    if head is not None and head["number"] >= number:
        return None  # this operation's version is recorded already
    content = content_of(label, props, plain(row["parts"]))
    entity_id = row["id"]
    if head is None:
        snapshot, base, body = True, number, content
        lineage = list(parents or [])
    else:
        previous = rebuild(label, row["chain"])
        snapshot = number - head["base"] >= SNAPSHOT_EVERY
        base = number if snapshot else head["base"]
        body = content if snapshot else delta(previous, content)
        own = version_key(label, entity_id, head["number"])
        lineage = [own, *(p for p in parents or [] if p != own)]
    previous_hash = head["hash"] if head else None
    text = canonical(body)
    return {
        "key": version_key(label, entity_id, number),
        "entity_label": label,
        "entity_id": entity_id,
        "number": number,
        "snapshot": snapshot,
        "base": base,
        "body": text,
        "size": len(text.encode()),
        "hash": version_hash(previous_hash, lineage, content),
        "previous_hash": previous_hash,
        "parents": lineage,
        "equipment_ids": equipment_ids(label, content),
        "deleted": content["properties"].get("deleted_at") is not None,
    }


def equipment_ids(label: str, content: dict[str, Any]) -> list[str] | None:
    """The items a loadout version mounts: what "which loadouts mounted X at T" filters on."""
    if label != "Loadout":
        return None
    return sorted({m["equipment_id"] for m in content["mounts"].values()})
