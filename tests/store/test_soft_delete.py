"""Soft delete hides, restore brings back, purge removes for good."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graphstore import GraphStore, IntegrityError, NotFoundError, RestrictError


def test_soft_deleted_units_vanish_from_reads_and_lists(catalog: GraphStore) -> None:
    report = catalog.units.delete("atlas-as7-d", soft=True)
    assert report.cascaded == [{"label": "Loadout", "id": "atlas-stock"}]
    with pytest.raises(NotFoundError):
        catalog.units.get("atlas-as7-d")
    with pytest.raises(NotFoundError):
        catalog.loadouts.get("atlas-stock")
    assert catalog.list_units().total == 0
    assert catalog.list_units(q="atlas").items == []
    hidden = catalog.units.get("atlas-as7-d", include_deleted=True)
    assert hidden.deleted_at is not None
    assert catalog.list_units(include_deleted=True).total == 1


def test_restore_brings_back_the_unit_and_its_loadouts(catalog: GraphStore) -> None:
    catalog.units.delete("atlas-as7-d", soft=True)
    restored = catalog.units.restore("atlas-as7-d")
    assert restored.deleted_at is None
    assert restored.version == 3  # created, soft-deleted, restored
    assert len(catalog.loadouts.mounts("atlas-stock")) == 2


def test_restore_keeps_loadouts_deleted_on_their_own(catalog: GraphStore) -> None:
    catalog.loadouts.clone("atlas-stock", new_id="spare")
    catalog.loadouts.delete("spare", soft=True)
    catalog.units.delete("atlas-as7-d", soft=True)
    catalog.units.restore("atlas-as7-d")
    assert catalog.loadouts.exists("atlas-stock")
    assert not catalog.loadouts.exists("spare")


def test_a_loadout_of_a_deleted_unit_cannot_be_restored_alone(catalog: GraphStore) -> None:
    catalog.units.delete("atlas-as7-d", soft=True)
    with pytest.raises(IntegrityError, match="restore the unit"):
        catalog.loadouts.restore("atlas-stock")


def test_soft_deleted_equipment_leaves_lists(catalog: GraphStore) -> None:
    catalog.equipment.delete("heat-sink", soft=True)
    names = [e.id for e in catalog.list_equipment().items]
    assert "heat-sink" not in names
    assert catalog.list_equipment(include_deleted=True).total == 4


def test_purge_removes_only_old_soft_deletes(catalog: GraphStore) -> None:
    catalog.equipment.delete("heat-sink", soft=True)
    catalog.units.delete("atlas-as7-d", soft=True)
    assert catalog.purge(older_than=timedelta(hours=1)) == []
    reports = catalog.purge(older_than=datetime.now(UTC) + timedelta(seconds=1))
    purged = {(r.label, r.id) for r in reports}
    assert purged == {
        ("Loadout", "atlas-stock"),
        ("Unit", "atlas-as7-d"),
        ("Equipment", "heat-sink"),
    }
    assert not catalog.units.exists("atlas-as7-d", include_deleted=True)
    assert not catalog.equipment.exists("heat-sink", include_deleted=True)
    assert [c.operation for c in catalog.history("atlas-as7-d")][:2] == ["delete", "soft_delete"]


def test_purge_never_forces(catalog: GraphStore) -> None:
    catalog.loadouts.delete("atlas-stock", soft=True)
    catalog.equipment.delete("ac-20", soft=True)  # mounted only by a soft-deleted loadout
    # Make the item old enough to purge and its loadout not: the item is still mounted.
    catalog.graph.driver.execute_query(
        "MATCH (e:Equipment {id: 'ac-20'}) SET e.deleted_at = $then",
        then=datetime.now(UTC) - timedelta(hours=2),
        database_=catalog.graph.database,
    )
    assert catalog.purge(older_than=timedelta(hours=1)) == []
    assert catalog.equipment.exists("ac-20", include_deleted=True)


def test_soft_deleting_a_mounted_item_is_restricted_like_a_delete(catalog: GraphStore) -> None:
    with pytest.raises(RestrictError) as refused:
        catalog.equipment.delete("ac-20", soft=True)
    assert refused.value.blockers[0]["loadout_id"] == "atlas-stock"
    assert catalog.equipment.get("ac-20").deleted_at is None
    report = catalog.equipment.delete("ac-20", soft=True, force=True)
    assert [d["loadout_id"] for d in report.detached] == ["atlas-stock"]
    assert "ac-20" not in {m.equipment_id for m in catalog.loadouts.mounts("atlas-stock")}


def test_restore_refuses_to_bring_back_a_mount_of_a_deleted_item(catalog: GraphStore) -> None:
    catalog.units.delete("atlas-as7-d", soft=True)
    catalog.equipment.delete("ac-20", soft=True)  # only the deleted unit's loadout mounts it
    with pytest.raises(IntegrityError, match="ac-20") as refused:
        catalog.units.restore("atlas-as7-d")
    assert refused.value.blockers == [
        {"relationship": "MOUNTS", "label": "Equipment", "id": "ac-20", "state": "deleted"}
    ]
    catalog.equipment.restore("ac-20")
    assert catalog.units.restore("atlas-as7-d").deleted_at is None
