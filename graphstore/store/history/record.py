"""Recording versions: the step every write of a unit or a loadout ends with.

The store's ChangeLog names the units and loadouts an operation wrote, and what it knows
of each afterwards (its stored properties, its mounts or locations, or that they did not
change). Each entity carries its newest version's number, hash, base and content in one
bookkeeping property (`_history`), which every write query returns with its properties, so
the next version is computed without reading anything: its content, its delta from the
head's content, its hash. The new versions are written by the statement that writes the
operation's audit Changes (cypher/store/change_record), or by a create statement itself
(cypher/history/fragments/first_version): versioning adds no round trip to a write.

An operation that cannot say what it wrote (a cascade, a detach) takes the slow path: one
query reads those entities as they are now. Either way the version exists exactly when
its change committed. Its number is the entity's own `version`, which the write bumped
under the entity's claim: two writers never take one number, and the unique key refuses
it if they do (graphstore.quirks: a lost race, retried).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graphstore.store.convert import plain
from graphstore.store.history.chain import SNAPSHOT_EVERY, rebuild, version_hash, version_key
from graphstore.store.history.content import PARTS, Content, canonical, content_of, delta
from graphstore.store.scope import Runner, run

VERSIONED = tuple(PARTS)
"""The labels that keep versions."""

HISTORY_PROPERTY = "_history"
"""The entity's head: {number, hash, base, content} of its newest version, as JSON."""

Parts = dict[str, dict[str, Any]]
SAME_PARTS: Callable[[Parts], Parts] = dict
"""`parts_from` for a write that left the entity's mounts or locations as they were."""


@dataclass
class Written:
    """One entity an operation wrote, and what the operation knows of it afterwards."""

    parents: list[str] | None = None
    """Parents besides its previous version: a branch's origin, a merge's source."""
    props: dict[str, Any] | None = None
    """Its stored properties after the write (`_history` still the previous head's)."""
    parts: list[dict[str, Any]] | None = None
    """Its mounts or locations after the write, as rows."""
    parts_from: Callable[[Parts], Parts] | None = None
    """Or how they follow from the previous version's (keyed by mount id or code)."""


@dataclass(frozen=True)
class Head:
    number: int
    hash: str
    base: int
    content: Content


def head_of(props: Mapping[str, Any]) -> Head | None:
    stored = props.get(HISTORY_PROPERTY)
    if not stored:
        return None
    head = json.loads(stored)
    return Head(head["number"], head["hash"], head["base"], head["content"])


def first_version(
    label: str,
    entity_id: str,
    props: Mapping[str, Any],
    parts: Sequence[dict[str, Any]],
    parents: Sequence[str] | None,
) -> dict[str, Any]:
    """Version 1 of an entity a create statement is about to write (with those props and
    parts): the statement stores it with the entity."""
    content = content_of(label, {**props, "version": 1}, list(parts))
    return version_row(label, entity_id, 1, content, None, parents)


def record(
    tx: Runner, written: Mapping[tuple[str, str], Written], *, note: str | None
) -> list[dict[str, Any]]:
    """The next version of each written entity, for change_record to store. An entity that
    no longer exists was deleted for good: its versions go now."""
    versions: list[dict[str, Any]] = []
    for label in VERSIONED:
        mine = {entity_id: w for (kind, entity_id), w in written.items() if kind == label}
        slow: list[str] = []
        for entity_id, w in sorted(mine.items()):
            known, made = _from_what_was_written(label, entity_id, w)
            if not known:
                slow.append(entity_id)
            elif made is not None:
                versions.append(made)
        if slow:
            found = set()
            for row in run(tx, f"history/{label.lower()}_heads_scan", ids=slow, label=label):
                found.add(row["id"])
                made = _from_stored(label, row, mine[row["id"]].parents)
                if made is not None:
                    versions.append(made)
            gone = sorted(set(slow) - found)
            if gone:
                archives = [f"{label}:{entity_id}" for entity_id in gone]
                run(tx, "history/forget", label=label, ids=gone, archives=archives)
    for version in versions:
        version["note"] = note
    return versions


def _from_what_was_written(
    label: str, entity_id: str, w: Written
) -> tuple[bool, dict[str, Any] | None]:
    """(whether the write said enough, and the version: None when recorded already)."""
    if w.props is None or (w.parts is None and w.parts_from is None):
        return False, None
    number = w.props.get("version")
    head = head_of(w.props)
    if not isinstance(number, int) or (head is None and number != 1):
        return False, None  # an entity whose head is not on it: read what is stored
    if head is not None and head.number >= number:
        return True, None  # this operation recorded it already
    if w.parts is not None:
        parts = list(w.parts)
    elif head is not None and w.parts_from is not None:
        previous = head.content[PARTS[label]]
        parts = [_unkeyed(label, key, fields) for key, fields in w.parts_from(previous).items()]
    else:
        return False, None
    content = content_of(label, w.props, parts)
    return True, version_row(label, entity_id, number, content, head, w.parents)


def _unkeyed(label: str, key: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    return {("mount_id" if label == "Loadout" else "code"): key, **fields}


def _from_stored(
    label: str, row: dict[str, Any], parents: Sequence[str] | None
) -> dict[str, Any] | None:
    props = plain(row["props"])
    number = props.get("version")
    head = head_of(props)
    scanned = row.get("head")
    if head is None and scanned is not None:
        # Versions without a head on the entity (it lost it): continue from the newest.
        head = Head(
            scanned["number"], scanned["hash"], scanned["base"], rebuild(label, row["chain"])
        )
    if not isinstance(number, int) or (head is not None and head.number >= number):
        return None  # not stamped by the store (a missing_version finding), or recorded
    content = content_of(label, props, plain(row["parts"]))
    return version_row(label, row["id"], number, content, head, parents)


def version_row(
    label: str,
    entity_id: str,
    number: int,
    content: Content,
    head: Head | None,
    parents: Sequence[str] | None,
) -> dict[str, Any]:
    """A version as the graph stores it, and the entity's new head (`history`)."""
    if head is None:
        snapshot, base, body = True, number, content
        lineage = list(parents or [])
    else:
        snapshot = number - head.base >= SNAPSHOT_EVERY
        base = number if snapshot else head.base
        body = content if snapshot else delta(head.content, content)
        own = version_key(label, entity_id, head.number)
        lineage = [own, *(p for p in parents or [] if p != own)]
    previous_hash = head.hash if head else None
    digest = version_hash(previous_hash, lineage, content)
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
        "hash": digest,
        "previous_hash": previous_hash,
        "parents": lineage,
        "equipment_ids": equipment_ids(label, content),
        "deleted": content["properties"].get("deleted_at") is not None,
        "history": canonical({"number": number, "hash": digest, "base": base, "content": content}),
    }


def equipment_ids(label: str, content: Content) -> list[str] | None:
    """The items a loadout version mounts: what "which loadouts mounted X at T" filters on."""
    if label != "Loadout":
        return None
    return sorted({m["equipment_id"] for m in content["mounts"].values()})
