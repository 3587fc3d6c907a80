"""Writers racing each other, through the library and over HTTP, never break an invariant.

Each test plays several rounds. In a round, the conflicting writes are released at once;
afterwards the test asserts who may have won, that every acknowledged write is there, that
nothing answered 5xx, and that `graphstore check` finds nothing. Rounds in which the writes
really overlapped are counted: a race test that never raced fails (Rounds.assert_raced).
docs/model.md ("Concurrency") says how each pair is made to collide.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from graphstore import GraphStore
from graphstore.tenancy.names import DEFAULT_TENANT

from .clients import Client, Http, Library
from .conftest import Racers, Rounds, race

ROUNDS = int(os.environ.get("GRAPHSTORE_RACE_ROUNDS", "6"))


@pytest.fixture(params=["library", "http"])
def client(request: pytest.FixtureRequest, racers: Racers) -> Iterator[Client]:
    if request.param == "library":
        yield Library(racers.store)
        return
    with racers.server() as server:
        http = Http(server.url, key=racers.key)
        try:
            yield http
        finally:
            http.close()


def unit(unit_id: str) -> dict[str, Any]:
    return {
        "id": unit_id,
        "chassis": "Racer",
        "model": unit_id,
        "unit_type": "BattleMech",
        "tonnage": 50,
        "tech_base": "INNER_SPHERE",
        "rules_level": "STANDARD",
    }


def item(item_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": item_id,
        "name": item_id.title(),
        "tech_base": "INNER_SPHERE",
        "rules_level": "STANDARD",
        "tonnage": 1.0,
        "crit_slots": 1,
        **extra,
    }


def loadout(loadout_id: str, unit_id: str, **extra: Any) -> dict[str, Any]:
    return {"id": loadout_id, "unit_id": unit_id, "name": loadout_id, **extra}


def values(outcomes: list[Any]) -> list[str]:
    found = [o.value if o.ok else f"error: {o.error!r}" for o in outcomes]
    assert not [v for v in found if v.startswith("error")], found
    return found


def assert_sound(store: GraphStore) -> None:
    # The whole graph's checks are the platform's: a tenant's store may not run them.
    report = GraphStore(store.graph).check_integrity()
    assert [f for f in report.findings if f.severity == "error"] == []
    if store.tenant != DEFAULT_TENANT:  # nothing leaked out of the racing tenant
        assert GraphStore(store.graph, tenant="bystanders").list_units().total == 0


@pytest.mark.parametrize("kind", ["unit", "equipment", "category"])
def test_same_id_creates_have_exactly_one_winner(
    store: GraphStore, client: Client, kind: str
) -> None:
    rounds = Rounds(f"same-id {kind} creates ({client.name})")
    bodies = {"unit": unit, "equipment": item, "category": lambda i: {"id": i, "name": i}}
    for n in range(ROUNDS):
        entity_id = f"{kind}-{n}"
        outcomes = race(*[lambda: client.create(kind, bodies[kind](entity_id))] * 4)
        rounds.record(outcomes)
        verdicts = values(outcomes)
        assert sorted(verdicts) == ["exists", "exists", "exists", "ok"]
        creates = [c for c in store.history(entity_id) if c.operation == "create"]
        assert len(creates) == 1  # nobody overwrote the winner
        assert_sound(store)
    rounds.assert_raced()


def test_a_restricted_delete_never_loses_a_racing_mount(store: GraphStore, client: Client) -> None:
    rounds = Rounds(f"equipment delete vs new mount ({client.name})")
    store.units.create(unit("host"))
    for n in range(ROUNDS):
        store.equipment.create(item(f"x{n}"))
        store.loadouts.create(loadout(f"l{n}", "host"))
        outcomes = race(
            lambda: client.delete("equipment", f"x{n}"),
            lambda: client.add_mount(f"l{n}", f"x{n}", "LEFT_ARM"),
        )
        rounds.record(outcomes)
        deleted, mounted = values(outcomes)
        mounts = [m.equipment_id for m in store.loadouts.mounts(f"l{n}")]
        if mounted == "ok":
            assert deleted == "refused"
            assert mounts == [f"x{n}"]
        else:
            assert (deleted, mounted) == ("ok", "invalid")
            assert mounts == []
            assert not store.equipment.exists(f"x{n}", include_deleted=True)
        assert_sound(store)
    rounds.assert_raced()


@pytest.mark.parametrize("soft", [False, True])
def test_a_mount_never_lands_on_a_deleted_item(
    store: GraphStore, client: Client, soft: bool
) -> None:
    rounds = Rounds(f"equipment {'soft ' if soft else ''}delete vs mount ({client.name})")
    store.units.create(unit("host"))
    store.equipment.create(item("anchor"))
    for n in range(ROUNDS):
        store.equipment.create(item(f"x{n}"))
        # A loadout that mounted the item before: the case the engine kept no link record for.
        store.loadouts.create(
            loadout(f"old{n}", "host", mounts=[{"equipment_id": "anchor", "location": "HEAD"}])
        )
        store.loadouts.create(loadout(f"l{n}", "host"))
        outcomes = race(
            lambda: client.delete("equipment", f"x{n}", soft=soft),
            lambda: client.add_mount(f"l{n}", f"x{n}", "LEFT_ARM"),
        )
        rounds.record(outcomes)
        deleted, mounted = values(outcomes)
        assert [deleted, mounted].count("ok") == 1, (deleted, mounted)
        assert_sound(store)
    rounds.assert_raced()


def test_a_category_delete_never_orphans_a_new_member_or_child(
    store: GraphStore, client: Client
) -> None:
    rounds = Rounds(f"category delete vs new member and child ({client.name})")
    for n in range(ROUNDS):
        store.categories.create({"id": f"c{n}", "name": f"C{n}"})
        outcomes = race(
            lambda: client.delete("category", f"c{n}"),
            lambda: client.create("equipment", item(f"member{n}", category_ids=[f"c{n}"])),
            lambda: client.create(
                "category", {"id": f"child{n}", "name": "k", "parent_id": f"c{n}"}
            ),
        )
        rounds.record(outcomes)
        deleted, member, child = values(outcomes)
        if deleted == "ok":
            assert (member, child) == ("invalid", "invalid")
        else:
            assert deleted == "refused"
            assert "ok" in (member, child)
        assert_sound(store)
        store.categories.list()  # the listing still works (no link to a vanished record)
    rounds.assert_raced()


def test_re_parenting_never_makes_a_cycle(store: GraphStore, client: Client) -> None:
    rounds = Rounds(f"A under B vs B under A ({client.name})")
    for n in range(ROUNDS):
        a, b = f"a{n}", f"b{n}"
        for c in (a, b):
            store.categories.create({"id": c, "name": c})
        outcomes = race(
            lambda: client.update("category", a, {"parent_id": b}),
            lambda: client.update("category", b, {"parent_id": a}),
        )
        rounds.record(outcomes)
        assert sorted(values(outcomes)) == ["invalid", "ok"]
        assert_sound(store)
    rounds.assert_raced()


def test_a_ring_of_re_parents_never_closes(store: GraphStore, client: Client) -> None:
    rounds = Rounds(f"four re-parents forming a ring ({client.name})")
    for n in range(ROUNDS):
        ring = [f"r{n}-{i}" for i in range(4)]
        for c in ring:
            store.categories.create({"id": c, "name": c})
        outcomes = race(
            *[
                lambda i=i: client.update("category", ring[i], {"parent_id": ring[(i + 1) % 4]})
                for i in range(4)
            ]
        )
        rounds.record(outcomes)
        verdicts = values(outcomes)
        assert verdicts.count("ok") <= 3
        assert set(verdicts) <= {"ok", "invalid"}
        assert_sound(store)
    rounds.assert_raced()


def test_upsert_many_refuses_a_cycle_within_its_batch(store: GraphStore) -> None:
    store.categories.create({"id": "root", "name": "Root"})
    with pytest.raises(Exception, match="cycle"):
        store.categories.upsert_many(
            [{"id": "p", "name": "P", "parent_id": "q"}, {"id": "q", "name": "Q", "parent_id": "p"}]
        )
    store.categories.upsert_many(
        [{"id": "p", "name": "P", "parent_id": "root"}, {"id": "q", "name": "Q", "parent_id": "p"}]
    )
    with pytest.raises(Exception, match="cycle"):
        store.categories.upsert_many([{"id": "root", "name": "Root", "parent_id": "q"}])
    assert_sound(store)


def test_a_unit_keeps_one_stock_loadout(store: GraphStore, client: Client) -> None:
    rounds = Rounds(f"three stock loadouts for one unit ({client.name})")
    for n in range(ROUNDS):
        store.units.create(unit(f"u{n}"))
        outcomes = race(
            *[
                lambda i=i: client.create("loadout", loadout(f"s{n}-{i}", f"u{n}", is_stock=True))
                for i in range(3)
            ]
        )
        rounds.record(outcomes)
        assert sorted(values(outcomes)) == ["invalid", "invalid", "ok"]
        assert_sound(store)
    rounds.assert_raced()


def test_restoring_an_old_stock_loadout_races_a_new_one(store: GraphStore, client: Client) -> None:
    rounds = Rounds(f"restore old stock vs make another stock ({client.name})")
    for n in range(ROUNDS):
        store.units.create(unit(f"u{n}"))
        store.loadouts.create(loadout(f"old{n}", f"u{n}", is_stock=True))
        store.loadouts.delete(f"old{n}", soft=True)
        store.loadouts.create(loadout(f"new{n}", f"u{n}"))
        outcomes = race(
            lambda: client.restore("loadout", f"old{n}"),
            lambda: client.update("loadout", f"new{n}", {"is_stock": True}),
        )
        rounds.record(outcomes)
        assert sorted(values(outcomes)) == ["invalid", "ok"]
        assert_sound(store)
    rounds.assert_raced()


def test_a_clone_never_lands_live_under_a_deleted_unit(store: GraphStore, client: Client) -> None:
    rounds = Rounds(f"unit soft delete vs clone into it ({client.name})")
    store.units.create(unit("home"))
    store.loadouts.create(loadout("template", "home"))
    for n in range(ROUNDS):
        store.units.create(unit(f"target{n}"))
        outcomes = race(
            lambda: client.delete("unit", f"target{n}", soft=True),
            lambda: client.clone("template", f"copy{n}", unit_id=f"target{n}"),
        )
        rounds.record(outcomes)
        deleted, cloned = values(outcomes)
        assert deleted == "ok"
        if cloned == "ok":  # the clone came first: the unit's delete took it along
            copy = store.loadouts.get(f"copy{n}", include_deleted=True)
            assert copy.deleted_at is not None
        else:
            assert cloned == "invalid"
        assert_sound(store)
    rounds.assert_raced()


def test_blind_replaces_are_retried_never_refused(store: GraphStore, client: Client) -> None:
    """PUT without a version only ran alongside the others: each lands, one after another."""
    rounds = Rounds(f"four replaces of one loadout ({client.name})")
    store.units.create(unit("host"))
    store.equipment.create(item("laser"))
    store.loadouts.create(loadout("busy", "host"))
    laser = {"equipment_id": "laser", "location": "HEAD"}
    for _ in range(ROUNDS):
        before = store.loadouts.get("busy").version or 0
        outcomes = race(*[lambda i=i: client.replace("busy", [laser] * i) for i in range(4)])
        rounds.record(outcomes)
        assert values(outcomes) == ["ok"] * 4
        assert store.loadouts.get("busy").version == before + 4
        assert_sound(store)
    rounds.assert_raced()


def test_updates_from_one_version_have_exactly_one_winner(
    store: GraphStore, client: Client
) -> None:
    """Four updates that each expect the version they read: one lands, three are 409. A
    check read before the claim let a second land on the winner's record unnoticed (two
    increments from one version, both acknowledged: one lost)."""
    rounds = Rounds(f"four updates expecting one version ({client.name})")
    store.units.create({**unit("counted"), "mul_id": 0})
    for n in range(ROUNDS * 2):
        before = store.units.get("counted")
        outcomes = race(
            *[
                lambda i=i: client.update_at(
                    "unit", "counted", {"mul_id": 10 * n + i}, before.version or 0
                )
                for i in range(4)
            ]
        )
        rounds.record(outcomes)
        assert sorted(values(outcomes)) == ["conflict", "conflict", "conflict", "ok"]
        after = store.units.get("counted")
        winner = next(i for i, o in enumerate(outcomes) if o.value == "ok")
        assert (after.version, after.mul_id) == ((before.version or 0) + 1, 10 * n + winner)
    assert_sound(store)
    rounds.assert_raced()


def test_racing_upserts_of_new_ids_all_land(store: GraphStore) -> None:
    rounds = Rounds("three upsert_many of the same new ids")
    for n in range(ROUNDS):
        ids = [f"bulk{n}-{i}" for i in range(20)]
        outcomes = race(*[lambda: store.equipment.upsert_many([item(i) for i in ids])] * 3)
        rounds.record(outcomes)
        assert all(o.ok for o in outcomes), [o.error for o in outcomes]
        for entity_id in ids:
            assert store.equipment.get(entity_id).version == 3
            operations = sorted(c.operation for c in store.history(entity_id))
            assert operations == ["create", "update", "update"]
        assert_sound(store)
    rounds.assert_raced()


def test_racing_mounts_never_pass_the_mount_cap(store: GraphStore, client: Client) -> None:
    rounds = Rounds(f"two mounts racing for the last place under the cap ({client.name})")
    cap = store.limits.max_mounts_per_loadout
    store.units.create(unit("crowded"))
    store.equipment.create(item("pebble"))
    almost = [{"equipment_id": "pebble", "location": "LEFT_ARM"}] * (cap - 1)
    for n in range(ROUNDS):
        store.loadouts.create(loadout(f"full{n}", "crowded", mounts=almost))
        outcomes = race(
            lambda: client.add_mount(f"full{n}", "pebble", "RIGHT_ARM"),
            lambda: client.add_mount(f"full{n}", "pebble", "LEFT_LEG"),
        )
        rounds.record(outcomes)
        assert sorted(values(outcomes)) == ["invalid", "ok"]
        assert len(store.loadouts.mounts(f"full{n}")) == cap
        assert_sound(store)
    rounds.assert_raced()


def test_racing_writes_of_one_loadout_each_keep_their_own_version(
    store: GraphStore, client: Client
) -> None:
    """Four writers of one loadout: four new versions numbered one after another, each with
    the content its writer wrote (a lost race never leaves a version without it), and the
    hash chain intact."""
    rounds = Rounds(f"four versioned writes of one loadout ({client.name})")
    store.units.create(unit("keeper"))
    store.equipment.create(item("laser"))
    store.loadouts.create(loadout("kept", "keeper"))
    for _ in range(ROUNDS):
        before = store.loadouts.get("kept").version or 0
        outcomes = race(
            *[
                lambda i=i: client.replace(
                    "kept", [{"equipment_id": "laser", "location": "HEAD", "quantity": i}]
                )
                for i in range(1, 5)
            ]
        )
        rounds.record(outcomes)
        assert values(outcomes) == ["ok"] * 4
        numbers = [v.number for v in store.loadouts.versions("kept", page_size=4).items]
        assert numbers == list(range(before + 4, before, -1))
        written = sorted(
            store.loadouts.version("kept", n).content.mounts[0].quantity  # type: ignore[union-attr]
            for n in numbers
        )
        assert written == [1, 2, 3, 4]
        now = store.loadouts.get("kept", relations=["mounts"])
        assert store.loadouts.get("kept", version=before + 4).mounts == now.mounts
        assert store.loadouts.verify_history("kept").ok
        assert_sound(store)
    rounds.assert_raced()
