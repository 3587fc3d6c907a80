"""The life cycle every entity shares: claim, read, create, update, soft/hard delete, restore.

Each entity module supplies its label, its query prefix (cypher/store/<key>_*.cypher), its
models, and the hooks that differ: what its rows refer to (claimed and checked before a
write), what a delete detaches, what a restore needs alive. Every write claims what it
checks before checking it (graphstore.store.claims), so racing writers collide instead of
both passing.
"""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel

from graphstore.errors import (
    AlreadyExistsError,
    BulkError,
    ConflictError,
    ConstraintError,
    ForbiddenError,
    GraphStoreError,
    IntegrityError,
    NotFoundError,
    RestrictError,
    ValidationError,
)
from graphstore.store.audit import ChangeLog
from graphstore.store.claims import claim
from graphstore.store.context import Context
from graphstore.store.convert import pairs_to_dict, plain
from graphstore.store.history.record import SAME_PARTS
from graphstore.store.models import DeleteReport, EntityPatch, Outcome
from graphstore.store.references import blockers_of
from graphstore.store.scope import Runner, Tenancy, run, run_one
from graphstore.store.validation import error, validate, validate_many
from graphstore.tenancy.names import DEFAULT_TENANT

CreateT = TypeVar("CreateT", bound=BaseModel)
UpdateT = TypeVar("UpdateT", bound=BaseModel)
PublicT = TypeVar("PublicT", bound=BaseModel)
T = TypeVar("T")

BATCH_SIZE = 500
PATCH_BATCH = 1_000
"""Patches per transaction in patch_many: a transaction stays short (a 1,000-entity batch
took 0.6-0.9 s on the 100k graph, benchmarks/bulk.py) and its statements carry enough rows
to pay for their round trips."""
# A batch upsert that races a create of one of its ids hits the unique constraint; running
# it again finds the id and updates it. More rounds than this means something else is wrong.
UPSERT_ATTEMPTS = 3


@dataclass(frozen=True)
class _Patch:
    """One patch of patch_many, validated: its place in the call, its id, its update model
    and the properties it writes, and the version it expects."""

    index: int
    id: str
    valid: Any
    props: dict[str, Any]
    expected_version: int | None


