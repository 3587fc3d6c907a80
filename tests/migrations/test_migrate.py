"""Migrations on the real local engine: up/down/up, drift, failures, target, out-of-order,
baseline, repeatables, dry run, schema diff and the schema check in connect()."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from graphstore import EngineSettings, Graph, SchemaOutOfDateError, connect
from graphstore.errors import MigrationError
from graphstore.migrations import Migrator, apply_pending, migrate, require_current, schema_diff
from graphstore.migrations.history import State
from graphstore.resources import resource_dir
from tests.migrations.conftest import graph_fingerprint, schema_snapshot, write_migrations


def _count(graph: Graph, label: str) -> int:
    rows = graph.driver.execute_query(
        f"MATCH (n:{label}) RETURN count(n) AS c", database_=graph.database
    ).records
    return int(rows[0]["c"])


def test_up_down_up_gives_the_same_schema(graph: Graph) -> None:
    migrator = Migrator(graph)
    empty = schema_snapshot(graph)
    migrator.migrate()
    migrated = schema_snapshot(graph)
    assert len(migrated[0]) >= 9  # the eight id constraints and the lock constraint
    assert migrator.status().schema_version == migrator.scripts().latest_version

    assert migrator.rollback(0) == [
        "U008__idempotent_requests.cypher",
        "U007__read_model_log.cypher",
        "U006__tenants.cypher",
        "U005__version_history.cypher",
        "U004__index_calculation_entity_id.cypher",
        "U003__url_safe_ids_and_provenance.cypher",
        "U002__search_indexes.cypher",
        "U001__domain_constraints.cypher",
    ]
    constraints, indexes = schema_snapshot(graph)
    assert [c[0] for c in constraints] == ["migration_lock_name"]
    assert (constraints, indexes) != migrated
    assert {row.status for row in migrator.status().rows} == {"undone"}

    migrator.migrate()
    assert schema_snapshot(graph) == migrated
    assert empty != migrated


def test_history_is_a_chain_from_a_baseline_node(graph: Graph) -> None:
    migrate(graph)
    records = Migrator(graph).history.records()
    assert records[0].key == "BASELINE"
    assert [r.key for r in records[1:]] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert all(r.state is State.SUCCESS and r.checksum and r.applied_by for r in records[1:])
    chain = graph.driver.execute_query(
        "MATCH p = (:__Migration {seq: 0})-[:NEXT*]->(:__Migration) RETURN max(length(p)) AS hops",
        database_=graph.database,
    ).records[0]["hops"]
    assert chain == 8


def test_a_changed_applied_file_is_detected_and_repair_accepts_it(
    graph: Graph, migrations_dir: Path
) -> None:
    shutil.copytree(resource_dir("migrations"), migrations_dir)
    migrator = Migrator(graph, migrations_dir)
    migrator.migrate()
    v2 = migrations_dir / "V002__search_indexes.cypher"
    v2.write_text(v2.read_text().replace("unit_era", "unit_era_renamed"))

    report = migrator.validate()
    assert not report.ok
    assert "V002 (search_indexes) changed since it was applied" in report.errors[0]
    assert [r.status for r in migrator.status().rows] == [
        "applied",
        "changed",
        "applied",
        "applied",
        "applied",
        "applied",
        "applied",
        "applied",
    ]
    with pytest.raises(MigrationError, match="changed since it was applied"):
        migrator.migrate()

    assert migrator.repair() == ["accepted the new checksum of V002__search_indexes.cypher"]
    assert migrator.validate().ok


def test_a_failing_statement_leaves_the_data_unchanged_and_is_recorded_failed(
    graph: Graph, migrations_dir: Path
) -> None:
    write_migrations(
        migrations_dir,
        {
            "V001__things.cypher": "CREATE CONSTRAINT thing_id IF NOT EXISTS "
            "FOR (t:Thing) REQUIRE t.id IS UNIQUE;\nCREATE (:Thing {id: 'a'});",
            "V002__broken.cypher": "CREATE INDEX thing_name IF NOT EXISTS "
            "FOR (t:Thing) ON (t.name);\n"
            "MATCH (t:Thing) SET t.name = 'renamed';\n"
            "CREATE (:Thing {id: 'b'});\n"
            "CREATE (:Thing {id: 'a'});",
            "U002__broken.cypher": "DROP INDEX thing_name IF EXISTS;",
        },
    )
    migrator = Migrator(graph, migrations_dir)
    migrator.migrate(target=1)
    before = graph_fingerprint(graph, bookkeeping=False)

    with pytest.raises(MigrationError, match=r"V002__broken\.cypher failed") as raised:
        migrator.migrate()
    assert "undone by U002__broken.cypher" in str(raised.value)
    assert graph_fingerprint(graph, bookkeeping=False)[:2] == before[:2], "no data change survives"
    assert schema_snapshot(graph) == before[2], "the index was undone by U002"
    failed = migrator.status().rows[1]
    assert failed.status == "failed"
    assert "ConstraintValidationFailed" in (failed.error or "") or "Duplicated" in (
        failed.error or ""
    )

    with pytest.raises(MigrationError, match="repair"):
        migrator.migrate()

    (migrations_dir / "V002__broken.cypher").write_text(
        "CREATE INDEX thing_name IF NOT EXISTS FOR (t:Thing) ON (t.name);\n"
        "CREATE (:Thing {id: 'b'});"
    )
    assert migrator.repair() == ["cleared FAILED 2 (broken)"]
    assert migrator.migrate().applied == ["V002__broken.cypher"]
    assert _count(graph, "Thing") == 2


def test_schema_already_applied_without_an_undo_says_to_repair(
    graph: Graph, migrations_dir: Path
) -> None:
    write_migrations(
        migrations_dir,
        {
            "V001__broken.cypher": "CREATE INDEX x_y IF NOT EXISTS FOR (n:X) ON (n.y);\n"
            "RETURN 1 / 0;"
        },
    )
    with pytest.raises(MigrationError, match="no undo script") as raised:
        Migrator(graph, migrations_dir).migrate()
    assert "graphstore migrate repair" in str(raised.value)


def test_target_stops_at_a_version(graph: Graph) -> None:
    migrator = Migrator(graph)
    assert migrator.migrate(target=1).applied == ["V001__domain_constraints.cypher"]
    assert migrator.status().schema_version == 1
    with pytest.raises(MigrationError, match="no migration V099"):
        migrator.migrate(target=99)
    assert migrator.migrate().applied == [
        "V002__search_indexes.cypher",
        "V003__url_safe_ids_and_provenance.cypher",
        "V004__index_calculation_entity_id.cypher",
        "V005__version_history.cypher",
        "V006__tenants.cypher",
        "V007__read_model_log.cypher",
        "V008__idempotent_requests.cypher",
    ]
    with pytest.raises(MigrationError, match="rollback --to 1"):
        migrator.migrate(target=1)


def test_out_of_order_needs_the_flag(graph: Graph, migrations_dir: Path) -> None:
    write_migrations(
        migrations_dir,
        {"V001__a.cypher": "CREATE (:Step {n: 1});", "V003__c.cypher": "CREATE (:Step {n: 3});"},
    )
    migrator = Migrator(graph, migrations_dir)
    migrator.migrate()
    write_migrations(migrations_dir, {"V002__hotfix.cypher": "CREATE (:Step {n: 2});"})
    with pytest.raises(
        MigrationError, match=r"V002 is lower than the applied V003.*--out-of-order"
    ):
        migrator.migrate()
    assert _count(graph, "Step") == 2
    assert migrator.migrate(out_of_order=True).applied == ["V002__hotfix.cypher"]
    assert _count(graph, "Step") == 3


def test_baseline_adopts_an_existing_database(graph: Graph, migrations_dir: Path) -> None:
    write_migrations(
        migrations_dir,
        {"V001__old.cypher": "CREATE (:Old);", "V002__new.cypher": "CREATE (:New);"},
    )
    graph.driver.execute_query("CREATE (:Old)", database_=graph.database)
    migrator = Migrator(graph, migrations_dir)
    migrator.baseline(1)
    assert [r.status for r in migrator.status().rows] == ["baseline", "pending"]
    assert migrator.migrate().applied == ["V002__new.cypher"]
    assert (_count(graph, "Old"), _count(graph, "New")) == (1, 1)
    with pytest.raises(MigrationError, match="already has a migration history"):
        migrator.baseline(2)
    with pytest.raises(MigrationError, match="below the baseline"):
        migrator.rollback(0)


def test_rollback_refuses_where_an_undo_is_missing(graph: Graph, migrations_dir: Path) -> None:
    write_migrations(
        migrations_dir,
        {
            "V001__a.cypher": "CREATE (:A);",
            "U001__a.cypher": "MATCH (a:A) DELETE a;",
            "V002__b.cypher": "CREATE (:B);",
        },
    )
    migrator = Migrator(graph, migrations_dir)
    migrator.migrate()
    with pytest.raises(MigrationError, match="no undo script for V002"):
        migrator.rollback(0)
    assert (_count(graph, "A"), _count(graph, "B")) == (1, 1), "nothing was undone"


def test_repeatable_scripts_rerun_only_when_changed(graph: Graph, migrations_dir: Path) -> None:
    write_migrations(
        migrations_dir,
        {"V001__a.cypher": "CREATE (:A);", "R__seed.cypher": "MERGE (s:Seed {n: 1}) SET s.v = 1;"},
    )
    migrator = Migrator(graph, migrations_dir)
    assert migrator.migrate().applied == ["V001__a.cypher", "R__seed.cypher"]
    assert migrator.migrate().applied == []
    write_migrations(migrations_dir, {"R__seed.cypher": "MERGE (s:Seed {n: 1}) SET s.v = 2;"})
    assert [r.status for r in migrator.status().rows if r.key == "R:seed"] == ["changed"]
    assert migrator.migrate().applied == ["R__seed.cypher"]


def test_dry_run_touches_nothing_and_reports_the_plan(graph: Graph) -> None:
    graph.driver.execute_query("CREATE (:Existing {n: 1})", database_=graph.database)
    before = graph_fingerprint(graph)
    result = Migrator(graph).migrate(dry_run=True)
    assert graph_fingerprint(graph) == before
    assert [step.script.label for step in result.plan] == [
        "V001__domain_constraints.cypher",
        "V002__search_indexes.cypher",
        "V003__url_safe_ids_and_provenance.cypher",
        "V004__index_calculation_entity_id.cypher",
        "V005__version_history.cypher",
        "V006__tenants.cypher",
        "V007__read_model_log.cypher",
        "V008__idempotent_requests.cypher",
    ]
    assert result.checks == []


def test_dry_run_checks_statements_with_the_linter_and_explain(
    graph: Graph, migrations_dir: Path
) -> None:
    write_migrations(
        migrations_dir,
        {
            "V001__typo.cypher": "MATHC (n) RETURN n;",
            "V002__unknown_function.cypher": "MATCH (n) RETURN no_such_function(n);",
        },
    )
    before = graph_fingerprint(graph)
    checks = Migrator(graph, migrations_dir).migrate(dry_run=True).checks
    assert graph_fingerprint(graph) == before
    joined = "\n".join(checks)
    assert "V001__typo.cypher:1:1: error: Invalid input 'MATHC'" in joined
    assert "V001__typo.cypher: EXPLAIN failed" in joined
    assert "V002__unknown_function.cypher" in joined


def test_schema_diff_reports_drift(graph: Graph) -> None:
    migrate(graph)
    assert schema_diff(graph).clean
    graph.driver.execute_query("DROP INDEX unit_era", database_=graph.database)
    graph.driver.execute_query(
        "CREATE INDEX rogue IF NOT EXISTS FOR (n:Unit) ON (n.rogue)", database_=graph.database
    )
    drift = schema_diff(graph)
    assert drift.missing == ["index unit_era on Unit(era)"]
    assert drift.unexpected == ["index rogue on Unit(rogue)"]


def test_the_schema_guards_refuse_or_migrate_a_schema_behind_the_code(
    graph: Graph, engine_settings: EngineSettings, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(SchemaOutOfDateError, match="Run `graphstore migrate`"):
        connect(engine_settings=engine_settings, schema_guard=require_current)
    with connect(engine_settings=engine_settings) as unguarded:  # no guard: no check
        assert unguarded.read("migrations/schema_version")[0]["version"] is None
    caplog.set_level(logging.INFO, logger="graphstore")
    with connect(engine_settings=engine_settings, schema_guard=apply_pending) as migrated:
        assert Migrator(migrated).status().up_to_date
    assert "applied migrations: V001__domain_constraints.cypher" in caplog.text
    with connect(engine_settings=engine_settings, schema_guard=require_current) as checked:
        assert checked.read("migrations/schema_version")[0]["version"] == 8
