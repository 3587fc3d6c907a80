"""patch_many: many entities patched in a few statements, each with its version and audit
record as `update` writes them; bad patches reported one by one, or all refused at once."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphstore import (
    BulkError,
    ConflictError,
    ForbiddenError,
    Graph,
    GraphStore,
    NotFoundError,
    ValidationError,
)
from graphstore.migrations import migrate
from testkit import wipe
from tests.tenancy.conftest import Tenants
from tests.tenancy.conftest import tenants as tenants  # the fixture

from .conftest import unit


def _units(store: GraphStore, count: int) -> list[str]:
    ids = [f"u{i}" for i in range(count)]
    store.units.upsert_many([unit(i) for i in ids])
    return ids


def _state(store: GraphStore, ids: list[str]) -> dict[str, tuple[int | None, str | None]]:
    return {i: (u.version, u.role) for i in ids for u in [store.units.get(i)]}


def test_patches_write_versions_and_audit(store: GraphStore) -> None:
    ids = _units(store, 3)
    outcomes = store.units.patch_many(
        [{"id": i, "changes": {"role": f"role-{i}"}, "expected_version": 1} for i in ids]
    )
    assert [(o.index, o.id, o.version, o.error) for o in outcomes] == [
        (n, i, 2, None) for n, i in enumerate(ids)
    ]
    for i in ids:
        assert store.units.get(i).role == f"role-{i}"
        assert [v.number for v in store.units.versions(i).items] == [2, 1]
        assert store.units.version(i, 2).content.properties["role"] == f"role-{i}"
        change = store.history(i)[0]
        assert (change.operation, change.after, change.actor) == (
            "update",
            {"role": f"role-{i}", "version": 2},
            "tester",
        )
    assert store.check_integrity().ok


def test_each_bad_patch_is_reported_and_the_others_land(store: GraphStore) -> None:
    _units(store, 6)
    store.units.delete("u4", soft=True)
    outcomes = store.units.patch_many(
        [
            {"id": "u0", "changes": {"role": "ok"}},
            {"id": "u1", "changes": {"no_such_field": 1}},
            {"id": "u2", "changes": {"tonnage": "heavy"}},
            {"id": "nobody", "changes": {"role": "x"}},
            {"id": "u3", "changes": {"role": "x"}, "expected_version": 7},
            {"id": "u4", "changes": {"role": "x"}},
            {"id": "u0", "changes": {"role": "twice"}},
            {"id": "u5", "changes": {}},
            {"id": "u5", "changes": {"chassis": None}},
            "not a patch",
        ]
    )
    kinds = [type(o.error).__name__ if o.error else o.version for o in outcomes]
    assert kinds == [
        2,
        "ValidationError",
        "ValidationError",
        "NotFoundError",
        "ConflictError",
        "NotFoundError",
        "ValidationError",
        "ValidationError",
        "ValidationError",
        "ValidationError",
    ]
    assert "patched twice" in str(outcomes[6].error)
    conflict = outcomes[4].error
    assert isinstance(conflict, ConflictError)
    assert conflict.current_version == 1
    state = _state(store, ["u0", "u1", "u2", "u3", "u5"])
    assert state == {"u0": (2, "ok"), **{i: (1, None) for i in ["u1", "u2", "u3", "u5"]}}
    assert len(store.history("u1")) == 1  # its create only


def test_atomic_is_all_or_nothing(store: GraphStore) -> None:
    ids = _units(store, 3)
    with pytest.raises(BulkError) as refused:
        store.units.patch_many(
            [
                {"id": "u0", "changes": {"role": "a"}},
                {"id": "u1", "changes": {"role": "b"}, "expected_version": 5},
                {"id": "u2", "changes": {"role": "c"}},
            ],
            atomic=True,
        )
    assert refused.value.outcome.index == 1
    assert isinstance(refused.value.outcome.error, ConflictError)
    assert _state(store, ids) == {i: (1, None) for i in ids}
    with pytest.raises(BulkError) as invalid:
        store.units.patch_many(
            [{"id": "u0", "changes": {"role": "a"}}, {"id": "u1", "changes": {"tonnage": -1}}],
            atomic=True,
        )
    assert isinstance(invalid.value.outcome.error, ValidationError)
    assert _state(store, ids) == {i: (1, None) for i in ids}
    done = store.units.patch_many([{"id": i, "changes": {"role": "all"}} for i in ids], atomic=True)
    assert [o.version for o in done] == [2, 2, 2]


def test_batches_of_more_than_one_transaction(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("graphstore.store.entities.PATCH_BATCH", 2)
    ids = _units(store, 5)
    outcomes = store.units.patch_many(
        [{"id": i, "changes": {"battle_value": n}} for n, i in enumerate(ids)]
    )
    assert [o.version for o in outcomes] == [2] * 5
    assert [store.units.get(i).battle_value for i in ids] == list(range(5))


def test_equipment_and_loadouts_patch_too(catalog: GraphStore) -> None:
    [item] = catalog.equipment.patch_many([{"id": "medium-laser", "changes": {"heat": 4}}])
    assert item.ok
    assert catalog.equipment.get("medium-laser").heat == 4
    [loadout] = catalog.loadouts.patch_many([{"id": "atlas-stock", "changes": {"notes": "n"}}])
    assert loadout.ok
    assert catalog.loadouts.get("atlas-stock").notes == "n"
    assert catalog.loadouts.versions("atlas-stock").items[0].number == loadout.version
    [category] = catalog.categories.patch_many([{"id": "energy", "changes": {"path": "w/e"}}])
    assert category.ok
    assert catalog.categories.get("energy").path == "w/e"
    assert catalog.check_integrity().ok


def test_tenants_patch_only_their_own(tenants: Tenants) -> None:
    tenants.a.units.create(unit("mine"))
    tenants.b.units.create(unit("theirs"))
    outcomes = tenants.a.units.patch_many(
        [
            {"id": "mine", "changes": {"role": "a"}},
            {"id": "theirs", "changes": {"role": "a"}},
            {"id": "never-was", "changes": {"role": "a"}},
            {"id": "atlas-as7-d", "changes": {"role": "a"}},
        ]
    )
    assert outcomes[0].version == 2
    # Another tenant's id answers exactly as an id that never existed.
    other, never = outcomes[1].error, outcomes[2].error
    assert isinstance(other, NotFoundError)
    assert isinstance(never, NotFoundError)
    assert str(other).replace("theirs", "X") == str(never).replace("never-was", "X")
    assert isinstance(outcomes[3].error, ForbiddenError)  # the shared template
    assert tenants.b.units.get("theirs").version == 1
    assert tenants.platform.units.get("atlas-as7-d").version == 1


FIELDS = st.sampled_from(["role", "battle_value"])


def _value(field: str, n: int) -> Any:
    return f"r{n}" if field == "role" else n


@st.composite
def _operations(draw: st.DrawFn) -> list[Any]:
    steps = []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            ids = draw(st.lists(st.sampled_from(["u0", "u1", "u2", "u3", "x"]), max_size=6))
            patches = [
                {
                    "id": i,
                    "changes": {(f := draw(FIELDS)): _value(f, draw(st.integers(0, 99)))},
                    "expected_version": draw(st.none() | st.integers(1, 4)),
                }
                for i in ids
            ]
            steps.append(("many", patches))
        else:
            steps.append(("one", draw(st.sampled_from(["u0", "u1"])), draw(st.integers(0, 99))))
    return steps


@pytest.fixture
def migrated(graph: Graph) -> Graph:
    migrate(graph)
    return graph


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=_operations())
def test_random_batches_agree_with_a_plain_model(migrated: Graph, steps: list[Any]) -> None:
    """Random patch batches (valid, missing, stale and repeated ids) among single updates:
    every outcome, value and version number is what a plain-Python model says."""
    graph = migrated
    wipe.clear_data(graph)  # the schema stays; each example starts from an empty graph
    store = GraphStore(graph, actor="tester")
    ids = _units(store, 4)
    model = {i: {"version": 1, "role": None, "battle_value": 1897} for i in ids}
    for step in steps:
        if step[0] == "one":
            _, entity_id, n = step
            store.units.update(entity_id, {"battle_value": n})
            model[entity_id].update(battle_value=n, version=model[entity_id]["version"] + 1)
            continue
        outcomes = store.units.patch_many(step[1])
        seen: set[str] = set()
        for patch, outcome in zip(step[1], outcomes, strict=True):
            entity = model.get(patch["id"])
            expected = patch["expected_version"]
            if patch["id"] in seen:
                assert isinstance(outcome.error, ValidationError)
            elif entity is None:
                assert isinstance(outcome.error, NotFoundError)
            elif expected is not None and expected != entity["version"]:
                assert isinstance(outcome.error, ConflictError)
            else:
                assert outcome.error is None
                [(field, raw)] = patch["changes"].items()
                entity.update({field: raw, "version": entity["version"] + 1})
                assert outcome.version == entity["version"]
            seen.add(patch["id"])
    for entity_id, expected_entity in model.items():
        found = store.units.get(entity_id)
        assert (found.version, found.role, found.battle_value) == (
            expected_entity["version"],
            expected_entity["role"],
            expected_entity["battle_value"],
        )
        numbers = [v.number for v in store.units.versions(entity_id).items]
        assert numbers == list(range(expected_entity["version"], 0, -1))
    assert store.check_integrity().ok