class Repository(ABC, Generic[CreateT, UpdateT, PublicT]):
    label: ClassVar[str]
    key: ClassVar[str]
    create_model: type[CreateT]
    update_model: type[UpdateT]
    public_model: type[PublicT]
    relations: ClassVar[frozenset[str]] = frozenset()
    parts: ClassVar[str | None] = None
    """The row key of what a versioned entity keeps in relationships (mounts, locations)."""
    quota: ClassVar[str | None] = None
    """The tenant quota creates of this entity count against (graphstore.tenancy.quotas)."""

    def __init__(self, context: Context) -> None:
        self._context = context

    # ---- hooks -------------------------------------------------------------------------

    @abstractmethod
    def _row(self, item: CreateT, entity_id: str, **options: Any) -> dict[str, Any]:
        """The UNWIND row for one created or upserted entity: {id, props, ...relations}."""

    def _update_props(self, patch: UpdateT) -> dict[str, Any]:
        return patch.model_dump(mode="json", exclude_unset=True)

    def _claim_before_update(self, tx: Runner, entity_id: str, patch: UpdateT) -> None:
        """Claims (and checks) what an update's checks depend on, before the update writes
        anything (see graphstore.store.claims: claims come first)."""

    def _after_update(self, tx: Runner, entity_id: str, patch: UpdateT, log: ChangeLog) -> None:
        """Relationship changes and staleness marks an update implies."""

    def _claim_references(self, tx: Runner, rows: list[dict[str, Any]], name: str) -> None:
        """Claims what rows point at, then raises ValidationError for what is missing."""

    def _detach(self, tx: Runner, entity_id: str, live_only: bool, now: datetime) -> list[Any]:
        """A forced delete: removes the restricting relationships; returns what went."""
        return []

    def _claim_before_restore(self, tx: Runner, entity_id: str) -> None:
        """Claims (and checks) what a restore's checks depend on, before it writes."""

    def _claim_restorable(self, tx: Runner, entity_id: str, before: dict[str, Any]) -> None:
        """Claims what a restore brings back into use; IntegrityError when it cannot be."""

    def _new_id(self, item: CreateT) -> str:
        return uuid.uuid4().hex

    def _created_relations(self, row: dict[str, Any]) -> dict[str, Any] | None:
        """A new entity's relations as `get` would load them, known from its row; None
        when they must be read back."""
        return {} if not self.relations else None

    # ---- shared pieces -----------------------------------------------------------------

    def _locked(
        self,
        tx: Runner,
        entity_id: str,
        expected_version: int | None = None,
        *,
        allow_deleted: bool = False,
    ) -> dict[str, Any]:
        """The entity's properties, claimed for the rest of the transaction."""
        props = claim(tx, self.label, [entity_id]).get(entity_id)
        return self._writable(entity_id, props, expected_version, allow_deleted=allow_deleted)

    def _writable(
        self,
        entity_id: str,
        props: dict[str, Any] | None,
        expected_version: int | None,
        *,
        allow_deleted: bool = False,
    ) -> dict[str, Any]:
        """`props` (claimed) when this scope may write the entity at `expected_version`:
        NotFoundError when it is missing or soft-deleted, ForbiddenError when it is shared,
        ConflictError when it is at another version."""
        if props is None or (props.get("deleted_at") is not None and not allow_deleted):
            raise NotFoundError(self.label, entity_id)
        require_writable(self._context.scope.tenancy, self.label, entity_id, props)
        current = props.get("version")
        if expected_version is not None and current != expected_version:
            raise ConflictError(
                f"{self.label} {entity_id!r} is at version {current}, not {expected_version}",
                entity_id=entity_id,
                expected=expected_version,
                current=current,
            )
        return props

    def _write(self, entity_id: str, work: Callable[[Runner], T]) -> T:
        """Runs `work` as one retried write; a race it kept losing is this entity's conflict."""
        try:
            return self._context.scope.write(work)
        except ConflictError as lost:
            if lost.entity_id:
                raise
            current = self._current_version(entity_id)
            raise ConflictError(
                f"{self.label} {entity_id!r} kept changing under this write (now at version "
                f"{current}); read it again and retry",
                entity_id=entity_id,
                expected=None,
                current=current,
            ) from lost

    def _current_version(self, entity_id: str) -> int | None:
        try:
            found = self.get(entity_id, fields=["version"], include_deleted=True)
        except NotFoundError:
            return None
        return getattr(found, "version", None)

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

    def existing(self, entity_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The stored properties of those of these ids that exist (soft-deleted too), by id.
        Inside a transaction they are claimed: what is decided from them holds until commit."""
        return self._context.scope.write(lambda tx: claim(tx, self.label, entity_ids))

    def exists(self, entity_id: str, *, include_deleted: bool = False) -> bool:
        try:
            self.get(entity_id, fields=["id"], include_deleted=include_deleted)
        except NotFoundError:
            return False
        return True

    # ---- writes ------------------------------------------------------------------------

    def create(self, data: CreateT | dict[str, Any]) -> PublicT:
        """Creates one entity; AlreadyExistsError when the id is taken (even soft-deleted,
        and even when another create of the same id commits first)."""
        item = validate(self.create_model, data)
        entity_id = getattr(item, "id", None) or self._new_id(item)
        row = self._row(item, entity_id)
        props = self._creating(entity_id, lambda tx: self._create_in(tx, entity_id, row))
        relations = self._created_relations(row)
        if relations is None:
            return self.get(entity_id, relations=self.relations)
        return self._public(props, **relations)

    def _creating(self, entity_id: str, work: Callable[[Runner], T]) -> T:
        """`_write` for work that creates `entity_id`: the unique constraint refusing it
        (another create of the id committed first) is AlreadyExistsError."""
        try:
            return self._write(entity_id, work)
        except ConstraintError as taken:
            raise self._already_exists(entity_id, self._current_version(entity_id)) from taken

    def _already_exists(self, entity_id: str, version: Any) -> AlreadyExistsError:
        return AlreadyExistsError(
            f"{self.label} {entity_id!r} already exists",
            entity_id=entity_id,
            expected=None,
            current=version,
        )

    def _create_in(
        self,
        tx: Runner,
        entity_id: str,
        row: dict[str, Any],
        *,
        parents: list[str] | None = None,
        source: str | None = None,
    ) -> dict[str, Any]:
        existing, tenant = self._claim_create(tx, entity_id)
        if existing is not None:
            raise self._already_exists(entity_id, existing.get("version"))
        row = self._admitted(row, tenant)
        self._claim_references(tx, [row], "")
        log = self._context.change_log(source=source)
        row = self._with_change(row, log, parents)
        # A create of this id racing this one, unseen by the claim above, fails here or at
        # commit on the unique constraint: _creating reports it as AlreadyExistsError.
        created = run(tx, f"store/{self.key}_create", rows=[row], returning=True, **log.stamp())
        props: dict[str, Any] = plain(created[0]["props"])
        log.write(tx)
        return props

    def upsert_many(
        self,
        items: Sequence[CreateT | dict[str, Any]],
        *,
        replace_only: Callable[[dict[str, Any]], bool] | None = None,
        **options: Any,
    ) -> list[str]:
        """Creates or replaces many entities, UNWIND-ed in batches of BATCH_SIZE, each batch
        in its own transaction (inside `store.transaction()`, all in the block's one).

        With `replace_only`, an existing entity is replaced only when it holds for its
        stored properties (read under a claim); the others are left as they are. Returns the
        ids written."""
        valid = validate_many(self.create_model, list(items), "items")
        rows = [
            self._row(item, getattr(item, "id", None) or self._new_id(item), **options)
            for item in valid
        ]
        written: list[str] = []
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]

            def upsert(tx: Runner, batch: list[dict[str, Any]] = batch) -> list[str]:
                return self._upsert_in(tx, batch, replace_only)

            for attempt in range(1, UPSERT_ATTEMPTS + 1):
                try:
                    written += self._context.scope.write(upsert)
                    break
                except ConstraintError:
                    # A create of one of these ids won a race: run again, it updates now.
                    if attempt == UPSERT_ATTEMPTS or self._context.scope.in_transaction:
                        raise
        return written

    def _upsert_in(
        self,
        tx: Runner,
        batch: list[dict[str, Any]],
        replace_only: Callable[[dict[str, Any]], bool] | None,
    ) -> list[str]:
        # New ids are CREATEd (the cheap path an import of a fresh graph takes); existing ones
        # MERGEd and replaced. A create of one of these ids that commits meanwhile fails this
        # batch on the unique constraint, and upsert_many runs it again.
        # What the rows refer to is claimed before the rows themselves: claims come first
        # (graphstore.store.claims).
        self._claim_references(tx, batch, "items")
        existing = claim(tx, self.label, [row["id"] for row in batch])
        if replace_only is not None:
            batch = [r for r in batch if r["id"] not in existing or replace_only(existing[r["id"]])]
        if not batch:
            return []
        log = self._context.change_log()
        fresh = [row for row in batch if row["id"] not in existing]
        tenant = self._claim_quota(tx, len(fresh))
        new = [self._with_change(self._admitted(row, tenant), log) for row in fresh]
        old = [row for row in batch if row["id"] in existing]
        if new:  # each create records its Change in the same statement
            run(tx, f"store/{self.key}_create", rows=new, returning=False, **log.stamp())
        written: list[tuple[dict[str, Any], dict[str, Any]]] = []
        if old:
            for row in run(tx, f"store/{self.key}_upsert", rows=old, now=log.at):
                written.append((plain(row["before"]), plain(row["props"])))
        by_id = {row["id"]: row for row in old}
        for before, after in written:
            created = before.get("version", 0) == 0
            log.add(
                "create" if created else "update",
                self.label,
                after["id"],
                {} if created else before,
                after,
                note=after.get("imported_from"),
            )
            log.wrote(
                self.label, after["id"], props=after, parts=self._parts_of(by_id[after["id"]])
            )
        self._after_upsert(tx, batch)
        log.write(tx)
        return [row["id"] for row in batch]

    def _visible_blockers(self, blockers: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The blockers with their ids for the platform admin; a tenant sees the ids of its
        own only (the counts by tenant say the rest)."""
        tenancy = self._context.scope.tenancy
        if tenancy.platform:
            return blockers
        return [b for b in blockers if b.get("tenant", tenancy.tenant) == tenancy.tenant]

    def _admitted(self, row: dict[str, Any], tenant: dict[str, Any] | None) -> dict[str, Any]:
        """A create row as the owning tenant admits it (`tenant`: its quota row, None for
        shared data): units check their `extra` against its extensions here."""
        return row

    def _claim_create(
        self, tx: Runner, entity_id: str
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """Claims `entity_id` (the stored properties when the scope sees it already) and,
        for what counts against a quota, the owning tenant's row (see _claim_quota), in one
        round trip: store/claim/<key>_create."""
        if self.quota is None:
            return claim(tx, self.label, [entity_id]).get(entity_id), None
        found = run_one(tx, f"store/claim/{self.key}_create", ids=[entity_id])
        assert found is not None
        existing = {item["id"]: plain(item["props"]) for item in found["found"]}
        return existing.get(entity_id), self._within_quota(found, 1)

    def _within_quota(self, found: dict[str, Any] | None, adding: int) -> dict[str, Any] | None:
        owner = self._context.scope.tenancy.owner
        if owner is None:
            return None
        if found is None or found.get("tenant_found") is False:
            if owner != DEFAULT_TENANT:
                raise NotFoundError("Tenant", str(owner))
            # The default tenant exists without its node too (a graph emptied by hand, a
            # test's wipe): with no node it has no quota and no extensions.
            return {"most": None, "used": 0, "extensions": "[]"}
        if found["most"] is not None and found["used"] + adding > found["most"]:
            raise ForbiddenError(
                f"quota {self.quota} of tenant {owner!r}: "
                f"{found['used']} of {found['most']} used, {adding} more asked",
                quota=self.quota,
            )
        return found

    def _claim_quota(self, tx: Runner, adding: int) -> dict[str, Any] | None:
        """The owning tenant's row (its quota and extensions), in the create's own
        transaction; None for shared data. ForbiddenError, naming the quota, when `adding`
        more would pass it; NotFoundError when the tenant does not exist (nothing is
        created for it)."""
        if self.quota is None or not adding or self._context.scope.tenancy.owner is None:
            return None
        return self._within_quota(run_one(tx, "tenancy/quota", quota=self.quota), adding)

    def _parts_of(self, row: dict[str, Any]) -> list[dict[str, Any]] | None:
        return row.get(self.parts) if self.parts else None

    def _with_change(
        self, row: dict[str, Any], log: ChangeLog, parents: list[str] | None = None
    ) -> dict[str, Any]:
        """A create row with the Change (and, for a unit or a loadout, the first version)
        that its create statement records with it."""
        change = log.creation(self.label, row["id"], row["props"], self._parts_of(row), parents)
        return {**row, "change": change, "version": change.pop("version", None)}

    def _after_upsert(self, tx: Runner, batch: list[dict[str, Any]]) -> None:
        """Relationships an upsert batch sets once all its rows exist."""

    def update(
        self,
        entity_id: str,
        patch: UpdateT | dict[str, Any],
        *,
        expected_version: int | None = None,
    ) -> PublicT:
        """Changes the given fields (None removes one); bumps the version."""
        valid = validate(self.update_model, patch)

        props = self._update_props(valid)

        def update(tx: Runner) -> dict[str, Any]:
            self._claim_before_update(tx, entity_id, valid)
            log = self._context.change_log()
            row = run_one(
                tx,
                f"store/{self.key}_update",
                id=entity_id,
                props=props,
                expected_version=expected_version,
                now=log.at,
            )
            if row is None:  # gone, soft-deleted or at another version: say which
                self._locked(tx, entity_id, expected_version)
                raise ConflictError(
                    f"{self.label} {entity_id!r} changed under this update",
                    entity_id=entity_id,
                    expected=expected_version,
                    current=None,
                )
            before, after = plain(row["before"]), plain(row["props"])
            # Seen, so shared or the tenant's own: a tenant's write to the shared catalog is
            # refused here, and raising rolls the statement above back with the transaction.
            require_writable(self._context.scope.tenancy, self.label, entity_id, before)
            self._after_update(tx, entity_id, valid, log)
            log.add("update", self.label, entity_id, before, after)
            log.wrote(self.label, entity_id, props=after, parts_from=SAME_PARTS)
            log.write(tx)
            return after  # type: ignore[no-any-return]

        return self._public(self._write(entity_id, update))

    def patch_many(
        self, patches: Sequence[EntityPatch | dict[str, Any]], *, atomic: bool = False
    ) -> list[Outcome]:
        """Changes many entities: each patch names an id, the fields to change (None removes
        one) and, optionally, the version it expects. Patches go in batches of PATCH_BATCH,
        in id order, each one transaction of two statements whatever its size: one claims,
        checks and writes every entity (store/<key>_patch), one records their versions and
        audit records (one of each per entity, as `update` writes them). The entities a
        batch could not write are read again, to say why.

        Returns one Outcome per patch, in order. Without `atomic`, each patch stands alone:
        an invalid one, a missing, soft-deleted, shared or another tenant's entity, a
        version conflict or an id given twice is reported in its Outcome, and the others
        are written. With `atomic`, every patch is written in one transaction or none is:
        the first failure raises (BulkError, naming the patch) and nothing is written."""
        outcomes = [Outcome(index) for index in range(len(patches))]
        checked = self._checked_patches(patches, outcomes)
        if atomic:
            failed = next((o for o in outcomes if o.error is not None), None)
            if failed is not None:
                raise BulkError(failed)

            def all_at_once(tx: Runner) -> list[Outcome]:
                found = sorted(
                    self._patch_batch(tx, sorted(checked, key=lambda patch: patch.id)),
                    key=lambda outcome: outcome.index,
                )
                failed = next((o for o in found if o.error is not None), None)
                if failed is not None:
                    raise BulkError(failed)  # rolls the transaction back
                return found

            return self._context.scope.write(all_at_once)
        # In id order: batches of neighbouring records write fewer pages (measured: the
        # bare engine sets sorted ids 2-4x faster than random ones), and writers that take
        # their claims in one order cannot deadlock on Neo4j.
        checked.sort(key=lambda patch: patch.id)
        for start in range(0, len(checked), PATCH_BATCH):
            batch = checked[start : start + PATCH_BATCH]

            def write(tx: Runner, batch: list[_Patch] = batch) -> list[Outcome]:
                return self._patch_batch(tx, batch)

            for outcome in self._context.scope.write(write):
                outcomes[outcome.index] = outcome
        return outcomes

    def _checked_patches(
        self, patches: Sequence[EntityPatch | dict[str, Any]], outcomes: list[Outcome]
    ) -> list[_Patch]:
        """The patches that validate, each with its update model and props; the others'
        outcomes carry their errors (an id seen before in the call is one)."""
        checked: list[_Patch] = []
        seen: set[str] = set()
        for index, raw in enumerate(patches):
            outcome = outcomes[index]
            try:
                patch = validate(EntityPatch, raw, f"[{index}]")
                outcome.id = patch.id
                if patch.id in seen:
                    raise ValidationError(
                        [error(f"[{index}].id", f"{patch.id!r} is patched twice in this call")]
                    )
                seen.add(patch.id)
                valid = self._valid_patch(
                    validate(self.update_model, patch.changes, f"[{index}].changes")
                )
                props = self._update_props(valid)
            except GraphStoreError as failed:
                outcome.error = failed
                continue
            checked.append(_Patch(index, patch.id, valid, props, patch.expected_version))
        return checked

    def _valid_patch(self, patch: UpdateT) -> UpdateT:
        """An update's fields once checked beyond their model (units: `extra`)."""
        return patch

    def _patch_batch(self, tx: Runner, batch: list[_Patch]) -> list[Outcome]:
        """Writes the batch's patches that pass their checks; an Outcome for each patch.
        Idempotent: a retried transaction runs it again from the start."""
        outcomes = {patch.index: Outcome(patch.index, patch.id) for patch in batch}
        accepted: list[_Patch] = []
        for patch in batch:  # hooks claim what the checks depend on before the entities
            try:
                self._claim_before_update(tx, patch.id, patch.valid)
            except GraphStoreError as failed:
                outcomes[patch.index].error = failed
                continue
            accepted.append(patch)
        if not accepted:
            return list(outcomes.values())
        log = self._context.change_log()
        # One statement claims, checks and writes every patch that passes; those it leaves
        # are read under the claim it took, to say why.
        written = {
            row["id"]: row
            for row in run(
                tx,
                f"store/{self.key}_patch",
                rows=[
                    {"id": p.id, "props": p.props, "expected_version": p.expected_version}
                    for p in accepted
                ],
                now=log.at,
                shared_writable=self._context.scope.tenancy.platform,
            )
        }
        left = [patch for patch in accepted if patch.id not in written]
        found = claim(tx, self.label, [patch.id for patch in left]) if left else {}
        for patch in left:
            try:
                self._writable(patch.id, found.get(patch.id), patch.expected_version)
            except GraphStoreError as failed:
                outcomes[patch.index].error = failed
                continue
            # Writable now, yet the statement did not match it: on Neo4j (read committed) a
            # create of this id committed between the two statements. Not written: say so.
            outcomes[patch.index].error = ConflictError(
                f"{self.label} {patch.id!r} was created while this batch ran; send it again",
                entity_id=patch.id,
                expected=patch.expected_version,
                current=found[patch.id].get("version"),
            )
        for patch in accepted:
            row = written.get(patch.id)
            if row is None:
                continue
            after = plain(row["props"])
            # Only what the patch wrote differs: the rest of `before` is `after`'s.
            before = {**after, **pairs_to_dict(plain(row["before"]))}
            self._after_update(tx, patch.id, patch.valid, log)
            log.add("update", self.label, patch.id, before, after)
            log.wrote(self.label, patch.id, props=after, parts_from=SAME_PARTS)
            outcomes[patch.index].version = after.get("version")
        log.write(tx)
        return list(outcomes.values())

    def delete(
        self,
        entity_id: str,
        *,
        soft: bool = False,
        force: bool = False,
        expected_version: int | None = None,
    ) -> DeleteReport:
        """Deletes per the referential-integrity table (graphstore.store.references):
        cascades, refuses with RestrictError, or with `force` detaches and reports. A soft
        delete is refused (or forced) the same way, counting only live referrers."""
        return self._write(
            entity_id, lambda tx: self._delete_in(tx, entity_id, soft, force, expected_version)
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
        blockers = blockers_of(tx, self.label, entity_id, live_only=soft)
        if blockers and not force:
            kind = "live " if soft else ""
            uses = Counter(str(b.get("tenant") or "shared") for b in blockers if "tenant" in b)
            said = f" (uses by tenant: {dict(sorted(uses.items()))})" if uses else ""
            raise RestrictError(
                f"{self.label} {entity_id!r} is still referenced by {len(blockers)} {kind}"
                f"relationship(s){said}; pass force=True to detach them",
                blockers=self._visible_blockers(blockers),
                uses_by_tenant=dict(uses),
            )
        detached = [dict(d) for d in self._detach(tx, entity_id, soft, log.at)] if blockers else []
        for loadout_id in sorted({d["loadout_id"] for d in detached if d.get("loadout_id")}):
            log.add("unmount", "Loadout", loadout_id, {}, {})
        if soft:
            row = run_one(tx, f"store/{self.key}_soft_delete", id=entity_id, now=log.at)
            assert row is not None
            log.add("soft_delete", self.label, entity_id, before, plain(row["props"]))
            log.wrote(self.label, entity_id, props=plain(row["props"]), parts_from=SAME_PARTS)
            cascaded = [{"label": a, "id": b} for a, b in row.get("cascaded") or []]
            for child in cascaded:
                log.add("soft_delete", child["label"], child["id"], {}, {"deleted_at": log.at})
        else:
            # Changes are written first so their CHANGED edge exists until the entity goes.
            log.add("delete", self.label, entity_id, before, {})
            row = run_one(tx, f"store/{self.key}_delete", id=entity_id) or {}
            cascaded = [{"label": a, "id": b} for a, b in row.get("cascaded") or []]
            for child in cascaded:
                log.add("delete", child["label"], child["id"], {}, {})
        log.write(tx)
        return DeleteReport(
            label=self.label, id=entity_id, soft=soft, cascaded=cascaded, detached=detached
        )

    def restore(self, entity_id: str) -> PublicT:
        """Brings back a soft-deleted entity (and what its soft delete cascaded to).

        IntegrityError, listing the blockers, when what it would bring back into use is
        gone: a deleted owner, parent, category or mounted item.
        """

        def restore(tx: Runner) -> dict[str, Any]:
            self._claim_before_restore(tx, entity_id)
            before = self._locked(tx, entity_id, allow_deleted=True)
            if before.get("deleted_at") is None:
                return before
            self._claim_restorable(tx, entity_id, before)
            log = self._context.change_log()
            row = run_one(tx, f"store/{self.key}_restore", id=entity_id, now=log.at)
            assert row is not None
            log.add("restore", self.label, entity_id, before, plain(row["props"]))
            log.wrote(self.label, entity_id, props=plain(row["props"]), parts_from=SAME_PARTS)
            for child_label, child_id in row.get("cascaded") or []:
                log.add("restore", child_label, child_id, {"deleted_at": before["deleted_at"]}, {})
            log.write(tx)
            return plain(row["props"])  # type: ignore[no-any-return]

        return self._public(self._write(entity_id, restore))


def require_writable(tenancy: Tenancy, label: str, entity_id: str, props: dict[str, Any]) -> None:
    """ForbiddenError for a tenant changing what it only reads: the shared catalog. (What
    another tenant owns never reaches here: claims find only what the scope sees.)"""
    if props.get("tenant") is None and not tenancy.platform:
        raise ForbiddenError(
            f"{label} {entity_id!r} is shared: only the platform admin changes it"
            + ("; copy it into your tenant (POST /v1/units/{id}/copy)" if label == "Unit" else "")
        )


def require_live(
    label: str,
    wanted: Iterable[str],
    found: dict[str, dict[str, Any]],
    relationship: str,
    action: str,
) -> None:
    """IntegrityError naming every wanted entity that is missing or soft-deleted."""
    blockers: list[dict[str, object]] = [
        {
            "relationship": relationship,
            "label": label,
            "id": entity_id,
            "state": "missing" if entity_id not in found else "deleted",
        }
        for entity_id in sorted(set(wanted))
        if found.get(entity_id, {"deleted_at": "missing"}).get("deleted_at") is not None
    ]
    if blockers:
        names = ", ".join(f"{b['label']} {b['id']!r} ({b['state']})" for b in blockers)
        raise IntegrityError(f"cannot {action}: {names}", blockers=blockers)


def soft_deleted_before(tx: Runner, cutoff: datetime) -> list[dict[str, Any]]:
    return run(tx, "store/purge_candidates", cutoff=cutoff)
