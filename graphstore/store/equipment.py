"""Equipment and its categories. Deleting mounted equipment is restricted (see references)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from graphstore.errors import NotFoundError, ValidationError
from graphstore.store.audit import ChangeLog
from graphstore.store.claims import claim, live
from graphstore.store.convert import plain
from graphstore.store.entities import Repository, require_live
from graphstore.store.models import (
    EquipmentCreate,
    EquipmentPublic,
    EquipmentRule,
    EquipmentUpdate,
    RuleKind,
    UnresolvedCreate,
)
from graphstore.store.scope import Runner, run, run_one
from graphstore.store.validation import error, validate, validate_many

# Changing these makes the calculations of every loadout that mounts the item stale.
CALCULATION_INPUTS = frozenset({"tonnage", "heat", "battle_value", "heat_dissipation", "is_weapon"})


def missing_categories(
    tx: Runner, rows: list[dict[str, Any]], prefix: str
) -> list[dict[str, object]]:
    """Claims the categories rows put items in (so none is deleted under them) and reports
    those that are not live."""
    found = live(claim(tx, "Category", [c for row in rows for c in row.get("category_ids") or []]))
    problems = []
    for index, row in enumerate(rows):
        base = f"{prefix}[{index}]." if prefix else ""
        for position, cid in enumerate(row.get("category_ids") or []):
            if cid not in found:
                problems.append(
                    error(f"{base}category_ids[{position}]", f"no category {cid!r}", "reference")
                )
    return problems


class EquipmentRepository(Repository[EquipmentCreate, EquipmentUpdate, EquipmentPublic]):
    label = "Equipment"
    quota = "max_custom_items"
    key = "equipment"
    create_model = EquipmentCreate
    update_model = EquipmentUpdate
    public_model = EquipmentPublic
    relations = frozenset({"categories"})

    def _row(self, item: EquipmentCreate, entity_id: str, **options: Any) -> dict[str, Any]:
        # search_name is derived in Cypher (store/fragments/equipment_name).
        props = item.model_dump(mode="json", exclude={"id", "category_ids"})
        return {"id": entity_id, "props": props, "category_ids": item.category_ids}

    def _claim_references(self, tx: Runner, rows: list[dict[str, Any]], name: str) -> None:
        problems = missing_categories(tx, rows, name)
        if problems:
            raise ValidationError(problems)

    def _detach(self, tx: Runner, entity_id: str, live_only: bool, now: datetime) -> list[Any]:
        row = run_one(tx, "store/equipment_detach", id=entity_id, live_only=live_only, now=now)
        return list((row or {}).get("detached") or [])

    def _claim_restorable(self, tx: Runner, entity_id: str, before: dict[str, Any]) -> None:
        categories = [row["id"] for row in run(tx, "store/equipment_category_ids", id=entity_id)]
        require_live(
            "Category",
            categories,
            claim(tx, "Category", categories),
            "IN_CATEGORY",
            f"restore Equipment {entity_id!r} into its deleted categories",
        )

    def _update_props(self, patch: EquipmentUpdate) -> dict[str, Any]:
        return patch.model_dump(mode="json", exclude_unset=True, exclude={"category_ids"})

    def _after_update(
        self, tx: Runner, entity_id: str, patch: EquipmentUpdate, log: ChangeLog
    ) -> None:
        if patch.category_ids is not None:
            row = {"category_ids": patch.category_ids}
            self._claim_references(tx, [row], "")
            run(tx, "store/equipment_set_categories", id=entity_id, category_ids=patch.category_ids)
        if CALCULATION_INPUTS & patch.model_fields_set:
            run(tx, "store/calculation_stale_for_equipment", equipment_id=entity_id)

    # ---- placeholders for unresolved references --------------------------------------------

    def upsert_unresolved(self, items: Sequence[UnresolvedCreate | dict[str, Any]]) -> list[str]:
        """Creates or updates `Equipment:Unresolved` placeholders (importers' references no
        catalog item matched); unchanged ones are not written. Returns the ids written."""
        rows = [p.model_dump(mode="json") for p in validate_many(UnresolvedCreate, items, "items")]
        if not rows:
            return []

        def upsert(tx: Runner) -> list[str]:
            log = self._context.change_log()
            written = run(tx, "store/unresolved_upsert", rows=rows, now=log.at)
            for row in written:
                before = plain(row["before"])
                created = before.get("version") == 0
                log.add(
                    "create" if created else "update",
                    self.label,
                    row["id"],
                    {} if created else before,
                    plain(row["props"]),
                    note=row["props"].get("imported_from"),
                )
            log.write(tx)
            return [row["id"] for row in written]

        return self._context.scope.write(upsert)

    def prune_unresolved(self) -> list[str]:
        """Deletes the placeholders nothing mounts any more; returns their ids."""

        def prune(tx: Runner) -> list[str]:
            log = self._context.change_log()
            gone = [row["id"] for row in run(tx, "store/unresolved_prune")]
            for entity_id in gone:
                log.add("delete", self.label, entity_id)
            log.write(tx)
            return gone

        return self._context.scope.write(prune)

    # ---- rule edges ----------------------------------------------------------------------

    def add_rule(
        self,
        equipment_id: str,
        kind: RuleKind | str,
        target_id: str,
        reason: str | None = None,
        *,
        expected_version: int | None = None,
    ) -> list[EquipmentRule]:
        """Adds CONFLICTS_WITH or REQUIRES from the item to an item or a category."""
        rule = validate(EquipmentRule, {"kind": kind, "target_id": target_id, "reason": reason})

        def add(tx: Runner) -> None:
            before = self._locked(tx, equipment_id, expected_version)
            # The target, item or category, is claimed so that it is not deleted under the
            # new edge; a soft-deleted one is no target.
            targets = {
                **claim(tx, "Equipment", [rule.target_id]),
                **claim(tx, "Category", [rule.target_id]),
            }
            if rule.target_id not in live(targets):
                raise ValidationError(
                    [error("target_id", f"no equipment or category {target_id!r}", "reference")]
                )
            log = self._context.change_log()
            row = run_one(
                tx,
                "store/equipment_rule_add",
                id=equipment_id,
                target_id=rule.target_id,
                conflict=rule.kind is RuleKind.CONFLICTS_WITH,
                reason=rule.reason,
                now=log.at,
            )
            if row is None:
                raise ValidationError(
                    [error("target_id", f"no equipment or category {target_id!r}", "reference")]
                )
            after = plain(row["props"])
            log.add(
                "update",
                self.label,
                equipment_id,
                before,
                {**after, "rule": f"+{rule.kind.value} {rule.target_id}"},
            )
            log.write(tx)

        self._write(equipment_id, add)
        return self.rules(equipment_id)

    def remove_rule(
        self,
        equipment_id: str,
        kind: RuleKind | str,
        target_id: str,
        *,
        expected_version: int | None = None,
    ) -> None:
        """Removes one rule edge; NotFoundError when there is no such edge."""
        rule_kind = RuleKind(kind)

        def remove(tx: Runner) -> None:
            before = self._locked(tx, equipment_id, expected_version)
            log = self._context.change_log()
            row = run_one(
                tx,
                "store/equipment_rule_remove",
                id=equipment_id,
                target_id=target_id,
                conflict=rule_kind is RuleKind.CONFLICTS_WITH,
                now=log.at,
            )
            if row is None:
                raise NotFoundError(rule_kind.value, f"{equipment_id} -> {target_id}")
            log.add(
                "update",
                self.label,
                equipment_id,
                before,
                {**plain(row["props"]), "rule": f"-{rule_kind.value} {target_id}"},
            )
            log.write(tx)

        self._write(equipment_id, remove)

    def rules(self, equipment_id: str) -> list[EquipmentRule]:
        rows = self._context.scope.read(
            lambda tx: run(tx, "store/equipment_rules", id=equipment_id)
        )
        return [EquipmentRule.model_validate(row) for row in rows]
