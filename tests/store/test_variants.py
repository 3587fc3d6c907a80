"""Loadout clone (DERIVED_FROM) and the mount diff."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graphstore import GraphStore
from graphstore.store import MountCreate, MountPublic
from graphstore.store.loadouts import diff_mounts


def test_clone_copies_mounts_under_new_ids(catalog: GraphStore) -> None:
    source = catalog.loadouts.get("atlas-stock", relations=["mounts"])
    variant = catalog.loadouts.clone("atlas-stock", name="Brawler")
    assert (variant.name, variant.is_stock, variant.derived_from) == (
        "Brawler",
        False,
        "atlas-stock",
    )
    assert variant.version == 1
    key = lambda m: (m.equipment_id, m.location, m.slot)  # noqa: E731
    assert sorted(map(key, variant.mounts or [])) == sorted(map(key, source.mounts or []))
    assert not {m.mount_id for m in variant.mounts or []} & {
        m.mount_id for m in source.mounts or []
    }
    assert [c.operation for c in catalog.history(variant.id)] == ["create"]


def test_diff_reports_added_removed_and_moved(catalog: GraphStore) -> None:
    variant = catalog.loadouts.clone("atlas-stock", new_id="variant")
    mounts = {m.equipment_id: m for m in variant.mounts or []}
    catalog.loadouts.remove_mount("variant", mounts["ac-20"].mount_id)
    catalog.loadouts.remove_mount("variant", mounts["medium-laser"].mount_id)
    catalog.loadouts.add_mount(
        "variant", MountCreate(equipment_id="medium-laser", location="RIGHT_ARM", slot=3)
    )
    catalog.loadouts.add_mount("variant", MountCreate(equipment_id="large-laser", location="HEAD"))

    diff = catalog.loadouts.diff("atlas-stock", "variant")
    assert [m.equipment_id for m in diff.added] == ["large-laser"]
    assert [m.equipment_id for m in diff.removed] == ["ac-20"]
    assert [(m.before.location, m.after.location) for m in diff.moved] == [
        ("LEFT_ARM", "RIGHT_ARM")
    ]
    assert catalog.loadouts.diff("atlas-stock", "atlas-stock").model_dump() == {
        "added": [],
        "removed": [],
        "moved": [],
    }


mount = st.builds(
    MountPublic,
    mount_id=st.uuids().map(str),
    equipment_id=st.sampled_from(["a", "b", "c"]),
    location=st.sampled_from(["HEAD", "LEFT_ARM", "RIGHT_ARM"]),
    slot=st.none() | st.integers(0, 2),
    rear=st.booleans(),
    quantity=st.integers(1, 2),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(mount, max_size=6), st.lists(mount, max_size=6))
def test_diff_accounts_for_every_mount(a: list[MountPublic], b: list[MountPublic]) -> None:
    diff = diff_mounts(a, b)
    unchanged = len(a) - len(diff.removed) - len(diff.moved)
    assert unchanged == len(b) - len(diff.added) - len(diff.moved)
    assert unchanged >= 0
    assert all(m.before.equipment_id == m.after.equipment_id for m in diff.moved)
    assert diff_mounts(a, a).model_dump() == {"added": [], "removed": [], "moved": []}
