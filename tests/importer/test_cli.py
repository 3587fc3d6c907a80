"""`graphstore import megamek|rules` and `graphstore demo` through the real command line app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphstore import EngineSettings, Graph, graph_hash
from graphstore.cli import app
from graphstore.importer.demo import demo_path, rules_path
from tests.importer.conftest import WriteJson, unit


@pytest.fixture
def cli_env(
    migrated: Graph, engine_settings: EngineSettings, monkeypatch: pytest.MonkeyPatch
) -> Graph:
    if migrated.info.kind != "arcadedb":
        pytest.skip("the CLI test drives the local engine")
    monkeypatch.setenv("GRAPHSTORE_HOME", str(engine_settings.home))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    return migrated


def test_import_megamek_dry_run_writes_the_report_and_nothing_else(
    cli_env: Graph, tmp_path: Path
) -> None:
    before = graph_hash(cli_env)
    report = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["import", "megamek", str(demo_path()), "--report", str(report), "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "dry run" in result.output
    assert "units imported" in result.output
    assert graph_hash(cli_env) == before
    document = json.loads(report.read_text())
    assert document["counts"]["units_imported"] == 15


def test_import_then_rules_then_demo(cli_env: Graph) -> None:
    runner = CliRunner()
    imported = runner.invoke(app, ["import", "megamek", str(demo_path())])
    assert imported.exit_code == 0, imported.output
    rules = runner.invoke(app, ["import", "rules", str(rules_path())])
    assert rules.exit_code == 0, rules.output
    assert "conflicts" in rules.output
    before = graph_hash(cli_env)
    tour = runner.invoke(app, ["demo"])
    assert tour.exit_code == 0, tour.output
    assert graph_hash(cli_env) == before
    assert "what fits in LEFT_TORSO" in tour.output
    assert "units" in tour.output


def test_warnings_exit_0_errors_and_strict_warnings_exit_1(
    cli_env: Graph, write_json: WriteJson
) -> None:
    """A unit whose file lists no equipment is imported, with a warning: exit 0 (1 with
    --strict). A file that cannot be read is an error: exit 1."""
    root = write_json("units/empty.json", unit("empty-mech", []))
    noted = CliRunner().invoke(app, ["import", "megamek", str(root)])
    assert noted.exit_code == 0, noted.output
    assert "empty equipment list" in noted.output
    strict = CliRunner().invoke(app, ["import", "megamek", str(root), "--strict"])
    assert strict.exit_code == 1, strict.output
    write_json("units/cut.json", json.dumps(unit("cut-mech", []))[:60])
    failed = CliRunner().invoke(app, ["import", "megamek", str(root)])
    assert failed.exit_code == 1, failed.output
    assert "units/cut.json" in failed.output
