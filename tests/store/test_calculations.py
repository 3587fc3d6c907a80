"""Calculated properties: stored with how they were computed, marked stale on input change."""

from __future__ import annotations

from graphstore import GraphStore
from graphstore.store import MountCreate
from graphstore.store.calculations import FORMULA_VERSION


def values(store: GraphStore, loadout_id: str) -> dict[str, float | None]:
    return {c.name: c.value for c in store.calculations(loadout_id)}


def test_compute_stores_value_time_hash_and_formula(catalog: GraphStore) -> None:
    calcs = catalog.compute("atlas-stock")
    assert {c.name: c.value for c in calcs} == {
        "battle_value": 178 + 46,
        "total_tonnage": 15,
        "heat_balance": 20 - 7 - 3,
    }
    assert all(c.formula_version == FORMULA_VERSION and not c.stale for c in calcs)
    assert len({c.inputs_hash for c in calcs}) == 1
    assert all(c.computed_at is not None for c in calcs)


def test_mount_changes_mark_them_stale(catalog: GraphStore) -> None:
    catalog.compute("atlas-stock")
    catalog.loadouts.add_mount(
        "atlas-stock", MountCreate(equipment_id="heat-sink", location="HEAD")
    )
    assert all(c.stale for c in catalog.calculations("atlas-stock"))
    assert values(catalog, "atlas-stock")["heat_balance"] == 10  # the old value, kept
    catalog.compute("atlas-stock")
    assert values(catalog, "atlas-stock")["heat_balance"] == 11


def test_equipment_and_unit_input_changes_mark_them_stale(catalog: GraphStore) -> None:
    catalog.compute("atlas-stock")
    catalog.equipment.update("medium-laser", {"name": "ML"})  # not an input
    assert not any(c.stale for c in catalog.calculations("atlas-stock"))
    catalog.equipment.update("medium-laser", {"heat": 4})
    assert all(c.stale for c in catalog.calculations("atlas-stock"))
    catalog.compute("atlas-stock")
    catalog.units.update("atlas-as7-d", {"heat_dissipation": 30})
    assert all(c.stale for c in catalog.calculations("atlas-stock"))


def test_the_hash_follows_the_inputs(catalog: GraphStore) -> None:
    first = catalog.compute("atlas-stock")[0].inputs_hash
    assert catalog.compute("atlas-stock")[0].inputs_hash == first
    catalog.equipment.update("ac-20", {"battle_value": 1})
    assert catalog.compute("atlas-stock")[0].inputs_hash != first
