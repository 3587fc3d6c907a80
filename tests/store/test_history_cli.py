"""`graphstore history verify|catch-up|compact|restore-archive` on the test graph."""

from __future__ import annotations

import importlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphstore import GraphStore
from graphstore.cli import app
from graphstore.tenancy.tenants import create_tenant
from tests.store.conftest import unit

history_module = importlib.import_module("graphstore.cli.history")


@pytest.fixture
def cli_graph(catalog: GraphStore, monkeypatch: pytest.MonkeyPatch) -> GraphStore:
    @contextmanager
    def shared(**_: object) -> Iterator[object]:
        yield catalog.graph  # the session's graph: the command must not close it

    monkeypatch.setattr(history_module, "connect", shared)
    return catalog


def test_verify_says_intact_or_what_is_broken(cli_graph: GraphStore) -> None:
    cli_graph.loadouts.update("atlas-stock", {"notes": "one"})
    intact = CliRunner().invoke(app, ["history", "verify", "atlas-stock"])
    assert intact.exit_code == 0, intact.output
    assert "Loadout atlas-stock: 2 version(s), intact" in intact.output
    cli_graph.graph.driver.execute_query(
        "MATCH (v:Version {key: 'Loadout:atlas-stock#2'}) SET v.hash = 'forged'",
        database_=cli_graph.graph.database,
    )
    broken = CliRunner().invoke(app, ["history", "verify", "atlas-stock"])
    assert broken.exit_code == 1
    assert "version 2: its content does not match its hash" in broken.output
    unknown = CliRunner().invoke(app, ["history", "verify", "no-such-id"])
    assert unknown.exit_code == 1
    assert "has recorded versions" in unknown.output


def test_compact_and_restore_archive_from_the_command_line(
    cli_graph: GraphStore, tmp_path: Path
) -> None:
    for note in ("a", "b", "c"):
        cli_graph.loadouts.update("atlas-stock", {"notes": note})
    time.sleep(0.01)
    cutoff = datetime.now(UTC).isoformat()
    archive = tmp_path / "old.jsonl.xz"
    compacted = CliRunner().invoke(
        app, ["history", "compact", "--before", cutoff, "--out", str(archive)]
    )
    assert compacted.exit_code == 0, compacted.output
    assert "archived 3 version(s) of 1 entit(ies)" in compacted.output  # a newest one stays
    assert [v.number for v in cli_graph.loadouts.versions("atlas-stock").items] == [4]
    bad = CliRunner().invoke(app, ["history", "compact", "--before", "last week"])
    assert bad.exit_code != 0
    assert "not an ISO 8601 date" in bad.output
    restored = CliRunner().invoke(app, ["history", "restore-archive", str(archive)])
    assert restored.exit_code == 0, restored.output
    assert "restored 3 version(s)" in restored.output
    assert len(cli_graph.loadouts.versions("atlas-stock").items) == 4


def test_verify_finds_a_tenants_entity_with_tenant(cli_graph: GraphStore) -> None:
    graph = cli_graph.graph
    create_tenant(graph, {"id": "guild-v"})
    guild = GraphStore(graph, tenant="guild-v")
    guild.units.create(unit("guild-mech"))
    unscoped = CliRunner().invoke(app, ["history", "verify", "guild-mech"])
    assert unscoped.exit_code == 1
    assert "no unit or loadout 'guild-mech' has recorded versions" in unscoped.output
    scoped = CliRunner().invoke(app, ["history", "verify", "guild-mech", "--tenant", "guild-v"])
    assert scoped.exit_code == 0, scoped.output
    assert "Unit guild-mech: 1 version(s), intact" in scoped.output
    unknown = CliRunner().invoke(app, ["history", "verify", "guild-mech", "--tenant", "nope"])
    assert unknown.exit_code == 1
    assert "Tenant 'nope' does not exist" in str(unknown.exception)
