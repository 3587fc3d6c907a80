"""Store fixtures: a migrated empty graph, a store over it, and a small catalog."""

from __future__ import annotations

from typing import Any

import pytest

from graphstore import Graph, GraphStore
from graphstore.migrations import migrate
from graphstore.store import (
    CategoryCreate,
    EquipmentCreate,
    LoadoutCreate,
    MountCreate,
    UnitCreate,
)


@pytest.fixture
def store(graph: Graph) -> GraphStore:
    migrate(graph)
    return GraphStore(graph, actor="tester")


def unit(unit_id: str = "atlas-as7-d", **overrides: Any) -> UnitCreate:
    data: dict[str, Any] = {
        "id": unit_id,
        "chassis": "Atlas",
        "model": "AS7-D",
        "unit_type": "BattleMech",
        "tonnage": 100,
        "tech_base": "INNER_SPHERE",
        "rules_level": "INTRODUCTORY",
        "era": "SUCCESSION_WARS",
        "year": 2755,
        "battle_value": 1897,
        "heat_dissipation": 20,
    }
    return UnitCreate.model_validate(data | overrides)


def equipment(equipment_id: str, **overrides: Any) -> EquipmentCreate:
    data: dict[str, Any] = {
        "id": equipment_id,
        "name": equipment_id.replace("-", " ").title(),
        "tech_base": "INNER_SPHERE",
        "rules_level": "INTRODUCTORY",
        "tonnage": 1.0,
        "crit_slots": 1,
        "heat": 3,
        "battle_value": 10,
    }
    return EquipmentCreate.model_validate(data | overrides)


@pytest.fixture
def catalog(store: GraphStore) -> GraphStore:
    """Weapons and an ammo bin in a two-level category tree, and one Atlas with a stock
    loadout mounting two of them."""
    store.categories.create(CategoryCreate(id="weapons", name="Weapons", path="weapons"))
    store.categories.create(
        CategoryCreate(id="energy", name="Energy", path="weapons/energy", parent_id="weapons")
    )
    store.equipment.upsert_many(
        [
            equipment(
                "medium-laser", category_ids=["energy"], heat=3, battle_value=46, is_weapon=True
            ),
            equipment(
                "large-laser",
                tonnage=5,
                crit_slots=2,
                heat=8,
                battle_value=123,
                category_ids=["energy"],
                is_weapon=True,
            ),
            equipment(
                "ac-20",
                tonnage=14,
                crit_slots=10,
                heat=7,
                battle_value=178,
                category_ids=["weapons"],
                is_weapon=True,
            ),
            equipment("heat-sink", heat=0, battle_value=0, heat_dissipation=1),
        ]
    )
    store.units.create(unit())
    store.loadouts.create(
        LoadoutCreate(
            id="atlas-stock",
            unit_id="atlas-as7-d",
            name="Stock",
            is_stock=True,
            mounts=[
                MountCreate(equipment_id="ac-20", location="RIGHT_TORSO"),
                MountCreate(equipment_id="medium-laser", location="LEFT_ARM", slot=3),
            ],
        )
    )
    return store
