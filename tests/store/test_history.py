"""Version history against plain-Python references: every version and every point in time
reads back as a replay of the edits says, and merges agree with a three-way merge of dicts."""

from __future__ import annotations

import lzma
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphstore import GraphStore
from graphstore.errors import (
    IntegrityError,
    MergeConflictError,
    NotFoundError,
    ValidationError,
)
from graphstore.store import LoadoutCreate
from graphstore.store.history.archive import ArchiveError, compact, restore_archive
from graphstore.store.history.catch_up import record_untracked
from testkit import wipe

from .conftest import equipment, unit

ITEMS = ["medium-laser", "large-laser", "ac-20", "heat-sink"]
PLACES = ["LEFT_ARM", "RIGHT_ARM", "LEFT_TORSO", "RIGHT_TORSO", "CENTER_TORSO"]

# A loadout's state as the reference keeps it: its notes, and mount id -> (item, place, qty).
State = dict[str, Any]


def _state(store: GraphStore, loadout_id: str, version: int | None = None) -> State:
    found = store.loadouts.get(loadout_id, version=version, relations=["mounts"])
    return _shape(found.notes, found.mounts or [])


def _shape(notes: str | None, mounts: list[Any]) -> State:
    return {
        "notes": notes,
        "mounts": {m.mount_id: (m.equipment_id, m.location, m.quantity) for m in mounts},
    }


def _fresh(store: GraphStore) -> None:
    wipe.clear_data(store.graph)
    store.equipment.upsert_many([equipment(item) for item in ITEMS])
    store.units.create(unit())
    store.loadouts.create(
        LoadoutCreate.model_validate(
            {
                "id": "trunk",
                "unit_id": "atlas-as7-d",
                "name": "Trunk",
                "mounts": [
                    {"mount_id": "m0", "equipment_id": "ac-20", "location": "RIGHT_TORSO"},
                    {"mount_id": "m1", "equipment_id": "medium-laser", "location": "LEFT_ARM"},
                ],
            }
        )
    )


edit = st.one_of(
    st.tuples(st.just("notes"), st.one_of(st.none(), st.text("abc", min_size=1, max_size=4))),
    st.tuples(st.just("mount"), st.sampled_from(ITEMS), st.sampled_from(PLACES)),
    st.tuples(st.just("unmount"), st.integers(0, 5)),
    st.tuples(st.just("move"), st.integers(0, 5), st.sampled_from(PLACES)),
    st.tuples(st.just("quantity"), st.integers(0, 5), st.integers(1, 4)),
    st.tuples(st.just("restore"), st.integers(1, 12)),
)


def _apply(store: GraphStore, loadout_id: str, step: tuple[Any, ...], states: list[State]) -> State:
    """Makes the edit through the store; returns the state the reference expects after it."""
    state = {"notes": states[-1]["notes"], "mounts": dict(states[-1]["mounts"])}
    kind = step[0]
    ids = sorted(state["mounts"])
    if kind == "notes":
        store.loadouts.update(loadout_id, {"notes": step[1]})
        state["notes"] = step[1]
    elif kind == "mount":
        made = store.loadouts.add_mount(loadout_id, {"equipment_id": step[1], "location": step[2]})
        state["mounts"][made.mount_id] = (step[1], step[2], 1)
    elif kind in ("unmount", "move", "quantity") and ids:
        mount_id = ids[step[1] % len(ids)]
        item, place, quantity = state["mounts"][mount_id]
        if kind == "unmount":
            store.loadouts.remove_mount(loadout_id, mount_id)
            del state["mounts"][mount_id]
            return state
        if kind == "move":
            place = step[2]
        else:
            quantity = step[2]
        state["mounts"][mount_id] = (item, place, quantity)
        store.loadouts.replace(loadout_id, {"mounts": _mounts(state)})
    elif kind == "restore":
        number = 1 + (step[1] - 1) % len(states)
        store.loadouts.restore_version(loadout_id, number)
        state = states[number - 1]
    else:
        store.loadouts.update(loadout_id, {"notes": state["notes"]})  # a version all the same
    return state


def _mounts(state: State) -> list[dict[str, Any]]:
    return [
        {"mount_id": k, "equipment_id": item, "location": place, "quantity": quantity}
        for k, (item, place, quantity) in sorted(state["mounts"].items())
    ]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(edit, min_size=1, max_size=10))
