"""Index management through migrations: list with origins, create and drop as V/U pairs,
rebuild from the declaring statement; and the refusals."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graphstore import Graph
from graphstore.engine import admin
from graphstore.errors import ValidationError
from graphstore.indexes import list_indexes, plan_drop, plan_index, rebuild
from graphstore.migrations import Migrator
from graphstore.resources import resource_dir


@pytest.fixture
def migrations(graph: Graph, tmp_path: Path) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(resource_dir("migrations"), folder)
    Migrator(graph, folder).migrate()
    return folder


def _by_name(graph: Graph, folder: Path) -> dict[str, object]:
    return {index.name: index for index in list_indexes(graph, folder)}


def test_every_shipped_index_has_its_migration(graph: Graph, migrations: Path) -> None:
    found = list_indexes(graph, migrations)
    assert found
    assert [i.name for i in found if i.unowned] == []
    origins = {i.name: i.migration for i in found}
    assert origins["unit_tonnage"] == "V002"
    backed = [i for i in found if i.constraint == "unit_id"]
    assert [i.migration for i in backed] == ["V001"]


def test_an_index_no_migration_declares_is_flagged(graph: Graph, migrations: Path) -> None:
    admin.run(graph, admin.index_statement("stray_index", "Unit", "role"))
    stray = [i for i in list_indexes(graph, migrations) if i.unowned]
    assert [i.name for i in stray] == ["stray_index"]
    with pytest.raises(ValidationError, match="declared by no migration"):
        plan_drop(graph, "stray_index", migrations)


def test_create_apply_rebuild_drop_and_roll_back(graph: Graph, migrations: Path) -> None:
    shipped = Migrator(graph, migrations).scripts().latest_version
    created = plan_index(graph, "Unit", "chassis", directory=migrations)
    assert created.version == shipped + 1
    created.write(migrations)
    assert Migrator(graph, migrations).migrate().applied
    index = _by_name(graph, migrations)["unit_chassis"]
    assert index.migration == f"V{shipped + 1:03d}"
    assert rebuild(graph, "unit_chassis", migrations) == ["unit_chassis"]
    assert "unit_chassis" in _by_name(graph, migrations)

    dropped = plan_drop(graph, "unit_chassis", migrations)
    assert "CREATE INDEX `unit_chassis`" in dropped.undo, "its undo recreates it as declared"
    dropped.write(migrations)
    Migrator(graph, migrations).migrate()
    assert "unit_chassis" not in _by_name(graph, migrations)
    Migrator(graph, migrations).rollback(shipped)
    assert "unit_chassis" not in _by_name(graph, migrations), "its undo drops it again"
    assert Migrator(graph, migrations).status().schema_version == shipped


def test_rebuild_brings_back_an_index_the_engine_lost(graph: Graph, migrations: Path) -> None:
    admin.run(graph, admin.drop_index_statement("calculation_entity_id"))
    assert "calculation_entity_id" not in _by_name(graph, migrations)
    assert rebuild(graph, "calculation_entity_id", migrations) == ["calculation_entity_id"]
    assert _by_name(graph, migrations)["calculation_entity_id"].migration == "V004"  # type: ignore[attr-defined]
    with pytest.raises(ValidationError, match="no index 'nothing_here'"):
        rebuild(graph, "nothing_here", migrations)
    with pytest.raises(ValidationError, match="unit_id is a constraint"):
        rebuild(graph, "unit_id", migrations)


@pytest.mark.parametrize(
    ("label", "prop", "name", "says"),
    [
        ("Unit", "tonnage", None, "Unit.tonnage already has index unit_tonnage"),
        ("Unit", "id", None, "Unit.id already has index"),
        ("Unit) DETACH DELETE (n", "x", None, "is not a plain name"),
        ("Unit", "chassis", "Bad Name", "use a-z, 0-9 and _"),
        ("Unit", "chassis", "unit_tonnage", "index unit_tonnage exists"),
        ("Unit", "chassis\n", None, "is not a plain name"),
        ("Unit", "chassis", "x\n", "use a-z, 0-9 and _"),
    ],
)
def test_create_refuses_what_exists_or_is_unsafe(
    graph: Graph, migrations: Path, label: str, prop: str, name: str | None, says: str
) -> None:
    with pytest.raises(ValidationError, match=says):
        plan_index(graph, label, prop, name=name, directory=migrations)


def test_drop_refuses_a_constraint_backed_or_unknown_index(graph: Graph, migrations: Path) -> None:
    backed = next(i.name for i in list_indexes(graph, migrations) if i.constraint == "unit_id")
    with pytest.raises(ValidationError, match="backs constraint unit_id"):
        plan_drop(graph, backed, migrations)
    with pytest.raises(ValidationError, match="no index 'nope'"):
        plan_drop(graph, "nope", migrations)
    with pytest.raises(ValidationError, match="backs a constraint"):
        rebuild(graph, backed, migrations)


def test_the_cli_writes_the_pair_and_applies_it(
    graph: Graph, migrations: Path, engine_home: Path
) -> None:
    env = {**os.environ, "GRAPHSTORE_HOME": str(engine_home), "COLUMNS": "250"}
    env.pop("NEO4J_URI", None)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "graphstore", "index", *args, "--dir", str(migrations)],
            capture_output=True, text=True, env=env, timeout=120, check=False,
        )  # fmt: skip

    listed = cli("list")
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert "unit_tonnage" in listed.stdout
    new = Migrator(graph, migrations).scripts().latest_version + 1
    made = cli("create", "Equipment", "name", "--apply")
    assert made.returncode == 0, made.stderr
    assert f"applied V{new:03d}__index_equipment_name.cypher" in made.stdout
    assert (migrations / f"U{new:03d}__index_equipment_name.cypher").is_file()
    again = cli("create", "Equipment", "name")
    assert again.returncode == 1
    assert "already has index equipment_name" in again.stderr
    assert "rebuilt equipment_name" in cli("rebuild", "equipment_name").stdout


def test_a_written_but_unapplied_index_is_not_written_twice(graph: Graph, migrations: Path) -> None:
    plan_index(graph, "Unit", "chassis", directory=migrations).write(migrations)
    with pytest.raises(ValidationError, match="a migration already declares unit_chassis"):
        plan_index(graph, "Unit", "chassis", directory=migrations)
