"""Units and their locations (slot capacity). Deleting a unit cascades to its loadouts."""

from __future__ import annotations

from typing import Any

from graphstore.rules.engine import RulesEngine
from graphstore.store.audit import ChangeLog
from graphstore.store.claims import claim
from graphstore.store.construction import Design
from graphstore.store.convert import plain
from graphstore.store.entities import Repository
from graphstore.store.history.content import Content
from graphstore.store.loadouts import claim_live_mounted_items
from graphstore.store.models import MountPublic, UnitCreate, UnitPublic, UnitUpdate
from graphstore.store.scope import Runner, run
from graphstore.store.validation import validate
from graphstore.store.versioned import Versioned

# Changing these makes the unit's loadout calculations stale.
CALCULATION_INPUTS = frozenset(
    {"heat_dissipation", "heat_sink_count", "heat_sink_type"} | set(Design.__dataclass_fields__)
)


class Units(Versioned[UnitPublic], Repository[UnitCreate, UnitUpdate, UnitPublic]):
    label = "Unit"
    key = "unit"
    create_model = UnitCreate
    update_model = UnitUpdate
    public_model = UnitPublic
    relations = frozenset({"locations", "loadouts"})
    parts = "locations"

    def _row(self, item: UnitCreate, entity_id: str, **options: Any) -> dict[str, Any]:
        # name and search_name are derived in Cypher (store/fragments/unit_name).
        props = item.model_dump(mode="json", exclude={"id", "locations"})
        locations = [spec.model_dump(mode="json") for spec in item.resolved_locations()]
        return {"id": entity_id, "props": props, "locations": locations}

    def _created_relations(self, row: dict[str, Any]) -> dict[str, Any]:
        locations = [
            {"id": f"{row['id']}/{spec['code']}", "unit_id": row["id"], **spec}
            for spec in row["locations"]
        ]
        return {"locations": locations, "loadouts": []}

    def _after_update(self, tx: Runner, entity_id: str, patch: UnitUpdate, log: ChangeLog) -> None:
        if CALCULATION_INPUTS & patch.model_fields_set:
            run(tx, "store/calculation_stale_for_unit", unit_id=entity_id)

    def _claim_restorable(self, tx: Runner, entity_id: str, before: dict[str, Any]) -> None:
        # The loadouts coming back with the unit must find what they mount still live.
        loadouts = [row["id"] for row in run(tx, "store/unit_deleted_loadout_ids", id=entity_id)]
        if loadouts:
            claim(tx, "Loadout", loadouts)
            claim_live_mounted_items(tx, loadouts, f"restore Unit {entity_id!r}")

    # ---- history -----------------------------------------------------------------------

    def _restore_in(
        self, tx: Runner, entity_id: str, content: Content, *, force: bool, version: int
    ) -> list[MountPublic]:
        # A unit refers to nothing a delete could take from under it: its properties and
        # locations are written back as they were (validated as a create would be).
        before = self._locked(tx, entity_id)
        fields = set(UnitCreate.model_fields) - {"id", "locations"}
        props = {name: content["properties"].get(name) for name in sorted(fields)}
        locations = [{"code": code, **spec} for code, spec in sorted(content["locations"].items())]
        item = validate(UnitCreate, {**props, "locations": locations})
        row = self._row(item, entity_id)
        row["props"] = {name: row["props"].get(name) for name in sorted(fields)}
        log = self._context.change_log(source="restore")
        written = run(tx, "store/unit_upsert", rows=[row], now=log.at)
        after = plain(written[0]["props"])
        log.add("restore_version", self.label, entity_id, before, after)
        log.wrote(self.label, entity_id, props=after, parts=row["locations"])
        if CALCULATION_INPUTS & {k for k in props if before.get(k) != props[k]}:
            run(tx, "store/calculation_stale_for_unit", unit_id=entity_id)
        log.write(tx)
        return []

    def _rule_errors(self, entity_id: str) -> list[dict[str, Any]]:
        # A unit's properties are rule inputs of every loadout it has.
        engine = RulesEngine(self._context.scope.graph)
        found = self.get(entity_id, relations=["loadouts"])
        return [
            violation.model_dump(mode="json")
            for loadout in found.loadouts or []
            for violation in engine.validate(loadout.id).errors
        ]
