"""Loadouts: a unit's equipment, as MOUNTS relationships each with a stable `mount_id`.

A mount change bumps the loadout's version (mounts are part of its state), so
`expected_version` protects them too, and marks the loadout's calculations stale.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from graphstore.errors import (
    ForbiddenError,
    IntegrityError,
    MergeConflictError,
    NotFoundError,
    ValidationError,
)
from graphstore.graph import ScopedGraph
from graphstore.rules.engine import RulesEngine
from graphstore.store.claims import claim
from graphstore.store.convert import pairs_to_dict, plain
from graphstore.store.entities import Repository, require_live
from graphstore.store.history import reads
from graphstore.store.history.chain import parse_key, version_key
from graphstore.store.history.content import Content, flatten, unflatten
from graphstore.store.history.lineage import lineage
from graphstore.store.history.merge import common_ancestor, three_way
from graphstore.store.history.models import MergeConflict, MergeResult
from graphstore.store.history.record import Parts
from graphstore.store.models import (
    NAME_MAX,
    BranchRequest,
    CloneRequest,
    LoadoutCreate,
    LoadoutPublic,
    LoadoutReplace,
    LoadoutUpdate,
    MergeRequest,
    MountCreate,
    MountDiff,
    MountMove,
    MountPublic,
)
from graphstore.store.scope import Runner, run, run_one
from graphstore.store.validation import error, validate, validate_many
from graphstore.store.versioned import Versioned, gone_blockers, refuse_blocked

RESTORED_PROPERTIES = ("name", "notes", "is_stock", "imported_from")
"""The loadout properties a restore or a merge writes (absent ones are removed)."""


def new_mount_id() -> str:
    return uuid.uuid4().hex


def mount_row(mount: MountCreate) -> dict[str, Any]:
    row = mount.model_dump(mode="json")
    row["mount_id"] = mount.mount_id or new_mount_id()
    return row


def mount_problems(
    slots: dict[str, int],
    unit_id: str,
    mounts: Sequence[dict[str, Any]],
    live_equipment: set[str],
    prefix: str,
) -> list[dict[str, object]]:
    """Mount rows checked against the graph: the item is live, location and slot fit."""
    problems: list[dict[str, object]] = []
    for index, mount in enumerate(mounts):
        base = f"{prefix}[{index}]"
        if mount["equipment_id"] not in live_equipment:
            problems.append(
                error(
                    f"{base}.equipment_id", f"no equipment {mount['equipment_id']!r}", "reference"
                )
            )
        if slots and mount["location"] not in slots:
            problems.append(
                error(
                    f"{base}.location", f"unit {unit_id!r} has no {mount['location']}", "location"
                )
            )
        slot = mount.get("slot")
        capacity = slots.get(mount["location"])
        if slot is not None and capacity is not None and slot >= capacity:
            problems.append(
                error(
                    f"{base}.slot",
                    f"slot {slot} is beyond {mount['location']}'s {capacity}",
                    "location",
                )
            )
    return problems


def _live(rows: list[dict[str, Any]]) -> set[str]:
    return {row["id"] for row in rows if row.get("deleted_at") is None}


def claim_mounted(
    tx: Runner, unit_id: str, mounts: Sequence[dict[str, Any]], prefix: str
) -> list[dict[str, object]]:
    """Claims the items these mounts name (so none is deleted under them), then checks
    them against the unit's locations."""
    row = run_one(
        tx,
        "store/claim/mounted_items",
        unit_id=unit_id,
        equipment_ids=sorted({m["equipment_id"] for m in mounts}),
    )
    assert row is not None
    slots = {code: capacity for code, capacity in row["slots"]}
    return mount_problems(slots, unit_id, mounts, _live(row["items"]), prefix)


