"""The same code path on a real Neo4j 5, started by testcontainers.

Skipped, with the reason, where no Docker engine is reachable.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graphstore import Graph, connect, health
from testkit import wipe


def _docker_unavailable_reason() -> str | None:
    try:
        import docker

        docker.from_env(timeout=3).ping()
    except Exception as error:
        return f"no Docker engine reachable for testcontainers ({type(error).__name__})"
    return None


_REASON = _docker_unavailable_reason()
pytestmark = [pytest.mark.neo4j, pytest.mark.skipif(_REASON is not None, reason=_REASON or "")]


@pytest.fixture(scope="module")
def neo4j_graph() -> Iterator[Graph]:
    from testcontainers.neo4j import Neo4jContainer

    with (
        Neo4jContainer("neo4j:5-community") as container,
        connect(container.get_connection_url(), user="neo4j", password=container.password) as graph,
    ):
        yield graph


def test_connects_and_reports_neo4j(neo4j_graph: Graph) -> None:
    assert neo4j_graph.info.kind == "neo4j"
    assert neo4j_graph.info.version.startswith("5.")


def test_health_runs_the_same_named_queries(neo4j_graph: Graph) -> None:
    report = health(neo4j_graph)
    assert report.engine == "neo4j"
    assert report.nodes >= 0


@pytest.fixture(scope="module")
def migrated_neo4j(neo4j_graph: Graph) -> Graph:
    from graphstore.importer import load_demo
    from graphstore.migrations import migrate

    migrate(neo4j_graph)
    load_demo(neo4j_graph)
    return neo4j_graph


def test_migrations_apply_and_the_schema_matches(migrated_neo4j: Graph) -> None:
    from graphstore.migrations import Migrator, schema_diff

    assert Migrator(migrated_neo4j).status().up_to_date
    assert schema_diff(migrated_neo4j).clean


def test_store_and_rules_find_the_planted_conflict(migrated_neo4j: Graph) -> None:
    from graphstore import GraphStore
    from graphstore.rules import RulesEngine

    store = GraphStore(migrated_neo4j)
    assert store.units.get("hunchback-hbk-4g").chassis == "Hunchback"
    report = RulesEngine(migrated_neo4j).validate("hunchback-hbk-4g-demo-conflict.stock")
    assert "conflict" in {violation.rule for violation in report.violations}


def test_index_advice_on_neo4j_plans_every_request_path_query(migrated_neo4j: Graph) -> None:
    from graphstore.index_advice import advise

    found = {advice.query: advice for advice in advise(migrated_neo4j)}
    assert [name for name, advice in found.items() if advice.needs_attention] == []
    assert not any(advice.verdict == "opaque" for advice in found.values()), "Neo4j plans all"
    assert found["store/unit_get"].verdict == "index"


def test_the_ogm_reads_the_same_graph(migrated_neo4j: Graph) -> None:
    from graphstore.ogm import Unit, use_graph

    use_graph(migrated_neo4j)
    unit = Unit.nodes.get(id="hunchback-hbk-4g")
    assert [loadout.uid for loadout in unit.loadouts.all()] == ["hunchback-hbk-4g.stock"]


def test_racing_writers_keep_the_invariants_on_neo4j(neo4j_graph: Graph) -> None:
    """The claims work by locking on Neo4j (the later writer waits) rather than by a failed
    commit; the same races must come out the same."""
    from graphstore import GraphStore
    from graphstore.migrations import migrate
    from tests.concurrency.clients import Library
    from tests.concurrency.conftest import Rounds, race
    from tests.concurrency.test_races import item, loadout, unit

    wipe.clear_data(neo4j_graph)
    migrate(neo4j_graph)
    store = GraphStore(neo4j_graph, actor="racer")
    client = Library(store)
    rounds = Rounds("neo4j: creates, delete vs mount, A under B vs B under A")
    store.units.create(unit("host"))
    for n in range(4):
        outcomes = race(*[lambda: client.create("unit", unit(f"same{n}"))] * 3)
        rounds.record(outcomes)
        assert sorted(o.value for o in outcomes) == ["exists", "exists", "ok"]
        store.equipment.create(item(f"x{n}"))
        store.loadouts.create(loadout(f"l{n}", "host"))
        outcomes = race(
            lambda: client.delete("equipment", f"x{n}"),
            lambda: client.add_mount(f"l{n}", f"x{n}", "LEFT_ARM"),
        )
        assert [o.value for o in outcomes].count("ok") == 1
        for c in (f"a{n}", f"b{n}"):
            store.categories.create({"id": c, "name": c})
        outcomes = race(
            lambda: client.update("category", f"a{n}", {"parent_id": f"b{n}"}),
            lambda: client.update("category", f"b{n}", {"parent_id": f"a{n}"}),
        )
        assert sorted(o.value for o in outcomes) == ["invalid", "ok"]
    assert [f for f in store.check_integrity().findings if f.severity == "error"] == []
    rounds.assert_raced()


def test_neo4j_stops_a_read_past_its_time_limit(
    neo4j_graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graphstore.errors import QueryTimeoutError
    from graphstore.queries import Query
    from graphstore.settings import DriverSettings

    monkeypatch.setattr(neo4j_graph, "_retrying", DriverSettings(read_timeout_s=0.05))
    slow = Query(
        name="test/slow",
        text="UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x) AS n",
        description="a read that takes seconds",
        parameters={},
    )
    with pytest.raises(QueryTimeoutError):
        neo4j_graph.read(slow)


def test_a_backup_moves_between_the_local_engine_and_neo4j(
    migrated_neo4j: Graph, session_graph: Graph, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The demo backed up on Neo4j restores into the local engine with the same graph hash,
    and back (the format is engine-neutral: docs/backup-format.md)."""
    from graphstore.backup import create, restore, tally

    folder = tmp_path_factory.mktemp("backups")
    from_neo4j = create(migrated_neo4j, folder / "neo4j.gsb")
    restore(session_graph, from_neo4j.path, replace=True)
    assert tally(session_graph).graph_hash == from_neo4j.metadata["graph_hash"]
    from_local = create(session_graph, folder / "local.gsb")
    restore(migrated_neo4j, from_local.path, replace=True)
    assert tally(migrated_neo4j).graph_hash == from_local.metadata["graph_hash"]


