"""Random operation sequences never leave an orphan or a dangling edge, and the graph always
agrees with a plain-Python model of what should exist."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphstore import (
    AlreadyExistsError,
    Graph,
    GraphStore,
    IntegrityError,
    NotFoundError,
    RestrictError,
    ValidationError,
)
from graphstore.migrations import migrate
from graphstore.store import LoadoutCreate, MountCreate
from testkit import wipe

from .conftest import equipment, unit

UNITS = ["u0", "u1", "u2"]
LOADOUTS = ["l0", "l1", "l2", "l3"]
EQUIPMENT = ["e0", "e1", "e2"]


@dataclass
class Loadout:
    unit: str
    deleted: bool = False
    by_unit: bool = False  # soft-deleted together with its unit
    mounts: dict[str, str] = field(default_factory=dict)  # mount_id -> equipment id


@dataclass
class Model:
    units: dict[str, bool] = field(default_factory=dict)  # id -> soft-deleted
    loadouts: dict[str, Loadout] = field(default_factory=dict)
    equipment: set[str] = field(default_factory=lambda: set(EQUIPMENT))
    retired: set[str] = field(default_factory=set)  # soft-deleted equipment

    def live_unit(self, unit_id: str) -> bool:
        return unit_id in self.units and not self.units[unit_id]

    def live_equipment(self) -> set[str]:
        return self.equipment - self.retired

    def live_loadout(self, loadout_id: str) -> bool:
        return loadout_id in self.loadouts and not self.loadouts[loadout_id].deleted

    def mounted_live(self, equipment_id: str) -> bool:
        return any(
            equipment_id in lo.mounts.values() for lo in self.loadouts.values() if not lo.deleted
        )


operation = st.one_of(
    st.tuples(st.just("create_unit"), st.sampled_from(UNITS)),
    st.tuples(
        st.just("create_loadout"),
        st.sampled_from(UNITS),
        st.sampled_from(LOADOUTS),
        st.lists(st.sampled_from(EQUIPMENT), max_size=3),
    ),
    st.tuples(st.just("add_mount"), st.sampled_from(LOADOUTS), st.sampled_from(EQUIPMENT)),
    st.tuples(st.just("remove_mount"), st.sampled_from(LOADOUTS)),
    st.tuples(st.just("delete_unit"), st.sampled_from(UNITS), st.booleans()),
    st.tuples(st.just("restore_unit"), st.sampled_from(UNITS)),
    st.tuples(st.just("delete_loadout"), st.sampled_from(LOADOUTS), st.booleans()),
    st.tuples(st.just("delete_equipment"), st.sampled_from(EQUIPMENT), st.booleans()),
    st.tuples(st.just("retire_equipment"), st.sampled_from(EQUIPMENT)),
    st.tuples(st.just("restore_equipment"), st.sampled_from(EQUIPMENT)),
    st.tuples(st.just("clone"), st.sampled_from(LOADOUTS), st.sampled_from(LOADOUTS)),
    st.tuples(st.just("purge")),
)


def apply(store: GraphStore, model: Model, op: tuple[Any, ...]) -> None:
    kind = op[0]
    if kind == "create_unit":
        _, u = op
        try:
            store.units.create(unit(u))
            assert u not in model.units
            model.units[u] = False
        except AlreadyExistsError:
            assert u in model.units
    elif kind == "create_loadout":
        _, u, lid, eqs = op
        mounts = [MountCreate(equipment_id=e, location="HEAD") for e in eqs]
        try:
            created = store.loadouts.create(
                LoadoutCreate(id=lid, unit_id=u, name=lid, mounts=mounts)
            )
        except AlreadyExistsError:
            assert lid in model.loadouts
            return
        except ValidationError:
            assert not model.live_unit(u) or not set(eqs) <= model.live_equipment()
            return
        assert lid not in model.loadouts
        assert model.live_unit(u)
        assert set(eqs) <= model.live_equipment()
        got = store.loadouts.mounts(created.id)
        model.loadouts[lid] = Loadout(unit=u, mounts={m.mount_id: m.equipment_id for m in got})
    elif kind == "add_mount":
        _, lid, e = op
        try:
            mount = store.loadouts.add_mount(lid, MountCreate(equipment_id=e, location="HEAD"))
        except NotFoundError:
            assert not model.live_loadout(lid)
            return
        except ValidationError:
            assert e not in model.live_equipment()
            return
        assert model.live_loadout(lid)
        assert e in model.live_equipment()
        model.loadouts[lid].mounts[mount.mount_id] = e
    elif kind == "remove_mount":
        _, lid = op
        if model.live_loadout(lid) and model.loadouts[lid].mounts:
            mount_id = sorted(model.loadouts[lid].mounts)[0]
            store.loadouts.remove_mount(lid, mount_id)
            del model.loadouts[lid].mounts[mount_id]
    elif kind == "delete_unit":
        _, u, soft = op
        try:
            store.units.delete(u, soft=soft)
        except NotFoundError:
            assert u not in model.units or (soft and model.units[u])
            return
        if soft:
            assert model.live_unit(u)
            model.units[u] = True
            for loadout in model.loadouts.values():
                if loadout.unit == u and not loadout.deleted:
                    loadout.deleted = loadout.by_unit = True
        else:
            del model.units[u]
            model.loadouts = {k: v for k, v in model.loadouts.items() if v.unit != u}
    elif kind == "restore_unit":
        _, u = op
        returning = [lo for lo in model.loadouts.values() if lo.unit == u and lo.by_unit]
        try:
            store.units.restore(u)
        except NotFoundError:
            assert u not in model.units
            return
        except IntegrityError:  # a loadout it brings back mounts a since-retired item
            assert any(set(lo.mounts.values()) & model.retired for lo in returning)
            return
        assert not any(set(lo.mounts.values()) & model.retired for lo in returning)
        if model.units[u]:
            model.units[u] = False
            for loadout in model.loadouts.values():
                if loadout.unit == u and loadout.by_unit:
                    loadout.deleted = loadout.by_unit = False
    elif kind == "delete_loadout":
        _, lid, soft = op
        try:
            store.loadouts.delete(lid, soft=soft)
        except NotFoundError:
            assert lid not in model.loadouts or (soft and model.loadouts[lid].deleted)
            return
        if soft:
            model.loadouts[lid].deleted = True
        else:
            del model.loadouts[lid]
    elif kind == "delete_equipment":
        _, e, force = op
        mounted = any(e in lo.mounts.values() for lo in model.loadouts.values())
        try:
            store.equipment.delete(e, force=force)
        except NotFoundError:
            assert e not in model.equipment
            return
        except RestrictError:
            assert mounted
            assert not force
            return
        assert e in model.equipment
        assert force or not mounted
        model.equipment.discard(e)
        model.retired.discard(e)
        for loadout in model.loadouts.values():
            loadout.mounts = {k: v for k, v in loadout.mounts.items() if v != e}
    elif kind == "retire_equipment":
        _, e = op
        try:
            store.equipment.delete(e, soft=True)
        except NotFoundError:
            assert e not in model.live_equipment()
            return
        except RestrictError:  # live loadouts still mount it
            assert model.mounted_live(e)
            return
        assert not model.mounted_live(e)
        model.retired.add(e)
    elif kind == "restore_equipment":
        _, e = op
        try:
            store.equipment.restore(e)
        except NotFoundError:
            assert e not in model.equipment
            return
        model.retired.discard(e)
    elif kind == "clone":
        _, source, new = op
        try:
            clone = store.loadouts.clone(source, new_id=new)
        except NotFoundError:
            assert not model.live_loadout(source)
            return
        except AlreadyExistsError:
            assert new in model.loadouts
            return
        except ValidationError:  # its unit or one of its items is soft-deleted
            original = model.loadouts[source]
            assert (
                not model.live_unit(original.unit)
                or not set(original.mounts.values()) <= model.live_equipment()
            )
            return
        original = model.loadouts[source]
        assert sorted(m.equipment_id for m in clone.mounts or []) == sorted(
            original.mounts.values()
        )
        model.loadouts[new] = Loadout(
            unit=original.unit, mounts={m.mount_id: m.equipment_id for m in clone.mounts or []}
        )
    elif kind == "purge":
        store.purge(older_than=datetime.now(UTC) + timedelta(seconds=1))
        gone_units = {u for u, deleted in model.units.items() if deleted}
        model.units = {u: d for u, d in model.units.items() if not d}
        model.loadouts = {
            k: v for k, v in model.loadouts.items() if not v.deleted and v.unit not in gone_units
        }
        still_mounted = {e for lo in model.loadouts.values() for e in lo.mounts.values()}
        purged = model.retired - still_mounted
        model.equipment -= purged
        model.retired -= purged


def graph_state(store: GraphStore) -> tuple[dict[str, bool], dict[str, tuple[str, bool, set[str]]]]:
    units = {
        u: store.units.get(u, fields=["deleted_at"], include_deleted=True).deleted_at is not None
        for u in UNITS
        if store.units.exists(u, include_deleted=True)
    }
    loadouts = {}
    for lid in LOADOUTS:
        if store.loadouts.exists(lid, include_deleted=True):
            got = store.loadouts.get(lid, relations=["mounts"], include_deleted=True)
            loadouts[lid] = (
                got.unit_id or "",
                got.deleted_at is not None,
                {m.mount_id for m in got.mounts or []},
            )
    return units, loadouts


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(operation, min_size=1, max_size=12))
def test_random_sequences_keep_the_graph_sound(graph: Graph, ops: list[tuple[Any, ...]]) -> None:
    wipe.clear_data(graph)  # the schema stays; each example starts from an empty graph
    migrate(graph)
    store = GraphStore(graph)
    store.equipment.upsert_many([equipment(e) for e in EQUIPMENT])
    model = Model()
    # A populated start, so short sequences reach cascades and restrictions.
    start = [
        ("create_unit", "u0"),
        ("create_unit", "u1"),
        ("create_loadout", "u0", "l0", ["e0"]),
        ("create_loadout", "u1", "l1", ["e1", "e1"]),
    ]
    for op in [*start, *ops]:
        apply(store, model, op)

    report = store.check_integrity()
    assert report.findings == []
    units, loadouts = graph_state(store)
    assert units == model.units
    assert loadouts == {k: (v.unit, v.deleted, set(v.mounts)) for k, v in model.loadouts.items()}
