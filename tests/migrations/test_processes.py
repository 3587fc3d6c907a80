"""Migrations across real processes: two at once, a held lock, and kill -9 mid-migration."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphstore import EngineSettings, Graph, LocalEngine
from graphstore.errors import MigrationError
from graphstore.migrations import Migrator
from graphstore.migrations.history import State
from graphstore.migrations.lock import MigrationLock
from tests.conftest import REPO_ROOT
from tests.migrations.conftest import write_migrations

pytestmark = pytest.mark.slow


def _spawn(
    engine_settings: EngineSettings, directory: Path, lock_wait_s: float
) -> subprocess.Popen[str]:
    engine = LocalEngine(engine_settings)
    state = engine.require_running()
    return subprocess.Popen(
        [sys.executable, "-m", "tests.migrations.child_migrate", state.uri, engine.password(),
         state.database, str(directory), str(lock_wait_s)],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def _count(graph: Graph, label: str) -> int:
    records = graph.driver.execute_query(
        f"MATCH (n:{label}) RETURN count(n) AS c", database_=graph.database
    ).records
    return int(records[0]["c"])


def test_two_migrators_at_once_apply_each_migration_exactly_once(
    graph: Graph, engine_settings: EngineSettings, migrations_dir: Path
) -> None:
    write_migrations(
        migrations_dir,
        {
            "V001__bulk.cypher": "UNWIND range(1, 20000) AS i CREATE (:Bulk {i: i});",
            "V002__more.cypher": "UNWIND range(1, 5000) AS i CREATE (:More {i: i});",
        },
    )
    children = [_spawn(engine_settings, migrations_dir, lock_wait_s=120) for _ in range(2)]
    outputs = [child.communicate(timeout=240)[0] for child in children]
    assert [child.returncode for child in children] == [0, 0], outputs
    applied = sorted(
        line for out in outputs for line in out.splitlines() if line.startswith("applied")
    )
    assert applied == ["applied: ", "applied: V001__bulk.cypher,V002__more.cypher"], outputs
    assert (_count(graph, "Bulk"), _count(graph, "More")) == (20000, 5000)
    successes = [
        r.key for r in Migrator(graph, migrations_dir).history.records() if r.state is State.SUCCESS
    ]
    assert successes == ["1", "2"]


def test_a_held_lock_makes_another_migrator_wait_then_fail_clearly(
    graph: Graph, engine_settings: EngineSettings, migrations_dir: Path
) -> None:
    write_migrations(migrations_dir, {"V001__a.cypher": "CREATE (:A);"})
    holder = MigrationLock(graph)
    holder.acquire()
    try:
        began = time.monotonic()
        child = _spawn(engine_settings, migrations_dir, lock_wait_s=2)
        output = child.communicate(timeout=120)[0]
        assert child.returncode == 1
        assert "MigrationLockError: another migration holds the lock" in output
        assert time.monotonic() - began >= 2, "it waited before failing"
        assert _count(graph, "A") == 0
    finally:
        holder.release()
    assert Migrator(graph, migrations_dir).migrate().applied == ["V001__a.cypher"]


def test_kill_9_mid_migration_leaves_a_clear_failed_state_that_repair_resolves(
    graph: Graph,
    engine_settings: EngineSettings,
    migrations_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # 25 million rows that write nothing; the engine caps a single range() near 26.8 million.
    slow = (
        "UNWIND range(1, 5000) AS a UNWIND range(1, 5000) AS b "
        "WITH a, b WHERE a * b < 0 CREATE (:Never {a: a});"
    )
    write_migrations(
        migrations_dir,
        {"V001__first.cypher": "CREATE (:First);", "V002__slow.cypher": slow},
    )
    child = _spawn(engine_settings, migrations_dir, lock_wait_s=10)
    migrator = Migrator(graph, migrations_dir)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        current = migrator.history.current()
        if "2" in current and current["2"].state is State.RUNNING:
            break
        assert child.poll() is None, child.communicate()[0]
        time.sleep(0.05)
    else:
        pytest.fail("V002 never started")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()

    caplog.set_level(logging.WARNING)
    with pytest.raises(MigrationError, match=r"FAILED: interrupted.*graphstore migrate repair"):
        migrator.migrate()
    assert "took over the migration lock" in caplog.text
    assert _count(graph, "First") == 1
    assert _count(graph, "Never") == 0

    assert migrator.repair() == ["cleared FAILED 2 (slow)"]
    write_migrations(migrations_dir, {"V002__slow.cypher": "CREATE (:Second);"})
    assert migrator.migrate().applied == ["V002__slow.cypher"]
    assert migrator.status().up_to_date
