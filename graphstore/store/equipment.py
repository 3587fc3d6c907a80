"""Equipment and its categories. Deleting mounted equipment is restricted (see references)."""

from __future__ import annotations

from typing import Any

from graphstore.errors import ValidationError
from graphstore.store.audit import ChangeLog
from graphstore.store.entities import Repository
from graphstore.store.models import EquipmentCreate, EquipmentPublic, EquipmentUpdate
from graphstore.store.scope import Runner, run
from graphstore.store.validation import error

# Changing these makes the calculations of every loadout that mounts the item stale.
CALCULATION_INPUTS = frozenset({"tonnage", "heat", "battle_value", "heat_dissipation"})


def missing_categories(
    tx: Runner, rows: list[dict[str, Any]], prefix: str
) -> list[dict[str, object]]:
    wanted = {cid for row in rows for cid in row.get("category_ids") or []}
    if not wanted:
        return []
    found = {r["id"] for r in run(tx, "store/category_existing", ids=sorted(wanted))}
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
    key = "equipment"
    create_model = EquipmentCreate
    update_model = EquipmentUpdate
    public_model = EquipmentPublic
    relations = frozenset({"categories"})

    def _row(self, item: EquipmentCreate, entity_id: str) -> dict[str, Any]:
        props = item.model_dump(mode="json", exclude={"id", "category_ids"})
        props["search_name"] = item.name.lower()
        return {"id": entity_id, "props": props, "category_ids": item.category_ids}

    def _check_references(self, tx: Runner, rows: list[dict[str, Any]], name: str) -> None:
        problems = missing_categories(tx, rows, name)
        if problems:
            raise ValidationError(problems)

    def _update_props(self, patch: EquipmentUpdate, before: dict[str, Any]) -> dict[str, Any]:
        props = patch.model_dump(mode="json", exclude_unset=True, exclude={"category_ids"})
        if props.get("name"):
            props["search_name"] = props["name"].lower()
        return props

    def _after_update(
        self, tx: Runner, entity_id: str, patch: EquipmentUpdate, log: ChangeLog
    ) -> None:
        if patch.category_ids is not None:
            row = {"category_ids": patch.category_ids}
            self._check_references(tx, [row], "")
            run(tx, "store/equipment_set_categories", id=entity_id, category_ids=patch.category_ids)
        if CALCULATION_INPUTS & patch.model_fields_set:
            run(tx, "store/calculation_stale_for_equipment", equipment_id=entity_id)
