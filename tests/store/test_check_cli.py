"""`graphstore check [--repair]` on the test graph."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphstore import GraphStore
from graphstore.cli import app

# The package re-exports the command function under the module's name.
check_module = importlib.import_module("graphstore.cli.check")


@pytest.fixture
def cli_graph(catalog: GraphStore, monkeypatch: pytest.MonkeyPatch) -> GraphStore:
    @contextmanager
    def shared(**_: object) -> Iterator[object]:
        yield catalog.graph  # the session's graph: the command must not close it

    monkeypatch.setattr(check_module, "connect", shared)
    return catalog


def test_a_sound_graph_exits_zero(cli_graph: GraphStore) -> None:
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "the graph is sound" in result.output


def test_repair_fixes_logs_and_exits_by_what_remains(cli_graph: GraphStore, tmp_path: Path) -> None:
    graph = cli_graph.graph
    graph.driver.execute_query(
        "MATCH (l:Loadout {id: 'atlas-stock'})<-[r:HAS_LOADOUT]-() DELETE r",
        database_=graph.database,
    )
    found = CliRunner().invoke(app, ["check", "--format", "json"])
    assert found.exit_code == 1
    assert [f["kind"] for f in json.loads(found.output)["findings"]] == ["orphan_loadout"]

    log = tmp_path / "repair.log"
    repaired = CliRunner().invoke(app, ["check", "--repair", "--log", str(log)])
    assert repaired.exit_code == 0, repaired.output
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(e["kind"], e["id"]) for e in entries] == [("orphan_loadout", "atlas-stock")]
    assert entries[0]["actor"] == "graphstore check"