def stock_problems(tx: Runner, rows: list[dict[str, Any]], prefix: str) -> list[dict[str, object]]:
    """A unit's stock configuration is one loadout: a second live stock one is refused.

    The units must be claimed already, so that two writers cannot both find none.
    """
    stock_rows = [(i, row) for i, row in enumerate(rows) if row["props"].get("is_stock")]
    if not stock_rows:
        return []
    existing = run(
        tx, "store/loadout_stock_ids", unit_ids=sorted({row["unit_id"] for _, row in stock_rows})
    )
    holders: dict[str, set[str]] = {}
    for r in existing:
        holders.setdefault(r["unit_id"], set()).add(r["id"])
    problems = []
    for index, row in stock_rows:
        others = holders.setdefault(row["unit_id"], set()) - {row["id"]}
        holders[row["unit_id"]].add(row["id"])  # a batch may not hold two either
        if others:
            path = f"{prefix}[{index}].is_stock" if prefix else "is_stock"
            message = f"unit {row['unit_id']!r} already has stock loadout {min(others)!r}"
            problems.append(error(path, message, "stock"))
    return problems


def owners(tx: Runner, loadout_ids: Iterable[str]) -> dict[str, str]:
    """The unit that owns each of these loadouts, of those the scope sees."""
    rows = run(tx, "store/loadout_owner", ids=sorted(set(loadout_ids)))
    return {row["loadout_id"]: row["unit_id"] for row in rows}


def owner(tx: Runner, loadout_id: str) -> str:
    """The unit that owns this loadout; NotFoundError, as for an id that never existed,
    when the scope does not see it."""
    unit_id = owners(tx, [loadout_id]).get(loadout_id)
    if unit_id is None:
        raise NotFoundError("Loadout", loadout_id)
    return unit_id


def _public_mount(row: dict[str, Any]) -> MountPublic:
    return MountPublic.model_validate(row)


