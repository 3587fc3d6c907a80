"""Calculated properties: stored with how they were computed, marked stale on input change."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphstore import GraphStore, RulesEngine
from graphstore.store import MountCreate
from graphstore.store.calculations import FORMULA_VERSION, NAMES
from testkit import wipe
from tests.store.test_construction import ATLAS_AS7_D

from .conftest import equipment, unit

SUMMED_CALCULATIONS = ("battle_value", "total_tonnage", "heat_balance")


def values(store: GraphStore, loadout_id: str) -> dict[str, float | None]:
    return {c.name: c.value for c in store.calculations(loadout_id)}


def test_compute_stores_value_time_hash_and_formula(catalog: GraphStore) -> None:
    calcs = catalog.compute("atlas-stock")
    found = {c.name: c.value for c in calcs}
    assert set(found) == set(NAMES)
    assert {name: found[name] for name in ("battle_value", "total_tonnage", "heat_balance")} == {
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
        "atlas-stock", MountCreate(equipment_id="medium-laser", location="HEAD")
    )
    assert all(c.stale for c in catalog.calculations("atlas-stock"))
    assert values(catalog, "atlas-stock")["heat_balance"] == 10  # the old value, kept
    catalog.compute("atlas-stock")
    assert values(catalog, "atlas-stock")["heat_balance"] == 7  # one more laser: 3 more heat


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


ITEMS = {
    "laser": {"tonnage": 1.0, "heat": 3, "battle_value": 46, "is_weapon": True},
    "cannon": {"tonnage": 12.5, "heat": 7, "battle_value": 178, "is_weapon": True},
    "ammo": {"tonnage": 1.0, "heat": 0, "battle_value": 20, "is_weapon": False},
    "sink": {"tonnage": 1.0, "heat": 0, "battle_value": 0, "heat_dissipation": 1},
    "hot-gadget": {"tonnage": 0.5, "heat": 5, "battle_value": 10, "is_weapon": False},
}


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    mounts=st.lists(
        st.tuples(
            st.sampled_from(sorted(ITEMS)),
            st.sampled_from(["LEFT_ARM", "RIGHT_ARM"]),
            st.integers(1, 200),
        ),
        max_size=8,
    )
)
def test_calculations_count_what_the_budget_rules_count(
    store: GraphStore, mounts: list[tuple[str, str, int]]
) -> None:
    """With nothing free, the budget rules report their sums in their proofs; the stored
    calculations must equal them and a plain-Python count where a mount is one item
    whatever its quantity (an ammunition bin's shot count)."""
    wipe.clear_data(store.graph)
    store.equipment.upsert_many([equipment(item_id, **values) for item_id, values in ITEMS.items()])
    store.units.create(unit("probe", free_tonnage=0, heat_dissipation=0))
    store.loadouts.create(
        {
            "id": "probe-stock",
            "unit_id": "probe",
            "name": "Probe",
            "mounts": [
                {"equipment_id": item, "location": location, "quantity": quantity}
                for item, location, quantity in mounts
            ],
        }
    )
    calculated = {
        c.name: c.value for c in store.compute("probe-stock") if c.name in SUMMED_CALCULATIONS
    }
    tonnage = round(sum(ITEMS[item]["tonnage"] for item, _, _ in mounts), 3)
    weapon_heat = sum(ITEMS[item]["heat"] for item, _, _ in mounts if ITEMS[item].get("is_weapon"))
    battle_value = sum(ITEMS[item]["battle_value"] for item, _, _ in mounts)
    assert calculated == {
        "total_tonnage": tonnage,
        "heat_balance": -weapon_heat,
        "battle_value": battle_value,
    }
    proofs = {v.rule: v.proof for v in RulesEngine(store.graph).validate("probe-stock").violations}
    if tonnage > 0:
        assert proofs["tonnage_budget"]["used"] == calculated["total_tonnage"]
    if weapon_heat > 0:
        assert proofs["heat_balance"]["weapon_heat"] == -calculated["heat_balance"]
        assert proofs["heat_balance"]["dissipation"] == 0


def test_construction_weights_are_calculations_with_their_inputs(catalog: GraphStore) -> None:
    before = {c.name: c for c in catalog.compute("atlas-stock")}
    assert before["construction_engine"].value is None  # no engine on the unit yet: unknown
    assert before["structural_weight"].value is None
    catalog.units.update("atlas-as7-d", ATLAS_AS7_D)  # its tonnage is already 100
    assert all(c.stale for c in catalog.calculations("atlas-stock"))
    after = {c.name: c for c in catalog.compute("atlas-stock")}
    assert after["construction_engine"].value == 19.0
    assert after["construction_engine"].inputs == {"type": "FUSION", "rating": 300}
    assert after["construction_armor"].inputs == {"type": "STANDARD", "points": 304}
    assert after["structural_weight"].value == 64.0
    assert after["battle_value"].inputs is None