def test_every_version_and_every_moment_is_the_replay_of_the_edits(
    catalog: GraphStore, steps: list[tuple[Any, ...]]
) -> None:
    store = catalog
    _fresh(store)
    states = [_state(store, "trunk")]  # version 1, as created
    moments = [datetime.now(UTC)]
    for step in steps:
        time.sleep(0.002)  # so a moment never shares a stored timestamp with the next write
        states.append(_apply(store, "trunk", step, states))
        moments.append(datetime.now(UTC))
    assert store.loadouts.get("trunk").version == len(states)
    for number, expected in enumerate(states, start=1):
        assert _state(store, "trunk", number) == expected, f"version {number}"
        found = store.loadouts.as_of("trunk", moments[number - 1])
        assert _shape(found.notes, found.mounts or []) == expected, f"at version {number}"
    assert _state(store, "trunk") == states[-1]
    assert store.loadouts.verify_history("trunk").ok


# ---- merge ---------------------------------------------------------------------------

side_edit = st.one_of(
    st.tuples(st.just("notes"), st.sampled_from(["x", "y", None])),
    st.tuples(st.just("mount"), st.sampled_from(ITEMS), st.sampled_from(PLACES)),
    st.tuples(st.just("unmount"), st.integers(0, 5)),
    st.tuples(st.just("move"), st.integers(0, 5), st.sampled_from(PLACES)),
    st.tuples(st.just("quantity"), st.integers(0, 5), st.integers(1, 4)),
)

_GONE = "<absent>"


def reference_merge(
    base: State, ours: State, theirs: State, strategy: str | None
) -> tuple[State, list[str]]:
    """Three-way merge of two plain dicts, key by key (notes, and each mount by id)."""

    def flat(state: State) -> dict[str, Any]:
        found = {f"mount:{k}": v for k, v in state["mounts"].items()}
        if state["notes"] is not None:
            found["notes"] = state["notes"]
        return found

    b, o, t = flat(base), flat(ours), flat(theirs)
    merged: dict[str, Any] = {}
    conflicts = []
    for key in sorted(b.keys() | o.keys() | t.keys()):
        bv, ov, tv = b.get(key, _GONE), o.get(key, _GONE), t.get(key, _GONE)
        if ov == tv or tv == bv:
            value = ov
        elif ov == bv:
            value = tv
        else:
            conflicts.append(key)
            value = tv if strategy == "theirs" else ov
        if value != _GONE:
            merged[key] = value
    state = {
        "notes": merged.get("notes"),
        "mounts": {k.split(":", 1)[1]: v for k, v in merged.items() if k.startswith("mount:")},
    }
    return state, conflicts


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    ours=st.lists(side_edit, max_size=4),
    theirs=st.lists(side_edit, max_size=4),
    strategy=st.sampled_from([None, "ours", "theirs"]),
)
def test_merge_agrees_with_a_three_way_merge_of_dicts(
    catalog: GraphStore,
    ours: list[tuple[Any, ...]],
    theirs: list[tuple[Any, ...]],
    strategy: str | None,
) -> None:
    store = catalog
    _fresh(store)
    store.loadouts.update("trunk", {"notes": "base"})
    base = _state(store, "trunk")
    store.loadouts.branch("trunk", "variant")
    trunk_states, variant_states = [base], [base]
    for step in ours:
        trunk_states.append(_apply(store, "trunk", step, trunk_states))
    for step in theirs:
        variant_states.append(_apply(store, "variant", step, variant_states))
    expected, conflicts = reference_merge(base, trunk_states[-1], variant_states[-1], strategy)

    preview = store.loadouts.merge_preview("variant", "trunk", strategy=strategy)
    assert preview.base == "Loadout:trunk#2"
    assert sorted(_conflict_key(c) for c in preview.conflicts) == conflicts
    before = store.loadouts.get("trunk").version
    if conflicts and strategy is None:
        with pytest.raises(MergeConflictError) as refused:
            store.loadouts.merge("variant", "trunk")
        assert len(refused.value.conflicts) == len(conflicts)
        assert store.loadouts.get("trunk").version == before  # nothing written
        return
    result = store.loadouts.merge("variant", "trunk", strategy=strategy)
    assert result.version == before + 1
    assert _state(store, "trunk") == expected
    merged = store.loadouts.version("trunk", before + 1)
    assert merged.source == "merge"
    assert merged.parents == [f"Loadout:trunk#{before}", f"Loadout:variant#{len(variant_states)}"]