class Loadouts(Versioned[LoadoutPublic], Repository[LoadoutCreate, LoadoutUpdate, LoadoutPublic]):
    label = "Loadout"
    quota = "max_loadouts"
    key = "loadout"
    create_model = LoadoutCreate
    update_model = LoadoutUpdate
    public_model = LoadoutPublic
    relations = frozenset({"mounts", "derived_from"})
    parts = "mounts"

    def _row(self, item: LoadoutCreate, entity_id: str, **options: Any) -> dict[str, Any]:
        props = item.model_dump(mode="json", exclude={"id", "mounts"})
        mounts = [mount_row(m) for m in item.mounts]
        return {"id": entity_id, "props": props, "unit_id": item.unit_id, "mounts": mounts}

    def _created_relations(self, row: dict[str, Any]) -> dict[str, Any]:
        return {"mounts": row["mounts"]}

    def _claim_references(self, tx: Runner, rows: list[dict[str, Any]], name: str) -> None:
        # The owning unit (and, for a loadout an upsert moves, its old unit): a soft delete
        # of the unit, or another stock loadout for it, collides with this write. The items:
        # a delete of one collides with its new mount.
        found = run_one(
            tx,
            "store/claim/loadout_references",
            unit_ids=sorted({row["unit_id"] for row in rows}),
            loadout_ids=sorted(row["id"] for row in rows),
            equipment_ids=sorted({m["equipment_id"] for row in rows for m in row["mounts"]}),
        )
        assert found is not None
        slots = {
            unit["id"]: {code: capacity for code, capacity in unit["slots"]}
            for unit in found["units"]
        }
        live_units, live_items = _live(found["units"]), _live(found["items"])
        owner = self._context.scope.tenancy.owner
        for other in (u["id"] for u in found["units"] if u.get("tenant") != owner):
            # A loadout belongs to its unit's tenant: another's unit (a shared template)
            # is copied first, so its loadouts never hang off what the tenant cannot change.
            raise ForbiddenError(
                f"Unit {other!r} is shared: copy it into your tenant first "
                "(POST /v1/units/{id}/copy), then add loadouts to the copy"
            )
        problems: list[dict[str, object]] = []
        for index, row in enumerate(rows):
            base = f"{name}[{index}]." if name else ""
            problems += self._mount_cap_problems(len(row["mounts"]), f"{base}mounts")
            if row["unit_id"] not in live_units:
                problems.append(error(f"{base}unit_id", f"no unit {row['unit_id']!r}", "reference"))
            problems += mount_problems(
                slots.get(row["unit_id"], {}),
                row["unit_id"],
                row["mounts"],
                live_items,
                f"{base}mounts",
            )
        problems += stock_problems(tx, rows, name)
        if problems:
            raise ValidationError(problems)

    def _mount_cap_problems(self, count: int, path: str) -> list[dict[str, object]]:
        cap = self._context.limits.max_mounts_per_loadout
        if count <= cap:
            return []
        message = (
            f"{count} mounts; a loadout holds at most {cap} (GRAPHSTORE_MAX_MOUNTS_PER_LOADOUT)"
        )
        return [error(path, message, "limit")]

    def _claim_stock(self, tx: Runner, loadout_id: str, unit_id: str | None) -> None:
        """Claims the unit, then refuses a second live stock loadout for it. Runs before the
        transaction writes any loadout: on the local engine a transaction that has written
        a record reads its neighbours as they were then (graphstore.quirks)."""
        claim(tx, "Unit", [unit_id])
        row = {"id": loadout_id, "unit_id": unit_id, "props": {"is_stock": True}}
        problems = stock_problems(tx, [row], "")
        if problems:
            raise ValidationError(problems)

    def _claim_before_update(self, tx: Runner, entity_id: str, patch: LoadoutUpdate) -> None:
        if patch.is_stock:
            self._claim_stock(tx, entity_id, owner(tx, entity_id))

    def _claim_before_restore(self, tx: Runner, entity_id: str) -> None:
        unit_id = owner(tx, entity_id)
        unit = claim(tx, "Unit", [unit_id]).get(unit_id or "")
        if unit is None or unit.get("deleted_at") is not None:
            raise IntegrityError(
                f"Loadout {entity_id!r} belongs to a deleted unit; restore the unit instead",
                blockers=[{"relationship": "HAS_LOADOUT", "unit_id": unit_id}],
            )
        current = run_one(
            tx, "store/loadout_get", id=entity_id, fields=None, relations=[], include_deleted=True
        )
        props = pairs_to_dict(current["props"]) if current else {}
        if props.get("deleted_at") is not None and props.get("is_stock"):
            self._claim_stock(tx, entity_id, unit_id)

    def _claim_restorable(self, tx: Runner, entity_id: str, before: dict[str, Any]) -> None:
        claim_live_mounted_items(tx, [entity_id], f"restore Loadout {entity_id!r}")

    # ---- mounts ------------------------------------------------------------------------

    def _mount_write(
        self,
        loadout_id: str,
        expected_version: int | None,
        checked: list[dict[str, Any]],
        operation: str,
        query: str,
        **parameters: Any,
    ) -> dict[str, Any]:
        def work(tx: Runner) -> dict[str, Any]:
            before = self._locked(tx, loadout_id, expected_version)
            if checked and operation == "mount":
                # Counted under the loadout's claim: two racing adds at the cap cannot both pass.
                taken = {row["mount_id"] for row in run(tx, "store/mount_ids", id=loadout_id)}
                if checked[0]["mount_id"] in taken:
                    raise ValidationError(
                        [error("mount_id", f"{checked[0]['mount_id']!r} is taken", "unique")]
                    )
                if problems := self._mount_cap_problems(len(taken) + 1, "mounts"):
                    raise ValidationError(problems)
            elif problems := self._mount_cap_problems(len(checked), "mounts"):
                raise ValidationError(problems)
            if checked:
                problems = claim_mounted(tx, before["unit_id"], checked, "mounts")
                if problems:
                    raise ValidationError(problems)
            log = self._context.change_log()
            row = run_one(tx, query, id=loadout_id, now=log.at, **parameters)
            if row is None and checked:
                # The claimed item was deleted by a writer that committed after the claim
                # (this transaction could not commit now anyway): it is gone.
                item = checked[0]["equipment_id"]
                raise ValidationError(
                    [error("mounts[0].equipment_id", f"no equipment {item!r}", "reference")]
                )
            if row is None:
                raise NotFoundError("Mount", str(parameters.get("mount_id")))
            log.add(
                operation,
                self.label,
                loadout_id,
                {"version": before["version"], "mounts": row.get("removed")},
                {"version": row["version"], "mounts": row.get("added")},
            )
            after = {**before, "version": row["version"]}
            if operation == "replace_mounts":
                log.wrote(self.label, loadout_id, props=after, parts=checked)
            else:
                log.wrote(self.label, loadout_id, props=after, parts_from=_remounted(row, checked))
            log.write(tx)
            return row

        return self._write(loadout_id, work)

    def add_mount(
        self,
        loadout_id: str,
        mount: MountCreate | dict[str, Any],
        *,
        expected_version: int | None = None,
    ) -> MountPublic:
        """Mounts one item; returns it with its new `mount_id`."""
        row = mount_row(validate(MountCreate, mount))
        self._mount_write(
            loadout_id, expected_version, [row], "mount", "store/mount_add", mount=row
        )
        return _public_mount(row)

    def remove_mount(
        self, loadout_id: str, mount_id: str, *, expected_version: int | None = None
    ) -> None:
        """Removes the mount with this id; NotFoundError when the loadout has none such."""
        self._mount_write(
            loadout_id, expected_version, [], "unmount", "store/mount_remove", mount_id=mount_id
        )

    def replace_mounts(
        self,
        loadout_id: str,
        mounts: Sequence[MountCreate | dict[str, Any]],
        *,
        expected_version: int | None = None,
    ) -> list[MountPublic]:
        """Replaces every mount at once, atomically."""
        rows = [mount_row(m) for m in validate_many(MountCreate, list(mounts), "mounts")]
        self._mount_write(
            loadout_id,
            expected_version,
            rows,
            "replace_mounts",
            "store/mount_replace",
            mounts=rows,
        )
        return [_public_mount(r) for r in rows]

    def replace(
        self,
        loadout_id: str,
        data: LoadoutReplace | dict[str, Any],
        *,
        expected_version: int | None = None,
    ) -> LoadoutPublic:
        """Replaces the loadout's given fields and every mount in one write (one new
        version); its unit stays."""
        item = validate(LoadoutReplace, data)
        props = item.model_dump(mode="json", exclude_unset=True, exclude={"mounts"})
        mounts = [mount_row(m) for m in item.mounts]

        def replace(tx: Runner) -> None:
            self._write_content(
                tx,
                loadout_id,
                owner(tx, loadout_id),
                props,
                mounts,
                "replace_mounts",
                expected_version,
            )

        self._write(loadout_id, replace)
        return self.get(loadout_id, relations=["mounts", "derived_from"])

    def _write_content(
        self,
        tx: Runner,
        loadout_id: str,
        unit_id: str,
        props: dict[str, Any],
        mounts: list[dict[str, Any]],
        operation: str,
        expected_version: int | None = None,
        *,
        source: str | None = None,
        parents: list[str] | None = None,
    ) -> dict[str, Any]:
        """Writes the loadout's given properties and exactly these mounts as one version."""
        # The unit and the items first (claims come before any write), then the loadout.
        row = {"id": loadout_id, "unit_id": unit_id, "props": props, "mounts": mounts}
        self._claim_references(tx, [row], "")
        before = self._locked(tx, loadout_id, expected_version)
        log = self._context.change_log(source=source)
        written = run(tx, "store/loadout_upsert", rows=[row], now=log.at)
        after: dict[str, Any] = plain(written[0]["props"])
        log.add(operation, self.label, loadout_id, before, after)
        log.wrote(self.label, loadout_id, parents, props=after, parts=mounts)
        log.write(tx)
        return after

    # ---- history -----------------------------------------------------------------------

    def _restore_in(
        self, tx: Runner, entity_id: str, content: Content, *, force: bool, version: int
    ) -> list[MountPublic]:
        unit_id = owner(tx, entity_id)
        mounts = [{"mount_id": k, **m} for k, m in sorted(content["mounts"].items())]
        wanted = {m["equipment_id"] for m in mounts}
        blockers = gone_blockers(wanted, claim(tx, "Equipment", wanted), "MOUNTS")
        if blockers and not force:
            refuse_blocked(self.label, entity_id, version, blockers)
        gone = {b["id"] for b in blockers}
        props = {name: content["properties"].get(name) for name in RESTORED_PROPERTIES}
        self._write_content(
            tx,
            entity_id,
            unit_id,
            props,
            [m for m in mounts if m["equipment_id"] not in gone],
            "restore_version",
            source="restore",
        )
        return [_public_mount(m) for m in mounts if m["equipment_id"] in gone]

    def _rule_errors(self, entity_id: str) -> list[dict[str, Any]]:
        scope = self._context.scope
        found = RulesEngine(ScopedGraph(scope.graph, scope.tenancy)).validate(entity_id)
        return [v.model_dump(mode="json") for v in found.errors]

    def branch(
        self,
        loadout_id: str,
        new_id: str,
        *,
        from_version: int | None = None,
        name: str | None = None,
    ) -> LoadoutPublic:
        """A variant of the loadout as `from_version` held it (its newest when None), with
        the same mount ids, DERIVED_FROM it, whose history starts from that version: what a
        later merge finds as their common ancestor. Never a stock loadout."""
        request = validate(
            BranchRequest, {"new_id": new_id, "from_version": from_version, "name": name}
        )

        def branch(tx: Runner) -> None:
            self._shown(tx, loadout_id, include_deleted=False)
            origin, content = reads.version_content(
                tx, self.label, loadout_id, number=request.from_version, at=None
            )
            unit_id = owner(tx, loadout_id)
            props = content["properties"]
            copy = validate(
                LoadoutCreate,
                {
                    "id": request.new_id,
                    "unit_id": unit_id,
                    "name": request.name or props.get("name") or request.new_id,
                    "notes": props.get("notes"),
                    "is_stock": False,
                    "mounts": [{"mount_id": k, **m} for k, m in sorted(content["mounts"].items())],
                },
            )
            parents = [version_key(self.label, loadout_id, origin.number)]
            self._create_in(tx, request.new_id, self._row(copy, request.new_id), parents=parents)
            run(tx, "store/loadout_derive", id=request.new_id, source_id=loadout_id)

        self._creating(request.new_id, branch)
        return self.get(request.new_id, relations=["mounts", "derived_from"])

    def merge_preview(
        self, source_id: str, into_id: str, *, strategy: str | None = None
    ) -> MergeResult:
        """What merge() would write, without writing; conflicts listed, never raised."""
        request = validate(MergeRequest, {"source": source_id, "strategy": strategy})
        return self._context.scope.read(
            lambda tx: self._merged(tx, request.source, into_id, request.strategy)[0]
        )

    def merge(self, source_id: str, into_id: str, *, strategy: str | None = None) -> MergeResult:
        """Three-way merge of `source_id`'s changes into `into_id`, against their common
        ancestor: one new version of the target with both heads as parents.

        MergeConflictError (listing each) when both changed one property or mount, unless
        `strategy` is 'ours' (the target's value wins) or 'theirs' (the source's);
        ValidationError when the two share no history."""
        request = validate(MergeRequest, {"source": source_id, "strategy": strategy})

        def merge(tx: Runner) -> MergeResult:
            result, merged, heads = self._merged(tx, request.source, into_id, request.strategy)
            if result.conflicts and request.strategy is None:
                raise MergeConflictError(
                    f"{len(result.conflicts)} conflicting change(s) between {request.source!r} "
                    f"and {into_id!r}; pass strategy 'ours' or 'theirs', or edit one side",
                    conflicts=[c.model_dump(mode="json") for c in result.conflicts],
                )
            unit_id = owner(tx, into_id)
            mounts = [{"mount_id": k, **m} for k, m in sorted(merged["mounts"].items())]
            props = {name: merged["properties"].get(name) for name in RESTORED_PROPERTIES}
            # Written only over the target version merged: a write that moved it since the
            # merge read it is a ConflictError, never silently overwritten.
            after = self._write_content(
                tx,
                into_id,
                unit_id,
                props,
                mounts,
                "merge",
                parse_key(heads[0])[2],
                source="merge",
                parents=heads,
            )
            return result.model_copy(update={"written": True, "version": after["version"]})

        return self._write(into_id, merge)

    def _merged(
        self, tx: Runner, source_id: str, into_id: str, strategy: str | None
    ) -> tuple[MergeResult, Content, list[str]]:
        if source_id == into_id:
            message = f"a loadout cannot merge into itself ({into_id!r}): name another as `from`"
            raise ValidationError([error("from", message)])
        for loadout_id in (into_id, source_id):  # a deleted one is read nowhere else either
            self._shown(tx, loadout_id, include_deleted=False)
        ours_version, ours = reads.version_content(tx, self.label, into_id, number=None, at=None)
        theirs_version, theirs = reads.version_content(
            tx, self.label, source_id, number=None, at=None
        )
        ours_key = version_key(self.label, into_id, ours_version.number)
        theirs_key = version_key(self.label, source_id, theirs_version.number)
        base_key = common_ancestor(
            ours_key, theirs_key, lineage(tx, self.label, [into_id, source_id])
        )
        if base_key is None:
            raise ValidationError(
                [
                    error(
                        "from",
                        f"loadouts {source_id!r} and {into_id!r} share no history (neither was "
                        "branched from the other or from a common loadout), so there is no "
                        "common ancestor to merge against",
                        "history",
                    )
                ]
            )
        _, base_id, base_number = parse_key(base_key)
        base = reads.version_content(tx, self.label, base_id, number=base_number, at=None)[1]
        merged_flat, conflicts = three_way(flatten(base), flatten(ours), flatten(theirs), strategy)
        merged = unflatten(merged_flat, self.label)
        result = MergeResult(
            target=into_id,
            source=source_id,
            base=base_key,
            strategy=strategy,
            conflicts=[
                MergeConflict(
                    kind="property" if c.key.startswith("properties/") else "mount",
                    key=c.key.split("/", 1)[1],
                    base=c.base,
                    ours=c.ours,
                    theirs=c.theirs,
                )
                for c in conflicts
            ],
            content=reads.public_content(self.label, merged),
            written=False,
        )
        return result, merged, [ours_key, theirs_key]

    def mounts(self, loadout_id: str) -> list[MountPublic]:
        found = self.get(loadout_id, fields=["id"], relations=["mounts"])
        return found.mounts or []

    # ---- variants ----------------------------------------------------------------------

    def clone(
        self,
        loadout_id: str,
        *,
        new_id: str | None = None,
        name: str | None = None,
        unit_id: str | None = None,
    ) -> LoadoutPublic:
        """A copy with fresh mount ids, DERIVED_FROM the source, never the stock loadout.

        The source is read under its claim, so the copy is of one committed version of it.
        """
        request = validate(CloneRequest, {"new_id": new_id, "name": name, "unit_id": unit_id})
        entity_id = request.new_id or uuid.uuid4().hex

        def clone(tx: Runner) -> None:
            source = self._locked(tx, loadout_id)
            found = run_one(
                tx,
                "store/loadout_get",
                id=loadout_id,
                fields=["id"],
                relations=["mounts"],
                include_deleted=False,
            )
            mounts = [
                {k: v for k, v in plain(m).items() if k != "mount_id"}
                for m in (found or {}).get("mounts") or []
            ]
            copy = validate(
                LoadoutCreate,
                {
                    "id": entity_id,
                    "unit_id": request.unit_id or source["unit_id"],
                    "name": request.name or copy_name(source["name"]),
                    "notes": source.get("notes"),
                    "is_stock": False,
                    "mounts": mounts,
                },
            )
            self._create_in(tx, entity_id, self._row(copy, entity_id))
            run(tx, "store/loadout_derive", id=entity_id, source_id=loadout_id)

        self._creating(entity_id, clone)
        return self.get(entity_id, relations=["mounts", "derived_from"])

    def diff(self, a: str, b: str) -> MountDiff:
        """How loadout `b`'s mounts differ from `a`'s."""
        return diff_mounts(self.mounts(a), self.mounts(b))

    def copy_in(self, tx: Runner, loadout_id: str, source_unit: str, new_unit: str) -> None:
        """Copies one loadout of `source_unit`, with its mounts, onto `new_unit` (inside the
        caller's transaction: graphstore.store.units.Units.copy)."""
        found = run_one(
            tx,
            "store/loadout_get",
            id=loadout_id,
            fields=None,
            relations=["mounts"],
            include_deleted=False,
        )
        if found is None:
            raise NotFoundError(self.label, loadout_id)
        props = plain(pairs_to_dict(found["props"]))
        suffix = loadout_id[len(source_unit) :] if loadout_id.startswith(source_unit) else ""
        new_id = (
            f"{new_unit}{suffix}"
            if suffix[:1] in {".", "-", "_", "~"}
            else (f"{new_unit}.{loadout_id}")
        )
        mounts = [
            {k: m.get(k) for k in MountCreate.model_fields if m.get(k) is not None}
            for m in plain(found["mounts"])
        ]
        fields = set(LoadoutCreate.model_fields) - {"id", "unit_id", "mounts"}
        item = validate(
            LoadoutCreate,
            {
                **{k: v for k, v in props.items() if k in fields},
                "unit_id": new_unit,
                "mounts": mounts,
            },
        )
        self._create_in(tx, new_id, self._row(item, new_id))

    def list_for_unit(self, unit_id: str, *, include_deleted: bool = False) -> list[LoadoutPublic]:
        def work(tx: Runner) -> list[dict[str, Any]]:
            return run(
                tx, "store/loadout_list_for_unit", unit_id=unit_id, include_deleted=include_deleted
            )

        return [self._public(pairs_to_dict(row["props"])) for row in self._context.scope.read(work)]


