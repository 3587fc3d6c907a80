"""The integrity check finds planted corruption; --repair fixes the safe kinds and logs it."""

from __future__ import annotations

from typing import Any

import pytest

from graphstore import GraphStore
from graphstore.store.calculations import NAMES

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
        "stale_calculation": len(NAMES),  # every calculation of atlas-stock
        "history_missing": 3,  # the loadouts and the unit created behind the store's back
        "history_stale": 1,  # atlas-stock's mounts changed behind its back
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


# The kinds a race between writers could leave behind before writes claimed what they
# checked (docs/model.md, "Concurrency"): each planted by hand here.
RACE_PLANTS = {
    "category_cycle": [
        "MATCH (a:Category {id: 'weapons'}), (b:Category {id: 'energy'})"
        " CREATE (a)-[:SUBCATEGORY_OF]->(b)"
    ],
    "loadout_of_deleted_unit": [
        "MATCH (u:Unit {id: 'atlas-as7-d'}) SET u.deleted_at = datetime()",
    ],
    "mount_of_deleted_equipment": [
        "MATCH (e:Equipment {id: 'ac-20'}) SET e.deleted_at = datetime()",
    ],
    "link_to_deleted_category": [
        "CREATE (:Category {id: 'gone', name: 'Gone', version: 1, created_at: datetime(),"
        " updated_at: datetime(), deleted_at: datetime()})",
        "MATCH (e:Equipment {id: 'heat-sink'}), (c:Category {id: 'gone'})"
        " CREATE (e)-[:IN_CATEGORY]->(c)",
    ],
    "many_owners": [
        "CREATE (:Unit {id: 'twin', chassis: 'Twin', unit_type: 'BattleMech', tonnage: 20,"
        " version: 1, created_at: datetime(), updated_at: datetime()})",
        "MATCH (u:Unit {id: 'twin'}), (l:Loadout {id: 'atlas-stock'})"
        " CREATE (u)-[:HAS_LOADOUT]->(l)",
    ],
    "misdirected_relationship": [
        "MATCH (c:Category {id: 'energy'}), (u:Unit {id: 'atlas-as7-d'})"
        " CREATE (c)-[:IN_CATEGORY]->(u)",
    ],
}


@pytest.mark.parametrize("kind", sorted(RACE_PLANTS))
def test_each_race_left_corruption_is_found(catalog: GraphStore, kind: str) -> None:
    for statement in RACE_PLANTS[kind]:
        catalog.graph.driver.execute_query(statement, database_=catalog.graph.database)
    report = catalog.check_integrity()
    assert kind in kinds(report), report.findings
    assert not report.ok


def test_repair_soft_deletes_live_loadouts_of_a_deleted_unit(catalog: GraphStore) -> None:
    for statement in RACE_PLANTS["loadout_of_deleted_unit"]:
        catalog.graph.driver.execute_query(statement, database_=catalog.graph.database)
    report = catalog.check_integrity(repair=True)
    assert report.findings == []
    assert ("loadout_of_deleted_unit", "atlas-stock") in {(a.kind, a.id) for a in report.repaired}
    assert catalog.units.restore("atlas-as7-d").deleted_at is None
    assert catalog.loadouts.get("atlas-stock").deleted_at is None  # back with its unit


def test_a_cycle_is_shown_not_repaired(catalog: GraphStore) -> None:
    for statement in RACE_PLANTS["category_cycle"]:
        catalog.graph.driver.execute_query(statement, database_=catalog.graph.database)
    report = catalog.check_integrity(repair=True)
    assert {f.id for f in report.findings if f.kind == "category_cycle"} == {"weapons", "energy"}
    assert all(not f.repairable for f in report.findings)


def test_a_link_to_a_vanished_record_is_found(catalog: GraphStore) -> None:
    """The local engine keeps a link made to a node another transaction deleted: plant one
    the way the race did (before deletes claimed their target), then find it."""
    if catalog.graph.info.kind != "arcadedb":
        pytest.skip("Neo4j locks both ends of a new relationship; this state cannot arise")
    driver, database = catalog.graph.driver, catalog.graph.database

    def plant(statement: str) -> None:
        driver.execute_query(statement, database_=database)

    # As seen in the race: the doomed category already had a child, and a new category was
    # created under it while it was being deleted.
    plant(
        "CREATE (:Category {id: 'old-child', name: 'Old', version: 1, created_at: datetime(),"
        " updated_at: datetime()})-[:SUBCATEGORY_OF]->(:Category {id: 'doomed', name: 'Doomed',"
        " version: 1, created_at: datetime(), updated_at: datetime()})"
    )
    with driver.session(database=database) as deleter:
        deleting = deleter.begin_transaction()
        deleting.run("MATCH (c:Category {id: 'doomed'}) SET c.version = c.version + 1").consume()
        with driver.session(database=database) as linker:
            linking = linker.begin_transaction()
            linking.run(
                "CREATE (c:Category {id: 'newcomer', name: 'New', version: 1,"
                " created_at: datetime(), updated_at: datetime()})"
                " WITH c MATCH (doomed:Category {id: 'doomed'})"
                " CREATE (c)-[:SUBCATEGORY_OF]->(doomed)"
            ).consume()
            linking.commit()
        deleting.run("MATCH (c:Category {id: 'doomed'}) DETACH DELETE c").consume()
        deleting.commit()
    report = catalog.check_integrity()
    found = [f for f in report.findings if f.kind == "dangling_relationship"]
    assert [(f.label, f.id) for f in found] == [("Category", "newcomer")]
    assert not found[0].repairable


def test_a_loadout_over_the_mount_cap_is_found(catalog: GraphStore) -> None:
    """Writes cannot pass the cap (tests/concurrency: two adds racing for the last place);
    a cap lowered since, or a write that got past it anyway, shows up here."""
    from graphstore.settings import StoreLimits

    stock = catalog.loadouts.mounts("atlas-stock")
    assert len(stock) == 2
    assert kinds(catalog.check_integrity()).get("over_mount_cap") is None
    tighter = GraphStore(catalog.graph, limits=StoreLimits(max_mounts_per_loadout=1))
    [finding] = [f for f in tighter.check_integrity().findings if f.kind == "over_mount_cap"]
    assert (finding.label, finding.id, finding.severity) == (
        "Loadout",
        "atlas-stock",
        "warning",
    )
    assert finding.detail == "2 mounts; a loadout holds at most 1"
