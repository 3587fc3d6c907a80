"""A backup of one tenant: it holds that tenant alone, restores into its tenant of a graph
that serves others (replacing it, or where it has no data), or under a new tenant id
without its keys; an interrupted restore never shows a half-restored tenant."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from graphstore import Graph, GraphStore
from graphstore.backup import BackupError, create, model, restore, tally, verify
from graphstore.backup.archive import Reader
from graphstore.backup.stream import canonical_line, records
from graphstore.errors import NotFoundError
from graphstore.migrations import migrate, require_current
from graphstore.tenancy.keys import authenticate, create_key
from graphstore.tenancy.tenants import create_tenant, set_quotas
from testkit import wipe
from tests.store.conftest import equipment, unit
from tests.tenancy.conftest import Tenants


@pytest.fixture
def guild(tenants: Tenants) -> tuple[Tenants, str]:
    """Tenant guild-a with an extension, a quota, a key, a custom item, history, a branch
    and a copy of the shared template; guild-b with a unit of its own. Returns the key."""
    a, graph = tenants.a, tenants.platform.graph
    a.set_extensions([{"name": "squad", "type": "string", "default": "none"}])
    a.equipment.create(equipment("a-laser"))
    a.units.create(unit("a-atlas"))
    a.loadouts.create(
        {
            "id": "a-atlas.stock",
            "unit_id": "a-atlas",
            "name": "Stock",
            "is_stock": True,
            "mounts": [
                {"equipment_id": "medium-laser", "location": "RIGHT_ARM"},
                {"equipment_id": "a-laser", "location": "LEFT_ARM"},
            ],
        }
    )
    a.loadouts.update("a-atlas.stock", {"notes": "second version"})
    a.loadouts.branch("a-atlas.stock", "a-branch")
    a.units.copy("atlas-as7-d", "a-template")
    set_quotas(graph, "guild-a", {"max_units": 50})
    secret = create_key(graph, "guild-a", {"role": "editor"}).secret
    tenants.b.units.create(unit("b-atlas"))
    return tenants, secret


def _ids(path: Path, label: str) -> set[str]:
    return {r["p"]["id"] for r in Reader(path).records() if r.get("l", [None])[0] == label}


def _but_tenant(entity: Any) -> dict[str, Any]:
    return {k: v for k, v in entity.model_dump().items() if k != "tenant"}


def _fresh(graph: Graph, *, catalog: bool = True) -> None:
    """An empty, migrated graph; with the shared catalog guild-a's data uses."""
    wipe.clear_data(graph)
    wipe.drop_schema(graph)
    migrate(graph)
    if catalog:
        GraphStore(graph).equipment.upsert_many(
            [equipment("medium-laser"), equipment("ac-20", tonnage=14)]
        )


def test_a_tenant_backup_holds_that_tenant_alone(
    guild: tuple[Tenants, str], tmp_path: Path
) -> None:
    tenants, _ = guild
    graph = tenants.platform.graph
    made = create(graph, tmp_path / "a.gsb", tenant="guild-a")
    assert made.metadata["tenant"] == "guild-a"
    assert made.metadata["graph_hash"] == tally(graph, "guild-a").graph_hash
    assert made.metadata["graph_hash"] != tally(graph).graph_hash
    assert _ids(made.path, "Unit") == {"a-atlas", "a-template"}
    assert _ids(made.path, "Equipment") == {"a-laser"}
    assert _ids(made.path, "Tenant") == {"guild-a"}
    assert len(_ids(made.path, "ApiKey")) == 1
    assert made.metadata["references"] == {"Equipment": ["medium-laser"]}
    [carried] = made.metadata["shared"]
    assert carried["p"]["id"] == "medium-laser"
    assert "tenant" not in carried["p"]
    assert verify(made.path).ok
    with pytest.raises(BackupError, match="no tenant 'guild-z'"):
        create(graph, tmp_path / "z.gsb", tenant="guild-z")
    assert not (tmp_path / "z.gsb").exists()


def test_a_tenant_restores_into_its_tenant_beside_the_others(
    guild: tuple[Tenants, str], target: Graph, tmp_path: Path
) -> None:
    tenants, secret = guild
    graph = tenants.platform.graph
    whole = create(graph, tmp_path / "whole.gsb")
    made = create(graph, tmp_path / "a.gsb", tenant="guild-a")
    wipe.clear_data(target)
    wipe.drop_schema(target)
    restore(target, whole.path)
    GraphStore(target, tenant="guild-a", actor="a").units.update("a-atlas", {"role": "later"})
    GraphStore(target, tenant="guild-b", actor="b").units.create(unit("b-later"))
    with pytest.raises(BackupError, match="tenant 'guild-a' already holds"):
        restore(target, made.path)
    asked: list[str | None] = []
    done = restore(target, made.path, replace=True, before_replace=asked.append)
    assert asked == ["guild-a"]  # the CLI backs the tenant up there
    assert done.tenant == "guild-a"
    assert done.keys_left_out == 0
    assert tally(target, "guild-a").graph_hash == made.metadata["graph_hash"]
    for gone in ("__replaced-guild-a", "__restore-guild-a"):
        assert tally(target, gone).nodes == {}, f"nothing is left under {gone}"
    a = GraphStore(target, tenant="guild-a", actor="a")
    assert a.units.get("a-atlas").role != "later", "the tenant is back as it was backed up"
    assert a.loadouts.verify_history("a-branch").ok
    assert GraphStore(target, tenant="guild-b").units.get("b-later"), "guild-b was left alone"
    assert authenticate(target, secret).tenant == "guild-a", "its key came back"
    require_current(target)