def _remounted(row: dict[str, Any], checked: list[dict[str, Any]]) -> Callable[[Parts], Parts]:
    """A loadout's mounts after a mount op, from its mounts before (keyed by mount id)."""
    removed = set(row.get("removed") or [])
    added = {m["mount_id"]: {k: v for k, v in m.items() if k != "mount_id"} for m in checked}

    def after(before: Parts) -> Parts:
        return {**{k: v for k, v in before.items() if k not in removed}, **added}

    return after


def copy_name(name: str) -> str:
    """The default name of a clone: the source's, marked as a copy, within the name limit."""
    suffix = " (copy)"
    return name[: NAME_MAX - len(suffix)].rstrip() + suffix


def claim_live_mounted_items(tx: Runner, loadout_ids: list[str], action: str) -> None:
    """Claims what these loadouts mount; IntegrityError when any item is deleted since."""
    wanted = [row["id"] for row in run(tx, "store/loadout_equipment_ids", ids=loadout_ids)]
    require_live("Equipment", wanted, claim(tx, "Equipment", wanted), "MOUNTS", action)


def _placement(m: MountPublic) -> tuple[str, int, bool, int]:
    return (m.location, -1 if m.slot is None else m.slot, m.rear, m.quantity)


def diff_mounts(a: list[MountPublic], b: list[MountPublic]) -> MountDiff:
    """Exact placements match first; what is left pairs up by equipment as moves."""
    left = sorted(a, key=lambda m: (m.equipment_id, _placement(m)))
    right = sorted(b, key=lambda m: (m.equipment_id, _placement(m)))
    unmatched_right = list(right)
    unmatched_left: list[MountPublic] = []
    for mount in left:
        twin = next(
            (
                r
                for r in unmatched_right
                if r.equipment_id == mount.equipment_id and _placement(r) == _placement(mount)
            ),
            None,
        )
        if twin is None:
            unmatched_left.append(mount)
        else:
            unmatched_right.remove(twin)
    moved: list[MountMove] = []
    removed: list[MountPublic] = []
    for mount in unmatched_left:
        twin = next((r for r in unmatched_right if r.equipment_id == mount.equipment_id), None)
        if twin is None:
            removed.append(mount)
        else:
            unmatched_right.remove(twin)
            moved.append(MountMove(before=mount, after=twin))
    return MountDiff(added=unmatched_right, removed=removed, moved=moved)
