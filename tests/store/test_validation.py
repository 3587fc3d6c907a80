"""Validation reports every violation at once, each with its field path."""

from __future__ import annotations

import pytest

from graphstore import GraphStore, ValidationError
from graphstore.store import MountCreate, UnitCreate


def paths(error: ValidationError) -> set[str]:
    return {str(e["path"]) for e in error.errors}


def test_every_unit_field_error_is_reported(store: GraphStore) -> None:
    with pytest.raises(ValidationError) as raised:
        store.units.create(
            {
                "chassis": "",
                "model": "X",
                "unit_type": "BattleMech",
                "tonnage": -5,
                "tech_base": "SPACE_ELVES",
                "rules_level": "STANDARD",
                "era": "TOMORROW",
                "walk_mp": 99,
                "locations": [
                    {"code": "TAIL", "crit_slots": 4},
                    {"code": "HEAD", "crit_slots": 40},
                ],
                "colour": "red",
            }
        )
    assert paths(raised.value) == {
        "chassis",
        "tonnage",
        "tech_base",
        "era",
        "walk_mp",
        "locations[0].code",
        "locations[1].crit_slots",
        "colour",
    }
    assert store.list_units().total == 0


def test_equipment_cannot_be_mixed_tech(store: GraphStore) -> None:
    with pytest.raises(ValidationError) as raised:
        store.equipment.create(
            {"name": "X", "tech_base": "MIXED", "rules_level": "STANDARD", "tonnage": 1}
        )
    assert paths(raised.value) == {"tech_base"}


def test_bulk_errors_carry_the_row_index(store: GraphStore) -> None:
    good = {"name": "A", "tech_base": "CLAN", "rules_level": "STANDARD", "tonnage": 1}
    with pytest.raises(ValidationError) as raised:
        store.equipment.upsert_many([good, {**good, "tonnage": "heavy"}, {**good, "name": ""}])
    assert paths(raised.value) == {"items[1].tonnage", "items[2].name"}


def test_mounts_are_checked_against_the_graph(catalog: GraphStore) -> None:
    with pytest.raises(ValidationError) as raised:
        catalog.loadouts.replace_mounts(
            "atlas-stock",
            [
                MountCreate(equipment_id="ac-20", location="RIGHT_TORSO"),
                MountCreate(equipment_id="gauss-rifle", location="LEFT_TORSO"),
                MountCreate(equipment_id="medium-laser", location="FRONT_LEFT_LEG"),
                MountCreate(equipment_id="medium-laser", location="HEAD", slot=9),
            ],
        )
    assert paths(raised.value) == {
        "mounts[1].equipment_id",
        "mounts[2].location",
        "mounts[3].slot",
    }
    assert len(catalog.loadouts.mounts("atlas-stock")) == 2


def test_unknown_categories_are_reported_per_position(store: GraphStore) -> None:
    with pytest.raises(ValidationError) as raised:
        store.equipment.create(
            {
                "name": "A",
                "tech_base": "CLAN",
                "rules_level": "STANDARD",
                "tonnage": 1,
                "category_ids": ["nope", "nada"],
            }
        )
    assert paths(raised.value) == {"category_ids[0]", "category_ids[1]"}


def test_the_models_themselves_validate() -> None:
    unit = UnitCreate(
        chassis="Locust",
        model="LCT-1V",
        unit_type="BattleMech",
        tonnage=20,
        tech_base="INNER_SPHERE",
        rules_level="INTRODUCTORY",  # type: ignore[arg-type]
    )
    assert len(unit.resolved_locations()) == 8


def test_a_unit_has_one_stock_loadout(catalog: GraphStore) -> None:
    from graphstore.store import LoadoutCreate

    with pytest.raises(ValidationError) as raised:
        catalog.loadouts.create(
            LoadoutCreate(id="second", unit_id="atlas-as7-d", name="Also stock", is_stock=True)
        )
    assert paths(raised.value) == {"is_stock"}
    catalog.loadouts.create(LoadoutCreate(id="second", unit_id="atlas-as7-d", name="Variant"))
    with pytest.raises(ValidationError):
        catalog.loadouts.update("second", {"is_stock": True})
    assert catalog.loadouts.get("second").is_stock is False
    catalog.loadouts.update("atlas-stock", {"is_stock": False})
    assert catalog.loadouts.update("second", {"is_stock": True}).is_stock is True
