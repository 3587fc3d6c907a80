"""Units and their locations (slot capacity). Deleting a unit cascades to its loadouts."""

from __future__ import annotations

import json
from typing import Any

from graphstore.errors import NotFoundError, ValidationError
from graphstore.graph import ScopedGraph
from graphstore.rules.engine import RulesEngine
from graphstore.store.audit import ChangeLog
from graphstore.store.claims import claim
from graphstore.store.construction import Design
from graphstore.store.convert import pairs_to_dict, plain
from graphstore.store.entities import Repository
from graphstore.store.history.content import Content
from graphstore.store.loadouts import Loadouts, claim_live_mounted_items
from graphstore.store.models import MountPublic, UnitCreate, UnitPublic, UnitUpdate
from graphstore.store.scope import Runner, run, run_one
from graphstore.store.validation import error, validate
from graphstore.store.versioned import Versioned
from graphstore.tenancy.extensions import Extension, checked_extra, get_extensions

# Changing these makes the unit's loadout calculations stale.
CALCULATION_INPUTS = frozenset(
    {"heat_dissipation", "heat_sink_count", "heat_sink_type"} | set(Design.__dataclass_fields__)
)


def _extra_of(
    extensions: list[Extension] | None, extra: dict[str, Any] | None
) -> dict[str, Any] | None:
    """`extra` checked against a tenant's extensions, defaults filled; `extensions` None:
    a shared unit, which belongs to no tenant and so has none."""
    if extensions is None:
        if extra:
            raise ValidationError([error("extra", "shared units have no extensions")])
        return None
    return checked_extra(extensions, extra, creating=True)


def _extra_text(extra: dict[str, Any] | None) -> str | None:
    """How `extra` is stored: JSON text (a node property holds no map), keys sorted."""
    return json.dumps(extra, sort_keys=True) if extra else None


# A valid unit but for its id: what checks a new id against the rules of a create's.
_PLACEHOLDER = {
    "chassis": "x",
    "model": "x",
    "unit_type": "x",
    "tonnage": 0,
    "tech_base": "INNER_SPHERE",
    "rules_level": "INTRODUCTORY",
    "locations": [],
}


class Units(Versioned[UnitPublic], Repository[UnitCreate, UnitUpdate, UnitPublic]):
    label = "Unit"
    quota = "max_units"
    key = "unit"
    create_model = UnitCreate
    update_model = UnitUpdate
    public_model = UnitPublic
    relations = frozenset({"locations", "loadouts"})
    parts = "locations"

    def update(
        self,
        entity_id: str,
        patch: UnitUpdate | dict[str, Any],
        *,
        expected_version: int | None = None,
    ) -> UnitPublic:
        """Repository.update; an `extra` in the patch is checked and written whole."""
        valid = self._valid_patch(validate(UnitUpdate, patch))
        return super().update(entity_id, valid, expected_version=expected_version)

    def _valid_patch(self, patch: UnitUpdate) -> UnitUpdate:
        if "extra" in patch.model_fields_set:
            return patch.model_copy(update={"extra": self._checked_extra(patch.extra)})
        return patch

    def _admitted(self, row: dict[str, Any], tenant: dict[str, Any] | None) -> dict[str, Any]:
        # A create's `extra`, checked against the extensions its tenant row carries (the
        # quota query's: no round trip of its own); missing values take their defaults.
        given = row["props"].get("extra")
        found = (
            None if tenant is None else [Extension(**e) for e in json.loads(tenant["extensions"])]
        )
        checked = _extra_of(found, json.loads(given) if given else None)
        return {**row, "props": {**row["props"], "extra": _extra_text(checked)}}

    def _checked_extra(self, extra: dict[str, Any] | None) -> dict[str, Any] | None:
        scope = self._context.scope
        shared = scope.tenancy.owner is None
        found = None if shared else get_extensions(ScopedGraph(scope.graph, scope.tenancy))
        return _extra_of(found, extra)

    def _update_props(self, patch: UnitUpdate) -> dict[str, Any]:
        props = super()._update_props(patch)
        if "extra" in props:
            props["extra"] = _extra_text(patch.extra)
        return props

    def _row(self, item: UnitCreate, entity_id: str, **options: Any) -> dict[str, Any]:
        # name and search_name are derived in Cypher (store/fragments/unit_name).
        props = item.model_dump(mode="json", exclude={"id", "locations"})
        props["extra"] = _extra_text(item.extra)
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

    # ---- templates ---------------------------------------------------------------------

    def copy(self, source_id: str, new_id: str) -> UnitPublic:
        """Copies a unit this scope sees (a shared one, or one of its tenant's own) into the
        tenant as `new_id`, with its locations and live loadouts and what they mount, in one
        transaction. The copy records its origin in `copied_from`; each loadout copy is named
        after the new unit (`<new id>.stock` for `<source id>.stock`).

        NotFoundError for a unit the scope cannot see; AlreadyExistsError for a taken id."""
        new_id = validate(UnitCreate, {**_PLACEHOLDER, "id": new_id}).id or new_id
        loadouts = Loadouts(self._context)

        def copy(tx: Runner) -> dict[str, Any]:
            source = run_one(
                tx,
                "store/unit_get",
                id=source_id,
                fields=None,
                relations=["locations", "loadouts"],
                include_deleted=False,
            )
            if source is None:
                raise NotFoundError(self.label, source_id)
            props = pairs_to_dict(source["props"])
            fields = set(UnitCreate.model_fields) - {"id", "locations"}
            locations = [
                {k: spec.get(k) for k in ("code", "crit_slots", "fixed_slots", "fixed")}
                for spec in plain(source["locations"])
            ]
            item = validate(
                UnitCreate,
                {
                    **{k: v for k, v in plain(props).items() if k in fields},
                    "locations": locations,
                },
            )
            row = self._row(item, new_id)
            row["props"]["copied_from"] = source_id
            created = self._create_in(tx, new_id, row, parents=None)
            for summary in source["loadouts"] or []:
                loadouts.copy_in(tx, summary["id"], source_id, new_id)
            return created

        created = self._creating(new_id, copy)
        return self.get(str(created["id"]), relations=self.relations)

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
        scope = self._context.scope
        engine = RulesEngine(ScopedGraph(scope.graph, scope.tenancy))
        found = self.get(entity_id, relations=["loadouts"])
        return [
            violation.model_dump(mode="json")
            for loadout in found.loadouts or []
            for violation in engine.validate(loadout.id).errors
        ]
