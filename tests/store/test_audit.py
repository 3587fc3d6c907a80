"""Every write leaves a Change: who, when, what, and the changed properties before/after."""

from __future__ import annotations

from graphstore import GraphStore
from graphstore.store import MountCreate

from .conftest import unit


def test_history_records_each_change_newest_first(store: GraphStore) -> None:
    store.units.create(unit())
    store.as_actor("alice").units.update("atlas-as7-d", {"year": 3025})
    store.units.delete("atlas-as7-d", soft=True)
    store.units.restore("atlas-as7-d")

    history = store.history("atlas-as7-d")
    assert [c.operation for c in history] == ["restore", "soft_delete", "update", "create"]
    update = history[2]
    assert update.actor == "alice"
    assert update.before == {"version": 1, "year": 2755}
    assert update.after == {"version": 2, "year": 3025}
    assert history[3].after["chassis"] == "Atlas"
    assert all(c.entity_label == "Unit" for c in history)
    assert history[0].at >= history[-1].at


def test_changes_link_to_their_entity(store: GraphStore) -> None:
    store.units.create(unit())
    records, _, _ = store.graph.driver.execute_query(
        "MATCH (c:Change)-[:CHANGED]->(u:Unit {id: 'atlas-as7-d'}) RETURN count(c) AS n",
        database_=store.graph.database,
    )
    assert records[0]["n"] == 1


def test_mount_changes_are_recorded_on_the_loadout(catalog: GraphStore) -> None:
    mount = catalog.loadouts.add_mount(
        "atlas-stock", MountCreate(equipment_id="heat-sink", location="HEAD")
    )
    catalog.loadouts.remove_mount("atlas-stock", mount.mount_id)
    history = catalog.history("atlas-stock")
    assert [c.operation for c in history][:2] == ["unmount", "mount"]
    assert history[1].after["mounts"] == [mount.mount_id]
    assert history[0].before["mounts"] == [mount.mount_id]


def test_history_survives_a_hard_delete(catalog: GraphStore) -> None:
    catalog.units.delete("atlas-as7-d")
    assert [c.operation for c in catalog.history("atlas-as7-d")][:1] == ["delete"]
    assert [c.operation for c in catalog.history("atlas-stock")][:1] == ["delete"]


def test_a_bulk_upsert_records_one_change_per_entity(store: GraphStore) -> None:
    store.units.upsert_many([unit("a"), unit("b")])
    store.units.upsert_many([unit("a", year=3000)])
    assert [c.operation for c in store.history("a")] == ["update", "create"]
    assert store.history("a")[0].after == {"version": 2, "year": 3000}
    assert [c.operation for c in store.history("b")] == ["create"]
