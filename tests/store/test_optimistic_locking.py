"""Versions: a stale expected version is a ConflictError; concurrent writers lose nothing."""

from __future__ import annotations

import threading

import pytest

from graphstore import ConflictError, GraphStore
from graphstore.store import MountCreate


def test_a_stale_version_is_refused_with_the_current_one(catalog: GraphStore) -> None:
    catalog.units.update("atlas-as7-d", {"year": 2800}, expected_version=1)
    with pytest.raises(ConflictError) as raised:
        catalog.units.update("atlas-as7-d", {"year": 2900}, expected_version=1)
    assert (raised.value.expected_version, raised.value.current_version) == (1, 2)
    assert catalog.units.get("atlas-as7-d").year == 2800


def test_a_stale_delete_is_refused(catalog: GraphStore) -> None:
    with pytest.raises(ConflictError):
        catalog.loadouts.delete("atlas-stock", expected_version=7)
    catalog.loadouts.delete("atlas-stock", expected_version=1)


def test_mount_changes_are_versioned(catalog: GraphStore) -> None:
    with pytest.raises(ConflictError) as raised:
        catalog.loadouts.add_mount(
            "atlas-stock",
            MountCreate(equipment_id="heat-sink", location="HEAD"),
            expected_version=0,
        )
    assert raised.value.current_version == 1


def test_eight_threads_on_one_loadout_lose_no_update(catalog: GraphStore) -> None:
    """Each thread reads the version, then adds a mount naming it, retrying on conflict.
    The final loadout holds exactly the mounts whose writes succeeded."""
    succeeded: list[str] = []
    conflicts: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def writer(n: int) -> None:
        start.wait()
        for _attempt in range(3):
            version = catalog.loadouts.get("atlas-stock", fields=["version"]).version
            try:
                mount = catalog.loadouts.add_mount(
                    "atlas-stock",
                    MountCreate(equipment_id="heat-sink", location="LEFT_TORSO", slot=n),
                    expected_version=version,
                )
            except ConflictError:
                with lock:
                    conflicts.append(n)
                continue
            with lock:
                succeeded.append(mount.mount_id)
            return

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    final = catalog.loadouts.get("atlas-stock", relations=["mounts"])
    added = {m.mount_id for m in final.mounts or [] if m.equipment_id == "heat-sink"}
    assert added == set(succeeded)
    assert final.version == 1 + len(succeeded)
    assert len(final.mounts or []) == 2 + len(succeeded)
    assert succeeded  # at least one writer got through


def test_eight_blind_writers_all_land(catalog: GraphStore) -> None:
    """Without an expected version every write must still land: the lock (or the driver's
    retry after the engine's concurrency error) serialises them."""
    start = threading.Barrier(8)
    mount_ids: list[str] = []
    lock = threading.Lock()

    def writer(n: int) -> None:
        start.wait()
        mount = catalog.loadouts.add_mount(
            "atlas-stock", MountCreate(equipment_id="heat-sink", location="LEFT_TORSO", slot=n)
        )
        with lock:
            mount_ids.append(mount.mount_id)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    final = catalog.loadouts.get("atlas-stock", relations=["mounts"])
    assert len(mount_ids) == 8
    assert {m.mount_id for m in final.mounts or []} >= set(mount_ids)
    assert final.version == 9
    assert len(catalog.history("atlas-stock")) == 9
