"""Create, get, update, delete and list round trips for every entity."""

from __future__ import annotations

import pytest

from graphstore import AlreadyExistsError, GraphStore, NotFoundError, ValidationError
from graphstore.store import CategoryCreate, LoadoutCreate, MountCreate

from .conftest import equipment, unit


def test_unit_round_trip(store: GraphStore) -> None:
    created = store.units.create(unit())
    assert created.version == 1
    assert created.name == "Atlas AS7-D"
    assert created.search_name == "atlas as7-d"
    assert created.created_at is not None

    fetched = store.units.get("atlas-as7-d", relations=["locations"])
    assert fetched.tonnage == 100
    assert fetched.tech_base == "INNER_SPHERE"
    assert {loc.code: loc.crit_slots for loc in fetched.locations or []} == {
        "HEAD": 6,
        "CENTER_TORSO": 12,
        "LEFT_TORSO": 12,
        "RIGHT_TORSO": 12,
        "LEFT_ARM": 12,
        "RIGHT_ARM": 12,
        "LEFT_LEG": 6,
        "RIGHT_LEG": 6,
    }

    updated = store.units.update("atlas-as7-d", {"model": "AS7-K", "year": 3050})
    assert (updated.version, updated.name, updated.year) == (2, "Atlas AS7-K", 3050)
    assert store.units.get("atlas-as7-d").search_name == "atlas as7-k"

    report = store.units.delete("atlas-as7-d")
    assert report.soft is False
    with pytest.raises(NotFoundError):
        store.units.get("atlas-as7-d")


def test_equipment_round_trip_with_categories(store: GraphStore) -> None:
    store.categories.create(CategoryCreate(id="energy", name="Energy"))
    store.categories.create(CategoryCreate(id="pulse", name="Pulse"))
    store.equipment.create(equipment("medium-laser", category_ids=["energy"]))
    got = store.equipment.get("medium-laser", relations=["categories"])
    assert got.name == "Medium Laser"
    assert [c.id for c in got.categories or []] == ["energy"]

    store.equipment.update("medium-laser", {"category_ids": ["pulse"], "heat": 4})
    got = store.equipment.get("medium-laser", relations=["categories"])
    assert [c.id for c in got.categories or []] == ["pulse"]
    assert (got.heat, got.version) == (4, 2)

    store.equipment.delete("medium-laser")
    assert not store.equipment.exists("medium-laser")


def test_category_round_trip_with_tree(store: GraphStore) -> None:
    store.categories.upsert_many(
        [
            CategoryCreate(id="energy", name="Energy", parent_id="weapons"),
            CategoryCreate(id="weapons", name="Weapons"),
        ]
    )
    parent = store.categories.get("weapons", relations=["children"])
    assert parent.children == ["energy"]
    child = store.categories.get("energy", relations=["parent"])
    assert child.parent_id == "weapons"

    store.categories.update("energy", {"detach_parent": True, "name": "Lasers"})
    child = store.categories.get("energy", relations=["parent"])
    assert (child.parent_id, child.name) == (None, "Lasers")


def test_loadout_round_trip_and_single_mounts(catalog: GraphStore) -> None:
    loadout = catalog.loadouts.get("atlas-stock", relations=["mounts"])
    assert loadout.version == 1
    assert sorted(m.equipment_id for m in loadout.mounts or []) == ["ac-20", "medium-laser"]
    assert all(m.mount_id for m in loadout.mounts or [])

    mount = catalog.loadouts.add_mount(
        "atlas-stock", MountCreate(equipment_id="large-laser", location="RIGHT_ARM")
    )
    after = catalog.loadouts.get("atlas-stock", relations=["mounts"])
    assert after.version == 2
    assert mount.mount_id in {m.mount_id for m in after.mounts or []}

    catalog.loadouts.remove_mount("atlas-stock", mount.mount_id)
    after = catalog.loadouts.get("atlas-stock", relations=["mounts"])
    assert after.version == 3
    assert mount.mount_id not in {m.mount_id for m in after.mounts or []}
    with pytest.raises(NotFoundError):
        catalog.loadouts.remove_mount("atlas-stock", mount.mount_id)


def test_replace_mounts_is_whole(catalog: GraphStore) -> None:
    new = catalog.loadouts.replace_mounts(
        "atlas-stock",
        [{"equipment_id": "heat-sink", "location": "LEFT_LEG", "quantity": 2}],
    )
    mounts = catalog.loadouts.mounts("atlas-stock")
    assert [(m.mount_id, m.equipment_id, m.quantity) for m in mounts] == [
        (new[0].mount_id, "heat-sink", 2)
    ]


def test_create_refuses_a_taken_id(store: GraphStore) -> None:
    store.units.create(unit())
    with pytest.raises(AlreadyExistsError) as raised:
        store.units.create(unit())
    assert raised.value.current_version == 1


def test_loadouts_list_for_unit(catalog: GraphStore) -> None:
    catalog.loadouts.create(LoadoutCreate(id="atlas-b", unit_id="atlas-as7-d", name="B"))
    listed = catalog.loadouts.list_for_unit("atlas-as7-d")
    assert [loadout.id for loadout in listed] == ["atlas-stock", "atlas-b"]


def test_bulk_upsert_creates_then_updates(store: GraphStore) -> None:
    items = [equipment(f"item-{i}", tonnage=i % 50) for i in range(1200)]
    ids = store.equipment.upsert_many(items)
    assert len(ids) == 1200
    page = store.list_equipment(page_size=1)
    assert page.total == 1200
    store.equipment.upsert_many([equipment("item-5", tonnage=55)])
    again = store.equipment.get("item-5")
    assert (again.tonnage, again.version) == (55, 2)


def test_replace_a_whole_loadout(catalog: GraphStore) -> None:
    with pytest.raises(ValidationError, match="unit_id"):  # a replace never moves a loadout
        catalog.loadouts.replace("atlas-stock", {"unit_id": "elsewhere", "mounts": []})
    replaced = catalog.loadouts.replace(
        "atlas-stock",
        {
            "name": "Refit",
            "is_stock": True,
            "notes": "3050 refit",
            "mounts": [{"equipment_id": "large-laser", "location": "LEFT_ARM"}],
        },
        expected_version=1,
    )
    assert (replaced.name, replaced.notes, replaced.version) == ("Refit", "3050 refit", 2)
    assert replaced.unit_id == "atlas-as7-d"
    assert [m.equipment_id for m in replaced.mounts or []] == ["large-laser"]
    assert catalog.history("atlas-stock")[0].operation == "replace_mounts"
