"""Cascade, restrict and force, as the integrity table declares them."""

from __future__ import annotations

import pytest

from graphstore import GraphStore, RestrictError
from graphstore.store import CategoryCreate, LoadoutCreate, MountCreate
from graphstore.store.references import REFERENCES, OnDelete, cascading, restricting

from .conftest import equipment

ORPHANS = (
    "MATCH (l:Loadout) WHERE NOT EXISTS { (:Unit)-[:HAS_LOADOUT]->(l) } RETURN l.id AS id "
    "UNION ALL MATCH (l:Location) WHERE NOT EXISTS { (:Unit)-[:HAS_LOCATION]->(l) } RETURN l.id "
    "AS id UNION ALL MATCH (c:Calculation) WHERE NOT EXISTS { ()-[:HAS_CALCULATION]->(c) } "
    "RETURN c.id AS id"
)


def orphans(store: GraphStore) -> list[str]:
    records, _, _ = store.graph.driver.execute_query(ORPHANS, database_=store.graph.database)
    return [r["id"] for r in records]


def count(store: GraphStore, label: str) -> int:
    records, _, _ = store.graph.driver.execute_query(
        "MATCH (n) WHERE $label IN labels(n) RETURN count(n) AS n",
        label=label,
        database_=store.graph.database,
    )
    return int(records[0]["n"])


def test_the_table_declares_the_issue_rules() -> None:
    assert {r.target for r in cascading("Unit")} >= {"Loadout", "Location"}
    assert [r.relationship for r in restricting("Equipment")] == ["MOUNTS"]
    assert {r.relationship for r in restricting("Category")} == {"IN_CATEGORY", "SUBCATEGORY_OF"}
    assert all(r.blockers_query for r in REFERENCES if r.on_target_delete is OnDelete.RESTRICT)


def test_deleting_a_unit_cascades_to_loadouts_and_locations(catalog: GraphStore) -> None:
    catalog.compute("atlas-stock")
    report = catalog.units.delete("atlas-as7-d")
    assert report.cascaded == [{"label": "Loadout", "id": "atlas-stock"}]
    assert count(catalog, "Loadout") == 0
    assert count(catalog, "Location") == 0
    assert count(catalog, "Calculation") == 0
    assert count(catalog, "Equipment") == 4  # mounted items stay
    assert orphans(catalog) == []


def test_deleting_mounted_equipment_is_restricted(catalog: GraphStore) -> None:
    with pytest.raises(RestrictError) as raised:
        catalog.equipment.delete("ac-20")
    assert [(b["relationship"], b["loadout_id"]) for b in raised.value.blockers] == [
        ("MOUNTS", "atlas-stock")
    ]
    assert catalog.equipment.exists("ac-20")


def test_force_removes_the_mounts_and_reports_them(catalog: GraphStore) -> None:
    report = catalog.equipment.delete("ac-20", force=True)
    assert [(d["loadout_id"], d["location"]) for d in report.detached] == [
        ("atlas-stock", "RIGHT_TORSO")
    ]
    assert [m.equipment_id for m in catalog.loadouts.mounts("atlas-stock")] == ["medium-laser"]
    assert catalog.loadouts.get("atlas-stock").version == 2
    assert orphans(catalog) == []


def test_categories_with_members_need_force(catalog: GraphStore) -> None:
    with pytest.raises(RestrictError) as raised:
        catalog.categories.delete("weapons")
    kinds = {b["relationship"] for b in raised.value.blockers}
    assert kinds == {"IN_CATEGORY", "SUBCATEGORY_OF"}
    report = catalog.categories.delete("weapons", force=True)
    assert {d.get("equipment_id") or d.get("category_id") for d in report.detached} == {
        "ac-20",
        "energy",
    }
    assert catalog.categories.get("energy", relations=["parent"]).parent_id is None
    assert catalog.equipment.exists("ac-20")


def test_an_empty_category_deletes_without_force(store: GraphStore) -> None:
    store.categories.create(CategoryCreate(id="empty", name="Empty"))
    store.categories.delete("empty")
    assert not store.categories.exists("empty", include_deleted=True)


def test_deleting_a_source_loadout_keeps_its_variants(catalog: GraphStore) -> None:
    variant = catalog.loadouts.clone("atlas-stock", new_id="atlas-hot", name="Hot")
    assert variant.derived_from == "atlas-stock"
    catalog.loadouts.delete("atlas-stock")
    assert catalog.loadouts.get("atlas-hot", relations=["derived_from"]).derived_from is None
    assert len(catalog.loadouts.mounts("atlas-hot")) == 2


def test_a_loadout_needs_a_live_unit(store: GraphStore) -> None:
    store.equipment.create(equipment("medium-laser"))
    from graphstore import ValidationError

    with pytest.raises(ValidationError) as raised:
        store.loadouts.create(
            LoadoutCreate(
                unit_id="ghost",
                name="x",
                mounts=[MountCreate(equipment_id="medium-laser", location="HEAD")],
            )
        )
    assert [e["path"] for e in raised.value.errors] == ["unit_id"]
    assert count(store, "Loadout") == 0