def _conflict_key(conflict: Any) -> str:
    return "notes" if conflict.kind == "property" else f"mount:{conflict.key}"


# ---- examples --------------------------------------------------------------------------


def test_a_merged_branch_merges_again_from_where_it_was_merged(catalog: GraphStore) -> None:
    store = catalog
    _fresh(store)
    store.loadouts.branch("trunk", "variant")
    store.loadouts.update("variant", {"notes": "one"})
    store.loadouts.merge("variant", "trunk")
    store.loadouts.update("trunk", {"notes": "two"})  # the trunk moves on after the merge
    store.loadouts.add_mount("variant", {"equipment_id": "heat-sink", "location": "LEFT_TORSO"})
    preview = store.loadouts.merge_preview("variant", "trunk")
    assert preview.base == "Loadout:variant#2"  # the version merged last time
    assert preview.conflicts == []
    assert preview.content.properties["notes"] == "two"


def test_history_reads_refuse_what_is_not_there(catalog: GraphStore) -> None:
    store = catalog
    with pytest.raises(NotFoundError, match="no version 9"):
        store.loadouts.version("atlas-stock", 9)
    with pytest.raises(NotFoundError, match="no version at or before"):
        store.loadouts.as_of("atlas-stock", datetime.now(UTC) - timedelta(days=1))
    with pytest.raises(NotFoundError):
        store.loadouts.versions("no-such-loadout")
    with pytest.raises(ValidationError):
        store.loadouts.as_of("atlas-stock", datetime(2026, 1, 1))  # no offset
    store.loadouts.create({"id": "stranger", "unit_id": "atlas-as7-d", "name": "Stranger"})
    with pytest.raises(ValidationError, match="share no history"):
        store.loadouts.merge("stranger", "atlas-stock")


def test_restoring_a_version_whose_item_was_purged_names_it(catalog: GraphStore) -> None:
    store = catalog
    store.loadouts.add_mount("atlas-stock", {"equipment_id": "large-laser", "location": "LEFT_ARM"})
    store.loadouts.replace("atlas-stock", {"mounts": []})
    store.equipment.delete("large-laser")
    with pytest.raises(IntegrityError) as refused:
        store.loadouts.restore_version("atlas-stock", 2)
    assert refused.value.blockers == [
        {"relationship": "MOUNTS", "label": "Equipment", "id": "large-laser", "state": "purged"}
    ]
    assert store.loadouts.get("atlas-stock").version == 3  # nothing written
    forced = store.loadouts.restore_version("atlas-stock", 2, force=True)
    assert [m.equipment_id for m in forced.dropped_mounts] == ["large-laser"]
    assert forced.version == 4
    assert sorted(m.equipment_id for m in store.loadouts.mounts("atlas-stock")) == [
        "ac-20",
        "medium-laser",
    ]
    assert store.loadouts.version("atlas-stock", 4).source == "restore"


def test_a_unit_restore_writes_its_old_properties_back(catalog: GraphStore) -> None:
    store = catalog
    store.units.update("atlas-as7-d", {"role": "Sniper", "walk_mp": 2})
    store.with_note("tuning").units.update("atlas-as7-d", {"role": None})
    diff = store.units.diff_versions("atlas-as7-d", 1, 3)
    assert [(c.name, c.old, c.new) for c in diff.properties] == [("walk_mp", None, 2)]
    assert store.units.version("atlas-as7-d", 3).note == "tuning"
    result = store.units.restore_version("atlas-as7-d", 2)
    assert result.version == 4
    now = store.units.get("atlas-as7-d")
    assert (now.role, now.walk_mp) == ("Sniper", 2)
    assert store.units.verify_history("atlas-as7-d").ok


def test_an_edited_stored_version_is_reported(catalog: GraphStore) -> None:
    store = catalog
    store.loadouts.update("atlas-stock", {"notes": "honest"})
    store.loadouts.update("atlas-stock", {"notes": "later"})
    assert store.loadouts.verify_history("atlas-stock").ok
    store.graph.driver.execute_query(
        "MATCH (v:Version {key: 'Loadout:atlas-stock#2'}) "
        "SET v.body = replace(v.body, 'honest', 'forged')",
        database_=store.graph.database,
    )
    report = store.loadouts.verify_history("atlas-stock")
    assert not report.ok
    assert report.problems == ["version 2: its content does not match its hash"]