def test_the_explorer_changes_nothing_on_neo4j_either(
    migrated_neo4j: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every refused form leaves the graph hash as it was, and with the refusal switched
    off a write still does not land: Neo4j refuses it in a read-mode transaction, and the
    transaction is rolled back anyway."""
    from graphstore import graph_hash
    from graphstore.errors import GraphStoreError, QueryRefusedError
    from graphstore.explore import ExploreQuery, run_read_only
    from graphstore.explore import run as explore_run
    from tests.explore.test_readonly import UPDATING

    before = graph_hash(migrated_neo4j)
    for query in [q for q in UPDATING if q]:
        with pytest.raises(QueryRefusedError):
            run_read_only(migrated_neo4j, ExploreQuery(query=query))
        assert graph_hash(migrated_neo4j) == before, query
    monkeypatch.setattr(explore_run, "refusal", lambda _query: None)
    with pytest.raises(GraphStoreError):  # Neo4j: writing in a read transaction is refused
        run_read_only(migrated_neo4j, ExploreQuery(query="CREATE (:Probe) RETURN 1"))
    assert graph_hash(migrated_neo4j) == before
    drawn = run_read_only(
        migrated_neo4j,
        ExploreQuery(query="MATCH (u:Unit)-[r:HAS_LOADOUT]->(l:Loadout) RETURN u, r, l LIMIT 3"),
    )
    assert drawn.graph.relationships


def test_the_read_models_queries_are_index_driven_on_neo4j(migrated_neo4j: Graph) -> None:
    """What the request path sends to the graph for a list: the log past a point (the
    `change_log_key` range) and the entities it names (their id constraints), never a scan."""
    from graphstore.plans import query_plan

    for name, parameters in (
        (
            "readmodel/changes_since",
            {"since": "2026-01-01T00:00:00.000000Z", "known": [], "limit": 100},
        ),
        ("readmodel/units_by_ids", {"ids": ["atlas-as7-d"]}),
        ("readmodel/loadouts_by_ids", {"ids": ["atlas-as7-d.stock"]}),
        ("readmodel/items_by_ids", {"ids": ["medium-laser"]}),
    ):
        plan = query_plan(migrated_neo4j, name, parameters)
        assert plan.warnings == [], (name, plan.render())
        assert any(step.index for step in plan.steps) or "Seek" in plan.render(), name


def test_lists_from_the_read_model_on_neo4j(migrated_neo4j: Graph) -> None:
    from graphstore import GraphStore

    store = GraphStore(migrated_neo4j)
    listed = store.list_units(tech_base="INNER_SPHERE", sort="tonnage", descending=True)
    assert listed.total > 0
    assert [u.tonnage for u in listed.items] == sorted(
        (u.tonnage for u in listed.items), reverse=True
    )
