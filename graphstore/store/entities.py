"""The life cycle every entity shares: lock, read, update, soft/hard delete, restore.

Each entity module supplies its label, its query prefix (cypher/store/<key>_*.cypher), its
models, and the hooks that differ (relations loaded by `get`, what a delete cascades to).
"""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel

from graphstore import queries
from graphstore.errors import (
    AlreadyExistsError,
    ConflictError,
    NotFoundError,
    RestrictError,
    ValidationError,
)
from graphstore.store.audit import ChangeLog
from graphstore.store.context import Context
from graphstore.store.convert import pairs_to_dict, plain
from graphstore.store.models import DeleteReport
from graphstore.store.references import blockers_of
from graphstore.store.scope import Runner, run, run_one
from graphstore.store.validation import error, validate, validate_many

CreateT = TypeVar("CreateT", bound=BaseModel)
UpdateT = TypeVar("UpdateT", bound=BaseModel)
PublicT = TypeVar("PublicT", bound=BaseModel)

BATCH_SIZE = 500


class Repository(ABC, Generic[CreateT, UpdateT, PublicT]):
    label: ClassVar[str]
    key: ClassVar[str]
    create_model: type[CreateT]
    update_model: type[UpdateT]
    public_model: type[PublicT]
    relations: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, context: Context) -> None:
        self._context = context

    # ---- hooks -------------------------------------------------------------------------

    @abstractmethod
    def _row(self, item: CreateT, entity_id: str) -> dict[str, Any]:
        """The UNWIND row for one created or upserted entity: {id, props, ...relations}."""

    def _update_props(self, patch: UpdateT, before: dict[str, Any]) -> dict[str, Any]:
        return patch.model_dump(mode="json", exclude_unset=True)

    def _after_update(self, tx: Runner, entity_id: str, patch: UpdateT, log: ChangeLog) -> None:
        """Relationship changes and staleness marks an update implies."""

    def _check_references(self, tx: Runner, rows: list[dict[str, Any]], name: str) -> None:
        """Raises ValidationError when rows point at entities that do not exist."""

    def _new_id(self, item: CreateT) -> str:
        return uuid.uuid4().hex

    # ---- shared pieces -----------------------------------------------------------------

    def _locked(
        self,
        tx: Runner,
        entity_id: str,
        expected_version: int | None = None,
        *,
        allow_deleted: bool = False,
    ) -> dict[str, Any]:
        """The entity's properties, write-locked for the rest of the transaction."""
        row = run_one(tx, f"store/{self.key}_lock", id=entity_id)
        if row is None or (row["props"].get("deleted_at") is not None and not allow_deleted):
            raise NotFoundError(self.label, entity_id)
        props: dict[str, Any] = plain(row["props"])
        current = props.get("version")
        if expected_version is not None and current != expected_version:
            raise ConflictError(
                f"{self.label} {entity_id!r} is at version {current}, not {expected_version}",
                entity_id=entity_id,
                expected=expected_version,
                current=current,
            )
        return props

    def _public(self, props: dict[str, Any], **relations: Any) -> PublicT:
        data = {**plain(props), **{k: v for k, v in relations.items() if v is not None}}
        return self.public_model.model_validate(data)

    def _check_relations(self, relations: Iterable[str]) -> list[str]:
        wanted = list(relations)
        unknown = sorted(set(wanted) - self.relations)
        if unknown:
            raise ValidationError(
                [
                    error("relations", f"unknown relation {u!r}; known: {sorted(self.relations)}")
                    for u in unknown
                ]
            )
        return wanted

    # ---- reads -------------------------------------------------------------------------

    def get(
        self,
        entity_id: str,
        *,
        fields: Sequence[str] | None = None,
        relations: Iterable[str] = (),
        include_deleted: bool = False,
    ) -> PublicT:
        """One entity with only `fields` (all when None) and the named `relations`, in one
        query."""
        wanted = self._check_relations(relations)

        def work(tx: Runner) -> dict[str, Any] | None:
            return run_one(
                tx,
                f"store/{self.key}_get",
                id=entity_id,
                fields=None if fields is None else [*fields, "id"],
                relations=wanted,
                include_deleted=include_deleted,
            )

        row = self._context.scope.read(work)
        if row is None:
            raise NotFoundError(self.label, entity_id)
        props = pairs_to_dict(row.pop("props"))
        return self._public(props, **{k: plain(v) for k, v in row.items()})

    def exists(self, entity_id: str, *, include_deleted: bool = False) -> bool:
        try:
            self.get(entity_id, fields=["id"], include_deleted=include_deleted)
        except NotFoundError:
            return False
        return True

    # ---- writes ------------------------------------------------------------------------

    def create(self, data: CreateT | dict[str, Any]) -> PublicT:
        """Creates one entity; AlreadyExistsError when the id is taken (even soft-deleted)."""
        item = validate(self.create_model, data)
        entity_id = getattr(item, "id", None) or self._new_id(item)
        row = self._row(item, entity_id)

        props = self._context.scope.write(lambda tx: self._create_in(tx, entity_id, row))
        return (
            self.get(entity_id, relations=self.relations)
            if self.relations
            else (self._public(props))
        )

    def _create_in(self, tx: Runner, entity_id: str, row: dict[str, Any]) -> dict[str, Any]:
        existing = run(tx, f"store/{self.key}_props_many", ids=[entity_id])
        if existing:
            raise AlreadyExistsError(
                f"{self.label} {entity_id!r} already exists",
                entity_id=entity_id,
                expected=None,
                current=existing[0]["props"].get("version"),
            )
        self._check_references(tx, [row], "")
        log = self._context.change_log()
        created = run(tx, f"store/{self.key}_upsert", rows=[row], now=log.at)
        props: dict[str, Any] = plain(created[0]["props"])
        log.add("create", self.label, entity_id, {}, props)
        log.write(tx)
        return props

    def upsert_many(self, items: Sequence[CreateT | dict[str, Any]]) -> list[str]:
        """Creates or replaces many entities, UNWIND-ed in batches of BATCH_SIZE, each batch
        in its own transaction (inside `store.transaction()`, all in the block's one)."""
        valid = validate_many(self.create_model, list(items), "items")
        rows = [self._row(item, getattr(item, "id", None) or self._new_id(item)) for item in valid]
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]

            def upsert(tx: Runner, batch: list[dict[str, Any]] = batch) -> None:
                self._check_references(tx, batch, "items")
                ids = [row["id"] for row in batch]
                before = {
                    r["id"]: plain(r["props"])
                    for r in run(tx, f"store/{self.key}_props_many", ids=ids)
                }
                log = self._context.change_log()
                for written in run(tx, f"store/{self.key}_upsert", rows=batch, now=log.at):
                    old = before.get(written["id"])
                    log.add(
                        "update" if old else "create",
                        self.label,
                        written["id"],
                        old or {},
                        plain(written["props"]),
                    )
                log.write(tx)

            self._context.scope.write(upsert)
        return [row["id"] for row in rows]

    def update(
        self,
        entity_id: str,
        patch: UpdateT | dict[str, Any],
        *,
        expected_version: int | None = None,
    ) -> PublicT:
        """Changes the given fields (None removes one); bumps the version."""
        valid = validate(self.update_model, patch)

        def update(tx: Runner) -> dict[str, Any]:
            before = self._locked(tx, entity_id, expected_version)
            props = self._update_props(valid, before)
            log = self._context.change_log()
            row = run_one(tx, f"store/{self.key}_update", id=entity_id, props=props, now=log.at)
            assert row is not None
            after = plain(row["props"])
            self._after_update(tx, entity_id, valid, log)
            log.add("update", self.label, entity_id, before, after)
            log.write(tx)
            return after  # type: ignore[no-any-return]

        return self._public(self._context.scope.write(update))

    def delete(
        self,
        entity_id: str,
        *,
        soft: bool = False,
        force: bool = False,
        expected_version: int | None = None,
    ) -> DeleteReport:
        """Deletes per the referential-integrity table (graphstore.store.references):
        cascades, refuses with RestrictError, or with `force` detaches and reports."""
        return self._context.scope.write(
            lambda tx: self._delete_in(tx, entity_id, soft, force, expected_version)
        )

    def _delete_in(
        self,
        tx: Runner,
        entity_id: str,
        soft: bool,
        force: bool,
        expected_version: int | None,
    ) -> DeleteReport:
        before = self._locked(tx, entity_id, expected_version, allow_deleted=not soft)
        log = self._context.change_log()
        if soft:
            row = run_one(tx, f"store/{self.key}_soft_delete", id=entity_id, now=log.at)
            assert row is not None
            log.add("soft_delete", self.label, entity_id, before, plain(row["props"]))
            cascaded = list(row.get("cascaded") or [])
            for child_label, child_id in cascaded:
                log.add("soft_delete", child_label, child_id, {}, {"deleted_at": log.at})
            log.write(tx)
            return DeleteReport(
                label=self.label,
                id=entity_id,
                soft=True,
                cascaded=[{"label": a, "id": b} for a, b in cascaded],
            )
        blockers = blockers_of(tx, self.label, entity_id)
        if blockers and not force:
            raise RestrictError(
                f"{self.label} {entity_id!r} is still referenced by {len(blockers)} "
                "relationship(s); pass force=True to detach them",
                blockers=blockers,
            )
        # Changes are written first so their CHANGED edge exists until the entity goes.
        log.add("delete", self.label, entity_id, before, {})
        delete_query = f"store/{self.key}_delete"
        # Only deletes that touch surviving entities (force-detached mounts) stamp a time.
        stamp = {"now": log.at} if "now" in queries.load(delete_query).parameters else {}
        row = run_one(tx, delete_query, id=entity_id, **stamp) or {}
        cascaded = [{"label": a, "id": b} for a, b in row.get("cascaded") or []]
        for child in cascaded:
            log.add("delete", child["label"], child["id"], {}, {})
        detached = [dict(d) for d in row.get("detached") or []]
        touched = sorted({d["loadout_id"] for d in detached if d.get("loadout_id")})
        for loadout_id in touched:
            log.add("unmount", "Loadout", loadout_id, {}, {})
        log.write(tx)
        return DeleteReport(
            label=self.label, id=entity_id, soft=False, cascaded=cascaded, detached=detached
        )

    def restore(self, entity_id: str) -> PublicT:
        """Brings back a soft-deleted entity (and what its soft delete cascaded to)."""

        def restore(tx: Runner) -> dict[str, Any]:
            before = self._locked(tx, entity_id, allow_deleted=True)
            if before.get("deleted_at") is None:
                return before
            self._check_restorable(tx, entity_id)
            log = self._context.change_log()
            row = run_one(tx, f"store/{self.key}_restore", id=entity_id, now=log.at)
            assert row is not None
            log.add("restore", self.label, entity_id, before, plain(row["props"]))
            for child_label, child_id in row.get("cascaded") or []:
                log.add("restore", child_label, child_id, {"deleted_at": before["deleted_at"]}, {})
            log.write(tx)
            return plain(row["props"])  # type: ignore[no-any-return]

        return self._public(self._context.scope.write(restore))

    def _check_restorable(self, tx: Runner, entity_id: str) -> None:
        """Refuses a restore that would bring back an entity whose owner is still deleted."""


def soft_deleted_before(tx: Runner, cutoff: datetime) -> list[dict[str, Any]]:
    return run(tx, "store/purge_candidates", cutoff=cutoff)