def test_a_hard_delete_takes_the_history_and_a_new_entity_starts_again(
    catalog: GraphStore, tmp_path: Any
) -> None:
    store = catalog
    moments = _edits(store, 2)
    compact(store._scope, moments[0], tmp_path / "old.jsonl.xz")  # an archive record too
    store.loadouts.update("atlas-stock", {"notes": "old life"})
    store.loadouts.delete("atlas-stock")
    with pytest.raises(NotFoundError):
        store.loadouts.versions("atlas-stock")
    store.loadouts.create({"id": "atlas-stock", "unit_id": "atlas-as7-d", "name": "Again"})
    assert [v.number for v in store.loadouts.versions("atlas-stock").items] == [1]
    assert store.loadouts.verify_history("atlas-stock").ok
    archived = store.graph.driver.execute_query(
        "MATCH (a:HistoryArchive) RETURN count(a) AS n", database_=store.graph.database
    ).records[0]["n"]
    assert archived == 0  # the old life's archive record went with it


def test_what_changed_outside_the_store_gets_a_migration_version(catalog: GraphStore) -> None:
    store = catalog
    driver, database = store.graph.driver, store.graph.database
    # A data step that rewrites a property and bumps nothing, and a graph from before
    # version history (an entity with no versions at all).
    driver.execute_query(
        "MATCH (l:Loadout {id: 'atlas-stock'}) SET l.notes = 'migrated'", database_=database
    )
    driver.execute_query(
        "MATCH (v:Version {entity_id: 'atlas-as7-d'}) DETACH DELETE v", database_=database
    )
    driver.execute_query("MATCH (u:Unit {id: 'atlas-as7-d'}) REMOVE u._history", database_=database)
    recorded = record_untracked(store._scope, "migrator")
    assert sorted(recorded) == [("Loadout", "atlas-stock"), ("Unit", "atlas-as7-d")]
    newest = store.loadouts.versions("atlas-stock").items[0]
    assert (newest.number, newest.source, newest.actor) == (2, "migration", "migrator")
    assert store.loadouts.get("atlas-stock", version=2).notes == "migrated"
    assert store.loadouts.get("atlas-stock").version == 2
    assert [v.number for v in store.units.versions("atlas-as7-d").items] == [1]
    assert record_untracked(store._scope, "migrator") == []  # nothing left to record


# ---- retention -----------------------------------------------------------------------


def _edits(store: GraphStore, count: int) -> list[datetime]:
    """`count` note edits of atlas-stock; the time after each."""
    moments = []
    for i in range(count):
        store.loadouts.update("atlas-stock", {"notes": f"edit {i}"})
        moments.append(datetime.now(UTC))
        time.sleep(0.002)
    return moments


@pytest.mark.parametrize("keep_every", [None, 3])
def test_compacted_history_still_reads_verifies_and_comes_back(
    catalog: GraphStore, tmp_path: Any, keep_every: int | None
) -> None:
    store = catalog
    moments = _edits(store, 10)  # versions 2..11
    before = {n: _state(store, "atlas-stock", n) for n in range(1, 12)}
    archive = tmp_path / "old.jsonl.xz"
    result = compact(store._scope, moments[5], archive, keep_every=keep_every)  # v1..v7 old
    kept_old = [n for n in range(1, 8) if keep_every and n % keep_every == 0]
    assert result.archived == 7 - len(kept_old)
    stored = sorted(v.number for v in store.loadouts.versions("atlas-stock").items)
    assert stored == sorted([*kept_old, 8, 9, 10, 11])
    for number in stored:
        assert _state(store, "atlas-stock", number) == before[number]
    with pytest.raises(NotFoundError):
        store.loadouts.version("atlas-stock", 1)
    assert store.loadouts.verify_history("atlas-stock").ok
    assert [f for f in store.check_integrity().findings if f.kind.startswith("history")] == []
    store.loadouts.update("atlas-stock", {"notes": "after"})  # recording goes on
    assert store.loadouts.verify_history("atlas-stock").ok

    back = restore_archive(store._scope, archive)
    assert back.restored == result.archived
    for number in range(1, 12):
        assert _state(store, "atlas-stock", number) == before[number]
    assert store.loadouts.verify_history("atlas-stock").ok
    assert restore_archive(store._scope, archive).already_stored == result.archived


