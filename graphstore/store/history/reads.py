"""Reading history: version lists, one version by number or by time, diffs, chain checks."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from graphstore.errors import NotFoundError
from graphstore.store.convert import plain
from graphstore.store.history.chain import rebuild, version_hash
from graphstore.store.history.content import PARTS, Content, apply
from graphstore.store.history.models import (
    ChainReport,
    LocationChanges,
    LocationState,
    MountChange,
    MountChanges,
    MountedIn,
    PropertyChange,
    VersionContent,
    VersionDiff,
    VersionPublic,
)
from graphstore.store.models import MountPublic
from graphstore.store.scope import Runner, run, run_one


def public_content(label: str, content: Content) -> VersionContent:
    part = PARTS[label]
    if label == "Loadout":
        mounts = [
            MountPublic(mount_id=mount_id, **fields)
            for mount_id, fields in sorted(content[part].items())
        ]
        return VersionContent(properties=content["properties"], mounts=mounts)
    locations = [LocationState(code=code, **f) for code, f in sorted(content[part].items())]
    return VersionContent(properties=content["properties"], locations=locations)


def _public(label: str, entity_id: str, meta: dict[str, Any]) -> VersionPublic:
    meta = plain(meta)
    return VersionPublic(
        entity_label=label,
        entity_id=entity_id,
        number=meta["number"],
        at=meta["at"],
        actor=meta["actor"],
        source=meta["source"],
        note=meta.get("note"),
        parents=meta.get("parents") or [],
        hash=meta["hash"],
        previous_hash=meta.get("previous_hash"),
        stored_as="snapshot" if meta.get("snapshot") else "delta",
        stored_bytes=meta.get("size"),
    )


def version_content(
    tx: Runner, label: str, entity_id: str, *, number: int | None, at: datetime | None
) -> tuple[VersionPublic, Content]:
    """A version and its content: by number, at a time, or the newest (both None)."""
    row = run_one(tx, "history/version_get", label=label, id=entity_id, number=number, at=at)
    if row is None:
        if number is not None:
            what = f"{label} {entity_id!r} has no version {number}"
        elif at is not None:
            what = f"{label} {entity_id!r} has no version at or before {at.isoformat()}"
        else:
            what = f"{label} {entity_id!r} has no recorded versions"
        raise NotFoundError(label, entity_id, message=what)
    version = _public(label, entity_id, row["meta"])
    return version, rebuild(label, row["chain"], version.number)


def read_version(
    tx: Runner, label: str, entity_id: str, *, number: int | None, at: datetime | None
) -> VersionPublic:
    version, content = version_content(tx, label, entity_id, number=number, at=at)
    return version.model_copy(update={"content": public_content(label, content)})


def list_versions(
    tx: Runner, label: str, entity_id: str, skip: int, limit: int
) -> tuple[list[VersionPublic], int]:
    row = run_one(tx, "history/version_list", label=label, id=entity_id, skip=skip, limit=limit)
    total = row["total"] if row else 0
    return [_public(label, entity_id, meta) for meta in (row or {}).get("items") or []], total


def mounted_in(tx: Runner, equipment_id: str, at: datetime, limit: int) -> list[MountedIn]:
    rows = run(tx, "history/mounted_in", equipment_id=equipment_id, at=at, limit=limit)
    return [MountedIn.model_validate(plain(row)) for row in rows]


def diff_contents(
    label: str, entity_id: str, a: int, b: int, old: Content, new: Content
) -> VersionDiff:
    before, after = old["properties"], new["properties"]
    properties = [
        PropertyChange(name=name, old=before.get(name), new=after.get(name))
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    ]
    result = VersionDiff(
        entity_label=label,
        entity_id=entity_id,
        from_version=a,
        to_version=b,
        properties=properties,
    )
    if label == "Loadout":
        result.mounts = diff_mounts(old["mounts"], new["mounts"])
    else:
        result.locations = diff_locations(old["locations"], new["locations"])
    return result


_PLACE = ("location", "slot", "rear")


def diff_mounts(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> MountChanges:
    """Mounts pair up by mount id; what is left pairs by item, same location first, so a
    remount under a new id reads as a move, not a removal and an addition."""
    pairs = [(old[k], new[k], k, k) for k in sorted(old.keys() & new.keys())]
    left = {k: old[k] for k in sorted(old.keys() - new.keys())}
    right = {k: new[k] for k in sorted(new.keys() - old.keys())}
    for same_location in (True, False):
        for k, mount in list(left.items()):
            twin = next(
                (
                    j
                    for j, other in right.items()
                    if other["equipment_id"] == mount["equipment_id"]
                    and (not same_location or other["location"] == mount["location"])
                ),
                None,
            )
            if twin is not None:
                pairs.append((mount, right.pop(twin), k, twin))
                del left[k]
    changes = MountChanges(
        added=[MountPublic(mount_id=k, **m) for k, m in right.items()],
        removed=[MountPublic(mount_id=k, **m) for k, m in left.items()],
    )
    for a, b, ka, kb in pairs:
        change = MountChange(
            before=MountPublic(mount_id=ka, **a), after=MountPublic(mount_id=kb, **b)
        )
        if a["equipment_id"] != b["equipment_id"]:
            changes.removed.append(change.before)
            changes.added.append(change.after)
            continue
        if any(a.get(f) != b.get(f) for f in _PLACE):
            changes.moved.append(change)
        if a.get("quantity") != b.get("quantity"):
            changes.requantified.append(change)
    return changes


def diff_locations(
    old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
) -> LocationChanges:
    return LocationChanges(
        added=[LocationState(code=c, **new[c]) for c in sorted(new.keys() - old.keys())],
        removed=[LocationState(code=c, **old[c]) for c in sorted(old.keys() - new.keys())],
        changed=[
            PropertyChange(name=c, old=old[c], new=new[c])
            for c in sorted(old.keys() & new.keys())
            if old[c] != new[c]
        ],
    )


def verify_chain(tx: Runner, label: str, entity_id: str) -> ChainReport:
    """Rebuilds every stored version of the entity and checks its hash chain."""
    row = run_one(tx, "history/chain", label=label, id=entity_id)
    return check_chain(label, entity_id, plain(row) if row else {"versions": [], "follows": []})


def check_chain(label: str, entity_id: str, stored: dict[str, Any]) -> ChainReport:
    """Checks one entity's stored versions, oldest first: each rebuilt content matches its
    hash, and each names the hash of the version stored before it: an edited, removed or
    reordered version is reported. `follows` lists the hashes of archived versions that a
    stored one may follow instead (graphstore.store.history.archive)."""
    rows = sorted(stored["versions"], key=lambda row: row["number"])
    archived = set(stored.get("follows") or [])
    problems: list[str] = []
    previous_hash: str | None = None
    content: Content | None = None
    for row in rows:
        number = row["number"]
        follows = row["previous_hash"]
        if follows != previous_hash and not (follows in archived and row["snapshot"]):
            problems.append(
                f"version {number}: does not follow the version stored before it "
                "(one was edited, removed or reordered)"
            )
        try:
            body = json.loads(row["body"])
            if row["snapshot"]:
                content = body
            elif content is None:
                raise ValueError("a delta with no readable version before it")
            else:
                content = apply(content, body, label)
        except (ValueError, KeyError, TypeError, AttributeError) as broken:
            problems.append(f"version {number}: its stored content cannot be read ({broken})")
            content = None
        else:
            if version_hash(follows, row["parents"] or [], content) != row["hash"]:
                problems.append(f"version {number}: its content does not match its hash")
        previous_hash = row["hash"]
    return ChainReport(
        entity_label=label,
        entity_id=entity_id,
        versions=len(rows),
        ok=not problems,
        problems=problems,
    )
