"""The audit trail: one (:Change)-[:CHANGED]->(entity) per write, with who, when and what.

A Change keeps `entity_id` and `entity_label` as properties, so the history of a purged
entity is still readable after its CHANGED edge went with it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from graphstore.store.claims import LOCK_PROPERTY
from graphstore.store.convert import plain
from graphstore.store.history import record as versions
from graphstore.store.models import ChangePublic
from graphstore.store.scope import Runner, run

# Bookkeeping that changes on every write; the version alone says which write it was.
_NOISE = frozenset(
    {"updated_at", "search_name", "tenant", LOCK_PROPERTY, versions.HISTORY_PROPERTY}
)


def _jsonable(value: Any) -> Any:
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _dump(properties: dict[str, Any]) -> str:
    return json.dumps({k: _jsonable(v) for k, v in sorted(properties.items())}, default=str)


def changed_properties(
    before: dict[str, Any], after: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the properties that differ, each side with its own value (absent = None)."""
    keys = {k for k in before.keys() | after.keys() if k not in _NOISE}
    changed = {k for k in keys if before.get(k) != after.get(k)}
    return (
        {k: before.get(k) for k in sorted(changed)},
        {k: after.get(k) for k in sorted(changed)},
    )


def log_key(change_id: str) -> str:
    """Where a Change sits in the write log that read models follow (graphstore.readmodel):
    when it was recorded, as fixed-width UTC text that sorts as time does (an index the local
    engine range-scans in milliseconds, where it scans a datetime or an integer index whole,
    measured), then its id. Taken as the Change is written, just before its transaction
    commits, so log order and commit order differ by at most a commit's length; a read model
    re-reads an overlap window to cover that."""
    return f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%S.%fZ}|{change_id}"


SOURCES = ("library", "api", "importer", "migration", "restore", "merge", "repair")
"""Where a change came from: the store's caller, or the kind of operation that made it."""


@dataclass
class ChangeLog:
    """Changes gathered by one operation, written in one UNWIND at its end.

    Each records who (`actor`), when (`at`), from where (`source`) and why (`note`: a
    change note, or for an import the source file the entity came from).
    """

    actor: str
    at: datetime
    source: str = "library"
    note: str | None = None
    key_id: str | None = None
    """The API key behind the change (graphstore.tenancy.keys); None for the library."""
    rows: list[dict[str, Any]] = field(default_factory=list)
    # The units and loadouts written: write() records the next version of each.
    written: dict[tuple[str, str], versions.Written] = field(default_factory=dict)

    def wrote(
        self,
        label: str,
        entity_id: str,
        parents: list[str] | None = None,
        *,
        props: dict[str, Any] | None = None,
        parts: list[dict[str, Any]] | None = None,
        parts_from: Callable[[versions.Parts], versions.Parts] | None = None,
    ) -> None:
        """Marks an entity as written by this operation: write() records its next version,
        with `parents` besides its previous version (a branch's origin, a merge's source).

        What the operation knows of the entity afterwards spares recording a read: `props`
        (its stored properties, as the write returned them) and its mounts or locations,
        as rows (`parts`) or as a function of the previous version's (`parts_from`;
        versions.SAME_PARTS when the write left them alone)."""
        if label not in versions.VERSIONED:
            return
        pending = self.written.setdefault((label, entity_id), versions.Written())
        if parents is not None:
            pending.parents = parents
        if props is not None:
            pending.props = props
            pending.parts, pending.parts_from = parts, parts_from

    def add(
        self,
        operation: str,
        label: str,
        entity_id: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        *,
        note: str | None = None,
    ) -> None:
        old, new = changed_properties(before or {}, after or {})
        self.wrote(label, entity_id)
        self.rows.append(
            {
                "id": uuid.uuid4().hex,
                "operation": operation,
                "entity_label": label,
                "entity_id": entity_id,
                "before": _dump(old),
                "after": _dump(new),
                "note": note if note is not None else self.note,
            }
        )

    def creation(
        self,
        label: str,
        entity_id: str,
        props: dict[str, Any],
        parts: list[dict[str, Any]] | None = None,
        parents: list[str] | None = None,
    ) -> dict[str, Any]:
        """The Change a create statement writes with the entity (cypher/store/fragments/
        new_entity): one statement, no lookup. For a unit or a loadout, with its first
        version (`version`, from its `parts`: locations or mounts) for the statement to
        store too (cypher/history/fragments/first_version)."""
        after = {k: v for k, v in {**props, "id": entity_id, "version": 1}.items() if v is not None}
        _, new = changed_properties({}, after)
        change_id = uuid.uuid4().hex
        change: dict[str, Any] = {
            "id": change_id,
            "log_key": log_key(change_id),
            "label": label,
            "after": _dump(new),
            "note": props.get("imported_from") or self.note,
        }
        if label in versions.VERSIONED:
            version = versions.first_version(label, entity_id, props, parts or [], parents)
            change["version"] = {**version, "note": self.note}
        return change

    def stamp(self) -> dict[str, Any]:
        """The parameters a statement that records its own Changes needs."""
        return {"now": self.at, "actor": self.actor, "source": self.source, "key_id": self.key_id}

    def write(self, tx: Runner) -> None:
        """Writes the gathered Changes and the next version of every unit and loadout
        written (graphstore.store.history.record), in one statement of the caller's
        transaction."""
        recorded = versions.record(tx, self.written, note=self.note) if self.written else []
        for row in self.rows:
            row["log_key"] = log_key(row["id"])
        if self.rows or recorded:
            run(
                tx,
                "store/change_record",
                changes=self.rows,
                versions=recorded,
                actor=self.actor,
                source=self.source,
                at=self.at,
                key_id=self.key_id,
            )
        self.rows, self.written = [], {}


def history(tx: Runner, entity_id: str, limit: int) -> list[ChangePublic]:
    rows = run(tx, "store/change_history", entity_id=entity_id, limit=limit)
    return [
        ChangePublic(
            id=row["id"],
            at=plain(row["at"]),
            actor=row["actor"],
            operation=row["operation"],
            entity_label=row["entity_label"],
            entity_id=row["entity_id"],
            source=row["source"] or "library",
            note=row["note"],
            before=json.loads(row["before"] or "{}"),
            after=json.loads(row["after"] or "{}"),
            tenant=row.get("tenant"),
            key_id=row.get("key_id"),
        )
        for row in rows
    ]