def test_a_version_removed_by_hand_is_reported_but_an_archived_one_is_not(
    catalog: GraphStore, tmp_path: Any
) -> None:
    store = catalog
    moments = _edits(store, 4)
    compact(store._scope, moments[0], tmp_path / "a.jsonl.xz")  # v1, v2 archived
    store.graph.driver.execute_query(
        "MATCH (v:Version {key: 'Loadout:atlas-stock#4'}) DETACH DELETE v",
        database_=store.graph.database,
    )
    findings = [f for f in store.check_integrity().findings if f.kind == "history_chain"]
    assert [(f.id, f.detail) for f in findings] == [
        (
            "atlas-stock",
            "version 5: does not follow the version stored before it (one was edited, "
            "removed or reordered)",
        )
    ]


def test_a_damaged_archive_is_refused_with_where(catalog: GraphStore, tmp_path: Any) -> None:
    store = catalog
    moments = _edits(store, 3)
    archive = tmp_path / "a.jsonl.xz"
    compact(store._scope, moments[1], archive)
    text = lzma.decompress(archive.read_bytes()).decode()
    flipped = tmp_path / "flipped.jsonl.xz"
    flipped.write_bytes(lzma.compress(text.replace("edit 0", "edit 9").encode()))
    with pytest.raises(ArchiveError, match="checksum mismatch"):
        restore_archive(store._scope, flipped)
    cut = tmp_path / "cut.jsonl.xz"
    cut.write_bytes(archive.read_bytes()[: len(archive.read_bytes()) // 2])
    with pytest.raises(ArchiveError, match=r"damaged|cut short"):
        restore_archive(store._scope, cut)
    other = tmp_path / "other.jsonl.xz"
    other.write_bytes(lzma.compress(b'{"hello": 1}\n'))
    with pytest.raises(ArchiveError, match="not a graphstore history archive"):
        restore_archive(store._scope, other)
    with pytest.raises(ArchiveError, match="exists"):
        compact(store._scope, moments[1], archive)
    assert store.loadouts.verify_history("atlas-stock").ok  # none of it wrote anything


def test_every_write_path_leaves_the_head_equal_to_what_is_stored(catalog: GraphStore) -> None:
    """The fast path computes a version from what the write said it wrote; `graphstore
    check` compares that with what is stored, after every kind of write."""
    store = catalog
    store.units.update("atlas-as7-d", {"role": "Scout"})
    mount = store.loadouts.add_mount(
        "atlas-stock", {"equipment_id": "heat-sink", "location": "HEAD"}
    )
    store.loadouts.remove_mount("atlas-stock", mount.mount_id)
    store.loadouts.replace(
        "atlas-stock",
        {"notes": "r", "mounts": [{"equipment_id": "ac-20", "location": "LEFT_TORSO"}]},
    )
    store.loadouts.clone("atlas-stock", new_id="clone")
    store.loadouts.branch("atlas-stock", "branch")
    store.loadouts.delete("clone", soft=True)
    store.loadouts.restore("clone")
    store.units.delete("atlas-as7-d", soft=True)  # cascades to its loadouts (the slow path)
    store.units.restore("atlas-as7-d")
    store.equipment.delete("heat-sink")
    store.equipment.delete("large-laser", force=True)  # nothing mounts it: no detach
    store.equipment.delete("ac-20", force=True)  # detaches it from three loadouts
    store.loadouts.restore_version("atlas-stock", 2, force=True)
    store.units.restore_version("atlas-as7-d", 1)
    store.units.upsert_many([unit(role="Bulk")])
    findings = [f for f in store.check_integrity().findings if f.kind.startswith("history")]
    assert findings == []
    driver = store.graph.driver
    driver.execute_query(
        "MATCH (l:Loadout {id: 'atlas-stock'}) SET l.notes = 'behind its back'",
        database_=store.graph.database,
    )
    stale = [f for f in store.check_integrity().findings if f.kind.startswith("history")]
    assert [(f.kind, f.id) for f in stale] == [("history_stale", "atlas-stock")]
