"""The integrity check finds planted corruption; --repair fixes the safe kinds and logs it."""

from __future__ import annotations

from typing import Any

from graphstore import GraphStore

# Corruption is planted with raw Cypher, the way a buggy importer or a hand edit would.
PLANTS = [
    "CREATE (:Loadout {id: 'lost', name: 'Lost', unit_id: 'atlas-as7-d', version: 1,"
    " created_at: datetime(), updated_at: datetime()})",
    "CREATE (:Loadout {id: 'hopeless', name: 'Hopeless', unit_id: 'gone', version: 1,"
    " created_at: datetime(), updated_at: datetime()})",
    "CREATE (:Location {id: 'gone/HEAD', unit_id: 'gone', code: 'HEAD', crit_slots: 6})",
    "MATCH (l:Loadout {id: 'atlas-stock'}), (u:Unit {id: 'atlas-as7-d'})"
    " CREATE (l)-[:MOUNTS {mount_id: 'weird', location: 'HEAD', quantity: 1}]->(u)",
    "MATCH (l:Loadout {id: 'atlas-stock'}), (e:Equipment {id: 'heat-sink'})"
    " CREATE (l)-[:MOUNTS {location: 'HEAD', quantity: 1}]->(e)",
    "MATCH (l:Loadout {id: 'atlas-stock'}), (e:Equipment {id: 'large-laser'})"
    " CREATE (l)-[:MOUNTS {mount_id: 'twin', location: 'LEFT_ARM', quantity: 1}]->(e)"
    " CREATE (l)-[:MOUNTS {mount_id: 'twin', location: 'RIGHT_ARM', quantity: 1}]->(e)",
    "MATCH (l:Loadout {id: 'atlas-stock'}), (e:Equipment {id: 'large-laser'})"
    " CREATE (l)-[:MOUNTS {mount_id: 'zero', location: 'LEFT_ARM', quantity: 0}]->(e)",
    "CREATE (:Equipment {id: 'bare', name: 'Bare'})",
    "CREATE (:Unit {id: 'nameless', version: 1, created_at: datetime(), updated_at: datetime()})",
    "CREATE (:Calculation {id: 'x/battle_value', stale: false})",
]


def plant(store: GraphStore) -> None:
    for statement in PLANTS:
        store.graph.driver.execute_query(statement, database_=store.graph.database)


def kinds(report: Any) -> dict[str, int]:
    return dict(report.counts())


def test_a_clean_graph_has_no_findings(catalog: GraphStore) -> None:
    report = catalog.check_integrity()
    assert report.findings == []
    assert report.ok


def test_planted_corruption_is_found_with_severities(catalog: GraphStore) -> None:
    catalog.compute("atlas-stock")
    plant(catalog)
    catalog.equipment.update("ac-20", {"tonnage": 15})  # makes the calculations stale
    report = catalog.check_integrity()
    assert kinds(report) == {
        "orphan_loadout": 2,
        "orphan_location": 1,
        "dangling_mount": 1,
        "mount_missing_id": 1,
        "duplicate_mount_id": 1,
        "invalid_mount": 1,
        "missing_version": 1,
        "missing_property": 1,
        "orphan_calculation": 1,
        "stale_calculation": 3,
    }
    severity = {f.kind: f.severity for f in report.findings}
    assert severity["orphan_loadout"] == "error"
    assert severity["stale_calculation"] == "warning"
    assert not report.ok


def test_repair_fixes_the_safe_kinds_and_shows_the_rest(catalog: GraphStore) -> None:
    catalog.compute("atlas-stock")
    plant(catalog)
    catalog.equipment.update("ac-20", {"tonnage": 15})
    report = catalog.check_integrity(repair=True)
    # What needs a human stays: a loadout whose unit is gone, a bad quantity, a missing name.
    assert kinds(report) == {"orphan_loadout": 1, "invalid_mount": 1, "missing_property": 1}
    done = {(a.kind, a.id) for a in report.repaired}
    assert ("orphan_loadout", "lost") in done
    assert ("orphan_location", "gone/HEAD") in done
    assert ("missing_version", "bare") in done
    assert ("stale_calculation", "atlas-stock") in done
    assert {a.kind for a in report.repaired} >= {
        "dangling_mount",
        "mount_missing_id",
        "duplicate_mount_id",
        "orphan_calculation",
    }
    assert [c.operation for c in catalog.history("lost")] == ["repair"]
    assert all(not c.stale for c in catalog.calculations("atlas-stock"))
    # A second repair has nothing left to do.
    assert catalog.check_integrity(repair=True).repaired == []


def test_the_importers_demo_data_is_sound_for_the_store(store: GraphStore) -> None:
    """The importer writes the same shape with its own Cypher; the store must agree."""
    from graphstore import load_demo

    load_demo(store.graph)
    assert store.check_integrity().findings == []
    unit = store.list_units(sort="battle_value", descending=True, page_size=1).items[0]
    loadout = store.units.get(unit.id, relations=["loadouts"]).loadouts or []
    assert loadout
    moved = store.loadouts.clone(loadout[0].id, name="Variant")
    assert store.loadouts.diff(loadout[0].id, moved.id).model_dump() == {
        "added": [],
        "removed": [],
        "moved": [],
    }
    assert all(c.computed_at.tzinfo is not None for c in store.compute(moved.id))