def test_a_tenant_restores_under_a_new_id_without_its_keys(
    guild: tuple[Tenants, str], target: Graph, tmp_path: Path
) -> None:
    tenants, secret = guild
    made = create(tenants.platform.graph, tmp_path / "a.gsb", tenant="guild-a")
    _fresh(target)
    done = restore(target, made.path, as_tenant="guild-c")
    assert done.tenant == "guild-c"
    assert done.keys_left_out == 1
    original, copy = tally(tenants.platform.graph, "guild-a"), tally(target, "guild-c")
    assert copy.nodes == original.nodes - Counter({"ApiKey": 1})
    assert copy.relationships == original.relationships - Counter({"KEY_OF ApiKey Tenant": 1})
    c = GraphStore(target, tenant="guild-c", actor="c")
    for unit_id in ("a-atlas", "a-template"):
        assert c.units.get(unit_id).tenant == "guild-c"
        assert _but_tenant(c.units.get(unit_id)) == _but_tenant(tenants.a.units.get(unit_id))
    stock = "a-atlas.stock"
    assert _but_tenant(c.loadouts.get(stock)) == _but_tenant(tenants.a.loadouts.get(stock))
    assert c.loadouts.verify_history("a-branch").ok
    assert [e.name for e in c.extensions()] == ["squad"]
    assert tally(target, "guild-a").nodes == {}
    with pytest.raises(Exception, match="unknown API key"):
        authenticate(target, secret)
    # Beside its original, every id would clash: refused before anything is written.
    before = tally(target).graph_hash
    with pytest.raises(BackupError, match=r"used by other data in the target \(.*Unit 'a-atlas'"):
        restore(target, made.path, as_tenant="guild-d")
    assert tally(target).graph_hash == before


def test_bad_input_is_refused_before_anything_is_written(
    guild: tuple[Tenants, str], target: Graph, tmp_path: Path
) -> None:
    tenants, _ = guild
    graph = tenants.platform.graph
    made = create(graph, tmp_path / "a.gsb", tenant="guild-a")
    whole = create(graph, tmp_path / "whole.gsb")
    _fresh(target, catalog=False)
    create_tenant(target, {"id": "guild-x"})
    GraphStore(target, tenant="guild-x").equipment.create(equipment("medium-laser"))
    before = tally(target).graph_hash
    cases: list[tuple[dict[str, Any], str, Path]] = [
        ({}, r"1 shared item\(s\) .* another tenant's in the target .*'medium-laser'", made.path),
        ({"as_tenant": "Not_A_Tenant"}, "not a tenant id", made.path),
        ({"as_tenant": "guild-c"}, "backup of the whole graph", whole.path),
    ]
    for options, message, path in cases:
        with pytest.raises(BackupError, match=message):
            restore(target, path, **options)
        assert tally(target).graph_hash == before


def test_an_interrupted_tenant_restore_never_shows_and_the_next_run_starts_over(
    guild: tuple[Tenants, str], target: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tenants, _ = guild
    made = create(tenants.platform.graph, tmp_path / "a.gsb", tenant="guild-a")
    _fresh(target)
    from graphstore.backup import tenant

    def stopped(*_: object, **__: object) -> object:
        raise KeyboardInterrupt  # the process stops after staging, before it finishes

    monkeypatch.setattr(tenant, "tally", stopped)
    with pytest.raises(KeyboardInterrupt):
        restore(target, made.path)
    monkeypatch.undo()
    require_current(target)  # the graph stays in service for everyone else
    a = GraphStore(target, tenant="guild-a")
    with pytest.raises(NotFoundError):
        a.units.get("a-atlas")
    assert a.list_units().total == 0
    [unfinished] = GraphStore(target).check_integrity().findings
    assert (unfinished.kind, unfinished.id) == ("unfinished_tenant_restore", "guild-a")
    done = restore(target, made.path)
    assert done.restarted
    assert GraphStore(target).check_integrity().findings == []
    assert tally(target, "guild-a").graph_hash == made.metadata["graph_hash"]
    assert tally(target, "__restore-guild-a").nodes == {}, "the staging was cleared"


def test_a_tenant_restores_into_a_fresh_home_with_the_catalog_items_it_uses(
    guild: tuple[Tenants, str], target: Graph, tmp_path: Path
) -> None:
    tenants, _ = guild
    made = create(tenants.platform.graph, tmp_path / "a.gsb", tenant="guild-a", secret=b"k")
    assert b"a-atlas" not in made.path.read_bytes(), "encrypted like any backup"
    wipe.clear_data(target)
    wipe.drop_schema(target)
    with pytest.raises(BackupError, match="wrong key"):
        restore(target, made.path, secret=b"guess")
    done = restore(target, made.path, secret=b"k")
    assert done.shared_written == 1
    assert tally(target, "guild-a").graph_hash == made.metadata["graph_hash"]
    require_current(target)  # migrated to the backup's schema version
    laser = GraphStore(target).equipment.get("medium-laser")
    assert laser.model_dump() == tenants.platform.equipment.get("medium-laser").model_dump()
    assert GraphStore(target).list_equipment().total == 1, "only what the tenant uses"
    again = restore(target, made.path, secret=b"k", replace=True)
    assert again.shared_written == 0, "never over the target's own"


def _name(record: dict[str, Any]) -> str:
    label = record["l"][0]
    return f"{label} {record['p'][model.KEYS[label]]}"


def _reference_selection(whole: list[dict[str, Any]], tenant: str) -> tuple[set[str], set[str]]:
    """A tenant's nodes and relationships, computed in Python from a whole-graph backup's
    records by the rule docs/backup-format.md states: the reference for tenant_nodes."""
    node_records = [r for r in whole if "l" in r]
    owned = {
        _name(r) for r in node_records if r["p"].get("tenant") == tenant and r["l"][0] != "Tenant"
    }
    nodes = set(owned)
    nodes |= {_name(r) for r in node_records if r["l"] == ["Tenant"] and r["p"]["id"] == tenant}
    relationships = set()
    for r in whole:
        if "t" not in r:
            continue
        if r["t"] == "KEY_OF" and r["e"] == ["Tenant", tenant]:
            nodes.add(f"ApiKey {r['s'][1]}")
            relationships.add(canonical_line(r))
        elif f"{r['s'][0]} {r['s'][1]}" in owned:
            relationships.add(canonical_line(r))
            if r["t"] in ("HAS_LOCATION", "HAS_OVERRIDE", "HAS_CALCULATION"):
                nodes.add(f"{r['e'][0]} {r['e'][1]}")
    versioned = {
        (r["p"]["entity_label"], r["p"]["entity_id"])
        for r in node_records
        if r["l"][0] == "Version" and r["p"].get("tenant") == tenant
    }
    nodes |= {
        _name(r)
        for r in node_records
        if r["l"][0] == "HistoryArchive"
        and (r["p"]["entity_label"], r["p"]["entity_id"]) in versioned
    }
    return nodes, relationships


def test_the_tenants_partition_the_graph_as_the_python_reference_says(
    guild: tuple[Tenants, str],
) -> None:
    tenants, _ = guild
    graph = tenants.platform.graph
    tenants.b.equipment.create(equipment("b-laser"))
    tenants.b.units.copy("atlas-as7-d", "b-template")
    whole = list(records(graph))
    seen_nodes: set[str] = set()
    for tenant in ("guild-a", "guild-b", "default"):
        selected = list(records(graph, tenant))
        found_nodes = {_name(r) for r in selected if "l" in r}
        found_rels = {canonical_line(r) for r in selected if "t" in r}
        expected_nodes, expected_rels = _reference_selection(whole, tenant)
        assert found_nodes == expected_nodes, tenant
        assert found_rels == expected_rels, tenant
        assert not seen_nodes & found_nodes, "no node is two tenants'"
        seen_nodes |= found_nodes
    shared = {
        f"{r['l'][0]} {r['p'][model.KEYS[r['l'][0]]]}" for r in whole if "l" in r
    } - seen_nodes
    assert "Unit atlas-as7-d" in shared
    assert "Equipment medium-laser" in shared
    assert not any(
        name.startswith(("Unit a-", "Unit b-", "Equipment a-", "Equipment b-")) for name in shared
    )


def test_a_restore_stopped_before_it_joined_its_nodes_is_cleared_by_the_next(
    guild: tuple[Tenants, str], target: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped after writing nodes and before their relationships: the staged locations
    belong to nothing yet, and only their `restoring` mark finds them."""
    tenants, _ = guild
    made = create(tenants.platform.graph, tmp_path / "a.gsb", tenant="guild-a")
    _fresh(target)
    written = target.write

    def stop_at_relationships(name: str, **parameters: Any) -> Any:
        if name == "backup/create_relationships":
            raise KeyboardInterrupt
        return written(name, **parameters)

    monkeypatch.setattr(target, "write", stop_at_relationships)
    with pytest.raises(KeyboardInterrupt):
        restore(target, made.path)
    monkeypatch.undo()
    staged = target.read("backup/staged_orphans", staging="__restore-guild-a")
    assert {row["labels"][0] for row in staged} >= {"Location"}
    done = restore(target, made.path)
    assert done.restarted
    assert tally(target, "guild-a").graph_hash == made.metadata["graph_hash"]
    assert target.read("backup/staged_orphans", staging="__restore-guild-a") == []
